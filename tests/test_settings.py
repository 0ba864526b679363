"""Start-up rules of portal/settings.py, checked in a fresh interpreter as a server would start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MESSAGE = "DJANGO_SECRET_KEY is not set."


def start(*command, **env):
    """`python -c <django.setup(), print DEBUG>` (or `command`) in the project, with none of this run's settings:
    no DJANGO_*, DATABASE_URL or DEMO_PASSWORD from the environment, no .env unless DJANGO_ENV_FILE names one."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "DEMO_PASSWORD"))}
    clean.update({"DJANGO_ENV_FILE": ""}, **env, DJANGO_SETTINGS_MODULE="portal.settings")
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    command = command or (sys.executable, "-c", code)
    return subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def test_debug_is_off_by_default_and_refuses_to_start_without_a_secret_key():
    result = start()
    assert result.returncode != 0
    assert MESSAGE in result.stderr


def test_debug_off_with_a_secret_key_starts():
    result = start(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_on_needs_no_secret_key():
    result = start(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_missing_secret_key_is_one_plain_line_from_manage_py():
    result = start(sys.executable, "manage.py", "check")
    assert result.returncode == 1
    assert result.stderr.strip().startswith(MESSAGE)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_a_missing_secret_key_stops_gunicorn_with_one_plain_line(tmp_path):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    result = start(
        str(gunicorn), "-c", "portal/gunicorn.py", "portal.wsgi",
        GUNICORN_BIND=f"unix:{tmp_path / 'socket'}", GUNICORN_WORKERS="1",
    )  # fmt: skip
    assert result.returncode != 0  # the master stops: no new worker after a failed one
    output = result.stdout + result.stderr
    assert [line.startswith(MESSAGE) for line in output.splitlines() if MESSAGE in line] == [True]
    assert "Traceback" not in output


def test_the_env_file_is_read(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# local settings\n\nDJANGO_DEBUG=1\nexport DEMO_PASSWORD = 'from the file'\n")
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DEBUG, s.DEMO_PASSWORD)"
    result = start(sys.executable, "-c", code, DJANGO_ENV_FILE=str(env_file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True from the file"


def test_the_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=from-the-file\n")
    result = start(DJANGO_ENV_FILE=str(env_file), DJANGO_DEBUG="0", DJANGO_SECRET_KEY="y" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_make_writes_a_development_env_file_once_that_lets_manage_py_start(tmp_path):
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), f"PYTHON={sys.executable}", ".env"]
    subprocess.run(make, check=True, capture_output=True)
    written = (tmp_path / ".env").read_text()
    assert "DJANGO_DEBUG=1" in written.splitlines()
    subprocess.run(make, check=True, capture_output=True)
    assert (tmp_path / ".env").read_text() == written  # never overwritten: the key stays the same
    result = start(sys.executable, "manage.py", "check", DJANGO_ENV_FILE=str(tmp_path / ".env"))
    assert result.returncode == 0, result.stderr


def test_the_tests_do_not_read_a_developers_env_file():
    assert os.environ["DJANGO_ENV_FILE"] == ""
