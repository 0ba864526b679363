from django.core.management.base import BaseCommand, CommandError

from disclosure.publishing import digest


class Command(BaseCommand):
    help = (
        f"向每位工作人员发送每日到期提醒：其所在机构{digest.DAYS}天内到期或已经逾期的年报和政府信息公开申请"
        "（没有到期事项或已在“通知设置”中关闭的不发）。由 cron 每天运行一次。"
    )

    def handle(self, **options):
        built, sent = digest.send_all()
        self.stdout.write(f"到期提醒：应发{built}封，已发出{sent}封。")
        if sent < built:
            raise CommandError(f"有{built - sent}封到期提醒未能发出，详见日志。")
