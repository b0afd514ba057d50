#!/usr/bin/python3
"""Subsets TrueType fonts to the characters of French, English and German reports.

Usage: subset-fonts.py OUTDIR FONT...

Each FONT is written to OUTDIR under its own file name, holding only the
glyphs below, so that loading and embedding it costs a fraction of the
full font. The PostScript name gets a "-BG" suffix: libharu registers
fonts by name, and the layout loads the full font next to its subset for
characters outside this list.
"""
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

UNICODES = (
    list(range(0x20, 0x7F))        # ASCII
    + list(range(0xA0, 0x180))     # Latin-1, Latin Extended-A (œ Œ ÿ Ÿ)
    + [0x192, 0x2C6, 0x2C7, 0x2D8, 0x2D9, 0x2DA, 0x2DB, 0x2DC, 0x2DD]
    + list(range(0x2010, 0x2028))  # dashes, quotes ‘ ’ “ ” „, •, …
    + list(range(0x202F, 0x203B))  # NNBSP, ‰, ′ ″, ‹ ›
    + [0x2044, 0x205F, 0x20AC, 0x2116, 0x2122]  # ⁄, MMSP, €, №, ™
    + list(range(0x2190, 0x2194)) + [0x21D2]    # arrows
    + [0x2212, 0x2264, 0x2265, 0x25AA, 0x25AB, 0x25CF, 0x25E6, 0xFFFD]
)


def main(argv):
    if len(argv) < 3:
        sys.stderr.write("usage: subset-fonts.py OUTDIR FONT...\n")
        return 64
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    opts = subset.Options()
    opts.layout_features = []
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.drop_tables += ["FFTM"]
    for path in argv[2:]:
        font = TTFont(path)
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=UNICODES)
        sub.subset(font)
        for rec in font["name"].names:
            if rec.nameID == 6:
                rec.string = rec.toUnicode() + "-BG"
        out = os.path.join(outdir, os.path.basename(path))
        tmp = out + ".tmp"
        font.save(tmp)
        os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
