"""The HTTP face of the simulated PBX: `GET /api/old/get?username=…&password=…&action=…`.

Replies are written here by hand, in the PBX's own shapes, without any help from the client
package: a misunderstanding on one side cannot hide in shared code.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from . import faults, people, phonebook_formats, recordings
from .config import SimulatorConfig
from .faults import Faults
from .history import parse_date_param
from .switchboard import ActionError, Switchboard

log = logging.getLogger(__name__)

BAD_LOGIN = "Kullanıcı adı veya şifre hatalı"
UNKNOWN_ACTION = "Geçersiz işlem"
BAD_DATE = "Geçersiz tarih: date1 ve date2 ddMMyyyyHHmm biçiminde olmalı"
NO_RECORDING = "Kayıt bulunamadı"
CHUNK_BYTES = 16 * 1024
_LARGE_REPLY_ROWS = 5000

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._fault_middleware])
        app.router.add_get(self.config.api_path, self._api)
        if self.config.control:
            app.router.add_get("/_sim/fault", self._control_fault)
            app.router.add_get("/_sim/latency", self._control_latency)
            app.router.add_get("/_sim/error-rate", self._control_error_rate)
            app.router.add_get("/_sim/advance", self._control_advance)
        return app

    # -- envelope -----------------------------------------------------------------------
    def _json(self, payload: dict[str, Any]) -> web.Response:
        body: Any = payload if self.config.bare_envelope else [payload]
        return web.Response(
            body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
            content_type="application/json",
            charset="utf-8",
        )

    def _ok_rows(self, rows: list[dict[str, Any]], count_as_text: bool = False) -> web.Response:
        # Real servers disagree on the type of `count`: this one writes both.
        count: int | str = str(len(rows)) if count_as_text else len(rows)
        return self._json({"success": True, "count": count, "data": rows})

    def _ok(self, message: str) -> web.Response:
        return self._json({"success": True, "message": message})

    def _fail(self, message: str) -> web.Response:
        return self._json({"success": False, "message": message})

    # -- plumbing -----------------------------------------------------------------------
    @web.middleware
    async def _fault_middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path.startswith("/_sim/"):
            return await handler(request)
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        fault = self.faults.draw()
        if fault == "hang":
            if not await self.faults.hold_while_hanging():
                raise web.HTTPServiceUnavailable()
            fault = self.faults.draw()
        if fault == "html502":
            return faults.bad_gateway()
        if fault == "http401":
            return faults.unauthorized()
        if fault == "empty":
            return faults.empty()
        try:
            response = await handler(request)
        finally:
            self._after_request()
        if fault == "truncated" and isinstance(response, web.Response):
            return faults.truncated(response)
        return response

    def _authorised(self, request: web.Request) -> bool:
        user = request.query.get("username", "").encode("utf-8")
        password = request.query.get("password", "").encode("utf-8")
        ok_user = hmac.compare_digest(user, self.config.username.encode("utf-8"))
        ok_password = hmac.compare_digest(password, self.config.password.encode("utf-8"))
        return ok_user and ok_password

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if not self._authorised(request):
            return self._fail(BAD_LOGIN)
        handler = self._actions.get(request.query.get("action", "").strip().lower())
        if handler is None:
            return self._fail(UNKNOWN_ACTION)
        try:
            return await handler(request)
        except ActionError as exc:
            return self._fail(str(exc))

    # -- actions ------------------------------------------------------------------------
    async def _active_calls(self, request: web.Request) -> web.Response:
        return self._ok_rows(self.switchboard.active_rows())

    async def _users(self, request: web.Request) -> web.Response:
        return self._ok_rows(self.switchboard.user_rows())

    async def _queues(self, request: web.Request) -> web.Response:
        return self._ok_rows(self.switchboard.queue_rows())

    async def _cdr(self, request: web.Request) -> web.Response:
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

    async def _hangup(self, request: web.Request) -> web.Response:
        self.switchboard.hangup(request.query.get("channel", "").strip())
        return self._ok("Çağrı sonlandırıldı")

    async def _call_number(self, request: web.Request) -> web.Response:
        q = request.query
        self.switchboard.call_number(q.get("number", "").strip(), q.get("internal", "").strip())
        return self._ok("Arama başlatıldı")

    async def _callback(self, request: web.Request) -> web.Response:
        q = request.query
        self.switchboard.callback(
            q.get("number1", "").strip(),
            q.get("number2", "").strip(),
            q.get("dp", "").strip(),
            q.get("uf", ""),
        )
        return self._ok("Arama başlatıldı")

    async def _call_ivr(self, request: web.Request) -> web.Response:
        q = request.query
        self.switchboard.call_ivr(
            q.get("number", "").strip(),
            q.get("dp", "").strip(),
            q.get("dest", "").strip(),
            q.get("uf", ""),
        )
        return self._ok("IVR araması başlatıldı")

    async def _record(self, request: web.Request) -> web.StreamResponse:
        call_ref = request.query.get("id", "").strip()
        row = self.switchboard.recording_row(call_ref) if call_ref else None
        if row is None:
            return self._fail(NO_RECORDING)
        seed = self.config.seed
        # Encoding the clip pool takes a moment the first time: keep the loop free meanwhile.
        data = await asyncio.to_thread(recordings.recording, seed, str(row.id), row.talk)
        response = web.StreamResponse(
            headers={
                "Content-Type": "audio/x-gsm",
                "Content-Disposition": f'attachment; filename="{row.id}.gsm"',
            }
        )
        response.content_length = len(data)
        await response.prepare(request)
        torn = self.faults.fault == "torn-recording"
        end = len(data) // 2 if torn else len(data)
        for offset in range(0, end, CHUNK_BYTES):
            await response.write(data[offset : min(offset + CHUNK_BYTES, end)])
        if torn:
            # Promise the whole file, send half, hang up: what a dropped link looks like.
            # aiohttp takes a cancelled handler for a client that went away: no error page
            # is appended and nothing is logged.
            if request.transport is not None:
                request.transport.close()
            raise asyncio.CancelledError
        await response.write_eof()
        return response

    async def _phone_directory(self, request: web.Request) -> web.Response:
        if self._phonebook is None:
            cfg = self.config
            self._phonebook = await asyncio.to_thread(
                lambda: phonebook_formats.render(
                    people.contacts(cfg.seed, cfg.contacts),
                    cfg.phonebook_format,
                    cfg.phonebook_charset,
                )
            )
        response = web.Response(body=self._phonebook)
        response.headers["Content-Type"] = phonebook_formats.content_type(
            self.config.phonebook_charset
        )
        return response

    # -- control (only with --control) --------------------------------------------------
    async def _control_fault(self, request: web.Request) -> web.Response:
        name = request.query.get("name", "").strip()
        try:
            self.faults.set_fault(None if name in ("", "none") else name)
        except ValueError as exc:
            return web.json_response({"ok": False, "message": str(exc)}, status=400)
        return web.json_response({"ok": True, "fault": self.faults.fault})

    async def _control_latency(self, request: web.Request) -> web.Response:
        try:
            self.faults.set_latency(float(request.query.get("seconds", "0")))
        except ValueError as exc:
            return web.json_response({"ok": False, "message": str(exc)}, status=400)
        return web.json_response({"ok": True, "latency": self.faults.latency})

    async def _control_error_rate(self, request: web.Request) -> web.Response:
        try:
            self.faults.set_error_rate(float(request.query.get("p", "0")))
        except ValueError as exc:
            return web.json_response({"ok": False, "message": str(exc)}, status=400)
        return web.json_response({"ok": True, "error_rate": self.faults.error_rate})

    async def _control_advance(self, request: web.Request) -> web.Response:
        try:
            seconds = float(request.query.get("seconds", "0"))
        except ValueError:
            return web.json_response(
                {"ok": False, "message": "seconds must be a number"}, status=400
            )
        if seconds < 0:
            return web.json_response(
                {"ok": False, "message": "time only moves forward"}, status=400
            )
        self.switchboard.jump(seconds)
        self._after_request()
        return web.json_response({"ok": True})
