"""Bookkeeping for staff-written English: which Chinese text each English field was translated from.

When the Chinese changes after the English was written, the English may no longer say the same thing;
the admin lists such fields as 译文可能过时 (stale) and fields with no English as 缺少译文 (missing).
"""

import hashlib

from django.db import models

MISSING, STALE, CURRENT, NOT_NEEDED = "missing", "stale", "current", "not_needed"


def fingerprint(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


class Translated(models.Model):
    # {field: fingerprint of the Simplified text the English was written from}
    en_sources = models.JSONField("英文译自", default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_en = {name: instance.__dict__.get(name) for name in field_names if name.endswith("_en")}
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded_en = {
            f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields if f.attname.endswith("_en")
        }

    def stamp_english(self, fields):
        """Record the source of every English field that is new or changed since the row was loaded."""
        loaded = getattr(self, "_loaded_en", {})
        for field in fields:
            english = getattr(self, f"{field}_en") or ""
            if english and english != loaded.get(f"{field}_en"):
                self.en_sources[field] = fingerprint(getattr(self, f"{field}_zh_hans"))
            elif not english:
                self.en_sources.pop(field, None)
            loaded[f"{field}_en"] = english
        self._loaded_en = loaded

    def english_status(self, field):
        chinese = getattr(self, f"{field}_zh_hans") or ""
        english = getattr(self, f"{field}_en") or ""
        if not chinese.strip():
            return NOT_NEEDED
        if not english.strip():
            return MISSING
        return CURRENT if self.en_sources.get(field) == fingerprint(chinese) else STALE
