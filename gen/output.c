/*
 * output.c - report names, atomic writes, and the render job of one
 * incident: view, Markdown and PDF of every document in memory first,
 * so that an incident with an error writes nothing.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE	/* renameat2 and RENAME_EXCHANGE */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "fmt.h"
#include "form.h"
#include "layout.h"
#include "output.h"
#include "pdf.h"
#include "render.h"
#include "schema.h"
#include "vdiff.h"
#include "view.h"

/* Folder part of path ("." when none), in a malloc'd string. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xmalloc((size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	return dir;
}

/* Writes all of data to fd, syncs and closes it (always); 0 or an EXIT_
 * code, with a diagnostic at pos. */
/* Writes all of data to fd; 0 or EXIT_IOERR with a diagnostic at pos. */
static int
write_all(int fd, const char *data, size_t len, const struct pos *pos,
	  struct diags *d)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			diag_add(d, DIAG_ERROR, pos, "cannot write: %s",
				 n < 0 ? strerror(errno) : "no progress");
			return EXIT_IOERR;
		}
		off += (size_t)n;
	}
	return 0;
}

static int
write_synced(int fd, const char *data, size_t len, const struct pos *pos,
	     struct diags *d)
{
	int rc = write_all(fd, data, len, pos, d);

	if (rc == 0 && fsync(fd) != 0) {
		diag_add(d, DIAG_ERROR, pos, "cannot write: %s",
			 strerror(errno));
		rc = EXIT_IOERR;
	}
	if (close(fd) != 0 && rc == 0) {
		diag_add(d, DIAG_ERROR, pos, "cannot write: %s",
			 strerror(errno));
		rc = EXIT_IOERR;
	}
	return rc;
}

int
out_temp_beside(const char *path, char **tmpp, struct diags *d)
{
	struct pos pos = { path, 0, 0 };
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp;
	int fd;

	*tmpp = NULL;
	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%.*s.%s.XXXXXX", (int)dlen, path, base);
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot create a file in the "
			 "folder of %s: %s; choose another folder with -o",
			 path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes 0600; reports are ordinary files. */
	if (fchmod(fd, 0644) != 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot write: %s",
			 strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -2;
	}
	*tmpp = tmp;
	return fd;
}

/*
 * Writes data to a new temporary file beside path, synced; *tmpp gets
 * its malloc'd name. Nothing is left on failure.
 */
static int
stage(const char *path, const char *data, size_t len, char **tmpp,
      struct diags *d)
{
	struct pos pos = { path, 0, 0 };
	int fd, rc;

	fd = out_temp_beside(path, tmpp, d);
	if (fd < 0)
		return fd == -1 ? EXIT_CANTCREAT : EXIT_IOERR;
	rc = write_synced(fd, data, len, &pos, d);
	if (rc != 0) {
		unlink(*tmpp);
		free(*tmpp);
		*tmpp = NULL;
	}
	return rc;
}

/* Renames tmp onto path and syncs the folder, so the rename itself
 * survives a crash. */
static int
commit(const char *path, const char *tmp, struct diags *d)
{
	struct pos pos = { path, 0, 0 };
	char *dir;
	int dfd;

	if (rename(tmp, path) != 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot put the file in place: "
			 "%s", strerror(errno));
		return EXIT_CANTCREAT;
	}
	dir = dir_of(path);
	dfd = open(dir, O_RDONLY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	return 0;
}

int
out_write_atomic(const char *path, const char *data, size_t len,
		 struct diags *d)
{
	char *tmp;
	int rc;

	rc = stage(path, data, len, &tmp, d);
	if (rc != 0)
		return rc;
	rc = commit(path, tmp, d);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* mkdir -p; diagnostics are at label, which outlives d. */
static int
mkdirs(const char *dir, const char *label, struct diags *d)
{
	struct pos pos = { label, 0, 0 };
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int rc = 0;

	for (s = p + 1;; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diag_add(d, DIAG_ERROR, &pos, "cannot create the "
				 "folder %s: %s; choose another folder with "
				 "-o", p, strerror(errno));
			rc = EXIT_CANTCREAT;
			goto out;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_add(d, DIAG_ERROR, &pos, "cannot create the folder %s: "
			 "something that is not a folder has its name; choose "
			 "another folder with -o", dir);
		rc = EXIT_CANTCREAT;
	}
out:
	free(p);
	return rc;
}

int
out_mkdirs(const char *dir, struct diags *d)
{
	return mkdirs(dir, dir, d);
}

static const char *const audience_names[] = {
	RND_AUTHORITY, RND_SUBJECTS, RND_REGISTER
};

const char *
out_audience_name(unsigned bit)
{
	for (size_t i = 0; i < 3; i++)
		if (bit == 1u << i)
			return audience_names[i];
	return NULL;
}

unsigned
out_audience_bit(const char *name)
{
	for (size_t i = 0; i < 3; i++)
		if (strcmp(name, audience_names[i]) == 0)
			return 1u << i;
	return 0;
}

char *
out_report_path(struct arena *a, const char *dir, const char *id,
		const char *audience, const char *lang, const char *ext)
{
	return arena_printf(a, "%s/%s/%s.%s.%s.%s", dir, id, id, audience,
			    lang, ext);
}

void
out_set_add(struct out_set *s, const char *path, const char *data,
	    size_t len)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n].path = path;
	s->v[s->n].data = data;
	s->v[s->n].len = len;
	s->v[s->n].tmp = NULL;
	s->n++;
}

void
out_set_add_staged(struct out_set *s, const char *path, char *tmp)
{
	out_set_add(s, path, NULL, 0);
	s->v[s->n - 1].tmp = tmp;
}

int
out_set_write(struct out_set *s, struct diags *d)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < s->n && rc == 0; i++) {
		char *dir = dir_of(s->v[i].path);

		rc = mkdirs(dir, s->v[i].path, d);
		free(dir);
		if (rc == 0 && s->v[i].tmp == NULL)
			rc = stage(s->v[i].path, s->v[i].data, s->v[i].len,
				   &s->v[i].tmp, d);
	}
	/* Only when every file is on disk does any of them replace the
	 * old one: a full disk leaves the earlier reports whole. */
	for (i = 0; i < s->n && rc == 0; i++) {
		rc = commit(s->v[i].path, s->v[i].tmp, d);
		if (rc == 0) {
			free(s->v[i].tmp);
			s->v[i].tmp = NULL;
		}
	}
	return rc;
}

/* ---- one incident's folder, replaced as a set ---- */

/* name is "<id>." then at least one more character. */
static const char *
after_id(const char *id, const char *name)
{
	size_t n = strlen(id);

	return strncmp(name, id, n) == 0 && name[n] == '.' ? name + n + 1
							   : NULL;
}

static bool
lower_word(const char *s, size_t len, const char *extra)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || strchr(extra, s[i])))
			return false;
	return true;
}

/* The parts of a report's name; false when name is not one. *aud is 0
 * for a form companion (form-<authority>). */
