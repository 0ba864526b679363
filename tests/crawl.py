"""A crawler of the public site as an anonymous visitor sees it, for tests that look for leaks.

It starts from the home page of every language, sitemap.xml and robots.txt, follows every same-site link
it finds (HTML links, sitemap and feed entries, URLs inside JSON), and fetches extra addresses given by the
test. Extra addresses may name endpoints that are not merged yet: a 404 there is skipped, not a failure.
"""

import contextlib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from tests import dom

SITE = "http://testserver"
LANGUAGE_PREFIXES = ("", "/zh-hant", "/en")
START = ("/sitemap.xml", "/robots.txt", *(prefix + "/" for prefix in LANGUAGE_PREFIXES))
# Not pages: static files, and preference links that only set a cookie and send the visitor back.
SKIP = re.compile(r"^/(static/|preferences/|(zh-hant/|en/)?preferences/)")
XML_LINK = re.compile(r"<(?:loc|link|guid|id)>\s*([^<\s]+)\s*</|href=\"([^\"]+)\"")
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
        page = Page(url, response.status_code, content_type, body.decode("utf-8", "replace"))
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
        return [url for url, page in self.pages.items() if marker.lower() in page.text.lower()]


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
