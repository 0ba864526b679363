# The public side of the register (issue 16): an online application is not received until staff confirm it
# (Art. 31), so received_on may be empty for it alone; its tracking code opens the public status page.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0012_appeals_register_counts_reply_letters"),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="received_on",
            field=models.DateField(
                blank=True,
                help_text="依条例第三十一条确定：当面提交的为提交之日；以邮政挂号等需签收方式邮寄的为签收之日；"
                "平常信函为与申请人确认之日；通过互联网渠道或政府信息公开工作机构的传真提交的为双方确认之日。"
                "答复期限自次日起算。在线申请在工作人员确认前此项为空（待确认），确认时填写确认之日。",
                null=True,
                verbose_name="收到申请日期",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="tracking_code",
            field=models.CharField(
                blank=True, editable=False, max_length=12, null=True, unique=True, verbose_name="查询码"
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.CheckConstraint(
                condition=models.Q(("received_on__isnull", False), ("channel", "online"), _connector="OR"),
                name="application_received_unless_online",
            ),
        ),
    ]
