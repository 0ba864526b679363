"""The working copy of a report: what staff edit in the admin.

The public never reads these tables; it reads the frozen documents in `Revision`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from disclosure.models.translated import Translated


class Body(Translated):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", "政府部门（1月31日前发布）"
        GOVERNMENT = "government", "人民政府（3月31日前发布本级年报）"

    name = models.CharField("名称", max_length=100, help_text="机关全称，如“锦州市体育局”。")
    slug = models.SlugField(
        "网址标识", max_length=60, unique=True, help_text="用于年报网址的英文标识，如 sports-bureau。"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self", verbose_name="上级机关", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    position = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面。")
    # A body that joined the portal later must not show as overdue for the years before it joined: the
    # public 年报发布情况 page would otherwise accuse it of reports it published elsewhere.
    first_year = models.PositiveSmallIntegerField(
        "起始年度",
        null=True,
        blank=True,
        validators=[MinValueValidator(2008, "年报自2008年度起发布，起始年度不能早于2008年。")],
        help_text="本机构自哪一年度的年报起在本网站发布。此前的年度不列入年报发布情况，也不计为逾期"
        "（已在本网站公开的年报仍照常列出）。留空表示各年度均列入。",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="工作人员",
        blank=True,
        related_name="bodies",
        help_text="只有本机构的工作人员才能查看和处理本机构的年报（系统管理员除外）。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "发布机构"
        ordering = ["position", "name"]
        # The column walks a province's bodies in this order and stops at a page's last report (listing.ByBody).
        indexes = [models.Index(fields=["position"], name="body_position")]

    def __str__(self):
        return self.name


class Report(Translated):
    class Format(models.TextChoices):
        LEGACY = "legacy", "旧版自由格式（2018年度及以前）"
        TRIAL_2019 = "2019", "2019年试行格式"
        STANDARD_2021 = "2021", "2021年统一格式"

    class Status(models.TextChoices):
        """Where the working copy stands in review. What the public sees is not stored here: it is derived from
        the revisions and the withdrawals (revisions.public_state). PUBLISHED means the working copy is what
        its newest revision froze, live or still scheduled (workflow.editorial_state tells the two apart)."""

        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已审核"
        PUBLISHED = "published", "已发布"

    body = models.ForeignKey(Body, verbose_name="发布机构", on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveIntegerField(
        "年度",
        validators=[MinValueValidator(2008), MaxValueValidator(2100)],
        help_text="报告所述的年度（1月1日至12月31日），不是发布年份。",
    )
    title = models.CharField("标题", max_length=200)
    format = models.CharField("格式", max_length=10, choices=Format.choices, default=Format.STANDARD_2021)
    published_on = models.DateField("发布日期", null=True, blank=True, help_text="留空则在发布时取当天日期。")
    source = models.CharField("来源", max_length=100, blank=True, help_text="留空则显示发布机构名称。")
    preamble = models.TextField("导语", blank=True, help_text="正文之前的引言。纯文本，空一行分段。")
    # The 更正说明 proposed for the next publication of a report that has been public: the editor writes it with
    # the correction, the reviewer reviews it with the rest, the publisher may amend it when publishing. It is
    # not part of the document (it describes the step from one revision to the next, not the report): the
    # publication carries it into the Revision (Revision.change_note) and clears it here.
    change_note = models.TextField(
        "更正说明",
        blank=True,
        help_text="本次更正改了什么（如“更正了表三中的申请数量”）。发布时显示在公众页面的“修订记录”中；"
        "发布人发布时可以修改。英文在“英文译文”页面填写。",
    )
    # The statistical tables as {table: {row: {column: value}}} with None for a cell not filled in
    # (formats.py declares the layout). One JSON value rather than 200 rows: the tables are read and
    # written whole, by the 统计表 page, load_report and publishing, never cell by cell in SQL.
    tables = models.JSONField("统计表", default=dict, blank=True, editable=False)
    status = models.CharField("工作稿状态", max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    # Who submitted the text now under review: that person may not also approve it (审核 principle).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Bumped on every save: an edit based on an older version is refused instead of overwriting (lost update).
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "年报"
        ordering = ["-year", "body__position", "body__name"]
        constraints = [models.UniqueConstraint(fields=["body", "year"], name="one_report_per_body_and_year")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:report", args=[self.year, self.body.slug])

    def save(self, *args, **kwargs):
        if self.pk and "update_fields" not in kwargs:
            self.version += 1
        super().save(*args, **kwargs)


class Ordered(Translated):
    """Rows of a report kept in the order staff arrange them (drag or move up/down in the admin)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE)
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class Section(Ordered):
    """One numbered part of the body.

    Sections are stored as an outline (a flat ordered list with a level), the way a word processor
    keeps headings: editors move rows and change levels without re-parenting anything, and the
    tree, and with it the numbering 一、（一）1.（1）, is derived from the order (see numbering.py).
    """

    level = models.PositiveSmallIntegerField(
        "层级",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="1 = 一、 2 = （一） 3 = 1. 4 = （1）。编号按顺序自动生成，不要在标题里输入。",
    )
    heading = models.CharField("标题", max_length=200)
    body = models.TextField("正文", blank=True, help_text="纯文本，空一行分段。")

    class Meta(Ordered.Meta):
        verbose_name = verbose_name_plural = "章节"
        default_related_name = "sections"

    def __str__(self):
        return self.heading


class RectificationItem(Ordered):
    class Status(models.TextChoices):
        PLANNED = "planned", "计划整改"
        IN_PROGRESS = "in_progress", "正在整改"
        DONE = "done", "已完成整改"

    problem = models.TextField("存在的问题")
    measure = models.TextField("整改措施", blank=True)
    responsible = models.CharField("责任单位", max_length=100, blank=True)
    due = models.DateField("完成时限", null=True, blank=True)
    status = models.CharField("整改状态", max_length=20, choices=Status.choices, default=Status.PLANNED)

    class Meta(Ordered.Meta):
        verbose_name = verbose_name_plural = "问题整改"
        default_related_name = "rectifications"

    def __str__(self):
        return self.problem[:40]


class PlanItem(Ordered):
    text = models.TextField("工作内容")
    responsible = models.CharField("责任单位", max_length=100, blank=True)
    due = models.DateField("完成时限", null=True, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = verbose_name_plural = "工作计划"
        default_related_name = "plans"

    def __str__(self):
        return self.text[:40]
