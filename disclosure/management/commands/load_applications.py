from django.core.management.base import BaseCommand

from disclosure.applications.interchange import MAX_BYTES, Malformed, load, parse
from disclosure.management import document_files


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
        doc = document_files.read(path, parse, MAX_BYTES)
        try:
            created, replaced = load(doc)
        except Malformed as malformed:
            raise document_files.refused(path, malformed) from None
        self.stdout.write(
            self.style.SUCCESS(f"已载入{doc['body']}的依申请公开登记：新增{created}件，替换{replaced}件。")
        )
