"""无障碍浏览 的 说明 and 无障碍声明 pages, and the keyboard shortcuts they list.

The shortcuts are declared once, here: the toolbar marks each control with its key (aria-keyshortcuts,
which static/js/shortcuts.js reads), and the help page lists the same table, so the two cannot disagree.
Alt+Shift+letter: Alt alone opens browser menus and Ctrl combinations are the browser's; with Shift
added, browsers leave these letters to the page. event.code is matched, not the character, so the
keys work under any keyboard layout or input method.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

PREFIX = "Alt+Shift+"
# name → (key, what it does); in the order of the toolbar. The names are those used in templates.
SHORTCUTS = {
    "a11y": ("A", _("打开或关闭无障碍浏览工具条")),
    "scheme_default": ("1", _("配色：标准")),
    "scheme_yellow_on_black": ("2", _("配色：黑底黄字")),
    "scheme_white_on_black": ("3", _("配色：黑底白字")),
    "scheme_black_on_white": ("4", _("配色：白底黑字")),
    "size_large": ("L", _("字号：大")),
    "size_medium": ("M", _("字号：中")),
    "size_small": ("S", _("字号：小")),
    "zoom_out": ("O", _("缩小页面")),
    "zoom_in": ("I", _("放大页面")),
    "textonly": ("T", _("打开或关闭纯文本")),
    "cursor": ("P", _("打开或关闭大鼠标")),
    "guide": ("G", _("打开或关闭辅助线")),
    "captions": ("U", _("打开或关闭大字幕")),
    "point": ("F", _("打开或关闭指读")),
    "read": ("R", _("连读：从页面正文开头或当前焦点处开始朗读")),
    "pause": ("E", _("暂停或继续朗读")),
    "stop": ("X", _("停止朗读")),
    "rate": ("V", _("依次切换语速：慢速、正常、快速")),
    "reset": ("Z", _("重置：恢复全部默认设置")),
    "help": ("H", _("打开本说明页")),
}


def keys():
    """name → "Alt+Shift+X", for aria-keyshortcuts in templates."""
    return {name: PREFIX + key for name, (key, _label) in SHORTCUTS.items()}


def help_page(request):
    rows = [{"keys": PREFIX + key, "label": label} for key, label in SHORTCUTS.values()]
    return render(request, "disclosure/a11y_help.html", {"shortcut_rows": rows})


def statement(request):
    return render(request, "disclosure/a11y_statement.html")
