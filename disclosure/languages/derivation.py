"""Keep every `*_zh_hant` field derived from its `*_zh_hans` source, on every save.

When the glossary changes, every row whose Simplified text contains the phrase is derived again.
Published revisions are not touched: they are a record, and the next publication carries the fix.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from modeltranslation.translator import NotRegistered, translator

from disclosure.languages.traditional import forget_glossary, load_glossary, to_traditional
from disclosure.models import GlossaryEntry, Revision
from disclosure.models.translated import Translated


def translated_fields(model):
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


@receiver(pre_save)
def derive_traditional(sender, instance, **kwargs):
    fields = translated_fields(sender)
    if not fields:
        return
    glossary = load_glossary()
    for field in fields:
        setattr(instance, f"{field}_zh_hant", to_traditional(getattr(instance, f"{field}_zh_hans"), glossary))
    if isinstance(instance, Translated):
        instance.stamp_english(fields)


def rederive(phrases):
    """Derive again every working-copy row whose Simplified text contains one of `phrases`; return the count."""
    phrases = [phrase for phrase in phrases if phrase]
    count = 0
    for model in translator.get_registered_models(abstract=False):
        if model is Revision or not phrases:
            continue
        fields = translated_fields(model)
        match = Q()
        for field in fields:
            for phrase in phrases:
                match |= Q(**{f"{field}_zh_hans__contains": phrase})
        for row in model.objects.filter(match):
            row.save(update_fields=[f"{field}_zh_hant" for field in fields])
            count += 1
    return count


@receiver(post_save, sender=GlossaryEntry)
def glossary_saved(sender, instance, **kwargs):
    forget_glossary()
    previous = getattr(instance, "_loaded_simplified", None)
    instance.rederived = rederive({instance.simplified, previous})


@receiver(post_delete, sender=GlossaryEntry)
def glossary_deleted(sender, instance, **kwargs):
    forget_glossary()
    instance.rederived = rederive({instance.simplified})