static bool
report_parts(const char *id, const char *name, unsigned *aud,
	     const char **lang, size_t *langlen, unsigned *fmt)
{
	const char *p = after_id(id, name), *dot;
	size_t len;

	if (p == NULL || (dot = strchr(p, '.')) == NULL)
		return false;
	len = (size_t)(dot - p);
	*aud = 0;
	for (unsigned bit = 1; bit <= OUT_REGISTER; bit <<= 1)
		if (strlen(out_audience_name(bit)) == len &&
		    strncmp(p, out_audience_name(bit), len) == 0)
			*aud = bit;
	if (*aud == 0 && !(len > 5 && strncmp(p, "form-", 5) == 0 &&
	    lower_word(p + 5, len - 5, "_-")))
		return false;
	p = dot + 1;
	if ((dot = strchr(p, '.')) == NULL ||
	    !lower_word(p, (size_t)(dot - p), "-ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		return false;
	*lang = p;
	*langlen = (size_t)(dot - p);
	*fmt = strcmp(dot + 1, "md") == 0 ? OUT_MD :
	    strcmp(dot + 1, "pdf") == 0 ? OUT_PDF : 0;
	return *fmt != 0;
}

bool
out_is_report_name(const char *id, const char *name)
{
	unsigned aud, fmt;
	const char *lang;
	size_t len;

	return report_parts(id, name, &aud, &lang, &len, &fmt);
}

/* Whether this run decides about the report name: its format, audience
 * and language are among those asked for (-f, -a, -l), so that
 * "render -f md" leaves the PDFs alone. */
static bool
run_covers(const struct out_opts *o, const char *id, const char *name)
{
	unsigned aud, fmt;
	const char *lang;
	size_t len;

	if (!report_parts(id, name, &aud, &lang, &len, &fmt) ||
	    !(o->formats & fmt))
		return false;
	/* A form companion is written in its form's language whatever -l
	 * says: the run decides about it unless -a leaves its form out. */
	if (aud == 0) {
		const char *code = after_id(id, name) + 5;
		size_t n = strcspn(code, ".");

		if (o->audiences == 0)
			return true;
		for (size_t i = 0; (o->audiences & OUT_FORMS) &&
		     i < o->nforms; i++)
			if (strlen(o->forms[i]) == n &&
			    strncmp(o->forms[i], code, n) == 0)
				return true;
		return false;
	}
	if (o->audiences && !(o->audiences & aud))
		return false;
	for (size_t i = 0; o->langs && i < o->nlangs; i++)
		if (strlen(o->langs[i]) == len &&
		    strncmp(o->langs[i], lang, len) == 0)
			return true;
	return o->langs == NULL;
}

/* A temporary file of stage() for a report: ".<report name>.XXXXXX". */
static bool
is_temp_name(const char *id, const char *name)
{
	size_t len = strlen(name);
	char *base;
	bool ok;

	if (name[0] != '.' || len < 9 || name[len - 7] != '.')
		return false;
	base = xstrdup(name + 1);
	base[len - 8] = '\0';
	ok = out_is_report_name(id, base);
	free(base);
	return ok;
}

/* The staging folder of id: ".breachgen-<id>.XXXXXX". */
static bool
is_staging_name(const char *id, const char *name)
{
	size_t n = strlen(id), len = strlen(name);

	return len == 11 + n + 7 && strncmp(name, ".breachgen-", 11) == 0 &&
	    strncmp(name + 11, id, n) == 0 && name[11 + n] == '.';
}

static bool
older_than(const struct stat *sb, const struct timespec *t)
{
	return sb->st_mtim.tv_sec < t->tv_sec ||
	    (sb->st_mtim.tv_sec == t->tv_sec &&
	    sb->st_mtim.tv_nsec < t->tv_nsec);
}

/*
 * Empties and removes a staging folder left by a killed run, when it is
 * older than this run: reports and temporary files go; another file
 * goes only when it is a hard link of the file of that name in
 * out/<id>/ (carried over); anything else is kept, and so the folder.
 */
static void
clean_staging(int dfd, const char *id, const char *name)
{
	int sfd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	int ofd = openat(dfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *dir;
	struct dirent *e;

	if (sfd < 0 || (dir = fdopendir(sfd)) == NULL) {
		if (sfd >= 0)
			close(sfd);
		if (ofd >= 0)
			close(ofd);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		struct stat a, b;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (fstatat(sfd, e->d_name, &a, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(a.st_mode))
			continue;
		if (out_is_report_name(id, e->d_name) ||
		    is_temp_name(id, e->d_name) ||
		    (ofd >= 0 && fstatat(ofd, e->d_name, &b,
		    AT_SYMLINK_NOFOLLOW) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev))
			unlinkat(sfd, e->d_name, 0);
	}
	closedir(dir);
	if (ofd >= 0)
		close(ofd);
	unlinkat(dfd, name, AT_REMOVEDIR);	/* fails when not empty */
}

/*
 * Temporary files and staging folders of killed runs, in the output
 * folder dfd, that belong to id (NULL: the register's temporary files
 * ".register.*.XXXXXX"), and are older than this run: only the run that
 * writes id's reports touches them, so a parallel run's are safe.
 */
static void
clean_stale(int dfd, const char *id, const struct timespec *start)
{
	int fd = dup(dfd);
	DIR *dir;
	struct dirent *e;

	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(dir)) != NULL) {
		struct stat sb;
		const char *n = e->d_name;
		size_t len = strlen(n);

		if (id ? !is_staging_name(id, n) :
		    !(strncmp(n, ".register.", 10) == 0 && len > 17 &&
		    n[len - 7] == '.'))
			continue;
		if (fstatat(dfd, n, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !older_than(&sb, start))
			continue;
		if (id && S_ISDIR(sb.st_mode))
			clean_staging(dfd, id, n);
		else if (!id && S_ISREG(sb.st_mode))
			unlinkat(dfd, n, 0);
	}
	closedir(dir);
}

void
out_clean_register_temps(const char *out_dir, const struct timespec *start)
{
	int dfd = open(out_dir, O_RDONLY | O_DIRECTORY);

	if (dfd >= 0) {
		clean_stale(dfd, NULL, start);
		close(dfd);
	}
}

static const char *
base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Writes one file into the folder sfd, synced; 0 or an EXIT_ code. */
static int
put_file(int sfd, const char *name, const char *data, size_t len,
	 const char *label, struct diags *d)
{
	struct pos pos = { label, 0, 0 };
	int fd;

	fd = openat(sfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
		    0644);
	if (fd < 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot create: %s; choose "
			 "another folder with -o", strerror(errno));
		return EXIT_CANTCREAT;
	}
	return write_synced(fd, data, len, &pos, d);
}

/* What the old folder holds. */
struct old_entry {
	char *name;
	bool drop;	/* replaced, no longer produced, or a temporary */
};

static bool
in_set(const struct out_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(base_of(s->v[i].path), name) == 0)
			return true;
	return false;
}

/* Removes every entry of the folder name of dfd that breachgen may
 * remove (reports, temporaries, hard links it made), then the folder. */
static void
remove_set(int dfd, const char *name, const struct old_entry *v, size_t n,
	   const struct out_set *set)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

	if (fd < 0)
		return;
	for (size_t i = 0; i < n; i++)
		unlinkat(fd, v[i].name, 0);
	for (size_t i = 0; i < set->n; i++)
		unlinkat(fd, base_of(set->v[i].path), 0);
	close(fd);
	unlinkat(dfd, name, AT_REMOVEDIR);
}

int
out_incident_write(struct arena *a, const struct out_opts *o, const char *id,
		   struct out_set *set, struct diags *d)
{
	const char *folder = arena_printf(a, "%s/%s", o->out_dir, id);
	struct pos pos = { folder, 0, 0 };
	struct old_entry *old = NULL;
	size_t nold = 0, i, done = 0;
	char *stage_path = NULL, *stage_name;
	int dfd = -1, ofd = -1, sfd = -1, rc;
	bool per_file = false, staged = false;
	struct stat sb;

