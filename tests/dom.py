"""A small HTML tree for assertions on rendered pages, built with the standard library's parser.

Enough to find elements by tag, id and class, read their text and attributes, and collect the
fields of a form as a browser would submit them.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = {name: value if value is not None else "" for name, value in attrs}
        self.parent = parent
        self.children = []  # Elements and strings, in document order

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def classes(self):
        return self.attrs.get("class", "").split()

    @property
    def text(self):
        """The text content, with runs of whitespace collapsed (as a reader would see it)."""
        return " ".join("".join(self._strings()).split())

    def _strings(self):
        for child in self.children:
            if isinstance(child, str):
                yield child
            else:
                yield from child._strings()

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, *tags, id=None, class_=None, **attrs):
        found = []
        for element in self.iter():
            if tags and element.tag not in tags:
                continue
            if id is not None and element.get("id") != id:
                continue
            if class_ is not None and class_ not in element.classes:
                continue
            if any(element.get(name.rstrip("_").replace("_", "-")) != value for name, value in attrs.items()):
                continue
            found.append(element)
        return found

    def find(self, *tags, **filters):
        found = self.find_all(*tags, **filters)
        assert found, f"no element {tags} {filters}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [])
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, attrs, self.current))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    if not isinstance(html, str):
        html = html.content.decode() if hasattr(html, "content") else html.decode()
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def form_data(form):
    """What submitting `form` unchanged would send: {name: value or [values]}."""
    data = {}

    def add(name, value):
        if name in data:
            data[name] = [*data[name], value] if isinstance(data[name], list) else [data[name], value]
        else:
            data[name] = value

    for element in form.iter():
        name = element.get("name")
        if not name or "disabled" in element.attrs:
            continue
        if element.tag == "input":
            kind = element.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in element.attrs:
                    add(name, element.get("value", "on"))
                continue
            add(name, element.get("value", ""))
        elif element.tag == "textarea":
            add(name, "".join(c for c in element.children if isinstance(c, str)).removeprefix("\n"))
        elif element.tag == "select":
            options = element.find_all("option")
            selected = [o for o in options if "selected" in o.attrs]
            if "multiple" in element.attrs:
                for option in selected:
                    add(name, option.get("value", option.text))
            elif selected or options:
                option = (selected or options)[0]
                add(name, option.get("value", option.text))
    return data
