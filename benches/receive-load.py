#!/usr/bin/env python3
"""Durable responses per second through `candor-collect receive`.

Usage:

    cargo build --release --bin candor-collect
    python3 benches/receive-load.py [--clients 200] [--responses 20000] [--binary PATH]

It makes a throw-away site with one survey in a temporary folder (put TMPDIR on the disk you
want to measure: every acknowledgement waits for an fsync), starts
`candor-collect receive --bind 127.0.0.1:0` on it, and has CLIENTS threads, each with one
keep-alive connection, POST RESPONSES distinct valid responses. Every 201 is an
acknowledgement of a committed, synchronous=FULL transaction, so responses / elapsed is the
rate of durable acknowledgements. It then checks that the store holds exactly RESPONSES rows,
and prints the rate with the server's CPU time (from /proc, so Linux only). Standard library
only. The clients share the machine with the server: on two cores, they cost it about as
much CPU as it uses.
"""

import argparse
import http.client
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(HERE, "..", "target", "release", "candor-collect")

SURVEY = """id: pulse
title: Staff pulse
version: 1
opens: 2026-01-01
closes: 2030-12-31
anonymity: Nothing you send identifies you.
questions:
  - id: contacted
    type: single
    required: true
    label: Did you deal with staff?
    choices:
      - {id: "yes", label: "Yes"}
      - {id: "no", label: "No"}
  - id: note
    type: text
    label: Anything to add?
    max_length: 200
"""


def response(n):
    return (
        '{"format":"candor-response/1","survey":"pulse","version":1,'
        f'"response_id":"{n:08x}-0000-4000-8000-{n:012x}","submitted":"2026-03-01",'
        '"answers":{"contacted":"yes","note":"Replies came quickly and were helpful."}}'
    ).encode()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--responses", type=int, default=20000)
    parser.add_argument("--binary", default=DEFAULT_BINARY)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "surveys"))
        with open(os.path.join(root, "site.yaml"), "w") as f:
            f.write("title: Load\nbase_url: https://survey.example.org/\n")
        with open(os.path.join(root, "surveys", "pulse.yaml"), "w") as f:
            f.write(SURVEY)
        server = subprocess.Popen(
            [args.binary, "receive", "--root", root, "--bind", "127.0.0.1:0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            line = server.stdout.readline()
            match = re.search(r"http://([\d.]+):(\d+)/", line)
            if not match:
                sys.exit(f"receive printed no URL: {line!r}")
            host, port = match.group(1), int(match.group(2))
            statuses = {}
            lock = threading.Lock()

            def client(first):
                connection = http.client.HTTPConnection(host, port, timeout=60)
                counts = {}
                for n in range(first, args.responses, args.clients):
                    connection.request(
                        "POST", "/responses", body=response(n),
                        headers={"Content-Type": "application/json"},
                    )
                    reply = connection.getresponse()
                    reply.read()
                    counts[reply.status] = counts.get(reply.status, 0) + 1
                with lock:
                    for status, count in counts.items():
                        statuses[status] = statuses.get(status, 0) + count

            threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
            cpu_before = cpu_seconds(server.pid)
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            cpu = cpu_seconds(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait()
        stored = sqlite3.connect(os.path.join(root, ".candor", "responses.sqlite")).execute(
            "SELECT COUNT(*) FROM responses").fetchone()[0]
    print(f"{args.responses} responses from {args.clients} clients in {elapsed:.2f} s: "
          f"{args.responses / elapsed:,.0f} durable responses/s "
          f"(server CPU {cpu:.2f} s, {1e6 * cpu / args.responses:.0f} µs per response); "
          f"answers {dict(sorted(statuses.items()))}; stored {stored}")
    if statuses != {201: args.responses} or stored != args.responses:
        sys.exit("error: not every response was stored exactly once")


if __name__ == "__main__":
    main()
