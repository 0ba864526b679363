"""站内搜索's index: one row per published revision and language, written when the revision is made.

A revision never changes, so its row never does either; a correction is a new revision with rows of its own,
and what may be found is decided at query time by Revision.objects.public() (a scheduled revision has rows
before it is due and is not found until then; a withdrawn one keeps its rows and is not found). Rows go when
their revision goes (a cancelled schedule).

The matching columns hold text folded as search folds it (traditional.fold), and the database matches them:
PostgreSQL with pg_trgm GIN indexes, SQLite with an FTS5 trigram table kept in step by triggers (both made by
the migration, by database; see disclosure/public/search_backends.py). `passages` keeps what a hit shows, so
the result page never reads a document.
"""

from django.db import models


class SearchIndex(models.Model):
    revision = models.ForeignKey(
        "disclosure.Revision", verbose_name="版本", on_delete=models.CASCADE, related_name="search_entries"
    )
    lang = models.CharField("语言", max_length=8)
    title = models.TextField("标题（检索用）")  # folded: the ranking asks which terms the title holds
    everything = models.TextField("全文（检索用）")  # every folded passage, one per line: terms of 3+ characters
    # " ab bc cd d " per passage: each pair of neighbouring characters (and each run's last character) as a word,
    # so that a trigram index also answers terms of one or two characters (see search_backends).
    bigrams = models.TextField("双字（检索用）")
    passages = models.JSONField("段落")  # {"title", "body_name": [text, section, anchor, lang], "passages": [...]}

    class Meta:
        verbose_name = verbose_name_plural = "检索索引"
        constraints = [models.UniqueConstraint(fields=["revision", "lang"], name="search_index_revision_lang")]

    def __str__(self):
        return f"{self.revision_id} {self.lang}"
