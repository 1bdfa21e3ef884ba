"""PbxClient over httpx.MockTransport: requests, errors, safety, downloads."""

from __future__ import annotations

import json
import logging
import pickle
import traceback
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from desktop.pbx import (
    ErrorCode,
    PbxApiError,
    PbxAuthError,
    PbxClient,
    PbxConnectionError,
    PbxError,
    PbxHttpError,
    PbxInputError,
    PbxProtocolError,
    PbxTimeoutError,
)

PASSWORD = "S3cr3t-Pa55&x=1"  # has characters that need encoding
BASE = "https://pbx.example.com"
Handler = Callable[[httpx.Request], httpx.Response]

GSM = bytes([0xD8] + [0x20] * 32) * 50
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 400
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 400


def ok(data: list[dict[str, object]] | None = None) -> httpx.Response:
    return httpx.Response(
        200, json=[{"success": True, "count": len(data or []), "data": data or []}]
    )


class Recorder:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    @property
    def params(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests]


def client(handler: Handler, **kw: object) -> tuple[PbxClient, Recorder]:
    rec = Recorder(handler)
    return PbxClient(BASE, "apiuser", PASSWORD, transport=httpx.MockTransport(rec), **kw), rec  # type: ignore[arg-type]


# ------------------------------------------------------------------ requests
async def test_every_action_sends_credentials_action_and_encoded_params() -> None:
    pbx, rec = client(lambda r: ok())
    start, end = datetime(2019, 9, 3, 1, 0), datetime(2019, 9, 3, 15, 0)
    async with pbx:
        await pbx.active_calls()
        await pbx.hangup("SIP/trunk-sip-Trunk110-36a9b")
        await pbx.call_records(start, end, number="905071234567", ivr_data=True)
        await pbx.extensions()
        await pbx.queues()
        await pbx.call_number("0 (532) 123-45-67", "101")
        await pbx.call_ivr(
            "905321112233",
            dial_plan="outbound",
            ivr="7001",
            custom_data="order=42&x",
            announcements=["welcome", "{Sayın müşterimiz, siparişiniz hazır}"],
        )
        await pbx.callback("905321112233", "905334445566", dial_plan="masked", custom_data="t-1")
    for req in rec.requests:
        assert req.url.path == "/api/old/get"
        assert req.url.params["username"] == "apiuser"
        assert req.url.params["password"] == PASSWORD
        assert req.url.params.get_list("password") == [PASSWORD]
    p = rec.params
    assert [x["action"] for x in p] == [
        "activecalls",
        "hangupcall",
        "cdr",
        "users",
        "queues",
        "callnumber",
        "callivr",
        "callback",
    ]
    assert p[1]["channel"] == "SIP/trunk-sip-Trunk110-36a9b"
    assert (p[2]["date1"], p[2]["date2"], p[2]["number"], p[2]["uf"]) == (
        "030920190100",
        "030920191500",
        "905071234567",
        "yes",
    )
    assert (p[5]["number"], p[5]["internal"]) == ("05321234567", "101")
    assert p[6] == p[6] | {
        "number": "905321112233",
        "dp": "outbound",
        "dest": "7001",
        "uf": "order=42&x",
        "file": "welcome|{Sayın müşterimiz, siparişiniz hazır}",
    }
    assert (p[7]["number1"], p[7]["number2"], p[7]["dp"], p[7]["uf"]) == (
        "905321112233",
        "905334445566",
        "masked",
        "t-1",
    )


async def test_cdr_without_number_sends_empty_number_and_no_uf() -> None:
    pbx, rec = client(lambda r: ok())
    async with pbx:
        await pbx.call_records(datetime(2020, 1, 1), datetime(2020, 1, 2))
    assert rec.params[0]["number"] == ""
    assert "uf" not in rec.params[0]


async def test_aware_times_are_converted_to_the_pbx_zone() -> None:
    pbx, rec = client(lambda r: ok(), timezone=ZoneInfo("Europe/Istanbul"))
    async with pbx:
        await pbx.call_records(
            datetime(2024, 1, 1, 9, 0, tzinfo=UTC), datetime(2024, 1, 1, 10, 0, tzinfo=UTC)
        )
    assert rec.params[0]["date1"] == "010120241200"


