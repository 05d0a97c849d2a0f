#!/usr/bin/env bash
# The CPU time (user + system, all threads, including the software renderer's)
# that 10 mouse-wheel steps over the 预览 tab cost the release app under Xvfb
# with no GPU (Mesa llvmpipe / lavapipe), and the peak memory after scrolling
# through the whole report.
#   scripts/measure-preview-scroll.sh [BINARY] [REPORT]
# Environment: NIANBAO_RENDERER=glow|wgpu (default glow), SCREEN=1366x768,
# STEP_DELAY=0.3 (seconds between wheel steps), RUNS=3 (the figure is the median), XVFB_DISPLAY=:57 (a display of its own),
# TAB_X=960 TAB_Y=38 (where the 预览 tab is in a window as wide as the screen).
# Needs Debian's xvfb and xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/nianbao}
report=${2:-examples/zhoucun-2023.json}
screen=${SCREEN:-1366x768}
runs=${RUNS:-3}
step_delay=${STEP_DELAY:-0.3}
export DISPLAY=${XVFB_DISPLAY:-:57}
export LIBGL_ALWAYS_SOFTWARE=1
export NIANBAO_RENDERER=${NIANBAO_RENDERER:-glow}
hz=$(getconf CLK_TCK)

if [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ]; then
    echo "display $DISPLAY is in use: set XVFB_DISPLAY to a free one" >&2
    exit 1
fi
Xvfb "$DISPLAY" -screen 0 "${screen}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
data=$(mktemp -d)
log=$data/log
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    wait "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 100); do # Xvfb takes a while to start on a busy machine
    [ -e "/tmp/.X11-unix/X${DISPLAY#:}" ] && break
    sleep 0.1
done

cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime + stime, in clock ticks
frames() { grep -c '^frame ' "$log" || true; }      # NIANBAO_TIMING=1 prints a line per frame
wheel() { # $1 = 4 (up) or 5 (down), 10 steps, then wait until the app is idle again
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        xdotool click "$1"
        sleep "$step_delay"
    done
    sleep 1.5
}

w=${screen%x*} h=${screen#*x}
figures=() frame_counts=()
for run in $(seq "$runs"); do
    NIANBAO_TIMING=1 NIANBAO_DATA_DIR=$data "$bin" "$report" >/dev/null 2>"$log" &
    pid=$!
    wid=$(xdotool search --sync --onlyvisible --class nianbao | head -1)
    # No window manager: place the window over the whole screen ourselves.
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "$w" "$h"
    xdotool windowfocus --sync "$wid"
    sleep 2
    xdotool mousemove "${TAB_X:-960}" "${TAB_Y:-38}" click 1 # the 预览 tab
    sleep 2
    xdotool mousemove $((w / 2)) $((h / 2))
    sleep 1
    before=$(cpu) frames_before=$(frames)
    wheel 5
    after=$(cpu)
    figures+=("$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.2f", t / hz }')")
    frame_counts+=("$(($(frames) - frames_before))")
    if [ "$run" = "$runs" ]; then
        # Scroll through the whole report, for the peak memory.
        for _ in $(seq 200); do xdotool click 5; sleep 0.05; done
        sleep 1
        peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    fi
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
done
sorted=$(printf '%s\n' "${figures[@]}" | sort -n)
median=$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")
echo "renderer:                          $NIANBAO_RENDERER (LIBGL_ALWAYS_SOFTWARE=1), screen $screen"
echo "CPU time of 10 wheel steps:        ${median} s (median of $runs: ${figures[*]})"
echo "frames drawn for them:             ${frame_counts[*]}"
echo "peak memory after scrolling (VmHWM): $((peak_kb / 1024)) MB"
