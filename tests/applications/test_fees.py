"""Fees per 国办函〔2020〕109号, every amount counted by hand in its comment."""

from decimal import Decimal

import pytest

from disclosure.applications import fees


@pytest.mark.parametrize(
    ("number", "price"),
    [
        (1, 0),
        (10, 0),  # up to 10 a month free
        (11, 100),
        (30, 100),  # 11–30: 100 each
        (31, 200),  # 31–40: the first further 10, 100 more
        (40, 200),
        (41, 300),  # 41–50
        (50, 300),
        (51, 400),
    ],
)
def test_price_by_number(number, price):
    assert fees.price_of_number(number) == Decimal(price)


def test_month_total():
    assert fees.month_total(10) == 0
    assert fees.month_total(12) == 200  # the 11th and the 12th
    assert fees.month_total(30) == 2000  # 20 × 100
    assert fees.month_total(35) == 3000  # 20 × 100 + 5 × 200
    assert fees.month_total(45) == 5500  # 20 × 100 + 10 × 200 + 5 × 300


@pytest.mark.parametrize(
    ("pages", "price"),
    [
        (0, 0),
        (30, 0),  # up to 30 pages free
        (31, 10),  # 1 × 10
        (100, 700),  # 70 × 10
        (101, 720),  # 70 × 10 + 1 × 20
        (150, 1700),  # 70 × 10 + 50 × 20
        (200, 2700),  # 70 × 10 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_price_by_pages(pages, price):
    assert fees.price_of_pages(pages) == Decimal(price)


def test_compute_and_explain():
    assert fees.compute(fees.BY_PAGES, 150) == 1700
    assert fees.compute(fees.BY_NUMBER, 12) == 100
    assert fees.explain(fees.BY_PAGES, 150) == "按量计收：150页，应收1700元。"
    assert fees.explain(fees.BY_NUMBER, 3) == "按件计收：本月第3件，不收费。"
    with pytest.raises(ValueError):
        fees.compute("by_weight", 1)
    with pytest.raises(ValueError):
        fees.price_of_number(0)
