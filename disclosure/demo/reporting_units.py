"""The demo's 锦州市人民政府 with its departments as listed reporting units for 2023 and 2024 (issue 19).

So that the supervising office's dashboard (admin 报告单位年报监督) and the public 公开情况 page have something
real to show, the departments' reports for those years are written here in short and loaded as
disclosure-report/1 documents, as load_report would (the sports bureau's two full documents are in documents/):

- 2023: every unit published on time; the transport bureau's table 4 is all zero (as it is in 2024).
- 2024: the education bureau's applications rose more than fivefold, its 上年结转 is not last year's
  结转下年度, and it published a correction after the deadline; the transport bureau published late, its text
  repeats last year's, a sub-section is empty and its 行政许可 fell below a fifth; the civil affairs bureau has
  not published (a draft whose table 3 does not balance).

Every figure the texts quote is written from the tables, so the text-vs-table check agrees with them.
"""

import datetime

from django.utils import timezone

from disclosure.models import Body, Report
from disclosure.publishing import interchange, workflow
from disclosure.rollup import units
from disclosure.tables import formats, rules

GOVERNMENT = "municipal-government"
YEARS = (2023, 2024)
UNITS = ("education-bureau", "civil-affairs-bureau", "transport-bureau", "sports-bureau")
# (slug, year) left as a draft: the unit missing from 2024.
DRAFTS = {("civil-affairs-bureau", 2024)}
# (slug, year): a correction published after the first revision, (date, what changes, the note).
CORRECTIONS = {
    ("education-bureau", 2024): (
        datetime.date(2025, 2, 10),
        ("active", "penalty", "decisions", 11),
        "更正表二“行政处罚·本年处理决定数量”：原为9件，经核对应为11件。",
    ),
}


def _people(natural=0, commercial=0, social_welfare=0, legal_service=0):
    """One row of table 3 by applicant (research institutions and 其他 ask nothing in the demo)."""
    return {
        "natural_person": natural,
        "commercial": commercial,
        "social_welfare": social_welfare,
        "legal_service": legal_service,
    }


# Each unit's figures: table 2's non-zero cells, table 3 by applicant (results; 结转下年度 is derived unless
# given, to make a draft that does not balance), table 4's (upheld, corrected, other, pending).
FIGURES = {
    ("education-bureau", 2023): {
        "active": {"normative_documents": {"made": 2, "in_force": 15}, "licensing": 1260, "penalty": 12},
        "new_received": _people(8, 2),
        "carried_over": _people(1),
        "results": {
            "granted": _people(5, 1),
            "partially_granted": _people(1),
            "denied_process_info": _people(0, 1),
            "unable_no_info": _people(1),
            "not_processed_repeat": _people(1),
        },
        "appeals": {"reconsideration": (1, 0, 0, 0)},
    },
    ("education-bureau", 2024): {
        "active": {"normative_documents": {"made": 3, "repealed": 1, "in_force": 17}, "licensing": 1315, "penalty": 9},
        "new_received": _people(52, 8, legal_service=2),
        "carried_over": _people(2),  # 2023's report carried 1 forward
        "results": {
            "granted": _people(38, 5, legal_service=1),
            "partially_granted": _people(4, 1),
            "denied_internal_affairs": _people(2),
            "unable_no_info": _people(5, 1),
            "not_processed_complaint": _people(3),
            "other_overdue_correction": _people(1),
        },
        "appeals": {"reconsideration": (2, 1, 0, 0), "litigation_direct": (1, 0, 0, 0)},
    },
    ("civil-affairs-bureau", 2023): {
        "active": {"normative_documents": {"made": 1, "in_force": 9}, "licensing": 86, "penalty": 3},
        "new_received": _people(20, social_welfare=1),
        "carried_over": _people(),
        "results": {
            "granted": _people(12, social_welfare=1),
            "partially_granted": _people(2),
            "unable_no_info": _people(3),
            "not_processed_complaint": _people(2),
        },
        "appeals": {"reconsideration": (1, 0, 0, 0), "litigation_after_reconsideration": (0, 0, 1, 0)},
    },
    ("civil-affairs-bureau", 2024): {
        "active": {"normative_documents": {"made": 2, "in_force": 10}, "licensing": 91, "penalty": 2},
        "new_received": _people(24, 1),
        "carried_over": _people(1),
        "results": {"granted": _people(15, 1), "partially_granted": _people(3), "unable_no_info": _people(4)},
        "carried_forward": _people(4),  # the balance says 3: the draft cannot be published yet
        "appeals": {},
    },
    ("transport-bureau", 2023): {
        "active": {
            "normative_documents": {"made": 1, "in_force": 6},
            "licensing": 412,
            "penalty": 57,
            "enforcement": 4,
        },
        "new_received": _people(6, 3),
        "carried_over": _people(),
        "results": {
            "granted": _people(4, 2),
            "partially_granted": _people(0, 1),
            "unable_no_info": _people(1),
            "not_processed_repeat": _people(1),
        },
        "appeals": {},
    },
    ("transport-bureau", 2024): {
        "active": {"normative_documents": {"in_force": 6}, "licensing": 61, "penalty": 49, "enforcement": 3},
        "new_received": _people(7, 2),
        "carried_over": _people(),
        "results": {"granted": _people(5, 2), "denied_third_party_rights": _people(1), "unable_no_info": _people(1)},
        "appeals": {},
    },
}

