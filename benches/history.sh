#!/usr/bin/env bash
# What policy history adds to a build (issue 16): a 10,000-page site in a repository of 20,000
# commits, every page showing its history, built by each given binary in alternating rounds.
# Each round builds, per binary:
#   off   the site without `history:` in site.yaml (git is not read for history)
#   pass  history read (from the warm cache in .candor/history/) and shown on every page, with a
#         theme that has no revision.html or changes.html: the reading and every page's list
#         of revisions, without the pages history adds
#   full  the same with the default theme: also a page per revision (20,000 of them, each with
#         its word diff), the "What changed" pages, their feed and the redirects
# Each build replaces its own previous output, as a user's rebuild does. Prints, per binary and
# kind, the mean wall time and CPU time (user + sys), and pass and full against off.
#
#   benches/history.sh BIN...          # e.g. benches/history.sh /tmp/old/candor target/release/candor
#
# Environment: BENCH_DIR (default /dev/shm/candor-history; must be tmpfs), ROUNDS (default 5),
# GEN_CORPUS (default target/release/examples/gen-corpus). Never run in CI.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/dev/shm/candor-history}
ROUNDS=${ROUNDS:-5}
GEN_CORPUS=${GEN_CORPUS:-$REPO/target/release/examples/gen-corpus}
[ $# -ge 1 ] || { echo "usage: benches/history.sh BIN..." >&2; exit 2; }
bins=()
for bin in "$@"; do bins+=("$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"); done

full=$BENCH_DIR/full      # history on, default theme
pass=$BENCH_DIR/pass      # history on, no revision or What changed templates
off=$BENCH_DIR/off        # history off
if [ ! -d "$full" ]; then
    mkdir -p "$BENCH_DIR"
    "$GEN_CORPUS" "$full" 10000 "$REPO" --git 20000 >/dev/null
    printf 'history:\n  sections: []\n' >>"$full/site.yaml"
    cp -a "$full" "$pass"
    rm "$pass"/themes/*/templates/revision.html "$pass"/themes/*/templates/changes.html
    cp -a "$full" "$off"
    sed -i '/^history:/,$d' "$off/site.yaml"
    # Warm the cache (the kept log and diffs; binaries that share its format share it).
    for bin in "${bins[@]}"; do
        for kind in off pass full; do
            (cd "$BENCH_DIR/$kind" && "$bin" build --output "$BENCH_DIR/out-$kind-$(basename "$bin")" >/dev/null 2>&1)
        done
    done
fi

for round in $(seq 1 "$ROUNDS"); do
    for bin in "${bins[@]}"; do
        name=$(basename "$bin")
        for kind in off pass full; do
            (cd "$BENCH_DIR/$kind" &&
                /usr/bin/time -f "$name $kind %e %U %S" "$bin" build --output "$BENCH_DIR/out-$kind-$name" 2>&1 >/dev/null | tail -1)
        done
    done
done | awk '
    { key = $1 " " $2; wall[key] += $3; cpu[key] += $4 + $5; runs[key]++; names[$1] = 1 }
    END {
        printf "%-28s %8s %8s %10s %10s\n", "binary, build", "wall s", "CPU s", "wall/off", "CPU/off"
        for (name in names) {
            split("off pass full", kinds, " ")
            for (i = 1; i <= 3; i++) {
                key = name " " kinds[i]; base = name " off"
                printf "%-28s %8.3f %8.3f %9.0f%% %9.0f%%\n", key, wall[key] / runs[key], cpu[key] / runs[key],
                    100 * wall[key] / wall[base], 100 * cpu[key] / cpu[base]
            }
        }
    }'
