import pytest


@pytest.fixture(autouse=True)
def _simplified_chinese(settings):
    """Tests start in the source language, as a visitor without a language prefix would."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()
