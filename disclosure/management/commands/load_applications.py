from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.applications.interchange import MAX_BYTES, Malformed, Unreadable, load, parse


class Command(BaseCommand):
    help = (
        "载入一份 disclosure-applications/1 JSON 文档，写入该机构的依申请公开登记；"
        "同一登记编号的申请替换原登记及其办理步骤。"
        "文档有误时列出每处问题及其位置，不写入任何内容。文档中没有的申请人个人信息字段保留原值。"
        f"文档不能超过 {MAX_BYTES // 1024 // 1024} MB。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="JSON 文件（UTF-8）")

    def handle(self, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"找不到文件：{path}")
        if file.stat().st_size > MAX_BYTES:  # refused before it is read
            raise CommandError(f"{path}：文件超过 {MAX_BYTES // 1024 // 1024} MB 的上限。")
        try:
            doc = parse(file.read_bytes())
        except Unreadable as error:
            raise CommandError(f"{path}：{error}") from None
        try:
            created, replaced = load(doc)
        except Malformed as malformed:
            lines = "\n".join(f"  {p}: {m}" for p, m in malformed.problems)
            raise CommandError(
                f"{path} 未载入，数据库未作任何改动。文档有{len(malformed.problems)}处问题：\n{lines}"
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"已载入{doc['body']}的依申请公开登记：新增{created}件，替换{replaced}件。")
        )