PUBLISHED_ON = {
    ("education-bureau", 2023): datetime.date(2024, 1, 18),
    ("education-bureau", 2024): datetime.date(2025, 1, 24),
    ("civil-affairs-bureau", 2023): datetime.date(2024, 1, 26),
    ("transport-bureau", 2023): datetime.date(2024, 1, 30),
    ("transport-bureau", 2024): datetime.date(2025, 2, 18),  # 18 days after the deadline
}

# The texts: 总体情况, 主动公开 (before the table's sentence), 依申请公开 (after it), 问题及改进, 其他事项; a
# rectification and a plan. The transport bureau's 2024 text is its 2023 text again, years and figures aside.
_TRANSPORT = {
    "overview": "{year}年，市交通运输局认真贯彻落实《条例》和全市政务公开工作部署，围绕交通基础设施建设、道路运输管理、"
    "城乡客运服务等群众关注的事项做好政府信息公开工作。",
    "active": "全年在门户网站主动公开政府信息{items}条，重点公开公路建设项目、道路运输行政许可和客运线路调整等信息。",
    "requests": "申请内容主要涉及道路建设征收补偿、客运线路审批和出租汽车管理。",
    "problems": "政务公开工作还存在信息更新不够及时、政策解读形式较为单一等问题。下一步，我局将加强栏目日常维护，"
    "丰富政策解读形式，提高政府信息公开工作质量。",
    "other": "本年度未收取信息处理费。",
    "rectification": ("部分栏目信息更新不够及时。", "明确栏目维护责任科室，实行每月检查。"),
    "plan": ("加强道路运输领域行政许可信息公开。", "运输管理科"),
    "subsections": (
        ("政府信息管理", "严格执行公文公开属性源头认定，对拟公开的政府信息逐件进行保密审查。"),
        ("监督保障", "局领导班子定期研究政务公开工作，将政务公开纳入各科室年度考核。"),
    ),
}
TEXTS = {
    ("education-bureau", 2023): {
        "overview": "2023年，市教育局坚持以人民为中心的发展思想，认真贯彻落实《条例》和省、市政务公开工作要点，"
        "围绕“双减”政策落实、义务教育招生入学、校园安全等群众关注的领域，不断加大信息公开力度。",
        "active": "全年在门户网站主动公开政府信息326条，其中义务教育招生入学政策及学区划分、民办学校收费标准、"
        "学生资助政策等重点信息112条。",
        "requests": "申请内容主要集中在学校招生入学、教师招聘和校外培训机构监管等方面。",
        "problems": "对照上级要求，我局政务公开工作仍存在政策解读不够通俗、基层学校信息公开不够规范等问题。"
        "我局将组织开展学校信息公开专项检查，推动公开内容和格式逐步统一。",
        "other": "本年度未收取信息处理费。我局将政务公开工作纳入对各县（市、区）教育行政部门的年度考核。",
        "rectification": ("基层学校信息公开不够规范。", "制定学校信息公开事项清单，开展专项检查。"),
        "plan": ("完善义务教育招生入学信息的集中公开，在招生季前统一发布政策问答。", "基础教育科"),
    },
    ("education-bureau", 2024): {
        "overview": "2024年，市教育局深入落实教育强国建设部署，把政务公开作为回应群众关切的重要途径。"
        "随着义务教育阶段招生改革全面实施，群众对入学政策和学位分配的关注明显增加，依申请公开数量大幅上升。",
        "active": "全年主动公开政府信息418条，新增“招生入学”“课后服务”两个专题，集中发布学位预警、"
        "学区划分和课后服务收费等信息。",
        "requests": "申请数量较上年增长较多，主要原因是义务教育招生改革后，"
        "家长集中申请公开学区划分依据和学位分配结果。",
        "problems": "上年度提出的学校信息公开不规范问题已通过专项检查基本整改。当前主要问题是依申请公开办理压力增大、"
        "答复文书质量参差不齐。我局将完善答复文书范本，加强业务培训。",
        "other": "2024年，我局共收取信息处理费0元。全市各级各类学校均已在门户网站开设信息公开栏目。",
        "rectification": ("依申请公开答复文书质量参差不齐。", "制定答复文书范本，组织两期业务培训。"),
        "plan": ("将学区划分和学位分配的依据在招生前主动公开，减少同类申请。", "基础教育科"),
    },
    ("civil-affairs-bureau", 2023): {
        "overview": "2023年，市民政局围绕兜底民生保障、养老服务体系建设和基层社会治理，扎实推进政务公开工作，"
        "重点做好社会救助、养老服务和殡葬管理等领域的信息公开。",
        "active": "全年主动公开政府信息274条，其中最低生活保障、特困人员供养等社会救助信息按月公开，"
        "养老机构名录及星级评定结果集中公开。",
        "requests": "申请内容主要涉及低保审批、养老服务补贴发放和社会组织登记。",
        "problems": "社会救助信息公开的及时性还需提高，部分县区公示内容不够完整。我局将建立按月公示检查机制。",
        "other": "本年度未收取信息处理费。",
        "rectification": ("部分县区社会救助公示内容不完整。", "制定公示内容清单，每月抽查。"),
        "plan": ("推进养老服务信息集中公开，发布全市养老服务地图。", "养老服务科"),
    },
    ("civil-affairs-bureau", 2024): {
        "overview": "2024年，市民政局持续推进民政领域基层政务公开标准化规范化建设。",
        "active": "全年主动公开政府信息291条。",
        "requests": "申请内容主要涉及低保审批和养老服务补贴。",
        "problems": "本部分正在撰写。",
        "other": "本年度未收取信息处理费。",
        "rectification": ("待补充。", ""),
        "plan": ("待补充。", "办公室"),
    },
    ("transport-bureau", 2023): _TRANSPORT,
    # A sub-section left without text: publishable (the six parts are not), and an evaluator's signal.
    ("transport-bureau", 2024): {**_TRANSPORT, "subsections": (_TRANSPORT["subsections"][0], ("监督保障", ""))},
}
ACTIVE_ITEMS = {
    ("transport-bureau", 2023): 187,
    ("transport-bureau", 2024): 192,
}


