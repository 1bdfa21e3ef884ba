"""The ignore list matches numbers in every common form; CRM links are http(s) only."""

from __future__ import annotations

import pytest

from desktop.services.popup_rules import CrmTemplateError, IgnoreList, crm_url, is_ignored


@pytest.mark.parametrize(
    "caller",
    [
        "05321234567",
        "+905321234567",
        "00905321234567",
        "905321234567",
        "5321234567",
        "0532 123 45 67",
        "(0532) 123-4567",
    ],
)
@pytest.mark.parametrize("entry", ["0532 123 45 67", "+90 532 123 4567", "5321234567"])
def test_an_exact_number_matches_in_every_form(caller: str, entry: str) -> None:
    assert is_ignored(caller, [entry])


def test_other_numbers_are_not_ignored() -> None:
    rules = IgnoreList(["05321234567", "102"])
    assert not rules.is_ignored("05321234568")
    assert not rules.is_ignored("1021")
    assert not rules.is_ignored("")
    assert not rules.is_ignored("anonymous")
    assert rules.is_ignored("102")


@pytest.mark.parametrize("caller", ["08501234567", "+908501234567", "8501234567", "0850 444 00 00"])
def test_a_prefix_pattern_matches_in_every_form(caller: str) -> None:
    assert is_ignored(caller, ["0850*"])


def test_patterns_do_not_overreach() -> None:
    rules = IgnoreList(["0850*", "0212 555 ??", ""])
    assert not rules.is_ignored("05321234567")
    assert not rules.is_ignored("+905328501234")
    assert rules.is_ignored("021255512")
    assert not rules.is_ignored("0212555123")


def test_a_bare_star_silences_nobody() -> None:
    assert not is_ignored("05321234567", ["*", "**", "  ", "+"])


def test_crm_url_encodes_the_number() -> None:
    template = "https://crm.example.com/search?phone={number}&src=pbx"
    assert crm_url(template, "+90 532 123") == (
        "https://crm.example.com/search?phone=%2B90%20532%20123&src=pbx"
    )
    assert crm_url("http://crm.lan/c/{number}", "a&b=c/d") == "http://crm.lan/c/a%26b%3Dc%2Fd"


@pytest.mark.parametrize(
    "template",
    [
        "file:///etc/passwd?{number}",
        "javascript:alert({number})",
        "crm.example.com/{number}",
        "https:///nohost/{number}",
        "",
        "ftp://crm/{number}",
        "http://[::1/{number}",
    ],
)
def test_non_http_templates_are_refused(template: str) -> None:
    with pytest.raises(CrmTemplateError):
        crm_url(template, "05321234567")
