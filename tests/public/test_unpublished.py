"""Nothing unpublished reaches the public: crawl the whole public site for marker strings.

Every report that is not public carries its own marker in every text it has (title, preamble, headings,
bodies, rectification and plan items, in Simplified and English; Traditional is derived from it):
a draft, a returned draft, one under review, one approved, one scheduled for later, an unpublished
correction of a public report (and the change note proposed for it), a correction scheduled for later, and the
text of a withdrawn report.
An anonymous visitor then crawls every page in every language, sitemap.xml, robots.txt and the extra
endpoints below; no marker may appear anywhere, while the public report's own marker must.

The same crawl looks for the demo register of applications (依申请公开, loaded into the site with a published
report whose tables 3 and 4 are counted from it): no applicant's name, identity number, phone, email or address,
no request and no tracking code may reach a page, the API, a feed, search or a download.
"""

import datetime
import json

import pytest
from django.utils import timezone

from disclosure.applications import origins
from disclosure.models import PlanItem, RectificationItem
from disclosure.publishing import workflow
from disclosure.tables import formats
from tests.applications.factories import demo_register, load_demo_register, private_values
from tests.crawl import LANGUAGE_PREFIXES, Crawl
from tests.factories import make_body, make_report, make_staff, publish, standard_tables, through_review

pytestmark = pytest.mark.django_db

PUBLIC = "PUBLICMARKERq7"


def mark(report, marker, title=True):
    """Put `marker` into every text of the working copy, as an editor typing in the admin would."""
    if title:
        report.title_zh_hans = f"{report.body.name_zh_hans}{report.year}年度年报{marker}"
        report.title_en = f"Annual report {report.year} {marker}"
    report.preamble_zh_hans = f"导语{marker}"
    report.preamble_en = f"Preamble {marker}"
    report.source_zh_hans = f"来源{marker}"
    report.save()
    for section in report.sections.all():
        section.heading_zh_hans = f"标题{marker}"
        section.body_zh_hans = f"正文{marker}。\n\n第二段{marker}。"
        section.body_en = f"Body {marker}."
        section.save()
    RectificationItem.objects.create(
        report=report, position=1, problem_zh_hans=f"问题{marker}", measure_zh_hans=f"措施{marker}"
    )
    PlanItem.objects.create(report=report, position=1, text_zh_hans=f"计划{marker}")
    return report


@pytest.fixture
def site():
    body = make_body("sports-bureau", "锦州市体育局")
    publisher = make_staff("publisher", workflow.PUBLISHER, body)
    reviewer = make_staff("reviewer", workflow.REVIEWER, body)
    later = timezone.now() + datetime.timedelta(days=3)
    reports, markers = [], {}

    def report(year, marker, title=True):
        item = mark(make_report(body, year=year), marker, title)
        reports.append(item)
        markers[marker] = item
        return item

    publish(report(2010, PUBLIC))

    report(2011, "DRAFTMARKERk2")

    returned = through_review(report(2012, "RETURNEDMARKERm3"))
    workflow.transition(returned, reviewer, "return", "退回意见RETURNCOMMENTMARKERw9")
    markers["RETURNCOMMENTMARKERw9"] = returned

    submitted = report(2013, "SUBMITTEDMARKERp4")
    workflow.transition(submitted, make_staff("editor", workflow.EDITOR, body), "submit")

    through_review(report(2014, "APPROVEDMARKERr5"))

    scheduled = through_review(report(2015, "SCHEDULEDMARKERt6"))
    workflow.transition(scheduled, publisher, "schedule", at=later)

    # A public report whose working copy has been corrected but not published again.
    corrected = make_report(body, year=2016)
    publish(corrected)
    reports.append(mark(corrected, "CORRECTIONMARKERv7"))
    markers["CORRECTIONMARKERv7"] = corrected
    # …with the change note its editor proposes for it, in Simplified and English.
    corrected.change_note_zh_hans, corrected.change_note_en = "更正说明PROPOSEDMARKERc3", "Note PROPOSEDENMARKERd4"
    corrected.save()
    markers["PROPOSEDMARKERc3"] = markers["PROPOSEDENMARKERd4"] = corrected
    workflow.edited(corrected, None, [])

    # A correction that has been through review and waits for its time, with its change note.
    pending = make_report(body, year=2017)
    publish(pending)
    reports.append(mark(pending, "PENDINGMARKERx8"))
    markers["PENDINGMARKERx8"] = pending
    workflow.edited(pending, None, [])
    workflow.transition(through_review(pending), publisher, "schedule", "更正说明NOTEMARKERy9", at=later)
    markers["NOTEMARKERy9"] = pending

    # Withdrawn: its address says so, with the title and the public reason, but no longer shows its text.
    withdrawn = report(2018, "WITHDRAWNMARKERz1", title=False)
    publish(withdrawn)
    workflow.transition(withdrawn, publisher, "withdraw", "内容有误，核实后重新发布。")

    # The demo register, and a public report whose tables 3 and 4 are counted from it.
    load_demo_register()
    counted = make_report(body, year=2024, format=formats.STANDARD_2021, levels=(1,) * 6, tables=standard_tables())
    origins.fill(counted, None)
    publish(counted)
    return reports, markers


