"""What the client checks before anything is sent: addresses, numbers, names, ids."""

from __future__ import annotations

import re
from typing import Literal

import httpx

from .errors import ErrorCode, PbxInputError

_DIALABLE = re.compile(r"\+?[0-9*#]{1,32}")
_SEPARATORS = re.compile(r"[\s\-./()\u00a0]")
_CALL_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
_NAME = re.compile(r"[\w.@+-]{1,64}")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def normalise_base_url(base_url: str) -> str:
    """`https://pbx.example.com/` → `https://pbx.example.com`; refuses embedded secrets."""
    url = (base_url or "").strip()
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise PbxInputError(
            "The server address is not a valid web address.", code=ErrorCode.INVALID_ADDRESS
        ) from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise PbxInputError(
            "The server address must start with http:// or https://.",
            code=ErrorCode.ADDRESS_SCHEME,
        )
    if parsed.userinfo or parsed.query or parsed.fragment:
        raise PbxInputError(
            "The server address must not contain a user name, password or query.",
            code=ErrorCode.ADDRESS_CREDENTIALS,
        )
    return url.split("?", 1)[0].rstrip("/")


def dialable(number: str | None, what: Literal["number", "ext"] = "number") -> str:
    """A number as the PBX dials it: visual separators dropped, digits (+, *, #) only."""
    cleaned = _SEPARATORS.sub("", number) if isinstance(number, str) else ""
    if not _DIALABLE.fullmatch(cleaned) or (what == "ext" and cleaned.startswith("+")):
        if what == "ext":
            raise PbxInputError("That is not a valid extension.", code=ErrorCode.INVALID_EXTENSION)
        raise PbxInputError("That is not a valid phone number.", code=ErrorCode.INVALID_NUMBER)
    return cleaned


def recording_name(call_id: str) -> str:
    """The call id as a safe file name stem; PbxInputError if it is not a call id."""
    cid = call_id.strip() if isinstance(call_id, str) else ""
    if not _CALL_ID.fullmatch(cid) or ".." in cid or _windows_reserved(cid):
        raise PbxInputError("That is not a valid call id.")
    return cid


_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"{p}{n}" for p in ("COM", "LPT") for n in "123456789"),
}


def _windows_reserved(stem: str) -> bool:
    # "NUL.gsm" is the null device on Windows, whatever follows the dot.
    return stem.split(".", 1)[0].upper() in _WINDOWS_RESERVED


def plain_name(value: str, label: str, code: ErrorCode = ErrorCode.INVALID_INPUT) -> str:
    """A name the PBX knows (dial plan, IVR): letters, digits and `._@+-`, at most 64."""
    value = value.strip() if isinstance(value, str) else ""
    if not _NAME.fullmatch(value):
        raise PbxInputError(f"That is not a valid {label} name.", code=code)
    return value


def free_text(value: str, code: ErrorCode = ErrorCode.INVALID_INPUT) -> str:
    """Custom data passed through as written: at most 1000 characters, no control characters."""
    value = value if isinstance(value, str) else ""
    if len(value) > 1000 or CONTROL.search(value):
        raise PbxInputError(
            "The custom data is too long or contains control characters.", code=code
        )
    return value
