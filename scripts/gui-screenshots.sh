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
# Tab positions (x) in the 1180-wide window centred on a 1280×900 screen.
tabs=${TABS:-"basic:96 overview:200 disclosure:320 applications:448 reviews:575 problems:703 other:830 checks:936 preview:1010"}
prefix=${PREFIX:-app}
for t in $tabs; do
    name=${t%%:*} x=${t##*:}
    xdotool mousemove "$x" 78 click 1
    sleep 1
    import -window root -crop 1180x820+50+40 +repage "$out/$prefix-$name.png"
done
echo "screenshots in $out"
