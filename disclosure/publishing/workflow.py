"""Report state changes, written once and called by the admin, the commands and the tests.

Two states, each with one owner. The working copy's review state (Report.status, see `editorial_state`):
草稿 → 待审核 (submit) → 已审核 (approve) → 已发布 (publish) or 定时发布 (schedule); 退回修改 (return) sends it
back to draft, and so does any edit of what the public would see (`edited`). The public state (nothing, live
revision N, N+1 scheduled for T, withdrawn) is derived from the revisions and the withdrawals
(revisions.public_state); 撤回 (withdraw) acts on it alone, whenever something is public. Each transition
checks the actor's role (groups 撰稿人, 审核人, 发布人), the actor's body, where the report stands, and the 审核
principle (whoever submitted a text cannot approve it), and writes a ReportEvent. Nothing else changes
`status`.

A correction's 更正说明 (change note) is proposed on the working copy (Report.change_note, by the editor, seen by
the reviewer), may be amended by the publisher, and is carried into the revision by publication (`note_for`).

`user=None` is the system itself (the demo loader, the scheduled-publication command): it is never what
a request or a command line supplies, both of which always name a user.

Over 400 lines on purpose: the actions, who may take them and what each writes are one state machine, kept in
one module so that no transition's rule is written in a second place.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from disclosure.languages.declared import CODES, EDITABLE, SOURCE
from disclosure.models import Body, Report, ReportEvent, Revision, Withdrawal, public_windows
from disclosure.models.events import STATE_LABELS
from disclosure.models.revisions import public_state
from disclosure.public import search_indexing
from disclosure.publishing import document
from disclosure.tables import assessment

S = Report.Status
SCHEDULED = "scheduled"  # the working copy frozen into a revision whose time has not come (derived)
EDITOR, REVIEWER, PUBLISHER = "撰稿人", "审核人", "发布人"


class TransitionError(Exception):
    """A transition that is not allowed; the message is shown to staff (and printed by commands) as it is."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple
    roles: tuple
    needs_comment: bool = False


ACTIONS = {
    # A withdrawn report comes back only through review again (submit → approve → publish a correction).
    "submit": Action("submit", "提交审核", (S.DRAFT,), (EDITOR,)),
    "return": Action("return", "退回修改", (S.SUBMITTED, S.APPROVED, SCHEDULED), (REVIEWER, PUBLISHER), True),
    "approve": Action("approve", "审核通过", (S.SUBMITTED,), (REVIEWER,)),
    "publish": Action("publish", "发布", (S.APPROVED,), (PUBLISHER,)),
    "schedule": Action("schedule", "定时发布", (S.APPROVED,), (PUBLISHER,)),
    # Acts on the public state, whatever the working copy is doing: allowed whenever a revision is public.
    "withdraw": Action("withdraw", "撤回", (), (PUBLISHER,), True),
}


def editorial_state(report, public=None):
    """Where the working copy stands: draft, submitted, approved, scheduled (frozen into a revision whose time
    has not come) or published (what its newest revision froze, now due). Right at every instant: a scheduled
    revision's time passing needs no cron run."""
    if report.status == S.PUBLISHED and (public or public_state(report)).pending_number is not None:
        return SCHEDULED
    return report.status


def was_public(report, public=None):
    """Whether a revision of `report` has been public (live now, or withdrawn since): its next publication is then
    a correction, which needs a change note, and its working copy offers one to be proposed."""
    return (public or public_state(report)).due_number is not None


def describe(report, public=None):
    """Both states in one line, as the admin and the commands show them:
    已发布第2版 · 有未发布的修改：草稿; 定时发布：2027-01-20 09:00; 未发布 · 待审核."""
    public = public or public_state(report)
    state = editorial_state(report, public)
    if state in (S.PUBLISHED, SCHEDULED):
        return public.label
    if public.kind == public.NONE:
        return f"未发布 · {STATE_LABELS[state]}"
    return f"{public.label} · 有未发布的修改：{STATE_LABELS[state]}"


def is_member(user, body):
    return user.is_superuser or body.pk in _held(user, "_body_ids", lambda: user.bodies.values_list("pk", flat=True))


def bodies_of(user):
    """The bodies whose reports `user` may see and work on: those they are a member of; every body for a
    superuser. The admin's lists, forms and deadline overview are scoped by this (see `scoped`)."""
    return Body.objects.all() if user.is_superuser else Body.objects.filter(members=user)


