/*
 * test_chain.c - chains of notifications: links and their errors made
 * from incidents in memory, and where a breach stands at an instant
 * (the 72-hour deadline, the promised follow-up, the communication to
 * the people, withdrawal).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "chain.h"

#define H 3600
/* 2025-03-11T14:00:00+01:00 */
#define AWARE 1741698000

static void
inc_base(struct incident *inc, const char *id, const char *follows,
	 int64_t sent)
{
	memset(inc, 0, sizeof *inc);
	inc->file = id;
	inc->id = id;
	inc->language = "en";
	inc->controller.name = "Example";
	inc->notification.type = follows ? NT_FOLLOW_UP : NT_NEW;
	inc->notification.subtype = NS_COMPLETE;
	inc->notification.follows = follows;
	inc->notification.sent_at.set = sent != 0;
	inc->notification.sent_at.epoch = sent;
	inc->notification.sent_at.offset_min = 60;
	inc->timeline.aware_at.set = true;
	inc->timeline.aware_at.epoch = AWARE;
	inc->timeline.aware_at.offset_min = 60;
	inc->decision.notify_authority = true;
}

static void
links(void **state)
{
	struct chn_set s;
	struct incident a, b, c;
	struct diags d[3];

	(void)state;
	chn_init(&s);
	inc_base(&a, "a", NULL, AWARE + 20 * H);
	a.notification.subtype = NS_INCOMPLETE;
	inc_base(&b, "b", "a", AWARE + 90 * H);
	inc_base(&c, "c", "b", AWARE + 200 * H);
	c.notification.subtype = NS_WITHDRAW;
	chn_add(&s, &a, false);
	chn_add(&s, &b, false);
	chn_add(&s, &c, false);
	for (int i = 0; i < 3; i++)
		diag_init(&d[i]);
	assert_int_equal(chn_link(&s, d, 3), 0);
	assert_int_equal(chn_head(&s, 2), 0);
	assert_int_equal(chn_latest(&s, 0), 2);
	assert_int_equal(s.v[0].next, 1);
	assert_int_equal(s.v[2].prev, 1);
	assert_int_equal(chn_find(&s, "c"), 2);
	assert_true(chn_find(&s, "z") == CHN_NONE);
	for (int i = 0; i < 3; i++)
		diag_free(&d[i]);
	chn_free(&s);
}

static void
fork_and_controller(void **state)
{
	struct chn_set s;
	struct incident a, b, c, e;
	struct diags d[4];

	(void)state;
	chn_init(&s);
	inc_base(&a, "a", NULL, AWARE + 20 * H);
	inc_base(&b, "b", "a", AWARE + 90 * H);
	inc_base(&c, "c", "a", AWARE + 91 * H);
	inc_base(&e, "e", "b", AWARE + 95 * H);
	e.controller.name = "Someone else";
	chn_add(&s, &a, false);
	chn_add(&s, &b, false);
	chn_add(&s, &c, false);
	chn_add(&s, &e, false);
	for (int i = 0; i < 4; i++)
		diag_init(&d[i]);
	assert_int_equal(chn_link(&s, d, 4), 2);
	assert_int_equal(d[2].errors, 1);	/* the fork: c */
	assert_non_null(strstr(d[2].v[0].text, "already followed by b"));
	assert_int_equal(d[3].errors, 1);	/* another controller */
	assert_true(s.v[2].broken && s.v[2].prev == CHN_NONE);
	assert_int_equal(chn_latest(&s, 0), 1);
	for (int i = 0; i < 4; i++)
		diag_free(&d[i]);
	chn_free(&s);
}

static void
stands(void **state)
{
	struct chn_set s;
	struct incident a, b;
	struct chn_status st;
	struct diags d[2];

	(void)state;
	chn_init(&s);
	inc_base(&a, "a", NULL, AWARE + 20 * H);
	a.notification.subtype = NS_INCOMPLETE;
	a.notification.expected_completion.set = true;
	a.notification.expected_completion.epoch = AWARE + 100 * H;
	inc_base(&b, "b", "a", AWARE + 120 * H);
	b.decision.communicate_subjects = true;
	b.communication.planned_at.set = true;
	b.communication.planned_at.epoch = AWARE + 130 * H;
	chn_add(&s, &a, false);
	chn_add(&s, &b, false);
	diag_init(&d[0]);
	diag_init(&d[1]);
	chn_link(&s, d, 2);

	/* Nothing sent yet: the 72 hours run. */
	chn_status(&s, 1, AWARE + 10 * H, &st);
	assert_int_equal(st.stand, CHN_NOT_NOTIFIED);
	assert_int_equal(st.due, CHN_DUE_NOTIFICATION);
	assert_int_equal(st.by, AWARE + 72 * H);
	assert_false(st.overdue);
	/* The initial filed: the follow-up promised, then overdue. */
	chn_status(&s, 1, AWARE + 50 * H, &st);
	assert_int_equal(st.stand, CHN_INITIAL_FILED);
	assert_int_equal(st.due, CHN_DUE_FOLLOW_UP);
	assert_int_equal(st.by, AWARE + 100 * H);
	assert_false(st.overdue);
	chn_status(&s, 1, AWARE + 101 * H, &st);
	assert_true(st.overdue);
	/* Complete: the people to tell by the planned date. */
	chn_status(&s, 1, AWARE + 125 * H, &st);
	assert_int_equal(st.stand, CHN_COMPLETE);
	assert_int_equal(st.due, CHN_DUE_COMMUNICATION);
	assert_false(st.overdue);
	chn_status(&s, 1, AWARE + 131 * H, &st);
	assert_true(st.overdue);
	/* A high risk found, the people not told, no exemption: due. */
	s.v[1].communicate = false;
	s.v[1].comm_planned.set = false;
	s.v[1].outcome = RISK_HIGH;
	chn_status(&s, 1, AWARE + 125 * H, &st);
	assert_int_equal(st.due, CHN_DUE_COMMUNICATION);
	assert_true(st.tell);
	s.v[1].comm = CS_EXEMPT;
	chn_status(&s, 1, AWARE + 125 * H, &st);
	assert_int_equal(st.due, CHN_DUE_NONE);
	diag_free(&d[0]);
	diag_free(&d[1]);
	chn_free(&s);
}

/* Past the first index sizes: every id still found, every pair linked. */
static void
many(void **state)
{
	struct chn_set s;
	struct incident inc;
	char ids[300][16], prev[16];
	struct diags *d;
	size_t nd, i;

	(void)state;
	chn_init(&s);
	for (i = 0; i < 300; i++) {
		snprintf(ids[i], sizeof ids[i], "id-%zu", i);
		snprintf(prev, sizeof prev, "id-%zu", i - 1);
		inc_base(&inc, ids[i], i % 2 ? prev : NULL,
			 AWARE + (int64_t)(20 + i % 2) * H);
		chn_add(&s, &inc, false);
	}
	d = chn_check(&s, &nd, NULL);
	assert_int_equal(nd, 300);
	for (i = 0; i < 300; i++) {
		assert_int_equal(chn_find(&s, ids[i]), i);
		assert_int_equal(chn_latest(&s, i), i | 1);
		assert_int_equal(d[i].n, 0);
	}
	chn_diags_free(d, nd);
	chn_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links),
		cmocka_unit_test(fork_and_controller),
		cmocka_unit_test(stands),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
