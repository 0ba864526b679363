from .access import AccessEvent
from .acknowledgements import Acknowledgement
from .events import ReportEvent
from .feedback import Feedback
from .glossary import GlossaryEntry
from .reports import Body, PlanItem, RectificationItem, Report, Section
from .revisions import Revision
from .site import Link, Page, SiteSettings

__all__ = [
    "AccessEvent",
    "Acknowledgement",
    "Body",
    "Feedback",
    "GlossaryEntry",
    "Link",
    "Page",
    "PlanItem",
    "RectificationItem",
    "Report",
    "ReportEvent",
    "Revision",
    "Section",
    "SiteSettings",
]
