from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0018_notification_preference"),
    ]

    operations = [
        migrations.AddField(
            model_name="acknowledgement",
            name="figures",
            field=models.JSONField(blank=True, null=True, verbose_name="确认时的数字"),
        ),
    ]
