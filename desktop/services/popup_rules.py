"""Which callers get no popup (the ignore list), and the CRM link for a caller.

Numbers are compared by their digits in every common written form: `+90 532 123 45 67`,
`0090...`, `0532 123 4567` and `5321234567` are the same number. A pattern is digits with
`*` (any digits) and `?` (one digit), e.g. `0850*`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

DEFAULT_COUNTRY_CODE = "90"
_NOT_DIGIT = re.compile(r"[^0-9]")
_NOT_PATTERN = re.compile(r"[^0-9*?]")


class CrmTemplateError(ValueError):
    """The CRM link template is not an http(s) address."""


def number_forms(number: str, country_code: str = DEFAULT_COUNTRY_CODE) -> frozenset[str]:
    """The digit strings a number is commonly written as (international, national, bare)."""
    raw = number.strip()
    digits = _NOT_DIGIT.sub("", raw)
    if not digits:
        return frozenset()
    forms = {digits}
    international = ""
    if raw.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    if international:
        forms.add(international)
        if country_code and international.startswith(country_code):
            national = international[len(country_code) :]
            forms.update({national, "0" + national})
    elif digits.startswith("0") and len(digits) > 1:
        national = digits[1:]
        forms.update({national, country_code + national})
    elif len(digits) >= 10 and country_code and digits.startswith(country_code):
        national = digits[len(country_code) :]  # 905321234567 without its +
        forms.update({national, "0" + national})
    elif len(digits) >= 10:
        forms.update({"0" + digits, country_code + digits})
    return frozenset(f for f in forms if f)


class IgnoreList:
    """Numbers and patterns whose calls stay silent."""

    def __init__(self, entries: Iterable[str] = (), country_code: str = DEFAULT_COUNTRY_CODE):
        self._country_code = country_code
        self._exact: set[str] = set()
        self._patterns: list[str] = []
        for entry in entries:
            pattern = _NOT_PATTERN.sub("", entry.strip())
            if not pattern.strip("*?"):
                continue  # empty, or a bare "*" that would silence every caller
            if "*" in pattern or "?" in pattern:
                self._patterns.append(pattern)
            else:
                # Stored in its national form when it has one, so forms meet forms.
                self._exact.update(number_forms(entry, country_code))

    def is_ignored(self, number: str) -> bool:
        """Whether calls from `number` get no popup."""
        forms = number_forms(number, self._country_code)
        if forms & self._exact:
            return True
        return any(fnmatch.fnmatchcase(f, p) for f in forms for p in self._patterns)


def is_ignored(number: str, entries: Iterable[str]) -> bool:
    """Whether `number` matches any ignore-list entry (see IgnoreList)."""
    return IgnoreList(entries).is_ignored(number)


def check_crm_template(template: str) -> None:
    """Raise CrmTemplateError unless the template is an http(s) address with a host."""
    try:
        parts = urlsplit(template.strip().replace("{number}", "0"))
        host = parts.hostname
    except ValueError:
        raise CrmTemplateError("The CRM link is not a valid address.") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise CrmTemplateError("The CRM link must start with http:// or https://.")


def crm_url(template: str, number: str) -> str:
    """The CRM address for a caller: `{number}` replaced, URL-encoded."""
    check_crm_template(template)
    return template.strip().replace("{number}", quote(number.strip(), safe=""))
