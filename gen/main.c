/*
 * main.c - the breachgen command: subcommands that stop at successive
 * stages of one pipeline (DESIGN.md), so that what `check` says is what
 * `render` uses.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "assess.h"
#include "authority.h"
#include "buf.h"
#include "chain.h"
#include "datetime.h"
#include "diag.h"
#include "fmt.h"
#include "incident.h"
#include "load.h"
#include "output.h"
#include "render.h"
#include "rules.h"
#include "schema.h"
#include "style.h"
#include "tz.h"
#include "view.h"

#ifndef BREACHGEN_VERSION
#define BREACHGEN_VERSION "0.1.0"
#endif

#define INCIDENT_DIR "incidents"
#define TEMPLATE_DIR "templates"

static const char usage_text[] =
    "usage: breachgen check [--now TIME] [--ids] [FILE...]\n"
    "       breachgen assess [--now TIME] [FILE...]\n"
    "       breachgen render [-l LANGS] [-a AUDIENCES] [-f md,pdf] [-o DIR]\n"
    "                        [--register | --no-register | --register-only]\n"
    "                        [--register-languages LANGS] [FILE...]\n"
    "       breachgen schema [--markdown | --rules]\n"
    "       breachgen status [--now TIME] [--format text|yaml] [FILE...]\n"
    "       breachgen --help | --version\n"
    "Options may come before or after the files; after \"--\", every\n"
    "word is a file.\n";

/*
 * The templates folder: templates/ in the working folder (a checkout),
 * else the copy make install put under share/breachgen beside the
 * program. When neither is there, the relative name, so that the error
 * names what the user should have.
 */
static const char *
template_dir(void)
{
	static char inst[4096];

	if (access(TEMPLATE_DIR "/authorities.yaml", R_OK) == 0)
		return TEMPLATE_DIR;
	if (style_installed_path("templates", inst, sizeof inst) &&
	    access(inst, R_OK) == 0)
		return inst;
	return TEMPLATE_DIR;
}

/* A file of the templates folder, in a. */
static const char *
template_file(struct arena *a, const char *name)
{
	return arena_printf(a, "%s/%s", template_dir(), name);
}

static const char help_text[] =
    "breachgen turns a personal-data breach described in a YAML file into\n"
    "the documents the GDPR asks for, and checks the file against the law.\n"
    "\n"
    "Commands:\n"
    "  check [FILE...]    validate incident files; print diagnostics\n"
    "                     as file:line:col: error|warning: text\n"
    "  assess [FILE...]   print the assessment of each incident as YAML:\n"
    "                     deadline, severity, recommendation, findings\n"
    "  --now TIME         with check: time left before the 72-hour\n"
    "                     deadline, or how late (default: the clock)\n"
    "  --ids              with check: only that no two files share an id\n"
    "  render [FILE...]   write the reports: DIR/<id>/<id>.<audience>.<lang>.md\n"
    "                     and .pdf, and the register over all incidents\n"
    "                     DIR/register.<lang>.md and .pdf\n"
    "    -l fr,de         languages, folders of templates/ (default: those the\n"
    "                     incident declares)\n"
    "    -a authority,subjects,register,form-<authority>\n"
    "                     documents (default: those the decision calls for,\n"
    "                     and the form companion of every authority notified\n"
    "                     that has templates/forms/<authority>.yaml)\n"
    "    -f md,pdf        formats (default: both)\n"
    "    -o DIR           output folder (default: out)\n"
    "    --register       also write the register when FILEs are given\n"
    "                     (it then covers those FILEs only)\n"
    "    --no-register    do not write the register\n"
    "    --register-only  write the register only\n"
    "  status [FILE...]   one line per breach, most urgent first: where it\n"
    "                     stands, what is due and by when, what is overdue,\n"
    "                     what the file still lacks; exit 1 when something\n"
    "                     is overdue (--now TIME: at that instant, else the\n"
    "                     clock; --format yaml for scripts)\n"
    "  schema             print the JSON Schema of the incident file\n"
    "  schema --markdown  print the field reference in Markdown\n"
    "  schema --rules     print the assessment rules in Markdown\n"
    "\n"
    "Without FILE, every incidents/*.yaml is read, and render writes the\n"
    "register too. An incident with an error writes nothing; its earlier\n"
    "reports are left as they were.\n"
    "Exit status: 0 ok, 64 usage, 65 bad incident data, 66 input missing,\n"
    "73 cannot create output, 74 I/O error.\n";

struct files {
	char **v;
	size_t n;
	bool borrowed;	/* v[i] are argv's: not freed */
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .yaml file of incidents/, sorted, so runs are reproducible. */
static int
default_files(struct files *fl)
{
	DIR *dir = opendir(INCIDENT_DIR);
	struct dirent *e;

	if (dir == NULL) {
		fprintf(stderr, "breachgen: %s: %s\n", INCIDENT_DIR,
		    strerror(errno));
		return EXIT_NOINPUT;
	}
	while ((e = readdir(dir)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len < 6 || e->d_name[0] == '.' ||
		    strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		fl->v = xrealloc(fl->v, (fl->n + 1) * sizeof *fl->v);
		fl->v[fl->n] = xmalloc(sizeof INCIDENT_DIR + len + 1);
		sprintf(fl->v[fl->n], "%s/%s", INCIDENT_DIR, e->d_name);
		fl->n++;
	}
	closedir(dir);
	if (fl->n > 1)	/* an empty folder leaves fl->v NULL */
		qsort(fl->v, fl->n, sizeof *fl->v, cmp_str);
	return 0;
}

static void
free_files(struct files *fl)
{
	size_t i;

	for (i = 0; !fl->borrowed && i < fl->n; i++)
		free(fl->v[i]);
	free(fl->v);
}

static int
collect_files(int argc, char **argv, struct files *fl)
{
	int i;

	if (argc == 0)
		return default_files(fl);
	/* argv outlives the run: the names are not copied (a batch of
	 * 100 000 files would hold them twice). */
	fl->v = xmalloc((size_t)argc * sizeof *fl->v);
	for (i = 0; i < argc; i++)
		fl->v[fl->n++] = argv[i];
	fl->borrowed = true;
	return 0;
}

/*
 * Options may follow the files, as with GNU tools ("render -o X a.yaml
 * --register"): copies every option (with its value, for those in
 * with_value) to out first, then the operands, in their order;
 * everything after "--" is an operand. Returns the number of option
 * words (an option without its value is last of them, alone); *argcp
 * becomes the number of words in out.
 */
static int
permute(int *argcp, char **argv, char **out, const char *const *with_value)
{
	int argc = *argcp, i, n = 0, nopts, k;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			continue;
		out[n++] = argv[i];
		for (k = 0; with_value[k]; k++)
			if (strcmp(argv[i], with_value[k]) == 0) {
				if (i + 1 < argc)
					out[n++] = argv[++i];
				break;
			}
	}
	nopts = n;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (++i < argc)
				out[n++] = argv[i];
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0') {
			out[n++] = argv[i];
			continue;
		}
		for (k = 0; with_value[k]; k++)
			if (strcmp(argv[i], with_value[k]) == 0) {
				i++;
				break;
			}
	}
	*argcp = n;
	return nopts;
}

