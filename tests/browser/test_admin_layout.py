"""The back office at the sizes staff use it, 1366 px and a 390 px phone: the pages of the yearly cycle (工作台,
the report list, a report's change form, its 统计表, the approval page and the history) show no axe violation
and never scroll sideways; at 1366 px no page linked from the dashboard or the menu does either; the report
form's layout leaves room to write (issue 17, point 6)."""

import pytest

from .conftest import assert_none_found
from .test_axe import violations_on
from .test_reflow import horizontal_scroll

pytestmark = pytest.mark.browser

WIDTHS = {1366: 768, 390: 844}


@pytest.fixture
def submitted_report(site):
    """The demo's 2024 sports-bureau report (2021 format, three tables), edited and submitted by an editor
    of the bureau, with a sentence whose figure is not the table's (so that the approval page asks for a
    comment on a finding); and a member of its staff who both writes and reviews (not the submitter), who
    may therefore see every page below with its controls: the editable form and the approval page."""
    from django.contrib.auth.models import Group

    from disclosure.models import Report
    from disclosure.publishing import workflow
    from tests.factories import PASSWORD, make_staff

    report = Report.objects.get(year=2024, body__slug="sports-bureau")
    editor = make_staff("submitter", workflow.EDITOR, report.body)
    section = report.sections.order_by("position").first()
    section.body_zh_hans += "\n\n全年予以公开999件。"
    section.save()
    workflow.edited(report, editor, [])
    workflow.transition(report, editor, "submit")
    staff = make_staff("layout", workflow.EDITOR, report.body)
    staff.groups.add(Group.objects.get(name=workflow.REVIEWER))
    return report, staff.username, PASSWORD


def log_in(page, site, username, password):
    page.goto(site + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("input[type=submit]").click()
    assert page.url == site + "/admin/", f"{username} was not logged in: {page.url}"


def pages_of(report):
    base = f"/admin/disclosure/report/{report.pk}"
    return {
        "dashboard": "/admin/",
        "list": "/admin/disclosure/report/",
        "change": f"{base}/change/",
        "tables": f"{base}/tables/",
        "approve": f"{base}/transition/approve/",
        "history": f"{base}/history/",
    }


# What the change form's layout must give the writer, measured in the browser.
SECTIONS_SCRIPT = """() => {
    const rows = [...document.querySelectorAll('#sections-group tr.form-row:not(.empty-form)')];
    const body = rows[0].querySelector('textarea[name$="-body_zh_hans"]');
    const hant = rows[0].querySelector('td.field-heading_zh_hant p');
    const line = parseFloat(getComputedStyle(hant).lineHeight) || 20;
    const controls = rows.flatMap(row => [...row.querySelectorAll('input:not([type=hidden]), textarea, select')]);
    return {
        rows: rows.length,
        bodyRows: body.rows,
        bodyWidth: body.getBoundingClientRect().width,
        bodyResize: getComputedStyle(body).resize,
        hantLines: Math.round(hant.getBoundingClientRect().height / line),
        offScreen: controls.filter(c => c.getBoundingClientRect().right > innerWidth + 0.5).map(c => c.name),
        unlabelled: controls.filter(c => !c.labels.length).map(c => c.name),
    };
}"""
REGIONS_SCRIPT = """() => [...document.querySelectorAll('.stat-scroll')].map(region => ({
    table: region.querySelector('table').id,
    region: region.getAttribute('role') === 'region' && region.tabIndex === 0,
    label: document.getElementById(region.getAttribute('aria-labelledby'))?.textContent.trim(),
    fits: region.scrollWidth <= region.clientWidth,
}))"""


def check_change_form(page, width):
    """The section texts are tall boxes as wide as the form; the Traditional heading is not squeezed to a
    character a line; on a phone every control is on screen; every control has its label."""
    found = page.evaluate(SECTIONS_SCRIPT)
    assert found["rows"] >= 6 and found["bodyRows"] >= 12 and found["bodyResize"] == "vertical", found
    assert found["hantLines"] == 1, f"总体情况 in Traditional takes {found['hantLines']} lines at {width} px"
    assert found["bodyWidth"] >= (600 if width > 1000 else 300), found
    assert found["offScreen"] == [] and found["unlabelled"] == [], found


def check_tables(page, width):
    """Each table scrolls in its own focusable region named by its caption; at 1366 px all three fit."""
    regions = page.evaluate(REGIONS_SCRIPT)
    assert [r["table"] for r in regions] == ["entry-active", "entry-requests", "entry-appeals"], regions
    assert all(r["region"] and r["label"] for r in regions), regions
    if width > 1000:
        assert all(r["fits"] for r in regions), f"a table is cut off at {width} px: {regions}"


def check_list(page, width):
    """On a phone the titles keep a few characters a line (the list scrolls in its own box)."""
    title = page.locator("#result_list tbody th").first.bounding_box()
    assert title["width"] >= 120, f"the list's title column is {title['width']} px wide at {width} px"


def check_approval(page, width):
    """The finding on the sentence is there to be commented on (its markup is checked by axe with the rest)."""
    assert page.locator("textarea[name^='ack-']").count() >= 1, "the approval page shows no finding to comment on"


CHECKS = {"change": check_change_form, "tables": check_tables, "list": check_list, "approve": check_approval}


def test_admin_pages_fit_the_screen_and_have_no_axe_violations(make_context, site, submitted_report, artifacts):
    """Each page at each width, on one browser page signed in once and resized between widths (a browser and a
    report of its own per width cost seconds); every page's findings at both widths are reported together."""
    report, username, password = submitted_report
    page = make_context(width=1366, height=WIDTHS[1366]).new_page()
    log_in(page, site, username, password)

    def visit(width, name, path):
        page.set_viewport_size({"width": width, "height": WIDTHS[width]})
        response = page.goto(site + path)
        assert response.status == 200, f"{path} answered {response.status}"
        if name in CHECKS:
            CHECKS[name](page, width)
        if name in ("change", "tables", "approve"):
            page.screenshot(path=str(artifacts / "screenshots" / f"admin-layout-{name}-{width}.png"))

    visits = [lambda w=width, item=item: visit(w, *item) for width in WIDTHS for item in pages_of(report).items()]
    assert len(visits) == len(WIDTHS) * len(pages_of(report))
    assert_none_found(visits, lambda: "\n".join(filter(None, [violations_on(page), horizontal_scroll(page)])))
    page.set_viewport_size({"width": 1366, "height": WIDTHS[1366]})
    assert_no_admin_page_scrolls_sideways(page, site, skip=pages_of(report).values())


# Every admin page linked from the dashboard and the menu (lists, add forms, the queue's reports, the deadline
# overview...), as the staff member sees them; one of each path (the queue's 新建 links differ by query only).
LINKS_SCRIPT = """() => {
    const hrefs = [...document.querySelectorAll('#content-main a[href^="/admin/"], #nav-sidebar a')]
        .map(a => a.getAttribute('href')).filter(href => href.startsWith('/admin/') && !href.includes('logout'));
    const byPath = new Map();
    hrefs.forEach(href => byPath.has(href.split('?')[0]) || byPath.set(href.split('?')[0], href));
    return [...byPath.values()];
}"""


def assert_no_admin_page_scrolls_sideways(page, site, skip):
    page.goto(site + "/admin/")
    paths = [path for path in page.evaluate(LINKS_SCRIPT) if path not in skip]
    assert len(paths) >= 8, paths

    def visit(path):
        response = page.goto(site + path)
        assert response.status == 200, f"{path} answered {response.status}"

    assert_none_found([lambda path=path: visit(path) for path in paths], lambda: horizontal_scroll(page))
