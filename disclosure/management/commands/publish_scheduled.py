from django.core.management.base import BaseCommand
from django.utils import timezone

from disclosure.publishing import workflow


class Command(BaseCommand):
    help = (
        "在操作记录中登记已到发布时间的定时发布版本。由 cron 每分钟或每五分钟运行一次；"
        "公众页面、开放数据接口和后台不依赖本命令，到时即显示。"
    )

    def handle(self, **options):
        done = workflow.publish_due()
        for revision in done:
            when = timezone.localtime(revision.published_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"已公开：{revision.title}（第{revision.number}版，{when}）")
        if not done:
            self.stdout.write("没有新到期的定时发布。")
