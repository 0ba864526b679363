import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure.models import Report, Revision
from disclosure.publishing.interchange import dump


def write(document, out):
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if out in (None, "-"):
        return text
    Path(out).write_text(text, encoding="utf-8")
    return None


class Command(BaseCommand):
    help = (
        "把年报写成 disclosure-report/1 JSON 文档：一份（年度 + 机构），或用 --all 把每份年报各写一个文件（备份）。"
        "默认导出工作稿；--published 导出公众看到的已发布版本。"
    )

    def add_arguments(self, parser):
        parser.add_argument("year", nargs="?", type=int, help="报告年度")
        parser.add_argument("body", nargs="?", help="发布机构的网址标识（slug）")
        parser.add_argument("-o", "--output", help="输出文件（默认输出到屏幕）")
        parser.add_argument("--published", action="store_true", help="导出已发布版本，而不是工作稿")
        parser.add_argument("--all", metavar="DIR", help="把每份年报写入此目录，文件名如 2016-sports-bureau.json")

    def handle(self, year, body, output, published, all, **options):
        if all:
            return self._all(Path(all), published)
        if year is None or body is None:
            raise CommandError("请给出年度和机构，如：dump_report 2016 sports-bureau；或用 --all 目录 导出全部。")
        document = self._document(year, body, published)
        text = write(document, output)
        if text:
            self.stdout.write(text, ending="")

    def _document(self, year, body, published):
        if published:
            revision = Revision.objects.public_report(year, body)
            if revision is None:
                raise CommandError(f"{body} 的{year}年度年报没有公众可见的已发布版本。")
            return revision.document
        report = Report.objects.filter(year=year, body__slug=body).select_related("body").first()
        if report is None:
            raise CommandError(f"没有 {body} 的{year}年度年报。")
        return dump(report)

    def _all(self, folder, published):
        folder.mkdir(parents=True, exist_ok=True)
        count = 0
        if published:
            for revision in Revision.objects.public().select_related("body"):
                write(revision.document, folder / f"{revision.year}-{revision.body.slug}.json")
                count += 1
        else:
            for report in Report.objects.select_related("body").order_by("year", "body__slug"):
                write(dump(report), folder / f"{report.year}-{report.body.slug}.json")
                count += 1
        self.stdout.write(self.style.SUCCESS(f"已导出{count}份年报到 {folder}。"))
