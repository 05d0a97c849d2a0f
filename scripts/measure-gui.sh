#!/usr/bin/env bash
# Measures the release app under Xvfb: time to first frame, peak memory, frame
# times while typing into table 三, and repaints and CPU time while idle.
#   scripts/measure-gui.sh [BINARY]      (NIANBAO_RENDERER=glow|wgpu to force one)
# Needs Debian's xvfb, xdotool and x11-utils.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/nianbao}
export DISPLAY=${DISPLAY:-:99}
if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb "$DISPLAY" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
    sleep 1
fi
log=$(mktemp) data=$(mktemp -d)
NIANBAO_TIMING=1 NIANBAO_DATA_DIR=$data "$bin" examples/qingshan-2024.json 2>"$log" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data" "$log"' EXIT
wid=$(xdotool search --sync --onlyvisible --class nianbao | head -1)
xdotool windowsize --sync "$wid" 1180 660
xdotool windowfocus --sync "$wid"   # winit ignores keys sent to an unfocused window
sleep 2
frames() { grep -c '^frame ' "$log" || true; }

cpu_ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }   # utime + stime, in clock ticks
idle_start=$(frames); cpu_start=$(cpu_ticks); sleep 5
idle_frames=$(( $(frames) - idle_start )); idle_cpu_ms=$(( ($(cpu_ticks) - cpu_start) * 1000 / $(getconf CLK_TCK) ))

xdotool mousemove --window "$wid" 398 38 click 1     # tab 三、依申请公开
sleep 1
xdotool mousemove --window "$wid" 435 200 click 1    # 一、本年新收 / 自然人
sleep 0.5
typing_start=$(frames)
xdotool type --delay 120 "1234567890"
xdotool key BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace
sleep 1
peak_kb=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)
idle2_start=$(frames); sleep 5; idle2_frames=$(( $(frames) - idle2_start ))

first=$(grep -m1 '^first frame' "$log" | sed 's/[^0-9.]*\([0-9.]*\) ms.*/\1/')
tail -n +"$((typing_start + 2))" "$log" | grep '^frame ' | head -n 200 | sed 's/.*: \([0-9.]*\) ms/\1/' | sort -n > "$log.typing"
n=$(wc -l < "$log.typing")
pick() { sed -n "$(( ($1 * n + 99) / 100 ))p" "$log.typing"; }
echo "renderer:                     ${NIANBAO_RENDERER:-auto (wgpu, glow on failure)}"
echo "first frame after start:      ${first} ms"
echo "peak memory (VmHWM):          $((peak_kb / 1024)) MB"
echo "frames while typing 20 keys:  $n  (median $(pick 50) ms, p95 $(pick 95) ms, max $(tail -1 "$log.typing") ms per frame)"
echo "repaints while idle for 5 s:  $idle_frames before typing, $idle2_frames after (focus in a cell)"
echo "CPU time while idle for 5 s:  ${idle_cpu_ms} ms"
rm -f "$log.typing"
