from pathlib import Path

from django.core.management.base import BaseCommand

from disclosure.management import document_files
from disclosure.publishing.interchange import MAX_BYTES, Malformed, load, parse


class Command(BaseCommand):
    help = (
        "载入一份 disclosure-report/1 JSON 文档，写入（或替换）该机构该年度年报的工作稿。"
        "文档格式有误时列出每处问题及其位置，不写入任何内容；统计表未通过检查的载入为草稿并列出问题。不会发布。"
        f"文档不能超过 {MAX_BYTES // 1024 // 1024} MB。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON 文件（UTF-8）")

    def handle(self, path, **options):
        doc = document_files.read(path, parse, MAX_BYTES)
        try:
            report, findings = load(doc, source=Path(path).name)
        except Malformed as malformed:
            raise document_files.refused(path, malformed) from None
        for finding in findings:
            style = self.style.ERROR if finding.blocking else self.style.WARNING
            kind = "错误" if finding.blocking else "提示"
            self.stderr.write(style(f"{kind}：{finding.path}: {finding.message}"))
        errors = sum(1 for f in findings if f.blocking)
        state = f"（统计表有{errors}处错误，改正前不能提交审核）" if errors else ""
        self.stdout.write(
            self.style.SUCCESS(f"已载入为工作稿：《{report.title}》，状态：{report.get_status_display()}{state}。")
        )
