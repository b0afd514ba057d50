#!/usr/bin/python3
"""Lines of a PDF's text that end inside a word without a hyphen.

Usage: linebreaks.py VOCABULARY... -- PDF...

The text of each PDF comes from `pdftotext -layout`, where a run of two
spaces or more ends a table column. The end of every line and of every
column must be a whole word, a hyphen or not a letter at all. A whole word
is one of the words of the PDF's own Markdown (the .md beside it) or of
the VOCABULARY files (labels, authorities, incidents: the page furniture),
cut at every character that is not a letter. Prints each fault as
"pdf:page:line: ends inside a word: ..."; exits 1 if there is any.
"""
import re
import subprocess
import sys

WORD = re.compile(r"[^\W\d_]+")


def words(path):
    with open(path, encoding="utf-8") as f:
        return set(WORD.findall(f.read()))


def main(argv):
    sep = argv.index("--")
    vocab = set()
    for path in argv[1:sep]:
        vocab |= words(path)
    faults = 0
    for pdf in argv[sep + 1:]:
        known = vocab | words(pdf[:-4] + ".md")
        text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf,
                               "-"], capture_output=True, check=True,
                              text=True).stdout
        for page, body in enumerate(text.split("\f"), 1):
            for n, line in enumerate(body.split("\n"), 1):
                for seg in re.split(r"\s{2,}", line.strip()):
                    m = re.search(r"([^\W\d_]+)$", seg)
                    if m and m.group(1) not in known:
                        print("%s:%d:%d: ends inside a word: %s"
                              % (pdf, page, n, seg[-40:]))
                        faults += 1
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
