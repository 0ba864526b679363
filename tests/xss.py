"""A catalogue of cross-site scripting payloads, and a check, with an HTML parser, that a page kept them inert.

Every payload carries the probe word, so that whatever it would create (an element, an attribute, a URL)
can be recognised in the parsed page. A page is inert when the parser finds no event-handler attribute,
no script it did not expect, no javascript: or data: URL, no frame or plugin element, and no element or
attribute that a payload broke out to create; the payload's own text may appear only as text, or as the
value of a form field that shows it for editing.
"""

import re

from tests import dom

PROBE = "xssprobe"

PAYLOADS = [
    f"<script>{PROBE}(1)</script>",
    f"<SCRIPT SRC=//evil.example/{PROBE}.js></SCRIPT>",
    f'<img src=x onerror="{PROBE}(2)">',
    f"<svg onload={PROBE}(3)>",
    f'<svg><a xlink:href="javascript:{PROBE}(4)"><text>x</text></a></svg>',
    f'<a href="javascript:{PROBE}(5)">点我</a>',
    f'<a href=" JaVaScRiPt:{PROBE}(6)">link</a>',
    f'"><b id="{PROBE}-b" onmouseover="{PROBE}(7)">',
    f"'><i class='{PROBE}-i' onfocus='{PROBE}(8)' autofocus>",
    f"</textarea><script>{PROBE}(9)</script>",
    f"</title><style>*{{background:url({PROBE})}}</style>",
    f'<iframe src="data:text/html,<script>{PROBE}(10)</script>"></iframe>',
    f"<math><mtext><table><mglyph><style><img src=x onerror={PROBE}(11)>",
    f'<object data="javascript:{PROBE}(12)"></object>',
    f'<div style="background:url(javascript:{PROBE}(13))">样式</div>',
    "{{ settings.SECRET_KEY }}{% debug %}{% load static %}",
    f"＜script＞{PROBE}(14)＜/script＞",  # full-width brackets: text, never markup
    f"\uff1cimg src=x onerror={PROBE}(15)\uff1e",
    f"&lt;script&gt;{PROBE}(16)&lt;/script&gt;",  # already escaped: must come out as typed, not unescaped
    f"<!--{PROBE}--><![CDATA[{PROBE}]]>",
    f"\u202e<b>{PROBE}</b>\u200b</p><p>",  # bidi override, zero-width space, a closing tag
]

EDITABLE = {"value", "title", "placeholder", "aria-label", "content", "alt", "data-value", "data-label"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "math", "mglyph", "mtext"}
CONTROL = re.compile(r"[\x00-\x20]+")


def problems(html):
    """What in `html` a payload has turned into markup; [] when every payload stayed text."""
    found = []
    for element in dom.parse(html).iter():
        where = f"<{element.tag} {element.attrs}>"
        if element.tag in FORBIDDEN_TAGS:
            found.append(f"forbidden element {where}")
        if element.tag == "script":
            src = element.get("src")
            if src is None or not src.startswith("/") or src.startswith("//"):
                found.append(f"a script that is not one of ours {where}")
            if PROBE in element.text:
                found.append(f"probe inside a script {where}")
        if element.tag == "style" and PROBE in element.text:
            found.append(f"probe inside a style element {where}")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"event handler {name} on {where}")
            if PROBE in name:
                found.append(f"attribute created by a payload {where}")
            if name in URL_ATTRIBUTES and CONTROL.sub("", value).lower().startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                found.append(f"dangerous URL in {name} {where}")
            if PROBE in value and name not in EDITABLE:
                found.append(f"probe in attribute {name} {where}")
    return found


def text_of(html):
    """Everything a reader (or an editor in a form field) sees as text in the page."""
    tree = dom.parse(html)
    parts = [tree.text]
    parts += [e.get("value", "") for e in tree.find_all("input")]
    return " ".join(" ".join(parts).split())
