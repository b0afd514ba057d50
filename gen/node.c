/*
 * node.c - the node tree: constructors and lookups.
 */
#include <string.h>

#include "node.h"

static struct node *
node_new(struct arena *a, enum node_kind kind, const struct pos *pos)
{
	struct node *n = arena_alloc(a, sizeof *n);

	n->kind = kind;
	if (pos != NULL)
		n->pos = *pos;
	return n;
}

struct node *
node_null(struct arena *a, const struct pos *pos)
{
	return node_new(a, NODE_NULL, pos);
}

struct node *
node_bool(struct arena *a, bool b, const struct pos *pos)
{
	struct node *n = node_new(a, NODE_BOOL, pos);

	n->u.b = b;
	return n;
}

struct node *
node_string(struct arena *a, const char *s, size_t len, const struct pos *pos)
{
	struct node *n = node_new(a, NODE_STRING, pos);

	n->u.str.s = arena_strndup(a, s, len);
	n->u.str.len = len;
	return n;
}

struct node *
node_cstr(struct arena *a, const char *s)
{
	return node_string(a, s, strlen(s), NULL);
}

struct node *
node_list(struct arena *a, const struct pos *pos)
{
	return node_new(a, NODE_LIST, pos);
}

struct node *
node_map(struct arena *a, const struct pos *pos)
{
	return node_new(a, NODE_MAP, pos);
}

void
node_list_push(struct arena *a, struct node *list, struct node *item)
{
	if (list->u.list.n == list->u.list.cap) {
		size_t cap = list->u.list.cap ? list->u.list.cap * 2 : 4;

		list->u.list.items = arena_grow(a, list->u.list.items,
		    list->u.list.n * sizeof(struct node *),
		    cap * sizeof(struct node *));
		list->u.list.cap = cap;
	}
	list->u.list.items[list->u.list.n++] = item;
}

/* strcmp(a, b) == 0 for the short keys of a map, without a call: a
 * batch makes hundreds of thousands of look-ups (issue 14). */
static bool
same_key(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
}

void
node_map_set(struct arena *a, struct node *map, const char *key,
	     struct node *value)
{
	size_t i;

	/* The first byte first: most keys differ there, and the view
	 * sets thousands per file (issue 14). */
	for (i = 0; i < map->u.map.n; i++)
		if (map->u.map.pairs[i].key[0] == key[0] &&
		    same_key(map->u.map.pairs[i].key, key)) {
			map->u.map.pairs[i].value = value;
			return;
		}
	if (map->u.map.n == map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 8;

		map->u.map.pairs = arena_grow(a, map->u.map.pairs,
		    map->u.map.n * sizeof(struct node_pair),
		    cap * sizeof(struct node_pair));
		map->u.map.cap = cap;
	}
	map->u.map.pairs[map->u.map.n].key = arena_strdup(a, key);
	map->u.map.pairs[map->u.map.n].key_pos = value ? value->pos
	    : map->pos;
	map->u.map.pairs[map->u.map.n].value = value;
	map->u.map.n++;
}

const struct node_pair *
node_pair_get(const struct node *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != NODE_MAP)
		return NULL;
	for (i = 0; i < map->u.map.n; i++)
		if (map->u.map.pairs[i].key[0] == key[0] &&
		    same_key(map->u.map.pairs[i].key, key))
			return &map->u.map.pairs[i];
	return NULL;
}

struct node *
node_get(const struct node *map, const char *key)
{
	const struct node_pair *p = node_pair_get(map, key);

	return p ? p->value : NULL;
}

struct node *
node_path(const struct node *root, const char *path)
{
	const struct node *n = root;
	char part[128];

	while (n != NULL && *path != '\0') {
		size_t len = strcspn(path, ".");

		if (len >= sizeof part)
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		n = node_get(n, part);
		path += len;
		if (*path == '.')
			path++;
	}
	return (struct node *)n;
}

const char *
node_kind_name(enum node_kind k)
{
	switch (k) {
	case NODE_NULL:
		return "null";
	case NODE_BOOL:
		return "boolean";
	case NODE_STRING:
		return "string";
	case NODE_LIST:
		return "list";
	case NODE_MAP:
		return "map";
	}
	return "?";
}

bool
node_truthy(const struct node *n)
{
	if (n == NULL)
		return false;
	switch (n->kind) {
	case NODE_NULL:
		return false;
	case NODE_BOOL:
		return n->u.b;
	case NODE_LIST:
		return n->u.list.n > 0;
	case NODE_STRING:
		return n->u.str.len > 0;
	case NODE_MAP:
		return true;
	}
	return false;
}
