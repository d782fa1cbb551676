"""Logging filters: client addresses and user agents never reach a log, and a refusal
(403) is one line, not a traceback."""

import logging
import re

# IPv4; IPv6 in full (eight groups) or shortened with "::". Times such as
# 2026:15:29:19 (gunicorn's access log) have neither shape and are left alone.
_IP = re.compile(
    r"(?:[0-9a-f]{0,4}:){2,6}(?:\d{1,3}\.){3}\d{1,3}\b"  # IPv4-mapped IPv6
    r"|\b(?:\d{1,3}\.){3}\d{1,3}\b"
    r"|(?<![0-9a-f:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![0-9a-f:])"
    r"|(?<![0-9a-f:])(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?",
    re.IGNORECASE,
)
_UA = re.compile(r"(Mozilla|Opera|curl|Wget|python-requests)/\S+[^\"]*", re.IGNORECASE)


class NoClientIdentity(logging.Filter):
    """Drop the request object and mask anything that looks like an IP or a UA."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        message = record.getMessage()
        cleaned = _UA.sub("[user-agent]", _IP.sub("[address]", message))
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class RefusalsWithoutTraceback(logging.Filter):
    """A 403 is the site working as meant: log the line Django writes, not its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info, record.exc_text = None, None
        return True
