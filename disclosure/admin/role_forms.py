"""What the report admin offers each role: only the editor (撰稿人) edits a report's text; a reviewer or a
publisher reads the same change form with every field read-only and no 保存 button, and works through the
workflow panel (审核通过, 退回修改, 发布…). The bulk 发布所选年报 is offered to publishers only.

The groups keep `change_report` (migrations 0004_roles): the workflow's pages need it to open. What each
role may do is workflow.py's rule (has_role); this module only makes the admin's offer match it, through
Django's own permission hooks, so that a form the role cannot save is never shown as editable and an action
that would be refused is never offered.
"""

from disclosure.publishing import workflow


class RoleFormsMixin:
    """For the report ModelAdmin."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.has_role(request.user, (workflow.EDITOR,))

    def has_publish_permission(self, request):
        """The `permissions=["publish"]` of the bulk action: Django leaves it out of the list for anyone else,
        and a crafted POST naming it is refused before its confirmation page."""
        return workflow.has_role(request.user, (workflow.PUBLISHER,))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, Django shows every field of the fieldsets as text: the hidden version a save is checked
        # against (reviewing.ReportForm) would appear as an empty row.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "edit_version"]})
            for name, options in fieldsets
        ]
