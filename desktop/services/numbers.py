"""Phone numbers for the PBX's country: what a user typed, what is dialled, how it is shown.

`phonenumbers` gives the metadata (country calling code, trunk and exit prefixes, number
lengths) and the display formatting; canonical lookup keys are made with plain string
operations from that metadata, so keying 100,000 phonebook numbers stays cheap. This
module is imported by the command line before Qt: `phonenumbers` loads on first use.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import phonenumbers

__all__ = [
    "MAX_NUMBER_LENGTH",
    "DialTargetError",
    "NumberRules",
    "OutgoingFormat",
    "dialable_number",
    "international_number",
]

MAX_NUMBER_LENGTH = 64

# What a PBX dials: the same rule as the API client's (digits, *, #; + only in front).
_DIALABLE = re.compile(r"\+?[0-9*#]{1,32}")
# RFC 3966 visual separators, plus the spaces and slashes people paste.
_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u2010-\u2015]")
_NOT_DIGIT = re.compile(r"[^0-9]")


class DialTargetError(ValueError):
    """A number or link that cannot be dialled; `str()` says why, for a user.

    `template` and `fields` are that sentence before formatting: the window shows it in
    the interface language (`desktop.ui.error_text`), the terminal in English.
    """

    def __init__(self, template: str, **fields: str) -> None:
        super().__init__(template.format(**fields) if fields else template)
        self.template = template
        self.fields = fields


class OutgoingFormat(Enum):
    """How a number is sent to the PBX (the "outgoing number format" setting)."""

    AS_TYPED = "as_typed"  # digits as the user wrote them, separators dropped
    NATIONAL = "national"  # 05321234567; other countries' numbers as 00…
    INTERNATIONAL = "international"  # 905321234567: country code, no '+'


def dialable_number(text: str) -> str:
    """`+90 (532) 123-45-67` → `+905321234567`; DialTargetError when it is not a number."""
    if not isinstance(text, str) or not text.strip():
        raise DialTargetError("There is no phone number to dial.")
    if len(text) > MAX_NUMBER_LENGTH:
        raise DialTargetError("The phone number is too long.")
    cleaned = "".join(_ascii_digit(ch) for ch in _SEPARATORS.sub("", text))
    if not _DIALABLE.fullmatch(cleaned):
        raise DialTargetError(
            "That is not a phone number: only digits, a leading +, * and # can be dialled."
        )
    if cleaned.startswith("+"):
        return international_number(cleaned)
    return cleaned


def _ascii_digit(ch: str) -> str:
    # Arabic-Indic, full-width and other decimal digits dial as their ASCII value.
    if ch.isdigit() and not ch.isascii():
        value = unicodedata.decimal(ch, None)
        if value is not None:
            return str(value)
    if ch == "\uff0b":  # full-width plus
        return "+"
    return ch


def international_number(number: str) -> str:
    """`+905321234567` checked by phonenumbers, in E.164; DialTargetError when impossible."""
    import phonenumbers

    if "*" in number or "#" in number:
        raise DialTargetError("An international number cannot contain * or #.")
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        raise DialTargetError("That is not a valid international phone number.") from None
    if not phonenumbers.is_possible_number(parsed):
        raise DialTargetError("That international number has the wrong length for its country.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class NumberRules:
    """Numbers as the PBX's country writes them: lookup keys, display and dialling.

    Keys: a number of the PBX's own country becomes its national significant number
    whatever the prefix (`0532…`, `90532…`, `+90532…`, `0090532…` → `532…`); a foreign
    number becomes `00` + its country code + number (so it never meets a national one);
    anything else (extensions, short codes, `*97`) stays as written, separators dropped.
    """

    def __init__(self, country: str = "TR") -> None:
        import phonenumbers

        region = country.strip().upper()
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if meta is None:
            raise ValueError(f"Unknown country: {country[:8]!r}")
        self.country = region
        self.calling_code = str(meta.country_code)
        self.trunk_prefix = meta.national_prefix or ""
        exit_prefix = meta.preferred_international_prefix or meta.international_prefix or ""
        self.exit_prefix = exit_prefix if exit_prefix.isdigit() else "00"
        # Lengths of ordinary subscriber numbers: prefixes are only stripped when what is
        # left has one of them, so extensions and short codes are never cut.
        descs = (meta.fixed_line, meta.mobile) if meta.fixed_line else (meta.general_desc,)
        lengths = {n for desc in descs if desc is not None for n in desc.possible_length}
        self._lengths = frozenset(lengths)
        self._display_cache: dict[str, str] = {}

    # ------------------------------------------------------------ keys
    def key(self, number: str) -> str:
        """The canonical digits-only key of `number` (caller-ID lookup; no parsing)."""
        if number.isdigit() and number.isascii():
            digits = number
        else:
            digits = _NOT_DIGIT.sub("", number)
            if number.lstrip()[:1] in ("+", "\uff0b") and digits:
                return self._international_key(digits)
            if not digits:
                return number.strip()  # "*#": nothing to canonicalise
            if "*" in number or "#" in number:
                return _SEPARATORS.sub("", number)  # feature codes dial as written
        exit_prefix = self.exit_prefix
        if digits.startswith(exit_prefix) and len(digits) > len(exit_prefix) + 6:
            return self._international_key(digits[len(exit_prefix) :])
        lengths = self._lengths
        trunk = self.trunk_prefix
        if trunk and digits.startswith(trunk) and len(digits) - len(trunk) in lengths:
            return digits[len(trunk) :]
        code = self.calling_code
        if digits.startswith(code) and len(digits) - len(code) in lengths:
            return digits[len(code) :]
        return digits

    def _international_key(self, digits: str) -> str:
        code = self.calling_code
        if digits.startswith(code):
            national = digits[len(code) :]
            trunk = self.trunk_prefix
            # "+90 (0)532…": the trunk prefix written after the country code
            if trunk and national.startswith(trunk) and len(national) - len(trunk) in self._lengths:
                national = national[len(trunk) :]
            return national
        return "00" + digits

    def is_national(self, key: str) -> bool:
        """Whether `key` (from `key()`) is a full number of the PBX's country."""
        return len(key) in self._lengths and key.isdigit() and not key.startswith("0")

    # ------------------------------------------------------------ display
    def display(self, number: str) -> str:
        """`905321234567` → `0532 123 45 67`; as written when it is not a full number."""
        shown = self._display_cache.get(number)
        if shown is None:
            shown = self._display(number)
            if len(self._display_cache) > 20_000:
                self._display_cache.clear()
            self._display_cache[number] = shown
        return shown

    def _display(self, number: str) -> str:
        import phonenumbers

        key = self.key(number)
        if key.startswith("00") and key[2:].isdigit():
            text, region = "+" + key[2:], None
            style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
        elif self.is_national(key):
            text, region = self.trunk_prefix + key, self.country
            style = phonenumbers.PhoneNumberFormat.NATIONAL
        else:
            return number.strip()
        parsed = self._parse(text, region)
        if parsed is None or not phonenumbers.is_possible_number(parsed):
            return number.strip()
        return phonenumbers.format_number(parsed, style)

    @staticmethod
    def _parse(text: str, region: str | None) -> phonenumbers.PhoneNumber | None:
        import phonenumbers

        try:
            return phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None

    # ------------------------------------------------------------ dialling
    def parse_dialable(self, text: str) -> str:
        """Typed or pasted input as a dialable number; DialTargetError (a ValueError) if not.

        `0532 123 45 67` → `05321234567`, `+90 (532) 123-45-67` → `+905321234567`,
        extensions and feature codes (`101`, `*97`) as written.
        """
        number = dialable_number(text)
        digits = number.lstrip("+")
        if digits.isdigit() and len(digits) > 17:
            raise DialTargetError("The phone number is too long.")
        return number

    def outgoing(self, number: str, fmt: OutgoingFormat) -> str:
        """What is sent to the PBX for `number` under the outgoing number format `fmt`."""
        dialable = self.parse_dialable(number)
        if fmt is OutgoingFormat.AS_TYPED or not dialable.lstrip("+").isdigit():
            return dialable
        key = self.key(dialable)
        if key.startswith("00") and len(key) > 8:  # another country's number
            foreign = key[2:]
            return self.exit_prefix + foreign if fmt is OutgoingFormat.NATIONAL else foreign
        if self.is_national(key):
            if fmt is OutgoingFormat.NATIONAL:
                return self.trunk_prefix + key
            return self.calling_code + key
        return dialable.lstrip("+")
