#!/usr/bin/env bash
# Export speed and memory as a user meets them (issue 14): whole-process figures.
#   scripts/bench.sh [RUNS]        (RUNS paired runs, default 10)
# Prints, for the seed report and a large one (every part filled):
#   - whole-process `nianbao export` time (the first run of the new build, then the
#     median of RUNS) and peak RSS (/usr/bin/time);
#   - the paired ratio against typst 0.15 (PyPI, installed into target/bench-typst)
#     compiling ../shared/bench/seed.typ with the same Fandol fonts, alternating runs;
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

now() { date +%s%N; }
# Milliseconds of one whole process, its peak RSS in MB appended to $work/rss.
timed() {
    local start end
    start=$(now)
    /usr/bin/time -f "%M" -o "$work/rss.one" "$@" >/dev/null 2>&1
    end=$(now)
    echo $(( (end - start) / 1000000 ))
    echo $(( $(cat "$work/rss.one") / 1024 )) >> "$work/rss"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
max() { sort -n | tail -1; }

NIANBAO_BENCH_WRITE=$work/large.json cargo bench --bench export -q >/dev/null 2>&1
echo "whole process, $runs paired runs (ms; peak RSS in MB):"
for name in seed large; do
    input=examples/zhoucun-2023.json
    [ "$name" = large ] && input=$work/large.json
    : > "$work/rss"
    first=$(timed "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin)
    : > "$work/n.ms"; : > "$work/t.ms"
    for _ in $(seq "$runs"); do
        timed "$bin" export "$input" -o "$work/$name.pdf" --fonts builtin >> "$work/n.ms"
        [ "$name" = seed ] && timed "$venv/bin/python" "$work/typst_seed.py" >> "$work/t.ms"
    done
    n=$(median < "$work/n.ms")
    line="$name: nianbao first run $first ms, median $n ms, peak $(max < "$work/rss") MB"
    if [ "$name" = seed ]; then
        t=$(median < "$work/t.ms")
        line="$line; typst median $t ms; ratio $(awk -v a="$n" -v b="$t" 'BEGIN {printf "%.2f", a / b}')×"
    fi
    echo "$line"
done

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
        DISPLAY=$display NIANBAO_TIMING=1 NIANBAO_DATA_DIR=$work/data "$bin" examples/qingshan-2024.json 2>"$log" >/dev/null &
        app=$!
        for _ in $(seq 100); do grep -q '^first frame' "$log" && break; sleep 0.1; done
        kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
        sed -n 's/^first frame: \([0-9.]*\) ms.*/\1/p' "$log" >> "$work/ff.ms"
    done
    echo
    echo "GUI, first frame with a report open (Xvfb, 5 starts): median $(median < "$work/ff.ms") ms"
fi
