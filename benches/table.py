#!/usr/bin/env python3
"""Turns the measurements `benches/compare.sh` leaves in RESULTS into the table and the target
checks of BENCHMARKS.md, printed as Markdown.

RESULTS holds, per measurement NAME: NAME.json (a hyperfine --export-json file), NAME.rss (peak
resident memory in KiB, from /usr/bin/time) and optionally NAME.count (files handled); and
reload.txt from serve-latency.py. Zola's target is judged against Zola measured in the same run
(zola-10k); only when Zola was missing does it fall back to issue 8's absolute figure.

usage: table.py RESULTS
"""

import json
import os
import sys

ZOLA_10K_SECONDS = 1.4  # Zola on this corpus shape, as issue 8 gave it: used only without zola-10k

ROWS = [
    ("copy-1k", "cp -r content/ (floor), 1k pages"),
    ("copy-10k", "cp -r content/ (floor), 10k pages"),
    ("candor-1k", "candor build, 1k pages"),
    ("candor-10k", "candor build, 10k pages"),
    ("candor-unsigned-10k", "candor build without signing, 10k pages"),
    ("zola-1k", "zola build, 1k pages"),
    ("zola-10k", "zola build, 10k pages"),
    ("hugo-1k", "hugo, 1k pages"),
    ("hugo-10k", "hugo, 10k pages"),
    ("check-10k", "candor check, 10k pages"),
    ("floor-ingest", "read every response file (floor), 100k files"),
    ("ingest", "candor-collect ingest, 100k files"),
    ("python-ingest", "naive Python json + sqlite3 ingest, 100k files"),
    ("report", "candor-collect report, 100k stored responses"),
]


def load(results, name):
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as file:
        result = json.load(file)["results"][0]
    times = sorted(result["times"])
    middle = len(times) // 2
    median = times[middle] if len(times) % 2 else (times[middle - 1] + times[middle]) / 2
    row = {
        "median": median,
        "min": times[0],
        "max": times[-1],
        "runs": len(times),
        "mean": result["mean"],
        "stddev": result.get("stddev") or 0.0,
        "cpu": (result.get("user", 0.0), result.get("system", 0.0)),
    }
    rss = os.path.join(results, name + ".rss")
    if os.path.exists(rss):
        row["rss_mb"] = int(open(rss).read().strip() or 0) / 1024
    count = os.path.join(results, name + ".count")
    if os.path.exists(count):
        row["count"] = int(open(count).read().strip() or 0)
    return row


def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def main():
    results = sys.argv[1]
    rows = {name: load(results, name) for name, _ in ROWS}
    print("| Measurement | Mean ± σ | Median | Min – max | Runs | CPU user + sys | Peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, label in ROWS:
        row = rows[name]
        if row is None:
            continue
        rss = f"{row['rss_mb']:.0f} MB" if "rss_mb" in row else ""
        user, system = row["cpu"]
        print(
            f"| {label} | {seconds(row['mean'])} ± {seconds(row['stddev'])} | "
            f"{seconds(row['median'])} | {seconds(row['min'])} – {seconds(row['max'])} | "
            f"{row['runs']} | {user:.2f} + {system:.2f} s | {rss} |"
        )
    reload = load_reload(os.path.join(results, "reload.txt"))
    if reload:
        print(
            f"| candor serve: one-page edit to reload event, 10k pages | | "
            f"{seconds(reload['median'])} | {seconds(reload['min'])} – "
            f"{seconds(reload['max'])} | {len(reload['runs'])} | | |"
        )
    print()
    print("| Target | Measured | Met |")
    print("|---|---:|:---:|")
    for target, measured, met in checks(rows, reload, results):
        print(f"| {target} | {measured} | {'yes' if met else '**no**'} |")


def load_reload(path):
    """Save-to-reload times from serve-latency.py's `  all: 120, 95, ...` line (milliseconds)."""
    if not os.path.exists(path):
        return None
    for line in open(path):
        if line.strip().startswith("all:"):
            runs = sorted(float(ms) / 1000 for ms in line.split(":", 1)[1].split(","))
            middle = len(runs) // 2
            median = runs[middle] if len(runs) % 2 else (runs[middle - 1] + runs[middle]) / 2
            return {"runs": runs, "median": median, "min": runs[0], "max": runs[-1]}
    return None


def ratio(rows, a, b):
    if rows.get(a) and rows.get(b):
        return rows[a]["median"] / rows[b]["median"]
    return None


def checks(rows, reload, results):
    found = []
    signed = rows.get("candor-10k")
    zola = rows.get("zola-10k")
    if signed and zola:
        share = signed["mean"] / zola["mean"]
        found.append(
            (
                f"10k build with signing ≤ 0.5× Zola, same run (means: "
                f"{seconds(signed['mean'])} ÷ {seconds(zola['mean'])})",
                f"{share:.2f}×",
                share <= 0.5,
            )
        )
    elif signed:
        found.append(
            (
                f"10k build with signing ≤ 0.5× Zola (not measured; issue 8's {ZOLA_10K_SECONDS} s) = "
                f"{ZOLA_10K_SECONDS / 2:.2f} s",
                seconds(signed["median"]),
                signed["median"] <= ZOLA_10K_SECONDS / 2,
            )
        )
        if "rss_mb" in signed:
            found.append(
                ("10k build peak memory < 100 MB", f"{signed['rss_mb']:.0f} MB", signed["rss_mb"] < 100)
            )
    for label, value, limit in [
        ("10k build ≤ 0.25× Hugo", ratio(rows, "candor-10k", "hugo-10k"), 0.25),
        ("10k build ≤ 11× 1k build (linear)", ratio(rows, "candor-10k", "candor-1k"), 11),
        ("10k build ≤ 3× copying the content", ratio(rows, "candor-10k", "copy-10k"), 3),
        ("ingest ≤ 2× the read floor", ratio(rows, "ingest", "floor-ingest"), 2),
    ]:
        if value is not None:
            found.append((label, f"{value:.2f}×", value <= limit))
    python = ratio(rows, "python-ingest", "ingest")
    if python is not None:
        found.append(("ingest ≥ 3× faster than naive Python", f"{python:.1f}×", python >= 3))
    ingest = rows.get("ingest")
    if ingest:
        files = ingest.get("count", 100_000)
        rate = files / ingest["median"]
        found.append(("ingest ≥ 100,000 files/s", f"{rate:,.0f} files/s", rate >= 100_000))
        half = os.path.join(results, "ingest-half.rss")
        if "rss_mb" in ingest and os.path.exists(half):
            small = int(open(half).read().strip() or 0) / 1024
            found.append(
                (
                    "ingest peak memory flat in files (100k ≤ 1.25× 50k)",
                    f"{small:.0f} → {ingest['rss_mb']:.0f} MB",
                    small > 0 and ingest["rss_mb"] <= 1.25 * small,
                )
            )
    report = rows.get("report")
    if report:
        found.append(("report on 100k responses < 0.3 s", seconds(report["median"]), report["median"] < 0.3))
    if reload:
        found.append(("serve: edit → reload event < 50 ms", seconds(reload["median"]), reload["median"] < 0.05))
    return found


if __name__ == "__main__":
    main()
