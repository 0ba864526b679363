from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self):
        from . import pagecache, signals  # noqa: F401  (signals connects the Traditional-Chinese derivation)

        pagecache.connect()
