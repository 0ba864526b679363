"""The reporting bodies as a reader of a province's site cluster looks for them: by government (地区), then body.

A city portal has a handful of bodies and lists them all. A province has thousands: the province government,
its cities and counties (Body.kind GOVERNMENT, each under the one above), and the departments of each
(DEPARTMENT, parent = their government). A list that grows with the bodies becomes a list of the governments
(about a hundred), and each government's own list: the government itself and its departments. That group is
its *area*. A department with no parent is an area of its own, so that every body belongs to exactly one.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from disclosure.models import Body, Revision


def _listed(bodies):
    """Bodies as lists show them: without the record of where their English came from (a JSON column read and
    decoded per row, needed only to save an English name)."""
    return bodies.defer("en_sources")


def is_large():
    """Whether the portal has too many bodies to list them all in one control (COLUMN_BODY_CHOICES_LIMIT)."""
    return Body.objects.count() > settings.COLUMN_BODY_CHOICES_LIMIT


def has_public_reports(bodies):
    """`bodies` that have a public report: one indexed lookup per body, never the set of every public report."""
    return bodies.filter(Exists(Revision.objects.public().filter(body=OuterRef("pk"))))


def public_bodies():
    """Every body with a public report, in the staff's order (a small portal's list)."""
    return has_public_reports(_listed(Body.objects.all())).order_by("position", "name")


def area_of(body):
    """The government whose area `body` is in: itself for a government (or a department without a parent)."""
    if body.kind == Body.Kind.GOVERNMENT or body.parent_id is None:
        return body.pk
    return body.parent_id


def in_area(area):
    """A filter on revisions (or anything with a `body`): reports of the area's government and departments.
    A subquery of the area's bodies, so that the database starts from those few bodies' index entries (an OR
    across the join to Body would read every public report)."""
    return Q(body__in=Body.objects.filter(Q(pk=area.pk) | Q(parent=area, kind=Body.Kind.DEPARTMENT)))


def area_members(area):
    """The area's bodies with a public report: the government first, then its departments in the staff's order."""
    bodies = _listed(Body.objects.filter(Q(pk=area.pk) | Q(parent=area, kind=Body.Kind.DEPARTMENT)))
    return sorted(has_public_reports(bodies).order_by("position", "name"), key=lambda body: body.pk != area.pk)


@dataclass
class Government:
    body: Body
    depth: int
    below: list = field(default_factory=list)


def governments():
    """Every government as a tree in the staff's order: the top ones (a province, or a city on its own portal),
    each with the governments under it. One query of about a hundred rows, whatever the number of departments."""
    rows = list(_listed(Body.objects.filter(kind=Body.Kind.GOVERNMENT)).order_by("position", "name"))
    nodes = {body.pk: Government(body, 0) for body in rows}
    top = []
    for body in rows:
        parent = nodes.get(body.parent_id)
        (parent.below if parent else top).append(nodes[body.pk])
    _set_depth(top, 0)
    return top


def _set_depth(nodes, depth):
    for node in nodes:
        node.depth = depth
        _set_depth(node.below, depth + 1)


def flatten(tree):
    """The governments of `governments()` in reading order (each followed by those under it)."""
    for node in tree:
        yield node
        yield from flatten(node.below)


def area_choices(tree):
    """(value, label) choices for a select, grouped as readers know them: each top government on its own, then
    one group per government under it (a city with its counties). Deeper levels stay inside their group."""
    choices = []
    for node in tree:
        choices.append((node.body.slug, node.body.name))
        for child in node.below:
            if child.below:
                members = [(n.body.slug, n.body.name) for n in flatten([child])]
                choices.append((child.body.name, members))
            else:
                choices.append((child.body.slug, child.body.name))
    return choices
