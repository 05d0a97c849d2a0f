#!/usr/bin/env bash
# Starts the app under Xvfb on an example report, clicks through every tab and
# saves a screenshot of each: scripts/gui-screenshots.sh [BINARY] [OUT_DIR]
# Needs Debian's xvfb, xdotool and imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/nianbao}
out=${2:-assets/screenshots}
report=${REPORT:-examples/qingshan-2024.json}
mkdir -p "$out"
export DISPLAY=${DISPLAY:-:99}
if ! xdpyinfo >/dev/null 2>&1; then
    Xvfb "$DISPLAY" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
    sleep 1
fi
data=$(mktemp -d)
NIANBAO_DATA_DIR=$data "$bin" "$report" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data"' EXIT
wid=$(xdotool search --sync --onlyvisible --class nianbao | head -1)
xdotool windowfocus --sync "$wid"
sleep 2
# Tab positions (x) in the window (1180 wide, as it first opens).
tabs=${TABS:-"basic:46 overview:150 disclosure:270 applications:398 reviews:525 problems:653 other:780 checks:886 preview:960"}
prefix=${PREFIX:-app}
for t in $tabs; do
    name=${t%%:*} x=${t##*:}
    xdotool mousemove --window "$wid" "$x" 38 click 1
    sleep 1
    xdotool mousemove --window "$wid" 1170 650
    sleep 0.5
    import -window "$wid" "$out/$prefix-$name.png"
done
echo "screenshots in $out"
