"""What the load_* commands share: a document file read within its format's limits, and the refusal of a
malformed one, as a CommandError whose message says what is wrong and that nothing was written."""

from pathlib import Path

from django.core.management.base import CommandError

from disclosure.publishing.json_files import Unreadable, too_large


def read(path, parse, max_bytes):
    """The document in the file at `path`, read by `parse`; a CommandError for a missing, oversized (refused
    before it is read) or unreadable file."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"找不到文件：{path}")
    size = file.stat().st_size
    if size > max_bytes:
        raise CommandError(f"{path}：{too_large(size, max_bytes)}")
    try:
        return parse(file.read_bytes())
    except Unreadable as error:
        raise CommandError(f"{path}：{error}") from None


def refused(path, malformed):
    """The CommandError for a document that is not well-formed: every problem with its JSON path."""
    lines = "\n".join(f"  {where}: {message}" for where, message in malformed.problems)
    return CommandError(f"{path} 未载入，数据库未作任何改动。文档有{len(malformed.problems)}处问题：\n{lines}")
