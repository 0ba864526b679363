"""The one language declaration, and what reads it."""

import subprocess
import sys

from django.conf import settings

from disclosure.languages import declared


def test_settings_and_modeltranslation_read_the_declaration():
    assert settings.LANGUAGE_CODE == declared.SOURCE == "zh-hans"
    assert settings.LANGUAGES == [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
    assert settings.MODELTRANSLATION_LANGUAGES == declared.CODES
    assert settings.MODELTRANSLATION_FALLBACK_LANGUAGES == (declared.SOURCE,)


def test_traditional_is_derived_and_never_typed():
    assert declared.BY_CODE["zh-hant"].origin == declared.DERIVED
    assert declared.EDITABLE == ("zh-hans", "en")
    assert declared.HTML_LANG == {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "en": "en"}


def test_importable_without_django():
    # portal/settings.py imports it before any app is loaded.
    code = "import sys, disclosure.languages.declared; assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=settings.BASE_DIR)
