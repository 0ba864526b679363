"""Traditional Chinese is derived on save (languages/traditional.py, derivation.py), with the glossary's fixes."""

import opencc
import pytest
from django.core.cache import cache

from disclosure.languages.traditional import to_traditional
from disclosure.models import GlossaryEntry, Section
from tests import dom
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db

PHRASES = "头发 发展 皇后 后来 干部 干燥 里面 公里 系统 联系 面条 方面 制度 台湾"
EXPECTED = [
    "頭髮",
    "發展",
    "皇后",
    "後來",
    "幹部",
    "乾燥",
    "裡面",
    "公里",
    "系統",
    "聯繫",
    "麵條",
    "方面",
    "制度",
    "臺灣",
]


def traditional_page_text(client, url):
    """The text a reader of the Traditional page sees, leaving out parts marked as another language."""
    page = dom.parse(client.get(url).content.decode())
    skipped = {id(e) for e in page.iter() if e.get("lang") and e.get("lang") != "zh-Hant"}
    skipped |= {id(e) for e in page.iter() if e.tag in ("script", "style", "head")}

    def visible(element):
        for child in element.children:
            if isinstance(child, str):
                yield child
            elif id(child) not in skipped:
                yield from visible(child)

    return "".join(visible(page))


def test_phrase_level_conversion_through_a_real_report_page(client):
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.body_zh_hans = PHRASES
    section.save()
    publish(report)
    text = traditional_page_text(client, "/zh-hant/reports/2016/sports-bureau/")
    for word in EXPECTED:
        assert word in text


def test_traditional_fields_are_derived_on_every_save():
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.heading_zh_hans = "进一步发展"
    section.save()
    section.refresh_from_db()
    assert section.heading_zh_hant == "進一步發展"


def test_hong_kong_forms_by_setting(settings):
    settings.OPENCC_CONFIG = "s2hk"
    assert to_traditional("里面") == "裏面"
    settings.OPENCC_CONFIG = "s2tw"
    assert to_traditional("里面") == "裡面"


@pytest.mark.parametrize("config", ["s2t", "s2twp", "t2s"])
def test_configurations_that_change_what_officials_wrote_are_refused(settings, config):
    settings.OPENCC_CONFIG = config
    with pytest.raises(ValueError):
        to_traditional("发布时间")


def test_glossary_fixes_a_surname_and_rederives_existing_text():
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.body_zh_hans = "范晓东同志负责信息公开工作。"
    section.save()
    assert section.body_zh_hant.startswith("範曉東")  # what OpenCC alone does to the surname 范

    entry = GlossaryEntry.objects.create(simplified="范晓东", traditional="范曉東", note="人名，姓范")
    section.refresh_from_db()
    assert section.body_zh_hant == "范曉東同志負責信息公開工作。"
    assert entry.rederived == 1

    entry.delete()
    section.refresh_from_db()
    assert section.body_zh_hant.startswith("範曉東")


def test_longest_glossary_phrase_wins():
    GlossaryEntry.objects.create(simplified="于", traditional="於")
    GlossaryEntry.objects.create(simplified="于洪区", traditional="于洪區")
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.body_zh_hans = "于洪区位于沈阳。"
    section.save()
    assert section.body_zh_hant == "于洪區位於瀋陽。"


def test_changing_a_glossary_phrase_rederives_texts_with_the_old_phrase():
    entry = GlossaryEntry.objects.create(simplified="范晓东", traditional="范曉東")
    report = make_report(levels=(1,))
    Section.objects.filter(report=report).update(body_zh_hans="范晓东")
    section = report.sections.get()
    section.save()
    assert section.body_zh_hant == "范曉東"
    entry = GlossaryEntry.objects.get(pk=entry.pk)
    entry.simplified = "范晓"
    entry.traditional = "范曉"
    entry.save()
    section.refresh_from_db()
    assert section.body_zh_hant == "范曉東"
    assert entry.rederived == 1


def test_the_glossary_is_read_once_and_again_after_an_entry_changes(django_assert_num_queries):
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.body_zh_hans = "范晓东同志。"
    cache.clear()
    with django_assert_num_queries(2):  # the glossary, then the row
        section.save()
    with django_assert_num_queries(1):  # the row only
        section.save()
    assert section.body_zh_hant == "範曉東同志。"
    entry = GlossaryEntry.objects.create(simplified="范晓东", traditional="范曉東")
    section.save()
    assert section.body_zh_hant == "范曉東同志。"
    entry.delete()
    section.save()
    assert section.body_zh_hant == "範曉東同志。"


def test_glossary_does_not_touch_published_revisions_until_republished(client):
    report = make_report(levels=(1,))
    section = report.sections.get()
    section.body_zh_hans = "范晓东同志负责此项工作。"
    section.save()
    publish(report)
    GlossaryEntry.objects.create(simplified="范晓东", traditional="范曉東")
    assert "範曉東" in traditional_page_text(client, "/zh-hant/reports/2016/sports-bureau/")
    publish(report, note="更正繁体版本中的人名用字。")
    text = traditional_page_text(client, "/zh-hant/reports/2016/sports-bureau/")
    assert "范曉東" in text and "範曉東" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/zh-hant/",
        "/zh-hant/reports/",
        "/zh-hant/reports/?year=2016",
        "/zh-hant/reports/2016/sports-bureau/",
        "/zh-hant/sitemap/",
        "/zh-hant/feedback/",
        "/zh-hant/pages/about/",
        "/zh-hant/reports/1999/nobody/",
    ],
)
def test_converting_a_served_traditional_page_again_changes_nothing(client, url):
    from disclosure.models import Page, SiteSettings

    site = SiteSettings.load()
    site.site_name_zh_hans, site.copyright_zh_hans, site.address_zh_hans = (
        "锦州市人民政府",
        "版权所有：锦州市人民政府",
        "锦州市市府路68号",
    )
    site.icp = "辽ICP备0512121号"
    site.save()
    Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="本网站由市政府办公室主办，发布政府信息。")
    report = make_report(body=make_body(name="锦州市体育局"), levels=(1, 2, 3, 4))
    section = report.sections.first()
    section.body_zh_hans = PHRASES + "。后来的发展说明这项制度是有效的。"
    section.save()
    publish(report)
    text = traditional_page_text(client, url)
    assert text.strip()
    assert opencc.OpenCC("s2tw").convert(text) == text


def test_a_right_form_that_a_second_opencc_pass_would_break_is_kept():
    """OpenCC is not idempotent on a few phrases: 证明了 → 證明了, and 證明了 again → 證明瞭 (wrong: 了 is
    the particle here). The derived text is converted once, never to a fixed point, so readers get 證明了."""
    assert to_traditional("证明了这一点") == "證明了這一點"
    assert opencc.OpenCC("s2tw").convert("證明了這一點") == "證明瞭這一點"
