# fonts.mk - PDF back end: font subsets made at build time, the mdpdf
# test tool, the PDF benchmark. Included by the top Makefile.
#
# Subsets hold the characters of French and English reports only; the
# layout falls back to the full Debian font for anything else, so a
# missing or stale subset costs speed, never a character.

PYTHON3  ?= /usr/bin/python3
FONT_DIR  = /usr/share/fonts/truetype/dejavu
PDF_FONTS = $(FONT_DIR)/DejaVuSerif.ttf $(FONT_DIR)/DejaVuSerif-Bold.ttf \
	$(FONT_DIR)/DejaVuSerif-Italic.ttf $(FONT_DIR)/DejaVuSerif-BoldItalic.ttf \
	$(FONT_DIR)/DejaVuSansMono.ttf
FONT_SUBSETS = $(PDF_FONTS:$(FONT_DIR)/%=build/fonts/%)

.PHONY: fonts
fonts: build/fonts/.stamp

# Always build/fonts (templates/style.yaml names it), whatever $(BUILD).
build/fonts/.stamp: tools/subset-fonts.py $(PDF_FONTS)
	$(PYTHON3) tools/subset-fonts.py build/fonts $(PDF_FONTS)
	touch $@

all: build/fonts/.stamp
test: build/fonts/.stamp $(BUILD)/mdpdf
bench: build/fonts/.stamp $(BUILD)/mdpdf $(BUILD)/pdf_bench

# Markdown -> PDF or layout dump, for tests until `breachgen render`.
$(BUILD)/mdpdf: tools/mdpdf.c $(BUILD)/libbreachgen.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Igen -o $@ $< $(BUILD)/libbreachgen.a $(LIBS) $(LDFLAGS)

# The bare libharu baseline of tests/bench/pdf.sh.
$(BUILD)/pdf_bench: tests/bench/pdf_bench.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< -lhpdf -lm $(LDFLAGS)
