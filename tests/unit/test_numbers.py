"""Numbers for the PBX's country: lookup keys, display, outgoing formats, refused input."""

from __future__ import annotations

import pytest

from desktop.cli import DialTargetError as CliDialTargetError
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat

TR = NumberRules()
AS_TYPED, NATIONAL, INTERNATIONAL = (
    OutgoingFormat.AS_TYPED,
    OutgoingFormat.NATIONAL,
    OutgoingFormat.INTERNATIONAL,
)


@pytest.mark.parametrize(
    "number",
    ["05321234567", "905321234567", "+905321234567", "00905321234567", "5321234567",
     "0532 123 45 67", "+90 (532) 123-45-67", "+90 0532 123 45 67", "0090 532 123 4567"],
)  # fmt: skip
def test_every_prefix_gives_one_key(number: str) -> None:
    assert TR.key(number) == "5321234567"


@pytest.mark.parametrize(
    ("number", "key"),
    [
        ("101", "101"),
        ("1001", "1001"),
        ("*97", "*97"),
        ("#31#100", "#31#100"),
        ("0101", "0101"),  # a short number keeps its 0
        ("+12125550100", "0012125550100"),  # foreign: country code kept, never national
        ("0012125550100", "0012125550100"),
        ("+34 612 345 678", "0034612345678"),
        ("02125550100", "2125550100"),
        ("4441234", "4441234"),
    ],
)
def test_keys_of_other_numbers(number: str, key: str) -> None:
    assert TR.key(number) == key


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("905321234567", "0532 123 45 67"),
        ("+905321234567", "0532 123 45 67"),
        ("02125550100", "(0212) 555 01 00"),
        ("+12125550100", "+1 212-555-0100"),
        ("0044 20 7946 0018", "+44 20 7946 0018"),
        ("101", "101"),
        ("*97", "*97"),
        ("ext 12", "ext 12"),
        ("0000000000", "0000000000"),
    ],
)
def test_display(number: str, shown: str) -> None:
    assert TR.display(number) == shown


@pytest.mark.parametrize(
    ("typed", "as_typed", "national", "international"),
    [
        ("0532 123 45 67", "05321234567", "05321234567", "905321234567"),
        ("+90 (532) 123-45-67", "+905321234567", "05321234567", "905321234567"),
        ("905321234567", "905321234567", "05321234567", "905321234567"),
        ("0090 532 123 45 67", "00905321234567", "05321234567", "905321234567"),
        ("5321234567", "5321234567", "05321234567", "905321234567"),
        ("(0212) 555-01-00", "02125550100", "02125550100", "902125550100"),
        ("+1 212 555 0100", "+12125550100", "0012125550100", "12125550100"),
        ("0044 20 7946 0018", "00442079460018", "00442079460018", "442079460018"),
        ("101", "101", "101", "101"),
        ("*97", "*97", "*97", "*97"),
    ],
)
def test_outgoing_per_format(typed: str, as_typed: str, national: str, international: str) -> None:
    assert TR.outgoing(typed, AS_TYPED) == as_typed
    assert TR.outgoing(typed, NATIONAL) == national
    assert TR.outgoing(typed, INTERNATIONAL) == international


def test_outgoing_in_another_country() -> None:
    us = NumberRules("US")
    assert us.outgoing("(212) 555-0100", OutgoingFormat.NATIONAL) == "12125550100"
    assert us.outgoing("+90 532 123 45 67", OutgoingFormat.NATIONAL) == "011905321234567"
    assert us.key("+1 212 555 0100") == us.key("212-555-0100") == "2125550100"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("0532 123 45 67", "05321234567"),
        ("+90 (532) 123-45-67", "+905321234567"),
        ("101", "101"),
        ("*97", "*97"),
        (" 0212/555 01 00 ", "02125550100"),
    ],
)
def test_parse_dialable(typed: str, number: str) -> None:
    assert TR.parse_dialable(typed) == number


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "There is no phone number to dial."),
        ("   ", "There is no phone number to dial."),
        ("Ahmet", "That is not a phone number: only digits, a leading +, * and # can be dialled."),
        (
            "0532 ABC",
            "That is not a phone number: only digits, a leading +, * and # can be dialled.",
        ),
        ("1" * 70, "The phone number is too long."),
        ("1" * 20, "The phone number is too long."),
        ("+90 12", "That international number has the wrong length for its country."),
        ("+90*12", "An international number cannot contain * or #."),
    ],
)
def test_not_a_phone_number_is_refused_clearly(typed: str, message: str) -> None:
    with pytest.raises(DialTargetError) as info:
        TR.parse_dialable(typed)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)
    assert info.value.template == message
    with pytest.raises(DialTargetError):
        TR.outgoing(typed, OutgoingFormat.NATIONAL)


def test_command_line_shares_the_error() -> None:
    assert CliDialTargetError is DialTargetError


def test_unknown_country() -> None:
    with pytest.raises(ValueError, match="Unknown country"):
        NumberRules("XX")


def test_keys_are_cheap() -> None:
    # The index keys 100,000 contacts at start: no phonenumbers parsing per number.
    import time

    numbers = [f"90532{i:07d}" for i in range(50_000)] + [f"0 212 {i:07d}" for i in range(50_000)]
    start = time.perf_counter()
    keys = [TR.key(n) for n in numbers]
    assert time.perf_counter() - start < 1.0
    assert keys[0] == "5320000000" and keys[-1] == "2120049999"
