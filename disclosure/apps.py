from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self):
        from . import signals  # noqa: F401  (connects the Traditional-Chinese derivation)
