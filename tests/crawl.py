"""A crawler of the public site as an anonymous visitor sees it, for tests that look for leaks.

It starts from the home page of every language, sitemap.xml and robots.txt, follows every same-site link
it finds (HTML links, sitemap and feed entries, URLs inside JSON), and fetches extra addresses given by the
test. Extra addresses may name endpoints that are not merged yet: a 404 there is skipped, not a failure.
Downloads are searched as text: Word files unzipped, the text of PDFs extracted.
"""

import contextlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from tests import dom

SITE = "http://testserver"
LANGUAGE_PREFIXES = ("", "/zh-hant", "/en")
START = ("/sitemap.xml", "/robots.txt", *(prefix + "/" for prefix in LANGUAGE_PREFIXES))
# Not pages: static files, and preference links that only set a cookie and send the visitor back.
SKIP = re.compile(r"^/(static/|preferences/|(zh-hant/|en/)?preferences/)")
XML_LINK = re.compile(r"<(?:loc|link|guid|id)>\s*([^<\s]+)\s*</|href=\"([^\"]+)\"")
TAG = re.compile(r"<[^>]*>")
TEXT_LINK = re.compile(r"(?:https?://testserver)?(/[^\s\"'<>]*)")


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    text: str


@dataclass
class Crawl:
    client: object
    limit: int = 3000
    pages: dict = field(default_factory=dict)  # url → Page
    skipped: list = field(default_factory=list)  # extra URLs that answered 404

    def run(self, extra=()):
        queue = list(START)
        for url in extra:
            page = self.fetch(url)
            if page.status == 404:
                self.skipped.append(url)
            else:
                queue.extend(self.links(page))
        while queue:
            url = queue.pop(0)
            if url in self.pages or len(self.pages) >= self.limit:
                continue
            page = self.fetch(url)
            queue.extend(link for link in self.links(page) if link not in self.pages)
        assert len(self.pages) < self.limit, "the crawl did not end: a link generates endless addresses"
        return self

    def fetch(self, url):
        response = self.client.get(url)
        content_type = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        page = Page(url, response.status_code, content_type, readable(body))
        if response.status_code in (301, 302, 303, 307, 308):
            page.text += "\n" + response["Location"]
        self.pages[url] = page
        return page

    def links(self, page):
        found = []
        if page.status in (301, 302, 303, 307, 308):
            found.append(page.text.rsplit("\n", 1)[-1])
        elif "html" in page.content_type:
            tree = dom.parse(page.text)
            found += [e.get("href") for e in tree.find_all("a", "link") if e.get("href")]
            found += [e.get("action") or page.url for e in tree.find_all("form") if e.get("method", "get") == "get"]
        elif "xml" in page.content_type or "rss" in page.content_type or "atom" in page.content_type:
            found += [a or b for a, b in XML_LINK.findall(page.text)]
        elif "json" in page.content_type:
            with contextlib.suppress(ValueError):
                found += [s for s in _strings(json.loads(page.text)) if s.startswith(("/", SITE))]
        elif "text/plain" in page.content_type:
            found += TEXT_LINK.findall(page.text)
        return [url for url in (self.local(page.url, link) for link in found) if url]

    @staticmethod
    def local(base, link):
        """The link as a path on this site (with its query, without its fragment), or None if elsewhere."""
        parts = urlsplit(urljoin(SITE + base, link.strip()))
        if f"{parts.scheme}://{parts.netloc}" != SITE or SKIP.match(parts.path):
            return None
        return urlunsplit(("", "", parts.path, parts.query, ""))

    def containing(self, marker):
        """Pages showing `marker`, also where markup splits it (search results wrap the match in <mark>)."""
        marker = marker.lower()
        return [url for url, page in self.pages.items() if marker in page.text.lower() or marker in _plain(page)]

    def containing_any(self, values):
        """{value: [urls]} for those of `values` some page shows, as `containing` finds them, but reading the
        crawl once rather than once per value (the privacy test looks for hundreds of values)."""
        texts = []
        for page in self.pages.values():
            text = page.text.lower()
            plain = _plain(page)
            texts.append(text if plain in ("", text) else f"{text}\x00{plain}")
        everything = "\x00".join(texts)
        found = {}
        for value in values:
            if value.lower() in everything:
                found[value] = self.containing(value)
        return found


def _plain(page):
    return TAG.sub("", page.text).lower() if "html" in page.content_type or "xml" in page.content_type else ""


def readable(body):
    """The text of a response as a search for markers needs it: Word files unzipped, PDFs' text extracted."""
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", "replace")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
