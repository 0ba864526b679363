"""下载: a published report as JSON, Word or PDF, in the reader's language.

The JSON is the API's document byte for byte (every language, the `disclosure-report/1` format), offered
as a file. Word and PDF are drawn from the same published revision the page shows, in the page's
language, and cached per revision (exports/cache.py). Only Revision.objects.public() is read, so a
draft, a report not yet due or a withdrawn report has nothing to download.
"""

import re

from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from disclosure.exports import cache
from disclosure.languages.declared import SOURCE
from disclosure.models import Revision
from disclosure.opendata import api
from disclosure.public.report_page import pick
from disclosure.tables import csv_download

KINDS = {
    "json": "application/json; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
UNSAFE = re.compile(r'[\\/:*?"<>|\r\n]+')


def file_name(revision, lang, kind):
    """The report's own title, as readers save it: 锦州市体育局2024年政府信息公开工作年度报告.docx."""
    if kind == "json":
        return f"{revision.year}-{revision.body.slug}.json"
    title = UNSAFE.sub(" ", str(pick(revision.document["title"], lang))).strip()
    return f"{title or revision.year}.{kind}"


# Not @condition: its etag function would look the revision up a second time; the comparison is Django's.
def serve(request, revision, respond):
    """A file of a published revision: `respond()` builds the response, unless the reader already has this
    revision's file, who gets a 304 before anything is drawn or read. The CSV of the tables comes here too."""
    etag = api.revision_etag(revision)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        return not_modified
    response = respond()
    response["ETag"] = etag
    response["X-Robots-Tag"] = "noindex"
    return response


def download(request, year, body, kind):
    if kind not in KINDS:
        raise Http404("没有这种下载格式")
    revision = Revision.objects.public_report(year, body)
    if revision is None:
        raise Http404("没有这份已发布的年报")
    lang = get_language()
    name = file_name(revision, lang, kind)

    def respond():
        if kind == "json":
            response = HttpResponse(api.document_bytes(revision), content_type=KINDS[kind])
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        stream = cache.open_file(revision, lang, kind)
        return FileResponse(stream, as_attachment=True, filename=name, content_type=KINDS[kind])

    return serve(request, revision, respond)


def tables_csv(request, year, body):
    """下载统计表: the tables of the published revision only; a draft, a legacy report or a withdrawn one is a 404."""
    revision = Revision.objects.public_report(year, body)
    if revision is None or not revision.document.get("tables"):
        raise Http404("没有这份已发布年报的统计表")
    language = get_language()
    suffix = "" if language == SOURCE else f"-{language}"

    def respond():
        response = HttpResponse(csv_download.render(revision.document), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{body}-{year}-tables{suffix}.csv"'
        return response

    return serve(request, revision, respond)
