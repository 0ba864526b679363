"""Keep every `*_zh_hant` field derived from its `*_zh_hans` source whenever a row is saved."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from modeltranslation.translator import NotRegistered, translator

from .chinese import to_traditional


@receiver(pre_save)
def derive_traditional(sender, instance, **kwargs):
    try:
        options = translator.get_options_for_model(sender)
    except NotRegistered:
        return
    for field in options.fields:
        setattr(instance, f"{field}_zh_hant", to_traditional(getattr(instance, f"{field}_zh_hans")))
