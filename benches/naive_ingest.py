#!/usr/bin/env python3
"""The ingest a user might write in an afternoon, as a yardstick for `candor-collect ingest`.

Reads every *.json file under FOLDER with the standard `json` module, keeps the files whose
header matches the survey (format, survey, version and the six top-level keys) and stores each
response once, keyed by response_id, in SQLite with the standard `sqlite3` module, in one
transaction. It checks far less than the collector (no answer validation, no quarantine), so
it is a generous baseline: the collector is held to beating it, not to matching its checks.

usage: naive_ingest.py FOLDER DATABASE
"""

import json
import os
import sqlite3
import sys

KEYS = {"format", "survey", "version", "response_id", "submitted", "answers"}


def main():
    folder, database = sys.argv[1], sys.argv[2]
    connection = sqlite3.connect(database)
    connection.execute(
        "CREATE TABLE IF NOT EXISTS responses ("
        " response_id TEXT PRIMARY KEY, survey TEXT, submitted TEXT, answers TEXT)"
    )
    stored = rejected = 0
    with connection:
        for directory, _, names in os.walk(folder):
            for name in names:
                if not name.endswith(".json"):
                    continue
                try:
                    with open(os.path.join(directory, name), encoding="utf-8") as file:
                        response = json.load(file)
                except (ValueError, OSError):
                    rejected += 1
                    continue
                if (
                    not isinstance(response, dict)
                    or set(response) != KEYS
                    or response["format"] != "candor-response/1"
                    or response["survey"] != "community-2026"
                    or response["version"] != 1
                ):
                    rejected += 1
                    continue
                cursor = connection.execute(
                    "INSERT OR IGNORE INTO responses VALUES (?, ?, ?, ?)",
                    (
                        response["response_id"],
                        response["survey"],
                        response["submitted"],
                        json.dumps(response["answers"]),
                    ),
                )
                stored += cursor.rowcount
    connection.close()
    print(f"stored {stored}, rejected {rejected}")


if __name__ == "__main__":
    main()
