"""The 信息公开年报 column's filters (public/forms.py): a body with nothing public (an old link to a body whose
reports were withdrawn) lists every report with a plain notice in the reader's language; a bad value is a 400
with a plain message, never Django's raw "选择一个有效的选项"."""

import pytest

from tests import dom
from tests.factories import make_body, make_report, publish, withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    publish(make_report(title="锦州市体育局2016年政府信息公开工作年度报告"))
    withdrawn = make_body("education-bureau", "锦州市教育局")
    withdrawn.name_en = "Jinzhou Education Bureau"
    withdrawn.save()
    publish(make_report(withdrawn, year=2016, title="锦州市教育局2016年政府信息公开工作年度报告"))
    withdraw(withdrawn.reports.get())


@pytest.mark.parametrize(
    "prefix, notice",
    [
        ("", "锦州市教育局目前没有公开的年报，下面列出全部年报。"),
        ("/zh-hant", "錦州市教育局目前沒有公開的年報，下面列出全部年報。"),
        ("/en", "Jinzhou Education Bureau has no published reports at present. All reports are listed below."),
    ],
)
def test_a_body_whose_reports_were_withdrawn_lists_every_report_with_a_notice(client, site, prefix, notice):
    response = client.get(f"{prefix}/reports/", {"body": "education-bureau"})
    assert response.status_code == 200
    page = dom.parse(response)
    assert page.find("p", class_="notice").text == notice
    assert len(page.find_all("a", href=f"{prefix}/reports/2016/sports-bureau/")) == 1
    html = response.content.decode()
    assert "field-error" not in html and "有效的选项" not in html and "有效的選項" not in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"body": "no-such-body"}, "没有找到这个发布机构，请从列表中选择发布机构。"),
        ({"year": "3000"}, "这个年度没有公开的年报，请从列表中选择年度。"),
    ],
)
def test_a_value_not_published_is_a_400_with_a_plain_message(client, site, query, message):
    response = client.get("/reports/", query)
    assert response.status_code == 400
    assert dom.parse(response).find("p", class_="field-error").text == message
    english = client.get("/en/reports/", query).content.decode()
    assert "Please choose" in english and "有效的选项" not in english


@pytest.mark.parametrize("value", ["b", "zz", ""])
def test_the_quick_select_writes_what_django_s_select_does(value):
    from django import forms

    from disclosure.public.forms import QuickSelect

    choices = [("", "全部"), ("a", "A<&>"), ("沈阳市", [("b", "B"), ("c", "C")])]

    class Both(forms.Form):
        django = forms.ChoiceField(choices=choices, required=False)
        quick = forms.ChoiceField(choices=choices, required=False, widget=QuickSelect)

    form = Both({"django": value, "quick": value})
    form.is_valid()

    def shape(name):
        select = dom.parse(str(form[name])).find("select")
        options = [
            (o.get("value"), o.text, o.get("selected"), o.parent.get("label")) for o in select.find_all("option")
        ]
        return {key: text.replace(name, "") for key, text in select.attrs.items()}, options

    assert shape("quick") == shape("django")
