#!/usr/bin/env python3
"""Time from saving one page to the live-reload event under `candor serve`.

Usage (the site should be on a RAM disk such as /dev/shm, not /tmp):

    cargo run --release --example gen-corpus -- /dev/shm/c10k 10000
    cargo build --release
    python3 benches/serve-latency.py /dev/shm/c10k [--runs 20] [--page content/s02/t2/p4242.md]

It starts `target/release/candor serve --port 0`, opens the `__candor/events` stream like a
browser tab, then rewrites the page RUNS times (changing one sentence of its body), timing
each write until the `reload` event arrives, and prints median, min and max together with
the rebuild times `serve` itself reports, what is left of each save's time outside its
rebuild (waiting for the save to end, publishing, the event), and the CPU time `serve` used
per save, which a busy machine inflates less than wall time. Standard library only (the CPU
time is read from /proc, so only on Linux).
"""

import argparse
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(HERE, "..", "target", "release", "candor")


def start_server(binary, root):
    server = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", root],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    lines = []
    url = None
    for line in server.stdout:
        lines.append(line.rstrip("\n"))
        match = re.search(r"serving (http://\S+)", line)
        if match:
            url = match.group(1)
            break
    if url is None:
        sys.exit("serve printed no URL:\n" + "\n".join(lines))
    reports = []

    def collect():
        for line in server.stdout:
            reports.append(line.rstrip("\n"))

    threading.Thread(target=collect, daemon=True).start()
    return server, url, lines, reports


def open_events(url):
    host_port, _, path = url[len("http://"):].partition("/")
    host, _, port = host_port.partition(":")
    stream = socket.create_connection((host, int(port)))
    request = (
        f"GET /{path}__candor/events HTTP/1.1\r\nHost: {host_port}\r\n"
        "Accept: text/event-stream\r\n\r\n"
    )
    stream.sendall(request.encode())
    return stream.makefile("r", encoding="utf-8", newline="\n")


def follow_events(events):
    """Reads event names into a queue, timestamped as they arrive."""
    arrived = queue.Queue()

    def read():
        name = None
        for line in events:
            line = line.rstrip("\r\n")
            if line.startswith("event:"):
                name = line[len("event:"):].strip()
            elif line == "" and name is not None:
                arrived.put((name, time.perf_counter()))
                name = None
        arrived.put(("end", time.perf_counter()))

    threading.Thread(target=read, daemon=True).start()
    return arrived


def next_event(arrived):
    name, at = arrived.get(timeout=30)
    if name == "end":
        raise SystemExit("the event stream ended")
    return name, at


def cpu_seconds(pid):
    """User plus system CPU time of process `pid` so far, or None where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # Fields 14 and 15 of stat(5) (utime, stime), counted after the command name.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(values, unit="ms"):
    return (
        f"median {statistics.median(values):.1f} {unit}, "
        f"min {min(values):.1f} {unit}, max {max(values):.1f} {unit}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--page", default="content/s02/t2/p4242.md")
    parser.add_argument("--pause", type=float, default=0.3, help="seconds between saves")
    parser.add_argument("--binary", default=DEFAULT_BINARY)
    args = parser.parse_args()

    page = os.path.join(args.root, args.page)
    with open(page, encoding="utf-8") as file:
        original = file.read()
    marker = "Staff **acknowledge**"
    if marker not in original:
        sys.exit(f"{page} is not a gen-corpus page (no {marker!r})")

    server, url, startup, reports = start_server(args.binary, args.root)
    try:
        print("\n".join(startup))
        arrived = follow_events(open_events(url))
        while next_event(arrived)[0] != "hello":
            pass
        timings = []
        cpu_before = cpu_seconds(server.pid)
        for run in range(args.runs):
            time.sleep(args.pause)
            # A save the watcher saw as two bursts reloads twice: skip the late second one.
            while not arrived.empty():
                next_event(arrived)
            text = original.replace(marker, f"Staff (revision {run}) **acknowledge**", 1)
            started = time.perf_counter()
            with open(page, "w", encoding="utf-8") as file:
                file.write(text)
            while True:
                name, at = next_event(arrived)
                if name == "reload":
                    break
                if name == "problems":
                    sys.exit("the edit was rejected; see the server output")
            timings.append((at - started) * 1000)
        time.sleep(0.2)
        cpu_after = cpu_seconds(server.pid)
    finally:
        with open(page, "w", encoding="utf-8") as file:
            file.write(original)
        server.terminate()
        server.wait()

    rebuilds = [line for line in reports if "changed:" in line]
    print(f"{len(timings)} saves of {args.page}: save -> reload event")
    print("  " + summary(timings))
    print("  all: " + ", ".join(f"{t:.0f}" for t in timings))
    rebuild_ms = [int(m.group(1)) for m in map(re.compile(r" in (\d+) ms").search, rebuilds) if m]
    if rebuild_ms:
        print("rebuild time serve reports: " + summary(rebuild_ms))
    if len(rebuild_ms) == len(timings):
        outside = [total - rebuild for total, rebuild in zip(timings, rebuild_ms)]
        print("save -> reload outside the rebuild: " + summary(outside))
    else:
        print(f"({len(rebuild_ms)} rebuilds for {len(timings)} saves: a save was seen twice)")
    if cpu_before is not None and cpu_after is not None:
        per_save = (cpu_after - cpu_before) * 1000 / len(timings)
        print(f"serve's CPU time per save (user + system, mean): {per_save:.1f} ms")
    print("server reports:")
    for line in rebuilds[:3] + (["..."] if len(rebuilds) > 3 else []):
        print("  " + line)


if __name__ == "__main__":
    main()