/*
 * The id of every file, read before anything is written: an id names
 * the output folder, so two files with one id would write over each
 * other (also when `make -j reports` renders them in two processes:
 * the Makefile runs `check --ids` over all of them first). Every file
 * of a shared id gets an error at its id and is marked in skip (none
 * of them is written: which one is right is the user's call). Files
 * that do not load or have no id are left to the run that reads them.
 */
struct idrec {
	const char *id;
	size_t file;	/* index in fl */
};

static int
cmp_idrec(const void *a, const void *b)
{
	const struct idrec *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* The id of path as load_file reads it, or NULL; its position in *pos
 * when pos is not NULL. */
static const char *
read_id(struct arena *keep, const char *path, struct pos *pos)
{
	struct arena *a = arena_new();
	struct diags ignored;
	const struct node *root, *id;
	const char *s = NULL;
	int st;

	diag_init(&ignored);
	root = load_file(a, path, &ignored, &st);
	id = root ? node_get(root, "id") : NULL;
	if (id && id->kind == NODE_STRING) {
		s = arena_strdup(keep, id->u.str.s);
		if (pos != NULL) {
			*pos = id->pos;
			pos->file = arena_strdup(keep, path);
		}
	}
	diag_free(&ignored);
	arena_free(a);
	return s;
}

/* Every file's id as load_file reads it. */
static size_t
load_ids(struct arena *keep, const struct files *fl, struct idrec *v)
{
	size_t n = 0, i;

	for (i = 0; i < fl->n; i++) {
		const char *id = read_id(keep, fl->v[i], NULL);

		if (id != NULL) {
			v[n].id = id;
			v[n].file = i;
			n++;
		}
	}
	return n;
}

/*
 * The ids of the batch, sorted, shared ones reported (skip set). Each
 * file is read only as far as its id (load_peek_string): a full parse of
 * every file before the batch cost as much as the check itself (issue
 * 14). Only files whose id another file also has are loaded whole, for
 * the position and to be sure of the id; should any id read so differ
 * from the one load_file gives (a file that is not sound YAML), every
 * file is loaded whole as before.
 */
static struct idrec *
scan_ids(struct arena *keep, const struct files *fl, bool *skip,
	 size_t *nids, struct diags *d)
{
	struct idrec *v = xmalloc((fl->n ? fl->n : 1) * sizeof *v);
	size_t n = 0, i, j;

	for (i = 0; i < fl->n; i++) {
		char *id = load_peek_string(keep, fl->v[i], "id");

		if (id != NULL) {
			memset(&v[n], 0, sizeof v[n]);
			v[n].id = id;
			v[n].file = i;
			n++;
		}
	}
	qsort(v, n, sizeof *v, cmp_idrec);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].id, v[i].id) == 0; j++)
			;
		for (size_t k = i; j > i + 1 && k < j; k++) {
			const char *id = read_id(keep, fl->v[v[k].file], NULL);

			if (id == NULL || strcmp(id, v[k].id) != 0)
				v[k].id = NULL;	/* read otherwise whole */
		}
	}
	for (i = 0; i < n && v[i].id != NULL; i++)
		;
	if (i < n) {
		n = load_ids(keep, fl, v);
		qsort(v, n, sizeof *v, cmp_idrec);
	}
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(v[j].id, v[i].id) == 0; j++)
			;
		if (j == i + 1)
			continue;
		for (size_t k = i; k < j; k++) {
			/* Its position: the file is read once more, as rare
			 * as the error (no position kept for every id). */
			struct pos pos = {fl->v[v[k].file], 0, 0};

			read_id(keep, fl->v[v[k].file], &pos);
			skip[v[k].file] = true;
			diag_add(d, DIAG_ERROR, &pos, "id '%s' is also the "
			    "id of %s: give each incident its own id (it names "
			    "the output folder); none of them is written",
			    v[k].id, fl->v[v[k == i ? i + 1 : i].file]);
		}
	}
	*nids = n;
	return v;
}

