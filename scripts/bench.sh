#!/usr/bin/env bash
# Export speed and memory as a user meets them (issue 14): whole-process figures.
#   scripts/bench.sh [RUNS]        (RUNS paired runs, default 10)
# Prints, for the seed report and a large one (every part filled):
#   - whole-process `nianbao export` time and peak RSS (/usr/bin/time), cold (a new,
#     empty font cache each run) and warm (the cache filled), medians of RUNS;
#   - the paired ratio of the warm runs against typst 0.15 (PyPI, installed into
#     target/bench-typst) compiling ../shared/bench/seed.typ with the same Fandol
#     fonts, alternating runs;
#   - 50 reports exported in one call;
#   - in-process export times (`cargo bench --bench export`);
#   - the GUI's time to its first frame with a report open, under Xvfb, median of 5.
# Needs python3 with venv, zstd, and for the GUI figure xvfb and x11-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked -q
bin=$target/release/nianbao
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null; true' EXIT

# The peer: typst 0.15 from PyPI with the Fandol fonts the program bundles.
venv=$target/bench-typst
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import typst' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q 'typst==0.15.*'
fi
mkdir -p "$work/fandol"
for f in fonts/Fandol*.otf.zst; do zstd -q -d -f "$f" -o "$work/fandol/$(basename "${f%.zst}")"; done
cat > "$work/typst_seed.py" <<PY
import typst
typst.compile('../shared/bench/seed.typ', output='$work/seed-typst.pdf', font_paths=['$work/fandol'], ignore_system_fonts=True)
PY

# Milliseconds (to 0.1) of one whole process, timed by bash itself (no fork).
timed() {
    local start=${EPOCHREALTIME/./}
    "$@" >/dev/null 2>&1
    local end=${EPOCHREALTIME/./}
    awk -v us=$(( end - start )) 'BEGIN {printf "%.1f\n", us / 1000}'
}
# Peak RSS in MB of one whole process (a separate run: /usr/bin/time adds its own start-up).
rss() {
    /usr/bin/time -f "%M" -o "$work/rss.one" "$@" >/dev/null 2>&1
    echo $(( $(cat "$work/rss.one") / 1024 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
max() { sort -n | tail -1; }

NIANBAO_BENCH_WRITE=$work/large.json cargo bench --bench export -q >/dev/null 2>&1
# Cold: a new, empty font cache every run (the first run after installing); warm:
# the cache the first run filled (every later run). The executable itself is in
# the page cache in both (this script cannot drop the kernel's caches).
echo "whole process, $runs paired runs (ms; peak RSS in MB):"
for name in seed large; do
    input=examples/zhoucun-2023.json
    [ "$name" = large ] && input=$work/large.json
    : > "$work/c.ms"
    for i in $(seq "$runs"); do
        export NIANBAO_CACHE_DIR=$work/cold-$name-$i
        timed "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin >> "$work/c.ms"
    done
    export NIANBAO_CACHE_DIR=$work/cold-$name-rss
    cold_rss=$(rss "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin)
    : > "$work/n.ms"; : > "$work/t.ms"
    # Warm: the cache filled, and checked whole once it has settled (fonts/cache/stamp.rs).
    export NIANBAO_CACHE_DIR=$work/cache
    "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin >/dev/null 2>&1
    sleep 2
    "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin >/dev/null 2>&1
    for _ in $(seq "$runs"); do
        timed "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin >> "$work/n.ms"
        [ "$name" = seed ] && timed "$venv/bin/python" "$work/typst_seed.py" >> "$work/t.ms"
    done
    warm_rss=$(rss "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin)
    unset NIANBAO_CACHE_DIR
    n=$(median < "$work/n.ms")
    line="$name: cold median $(median < "$work/c.ms") ms (max $(max < "$work/c.ms")), peak $cold_rss MB; warm median $n ms, peak $warm_rss MB"
    if [ "$name" = seed ]; then
        t=$(median < "$work/t.ms")
        line="$line; typst median $t ms, peak $(rss "$venv/bin/python" "$work/typst_seed.py") MB; ratio $(awk -v a="$n" -v b="$t" 'BEGIN {printf "%.2f", a / b}')×"
    fi
    echo "$line"
done
# Fifty reports in one call: the fonts load once.
mkdir -p "$work/batch"
for i in $(seq 50); do cp examples/zhoucun-2023.json "$work/batch/report-$i.json"; done
export NIANBAO_CACHE_DIR=$work/cache
batch=$(timed "$bin" export "$work"/batch/*.json -o "$work/batch-out/" --fonts builtin)
batch_rss=$(rss "$bin" export "$work"/batch/*.json -o "$work/batch-out/" --fonts builtin)
unset NIANBAO_CACHE_DIR
echo "50 seed reports in one call (warm): $batch ms, $(awk -v a="$batch" 'BEGIN {printf "%.1f", a / 50}') ms per report, peak $batch_rss MB"

echo
echo "in process (cargo bench --bench export):"
cargo bench --bench export -q 2>/dev/null | grep -E 'export|first'

if command -v Xvfb >/dev/null && command -v xdpyinfo >/dev/null; then
    display=:$((80 + RANDOM % 9))
    Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    for _ in $(seq 50); do DISPLAY=$display xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    : > "$work/ff.ms"
    for _ in 1 2 3 4 5; do
        log=$work/gui.log
        launched=$(( ${EPOCHREALTIME/./} / 1000 ))
        DISPLAY=$display NIANBAO_TIMING=1 NIANBAO_DATA_DIR=$work/data NIANBAO_CACHE_DIR=$work/cache "$bin" examples/qingshan-2024.json 2>"$log" >/dev/null &
        app=$!
        for _ in $(seq 100); do grep -q '^first frame' "$log" && break; sleep 0.1; done
        kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
        at=$(sed -n 's/^first frame: .* at \([0-9]*\)$/\1/p' "$log")
        [ -n "$at" ] && echo $(( at - launched )) >> "$work/ff.ms"
    done
    echo
    echo "GUI, exec to the first frame drawn with a report open (Xvfb, 5 starts): median $(median < "$work/ff.ms") ms"
fi
