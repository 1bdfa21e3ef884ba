"""The HTTP face of the simulated PBX: `GET /api/old/get?username=…&password=…&action=…`.

Replies are written here by hand, in the PBX's own shapes, without any help from the client
package: a misunderstanding on one side cannot hide in shared code.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any

from desktop.http_server import Handler, Request, Response, plain

from . import faults, people
from .config import SimulatorConfig
from .faults import Faults
from .history import parse_date_param
from .switchboard import ActionError, Switchboard

log = logging.getLogger(__name__)

BAD_LOGIN = "Kullanıcı adı veya şifre hatalı"
UNKNOWN_ACTION = "Geçersiz işlem"
# Actions remembered for tests ("what did the PBX receive?"), oldest dropped first.
RECEIVED_KEPT = 200
BAD_DATE = "Geçersiz tarih: date1 ve date2 ddMMyyyyHHmm biçiminde olmalı"
NO_RECORDING = "Kayıt bulunamadı"
CHUNK_BYTES = 16 * 1024
_LARGE_REPLY_ROWS = 5000
JSON_TYPE = "application/json; charset=utf-8"
_NOT_FOUND = plain(404)
_NOT_ALLOWED = plain(405)._replace(headers=(("Allow", "GET,HEAD"),))


class PbxApi:
    def __init__(
        self,
        config: SimulatorConfig,
        switchboard: Switchboard,
        fault_state: Faults,
        after_request: Callable[[], None] = lambda: None,
    ) -> None:
        self.config = config
        self.switchboard = switchboard
        self.faults = fault_state
        self._after_request = after_request
        self._phonebook: bytes | None = None
        # Each accepted request's parameters in the order sent, without the credentials.
        self.received: deque[dict[str, str]] = deque(maxlen=RECEIVED_KEPT)
        self.accepted = 0  # API requests accepted since the start, all counted
        self._routes: dict[str, Handler] = {config.api_path: self._api}
        if config.control:
            self._routes.update(
                {
                    "/_sim/fault": self._control_fault,
                    "/_sim/latency": self._control_latency,
                    "/_sim/error-rate": self._control_error_rate,
                    "/_sim/advance": self._control_advance,
                }
            )
        self._actions: dict[str, Handler] = {
            "activecalls": self._active_calls,
            "hangupcall": self._hangup,
            "cdr": self._cdr,
            "users": self._users,
            "queues": self._queues,
            "callnumber": self._call_number,
            "callivr": self._call_ivr,
            "callback": self._callback,
            "record": self._record,
            "phonedirectory": self._phone_directory,
        }

    # -- envelope -----------------------------------------------------------------------
    def _json(self, payload: dict[str, Any]) -> Response:
        body: Any = payload if self.config.bare_envelope else [payload]
        return Response(200, json.dumps(body, ensure_ascii=False).encode("utf-8"), JSON_TYPE)

    def _ok_rows(self, rows: list[dict[str, Any]], count_as_text: bool = False) -> Response:
        # Real servers disagree on the type of `count`: this one writes both.
        count: int | str = str(len(rows)) if count_as_text else len(rows)
        return self._json({"success": True, "count": count, "data": rows})

    def _ok(self, message: str) -> Response:
        return self._json({"success": True, "message": message})

    def _fail(self, message: str) -> Response:
        return self._json({"success": False, "message": message})

    # -- plumbing -----------------------------------------------------------------------
    async def handle(self, request: Request) -> Response:
        """Answer one HTTP request, misbehaving first if a fault is set."""
        if request.path.startswith("/_sim/"):
            found = self._find(request)
            return found if isinstance(found, Response) else await found(request)
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        fault = self.faults.draw()
        if fault == "hang":
            if not await self.faults.hold_while_hanging():
                return plain(503)
            fault = self.faults.draw()
        if fault == "html502":
            return faults.bad_gateway()
        if fault == "http401":
            return faults.unauthorized()
        if fault == "empty":
            return faults.empty()
        try:
            found = self._find(request)
            if isinstance(found, Response):
                return found  # the server's own refusal, which no upstream cuts short
            response = await found(request)
        finally:
            self._after_request()
        if fault == "truncated" and isinstance(response.body, bytes):
            return faults.truncated(response)
        return response

    def _find(self, request: Request) -> Handler | Response:
        """The handler for this path and method, or the refusal to send instead."""
        handler = self._routes.get(request.path)
        if handler is None:
            return _NOT_FOUND
        if request.method not in ("GET", "HEAD"):
            return _NOT_ALLOWED
        return handler

    def _authorised(self, request: Request) -> bool:
        user = request.query.get("username", "").encode("utf-8")
        password = request.query.get("password", "").encode("utf-8")
        ok_user = hmac.compare_digest(user, self.config.username.encode("utf-8"))
        ok_password = hmac.compare_digest(password, self.config.password.encode("utf-8"))
        return ok_user and ok_password

    async def _api(self, request: Request) -> Response:
        if not self._authorised(request):
            return self._fail(BAD_LOGIN)
        self.accepted += 1
        self.received.append(
            {k: v for k, v in request.query.items() if k not in ("username", "password")}
        )
        handler = self._actions.get(request.query.get("action", "").strip().lower())
        if handler is None:
            return self._fail(UNKNOWN_ACTION)
        try:
            return await handler(request)
        except ActionError as exc:
            return self._fail(str(exc))

    # -- actions ------------------------------------------------------------------------
    async def _active_calls(self, request: Request) -> Response:
        return self._ok_rows(self.switchboard.active_rows())

    async def _users(self, request: Request) -> Response:
        return self._ok_rows(self.switchboard.user_rows())

    async def _queues(self, request: Request) -> Response:
        return self._ok_rows(self.switchboard.queue_rows())

    async def _cdr(self, request: Request) -> Response:
        q = request.query
        first = parse_date_param(q.get("date1", "").strip())
        last = parse_date_param(q.get("date2", "").strip())
        if first is None or last is None:
            return self._fail(BAD_DATE)
        with_userfield = q.get("uf", "").strip().lower() == "yes"
        self.switchboard.advance()  # calls that just ended belong in the answer
        rows = self.switchboard.history.query(first, last, q.get("number", "").strip())
        if len(rows) < _LARGE_REPLY_ROWS:
            return self._ok_rows([r.wire(with_userfield) for r in rows], count_as_text=True)
        # Rows are immutable: a worker thread can serialise a big day while calls go on.
        return await asyncio.to_thread(
            lambda: self._ok_rows([r.wire(with_userfield) for r in rows], count_as_text=True)
        )

    async def _hangup(self, request: Request) -> Response:
        self.switchboard.hangup(request.query.get("channel", "").strip())
        return self._ok("Çağrı sonlandırıldı")

    async def _call_number(self, request: Request) -> Response:
        q = request.query
        self.switchboard.call_number(q.get("number", "").strip(), q.get("internal", "").strip())
        return self._ok("Arama başlatıldı")

    async def _callback(self, request: Request) -> Response:
        q = request.query
        self.switchboard.callback(
            q.get("number1", "").strip(),
            q.get("number2", "").strip(),
            q.get("dp", "").strip(),
            q.get("uf", ""),
        )
        return self._ok("Arama başlatıldı")

    async def _call_ivr(self, request: Request) -> Response:
        q = request.query
        self.switchboard.call_ivr(
            q.get("number", "").strip(),
            q.get("dp", "").strip(),
            q.get("dest", "").strip(),
            q.get("uf", ""),
        )
        return self._ok("IVR araması başlatıldı")

    async def _record(self, request: Request) -> Response:
        call_ref = request.query.get("id", "").strip()
        row = self.switchboard.recording_row(call_ref) if call_ref else None
        if row is None:
            return self._fail(NO_RECORDING)
        seed = self.config.seed
        from . import recordings  # on first use, as the phonebook below: not for start-up

        # Encoding the clip pool takes a moment the first time: keep the loop free meanwhile.
        data = await asyncio.to_thread(recordings.recording, seed, str(row.id), row.talk)
        # Promise the whole file; under `torn-recording` send half and hang up, as a dropped
        # link leaves a download.
        torn = self.faults.fault == "torn-recording"
        return Response(
            body=_chunks(data, len(data) // 2 if torn else len(data)),
            content_type="audio/x-gsm",
            headers=(("Content-Disposition", f'attachment; filename="{row.id}.gsm"'),),
            content_length=len(data),
        )

    async def _phone_directory(self, request: Request) -> Response:
        from . import phonebook_formats

        if self._phonebook is None:
            cfg = self.config
            self._phonebook = await asyncio.to_thread(
                lambda: phonebook_formats.render(
                    people.contacts(cfg.seed, cfg.contacts),
                    cfg.phonebook_format,
                    cfg.phonebook_charset,
                )
            )
        content_type = phonebook_formats.content_type(self.config.phonebook_charset)
        return Response(body=self._phonebook, content_type=content_type)

    # -- control (only with --control) --------------------------------------------------
    async def _control_fault(self, request: Request) -> Response:
        name = request.query.get("name", "").strip()
        try:
            self.faults.set_fault(None if name in ("", "none") else name)
        except ValueError as exc:
            return _control_reply({"ok": False, "message": str(exc)}, 400)
        return _control_reply({"ok": True, "fault": self.faults.fault})

    async def _control_latency(self, request: Request) -> Response:
        try:
            self.faults.set_latency(float(request.query.get("seconds", "0")))
        except ValueError as exc:
            return _control_reply({"ok": False, "message": str(exc)}, 400)
        return _control_reply({"ok": True, "latency": self.faults.latency})

    async def _control_error_rate(self, request: Request) -> Response:
        try:
            self.faults.set_error_rate(float(request.query.get("p", "0")))
        except ValueError as exc:
            return _control_reply({"ok": False, "message": str(exc)}, 400)
        return _control_reply({"ok": True, "error_rate": self.faults.error_rate})

    async def _control_advance(self, request: Request) -> Response:
        try:
            seconds = float(request.query.get("seconds", "0"))
        except ValueError:
            return _control_reply({"ok": False, "message": "seconds must be a number"}, 400)
        if seconds < 0:
            return _control_reply({"ok": False, "message": "time only moves forward"}, 400)
        self.switchboard.jump(seconds)
        self._after_request()
        return _control_reply({"ok": True})


def _control_reply(payload: dict[str, Any], status: int = 200) -> Response:
    return Response(status, json.dumps(payload).encode("utf-8"), JSON_TYPE)


async def _chunks(data: bytes, end: int) -> AsyncIterator[bytes]:
    for offset in range(0, end, CHUNK_BYTES):
        yield data[offset : min(offset + CHUNK_BYTES, end)]