/* The record of id among ids (sorted by scan_ids), or NULL. */
static const struct idrec *
find_id(const struct idrec *ids, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ids[mid].id, id);

		if (c == 0)
			return &ids[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The worse of two exit statuses: input missing beats bad data. */
static int
worse(int a, int b)
{
	if (a == EXIT_NOINPUT || b == EXIT_NOINPUT)
		return EXIT_NOINPUT;
	return a ? a : b;
}

/*
 * --now TIME at argv[0..1]: the instant, or a usage error (64) when the
 * value is missing or not a date and time with its offset.
 */
static int
parse_now(int argc, char **argv, int64_t *now)
{
	struct dt t;

	if (argc < 2) {
		fprintf(stderr, "breachgen: --now needs a date and time with "
		    "its offset, such as 2025-12-15T10:00:00+01:00\n");
		return EXIT_USAGE;
	}
	if (dt_parse(argv[1], strlen(argv[1]), &t, NULL) != DT_OK ||
	    t.date_only) {
		fprintf(stderr, "breachgen: --now '%s': write a "
		    "date and time with its offset, such as "
		    "2025-12-15T10:00:00+01:00\n", argv[1]);
		return EXIT_USAGE;
	}
	*now = t.epoch_sec;
	return 0;
}

/* "3 days and 4 hours left" / "late by 5 hours" for check --now. */
static void
print_time_left(const char *file, int64_t left)
{
	struct buf b = BUF_INIT;

	fmt_duration("en", left < 0 ? -left : left,
	    FMT_DAYS | FMT_HOURS | FMT_MINUTES, &b);
	if (left >= 0)
		fprintf(stderr, "%s: note: %s left before the 72-hour deadline "
		    "(Art. 33(1))\n", file, buf_cstr(&b));
	else
		fprintf(stderr, "%s: note: the 72-hour deadline passed %s ago: "
		    "notify without further delay and give the reasons for "
		    "the delay in timeline.late_reason (Art. 33(1))\n",
		    file, buf_cstr(&b));
	buf_free(&b);
}

/* What check keeps of one file until the chains are known. */
struct checked {
	struct diags d;
	size_t rec;		/* its chain record, CHN_NONE if none */
	int st;
	bool has_left;
	int64_t left;
};

struct run {
	struct out_opts o;	/* check: what render would use */
	struct auth_dir *dir;
	struct arena *dir_arena;
	bool emit;		/* assess: print the YAML */
	bool has_now;
	int64_t now;
	struct chn_set *chain;	/* check: records of the files read */
};

/* load -> incident -> assess for one file. With a chain (check), the
 * diagnostics are kept in *ck for later; otherwise printed now. */
static int
run_one(struct run *r, const char *path, struct checked *ck)
{
	struct arena *a = arena_new();
	struct diags d;
	struct incident *inc;
	struct assessment *as = NULL;
	int st = 0;
	int64_t left;

	diag_init(&d);
	ck->rec = CHN_NONE;
	inc = incident_load(a, path, &d, &st);
	if (inc != NULL) {
		as = assess_run(a, inc, r->dir, &d);
		if (d.errors == 0)
			st = out_check_incident(a, &r->o, inc, as, &d);
		if (d.errors > 0)
			st = st ? st : EXIT_DATAERR;
	}
	if (as != NULL && r->has_now && st == 0 &&
	    assess_time_left(as, r->now, &left)) {
		ck->has_left = true;
		ck->left = left;
	}
	if (r->chain != NULL) {
		if (inc != NULL)
			ck->rec = chn_add(r->chain, inc, false);
		ck->st = st;
		/* The positions name the file from the incident's arena,
		 * freed below: from now on they name path, or a copy. */
		for (size_t i = 0; i < d.n; i++)
			if (d.v[i].pos.file != NULL)
				d.v[i].pos.file = strcmp(d.v[i].pos.file,
				    path) == 0 ? path : arena_strdup(
				    r->chain->a, d.v[i].pos.file);
		diag_init(&ck->d);
		diag_move(&ck->d, &d);
		goto out;
	}
	diag_sort(&d);
	diag_print(&d, stderr);
	if (ck->has_left)
		print_time_left(path, ck->left);
	if (as != NULL && r->emit && st == 0) {
		struct buf b = BUF_INIT;

		if (assess_emit_yaml(as, inc, &b) != 0 ||
		    fwrite(buf_cstr(&b), 1, b.len, stdout) != b.len)
			st = EXIT_IOERR;
		buf_free(&b);
	}
	ck->d.errors = d.errors;
	ck->d.warnings = d.warnings;
out:
	diag_free(&d);
	arena_free(a);
	return st;
}

/* A superseded file is history: its errors stay, its warnings and
 * notes give way to one note naming the file that follows it. */
static void
supersede(struct diags *d, const struct chn_set *cs, size_t k)
{
	const struct chn_rec *rec = &cs->v[k];
	struct diags keep;

	if (rec->next == CHN_NONE)
		return;
	diag_init(&keep);
	for (size_t j = 0; j < d->n; j++)
		if (d->v[j].level == DIAG_ERROR)
			diag_add(&keep, DIAG_ERROR, &d->v[j].pos, "%s",
			    d->v[j].text);
	diag_add(&keep, DIAG_NOTE, &rec->id_pos, "superseded by %s (id %s), "
	    "which follows it: this file stays as the record of what was "
	    "sent, and its findings are not repeated",
	    cs->v[rec->next].file, cs->v[rec->next].id);
	diag_free(d);
	*d = keep;
}

/*
 * After every file of check is read: the chains are linked (their errors
 * go to the follow-up's file), and a superseded file is history: its
 * warnings and notes give way to one note naming the file that follows
 * it. Then each file's diagnostics are printed in the order read.
 */
static void
check_chains(struct run *r, struct checked *ck, size_t n)
{
	struct chn_set *cs = r->chain;
	size_t nrec, i;
	struct diags *rd = chn_check(cs, &nrec, NULL);

	for (i = 0; i < n; i++) {
		size_t k = ck[i].rec;
		const struct chn_rec *rec;

		if (k == CHN_NONE)
			continue;
		rec = &cs->v[k];
		if (rd[k].errors > 0 && ck[i].st == 0)
			ck[i].st = EXIT_DATAERR;
		diag_move(&ck[i].d, &rd[k]);
		if (rec->next != CHN_NONE) {
			supersede(&ck[i].d, cs, k);
			ck[i].has_left = false;
		}
	}
	chn_diags_free(rd, nrec);
}

static int
cmd_run(int argc, char **argv, bool emit)
{
	struct files fl = {NULL, 0, false};
	struct run r;
	struct diags dd;
	struct chn_set cs;
	struct checked *ck = NULL;
	size_t i, nerr = 0, nwarn = 0, nbad = 0, nids = 0;
	int status = 0, rc;
	bool ids_only = false, *skip = NULL;
	struct arena *ida = arena_new();
	struct idrec *ids = NULL;

	static const char *const with_value[] = { "--now", NULL };
	char **args = xmalloc(((size_t)argc + 1) * sizeof *args);
	int nopts = permute(&argc, argv, args, with_value);

	argv = args;
	memset(&r, 0, sizeof r);
	chn_init(&cs);
	r.emit = emit;
	r.now = (int64_t)time(NULL);
	while (nopts > 0) {
		if (strcmp(argv[0], "--now") == 0) {
			if ((status = parse_now(nopts, argv, &r.now)) != 0)
				goto out;
			r.has_now = true;
			argc -= 2, argv += 2, nopts -= 2;
			continue;
		}
		if (strcmp(argv[0], "--ids") == 0 && !emit) {
			ids_only = true;
			argc--, argv++, nopts--;
			continue;
		}
		fprintf(stderr, "breachgen: unknown option '%s'\n%s",
		    argv[0], usage_text);
		status = EXIT_USAGE;
		goto out;
	}
	rc = collect_files(argc, argv, &fl);
	if (rc != 0) {
		status = rc;
		goto out;
	}
	skip = xmalloc((fl.n + 1) * sizeof *skip);
	memset(skip, 0, (fl.n + 1) * sizeof *skip);
	diag_init(&dd);
	/* One file shares its id with none: no second parse (issue 14). */
	if (fl.n > 1)
		ids = scan_ids(ida, &fl, skip, &nids, &dd);
	diag_print(&dd, stderr);
	nerr += dd.errors;
	if (dd.errors > 0)
		status = EXIT_DATAERR;
	diag_free(&dd);
	if (ids_only) {
		fprintf(stderr, "%zu file%s: %s\n", fl.n, fl.n == 1 ? "" : "s",
		    nerr ? "ids shared, nothing of those files is written" :
		    "every id is its own");
		goto out;
	}
	if (!emit)
		r.chain = &cs;
	/* The authority directory names recipients and their time zones;
	 * it is loaded once for the whole batch. */
	diag_init(&dd);
	r.dir_arena = arena_new();
	r.dir = auth_load(r.dir_arena,
	    template_file(r.dir_arena, "authorities.yaml"), &dd, &rc);
	diag_print(&dd, stderr);
	diag_free(&dd);
	if (r.dir == NULL) {
		status = rc ? rc : EXIT_DATAERR;
		goto out;
	}
	r.o.tpl_dir = template_dir();
	r.o.dir = r.dir;
	r.o.cache = out_cache_new();
	ck = xmalloc((fl.n ? fl.n : 1) * sizeof *ck);
	memset(ck, 0, (fl.n ? fl.n : 1) * sizeof *ck);
	for (i = 0; i < fl.n; i++) {
		ck[i].st = run_one(&r, fl.v[i], &ck[i]);
		/* A shared id is reported above; the rest is checked too. */
		if (skip[i] && ck[i].st == 0)
			ck[i].st = EXIT_DATAERR;
	}
	if (r.chain != NULL) {
		check_chains(&r, ck, fl.n);
		for (i = 0; i < fl.n; i++) {
			diag_sort(&ck[i].d);
			diag_print(&ck[i].d, stderr);
			if (ck[i].has_left && ck[i].st == 0)
				print_time_left(fl.v[i], ck[i].left);
		}
	}
	for (i = 0; i < fl.n; i++) {
		if (ck[i].st != 0)
			nbad++;
		status = worse(status, ck[i].st);
		nerr += ck[i].d.errors;
		nwarn += ck[i].d.warnings;
		if (r.chain != NULL)
			diag_free(&ck[i].d);
	}
	fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s%s\n",
	    fl.n, fl.n == 1 ? "" : "s", nerr, nerr == 1 ? "" : "s", nwarn,
	    nwarn == 1 ? "" : "s", nbad ? "; fix the errors above and run "
	    "again" : "");
out:
	free(ck);
	chn_free(&cs);
	free(args);
	free(skip);
	free(ids);
	arena_free(ida);
	out_cache_free(r.o.cache);
	arena_free(r.dir_arena);
	free_files(&fl);
	fmt_cleanup();
	tz_cleanup();
	return status;
}

