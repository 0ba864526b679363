"""What the admin pages need to warn staff before the idle timeout (static/js/admin-idle.js)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def staff_idle_seconds():
    return settings.STAFF_SESSION_IDLE_MINUTES * 60
