"""The work queue (工作台): what waits for one member of staff, since when, and by when it is due.

Four lists, each derived from the working copies, their history and the register, never stored:

- 待我审核: submitted reports of the user's bodies, for a 审核人, except those they submitted themselves (the
  审核 principle: workflow.refusal would refuse them the approval);
- 待我发布: approved reports of the user's bodies, for a 发布人;
- 退回给我的: drafts whose last step was 退回修改 and which the user submitted or last edited;
- 即将到期: reports of the user's bodies not yet published whose statutory deadline (deadlines.py: 31 January
  for departments, 31 March for governments) lies within REPORT_SOON_DAYS or has passed, a body's missing
  report for last year included; and, for a 申请办理人, open applications of their bodies due within
  worklist.SOON_DAYS working days or overdue (the clock's).

The dashboard, the counts in the admin menu and the daily digest (`send_deadline_digest`, with a horizon of
its own) all read `for_user`/`due`, so that they cannot disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from disclosure.applications import calendar, clock, privacy, worklist
from disclosure.models import Application, ApplicationEvent, Report, ReportEvent, Revision
from disclosure.models.revisions import public_state, with_public_state
from disclosure.publishing import deadlines, workflow

S = Report.Status
REPORT_SOON_DAYS = 30  # a month ahead: a report needs writing, review and approval before its deadline
TRANSITIONS = ("submit", "return", "approve", "publish", "schedule", "withdraw")
CONTENT = ("edit", "import", "load")


@dataclass(frozen=True)
class Item:
    """One line of the queue: a report or an application, where it waits and by when."""

    kind: str  # "report" or "application"
    title: str
    body: str
    url: str  # its change page in the admin (a missing report: the add page, body and year filled in)
    since: datetime.datetime | datetime.date | None  # since when it waits here
    deadline: datetime.date | None
    situation: str  # the deadline in words: 还剩5天, 今天截止, 已逾期3天
    late: bool = False
    note: str = ""  # the return comment, the application's stage and handler
    waited: int | None = None  # days since `since` (0: today); None without a start


def _days_since(since, today):
    if since is None:
        return None
    if isinstance(since, datetime.datetime):
        since = timezone.localdate(since)
    return max((today - since).days, 0)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    items: list = field(default_factory=list)
    empty: str = ""
    applies: bool = True  # the user holds the role this list is for (or it holds something anyway)


@dataclass(frozen=True)
class Queue:
    sections: tuple

    def section(self, key):
        return next(section for section in self.sections if section.key == key)

    @property
    def counts(self):
        return {section.key: len(section.items) for section in self.sections}

    @property
    def total(self):
        return sum(self.counts.values())


def for_user(user, today=None):
    """The user's queue on `today` (the site's date by default)."""
    today = today or timezone.localdate()
    review, publish, back = reviewing(user, today), publishing(user, today), returned(user, today)
    return Queue(
        (
            Section(
                "review", "待我审核", review, "没有等待您审核的年报。", workflow.has_role(user, [workflow.REVIEWER])
            ),
            Section(
                "publish", "待我发布", publish, "没有等待您发布的年报。", workflow.has_role(user, [workflow.PUBLISHER])
            ),
            Section(
                "returned",
                "退回给我的",
                back,
                "没有退回给您修改的年报。",
                bool(back) or workflow.has_role(user, [workflow.EDITOR]),
            ),
            Section("due", "即将到期", due(user, today), f"{REPORT_SOON_DAYS}天内没有到期的年报或申请。"),
        )
    )


# ---- reports ---------------------------------------------------------------------------------------------


def _last_event(actions, column="created_at"):
    events = ReportEvent.objects.filter(report=OuterRef("pk"), action__in=actions).order_by("-created_at", "-pk")
    return Subquery(events.values(column)[:1])


def _report_item(report, today, since, note=""):
    last_day = deadlines.deadline(report.body.kind, report.year)
    return Item(
        kind="report",
        title=report.title,
        body=report.body.name,
        url=reverse("admin:disclosure_report_change", args=[report.pk]),
        since=since,
        deadline=last_day,
        situation=situation((last_day - today).days),
        late=last_day < today,
        note=note,
        waited=_days_since(since, today),
    )


def situation(days_left):
    """A deadline in words, as the deadline overview says it."""
    if days_left > 0:
        return f"还剩{days_left}天"
    if days_left == 0:
        return "今天截止"
    return f"已逾期{-days_left}天"


def _waiting(user, status, role, action, today):
    if not (user.is_active and user.is_staff and workflow.has_role(user, [role])):
        return []
    reports = (
        workflow.scoped(Report.objects.filter(status=status), user)
        .select_related("body")
        .annotate(since=_last_event([action]))
        .order_by("since", "pk")
    )
    if action == "submit":
        reports = reports.exclude(submitted_by=user)
    return [_report_item(report, today, report.since) for report in reports]


def reviewing(user, today):
    return _waiting(user, S.SUBMITTED, workflow.REVIEWER, "submit", today)


def publishing(user, today):
    return _waiting(user, S.APPROVED, workflow.PUBLISHER, "approve", today)


def returned_reports():
    """Drafts whose last review step was 退回修改, with `returned_at`, `return_comment` and `last_editor`."""
    return (
        Report.objects.filter(status=S.DRAFT)
        .annotate(
            last_step=_last_event(TRANSITIONS, "action"),
            returned_at=_last_event(["return"]),
            return_comment=_last_event(["return"], "comment"),
            last_editor=_last_event(CONTENT, "user"),
        )
        .filter(last_step="return")
    )


def authors(report):
    """Whom a returned or published report concerns: who submitted it and who last edited its content."""
    last_editor = (
        ReportEvent.objects.filter(report=report, action__in=CONTENT, user__isnull=False)
        .order_by("-created_at", "-pk")
        .values_list("user", flat=True)
        .first()
    )
    ids = {pk for pk in (report.submitted_by_id, last_editor) if pk is not None}
    return list(get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def returned(user, today):
    reports = (
        workflow.scoped(returned_reports(), user)
        .filter(Q(submitted_by=user) | Q(last_editor=user.pk))
        .select_related("body")
        .order_by("returned_at", "pk")
    )
    return [_report_item(report, today, report.returned_at, report.return_comment) for report in reports]


def due_reports(user, today, within=REPORT_SOON_DAYS):
    """Reports of the user's bodies, not published, whose deadline is within `within` days or past: last year's
    from the deadline overview (a body that has not started it is listed, linked to 新建年报), and an older
    year's working copy that was never published (overdue by now)."""
    bodies = workflow.bodies_of(user)
    year = deadlines.default_year(today)
    items = []
    for row in deadlines.overview(year, today, bodies):
        if row.standing.published or (row.deadline - today).days > within:
            continue
        if row.report is None:
            add = reverse("admin:disclosure_report_add")
            items.append(
                Item(
                    kind="report",
                    title=f"{row.body.name}{year}年政府信息公开工作年度报告",
                    body=row.body.name,
                    url=f"{add}?body={row.body.pk}&year={year}",
                    since=None,
                    deadline=row.deadline,
                    situation=situation((row.deadline - today).days),
                    late=row.deadline < today,
                    note="尚未创建",
                )
            )
        else:
            items.append(row.report)
    # As the overview does, a year before the body's first year on this site is not held against it.
    joined = Q(body__first_year__isnull=True) | Q(year__gte=F("body__first_year"))
    never_public = Report.objects.filter(joined, year__lt=year, body__in=bodies).exclude(
        pk__in=_public_report_ids(year)
    )
    items += never_public.select_related("body").order_by("year", "body__position")
    # Each report's line says its public state: read for all of them in one query.
    states = {
        report.pk: public_state(report)
        for report in with_public_state(Report.objects.filter(pk__in=[i.pk for i in items if isinstance(i, Report)]))
    }
    return [
        _report_item(item, today, None, workflow.describe(item, states[item.pk])) if isinstance(item, Report) else item
        for item in items
    ]


