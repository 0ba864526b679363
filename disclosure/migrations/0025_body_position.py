# The column walks a province's bodies in their order and stops at a page's last report (public/listing.py).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0024_rendered_trends"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="body",
            index=models.Index(fields=["position"], name="body_position"),
        ),
    ]
