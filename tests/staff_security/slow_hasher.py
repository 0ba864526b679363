"""A password hasher as slow as a real one (the suite's is fast MD5), counting the passwords it checks."""

import threading
import time

from django.contrib.auth.hashers import MD5PasswordHasher


class SlowCountingHasher(MD5PasswordHasher):
    algorithm = "slow_md5_for_tests"
    seconds = 0.3
    checked = 0
    _lock = threading.Lock()
    _verifying = threading.local()

    @classmethod
    def check(cls):
        with cls._lock:
            cls.checked += 1
        time.sleep(cls.seconds)  # like PBKDF2's fraction of a second, without burning the shared cores

    def verify(self, password, encoded):
        self.check()
        self._verifying.now = True
        try:
            return super().verify(password, encoded)  # which encodes the password given
        finally:
            self._verifying.now = False

    def encode(self, password, salt):
        # Django also hashes the password once for a user name that does not exist, so that timing tells nothing.
        if not getattr(self._verifying, "now", False):
            self.check()
        return super().encode(password, salt)
