import sys

import pytest

from tests.factories import PASSWORD

# The longest tests start first, so that no worker is left running one of them alone at the end of a run
# (xdist's worksteal then evens out the short ones): the deployment test starts servers of its own, the
# browser tests drive Chromium, the others walk every state, crawl the whole site or migrate back and forth.
LONGEST_FIRST = (
    "tests/test_deployment.py",
    "tests/browser/",
    "tests/publishing/test_state_machine.py",
    "tests/test_xss.py",
    "tests/public/test_unpublished.py",
    "tests/models/test_publication_migration.py",
    "tests/models/test_change_note_migration.py",
)


def pytest_collection_modifyitems(items):
    def rank(item):
        path = item.nodeid.split("::", 1)[0]
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: each module's tests keep their order, so module fixtures are made once


@pytest.fixture(autouse=True)
def _simplified_chinese(settings):
    """Tests start in the source language, as a visitor without a language prefix would."""
    from django.utils import translation

    translation.activate("zh-hans")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, as its database starts empty: the database's ids come round again
    (SQLite reuses a rolled-back id), and an entry keyed by one (a form's snapshot, a page) would be stale."""
    yield
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _catalogues():
    """Interface catalogues are build products (`make messages`); build them so pytest alone works too."""
    from django.core.management import call_command

    call_command("compile_catalogues", verbosity=0)


def restore_migration_data():
    """Put back the rows the data migrations made, as a fresh database has them: the roles (every migration
    named *_roles adds its ROLES' permissions) and the 依申请公开 guide page (0016). A transactional test
    (browser, migration and concurrency tests) empties the database when it ends, and xdist may then hand its
    worker another test."""
    from importlib import import_module
    from pathlib import Path

    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    import disclosure.migrations

    import_module("disclosure.migrations.0016_applications_guide_page").create(apps, None)  # skips an existing page
    roles = {}
    for migration in sorted(Path(disclosure.migrations.__file__).parent.glob("*_roles.py")):
        for name, codenames in import_module(f"disclosure.migrations.{migration.stem}").ROLES.items():
            roles.setdefault(name, []).extend(codenames)
    if Group.objects.filter(name__in=roles).count() == len(roles):
        return
    for name, codenames in roles.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="disclosure", codename__in=codenames))


@pytest.fixture(autouse=True)
def _roles(request, django_db_blocker):
    """Every test with the database starts with the migrations' data (restore_migration_data)."""
    if not (request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames)):
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock():
        restore_migration_data()


def made_once_per_module(build):
    """A fixture of rows that `build` makes once per test module and worker, as Django's setUpTestData does
    for a TestCase class: made in a transaction that the module's end rolls back, while each test runs in a
    savepoint inside it (the `db` fixture), so what one test changes is undone before the next. For the
    modules whose every test reads the same published reports: publishing them for each test cost seconds."""
    from django.db import transaction

    @pytest.fixture(scope="module", name=build.__name__)
    def rows(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                restore_migration_data()  # made before any test's own _roles runs
                made = build()
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        yield made
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)

    return rows


@pytest.fixture
def chief(db):
    """A superuser, signed in by tests that need the whole admin."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("chief", "chief@example.com", PASSWORD)


@pytest.fixture
def frozen_now():
    """Django's clock stopped at the test's start, for a test that compares a date the code reads from the clock
    with one it reads itself: a run across midnight (the site's, Asia/Shanghai) would otherwise see two days."""
    from unittest import mock

    from django.utils import timezone

    instant = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=instant):
        yield instant