def scoped(queryset, user):
    """`queryset` (of rows with a `body`) cut down to `user`'s bodies; unchanged for a superuser."""
    return queryset if user.is_superuser else queryset.filter(body__members=user)


def has_role(user, roles):
    return user.is_superuser or not _held(
        user, "_role_names", lambda: user.groups.values_list("name", flat=True)
    ).isdisjoint(roles)


def _held(user, name, read):
    """What `read` gives, read once per user object, as Django's ModelBackend keeps a user's permissions: an admin
    page asks for the roles and bodies of its one request.user a dozen times."""
    if not hasattr(user, name):
        setattr(user, name, frozenset(read()) if user.is_authenticated else frozenset())
    return getattr(user, name)


def refusal(user, report, name, public=None):
    """Why `user` may not do `name` to `report` now, or None when they may."""
    action = ACTIONS.get(name)
    if action is None:
        return f"没有“{name}”这项操作。可用的操作：{'、'.join(ACTIONS)}。"
    if user is not None:
        if not (user.is_active and user.is_staff):
            return "只有在职的工作人员才能处理年报。"
        if not is_member(user, report.body):
            return f"您不是{report.body.name}的工作人员，不能处理该机构的年报。"
    public = public or public_state(report)
    state = editorial_state(report, public)
    if name == "withdraw":
        if not public.is_live:
            return f"《{report.title}》目前没有公开的版本（{public.label}），无需撤回。"
    elif name == "submit" and state == S.PUBLISHED and public.is_withdrawn:
        pass  # coming back from a withdrawal: through review again, as a correction
    elif state not in action.sources:
        allowed = "、".join(STATE_LABELS[s] for s in action.sources)
        if name == "submit":
            allowed += "或已撤回"
        return f"《{report.title}》当前状态为“{describe(report, public)}”，只有“{allowed}”的年报才能{action.label}。"
    if user is None:
        return None
    if not has_role(user, action.roles):
        return f"{action.label}需要“{'”或“'.join(action.roles)}”角色。"
    if name == "approve" and report.submitted_by_id == user.pk:
        return "按照审核制度，提交人不能审核自己提交的年报，请由其他审核人审核。"
    return None


def allowed_actions(user, report):
    public = public_state(report)
    return [action for name, action in ACTIONS.items() if refusal(user, report, name, public) is None]


def _record(report, user, action, old, new, comment="", changes=None, revision=None):
    # Imported here: notifications reads the work queue, which reads this module.
    from disclosure.publishing import notifications

    event = ReportEvent.objects.create(
        report=report,
        user=user if user is not None else None,
        action=action,
        from_status=old,
        to_status=new,
        comment=comment,
        changes=changes or [],
        revision=revision,
    )
    notifications.recorded(event)  # mailed after the commit; a failed mail never fails the step


def _locked(report):
    return Report.objects.select_for_update().select_related("body").get(pk=report.pk)


def transition(report, user, name, comment="", at=None, note=None):
    """Carry out `name` (submit, return, approve, publish, schedule, withdraw) or raise TransitionError.

    Publishing or scheduling carries the working copy's proposed change note into the revision; `note`
    ({language: text}, for the languages staff write) is the publisher's amendment of it. Without `note`, a
    `comment` amends its Simplified text (the commands' --comment, as before the proposal existed)."""
    comment = (comment or "").strip()
    with transaction.atomic():
        report = _locked(report)
        public = public_state(report)
        reason = refusal(user, report, name, public)
        if reason:
            raise TransitionError(reason)
        action = ACTIONS[name]
        if action.needs_comment and not comment:
            raise TransitionError(
                "退回修改须写明需要修改的内容。" if name == "return" else "撤回须写明公开的撤回理由。"
            )
        _check_tables(report, name, action)
        old = editorial_state(report, public)
        result = report
        if name == "submit":
            report.status, report.submitted_by = S.SUBMITTED, user
        elif name == "return":
            _cancel_schedule(report)
            report.status = S.DRAFT
        elif name == "approve":
            report.status = S.APPROVED
        elif name in ("publish", "schedule"):
            when = at or timezone.now()
            if name == "schedule" and when <= timezone.now():
                raise TransitionError("定时发布的时间必须晚于现在；立即发布请选择“发布”。")
            amended = note if note is not None else ({SOURCE: comment} if comment else None)
            result = _publish_revision(report, user, amended, when)
            report.status = S.PUBLISHED
            comment = result.change_note_zh_hans if result.number > 1 else comment
        elif name == "withdraw":
            result = _withdraw(report, user, comment)
        report.save()
        revision = result if isinstance(result, Revision) else None
        _record(report, user, name, old, editorial_state(report), comment, revision=revision)
        return result


