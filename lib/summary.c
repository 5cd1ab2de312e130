/* The monthly report's summary: see summary.h. */
#include "summary.h"

#include <math.h>
#include <string.h>

#include "fmt.h"
#include "util.h"

static void push(struct zi_summary *s, char *line)
{
	s->lines = zi_xrealloc(s->lines, (s->n + 1) * sizeof(*s->lines));
	s->lines[s->n++] = line;
}

static void num(double v, int decimals, int sign, char *out, size_t n)
{
	zi_fmt_num(zi_fmt_lang(), v, decimals, sign, out, n);
}

static const char *doc_name(int k)
{
	static const char *const names[ZI_DOC_COUNT] = {N_("pact"), N_("gratification"), N_("LHKPN"),
							N_("LHKASN"), N_("conflict of interest")};
	return _(names[k]);
}

/* Why unit u needs action, "" when it does not: reasons joined by "; ". */
static void reasons(const struct zi_rep_unit *u, struct zi_buf *b)
{
	char a[32], c[32], d[32];
	if (!u->staff) {
		/* no roster is not full coverage: there is nothing to count */
		zi_buf_printf(b, "%s%s", b->len ? "; " : "", _("no roster"));
	} else {
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			const struct zi_rep_cov *cv = &u->cov[k];
			if (!cv->required || cv->percent >= 100.0)
				continue;
			num(cv->percent, 2, 0, a, sizeof(a));
			num((double)cv->signed_n, 0, 0, c, sizeof(c));
			num((double)cv->required, 0, 0, d, sizeof(d));
			zi_buf_printf(b, "%s", b->len ? "; " : "");
			zi_buf_printf(b, _("%s coverage %s %% (%s of %s)"), doc_name(k), a, c, d);
		}
	}
	if (u->has_score) {
		int wbbm = !strcmp(u->target, "WBBM");
		int ok = wbbm ? u->wbbm : u->wbk;
		const struct zi_rep_failed *fl = wbbm ? u->failed_wbbm : u->failed_wbk;
		size_t nf = wbbm ? u->nfailed_wbbm : u->nfailed_wbk;
		if (!ok && nf) {
			zi_buf_printf(b, "%s", b->len ? "; " : "");
			if (isnan(fl[0].value)) {
				zi_buf_printf(b, _("LKE not eligible for %s: %s"),
					      wbbm ? "WBBM" : "WBK", fl[0].criterion);
			} else {
				num(fl[0].value, 2, 0, a, sizeof(a));
				num(fl[0].min, 2, 0, c, sizeof(c));
				zi_buf_printf(b, _("LKE not eligible for %s: %s %s below %s"),
					      wbbm ? "WBBM" : "WBK", fl[0].criterion, a, c);
			}
		}
	}
	if (u->c_open) {
		num((double)u->c_open, 0, 0, a, sizeof(a));
		num((double)(u->c_oldest_open_days < 0 ? 0 : u->c_oldest_open_days), 0, 0, c,
		    sizeof(c));
		zi_buf_printf(b, "%s", b->len ? "; " : "");
		zi_buf_printf(b, _("%s complaint(s) open, the oldest for %s days"), a, c);
	}
	if (u->nstale / 2) {
		num((double)(u->nstale / 2), 0, 0, a, sizeof(a));
		zi_buf_printf(b, "%s", b->len ? "; " : "");
		zi_buf_printf(b, _("%s stale record(s)"), a);
	}
}

void zi_summary_make(const struct zi_report *r, struct zi_summary *s)
{
	memset(s, 0, sizeof(*s));
	char a[32], b[32], c[32], d[32], e[32];
	unsigned long wbk = 0, wbbm = 0, req = 0, sig = 0;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		wbk += !strcmp(u->predicate, "WBK");
		wbbm += !strcmp(u->predicate, "WBBM");
		for (int k = 0; k < ZI_DOC_COUNT; k++) {
			req += u->cov[k].required;
			sig += u->cov[k].signed_n;
		}
	}
	num((double)r->nunits, 0, 0, a, sizeof(a));
	num((double)r->decl_total, 0, 0, b, sizeof(b));
	num((double)r->decl_total - (double)r->decl_total_prev, 0, 1, c, sizeof(c));
	num((double)wbk, 0, 0, d, sizeof(d));
	num((double)wbbm, 0, 0, e, sizeof(e));
	push(s, zi_xasprintf(_("%s units are in the programme; %s have declared (%s this month); "
			       "%s hold WBK and %s WBBM."),
			     a, b, c, d, e));
	if (req) {
		num(100.0 * (double)sig / (double)req, 2, 0, a, sizeof(a));
		num((double)sig, 0, 0, b, sizeof(b));
		num((double)req, 0, 0, c, sizeof(c));
		push(s,
		     zi_xasprintf(_("Of the documents due, %s %% are signed or filed (%s of %s)."),
				  a, b, c));
	} else {
		push(s, zi_xstrdup(_("No documents are due: no unit has staff on its roster.")));
	}
	num((double)r->c_received, 0, 0, a, sizeof(a));
	num((double)r->c_resolved, 0, 0, b, sizeof(b));
	num((double)r->c_open, 0, 0, c, sizeof(c));
	push(s, zi_xasprintf(_("Complaints: %s received and %s resolved this month, %s open at its "
			       "end."),
			     a, b, c));
	s->nfacts = s->n;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct zi_rep_unit *u = &r->units[i];
		struct zi_buf w;
		zi_buf_init(&w);
		reasons(u, &w);
		if (w.len) {
			const char *nm = *u->short_name ? u->short_name : u->name;
			push(s, zi_xasprintf("%s (%s): %s.", nm, u->id, w.data));
		}
		zi_buf_release(&w);
	}
	if (s->n == s->nfacts)
		push(s, zi_xstrdup(_("No unit needs action.")));
}

void zi_summary_release(struct zi_summary *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->lines[i]);
	free(s->lines);
	memset(s, 0, sizeof(*s));
}