	if ((rc = mkdirs(o->out_dir, o->out_dir, d)) != 0)
		return rc;
	dfd = open(o->out_dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot open the folder %s: %s; "
			 "choose another folder with -o", o->out_dir,
			 strerror(errno));
		return EXIT_CANTCREAT;
	}
	clean_stale(dfd, id, &o->run_start);

	/* The folder there now, never through a link. */
	if (fstatat(dfd, id, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			diag_add(d, DIAG_ERROR, &pos, "%s; remove it: breachgen "
				 "writes the reports of '%s' only into a real "
				 "folder of that name", S_ISLNK(sb.st_mode) ?
				 "is a symbolic link" : "is not a folder", id);
			rc = EXIT_CANTCREAT;
			goto out;
		}
		ofd = openat(dfd, id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	}
	if (ofd < 0 && errno != ENOENT) {
		diag_add(d, DIAG_ERROR, &pos, "cannot open: %s",
			 strerror(errno));
		rc = EXIT_CANTCREAT;
		goto out;
	}
	if (ofd >= 0) {
		int fd = dup(ofd);
		DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
		struct dirent *e;

		if (dir == NULL) {
			if (fd >= 0)
				close(fd);
			diag_add(d, DIAG_ERROR, &pos, "cannot read: %s",
				 strerror(errno));
			rc = EXIT_CANTCREAT;
			goto out;
		}
		while ((e = readdir(dir)) != NULL && rc == 0) {
			const char *n = e->d_name;
			bool drop;

			if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 ||
			    fstatat(ofd, n, &sb, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			drop = is_temp_name(id, n) || in_set(set, n) ||
			    run_covers(o, id, n);
			if (drop && !S_ISREG(sb.st_mode)) {
				/* It would have to be removed: not ours. */
				struct pos p = { arena_printf(a, "%s/%s",
				    folder, n), 0, 0 };

				diag_add(d, DIAG_ERROR, &p, "is not a file but "
					 "has the name of a report: move it out "
					 "of %s/ and run again; nothing was "
					 "replaced", folder);
				rc = EXIT_CANTCREAT;
			}
			/* A folder or a link cannot be carried over by a
			 * hard link: the files are then put in one by one. */
			if (!drop && !S_ISREG(sb.st_mode))
				per_file = true;
			old = xrealloc(old, (nold + 1) * sizeof *old);
			old[nold].name = xstrdup(n);
			old[nold++].drop = drop;
		}
		closedir(dir);
		if (rc != 0)
			goto out;
	}

	/* The new set, whole, in a fresh sibling folder. */
	stage_path = xmalloc(strlen(o->out_dir) + strlen(id) + 20);
	sprintf(stage_path, "%s/.breachgen-%s.XXXXXX", o->out_dir, id);
	if (mkdtemp(stage_path) == NULL) {
		diag_add(d, DIAG_ERROR, &pos, "cannot create a folder in %s: "
			 "%s; choose another folder with -o", o->out_dir,
			 strerror(errno));
		rc = EXIT_CANTCREAT;
		goto out;
	}
	staged = true;
	stage_name = stage_path + strlen(o->out_dir) + 1;
	fchmodat(dfd, stage_name, 0755, 0);
	sfd = openat(dfd, stage_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (sfd < 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot open %s: %s", stage_path,
			 strerror(errno));
		rc = EXIT_CANTCREAT;
		goto out;
	}
	for (i = 0; i < set->n && rc == 0; i++)
		rc = put_file(sfd, base_of(set->v[i].path), set->v[i].data,
			      set->v[i].len, set->v[i].path, d);
	/* What this run neither replaces nor removes stays: hard links. */
	for (i = 0; i < nold && rc == 0 && !per_file; i++)
		if (!old[i].drop && linkat(ofd, old[i].name, sfd, old[i].name, 0) != 0)
			per_file = true;
	if (rc == 0 && fsync(sfd) != 0) {
		diag_add(d, DIAG_ERROR, &pos, "cannot write: %s",
			 strerror(errno));
		rc = EXIT_IOERR;
	}
	if (rc != 0)
		goto out;

	if (ofd < 0) {
		if (renameat(dfd, stage_name, dfd, id) != 0) {
			diag_add(d, DIAG_ERROR, &pos, "cannot put the folder in "
				 "place: %s; nothing was written",
				 strerror(errno));
			rc = EXIT_CANTCREAT;
			goto out;
		}
		staged = false;
		goto synced;
	}
#if defined(__linux__) && defined(RENAME_EXCHANGE)
	if (!per_file) {
		/* One step: readers see the old set or the new, whole. */
		if (renameat2(dfd, stage_name, dfd, id, RENAME_EXCHANGE) == 0) {
			done = set->n;
			goto pruned;
		}
		if (errno != ENOSYS && errno != EINVAL && errno != ENOTSUP) {
			diag_add(d, DIAG_ERROR, &pos, "cannot put the new "
				 "reports in place: %s; nothing was replaced",
				 strerror(errno));
			rc = EXIT_CANTCREAT;
			goto out;
		}
	}
#endif
	/* Without an exchange: file by file, and say what was replaced. */
	per_file = true;
	for (done = 0; done < set->n; done++) {
		const char *n = base_of(set->v[done].path);

		if (renameat(sfd, n, ofd, n) != 0)
			break;
	}
	if (done < set->n) {
		struct buf b = BUF_INIT;

		buf_puts(&b, "replaced: ");
		for (i = 0; i < set->n; i++) {
			if (i == done)
				buf_puts(&b, i ? "; not replaced: " :
					 "none; not replaced: ");
			else if (i > 0)
				buf_puts(&b, ", ");
			buf_puts(&b, base_of(set->v[i].path));
		}
		diag_add(d, DIAG_ERROR, &pos, "cannot put %s in place: %s; "
			 "the folder now holds new and earlier reports "
			 "(%s): run again", base_of(set->v[done].path),
			 strerror(errno), buf_cstr(&b));
		buf_free(&b);
		rc = EXIT_CANTCREAT;
		goto out;
	}
	fsync(ofd);
pruned:
	/* Reports the incident no longer produces go with the old set. */
	for (i = 0; i < nold; i++) {
		struct pos p;

		if (per_file && is_temp_name(id, old[i].name))
			unlinkat(ofd, old[i].name, 0);
		if (!old[i].drop || !out_is_report_name(id, old[i].name) ||
		    in_set(set, old[i].name))
			continue;
		if (per_file && unlinkat(ofd, old[i].name, 0) != 0)
			continue;
		p.file = arena_printf(a, "%s/%s", folder, old[i].name);
		p.line = p.col = 0;
		diag_add(d, DIAG_NOTE, &p, "removed: the incident no longer "
			 "produces this report");
	}
	if (!per_file) {
		/* The staging name now holds the old set. */
		remove_set(dfd, stage_name, old, nold, set);
		staged = false;
	}
synced:
	fsync(dfd);
out:
	if (staged)
		remove_set(dfd, stage_name, old, nold, set);
	if (sfd >= 0)
		close(sfd);
	if (ofd >= 0)
		close(ofd);
	if (dfd >= 0)
		close(dfd);
	for (i = 0; i < nold; i++)
		free(old[i].name);
	free(old);
	free(stage_path);
	return rc;
}

void
out_set_free(struct out_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].tmp != NULL) {
			unlink(s->v[i].tmp);
			free(s->v[i].tmp);
		}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/* ---- the render job ---- */

/* A word of the page furniture: document.<key> of the labels (view.c
 * checks that every one is there). */
static const char *
word(const struct node *labels, const char *key)
{
	const struct node *n = node_get(node_get(labels, "document"), key);

	return n && n->kind == NODE_STRING ? n->u.str.s : "";
}

static const char *
vget(const struct node *view, const char *path)
{
	const struct node *n = node_path(view, path);

	return n && n->kind == NODE_STRING ? n->u.str.s : NULL;
}

/* The creation date of the documents: the notification's, else
 * SOURCE_DATE_EPOCH, else awareness; never the clock. */
static long long
doc_epoch(const struct out_opts *o, const struct incident *inc)
{
	if (inc->notification.sent_at.set)
		return inc->notification.sent_at.epoch;
	if (o->has_sde)
		return o->sde;
	if (inc->timeline.aware_at.set)
		return inc->timeline.aware_at.epoch;
	return 0;
}

/* Adds <base>.pdf, laid out from the Markdown md, to set. */
static int
add_pdf(struct arena *a, const struct out_opts *o, const char *base,
	const char *lang, const char *md, size_t len,
	const struct lay_furniture *f, struct out_set *set, struct diags *d)
{
	const char *path = arena_printf(a, "%s.pdf", base);
	struct buf pdf = BUF_INIT;
	int rc;

	rc = pdf_render_buf(md, len, f, o->style, lang, path, &pdf, d);
	if (rc == 0)
		out_set_add(set, path, arena_strndup(a, buf_cstr(&pdf),
			    pdf.len), pdf.len);
	buf_free(&pdf);
	return rc;
}

