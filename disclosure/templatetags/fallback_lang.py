"""The `lang` attribute of a text shown in another language than the page's (the Simplified source where a
translation is missing), so that screen readers and fonts treat it as what it is."""

from django import template
from django.utils.html import conditional_escape, format_html

register = template.Library()


@register.filter
def lang_attr(lang):
    """` lang="zh-Hans"` for a text in that language; nothing when the text is in the page's own language."""
    return format_html(' lang="{}"', lang) if lang else ""


@register.filter
def with_lang(text):
    """A text (report_page.Text) as HTML to put inside a sentence: in a `<span lang="…">` when it fell back to
    another language than the page's, escaped and bare otherwise. For `{% blocktranslate with note=…|with_lang %}`,
    where the sentence is the page's language and only the text inserted into it may not be."""
    lang = getattr(text, "fallback_lang", None)
    return format_html('<span lang="{}">{}</span>', lang, text) if lang else conditional_escape(text)
