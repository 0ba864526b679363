"""Cost of 站内搜索 over 1,000 published reports (`.venv/bin/python bench/search.py`).

Each report is a copy of the demo's full 2024 report of 锦州市体育局 (about 22,000 characters of JSON,
three languages, Traditional derived), published once through the workflow and then copied under 50
bodies × 20 years, and indexed for search by the code the workflow uses (search_indexing.index_revisions).
Requests go through the whole Django stack in-process; the database matches (search_backends.py), so the
first search in a language costs what the others do.
"""

import copy
import datetime
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import inprocess  # noqa: E402

REPORTS = int(os.environ.get("BENCH_REPORTS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
QUERIES = {
    "common term, every report (zh-hans)": "/search/?q=政府信息公开",
    "two terms (zh-hans)": "/search/?q=行政复议 主动公开",
    "rare term, 1 report (zh-hans)": "/search/?q=编号0777号",
    "Simplified query on zh-hant": "/zh-hant/search/?q=依申请公开",
    "English (en)": "/en/search/?q=information disclosure",
    "no match (zh-hans)": "/search/?q=量子计算机",
}


def build(count):
    from django.utils import timezone

    from disclosure.models import Body, Report, Revision, public_windows
    from disclosure.public.search_indexing import index_revisions
    from disclosure.publishing import workflow
    from disclosure.publishing.interchange import load

    source = Path(__file__).resolve().parent.parent / "disclosure" / "demo" / "documents" / "sports-bureau-2024.json"

    report = load(json.loads(source.read_text(encoding="utf-8")))[0]
    template = workflow.publish(report).document
    bodies = Body.objects.bulk_create(
        [Body(slug=f"body-{i:02d}", name=f"锦州市第{i}局", name_zh_hans=f"锦州市第{i}局") for i in range(count // 20)]
    )
    reports, revisions, now = [], [], timezone.now()
    for index in range(count):
        body, year = bodies[index % len(bodies)], 2005 + index // len(bodies)
        reports.append(Report(body=body, year=year, title=f"{body.name}{year}年政府信息公开工作年度报告"))
    Report.objects.bulk_create(reports)
    for index, copy_of in enumerate(reports):
        document = copy.deepcopy(template)
        document["year"], document["title"] = copy_of.year, {"zh-hans": copy_of.title, "zh-hant": copy_of.title}
        document["preamble"]["zh-hans"] += f"（编号{index:04d}号）"
        revisions.append(
            Revision(
                report=copy_of,
                number=1,
                body=copy_of.body,
                year=copy_of.year,
                title=copy_of.title,
                published_on=datetime.date(copy_of.year + 1, 1, 20),
                published_at=now - datetime.timedelta(days=index),
                document=document,
            )
        )
    Revision.objects.bulk_create(revisions, batch_size=100)
    public_windows.refresh([report.pk for report in reports])  # bulk_create bypasses the workflow's writing
    index_revisions(Revision.objects.filter(report__in=reports).iterator(chunk_size=100))  # and the search rows


def main():
    client = inprocess.start()
    from disclosure.public import search, search_backends

    build(REPORTS)
    print(f"站内搜索 over {REPORTS} published reports, whole request, {ROUNDS} rounds")
    for prefix in ("", "/zh-hant", "/en"):
        start = time.perf_counter()
        response = client.get(f"{prefix}/search/?q=年度报告")
        assert response.status_code == 200
        print(f"first search in {prefix or '/'}: {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"{'query':<40}{'median ms':>10}{'p90 ms':>9}  hits")
    for name, url in QUERIES.items():
        timings = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
        hits = re.search(r'role="status">\D*(\d+)', response.content.decode()).group(1)
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{name:<40}{statistics.median(timings) * 1000:>10.1f}{p90 * 1000:>9.1f}  {hits}")
    terms = search.parse("行政复议 主动公开")[0]
    start = time.perf_counter()
    for _ in range(ROUNDS):
        search_backends.hits(search_backends.matching(terms, "zh-hans")[:10], terms)
    print(f"search_backends alone, first page: {(time.perf_counter() - start) / ROUNDS * 1000:.1f} ms")


if __name__ == "__main__":
    main()
