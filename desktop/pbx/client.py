"""PbxClient: one method per IEXPBX API action, over one httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

import httpx

from . import audio, redact, requests, validate, wire
from .errors import (
    ErrorCode,
    PbxApiError,
    PbxConnectionError,
    PbxError,
    PbxInputError,
    PbxProtocolError,
)
from .models import ActiveCall, CallRecord, Contact, Extension, Queue
from .requests import Announcement
from .transport import CredentialTransport, check_status, detach_errors, detached, translate

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int | None], None]
P = ParamSpec("P")
R = TypeVar("R")

_MAX_JSON_ERROR = 64 * 1024
_CHUNK = 64 * 1024


class PbxClient:
    """An IEXPBX connection. Use as `async with PbxClient(...) as pbx:`."""

    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        timeout: float = 10.0,
        verify: bool | ssl.SSLContext = True,
        api_path: str = "/api/old/get",
        timezone: tzinfo | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = validate.normalise_base_url(base_url)
        if not api_path.startswith("/") or "?" in api_path or "#" in api_path:
            raise PbxInputError(
                "The API path must start with '/' and hold no query.",
                code=ErrorCode.INVALID_API_PATH,
            )
        self.api_path = api_path
        self.timezone = timezone
        self._username = username
        redact.register_secret(password)
        redact.install_on_http_loggers()
        inner = transport or httpx.AsyncHTTPTransport(verify=verify, retries=0)
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            transport=CredentialTransport(inner, username, password),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,  # a redirect would carry the credentials elsewhere
            trust_env=False,
            headers={"User-Agent": "IEXPBX-Desktop", "Accept": "application/json, text/xml, */*"},
        )

    def __repr__(self) -> str:
        return f"PbxClient(base_url={self.base_url!r}, username={self._username!r})"

    async def __aenter__(self) -> PbxClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    # ------------------------------------------------------------ actions
    @detach_errors
    async def active_calls(self) -> list[ActiveCall]:
        """Calls in progress now."""
        return wire.active_calls(await self._json("activecalls"))

    @detach_errors
    async def hangup(self, channel: str) -> None:
        """End a live call by its channel."""
        channel = channel.strip() if isinstance(channel, str) else ""
        if not channel or len(channel) > 200 or validate.CONTROL.search(channel):
            raise PbxInputError("That is not a valid call channel.", code=ErrorCode.INVALID_CHANNEL)
        wire.check_success(await self._json("hangupcall", {"channel": channel}))

    @detach_errors
    async def call_records(
        self,
        start: datetime,
        end: datetime,
        *,
        number: str | None = None,
        ivr_data: bool = False,
    ) -> list[CallRecord]:
        """Call history between two PBX-local times, optionally for one number."""
        start, end = self._pbx_time(start), self._pbx_time(end)
        if end < start:
            raise PbxInputError("The end of the period is before its start.")
        params = {
            "date1": wire.format_query_date(start),
            "date2": wire.format_query_date(end),
            "number": validate.dialable(number, "number") if number else "",
        }
        if ivr_data:
            params["uf"] = "yes"
        from . import cdr  # msgspec: loaded when history is first asked for, not at start-up

        response = await self._get("cdr", params)
        return cdr.call_records_from_body(response.content, response.headers.get("content-type"))

    @detach_errors
    async def extensions(self) -> list[Extension]:
        """Every extension with its registration state."""
        return wire.extensions(await self._json("users"))

    @detach_errors
    async def queues(self) -> list[Queue]:
        """Every queue with its members."""
        return wire.queues(await self._json("queues"))

    @detach_errors
    async def call_number(self, number: str, extension: str) -> None:
        """Ring `extension`, then connect it to `number`."""
        params = {
            "number": validate.dialable(number, "number"),
            "internal": validate.dialable(extension, "ext"),
        }
        wire.check_success(await self._json("callnumber", params))

    @detach_errors
    async def call_ivr(
        self,
        number: str,
        *,
        dial_plan: str,
        ivr: str,
        custom_data: str = "",
        announcements: Iterable[str | Announcement] = (),
    ) -> None:
        """Call `number` and play IVR `ivr` with the given announcements.

        Each announcement is a sound file name or text-to-speech text in braces
        (or an `Announcement`, which adds the braces).
        """
        params = requests.ivr_call_params(
            number,
            dial_plan=dial_plan,
            ivr=ivr,
            custom_data=custom_data,
            announcements=announcements,
        )
        wire.check_success(await self._json("callivr", params))

    @detach_errors
    async def callback(
        self, number1: str, number2: str, *, dial_plan: str, custom_data: str = ""
    ) -> None:
        """Connect two numbers without showing either's number to the other."""
        params = requests.callback_params(
            number1, number2, dial_plan=dial_plan, custom_data=custom_data
        )
        wire.check_success(await self._json("callback", params))

    @detach_errors
    async def phone_directory(self) -> list[Contact]:
        """The PBX's phonebook."""
        response = await self._get("phonedirectory")
        body = response.content
        if audio.looks_like_json(body[:64]):
            # An error envelope instead of XML.
            wire.unwrap(wire.load_json(body, response.headers.get("content-type")))
            return []
        from .phonebook import parse_phonebook  # defusedxml: loaded on first use

        # A directory of thousands of entries takes a while to read: not on the UI's thread.
        return await asyncio.to_thread(parse_phonebook, body, response.headers.get("content-type"))

    @detach_errors
    async def download_recording(
        self,
        call_id: str,
        dest_dir: str | os.PathLike[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> Path:
        """Save a call's recording in `dest_dir`; returns the file (named after the call id).

        Streams to a hidden temporary file beside the target and renames it only
        when complete, so a failure leaves no file behind.
        """
        safe_id = validate.recording_name(call_id)
        dest = Path(dest_dir)
        if not dest.is_dir():
            raise PbxInputError(
                "The folder for recordings does not exist.", code=ErrorCode.NO_RECORDINGS_FOLDER
            )
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{safe_id}-", suffix=".part", dir=dest)
        except OSError:
            raise _unsaved() from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                kind = await self._stream_recording(call_id, out, progress)
            final = dest / f"{safe_id}.{kind}"
            os.replace(tmp, final)
            return final
        except OSError:
            tmp.unlink(missing_ok=True)
            raise _unsaved() from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    async def _stream_recording(
        self, call_id: str, out: Any, progress: ProgressCallback | None
    ) -> str:
        error: PbxError | None = None
        kind: str | None = None
        try:
            async with self._http.stream(
                "GET",
                self.api_path,
                params=_q("record", {"id": call_id}),
                # Audio is already compressed; and Content-Length then counts what arrives.
                headers={"Accept-Encoding": "identity"},
            ) as r:
                check_status(r)
                total = _content_length(r.headers)
                received = 0
                head = b""
                async for chunk in r.aiter_bytes(_CHUNK):
                    if kind is None:
                        head += chunk
                        if len(head) < 12 * audio.GSM_FRAME or audio.looks_like_json(head[:64]):
                            if len(head) > _MAX_JSON_ERROR:
                                raise PbxProtocolError(
                                    "The PBX sent something that is not a recording.",
                                    code=ErrorCode.NOT_A_RECORDING,
                                )
                            continue
                        kind = _recording_kind(head)
                        chunk, head = head, b""
                    out.write(chunk)
                    received += len(chunk)
                    if progress is not None:
                        progress(received, total)
                if kind is None:
                    if audio.looks_like_json(head[:64]):
                        wire.unwrap(wire.load_json(head, r.headers.get("content-type")))
                        raise PbxApiError(
                            "The PBX has no recording for this call.", code=ErrorCode.NO_RECORDING
                        )
                    kind = _recording_kind(head)
                    out.write(head)
                    received += len(head)
                    if progress is not None:
                        progress(received, total)
                # Content-Length counts the bytes as sent: compressed ones, if compressed.
                encoded = r.headers.get("content-encoding", "identity").lower() != "identity"
                arrived = r.num_bytes_downloaded if encoded else received
                if total is not None and arrived != total:
                    raise PbxConnectionError(
                        "The recording download was cut off. Try again.",
                        code=ErrorCode.DOWNLOAD_CUT,
                    )
                return kind
        except PbxError as exc:
            error = exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            error = translate(exc)
        raise detached(error)

    # ------------------------------------------------------------ transport
    async def _json(self, action: str, params: Mapping[str, str] | None = None) -> Any:
        response = await self._get(action, params)
        return wire.load_json(response.content, response.headers.get("content-type"))

    async def _get(self, action: str, params: Mapping[str, str] | None = None) -> httpx.Response:
        started = time.perf_counter()
        error: PbxError | None = None
        try:
            response = await self._http.get(self.api_path, params=_q(action, params))
            check_status(response)
        except PbxError as exc:
            error = exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            error = translate(exc)
        if error is not None:
            log.debug("action=%s failed: %s", action, type(error).__name__)
            raise detached(error)
        log.debug(
            "action=%s -> HTTP %d, %d bytes, %.0f ms",
            action,
            response.status_code,
            len(response.content),
            (time.perf_counter() - started) * 1000,
        )
        return response

    def _pbx_time(self, value: datetime) -> datetime:
        if value.tzinfo is None:
            return value
        if self.timezone is None:
            raise PbxInputError("Times for the PBX must be in the PBX's local time.")
        return value.astimezone(self.timezone).replace(tzinfo=None)


# ---------------------------------------------------------------- helpers
def _q(action: str, params: Mapping[str, str] | None) -> dict[str, str]:
    return {"action": action, **(params or {})}


def _unsaved() -> PbxError:
    return PbxError(
        "The recording could not be saved in that folder (it may be full or read-only).",
        code=ErrorCode.RECORDING_NOT_SAVED,
    )


def _recording_kind(head: bytes) -> str:
    if not head:
        raise PbxApiError("The PBX has no recording for this call.", code=ErrorCode.NO_RECORDING)
    kind = audio.sniff_recording(head)
    if kind is None:
        raise PbxProtocolError(
            "The PBX sent something that is not a recording.", code=ErrorCode.NOT_A_RECORDING
        )
    return kind


def _content_length(headers: httpx.Headers) -> int | None:
    try:
        value = int(headers.get("content-length", ""))
    except ValueError:
        return None
    return value if value >= 0 else None
