"""Fields that exist in every language. zh_hans is the source; zh_hant is derived (languages/derivation.py)."""

from modeltranslation.translator import TranslationOptions, register

from disclosure.models import (
    Body,
    Link,
    Page,
    PlanItem,
    RectificationItem,
    Report,
    Revision,
    Section,
    SiteSettings,
    Withdrawal,
)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name",)


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "source", "preamble", "change_note")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("heading", "body")


@register(RectificationItem)
class RectificationTranslation(TranslationOptions):
    fields = ("problem", "measure", "responsible")


@register(PlanItem)
class PlanTranslation(TranslationOptions):
    fields = ("text", "responsible")


@register(Revision)
class RevisionTranslation(TranslationOptions):
    fields = ("title", "change_note")


@register(Withdrawal)
class WithdrawalTranslation(TranslationOptions):
    fields = ("reason",)


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("site_name", "copyright", "address")


@register(Link)
class LinkTranslation(TranslationOptions):
    fields = ("label",)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
