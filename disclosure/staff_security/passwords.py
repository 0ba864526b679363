"""Password rules for staff accounts: Django's validators, with the length rule's message in Chinese.

Django's Simplified Chinese catalogue leaves the minimum-length message in English, so it is restated
here through gettext (the English catalogue carries the English).
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return _("密码太短，至少需要%(min_length)d个字符。") % {"min_length": self.min_length}

    def get_help_text(self):
        return _("密码至少需要%(min_length)d个字符，建议使用一句容易记住、别人猜不到的话。") % {
            "min_length": self.min_length
        }
