"""Site identity and the few pages staff edit: footer facts, top-bar links, 关于我们, 版权声明."""

from django.db import models
from django.urls import reverse

from disclosure.models.translated import Translated


class SiteSettings(Translated):
    """A single row (pk=1) holding what the header and footer show."""

    site_name = models.CharField("网站名称", max_length=100, default="政府信息公开")
    copyright = models.CharField("版权信息", max_length=200, blank=True, help_text="如“版权所有：锦州市人民政府”。")
    address = models.CharField("地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    icp = models.CharField("ICP备案号", max_length=50, blank=True, help_text="如“辽ICP备0512121号”。")
    icp_url = models.URLField("备案查询网址", blank=True, default="https://beian.miit.gov.cn/")
    police_record = models.CharField("公安备案号", max_length=50, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "网站设置"

    def __str__(self):
        return self.site_name

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]


class Link(Translated):
    """A link in the top bar (市人大, 政务微博 …). A link with no address is not shown."""

    label = models.CharField("名称", max_length=30)
    url = models.URLField("网址", blank=True, help_text="留空则不在页面上显示。")
    position = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "顶部链接"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class Page(Translated):
    """A plain page such as 关于我们 or 版权声明, written in the admin as plain text."""

    slug = models.SlugField("网址标识", max_length=50, unique=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="纯文本，空一行分段。")
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "栏目页面"
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        # The 依申请公开 guide is shown on the section's own page, with its links (applications/public_views.py).
        if self.slug == "applications-guide":
            return reverse("disclosure:applications")
        return reverse("disclosure:page", args=[self.slug])
