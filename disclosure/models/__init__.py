from disclosure.models.access import AccessEvent
from disclosure.models.acknowledgements import Acknowledgement
from disclosure.models.applications import Application, ApplicationEvent, HolidayArrangement
from disclosure.models.events import ReportEvent
from disclosure.models.feedback import Feedback
from disclosure.models.glossary import GlossaryEntry
from disclosure.models.reports import Body, PlanItem, RectificationItem, Report, Section
from disclosure.models.revisions import Revision, Withdrawal
from disclosure.models.site import Link, Page, SiteSettings

__all__ = [
    "AccessEvent",
    "Acknowledgement",
    "Application",
    "ApplicationEvent",
    "Body",
    "Feedback",
    "GlossaryEntry",
    "HolidayArrangement",
    "Link",
    "Page",
    "PlanItem",
    "RectificationItem",
    "Report",
    "ReportEvent",
    "Revision",
    "Section",
    "SiteSettings",
    "Withdrawal",
]
