from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from disclosure.languages.declared import CODES
from disclosure.models import Revision, SearchIndex
from disclosure.public.search_indexing import index_revisions


class Command(BaseCommand):
    help = (
        "为站内搜索建立索引：为尚无索引的版本（升级前发布的、批量写入的）写入各语言的索引行。"
        "发布时工作流已自动写入，一般只在升级后运行一次；--all 删除全部索引后重建（检索规则改变之后）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="删除全部索引后为每个版本重建")

    def handle(self, **options):
        with transaction.atomic():
            if options["all"]:
                SearchIndex.objects.all().delete()
            # A revision missing a language (a language added since) is indexed again; its other rows are kept.
            complete = (
                SearchIndex.objects.filter(lang__in=CODES)
                .values("revision")
                .annotate(languages=Count("lang"))
                .filter(languages=len(CODES))
                .values("revision")
            )
            missing = Revision.objects.exclude(pk__in=complete).order_by("pk").iterator(chunk_size=100)
            count = index_revisions(missing)
        self.stdout.write(f"已为{count}个版本建立检索索引。")