/* ---- status ---- */

/* One breach's line of status, for sorting. */
struct sline {
	struct chn_status st;
	bool overdue;
	bool has_by;
	int64_t by;		/* the earliest date due */
	const char *id;
};

static int
cmp_sline(const void *pa, const void *pb)
{
	const struct sline *a = pa, *b = pb;

	if (a->overdue != b->overdue)
		return a->overdue ? -1 : 1;
	if (a->has_by != b->has_by)
		return a->has_by ? -1 : 1;
	if (a->has_by && a->by != b->by)
		return a->by < b->by ? -1 : 1;
	return strcmp(a->id, b->id);
}

static const char *const stand_words[] = {
	"not notified yet", "not to be notified (the controller's decision)",
	"initial notification filed, to be completed",
	"notified, complete", "withdrawn"
};

/* "by 2025-12-15T12:00:00+01:00 (overdue by 2 days and 3 hours)". */
static void
put_by(struct buf *b, int64_t by, int off, int64_t now)
{
	char t[DT_FMT_MAX];

	buf_printf(b, " by %s", dt_format_offset(by, off, t));
	if (now > by) {
		buf_puts(b, " (overdue by ");
		fmt_duration("en", now - by, FMT_DAYS | FMT_HOURS |
		    FMT_MINUTES, b);
		buf_puts(b, ")");
	}
}

static void
status_text(const struct chn_set *cs, const struct sline *l, int64_t now,
	    struct buf *b)
{
	const struct chn_status *st = &l->st;
	const struct chn_rec *r = &cs->v[st->latest];
	size_t i;

	buf_printf(b, "%s: %s", r->id, stand_words[st->stand]);
	if (st->head != st->latest) {
		size_t n = 1;

		for (i = st->latest; cs->v[i].prev != CHN_NONE;
		    i = cs->v[i].prev)
			n++;
		buf_printf(b, " (%zu notifications, first %s)", n,
		    cs->v[st->head].id);
	}
	buf_puts(b, "; next: ");
	switch (st->due) {
	case CHN_DUE_NOTIFICATION:
		buf_puts(b, "notify the authority within 72 hours of "
		    "awareness (Art. 33(1))");
		break;
	case CHN_DUE_FOLLOW_UP:
		buf_puts(b, "the follow-up promised in "
		    "notification.expected_completion (Art. 33(4))");
		break;
	case CHN_DUE_COMMUNICATION:
		buf_puts(b, "tell the people without undue delay "
		    "(Art. 34(1))");
		break;
	default:
		buf_puts(b, "nothing due");
		break;
	}
	if (st->due != CHN_DUE_NONE && st->has_by)
		put_by(b, st->by, st->by_offset_min, now);
	else if (st->due != CHN_DUE_NONE && st->due !=
	    CHN_DUE_COMMUNICATION)
		buf_puts(b, ", date unknown");
	if (st->tell && st->due != CHN_DUE_COMMUNICATION) {
		buf_puts(b, "; then tell the people without undue delay "
		    "(Art. 34(1))");
		if (st->has_tell_by)
			put_by(b, st->tell_by, r->comm_sent.set ?
			    r->comm_sent.offset_min :
			    r->comm_planned.offset_min, now);
	}
	if (r->ntbd > 0 && st->stand != CHN_WITHDRAWN) {
		buf_puts(b, "; still to supply: ");
		for (i = 0; i < r->ntbd; i++)
			buf_printf(b, "%s%s", i ? ", " : "", r->tbd[i]);
	}
	buf_printf(b, " [%s]\n", r->file);
}

static void
status_yaml(const struct chn_set *cs, const struct sline *l, int64_t now,
	    struct buf *b)
{
	const struct chn_status *st = &l->st;
	const struct chn_rec *r = &cs->v[st->latest];
	char t[DT_FMT_MAX];
	size_t i;

	(void)now;
	buf_printf(b, "- breach: %s\n  file: %s\n  notifications: [", r->id,
	    r->file);
	/* First to latest: from the head, following next. */
	for (i = st->head; i != CHN_NONE; i = cs->v[i].next) {
		buf_printf(b, "%s%s", i != st->head ? ", " : "", cs->v[i].id);
		if (i == st->latest)
			break;
	}
	buf_printf(b, "]\n  stands: %s\n  due: %s\n", chn_stand_key(st->stand),
	    chn_due_key(st->due));
	if (st->due != CHN_DUE_NONE && st->has_by)
		buf_printf(b, "  due_by: %s\n",
		    dt_format_offset(st->by, st->by_offset_min, t));
	buf_printf(b, "  tell_people: %s\n", st->tell ? "true" : "false");
	if (st->tell && st->has_tell_by)
		buf_printf(b, "  tell_by: %s\n", dt_format_offset(st->tell_by,
		    r->comm_sent.set ? r->comm_sent.offset_min :
		    r->comm_planned.offset_min, t));
	buf_printf(b, "  overdue: %s\n  lacks: [", l->overdue ? "true" :
	    "false");
	for (i = 0; st->stand != CHN_WITHDRAWN && i < r->ntbd; i++)
		buf_printf(b, "%s%s", i ? ", " : "", r->tbd[i]);
	buf_puts(b, "]\n");
}

/*
 * breachgen status: one line per breach (the latest file of each chain),
 * most urgent first. Exit 1 when something is overdue, 0 otherwise; the
 * errors of a file (65) or a missing one (66) come first.
 */
