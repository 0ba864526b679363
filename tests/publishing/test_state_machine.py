"""Every sequence of up to five staff actions, from every starting state, against the invariants of issue 14.

Actions: save (an edit of what the public would see), submit, return, approve, publish, schedule (an hour
ahead), time passing (two hours, with the cron command run or not), withdraw. After each step:

- the public sees exactly the newest due revision of the report, unless a withdrawal came after it (reckoned
  here from the rows' times, not by the code under test);
- a withdrawn report shows nowhere public but its 410 page;
- no revision, live or scheduled, holds a text a reviewer has not approved, and a revision still to come is the
  working copy as approved (an edit or a return cancels it);
- withdrawal is allowed exactly when something is public, and a refused action changes nothing;
- the admin's public state (revisions.public_state, the change form) equals what an anonymous request sees.

The walk is depth first inside savepoints (each branch rolled back), and a state already explored with as
many steps left is not explored again: states are equivalent when the working copy's review state, the
public state's kind, a pending revision and whether the working copy is what was last frozen agree.
HTTP checks run on a sample of the states, the queries on all of them.
"""

import datetime
import itertools
from unittest import mock

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from disclosure.models import Report, Revision, Section, Withdrawal
from disclosure.models.revisions import public_state
from disclosure.publishing import diff, document, workflow
from tests import dom
from tests.factories import make_body, make_report, make_staff

pytestmark = pytest.mark.django_db

URL = "/reports/2016/sports-bureau/"
API = "/api/v1/reports/2016/sports-bureau/"
ACTIONS = ["save", "submit", "return", "approve", "publish", "schedule", "time", "withdraw"]
STARTS = {
    "draft": [],
    "submitted": ["submit"],
    "approved": ["submit", "approve"],
    "scheduled": ["submit", "approve", "schedule"],
    "live": ["submit", "approve", "publish"],
    "live, correction in draft": ["submit", "approve", "publish", "save"],
    "live, correction scheduled": ["submit", "approve", "publish", "save", "submit", "approve", "schedule"],
    "withdrawn": ["submit", "approve", "publish", "withdraw"],
    "withdrawn, return scheduled": ["submit", "approve", "publish", "withdraw", "submit", "approve", "schedule"],
}
DEPTH = 5
HTTP_EVERY = 9