/* Adds the Markdown and/or PDF of one document to set. */
static int
add_doc(struct arena *a, const struct out_opts *o, const char *base,
	const char *lang, const struct buf *md,
	const struct lay_furniture *f, struct out_set *set, struct diags *d)
{
	int rc = 0;

	if (o->formats & OUT_MD)
		out_set_add(set, arena_printf(a, "%s.md", base),
			    arena_strndup(a, buf_cstr(md), md->len), md->len);
	if (o->formats & OUT_PDF)
		rc = add_pdf(a, o, base, lang, buf_cstr(md), md->len, f, set,
			     d);
	return rc;
}

/* The names of the incident's parties and people, never hyphenated. */
static const char *
party_names(struct arena *a, const struct incident *inc)
{
	const char *one[] = {inc->controller.name,
			     inc->controller.representative.name,
			     inc->reporter.name, inc->dpo.name,
			     inc->contact_point.name};
	struct buf b = BUF_INIT;
	const char *s;
	size_t i;

	for (i = 0; i < sizeof one / sizeof one[0]; i++)
		if (one[i])
			buf_printf(&b, "%s\n", one[i]);
	for (i = 0; i < inc->nparties; i++)
		if (inc->parties[i].name)
			buf_printf(&b, "%s\n", inc->parties[i].name);
	s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}

static void
furniture(struct arena *a, const struct out_opts *o,
	  const struct incident *inc, const struct node *view,
	  const struct node *labels, const char *lang, unsigned audience,
	  const char *source, struct lay_furniture *f)
{
	const char *zone = vget(view, "time_zone");
	const struct inc_time *when;
	struct buf b = BUF_INIT;

	memset(f, 0, sizeof *f);
	f->source = source;
	f->controller = inc->controller.name;
	f->reference = inc->notification.reference ? inc->notification.reference
						   : inc->id;
	f->keywords = inc->id;
	f->names = party_names(a, inc);
	f->page_pattern = word(labels, "page");
	f->label_controller = word(labels, "controller");
	f->label_addressee = word(labels, "addressee");
	f->label_date = word(labels, "date");
	f->label_reference = word(labels, "reference");
	f->epoch = doc_epoch(o, inc);
	/* Each document carries its own date: the letter the
	 * communication's (sent or planned), the others the
	 * notification's. */
	when = &inc->notification.sent_at;
	if (audience == OUT_SUBJECTS) {
		when = inc->communication.sent_at.set ?
		    &inc->communication.sent_at :
		    &inc->communication.planned_at;
		if (when->set)
			f->epoch = when->epoch;
	}
	if (when->set &&
	    fmt_date(lang, zone ? zone : "UTC", when->epoch, &b) == FMT_OK)
		f->date = arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	switch (audience) {
	case OUT_AUTHORITY: {
		const char *name = vget(view, "authority.name");
		const char *addr = vget(view, "authority.address");

		if (name && addr)
			f->addressee = arena_printf(a, "%s\n%s", name, addr);
		else
			f->addressee = name;
		f->confidential = word(labels, "confidential_authority");
		/* After the first filing, the authority's reference is the
		 * one it files the case under. */
		if (inc->notification.type == NT_FOLLOW_UP &&
		    inc->notification.previous_reference) {
			f->reference = inc->notification.previous_reference;
			f->label_reference = word(labels,
			    "authority_reference");
		}
		break;
	}
	case OUT_SUBJECTS:
		f->addressee = word(labels, "to_subjects");
		f->label_date = word(labels, "date_letter");
		break;
	default:
		f->confidential = word(labels, "confidential_register");
		break;
	}
}

/* Why no subjects document is made, as a note at the decision. */
static void
note_no_subjects(const struct incident *inc, const struct assessment *as,
		 struct diags *d)
{
	struct pos pos = inc_pos(inc, "decision.communicate_subjects");
	const char *why;
	char tmp[512];

	switch (inc->communication.status) {
	case CS_EXEMPT:
		snprintf(tmp, sizeof tmp, "an exemption applies, %s",
			 inc->communication.exemption > 0 ?
			 sch_exemption.opts[inc->communication.exemption - 1]
			 .desc : "Art. 34(3)");
		why = tmp;
		break;
	case CS_NOT_HIGH_RISK:
		why = "no high risk, Art. 34(1)";
		break;
	default:
		snprintf(tmp, sizeof tmp, "communication.status is %s; %s",
			 inc->communication.status > 0 ?
			 sch_key(&sch_comm_status, inc->communication.status) :
			 "not given",
			 as && as->rec_communicate ?
			 "the assessment finds a likely high risk: tell them "
			 "without undue delay, Art. 34(1)" :
			 "the assessment finds no high risk, Art. 34(1)");
		why = tmp;
		break;
	}
	diag_add(d, DIAG_NOTE, &pos, "no communication to the people "
		 "concerned is written: decision.communicate_subjects is false "
		 "(%s); add -a subjects to write one anyway", why);
}

/* ---- the register's row of one incident ---- */

/*
 * The row starts as the view itself, its keys shared (a shallow copy,
 * so that the view stays as the documents saw it): the row is rendered
 * into the register at once and freed with the incident, so it need
 * not be a summary any more.
 */
static struct node *
row_base(struct arena *a, const struct node *view)
{
	struct node *row = node_map(a, &view->pos);
	size_t n = view->u.map.n;

	row->u.map.pairs = arena_alloc(a, (n + 4) * sizeof *row->u.map.pairs);
	if (n > 0)
		memcpy(row->u.map.pairs, view->u.map.pairs,
		       n * sizeof *row->u.map.pairs);
	row->u.map.n = n;
	row->u.map.cap = n + 4;
	return row;
}

/* A date without its time, for a narrow table cell. */
static void
date_cell(struct arena *ra, struct node *cells, const char *key,
	  const char *lang, const char *zone, const struct inc_time *t)
{
	struct buf b = BUF_INIT;

	if (t->set && fmt_date(lang, zone ? zone : "UTC", t->epoch, &b) ==
	    FMT_OK)
		node_map_set(ra, cells, key, node_cstr(ra, buf_cstr(&b)));
	buf_free(&b);
}

/*
 * The breach's notifications, first to latest: date, type and
 * sub-type flags, our reference and the authority's.
 */
static struct node *
row_history(struct arena *ra, const struct chn_set *cs, size_t latest,
	    const char *lang, const char *zone)
{
	struct node *list = node_list(ra, NULL);
	size_t order[64], n = 0, i;

	for (i = latest; i != CHN_NONE && n < 64; i = cs->v[i].prev)
		order[n++] = i;
	while (n-- > 0) {
		const struct chn_rec *r = &cs->v[order[n]];
		struct node *k = node_map(ra, NULL);

		node_map_set(ra, k, "id", node_cstr(ra, r->id));
		date_cell(ra, k, "date", lang, zone, &r->sent_at);
		node_map_set(ra, k, arena_printf(ra, "type_%s",
		    sch_key(&sch_notif_type, r->type)), node_bool(ra, true,
		    NULL));
		node_map_set(ra, k, arena_printf(ra, "subtype_%s",
		    sch_key(&sch_notif_subtype, r->subtype)),
		    node_bool(ra, true, NULL));
		if (r->reference)
			node_map_set(ra, k, "reference",
			    node_cstr(ra, r->reference));
		if (r->previous_reference)
			node_map_set(ra, k, "authority_reference",
			    node_cstr(ra, r->previous_reference));
		node_list_push(ra, list, k);
	}
	return list;
}

