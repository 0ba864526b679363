from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from disclosure.applications import origins
from disclosure.models import Report
from disclosure.publishing import workflow
from disclosure.tables import assessment


class Command(BaseCommand):
    help = (
        "从依申请公开登记生成年报的统计表三（和表四）：按报告年度统计本机关的登记，写入工作稿并记录来源，"
        "如同统计表页面的按钮。之后改动的数字与登记不符的，作为提示交审核人确认。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("body", help="发布机构的网址标识（slug）")
        parser.add_argument("--user", required=True, help="执行操作的工作人员用户名")
        parser.add_argument("--table", choices=["requests", "appeals"], action="append", help="只生成表三或表四")

    def handle(self, year, body, user, table, **options):
        report = Report.objects.filter(year=year, body__slug=body).select_related("body").first()
        if report is None:
            raise CommandError(f"没有 {body} 的{year}年度年报。")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None or not workflow.is_member(actor, report.body):
            raise CommandError(f"没有用户名为“{user}”的{report.body.name}工作人员。")
        countable = origins.countable(report)
        if not countable or any(key not in countable for key in table or ()):
            raise CommandError(f"《{report.title}》采用{report.get_format_display()}，没有可从登记生成的统计表。")
        changes = origins.fill(report, actor, table)
        report.refresh_from_db()  # fill() wrote the figures through its own, locked copy of the report
        errors = len(assessment.blocking(report))
        done = "已更新" if changes else "与登记一致，没有改动"
        self.stdout.write(self.style.SUCCESS(f"《{report.title}》的统计表{done}；{errors}处错误。"))
