"""Reader preferences (字体 大/中/小, 无障碍浏览 with its colour scheme, zoom and text-only view), kept in cookies.

The server renders them as classes on <html>, so a page never flashes in the wrong size or colours,
and every control works as a plain link when scripts are off; a small script only saves the reload.
"""

from urllib.parse import unquote, urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

COOKIE_AGE = 365 * 24 * 3600
CHOICES = {
    "size": ("medium", "large", "small"),  # the first value is the default
    "a11y": ("off", "on"),
    "scheme": ("default", "yellow-on-black", "white-on-black", "black-on-white"),
    # 放大/缩小: percentages of the root font size. The layout is in rem, so it reflows rather than being
    # scaled as a picture, and it stacks with the browser's own zoom instead of replacing it.
    "zoom": ("100", "125", "150", "175", "200"),
    # 纯文本: the same page with a minimal stylesheet instead of the site's layout (see text_only()).
    "textonly": ("off", "on"),
    # 大鼠标 is CSS only; 辅助线 and 大字幕 need the script, which alone offers them, but their classes come
    # from the server too, so that the page does not jump when the script starts.
    "cursor": ("off", "on"),
    "guide": ("off", "on"),
    "captions": ("off", "on"),
    # 语音朗读: 指读 on or off, and the speed; the script reads them, the server marks the pressed buttons.
    "reading": ("off", "on"),
    "rate": ("normal", "slow", "fast"),
}
# The switches above whose class on <html> is their own name (big-cursor for 大鼠标).
SWITCH_CLASSES = {"textonly": "textonly", "cursor": "big-cursor", "guide": "guide", "captions": "captions"}

# The toolbar draws its buttons from here (disclosure/templatetags/a11y_toolbar.py): one per choice, in the order
# shown, which is not CHOICES' order (the default comes first there); the shortcut is "<name>_<value>".
CHOICE_LABELS = {
    "scheme": {
        "default": _("标准"),
        "yellow-on-black": _("黑底黄字"),
        "white-on-black": _("黑底白字"),
        "black-on-white": _("白底黑字"),
    },
    "size": {"large": _("大号字体"), "medium": _("中号字体"), "small": _("小号字体")},
    "rate": {"slow": _("慢速"), "normal": _("正常"), "fast": _("快速")},
}
# What a size button shows; its label above is its accessible name and title.
SIZE_FACES = {
    "large": pgettext_lazy("font size", "大"),
    "medium": pgettext_lazy("font size", "中"),
    "small": pgettext_lazy("font size", "小"),
}
# One on/off button per switch of SWITCH_CLASSES, in the toolbar's order; the shortcut has the switch's name.
SWITCH_LABELS = {"textonly": _("纯文本"), "cursor": _("大鼠标"), "guide": _("辅助线"), "captions": _("大字幕")}
SCRIPT_ONLY = ("guide", "captions")


def read(request):
    prefs = {}
    for name, values in CHOICES.items():
        value = unquote(request.COOKIES.get(f"pref_{name}", ""))  # static/js/cookies.js encodes the value
        prefs[name] = value if value in values else values[0]
    return prefs


def html_classes(prefs):
    classes = [f"text-{prefs['size']}"]
    if prefs["a11y"] == "on":
        classes += ["a11y", f"scheme-{prefs['scheme']}"]
        # Only what differs from the default, so that the usual page keeps its short class list.
        if prefs["zoom"] != CHOICES["zoom"][0]:
            classes.append(f"zoom-{prefs['zoom']}")
        classes += [css for name, css in SWITCH_CLASSES.items() if prefs[name] == "on"]
    return " ".join(classes)


def text_only(prefs):
    """The text-only view belongs to 无障碍浏览: leaving the mode brings the full layout back."""
    return prefs["a11y"] == "on" and prefs["textonly"] == "on"


def zoom_steps(current):
    """The zoom one step out and one step in from the current one; the same value at either end."""
    steps = CHOICES["zoom"]
    index = steps.index(current)
    return steps[max(index - 1, 0)], steps[min(index + 1, len(steps) - 1)]


def link(name, value, next_url):
    return linker(next_url)(name, value)


def linker(next_url):
    """link(name, value, next_url) for the thirty links of every page: the view's address and the way back are
    worked out once (a reverse() per link was a tenth of a simple page's time)."""
    base = reverse("disclosure:preference")
    back = urlencode({"next": next_url})
    return lambda name, value: f"{base}?{urlencode({name: value})}&{back}"


def set_preference(request):
    """GET /preferences/?size=large&next=/reports/…: remember the choice, go back to the page."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response["Cache-Control"] = "no-store"
    for name, values in CHOICES.items():
        if "reset" in request.GET:
            response.delete_cookie(f"pref_{name}")
        elif request.GET.get(name) in values:
            response.set_cookie(f"pref_{name}", request.GET[name], max_age=COOKIE_AGE, samesite="Lax")
    return response
