"""The reference for candor-collect ingest benchmarks: what a user would otherwise write.

Loads each file of a folder with `json` and inserts it with `sqlite3` in one transaction, with
no validation at all. Usage: python3 examples/naive-ingest.py FOLDER DATABASE
"""

import json
import os
import sqlite3
import sys
import time

folder, database = sys.argv[1], sys.argv[2]
started = time.perf_counter()
connection = sqlite3.connect(database)
connection.execute(
    "CREATE TABLE IF NOT EXISTS responses (survey TEXT, response_id TEXT, document TEXT,"
    " PRIMARY KEY (survey, response_id))"
)
stored = 0
with connection:
    for name in sorted(os.listdir(folder)):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as file:
                response = json.load(file)
            connection.execute(
                "INSERT OR IGNORE INTO responses VALUES (?, ?, ?)",
                (response["survey"], response["response_id"], json.dumps(response)),
            )
            stored += 1
        except (ValueError, KeyError, TypeError):
            continue
seconds = time.perf_counter() - started
print(f"stored {stored} files in {seconds:.3f} s: {stored / seconds:.0f} files/s")
