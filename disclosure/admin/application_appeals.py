"""What a case's change page adds for issue 16's counted report: its 行政复议 and 行政诉讼 (table 4 is counted
from them) and its reply letter (答复书), drafted from the case, edited here, downloaded as Word.

Both inlines take their permissions from the case (who may view or change an application may view or change
its appeals), so the roles need no permissions of their own for them. The letter holds the applicant's name:
only staff who see the case's personal data (privacy.sees_personal_data: the handler role, of that body)
see the letter, edit it or download it.
"""

from urllib.parse import quote

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html

from disclosure.admin import application_privacy
from disclosure.applications import letters, privacy
from disclosure.models import Application, ApplicationAppeal, ReplyLetter
from disclosure.publishing import workflow

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _OfTheCase:
    """Permissions of an inline row are those of its case."""

    def _case(self, request, name, obj):
        return getattr(self.admin_site.get_model_admin(Application), f"has_{name}_permission")(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._case(request, "view", obj) or self._case(request, "change", obj)

    def has_add_permission(self, request, obj=None):
        return self._case(request, "change", obj)

    def has_change_permission(self, request, obj=None):
        return self._case(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._case(request, "change", obj)


class ApplicationAppealInline(_OfTheCase, admin.TabularInline):
    model = ApplicationAppeal
    extra = 0
    fields = ["kind", "filed_on", "organ", "decided_on", "result", "note"]
    verbose_name_plural = "行政复议、行政诉讼（计入申请或起诉年度年报的统计表四）"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "note":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 1, "cols": 20})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class ReplyLetterForm(forms.ModelForm):
    class Meta:
        model = ReplyLetter
        fields = ["basis", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 24, "cols": 80, "class": "vLargeTextField"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        application = self.instance.application if self.instance.application_id else None
        reply = letters.reply_of(application) if application and application.pk else None
        choices = letters.bases_for(reply.outcome) if reply else []
        self.fields["basis"] = forms.ChoiceField(
            label="答复依据",
            choices=[("", "按办理结果")] + [(b.key, f"{b.label}（{b.provision or '据实写明'}）") for b in choices],
            required=False,
            help_text=ReplyLetter._meta.get_field("basis").help_text,
        )

    def clean(self):
        data = super().clean()
        application = self.instance.application
        # An emptied text is drafted again from the case, on the basis chosen.
        if not (data.get("text") or "").strip():
            try:
                data["text"] = letters.draft(application, data.get("basis") or "")
            except letters.NotReplied as refusal:
                raise forms.ValidationError(str(refusal)) from None
        return data


class LetterFormSet(BaseInlineFormSet):
    """A case without a saved letter shows the draft in the text box, to edit and save."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance
        if case.pk and not ReplyLetter.objects.filter(application=case).exists():
            try:
                self.initial_extra = [{"text": letters.draft(case)}]
            except letters.NotReplied:
                self.initial_extra = []

    def save_new(self, form, commit=True):
        form.instance.user = getattr(self, "user", None)
        return super().save_new(form, commit)

    def save_existing(self, form, obj, commit=True):
        form.instance.user = getattr(self, "user", None)
        return super().save_existing(form, obj, commit)


class ReplyLetterInline(_OfTheCase, admin.StackedInline):
    model = ReplyLetter
    form = ReplyLetterForm
    formset = LetterFormSet
    extra = 1
    max_num = 1
    can_delete = False
    fields = ["download", "basis", "text"]
    readonly_fields = ["download"]
    verbose_name = verbose_name_plural = "答复书"

    def _sees(self, request, obj):
        return obj is not None and privacy.sees_personal_data(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return self._sees(request, obj) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return (
            self._sees(request, obj) and letters.reply_of(obj) is not None and super().has_add_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._sees(request, obj) and super().has_change_permission(request, obj)

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is not None and letters.reply_of(obj) is not None else 0

    @admin.display(description="Word 文件")
    def download(self, letter):
        application = letter.application if letter and letter.application_id else None
        if application is None or letters.reply_of(application) is None:
            return "作出答复后可下载。"
        if letters.unfinished(letters.text_of(application)):
            return letters.UNFINISHED
        url = reverse("admin:disclosure_replyletter_download", args=[application.pk])
        note = "（按已保存的正文生成；尚未保存的，按起草稿生成）"
        return format_html('<a href="{}">下载答复书（Word）</a>{}', url, note)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user  # a class made for this request: whoever saves the letter is recorded
        return formset


@admin.register(ReplyLetter)
class ReplyLetterAdmin(admin.ModelAdmin):
    """Not a list of its own (letters are edited on their case's page): only the download address."""

    def has_module_permission(self, request):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.download_view)
        return [path("<int:application_id>/download/", view, name="disclosure_replyletter_download")]

    def download_view(self, request, application_id):
        cases = workflow.scoped(Application.objects.select_related("body"), request.user)
        application = get_object_or_404(cases, pk=application_id)
        if not privacy.sees_personal_data(request.user, application):
            raise PermissionDenied
        try:
            text = letters.text_of(application)
        except letters.NotReplied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect("admin:disclosure_application_change", application.pk)
        if letters.unfinished(text):
            self.message_user(request, letters.UNFINISHED, messages.ERROR)
            return redirect("admin:disclosure_application_change", application.pk)
        application_privacy.record_view(request, application, personal=True)  # the letter names the applicant
        response = HttpResponse(letters.render(text, application.body.name), content_type=DOCX)
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(letters.filename(application))}"
        response["Cache-Control"] = "no-store"  # personal data: never kept by a browser or proxy cache
        return response
