"""Demo data for `make run`: the seed report and more, published; staff accounts when debugging.

Running it again changes nothing that is already there.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from disclosure.applications import interchange as registers
from disclosure.applications import origins
from disclosure.demo import reporting_units
from disclosure.models import Application, Body, Link, Page, Report, SiteSettings
from disclosure.publishing import interchange, workflow
from disclosure.reports.legacy_import import import_report

DEMO = Path(__file__).resolve().parents[2] / "demo"
REPORTS = DEMO / "reports"
# Reports in the standard format (statistical tables), as disclosure-report/1 documents, oldest first.
DOCUMENTS = DEMO / "documents"
# Registers of applications (依申请公开), as disclosure-applications/1 documents, one per body.
APPLICATIONS = DEMO / "applications"
# Reports whose tables 3 and 4 are counted from the register (origins.fill) before they are published, so that
# the demo shows counted figures with their 案件 links; the document's own figures are the same (tests/demo).
COUNTED = {("sports-bureau", 2024)}

BODIES = [
    # slug, name, English name, kind, first year on the portal, position
    ("municipal-government", "锦州市人民政府", "Jinzhou Municipal People's Government", Body.Kind.GOVERNMENT, 2017, 1),
    ("education-bureau", "锦州市教育局", "Jinzhou Municipal Education Bureau", Body.Kind.DEPARTMENT, 2016, 10),
    ("civil-affairs-bureau", "锦州市民政局", "Jinzhou Municipal Civil Affairs Bureau", Body.Kind.DEPARTMENT, 2017, 20),
    ("transport-bureau", "锦州市交通运输局", "Jinzhou Municipal Transport Bureau", Body.Kind.DEPARTMENT, 2018, 30),
    ("sports-bureau", "锦州市体育局", "Jinzhou Municipal Sports Bureau", Body.Kind.DEPARTMENT, 2015, 40),
]
# Left as a draft so that the demo shows that drafts stay out of public view.
DRAFTS = {("education-bureau", 2018)}
# Shown once staff enter their addresses in the admin (顶部链接): a link with no address stays hidden.
TOP_LINKS = [
    ("市人大", "Municipal People's Congress"),
    ("市政协", "Municipal CPPCC"),
    ("政务微信", "WeChat"),
    ("政务微博", "Weibo"),
    ("政务邮箱", "Email"),
    ("APP", "App"),
]
# Demo staff: one account per editorial role and a 申请办理人 (依申请公开), each a member of every demo body.
STAFF = {
    "editor": ("撰稿人", "王撰稿"),
    "reviewer": ("审核人", "李审核"),
    "publisher": ("发布人", "张发布"),
    "handler": ("申请办理人", "赵办理"),
}


def apply_english(report, english):
    """Fill the English fields of an imported report from a translation kept beside the demo text."""
    for name in ("title", "source", "preamble"):
        setattr(report, f"{name}_en", english[name])
    report.save()
    pairs = [
        (report.sections.all(), english["sections"], ("heading", "body")),
        (report.rectifications.all(), english["rectifications"], ("problem",)),
        (report.plans.all(), english["plans"], ("text",)),
    ]
    for rows, translations, fields in pairs:
        for row, translation in zip(rows, translations, strict=True):
            for name in fields:
                setattr(row, f"{name}_en", translation[name])
            row.save()


class Command(BaseCommand):
    help = "载入演示数据（可重复运行，不会产生重复数据）。"

    def handle(self, **options):
        with transaction.atomic():
            self.site()
            bodies = self.bodies()
            self.reports(bodies)
            self.applications()
            self.documents()
            # After the documents: the sports bureau's 2023 and 2024 reports are listed units too.
            reporting_units.load(self.stdout)
        if settings.DEBUG:
            self.staff()
        else:
            self.stdout.write("调试模式未开启，不创建演示账号。")

    def site(self):
        site = SiteSettings.load()
        if not site.copyright:
            site.site_name_zh_hans = "锦州市人民政府"
            site.site_name_en = "Jinzhou Municipal People's Government"
            site.copyright_zh_hans = "版权所有：锦州市人民政府"
            site.copyright_en = "© Jinzhou Municipal People's Government"
            site.address_zh_hans = "锦州市市府路68号"
            site.address_en = "68 Shifu Road, Jinzhou, Liaoning"
            site.icp = "辽ICP备0512121号"
            site.save()
        for position, (label, label_en) in enumerate(TOP_LINKS, start=1):
            Link.objects.get_or_create(label_zh_hans=label, defaults={"label_en": label_en, "position": position})
        for slug, title, title_en in [("about", "关于我们", "About us"), ("copyright", "版权声明", "Copyright")]:
            text = {
                lang: (DEMO / "pages" / f"{slug}{suffix}.txt").read_text(encoding="utf-8").strip()
                for lang, suffix in (("zh_hans", ""), ("en", ".en"))
            }
            defaults = {
                "title_zh_hans": title,
                "title_en": title_en,
                "body_zh_hans": text["zh_hans"],
                "body_en": text["en"],
            }
            Page.objects.get_or_create(slug=slug, defaults=defaults)

    def bodies(self):
        government = None
        bodies = {}
        for slug, name, english, kind, first_year, position in BODIES:
            defaults = {
                "name_zh_hans": name,
                "name_en": english,
                "kind": kind,
                "first_year": first_year,
                "position": position,
                "parent": government,
            }
            body, _ = Body.objects.get_or_create(slug=slug, defaults=defaults)
            government = government or body
            bodies[slug] = body
        return bodies

    def reports(self, bodies):
        for path in sorted(REPORTS.glob("*.txt")):
            slug, year = path.stem.rsplit("-", 1)
            year = int(year)
            if Report.objects.filter(body=bodies[slug], year=year).exists():
                continue
            report, _warnings = import_report(path.read_text(encoding="utf-8"), bodies[slug], year)
            english = DEMO / "translations" / f"{path.stem}.en.json"
            if english.exists():
                apply_english(report, json.loads(english.read_text(encoding="utf-8")))
            if (slug, year) in DRAFTS:
                self.stdout.write(f"草稿：{report.title}")
                continue
            self.publish(report)

    def documents(self):
        for path in sorted(DOCUMENTS.glob("*.json")):
            doc = interchange.parse(path.read_bytes())  # the same limits as load_report
            if Report.objects.filter(body__slug=doc["body"]["slug"], year=doc["year"]).exists():
                continue
            report, _findings = interchange.load(doc, source=path.name)
            if (report.body.slug, report.year) in COUNTED:
                origins.fill(report, None)
            self.publish(report)

    def applications(self):
        # Only the applications not there yet: a second run (or a case staff added) leaves the register alone.
        for path in sorted(APPLICATIONS.glob("*.json")):
            doc = registers.parse(path.read_bytes())
            known = set(Application.objects.filter(body__slug=doc["body"]).values_list("ref", flat=True))
            doc["applications"] = [item for item in doc["applications"] if item["ref"] not in known]
            if doc["applications"]:
                created, _replaced = registers.load(doc)
                self.stdout.write(f"依申请公开登记：{doc['body']} {created}件")

    def publish(self, report):
        # Published as of its historical date, so that the column reads as the real one did;
        # a text without 发布时间 is published now, as publishing does for any report without a date.
        at = None
        if report.published_on:
            at = timezone.make_aware(datetime.datetime.combine(report.published_on, datetime.time(9, 0)))
        workflow.publish(report, at=at)
        self.stdout.write(f"已发布：{report.title}")

    def staff(self):
        User = get_user_model()
        password = settings.DEMO_PASSWORD
        admin, _ = User.objects.get_or_create(username="admin", defaults={"first_name": "管理员"})
        admin.is_staff = admin.is_superuser = True
        admin.set_password(password)
        admin.save()
        bodies = list(Body.objects.all())
        for username, (role, name) in STAFF.items():
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
            user.is_staff = True
            # An address, so that `make run` prints the workflow's emails to them on the console.
            user.email = user.email or f"{username}@example.com"
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            user.bodies.set(bodies)
        self.stdout.write(f"演示账号：admin、editor、reviewer、publisher、handler，密码：{password}")
