"""The tracking code (查询码) of an online application, and the phone number it is checked with.

A code is 12 characters drawn by `secrets` from 29 letters and digits that cannot be mistaken for one
another read aloud or typed (no 0/O, 1/I/L, U/V): about 58 bits, far beyond what a rate-limited form can
guess. It is shown in three groups of four (`7KQM-4XPA-93HD`); what the applicant types back is upper-cased
and stripped of spaces and dashes before it is compared, so either form works.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"  # no 0 O 1 I L U V
CODE_LENGTH = 12
GROUP = 4


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def grouped(code):
    """`7KQM4XPA93HD` → `7KQM-4XPA-93HD`, as shown to the applicant."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise_code(text):
    """What an applicant typed, as stored: upper case, no spaces or dashes (any kind)."""
    return re.sub(r"[\s\-‐‑‒–—－_]", "", text or "").upper()


def normalise_phone(text):
    """A phone number as compared: digits only, without the +86 / 0086 country prefix.

    `+86 138-0000-0000`, `0086 13800000000` and `138 0000 0000` are the same number; a landline keeps its
    area code's leading 0 (`0416-1234567` → `04161234567`).
    """
    digits = re.sub(r"\D", "", text or "")
    if (text or "").strip().startswith("+86") or digits.startswith("0086"):
        digits = digits[2:] if digits.startswith("86") else digits[4:]
    return digits