/* Where the breach stands at the register's instant (chn_status). */
static struct node *
row_status(struct arena *ra, const struct out_opts *o,
	   const struct chn_set *cs, size_t latest,
	   const char *lang, const char *zone)
{
	struct node *m = node_map(ra, NULL);
	struct chn_status st;
	struct inc_time by = { true, 0, 0, { NULL, 0, 0 } };

	chn_status(cs, latest, o->status_now, &st);
	node_map_set(ra, m, arena_printf(ra, "stand_%s",
	    chn_stand_key(st.stand)), node_bool(ra, true, NULL));
	if (st.due != CHN_DUE_NONE)
		node_map_set(ra, m, arena_printf(ra, "due_%s",
		    chn_due_key(st.due)), node_bool(ra, true, NULL));
	if (st.due != CHN_DUE_NONE && st.has_by) {
		by.epoch = st.by;
		date_cell(ra, m, "due_by", lang, zone, &by);
	}
	if (st.tell && st.due != CHN_DUE_COMMUNICATION)
		node_map_set(ra, m, "tell", node_bool(ra, true, NULL));
	if (st.overdue || st.tell_overdue)
		node_map_set(ra, m, "overdue", node_bool(ra, true, NULL));
	return m;
}

/* The register row: the view, with "entry", the chain's "history"
 * and "status", and a few cells that a table needs short and on one
 * line. */
static struct node *
make_row(struct arena *ra, const struct out_opts *o,
	 const struct incident *inc, const struct node *view,
	 const struct node *labels, const char *lang, const struct buf *entry)
{
	struct node *row = row_base(ra, view), *cells = node_map(ra, NULL);
	const char *zone = vget(view, "time_zone");
	const char *s;

	if (o->chain != NULL) {
		const struct chn_set *cs = o->chain;
		struct chn_set one;
		size_t c = chn_find(cs, inc->id);

		/* A file in no chain has no record in the run's set (main.c
		 * keeps those of chains only): it is a chain of one. */
		if (c == CHN_NONE) {
			chn_init(&one);
			c = chn_add(&one, inc, false);
			cs = &one;
		}
		node_map_set(ra, row, "history", row_history(ra, cs, c, lang,
		    zone ? zone : "UTC"));
		node_map_set(ra, row, "status", row_status(ra, o, cs, c, lang,
		    zone ? zone : "UTC"));
		if (cs == &one)
			chn_free(&one);
	}
	date_cell(ra, cells, "aware", lang, zone, &inc->timeline.aware_at);
	date_cell(ra, cells, "notified_on", lang, zone,
		  &inc->notification.sent_at);
	date_cell(ra, cells, "told_on", lang, zone,
		  &inc->communication.sent_at);

	node_map_set(ra, row, "entry",
		     node_string(ra, buf_cstr(entry), entry->len, NULL));
	{
		struct buf b = BUF_INIT;

		for (int v = BR_CONFIDENTIALITY; v <= BR_AVAILABILITY; v++) {
			if (!INC_HAS(inc->nature.breach, v))
				continue;
			if (b.len)
				buf_puts(&b, ", ");
			buf_puts(&b, word(labels, sch_key(&sch_breach, v)));
		}
		if (b.len)
			node_map_set(ra, cells, "nature",
				     node_cstr(ra, buf_cstr(&b)));
		buf_free(&b);
	}
	s = vget(view, "authority.short_name");
	if (s == NULL)
		s = vget(view, "authority.name");
	if (s)
		node_map_set(ra, cells, "authority", node_cstr(ra, s));
	node_map_set(ra, cells, "notified",
		     node_bool(ra, inc->decision.notify_authority &&
			       inc->notification.sent_at.set, NULL));
	node_map_set(ra, cells, "told",
		     node_bool(ra, inc->communication.sent_at.set, NULL));
	node_map_set(ra, row, "row", cells);
	return row;
}

#define OUT_CACHE_LANGS 16

struct out_cache {
	struct arena *a;
	struct {
		const char *lang;
		struct node *labels;
		struct rnd_set *set;
	} v[OUT_CACHE_LANGS];
	size_t n;
	/* The form files read, each loaded once per run. */
	struct {
		const char *code;
		const struct form *form;
	} forms[OUT_CACHE_LANGS];
	size_t nforms;
};

struct out_cache *
out_cache_new(void)
{
	struct out_cache *c = xmalloc(sizeof *c);

	memset(c, 0, sizeof *c);
	c->a = arena_new();
	return c;
}

void
out_cache_free(struct out_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		rnd_set_free(c->v[i].set);
	arena_free(c->a);
	free(c);
}

/*
 * The labels and templates of lang, from o's cache when it has them,
 * else read now (into the cache when there is room). *owned says the
 * caller frees the set. NULL with *st set when the labels do not load.
 */
static struct rnd_set *
templates_for(struct arena *a, const struct out_opts *o, const char *lang,
	      struct node **labels, bool *owned, struct diags *d, int *st)
{
	struct out_cache *c = o->cache;
	struct arena *keep = c ? c->a : a;
	struct rnd_set *set;

	*owned = false;
	for (size_t i = 0; c && i < c->n; i++)
		if (strcmp(c->v[i].lang, lang) == 0) {
			*labels = c->v[i].labels;
			return c->v[i].set;
		}
	*labels = view_labels_load(keep, o->tpl_dir, lang, d, st);
	if (*labels == NULL)
		return NULL;
	set = rnd_set_new(keep, o->tpl_dir, lang);
	if (c && c->n < OUT_CACHE_LANGS) {
		c->v[c->n].lang = arena_strdup(c->a, lang);
		c->v[c->n].labels = *labels;
		c->v[c->n++].set = set;
	} else {
		*owned = true;
	}
	return set;
}

static bool
has_lang(const char *const *v, size_t n, const char *lang)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], lang) == 0)
			return true;
	return false;
}

/* The form of an authority, from o's cache or read now. NULL with *st
 * 0 when it has none and none was asked for; else with an error. */
static const struct form *
form_for(struct arena *a, const struct out_opts *o, const char *code,
	 bool asked, struct diags *d, int *st)
{
	const char *path = arena_printf(a, "%s/forms/%s.yaml", o->tpl_dir,
					code);
	struct out_cache *c = o->cache;
	const struct form *fm;

	*st = 0;
	for (size_t i = 0; c && i < c->nforms; i++)
		if (strcmp(c->forms[i].code, code) == 0)
			return c->forms[i].form;
	if (access(path, F_OK) != 0) {
		struct pos pos = { path, 0, 0 };

		if (!asked)
			return NULL;
		diag_add(d, DIAG_ERROR, &pos, "no form description for "
			 "'%s': write %s (see templates/forms/) or leave "
			 "form-%s out of -a", code, path, code);
		*st = EXIT_NOINPUT;
		return NULL;
	}
	fm = form_load(c ? c->a : a, path, d, st);
	if (fm == NULL) {
		*st = *st ? *st : EXIT_DATAERR;
		return NULL;
	}
	if (c && c->nforms < OUT_CACHE_LANGS) {
		c->forms[c->nforms].code = arena_strdup(c->a, code);
		c->forms[c->nforms++].form = fm;
	}
	return fm;
}

/* The companion of one authority's form: 0 when written (or when the
 * authority has no form and none was asked for), else an EXIT_ code. */
static int
render_form(struct arena *a, const struct out_opts *o,
	    const struct incident *inc, const char *code, bool asked,
	    const char *const *langs, size_t nlangs, struct out_set *set,
	    struct diags *d)
{
	const struct authority *au = o->dir ? auth_find(o->dir, code) : NULL;
	const struct form *fm;
	struct lay_furniture f;
	struct node *view;
	struct buf md = BUF_INIT;
	int st = 0;

