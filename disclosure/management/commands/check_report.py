from django.core.management.base import BaseCommand, CommandError

from disclosure.models import Report
from disclosure.tables import assessment


class Command(BaseCommand):
    help = "检查一份年报的工作稿：统计表的填写与勾稽关系（错误），以及需审核人确认的提示。有错误时以非零状态退出。"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("body", help="发布机构的网址标识（slug）")

    def handle(self, year, body, **options):
        report = Report.objects.filter(year=year, body__slug=body).select_related("body").first()
        if report is None:
            raise CommandError(f"没有 {body} 的{year}年度年报。")
        findings = assessment.findings(report)
        pending = {f.key for f in assessment.unacknowledged(report, findings)}
        for finding in findings:
            if finding.blocking:
                self.stdout.write(self.style.ERROR(f"错误 {finding.check} {finding.path}: {finding.message}"))
            else:
                note = "" if finding.key in pending or finding.blocks_publishing else "（已由审核人确认）"
                self.stdout.write(self.style.WARNING(f"提示 {finding.check} {finding.path}: {finding.message}{note}"))
        errors = sum(1 for f in findings if f.blocking)
        warnings = len(findings) - errors
        summary = f"《{report.title}》：{errors}处错误，{warnings}项提示。"
        if errors:
            raise CommandError(summary + "有错误的年报不能提交审核、审核通过或发布。")
        self.stdout.write(self.style.SUCCESS(summary))
