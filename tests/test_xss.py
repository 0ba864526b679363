"""Every way text gets in (the admin's forms in every language, the importer, load_report, the feedback
form, even a failed sign-in's user name) is filled with the payloads of tests/xss.py; every public page
and every admin page that shows the text must keep them inert, checked with an HTML parser."""

import copy
import itertools
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from disclosure.models import Body, Feedback, Report, SiteSettings
from disclosure.publishing.interchange import load
from disclosure.reports.legacy_import import import_report
from tests import dom, xss
from tests.crawl import Crawl
from tests.factories import SEED, add_items, make_body, make_report, publish

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = re.compile(r"(_zh_hans|_en)$")


def fill(data, names, payloads, limits):
    """Give each field in `names` the next payload that fits its maxlength."""
    for name in names:
        limit = limits.get(name, 10_000)
        payload = next(p for p in payloads if len(p) <= limit)
        data[name] = payload
    return data


def admin_form(client, url, form_id, extra=()):
    """GET an admin form, fill every translatable text field (and `extra`) with payloads, POST it back."""
    form = dom.parse(client.get(url)).find("form", id=form_id)
    data = dom.form_data(form)
    limits = {e.get("name"): int(e.get("maxlength")) for e in form.find_all("input") if e.get("maxlength")}
    names = [n for n in data if (TRANSLATED.search(n) or n in extra) and "__prefix__" not in n]
    assert names, f"no text field on {url}"
    fill(data, names, itertools.cycle(xss.PAYLOADS), limits)
    data.pop("_addanother", None), data.pop("_continue", None)
    response = client.post(url, data)
    assert response.status_code == 302, (url, [e.text for e in dom.parse(response).find_all(class_="errorlist")])
    return names


def payload_text(doc):
    """A disclosure-report/1 document with a payload added to every text in every language."""
    payloads = itertools.cycle(xss.PAYLOADS)

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("zh-hans", "en") and isinstance(item, str):
                    value[key] = item + next(payloads)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    doc = copy.deepcopy(doc)
    for key in ("title", "source", "preamble", "sections", "rectifications", "plans"):
        walk(doc.get(key))
    return doc


@pytest.fixture
def filled(client, chief):
    """Payloads in every input; returns the admin pages that show them."""
    client.force_login(chief)
    body = make_body("sports-bureau", "锦州市体育局")
    report = make_report(body, year=2016)
    add_items(report, problems=("问题一", "问题二"), plans=("计划一",))
    admin_form(client, f"/admin/disclosure/report/{report.pk}/change/", "report_form")

    english = f"/admin/disclosure/report/{report.pk}/english/"
    form = next(f for f in dom.parse(client.get(english)).find_all("form") if f.find_all("textarea"))
    data = dom.form_data(form)
    keys = [t.get("name") for t in form.find_all("textarea")] + [
        i.get("name") for i in form.find_all("input", type="text")
    ]
    assert keys
    assert client.post(english, fill(data, keys, itertools.cycle(reversed(xss.PAYLOADS)), {})).status_code == 302

    admin_form(client, f"/admin/disclosure/body/{body.pk}/change/", "body_form")
    page_data = {"slug": "about", "title_zh_hans": xss.PAYLOADS[2], "body_zh_hans": "\n\n".join(xss.PAYLOADS)}
    page_data.update(title_en=xss.PAYLOADS[7], body_en="\n\n".join(reversed(xss.PAYLOADS)))
    assert client.post("/admin/disclosure/page/add/", page_data).status_code == 302
    SiteSettings.load()
    admin_form(
        client, "/admin/disclosure/sitesettings/1/change/", "sitesettings_form", extra=("phone", "icp", "police_record")
    )
    for payload in xss.PAYLOADS[:3]:
        short = payload[:50]
        glossary = {"simplified": f"第1节{short}"[:50], "traditional": short, "note": payload}
        assert client.post("/admin/disclosure/glossaryentry/add/", glossary).status_code == 302
    publish(Report.objects.get(pk=report.pk))
    # A correction's change note (修订记录 on the public page), typed on the publish form.
    report.refresh_from_db()
    report.preamble_zh_hans += "更正"
    report.save()
    transition = f"/admin/disclosure/report/{report.pk}/transition/"
    for name, comment in (("submit", ""), ("approve", ""), ("publish", xss.PAYLOADS[5])):
        Report.objects.filter(pk=report.pk).update(submitted_by=None)  # the superuser plays every role
        assert client.post(transition + name + "/", {"comment": comment}).status_code == 302, name

    # A legacy text through the importer, headings and paragraphs carrying payloads.
    payloads = itertools.cycle(xss.PAYLOADS)
    lines = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if re.match(r"\s*[一二三四五六七八九十]+、", line):
            line = line.rstrip() + next(payloads)
            lines += [line, "", "  " + next(payloads) + "。"]
        else:
            lines.append(line)
    imported, _warnings = import_report("\n".join(lines), make_body("education-bureau", "锦州市教育局"), 2016)
    publish(imported)
    # Withdrawn with a public reason, typed on the withdraw form: its address shows the reason (410).
    withdraw = {"comment": xss.PAYLOADS[3]}
    assert client.post(f"/admin/disclosure/report/{imported.pk}/transition/withdraw/", withdraw).status_code == 302

    # A disclosure-report/1 document through load_report's loader.
    doc = json.loads((ROOT / "disclosure/demo/documents/sports-bureau-2023.json").read_text(encoding="utf-8"))
    loaded, _findings = load(payload_text(doc))
    publish(loaded)

    # The public: the feedback form, and a user name typed on the sign-in page.
    client.logout()
    for index, payload in enumerate(xss.PAYLOADS):
        response = client.post(
            f"/feedback/?from={payload}",
            {"name": payload[:50], "contact": "reader@example.com", "subject": payload[:100], "message": payload},
            REMOTE_ADDR=f"192.0.2.{index}",
        )
        assert response.status_code == 302, payload
    client.post("/admin/login/", {"username": xss.PAYLOADS[0], "password": "x"}, REMOTE_ADDR="192.0.2.200")
    feedback = Feedback.objects.first()
    return [
        "/admin/disclosure/report/",
        f"/admin/disclosure/report/{report.pk}/change/",
        f"/admin/disclosure/report/{report.pk}/history/",
        english,
        f"/admin/disclosure/report/{report.pk}/transition/withdraw/",
        f"/admin/disclosure/report/{imported.pk}/history/",
        f"/admin/disclosure/report/{imported.pk}/change/",
        f"/admin/disclosure/report/{loaded.pk}/change/",
        f"/admin/disclosure/report/{loaded.pk}/history/",
        "/admin/disclosure/body/",
        "/admin/disclosure/page/",
        "/admin/disclosure/glossaryentry/",
        "/admin/disclosure/revision/",
        "/admin/disclosure/feedback/",
        f"/admin/disclosure/feedback/{feedback.pk}/change/",
        "/admin/disclosure/accessevent/",
        "/admin/admin/logentry/",
        "/admin/deadlines/",
        f"/reports/preview/{report.pk}/",
        "/feedback/thanks/",
    ]