	fm = form_for(a, o, code, asked, d, &st);
	if (fm == NULL)
		return st;
	view = form_view(a, fm, inc, au, o->dir, langs, nlangs, NULL, d);
	if (view == NULL)
		return EXIT_SOFTWARE;
	st = form_markdown(a, o->tpl_dir, fm, view, &md, d);
	if (st == 0) {
		const char *base = arena_printf(a, "%s/%s/%s.form-%s.%s",
		    o->out_dir, inc->id, inc->id, code, form_language(fm));

		memset(&f, 0, sizeof f);
		f.source = arena_printf(a, "%s.md", base);
		f.controller = inc->controller.name;
		f.reference = inc->notification.reference ?
		    inc->notification.reference : inc->id;
		f.keywords = inc->id;
		f.addressee = vget(view, "authority");
		f.page_pattern = vget(view, "words.page");
		f.confidential = vget(view, "words.confidential");
		f.label_controller = vget(view, "words.controller");
		f.label_addressee = vget(view, "words.addressee");
		f.label_date = vget(view, "words.date");
		f.date = vget(view, "date");
		f.label_reference = vget(view, "words.reference");
		f.epoch = doc_epoch(o, inc);
		st = add_doc(a, o, base, form_language(fm), &md, &f, set, d);
	}
	buf_free(&md);
	return st;
}

/* The companions: of the authorities named with -a form-<code>, or by
 * default of every authority notified that has a form description. */
static int
render_forms(struct arena *a, const struct out_opts *o,
	     const struct incident *inc, unsigned aud,
	     const char *const *langs, size_t nlangs, struct out_set *set,
	     struct diags *d)
{
	const char *codes[16];
	size_t n = 0;
	bool asked = o->audiences != 0;
	int rc = 0;

	if (asked) {
		if (!(aud & OUT_FORMS))
			return 0;
		for (size_t i = 0; i < o->nforms && n < 16; i++)
			codes[n++] = o->forms[i];
	} else if (inc->decision.notify_authority) {
		n = form_notified(inc, o->dir, codes, 16);
	}
	for (size_t i = 0; i < n; i++) {
		int st = render_form(a, o, inc, codes[i], asked, langs, nlangs,
				     set, d);

		if (st != 0 && rc == 0)
			rc = st;
	}
	return rc;
}

/* Where the incident names its i-th language: the item of 'languages',
 * else the value of 'language'. */
static struct pos
lang_pos(const struct incident *inc, size_t i)
{
	const struct node *l = node_get(inc->root, "languages");
	struct pos p;

	if (l && l->kind == NODE_LIST && i < l->u.list.n)
		return l->u.list.items[i]->pos;
	l = node_get(inc->root, "language");
	if (l)
		return l->pos;
	p = inc_pos(inc, "language");
	return p;
}

/* A language the incident asks for must have its templates folder and
 * be one that dates and numbers can be written in; else an error at
 * the line that names it. */
static bool
lang_usable(const struct out_opts *o, const struct incident *inc,
	    size_t i, const char *lang, struct diags *d)
{
	char *dir = xmalloc(strlen(o->tpl_dir) + strlen(lang) + 2);
	struct pos pos = lang_pos(inc, i);
	struct stat sb;
	bool ok = true;

	sprintf(dir, "%s/%s", o->tpl_dir, lang);
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		diag_add(d, DIAG_ERROR, &pos, "reports cannot be written in "
			 "'%s': there is no folder %s/ of its templates; "
			 "remove '%s' from the languages, or add the folder "
			 "(a copy of %s/en/, translated)", lang, dir, lang,
			 o->tpl_dir);
		ok = false;
	} else if (!fmt_lang_ok(lang)) {
		diag_add(d, DIAG_ERROR, &pos, "reports cannot be written in "
			 "'%s': breachgen cannot yet write its dates and "
			 "numbers; remove it from the languages", lang);
		ok = false;
	}
	free(dir);
	return ok;
}

int
out_check_incident(struct arena *a, const struct out_opts *o,
		   const struct incident *inc, const struct assessment *as,
		   struct diags *d)
{
	int rc = 0;

	for (size_t i = 0; i < inc->nlanguages; i++) {
		const char *lang = inc->languages[i];
		struct node *labels;
		struct rnd_set *tpl;
		bool owned;
		int st = 0;

		if (!lang_usable(o, inc, i, lang, d)) {
			rc = rc ? rc : EXIT_DATAERR;
			continue;
		}
		tpl = templates_for(a, o, lang, &labels, &owned, d, &st);
		if (tpl == NULL) {
			rc = rc ? rc : (st ? st : EXIT_DATAERR);
			continue;
		}
		/* Every language's gaps are listed, not the first only. */
		if (view_build(a, inc, as, labels, lang, o->dir, d) == NULL)
			rc = rc ? rc : EXIT_DATAERR;
		if (owned)
			rnd_set_free(tpl);
	}
	/* The form files render would read: their errors too. */
	if (inc->decision.notify_authority) {
		const char *codes[16];
		size_t n = form_notified(inc, o->dir, codes, 16);

		for (size_t i = 0; i < n; i++) {
			int st;

			if (form_for(a, o, codes[i], false, d, &st) == NULL &&
			    st != 0)
				rc = rc ? rc : st;
		}
	}
	return rc;
}

/* A follow-up's view gets "follows": the notification it follows and
 * what it adds (vdiff.c). Both views in lang; the earlier one takes its
 * texts in the language it has when it lacks lang. */
static void
add_follows(struct arena *a, const struct out_opts *o,
	    const struct incident *inc, struct node *view,
	    const struct node *labels, const char *lang)
{
	struct diags scratch;
	struct node *pv;

	if (o->prev == NULL)
		return;
	diag_init(&scratch);
	pv = view_build_opts(a, o->prev, NULL, labels, lang, o->dir,
			     VIEW_FALLBACK, &scratch);
	diag_free(&scratch);
	if (pv != NULL)
		node_map_set(a, view, "follows",
			     vdf_follows(a, labels, o->prev, pv, inc, view));
}

/* ---- the register, written as a stream ---- */

#define REG_MAX_LANGS 8
#define REG_MAX_LOOPS 16	/* loops over incidents in registry.md */
#define REG_BLOCK 65536		/* bytes read and written at a time */

/* What the register's page furniture needs of its rows, kept as they
 * come: the one controller (or none when they differ), the latest
 * date. */
struct reg_tally {
	size_t n;		/* rows */
	char *controller;	/* the first that a row names */
	bool mixed;		/* a later row names another, or none */
	long long epoch;
};

struct reg_lang {
	const char *lang;
	struct node *view;	/* lang, status_date, incidents: stand_in */
	struct node *stand_in;
	int spool[REG_MAX_LOOPS];	/* each loop's shares; -1: none */
	struct buf share[REG_MAX_LOOPS];/* of the incident being rendered */
	size_t nloops;
	struct reg_tally now, kept;	/* with it, and before it */
};

struct out_register {
	struct arena *a;
	const char *out_dir;
	struct reg_lang v[REG_MAX_LANGS];
	size_t n;
};

/* Known only at the end: no loop may read it (mus_stream). */
static const char *const reg_late[] = { "count", NULL };

struct out_register *
out_register_new(const struct out_opts *o, const char *const *langs,
		 size_t nlangs)
{
	struct out_register *reg = xmalloc(sizeof *reg);
	struct arena *a = arena_new();

	memset(reg, 0, sizeof *reg);
	reg->a = a;
	reg->out_dir = arena_strdup(a, o->out_dir);
	for (size_t i = 0; i < nlangs && reg->n < REG_MAX_LANGS; i++) {
		struct reg_lang *rl = &reg->v[reg->n++];
		struct buf b = BUF_INIT;

		rl->lang = arena_strdup(a, langs[i]);
		for (size_t k = 0; k < REG_MAX_LOOPS; k++)
			rl->spool[k] = -1;
		rl->stand_in = node_list(a, NULL);
		rl->view = node_map(a, NULL);
		node_map_set(a, rl->view, "lang", node_cstr(a, rl->lang));
		node_map_set(a, rl->view, "incidents", rl->stand_in);
		/* The date the breaches' status is given at (chn_status). */
		if (o->chain != NULL && o->status_now > 0 &&
		    fmt_date(rl->lang, "UTC", o->status_now, &b) == FMT_OK)
			node_map_set(a, rl->view, "status_date",
				     node_cstr(a, buf_cstr(&b)));
		buf_free(&b);
		rl->now.epoch = rl->kept.epoch = o->has_sde ? o->sde : 0;
	}
	return reg;
}

