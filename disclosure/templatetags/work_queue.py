"""The signed-in member of staff's work queue (publishing/queue.py), for the dashboard and the menu's counts.

Both are drawn on the dashboard and the menu on every admin page: the queue is computed once per request.
"""

from django import template

from disclosure.publishing import queue

register = template.Library()


@register.simple_tag(takes_context=True)
def work_queue(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    if not hasattr(request, "work_queue"):
        request.work_queue = queue.for_user(user)
    return request.work_queue
