/*
 * escape.h - escapers for Mustache interpolation ({{x}}).
 *
 * esc_html is the Mustache spec's escaper: & < > " become entities.
 *
 * esc_markdown makes a value of free text render in CommonMark/GFM
 * (cmark-gfm with the table, strikethrough and autolink extensions) as
 * exactly its own text: never emphasis, code, a link that hides where it
 * goes, an image, raw HTML, an entity, a heading, a list, a quote, a code
 * block, a thematic break, a table, strikethrough or a Mustache tag. The
 * .md files are read and pasted as they are, so it escapes with
 * backslashes (CommonMark allows one before every ASCII punctuation
 * character) only where the character would otherwise change the meaning:
 *
 *   - everywhere: \ ` * [ ] < | ~ { }, and _ unless inside a word;
 *   - & when an entity could follow (a name or number and ';', or the
 *     end of the value), ':' before '/' (an URL of another scheme), '.'
 *     after "www" (an autolink), and ! : at the end of the value, where
 *     the template's next character is unknown;
 *   - at the start of each line: '>', '#' to '######' before a blank,
 *     '-' and '+' before a blank (a list item), a line of '-' or '=' only
 *     (an underline, a rule), the '.' or ')' after leading digits before a
 *     blank (an ordered list), and '.' or ')' first in the value.
 *
 * A word that is an http or https URL, or an e-mail address (plain local
 * part, host of letters, digits and hyphens), is written as an autolink,
 * <https://...> or <name@host>: a link in the Markdown and in the PDF
 * whose visible text is the value itself. A URL with characters that an
 * autolink or a table would change (< > & | and the like), or of another
 * scheme, stays plain escaped text.
 *
 * The value is not known to start a line or not, so its first line is
 * escaped as if it did.
 *
 * cmark-gfm 0.29.0.gfm.6 also finds e-mail addresses in plain text
 * (mailto:a@b.org, xmpp:a@b.org); such a link's visible text is still
 * exactly the value. A stage that must not link them should not attach
 * the autolink extension.
 *
 * Line structure, chosen for free text typed by a DPO in YAML: blanks
 * (spaces, tabs) at both ends of every line are dropped (they are not
 * significant in Markdown, and four of them would start a code block);
 * leading and trailing empty lines are dropped; one line break becomes a
 * Markdown hard line break (backslash, newline), so postal addresses and
 * lists typed one item per line keep their lines; one or more empty lines
 * become a paragraph break. A multi-paragraph value therefore belongs on a
 * line of its own in the template, not inside a list item or a heading
 * (it stays safe there, but later paragraphs leave the item).
 * CR LF and CR count as line breaks.
 *
 * esc_markdown_cell is for a value inside a GFM table cell: the same
 * escaping, but every line break and empty line becomes one space, since a
 * cell is one line.
 */
#ifndef BREACHGEN_ESCAPE_H
#define BREACHGEN_ESCAPE_H

#include <stddef.h>

#include "buf.h"

void esc_html(struct buf *out, const char *s, size_t len);
void esc_markdown(struct buf *out, const char *s, size_t len);
void esc_markdown_cell(struct buf *out, const char *s, size_t len);

#endif
