from django.db import models


class GlossaryEntry(models.Model):
    """A phrase the automatic Simplified → Traditional conversion gets wrong, with its right form.

    Surnames (范、于), names of people and places, and terms a reader expects in a particular form
    (发布 → 發布, not 發佈) are fixed here once, and every text containing the phrase is derived again.
    """

    simplified = models.CharField(
        "简体词语",
        max_length=50,
        unique=True,
        help_text="原文中的简体写法，如“范仲淹”“于洪区”。尽量写完整的词或姓名，不要只写单字。",
    )
    traditional = models.CharField(
        "繁体写法", max_length=50, help_text="正确的繁体写法，如“范仲淹”“于洪區”。保存后，含有该词的内容自动重新转换。"
    )
    note = models.CharField("说明", max_length=200, blank=True, help_text="为什么需要人工指定，如“姓氏，不作‘範’”。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "繁体转换词表"
        ordering = ["simplified"]

    def __str__(self):
        return f"{self.simplified} → {self.traditional}"

    @classmethod
    def from_db(cls, db, field_names, values):
        # Remember the phrase as loaded: when staff change it, texts with the old phrase are derived again too.
        instance = super().from_db(db, field_names, values)
        instance._loaded_simplified = instance.simplified
        return instance
