# breachgen - build, test and render.
#
#   make deps      install the Debian packages that are missing
#   make           build build/breachgen
#   make reports   render every incident under incidents/ into out/
#   make test      run every test; ends with "N passed, N failed"
#   make check     the test suite under AddressSanitizer and UBSan
#   make bench     benchmarks, as ratios to baselines run in the same run
#   make fuzz      libFuzzer harnesses, FUZZ_SECONDS each (default 60)
#   make install   PREFIX=/usr/local DESTDIR=

CC       ?= cc
PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
PKG_CONFIG ?= pkg-config

# Debian packages: build, test and PDF tooling. `make deps` installs the
# missing ones only, after one apt-get update.
DEB_PACKAGES = build-essential pkg-config libyaml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libicu-dev libhpdf-dev libcmocka-dev \
	fonts-dejavu-core fonts-dejavu-extra fonttools poppler-utils qpdf \
	mupdf-tools ghostscript python3 python3-jsonschema python3-yaml time \
	zlib1g-dev clang libclang-rt-14-dev \
	libhyphen-dev hyphen-fr hyphen-en-us hyphen-de

PKGS      = yaml-0.1 icu-uc icu-i18n libcmark-gfm zlib
WARN      = -Wall -Wextra -Wpedantic
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) -D_POSIX_C_SOURCE=200809L $(CFLAGS) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
# cmark-gfm-extensions, libharu and libhyphen ship no .pc file in Debian 12.
LIBS      = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) \
	-lcmark-gfm-extensions -lhpdf -lhyphen -lm

SRCS      = $(sort $(wildcard gen/*.c))
LIB_SRCS  = $(filter-out gen/main.c,$(SRCS))
OBJS      = $(LIB_SRCS:gen/%.c=$(BUILD)/obj/%.o)
TEST_SRCS = $(sort $(wildcard tests/unit/test_*.c))
TEST_BINS = $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps docs reports test check bench clean install fuzz
.DEFAULT_GOAL := all

all: $(BUILD)/breachgen docs

# The JSON Schema and the field reference come from the schema tables;
# tests/checks/docs.sh fails when the committed copies are stale.
DOCS = docs/incident.schema.json docs/incident.md docs/assessment.md
docs: $(DOCS)
docs/incident.schema.json: $(BUILD)/breachgen
	$(BUILD)/breachgen schema > $@.tmp && mv $@.tmp $@
docs/incident.md: $(BUILD)/breachgen
	$(BUILD)/breachgen schema --markdown > $@.tmp && mv $@.tmp $@
docs/assessment.md: $(BUILD)/breachgen $(wildcard templates/*/labels.yaml)
	$(BUILD)/breachgen schema --rules > $@.tmp && mv $@.tmp $@

-include mk/*.mk

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: nothing to install"; \
	else echo "deps: installing$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y $$missing; fi

$(BUILD)/obj/%.o: gen/%.c $(wildcard gen/*.h) | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libbreachgen.a: $(OBJS)
	rm -f $@ && ar rcs $@ $(OBJS)

$(BUILD)/breachgen: $(BUILD)/obj/main.o $(BUILD)/libbreachgen.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbreachgen.a $(wildcard tests/unit/*.h) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Igen -Itests/unit -o $@ $< $(BUILD)/libbreachgen.a \
	  $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka) $(LDFLAGS) $(WRAP_$*)

# test_output makes renames fail on purpose (the linker's --wrap).
WRAP_test_output = -Wl,--wrap=renameat,--wrap=renameat2

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

test: $(BUILD)/breachgen $(TEST_BINS)
	@BUILD=$(BUILD) sh tests/run

# The whole suite again, instrumented, in its own build tree.
check:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(MAKE) BUILD=build-san CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test

bench: $(BUILD)/breachgen $(BUILD)/bench_yaml $(BUILD)/md_parse
	@BUILD=$(BUILD) sh tests/bench/run

# Baseline of the check benchmark: a bare libyaml load of the same files.
$(BUILD)/bench_yaml: tests/bench/bench_yaml.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS)

# cmark-gfm alone: the baseline of the Markdown benchmark, and the raw
# HTML check of tests/checks/render.sh.
$(BUILD)/md_parse: tests/bench/md_parse.c | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBS) $(LDFLAGS)
test: $(BUILD)/md_parse

# make fuzz: libFuzzer harnesses (tests/fuzz/) built with clang in their
# own tree, each run for FUZZ_SECONDS over its committed corpus and the
# seeds (examples, fixtures, bad corpus, templates), with a dictionary
# made from the schema. A crash stops it, with the input saved as
# build-fuzz/crash-<target>-*.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS  = check mustache render
FUZZ_CFLAGS   = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=undefined

fuzz: build/breachgen build/fonts/.stamp
	$(MAKE) BUILD=build-fuzz CC=clang CFLAGS="$(FUZZ_CFLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" \
	  $(FUZZ_TARGETS:%=build-fuzz/fuzz_%)
	build/breachgen schema | $(PYTHON3) tests/fuzz/dict.py \
	  > build-fuzz/incident.dict
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run $(FUZZ_TARGETS)

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
	$(BUILD)/libbreachgen.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Igen -o $@ $< \
	  $(BUILD)/libbreachgen.a $(LIBS) $(LDFLAGS)

# make reports: render driven by Make, so only what changed is rendered
# again. One stamp per incident file (its reports in out/<id>/), and one
# for the register over all incidents, which depends on every incident.
# Each file of out/ has one writer, so `make -j reports` is safe. A
# failing incident leaves its stamp old: the next run tries it again.
INCIDENTS     = $(sort $(wildcard incidents/*.yaml))
TEMPLATES     = $(sort $(wildcard templates/*.yaml templates/*/*.md \
	templates/*/*.yaml))
REPORT_DEPS   = $(TEMPLATES) $(BUILD)/breachgen build/fonts/.stamp \
	$(BUILD)/authorities.checked
REPORT_STAMPS = $(INCIDENTS:incidents/%.yaml=out/.stamps/%.done)

reports: $(REPORT_STAMPS) out/.stamps/register.all

# Two files with one id would write into one folder, each from its own
# process under -j: every id is checked against the others before any
# incident is rendered (order-only: an id check does not re-render all).
out/.stamps/ids.ok: $(INCIDENTS) $(BUILD)/breachgen
	@mkdir -p out/.stamps
	$(BUILD)/breachgen check --ids $(INCIDENTS)
	@touch $@

out/.stamps/%.done: incidents/%.yaml $(REPORT_DEPS) | out/.stamps/ids.ok
	@mkdir -p out/.stamps
	$(BUILD)/breachgen render --no-register -o out $<
	@touch $@

# incidents/ itself: a deleted incident changes it, and the register
# run then names the folder under out/ that matches no incident.
out/.stamps/register.all: $(INCIDENTS) incidents $(REPORT_DEPS) \
	| out/.stamps/ids.ok
	@mkdir -p out/.stamps
	$(BUILD)/breachgen render --register-only -o out $(INCIDENTS)
	@touch $@

install: $(BUILD)/breachgen
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/breachgen $(DESTDIR)$(PREFIX)/bin/breachgen
	install -m 644 docs/breachgen.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf build build-san build-fuzz out
