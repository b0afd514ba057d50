#!/bin/sh
# Deflate level against size and time, on the streams of one incident's
# PDFs (qpdf inflates them; Python's zlib is the same zlib). libharu
# 2.3.0 deflates at zlib's default, 6, with no setting; breachgen
# deflates its streams itself at DEFLATE_LEVEL (gen/pdf.c, where the
# choice is argued), and a font's CIDToGIDMap and CMap once per process,
# which this stream-by-stream count leaves out.
BUILD=${BUILD:-build}
inc=${BENCH_DEFLATE_INCIDENT:-incidents/sc-2025-001.yaml}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$BUILD/breachgen" render --no-register -f pdf -o "$tmp/out" "$inc" \
    >/dev/null 2>&1 || exit 1
for pdf in "$tmp"/out/*/*.pdf; do
	qpdf --qdf --object-streams=disable --stream-data=uncompress \
	    "$pdf" "$tmp/u-$(basename "$pdf")" || exit 1
done
python3 - "$tmp"/u-*.pdf <<'PY'
import re, sys, time, zlib
streams = []
for path in sys.argv[1:]:
    d = open(path, "rb").read()
    for m in re.finditer(rb"\nstream\n", d):
        end = d.find(b"\nendstream", m.end())
        if end > m.end():
            streams.append(d[m.end():end])
raw = sum(len(s) for s in streams)
print("deflate: %d streams, %d KiB uncompressed" % (len(streams), raw // 1024))
for level in (1, 2, 3, 4, 5, 6, 9):
    best = None
    for _ in range(5):
        t = time.perf_counter()
        size = sum(len(zlib.compress(s, level)) for s in streams)
        t = time.perf_counter() - t
        best = t if best is None or t < best else best
    print("deflate: level %d: %4d KiB, %5.1f ms%s" % (level, size // 1024,
          best * 1000, {3: "  (breachgen)", 6: "  (libharu)"}.get(level, "")))
PY
