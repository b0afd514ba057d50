/*
 * tcache.c - parsed template files kept between runs (tcache.h).
 *
 * An entry is one file, written whole under a temporary name and renamed
 * (two processes may write the same entry; a reader sees one or the
 * other whole):
 *
 *   "BGTREE1\n", the program's id (4 x u64), the source length (u64),
 *   the source bytes, a hash of the tree's bytes (u64), then the tree,
 *   depth first:
 *   node  = kind (u8), plain (u8), line, col (u32), then by kind:
 *           bool: u8; string: length (u32), bytes; list: count (u32),
 *           nodes; map: count (u32), then per pair: key length (u32),
 *           key bytes, key line, key col (u32), node.
 *
 * Native byte order: an entry is read by the program that wrote it. The
 * reader trusts nothing: a short, long, damaged or malformed entry is a
 * miss.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "load.h"
#include "tcache.h"

#define TC_MAGIC "BGTREE1\n"
#define TC_MAGIC_LEN 8
#define TC_ID_N 4

/* The program file that reads and writes entries: a rebuilt breachgen
 * (a changed loader) does not read the trees of the one before. */
static bool
program_id(uint64_t id[TC_ID_N])
{
	struct stat st;

	if (stat("/proc/self/exe", &st) != 0)
		return false;
	id[0] = (uint64_t)st.st_size;
	id[1] = (uint64_t)st.st_mtim.tv_sec;
	id[2] = (uint64_t)st.st_mtim.tv_nsec;
	id[3] = (uint64_t)st.st_ino;
	return true;
}

