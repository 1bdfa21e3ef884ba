"""Call-start and hang-up webhooks, sent as HTTP GETs the way the PBX sends them.

Each target URL has its own queue and sender, so a slow receiver delays only itself and
events reach each receiver in order. Failures are logged with the receiver's host only (a
webhook URL often carries an access key) and never reach the switchboard. httpx logs each
request's URL and puts it in its exceptions, so it is handed only the receiver's address;
the real path and query are put back just before the request goes on the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode, urlsplit

from .switchboard import CallEvent

if TYPE_CHECKING:
    import httpx

log = logging.getLogger(__name__)

PLACEHOLDERS = ("chanid", "src", "dst", "calltype", "status", "duration")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
_QUEUE_LIMIT = 1000
# A request extension holding the real URL: only the transport below reads it.
_REAL_URL = "iexpbx_simulator.real_url"


def _values(event: CallEvent) -> dict[str, str]:
    hangup = event.kind == "hangup"
    return {
        "chanid": event.chanid,
        "src": event.src,
        "dst": event.dst,
        "calltype": event.calltype,
        "status": event.status if hangup else "",
        "duration": str(event.duration) if hangup else "",
    }


def webhook_url(template: str, event: CallEvent) -> str:
    """The URL for one event: placeholders filled in, or the PBX's parameters appended."""
    values = _values(event)
    if _PLACEHOLDER.search(template):
        return _PLACEHOLDER.sub(lambda m: quote(values[m.group(1)], safe=""), template)
    if event.kind == "start":
        params = {"chanid": event.chanid, "src": event.src, "dst": event.dst}
        params["type"] = event.calltype
    else:
        params = {"chanid": event.chanid, "status": event.status}
        params["duration"] = str(event.duration)
    joiner = "&" if "?" in template else "?"
    if template.endswith(("?", "&")):
        joiner = ""
    return template + joiner + urlencode(params)


def safe_target(url: str) -> str:
    """What a log line may say about a receiver: scheme, host and port, nothing else."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "?"
        return f"{parts.scheme}://{host}" + (f":{parts.port}" if parts.port else "")
    except ValueError:  # a bad IPv6 address or port: still a log line, never a crash
        return "(an invalid URL)"


def _address_only(url: httpx.URL) -> httpx.URL:
    """The receiver's scheme, host and port: what httpx may log and put in errors."""
    return url.copy_with(userinfo=b"", raw_path=b"/", fragment=None)


def _restoring_transport(inner: httpx.AsyncBaseTransport) -> httpx.AsyncBaseTransport:
    """A transport that sends each request to the real URL kept in its extensions."""
    import httpx

    class RestoreRealUrl(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            real = request.extensions.get(_REAL_URL)
            if isinstance(real, httpx.URL):
                extensions = {k: v for k, v in request.extensions.items() if k != _REAL_URL}
                # A copy: httpx logs the request it made, which must keep the bare address.
                request = httpx.Request(
                    request.method,
                    real,
                    headers=request.headers,
                    stream=request.stream,
                    extensions=extensions,
                )
            return await inner.handle_async_request(request)

        async def aclose(self) -> None:
            await inner.aclose()

    return RestoreRealUrl()


class _Target:
    def __init__(self, template: str, kinds: frozenset[str]) -> None:
        self.template = template
        self.kinds = kinds
        self.queue: asyncio.Queue[CallEvent] = asyncio.Queue(_QUEUE_LIMIT)
        self.task: asyncio.Task[None] | None = None


class WebhookSender:
    def __init__(
        self,
        both: Iterable[str] = (),
        start: Iterable[str] = (),
        hangup: Iterable[str] = (),
        timeout: float = 5.0,
    ) -> None:
        self._targets = [_Target(u, frozenset({"start", "hangup"})) for u in both]
        self._targets += [_Target(u, frozenset({"start"})) for u in start]
        self._targets += [_Target(u, frozenset({"hangup"})) for u in hangup]
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None
        self.delivered = 0
        self.failed = 0

    @property
    def active(self) -> bool:
        return bool(self._targets)

    async def start(self) -> None:
        if not self._targets:
            return
        # Imported only here: the demo sends no webhooks and starts sooner without httpx.
        import httpx

        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(self._timeout),
            follow_redirects=False,
            trust_env=False,  # sent straight to the receiver, as the PBX does: no proxy, no .netrc
            transport=_restoring_transport(httpx.AsyncHTTPTransport(trust_env=False)),
        )
        for target in self._targets:
            target.task = asyncio.create_task(self._run(target), name="iexpbx-sim-webhook")

    def submit(self, event: CallEvent) -> None:
        for target in self._targets:
            if event.kind not in target.kinds or target.task is None:
                continue
            try:
                target.queue.put_nowait(event)
            except asyncio.QueueFull:
                self.failed += 1
                log.warning(
                    "webhook queue full for %s; event dropped", safe_target(target.template)
                )

    async def stop(self) -> None:
        for target in self._targets:
            if target.task is not None:
                target.task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await target.task
                target.task = None
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def _run(self, target: _Target) -> None:
        while True:
            event = await target.queue.get()
            await self._send(target, event)

    async def _send(self, target: _Target, event: CallEvent) -> None:
        assert self._client is not None
        import httpx

        try:
            url = httpx.URL(webhook_url(target.template, event))
            # httpx is given the bare address, so a user:password in the URL goes as a header.
            auth = httpx.BasicAuth(url.username, url.password) if url.userinfo else None
            # One deadline for the whole delivery (httpx's own timeouts count per step).
            # asyncio.timeout, unlike wait_for on 3.11, never swallows a cancellation
            # that races a finished request, so stop() cannot hang on a sender.
            async with asyncio.timeout(self._timeout):
                response = await self._client.get(
                    _address_only(url), auth=auth, extensions={_REAL_URL: url}
                )
            if response.status_code >= 400:
                self.failed += 1
                log.info(
                    "webhook %s answered HTTP %s",
                    safe_target(target.template),
                    response.status_code,
                )
            else:
                self.delivered += 1
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # any failure of a receiver must not stop the switchboard
            self.failed += 1
            log.warning(
                "webhook to %s failed: %s", safe_target(target.template), type(exc).__name__
            )
