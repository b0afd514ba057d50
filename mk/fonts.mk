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

# An installed breachgen finds its style, templates and font subsets under
# $(PREFIX)/share/breachgen: templates/style.yaml lists ../fonts after
# ../build/fonts, read from the folder of the style file.
DATA_DIR = $(DESTDIR)$(PREFIX)/share/breachgen

.PHONY: install-fonts
install: install-fonts
install-fonts: build/fonts/.stamp
	install -d $(DATA_DIR)/fonts $(DATA_DIR)/templates
	install -m 644 $(FONT_SUBSETS) $(DATA_DIR)/fonts/
	cd templates && find . -type f | sort | while read -r f; do \
	  install -D -m 644 "$$f" "$(DATA_DIR)/templates/$$f" || exit 1; done
