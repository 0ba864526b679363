"""models/: constraints, derived Traditional text, ordering, URLs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from disclosure.languages.traditional import to_traditional, traditional_config
from disclosure.models import Body, Link, Page, PlanItem, RectificationItem, Report, Revision, Section, SiteSettings
from tests.factories import make_body, make_report, publish

pytestmark = pytest.mark.django_db


def test_one_report_per_body_and_year():
    body = make_body()
    make_report(body, year=2016)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(body=body, year=2016, title_zh_hans="重复的年报")
    assert Report.objects.count() == 1


def test_same_year_for_another_body_and_another_year_for_the_same_body_are_fine():
    body = make_body()
    make_report(body, year=2016)
    make_report(body, year=2017)
    make_report(make_body("education-bureau", "锦州市教育局"), year=2016)
    assert Report.objects.count() == 3


def test_body_slug_is_unique():
    make_body()
    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(slug="sports-bureau", name_zh_hans="另一个体育局")


def test_revision_number_is_unique_per_report():
    report = make_report()
    revision = publish(report)
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.create(
            report=report,
            number=1,
            body=report.body,
            year=report.year,
            title_zh_hans="x",
            published_on=report.published_on,
            document={},
        )
    assert list(Revision.objects.all()) == [revision]


def test_section_level_is_validated_between_1_and_4():
    report = make_report(levels=())
    for level in (0, 5):
        section = Section(report=report, position=1, level=level, heading_zh_hans="标题")
        with pytest.raises(ValidationError) as error:
            section.full_clean()
        assert "level" in error.value.message_dict


def test_report_year_is_validated():
    body = make_body()
    report = Report(body=body, year=2007, title_zh_hans="标题")
    with pytest.raises(ValidationError) as error:
        report.full_clean()
    assert list(error.value.message_dict) == ["year"]


def test_section_heading_traditional_is_derived_on_save():
    report = make_report(levels=())
    section = Section.objects.create(report=report, position=1, level=1, heading_zh_hans="发展", body_zh_hans="")
    assert section.heading_zh_hant == "發展"
    section.refresh_from_db()
    assert section.heading_zh_hant == "發展"


def test_traditional_is_re_derived_when_the_source_changes_and_typed_traditional_is_overwritten():
    report = make_report(levels=())
    section = Section.objects.create(report=report, position=1, level=1, heading_zh_hans="发展")
    section.heading_zh_hans = "信息公开"
    section.heading_zh_hant = "something typed by hand"
    section.body_zh_hans = "这里说明问题。"
    section.save()
    section.refresh_from_db()
    assert section.heading_zh_hant == "信息公開"
    assert section.body_zh_hant == "這裡說明問題。"


def test_every_translated_model_derives_its_traditional_fields():
    body = make_body(name="锦州市体育局")
    report = make_report(body, title="市体育局2016年度政府信息公开工作报告", levels=())
    report.source_zh_hans = "锦州市体育局办公室"
    report.preamble_zh_hans = "现将报告如下。"
    report.save()
    item = RectificationItem.objects.create(
        report=report, problem_zh_hans="公开内容不够全面", measure_zh_hans="加强审核", responsible_zh_hans="办公室"
    )
    plan = PlanItem.objects.create(report=report, text_zh_hans="加强培训学习", responsible_zh_hans="信息中心")
    page = Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="本网站由市政府办公室主办。")
    link = Link.objects.create(label_zh_hans="政务微博", url="https://weibo.example/")
    site = SiteSettings.load()
    site.address_zh_hans = "锦州市市府路68号"
    site.save()

    assert body.name_zh_hant == "錦州市體育局"
    assert report.title_zh_hant == "市體育局2016年度政府信息公開工作報告"
    assert report.source_zh_hant == "錦州市體育局辦公室"
    assert report.preamble_zh_hant == "現將報告如下。"
    assert (item.problem_zh_hant, item.measure_zh_hant, item.responsible_zh_hant) == (
        "公開內容不夠全面",
        "加強審核",
        "辦公室",
    )
    assert (plan.text_zh_hant, plan.responsible_zh_hant) == (
        "加強培訓學習",
        "信息中心",
    )  # s2tw converts characters, not words (信息 is not 資訊)
    assert (page.title_zh_hant, page.body_zh_hant) == ("關於我們", "本網站由市政府辦公室主辦。")
    assert link.label_zh_hant == "政務微博"
    assert site.address_zh_hant == "錦州市市府路68號"


def test_english_is_never_derived():
    report = make_report(levels=())
    assert report.title_en in ("", None)


def test_traditional_uses_taiwan_forms_by_default_and_hong_kong_forms_by_setting(settings):
    assert traditional_config() == "s2tw"
    assert to_traditional("里面") == "裡面"
    settings.OPENCC_CONFIG = "s2hk"
    assert to_traditional("里面") == "裏面"


@pytest.mark.parametrize("config", ["s2t", "s2twp", "t2s"])
def test_conversions_that_rewrite_or_look_wrong_are_refused(settings, config):
    settings.OPENCC_CONFIG = config
    with pytest.raises(ValueError):
        to_traditional("发布时间")


def test_traditional_keeps_vocabulary():
    # s2twp would turn 发布时间 into 釋出時間: words an official did not write.
    assert to_traditional("发布时间") == "發佈時間"
    assert to_traditional("政府信息公开") == "政府信息公開"
    assert to_traditional("") == ""


def test_report_ordering_newest_year_first_then_body_position_then_name():
    government = make_body("municipal-government", "锦州市人民政府", position=1)
    sports = make_body("sports-bureau", "锦州市体育局", position=40)
    education = make_body("education-bureau", "锦州市教育局", position=10)
    civil = make_body("civil-affairs-bureau", "锦州市民政局", position=10)
    make_report(sports, year=2017)
    make_report(government, year=2016)
    make_report(education, year=2017)
    make_report(civil, year=2017)
    make_report(sports, year=2016)
    assert [(r.year, r.body.slug) for r in Report.objects.all()] == [
        (2017, "education-bureau"),  # position 10, 锦州市教育局 < 锦州市民政局 by code point
        (2017, "civil-affairs-bureau"),
        (2017, "sports-bureau"),
        (2016, "municipal-government"),
        (2016, "sports-bureau"),
    ]


def test_body_ordering_by_position_then_name():
    make_body("b", "乙局", position=2)
    make_body("a", "甲局", position=2)
    make_body("c", "丙局", position=1)
    assert list(Body.objects.values_list("slug", flat=True)) == ["c", "b", "a"]  # 乙 (U+4E59) < 甲 (U+7532)


def test_sections_and_items_keep_their_position_order_not_their_creation_order():
    report = make_report(levels=())
    for position, heading in [(3, "三"), (1, "一"), (2, "二")]:
        Section.objects.create(report=report, position=position, level=1, heading_zh_hans=heading)
    for position, text in [(2, "乙"), (1, "甲")]:
        PlanItem.objects.create(report=report, position=position, text_zh_hans=text)
        RectificationItem.objects.create(report=report, position=position, problem_zh_hans=text)
    assert list(report.sections.values_list("heading_zh_hans", flat=True)) == ["一", "二", "三"]
    assert list(report.plans.values_list("text_zh_hans", flat=True)) == ["甲", "乙"]
    assert list(report.rectifications.values_list("problem_zh_hans", flat=True)) == ["甲", "乙"]


def test_equal_positions_fall_back_to_creation_order():
    report = make_report(levels=())
    for heading in ["甲", "乙", "丙"]:
        Section.objects.create(report=report, position=0, level=1, heading_zh_hans=heading)
    assert list(report.sections.values_list("heading_zh_hans", flat=True)) == ["甲", "乙", "丙"]


def test_deleting_a_report_deletes_its_working_copy_rows_but_a_published_one_is_protected():
    from django.db.models import ProtectedError

    body = make_body()
    draft = make_report(body, year=2016)
    draft.delete()
    assert Section.objects.count() == 0
    published = make_report(body, year=2017)
    publish(published)
    with pytest.raises(ProtectedError), transaction.atomic():
        published.delete()
    assert Report.objects.filter(pk=published.pk).exists()


def test_defaults():
    report = make_report(levels=())
    assert report.status == Report.Status.DRAFT
    section = Section.objects.create(report=report, heading_zh_hans="标题")
    assert section.level == 1
    assert RectificationItem.objects.create(report=report, problem_zh_hans="问题").status == "planned"


def test_string_forms_and_urls():
    report = make_report(title="市体育局2016年度政府信息公开工作报告", levels=(1,))
    assert str(report) == "市体育局2016年度政府信息公开工作报告"
    assert report.get_absolute_url() == "/reports/2016/sports-bureau/"
    assert str(report.body) == "锦州市体育局"
    revision = publish(report)
    assert str(revision) == "市体育局2016年度政府信息公开工作报告（第1版）"
    assert revision.get_absolute_url() == "/reports/2016/sports-bureau/"
    page = Page.objects.create(slug="about", title_zh_hans="关于我们", body_zh_hans="正文")
    assert page.get_absolute_url() == "/pages/about/"
    long_problem = "问" * 60
    assert str(RectificationItem.objects.create(report=report, problem_zh_hans=long_problem)) == "问" * 40


def test_site_settings_is_a_single_row():
    first = SiteSettings.load()
    second = SiteSettings.load()
    assert first.pk == second.pk == 1
    assert SiteSettings.objects.count() == 1
    assert first.site_name == "政府信息公开"


def test_published_on_is_optional_until_publishing():
    report = make_report(published_on=None, levels=(1,))
    assert report.published_on is None
    publish(report)
    report.refresh_from_db()
    assert isinstance(report.published_on, datetime.date)
