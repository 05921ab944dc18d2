#!/usr/bin/env bash
# Issue 17's budget: a 10,000-page site with a translation beside each page must build within
# 2.2 times the one-language time. Builds the two corpora (the same pages, with and without a
# `.fr.md` beside each) alternately, ROUNDS times each, every build replacing its previous
# output as a user's rebuild does, and prints the mean wall and CPU (user + system) times and
# their ratios. Alternating spreads the machine's noise over both; a single round's ratio
# varies by ±0.3 on a 2-core virtual machine, so read the mean of 20 rounds or more.
#
#   benches/languages.sh [BIN...]     # default: target/release/candor
#
# With several binaries, each is measured in the same rounds (before/after a change). The
# corpora are made once in BENCH_DIR (default /dev/shm/candor-languages) by this repository's
# `gen-corpus` example (`cargo build --release --examples`). ROUNDS defaults to 20. Never run
# in CI.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/dev/shm/candor-languages}
ROUNDS=${ROUNDS:-20}
[ $# -gt 0 ] || set -- "$REPO/target/release/candor"
bins=("$@")
one=$BENCH_DIR/site-10k-one
two=$BENCH_DIR/site-10k-fr
out=$BENCH_DIR/out
mkdir -p "$out"
[ -d "$one" ] || "$REPO/target/release/examples/gen-corpus" "$one" 10000 "$REPO" --git 20
[ -d "$two" ] || "$REPO/target/release/examples/gen-corpus" "$two" 10000 "$REPO" --git 20 --languages fr

build() { # binary index, corpus name: prints "index name wall cpu"
    local bin=${bins[$1 - 1]} site=$one
    [ "$2" = two ] && site=$two
    /usr/bin/time -f "$1 $2 %e %U %S" "$bin" build --root "$site" --output "$out/$1-$2" 2>&1 >/dev/null |
        tail -1 | awk '{ print $1, $2, $3, $4 + $5 }'
}

# One build each first, so that every timed build replaces a previous one.
for index in $(seq $#); do build "$index" one >/dev/null; build "$index" two >/dev/null; done
for _ in $(seq "$ROUNDS"); do
    for index in $(seq $#); do build "$index" one; build "$index" two; done
done | awk -v names="$*" '
    { wall[$1, $2] += $3; cpu[$1, $2] += $4; count[$1, $2]++ }
    END {
        split(names, name, " ")
        for (i = 1; i in name; i++) {
            n = count[i, "one"]
            printf "%s: one language %.3f s wall / %.3f s CPU, two languages %.3f s / %.3f s: %.3fx wall, %.3fx CPU (%d rounds)\n",
                name[i], wall[i, "one"] / n, cpu[i, "one"] / n, wall[i, "two"] / n, cpu[i, "two"] / n,
                wall[i, "two"] / wall[i, "one"], cpu[i, "two"] / cpu[i, "one"], n
        }
    }'
