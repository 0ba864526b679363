from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from disclosure.applications import retention


class Command(BaseCommand):
    help = (
        "删除答复日期早于保存期限（APPLICATION_RETENTION_YEARS，默认5年）的依申请公开申请中的申请人个人信息"
        "（姓名或名称、证件、电话、电子邮箱、通信地址），保留申请本身、办理步骤和统计数据。建议每日由定时任务运行。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将要删除个人信息的申请，不作改动")

    def handle(self, dry_run=False, **options):
        years = retention.years_setting()
        if years < 1:
            raise CommandError(f"APPLICATION_RETENTION_YEARS 应为不小于1的整数年数，而不是{years}。")
        today = timezone.localdate()
        limit = retention.cutoff(today, years)
        cases = list(retention.expired(today, years))
        for application in cases:
            self.stdout.write(f"{application.body.slug} {application.ref}")
        if dry_run:
            self.stdout.write(
                f"试运行：{len(cases)}件申请答复于{limit:%Y-%m-%d}之前（保存期限{years}年），"
                "其申请人个人信息将被删除；未作改动。"
            )
            return
        with transaction.atomic():
            erased = retention.erase(cases)
        self.stdout.write(
            f"已删除{erased}件申请的申请人个人信息（答复于{limit:%Y-%m-%d}之前，保存期限{years}年）；"
            "申请、办理步骤和统计数据均予保留。"
        )