static int
cmd_status(int argc, char **argv)
{
	struct files fl = {NULL, 0, false};
	struct chn_set cs;
	struct diags *rd = NULL;
	struct sline *lines = NULL;
	struct buf out = BUF_INIT;
	int64_t now = (int64_t)time(NULL);
	bool yaml = false, any_overdue = false, *seen = NULL;
	size_t i, nl = 0, nrec = 0, nerr = 0;
	int status = 0;
	static const char *const with_value[] = { "--now", "--format", NULL };
	char **args = xmalloc(((size_t)argc + 1) * sizeof *args);
	int nopts = permute(&argc, argv, args, with_value);

	chn_init(&cs);
	argv = args;
	while (nopts > 0) {
		if (strcmp(argv[0], "--now") == 0) {
			if ((status = parse_now(nopts, argv, &now)) != 0)
				goto out;
		} else if (strcmp(argv[0], "--format") == 0 && nopts > 1 &&
		    (strcmp(argv[1], "yaml") == 0 ||
		    strcmp(argv[1], "text") == 0)) {
			yaml = strcmp(argv[1], "yaml") == 0;
		} else if (strcmp(argv[0], "--format") == 0) {
			fprintf(stderr, "breachgen: status: --format '%s': "
			    "write --format text or --format yaml\n",
			    nopts > 1 ? argv[1] : "");
			status = EXIT_USAGE;
			goto out;
		} else {
			fprintf(stderr, "breachgen: status: unknown option "
			    "'%s'\n%s", argv[0], usage_text);
			status = EXIT_USAGE;
			goto out;
		}
		argc -= 2, argv += 2, nopts -= 2;
	}
	if ((status = collect_files(argc, argv, &fl)) != 0)
		goto out;
	for (i = 0; i < fl.n; i++) {
		struct arena *a = arena_new();
		struct diags d;
		struct incident *inc;
		int st = 0;

		diag_init(&d);
		inc = incident_load(a, fl.v[i], &d, &st);
		if (inc != NULL)
			chn_add(&cs, inc, false);
		else
			status = worse(status, st ? st : EXIT_DATAERR);
		/* Only the errors: check gives the rest. */
		diag_print_errors(&d, stderr);
		diag_free(&d);
		arena_free(a);
	}
	rd = chn_check(&cs, &nrec, &nerr);
	if (nerr > 0)
		status = worse(status, EXIT_DATAERR);
	for (i = 0; i < nrec; i++)
		diag_print(&rd[i], stderr);
	lines = xmalloc((cs.n ? cs.n : 1) * sizeof *lines);
	seen = xmalloc(cs.n + 1);
	memset(seen, 0, cs.n + 1);
	for (i = 0; i < cs.n; i++) {
		struct sline *l;
		size_t last = chn_latest(&cs, i);

		/* A breach once, at its latest file, when one of its
		 * files was named. */
		if (cs.v[i].extra || seen[last])
			continue;
		seen[last] = true;
		l = &lines[nl++];
		chn_status(&cs, last, now, &l->st);
		l->id = cs.v[last].id;
		l->overdue = l->st.overdue || l->st.tell_overdue;
		l->has_by = l->st.has_by || l->st.has_tell_by;
		l->by = l->st.has_by ? l->st.by : l->st.tell_by;
		if (l->st.has_by && l->st.has_tell_by &&
		    l->st.tell_by < l->by)
			l->by = l->st.tell_by;
		any_overdue |= l->overdue;
	}
	qsort(lines, nl, sizeof *lines, cmp_sline);
	for (i = 0; i < nl; i++) {
		if (yaml)
			status_yaml(&cs, &lines[i], now, &out);
		else
			status_text(&cs, &lines[i], now, &out);
	}
	if (fwrite(buf_cstr(&out), 1, out.len, stdout) != out.len ||
	    fflush(stdout) != 0)
		status = worse(status, EXIT_IOERR);
	if (status == 0 && any_overdue)
		status = 1;
out:
	buf_free(&out);
	free(lines);
	free(seen);
	chn_diags_free(rd, nrec);
	chn_free(&cs);
	free(args);
	free_files(&fl);
	fmt_cleanup();
	tz_cleanup();
	return status;
}

/* ---- render ---- */

#define MAX_LANGS 8

struct rctx {
	struct out_opts o;
	const char *langs[MAX_LANGS];	/* -l */
	size_t nlangs;
	const char *forms[MAX_LANGS];	/* -a form-<authority> */
	size_t nforms;
	bool want_register;
	/* The register, written as the incidents are rendered, and its
	 * languages (without -l). */
	struct out_register *reg;
	const char *reg_langs[MAX_LANGS];
	size_t nreg_langs;
	size_t nok;
	size_t nwritten;
	/* The chains of the files read: each file's record and the
	 * errors of its link. */
	struct chn_set cs;
	size_t *rec_of;
	struct diags *rd;
	size_t nrd;
};

/* Splits "a,b" into the accepted names; 0 or EXIT_USAGE. */
static int
parse_list(const char *opt, const char *arg, const char *const *names,
	   size_t nnames, unsigned *bits)
{
	const char *p = arg;

	*bits = 0;
	while (*p) {
		size_t len = strcspn(p, ","), i;

		for (i = 0; i < nnames; i++)
			if (strlen(names[i]) == len &&
			    strncmp(p, names[i], len) == 0)
				break;
		if (i == nnames) {
			fprintf(stderr, "breachgen: %s: unknown value "
			    "'%.*s'; write a comma-separated list of:", opt,
			    (int)len, p);
			for (i = 0; i < nnames; i++)
				fprintf(stderr, "%s%s", i ? ", " : " ",
				    names[i]);
			fputc('\n', stderr);
			return EXIT_USAGE;
		}
		*bits |= 1u << i;
		p += len;
		if (*p == ',')
			p++;
	}
	if (*bits == 0) {
		fprintf(stderr, "breachgen: %s needs a value\n", opt);
		return EXIT_USAGE;
	}
	return 0;
}

/* The languages of the templates folder, for a usage message. */
static void
print_languages(const char *dir)
{
	struct buf b = BUF_INIT;

	rnd_languages(dir, &b);
	fprintf(stderr, "%s\n", b.len ? buf_cstr(&b) : "(none found)");
	buf_free(&b);
}

/* -a: the reports, and form-<authority> for an authority's form
 * companion. */
