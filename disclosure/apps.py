from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self):
        # Connect the Traditional-Chinese derivation (signals), the access audit trail (audit) and the page
        # cache's invalidation on publication (pagecache).
        from . import audit, pagecache, signals  # noqa: F401

        pagecache.connect()
