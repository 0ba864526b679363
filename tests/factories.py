"""Small builders for test data: a body, a report with an outline, a published revision."""

import datetime
import itertools
from pathlib import Path

from disclosure.models import Body, PlanItem, RectificationItem, Report, Section
from disclosure.publishing import workflow


def make_body(slug="sports-bureau", name="锦州市体育局", **extra):
    return Body.objects.create(slug=slug, name_zh_hans=name, **extra)


def make_report(body=None, year=2016, title=None, levels=(1, 2, 2, 1), **extra):
    body = body or make_body()
    report = Report.objects.create(
        body=body,
        year=year,
        title_zh_hans=title or f"{body.name_zh_hans}{year}年政府信息公开工作年度报告",
        format=extra.pop("format", Report.Format.LEGACY),
        published_on=extra.pop("published_on", datetime.date(year + 1, 1, 20)),
        **extra,
    )
    for position, level in enumerate(levels, start=1):
        Section.objects.create(
            report=report,
            position=position,
            level=level,
            heading_zh_hans=f"第{position}节标题",
            body_zh_hans=f"第{position}节正文。\n\n第{position}节第二段。",
        )
    return report


def add_items(report, problems=("公开内容不够全面",), plans=("加强培训",)):
    for position, problem in enumerate(problems, start=1):
        RectificationItem.objects.create(report=report, position=position, problem_zh_hans=problem)
    for position, text in enumerate(plans, start=1):
        PlanItem.objects.create(report=report, position=position, text_zh_hans=text)


def publish(report, note="", at=None):
    return workflow.publish(report, change_note=note, at=at)


PASSWORD = "a-long-test-password"
_serial = itertools.count(1)


def make_staff(username, role=None, body=None, **extra):
    """A staff user in the group `role` (撰稿人, 审核人, 发布人) and a member of `body`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True, **extra)
    if role:
        user.groups.add(Group.objects.get(name=role))
    if body is not None:
        body.members.add(user)
    return user


def make_team(body):
    """An editor, a reviewer and a publisher of `body`, by those usernames."""
    return {
        "editor": make_staff("editor", workflow.EDITOR, body),
        "reviewer": make_staff("reviewer", workflow.REVIEWER, body),
        "publisher": make_staff("publisher", workflow.PUBLISHER, body),
    }


def through_review(report, editor=None, reviewer=None):
    """Submit and approve `report` (as staff of its body, created unless given); returns it approved."""
    serial = next(_serial)
    editor = editor or make_staff(f"editor-{serial}", workflow.EDITOR, report.body)
    reviewer = reviewer or make_staff(f"reviewer-{serial}", workflow.REVIEWER, report.body)
    workflow.transition(report, editor, "submit")
    workflow.transition(report, reviewer, "approve")
    report.refresh_from_db()
    return report


def withdraw(report, reason="数据有误，正在核实。"):
    """Withdraw `report`'s public revision, as a generated publisher of its body; returns the Withdrawal."""
    publisher = make_staff(f"publisher-{next(_serial)}", workflow.PUBLISHER, report.body)
    return workflow.transition(report, publisher, "withdraw", reason)


def approved(report):
    """`report` put into the approved state by the review of generated staff."""
    return through_review(report)


DEMO = Path(__file__).resolve().parent.parent / "disclosure" / "demo"
DEMO_DOCUMENTS = DEMO / "documents"
SEED = DEMO / "reports" / "sports-bureau-2016.txt"


def import_seed(body=None):
    """The seed report imported as a draft for 锦州市体育局, 2016. Returns (report, warnings)."""
    from disclosure.reports.legacy_import import import_report

    return import_report(SEED.read_text(encoding="utf-8"), body or make_body(), 2016)


def standard_tables(format="2021"):
    """Full tables that pass every blocking check, built on the worked example of report-format.md.

    Table 3's 总计 column: 一 = 14069, 二 = 560, （七） = 13810, 四 = 819; table 4: 790, 56 and 156.
    Each row is split among applicants the same way, so every identity holds column by column.
    """
    from disclosure.tables import formats, rules

    def split(total):
        commercial, legal = total // 10, total // 50
        return {
            "natural_person": total - commercial - legal,
            "commercial": commercial,
            "research": 0,
            "social_welfare": 0,
            "legal_service": legal,
            "other": 0,
            "total": total,
        }

    table3 = next(t for t in formats.tables(format) if t.key == "requests")
    results = rules.result_rows(table3)
    totals = dict.fromkeys(results, 0)
    totals.update({"granted": 9000, "partially_granted": 1500, "denied_state_secret": 10, "unable_no_info": 2000})
    totals[results[-1]] = 13810 - sum(v for k, v in totals.items() if k != results[-1])
    requests = {key: split(value) for key, value in totals.items()}
    requests["new_received"], requests["carried_over"] = split(14069), split(560)
    requests["results_total"] = {c.key: sum(requests[k][c.key] for k in results) for c in table3.columns}
    requests["carried_forward"] = {
        c.key: requests["new_received"][c.key] + requests["carried_over"][c.key] - requests["results_total"][c.key]
        for c in table3.columns
    }
    outcomes = ("upheld", "corrected", "other", "pending", "total")
    appeals = {
        "reconsideration": dict(zip(outcomes, (376, 97, 196, 121, 790), strict=True)),
        "litigation_direct": dict(zip(outcomes, (16, 1, 12, 27, 56), strict=True)),
        "litigation_after_reconsideration": dict(zip(outcomes, (74, 1, 30, 51, 156), strict=True)),
    }
    active_table = next(t for t in formats.tables(format) if t.key == "active")
    active = {
        row.key: {c.key: ("0.00" if c.kind == formats.AMOUNT else 1) for c in row.columns} for row in active_table.rows
    }
    return {"active": active, "requests": requests, "appeals": appeals}