static int
parse_audiences(struct rctx *r, char *arg, const char *const *names,
		size_t nnames)
{
	char rest[256] = "", *p, *save = NULL;
	int rc = 0;

	for (p = strtok_r(arg, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
		if (strncmp(p, "form-", 5) == 0 && p[5] != '\0') {
			if (r->nforms == MAX_LANGS) {
				fprintf(stderr, "breachgen: -a: at most %d "
				    "forms\n", MAX_LANGS);
				return EXIT_USAGE;
			}
			r->forms[r->nforms++] = p + 5;
		} else if (strlen(rest) + strlen(p) + 2 < sizeof rest) {
			strcat(strcat(rest, *rest ? "," : ""), p);
		} else {
			fprintf(stderr, "breachgen: -a: list too long\n");
			return EXIT_USAGE;
		}
	}
	if (*rest || r->nforms == 0)
		rc = parse_list("-a", rest, names, nnames, &r->o.audiences);
	if (r->nforms > 0)
		r->o.audiences |= OUT_FORMS;
	r->o.forms = r->forms;
	r->o.nforms = r->nforms;
	return rc;
}

static int
parse_langs(struct rctx *r, char *arg)
{
	char *p, *save = NULL;

	for (p = strtok_r(arg, ",", &save); p;
	    p = strtok_r(NULL, ",", &save)) {
		if (!rnd_lang_ok(r->o.tpl_dir, p)) {
			fprintf(stderr, "breachgen: -l: cannot write reports "
			    "in '%s': %s/%s/labels.yaml does not exist; "
			    "languages: ", p, r->o.tpl_dir, p);
			print_languages(r->o.tpl_dir);
			return EXIT_USAGE;
		}
		if (r->nlangs == MAX_LANGS)
			break;
		r->langs[r->nlangs++] = p;
	}
	if (r->nlangs == 0) {
		fprintf(stderr, "breachgen: -l needs a language: ");
		print_languages(r->o.tpl_dir);
		return EXIT_USAGE;
	}
	return 0;
}

/* --register-languages fr,en: the register's languages, whatever
 * languages the incident files have. */
static int
parse_reg_langs(struct rctx *r, const char *arg)
{
	const char *p = arg;

	while (*p) {
		size_t len = strcspn(p, ",");
		char *l = xmalloc(len + 1);

		memcpy(l, p, len);
		l[len] = '\0';
		if (!fmt_lang_ok(l)) {
			fprintf(stderr, "breachgen: --register-languages: "
			    "cannot write a register in '%s'; use fr or en\n",
			    l);
			free(l);
			return EXIT_USAGE;
		}
		if (r->nreg_langs < MAX_LANGS)
			r->reg_langs[r->nreg_langs++] = l;
		else
			free(l);
		p += len;
		if (*p == ',')
			p++;
	}
	if (r->nreg_langs == 0) {
		fprintf(stderr, "breachgen: --register-languages needs a "
		    "language: fr, en\n");
		return EXIT_USAGE;
	}
	return 0;
}

/* SOURCE_DATE_EPOCH, when set, must be whole seconds. */
static int
read_sde(struct out_opts *o)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		fprintf(stderr, "breachgen: SOURCE_DATE_EPOCH '%s': write "
		    "whole seconds since 1970-01-01 UTC, or unset it\n", s);
		return EXIT_USAGE;
	}
	o->has_sde = true;
	o->sde = v;
	return 0;
}

/*
 * The register's languages: -l, else --register-languages (set once for
 * the project: make's REGISTER_LANGS), else every language of the files
 * read, in name order. Every breach is listed in each of them.
 */
static void
register_langs(struct rctx *r, const struct incident *inc)
{
	const char *const *langs = inc->nlanguages ? inc->languages
						   : &inc->language;
	size_t nl = inc->nlanguages ? inc->nlanguages : 1, j, k;

	for (j = 0; j < nl; j++) {
		for (k = 0; k < r->nreg_langs; k++)
			if (strcmp(r->reg_langs[k], langs[j]) == 0)
				break;
		if (k == r->nreg_langs && k < MAX_LANGS)
			r->reg_langs[r->nreg_langs++] = xstrdup(langs[j]);
	}
}

/* The instant of the register's status: SOURCE_DATE_EPOCH, else the
 * latest date of the files read; never the clock. */
static void
register_now(struct rctx *r, const struct inc_time *sent,
	     const struct inc_time *told)
{
	if (sent->set && sent->epoch > r->o.status_now)
		r->o.status_now = sent->epoch;
	if (told->set && told->epoch > r->o.status_now)
		r->o.status_now = told->epoch;
}

/* A folder of the output whose incident file is gone is left as it
 * was (it may be the only copy of what was sent): say so. */
static void
note_orphans(const char *out_dir, const struct idrec *ids, size_t nids)
{
	DIR *dir = opendir(out_dir);
	struct dirent *e;
	struct files names = {NULL, 0, false};

	if (dir == NULL)
		return;
	while ((e = readdir(dir)) != NULL) {
		char *path;
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		if (find_id(ids, nids, e->d_name) != NULL)
			continue;
		path = xmalloc(strlen(out_dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", out_dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			names.v = xrealloc(names.v, (names.n + 1) *
			    sizeof *names.v);
			names.v[names.n++] = path;
		} else {
			free(path);
		}
	}
	closedir(dir);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
	for (size_t i = 0; i < names.n; i++)
		fprintf(stderr, "%s: note: matches no incident file; left as "
		    "it was (remove it yourself if that incident was "
		    "deleted)\n", names.v[i]);
	free_files(&names);
}

/* After a failure: say that the reports already there are stale. */
static void
note_stale(const struct rctx *r, const struct incident *inc)
{
	struct stat sb;
	char *dir;

	if (r->o.rows_only)
		return;
	dir = xmalloc(strlen(r->o.out_dir) + strlen(inc->id) + 2);
	sprintf(dir, "%s/%s", r->o.out_dir, inc->id);
	if (lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode))
		fprintf(stderr, "%s: note: nothing written; the reports in "
		    "%s/ are from an earlier run and do not match this "
		    "file any more\n", inc->file, dir);
	free(dir);
}

/* load -> incident -> assess -> view -> render -> markdown -> pdf for
 * one file, everything in memory; then the writes. */
static int
render_one(struct run *run, struct rctx *r, size_t fi, const char *path,
	   size_t *nerr, size_t *nwarn)
{
	struct arena *a = arena_new();
	struct out_set set = {NULL, 0, 0};
	struct out_opts o = r->o;
	struct diags d;
	struct incident *inc;
	struct assessment *as;
	size_t k = r->rec_of[fi];
	bool latest = true;
	int st = 0;

	diag_init(&d);
	inc = incident_load(a, path, &d, &st);
	if (inc == NULL)
		goto out;
	as = assess_run(a, inc, run->dir, &d);
	if (k != CHN_NONE) {
		const struct chn_rec *rec = &r->cs.v[k];

		diag_move(&d, &r->rd[k]);
		latest = rec->next == CHN_NONE;
		/* The notification this one follows, for what changed. */
		if (rec->prev != CHN_NONE) {
			struct diags scratch;
			int pst = 0;

			diag_init(&scratch);
			o.prev = incident_load(a, r->cs.v[rec->prev].file,
			    &scratch, &pst);
			diag_free(&scratch);
		}
	}
	if (d.errors > 0) {
		st = st ? st : EXIT_DATAERR;
		goto out;
	}
	/* A superseded file keeps its reports, not a row: the register
	 * has one per breach, at its latest notification. */
	if (r->o.rows_only && !latest)
		goto out;
	st = out_render_incident(a, &o, inc, as, &set,
	    latest ? r->reg : NULL, &d);
	if (st == 0 && d.errors > 0)
		st = EXIT_DATAERR;
	if (st == 0 && !r->o.rows_only)
		st = out_incident_write(a, &r->o, inc->id, &set, &d);
	/* Its rows join the register once all went well. */
	if (st == 0)
		st = out_register_keep(r->reg, &d);
	if (st == 0) {
		r->nok++;
		r->nwritten += set.n;
	}
out:
	if (k != CHN_NONE)
		supersede(&d, &r->cs, k);
	diag_sort(&d);
	if (r->o.rows_only) {
		/* The run that writes the incident's reports prints its
		 * notes and warnings; the register's run only its errors. */
		diag_print_errors(&d, stderr);
	} else {
		diag_print(&d, stderr);
	}
	if (st != 0) {
		if (inc != NULL)
			note_stale(r, inc);
		out_register_drop(r->reg);	/* its rows leave it */
	}
	*nerr += d.errors;
	*nwarn += d.warnings;
	out_set_free(&set);
	diag_free(&d);
	arena_free(a);
	return st;
}

