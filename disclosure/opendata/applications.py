"""/api/v1/applications/<body>/<year>/: a body's 依申请公开 statistics for a year, as on the public page.

Aggregate only, and exactly what statistics.published() lets the page show (each figure a count, or withheld
as fewer than the minimum): nothing about any applicant or request. Read-only, CORS-open and with an ETag like
the rest of the API; the figures change as cases are handled, so the tag is the digest of the answer.
"""

import hashlib

from disclosure.applications import statistics
from disclosure.models import Body
from disclosure.opendata import api
from disclosure.publishing.document import texts


@api.read_only
def year_statistics(request, body, year):
    found = Body.objects.filter(slug=body).first()
    if found is None:
        return api._error(
            404, "not_found", f"没有网址标识为“{body}”的机构。", f"There is no body with the slug '{body}'."
        )
    if not 2008 <= year <= 2100:
        return api._error(
            404,
            "not_found",
            f"年度应在2008至2100之间，而不是{year}。",
            f"The year must be from 2008 to 2100, not {year}.",
        )
    result = statistics.published(statistics.figures(found, year), year)
    data = {"body": {"slug": found.slug, "name": texts(found, "name")}, **statistics.as_json(result)}
    response = api._json(data)
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    return api._conditional(request, response, etag, None)
