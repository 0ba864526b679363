"""The local settings file (.env) and the one-line refusal to start without a required setting.

Hand-written rather than python-dotenv: `make run` writes plain KEY=VALUE lines, a dozen lines read them,
and production reads the real environment only.
"""

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class MissingSetting(ImproperlyConfigured):
    """A setting the portal cannot start without; its message says what to set."""


def read_env_file(path):
    """Each KEY=VALUE line of `path` (if there is such a file) that the environment does not set already.
    Blank lines and # comments are skipped, an `export ` in front and quotes around the value dropped."""
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip() for part in line.removeprefix("export ").split("=", 1))
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key, value)


@contextmanager
def one_line_if_missing(exit_status=1):
    """A MissingSetting ends the process with its message on one line of stderr instead of a traceback."""
    try:
        yield
    except MissingSetting as error:
        print(error, file=sys.stderr)
        sys.exit(exit_status)