/* The chain record of file i (nothing when its load fails: its errors
 * are reported when it is rendered). Feeds the register's languages
 * (collect) and instant. */
static void
scan_file(struct rctx *r, const struct files *fl, size_t i, bool all,
	  bool collect)
{
	struct arena *a = arena_new();
	struct diags d;
	struct incident *inc;
	int st = 0;

	diag_init(&d);
	inc = incident_load(a, fl->v[i], &d, &st);
	if (inc != NULL && inc->id != NULL) {
		if (collect)
			register_langs(r, inc);
		if (!r->o.has_sde)
			register_now(r, &inc->notification.sent_at,
			    &inc->communication.sent_at);
		if (all || inc->notification.follows != NULL)
			r->rec_of[i] = chn_add(&r->cs, inc, false);
	}
	diag_free(&d);
	arena_free(a);
}

/*
 * Before rendering: the chains of the files, their links checked, the
 * register's languages and instant. A record is kept for the files of
 * a chain only (a follow-up, and the file it follows when that is in
 * the batch: ids names it); a file in no chain gets its own when its
 * row is made (output.c), so that a batch of many separate breaches
 * holds no record for each (issue 12, flat memory).
 */
static void
chain_scan(struct rctx *r, const struct files *fl, const struct idrec *ids,
	   size_t nids)
{
	bool collect = r->nlangs == 0 && r->nreg_langs == 0;
	size_t i;

	r->rec_of = xmalloc((fl->n ? fl->n : 1) * sizeof *r->rec_of);
	r->o.status_now = r->o.has_sde ? r->o.sde : 0;
	for (i = 0; i < fl->n; i++) {
		r->rec_of[i] = CHN_NONE;
		scan_file(r, fl, i, ids == NULL, collect);
	}
	/* The files the follow-ups follow, when in the batch; a record
	 * added here follows nothing (it would have one already). */
	for (i = 0; ids != NULL && i < r->cs.n; i++) {
		const struct idrec *e = r->cs.v[i].follows ?
		    find_id(ids, nids, r->cs.v[i].follows) : NULL;

		if (e != NULL && r->rec_of[e->file] == CHN_NONE &&
		    chn_find(&r->cs, e->id) == CHN_NONE)
			scan_file(r, fl, e->file, true, false);
	}
	if (collect)
		qsort(r->reg_langs, r->nreg_langs, sizeof *r->reg_langs,
		    cmp_str);
	r->rd = chn_check(&r->cs, &r->nrd, NULL);
	/* Files read to resolve a chain date it too. */
	for (i = 0; !r->o.has_sde && i < r->cs.n; i++)
		register_now(r, &r->cs.v[i].sent_at, &r->cs.v[i].comm_sent);
}

/* The register over every incident rendered, in each language. */
static int
render_register(struct rctx *r, size_t nbad)
{
	size_t nlangs = r->nlangs ? r->nlangs : r->nreg_langs;
	struct arena *a = arena_new();
	struct out_set set = {NULL, 0, 0};
	struct diags d;
	int st = 0;

	diag_init(&d);
	if (nbad > 0) {
		fprintf(stderr, "breachgen: note: the register is not "
		    "written while %zu incident%s %s errors; the one in "
		    "%s/ is left as it was\n", nbad, nbad == 1 ? "" : "s",
		    nbad == 1 ? "has" : "have", r->o.out_dir);
		goto out;
	}
	if (r->nok > 0 && nlangs == 0) {
		fprintf(stderr, "breachgen: note: the register is not "
		    "written: the incidents share no language; name one "
		    "with -l\n");
		goto out;
	}
	st = out_register_write(r->reg, a, &r->o, &set, &d);
	out_clean_register_temps(r->o.out_dir, &r->o.run_start);
	if (st == 0 && d.errors == 0)
		st = out_set_write(&set, &d);
	else if (st == 0)
		st = EXIT_DATAERR;
	if (st == 0)
		r->nwritten += set.n;
out:
	diag_sort(&d);
	diag_print(&d, stderr);
	out_set_free(&set);
	diag_free(&d);
	arena_free(a);
	return st;
}

