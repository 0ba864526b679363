"""Simplified → Traditional conversion, run when text is saved and never while a page is served.

The pure-Python converter costs tens of milliseconds per page of text, so it belongs in the write path.
`s2tw` is the default: `s2t` produces forms (爲, 裏, 着) that look wrong to readers in Taiwan and Hong
Kong, and `s2twp` rewrites vocabulary (发布时间 → 釋出時間), which changes what an official wrote.
What OpenCC still gets wrong (surnames such as 范 and 于, names, preferred terms) staff fix in the
glossary (GlossaryEntry); its phrases are shielded from OpenCC and put back in their given form.
"""

from functools import lru_cache

from django.conf import settings

from disclosure import cached

ALLOWED_CONFIGS = {"s2tw", "s2hk"}
# Private-use characters stand in for glossary phrases while OpenCC runs: it passes them through untouched.
PLACEHOLDER_BASE = 0xF0000


@lru_cache(maxsize=2)
def _converter(config):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=2048)
def _convert(config, text):
    # The same paragraphs are converted again whenever a row is saved (a title edited, a report copied
    # to next year, a revision frozen); OpenCC's answer for a text never changes, so keep the recent ones.
    return _converter(config).convert(text)


def traditional_config():
    config = getattr(settings, "OPENCC_CONFIG", "s2tw")
    if config not in ALLOWED_CONFIGS:
        raise ValueError(f"OPENCC_CONFIG must be one of {sorted(ALLOWED_CONFIGS)}, not {config!r}")
    return config


# Every save of a translated row derives its Traditional text with the glossary: read it once, then from the
# cache until an entry is saved or deleted (`forget_glossary`, called by languages/derivation.py's receivers).
GLOSSARY_KEY, GLOSSARY_SECONDS = "traditional:glossary", 300


def load_glossary():
    """[(simplified, traditional)], longest phrase first so that 范仲淹 wins over 范."""
    from disclosure.models import GlossaryEntry

    def build():
        entries = GlossaryEntry.objects.values_list("simplified", "traditional")
        return sorted(entries, key=lambda entry: len(entry[0]), reverse=True)

    return cached.read(GLOSSARY_KEY, GLOSSARY_SECONDS, build)


def forget_glossary():
    cached.forget(GLOSSARY_KEY)


def to_traditional(text, glossary=()):
    if not text:
        return text
    kept = []
    for simplified, traditional in glossary:
        if simplified in text:
            placeholder = chr(PLACEHOLDER_BASE + len(kept))
            text = text.replace(simplified, placeholder)
            kept.append((placeholder, traditional))
    text = _convert(traditional_config(), text)
    for placeholder, traditional in kept:
        text = text.replace(placeholder, traditional)
    return text


# Search compares text, not spelling: a reader may type Simplified on the Traditional site or the reverse.
# Both the query and the text are folded with OpenCC's own t2s tables (TW/HK variants first), character by
# character rather than through its phrase segmenter: the fold is then symmetric (the same character always
# folds the same way, so a substring of the text still matches), keeps every offset (one character in, one
# out, so a match found in the folded text marks the same span of the original), and costs a `str.translate`
# instead of tens of milliseconds per page. Case and full-width ASCII (ＡＢＣ１２３) are folded too.
_FOLD_DICTIONARIES = ("TWVariantsRev.txt", "HKVariantsRev.txt", "TSCharacters.txt")


@lru_cache(maxsize=1)
def _fold_table():
    from pathlib import Path

    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    mapping = {}
    for name in _FOLD_DICTIONARIES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            source, _, targets = line.partition("\t")
            target = targets.split(" ")[0] if targets else ""
            if len(source) == 1 and len(target) == 1 and source not in mapping:
                mapping[source] = target
    # Follow chains (裡 → 裏 → 里) to the end, so that every character folds in one step.
    for source in list(mapping):
        target, seen = mapping[source], {source}
        while target in mapping and target not in seen:
            seen.add(target)
            target = mapping[target]
        mapping[source] = target
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        mapping[chr(code)] = chr(code - 0xFEE0).lower()
    mapping["\u3000"] = " "
    table = {ord(source): target for source, target in mapping.items() if source != target}
    for code in range(0x41, 0x250):  # Latin letters with a one-character lower case (keeps offsets)
        lower = chr(code).lower()
        if len(lower) == 1 and lower != chr(code):
            table.setdefault(code, lower)
    return table


def fold(text):
    """`text` folded for comparison: Simplified forms, lower case, half-width; same length as `text`."""
    return text.translate(_fold_table())