/* The cache folder, made when make is set; false when there is none. */
static bool
cache_dir(char *out, size_t n, bool make)
{
	const char *env = getenv("BREACHGEN_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	int k;

	if (env != NULL && strcmp(env, "off") == 0)
		return false;
	if (xdg != NULL && xdg[0] == '/')
		k = snprintf(out, n, "%s/breachgen", xdg);
	else if (home != NULL && home[0] == '/')
		k = snprintf(out, n, "%s/.cache/breachgen", home);
	else
		return false;
	if (k < 0 || (size_t)k >= n)
		return false;
	if (make) {
		char *slash = strrchr(out, '/');

		*slash = '\0';
		if (mkdir(out, 0700) != 0 && errno != EEXIST)
			return false;
		*slash = '/';
		if (mkdir(out, 0700) != 0 && errno != EEXIST)
			return false;
	}
	return true;
}

/* A hash of the bytes, eight at a time: it only names the entry (the
 * entry holds the bytes themselves, compared on reading). */
static uint64_t
hash_bytes(const char *s, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ len, w;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		h = (h ^ w) * UINT64_C(0x100000001b3);
		h ^= h >> 29;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return h;
}

/* The entry of data for the program id: each program its own. */
static bool
entry_path(char *out, size_t n, const char *data, size_t len,
	   const uint64_t id[TC_ID_N], bool make)
{
	char dir[4096];
	int k;

	if (!cache_dir(dir, sizeof dir, make))
		return false;
	k = snprintf(out, n, "%s/%016llx-%016llx.tree", dir,
		     (unsigned long long)hash_bytes((const char *)id,
						    TC_ID_N * sizeof *id),
		     (unsigned long long)hash_bytes(data, len));
	return k > 0 && (size_t)k < n;
}

/* ---- reading ---- */

struct rd {
	const unsigned char *p, *end;
	struct arena *a;
	const char *name;
};

static bool
take(struct rd *r, void *v, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return false;
	memcpy(v, r->p, n);
	r->p += n;
	return true;
}

static const char *
take_str(struct rd *r, uint32_t *len)
{
	const char *s;

	if (!take(r, len, 4) || (size_t)(r->end - r->p) < *len)
		return NULL;
	s = (const char *)r->p;
	r->p += *len;
	return s;
}

static struct node *
get_node(struct rd *r, unsigned depth)
{
	unsigned char kind, plain, b;
	uint32_t line, col, n, len;
	struct pos pos = {r->name, 0, 0};
	struct node *nd;
	const char *s;

	if (depth > LOAD_MAX_DEPTH + 1 || !take(r, &kind, 1) ||
	    !take(r, &plain, 1) || !take(r, &line, 4) || !take(r, &col, 4))
		return NULL;
	pos.line = line;
	pos.col = col;
	switch (kind) {
	case NODE_NULL:
		return node_null(r->a, &pos);
	case NODE_BOOL:
		return take(r, &b, 1) && b <= 1 ?
		    node_bool(r->a, b != 0, &pos) : NULL;
	case NODE_STRING:
		if ((s = take_str(r, &len)) == NULL)
			return NULL;
		nd = node_string(r->a, s, len, &pos);
		nd->plain = plain != 0;
		return nd;
	case NODE_LIST:	/* an item takes ten bytes at least */
		if (!take(r, &n, 4) || n > (size_t)(r->end - r->p) / 10)
			return NULL;
		nd = node_list(r->a, &pos);
		nd->u.list.items = arena_alloc(r->a, (n ? n : 1) *
		    sizeof *nd->u.list.items);
		for (uint32_t i = 0; i < n; i++)
			if ((nd->u.list.items[i] = get_node(r, depth + 1)) ==
			    NULL)
				return NULL;
		nd->u.list.n = nd->u.list.cap = n;
		return nd;
	case NODE_MAP:	/* a pair takes 22 bytes at least */
		if (!take(r, &n, 4) || n > (size_t)(r->end - r->p) / 22)
			return NULL;
		nd = node_map(r->a, &pos);
		nd->u.map.pairs = arena_alloc(r->a, (n ? n : 1) *
		    sizeof *nd->u.map.pairs);
		for (uint32_t i = 0; i < n; i++) {
			struct node_pair *p = &nd->u.map.pairs[i];

			if ((s = take_str(r, &len)) == NULL ||
			    !take(r, &line, 4) || !take(r, &col, 4))
				return NULL;
			p->key = arena_strndup(r->a, s, len);
			p->key_pos.file = r->name;
			p->key_pos.line = line;
			p->key_pos.col = col;
			if ((p->value = get_node(r, depth + 1)) == NULL)
				return NULL;
		}
		nd->u.map.n = nd->u.map.cap = n;
		return nd;
	default:
		return NULL;
	}
}

/* The whole of the file at path in a malloc'd block, or NULL. */
static unsigned char *
read_all(const char *path, size_t *len)
{
	struct stat st;
	unsigned char *buf = NULL;
	size_t got = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > 8 * (uintmax_t)LOAD_MAX_FILE)
		goto out;
	buf = xmalloc((size_t)st.st_size);
	while (got < (size_t)st.st_size) {
		ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);

		if (k <= 0)
			break;
		got += (size_t)k;
	}
	if (got != (size_t)st.st_size) {
		free(buf);
		buf = NULL;
	}
	*len = got;
out:
	close(fd);
	return buf;
}

struct node *
tc_get(struct arena *a, const char *name, const char *data, size_t len)
{
	char path[4200];
	uint64_t id[TC_ID_N], eid[TC_ID_N], elen, th;
	unsigned char *buf;
	size_t n = 0;
	struct rd r;
	struct node *root = NULL;

	if (!program_id(id) || !entry_path(path, sizeof path, data, len, id,
	    false) || (buf = read_all(path, &n)) == NULL)
		return NULL;
	r.p = buf;
	r.end = buf + n;
	r.a = a;
	r.name = name;
	if ((size_t)(r.end - r.p) < TC_MAGIC_LEN ||
	    memcmp(r.p, TC_MAGIC, TC_MAGIC_LEN) != 0)
		goto out;
	r.p += TC_MAGIC_LEN;
	if (!take(&r, eid, sizeof eid) || memcmp(eid, id, sizeof id) != 0 ||
	    !take(&r, &elen, sizeof elen) || elen != len ||
	    (size_t)(r.end - r.p) < len || memcmp(r.p, data, len) != 0)
		goto out;
	r.p += len;
	if (!take(&r, &th, sizeof th) ||
	    th != hash_bytes((const char *)r.p, (size_t)(r.end - r.p)))
		goto out;
	root = get_node(&r, 0);
	if (r.p != r.end)
		root = NULL;	/* what the arena holds is not used */
out:
	free(buf);
	return root;
}

