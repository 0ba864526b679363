import pytest

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _simplified_chinese(settings):
    """Tests start in the source language, as a visitor without a language prefix would."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _catalogues():
    """Interface catalogues are build products (`make messages`); build them so pytest alone works too."""
    from django.core.management import call_command

    call_command("compile_catalogues", verbosity=0)


@pytest.fixture
def chief(db):
    """A superuser, signed in by tests that need the whole admin."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)
