"""Migration 0011: the change note proposed on the working copy. Published notes stay in their revisions, in every
language, and reach the public pages as before; a correction under way starts with no proposal."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from disclosure.languages.traditional import to_traditional
from tests import dom
from tests.models.migrating import migrate, newest

BEFORE = [("disclosure", "0010_applications")]
AFTER = [("disclosure", "0011_proposed_change_note")]
NOTE = "更正了表三中的申请数量。"


def document(title):
    """A published document as the old code froze it (the note was never part of it)."""
    texts = {"zh-hans": title, "zh-hant": to_traditional(title), "en": ""}
    body = {"zh-hans": "锦州市体育局", "zh-hant": "錦州市體育局", "en": "Jinzhou Sports Bureau"}
    blank = {"zh-hans": "", "zh-hant": "", "en": ""}
    heading = {"zh-hans": "总体情况", "zh-hant": "總體情況", "en": ""}
    return {
        "schema": "disclosure-report/1",
        "format": "legacy",
        "year": 2016,
        "body": {"slug": "sports-bureau", "name": body, "kind": "department"},
        "title": texts,
        "published_on": "2017-01-20",
        "source": blank,
        "preamble": blank,
        "sections": [{"heading": heading, "body": blank, "children": []}],
        "rectifications": [],
        "plans": [],
    }


@pytest.mark.django_db(transaction=True)
def test_published_notes_stay_in_their_revisions_and_corrections_under_way_get_an_empty_proposal(client):
    old = migrate(BEFORE)
    Body, Report, Revision = (old.get_model("disclosure", name) for name in ("Body", "Report", "Revision"))
    body = Body.objects.create(slug="sports-bureau", name="锦州市体育局", name_zh_hans="锦州市体育局")
    title = "锦州市体育局2016年年报"
    report = Report.objects.create(
        body=body, year=2016, title=title, title_zh_hans=title, format="legacy", status="draft"
    )
    Section = old.get_model("disclosure", "Section")
    # With text: a heading with nothing under it is a warning a reviewer must acknowledge (issue 17).
    Section.objects.create(
        report=report,
        position=1,
        level=1,
        heading="总体情况",
        heading_zh_hans="总体情况",
        body="正文。",
        body_zh_hans="正文。",
    )
    now = timezone.now()
    for number, note in ((1, ""), (2, NOTE)):
        Revision.objects.create(
            report=report,
            number=number,
            body=body,
            year=2016,
            title=title,
            title_zh_hans=title,
            published_on=datetime.date(2017, 1, 20),
            published_at=now - datetime.timedelta(days=3 - number),
            document=document(title),
            # As the old code stored a note: Simplified typed at publication, Traditional derived, no English.
            change_note=note,
            change_note_zh_hans=note,
            change_note_zh_hant=to_traditional(note),
            change_note_en=None,
        )

    migrate(newest(), through=AFTER)  # the current models below expect every later migration too
    from disclosure.models import Report as Current
    from disclosure.models import Revision as CurrentRevision
    from disclosure.publishing import workflow

    current = Current.objects.get()
    assert workflow.proposed_note(current) == {"zh-hans": "", "en": ""}
    assert workflow.was_public(current)  # so its change form offers the field
    revision = CurrentRevision.objects.get(number=2)
    assert (revision.change_note_zh_hans, revision.change_note_zh_hant) == (NOTE, to_traditional(NOTE))

    def entry(prefix):
        page = dom.parse(client.get(f"{prefix}/reports/2016/sports-bureau/"))
        return page.find("section", class_="history").find_all("li")[1]

    assert f"第2版更正：{NOTE}" in entry("").text
    assert f"第2版更正：{to_traditional(NOTE)}" in entry("/zh-hant").text
    english = entry("/en")
    assert english.find("span", lang="zh-Hans").text == NOTE  # no English was ever typed: marked fallback

    # A correction under way: the publisher now finds the proposal empty and writes the note, as before.
    # (Superusers: a transactional test may run after another one has flushed the groups the migrations made.)
    editor, publisher = (get_user_model().objects.create_superuser(name, password="pw-for-tests") for name in "ab")
    workflow.transition(current, editor, "submit")
    workflow.transition(current, publisher, "approve")
    with pytest.raises(workflow.TransitionError, match="请填写更正说明"):
        workflow.transition(current, publisher, "publish")
    assert workflow.transition(current, publisher, "publish", "更正了表四。").change_note_zh_hans == "更正了表四。"

    # And back: the proposal's columns go, the revisions' notes stay.
    old = migrate(BEFORE)
    notes = old.get_model("disclosure", "Revision").objects.order_by("number").values_list("change_note_zh_hans")
    assert [note for (note,) in notes] == ["", NOTE, "更正了表四。"]
    assert not any(f.name.startswith("change_note") for f in old.get_model("disclosure", "Report")._meta.fields)
    migrate(newest())
