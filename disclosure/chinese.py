"""Simplified → Traditional conversion, run when text is saved and never while a page is served.

The pure-Python converter costs tens of milliseconds per page of text, so it belongs in the write path.
`s2tw` is the default: `s2t` produces forms (爲, 裏, 着) that look wrong to readers in Taiwan and Hong
Kong, and `s2twp` rewrites vocabulary (发布时间 → 釋出時間), which changes what an official wrote.
What OpenCC still gets wrong (surnames such as 范 and 于, names, preferred terms) staff fix in the
glossary (GlossaryEntry); its phrases are shielded from OpenCC and put back in their given form.
"""

from functools import lru_cache

from django.conf import settings

ALLOWED_CONFIGS = {"s2tw", "s2hk"}
# Private-use characters stand in for glossary phrases while OpenCC runs: it passes them through untouched.
PLACEHOLDER_BASE = 0xF0000


@lru_cache(maxsize=2)
def _converter(config):
    import opencc

    return opencc.OpenCC(config)


def traditional_config():
    config = getattr(settings, "OPENCC_CONFIG", "s2tw")
    if config not in ALLOWED_CONFIGS:
        raise ValueError(f"OPENCC_CONFIG must be one of {sorted(ALLOWED_CONFIGS)}, not {config!r}")
    return config


def load_glossary():
    """[(simplified, traditional)], longest phrase first so that 范仲淹 wins over 范."""
    from .models import GlossaryEntry

    entries = GlossaryEntry.objects.values_list("simplified", "traditional")
    return sorted(entries, key=lambda entry: len(entry[0]), reverse=True)


def to_traditional(text, glossary=()):
    if not text:
        return text
    kept = []
    for simplified, traditional in glossary:
        if simplified in text:
            placeholder = chr(PLACEHOLDER_BASE + len(kept))
            text = text.replace(simplified, placeholder)
            kept.append((placeholder, traditional))
    text = _converter(traditional_config()).convert(text)
    for placeholder, traditional in kept:
        text = text.replace(placeholder, traditional)
    return text
