"""依申请公开: the application register (issue 16) and the holiday arrangements its clock runs on.

An Application is one request for government information, with its steps as ApplicationEvents; its state,
due date and lateness are derived from them by disclosure/applications/clock.py and never stored. The
applicant's personal fields (PERSONAL_FIELDS) are columns of their own, never mixed with the request, so
that they can be masked in lists, left out of dumps and erased after the retention period while the case
and its statistics stay.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from disclosure.applications import calendar, clock, events
from disclosure.tables import formats

APPLICANT_TYPES = [(column.key, column.label) for column in formats.APPLICANTS if column.key != "total"]


class Application(models.Model):
    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "当面提交"
        REGISTERED_POST = "registered_post", "挂号信、快递等邮寄（需签收）"
        ORDINARY_POST = "ordinary_post", "平常信函"
        ONLINE = "online", "互联网（在线申请）"
        FAX = "fax", "传真"
        EMAIL = "email", "电子邮件"

    class Form(models.TextChoices):
        PAPER = "paper", "纸质"
        ELECTRONIC = "electronic", "电子"

    class Delivery(models.TextChoices):
        POST = "post", "邮寄"
        EMAIL = "email", "电子邮件"
        FAX = "fax", "传真"
        PICK_UP = "pick_up", "自行领取"
        ONLINE = "online", "在线获取"

    PERSONAL_FIELDS = ("name", "id_type", "id_number", "phone", "email", "address")

    body = models.ForeignKey(
        "disclosure.Body", verbose_name="受理机关", on_delete=models.PROTECT, related_name="applications"
    )
    ref = models.CharField(
        "登记编号", max_length=40, help_text="本机关内唯一的申请编号，如 2026-0017。同一编号再次载入时替换原登记。"
    )
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    submitted_on = models.DateField("提交日期", null=True, blank=True, help_text="申请人提交或寄出申请的日期。")
    # Empty only for an online application not yet confirmed by staff (待确认): under Art. 31 it is not
    # received until then, so it has no due date and counts in no table (see unconfirmed()).
    received_on = models.DateField(
        "收到申请日期",
        null=True,
        blank=True,
        help_text="依条例第三十一条确定：当面提交的为提交之日；以邮政挂号等需签收方式邮寄的为签收之日；"
        "平常信函为与申请人确认之日；通过互联网渠道或政府信息公开工作机构的传真提交的为双方确认之日。"
        "答复期限自次日起算。在线申请在工作人员确认前此项为空（待确认），确认时填写确认之日。",
    )
    applicant_type = models.CharField("申请人类型", max_length=20, choices=APPLICANT_TYPES)
    # Personal data (个人信息保护法): kept apart, masked in lists, left out of dumps unless asked.
    name = models.CharField("申请人姓名或名称", max_length=100, blank=True)
    id_type = models.CharField(
        "身份证件名称", max_length=30, blank=True, help_text="如“居民身份证”“统一社会信用代码”。"
    )
    id_number = models.CharField("身份证件号码", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.CharField("电子邮箱", max_length=100, blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    request = models.TextField(
        "所需政府信息的描述", help_text="申请人对所需政府信息的名称、文号或者便于查询的其他特征性描述。"
    )
    form = models.CharField("获取信息的形式", max_length=20, choices=Form.choices, blank=True)
    delivery = models.CharField("获取信息的方式", max_length=20, choices=Delivery.choices, blank=True)
    # The applicant's key to the public status page (with the phone given); set for online applications.
    tracking_code = models.CharField("查询码", max_length=12, unique=True, null=True, blank=True, editable=False)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_applications",
        help_text="负责办理本申请的申请办理人。",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开登记"
        ordering = ["-received_on", "-ref"]
        constraints = [
            models.UniqueConstraint(fields=["body", "ref"], name="application_ref_unique_per_body"),
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=False) | models.Q(channel="online"),
                name="application_received_unless_online",
            ),
        ]
        indexes = [models.Index(fields=["body", "received_on"], name="application_body_received")]

    def __str__(self):
        return f"{self.ref}（{self.received_on}）" if self.received_on else self.ref

    @property
    def unconfirmed(self):
        """An online application the agency has not confirmed yet: not received (Art. 31), no clock."""
        return self.received_on is None

    def clean(self):
        if self.received_on is None and self.channel and self.channel != self.Channel.ONLINE:
            raise ValidationError({"received_on": "请填写收到申请日期（只有尚未确认的在线申请可以暂不填写）。"})

    def clock(self, days=None, today=None):
        """The clock (clock.Clock) from the stored events; raises calendar.ArrangementMissing."""
        return clock.compute(self.received_on, self.events.all(), days or calendar.from_database(), today)

    def state(self):
        return clock.UNCONFIRMED if self.unconfirmed else clock.state(self.events.all())

    def erase_personal_data(self):
        for field in self.PERSONAL_FIELDS:
            setattr(self, field, "")


class ApplicationView(models.Model):
    """One showing of a case's page in the admin (个人信息保护法: who looked at whose data, and when).

    Written by admin/applications.py each time the change page is drawn; `personal` says whether the viewer saw
    the applicant's details unmasked. The case's reference is copied so the record outlives a deleted case.
    """

    application = models.ForeignKey(
        Application, verbose_name="申请", null=True, on_delete=models.SET_NULL, related_name="views"
    )
    ref = models.CharField("登记编号", max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="查看人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField("用户名", max_length=150)
    personal = models.BooleanField("显示个人信息", default=False)
    address = models.GenericIPAddressField("IP地址", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "申请查阅记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.username} {self.ref}"


OUTCOME_CHOICES = list(events.OUTCOME_CHOICES)


class ApplicationEvent(models.Model):
    """One step of an application. Which fields a type uses, and which order steps may come in, is
    disclosure/applications/events.py; the clock reads them (clock.py)."""

    application = models.ForeignKey(Application, verbose_name="申请", on_delete=models.CASCADE, related_name="events")
    position = models.PositiveSmallIntegerField("顺序", default=0, help_text="同一天的办理步骤按此先后排列。")
    type = models.CharField("办理步骤", max_length=30, choices=list(events.TYPES.items()))
    on = models.DateField("日期")
    until = models.DateField("补正期限", null=True, blank=True, help_text="告知补正时填写：申请人应于何日前补正。")
    answered_on = models.DateField(
        "答复意见日期",
        null=True,
        blank=True,
        help_text="征求意见时填写：收到第三方或其他机关意见的日期。未答复的，按征求意见后第15个工作日计算。",
    )
    party = models.CharField("征求对象", max_length=20, choices=list(events.PARTIES.items()), blank=True)
    amount = models.DecimalField(
        "收费金额（元）",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(events.MAX_AMOUNT)],
        help_text="收费通知时填写，按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）计收。",
    )
    outcome = models.CharField("办理结果", max_length=40, choices=OUTCOME_CHOICES, blank=True)
    approved_by = models.CharField(
        "批准人", max_length=50, blank=True, help_text="延期答复时填写：批准延期的政府信息公开工作机构负责人。"
    )
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办理步骤"
        ordering = ["on", "position", "pk"]

    def __str__(self):
        return f"{self.on} {self.get_type_display()}"


class HolidayArrangement(models.Model):
    """A year's 国务院办公厅关于部分节假日安排的通知 as staff enter it; wins over the shipped years."""

    year = models.PositiveSmallIntegerField(
        "年度", unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2100)]
    )
    notice = models.CharField("通知文号", max_length=60, blank=True, help_text="如“国办发明电〔2026〕×号”。")
    days_off = models.TextField(
        "放假日期",
        help_text="通知中各节日的放假日期，每行一段，如“2027-02-06至2027-02-12”或“5月1日至5日”；"
        "未写年份的按本年度。放假期间的星期六、星期日可写可不写。元旦必须包括。",
    )
    working_days = models.TextField(
        "调休上班日期",
        blank=True,
        help_text="通知中调休上班的星期六、星期日，每行或以顿号分隔一个日期，如“2月20日、5月8日”。"
        "可包括上一年12月底的日期。",
    )
    updated_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"

    def _parsed(self):
        off, off_problems = calendar.parse_days(self.days_off or "", self.year)
        on, on_problems = calendar.parse_days(self.working_days or "", self.year)
        return off, on, off_problems, on_problems

    def clean(self):
        if self.year is None:
            return
        off, on, off_problems, on_problems = self._parsed()
        errors = {}
        if off_problems:
            errors["days_off"] = off_problems
        if on_problems:
            errors["working_days"] = on_problems
        if not errors:
            for field, problems in calendar.check_arrangement(self.year, off, on).items():
                errors[field or "__all__"] = problems
        if errors:
            raise ValidationError(errors)

    def arrangement(self):
        off, on, _, _ = self._parsed()
        return calendar.Arrangement(self.year, frozenset(off), frozenset(on))
