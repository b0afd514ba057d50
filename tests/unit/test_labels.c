/*
 * test_labels.c - a language is a folder of templates/: every folder has
 * every label key and every template that another folder has, and its
 * labels pass view_labels_check. Languages are found on disk, so a new
 * folder is tested without a change here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "load.h"
#include "render.h"
#include "view.h"

#define TPL "templates"
#define MAX_LANGS 16
#define MAX_KEYS 2048

/* The templates every language folder must have. */
static const char *const templates[] = {
	"authority.md", "subjects.md", "register.md", "registry.md",
	"assessment.md", NULL
};

struct keys {
	char *v[MAX_KEYS];
	size_t n;
};

/* Dotted paths of every string value under m ("enums.cause.unknown"). */
static void
collect(const struct node *m, const char *prefix, struct keys *k)
{
	char path[512];

	if (m == NULL || m->kind != NODE_MAP)
		return;
	for (size_t i = 0; i < m->u.map.n; i++) {
		const struct node_pair *p = &m->u.map.pairs[i];

		snprintf(path, sizeof path, "%s%s%s", prefix,
			 *prefix ? "." : "", p->key);
		if (p->value->kind == NODE_MAP)
			collect(p->value, path, k);
		else if (k->n < MAX_KEYS)
			k->v[k->n++] = strdup(path);
	}
}

static bool
has(const struct keys *k, const char *key)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->v[i], key) == 0)
			return true;
	return false;
}

/* Keys of a that b lacks, each printed with the folder to fix. */
static size_t
lacking(const struct keys *a, const char *la, const struct keys *b,
	const char *lb)
{
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++) {
		if (has(b, a->v[i]))
			continue;
		fprintf(stderr, "%s/%s/labels.yaml lacks %s (which %s has)\n",
			TPL, lb, a->v[i], la);
		n++;
	}
	return n;
}

static void
keys_free(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	k->n = 0;
}

static void
keys_of_buffer(struct arena *a, const char *yaml, struct keys *k)
{
	struct diags d;
	struct node *n;

	diag_init(&d);
	n = load_buffer(a, "test", yaml, strlen(yaml), &d);
	assert_non_null(n);
	collect(n, "", k);
	diag_free(&d);
}

/* The comparison finds a key one side lacks, at any depth. */
static void
test_lacking_detects(void **s)
{
	struct arena *a = arena_new();
	struct keys x = {{0}, 0}, y = {{0}, 0};

	(void)s;
	keys_of_buffer(a, "enums:\n  cause:\n    unknown: a\n    tbd: b\n"
		       "roles:\n  dpo_female: c\n", &x);
	keys_of_buffer(a, "enums:\n  cause:\n    unknown: a\n"
		       "roles:\n  dpo_female: c\n", &y);
	assert_int_equal(lacking(&x, "x", &y, "y"), 1);
	assert_int_equal(lacking(&y, "y", &x, "x"), 0);
	keys_free(&x);
	keys_free(&y);
	arena_free(a);
}

/* Every folder against every other: same keys, same templates. */
static void
test_folders_alike(void **s)
{
	struct buf list = BUF_INIT;
	char *langs[MAX_LANGS], *p, *save = NULL;
	static struct keys k[MAX_LANGS];
	struct arena *a = arena_new();
	size_t n = 0, missing = 0;

	(void)s;
	rnd_languages(TPL, &list);
	for (p = strtok_r(list.s, ", ", &save); p && n < MAX_LANGS;
	     p = strtok_r(NULL, ", ", &save))
		langs[n++] = p;
	/* en, fr and de at least: the worked examples use them. */
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		struct diags d;
		int st;
		struct node *l;

		diag_init(&d);
		l = view_labels_load(a, TPL, langs[i], &d, &st);
		diag_print(&d, stderr);
		assert_non_null(l);
		assert_int_equal(view_labels_check(l, &d), 0);
		diag_free(&d);
		collect(l, "", &k[i]);
		for (size_t t = 0; templates[t]; t++) {
			char path[256];

			snprintf(path, sizeof path, "%s/%s/%s", TPL, langs[i],
				 templates[t]);
			if (access(path, R_OK) != 0) {
				fprintf(stderr, "%s is missing\n", path);
				missing++;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			if (i != j)
				missing += lacking(&k[i], langs[i], &k[j],
						   langs[j]);
	for (size_t i = 0; i < n; i++)
		keys_free(&k[i]);
	buf_free(&list);
	arena_free(a);
	assert_int_equal(missing, 0);
}

/* A language is a folder with labels.yaml; nothing else is one. */
static void
test_language_folders(void **s)
{
	struct buf list = BUF_INIT;

	(void)s;
	rnd_languages(TPL, &list);
	assert_non_null(strstr(buf_cstr(&list), "de"));
	assert_non_null(strstr(buf_cstr(&list), "en"));
	assert_non_null(strstr(buf_cstr(&list), "fr"));
	assert_true(rnd_lang_ok(TPL, "de"));
	assert_false(rnd_lang_ok(TPL, "xx"));
	assert_false(rnd_lang_ok(TPL, "../templates/de"));
	assert_false(rnd_lang_ok(TPL, ""));
	buf_free(&list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lacking_detects),
		cmocka_unit_test(test_folders_alike),
		cmocka_unit_test(test_language_folders),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