async def test_aware_times_without_a_pbx_zone_are_refused() -> None:
    pbx, rec = client(lambda r: ok())
    async with pbx:
        with pytest.raises(PbxInputError):
            await pbx.call_records(
                datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 2, tzinfo=UTC)
            )
        with pytest.raises(PbxInputError, match="before its start") as info:
            await pbx.call_records(datetime(2024, 1, 2), datetime(2024, 1, 1))
    assert info.value.code is ErrorCode.INVALID_INPUT
    assert rec.requests == []


@pytest.mark.parametrize(
    "number",
    ["100&action=hangupcall", "100\nX", "", "abc", "12;34", "1" * 40, "+90 532 &", "%26"],
)
async def test_undialable_numbers_are_refused_before_sending(number: str) -> None:
    pbx, rec = client(lambda r: ok())
    async with pbx:
        with pytest.raises(PbxInputError, match="not a valid") as info:
            await pbx.call_number(number, "101")
        assert info.value.code is ErrorCode.INVALID_NUMBER
        with pytest.raises(PbxInputError) as info:
            await pbx.call_number("905321112233", number)
        assert info.value.code is ErrorCode.INVALID_EXTENSION
        with pytest.raises(PbxInputError):
            await pbx.callback(number, "101", dial_plan="x")
        with pytest.raises(PbxInputError):
            await pbx.call_ivr(number, dial_plan="x", ivr="1")
    assert rec.requests == []


async def test_a_channel_with_url_syntax_stays_one_parameter() -> None:
    pbx, rec = client(lambda r: ok())
    async with pbx:
        await pbx.hangup("SIP/a&action=callnumber#x=1")
    [params] = rec.params
    assert params["action"] == "hangupcall"
    assert params["channel"] == "SIP/a&action=callnumber#x=1"
    assert rec.requests[0].url.params.get_list("action") == ["hangupcall"]


async def test_announcement_with_pipe_and_control_text_refused() -> None:
    pbx, rec = client(lambda r: ok())
    async with pbx:
        with pytest.raises(PbxInputError):
            await pbx.call_ivr("101", dial_plan="x", ivr="1", announcements=["a|b"])
        with pytest.raises(PbxInputError):
            await pbx.call_ivr("101", dial_plan="x", ivr="1", custom_data="a\r\nb")
        with pytest.raises(PbxInputError):
            await pbx.call_ivr("101", dial_plan="a b", ivr="1")
    assert rec.requests == []


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("pbx.example.com", ErrorCode.ADDRESS_SCHEME),
        ("ftp://pbx", ErrorCode.ADDRESS_SCHEME),
        ("", ErrorCode.ADDRESS_SCHEME),
        ("https://user:pw@pbx", ErrorCode.ADDRESS_CREDENTIALS),
        ("https://pbx/?password=x", ErrorCode.ADDRESS_CREDENTIALS),
        ("https://pbx:abc", ErrorCode.INVALID_ADDRESS),
    ],
)
def test_bad_server_addresses_are_refused(url: str, code: ErrorCode) -> None:
    with pytest.raises(PbxInputError) as info:
        PbxClient(url, "u", "p")
    assert info.value.code is code


def test_an_api_path_with_a_query_is_refused() -> None:
    with pytest.raises(PbxInputError) as info:
        PbxClient(BASE, "u", "p", api_path="/api.php?x=1")
    assert info.value.code is ErrorCode.INVALID_API_PATH


def test_server_root_is_normalised() -> None:
    assert PbxClient("https://pbx.example.com/ ", "u", "p").base_url == "https://pbx.example.com"


def test_repr_holds_no_password() -> None:
    pbx, _ = client(lambda r: ok())
    assert PASSWORD not in repr(pbx)
    assert "pbx.example.com" in repr(pbx)


