#!/usr/bin/env bash
# Proves the Windows exe on this Linux machine, under wine:
#   1. `nianbao.exe check` and `export` on the seed example, in a folder whose
#      name has Chinese characters and spaces: exit codes, a valid PDF;
#   2. the GUI under Xvfb: its window appears (wgpu fails under wine and the glow
#      retry must carry on), a screenshot is taken, the app is ended by pid;
#   3. settings land under %APPDATA%\nianbao and nothing is written beside the exe.
# Prints PASS/FAIL per step. Usage: scripts/windows-smoke.sh [nianbao.exe] [screenshot.png]
# Needs Debian's wine, wine64, mingw-w64, xvfb, xdotool, imagemagick, poppler-utils.
set -uo pipefail
cd "$(dirname "$0")/.."
exe=${1:-target/x86_64-pc-windows-gnu/release/nianbao.exe}
shot=${2:-assets/screenshots/windows-wine.png}
[ -f "$exe" ] || scripts/build-windows.sh || exit 1
wine=/usr/lib/wine/wine64
fails=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

work=$(mktemp -d)
export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n"
cleanup() { /usr/lib/wine/wineserver -k 2>/dev/null; [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
$wine wineboot -i >/dev/null 2>&1
# The test-only stand-in for the DLL wine 8 lacks (see scripts/wine/bcryptprimitives.c).
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" scripts/wine/bcryptprimitives.c

dir="$WINEPREFIX/drive_c/年报 工作/程序 目录"
mkdir -p "$dir" "$WINEPREFIX/drive_c/年报 工作/报告 文件"
cp "$exe" "$dir/nianbao.exe"
cp examples/zhoucun-2023.json "$WINEPREFIX/drive_c/年报 工作/报告 文件/周村 2023.json"
win_exe='C:\年报 工作\程序 目录\nianbao.exe'
win_report='C:\年报 工作\报告 文件\周村 2023.json'
win_pdf='C:\年报 工作\报告 文件\周村 2023 年报.pdf'

# 1. The command-line verbs.
out=$($wine "$win_exe" check "$win_report" 2>&1); code=$?
if [ $code -eq 0 ] && grep -q "警告 S9" <<<"$out"; then pass "check exits 0 with the outdated-format warning"; else fail "check (exit $code): $out"; fi
out=$($wine "$win_exe" check 'C:\没有\这个 文件.json' 2>&1); code=$?
[ $code -eq 2 ] && grep -q "找不到文件" <<<"$out" && pass "check of a missing file exits 2 in Chinese" || fail "missing file (exit $code): $out"
out=$($wine "$win_exe" export "$win_report" -o "$win_pdf" --fonts builtin 2>&1); code=$?
pdf="$WINEPREFIX/drive_c/年报 工作/报告 文件/周村 2023 年报.pdf"
info=$(pdfinfo "$pdf" 2>&1); text=$(pdftotext "$pdf" - 2>&1)
if [ $code -eq 0 ] && grep -Eq "^Pages: +6$" <<<"$info" && grep -q "周村区投资促进中心" <<<"$text"; then
    pass "export writes a 6-page PDF whose text reads back ($(stat -c %s "$pdf") bytes)"
else
    fail "export (exit $code): $out"
fi

# 2. The GUI under Xvfb.
export DISPLAY=:97
Xvfb $DISPLAY -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
log=$work/gui.log
$wine "$win_exe" "$win_report" >"$log" 2>&1 &
pid=$!
if timeout 60 xdotool search --sync --onlyvisible --name "nianbao|年报" >/dev/null 2>&1 || timeout 30 xdotool search --sync --onlyvisible --class "nianbao" >/dev/null 2>&1; then
    sleep 6
    import -window root "$shot"
    pass "the window appears; screenshot in $shot"
else
    fail "no window within 90 s: $(cat "$log")"
fi
grep -q "改用 OpenGL" "$log" && pass "wgpu failed under wine and the glow retry carried on" || echo "note: wgpu started without the fallback ($(head -c 200 "$log"))"
kill "$pid" 2>/dev/null
sleep 1
/usr/lib/wine/wineserver -k 2>/dev/null

# 3. Where files go.
settings=$(find "$WINEPREFIX/drive_c/users" -path '*AppData/Roaming/nianbao/settings.json' 2>/dev/null | head -1)
[ -n "$settings" ] && pass "settings (recent files) written under %APPDATA%\\nianbao" || fail "no settings under AppData"
extra=$(ls -A "$dir" | grep -v '^nianbao.exe$')
[ -z "$extra" ] && pass "nothing written beside the exe" || fail "written beside the exe: $extra"

[ $fails -eq 0 ] && echo "windows smoke: all PASS" || echo "windows smoke: $fails FAIL"
exit $fails
