"""/api/v1/overview/<year>/: the 公开情况 page's data — each government's listed units with their publication
dates, and the figures summed from the units' published reports (public/overview.py, which reads them
through Revision.objects.public_report only). Read-only, CORS-open and with an ETag like the rest of the API;
the answer changes as units publish, so the tag is the digest of the answer.
"""

import hashlib

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from disclosure.opendata import api
from disclosure.public import overview
from disclosure.publishing.document import texts


def _unit(request, row):
    return {
        "slug": row.body.slug,
        "name": texts(row.body, "name"),
        "kind": row.body.kind,
        "deadline": row.deadline.isoformat(),
        "published_on": row.published_on.isoformat() if row.published_on else None,
        "state": row.state,  # published_on_time, published_late, due, overdue (as deadlines.py names them)
        "on_time": row.state == "published_on_time" if row.published_on else None,
        "summed": row.summed,
        "excluded": row.excluded,
        "links": {
            "html": api._absolute(request, row.url) if row.url else None,
            "document": api._absolute(request, reverse("api:report", args=[row.year, row.body.slug]))
            if row.url
            else None,
        },
    }


def _government(request, found):
    data = {
        "body": {"slug": found.government.slug, "name": texts(found.government, "name")},
        "coverage": {"listed": found.listed, "summed": found.summed},
        "units": [_unit(request, row) for row in found.units],
        "requests": None,
        "appeals": None,
    }
    if found.has_figures:
        data["requests"] = {figure.key: figure.value for figure in found.received + found.answers}
        data["appeals"] = {key: values for key, _label, values in found.appeals}
    return data


@api.read_only
def year_overview(request, year):
    if year not in overview.years():
        return api._error(
            404,
            "not_found",
            f"没有{year}年度的报告单位名单。",
            f"There is no list of reporting units for {year}.",
        )
    # The links are the same for every caller: never let the caller's Accept-Language pick their prefix.
    with translation.override(settings.LANGUAGE_CODE):
        governments = [_government(request, found) for found in overview.year_overview(year)]
    response = api._json({"year": year, "governments": governments})
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    return api._conditional(request, response, etag, None)
