#!/usr/bin/env bash
# Rebuilds fonts/*.zst, the fonts compiled into the program, from Debian's
# packages. The executable must stay under 40 MB, so every font is stored
# compressed (zstd -19) and some are reduced to what nianbao can use:
#   - FandolFang, FandolHei, FandolKai, FandolSong-Bold: whole (texlive-lang-chinese);
#   - FandolSong page-number subset: digits, 一字线 and space, for 「— 1 —」;
#   - a fallback Kai: LXGW WenKai without the characters Fandol already has,
#     renamed (OFL Reserved Font Names “霞鹜”, “LXGW” are kept for unmodified builds);
#   - a rare-character Serif: Noto Serif CJK SC for what WenKai lacks (Extension A …).
# Needs: texlive-lang-chinese fonts-lxgw-wenkai fonts-noto-cjk python3-fonttools zstd.
set -euo pipefail
cd "$(dirname "$0")/.."
fandol=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
wenkai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
noto=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc   # face 2 = SC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3

for f in FandolFang-Regular FandolHei-Regular FandolKai-Regular FandolSong-Bold; do
    cp "$fandol/$f.otf" "$work/"
done

# Page numbers: “— 12 —”.
$py -m fontTools.subset "$fandol/FandolSong-Regular.otf" --text="— 0123456789-" \
    --output-file="$work/FandolSong-PageNumbers.otf" --layout-features='' --notdef-outline
$py - "$work/FandolSong-PageNumbers.otf" <<'PY'
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for rec in f["name"].names:
    if rec.nameID in (1, 4, 16): rec.string = "FandolSong PageNumbers"
    elif rec.nameID == 6: rec.string = "FandolSong-PageNumbers"
f["CFF "].cff.fontNames = ["FandolSong-PageNumbers"]
f.save(sys.argv[1])
PY

# Character lists: what every Fandol face has, what WenKai has beyond it, what Noto has beyond both.
$py - "$fandol" "$wenkai" "$noto" "$work" <<'PY'
import sys
from fontTools.ttLib import TTFont
fandol, wenkai, noto, work = sys.argv[1:]
faces = ["FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Bold"]
covered = set.intersection(*(set(TTFont(f"{fandol}/{n}.otf", lazy=True).getBestCmap()) for n in faces))
kai = set(TTFont(wenkai, lazy=True).getBestCmap())
extra_kai = sorted(c for c in kai - covered if c > 0x7F)
cjk = lambda c: (0x3400 <= c <= 0x4DBF or 0xF900 <= c <= 0xFAFF or 0x2E80 <= c <= 0x2FDF
                 or 0x31C0 <= c <= 0x31EF or 0x20000 <= c <= 0x3FFFF)
rare = sorted(c for c in TTFont(noto, fontNumber=2, lazy=True).getBestCmap() if cjk(c) and c not in kai)
for name, codes in (("kai", extra_kai), ("rare", rare)):
    open(f"{work}/{name}.txt", "w").write(",".join("U+%04X" % c for c in codes))
    print(f"{name}: {len(codes)} characters")
PY

rename() {  # file family postscript-name
    $py - "$@" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, family, ps = sys.argv[1:]
f = TTFont(path)
for rec in f["name"].names:
    if rec.nameID in (1, 4, 16): rec.string = family
    elif rec.nameID == 3: rec.string = "nianbao;" + ps
    elif rec.nameID == 6: rec.string = ps
if "CFF " in f: f["CFF "].cff.fontNames = [ps]
f.save(path)
PY
}
$py -m fontTools.subset "$wenkai" --unicodes-file="$work/kai.txt" --output-file="$work/KaiFallback.ttf" \
    --layout-features='' --no-hinting --name-IDs='*' --notdef-outline
rename "$work/KaiFallback.ttf" "Nianbao Kai Fallback" "NianbaoKaiFallback-Regular"
$py -m fontTools.subset "$noto" --font-number=2 --unicodes-file="$work/rare.txt" --output-file="$work/NotoSerifCJKsc-Rare.otf" \
    --layout-features='' --no-hinting --name-IDs='*' --notdef-outline
rename "$work/NotoSerifCJKsc-Rare.otf" "Noto Serif CJK SC Rare" "NotoSerifCJKsc-Rare"

rm -f fonts/*.zst
for f in "$work"/*.otf "$work"/*.ttf; do
    zstd -q -19 --long=27 "$f" -o "fonts/$(basename "$f").zst"
done
ls -l fonts/*.zst
