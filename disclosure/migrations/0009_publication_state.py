"""The public state derived, the review state kept apart (issue 14).

A withdrawal becomes a record of its own (Withdrawal: which revision, when, why, by whom) instead of two
columns on the working copy that publishing a schedule cleared; Report.status keeps only the working copy's
review state: 定时发布 (scheduled) and 已撤回 (withdrawn) were public states, now derived from the revisions
and the withdrawals, so such reports become 已发布 (their working copy is what their newest revision froze).
Schedule events are linked to the revision they froze, so that publish_scheduled records it going public once.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def forward(apps, schema_editor):
    Report = apps.get_model("disclosure", "Report")
    Revision = apps.get_model("disclosure", "Revision")
    Withdrawal = apps.get_model("disclosure", "Withdrawal")
    ReportEvent = apps.get_model("disclosure", "ReportEvent")
    for report in Report.objects.filter(withdrawn_at__isnull=False):
        revisions = Revision.objects.filter(report=report).order_by("-published_at", "-number")
        revision = revisions.filter(published_at__lte=report.withdrawn_at).first() or revisions.first()
        if revision is None:
            continue  # never published: nothing was public to withdraw
        event = ReportEvent.objects.filter(report=report, action="withdraw").order_by("-created_at", "-pk").first()
        Withdrawal.objects.create(
            report=report,
            revision=revision,
            withdrawn_at=report.withdrawn_at,
            reason=report.withdrawal_reason_zh_hans or "",
            reason_zh_hans=report.withdrawal_reason_zh_hans or "",
            reason_zh_hant=report.withdrawal_reason_zh_hant or "",
            reason_en=report.withdrawal_reason_en or "",
            created_by_id=event.user_id if event else None,
        )
    for report in Report.objects.filter(status="scheduled"):
        newest = Revision.objects.filter(report=report).order_by("-number").first()
        event = ReportEvent.objects.filter(report=report, action="schedule").order_by("-created_at", "-pk").first()
        if newest is not None and event is not None:
            ReportEvent.objects.filter(pk=event.pk).update(revision=newest)
    Report.objects.filter(status__in=["scheduled", "withdrawn"]).update(status="published")


def backward(apps, schema_editor):
    Report = apps.get_model("disclosure", "Report")
    Withdrawal = apps.get_model("disclosure", "Withdrawal")
    now = django.utils.timezone.now()
    for report in Report.objects.filter(status="published"):
        revisions = report.revisions.order_by("-published_at", "-number")
        newest = revisions.first()
        if newest is not None and newest.published_at > now:
            Report.objects.filter(pk=report.pk).update(status="scheduled")
            continue
        withdrawal = Withdrawal.objects.filter(revision=newest).order_by("-withdrawn_at").first()
        if withdrawal is not None:
            Report.objects.filter(pk=report.pk).update(
                status="withdrawn",
                withdrawn_at=withdrawal.withdrawn_at,
                withdrawal_reason=withdrawal.reason_zh_hans or "",
                withdrawal_reason_zh_hans=withdrawal.reason_zh_hans or "",
                withdrawal_reason_zh_hant=withdrawal.reason_zh_hant or "",
                withdrawal_reason_en=withdrawal.reason_en or "",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0008_sign_in_guesses"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Withdrawal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "withdrawn_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="撤回时间"),
                ),
                ("reason", models.TextField(help_text="公开显示在原网址上。", verbose_name="撤回理由")),
                (
                    "reason_zh_hans",
                    models.TextField(help_text="公开显示在原网址上。", null=True, verbose_name="撤回理由"),
                ),
                (
                    "reason_zh_hant",
                    models.TextField(help_text="公开显示在原网址上。", null=True, verbose_name="撤回理由"),
                ),
                ("reason_en", models.TextField(help_text="公开显示在原网址上。", null=True, verbose_name="撤回理由")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="撤回人",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="withdrawals",
                        to="disclosure.report",
                        verbose_name="年报",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="withdrawals",
                        to="disclosure.revision",
                        verbose_name="撤回的版本",
                    ),
                ),
            ],
            options={
                "verbose_name": "撤回记录",
                "verbose_name_plural": "撤回记录",
                "ordering": ["-withdrawn_at", "-pk"],
            },
        ),
        migrations.AddField(
            model_name="reportevent",
            name="revision",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events",
                to="disclosure.revision",
                verbose_name="版本",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "草稿"),
                    ("submitted", "待审核"),
                    ("approved", "已审核"),
                    ("scheduled", "定时发布"),
                    ("published", "已发布"),
                    ("withdrawn", "已撤回"),
                ],
                default="draft",
                editable=False,
                max_length=20,
                verbose_name="工作稿状态",
            ),
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="report", name="withdrawal_reason"),
        migrations.RemoveField(model_name="report", name="withdrawal_reason_en"),
        migrations.RemoveField(model_name="report", name="withdrawal_reason_zh_hans"),
        migrations.RemoveField(model_name="report", name="withdrawal_reason_zh_hant"),
        migrations.RemoveField(model_name="report", name="withdrawn_at"),
        migrations.AlterField(
            model_name="report",
            name="status",
            field=models.CharField(
                choices=[("draft", "草稿"), ("submitted", "待审核"), ("approved", "已审核"), ("published", "已发布")],
                default="draft",
                editable=False,
                max_length=20,
                verbose_name="工作稿状态",
            ),
        ),
    ]
