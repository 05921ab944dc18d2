#!/usr/bin/env bash
# Two builds of Candor side by side in one run: the 10,000-page signed build and the
# 100,000-response ingest, each binary alternating under hyperfine on the same corpus, so that
# machine noise hits both alike. This is how each change's "no slower than before" is measured.
#
#   benches/before-after.sh OLD_BIN_DIR NEW_BIN_DIR
#
# Each folder holds a `candor` and a `candor-collect` (e.g. a copy of target/release from the
# commit before the change). The corpus is made by the NEW folder's sibling example
# `gen-corpus` (target/release/examples/gen-corpus) in BENCH_DIR (default
# /dev/shm/candor-before-after), once. RUNS (default 5) timed runs per binary. Never run in CI.
set -euo pipefail

old=$(cd "$1" && pwd)
new=$(cd "$2" && pwd)
REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/dev/shm/candor-before-after}
RUNS=${RUNS:-5}
site=$BENCH_DIR/site-10k

command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
if [ ! -d "$site" ]; then
    mkdir -p "$BENCH_DIR"
    "$REPO/target/release/examples/gen-corpus" "$site" 10000 "$REPO" --git 20 --responses 100000
fi

# Each binary replaces its own previous build, as a user's rebuild does.
for side in old new; do
    dir=${!side}
    "$dir/candor" build --root "$site" --output "$BENCH_DIR/out-$side" >/dev/null 2>&1
done
hyperfine --style basic --warmup 1 --runs "$RUNS" \
    -n "build 10k (before)" "$old/candor build --root $site --output $BENCH_DIR/out-old" \
    -n "build 10k (after)" "$new/candor build --root $site --output $BENCH_DIR/out-new"

# Issue 17: the same pages with a French translation beside each, built within 2.2× the
# one-language time. Both corpora are made from this repository's theme in one go, and built
# by the new binary only: a theme may need features an older binary lacks.
site_one=$BENCH_DIR/site-10k-one
site_fr=$BENCH_DIR/site-10k-fr
[ -d "$site_one" ] || "$REPO/target/release/examples/gen-corpus" "$site_one" 10000 "$REPO" --git 20
[ -d "$site_fr" ] || "$REPO/target/release/examples/gen-corpus" "$site_fr" 10000 "$REPO" --git 20 --languages fr
hyperfine --style basic --warmup 1 --runs "$RUNS" \
    -n "build 10k one language" "$new/candor build --root $site_one --output $BENCH_DIR/out-one" \
    -n "build 10k two languages" "$new/candor build --root $site_fr --output $BENCH_DIR/out-fr"

hyperfine --style basic --warmup 1 --runs "$(( RUNS < 3 ? RUNS : 3 ))" \
    --prepare "rm -rf $BENCH_DIR/store-old $BENCH_DIR/store-new" \
    -n "ingest 100k (before)" \
    "$old/candor-collect ingest --json --root $site --store $BENCH_DIR/store-old/responses.sqlite $site/responses" \
    -n "ingest 100k (after)" \
    "$new/candor-collect ingest --json --root $site --store $BENCH_DIR/store-new/responses.sqlite $site/responses"
