from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.publishing.interchange import MAX_BYTES, Malformed, Unreadable, load, parse, too_large


class Command(BaseCommand):
    help = (
        "载入一份 disclosure-report/1 JSON 文档，写入（或替换）该机构该年度年报的工作稿。"
        "文档格式有误时列出每处问题及其位置，不写入任何内容；统计表未通过检查的载入为草稿并列出问题。不会发布。"
        f"文档不能超过 {MAX_BYTES // 1024 // 1024} MB。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON 文件（UTF-8）")

    def handle(self, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        if file.stat().st_size > MAX_BYTES:  # refused before it is read
            raise CommandError(f"{path}：{too_large(file.stat().st_size)}")
        try:
            doc = parse(file.read_bytes())
        except Unreadable as error:
            raise CommandError(f"{path}：{error}") from None
        try:
            report, findings = load(doc, source=file.name)
        except Malformed as malformed:
            lines = "\n".join(f"  {p}: {m}" for p, m in malformed.problems)
            raise CommandError(
                f"{path} 未载入，数据库未作任何改动。文档有{len(malformed.problems)}处问题：\n{lines}"
            ) from None
        for finding in findings:
            style = self.style.ERROR if finding.blocking else self.style.WARNING
            kind = "错误" if finding.blocking else "提示"
            self.stderr.write(style(f"{kind}：{finding.path}: {finding.message}"))
        errors = sum(1 for f in findings if f.blocking)
        state = f"（统计表有{errors}处错误，改正前不能提交审核）" if errors else ""
        self.stdout.write(
            self.style.SUCCESS(f"已载入为工作稿：《{report.title}》，状态：{report.get_status_display()}{state}。")
        )
