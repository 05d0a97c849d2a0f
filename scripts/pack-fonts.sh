#!/usr/bin/env bash
# Rebuilds fonts/*.zst, the fonts compiled into the program, and fonts/tongyong-8105.txt,
# from Debian's packages. The Windows executable must stay under 40 MB, so every font is
# stored compressed (zstd -19) and the fallbacks are reduced to what nianbao can use:
#   - FandolFang, FandolHei, FandolKai, FandolSong-Bold: whole (texlive-lang-chinese),
#     GB2312 coverage;
#   - FandolSong page-number subset: digits, 一字线 and space, for 「— 1 —」;
#   - 通用规范汉字表 (2013, 8 105 characters) beyond what every Fandol face has, in the
#     style of each role: Noto Serif CJK SC Bold (小标宋), Noto Serif CJK SC (宋, for 仿宋 and
#     宋体 roles), Noto Sans CJK SC (黑), LXGW WenKai (楷). The list is Unihan's kTGH field
#     (unicode-data);
#   - ONE shared fallback for every other CJK character: Noto Serif CJK SC for the rest of
#     the CJK Unified Ideographs and Extension A, the Extension B–G characters it has,
#     compatibility ideographs, radicals, kana and the other characters WenKai used to cover;
#   - the few characters Noto Serif CJK SC lacks but WenKai has (extended Latin, Greek,
#     Cyrillic, some Extension B–G, the newest Unicode 13/14 ideographs) go into the Kai file,
#     last in every chain.
# Modified fonts are renamed: the OFL reserves “霞鹜”/“LXGW” (WenKai) and “Source” (Noto CJK)
# for unmodified builds.
# Needs: texlive-lang-chinese fonts-lxgw-wenkai fonts-noto-cjk unicode-data python3-fonttools zstd.
set -euo pipefail
cd "$(dirname "$0")/.."
# Fixed font timestamps (head.modified): the same packages give the same bytes.
export SOURCE_DATE_EPOCH=1674345600   # 2023-01-22, texlive-lang-chinese 2022.20230122
fandol=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
wenkai=/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf
serif=/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc   # face 2 = SC
serif_bold=/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc
sans=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc     # face 2 = SC
unihan=/usr/share/unicode/Unihan_OtherMappings.txt.bz2          # unicode-data 15.0.0
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

# Character lists.
$py - "$fandol" "$wenkai" "$serif" "$serif_bold" "$sans" "$unihan" "$work" <<'PY'
import bz2, sys
from fontTools.ttLib import TTFont
fandol, wenkai, serif, serif_bold, sans, unihan, work = sys.argv[1:]
# 通用规范汉字表: Unihan kTGH = "2013:<number in the list>".
tgh = {}
for line in bz2.open(unihan, "rt", encoding="utf-8"):
    f = line.rstrip("\n").split("\t")
    if len(f) == 3 and f[1] == "kTGH":
        tgh[int(f[0][2:], 16)] = int(f[2].split(":")[1])
assert len(tgh) == 8105, len(tgh)
order = sorted(tgh, key=tgh.get)
with open("fonts/tongyong-8105.txt", "w", encoding="utf-8") as out:
    out.write("# 通用规范汉字表 (2013): the 8105 characters in the list's order, 50 a line.\n"
              "# Made by scripts/pack-fonts.sh from the kTGH field of Unihan_OtherMappings.txt,\n"
              "# Unicode 15.0.0 (Debian unicode-data 15.0.0-1); only the characters were kept.\n"
              "# Copyright © 1991-2022 Unicode, Inc.; Unicode licence: LICENSE-Unicode.txt.\n")
    for i in range(0, len(order), 50):
        out.write("".join(chr(c) for c in order[i:i + 50]) + "\n")
cmap = lambda path, n=0: set(TTFont(path, fontNumber=n, lazy=True).getBestCmap())
faces = ["FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Bold"]
covered = set.intersection(*(cmap(f"{fandol}/{n}.otf") for n in faces))
kai, song, hei = cmap(wenkai), cmap(serif, 2), cmap(sans, 2)
cjk = lambda c: (0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF
                 or 0x2E80 <= c <= 0x2FDF or 0x31C0 <= c <= 0x31EF or 0x20000 <= c <= 0x3FFFF)
tongyong = set(tgh) - covered
assert tongyong <= kai and tongyong <= song and tongyong <= hei and tongyong <= cmap(serif_bold, 2)
# What the fallbacks cover: every CJK ideograph one of the fonts has, and whatever
# else beyond Fandol WenKai has (kana, full-width forms, extended Latin …).
wanted = {c for c in (kai | song) if cjk(c)} | {c for c in kai if c > 0x7F}
rest = wanted - covered - set(tgh)
shared = rest & song
kai_extra = rest - song
lists = {"tongyong": tongyong, "shared": shared, "kai": tongyong | kai_extra}
for name, codes in lists.items():
    open(f"{work}/{name}.txt", "w").write(",".join("U+%04X" % c for c in sorted(codes)))
    print(f"{name}: {len(codes)} characters")
print(f"kai beyond 通用规范: {len(kai_extra)}")
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
subset() {  # font face-number unicodes-file output family postscript-name
    $py -m fontTools.subset "$1" --font-number="$2" --unicodes-file="$work/$3.txt" --output-file="$work/$4" \
        --layout-features='' --no-hinting --name-IDs='*' --notdef-outline
    rename "$work/$4" "$5" "$6"
}
subset "$wenkai" 0 kai KaiFallback.ttf "Nianbao Kai Fallback" NianbaoKaiFallback-Regular
subset "$serif" 2 tongyong NotoSerifCJKsc-Tongyong.otf "Noto Serif CJK SC Tongyong" NotoSerifCJKsc-Tongyong
subset "$serif_bold" 2 tongyong NotoSerifCJKsc-Bold-Tongyong.otf "Noto Serif CJK SC Tongyong Bold" NotoSerifCJKsc-Bold-Tongyong
subset "$sans" 2 tongyong NotoSansCJKsc-Tongyong.otf "Noto Sans CJK SC Tongyong" NotoSansCJKsc-Tongyong
subset "$serif" 2 shared NotoSerifCJKsc-Fallback.otf "Noto Serif CJK SC Fallback" NotoSerifCJKsc-Fallback

rm -f fonts/*.zst
for f in "$work"/*.otf "$work"/*.ttf; do
    zstd -q -19 --long=27 "$f" -o "fonts/$(basename "$f").zst"
done
ls -l fonts/*.zst
