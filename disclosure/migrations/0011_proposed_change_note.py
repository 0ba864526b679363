"""The change note proposed on the working copy (issue 14): Report.change_note in every language.

The editor proposes the 更正说明 of a correction while editing a published report; publishing carries it into
the revision, in Simplified and English, the Traditional derived, and clears it here. Published notes stay where
they were, in Revision.change_note_* (already one column per language, the Traditional derived when each
revision was saved): no data moves, and a correction under way starts with no proposal, as the publisher's
note was typed at publication until now.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('disclosure', '0010_applications'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='change_note',
            field=models.TextField(blank=True, help_text='本次更正改了什么（如“更正了表三中的申请数量”）。发布时显示在公众页面的“修订记录”中；发布人发布时可以修改。英文在“英文译文”页面填写。', verbose_name='更正说明'),
        ),
        migrations.AddField(
            model_name='report',
            name='change_note_en',
            field=models.TextField(blank=True, help_text='本次更正改了什么（如“更正了表三中的申请数量”）。发布时显示在公众页面的“修订记录”中；发布人发布时可以修改。英文在“英文译文”页面填写。', null=True, verbose_name='更正说明'),
        ),
        migrations.AddField(
            model_name='report',
            name='change_note_zh_hans',
            field=models.TextField(blank=True, help_text='本次更正改了什么（如“更正了表三中的申请数量”）。发布时显示在公众页面的“修订记录”中；发布人发布时可以修改。英文在“英文译文”页面填写。', null=True, verbose_name='更正说明'),
        ),
        migrations.AddField(
            model_name='report',
            name='change_note_zh_hant',
            field=models.TextField(blank=True, help_text='本次更正改了什么（如“更正了表三中的申请数量”）。发布时显示在公众页面的“修订记录”中；发布人发布时可以修改。英文在“英文译文”页面填写。', null=True, verbose_name='更正说明'),
        ),
    ]
