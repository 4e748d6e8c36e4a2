"""Log lines carry the request id, so one request can be followed through the log.

Two formats (`LOG_FORMAT`): `text`, one readable line each, and `json`, one JSON object a line
for a log collector — `time` (ISO 8601, UTC), `level`, `logger`, `message`, `request_id`, and
whatever the call passed as `extra` (the access line's method, route, status, duration_ms,
user_id or api_client_id: app/core/access.py).

Each request is logged once, by the app's access line, which knows the route template, the
caller and the duration; uvicorn's own access log (method, path and status only) is switched
off so that every request is not logged twice.
"""

import logging
import logging.config
from typing import Any, Literal

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

LogFormat = Literal["text", "json"]

# The handler put on the root logger, so what libraries log comes out in the same format;
# marked to be replaced, never doubled, when another app is built in the same process.
_ROOT_HANDLER_MARK = "_zhaoshangtong"


def json_formatter() -> logging.Formatter:
    return JsonFormatter(
        "%(levelname)s %(name)s %(message)s %(correlation_id)s",
        rename_fields={"levelname": "level", "name": "logger", "correlation_id": "request_id"},
        timestamp="time",
        # uvicorn's copy of the message with terminal colours.
        reserved_attrs=[*RESERVED_ATTRS, "color_message"],
        json_ensure_ascii=False,
    )


def _formatter(log_format: LogFormat) -> dict[str, Any]:
    if log_format == "json":
        return {"()": json_formatter}
    return {"format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"}


def configure_logging(level: str, log_format: LogFormat = "text") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {
                "request_id": {
                    "()": "asgi_correlation_id.CorrelationIdFilter",
                    "uuid_length": 32,
                    # Outside a request: null in JSON, a dash in text.
                    "default_value": None if log_format == "json" else "-",
                }
            },
            "formatters": {"default": _formatter(log_format)},
            "handlers": {
                "console": {
                    "class": "logging.StreamHandler",
                    "filters": ["request_id"],
                    "formatter": "default",
                }
            },
            "loggers": {
                "app": {"handlers": ["console"], "level": level, "propagate": False},
                "uvicorn": {"handlers": ["console"], "level": level, "propagate": False},
                # Replaced by the app's access line (see above).
                "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            },
        }
    )
    _configure_root(logging.getLogger("app").handlers[0])
    # Python's warnings become log records too, so a JSON log holds only JSON lines.
    logging.captureWarnings(log_format == "json")


def _configure_root(handler: logging.Handler) -> None:
    """Libraries' records (warnings and above) through the same handler. Added beside any
    handler the root logger already has (a test runner's), replacing only our own."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _ROOT_HANDLER_MARK, False)]:
        root.removeHandler(old)
    setattr(handler, _ROOT_HANDLER_MARK, True)
    root.addHandler(handler)
