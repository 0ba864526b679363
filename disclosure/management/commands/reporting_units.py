from django.core.management.base import BaseCommand, CommandError

from disclosure.models import Body
from disclosure.rollup import units


class Command(BaseCommand):
    help = (
        "查看或修改人民政府某一年度的报告单位名单（汇总本级年报时汇总其统计表）。"
        "不带选项时只列出名单；未知的网址标识会被指出，名单不作任何改动。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="报告年度")
        parser.add_argument("body", help="人民政府的网址标识（slug）")
        parser.add_argument("--add", nargs="+", default=[], metavar="SLUG", help="列入并纳入汇总的单位")
        parser.add_argument("--remove", nargs="+", default=[], metavar="SLUG", help="从名单上移除的单位")
        parser.add_argument(
            "--exclude", nargs="+", default=[], metavar="SLUG", help="列入但不纳入汇总的单位（如垂直管理单位）"
        )
        parser.add_argument("--reason", default="", help="不纳入汇总的理由（与 --exclude 一起使用）")

    def handle(self, year, body, add, remove, exclude, reason, **options):
        government = Body.objects.filter(slug=body).first()
        if government is None:
            raise CommandError(f"没有网址标识为“{body}”的机构。")
        if add or remove or exclude:
            try:
                units.change(government, year, add, remove, exclude, reason)
            except units.ListError as error:
                raise CommandError(f"{error}\n名单未作改动。") from None
        elif government.kind != Body.Kind.GOVERNMENT:
            raise CommandError(f"{government.name}不是人民政府：只有人民政府汇总本级年报、保存报告单位名单。")
        self.print_list(government, year)

    def print_list(self, government, year):
        entries = units.listed(government, year)
        summed = [entry for entry in entries if not entry.excluded]
        self.stdout.write(
            f"{government.name}{year}年度报告单位：{len(summed)}个纳入汇总，{len(entries) - len(summed)}个不纳入"
        )
        for entry in entries:
            line = f"  {entry.unit.slug}\t{entry.unit.name}"
            self.stdout.write(line + (f"\t不纳入汇总：{entry.reason}" if entry.excluded else ""))
        suggestions = units.suggested(government, year)
        if suggestions:
            self.stdout.write(f"上级机关为{government.name}、尚未列入的机构（可用 --add 列入）：")
            for body in suggestions:
                self.stdout.write(f"  {body.slug}\t{body.name}")
