"""Who sees an applicant's identity and contact details, and how they look to everyone else (个人信息保护法).

Only the staff who handle the case need them: a member of the case's body with the role 申请办理人
(or a superuser). Reviewers, editors and publishers of the same body see the case (table 3 is counted from it)
but not who asked; lists show everyone the values masked, enough to tell two cases apart.
"""

from disclosure.publishing import workflow

HANDLER = "申请办理人"
MASK = "*"


def is_handler(user):
    """Has the role anywhere (a superuser counts): for forms whose body is not chosen yet."""
    return bool(user and user.is_active and user.is_staff and workflow.has_role(user, [HANDLER]))


def sees_personal_data(user, application):
    """Whether `user` may see `application`'s Application.PERSONAL_FIELDS unmasked."""
    if not (user and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return is_handler(user) and workflow.is_member(user, application.body)


def mask(field, value):
    """`value` of the personal field `field` as lists show it: 张**, 2107**********1234, 138****5678."""
    value = (value or "").strip()
    if not value:
        return ""
    masker = _MASKERS.get(field)
    return masker(value) if masker else value


def _keep(value, head, tail):
    """`head` characters, stars, `tail` characters; a value shorter than usual keeps less, so that at least a
    third of it is always hidden (an 8-character number shows 5, not 7)."""
    shown = len(value) - max(1, (len(value) + 2) // 3)
    while head + tail > shown:
        if head >= tail and head:
            head -= 1
        else:
            tail -= 1
    return value[:head] + MASK * (len(value) - head - tail) + (value[len(value) - tail :] if tail else "")


def _name(value):
    return _keep(value, 1, 0)


def _id_number(value):
    return _keep(value, 4, 4)


def _phone(value):
    return _keep(value, 3, 4)


def _email(value):
    local, at, domain = value.partition("@")
    return _keep(local, 1, 0) + at + domain if at else _keep(value, 1, 0)


def _address(value):
    return _keep(value, 6, 0)


_MASKERS = {"name": _name, "id_number": _id_number, "phone": _phone, "email": _email, "address": _address}