async def test_redirects_are_not_followed() -> None:
    pbx, rec = client(lambda r: httpx.Response(302, headers={"location": "https://evil.example/"}))
    async with pbx:
        with pytest.raises(PbxHttpError, match="HTTP 302") as info:
            await pbx.extensions()
    assert (info.value.code, info.value.status) == (ErrorCode.HTTP_STATUS, 302)
    assert len(rec.requests) == 1


# ------------------------------------------------------------------ errors
@pytest.mark.parametrize(
    ("response", "error", "message", "code"),
    [
        (
            httpx.Response(401, text="no"),
            PbxAuthError,
            "user name or password.*HTTP 401",
            ErrorCode.AUTH_REJECTED,
        ),
        (httpx.Response(403, text="no"), PbxAuthError, "HTTP 403", ErrorCode.ACCESS_DENIED),
        (httpx.Response(500, text="boom"), PbxHttpError, "HTTP 500", ErrorCode.HTTP_STATUS),
        (
            httpx.Response(502, html="<html>Bad Gateway</html>"),
            PbxHttpError,
            "HTTP 502",
            ErrorCode.HTTP_STATUS,
        ),
        (
            httpx.Response(200, html="<html>login</html>"),
            PbxProtocolError,
            "web page",
            ErrorCode.WEB_PAGE,
        ),
        (httpx.Response(200, content=b""), PbxProtocolError, "empty", ErrorCode.EMPTY_REPLY),
        (
            httpx.Response(200, content=b'[{"success": tr'),
            PbxProtocolError,
            "could not be read",
            ErrorCode.BAD_FORMAT,
        ),
        (
            httpx.Response(
                200, json=[{"success": False, "message": "Kullanıcı adı veya şifre hatalı"}]
            ),
            PbxAuthError,
            "rejected the user name or password",
            ErrorCode.AUTH_REJECTED,
        ),
        (
            httpx.Response(200, json=[{"success": False, "message": "Kanal bulunamadı"}]),
            PbxApiError,
            "Kanal bulunamadı",
            ErrorCode.API_REFUSED,
        ),
    ],
)
async def test_failures_become_readable_pbx_errors(
    response: httpx.Response, error: type[PbxError], message: str, code: ErrorCode
) -> None:
    pbx, _ = client(lambda r: response)
    async with pbx:
        with pytest.raises(error, match=message) as info:
            await pbx.hangup("SIP/1")
    assert info.value.code is code
    _assert_clean(info.value)


