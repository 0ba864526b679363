"""The `lang` attribute of a text shown in another language than the page's (the Simplified source where a
translation is missing), so that screen readers and fonts treat it as what it is."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def lang_attr(lang):
    """` lang="zh-Hans"` for a text in that language; nothing when the text is in the page's own language."""
    return format_html(' lang="{}"', lang) if lang else ""
