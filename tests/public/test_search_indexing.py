"""站内搜索's rows (search_indexing.py): written as a revision is made, found only while it is public."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from disclosure.languages.traditional import to_traditional
from disclosure.models import SearchIndex
from disclosure.public import search, search_backends
from disclosure.public.search_indexing import bigrams
from disclosure.publishing import workflow
from tests.factories import make_body, make_report, make_staff, publish


def test_bigrams_hold_every_character_and_pair_but_none_across_a_separator():
    title, body, found = search.passages(
        {"title": "AB，公开", "body": {"name": "局"}, "preamble": "", "sections": []}, "zh-hans"
    )
    assert bigrams((title, body)) == " a ab b 公 公开 局 开 "


@pytest.fixture(autouse=True)
def _db(db):
    pass


def hits(query, lang="zh-hans"):
    return [row.revision.title for row in search_backends.matching(search.parse(query)[0], lang)]


def test_publishing_writes_a_row_per_language_and_a_draft_has_none():
    body = make_body()
    make_report(body=body, year=2015, title="草稿中的年报")
    revision = publish(make_report(body=body, year=2016, title="公开的年报"))
    assert sorted(SearchIndex.objects.values_list("revision", "lang")) == [
        (revision.pk, "en"),
        (revision.pk, "zh-hans"),
        (revision.pk, "zh-hant"),
    ]
    row = SearchIndex.objects.get(revision=revision, lang="zh-hant")
    assert row.title == search.parse(to_traditional("公开的年报"))[0][0]
    assert hits("年报") == ["公开的年报"]


def test_a_scheduled_revision_is_found_from_its_time_on_not_before():
    at = timezone.now() + datetime.timedelta(days=3)
    publish(make_report(title="定时发布的年报"), at=at)
    assert SearchIndex.objects.count() == 3  # written when scheduled…
    assert hits("定时") == []  # …and not found before its time
    with mock.patch("django.utils.timezone.now", return_value=at + datetime.timedelta(seconds=1)):
        assert hits("定时") == ["定时发布的年报"]


def test_a_correction_replaces_the_hits_and_a_withdrawal_hides_them():
    report = make_report(title="原来的标题")
    publish(report)
    report.title_zh_hans = "更正后的标题"
    report.save()
    publish(report, note="更正标题。")
    assert hits("原来的标题") == [] and hits("更正后") == ["更正后的标题"]
    publisher = make_staff("publisher", workflow.PUBLISHER, report.body)
    workflow.transition(report, publisher, "withdraw", "数据有误。")
    assert hits("更正后") == [] and hits("标题") == []
