from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "发布年报：report_transition YEAR BODY publish 的简写，规则完全相同。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("body", help="发布机构的网址标识（slug）")
        parser.add_argument("--user", required=True, help="执行发布的工作人员用户名（须有“发布人”角色）")
        parser.add_argument("--note", default="", help="更正说明（再次发布时必填）")

    def handle(self, year, body, user, note="", **options):
        call_command("report_transition", year, body, "publish", user=user, comment=note, stdout=self.stdout)
