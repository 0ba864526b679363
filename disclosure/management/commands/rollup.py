import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from disclosure.models import Body, Report
from disclosure.publishing import workflow
from disclosure.rollup import summing
from disclosure.tables import assessment


class Command(BaseCommand):
    help = (
        "从下级单位年报汇总：把报告单位名单上各单位已发布年报的表二、表三、表四相加，写入人民政府本级年报的"
        "工作稿并记录每个数字的来源，如同统计表页面的按钮；打印汇总覆盖情况。--json 输出覆盖情况和汇总后的统计表。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("body", help="人民政府的网址标识（slug）")
        parser.add_argument("--user", help="执行操作的工作人员用户名（写入工作稿时必填）")
        parser.add_argument("--dry-run", action="store_true", help="只计算和打印，不写入工作稿")
        parser.add_argument("--json", action="store_true", help="以 JSON 输出覆盖情况和统计表")

    def handle(self, year, body, user, dry_run, **options):
        government = Body.objects.filter(slug=body).first()
        if government is None:
            raise CommandError(f"没有网址标识为“{body}”的机构。")
        if government.kind != Body.Kind.GOVERNMENT:
            raise CommandError(f"{government.name}不是人民政府：只有人民政府的本级年报从下级单位年报汇总。")
        report = Report.objects.filter(year=year, body=government).select_related("body").first()
        if report is None:
            raise CommandError(f"没有{government.name}的{year}年度年报：请先在管理后台新建。")
        if not dry_run:
            if not user:
                raise CommandError("写入工作稿须用 --user 指明执行操作的工作人员；只计算请加 --dry-run。")
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None or not workflow.is_member(actor, government):
                raise CommandError(f"没有用户名为“{user}”的{government.name}工作人员。")
        try:
            if dry_run:
                result, changes = summing.roll_up(government, year, report.format), None
            else:
                result, changes = summing.fill(report, actor)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"《{report.title}》：{result.coverage}。")
        for missing in result.missing:
            self.stdout.write(f"  未汇总：{missing.unit.name}（{missing.unit.slug}）：{missing.reason}")
        if dry_run:
            self.stdout.write("未写入工作稿（--dry-run）。")
            return
        report.refresh_from_db()  # fill wrote through its own locked copy
        errors = len(assessment.blocking(report))
        done = "已更新" if changes else "与汇总结果一致，没有改动"
        self.stdout.write(self.style.SUCCESS(f"统计表{done}；{errors}处错误。"))
