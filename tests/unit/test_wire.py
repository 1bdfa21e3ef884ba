"""The wire format: envelopes, field formats and their tolerances."""

from __future__ import annotations

import contextlib
import json
from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.pbx import cdr, wire
from desktop.pbx.errors import ErrorCode, PbxApiError, PbxAuthError, PbxError, PbxProtocolError
from desktop.pbx.models import CallRecord, new_call_record

VENDOR_CDR = [
    {
        "success": True,
        "count": 3,
        "data": [
            {
                "id": "28699",
                "calldate": "03.09.2019 12:30:38",
                "calltype": "incoming",
                "src": "90507XXXXXXX",
                "dst": "101",
                "duration": "85,6972",
                "disposition": "ANSWERED",
                "queue": "",
                "record": True,
                "userfield": "Test data",
            },
            {
                "id": "68871",
                "calldate": "03.09.2019 11:31:54",
                "calltype": "outcoming",
                "src": "100",
                "dst": "9050XXXXXXXX",
                "duration": "4,39364",
                "disposition": "BUSY",
                "queue": "",
                "record": True,
                "userfield": "Test data",
            },
            {
                "id": "28674",
                "calldate": "03.09.2019 10:13:11",
                "calltype": "incoming",
                "src": "905XXXXXXXX",
                "dst": "100",
                "duration": "28,382",
                "disposition": "NO ANSWER",
                "queue": "630",
                "record": False,
                "userfield": "Test data",
            },
        ],
    }
]


def _body(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode()


# ------------------------------------------------------------------ envelope
def test_array_wrapped_and_bare_envelopes_give_the_same_rows() -> None:
    wrapped = cdr.call_records(VENDOR_CDR)
    bare = cdr.call_records(VENDOR_CDR[0])
    assert wrapped == bare
    assert [r.id for r in wrapped] == ["28699", "68871", "28674"]


def test_count_is_ignored_whether_number_string_or_wrong() -> None:
    env = json.loads(json.dumps(VENDOR_CDR))
    env[0]["count"] = "7"
    assert len(cdr.call_records(env)) == 3
    env[0]["count"] = "not a number"
    assert len(cdr.call_records(env)) == 3


def test_vendor_cdr_example_fields() -> None:
    first, second, third = cdr.call_records_from_body(_body(VENDOR_CDR))
    assert first.date == datetime(2019, 9, 3, 12, 30, 38)
    assert first.date.tzinfo is None
    assert first.duration == timedelta(seconds=85.6972)
    assert first.has_recording is True
    assert first.userfield == "Test data"
    assert second.call_type == "outcoming"
    assert second.disposition == "BUSY"
    assert third.disposition == "NO ANSWER"
    assert third.queue == "630"
    assert third.has_recording is False


def test_fast_and_general_cdr_paths_agree() -> None:
    fast = cdr.call_records_from_body(_body(VENDOR_CDR))
    general = cdr.call_records(VENDOR_CDR)
    assert fast == general


def test_fast_built_record_is_a_real_frozen_call_record() -> None:
    args = ("1", datetime(2020, 1, 1), "incoming", "1", "2", timedelta(1), "ANSWERED", "", True, "")
    fast = new_call_record(*args)
    assert type(fast) is CallRecord
    assert fast == CallRecord(*args)
    assert hash(fast) == hash(CallRecord(*args))
    with pytest.raises(AttributeError):
        fast.src = "x"  # type: ignore[misc]


def test_cdr_odd_rows_take_the_general_path_and_bad_rows_are_skipped() -> None:
    rows = [
        {"id": 5, "calldate": "2019-09-03 12:30:38", "duration": 12, "record": "true"},
        {"id": " 6 ", "calldate": "03.09.2019 12:30", "duration": "1:02:03", "record": "0"},
        {"id": "7", "calldate": "garbage", "duration": "1"},
        {"id": "", "calldate": "03.09.2019 12:30:38", "duration": "1"},
        {"id": "8", "calldate": "03.09.2019 12:30:38", "duration": "-4"},
        {"id": "9", "calldate": "03.09.2019 12:30:38", "duration": "nan"},
        "not a row",
        {"id": "10", "calldate": "03.09.2019 12:30:38", "duration": "2,5", "src": None},
    ]
    payload = [{"success": True, "count": "8", "data": rows}]
    for records in (cdr.call_records(payload), cdr.call_records_from_body(_body(payload))):
        assert [r.id for r in records] == ["5", "6", "10"]
        assert records[0].date == datetime(2019, 9, 3, 12, 30, 38)
        assert records[0].duration == timedelta(seconds=12)
        assert records[0].has_recording is True
        assert records[1].date == datetime(2019, 9, 3, 12, 30)
        assert records[1].duration == timedelta(hours=1, minutes=2, seconds=3)
        assert records[1].has_recording is False
        assert records[2].src == ""


def test_cdr_in_a_declared_charset_is_decoded_as_declared() -> None:
    payload = [dict(VENDOR_CDR[0], data=[dict(VENDOR_CDR[0]["data"][0], userfield="Müşteri İade")])]
    body = json.dumps(payload, ensure_ascii=False).encode("iso-8859-9")
    [record] = cdr.call_records_from_body(body, "application/json; charset=ISO-8859-9")
    assert record.userfield == "Müşteri İade"


def test_success_false_with_message_is_an_api_error_carrying_it() -> None:
    with pytest.raises(PbxApiError, match="Geçersiz tarih") as info:
        wire.unwrap([{"success": False, "message": "  Geçersiz\n tarih "}])
    assert info.value.server_message == "Geçersiz tarih"
    assert info.value.code is ErrorCode.API_REFUSED


def test_turkish_bad_credentials_message_is_an_auth_error() -> None:
    with pytest.raises(PbxAuthError, match="rejected the user name or password") as info:
        wire.unwrap([{"success": False, "message": "Kullanıcı adı veya şifre hatalı"}])
    assert info.value.server_message == "Kullanıcı adı veya şifre hatalı"
    assert info.value.code is ErrorCode.AUTH_REJECTED


def test_success_false_without_message_still_readable() -> None:
    with pytest.raises(PbxApiError, match="without saying why") as info:
        wire.check_success({"success": "false"})
    assert (info.value.code, info.value.server_message) == (ErrorCode.API_REFUSED, "")


def test_success_as_string_true_is_accepted() -> None:
    wire.check_success([{"success": "true"}])
    assert wire.unwrap({"success": "True", "data": None}) == []


@pytest.mark.parametrize(
    ("body", "message", "code"),
    [
        (b"", "empty", ErrorCode.EMPTY_REPLY),
        (b"   \n", "empty", ErrorCode.EMPTY_REPLY),
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "web page", ErrorCode.WEB_PAGE),
        (
            b'[{"success": true, "count": 1, "data": [{"chan',
            "could not be read",
            ErrorCode.BAD_FORMAT,
        ),
        (b"[]", "empty", ErrorCode.EMPTY_REPLY),
        (b'{"data": []}', "expected format", ErrorCode.BAD_FORMAT),
        (b'"just a string"', "expected format", ErrorCode.BAD_FORMAT),
        (b"[" * 100000, "could not be read|nested", ErrorCode.BAD_FORMAT),
    ],
)
def test_unreadable_bodies_are_protocol_errors(body: bytes, message: str, code: ErrorCode) -> None:
    with pytest.raises(PbxProtocolError, match=message) as info:
        wire.active_calls(wire.load_json(body))
    assert info.value.code is code


