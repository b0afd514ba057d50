/*
 * test_tcache.c - the cache of parsed templates: the tree of every
 * template file read back from the cache is the tree the loader makes
 * (kinds, texts, plain flags, positions of values and keys); a file that
 * differs by one byte, a damaged entry, an entry of another length and
 * BREACHGEN_CACHE=off are misses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "load.h"
#include "node.h"
#include "tcache.h"

static char dir[64];

static int
setup(void **s)
{
	(void)s;
	snprintf(dir, sizeof dir, "/tmp/test_tcache.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	setenv("XDG_CACHE_HOME", dir, 1);
	unsetenv("BREACHGEN_CACHE");
	return 0;
}

static int
teardown(void **s)
{
	char cmd[128];

	(void)s;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	s = malloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return s;
}

static void
same_pos(const struct pos *a, const struct pos *b)
{
	assert_string_equal(a->file, b->file);
	assert_int_equal(a->line, b->line);
	assert_int_equal(a->col, b->col);
}

/* a and b are the same tree, down to every position. */
static void
same_tree(const struct node *a, const struct node *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->plain, b->plain);
	same_pos(&a->pos, &b->pos);
	switch (a->kind) {
	case NODE_NULL:
		break;
	case NODE_BOOL:
		assert_int_equal(a->u.b, b->u.b);
		break;
	case NODE_STRING:
		assert_int_equal(a->u.str.len, b->u.str.len);
		assert_memory_equal(a->u.str.s, b->u.str.s, a->u.str.len + 1);
		break;
	case NODE_LIST:
		assert_int_equal(a->u.list.n, b->u.list.n);
		for (size_t i = 0; i < a->u.list.n; i++)
			same_tree(a->u.list.items[i], b->u.list.items[i]);
		break;
	case NODE_MAP:
		assert_int_equal(a->u.map.n, b->u.map.n);
		for (size_t i = 0; i < a->u.map.n; i++) {
			assert_string_equal(a->u.map.pairs[i].key,
					    b->u.map.pairs[i].key);
			same_pos(&a->u.map.pairs[i].key_pos,
				 &b->u.map.pairs[i].key_pos);
			same_tree(a->u.map.pairs[i].value,
				  b->u.map.pairs[i].value);
		}
		break;
	}
}

static void
roundtrip(const char *path)
{
	struct arena *a = arena_new();
	struct diags d;
	size_t len;
	char *data = slurp(path, &len);
	struct node *parsed, *kept;

	diag_init(&d);
	parsed = load_buffer(a, path, data, len, &d);
	assert_non_null(parsed);
	assert_null(tc_get(a, path, data, len));	/* not kept yet */
	tc_put(data, len, parsed);
	kept = tc_get(a, path, data, len);
	assert_non_null(kept);
	same_tree(parsed, kept);
	/* One byte more or less, or another byte: a miss. */
	assert_null(tc_get(a, path, data, len - 1));
	data[len / 2] ^= 0x20;
	assert_null(tc_get(a, path, data, len));
	data[len / 2] ^= 0x20;
	free(data);
	diag_free(&d);
	arena_free(a);
}

static void
test_every_template(void **s)
{
	static const char *const files[] = {
		"templates/authorities.yaml", "templates/style.yaml",
		"templates/en/labels.yaml", "templates/fr/labels.yaml",
		"templates/de/labels.yaml", "templates/forms/fr.yaml",
		"templates/forms/de-be.yaml", "templates/forms/gb.yaml",
		"templates/forms/ie.yaml", "templates/forms/se.yaml",
		NULL
	};

	(void)s;
	for (size_t i = 0; files[i]; i++)
		roundtrip(files[i]);
}

/* Every kind, and keys and values on lines of their own. */
static void
test_kinds(void **s)
{
	static const char src[] =
	    "a: ~\nb: true\nc: false\nd: \"x\\ty\"\ne: [1, 'two', {f: g}]\n"
	    "h:\n  - i: |\n      block\n      text\n  - []\n  - {}\n";
	struct arena *a = arena_new();
	struct diags d;
	struct node *parsed, *kept;

	(void)s;
	diag_init(&d);
	parsed = load_buffer(a, "k.yaml", src, sizeof src - 1, &d);
	assert_non_null(parsed);
	tc_put(src, sizeof src - 1, parsed);
	kept = tc_get(a, "k.yaml", src, sizeof src - 1);
	assert_non_null(kept);
	same_tree(parsed, kept);
	diag_free(&d);
	arena_free(a);
}

/* Whether the n bytes of s are in the len bytes of h. */
static bool
holds(const char *h, size_t len, const char *s, size_t n)
{
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(h + i, s, n) == 0)
			return true;
	return false;
}

/* The entry of a file, damaged in place: every cut and every flipped
 * byte is a miss, never a crash nor another tree (the sanitizer build
 * runs this too). */
static void
test_damaged(void **s)
{
	static const char src[] = "k: [v, {w: x}]\ny: z\n";
	char sub[128], path[512] = "";
	bool found = false;
	struct arena *a = arena_new();
	struct diags d;
	struct node *parsed;
	struct dirent *e;
	DIR *dh;
	char *entry;
	size_t len;

	(void)s;
	snprintf(sub, sizeof sub, "%s/breachgen", dir);
	diag_init(&d);
	parsed = load_buffer(a, "d.yaml", src, sizeof src - 1, &d);
	tc_put(src, sizeof src - 1, parsed);
	dh = opendir(sub);
	assert_non_null(dh);
	while ((e = readdir(dh)) != NULL) {
		size_t n = strlen(e->d_name);
		FILE *fp;

		if (n < 5 || strcmp(e->d_name + n - 5, ".tree") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", sub, e->d_name);
		entry = slurp(path, &len);
		if (!holds(entry, len, src, sizeof src - 1)) {
			free(entry);
			continue;
		}
		found = true;
		for (size_t cut = 0; cut < len; cut++) {
			fp = fopen(path, "wb");
			fwrite(entry, 1, cut, fp);
			fclose(fp);
			assert_null(tc_get(a, "d.yaml", src, sizeof src - 1));
			entry[cut] ^= 0xA5;
			fp = fopen(path, "wb");
			fwrite(entry, 1, len, fp);
			fclose(fp);
			assert_null(tc_get(a, "d.yaml", src, sizeof src - 1));
			entry[cut] ^= 0xA5;
		}
		/* Whole again: the same tree. */
		fp = fopen(path, "wb");
		fwrite(entry, 1, len, fp);
		fclose(fp);
		same_tree(parsed, tc_get(a, "d.yaml", src, sizeof src - 1));
		free(entry);
	}
	closedir(dh);
	assert_true(found);
	diag_free(&d);
	arena_free(a);
}

static void
test_off(void **s)
{
	static const char src[] = "off: true\n";
	struct arena *a = arena_new();
	struct diags d;
	struct node *parsed;

	(void)s;
	diag_init(&d);
	parsed = load_buffer(a, "o.yaml", src, sizeof src - 1, &d);
	setenv("BREACHGEN_CACHE", "off", 1);
	tc_put(src, sizeof src - 1, parsed);
	assert_null(tc_get(a, "o.yaml", src, sizeof src - 1));
	unsetenv("BREACHGEN_CACHE");
	assert_null(tc_get(a, "o.yaml", src, sizeof src - 1));
	diag_free(&d);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_template),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_off),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
