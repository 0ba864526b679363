"""订阅: RSS 2.0 and Atom feeds of newly published reports and their corrections, one pair per language.

Items are revisions: a report's first publication and each correction (a later revision, with its change
note in the feed's language, or the Simplified said to be so) are news of their own. Only reports that
Revision.objects.public() lists appear, so a draft, a scheduled revision whose time has not come and a
withdrawn report are never announced.
"""

from django.contrib.syndication.views import Feed
from django.db.models.fields.json import KeyTransform
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from disclosure.models import Revision
from disclosure.public.page_cache import public_page
from disclosure.public.report_page import pick
from disclosure.publishing.document import texts

BODY = KeyTransform("body", "document")

FEED_ITEMS = 30


class ReportFeed(Feed):
    feed_type = Rss201rev2Feed

    def title(self):
        return _("信息公开年报订阅")

    def description(self):
        return _("新发布的政府信息公开工作年度报告和年报更正。")

    def link(self):
        return reverse("disclosure:column")

    def feed_url(self):
        return reverse("disclosure:feed_atom" if self.feed_type is Atom1Feed else "disclosure:feed_rss")

    # No `language` attribute: the framework then writes the active language (zh-hans, zh-hant or en).

    def items(self):
        now = timezone.now()
        public = Revision.objects.public(at=now)
        newest = Revision.objects.filter(report__in=public.values("report"), published_at__lte=now)
        # The keys first, then the rows: revisions published at one instant (a batch scheduled for 09:00) are
        # sorted by number among themselves, and the title and body's name (from the document) are taken for
        # the items only, not for every revision of that instant.
        keys = list(newest.order_by("-published_at", "-number").values_list("pk", flat=True)[:FEED_ITEMS])
        rows = (
            Revision.objects.filter(pk__in=keys)
            .select_related("body")
            .defer("document")
            .annotate(doc_title=KeyTransform("title", "document"), doc_body_name=KeyTransform("name", BODY))
        )
        found = {row.pk: row for row in rows}
        return [found[key] for key in keys]

    def item_title(self, revision):
        title = pick(revision.doc_title, get_language()).value
        if revision.number > 1:
            return _("更正：%(title)s") % {"title": title}
        return title

    def item_description(self, revision):
        lang = get_language()
        facts = {
            "body": pick(revision.doc_body_name, lang).value,
            "year": revision.year,
        }
        if revision.number > 1:
            note = pick(texts(revision, "change_note"), lang)
            facts.update(number=revision.number, note=note.value)
            if note.fallback_lang:  # plain text has no lang attribute: the sentence says what the note is
                text = _(
                    "%(body)s更正了%(year)s年度政府信息公开工作年度报告（第%(number)s版）。"
                    "更正说明（尚无此语言版本，以下为简体中文原文）：%(note)s"
                )
            else:
                text = _("%(body)s更正了%(year)s年度政府信息公开工作年度报告（第%(number)s版）。更正说明：%(note)s")
            return text % facts
        return _("%(body)s发布了%(year)s年度政府信息公开工作年度报告。") % facts

    def item_link(self, revision):
        return revision.get_absolute_url()

    def item_guid(self, revision):
        # One item per revision: a correction is new to a subscriber even though the address is the same.
        return f"{self.request.build_absolute_uri(revision.get_absolute_url())}#revision-{revision.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, revision):
        return revision.published_at

    def item_updateddate(self, revision):
        return revision.published_at

    def item_author_name(self, revision):
        return pick(revision.doc_body_name, get_language()).value

    def __call__(self, request, *args, **kwargs):
        self.request = request  # safe: rss() and atom() make a new feed for every request
        return super().__call__(request, *args, **kwargs)


class AtomReportFeed(ReportFeed):
    feed_type = Atom1Feed
    subtitle = ReportFeed.description


# Feed readers poll: as public pages, the feeds get a strong ETag (304 when nothing changed) and the page
# cache, which a publication, correction or withdrawal renews like every other public page.
@public_page
def rss(request):
    return ReportFeed()(request)


@public_page
def atom(request):
    return AtomReportFeed()(request)
