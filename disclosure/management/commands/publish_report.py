from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "发布年报：report_transition YEAR BODY publish 的简写，规则完全相同。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("body", help="发布机构的网址标识（slug）")
        parser.add_argument("--user", required=True, help="执行发布的工作人员用户名（须有“发布人”角色）")
        parser.add_argument("--note", help="更正说明（简体），代替撰稿人拟写的；再次发布时没有拟写的，必须填写")
        parser.add_argument("--note-en", dest="note_en", help="更正说明（英文），代替拟写的英文")

    def handle(self, year, body, user, note=None, note_en=None, **options):
        notes = {key: text for key, text in (("note", note), ("note_en", note_en)) if text is not None}
        call_command("report_transition", year, body, "publish", user=user, stdout=self.stdout, **notes)