def test_data_that_is_not_a_list_is_a_protocol_error() -> None:
    with pytest.raises(PbxProtocolError) as info:
        wire.unwrap({"success": True, "data": "nope"})
    assert info.value.code is ErrorCode.BAD_FORMAT


def test_unknown_charset_is_a_protocol_error() -> None:
    with pytest.raises(PbxProtocolError, match="character set") as info:
        wire.load_json(b"{}", "application/json; charset=klingon")
    assert info.value.code is ErrorCode.UNREADABLE_TEXT


def test_text_that_is_not_in_its_declared_charset_is_unreadable() -> None:
    with pytest.raises(PbxProtocolError) as info:
        wire.decode_text(b"\xff\xfe\xfa", "text/plain; charset=utf-8")
    assert info.value.code is ErrorCode.UNREADABLE_TEXT


# ------------------------------------------------------------------ fields
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("00:01:14", timedelta(minutes=1, seconds=14)),
        ("1:02:03", timedelta(hours=1, minutes=2, seconds=3)),
        ("27:00:05", timedelta(hours=27, seconds=5)),
        ("100:00:00", timedelta(hours=100)),
        ("01:14", timedelta(minutes=1, seconds=14)),
        ("", timedelta(0)),
        (None, timedelta(0)),
        (75, timedelta(seconds=75)),
    ],
)
def test_hms_durations(raw: object, expected: timedelta) -> None:
    assert wire.parse_hms(raw) == expected


@pytest.mark.parametrize("raw", ["aa:bb:cc", "1:2:3:4", "-1:00:00", "00:00:inf"])
def test_bad_hms_durations_are_protocol_errors(raw: str) -> None:
    with pytest.raises(PbxProtocolError) as info:
        wire.parse_hms(raw)
    assert info.value.code is ErrorCode.BAD_FORMAT


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("85,6972", 85.6972), ("4,39364", 4.39364), ("28.382", 28.382), ("12", 12.0), (7, 7.0)],
)
def test_decimal_comma_durations(raw: object, seconds: float) -> None:
    assert wire.parse_seconds(raw) == timedelta(seconds=seconds)


@pytest.mark.parametrize(
    ("raw", "registered", "latency"),
    [
        ("OK (93 ms)", True, 93),
        ("OK (109 ms)", True, 109),
        ("OK", True, None),
        ("LAGGED (2150 ms)", True, 2150),
        ("UNREACHABLE", False, None),
        ("Unmonitored", False, None),
        ("UNKNOWN", False, None),
        ("", False, None),
        ("ok (12,5 ms)", True, 12),
    ],
)
def test_registration_states(raw: str, registered: bool, latency: int | None) -> None:
    assert wire.parse_regstatus(raw) == (registered, latency)


