"""信息处理费 as 国办函〔2020〕109号《政府信息公开信息处理费管理办法》 sets it: pure functions, amounts in 元.

Both scales charge *the part* above each threshold at that band's rate (办法第六条 "……的部分"):

- 按件计收 (by number): an applicant's applications to one agency in one natural month are numbered in order of
  receipt; the 1st to 10th are free, the 11th to 30th cost 100 元 each, and from the 31st every further 10
  (31–40, 41–50, …) raise the price by 100 元 (200, 300, …). One application's fee is the price of its number.
- 按量计收 (by volume), one application: pages 1–30 free, 31–100 at 10 元, 101–200 at 20 元, each page above
  200 at 40 元. 150 pages: 70 × 10 + 50 × 20 = 1,700 元.

The agency chooses one basis per application (never both); the admin computes the amount from it and refuses
any other amount (admin/application_fees.py).
"""

from decimal import Decimal

BY_NUMBER, BY_PAGES = "by_number", "by_pages"
BASES = {BY_NUMBER: "按件计收", BY_PAGES: "按量计收"}

FREE_APPLICATIONS = 10  # per applicant per natural month
FIRST_BAND_LAST = 30  # the 11th to the 30th at 100 元
FIRST_BAND_PRICE = 100
BAND_SIZE = 10  # from the 31st, every further 10 raise the price by 100 元
BAND_STEP = 100

# (first page of the band, price per page in 元); pages before the first band are free.
PAGE_BANDS = ((31, 10), (101, 20), (201, 40))


def price_of_number(number):
    """The fee of an applicant's `number`-th application (1, 2, …) in a natural month."""
    if number < 1:
        raise ValueError("an application's number in the month starts at 1")
    if number <= FREE_APPLICATIONS:
        return Decimal(0)
    if number <= FIRST_BAND_LAST:
        return Decimal(FIRST_BAND_PRICE)
    band = (number - FIRST_BAND_LAST - 1) // BAND_SIZE + 1  # 31–40 → 1, 41–50 → 2
    return Decimal(FIRST_BAND_PRICE + band * BAND_STEP)


def month_total(count):
    """What `count` applications of one applicant in one natural month cost together."""
    return sum((price_of_number(number) for number in range(1, count + 1)), Decimal(0))


def price_of_pages(pages):
    """The fee of one application of `pages` pages."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total = Decimal(0)
    bounds = [first for first, _ in PAGE_BANDS[1:]] + [None]
    for (first, rate), next_first in zip(PAGE_BANDS, bounds, strict=True):
        last = pages if next_first is None else min(pages, next_first - 1)
        if last >= first:
            total += (last - first + 1) * rate
    return Decimal(total)


def compute(basis, quantity):
    """The fee for `quantity` (the application's number in the month, or its pages) on `basis`."""
    if basis == BY_NUMBER:
        return price_of_number(quantity)
    if basis == BY_PAGES:
        return price_of_pages(quantity)
    raise ValueError(f"unknown basis {basis!r}")


def explain(basis, quantity):
    """One line saying how the amount was reached, for staff: 按量计收：150页，应收1700元。"""
    amount = compute(basis, quantity)
    unit = "本月第{}件" if basis == BY_NUMBER else "{}页"
    owed = f"应收{amount:.0f}元" if amount else "不收费"
    return f"{BASES[basis]}：{unit.format(quantity)}，{owed}。"
