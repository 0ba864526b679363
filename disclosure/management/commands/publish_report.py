from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from disclosure import workflow
from disclosure.models import Report


class Command(BaseCommand):
    help = "发布某机构某年度的年报（把当前内容固定为一个新的发布版本）。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("body", help="发布机构的网址标识（slug）")
        parser.add_argument("--user", help="以哪位工作人员的名义发布")
        parser.add_argument("--note", default="", help="更正说明（再次发布时必填）")

    def handle(self, year, body, user=None, note="", **options):
        report = Report.objects.filter(year=year, body__slug=body).first()
        if report is None:
            raise CommandError(f"没有找到“{body}”的{year}年度年报。")
        user_obj = None
        if user:
            user_obj = get_user_model().objects.filter(username=user).first()
            if user_obj is None:
                raise CommandError(f"没有用户名为“{user}”的工作人员。")
        try:
            revision = workflow.publish(report, user_obj, note)
        except workflow.TransitionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(f"已发布《{report.title}》第{revision.number}版：{revision.get_absolute_url()}")
        )