def extra_urls(reports, markers):
    """Endpoints other branches add (API, feeds, search, CSV), and every report's own addresses."""
    urls = ["/api/v1/reports/", "/api/v1/reports/?format=json"]
    for prefix in LANGUAGE_PREFIXES:
        urls += [f"{prefix}/feeds/reports.rss", f"{prefix}/feeds/reports.atom", f"{prefix}/api/v1/reports/"]
        # The search page echoes its query: ask for the marker without its last two characters, so that only
        # a result (the whole marker, from the text) can show it.
        urls += [f"{prefix}/search/?q={marker[:-2]}" for marker in markers]
        for report in reports:
            where = f"{report.year}/{report.body.slug}"
            urls += [
                f"{prefix}/reports/{where}/",
                f"{prefix}/reports/{where}/tables.csv",
                f"{prefix}/reports/{where}/print/",
                f"{prefix}/reports/preview/{report.pk}/",
                f"/api/v1/reports/{where}/",
            ]
    # The register's public side: its statistics for every year it covers, and search for a few applicants and
    # requests (the first characters only, so that only a result could show the whole).
    for year in range(2023, 2027):
        urls += [f"/applications/statistics/sports-bureau/{year}/", f"/api/v1/applications/sports-bureau/{year}/"]
    for item in demo_register()["applications"][::15]:
        urls += [f"/search/?q={item['applicant']['name'][:2]}", f"/search/?q={item['request'][:4]}"]
    return list(dict.fromkeys(urls))


def test_no_unpublished_text_appears_anywhere_on_the_public_site(client, site):
    reports, markers = site
    crawl = Crawl(client).run(extra_urls(reports, markers))

    errors = [url for url, page in crawl.pages.items() if page.status >= 500]
    assert not errors, f"pages that failed: {errors}"
    for marker in markers:
        if marker == PUBLIC:
            continue
        assert crawl.containing(marker) == [], f"{marker} ({markers[marker]}) leaked"

    # The crawl did reach report text: the public report's marker is found, in every language.
    found = crawl.containing(PUBLIC)
    for prefix in LANGUAGE_PREFIXES:
        assert f"{prefix}/reports/2010/sports-bureau/" in found
    assert "/sitemap.xml" in crawl.pages and "/robots.txt" in crawl.pages
    # Where search exists, asking for part of a marker finds the public one: it would find a leaked one.
    search = crawl.pages.get(f"/search/?q={PUBLIC[:-2]}")
    if search is not None and search.status == 200:
        assert search.url in crawl.containing(PUBLIC)
    assert any(url.startswith("/reports/?") for url in crawl.pages)  # the column's filters and pages
    # The scheduled and withdrawn reports' addresses were asked for: 404 and 410, not their text.
    assert crawl.pages["/reports/2015/sports-bureau/"].status == 404
    assert crawl.pages["/reports/2018/sports-bureau/"].status == 410

    # Nothing of the register's applicants or requests, anywhere; the crawl did read the register's public side
    # (its statistics, and the counted report with its downloads).
    leaks = crawl.containing_any(private_values())
    assert leaks == {}, {private_values()[value]: urls for value, urls in leaks.items()}
    statistics = crawl.pages["/api/v1/applications/sports-bureau/2024/"]
    assert statistics.status == 200 and json.loads(statistics.text)["received"] == {"count": 45}
    assert crawl.pages["/applications/statistics/sports-bureau/2024/"].status == 200
    assert any(url.startswith("/reports/2024/sports-bureau/download.") for url in crawl.pages)


def test_the_crawl_would_see_a_leak(client, site):
    """The crawl is not blind: a marker that does reach a page is reported."""
    reports, markers = site
    draft = markers["DRAFTMARKERk2"]
    publish(draft)
    # The report's page and what it links to are enough: that the crawl reaches every report page is shown
    # by the public report's marker above.
    crawl = Crawl(client)
    for link in crawl.links(crawl.fetch("/reports/2011/sports-bureau/")):
        if link not in crawl.pages:
            crawl.fetch(link)
    leaks = crawl.containing("DRAFTMARKERk2")
    assert "/reports/2011/sports-bureau/" in leaks
    assert crawl.containing_any(["draftmarkerK2", "NOWHEREMARKER"]) == {"draftmarkerK2": leaks}  # as the register's
    # … in downloads too, where the text is zipped (Word) or laid out in glyphs (PDF).
    assert {url.rsplit(".", 1)[-1] for url in leaks if "/download." in url} >= {"docx", "pdf"}