def tables(figures):
    """Full 2021-format tables from the figures above: every other cell zero, totals computed as the form does."""
    table3 = next(t for t in formats.tables(formats.STANDARD_2021) if t.key == "requests")
    applicants = [c.key for c in table3.columns if c.key != "total"]

    def row(values):
        return {key: values.get(key, 0) for key in applicants}

    requests = {r.key: row({}) for r in table3.rows}
    requests["new_received"], requests["carried_over"] = row(figures["new_received"]), row(figures["carried_over"])
    for key, values in figures["results"].items():
        requests[key] = row(values)
    results = rules.result_rows(table3)
    requests["carried_forward"] = row(figures.get("carried_forward") or {})
    if "carried_forward" not in figures:
        requests["carried_forward"] = {
            c: requests["new_received"][c] + requests["carried_over"][c] - sum(requests[k][c] for k in results)
            for c in applicants
        }
    active = {}
    for r in formats.ACTIVE_2021.rows:
        given = figures["active"].get(r.key, {})
        given = given if isinstance(given, dict) else {"decisions": given}
        active[r.key] = {c.key: ("0.00" if c.kind == formats.AMOUNT else given.get(c.key, 0)) for c in r.columns}
    outcomes = ("upheld", "corrected", "other", "pending")
    appeals = {
        r.key: dict(zip(outcomes, figures["appeals"].get(r.key, (0, 0, 0, 0)), strict=True))
        for r in formats.APPEALS.rows
    }
    return rules.totals(formats.STANDARD_2021, {"active": active, "requests": requests, "appeals": appeals})


