/*
 * md_parse.c - parse Markdown files with cmark-gfm (GFM tables,
 * strikethrough, autolinks) and nothing else.
 *
 *   md_parse [-n N] FILE...   parse every file N times (the baseline of
 *                             tests/bench/md.sh)
 *   md_parse -c FILE...       also check: no raw HTML node anywhere, and
 *                             print "file:line: raw HTML" for each one
 *                             (tests/checks/render.sh); exit 1 if any
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *s = NULL;
	long n;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		if (fp)
			fclose(fp);
		return NULL;
	}
	s = malloc((size_t)n + 1);
	if (s == NULL || fread(s, 1, (size_t)n, fp) != (size_t)n) {
		free(s);
		fclose(fp);
		return NULL;
	}
	fclose(fp);
	s[n] = '\0';
	*len = (size_t)n;
	return s;
}

/* Parses md; with check, reports raw HTML. Returns the number of
 * HTML nodes found (0 without check). */
static long
parse(const char *name, const char *md, size_t len, int check, long *nodes)
{
	static const char *const exts[] = {
		"table", "strikethrough", "autolink"
	};
	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_node *doc;
	long bad = 0;
	size_t i;

	for (i = 0; i < sizeof exts / sizeof *exts; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	if (check || nodes) {
		cmark_iter *it = cmark_iter_new(doc);
		cmark_event_type ev;

		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			cmark_node_type t = cmark_node_get_type(n);

			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (nodes)
				(*nodes)++;
			if (check && (t == CMARK_NODE_HTML_BLOCK ||
			    t == CMARK_NODE_HTML_INLINE)) {
				printf("%s:%d: raw HTML: %s\n", name,
				    cmark_node_get_start_line(n),
				    cmark_node_get_literal(n));
				bad++;
			}
		}
		cmark_iter_free(it);
	}
	cmark_node_free(doc);
	cmark_parser_free(p);
	return bad;
}

int
main(int argc, char **argv)
{
	long reps = 1, bad = 0, nodes = 0, r;
	int check = 0, i = 1;

	if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
		reps = atol(argv[i + 1]);
		i += 2;
	} else if (i < argc && strcmp(argv[i], "-c") == 0) {
		check = 1;
		i++;
	}
	cmark_gfm_core_extensions_ensure_registered();
	for (; i < argc; i++) {
		size_t len = 0;
		char *md = slurp(argv[i], &len);

		if (md == NULL) {
			perror(argv[i]);
			return 2;
		}
		for (r = 0; r < reps; r++)
			bad += parse(argv[i], md, len, check,
			    check ? &nodes : NULL);
		free(md);
	}
	return bad > 0 ? 1 : 0;
}
