#!/usr/bin/env bash
# Regenerates fonts/NotoSerifCJKsc-Rare.otf: the glyphs of Noto Serif CJK SC
# (OFL-1.1) for CJK characters that LXGW WenKai lacks — Extension A (the rest of
# the GB 18030 basic set), Extensions B–G (rare characters of 通用规范汉字表,
# often in personal and place names), compatibility ideographs and radicals.
# It is the last font of every fallback chain. The family is renamed so the
# subset is not mistaken for the full font (OFL §3 and good manners).
#
# Needs Debian's fonts-noto-cjk, fonts-lxgw-wenkai and python3-fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
noto=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc   # face 2 = SC
wenkai=fonts/LXGWWenKai-Regular.ttf
out=fonts/NotoSerifCJKsc-Rare.otf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$noto" "$wenkai" "$tmp/unicodes.txt" <<'PY'
import sys
from fontTools.ttLib import TTFont
noto, wenkai, out = sys.argv[1:]
have = set(TTFont(wenkai, lazy=True).getBestCmap())
cmap = TTFont(noto, fontNumber=2, lazy=True).getBestCmap()
def wanted(c):
    return (0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF or 0x2E80 <= c <= 0x2FDF
            or 0x31C0 <= c <= 0x31EF or 0x20000 <= c <= 0x3FFFF)
codes = sorted(c for c in cmap if wanted(c) and c not in have)
open(out, "w").write(",".join("U+%04X" % c for c in codes))
print(f"{len(codes)} characters")
PY
/usr/bin/python3 -m fontTools.subset "$noto" --font-number=2 --unicodes-file="$tmp/unicodes.txt" \
    --output-file="$tmp/subset.otf" --layout-features='' --no-hinting --name-IDs='*' --notdef-outline
/usr/bin/python3 - "$tmp/subset.otf" "$out" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in f["name"].names:
    if rec.nameID in (1, 4, 16):
        rec.string = "Noto Serif CJK SC Rare"
    elif rec.nameID == 3:
        rec.string = "2.001;nianbao;NotoSerifCJKsc-Rare"
    elif rec.nameID == 6:
        rec.string = "NotoSerifCJKsc-Rare"
f["CFF "].cff.fontNames = ["NotoSerifCJKsc-Rare"]
f.save(sys.argv[2])
PY
ls -l "$out"