def _requests_sentence(year, tables):
    t = {key: cells["total"] for key, cells in tables["requests"].items()}
    return (
        f"{year}年，我局新收政府信息公开申请{t['new_received']}件，上年结转{t['carried_over']}件。"
        f"全年予以公开{t['granted']}件，部分公开{t['partially_granted']}件，结转下年度继续办理{t['carried_forward']}件。"
    )


def _appeals_sentence(year, tables):
    appeals = tables["appeals"]
    reconsideration = appeals["reconsideration"]["total"]
    litigation = appeals["litigation_direct"]["total"] + appeals["litigation_after_reconsideration"]["total"]
    if not reconsideration and not litigation:
        return f"{year}年，我局未发生因政府信息公开工作被申请行政复议或者提起行政诉讼的情况。"
    return f"{year}年，我局因政府信息公开工作被申请行政复议{reconsideration}件，被提起行政诉讼{litigation}件。"


def _zh(text):
    return {"zh-hans": text}


def document(body, year):
    """The unit's report for `year` as a disclosure-report/1 document."""
    key = (body.slug, year)
    figures, text = FIGURES[key], TEXTS[key]
    built = tables(figures)
    active = text["active"].format(items=ACTIVE_ITEMS.get(key, 0))
    parts = [
        ("总体情况", text["overview"].format(year=year)),
        ("主动公开政府信息情况", active),
        ("收到和处理政府信息公开申请情况", _requests_sentence(year, built) + text["requests"]),
        ("政府信息公开行政复议、行政诉讼情况", _appeals_sentence(year, built)),
        ("存在的主要问题及改进情况", text["problems"]),
        ("其他需要报告的事项", text["other"]),
    ]
    sections = [{"heading": _zh(heading), "body": _zh(body_text)} for heading, body_text in parts]
    sections[0]["children"] = [{"heading": _zh(h), "body": _zh(t)} for h, t in text.get("subsections", ())]
    problem, measure = text["rectification"]
    title = f"{body.name_zh_hans}{year}年政府信息公开工作年度报告"
    english = f"{body.name_en}: Annual Report on Government Information Disclosure for {year}"
    published_on = PUBLISHED_ON.get(key)
    return {
        "schema": "disclosure-report/1",
        "format": formats.STANDARD_2021,
        "year": year,
        "body": {"slug": body.slug},
        "title": {"zh-hans": title, "en": english},
        "published_on": published_on.isoformat() if published_on else None,
        "source": _zh(body.name_zh_hans),
        "preamble": _zh(
            "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制。"
            f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        ),
        "sections": sections,
        "rectifications": [{"problem": _zh(problem), "measure": _zh(measure), "status": "in_progress"}],
        "plans": [{"text": _zh(text["plan"][0]), "responsible": _zh(text["plan"][1])}] if text["plan"] else [],
        "tables": built,
    }


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def load(stdout):
    """The units' reports (skipping any already there) and the government's lists for YEARS."""
    government = Body.objects.get(slug=GOVERNMENT)
    bodies = {body.slug: body for body in Body.objects.filter(slug__in=UNITS)}
    for (slug, year), _figures in FIGURES.items():
        if Report.objects.filter(body=bodies[slug], year=year).exists():
            continue
        doc = document(bodies[slug], year)
        report, _findings = interchange.load(doc, source="演示数据")
        if (slug, year) in DRAFTS:
            stdout.write(f"草稿：{report.title}")
            continue
        workflow.publish(report, at=_at(report.published_on))
        if (slug, year) in CORRECTIONS:
            day, (table, row, column, value), note = CORRECTIONS[(slug, year)]
            report.tables[table][row][column] = value
            report.save()
            workflow.publish(report, change_note=note, at=_at(day))
        stdout.write(f"已发布：{report.title}")
    for year in YEARS:
        if not units.listed(government, year):
            units.change(government, year, add=UNITS)