class Walk:
    def __init__(self, clock):
        self.clock = clock
        body = make_body()
        self.report = make_report(body, levels=(1,))
        self.editor = make_staff("editor", workflow.EDITOR, body)
        self.reviewer = make_staff("reviewer", workflow.REVIEWER, body)
        self.publisher = make_staff("publisher", workflow.PUBLISHER, body)
        self.chief = make_staff("chief", is_superuser=True)
        self.markers = itertools.count(1)
        self.approved = set()  # the texts a reviewer approved
        self.states = 0
        self.path = []  # the actions that led here, named in a failure
        self.explored = {}
        self.anonymous, self.staff = Client(), Client()
        self.staff.force_login(self.chief)

    # --- the actions ------------------------------------------------------------------------------------

    def text(self):
        return Section.objects.get(report=self.report).heading_zh_hans

    def do(self, action):
        """Carry out `action`; True when it changed something."""
        self.clock[0] += datetime.timedelta(seconds=1)  # staff never act twice in the same instant
        report = Report.objects.get(pk=self.report.pk)
        if action == "save":
            before = document.build(report)
            Section.objects.filter(report=report).update(heading_zh_hans=f"第{next(self.markers)}稿")
            changes = diff.compare(before, document.build(report))
            workflow.edited(report, self.editor, diff.summary(changes))
            return True
        if action == "time":
            self.clock[0] += datetime.timedelta(hours=2)
            before = self.public_facts()
            workflow.publish_due()  # cron may run or not: what is public must not depend on it
            assert self.public_facts() == before
            return True
        user = {"submit": self.editor, "return": self.reviewer, "approve": self.reviewer}.get(action, self.publisher)
        comment = {"return": "请修改。", "withdraw": "数据有误，正在核实。"}.get(action, "")
        if action in ("publish", "schedule") and report.revisions.exists():
            comment = "更正了第一部分。"
        at = self.clock[0] + datetime.timedelta(hours=1) if action == "schedule" else None
        if action == "withdraw":
            assert (workflow.refusal(user, report, action) is None) == public_state(report).is_live
        before = self.snapshot()
        try:
            workflow.transition(report, user, action, comment, at)
        except workflow.TransitionError:
            assert self.snapshot() == before
            return False
        if action == "approve":
            self.approved.add(self.text())
        return True

    # --- what is true, and what must be -------------------------------------------------------------------

    def snapshot(self):
        report = Report.objects.get(pk=self.report.pk)
        return (
            report.status,
            report.version,
            list(Revision.objects.values_list("number", "published_at")),
            Withdrawal.objects.count(),
        )

    def public_facts(self):
        revision = Revision.objects.public_report(2016, "sports-bureau")
        return (revision and revision.number, Revision.objects.withdrawn_report(2016, "sports-bureau") is not None)

    def expected(self):
        """(the revision the public must see or None, whether the address must answer 410), from the rows."""
        now = self.clock[0]
        due = Revision.objects.filter(published_at__lte=now).order_by("-published_at", "-number").first()
        if due is None:
            return None, False
        withdrawn = Withdrawal.objects.filter(withdrawn_at__gte=due.published_at, withdrawn_at__lte=now).exists()
        return (None, True) if withdrawn else (due, False)

    def check(self, http):
        revision, withdrawn = self.expected()
        public = Revision.objects.public_report(2016, "sports-bureau")
        assert public == revision
        assert (Revision.objects.withdrawn_report(2016, "sports-bureau") is not None) == withdrawn
        assert list(Revision.objects.public()) == ([revision] if revision else [])
        for frozen in Revision.objects.all():
            assert frozen.document["sections"][0]["heading"]["zh-hans"] in self.approved
        report = Report.objects.get(pk=self.report.pk)
        # A revision still to come is the working copy as approved: an edit or a return cancels it.
        for pending in Revision.objects.filter(published_at__gt=self.clock[0]):
            assert report.status == Report.Status.PUBLISHED
            assert pending.document["sections"][0]["heading"]["zh-hans"] == self.text()
        state = public_state(report)
        assert state.live_number == (revision.number if revision else None)
        assert state.is_withdrawn == withdrawn
        if http:
            self.check_http(report, revision, withdrawn, state)
        return report, state

    def check_http(self, report, revision, withdrawn, state):
        page = self.anonymous.get(URL)
        assert page.status_code == (200 if revision else 410 if withdrawn else 404)
        if revision:
            assert revision.document["sections"][0]["heading"]["zh-hans"] in page.content.decode()
        shown = revision.document["sections"][0]["heading"]["zh-hans"] if revision else None
        if self.text() != shown:
            assert self.text() not in page.content.decode()  # the working copy never, the 410 page included
        assert self.anonymous.get(API).status_code == page.status_code
        for listing in ("/reports/", "/sitemap.xml", "/en/reports/"):
            assert (URL.removeprefix("/") in self.anonymous.get(listing).content.decode()) == bool(revision)
        panel = dom.parse(self.staff.get(f"/admin/disclosure/report/{report.pk}/change/"))
        line = panel.find("fieldset", class_="workflow-panel").find("strong").text
        assert line == workflow.describe(report, state)
        assert line.startswith(
            f"已发布第{revision.number}版" if revision else "已撤回" if withdrawn else ("未发布", "定时发布")
        )

    def signature(self, report, state):
        """`report` and its `state` as check() read them, nothing having changed since."""
        newest = report.revisions.order_by("-number").first()
        in_step = newest is not None and newest.document["sections"][0]["heading"]["zh-hans"] == self.text()
        return (workflow.editorial_state(report, state), state.kind, state.pending_number is not None, in_step)

    # --- the walk ---------------------------------------------------------------------------------------

    def explore(self, left):
        self.states += 1
        try:
            report, state = self.check(http=self.states % HTTP_EVERY == 0)
        except AssertionError as error:
            raise AssertionError(f"after {' → '.join(self.path)}: {error}") from error
        if left == 0:
            return
        key = self.signature(report, state)
        if self.explored.get(key, -1) >= left:
            return
        self.explored[key] = left
        for action in ACTIONS:
            with transaction.atomic():
                clock = self.clock[0]
                self.path.append(action)
                if self.do(action):
                    self.explore(left - 1)
                self.path.pop()
                transaction.set_rollback(True)
                self.clock[0] = clock


# The walk runs in the SQLite pass only: it checks the workflow's rules and the one public query over some
# 14,000 queries, which other tests run on PostgreSQL too (tests/models/test_revisions.py, test_workflow.py), and
# the PostgreSQL pass already carries the browser tests, the longer of make test's two side-by-side runs.
@pytest.mark.skipif(connection.vendor != "sqlite", reason="run in make test's SQLite pass (see above)")
def test_every_sequence_of_five_actions_keeps_the_invariants():
    clock = [timezone.now()]
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock[0]):
        walk = Walk(clock)
        for name, prefix in STARTS.items():
            with transaction.atomic():
                start = clock[0]
                walk.path = [f"({name})"]
                for action in prefix:
                    assert walk.do(action), (name, action)
                walk.explore(DEPTH)
                transaction.set_rollback(True)
                clock[0] = start
    assert walk.states > 200
    assert {kind for _, kind, _, _ in walk.explored} == {"none", "live", "scheduled", "withdrawn"}
