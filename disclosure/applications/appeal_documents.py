"""The optional `appeals` of an application in `disclosure-applications/1` (interchange.py calls these).

    "appeals": [{"kind": "reconsideration", "filed_on": "2026-12-01", "organ": "锦州市人民政府",
                 "decided_on": "2027-01-20", "result": "upheld", "note": ""}]

`kind` is a row of table 4 (reconsideration, litigation_direct, litigation_after_reconsideration), `result` one of
upheld, corrected, other, given with `decided_on` and only then. The key is optional both ways, so documents
written before it load as they did: absent, the stored appeals are kept; present, even empty, they are
replaced. A dump writes it only for a case that has appeals, so dump → load → dump gives the same document.
"""

import datetime

from disclosure.models.appeals import KINDS, RESULTS
from disclosure.publishing import json_files

FIELDS = {"kind", "filed_on", "organ", "decided_on", "result", "note"}
_KINDS, _RESULTS = dict(KINDS), dict(RESULTS)


def validate(value, where, bad):
    from disclosure.applications import interchange

    for at, appeal in json_files.objects(value, where, bad):
        for key in sorted(set(appeal) - FIELDS):
            bad(f"{at}.{key}", "未知字段。")
        if appeal.get("kind") not in _KINDS:
            bad(f"{at}.kind", f"应为 {'、'.join(f'{k}（{v}）' for k, v in _KINDS.items())} 之一。")
        filed = interchange._date(appeal.get("filed_on"), f"{at}.filed_on", bad, required=True)
        decided = interchange._date(appeal.get("decided_on"), f"{at}.decided_on", bad)
        result = appeal.get("result", "")
        if result not in ("", *_RESULTS):
            bad(f"{at}.result", f"应为 {'、'.join(f'{k}（{v}）' for k, v in _RESULTS.items())} 之一，未审结的不写。")
        elif bool(result) != (appeal.get("decided_on") is not None):
            bad(f"{at}.result", "已审结的（有 decided_on）应写审结结果，未审结的不写。")
        if filed and decided and decided < filed:
            bad(f"{at}.decided_on", f"审结日期（{decided}）早于申请或起诉日期（{filed}）。")
        interchange._string(appeal.get("organ", ""), f"{at}.organ", bad, 100)
        interchange._string(appeal.get("note", ""), f"{at}.note", bad, 2000)


def load(application, item):
    from disclosure.models import ApplicationAppeal

    if "appeals" not in item:
        return
    application.appeals.all().delete()
    ApplicationAppeal.objects.bulk_create(
        ApplicationAppeal(
            application=application,
            kind=appeal["kind"],
            filed_on=datetime.date.fromisoformat(appeal["filed_on"]),
            decided_on=datetime.date.fromisoformat(appeal["decided_on"]) if appeal.get("decided_on") else None,
            organ=appeal.get("organ", ""),
            result=appeal.get("result", ""),
            note=appeal.get("note", ""),
        )
        for appeal in item["appeals"]
    )


def dumped(application):
    """{"appeals": [...]} for a case with appeals, else {} (the key stays out of documents that need none)."""
    appeals = list(application.appeals.all())
    if not appeals:
        return {}
    written = []
    for appeal in appeals:
        one = {"kind": appeal.kind, "filed_on": appeal.filed_on.isoformat()}
        if appeal.organ:
            one["organ"] = appeal.organ
        if appeal.decided_on:
            one |= {"decided_on": appeal.decided_on.isoformat(), "result": appeal.result}
        if appeal.note:
            one["note"] = appeal.note
        written.append(one)
    return {"appeals": written}
