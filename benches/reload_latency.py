#!/usr/bin/env python3
"""Reload latency under `candor serve`: time from saving one page to the `reload` event.

Starts `CANDOR serve --root SITE --port PORT`, waits for the first build, subscribes to the
live-reload event stream (Server-Sent Events at /__candor/events) as a browser tab would, then
EDITS times appends a line to one page and measures, for each save, the time until the server
announces the new build. Finally fetches the edited page and checks the edit is in it. Prints
one line of JSON: {"runs": [seconds...], "median": s, "min": s, "max": s}. The page file is
restored afterwards.

usage: reload_latency.py CANDOR SITE PAGE PORT [EDITS]
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request


def wait_for_port(port, deadline):
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"candor serve did not listen on port {port}")


def events(port):
    """Yields (event, data) from the live-reload stream."""
    stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/__candor/events", timeout=120)
    name, data = None, []
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
        elif line == "":
            if name:
                yield name, "\n".join(data)
            name, data = None, []


def main():
    candor, site, page, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    edits = int(sys.argv[5]) if len(sys.argv) > 5 else 5
    page_file = os.path.join(site, page)
    original = open(page_file, encoding="utf-8").read()
    server = subprocess.Popen(
        [candor, "serve", "--root", site, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, time.monotonic() + 120)
        stream = events(port)
        received = []
        arrived = threading.Event()

        def listen():
            for name, _ in stream:
                if name == "reload":
                    received.append(time.monotonic())
                    arrived.set()
                elif name == "problems":
                    received.append(None)
                    arrived.set()

        # The first event is `hello`, sent once the first build is served.
        name, _ = next(stream)
        if name != "hello":
            raise SystemExit(f"expected a hello event, got {name}")
        threading.Thread(target=listen, daemon=True).start()
        runs = []
        for edit in range(edits):
            time.sleep(0.3)  # let the watcher settle between saves
            arrived.clear()
            received.clear()
            started = time.monotonic()
            with open(page_file, "a", encoding="utf-8") as file:
                file.write(f"\nReload check {edit}.\n")
            if not arrived.wait(60):
                raise SystemExit("no reload event within 60 s")
            if received[0] is None:
                raise SystemExit("the rebuild after the edit reported problems")
            runs.append(received[0] - started)
        served = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/" + page_path(page), timeout=30
        ).read().decode("utf-8")
        if f"Reload check {edits - 1}." not in served:
            raise SystemExit("the served page does not show the last edit")
        print(
            json.dumps(
                {
                    "runs": runs,
                    "median": statistics.median(runs),
                    "min": min(runs),
                    "max": max(runs),
                }
            )
        )
    finally:
        server.terminate()
        server.wait(10)
        with open(page_file, "w", encoding="utf-8") as file:
            file.write(original)


def page_path(page):
    """content/s00/t0/p0.md -> s00/t0/p0/"""
    relative = page.split("content/", 1)[1]
    return relative[: -len(".md")] + "/"


if __name__ == "__main__":
    main()