void
out_register_free(struct out_register *reg)
{
	if (reg == NULL)
		return;
	out_register_drop(reg);
	for (size_t i = 0; i < reg->n; i++) {
		struct reg_lang *rl = &reg->v[i];

		for (size_t k = 0; k < REG_MAX_LOOPS; k++) {
			if (rl->spool[k] >= 0)
				close(rl->spool[k]);
			buf_free(&rl->share[k]);
		}
		free(rl->kept.controller);
	}
	arena_free(reg->a);
	free(reg);
}

static struct reg_lang *
reg_find(struct out_register *reg, const char *lang)
{
	for (size_t i = 0; reg != NULL && i < reg->n; i++)
		if (strcmp(reg->v[i].lang, lang) == 0)
			return &reg->v[i];
	return NULL;
}

static bool
reg_has(struct out_register *reg, const char *lang)
{
	return reg_find(reg, lang) != NULL;
}

/* A loop's share of the incident being rendered (mus_stream put). */
struct reg_put {
	struct reg_lang *rl;
	const char *tpl;
	struct diags *d;
};

static int
reg_put(void *ctx, size_t k, const char *s, size_t len)
{
	struct reg_put *p = ctx;

	if (k >= REG_MAX_LOOPS) {
		struct pos pos = { p->tpl, 0, 0 };

		diag_add(p->d, DIAG_ERROR, &pos, "more than %d loops over "
			 "incidents: join some", REG_MAX_LOOPS);
		return -1;
	}
	buf_put(&p->rl->share[k], s, len);
	if (k >= p->rl->nloops)
		p->rl->nloops = k + 1;
	return 0;
}

/* The row of inc in lang (its register entry md made with tpl):
 * rendered at once into each loop's share, and tallied. */
static int
reg_add(struct out_register *reg, struct arena *a, const struct out_opts *o,
	const struct incident *inc, const struct node *view,
	const struct node *labels, const char *lang, const struct buf *md,
	struct rnd_set *tpl, struct diags *d)
{
	struct reg_lang *rl = reg_find(reg, lang);
	struct reg_put put = { rl, NULL, d };
	struct mus_stream st;
	struct node *row = make_row(a, o, inc, view, labels, lang, md);
	const char *c;
	long long epoch = doc_epoch(o, inc);
	int rc;

	put.tpl = arena_printf(a, "%s/%s/registry.md", o->tpl_dir, lang);
	memset(&st, 0, sizeof st);
	st.list = rl->stand_in;
	st.n = 1;
	st.late = reg_late;
	st.put = reg_put;
	st.ctx = &put;
	rc = rnd_render_item(tpl, "registry", rl->view, row, &st, d);
	if (rc != 0)
		return rc;
	rl->now.n++;
	c = vget(row, "controller.name");
	if (rl->now.controller == NULL)
		rl->now.controller = c ? xstrdup(c) : NULL;
	else if (c == NULL || strcmp(c, rl->now.controller) != 0)
		rl->now.mixed = true;
	/* Without SOURCE_DATE_EPOCH, the latest incident dates it. */
	if (!o->has_sde && epoch > rl->now.epoch)
		rl->now.epoch = epoch;
	return 0;
}

int
out_register_keep(struct out_register *reg, struct diags *d)
{
	int rc = 0;

	for (size_t i = 0; reg != NULL && i < reg->n; i++) {
		struct reg_lang *rl = &reg->v[i];

		for (size_t k = 0; k < rl->nloops && rc == 0; k++) {
			struct pos pos = { reg->out_dir, 0, 0 };
			char *tmp;

			if (rl->share[k].len == 0)
				continue;
			if (rl->spool[k] < 0) {
				/* Unlinked at once: a killed run leaves
				 * nothing (or, in between, a name that
				 * out_clean_register_temps removes). */
				const char *path = arena_printf(reg->a,
				    "%s/register.%s.spool%zu", reg->out_dir,
				    rl->lang, k);

				rc = out_mkdirs(reg->out_dir, d);
				if (rc != 0)
					break;
				rl->spool[k] = out_temp_beside(path, &tmp, d);
				if (rl->spool[k] < 0) {
					rc = rl->spool[k] == -1 ?
					    EXIT_CANTCREAT : EXIT_IOERR;
					rl->spool[k] = -1;
					break;
				}
				unlink(tmp);
				free(tmp);
			}
			rc = write_all(rl->spool[k], rl->share[k].s,
			    rl->share[k].len, &pos, d);
		}
		if (rc != 0)
			break;
		for (size_t k = 0; k < rl->nloops; k++)
			buf_truncate(&rl->share[k], 0);
		rl->kept = rl->now;
	}
	return rc;
}

void
out_register_drop(struct out_register *reg)
{
	for (size_t i = 0; reg != NULL && i < reg->n; i++) {
		struct reg_lang *rl = &reg->v[i];

		for (size_t k = 0; k < rl->nloops; k++)
			buf_truncate(&rl->share[k], 0);
		if (rl->now.controller != rl->kept.controller)
			free(rl->now.controller);
		rl->now = rl->kept;
	}
}

/* The register row of inc in a language it does not declare. */
static int
fallback_row(struct arena *a, const struct out_opts *o,
	     const struct incident *inc, const struct assessment *as,
	     const char *lang, struct out_register *reg, struct diags *d)
{
	struct node *labels, *view;
	struct rnd_set *tpl;
	struct buf md = BUF_INIT;
	bool owned;
	int st = 0;

	tpl = templates_for(a, o, lang, &labels, &owned, d, &st);
	if (tpl == NULL)
		return st ? st : EXIT_DATAERR;
	view = view_build_opts(a, inc, as, labels, lang, o->dir,
			       VIEW_FALLBACK, d);
	if (view == NULL)
		st = EXIT_DATAERR;
	if (st == 0)
		st = rnd_render(tpl, RND_REGISTER, view, &md, d);
	if (st == 0)
		st = reg_add(reg, a, o, inc, view, labels, lang, &md, tpl, d);
	buf_free(&md);
	if (owned)
		rnd_set_free(tpl);
	return st;
}

int
out_render_incident(struct arena *a, const struct out_opts *o,
		    const struct incident *inc, const struct assessment *as,
		    struct out_set *set, struct out_register *reg,
		    struct diags *d)
{
	const char *const *langs = o->langs;
	size_t nlangs = o->nlangs, i;
	unsigned aud = o->audiences;
	int rc = 0;