@pytest.mark.parametrize(
    ("exc", "error", "code"),
    [
        (httpx.ConnectTimeout, PbxTimeoutError, ErrorCode.TIMEOUT),
        (httpx.ReadTimeout, PbxTimeoutError, ErrorCode.TIMEOUT),
        (httpx.ConnectError, PbxConnectionError, ErrorCode.UNREACHABLE),
        (httpx.ReadError, PbxConnectionError, ErrorCode.INTERRUPTED),
        (httpx.RemoteProtocolError, PbxConnectionError, ErrorCode.INTERRUPTED),
        (httpx.DecodingError, PbxProtocolError, ErrorCode.BAD_FORMAT),
    ],
)
async def test_transport_failures_become_pbx_errors(
    exc: type[httpx.HTTPError], error: type[PbxError], code: ErrorCode
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise exc(f"failed for {request.url}", request=request)

    pbx, _ = client(fail)
    async with pbx:
        with pytest.raises(error) as info:
            await pbx.active_calls()
    assert info.value.code is code
    _assert_clean(info.value)


def _assert_clean(err: PbxError) -> None:
    """No password, query string or URL in any representation of the error."""
    texts = [
        str(err),
        repr(err),
        "".join(traceback.format_exception(err)),
        repr(pickle.loads(pickle.dumps(err))),
    ]
    assert err.__cause__ is None and err.__context__ is None
    for text in texts:
        assert PASSWORD not in text
        assert "password=" not in text.lower()
        assert "username=" not in text.lower()
        assert "pbx.example.com" not in text
        assert "action=" not in text


# ------------------------------------------------------------------ logging
async def test_no_log_record_carries_the_password(caplog: pytest.LogCaptureFixture) -> None:
    responses = iter(
        [ok([{"username": "100", "name": "A", "regstatus": "OK (3 ms)"}]), httpx.Response(500)]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        try:
            return next(responses)
        except StopIteration:
            raise httpx.ConnectError(f"cannot connect {request.url}", request=request) from None

    caplog.set_level(logging.DEBUG)
    pbx, _ = client(handler)
    async with pbx:
        assert len(await pbx.extensions()) == 1
        for _ in range(2):
            with pytest.raises(PbxError):
                await pbx.extensions()
    assert any(r.name == "httpx" for r in caplog.records), "httpx request log expected"
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + (record.exc_text or "")
        assert PASSWORD not in text
        assert "S3cr3t" not in text
    assert "S3cr3t" not in caplog.text


# ------------------------------------------------------------------ recordings
def _stream_response(
    chunks: list[bytes],
    *,
    length: int | None = None,
    fail: bool = False,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    async def gen() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk
        if fail:
            raise httpx.RemoteProtocolError("peer closed connection")

    hdrs = dict(headers or {})
    if length is not None:
        hdrs["content-length"] = str(length)
    return httpx.Response(200, headers=hdrs, content=gen())


@pytest.mark.parametrize(("payload", "ext"), [(GSM, "gsm"), (WAV, "wav"), (MP3, "mp3")])
async def test_recordings_are_detected_by_content_and_named_by_call_id(
    tmp_path: Path, payload: bytes, ext: str
) -> None:
    progress: list[tuple[int, int | None]] = []
    pbx, rec = client(
        lambda r: _stream_response(
            [payload[:100], payload[100:]],
            length=len(payload),
            headers={"content-disposition": 'attachment; filename="../../evil.exe"'},
        )
    )
    async with pbx:
        path = await pbx.download_recording(
            "1567506638.123", tmp_path, progress=lambda d, t: progress.append((d, t))
        )
    assert path == tmp_path / f"1567506638.123.{ext}"
    assert path.read_bytes() == payload
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert progress[-1] == (len(payload), len(payload))
    assert rec.params[0]["action"] == "record" and rec.params[0]["id"] == "1567506638.123"


@pytest.mark.parametrize(
    ("response", "error", "code"),
    [
        (
            lambda: httpx.Response(200, json=[{"success": False, "message": "Kayıt yok"}]),
            PbxApiError,
            ErrorCode.API_REFUSED,
        ),
        (
            lambda: httpx.Response(200, json={"success": True, "data": []}),
            PbxApiError,
            ErrorCode.NO_RECORDING,
        ),
        (lambda: httpx.Response(404, text="not found"), PbxHttpError, ErrorCode.HTTP_STATUS),
        (
            lambda: httpx.Response(200, content=b"<html>error</html>" * 40),
            PbxProtocolError,
            ErrorCode.NOT_A_RECORDING,
        ),
        (lambda: httpx.Response(200, content=b""), PbxApiError, ErrorCode.NO_RECORDING),
        (
            lambda: _stream_response([GSM[:330]], length=len(GSM)),
            PbxConnectionError,
            ErrorCode.DOWNLOAD_CUT,
        ),
        (
            lambda: _stream_response([GSM[:660]], length=len(GSM), fail=True),
            PbxConnectionError,
            ErrorCode.INTERRUPTED,
        ),
    ],
)
async def test_failed_downloads_leave_no_file(
    tmp_path: Path, response: Callable[[], httpx.Response], error: type[PbxError], code: ErrorCode
) -> None:
    pbx, _ = client(lambda r: response())
    async with pbx:
        with pytest.raises(error) as info:
            await pbx.download_recording("28699", tmp_path)
    assert info.value.code is code
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("call_id", ["../../etc/passwd", "a/b", "", ".hidden", "x" * 80, "1 2"])
async def test_unsafe_call_ids_are_refused(tmp_path: Path, call_id: str) -> None:
    pbx, rec = client(lambda r: _stream_response([GSM]))
    async with pbx:
        with pytest.raises(PbxInputError):
            await pbx.download_recording(call_id, tmp_path)
    assert rec.requests == []
    assert list(tmp_path.iterdir()) == []


async def test_download_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    pbx, rec = client(lambda r: _stream_response([GSM]))
    async with pbx:
        with pytest.raises(PbxInputError) as info:
            await pbx.download_recording("1", tmp_path / "missing")
    assert info.value.code is ErrorCode.NO_RECORDINGS_FOLDER
    assert rec.requests == []


# ------------------------------------------------------------------ phonebook
async def test_phone_directory_parses_xml_and_reports_json_errors() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><CiscoIPPhoneDirectory>'
        "<DirectoryEntry><Name>John Lash</Name><Telephone>908502590259</Telephone></DirectoryEntry>"
        "<DirectoryEntry><Name>Çağla Şahin</Name><Telephone>90538111</Telephone></DirectoryEntry>"
        "</CiscoIPPhoneDirectory>"
    ).encode()
    pbx, _ = client(
        lambda r: httpx.Response(200, content=xml, headers={"content-type": "text/xml"})
    )
    async with pbx:
        contacts = await pbx.phone_directory()
    assert [(c.name, c.numbers) for c in contacts] == [
        ("John Lash", ("908502590259",)),
        ("Çağla Şahin", ("90538111",)),
    ]
    pbx, _ = client(
        lambda r: httpx.Response(200, json=[{"success": False, "message": "Yetki yok"}])
    )
    async with pbx:
        with pytest.raises(PbxApiError, match="Yetki yok") as info:
            await pbx.phone_directory()
    assert (info.value.code, info.value.server_message) == (ErrorCode.API_REFUSED, "Yetki yok")


async def test_durations_and_models_from_live_reply() -> None:
    data = [
        {
            "channel": "SIP/1-1",
            "duration": "26:00:01",
            "calltype": "Queue(632)",
            "callinfo": "Talking",
            "src": "905",
            "dst": "101",
        }
    ]
    pbx, _ = client(
        lambda r: httpx.Response(
            200, content=json.dumps({"success": True, "count": "1", "data": data}).encode()
        )
    )
    async with pbx:
        [call] = await pbx.active_calls()
    assert call.duration == timedelta(hours=26, seconds=1)
    assert call.queue == "632"


async def test_compressed_recording_counts_bytes_as_sent(tmp_path: Path) -> None:
    import gzip

    packed = gzip.compress(GSM)
    pbx, rec = client(
        lambda r: _stream_response(
            [packed[:20], packed[20:]], length=len(packed), headers={"content-encoding": "gzip"}
        )
    )
    async with pbx:
        path = await pbx.download_recording("77", tmp_path)
    assert path.read_bytes() == GSM
    assert rec.requests[0].headers["accept-encoding"] == "identity"


@pytest.mark.parametrize("call_id", ["NUL", "con", "COM1.5", "lpt9"])
async def test_windows_device_names_are_not_call_ids(tmp_path: Path, call_id: str) -> None:
    pbx, rec = client(lambda r: _stream_response([GSM]))
    async with pbx:
        with pytest.raises(PbxInputError):
            await pbx.download_recording(call_id, tmp_path)
    assert rec.requests == []


async def test_a_folder_that_cannot_take_the_file_is_a_readable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desktop.pbx.client.os.replace", full)
    pbx, _ = client(lambda r: _stream_response([GSM], length=len(GSM)))
    async with pbx:
        with pytest.raises(PbxError, match="could not be saved") as info:
            await pbx.download_recording("78", tmp_path)
    assert info.value.code is ErrorCode.RECORDING_NOT_SAVED
    assert list(tmp_path.iterdir()) == []


async def test_an_absurdly_long_value_is_an_input_error_not_a_crash() -> None:
    rec = Recorder(lambda r: ok())
    huge = "p" * 70_000  # beyond what a URL may carry
    async with PbxClient(BASE, "u", huge, transport=httpx.MockTransport(rec)) as pbx:
        with pytest.raises(PbxInputError, match="too long") as info:
            await pbx.active_calls()
    assert info.value.code is ErrorCode.INVALID_INPUT
    assert huge not in str(info.value) and info.value.__context__ is None
    assert rec.requests == []
