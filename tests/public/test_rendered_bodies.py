"""A published report's body rendered once per revision and language (public/rendered_bodies.py): every demo
report's page, in every language and with the reader's preferences set, is byte for byte the page rendered whole
from the document (what the site served before); the row is read back, rendered again for another version or CSV
address, and never made for the working copy's preview."""

from types import SimpleNamespace

import pytest
from django.test import override_settings

from disclosure.languages.declared import CODES
from disclosure.models import RenderedBody, Revision
from disclosure.public import rendered_bodies, report_page, trends, views
from tests.commands import run
from tests.conftest import made_once_per_module

pytestmark = pytest.mark.django_db
PREFIX = {"zh-hans": "", "zh-hant": "/zh-hant", "en": "/en"}
READERS = ({}, {"pref_a11y": "on", "pref_textonly": "on", "pref_size": "large", "pref_scheme": "yellow-on-black"})


@made_once_per_module
def demo():
    with override_settings(DEBUG=False):
        run("load_demo")
    return list(Revision.objects.public().select_related("body").order_by("year", "body__slug"))


def url(revision, lang):
    return f"{PREFIX[lang]}/reports/{revision.year}/{revision.body.slug}/"


def whole(client, address, monkeypatch):
    """The page as the site rendered it before: the whole report view in the context, no stored body, so that
    report.html includes report_body.html and draws it from the view."""
    with monkeypatch.context() as patch:
        before = SimpleNamespace(
            heading=report_page.report_view,
            history=report_page.history,
            without_document=lambda revisions: revisions,
            heading_document=report_page.heading_document,
        )
        patch.setattr(views, "report_page", before)
        # No stored body (report.html then includes report_body.html), and the year-over-year section drawn
        # afresh against last year's revision looked up now.
        patch.setattr(
            rendered_bodies,
            "parts",
            lambda revision, lang, csv_url: ("", rendered_bodies.render_trend(revision, trends.previous_pk(revision))),
        )
        return client.get(address).content


def test_language_prefixes_are_all_the_languages():
    assert set(PREFIX) == set(CODES)


@pytest.mark.parametrize("cookies", READERS)
def test_every_demo_page_is_byte_identical_to_the_page_rendered_whole(client, demo, monkeypatch, cookies):
    client.cookies.load(cookies)
    # With the reader's preferences, a report of each format (the seed's legacy text; the 2021 format with its
    # tables) stands for the rest: the preferences change the page around the body, never the body.
    sample = [r for r in demo if r.body.slug == "sports-bureau" and r.year in (2016, 2024)] if cookies else demo
    assert len(sample) in (2, len(demo))
    for revision in sample:
        for lang in PREFIX:
            address = url(revision, lang)
            expected = whole(client, address, monkeypatch)
            first, again = client.get(address).content, client.get(address).content  # stored, then read back
            assert first == expected, address
            assert again == expected, address
    assert RenderedBody.objects.count() == len(sample) * len(PREFIX)


def test_the_stored_body_is_what_the_page_serves(client, demo):
    revision = demo[-1]
    client.get(url(revision, "en"))
    RenderedBody.objects.filter(revision=revision, lang="en").update(html="<p>stored body</p>")
    assert "<p>stored body</p>" in client.get(url(revision, "en")).content.decode()
    assert "<p>stored body</p>" not in client.get(url(revision, "zh-hant")).content.decode()


def test_another_version_or_csv_address_is_rendered_again(client, demo, monkeypatch):
    revision = next(r for r in demo if r.document.get("tables"))
    address = url(revision, "zh-hans")
    expected = client.get(address).content
    RenderedBody.objects.filter(revision=revision).update(html="<p>old</p>", version=rendered_bodies.version() - 1)
    assert client.get(address).content == expected
    RenderedBody.objects.filter(revision=revision).update(html="<p>old</p>", tables_csv_url="/elsewhere.csv")
    assert client.get(address).content == expected
    row = RenderedBody.objects.get(revision=revision, lang="zh-hans")
    assert (row.version, row.tables_csv_url) == (rendered_bodies.version(), f"{address}tables.csv")
    assert RenderedBody.objects.filter(revision=revision).count() == 1


def test_the_preview_of_a_working_copy_is_never_stored(client, demo):
    from disclosure.publishing import workflow
    from tests.factories import make_staff

    revision = demo[0]
    client.force_login(make_staff("member", workflow.EDITOR, revision.body))
    response = client.get(f"/reports/preview/{revision.report_id}/")
    assert response.status_code == 200
    assert not RenderedBody.objects.exists()


def test_rows_go_with_their_revision(client, demo):
    revision = demo[0]
    client.get(url(revision, "zh-hans"))
    Revision.objects.filter(pk=revision.pk).delete()
    assert not RenderedBody.objects.exists()


def test_the_comparison_is_drawn_again_when_last_years_revision_is_another(client, demo):
    revision = next(r for r in demo if r.document.get("tables") and trends.for_revision(r))
    address = url(revision, "zh-hans")
    expected = client.get(address).content
    assert "主要数据与上年对比" in expected.decode()
    row = RenderedBody.objects.get(revision=revision, lang="zh-hans")
    assert row.trend_from == trends.previous_pk(revision) and "主要数据与上年对比" in row.trend_html
    # As after a correction of last year's report: the stored section names a revision that is not the current one.
    RenderedBody.objects.filter(pk=row.pk).update(trend_from=revision.pk, trend_html="<p>stale comparison</p>")
    assert client.get(address).content == expected
    row.refresh_from_db()
    assert row.trend_from == trends.previous_pk(revision) and "stale" not in row.trend_html
