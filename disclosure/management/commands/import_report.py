from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.models import Body
from disclosure.reports import word_import
from disclosure.reports.legacy_import import ImportFailed, import_report, where
from disclosure.reports.word_reader import WordFileError


def read_text(path):
    """Legacy pages were saved as UTF-8 or, on older systems, as GB18030 (GBK); accept both."""
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CommandError(f"{path}：无法识别文件编码，请另存为 UTF-8 后重试。")


class Command(BaseCommand):
    help = "把旧版年报的文本（如从网页复制保存的 .txt）或在Word、WPS中撰写的年报（.docx）导入为草稿。不会发布。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="年报文本文件（.txt）或Word文档（.docx）")
        parser.add_argument("--body", required=True, help="发布机构的网址标识（slug）")
        parser.add_argument("--year", required=True, type=int, help="报告年度")

    def handle(self, path, body, year, **options):
        try:
            body_obj = Body.objects.get(slug=body)
        except Body.DoesNotExist:
            known = "、".join(Body.objects.values_list("slug", flat=True)) or "（尚无）"
            raise CommandError(f"没有网址标识为“{body}”的发布机构。已有：{known}") from None
        if not Path(path).is_file():
            raise CommandError(f"找不到文件：{path}")
        data = Path(path).read_bytes()
        try:
            if path.lower().endswith(".docx") or data[:2] == b"PK":  # a .docx is a zip file
                report, draft = word_import.import_docx(data, body_obj, year)
                warnings = draft.warnings
            else:
                report, warnings = import_report(read_text(path), body_obj, year)
        except (ImportFailed, WordFileError) as failure:
            raise CommandError(f"{path} 未导入，数据库未作任何改动：\n{failure}") from None
        for line, message in warnings:
            self.stderr.write(self.style.WARNING(f"警告：{where(line)}：{message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入为草稿：《{report.title}》：{report.sections.filter(level=1).count()}个部分，"
                f"共{report.sections.count()}个章节，{report.rectifications.count()}项整改事项，{report.plans.count()}项工作计划。"
            )
        )
