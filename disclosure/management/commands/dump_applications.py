import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.applications.interchange import dump
from disclosure.models import Body


class Command(BaseCommand):
    help = (
        "把一个机构的依申请公开登记写成 disclosure-applications/1 JSON 文档，附答复期限、办理状态、是否逾期和办理用时"
        "（工作日）。默认不写申请人个人信息，需要时加 --with-personal-data。"
    )

    def add_arguments(self, parser):
        parser.add_argument("body", help="受理机关的网址标识（slug），如 sports-bureau")
        parser.add_argument("--year", type=int, help="只导出该年收到的申请")
        parser.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
        parser.add_argument(
            "--with-personal-data",
            action="store_true",
            help="同时导出申请人姓名、证件、联系方式和地址（个人信息，妥善保管）",
        )

    def handle(self, body, year, output, with_personal_data, **options):
        found = Body.objects.filter(slug=body).first()
        if found is None:
            raise CommandError(f"没有网址标识为“{body}”的机构。")
        document = dump(found, year=year, personal=with_personal_data)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if output in (None, "-"):
            self.stdout.write(text, ending="")
        else:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"已写入 {output}：{len(document['applications'])}件申请。")
