"""Running a management command in a test: as call_command does, or as `manage.py …` from a shell would."""

from io import StringIO

from django.core.management import ManagementUtility, call_command


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_from_shell(*argv, capsys):
    """As `manage.py …` would run it: returns (exit code, stdout, stderr)."""
    code = 0
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err
