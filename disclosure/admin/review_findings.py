"""The findings as the transition pages show them: each warning with a link to its cell or sentence in the
preview, last year's figures beside this year's, and the reviewer's comment box, one per finding.

What is a finding, what it is about and when an acknowledgement still holds are tables/rules.py's and
assessment.py's decisions; this module only lays them out for the 提交审核, 审核通过 and 发布 pages.
"""

from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse

from disclosure.tables import assessment, printed, rules

TOLERANCE_PERCENT = round(rules.ACKNOWLEDGEMENT_TOLERANCE * 100)  # as the approval page states it

# A text fragment (#:~:text=) names a long sentence by its first and last words: shorter, and a sentence the
# page breaks differently is still found.
_FRAGMENT_ENDS = 12


@dataclass
class Row:
    field: str  # the comment box's name (ack-N)
    finding: object
    link: str  # the finding's place in the preview
    acknowledged: object = None  # the comment that still holds
    earlier: object = None  # a comment given before the figures moved past the tolerance
    typed: str = ""
    passage_links: tuple = ()  # (sentence, link) for the repetition warning

    @property
    def key_field(self):
        return f"{self.field}-key"

    @property
    def placed(self):
        """Whether the link leads to a place on the page (the repetition warning links its sentences instead)."""
        return "#" in self.link


def text_fragment(text):
    """The `:~:text=` directive that finds `text` on a page (browsers scroll to it and highlight it)."""
    text = " ".join(text.split())
    if len(text) > 2 * _FRAGMENT_ENDS + 4:
        start, end = text[:_FRAGMENT_ENDS], text[-_FRAGMENT_ENDS:]
        return f":~:text={quote(start, safe='')},{quote(end, safe='')}"
    return f":~:text={quote(text, safe='')}"


def link(report, finding):
    """The finding's cell or passage in the preview of the working copy."""
    url = reverse("disclosure:preview", args=[report.pk])
    fragment = finding.anchor
    if not fragment and finding.cells and finding.cells[0].startswith("tables."):
        fragment = printed.cell_id(finding.cells[0])
    if finding.quote:
        fragment += text_fragment(finding.quote)
    return f"{url}#{fragment}" if fragment else url


def rows(report, found, data=None):
    """A Row for every warning of `found` that needs a reviewer's comment, with what is typed in `data`."""
    data = data or {}
    done = assessment.standing(report, found)
    result = []
    for index, finding in enumerate(f for f in found if assessment.needs_comment(f)):
        ack, holds = done.get(finding.key, (None, False))
        field = f"ack-{index}"
        preview = reverse("disclosure:preview", args=[report.pk])
        result.append(
            Row(
                field,
                finding,
                link(report, finding),
                acknowledged=ack if holds else None,
                earlier=ack if ack and not holds else None,
                # An earlier comment is offered again, to confirm or amend, rather than an empty box.
                typed=data.get(field, ack.comment if ack and not holds else ""),
                passage_links=tuple((s, f"{preview}#{text_fragment(s)}") for s in finding.passages),
            )
        )
    return result


def posted_comments(rows, data):
    """(finding, comment) for every box filled in; a box whose finding changed since the page was drawn
    (the key posted with it differs) is left out, so that no comment lands on another finding."""
    comments = []
    for row in rows:
        comment = (data.get(row.field) or "").strip()
        posted_key = data.get(row.key_field)
        if row.acknowledged or not comment or (posted_key is not None and posted_key != row.finding.key):
            continue
        comments.append((row.finding, comment))
    return comments


def to_complete(report, found):
    """(finding, link) for the required parts left empty: no comment makes them publishable."""
    return [(finding, link(report, finding)) for finding in found if finding.blocks_publishing]


def notices(report, found):
    """(finding, link) for every warning, as the editor sees them before submitting."""
    return [(finding, link(report, finding)) for finding in found if assessment.needs_comment(finding)]
