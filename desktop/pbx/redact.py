"""Keeping credentials out of every log record, whoever logs it (httpx included).

The IEXPBX API carries the password in the query string, so a request URL is a
secret. The client never lets httpx see the credentials (they are added below
httpx's logging, in the transport), and this filter is the second line: attached
to the app's handlers and to the HTTP libraries' loggers, it rewrites any
`password=` / `username=` query value and any registered secret in a record.
"""

from __future__ import annotations

import logging
import re
import threading

_QUERY_SECRET = re.compile(
    r"(?i)\b(password|passwd|pass|pwd|token|secret|key|apikey|api_key|access_key|auth)"
    r"=([^&\s\"'<>]*)"
)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@:]+:[^/\s@]*@")
MASK = "***"

_lock = threading.Lock()
_secrets: set[str] = set()

# Loggers of the HTTP stack that may see request URLs.
HTTP_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.http11",
    "httpcore.connection",
    "httpcore.proxy",
    "aiohttp.access",
    "aiohttp.client",
    "aiohttp.server",
)


def register_secret(secret: str) -> None:
    """Mask this exact string (and its URL-encoded form) in every filtered record."""
    if secret and len(secret) >= 3:
        from urllib.parse import quote, quote_plus

        with _lock:
            _secrets.update({secret, quote(secret, safe=""), quote_plus(secret)})


def forget_secret(secret: str) -> None:
    """Stop masking a secret that is no longer in use."""
    from urllib.parse import quote, quote_plus

    with _lock:
        _secrets.difference_update({secret, quote(secret, safe=""), quote_plus(secret)})


def redact(text: str) -> str:
    """`text` with query-string secrets, URL user-info and registered secrets masked."""
    text = _QUERY_SECRET.sub(lambda m: f"{m.group(1)}={MASK}", text)
    text = _USERINFO.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (args merged in) and exception text, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        clean = redact(message)
        if clean != message or record.args:
            record.msg = clean
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_FILTER = RedactingFilter()


def install_on_http_loggers() -> None:
    """Attach the filter to the HTTP libraries' own loggers (idempotent).

    A filter on a logger applies to records created on it, before any handler
    (pytest's caplog included) sees them.
    """
    for name in HTTP_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def install_on_handler(handler: logging.Handler) -> None:
    """Attach the filter to a handler, so records from any logger are cleaned."""
    if _FILTER not in handler.filters:
        handler.addFilter(_FILTER)
