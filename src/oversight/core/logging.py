"""A logging filter that keeps client addresses and user agents out of every log."""

import logging
import re

_IP = re.compile(
    r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}\b", re.IGNORECASE
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
