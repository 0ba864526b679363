import json

from django.core.management.base import BaseCommand, CommandError

from disclosure.applications.counting import table3
from disclosure.models import Body


class Command(BaseCommand):
    help = (
        "按依申请公开登记统计某机构某年度的统计表三（收到和处理政府信息公开申请情况），"
        '以 disclosure-report/1 的键输出 {"requests": {行: {列: 件数}}}，共25行×7列。'
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("body", help="受理机关的网址标识（slug），如 sports-bureau")

    def handle(self, year, body, **options):
        found = Body.objects.filter(slug=body).first()
        if found is None:
            raise CommandError(f"没有网址标识为“{body}”的机构。")
        if not 2008 <= year <= 2100:
            raise CommandError(f"年度应在2008年至2100年之间，而不是{year}。")
        self.stdout.write(json.dumps(table3(found, year), ensure_ascii=False, indent=2))
