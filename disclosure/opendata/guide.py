"""开放数据: the page that explains the API and the downloads to the people who will use them.

The parameters and fields listed here are those api.py accepts and document.py writes; the example
addresses are built from the request, so they work when copied from this page on any host.
"""

import json

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from disclosure.models import Revision
from disclosure.opendata import api
from disclosure.public.page_cache import public_page

PARAMETERS = [
    ("year", _("年度，四位数字，如2024。只列出该年度的报告。")),
    ("body", _("发布机构的网址标识（列表中的body.slug），如sports-bureau。只列出该机构的报告。")),
    ("page", _("页码，从1开始，默认为1。")),
    ("per_page", _("每页条数，1至100，默认为20。")),
]

ITEM_FIELDS = [
    ("year", _("报告年度。")),
    (
        "body",
        _("发布机构：slug为网址标识，name为各语言的名称，kind为department（政府部门）或government（本级人民政府）。"),
    ),
    ("title", _("各语言的报告标题。")),
    ("format", _("报告格式，见下文。")),
    ("published_on", _("发布日期（年-月-日）。")),
    ("revision", _("版本号：首次发布为1，每次更正加1。")),
    ("last_modified", _("本版本公开的时间（ISO 8601格式，含时区）。")),
    ("links", _("document为完整报告的接口地址，html为网页地址，docx和pdf为简体中文的Word和PDF下载地址。")),
]

DOCUMENT_FIELDS = [
    ("schema", _("格式名称，固定为disclosure-report/1。")),
    (
        "format",
        _(
            "报告格式：legacy为2019年以前的自由格式，没有统计表；2019为试行格式；2021为现行格式（国办公开办函〔2021〕30号）。"
        ),
    ),
    ("year", _("报告年度，即所报告的自然年。")),
    ("body", _("发布机构，内容与列表中的body相同。")),
    ("title", _("报告标题。")),
    ("published_on", _("发布日期（年-月-日）。")),
    ("source", _("来源，即署名的机关。")),
    ("preamble", _("导语，即正文前的说明文字。")),
    (
        "sections",
        _(
            "正文各部分，按顺序排列。每部分有heading（标题）、body（正文）和children（下一级部分）。编号（一、（一）1.）不写在标题中，由层级和顺序得出。"
        ),
    ),
    (
        "rectifications",
        _(
            "存在问题及整改情况：problem为问题，measure为整改措施，status为整改状态（planned计划整改、in_progress正在整改、done已完成整改），responsible为责任单位，due为完成时限。"
        ),
    ),
    ("plans", _("下一步工作计划：text为内容，responsible为责任单位，due为完成时限。")),
    (
        "tables",
        _(
            "统计表，2019年及以后的报告才有：active为表二（主动公开），requests为表三（收到和处理申请），appeals为表四（行政复议、行政诉讼）。"
        ),
    ),
]


ERROR_EXAMPLE = {
    "error": {
        "code": "invalid_parameter",
        "message": {
            "zh-hans": "参数year应为1900至9999之间的整数，而不是“2024年”。",
            "en": "The parameter year must be a whole number from 1900 to 9999, not '2024年'.",
        },
        "parameter": "year",
    }
}


def _pretty(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


@public_page  # a public page like the others: from the shared cache until something public changes
def page(request):
    example = api.listed(Revision.objects.public()).select_related("body").order_by("-year", "body__position").first()
    base = request.build_absolute_uri(reverse("api:reports"))
    context = {
        "list_url": base,
        "schema_url": request.build_absolute_uri(reverse("api:schema")),
        "example": example,
        "example_document_url": request.build_absolute_uri(
            reverse("api:report", args=[example.year, example.body.slug])
        )
        if example
        else request.build_absolute_uri(reverse("api:report", args=[2024, "sports-bureau"])),
        "example_year": example.year if example else 2024,
        "example_body": example.body.slug if example else "sports-bureau",
        "parameters": PARAMETERS,
        "item_fields": ITEM_FIELDS,
        "document_fields": DOCUMENT_FIELDS,
        "applications_statistics_url": reverse("disclosure:applications_statistics"),
        "applications_minimum": settings.APPLICATION_STATISTICS_MINIMUM,
        "overview_url": reverse("disclosure:overview_latest"),
        "max_per_page": api.MAX_PER_PAGE,
        "max_age": api.MAX_AGE // 60,
        "error_example": _pretty(ERROR_EXAMPLE),
        # A real entry of the list as the API gives it now, so the example never drifts from the API.
        "item_example": _pretty(api.items(request, [example])[0]) if example else "",
    }
    return render(request, "disclosure/opendata.html", context)
