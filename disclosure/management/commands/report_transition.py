import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclosure.models import Report, Revision
from disclosure.publishing import workflow


def parse_time(text):
    """ "2027-01-20 09:00" or ISO 8601, in the site's time zone unless it names its own."""
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f"无法识别的时间“{text}”，请写成 2027-01-20 09:00 的形式。") from None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


class Command(BaseCommand):
    help = "对年报执行流程操作（与后台完全相同的规则）：submit、return、approve、publish、schedule、withdraw。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("body", help="发布机构的网址标识（slug）")
        parser.add_argument("action", choices=sorted(workflow.ACTIONS))
        parser.add_argument("--user", required=True, help="执行操作的工作人员用户名")
        parser.add_argument("--comment", default="", help="意见、更正说明或撤回理由")
        parser.add_argument("--at", help="定时发布的时间，如 2027-01-20 09:00")

    def handle(self, year, body, action, user, comment="", at=None, **options):
        report = Report.objects.filter(year=year, body__slug=body).select_related("body").first()
        if report is None:
            raise CommandError(f"没有找到“{body}”的{year}年度年报。")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有用户名为“{user}”的工作人员。")
        when = parse_time(at) if at else None
        if action == "schedule" and when is None:
            raise CommandError("定时发布须用 --at 指定发布时间。")
        try:
            result = workflow.transition(report, actor, action, comment, when)
        except workflow.TransitionError as error:
            raise CommandError(str(error)) from None
        report.refresh_from_db()
        message = f"《{report.title}》：{workflow.ACTIONS[action].label}，当前状态“{workflow.describe(report)}”。"
        if isinstance(result, Revision):
            when = timezone.localtime(result.published_at).strftime("%Y-%m-%d %H:%M")
            message += f"第{result.number}版，公开时间{when}：{result.get_absolute_url()}"
        self.stdout.write(self.style.SUCCESS(message))
