from disclosure.models.access import AccessEvent
from disclosure.models.acknowledgements import Acknowledgement
from disclosure.models.appeals import ApplicationAppeal
from disclosure.models.applications import Application, ApplicationEvent, HolidayArrangement
from disclosure.models.events import ReportEvent
from disclosure.models.feedback import Feedback
from disclosure.models.glossary import GlossaryEntry
from disclosure.models.locks import ReportLock
from disclosure.models.notifications import NotificationPreference
from disclosure.models.public_windows import PublicWindow
from disclosure.models.register_counts import RegisterCount
from disclosure.models.rendered_bodies import RenderedBody
from disclosure.models.reply_letters import ReplyLetter
from disclosure.models.reporting_units import ReportingUnit
from disclosure.models.reports import Body, PlanItem, RectificationItem, Report, Section
from disclosure.models.revisions import Revision, Withdrawal
from disclosure.models.search_index import SearchIndex
from disclosure.models.site import Link, Page, SiteSettings

__all__ = [
    "AccessEvent",
    "Acknowledgement",
    "Application",
    "ApplicationAppeal",
    "ApplicationEvent",
    "Body",
    "Feedback",
    "GlossaryEntry",
    "HolidayArrangement",
    "Link",
    "NotificationPreference",
    "Page",
    "PublicWindow",
    "PlanItem",
    "RectificationItem",
    "RegisterCount",
    "RenderedBody",
    "ReplyLetter",
    "Report",
    "ReportEvent",
    "ReportLock",
    "ReportingUnit",
    "Revision",
    "SearchIndex",
    "Section",
    "SiteSettings",
    "Withdrawal",
]
