# The register's handler (承办人) on each case, and the record of every showing of a case's page (ApplicationView), issue 16.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0013_application_tracking_code'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='handler',
            field=models.ForeignKey(blank=True, help_text='负责办理本申请的申请办理人。', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='handled_applications', to=settings.AUTH_USER_MODEL, verbose_name='承办人'),
        ),
        migrations.CreateModel(
            name='ApplicationView',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('ref', models.CharField(max_length=40, verbose_name='登记编号')),
                ('username', models.CharField(max_length=150, verbose_name='用户名')),
                ('personal', models.BooleanField(default=False, verbose_name='显示个人信息')),
                ('address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP地址')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='时间')),
                ('application', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='views', to='disclosure.application', verbose_name='申请')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='查看人')),
            ],
            options={
                'verbose_name': '申请查阅记录',
                'verbose_name_plural': '申请查阅记录',
                'ordering': ['-at', '-pk'],
            },
        ),
    ]
