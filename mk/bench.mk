# bench.mk - baselines of the whole-incident benchmark
# (tests/bench/incident.sh). Included by the top Makefile.

bench: $(BUILD)/pdf_pages

# Bare libharu writing the pages of one PDF again, same text and fonts.
$(BUILD)/pdf_pages: tests/bench/pdf_pages.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< -lhpdf -lm $(LDFLAGS)
