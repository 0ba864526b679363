import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from disclosure.languages.declared import SOURCE
from disclosure.models import Report, Revision
from disclosure.publishing import workflow
from disclosure.tables import assessment


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
        parser.add_argument("--comment", default="", help="意见或撤回理由；publish、schedule 未给 --note 时即更正说明")
        parser.add_argument("--at", help="定时发布的时间，如 2027-01-20 09:00")
        # A correction carries the change note proposed on the working copy; these amend it (publish, schedule).
        parser.add_argument("--note", help="更正说明（简体），代替拟写的；只改简体的，不用拟写的英文")
        parser.add_argument("--note-en", dest="note_en", help="更正说明（英文），代替拟写的英文；空字符串表示不要英文")

    def handle(self, year, body, action, user, comment="", at=None, note=None, note_en=None, **options):
        report = Report.objects.filter(year=year, body__slug=body).select_related("body").first()
        if report is None:
            raise CommandError(f"没有找到“{body}”的{year}年度年报。")
        actor = get_user_model().objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"没有用户名为“{user}”的工作人员。")
        when = parse_time(at) if at else None
        if action == "schedule" and when is None:
            raise CommandError("定时发布须用 --at 指定发布时间。")
        amended = {lang: text for lang, text in ((SOURCE, note), ("en", note_en)) if text is not None} or None
        if amended and action not in ("publish", "schedule"):
            raise CommandError("--note 和 --note-en 只用于 publish 和 schedule（更正说明）。")
        try:
            result = workflow.transition(report, actor, action, comment, when, amended)
        except workflow.TransitionError as error:
            raise CommandError(str(error)) from None
        report.refresh_from_db()
        message = f"《{report.title}》：{workflow.ACTIONS[action].label}，当前状态“{workflow.describe(report)}”。"
        if isinstance(result, Revision):
            when = timezone.localtime(result.published_at).strftime("%Y-%m-%d %H:%M")
            message += f"第{result.number}版，公开时间{when}：{result.get_absolute_url()}"
            if result.number > 1:
                english = result.change_note_en or "无，英文页面显示简体"
                message += f"\n更正说明：{result.change_note_zh_hans}（英文：{english}）"
        self.stdout.write(self.style.SUCCESS(message))
        if action == "submit":  # what the reviewer will be asked about, as the admin's 提交审核 page shows it
            for finding in assessment.findings(report):
                if not finding.blocking:
                    need = "发布前须补全" if finding.blocks_publishing else "审核人须确认"
                    self.stdout.write(self.style.WARNING(f"提示（{need}）：{finding.message}"))
