"""Simplified → Traditional conversion, run when text is saved and never while a page is served.

The pure-Python converter costs tens of milliseconds per page of text, so it belongs in the write path.
`s2tw` is the default: `s2t` produces forms (爲, 裏, 着) that look wrong to readers in Taiwan and Hong
Kong, and `s2twp` rewrites vocabulary (发布时间 → 釋出時間), which changes what an official wrote.
"""

from functools import lru_cache

from django.conf import settings

ALLOWED_CONFIGS = {"s2tw", "s2hk"}


@lru_cache(maxsize=2)
def _converter(config):
    import opencc

    return opencc.OpenCC(config)


def traditional_config():
    config = getattr(settings, "OPENCC_CONFIG", "s2tw")
    if config not in ALLOWED_CONFIGS:
        raise ValueError(f"OPENCC_CONFIG must be one of {sorted(ALLOWED_CONFIGS)}, not {config!r}")
    return config


def to_traditional(text):
    if not text:
        return text
    return _converter(traditional_config()).convert(text)
