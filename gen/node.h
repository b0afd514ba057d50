/*
 * node.h - the node tree shared by the loader, the view model and the
 * Mustache engine: null, bool, string, list and map, each with its source
 * position. Nodes live in an arena and are never freed one by one.
 */
#ifndef BREACHGEN_NODE_H
#define BREACHGEN_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum node_kind { NODE_NULL, NODE_BOOL, NODE_STRING, NODE_LIST, NODE_MAP };

struct node;

struct node_pair {
	const char *key; /* NUL-terminated */
	struct pos key_pos;
	struct node *value;
};

struct node {
	enum node_kind kind;
	/* A string scalar written without quotes in YAML: it may be read as
	 * a number. Always false for strings made by code. */
	bool plain;
	struct pos pos;
	union {
		bool b;
		struct {
			const char *s; /* NUL-terminated, may hold no NUL */
			size_t len;
		} str;
		struct {
			struct node **items;
			size_t n, cap;
		} list;
		struct {
			struct node_pair *pairs; /* in source order */
			size_t n, cap;
		} map;
	} u;
};

struct node *node_null(struct arena *a, const struct pos *pos);
struct node *node_bool(struct arena *a, bool b, const struct pos *pos);
struct node *node_string(struct arena *a, const char *s, size_t len,
			 const struct pos *pos);
struct node *node_cstr(struct arena *a, const char *s); /* no position */
struct node *node_list(struct arena *a, const struct pos *pos);
struct node *node_map(struct arena *a, const struct pos *pos);

void node_list_push(struct arena *a, struct node *list, struct node *item);
/* Appends a pair; replaces the value when the key exists (for code-built
 * maps; the loader refuses duplicate keys before calling this). */
void node_map_set(struct arena *a, struct node *map, const char *key,
		  struct node *value);

/* Value for key in a map, or NULL (also when n is not a map). */
struct node *node_get(const struct node *map, const char *key);
/* Pair for key, or NULL. */
const struct node_pair *node_pair_get(const struct node *map, const char *key);
/* Follows a dotted path such as "timeline.aware_at". */
struct node *node_path(const struct node *root, const char *path);

/* Kind name for messages: "null", "boolean", "string", "list", "map". */
const char *node_kind_name(enum node_kind k);
/* Mustache truthiness: null, false, "" and the empty list are false. */
bool node_truthy(const struct node *n);

#endif
