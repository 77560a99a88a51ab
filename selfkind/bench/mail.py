"""A benchmark-only mail backend: each message takes a while to "send", then is appended to a file.

The pause stands for a mail server's reply, so a SIGKILL lands in the middle of sending; the file, written
and synced before `send_messages` returns, is what the mail server accepted.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

SEND_SECONDS = 0.05


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        path = os.environ["SELFKIND_BENCH_MAIL_FILE"]
        for message in email_messages:
            time.sleep(SEND_SECONDS)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps({"to": list(message.to), "subject": message.subject}) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
        return len(email_messages)
