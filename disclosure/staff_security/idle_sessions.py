"""Staff sessions end after STAFF_SESSION_IDLE_MINUTES without a request.

An unattended office computer must not stay signed in to a publishing system. Only staff are timed out
(visitors have no account), the time is kept in the session (so every worker agrees), and it is written at
most once a minute so that a busy editor does not cost a session write per request. After the timeout the
request goes on as anonymous: the admin sends it to its login page, which shows the message left here.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

LAST_SEEN = "staff_last_seen"
WRITE_EVERY = 60  # seconds
# Requests a page makes by itself (the report form's presence heartbeat) are not activity: an office computer
# left with a report open must still be signed out. Sending the header only keeps one's own clock from moving.
BACKGROUND = "X-Background-Request"


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.STAFF_SESSION_IDLE_MINUTES * 60:
                request.staff_idle_timeout = True  # audit.py records a timeout, not a sign-out
                logout(request)
                messages.warning(
                    request,
                    _("您已超过%(minutes)d分钟没有操作，为保护账号安全，系统已自动退出登录。请重新登录。")
                    % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES},
                )
            elif last is None or (now - last >= WRITE_EVERY and not request.headers.get(BACKGROUND)):
                request.session[LAST_SEEN] = now
        return self.get_response(request)
