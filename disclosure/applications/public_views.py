"""The portal's 依申请公开 pages: the guide (指南), the online application (在线申请), the status lookup
(查询办理进度) and the statistics (办理情况统计).

The guide is a staff-edited page (Page `applications-guide`, translated like 关于我们). The form and the
status page are protected as 意见反馈 is (CSRF, honeypot, a rate limit per address: throttle.py) and never
cached. The status page is a POST, so that neither the code nor the phone number lands in an address, a log
or the browser's history; it tells the stage and the dates, never who applied or what for. The statistics
show only what statistics.published() allows.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from disclosure.applications import calendar, statistics, throttle, tracking
from disclosure.applications import events as E
from disclosure.applications.forms import ApplicationForm, StatusForm
from disclosure.applications.online import submit
from disclosure.models import Body, Page
from disclosure.public.page_cache import public_page
from disclosure.public.report_page import pick
from disclosure.publishing.document import texts
from disclosure.tables import formats

GUIDE = "applications-guide"
SESSION_KEY = "application_submitted"

STAGES = {
    tracking.UNCONFIRMED: gettext_lazy("待确认"),
    tracking.HANDLING: gettext_lazy("办理中"),
    tracking.CORRECTING: gettext_lazy("补正中"),
    tracking.CONSULTING: gettext_lazy("征求意见中"),
    tracking.AWAITING_FEE: gettext_lazy("待缴纳信息处理费"),
    tracking.EXTENDED: gettext_lazy("已延期"),
    tracking.REPLIED: gettext_lazy("已答复"),
}
EXPLAINED = {
    tracking.UNCONFIRMED: gettext_lazy(
        "本机关尚未确认收到您的申请。确认之日为收到申请之日，答复期限自次日起算；确认后即可查询答复期限。"
    ),
    tracking.HANDLING: gettext_lazy("本机关正在办理您的申请。"),
    tracking.CORRECTING: gettext_lazy(
        "本机关已告知您补正申请。请按补正通知的要求和期限补正；答复期限自本机关收到补正后的申请之日起重新计算。"
    ),
    tracking.CONSULTING: gettext_lazy("本机关正在征求第三方或者其他机关的意见，所需时间不计算在答复期限内。"),
    tracking.AWAITING_FEE: gettext_lazy(
        "本机关已向您发出收取信息处理费的通知。请在收到通知之日起20个工作日内缴纳；缴费期间不计算在答复期限内。"
    ),
    tracking.EXTENDED: gettext_lazy(
        "经政府信息公开工作机构负责人同意，答复期限已延长，延长的期限最长不超过20个工作日。"
    ),
    tracking.REPLIED: gettext_lazy("本机关已对您的申请作出答复。"),
}


def _guide_context():
    page = Page.objects.filter(slug=GUIDE).first()
    if page is None:
        return {"guide": None}
    lang = get_language()
    return {"guide": page, "title": pick(texts(page, "title"), lang), "body": pick(texts(page, "body"), lang)}


@public_page  # the guide is a Page: saving it starts a new cache generation like 关于我们
def guide(request):
    return render(request, "disclosure/applications/guide.html", _guide_context())


@never_cache
def apply(request):
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled the hidden field: it gets a page like the real one, and nothing is kept.
            request.session.pop(SESSION_KEY, None)
            return redirect("disclosure:applications_submitted")
        if not throttle.take("apply", request, settings.APPLICATION_RATE_LIMIT):
            form.add_error(None, _("您在一小时内提交次数过多，请稍后再试。已填写的内容保留在下方。"))
            status = 429
        else:
            data = form.cleaned_data
            body = Body.objects.get(slug=data["body"])
            details = {key: data[key] for key in ("name", "id_type", "id_number", "phone", "email", "address")}
            details |= {key: data[key] for key in ("request", "form", "delivery")}
            application = submit(body, form.applicant_type(), details, timezone.localdate())
            request.session[SESSION_KEY] = application.pk
            return redirect("disclosure:applications_submitted")
    if form.errors and status == 200:
        status = 400
    return render(request, "disclosure/applications/apply.html", {"form": form}, status=status)


@never_cache
def submitted(request):
    from disclosure.models import Application

    pk = request.session.get(SESSION_KEY)
    application = Application.objects.select_related("body").filter(pk=pk).first() if pk else None
    context = {"application": application}
    if application is not None:
        context["code"] = tracking.grouped(application.tracking_code)
    return render(request, "disclosure/applications/submitted.html", context)


@never_cache
def status(request):
    form = StatusForm(request.POST or None)
    result, status_code = None, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.take("status", request, settings.APPLICATION_STATUS_RATE_LIMIT):
            form.add_error(None, _("您在一小时内查询次数过多，请稍后再试。"))
            status_code = 429
        else:
            application = tracking.find(form.cleaned_data["code"], form.cleaned_data["phone"])
            if application is None:
                # One message for a wrong code and a wrong phone: the page must not say which one exists.
                form.add_error(None, _("没有找到与该查询码和联系电话相符的申请。请核对后重新输入。"))
                status_code = 404
            else:
                found = tracking.status(application, calendar.from_database(), timezone.localdate())
                result = {"status": found, "stage": STAGES[found.stage], "explained": EXPLAINED[found.stage]}
    elif form.errors:
        status_code = 400
    return render(request, "disclosure/applications/status.html", {"form": form, "result": result}, status=status_code)


def statistics_index(request):
    bodies = [(body, statistics.years_of(body)) for body in Body.objects.order_by("position", "pk")]
    return render(
        request,
        "disclosure/applications/statistics_index.html",
        {"bodies": [(body, years) for body, years in bodies if years]},
    )


def statistics_page(request, body, year):
    body = get_object_or_404(Body, slug=body)
    if not 2008 <= year <= 2100:
        raise Http404
    result = statistics.published(statistics.figures(body, year), year)
    return render(
        request,
        "disclosure/applications/statistics.html",
        {
            "body": body,
            "year": year,
            "result": result,
            "outcomes": outcome_rows(result),
            "years": statistics.years_of(body),
        },
    )


def outcome_rows(result):
    """[(group label, row label, Figure)] in table 3's order, with the official labels."""
    rows = []
    for key, figure in result.outcomes.items():
        row = formats.REQUESTS_2021.row(key)
        rows.append((E.OUTCOME_GROUPS[key] and row.subgroup, row.label, figure))
    return rows