def publish(report, user=None, change_note="", at=None):
    """Publish now (or at `at`). With a user this is the publish transition; without, the system publishes
    (recorded as 定时发布 when `at` is still to come). `change_note` amends the proposed note: its Simplified
    text, or {language: text}."""
    if isinstance(change_note, dict):
        comment, amended = "", change_note
    else:
        comment = (change_note or "").strip()
        amended = {SOURCE: comment} if comment else None
    if user is not None:
        return transition(report, user, "publish", comment, at, amended)
    with transaction.atomic():
        report = _locked(report)
        old = editorial_state(report)
        when = at or timezone.now()
        revision = _publish_revision(report, None, amended, when)
        report.status = S.PUBLISHED
        report.save()
        action = "schedule" if when > timezone.now() else "publish"
        comment = revision.change_note_zh_hans if revision.number > 1 else comment
        _record(report, None, action, old, editorial_state(report), comment, revision=revision)
        return revision


def _withdraw(report, user, reason):
    """Take the public revision down. A correction scheduled to follow it is dropped with it (else it would
    bring the report back on its date): the working copy stays approved, to be published again on purpose."""
    live = Revision.objects.public().get(report=report)
    if _cancel_schedule(report) is not None:
        report.status = S.APPROVED
    withdrawal = Withdrawal(report=report, revision=live, created_by=user, withdrawn_at=timezone.now())
    withdrawal.reason_zh_hans = reason
    withdrawal.save()
    public_windows.refresh([report.pk])  # the public answer is read from these windows
    return withdrawal


def publish_due(now=None):
    """Record in the history each scheduled revision that has become public (run by cron:
    `manage.py publish_scheduled`); returns those revisions.

    Nothing depends on this running: the pages, the API and the admin derive what is public from the revisions'
    times (Revision.objects.public(), revisions.public_state). It only writes the line 定时发布的第N版已公开.
    """
    now = now or timezone.now()
    recorded = ReportEvent.objects.filter(action="publish", revision__isnull=False).values("revision")
    due = (
        Revision.objects.filter(published_at__lte=now, events__action="schedule")
        .exclude(pk__in=recorded)
        .select_related("report")
        .order_by("published_at", "pk")
        .distinct()
    )
    done = []
    for revision in due:
        when = timezone.localtime(revision.published_at).strftime("%Y-%m-%d %H:%M")
        _record(
            revision.report,
            None,
            "publish",
            SCHEDULED,
            S.PUBLISHED,
            f"定时发布的第{revision.number}版已于{when}公开。",
            revision=revision,
        )
        done.append(revision)
    return done


def edited(report, user, changes, action="edit", comment=""):
    """Record a change of the working copy (a save in the admin, an import, a loaded document); returns the
    state it was in before.

    Editing a text under review, scheduled or published sends it back to draft: what was reviewed is no
    longer what would be published. A scheduled revision that has not gone out is dropped with it.
    """
    with transaction.atomic():
        current = _locked(report)
        old = editorial_state(current)
        if old != S.DRAFT:
            restored = list(_cancel_schedule(current) or ())
            if restored:  # saved, so that the Traditional is derived and the English's source recorded
                restored += [_note_field("zh-hant"), "en_sources"]
            current.status = S.DRAFT
            current.save(update_fields=["status", *restored])
            for field in restored:
                setattr(report, field, getattr(current, field))
        report.status = S.DRAFT
        _record(report, user, action, old, S.DRAFT, comment, changes)
    return old


def sent_back(old):
    """The warning after an edit sent a report under review, scheduled or published back to draft."""
    if old == S.DRAFT:
        return None
    return f"内容已修改，年报由“{STATE_LABELS[old]}”退回草稿，需重新提交审核。"


