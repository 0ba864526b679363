"""Build the interface catalogues: English as translated, Traditional Chinese derived.

The msgids are the Simplified Chinese strings. The English catalogue is written by people; the
Traditional one is never typed: it is generated here from the msgids with the same converter that
derives Traditional content, so interface and content always agree. Pure Python (polib), so
`make run` needs no GNU gettext.

`locale/zh_Hans/` holds only overrides of Django's own admin strings (msgids in English, reworded for staff:
新建年报, not 增加 年报); it is compiled as written. The admin is served in Simplified Chinese only (its addresses
have no language prefix), so no Traditional counterpart is derived from it.
"""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from disclosure.languages.traditional import to_traditional


def _save_mo(catalogue, path):
    """Write next to the target, then rename: a running server or a parallel test never reads half a file."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    catalogue.save_as_mofile(str(partial))
    os.replace(partial, path)


class Command(BaseCommand):
    help = "编译界面翻译：英文按译文编译，繁体由简体自动转换生成。"

    def handle(self, **options):
        locale = Path(settings.LOCALE_PATHS[0])
        english = locale / "en" / "LC_MESSAGES" / "django.po"
        if not english.exists():
            raise CommandError(f"找不到英文界面翻译文件：{english}")
        catalogue = polib.pofile(str(english))
        missing = [entry.msgid for entry in catalogue if not entry.obsolete and not entry.translated()]
        if missing:
            raise CommandError("以下界面文字缺少英文译文：\n" + "\n".join(missing))
        _save_mo(catalogue, english.with_suffix(".mo"))
        overrides = sorted((locale / "zh_Hans" / "LC_MESSAGES").glob("*.po"))
        for override in overrides:
            _save_mo(polib.pofile(str(override)), override.with_suffix(".mo"))

        traditional = polib.POFile()
        traditional.metadata = {
            **catalogue.metadata,
            "Language": "zh_Hant",
            "Plural-Forms": "nplurals=1; plural=0;",
        }
        for entry in catalogue:
            # An English msgid is Django's own string in a template we override (admin/nav_sidebar.html):
            # Django's catalogue translates it; a Traditional entry here would only copy the English over it.
            if entry.obsolete or entry.msgid.isascii():
                continue
            derived = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt, flags=list(entry.flags))
            if entry.msgid_plural:
                derived.msgid_plural = entry.msgid_plural
                derived.msgstr_plural = {0: to_traditional(entry.msgid_plural)}
            else:
                derived.msgstr = to_traditional(entry.msgid)
            traditional.append(derived)
        target = locale / "zh_Hant" / "LC_MESSAGES"
        target.mkdir(parents=True, exist_ok=True)
        traditional.save(str(target / "django.po"))
        _save_mo(traditional, target / "django.mo")
        self.stdout.write(
            f"界面翻译：英文{len(catalogue)}条，繁体{len(traditional)}条；管理后台用语调整{len(overrides)}个文件。"
        )