def test_extensions_keep_raw_status_text() -> None:
    [ext, gone] = wire.extensions(
        [
            {
                "success": True,
                "count": 2,
                "data": [
                    {"username": "100", "name": "Şükrü Öztürk", "regstatus": "OK (93 ms)"},
                    {"username": "101", "name": "Marry", "regstatus": "UNREACHABLE"},
                ],
            }
        ]
    )
    assert (ext.number, ext.name, ext.status, ext.registered, ext.latency_ms) == (
        "100",
        "Şükrü Öztürk",
        "OK (93 ms)",
        True,
        93,
    )
    assert (gone.registered, gone.latency_ms, gone.status) == (False, None, "UNREACHABLE")


@pytest.mark.parametrize(
    ("raw", "members"),
    [
        ("100,101,102,103,104", ("100", "101", "102", "103", "104")),
        (" 100, 101 ,", ("100", "101")),
        ("", ()),
        (None, ()),
        ("105,,106,105", ("105", "106")),
        ("107;108", ("107", "108")),
    ],
)
def test_queue_member_lists(raw: object, members: tuple[str, ...]) -> None:
    [queue] = wire.queues(
        {"success": True, "data": [{"queuenumber": "630", "name": "Sale", "internal": raw}]}
    )
    assert queue.members == members


def test_active_call_vendor_example_and_queue_number() -> None:
    [call] = wire.active_calls(
        [
            {
                "success": True,
                "count": 1,
                "data": [
                    {
                        "channel": "SIP/trunk-sip-Trunk110-36a9b",
                        "duration": "00:01:14",
                        "calltype": "Queue(630)",
                        "callinfo": "Talking",
                        "src": "9053xxxxxxxxx",
                        "dst": "110",
                    }
                ],
            }
        ]
    )
    assert call.channel == "SIP/trunk-sip-Trunk110-36a9b"
    assert call.duration == timedelta(minutes=1, seconds=14)
    assert call.queue == "630"
    assert (call.call_info, call.src, call.dst) == ("Talking", "9053xxxxxxxxx", "110")


def test_active_calls_without_channel_are_skipped() -> None:
    calls = wire.active_calls(
        {"success": True, "data": [{"channel": "", "duration": "00:00:01"}, {"duration": "1"}]}
    )
    assert calls == []


def test_query_dates_are_ddmmyyyyhhmm_24h() -> None:
    assert wire.format_query_date(datetime(2019, 9, 3, 15, 0)) == "030920191500"
    assert wire.format_query_date(datetime(2019, 9, 3, 1, 0)) == "030920190100"


# ------------------------------------------------------------------ properties
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                [
                    "success",
                    "count",
                    "data",
                    "message",
                    "id",
                    "calldate",
                    "duration",
                    "channel",
                    "username",
                    "regstatus",
                    "queuenumber",
                    "internal",
                    "record",
                    "calltype",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=8,
        )
    ),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_models_or_a_pbx_error(body: bytes) -> None:
    for parse in (wire.active_calls, wire.extensions, wire.queues, cdr.call_records):
        try:
            result = parse(wire.load_json(body))
        except PbxError:
            continue
        assert isinstance(result, list)
    with contextlib.suppress(PbxError):
        assert isinstance(cdr.call_records_from_body(body), list)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_any_json_gives_models_or_a_pbx_error(value: object) -> None:
    body = json.dumps(value).encode()
    for parse in (wire.active_calls, wire.extensions, wire.queues, cdr.call_records):
        with contextlib.suppress(PbxError):
            assert isinstance(parse(value), list)
    with contextlib.suppress(PbxError):
        assert isinstance(cdr.call_records_from_body(body), list)


cdr_rows = st.fixed_dictionaries(
    {
        "id": st.from_regex(r"[0-9]{1,8}", fullmatch=True),
        "calldate": st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)
        ).map(lambda d: d.strftime("%d.%m.%Y %H:%M:%S")),
        "calltype": st.sampled_from(["incoming", "outcoming", "internal"]),
        "src": st.from_regex(r"[0-9]{3,13}", fullmatch=True),
        "dst": st.from_regex(r"[0-9]{3,13}", fullmatch=True),
        "duration": st.decimals(min_value=0, max_value=100000, places=4).map(
            lambda d: str(d).replace(".", ",")
        ),
        "disposition": st.sampled_from(["ANSWERED", "BUSY", "NO ANSWER", "FAILED"]),
        "queue": st.sampled_from(["", "630", "632"]),
        "record": st.booleans(),
        "userfield": st.text(max_size=20),
    }
)


@settings(max_examples=200, deadline=None)
@given(st.lists(cdr_rows, max_size=20))
def test_fast_cdr_path_equals_general_path(rows: list[dict[str, object]]) -> None:
    payload = [{"success": True, "count": str(len(rows)), "data": rows}]
    fast = cdr.call_records_from_body(json.dumps(payload).encode())
    assert fast == cdr.call_records(payload)
    assert [r.id for r in fast] == [row["id"] for row in rows]
