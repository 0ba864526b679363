"""Fixtures of the public pages' tests."""

import pytest

from disclosure.models import Body
from tests.factories import make_body, make_report, publish

GOVERNMENT, DEPARTMENT = Body.Kind.GOVERNMENT, Body.Kind.DEPARTMENT


@pytest.fixture
def province(settings):
    """辽宁省 with two cities under it, each government with two departments; reports for 2023 and 2024."""
    settings.COLUMN_BODY_CHOICES_LIMIT = 3
    province = make_body("liaoning", "辽宁省人民政府", kind=GOVERNMENT, position=0)
    shenyang = make_body("shenyang", "沈阳市人民政府", kind=GOVERNMENT, parent=province, position=1)
    dalian = make_body("dalian", "大连市人民政府", kind=GOVERNMENT, parent=province, position=2)
    bodies = {"liaoning": province, "shenyang": shenyang, "dalian": dalian}
    for government, names in [(province, ["省教育厅", "省民政厅"]), (shenyang, ["沈阳市教育局", "沈阳市民政局"])]:
        for index, name in enumerate(names):
            slug = f"{government.slug}-{index}"
            bodies[slug] = make_body(slug, name, kind=DEPARTMENT, parent=government, position=10 + index)
    for slug in ["liaoning", "shenyang", "liaoning-0", "shenyang-0", "shenyang-1"]:
        publish(make_report(bodies[slug], year=2024))
    for slug in ["shenyang", "shenyang-0"]:
        publish(make_report(bodies[slug], year=2023))
    return bodies