def _cancel_schedule(report):
    """Drop the revision that has not gone out yet (a scheduled publication). Its change note goes back to the
    working copy as the proposal, unless a new one has been written since, so that nothing the publisher wrote is
    lost: `report` gets it. Returns the note fields so set ({} when none), or None when nothing was scheduled."""
    pending = report.revisions.filter(published_at__gt=timezone.now()).order_by("-number")
    dropped = pending.first()
    if dropped is None:
        return None
    restored = {}
    if not any(proposed_note(report).values()):
        restored = {_note_field(lang): getattr(dropped, _note_field(lang)) or "" for lang in EDITABLE}
        for field, value in restored.items():
            setattr(report, field, value)
    pending.delete()
    public_windows.refresh([report.pk])  # the revision before it is public again past the dropped time
    return restored


def _check_tables(report, name, action):
    """Tables that do not add up never leave the draft; warnings need a reviewer's comment before approval."""
    if name not in ("submit", "approve"):
        return  # publishing checks again in _publish_revision, whoever publishes
    found = assessment.findings(report)
    errors = [f for f in found if f.blocking]
    if errors:
        raise TransitionError(
            f"《{report.title}》的统计表有{len(errors)}处错误，不能{action.label}："
            f"{assessment.summary(errors)}。请在“统计表”页面改正后再{action.label}。"
        )
    pending = assessment.unacknowledged(report, found) if name == "approve" else []
    if pending:
        raise TransitionError(
            f"还有{len(pending)}项提示需要审核人确认：{assessment.summary(pending)}。请逐项填写审核意见后再审核通过。"
        )


def _note_field(lang):
    return document.field_name("change_note", lang)


def proposed_note(report):
    """The change note proposed on the working copy: {language: text} for the languages staff write."""
    return {lang: (getattr(report, _note_field(lang)) or "").strip() for lang in EDITABLE}


def note_for(report, amended=None):
    """The change note a publication of `report` carries now: the proposal, with the publisher's amendment
    (`amended`, {language: text}; a language left out keeps the proposal's text) over it.

    An English proposal goes with the Simplified text it translates: when the amendment rewrites the Simplified
    and leaves the English out (a command's --note), the English is dropped, and the English pages show the
    Simplified marked as such rather than a translation of words no longer published.
    """
    proposal = proposed_note(report)
    note = dict(proposal)
    for lang, text in (amended or {}).items():
        if lang in note and text is not None:
            note[lang] = text.strip()
    if note[SOURCE] != proposal[SOURCE]:
        for lang in EDITABLE:
            if lang != SOURCE and (amended or {}).get(lang) is None:
                note[lang] = ""
    return note


def _publish_revision(report, user, amended, at):
    """The working copy as an immutable Revision; a correction must say what it corrects. The change note goes
    into the revision (the Traditional derived as it is saved) and the proposal is cleared for the next one."""
    found = assessment.findings(report)
    errors = [finding for finding in found if finding.blocking]
    if errors:
        raise TransitionError(
            f"《{report.title}》的统计表有{len(errors)}处错误，不能发布：{assessment.summary(errors)}。"
        )
    empty = [finding for finding in found if finding.blocks_publishing]  # a required part with nothing in it
    if empty:
        raise TransitionError(f"《{report.title}》不能发布：{assessment.summary(empty)}。")
    note = note_for(report, amended)
    previous = report.revisions.order_by("-number").first()
    if previous and not note[SOURCE]:
        raise TransitionError(f"《{report.title}》已发布过，再次发布属于更正，请填写更正说明。")
    if not report.sections.exists():
        raise TransitionError(f"《{report.title}》还没有正文章节，不能发布。")
    if report.published_on is None:
        report.published_on = timezone.localdate(at)
    for lang in EDITABLE:
        setattr(report, _note_field(lang), "")
    report.save()
    doc = document.build(report)
    revision = Revision(
        report=report,
        number=(previous.number + 1) if previous else 1,
        body=report.body,
        year=report.year,
        published_on=report.published_on,
        published_at=at,
        document=doc,
        created_by=user,
    )
    for lang in CODES:
        setattr(revision, document.field_name("title", lang), doc["title"][lang])
    for lang, text in note.items():
        setattr(revision, _note_field(lang), text)
    revision.save()
    search_indexing.index_revisions([revision])  # written once: a revision never changes
    public_windows.refresh([report.pk])  # from its time on (now, or when scheduled), the public sees it
    return revision