def _public_report_ids(before):
    return Revision.objects.public().filter(year__lt=before).values("report_id")


# ---- applications ----------------------------------------------------------------------------------------


def due_applications(user, today, within=None):
    """Open applications of the user's bodies, for a 申请办理人: overdue, or due within worklist.SOON_DAYS
    working days (`within` given: within that many calendar days, the digest's horizon)."""
    if not privacy.is_handler(user):
        return []
    replied = ApplicationEvent.objects.filter(application=OuterRef("pk"), type=clock.E.REPLIED)
    cases = workflow.scoped(
        Application.objects.filter(~Exists(replied), received_on__isnull=False), user
    ).select_related("body", "handler")
    rows = worklist.load(cases, calendar.from_database(), today)
    items = []
    for application in sorted(rows, key=worklist.by_due_date):
        entry = application.entry
        due_on = entry.clock.due_on
        if due_on is None or entry.stage in (clock.REPLIED, clock.UNCONFIRMED):
            continue
        soon = entry.urgency is not None if within is None else (due_on - today).days <= within
        if not (soon or entry.clock.late):
            continue
        items.append(_application_item(application, entry, today))
    return items


def _application_item(application, entry, today):
    due_on = entry.clock.due_on
    if entry.clock.late:
        said = f"已逾期{(today - due_on).days}天"
    elif entry.days_left == 0:
        said = "今天到期"
    elif entry.days_left is not None:
        said = f"还剩{entry.days_left}个工作日"
    else:
        said = ""
    handler = application.handler
    who = (handler.get_full_name() or handler.get_username()) if handler else "未指定"
    # The applicant's name and request are left out: the queue is read on shared screens and goes out by email.
    return Item(
        kind="application",
        title=f"政府信息公开申请 {application.ref}",
        body=application.body.name,
        url=reverse("admin:disclosure_application_change", args=[application.pk]),
        since=application.received_on,
        deadline=due_on,
        situation=said,
        late=entry.clock.late,
        note=f"{clock.STAGES[entry.stage]}，承办人：{who}",
        waited=_days_since(application.received_on, today),
    )


def due(user, today, report_within=REPORT_SOON_DAYS, application_within=None):
    """即将到期: reports first (by deadline), then applications (by due date)."""
    reports = sorted(due_reports(user, today, report_within), key=lambda item: (item.deadline, item.title))
    return reports + due_applications(user, today, application_within)
