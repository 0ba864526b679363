"""报告单位 in the admin: a government's list of reporting units per year, kept by its own staff.

Scoped like everything of a body (workflow.scoped on the list's government, workflow.bodies_of for the choice):
staff see and keep the lists of the governments they are members of. Any body may be listed as a unit, since
units are other bodies. The rules (one government, reasons for exclusion) are the model's and rollup/units.py's.
"""

from django.contrib import admin, messages

from disclosure.admin.busy import BusyDatabaseMixin
from disclosure.models import Body, ReportingUnit
from disclosure.publishing import workflow


@admin.register(ReportingUnit)
class ReportingUnitAdmin(BusyDatabaseMixin, admin.ModelAdmin):
    list_display = ["unit", "body", "year", "excluded", "reason"]
    list_filter = ["year", ("body", admin.RelatedOnlyFieldListFilter), "excluded"]
    search_fields = ["unit__name_zh_hans", "unit__slug"]
    fields = ["body", "year", "unit", "excluded", "reason"]
    list_select_related = ["body", "unit"]
    actions = ["copy_to_next_year"]

    def get_queryset(self, request):
        return workflow.scoped(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["queryset"] = workflow.bodies_of(request.user).filter(kind=Body.Kind.GOVERNMENT)
        elif db_field.name == "unit":
            kwargs["queryset"] = Body.objects.all()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        governments = workflow.bodies_of(request.user).filter(kind=Body.Kind.GOVERNMENT)
        if "body" not in initial and governments.count() == 1:
            initial["body"] = governments.get().pk
        return initial

    @admin.action(description="将所选单位复制到下一年度的名单", permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        copied = 0
        for entry in queryset:
            _, created = ReportingUnit.objects.get_or_create(
                body=entry.body,
                year=entry.year + 1,
                unit=entry.unit,
                defaults={"excluded": entry.excluded, "reason": entry.reason},
            )
            copied += created
        self.message_user(
            request, f"已复制{copied}个单位到下一年度的名单（已在名单上的未重复列入）。", messages.SUCCESS
        )
