"""What a user types about the PBX, checked: its address, a certificate fingerprint, its zone."""

from __future__ import annotations

import functools
import ipaddress
import os
import re
from enum import Enum
from urllib.parse import urlsplit

from PySide6.QtCore import QTimeZone

__all__ = [
    "ServerUrlError",
    "ServerUrlProblem",
    "available_timezone_names",
    "is_plain_http",
    "local_timezone_name",
    "normalize_fingerprint",
    "normalize_server_url",
]


class ServerUrlProblem(Enum):
    """Why a typed server address was refused (the UI words each one)."""

    EMPTY = "Enter the address of the PBX."
    BAD_SCHEME = "The address must start with http:// or https://."
    CREDENTIALS_IN_URL = (
        "Do not put a user name or password in the address; enter them in their own fields."
    )
    PASSWORD_IN_QUERY = "Do not put a password in the address; enter it in its own field."  # noqa: S105
    BAD_HOST = "The address does not contain a valid server name."
    BAD_PORT = "The port in the address is not valid."


class ServerUrlError(ValueError):
    """A refused server address; the message never repeats the address (it may hold secrets)."""

    def __init__(self, problem: ServerUrlProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HOST_RE = re.compile(
    r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$"
)


def normalize_server_url(text: str) -> str:
    """`pbx.example.com/x?y` -> `https://pbx.example.com`; ServerUrlError if unsafe or bad."""
    text = text.strip()
    if not text:
        raise ServerUrlError(ServerUrlProblem.EMPTY)
    if not _SCHEME_RE.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise ServerUrlError(ServerUrlProblem.BAD_SCHEME)
    if "@" in parts.netloc:
        raise ServerUrlError(ServerUrlProblem.CREDENTIALS_IN_URL)
    if "password=" in text.lower():
        raise ServerUrlError(ServerUrlProblem.PASSWORD_IN_QUERY)
    try:
        port = parts.port
    except ValueError:
        raise ServerUrlError(ServerUrlProblem.BAD_PORT) from None
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        try:
            host = f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            raise ServerUrlError(ServerUrlProblem.BAD_HOST) from None
    else:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError:
            raise ServerUrlError(ServerUrlProblem.BAD_HOST) from None
        if not _HOST_RE.match(host):
            raise ServerUrlError(ServerUrlProblem.BAD_HOST)
    if port == 0:
        raise ServerUrlError(ServerUrlProblem.BAD_PORT)
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port is not None else "")


def is_plain_http(url: str) -> bool:
    """True when the password would travel unencrypted."""
    return url.strip().lower().startswith("http://")


def normalize_fingerprint(text: str) -> str:
    """A SHA-256 fingerprint in any common spelling -> `AB:CD:...` (ValueError if not one)."""
    digits = re.sub(r"[\s:]", "", text).upper()
    if digits.startswith("SHA256"):
        digits = digits[6:].lstrip("=")
    if not re.fullmatch(r"[0-9A-F]{64}", digits):
        raise ValueError("not a SHA-256 fingerprint")
    return ":".join(digits[i : i + 2] for i in range(0, 64, 2))


@functools.cache
def available_timezone_names() -> tuple[str, ...]:
    """IANA zone names, sorted, for the searchable time-zone choosers."""
    import zoneinfo

    # Without a time-zone database (Windows without tzdata) UTC still works.
    return tuple(sorted({n for n in zoneinfo.available_timezones() if "/" in n} | {"UTC"}))


def is_timezone_name(name: str) -> bool:
    """An IANA zone name the choosers offer ("Area/Place" or UTC) that this computer knows.

    Loads just that zone instead of listing the whole database (that scan costs
    tens of milliseconds, too much for start-up).
    """
    if name == "UTC":
        return True
    if "/" not in name or name.startswith(("posix/", "right/")):
        return False
    import zoneinfo  # on first use: not needed before the first paint

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def local_timezone_name() -> str:
    """This computer's IANA time zone, or UTC when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    candidates.append(bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace"))
    for name in candidates:
        if name and is_timezone_name(name):
            return name
    return "UTC"
