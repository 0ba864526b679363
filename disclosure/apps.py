from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "政府信息公开年报"

    def ready(self):
        # Importing these connects their signal receivers: the Traditional-Chinese derivation, the access
        # audit trail, and the page cache's invalidation on publication.
        from disclosure import context_processors
        from disclosure.languages import derivation  # noqa: F401
        from disclosure.public import page_cache
        from disclosure.staff_security import audit  # noqa: F401

        page_cache.connect()
        context_processors.connect()  # forgets the cached chrome when it changes
