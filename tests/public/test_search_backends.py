"""站内搜索 in the database (search_backends.py): on the demo, the same hits on SQLite and PostgreSQL (this module
runs in both passes of `make test`), and the same as search.py's rules in Python; one- and two-character terms;
only public revisions."""

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import translation

from disclosure.models import Revision, SearchIndex
from disclosure.public import search, search_backends
from tests.commands import run
from tests.conftest import made_once_per_module

pytestmark = pytest.mark.django_db


@made_once_per_module
def demo():
    with override_settings(DEBUG=False):
        run("load_demo")


def found(query, lang):
    """(year, body slug) of each hit, best first, as the database gives them."""
    terms = search.parse(query)[0]
    with translation.override(lang):
        return [(row.revision.year, row.revision.body.slug) for row in search_backends.matching(terms, lang)]


def reference(query, lang):
    """The same, by search.py's rules in Python over every public revision (what the site did before)."""
    terms = search.parse(query)[0]
    reports = [
        search.index_report(r.pk, r.year, r.published_at, r.body.slug, r.document, lang)
        for r in Revision.objects.public().select_related("body")
    ]
    return [(r.year, r.url) for r in search.search(reports, terms)]


QUERIES = [
    ("行政复议", "zh-hans"),  # three characters and more: the trigram index on the text
    ("复议", "zh-hans"),  # two: the bigram words
    ("诉", "zh-hans"),  # one
    ("行政复议 主动公开", "zh-hans"),
    ("依申請公開", "zh-hans"),  # Traditional typed on the Simplified site
    ("依申请公开", "zh-hant"),
    ("information disclosure", "en"),
    ("Annual REPORT", "en"),
    ("量子计算机", "zh-hans"),
]


# Both ways of reading the hits (search_backends.Matches): through the indexes when few reports match, by walking
# the revisions in order when more than SEARCH_RESULTS_LIMIT do (a limit of 1 makes every query so).
WAYS = [pytest.param(1000, id="indexes"), pytest.param(1, id="walk")]


@pytest.mark.parametrize("limit", WAYS)
@pytest.mark.parametrize(("query", "lang"), QUERIES)
def test_the_database_finds_what_the_rules_in_python_find(demo, query, lang, limit, settings):
    settings.SEARCH_RESULTS_LIMIT = limit
    assert found(query, lang) == reference(query, lang)


SPORTS, EDUCATION, CITY = "sports-bureau", "education-bureau", "municipal-government"


@pytest.mark.parametrize(
    ("query", "lang", "hits"),
    [
        # Title hits first (every term, then some), newer years first within each.
        (
            "体育",
            "zh-hans",
            [
                (2024, SPORTS),
                (2023, SPORTS),
                (2018, SPORTS),
                (2017, SPORTS),
                (2016, SPORTS),
                (2015, SPORTS),
                (2018, CITY),
            ],
        ),
        (
            "教育局",
            "zh-hant",
            [(2024, EDUCATION), (2023, EDUCATION), (2017, EDUCATION), (2016, EDUCATION), (2018, SPORTS)],
        ),
        (
            "年度报告 教育",
            "zh-hans",
            [
                (2024, EDUCATION),
                (2023, EDUCATION),
                (2017, EDUCATION),
                (2016, EDUCATION),
                (2018, CITY),
                (2018, SPORTS),
                (2017, CITY),
            ],
        ),
        ("涉密", "zh-hans", [(2017, CITY)]),
        ("撤", "zh-hans", [(2024, SPORTS)]),
        (
            "sports",
            "en",
            [(2024, SPORTS), (2023, SPORTS), (2016, SPORTS), (2018, SPORTS), (2017, SPORTS), (2015, SPORTS)],
        ),
        ("FEE", "en", [(2024, SPORTS), (2023, SPORTS)]),
        ("量子计算机", "zh-hans", []),
    ],
)
def test_the_demo_hits_are_these_on_both_databases(demo, query, lang, hits):
    assert found(query, lang) == hits


def test_reindex_search_writes_the_missing_rows_once(demo):
    count = SearchIndex.objects.count()
    SearchIndex.objects.filter(lang="en").delete()
    out, _ = run("reindex_search")
    assert SearchIndex.objects.count() == count
    assert out.strip() == f"已为{count // 3}个版本建立检索索引。"
    assert run("reindex_search")[0].strip() == "已为0个版本建立检索索引。"
    run("reindex_search", "--all")
    assert SearchIndex.objects.count() == count
    assert found("涉密", "zh-hans") == [(2017, CITY)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's trigram indexes")
@pytest.mark.parametrize(("term", "index"), [("行政复议", "everything"), ("复议", "bigrams"), ("撤", "bigrams")])
def test_postgresql_answers_every_term_from_a_trigram_index(demo, term, index):
    rows = SearchIndex.objects.filter(search_backends.holds(term))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a demo's few rows would be read through otherwise
        plan = rows.explain()
    assert f"search_index_{index}_trgm" in plan


# Hits in the first and second tiers (教育局 公开), the second and third (体育 复议), one tier, one term.
@pytest.mark.parametrize("limit", WAYS)
@pytest.mark.parametrize(("query", "lang"), [("教育局 公开", "zh-hans"), ("体育 复议", "zh-hans"), ("复议", "zh-hans")])
def test_every_slice_of_the_hits_is_that_slice_of_the_whole_order(demo, query, lang, limit, settings):
    settings.SEARCH_RESULTS_LIMIT = limit
    # The rows are read a tier at a time: a page that starts or ends inside any tier, or spans two, is the same
    # slice of the order as a whole.
    terms = search.parse(query)[0]
    with translation.override(lang):
        whole = [row.pk for row in search_backends.matching(terms, lang)]
        assert len(whole) >= 3
        for start in range(len(whole) + 1):
            for size in (1, 2, 3):
                page = search_backends.matching(terms, lang)[start : start + size]
                assert [row.pk for row in page] == whole[start : start + size], (start, size)
        assert search_backends.matching(terms, lang).count_up_to(2) == min(len(whole), 3)
        # Past the limit the last tier at least is walked (strpos/instr); within it, none is.
        queries = [str(tier.query).upper() for tier, _walked in search_backends.matching(terms, lang).tiers()]
        assert any("STRPOS" in sql or "INSTR" in sql for sql in queries) == (limit == 1)