def test_every_payload_stays_inert_on_every_public_and_admin_page(client, chief, filled):
    assert Body.objects.get(slug="sports-bureau").name_zh_hans in xss.PAYLOADS
    shown = []
    withdrawn = ["/reports/2016/education-bureau/", "/en/reports/2016/education-bureau/"]
    public = Crawl(client).run(withdrawn)
    assert public.pages[withdrawn[0]].status == 410
    assert xss.PAYLOADS[3] in xss.text_of(public.pages[withdrawn[0]].text)  # the withdrawal reason, as text
    assert xss.PAYLOADS[5] in xss.text_of(public.pages["/reports/2016/sports-bureau/"].text)  # the change note
    pages = {url: page.text for url, page in public.pages.items() if "html" in page.content_type}
    assert len(pages) > 30
    client.force_login(chief)
    for url in filled:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    for url, html in pages.items():
        assert xss.problems(html) == [], url
        assert settings.SECRET_KEY not in html, url
        shown.append(xss.text_of(html))
    # Not vacuous: each payload reached some page, and shows there as the text that was typed.
    seen = " ".join(shown)
    for payload in xss.PAYLOADS:
        assert " ".join(payload.split()) in seen, payload


def test_the_check_finds_what_a_payload_would_do_unescaped():
    assert xss.problems(f"<p>{xss.PAYLOADS[2]}</p>") != []
    assert xss.problems(f'<a href="{xss.PAYLOADS[6][9:]}">x</a>') != []
    assert xss.problems(f'<input value="{xss.PAYLOADS[7][2:]}') != []
    assert xss.problems('<p>&lt;script&gt;xssprobe()&lt;/script&gt;</p><input value="&lt;b&gt;xssprobe">') == []


def test_links_and_web_addresses_refuse_javascript_urls(client, chief):
    client.force_login(chief)
    response = client.post(
        "/admin/disclosure/link/add/", {"label_zh_hans": "链接", "url": "javascript:xssprobe()", "position": 1}
    )
    assert response.status_code == 200 and dom.parse(response).find_all(class_="errorlist")


REFLECTED = [
    "/feedback/?subject={p}&from={p}",
    "/reports/?year={p}&body={p}&page={p}",
    "/reports/deadlines/?year={p}",
    "/search/?q={p}",
    "/opendata/?q={p}",
    "/sitemap/?q={p}",
    "/no/such/page/?q={p}",
]


@pytest.mark.parametrize("template", REFLECTED)
def test_what_a_visitor_puts_in_the_address_comes_back_inert(client, template):
    from urllib.parse import quote

    for payload in xss.PAYLOADS:
        for prefix in ("", "/en"):
            response = client.get(prefix + template.format(p=quote(payload)))
            assert xss.problems(response.content.decode()) == [], (template, payload)


@pytest.mark.parametrize(
    "target", ["javascript:xssprobe()", "//evil.example/", "https://evil.example/", "/\\evil.example", " javascript:x"]
)
def test_preference_links_only_send_the_visitor_back_to_this_site(client, target):
    response = client.get("/preferences/", {"a11y": "on", "next": target})
    assert response.status_code in (302, 303)
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
