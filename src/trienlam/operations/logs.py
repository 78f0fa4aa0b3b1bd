"""JSON-lines log formatter (TRIENLAM_LOG_FORMAT=json).

One object per line: time (UTC), level, logger, message, and for requests the request id,
method, path (without the query string), status, duration and page-cache outcome. Nothing
personal: no addresses, no user agents, no user names, no query strings.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

# Attributes a log call may add with `extra=` that are written out; anything else is dropped,
# so no personal value reaches the log by accident.
FIELDS = ("request_id", "method", "path", "status", "duration_ms", "cache")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
