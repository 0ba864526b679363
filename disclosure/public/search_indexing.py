"""Writing 站内搜索's index (models.SearchIndex): the one function that turns revisions into rows.

The workflow calls it as it makes a revision (published now or scheduled: whether a row may be found is
decided at query time by Revision.objects.public(), never here), and `manage.py reindex_search` calls it for
revisions made before the index existed or written in bulk (bench seeds). Rows are built from the revision's
frozen document alone, as search.passages reads it for each language's page, so they never go stale.
"""

from django.utils import translation

from disclosure.languages.declared import CODES
from disclosure.models import SearchIndex
from disclosure.public import search


def bigrams(found):
    """ " a ab b bc c " for the folded passages: each character that is not a separator, and each pair of
    neighbouring such characters, once each, between spaces. A term of one or two characters occurs in a passage
    exactly when " term " occurs here, a pattern long enough for a trigram index. Search terms never hold
    separators (search.parse splits on them), so pairs across one are left out."""
    words = set()
    for passage in found:
        run = ""
        for char in passage.folded + " ":
            if search.is_separator(char):
                words.update(run)
                words.update(run[i : i + 2] for i in range(len(run) - 1))
                run = ""
            else:
                run += char
    return f" {' '.join(sorted(words))} "


def _stored(passage):
    return [passage.text, passage.section, passage.anchor, passage.lang]


def entry(revision, lang):
    """The unsaved row of `revision` in `lang`."""
    with translation.override(lang):  # the headings search adds (存在的问题及整改情况…) in the page's language
        title, body_name, found = search.passages(revision.document, lang)
    return SearchIndex(
        revision=revision,
        lang=lang,
        title=title.folded,
        everything=search.folded_text(title, body_name, found),
        bigrams=bigrams((title, body_name, *found)),
        passages={"title": _stored(title), "body_name": _stored(body_name), "passages": [_stored(p) for p in found]},
    )


def entries(revision):
    """The unsaved rows of `revision`, one per language."""
    return [entry(revision, lang) for lang in CODES]


def index_revisions(revisions, batch_size=100):
    """Write the rows of `revisions` (with their documents) in every language; rows already there are kept
    (a revision never changes). Returns the number of revisions indexed."""
    count, batch = 0, []
    for revision in revisions:
        batch.extend(entries(revision))
        count += 1
        if len(batch) >= batch_size:
            SearchIndex.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    SearchIndex.objects.bulk_create(batch, ignore_conflicts=True)
    return count
