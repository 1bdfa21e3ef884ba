"""What an IVR call and a masked callback send: checked, built, and previewed as sent."""

from __future__ import annotations

import httpx
import pytest

from desktop.pbx import ErrorCode, PbxClient, PbxInputError
from desktop.pbx.requests import (
    CREDENTIALS_PLACEHOLDER,
    Announcement,
    AnnouncementKind,
    Callback,
    IvrCall,
    announcement_wire,
    callback_params,
    ivr_call_params,
    preview_query,
)

SOUND = AnnouncementKind.SOUND_FILE
TTS = AnnouncementKind.TEXT_TO_SPEECH
PASSWORD = "Gizli&Şifre=1 +%"  # every character that needs encoding
USERNAME = "api kullanıcı"


def test_ivr_params_in_the_vendors_order_with_announcements_in_the_users_order() -> None:
    params = ivr_call_params(
        "0532 123 45 67",
        dial_plan=" outbound ",
        ivr="7001",
        custom_data="sipariş=42&x",
        announcements=[
            Announcement(SOUND, "hosgeldiniz"),
            Announcement(TTS, "Sayın müşterimiz, siparişiniz hazır"),
            "menu-1",
            "{Teşekkürler}",
        ],
    )
    assert list(params.items()) == [
        ("number", "05321234567"),
        ("dp", "outbound"),
        ("dest", "7001"),
        ("uf", "sipariş=42&x"),
        ("file", "hosgeldiniz|{Sayın müşterimiz, siparişiniz hazır}|menu-1|{Teşekkürler}"),
    ]


def test_no_announcements_sends_an_empty_file() -> None:
    params = ivr_call_params("101", dial_plan="x", ivr="1")
    assert params["file"] == "" and params["uf"] == ""


def test_text_to_speech_goes_in_braces_and_a_sound_file_does_not() -> None:
    assert Announcement(TTS, "  Merhaba dünya ").wire() == "{Merhaba dünya}"
    assert Announcement(SOUND, " custom/hosgeldiniz ").wire() == "custom/hosgeldiniz"
    assert Announcement.from_wire("{Merhaba}") == Announcement(TTS, "Merhaba")
    assert Announcement.from_wire("hosgeldiniz") == Announcement(SOUND, "hosgeldiniz")


@pytest.mark.parametrize(
    "item",
    [
        Announcement(TTS, "bir|iki"),
        Announcement(SOUND, "a|b"),
        "a|b",
        "{bir|iki}",
        Announcement(TTS, "   "),
        Announcement(SOUND, ""),
        "",
        "{}",
        "{ }",
        Announcement(TTS, "{Merhaba}"),  # would be sent as {{Merhaba}}
        Announcement(SOUND, "{Merhaba}"),  # a file name that would be read out
        Announcement(TTS, "a } b"),
        "{a}b}",
        "dosya{1}",
        "{yarım",
        Announcement(TTS, "satır\nsatır"),
        "tab\there",
        Announcement(TTS, "ç" * 499),  # 501 characters with the braces
        "x" * 501,
    ],
)
def test_unfit_announcements_are_refused_with_their_position(item: str | Announcement) -> None:
    with pytest.raises(PbxInputError) as info:
        ivr_call_params("101", dial_plan="x", ivr="1", announcements=["ok", item])
    assert info.value.code is ErrorCode.INVALID_ANNOUNCEMENT
    assert info.value.detail == "2"


def test_the_longest_announcement_is_sent() -> None:
    assert announcement_wire("x" * 500) == "x" * 500
    assert Announcement(TTS, "ç" * 498).wire() == "{" + "ç" * 498 + "}"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"number": "abc"}, ErrorCode.INVALID_NUMBER),
        ({"number": ""}, ErrorCode.INVALID_NUMBER),
        ({"number": "0532&action=hangupcall"}, ErrorCode.INVALID_NUMBER),
        ({"dial_plan": ""}, ErrorCode.INVALID_DIAL_PLAN),
        ({"dial_plan": "dış hat"}, ErrorCode.INVALID_DIAL_PLAN),
        ({"dial_plan": "a&b"}, ErrorCode.INVALID_DIAL_PLAN),
        ({"dial_plan": "x" * 65}, ErrorCode.INVALID_DIAL_PLAN),
        ({"ivr": ""}, ErrorCode.INVALID_IVR),
        ({"ivr": "70 01"}, ErrorCode.INVALID_IVR),
        ({"custom_data": "a\r\nb"}, ErrorCode.INVALID_CUSTOM_DATA),
        ({"custom_data": "x" * 1001}, ErrorCode.INVALID_CUSTOM_DATA),
    ],
)
def test_bad_ivr_input_names_what_is_wrong(kwargs: dict[str, str], code: ErrorCode) -> None:
    good = {"number": "05321234567", "dial_plan": "outbound", "ivr": "7001", "custom_data": ""}
    args = good | kwargs
    with pytest.raises(PbxInputError) as info:
        ivr_call_params(
            args["number"],
            dial_plan=args["dial_plan"],
            ivr=args["ivr"],
            custom_data=args["custom_data"],
        )
    assert info.value.code is code


