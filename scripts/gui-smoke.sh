#!/usr/bin/env bash
# Drives the app under Xvfb as a clerk's minimal Linux desktop is: no GPU, no
# D-Bus session, no xdg-desktop-portal, 1366×768. Checks what kittest cannot see:
#   1. text copied in another program (xclip) pastes into a field (Ctrl+V);
#   2. text copied in the app reaches other programs (Ctrl+C → xclip -o);
#   3. 复制网页代码 offers HTML (text/html) and the plain source (UTF8_STRING);
#   4. a block copied from a spreadsheet fills table 三;
#   5. 另存为 without a portal shows the app's own dialog, which saves.
# Usage: scripts/gui-smoke.sh [BINARY]   (default target/release/nianbao)
# Screenshots of each step go to $NIANBAO_SHOTS when set.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/nianbao}")

# Debian packages it drives the desktop with ("command:package").
need=()
for pair in Xvfb:xvfb xdotool:xdotool xclip:xclip xdpyinfo:x11-utils; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair##*:}")
done
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || need+=(libgl1-mesa-dri libegl1 libxkbcommon-x11-0)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing: ${need[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
display=:$((90 + RANDOM % 9))
cleanup() {
    local status=$?
    if [ -n "${app:-}" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
    # xclip keeps serving what it copied until its X server goes.
    if [ -n "${xvfb:-}" ]; then kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

# A clerk's machine without a desktop portal: no session bus, no portal files.
unset DBUS_SESSION_BUS_ADDRESS
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_DIRS=$work/share NIANBAO_DATA_DIR=$work/data
export NIANBAO_RENDERER=${NIANBAO_RENDERER:-glow} LIBGL_ALWAYS_SOFTWARE=1
mkdir -p "$HOME" "$work/docs"
report=$work/docs/青山.json
cp examples/qingshan-2024.json "$report"
if command -v zenity >/dev/null; then echo "note: zenity is installed, the native dialog may be used"; fi

"$bin" "$report" >"$work/app.log" 2>&1 &
app=$!
wid=$(xdotool search --sync --onlyvisible --class nianbao | head -1)
xdotool windowsize --sync "$wid" 1366 768
xdotool windowmove --sync "$wid" 0 0
xdotool windowfocus --sync "$wid"
sleep 2

failures=0
step=0
check() { # description, then a command that must succeed
    local what=$1
    shift
    step=$((step + 1))
    [ -n "${NIANBAO_SHOTS:-}" ] && command -v import >/dev/null && import -window root "$NIANBAO_SHOTS/smoke-$step.png"
    if "$@"; then echo "ok    $step. $what"; else echo "FAIL  $step. $what"; failures=$((failures + 1)); fi
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$report" "$1"; }
clip_in() { printf '%s' "$1" | xclip -selection clipboard -i 2>/dev/null; sleep 0.3; }
clip_out() { timeout 5 xclip -selection clipboard -o -t "$1" 2>/dev/null; }
key() { xdotool key --clearmodifiers "$@"; sleep 0.5; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.6; }

# The 基本信息 tab: 编制单位 is the first field.
pasted="青山县市场监督管理局（从WPS粘贴）"
clip_in "$pasted"
click 300 118
key ctrl+a
key ctrl+v
key ctrl+s
check "text copied in another program pastes into 编制单位" test "$(json "d['agency']")" = "$pasted"

key ctrl+a
key ctrl+c
check "text copied in the app reaches other programs" test "$(clip_out UTF8_STRING)" = "$pasted"

key ctrl+shift+c
html=$(clip_out text/html || true)
plain=$(clip_out UTF8_STRING || true)
check "复制网页代码 offers HTML for a rich editor" grep -q 'class="nianbao-report"' <<<"$html"
check "… and the same source as plain text" test "$html" = "$plain"

click 398 38            # tab 三、依申请公开
click 435 200           # 一、本年新收 / 自然人
clip_in $'7\t8\r\n9\t10\r\n'
key ctrl+v
key ctrl+s
check "a block from a spreadsheet fills table 三" test "$(json "d['applications'][0][:2] + d['applications'][1][:2]")" = "[7, 8, 9, 10]"

key ctrl+shift+s
sleep 1
xdotool mousemove 910 572 click 1   # the app's own dialog (640×420, centred): 保存
sleep 1
check "另存为 without a portal shows the app's own dialog, which saves" \
    test -s "$work/docs/青山县市场监督管理局（从WPS粘贴）2024年政府信息公开工作年度报告.json"

if [ "$failures" -gt 0 ]; then
    echo "gui-smoke: $failures of $step checks failed; the app's log:"
    cat "$work/app.log"
    exit 1
fi
echo "gui-smoke: all $step checks passed"
