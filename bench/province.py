"""A province on one portal, for `make bench-scale`: 5,000 reporting bodies under 115 governments (the
province, 14 cities, 100 counties), each publishing the standard-format report for 8 years, 40,000 reports.

Each report is a copy of the demo's 2024 report of 锦州市体育局 under its own body, year and title, written in
bulk (the benchmark measures reading 40,000 reports, not publishing them), then given what the workflow
derives for a publication through the workflow's own code: its public window (public_windows.refresh) and its
search rows (search_indexing.index_revisions, in one process per core: 40,000 × 3 languages of passages).
Rendered bodies are left to the first request, as after a real publication.

Run inside Django: `manage.py shell -c "import bench.province as p; p.grow(1000)"`; `grow(n)` adds reports
until there are n, government by government (so 1,000 reports are 125 bodies' 8 years), and can be called
again with a larger n.
"""

import contextlib
import datetime
import importlib
import multiprocessing
import os

from django.db import connections, transaction

from bench import seed as seed_module
from disclosure.models import Body, Report, Revision, SearchIndex, public_windows
from disclosure.public import search_indexing

search_index_migration = importlib.import_module("disclosure.migrations.0022_search_index")

YEARS = range(2017, 2025)
SEED = {"year": 2024, "body__slug": "sports-bureau"}
BATCH = 2000  # reports per transaction
SLUG = "p{:04d}"  # the province's bodies, apart from the demo's
CITIES = [
    "沈阳",
    "大连",
    "鞍山",
    "抚顺",
    "本溪",
    "丹东",
    "锦州",
    "营口",
    "阜新",
    "辽阳",
    "盘锦",
    "铁岭",
    "朝阳",
    "葫芦岛",
]
DEPARTMENTS = [
    "发展和改革委员会",
    "教育局",
    "科学技术局",
    "工业和信息化局",
    "民族宗教事务局",
    "公安局",
    "民政局",
    "司法局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "水利局",
    "农业农村局",
    "商务局",
    "文化旅游和广播电视局",
    "卫生健康委员会",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业和草原局",
    "体育局",
    "信访局",
    "机关事务服务中心",
    "营商环境建设局",
    "城市管理综合行政执法局",
    "粮食和物资储备局",
    "地方金融监督管理局",
    "人民防空办公室",
    "外事办公室",
    "国有资产监督管理委员会",
    "乡村振兴局",
    "数据局",
    "档案馆",
    "公共资源交易中心",
    "气象局",
    "税务局",
]


def governments():
    """(name, parent index or None) of the province, its 14 cities and 100 counties, in order."""
    names = [("辽宁省人民政府", None)]
    names += [(f"{city}市人民政府", 0) for city in CITIES]
    names += [(f"{CITIES[n % 14]}市第{n // 14 + 1}县人民政府", 1 + n % 14) for n in range(100)]
    return names


def plan(total_bodies=5000):
    """(name, kind, parent index) of every body, governments first, then each government's departments."""
    rows = [(name, Body.Kind.GOVERNMENT, parent) for name, parent in governments()]
    per_government = -(-(total_bodies - len(rows)) // len(rows))
    for index, (government, _parent) in enumerate(governments()):
        place = government.removesuffix("人民政府")
        for department in range(per_government):
            if len(rows) >= total_bodies:
                break
            suffix = DEPARTMENTS[department % len(DEPARTMENTS)]
            extra = f"第{department // len(DEPARTMENTS) + 1}" if department >= len(DEPARTMENTS) else ""
            rows.append((f"{place}{extra}{suffix}", Body.Kind.DEPARTMENT, index))
    return rows


def _bodies(count):
    """The first `count` bodies of the plan, made where missing; in plan order."""
    wanted = plan()[:count]
    existing = {b.slug: b for b in Body.objects.filter(slug__startswith="p").filter(slug__regex=r"^p\d{4}$")}
    made = []
    for number, (name, kind, parent) in enumerate(wanted):
        slug = SLUG.format(number)
        if slug in existing:
            made.append(existing[slug])
            continue
        body = Body(
            slug=slug,
            name_zh_hans=name,
            name_zh_hant=seed_module.traditional(name),
            kind=kind,
            parent=made[parent] if parent is not None else None,
            position=number,
        )
        body.save()  # one by one: a department's parent is a body made a moment before
        made.append(body)
    return made


def grow(total):
    """Add province reports until there are `total`; print the count."""
    seed = Revision.objects.public().get(**SEED)
    have = set(Report.objects.filter(body__slug__regex=r"^p\d{4}$").values_list("body__slug", "year"))
    bodies = _bodies(-(-total // len(YEARS)))
    wanted = [(body, year) for body in bodies for year in YEARS if (body.slug, year) not in have]
    wanted = wanted[: max(0, total - len(have))]
    with _bulk_load() if wanted else contextlib.nullcontext():
        for start in range(0, len(wanted), BATCH):
            with transaction.atomic():
                revisions = _publish(seed, wanted[start : start + BATCH])
                public_windows.refresh([revision.report_id for revision in revisions])
            _index(revisions)
            print(f"  {len(have) + start + len(revisions):,} reports", flush=True)
    print(Report.objects.filter(body__slug__regex=r"^p\d{4}$").count())


@contextlib.contextmanager
def _bulk_load():
    """On PostgreSQL, the search table's trigram indexes are built once after the load rather than row by row
    (as any bulk load does: maintaining a GIN index per insert costs many times more), and parameters are
    bound by the server (psycopg's client-side quoting of the inserts' arrays of long texts is slow)."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        yield
        return
    connection.close()
    connection.settings_dict["OPTIONS"]["server_side_binding"] = True
    with connection.cursor() as cursor:
        for statement in search_index_migration.POSTGRESQL_REVERSE:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for statement in search_index_migration.POSTGRESQL:
                cursor.execute(statement)
            cursor.execute("ANALYZE")


def _publish(seed, pairs):
    reports = Report.objects.bulk_create(
        Report(
            body=body,
            year=year,
            title_zh_hans=f"{body.name_zh_hans}{year}年政府信息公开工作年度报告",
            title_zh_hant=seed_module.traditional(f"{body.name_zh_hans}{year}年政府信息公开工作年度报告"),
            format=Report.Format.STANDARD_2021,
            published_on=datetime.date(year + 1, 1, 20),
            status=Report.Status.PUBLISHED,
        )
        for body, year in pairs
    )
    revisions = [seed_module.published_copy(seed, report, report.title_zh_hant) for report in reports]
    return Revision.objects.bulk_create(revisions, batch_size=500)


def _entries(revisions):
    """search_indexing.entry's fields for each revision and language (in a worker process)."""
    rows = []
    for revision in revisions:
        for entry in search_indexing.entries(revision):
            rows.append((revision.pk, entry.lang, entry.title, entry.everything, entry.bigrams, entry.passages))
    return rows


def _index(revisions):
    """The search rows of `revisions`, computed by one process per core, written here."""
    connections.close_all()  # the workers are forked: none may share this process's connection
    workers = os.cpu_count() or 1
    chunks = [revisions[n::workers] for n in range(workers)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_entries, chunks)
    rows = [
        SearchIndex(revision_id=pk, lang=lang, title=title, everything=everything, bigrams=bigrams, passages=passages)
        for result in results
        for pk, lang, title, everything, bigrams, passages in result
    ]
    SearchIndex.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
