"""Data for the HTTP benchmark, on top of `load_demo`: a column of 1,000 published reports and two reports of
5 and 200 sections for the query count. Run inside Django: `manage.py shell -c "import bench.seed as s; s.run()"`.

The 1,000 are written in bulk (the seed report's revision copied under 50 bodies × 20 years), since the
benchmark measures reading a full column, not publishing one; the two long ones go through the workflow.
"""

import copy
import datetime

from django.db import transaction
from django.utils import timezone

from disclosure.languages.declared import CODES
from disclosure.languages.traditional import load_glossary, to_traditional
from disclosure.models import Body, Report, Revision, Section, public_windows
from disclosure.publishing import document, workflow

BODIES, YEARS = 50, range(1990, 2010)
QUERY_BODY = "bench-queries"
TEXT = "第{}部分正文：本年度依法主动公开政府信息，按时答复依申请公开。"


def traditional(text):
    # bulk_create skips the pre_save derivation: derive here, the same way.
    return to_traditional(text, load_glossary())


def column(seed):
    bodies = Body.objects.bulk_create(
        Body(slug=f"bench-{n:02d}", name_zh_hans=f"锦州市第{n}办公室", name_zh_hant=traditional(f"锦州市第{n}办公室"))
        for n in range(1, BODIES + 1)
    )
    reports = Report.objects.bulk_create(
        Report(
            body=body,
            year=year,
            title_zh_hans=f"{body.name_zh_hans}{year}年政府信息公开工作年度报告",
            format=Report.Format.LEGACY,
            published_on=datetime.date(year + 1, 1, 20),
            status=Report.Status.PUBLISHED,
        )
        for body in bodies
        for year in YEARS
    )
    revisions = [published_copy(seed, report, traditional(report.title_zh_hans)) for report in reports]
    Revision.objects.bulk_create(revisions, batch_size=200)
    public_windows.refresh([revision.report_id for revision in revisions])  # bulk_create skips the workflow


def published_copy(seed, report, title_zh_hant):
    """An unsaved first revision of `report`, its document a copy of the revision `seed`'s under the report's
    body, year, date and title, published at 09:00 on its date."""
    doc = copy.deepcopy(seed.document)
    doc.update(year=report.year, published_on=report.published_on.isoformat())
    doc["body"] = {**doc["body"], "slug": report.body.slug}
    doc["body"]["name"] = {"zh-hans": report.body.name_zh_hans, "zh-hant": report.body.name_zh_hant, "en": ""}
    doc["title"] = {"zh-hans": report.title_zh_hans, "zh-hant": title_zh_hant, "en": ""}
    revision = Revision(
        report=report,
        number=1,
        body=report.body,
        year=report.year,
        published_on=report.published_on,
        published_at=timezone.make_aware(datetime.datetime.combine(report.published_on, datetime.time(9))),
        document=doc,
    )
    for lang in CODES:
        setattr(revision, document.field_name("title", lang), doc["title"][lang])
    return revision


def long_report(body, year, sections):
    report = Report.objects.create(
        body=body,
        year=year,
        title_zh_hans=f"{body.name_zh_hans}{year}年政府信息公开工作年度报告",
        format=Report.Format.LEGACY,
        published_on=datetime.date(year + 1, 1, 20),
    )
    Section.objects.bulk_create(
        Section(
            report=report,
            position=i,
            level=1 if i % 10 == 1 else 2,
            heading_zh_hans=f"第{i}部分",
            heading_zh_hant=traditional(f"第{i}部分"),
            body_zh_hans=TEXT.format(i),
            body_zh_hant=traditional(TEXT.format(i)),
        )
        for i in range(1, sections + 1)
    )
    workflow.publish(report)
    return report.get_absolute_url()


def run():
    with transaction.atomic():
        seed = Revision.objects.public().get(year=2016, body__slug="sports-bureau")
        column(seed)
        body = Body.objects.create(slug=QUERY_BODY, name_zh_hans="锦州市统计局")
        print("short", long_report(body, 2020, 5))
        print("long", long_report(body, 2021, 200))
