#!/usr/bin/env bash
# Looks at the Word and web exports of the seed report the way their readers do
# (not in CI: LibreOffice and Chromium are large):
#   - the .docx converted to PDF by LibreOffice, pages as PNG;
#   - the .html screenshotted by headless Chromium (desktop and phone widths).
# Writes assets/screenshots/docx-seed-*.png and html-seed-*.png.
# Needs Debian's libreoffice-writer(-nogui), chromium, poppler-utils, imagemagick.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/nianbao}
[ -x "$bin" ] || cargo build
out=assets/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" export examples/zhoucun-2023.json -o "$work/seed.docx"
"$bin" export examples/zhoucun-2023.json -o "$work/seed.html"
(cd "$work" && soffice --headless --convert-to pdf seed.docx >/dev/null 2>&1)
echo "LibreOffice: $(pdfinfo "$work/seed.pdf" | grep Pages)"
pdftoppm -r 80 -png "$work/seed.pdf" "$work/docx"
cp "$work/docx-1.png" "$out/docx-seed-page1.png"
cp "$work/docx-4.png" "$out/docx-seed-table3.png"
chrome() {  # width height output
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
        --window-size="$1,$2" --screenshot="$3" "file://$work/seed.html" >/dev/null 2>&1
}
chrome 900 4200 "$work/html-desktop.png"
convert "$work/html-desktop.png" -crop 900x1700+0+1150 +repage "$out/html-seed-tables.png"
chrome 390 1500 "$out/html-seed-phone.png"
echo "screenshots in $out"