/* ---- writing ---- */

/* Entries of other programs (each build of breachgen has its own) go
 * after a day unused: the folder does not grow with every build. */
static void
prune(const char *dir, const char *mine)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);

	if (dh == NULL)
		return;
	while ((e = readdir(dh)) != NULL) {
		char path[4400];
		struct stat st;
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 5, ".tree") != 0 ||
		    strncmp(e->d_name, mine, 16) == 0 ||
		    snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >=
		    (int)sizeof path)
			continue;
		if (stat(path, &st) == 0 && st.st_atime < now - 86400 &&
		    st.st_mtime < now - 86400)
			unlink(path);
	}
	closedir(dh);
}

static void
put(struct buf *b, const void *v, size_t n)
{
	buf_put(b, (const char *)v, n);
}

static void
put32(struct buf *b, size_t v)
{
	uint32_t u = (uint32_t)v;

	put(b, &u, 4);
}

static void
put_node(struct buf *b, const struct node *nd)
{
	unsigned char kind = (unsigned char)nd->kind, plain = nd->plain;

	put(b, &kind, 1);
	put(b, &plain, 1);
	put32(b, nd->pos.line);
	put32(b, nd->pos.col);
	switch (nd->kind) {
	case NODE_NULL:
		break;
	case NODE_BOOL: {
		unsigned char v = nd->u.b;

		put(b, &v, 1);
		break;
	}
	case NODE_STRING:
		put32(b, nd->u.str.len);
		put(b, nd->u.str.s, nd->u.str.len);
		break;
	case NODE_LIST:
		put32(b, nd->u.list.n);
		for (size_t i = 0; i < nd->u.list.n; i++)
			put_node(b, nd->u.list.items[i]);
		break;
	case NODE_MAP:
		put32(b, nd->u.map.n);
		for (size_t i = 0; i < nd->u.map.n; i++) {
			const struct node_pair *p = &nd->u.map.pairs[i];

			put32(b, strlen(p->key));
			put(b, p->key, strlen(p->key));
			put32(b, p->key_pos.line);
			put32(b, p->key_pos.col);
			put_node(b, p->value);
		}
		break;
	}
}

void
tc_put(const char *data, size_t len, const struct node *root)
{
	char path[4200], tmp[4300];
	uint64_t id[TC_ID_N], elen = len, th;
	struct buf b = BUF_INIT, t = BUF_INIT;
	int fd = -1, k;
	size_t done = 0;

	if (root == NULL || !program_id(id) ||
	    !entry_path(path, sizeof path, data, len, id, true))
		return;
	k = snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	if (k < 0 || (size_t)k >= sizeof tmp || (fd = mkstemp(tmp)) < 0)
		return;
	put(&b, TC_MAGIC, TC_MAGIC_LEN);
	put(&b, id, sizeof id);
	put(&b, &elen, sizeof elen);
	put(&b, data, len);
	put_node(&t, root);
	th = hash_bytes(t.s, t.len);
	put(&b, &th, sizeof th);
	put(&b, t.s, t.len);
	buf_free(&t);
	while (done < b.len) {
		ssize_t w = write(fd, b.s + done, b.len - done);

		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (close(fd) != 0 || done != b.len || rename(tmp, path) != 0) {
		unlink(tmp);
	} else {
		char *slash = strrchr(path, '/');

		*slash = '\0';
		prune(path, slash + 1);
	}
	buf_free(&b);
}
