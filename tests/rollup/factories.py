"""A government with its reporting units, each with a published report whose tables pass every check."""

from disclosure.models import Body, Report
from disclosure.rollup import units
from tests.factories import make_body, make_report, publish, standard_tables

YEAR = 2026


def scaled_tables(times, amount="1.25", format="2021"):
    """standard_tables with every count multiplied by `times` (the sums still hold) and 万元 set to `amount`."""
    tables = standard_tables(format)
    for rows in tables.values():
        for cells in rows.values():
            for column, value in cells.items():
                cells[column] = amount if isinstance(value, str) else value * times
    return tables


def published_report(body, tables, format="2021", year=YEAR):
    report = make_report(body, year=year, format=format)
    report.tables = tables
    report.save()
    publish(report)
    return report


def government(slug="jinzhou", name="锦州市人民政府"):
    return make_body(slug, name, kind=Body.Kind.GOVERNMENT)


def unit(gov, slug, name):
    return make_body(slug, name, parent=gov)


def listed_city(year=YEAR):
    """锦州市人民政府 and four listed units: the office and education publish (×1 and ×2, 1.25 and 2.50 万元),
    health has not published, transport published in the 2019 format. Also the government's own draft."""
    gov = government()
    office = unit(gov, "city-office", "锦州市人民政府办公室")
    education = unit(gov, "education-bureau", "锦州市教育局")
    health = unit(gov, "health-commission", "锦州市卫生健康委员会")
    transport = unit(gov, "transport-bureau", "锦州市交通运输局")
    published_report(office, scaled_tables(1, "1.25"))
    published_report(education, scaled_tables(2, "2.50"))
    published_report(transport, scaled_tables(1, "0.50", "2019"), format="2019")
    units.change(gov, year, add=[b.slug for b in (office, education, health, transport)])
    report = make_report(gov, year=year, format=Report.Format.STANDARD_2021)
    return {
        "government": gov,
        "office": office,
        "education": education,
        "health": health,
        "transport": transport,
        "report": report,
    }
