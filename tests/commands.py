"""Running a management command in a test: as call_command does, or as `manage.py …` from a shell would."""

from io import StringIO
from unittest import mock

from django.core.management import ManagementUtility, call_command


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_from_shell(*argv, capsys):
    """As `manage.py …` would run it: returns (exit code, stdout, stderr)."""
    code = 0
    # A command that fails closes the database connections on its way out (BaseCommand.run_from_argv): on
    # PostgreSQL that would end the test's own transaction, so the test could not look at the database after.
    try:
        with mock.patch("django.db.connections.close_all"):
            ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err
