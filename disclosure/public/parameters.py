"""Query parameters, read in one place by the public pages and the open-data API.

A number in an address is ASCII digits only, without sign, spaces or leading zeros, and at most as long as
the largest value allowed: `str.isdigit()` also accepts ², ① and the digits of other scripts, which int()
then refuses, and int() of a 5,000-digit string is refused too (or slow). Anything else is a BadParameter,
which the API answers with its JSON error (400) and a public page with a 400 page in the reader's language.
"""

import re
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

ASCII_NUMBER = re.compile(r"(?:0|[1-9][0-9]*)\Z")


class BadParameter(ValueError):
    """A number parameter that is not a whole number from `low` to `high`."""

    def __init__(self, name, value, low, high):
        super().__init__(f"bad parameter {name}")
        self.name, self.value, self.low, self.high = name, value, low, high


def whole_number(value, name, low, high):
    """`value` (a string, or None when the parameter is absent) as an int from `low` to `high`, or None."""
    if value is None:
        return None
    if len(value) > len(str(high)) or not ASCII_NUMBER.match(value) or not low <= int(value) <= high:
        raise BadParameter(name, value, low, high)
    return int(value)


def page_number(request, paginator, name="page"):
    """The page of `paginator` that the address asks for (the first when it names none)."""
    number = whole_number(request.GET.get(name), name, 1, max(paginator.num_pages, 1)) or 1
    return paginator.page(number)


def canonical_query(request, names):
    """The query string of the canonical address: the first non-empty value of each of `names`, in that order;
    any other parameter, a repeated one and an empty one are left out."""
    pairs = []
    for name in names:
        values = [value for value in request.GET.getlist(name) if value != ""]
        if values:
            pairs.append((name, values[0]))
    return urlencode(pairs)


def bad_request(request, error):
    """The 400 page of a public page for a parameter it cannot answer, in the reader's language."""
    message = _("参数%(name)s应为%(low)s至%(high)s之间的整数。") % {
        "name": error.name,
        "low": error.low,
        "high": error.high,
    }
    return render(request, "400.html", {"message": message}, status=400)
