"""Command line and phone links: what gets dialled, and what is refused with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import DialTargetError, Options, dialable_number, number_from_link, parse_args


@pytest.mark.parametrize(
    ("link", "number"),
    [
        ("tel:+90-532-123-4567", "+905321234567"),
        ("tel:+90%20532%20123%2045%2067", "+905321234567"),
        ("TEL:+90(532)1234567", "+905321234567"),
        ("tel:+90.532.123.45.67", "+905321234567"),
        ("tel://+905321234567", "+905321234567"),
        ("tel:101", "101"),
        ("tel:*72#", "*72#"),
        ("tel:0532 123 45 67", "05321234567"),
        ("callto://05321234567", "05321234567"),
        ("callto:0532-123-4567/", "05321234567"),
        ("callto:%2B90%20532%20123%2045%2067", "+905321234567"),
        ("sip:101@pbx", "101"),
        ("sip:101@pbx.example.com;transport=tcp", "101"),
        ("sips:+905321234567@pbx.example.com?subject=hi", "+905321234567"),
        ("sip:101:secret@pbx", "101"),
        ("sip:101", "101"),
        ("+90 532 123 45 67", "+905321234567"),
        ("٠٥٣٢١٢٣٤٥٦٧", "05321234567"),  # Arabic-Indic digits
        ("０５３２１２３４５６７", "05321234567"),  # full-width digits
    ],
)
def test_links_give_the_number_to_dial(link: str, number: str) -> None:
    assert number_from_link(link) == number


@pytest.mark.parametrize(
    ("link", "number"),
    [
        # A private dial plan named by a domain: dialled as written.
        ("tel:7042;phone-context=example.com", "7042"),
        # A local number in a global prefix context becomes the full international number.
        ("tel:1234567;phone-context=+90-532", "+905321234567"),
        # A context that cannot form a real number leaves the local number as written.
        ("tel:863-1234;phone-context=+1-914-555", "8631234"),
        # A global number ignores its context; an extension parameter is not dialled.
        ("tel:+90-532-123-4567;phone-context=+1;ext=22", "+905321234567"),
        ("tel:+905321234567;isub=12;foo", "+905321234567"),
    ],
)
def test_tel_parameters(link: str, number: str) -> None:
    assert number_from_link(link) == number


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("tel:100&action=hangupcall", "not a phone number"),
        ("tel:100%26action%3Dhangupcall", "not a phone number"),
        ("tel:100?action=hangupcall", "not a phone number"),
        ("tel:100\n;channel=SIP/1&action=hangupcall", "control"),
        ("tel:100;ext=1 2", "settings"),
        ("tel:%2525", "encoded"),
        ("tel:%ff%fe", "encoded"),
        ("tel:123;phone-context=%ff", "encoded"),
        ("callto:%c3%28", "encoded"),
        ("sip:%ff@pbx", "encoded"),
        ("tel:", "no phone number"),
        ("tel:+0123", "international"),
        ("tel:+9053212345678999", "wrong length"),
        ("tel:+90*532", "international"),
        ("callto:echo123", "not a phone number"),
        ("callto:0532?x=1", "settings"),
        ("sip:alice@pbx", "not a phone number"),
        ("http://evil.example/?number=101", "not phone numbers"),
        ("javascript:alert(1)", "not phone numbers"),
        ("hello", "not a phone number"),
        ("", "no phone number"),
        ("tel:" + "1" * 600, "too long"),
        ("tel:" + "1" * 40, "not a phone number"),
    ],
)
def test_garbage_is_refused_with_a_clear_message(link: str, words: str) -> None:
    with pytest.raises(DialTargetError) as info:
        number_from_link(link)
    message = str(info.value)
    assert words in message
    assert "hangupcall" not in message and "evil" not in message  # never echoes the link


def test_dialable_number_takes_what_people_type() -> None:
    assert dialable_number(" 0 (212) 555-12-12 ") == "02125551212"
    assert dialable_number("+1-800-555-0199") == "+18005550199"
    with pytest.raises(DialTargetError):
        dialable_number("1-800-FLOWERS")
    with pytest.raises(DialTargetError):
        dialable_number("12" * 40)


def test_options_for_a_link_and_a_config_dir(tmp_path: Path) -> None:
    options = parse_args(["tel:+90-532-123-4567", "--config-dir", str(tmp_path)])
    assert options == Options(dial="+905321234567", config_dir=tmp_path.resolve())


def test_dial_option_and_demo() -> None:
    assert parse_args(["--demo", "--dial", "0532 123 4567"]) == Options(
        demo=True, dial="05321234567"
    )
    assert parse_args([]) == Options()
    assert parse_args(["--self-test"]).self_test


def test_a_bad_link_dials_nothing_and_is_kept_to_be_shown_in_a_window(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Clicked in a browser nobody sees a terminal: the window says which link it was.
    options = parse_args(["tel:100&action=hangupcall"])
    assert options.dial is None and options.bad_link == "tel:100&action=hangupcall"
    err = capsys.readouterr().err
    assert "nothing dialled" in err and "not a phone number" in err


def test_a_bad_number_typed_with_dial_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        parse_args(["--dial", "call me"])
    assert info.value.code == 2
    assert "nothing dialled" in capsys.readouterr().err


def test_link_and_dial_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["tel:101", "--dial", "102"])
    assert "either" in capsys.readouterr().err


def test_version_prints_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        parse_args(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"iexpbx-desktop {__version__}"


def test_a_refusal_keeps_its_sentence_unformatted_for_the_window_to_translate() -> None:
    with pytest.raises(DialTargetError) as info:
        number_from_link("mailto:someone@example.com")
    refusal = info.value
    assert refusal.fields == {"scheme": "mailto"}
    assert "{scheme}" in refusal.template
    assert str(refusal) == refusal.template.format(**refusal.fields)
    assert "“mailto:”" in str(refusal) and "someone" not in str(refusal)
    with pytest.raises(DialTargetError) as info:
        dialable_number("")
    assert info.value.fields == {} and str(info.value) == info.value.template