def test_the_first_problem_in_form_order_is_reported() -> None:
    with pytest.raises(PbxInputError) as info:
        ivr_call_params("x", dial_plan="", ivr="", announcements=["a|b"])
    assert info.value.code is ErrorCode.INVALID_NUMBER
    with pytest.raises(PbxInputError) as info:
        ivr_call_params("101", dial_plan="", ivr="", announcements=["a|b"])
    assert info.value.code is ErrorCode.INVALID_DIAL_PLAN


def test_callback_params_and_their_refusals() -> None:
    assert list(
        callback_params(
            "+90 532 111 22 33", "(0212) 555-01-00", dial_plan="masked", custom_data="t"
        ).items()
    ) == [("number1", "+905321112233"), ("number2", "02125550100"), ("dp", "masked"), ("uf", "t")]
    for bad, code in [
        (("x", "101", "m", ""), ErrorCode.INVALID_NUMBER),
        (("101", "1;2", "m", ""), ErrorCode.INVALID_NUMBER),
        (("101", "102", "", ""), ErrorCode.INVALID_DIAL_PLAN),
        (("101", "102", "m", "\x00"), ErrorCode.INVALID_CUSTOM_DATA),
    ]:
        with pytest.raises(PbxInputError) as info:
            callback_params(bad[0], bad[1], dial_plan=bad[2], custom_data=bad[3])
        assert info.value.code is code


def test_preview_shows_placeholders_then_action_then_params_encoded() -> None:
    query = preview_query("callback", {"number1": "101", "uf": "a b&c"})
    assert query == "username=…&password=…&action=callback&number1=101&uf=a+b%26c"
    assert query.startswith(CREDENTIALS_PLACEHOLDER + "&")


@pytest.mark.parametrize("key", ["action", "username", "password"])
def test_preview_refuses_parameters_that_would_hide_the_real_ones(key: str) -> None:
    with pytest.raises(ValueError):
        preview_query("callivr", {key: "x"})


async def test_the_preview_is_byte_for_byte_the_query_the_client_sends() -> None:
    sent: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.query)
        return httpx.Response(200, json=[{"success": True}])

    ivr = IvrCall(
        "05321234567",
        "dış-hat.1",
        "7001",
        "sipariş no=42&ödeme=kapıda/+%~*'()!",
        (Announcement(SOUND, "hosgeldiniz").wire(), Announcement(TTS, "Sayın Şükrü Işık").wire()),
    )
    callback = Callback("905551110000", "+905552220000", "maskeli", "t-1 ç")
    async with PbxClient(
        "https://pbx.example.com", USERNAME, PASSWORD, transport=httpx.MockTransport(answer)
    ) as pbx:
        await pbx.call_ivr(
            ivr.number,
            dial_plan=ivr.dial_plan,
            ivr=ivr.ivr,
            custom_data=ivr.custom_data,
            announcements=ivr.announcements,
        )
        await pbx.callback(
            callback.number1,
            callback.number2,
            dial_plan=callback.dial_plan,
            custom_data=callback.custom_data,
        )
    credentials = str(httpx.QueryParams({"username": USERNAME, "password": PASSWORD}))
    for raw, request in zip(sent, (ivr, callback), strict=True):
        text = raw.decode("ascii")
        assert text.startswith(credentials + "&")
        assert text.replace(credentials, CREDENTIALS_PLACEHOLDER, 1) == request.preview()
        assert PASSWORD not in request.preview() and "Gizli" not in request.preview()
