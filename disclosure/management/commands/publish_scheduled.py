from django.core.management.base import BaseCommand

from disclosure.publishing import workflow


class Command(BaseCommand):
    help = "把到达发布时间的定时发布年报标记为已发布。由 cron 每分钟或每五分钟运行一次。"

    def handle(self, **options):
        done = workflow.publish_due()
        for report in done:
            self.stdout.write(f"已发布：{report.title}")
        if not done:
            self.stdout.write("没有到期的定时发布。")
