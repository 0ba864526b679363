"""意见反馈: a form whose messages staff handle in the admin, protected against floods and bots."""

import datetime
import hashlib
import hmac

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from disclosure.models import Feedback
from disclosure.public.forms import FeedbackForm
from disclosure.staff_security.client_address import client_address


def address_hash(request):
    return hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()


def over_limit(key):
    since = timezone.now() - datetime.timedelta(hours=1)
    return Feedback.objects.filter(address_hash=key, created_at__gte=since).count() >= settings.FEEDBACK_RATE_LIMIT


@never_cache
def feedback(request):
    form = FeedbackForm(request.POST or None, initial={"subject": request.GET.get("subject", "")[:100]})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled the hidden field: thank it and keep nothing.
            return redirect("disclosure:feedback_thanks")
        key = address_hash(request)
        if over_limit(key):
            form.add_error(None, _("您在一小时内提交次数过多，请稍后再试。已填写的内容保留在下方。"))
        else:
            item = form.save(commit=False)
            item.address_hash = key
            item.page_url = request.GET.get("from", "").replace("\x00", "")[:300]  # PostgreSQL refuses NUL
            item.save()
            request.session["feedback_id"] = item.pk
            return redirect("disclosure:feedback_thanks")
    return render(request, "disclosure/feedback.html", {"form": form}, status=400 if form.errors else 200)


@never_cache
def thanks(request):
    item_id = request.session.get("feedback_id")
    item = get_object_or_404(Feedback, pk=item_id) if item_id else None
    return render(request, "disclosure/feedback_thanks.html", {"item": item})
