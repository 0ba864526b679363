from django.conf import settings
from django.db import models


class AccessEvent(models.Model):
    """One sign-in, sign-out, failed sign-in, lockout or idle timeout in the admin: the access audit trail.

    Changes to content are recorded elsewhere: admin saves in Django's LogEntry, every save, import and
    transition of a report in ReportEvent. The lockout counts guesses in SignInGuesses (lockout.py) and
    records here the locks it sets and the sign-ins it refuses.
    """

    class Kind(models.TextChoices):
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        FAILED = "failed", "登录失败"
        LOCKED = "locked", "用户名锁定"
        ADDRESS_LOCKED = "locked_ip", "IP地址锁定"
        REFUSED = "refused", "锁定期间拒绝登录"
        TIMEOUT = "timeout", "超时自动退出"

    kind = models.CharField("事件", max_length=10, choices=Kind.choices)
    # The name as typed: a failed sign-in may name nobody, and a deleted account keeps its history.
    username = models.CharField("用户名", max_length=150, blank=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.GenericIPAddressField("IP地址", null=True, blank=True, db_index=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "登录记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username}"


class SignInGuesses(models.Model):
    """The guesses at the password taken in the current window, for one user name or one address.

    lockout.py takes a guess here (one atomic statement) before it checks a password, so that requests
    arriving together cannot all be checked: at most the limit are, however many come at once.
    """

    # "name:<user name in lower case>" or "address:<address>"
    key = models.CharField("对象", max_length=200, unique=True)
    # Guesses taken (checked, or being checked) and, of those, found wrong.
    count = models.PositiveIntegerField("已核对次数", default=0)
    failures = models.PositiveIntegerField("失败次数", default=0)
    # The end of the counting window; once the guesses are used up, the end of the lock.
    expires = models.DateTimeField("截止时间", db_index=True)
    locked = models.BooleanField("已锁定", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "登录尝试计数"

    def __str__(self):
        return f"{self.key}: {self.count}"
