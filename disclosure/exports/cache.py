"""Generated downloads kept on disk, one file per revision, language and kind.

A revision never changes, so its file never goes stale: a correction is a new revision with a new id and
so a new file name. EXPORT_VERSION is in the name too, so that a change to the layout code is not hidden
behind files drawn by the old code. Files are written under a temporary name and renamed into place,
so two workers drawing the same file at once never serve half of one.

Drawing a report's file removes that report's other files of the same language and kind: they belong to
revisions a correction has replaced (only the public revision is ever offered) or to an older layout, and
would otherwise pile up. A reader already downloading one keeps it: the file is open, and an open file
outlives its name.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings

from disclosure.exports import blocks, pdf, word

EXPORT_VERSION = 2  # 2: tables placed and figures written as on the report page
RENDERERS = {"docx": word.render, "pdf": pdf.render}


def directory():
    folder = Path(settings.DOWNLOAD_CACHE_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_name(revision, lang, kind):
    # The digest guards against a revision id used again (a database restored or rebuilt beside old files).
    digest = hashlib.sha256(json.dumps(revision.document, sort_keys=True).encode()).hexdigest()[:12]
    return f"report{revision.report_id}-{revision.pk}-{digest}-{lang}-v{EXPORT_VERSION}.{kind}"


def open_file(revision, lang, kind):
    """The file for `revision` in `lang`, open for reading: drawn now unless an earlier request drew it."""
    target = directory() / file_name(revision, lang, kind)
    try:
        return target.open("rb")
    except FileNotFoundError:
        pass
    content = RENDERERS[kind](blocks.build(revision.document, lang))
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".drawing-", suffix=f".{kind}")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    os.replace(temporary, target)
    stream = target.open("rb")
    for old in target.parent.glob(f"report{revision.report_id}-*-{lang}-v*.{kind}"):
        if old != target:
            old.unlink(missing_ok=True)
    return stream
