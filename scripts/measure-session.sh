#!/usr/bin/env bash
# A long GUI session, as a clerk has it (issue 14), under Xvfb at 1366×768 with the
# release build: open a report, visit every tab, scroll the whole preview, export
# PDF, Word and HTML through the menu (the app's own file dialog: no portal here).
# Prints the peak RSS of the whole session and the longest frame when the 预览 tab
# first opens and at each export (NIANBAO_TIMING=1 frame times). Two sessions: the
# first with an empty font cache (the first start after installing), then another.
#   scripts/measure-session.sh [BINARY]
# Needs Debian's xvfb, xdotool and x11-utils (scripts/gui-smoke.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/nianbao}")
work=$(mktemp -d)
display=:$((70 + RANDOM % 9))
cleanup() {
    [ -n "${app:-}" ] && kill "$app" 2>/dev/null
    [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
unset DBUS_SESSION_BUS_ADDRESS
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_DIRS=$work/share NIANBAO_DATA_DIR=$work/data
export NIANBAO_RENDERER=${NIANBAO_RENDERER:-glow} LIBGL_ALWAYS_SOFTWARE=1 NIANBAO_TIMING=1
mkdir -p "$HOME"
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
log=$work/app.log
mark() { grep -c '^frame ' "$log" || true; }
# The longest frame since the mark $1, in ms.
longest() { grep '^frame ' "$log" | tail -n +"$(( $1 + 1 ))" | sed 's/.*: \([0-9.]*\) ms/\1/' | sort -n | tail -1; }

session() {
rm -rf "$work/docs"; mkdir -p "$work/docs"
cp examples/qingshan-2024.json "$work/docs/"
"$bin" "$work/docs/qingshan-2024.json" >"$log" 2>&1 &
app=$!
wid=$(xdotool search --sync --onlyvisible --class nianbao | head -1)
xdotool windowsize --sync "$wid" 1366 768
xdotool windowmove --sync "$wid" 0 0
xdotool windowfocus --sync "$wid"
sleep 2

for x in 150 270 398 525 653 780 885; do click "$x" 38; done    # 一 … 六, 校验结果
before=$(mark)
click 960 38 2                                                  # 预览
preview=$(longest "$before")
xdotool mousemove 680 400
for _ in $(seq 60); do xdotool click 5; sleep 0.05; done        # the wheel, to the last page
sleep 1
exports=""
for item in 334:pdf 360:docx 386:html; do                       # 文件 → 导出PDF/Word/网页…
    click 35 11
    click 55 "${item%%:*}"
    before=$(mark)
    click 910 572 2                                             # the dialog's 保存
    exports="$exports ${item##*:} $(longest "$before") ms;"
    [ -n "${NIANBAO_SHOTS:-}" ] && import -window root "$NIANBAO_SHOTS/session-${item##*:}.png"
done
written=$(ls "$work/docs" | grep -c -E '\.(pdf|docx|html)$' || true)
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$app/status")
first=$(sed -n 's/^first frame: \([0-9.]*\) ms.*/\1/p' "$log")
kill "$app"; wait "$app" 2>/dev/null || true; app=""
echo "$1:"
echo "  first frame after start:         $first ms"
echo "  files exported:                  $written of 3"
echo "  longest frame opening 预览:       $preview ms"
echo "  longest frame of each export:   $exports"
echo "  peak RSS of the session (VmHWM): $((peak_kb / 1024)) MB"
}
session "first session, empty font cache"
session "second session"
