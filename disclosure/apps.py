from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self):
        # Connect the Traditional-Chinese derivation (signals) and the access audit trail (audit).
        from . import audit, signals  # noqa: F401
