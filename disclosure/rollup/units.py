"""The reporting units of a government body for a year: read, suggested, changed.

The admin (ReportingUnitAdmin) and `manage.py reporting_units` both change the list through `change`, which
checks every slug before it writes anything.
"""

from dataclasses import dataclass

from django.db import transaction

from disclosure.models import Body, ReportingUnit


class ListError(ValueError):
    """The message is printed (or shown) as it is; nothing was changed."""


def listed(government, year):
    """Every unit on the list for `year`, excluded ones too, in the bodies' order."""
    return list(
        ReportingUnit.objects.filter(body=government, year=year)
        .select_related("unit")
        .order_by("unit__position", "unit__name")
    )


def to_sum(government, year):
    """The units whose reports are summed: listed and not excluded."""
    return [entry.unit for entry in listed(government, year) if not entry.excluded]


def suggested(government, year):
    """Bodies whose 上级机关 is `government` and that are not on the year's list: a suggestion, never the list."""
    on_list = ReportingUnit.objects.filter(body=government, year=year).values("unit")
    return list(Body.objects.filter(parent=government).exclude(pk__in=on_list).exclude(pk=government.pk))


@dataclass(frozen=True)
class Changes:
    added: tuple = ()
    removed: tuple = ()
    excluded: tuple = ()


def change(government, year, add=(), remove=(), exclude=(), reason=""):
    """Add, remove and exclude units by slug, all or nothing. `add` lists a unit to be summed (a unit excluded
    before is included again); `exclude` lists it as not summed, with `reason`. Raises ListError."""
    if government.kind != Body.Kind.GOVERNMENT:
        raise ListError(f"{government.name}不是人民政府：只有人民政府汇总本级年报、保存报告单位名单。")
    slugs = [*add, *remove, *exclude]
    known = {body.slug: body for body in Body.objects.filter(slug__in=slugs)}
    problems = [f"没有网址标识为“{slug}”的机构。" for slug in dict.fromkeys(slugs) if slug not in known]
    if government.slug in slugs and government.slug in known:
        problems.append(f"{government.name}本身不能列为自己的报告单位；请列入其办公室等具体单位。")
    both = set(add) & set(remove) | set(exclude) & set(remove) | set(add) & set(exclude)
    problems += [f"“{slug}”不能同时加入、移除或不纳入汇总。" for slug in sorted(both)]
    on_list = {entry.unit.slug for entry in listed(government, year)}
    problems += [
        f"{known[slug].name}（{slug}）不在{year}年度的报告单位名单上，无需移除。"
        for slug in remove
        if slug in known and slug not in on_list
    ]
    if exclude and not reason.strip():
        problems.append("不纳入汇总的单位须写明理由（--reason），如“垂直管理，由上级主管部门汇总”。")
    if problems:
        raise ListError("\n".join(problems))
    with transaction.atomic():
        for slug in add:
            ReportingUnit.objects.update_or_create(
                body=government, year=year, unit=known[slug], defaults={"excluded": False, "reason": ""}
            )
        for slug in exclude:
            ReportingUnit.objects.update_or_create(
                body=government, year=year, unit=known[slug], defaults={"excluded": True, "reason": reason.strip()}
            )
        ReportingUnit.objects.filter(body=government, year=year, unit__slug__in=remove).delete()
    return Changes(tuple(add), tuple(remove), tuple(exclude))