static int
cmd_render(int argc, char **argv)
{
	static const char *const aud_names[] = {
		RND_AUTHORITY, RND_SUBJECTS, RND_REGISTER
	};
	static const char *const fmt_names[] = { "md", "pdf" };
	struct files fl = {NULL, 0, false};
	struct run run;
	struct rctx r;
	struct style st;
	struct arena *st_arena = arena_new();
	const char *style_path;
	struct diags dd;
	size_t i, nerr = 0, nwarn = 0, nbad = 0, nids = 0;
	int status = 0, rc = 0, reg_opt = -1;
	bool *skip = NULL;
	struct arena *ida = arena_new();
	struct idrec *ids = NULL;

	static const char *const with_value[] = { "-l", "-a", "-f", "-o",
	    "--register-languages", NULL };
	char **args = xmalloc(((size_t)argc + 1) * sizeof *args);
	int nopts = permute(&argc, argv, args, with_value);

	argv = args;
	memset(&run, 0, sizeof run);
	memset(&r, 0, sizeof r);
	chn_init(&r.cs);
	r.o.out_dir = "out";
	r.o.tpl_dir = template_dir();
	clock_gettime(CLOCK_REALTIME, &r.o.run_start);
	r.o.formats = OUT_MD | OUT_PDF;
	while (nopts > 0) {
		const char *opt = argv[0];

		if (strcmp(opt, "--register") == 0) {
			reg_opt = 1;
		} else if (strcmp(opt, "--no-register") == 0) {
			reg_opt = 0;
		} else if (strcmp(opt, "--register-only") == 0) {
			reg_opt = 1;
			r.o.rows_only = true;
		} else if (nopts > 1 && strcmp(opt, "-l") == 0) {
			rc = parse_langs(&r, argv[1]);
		} else if (nopts > 1 &&
		    strcmp(opt, "--register-languages") == 0) {
			if ((status = parse_reg_langs(&r, argv[1])) != 0)
				goto out;
			argc--, argv++, nopts--;
		} else if (nopts > 1 && strcmp(opt, "-a") == 0) {
			rc = parse_audiences(&r, argv[1], aud_names, 3);
		} else if (nopts > 1 && strcmp(opt, "-f") == 0) {
			rc = parse_list(opt, argv[1], fmt_names, 2,
			    &r.o.formats);
		} else if (nopts > 1 && strcmp(opt, "-o") == 0) {
			r.o.out_dir = argv[1];
			rc = *argv[1] ? 0 : EXIT_USAGE;
		} else {
			fprintf(stderr, "breachgen: unknown option '%s'%s\n%s",
			    opt, strcmp(opt, "-l") == 0 ||
			    strcmp(opt, "-a") == 0 || strcmp(opt, "-f") == 0 ||
			    strcmp(opt, "-o") == 0 ? " without its value" : "",
			    usage_text);
			status = EXIT_USAGE;
			goto out;
		}
		if (opt[1] != '-') {
			if (rc != 0) {
				status = rc;
				goto out;
			}
			argc--, argv++, nopts--;
		}
		argc--, argv++, nopts--;
	}
	r.o.langs = r.nlangs ? r.langs : NULL;
	r.o.nlangs = r.nlangs;
	/* A register from a few named files would replace the full one:
	 * only on request then. */
	r.want_register = reg_opt >= 0 ? reg_opt == 1 : argc == 0;
	if ((status = read_sde(&r.o)) != 0)
		goto out;
	if ((status = collect_files(argc, argv, &fl)) != 0)
		goto out;
	skip = xmalloc((fl.n + 1) * sizeof *skip);
	memset(skip, 0, (fl.n + 1) * sizeof *skip);
	diag_init(&dd);
	/* One file shares its id with none; the ids serve then only to
	 * name the folders of no incident (below): no second parse of the
	 * file of each `make reports` run (issue 14). */
	if (fl.n > 1 || (r.want_register && (argc == 0 || r.o.rows_only)))
		ids = scan_ids(ida, &fl, skip, &nids, &dd);
	diag_print(&dd, stderr);
	nerr += dd.errors;
	diag_free(&dd);

	diag_init(&dd);
	run.dir_arena = arena_new();
	run.dir = auth_load(run.dir_arena,
	    template_file(run.dir_arena, "authorities.yaml"), &dd, &rc);
	style_default(&st);
	style_path = template_file(st_arena, "style.yaml");
	if (run.dir != NULL && access(style_path, F_OK) == 0 &&
	    (status = style_load(&st, st_arena, style_path, &dd)) != 0)
		rc = status;
	diag_print(&dd, stderr);
	diag_free(&dd);
	if (run.dir == NULL || rc != 0) {
		status = rc ? rc : EXIT_DATAERR;
		goto out;
	}
	r.o.dir = run.dir;
	r.o.style = &st;
	r.o.cache = out_cache_new();
	chain_scan(&r, &fl, ids, nids);
	r.o.chain = &r.cs;
	if (r.want_register)
		r.reg = out_register_new(&r.o, r.nlangs ? r.langs :
		    r.reg_langs, r.nlangs ? r.nlangs : r.nreg_langs);
	for (i = 0; i < fl.n; i++) {
		int s = skip[i] ? EXIT_DATAERR :
		    render_one(&run, &r, i, fl.v[i], &nerr, &nwarn);

		if (s != 0)
			nbad++;
		status = worse(status, s);
	}
	if (r.want_register) {
		status = worse(status, render_register(&r, nbad));
		/* Over every incident (make's register run is one): */
		if (argc == 0 || r.o.rows_only)
			note_orphans(r.o.out_dir, ids, nids);
	}
	fprintf(stderr, "%zu file%s read: %zu error%s, %zu warning%s; "
	    "%zu report%s written under %s%s\n", fl.n, fl.n == 1 ? "" : "s",
	    nerr, nerr == 1 ? "" : "s", nwarn, nwarn == 1 ? "" : "s",
	    r.nwritten, r.nwritten == 1 ? "" : "s", r.o.out_dir,
	    nbad ? "; fix the errors above and run again" : "");
out:
	free(skip);
	free(ids);
	arena_free(ida);
	for (i = 0; i < r.nreg_langs; i++)
		free((char *)r.reg_langs[i]);
	chn_diags_free(r.rd, r.nrd);
	free(r.rec_of);
	chn_free(&r.cs);
	out_register_free(r.reg);
	out_cache_free(r.o.cache);
	arena_free(run.dir_arena);
	arena_free(st_arena);
	free_files(&fl);
	free(args);
	fmt_cleanup();
	tz_cleanup();
	return status;
}

/* The labels of each language, for the wording in docs/assessment.md. */
struct wording {
	struct arena *a;
	const char *langs[8];
	struct node *labels[8];
};

static const char *
ground_wording(void *ctx, const char *lang, const char *key)
{
	struct wording *w = ctx;
	const struct node *n;

	for (size_t i = 0; w->langs[i]; i++) {
		if (strcmp(w->langs[i], lang) != 0)
			continue;
		n = node_get(node_get(w->labels[i], "grounds"), key);
		return n && n->kind == NODE_STRING ? n->u.str.s : NULL;
	}
	return NULL;
}

/* The languages of templates/, in a fixed order (en first, then the
 * others by name), each with its labels. */
static int
load_wordings(struct wording *w, struct diags *d)
{
	static const char *const known[] = {"en", "fr", "de", "es", "it",
	    "nl", "pl", "pt", NULL};
	size_t n = 0;
	int st = 0;

	for (size_t i = 0; known[i] && n < 7; i++) {
		char path[4096];
		struct stat sb;

		snprintf(path, sizeof path, "%s/%s/labels.yaml",
		    template_dir(), known[i]);
		if (stat(path, &sb) != 0)
			continue;
		w->labels[n] = view_labels_load(w->a, template_dir(), known[i],
		    d, &st);
		if (w->labels[n] == NULL)
			return st ? st : EXIT_DATAERR;
		w->langs[n++] = known[i];
	}
	w->langs[n] = NULL;
	return 0;
}

static int
cmd_schema(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	if (argc == 1 && strcmp(argv[0], "--markdown") == 0) {
		sch_markdown(&b);
	} else if (argc == 1 && strcmp(argv[0], "--rules") == 0) {
		struct wording w;
		struct diags d;

		memset(&w, 0, sizeof w);
		w.a = arena_new();
		diag_init(&d);
		rc = load_wordings(&w, &d);
		diag_print(&d, stderr);
		diag_free(&d);
		if (rc == 0)
			rules_markdown(&b, w.langs, ground_wording, &w);
		if (rc == 0 && (fwrite(buf_cstr(&b), 1, b.len, stdout) !=
		    b.len || fflush(stdout) != 0))
			rc = EXIT_IOERR;
		arena_free(w.a);
		buf_free(&b);
		return rc;
	} else if (argc == 0) {
		sch_json_schema(&b);
	} else {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (fwrite(buf_cstr(&b), 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0)
		rc = EXIT_IOERR;
	buf_free(&b);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		fputs("\n", stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		puts("breachgen " BREACHGEN_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_run(argc - 2, argv + 2, false);
	if (strcmp(argv[1], "assess") == 0)
		return cmd_run(argc - 2, argv + 2, true);
	if (strcmp(argv[1], "render") == 0)
		return cmd_render(argc - 2, argv + 2);
	if (strcmp(argv[1], "schema") == 0)
		return cmd_schema(argc - 2, argv + 2);
	if (strcmp(argv[1], "status") == 0)
		return cmd_status(argc - 2, argv + 2);
	fprintf(stderr, "breachgen: unknown command '%s'\n%s", argv[1],
	    usage_text);
	return EXIT_USAGE;
}
