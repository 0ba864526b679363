"""The portal's languages, declared once: settings, modeltranslation, the pages, the exports and the
document format all read this list.

Plain Python with no Django import, because portal/settings.py reads it before any app is loaded.
"""

from typing import NamedTuple


class Language(NamedTuple):
    code: str  # Django's language code: URL prefix, `*_zh_hant` field suffix, key in the documents
    name: str  # in its own script, for the language switch
    html_lang: str  # BCP 47, for the `lang` attribute
    word_lang: str  # Word's language tag: proofing language and, for Chinese, the glyph forms
    font_region: str  # the face of the PDF's CJK font collection (English pages quote mainland Chinese)
    staff_name: str  # how the staff's change lists name it
    origin: str  # SOURCE_ORIGIN, DERIVED (by OpenCC, see traditional.py) or WRITTEN (by staff, see english.py)


SOURCE_ORIGIN, DERIVED, WRITTEN = "source", "derived", "written"

LANGUAGES = (
    Language("zh-hans", "简体中文", "zh-Hans", "zh-CN", "CN", "简体", SOURCE_ORIGIN),
    Language("zh-hant", "繁體中文", "zh-Hant", "zh-TW", "TW", "繁体", DERIVED),
    Language("en", "English", "en", "en-GB", "CN", "英文", WRITTEN),
)

# Staff write Simplified Chinese; it has no URL prefix and every other language falls back to it.
SOURCE = next(language.code for language in LANGUAGES if language.origin == SOURCE_ORIGIN)
CODES = tuple(language.code for language in LANGUAGES)
BY_CODE = {language.code: language for language in LANGUAGES}
HTML_LANG = {language.code: language.html_lang for language in LANGUAGES}
# What staff type (and a loaded document may set); the derived Traditional is never read from input.
EDITABLE = tuple(language.code for language in LANGUAGES if language.origin != DERIVED)


def staff_label(verbose_name, code):
    """A translated field's label in the admin, 标题（简体） rather than modeltranslation's 标题 [zh-hans]
    (settings.MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME)."""
    language = BY_CODE.get(code)
    return f"{verbose_name}（{language.staff_name}）" if language else f"{verbose_name}（{code}）"


def choices():
    """[(code, name)], the shape of settings.LANGUAGES."""
    return [(language.code, language.name) for language in LANGUAGES]
