"""Exactly what an IVR call or a masked callback sends: checked, built and previewed.

The client sends these parameters and the dialogs preview them, so what a user sees
is what the PBX gets. Bad input raises `PbxInputError` (with its `ErrorCode`) before
anything is sent.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

import httpx

from . import validate
from .errors import ErrorCode, PbxInputError

__all__ = [
    "CREDENTIALS_PLACEHOLDER",
    "MAX_ANNOUNCEMENT_LENGTH",
    "Announcement",
    "AnnouncementKind",
    "Callback",
    "IvrCall",
    "announcement_wire",
    "callback_params",
    "ivr_call_params",
    "preview_query",
]

MAX_ANNOUNCEMENT_LENGTH = 500
# Shown where the query carries the account: a preview never holds the real ones.
CREDENTIALS_PLACEHOLDER = "username=…&password=…"
_RESERVED = frozenset({"action", "username", "password"})


class AnnouncementKind(enum.Enum):
    """What the PBX plays for one announcement."""

    SOUND_FILE = "sound_file"  # a sound file's name on the PBX, without its extension
    TEXT_TO_SPEECH = "text_to_speech"  # text read out by the PBX's text-to-speech


@dataclass(frozen=True)
class Announcement:
    """One announcement of an IVR call, as the user wrote it."""

    kind: AnnouncementKind
    text: str

    def wire(self, position: int = 0) -> str:
        """As the `file` parameter carries it: the file name, or the text inside `{}`."""
        text = self.text.strip() if isinstance(self.text, str) else ""
        if "{" in text or "}" in text:
            raise _bad_announcement(position)
        if self.kind is AnnouncementKind.TEXT_TO_SPEECH:
            text = "{" + text + "}" if text else ""
        return announcement_wire(text, position)

    @classmethod
    def from_wire(cls, item: str) -> Announcement:
        """`{Merhaba}` → text-to-speech "Merhaba"; `hosgeldiniz` → a sound file."""
        text = announcement_wire(item)
        if text.startswith("{"):
            return cls(AnnouncementKind.TEXT_TO_SPEECH, text[1:-1])
        return cls(AnnouncementKind.SOUND_FILE, text)


def announcement_wire(item: str, position: int = 0) -> str:
    """A checked announcement as sent: a file name, or text-to-speech text in `{}`.

    Refused: nothing to play, more than 500 characters, control characters, `|` (it
    separates announcements) and braces other than the pair around a text.
    """
    text = item.strip() if isinstance(item, str) else ""
    spoken = len(text) >= 2 and text[0] == "{" and text[-1] == "}"
    inner = text[1:-1] if spoken else text
    if (
        not inner.strip()
        or len(text) > MAX_ANNOUNCEMENT_LENGTH
        or "|" in text
        or "{" in inner
        or "}" in inner
        or validate.CONTROL.search(text)
    ):
        raise _bad_announcement(position)
    return text


def _bad_announcement(position: int) -> PbxInputError:
    where = f"Announcement {position}" if position else "An announcement"
    return PbxInputError(
        f"{where} is empty, longer than {MAX_ANNOUNCEMENT_LENGTH} characters, "
        "or contains a line break, a '|' or a brace.",
        code=ErrorCode.INVALID_ANNOUNCEMENT,
        detail=str(position) if position else "",
    )


def dial_plan_name(dial_plan: str) -> str:
    """The dial plan's name as sent (surrounding spaces dropped)."""
    return validate.plain_name(dial_plan, "dial plan", ErrorCode.INVALID_DIAL_PLAN)


def ivr_call_params(
    number: str,
    *,
    dial_plan: str,
    ivr: str,
    custom_data: str = "",
    announcements: Iterable[str | Announcement] = (),
) -> dict[str, str]:
    """The `callivr` parameters (all but the credentials and `action`), checked in form order.

    Announcements keep their order; a string is sent as written (a file name, or
    text-to-speech already in `{}`), an `Announcement` as its `wire()`.
    """
    params = {
        "number": validate.dialable(number, "number"),
        "dp": dial_plan_name(dial_plan),
        "dest": validate.plain_name(ivr, "IVR", ErrorCode.INVALID_IVR),
        "uf": validate.free_text(custom_data, ErrorCode.INVALID_CUSTOM_DATA),
    }
    files = [
        item.wire(n) if isinstance(item, Announcement) else announcement_wire(item, n)
        for n, item in enumerate(announcements, 1)
    ]
    params["file"] = "|".join(files)
    return params


def callback_params(
    number1: str, number2: str, *, dial_plan: str, custom_data: str = ""
) -> dict[str, str]:
    """The `callback` parameters (all but the credentials and `action`), checked in form order."""
    return {
        "number1": validate.dialable(number1, "number"),
        "number2": validate.dialable(number2, "number"),
        "dp": dial_plan_name(dial_plan),
        "uf": validate.free_text(custom_data, ErrorCode.INVALID_CUSTOM_DATA),
    }


def preview_query(action: str, params: Mapping[str, str]) -> str:
    """The query string as the client sends it, with the credentials as placeholders.

    The same encoding as the request (httpx's), in the same order: the credentials,
    `action`, then `params`.
    """
    if not action or _RESERVED & params.keys():
        raise ValueError("the action and the credentials are not parameters")
    encoded = str(httpx.QueryParams({"action": action, **params}))
    return f"{CREDENTIALS_PLACEHOLDER}&{encoded}"


@dataclass(frozen=True)
class IvrCall:
    """An IVR call as a dialog collected it: `number` as it is sent, announcements as `wire()`."""

    action: ClassVar[str] = "callivr"

    number: str
    dial_plan: str
    ivr: str
    custom_data: str = ""
    announcements: tuple[str, ...] = ()

    def params(self) -> dict[str, str]:
        """What is sent; PbxInputError if any of it is unfit."""
        return ivr_call_params(
            self.number,
            dial_plan=self.dial_plan,
            ivr=self.ivr,
            custom_data=self.custom_data,
            announcements=self.announcements,
        )

    def preview(self) -> str:
        """The query as sent, credentials as placeholders."""
        return preview_query(self.action, self.params())


@dataclass(frozen=True)
class Callback:
    """A masked callback as a dialog collected it: numbers as they are sent."""

    action: ClassVar[str] = "callback"

    number1: str
    number2: str
    dial_plan: str
    custom_data: str = ""

    def params(self) -> dict[str, str]:
        """What is sent; PbxInputError if any of it is unfit."""
        return callback_params(
            self.number1, self.number2, dial_plan=self.dial_plan, custom_data=self.custom_data
        )

    def preview(self) -> str:
        """The query as sent, credentials as placeholders."""
        return preview_query(self.action, self.params())
