"""Check digits of the two identity numbers most applications carry, so that a mistyped one is caught on the
form rather than weeks later when the reply cannot be delivered.

- 居民身份证号码 (GB 11643-1999): 17 digits and a check character, ISO 7064 MOD 11-2 (X stands for 10).
- 统一社会信用代码 (GB 32100-2015): 17 characters and a check character, MOD 31 over the alphabet below.

Other documents (passports, 通行证, …) have no public check and are only limited in length.
"""

import re

RESIDENT_CARD = "居民身份证"
CREDIT_CODE = "统一社会信用代码"

_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CARD_CHECK = "10X98765432"
_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I O Z S V
_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def resident_card_ok(number):
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _CARD_WEIGHTS, strict=True))
    return _CARD_CHECK[total % 11] == number[17]


def credit_code_ok(code):
    if len(code) != 18 or any(char not in _CODE_ALPHABET for char in code):
        return False
    total = sum(_CODE_ALPHABET.index(char) * weight for char, weight in zip(code[:17], _CODE_WEIGHTS, strict=True))
    return _CODE_ALPHABET[(31 - total % 31) % 31] == code[17]
