# authorities.mk - the authority directory against ICU's zones of each
# country, once per change of the file rather than at every run (ICU
# walks its whole zone list for it). Included by the top Makefile; the
# stamp is among the prerequisites of `make reports`.

AUTH_CHECKED = $(BUILD)/authorities.checked

all: $(AUTH_CHECKED)

$(BUILD)/authcheck: tools/authcheck.c $(BUILD)/libbreachgen.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Igen -o $@ $< $(BUILD)/libbreachgen.a $(LIBS) $(LDFLAGS)

$(AUTH_CHECKED): templates/authorities.yaml $(BUILD)/authcheck
	BREACHGEN_CACHE=off $(BUILD)/authcheck templates/authorities.yaml
	@touch $@

test: $(BUILD)/authcheck