	if (langs == NULL) {
		langs = inc->nlanguages ? inc->languages : &inc->language;
		nlangs = inc->nlanguages ? inc->nlanguages : 1;
	}
	if (o->rows_only) {
		aud = 0;
	} else if (aud == 0) {
		aud = OUT_REGISTER;
		if (inc->decision.notify_authority)
			aud |= OUT_AUTHORITY;
		if (inc->decision.communicate_subjects)
			aud |= OUT_SUBJECTS;
		else
			note_no_subjects(inc, as, d);
	}
	for (i = 0; i < nlangs; i++) {
		const char *lang = langs[i];
		struct node *labels, *view;
		struct rnd_set *tpl;
		bool want_row = reg_has(reg, lang), owned;
		int st = 0;

		if (o->langs == NULL && !lang_usable(o, inc, i, lang, d)) {
			rc = rc ? rc : EXIT_DATAERR;
			continue;
		}
		tpl = templates_for(a, o, lang, &labels, &owned, d, &st);
		if (tpl == NULL) {
			rc = rc ? rc : (st ? st : EXIT_DATAERR);
			continue;
		}
		view = view_build(a, inc, as, labels, lang, o->dir, d);
		if (view == NULL) {
			/* Go on: the other languages' gaps are listed too. */
			rc = rc ? rc : EXIT_DATAERR;
			if (owned)
				rnd_set_free(tpl);
			continue;
		}
		add_follows(a, o, inc, view, labels, lang);
		for (unsigned bit = 1; bit <= OUT_REGISTER; bit <<= 1) {
			const char *name = out_audience_name(bit);
			struct buf md = BUF_INIT;
			struct lay_furniture f;
			const char *base;
			bool doc = (aud & bit) != 0;

			if (!doc && !(bit == OUT_REGISTER && want_row))
				continue;
			st = rnd_render(tpl, name, view, &md, d);
			if (st == 0 && doc) {
				base = arena_printf(a, "%s/%s/%s.%s.%s",
						    o->out_dir, inc->id, inc->id,
						    name, lang);
				furniture(a, o, inc, view, labels, lang, bit,
					  arena_printf(a, "%s.md", base), &f);
				st = add_doc(a, o, base, lang, &md, &f, set, d);
			}
			if (st == 0 && bit == OUT_REGISTER && want_row)
				st = reg_add(reg, a, o, inc, view, labels,
				    lang, &md, tpl, d);
			buf_free(&md);
			if (st != 0 && rc == 0)
				rc = st;
		}
		if (owned)
			rnd_set_free(tpl);
	}
	if (!o->rows_only) {
		int st = render_forms(a, o, inc, aud, langs, nlangs, set, d);

		if (st != 0 && rc == 0)
			rc = st;
	}
	/* The register's languages that inc lacks: its row all the same,
	 * each text in the language it has, marked. */
	for (i = 0; reg != NULL && i < reg->n; i++) {
		if (rc == 0 && !has_lang(langs, nlangs, reg->v[i].lang))
			rc = fallback_row(a, o, inc, as, reg->v[i].lang, reg,
			    d);
	}
	return rc;
}


/* The register's text as it is written: through the typography pass,
 * to the temporary file, a block at a time. */
struct reg_writer {
	int fd;
	const struct pos *pos;
	struct fmt_typo_stream *ts;
	struct buf out;
	const struct reg_lang *rl;
	char *block;
	struct diags *d;
	int rc;
};

static void
reg_emit(struct reg_writer *w, const char *s, size_t len)
{
	if (w->rc != 0 || len == 0)
		return;
	fmt_typo_stream_put(w->ts, s, len, &w->out);
	if (w->out.len >= REG_BLOCK) {
		w->rc = write_all(w->fd, w->out.s, w->out.len, w->pos, w->d);
		buf_truncate(&w->out, 0);
	}
}

/* Loop k's place (mus_stream fill): what the template printed before
 * it, then its spool. */
static int
reg_fill(void *ctx, size_t k, struct buf *out)
{
	struct reg_writer *w = ctx;
	off_t off = 0;
	ssize_t n = 0;

	reg_emit(w, out->s, out->len);
	buf_truncate(out, 0);
	if (k < REG_MAX_LOOPS && w->rl->spool[k] >= 0) {
		while (w->rc == 0 && (n = pread(w->rl->spool[k], w->block,
		    REG_BLOCK, off)) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				diag_add(w->d, DIAG_ERROR, w->pos, "cannot "
					 "read back the register's rows: %s",
					 strerror(errno));
				w->rc = EXIT_IOERR;
				break;
			}
			reg_emit(w, w->block, (size_t)n);
			off += n;
		}
	}
	return w->rc != 0 ? -1 : 0;
}

/* The PDF laid out from the finished Markdown file tmp, mapped rather
 * than read into a second copy. */
static int
reg_pdf(struct arena *a, const struct out_opts *o, const char *base,
	const char *lang, const char *tmp, const struct lay_furniture *f,
	struct out_set *set, struct diags *d)
{
	struct pos pos = { f->source, 0, 0 };
	int fd = open(tmp, O_RDONLY), rc;
	struct stat sb;
	void *map = NULL;

	if (fd < 0 || fstat(fd, &sb) != 0 || (sb.st_size > 0 &&
	    (map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE,
	    fd, 0)) == MAP_FAILED)) {
		diag_add(d, DIAG_ERROR, &pos, "cannot read back the register "
			 "for its PDF: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return EXIT_IOERR;
	}
	close(fd);
	rc = add_pdf(a, o, base, lang, map ? map : "", (size_t)sb.st_size,
		     f, set, d);
	if (map != NULL)
		munmap(map, (size_t)sb.st_size);
	return rc;
}

/* The register in one language: its Markdown to a temporary file, then
 * the PDF from that file. */
static int
reg_write_lang(struct out_register *reg, struct reg_lang *rl,
	       struct arena *a, const struct out_opts *o, struct out_set *set,
	       struct diags *d)
{
	const char *base = arena_printf(a, "%s/register.%s", o->out_dir,
					rl->lang);
	struct pos pos = { arena_printf(a, "%s.md", base), 0, 0 };
	struct reg_writer w;
	struct mus_stream st;
	struct lay_furniture f;
	struct buf md = BUF_INIT, b = BUF_INIT;
	struct node *labels;
	struct rnd_set *tpl;
	char *tmp = NULL;
	bool owned;
	int rc = 0;

	memset(&w, 0, sizeof w);
	w.fd = -1;
	tpl = templates_for(a, o, rl->lang, &labels, &owned, d, &rc);
	if (tpl == NULL)
		return rc ? rc : EXIT_DATAERR;
	fmt_int(rl->lang, (long long)rl->kept.n, &b);
	node_map_set(reg->a, rl->view, "count",
		     node_cstr(reg->a, buf_cstr(&b)));
	buf_free(&b);
	rc = out_mkdirs(o->out_dir, d);
	if (rc == 0 && (w.fd = out_temp_beside(pos.file, &tmp, d)) < 0)
		rc = w.fd == -1 ? EXIT_CANTCREAT : EXIT_IOERR;
	if (rc != 0)
		goto out;
	w.pos = &pos;
	w.ts = fmt_typo_stream_new(rl->lang);
	w.rl = rl;
	w.block = xmalloc(REG_BLOCK);
	w.d = d;
	memset(&st, 0, sizeof st);
	st.list = rl->stand_in;
	st.n = rl->kept.n;
	st.late = reg_late;
	st.fill = reg_fill;
	st.ctx = &w;
	rc = rnd_render_streamed(tpl, "registry", rl->view, &st, &md, d);
	reg_emit(&w, md.s, md.len);
	if (w.ts != NULL)
		fmt_typo_stream_end(w.ts, &w.out);
	rc = w.rc ? w.rc : rc;
	if (rc == 0)
		rc = write_synced(w.fd, w.out.s, w.out.len, &pos, d);
	else
		close(w.fd);
	if (rc != 0)
		goto out;
	memset(&f, 0, sizeof f);
	f.source = pos.file;
	f.title = word(labels, "register_title");
	f.controller = rl->kept.mixed ? NULL : rl->kept.controller;
	f.label_controller = word(labels, "controller");
	f.page_pattern = word(labels, "page");
	f.confidential = word(labels, "confidential_register");
	f.names = f.controller;
	f.epoch = rl->kept.epoch;
	f.landscape = true;	/* a table of seven columns */
	if (o->formats & OUT_MD) {
		out_set_add_staged(set, pos.file, tmp);
		if (o->formats & OUT_PDF)
			rc = reg_pdf(a, o, base, rl->lang, tmp, &f, set, d);
		tmp = NULL;
	} else if (o->formats & OUT_PDF) {
		rc = reg_pdf(a, o, base, rl->lang, tmp, &f, set, d);
	}
out:
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	fmt_typo_stream_free(w.ts);
	buf_free(&w.out);
	free(w.block);
	buf_free(&md);
	if (owned)
		rnd_set_free(tpl);
	return rc;
}

int
out_register_write(struct out_register *reg, struct arena *a,
		   const struct out_opts *o, struct out_set *set,
		   struct diags *d)
{
	int rc = 0;

	for (size_t i = 0; i < reg->n && rc == 0; i++)
		rc = reg_write_lang(reg, &reg->v[i], a, o, set, d);
	return rc;
}
