"""Receiver for the PBX's call-start and hang-up webhooks (HTTP GET, h11 server).

The PBX panel is given two URL templates (`url_templates`); its access key is a path
segment, compared in constant time. Anything but a well-formed GET with the right key gets
an HTTP error and produces no event. The key is registered with the log filter for as long
as the receiver runs, and no log line here names a path or a query.

    receiver = WebhookReceiver("127.0.0.1", 0, new_key(), on_start, on_hangup)
    await receiver.start(); receiver.url_templates("192.0.2.10"); await receiver.stop()
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import logging
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from desktop.http_server import HttpServer, Request, Response, plain

from .errors import PbxConnectionError, PbxInputError
from .redact import forget_secret, register_secret

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
MAX_REQUEST_HEAD = 4096  # a webhook is one short GET: anything longer is refused
# Asterisk's DIALSTATUS words; the PBX documents the first five.
STATUSES = frozenset(
    {"ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION", "CHANUNAVAIL", "DONTCALL", "TORTURE"}
)
_KEY = re.compile(r"[A-Za-z0-9_-]{16,128}")
_CHANNEL = re.compile(r"[\x21-\x7e]{1,200}")  # printable ASCII, no spaces
_PARTY = re.compile(r"[^\x00-\x1f\x7f]{0,80}")  # a number or "anonymous"; no control chars
_CALL_TYPE = re.compile(r"[A-Za-z0-9_() ,/-]{0,40}")
_DURATION = re.compile(r"[0-9]{1,9}(?:[.,][0-9]{1,6})?")
_START_URL = "?chanid={chanid}&src={src}&dst={dst}&type={calltype}"
_HANGUP_URL = "?chanid={chanid}&status={status}&duration={duration}"


@dataclass(frozen=True, slots=True)
class WebhookStart:
    """A call began: its channel, caller, callee and type (incoming, outcoming, internal)."""

    channel: str
    src: str
    dst: str
    call_type: str


@dataclass(frozen=True, slots=True)
class WebhookHangup:
    """A call hung up: its channel, how (ANSWER, BUSY...) and after how many seconds."""

    channel: str
    status: str
    duration: int


def new_key() -> str:
    """A fresh random access key for the webhook URLs."""
    return secrets.token_urlsafe(24)


def _start_event(query: Mapping[str, str]) -> WebhookStart | None:
    channel, src = query.get("chanid"), query.get("src")
    dst, call_type = query.get("dst"), query.get("type")
    if channel is None or src is None or dst is None or call_type is None:
        return None
    if not _CHANNEL.fullmatch(channel) or not _CALL_TYPE.fullmatch(call_type):
        return None
    if not (_PARTY.fullmatch(src) and _PARTY.fullmatch(dst)):
        return None
    return WebhookStart(channel, src.strip(), dst.strip(), call_type.strip())


def _hangup_event(query: Mapping[str, str]) -> WebhookHangup | None:
    channel, status, duration = query.get("chanid"), query.get("status"), query.get("duration")
    if channel is None or status is None or duration is None:
        return None
    status = status.strip().upper()
    if not _CHANNEL.fullmatch(channel) or status not in STATUSES:
        return None
    if not _DURATION.fullmatch(duration.strip()):
        return None
    return WebhookHangup(channel, status, round(float(duration.strip().replace(",", "."))))


class WebhookReceiver:
    """Listens for call webhooks on host:port (0 picks a free port) under a secret key."""

    def __init__(
        self,
        host: str,
        port: int,
        key: str,
        on_start: Callable[[WebhookStart], None],
        on_hangup: Callable[[WebhookHangup], None],
    ) -> None:
        if not _KEY.fullmatch(key):
            raise PbxInputError("The webhook key must be 16 to 128 letters, digits, - or _.")
        if not 0 <= port <= 65535:
            raise PbxInputError("The webhook port must be between 0 and 65535.")
        self._host = host or DEFAULT_HOST
        self._key = key.encode("ascii")
        self._secret = key
        self._on_start = on_start
        self._on_hangup = on_hangup
        self._server = HttpServer(
            self._answer, self._host, port, idle_timeout=15.0, max_request_head=MAX_REQUEST_HEAD
        )
        self.received = 0  # events handed on
        self.refused = 0  # requests answered with an error

    @property
    def port(self) -> int:
        """The port listened on (the one picked, after start() with port 0)."""
        return self._server.port

    @property
    def listening(self) -> bool:
        return self._server.listening

    async def start(self) -> None:
        """Listen; a port in use or an address not on this computer is a PbxConnectionError."""
        register_secret(self._secret)
        try:
            await self._server.start()
        except OSError as exc:
            forget_secret(self._secret)
            where = f"{self._host}:{self._server.port}"
            if exc.errno == errno.EADDRINUSE:
                reason = "the port is in use"
            elif exc.errno == errno.EADDRNOTAVAIL:
                reason = "that address is not on this computer"
            else:
                reason = exc.strerror or type(exc).__name__
            raise PbxConnectionError(
                f"The call webhook receiver cannot listen on {where}: {reason}."
            ) from None

    async def stop(self) -> None:
        """Stop listening and drop every connection."""
        await self._server.stop()
        forget_secret(self._secret)

    def url_templates(self, public_host: str) -> tuple[str, str]:
        """The call-start and hang-up URL templates to paste into the PBX panel."""
        host = public_host.strip()
        try:
            if ipaddress.ip_address(host.strip("[]")).version == 6:
                host = f"[{host.strip('[]')}]"
        except ValueError:
            pass  # a host name
        base = f"http://{host}:{self.port}/{self._secret}"
        return f"{base}/start{_START_URL}", f"{base}/hangup{_HANGUP_URL}"

    # -- one request --------------------------------------------------------------------
    async def _answer(self, request: Request) -> Response:
        response, event = self._parse(request)
        if event is None:
            self.refused += 1
            return response
        try:
            if isinstance(event, WebhookStart):
                self._on_start(event)
            else:
                self._on_hangup(event)
        except Exception:
            # Logged without the request: its path holds the key.
            log.exception("handling a call webhook failed")
            return plain(500)
        self.received += 1
        return response

    def _parse(self, request: Request) -> tuple[Response, WebhookStart | WebhookHangup | None]:
        _, _, rest = request.path.partition("/")
        key, _, action = rest.partition("/")
        # The key first, in constant time: without it, nothing else is revealed.
        if not hmac.compare_digest(key.encode("utf-8", "replace"), self._key):
            return plain(404), None
        if action not in ("start", "hangup"):
            return plain(404), None
        if request.method != "GET":
            return Response(405, b"405: Method Not Allowed", headers=(("Allow", "GET"),)), None
        event = _start_event(request.query) if action == "start" else _hangup_event(request.query)
        if event is None:
            return plain(400), None
        return plain(200, "ok"), event
