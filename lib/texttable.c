/* Tables for people in text, Markdown and HTML, and markup escaping: see
 * texttable.h. */
#include "texttable.h"

#include <stdlib.h>
#include <string.h>

size_t zi_text_width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

void zi_esc(struct zi_buf *b, const char *s, enum zi_esc how)
{
	int md = how == ZI_ESC_MD;
	for (; *s; s++) {
		switch (*s) {
		case '&':
			zi_buf_adds(b, "&amp;");
			break;
		case '<':
			zi_buf_adds(b, "&lt;");
			break;
		case '>':
			zi_buf_adds(b, "&gt;");
			break;
		case '"':
			zi_buf_adds(b, md ? "\"" : "&quot;");
			break;
		case '\'':
			zi_buf_adds(b, md ? "'" : "&#39;");
			break;
		case '|':
			zi_buf_adds(b, md ? "\\|" : "|");
			break;
		case '\n':
			zi_buf_addc(b, md ? ' ' : '\n');
			break;
		default:
			zi_buf_addc(b, *s);
		}
	}
}

void zi_tt_init(struct zi_ttable *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

void zi_tt_add(struct zi_ttable *t, const char *const *vals)
{
	t->cells = zi_xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof(char *));
	for (size_t c = 0; c < t->ncols; c++)
		t->cells[t->nrows * t->ncols + c] = zi_xstrdup(vals[c] ? vals[c] : "");
	t->nrows++;
}

void zi_tt_release(struct zi_ttable *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	t->cells = NULL;
	t->nrows = 0;
}

static void pad(struct zi_buf *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		zi_buf_addc(b, ' ');
}

/* The widest cell of each column (w has ncols entries). */
static void widths(const char *const *cells, size_t nrows, size_t ncols, size_t *w)
{
	for (size_t c = 0; c < ncols; c++) {
		w[c] = 0;
		for (size_t r = 0; r < nrows; r++) {
			const char *v = cells[r * ncols + c];
			size_t x = zi_text_width(v ? v : "");
			if (x > w[c])
				w[c] = x;
		}
	}
}

void zi_text_align(struct zi_buf *b, const char *indent, const char *const *cells, size_t nrows,
		   size_t ncols, const int *right)
{
	size_t *w = zi_xcalloc(ncols + 1, sizeof(size_t));
	widths(cells, nrows, ncols, w);
	for (size_t r = 0; r < nrows; r++) {
		size_t start = b->len;
		zi_buf_adds(b, indent);
		for (size_t c = 0; c < ncols; c++) {
			const char *v = cells[r * ncols + c] ? cells[r * ncols + c] : "";
			size_t gap = w[c] - zi_text_width(v);
			int last = c + 1 == ncols, rt = right && right[c];
			if (rt)
				pad(b, gap);
			zi_buf_adds(b, v);
			if (!last)
				pad(b, (rt ? 0 : gap) + 2);
		}
		/* trailing empty columns make no trailing blanks */
		while (b->len > start && b->data[b->len - 1] == ' ')
			b->len--;
		zi_buf_addc(b, '\n');
	}
	free(w);
}

void zi_tt_text(struct zi_ttable *t, const char *indent, struct zi_buf *b)
{
	zi_text_align(b, indent, (const char *const *)t->cells, t->nrows, t->ncols, t->right);
	zi_tt_release(t);
}

void zi_tt_md(struct zi_ttable *t, struct zi_buf *b)
{
	/* escaped first, so that the columns line up as shown */
	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		struct zi_buf e;
		zi_buf_init(&e);
		zi_esc(&e, t->cells[i], ZI_ESC_MD);
		free(t->cells[i]);
		t->cells[i] = e.data ? e.data : zi_xstrdup("");
	}
	size_t w[ZI_TT_MAXCOLS];
	widths((const char *const *)t->cells, t->nrows, t->ncols, w);
	for (size_t r = 0; r < t->nrows; r++) {
		zi_buf_adds(b, "|");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];
			size_t gap = w[c] - zi_text_width(v);
			zi_buf_addc(b, ' ');
			if (t->right[c])
				pad(b, gap);
			zi_buf_adds(b, v);
			if (!t->right[c])
				pad(b, gap);
			zi_buf_adds(b, " |");
		}
		zi_buf_addc(b, '\n');
		if (r == 0) {
			zi_buf_adds(b, "|");
			for (size_t c = 0; c < t->ncols; c++) {
				zi_buf_addc(b, ' ');
				for (size_t k = 0;
				     k < (w[c] > 3 ? w[c] : 3) - (t->right[c] ? 1 : 0); k++)
					zi_buf_addc(b, '-');
				zi_buf_adds(b, t->right[c] ? ": |" : " |");
			}
			zi_buf_addc(b, '\n');
		}
	}
	zi_tt_release(t);
}

void zi_tt_html(struct zi_ttable *t, struct zi_buf *b)
{
	zi_buf_adds(b, "<table>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		/* the header in thead: print repeats it on every page */
		if (r == 0)
			zi_buf_adds(b, "<thead>\n");
		else if (r == 1)
			zi_buf_adds(b, "<tbody>\n");
		zi_buf_adds(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *tag = r == 0 ? "th" : "td";
			zi_buf_printf(b, "<%s%s>", tag, t->right[c] ? " class=\"n\"" : "");
			zi_esc(b, t->cells[r * t->ncols + c], ZI_ESC_HTML);
			zi_buf_printf(b, "</%s>", tag);
		}
		zi_buf_adds(b, "</tr>\n");
		if (r == 0)
			zi_buf_adds(b, "</thead>\n");
	}
	if (t->nrows > 1)
		zi_buf_adds(b, "</tbody>\n");
	zi_buf_adds(b, "</table>\n");
	zi_tt_release(t);
}
