"""Reading the PBX's phonebook XML (`phonedirectory`), leniently and safely.

The vendor never documented the schema, so every format PBXs commonly serve to
IP phones is understood: Cisco / Yealink / Snom `*IPPhoneDirectory`
(`DirectoryEntry` › `Name`, `Telephone`), Yealink `YealinkIPPhoneBook`
(`Unit Name= Phone1= Phone2= Phone3=`), Grandstream `AddressBook` (`Contact` ›
`FirstName`, `LastName`, `Phone` › `phonenumber`), Snom `tbook` (`item` ›
`name`, `number`), Snom tbook 2.0 (`item` › `numbers` › `number no=`), Polycom
directories (`item` › `fn`, `ln`, `ct`) and any other XML where an element
carries a name-like and one or more number-like children or attributes.
Namespaces are ignored.

Rules a user can see:

- An entry is an element with at least one number field and either a name
  field (`name`, `fullname`, `displayname`, `FirstName`/`LastName`, `company`,
  `title`, ...) or a known entry tag (`DirectoryEntry`, `Unit`, `Contact`,
  `item`). An entry whose name is blank is listed under its first number.
  Entries without a usable number are skipped.
- Numbers lose whitespace, dashes, dots, slashes and parentheses
  (`+90 (212) 555-12.34` becomes `+902125551234`); nothing else is reformatted.
  What is left must be digits, `*` or `#` (with an optional leading `+`) and hold
  a digit; anything else (`sip:100@pbx`, `ext 12`) is not a number and skipped.
- One field may hold several numbers, as address-book exports write them
  (`0532 111 22 33 ::: 0212 555 12 34`, or separated by `;`).
- A company (`company`, `organization`, ...) is kept beside a person's name.
- Names have their whitespace collapsed. Entries whose names match ignoring
  case, and ignoring Turkish dotted/dotless i (ALİ = Ali, IŞIK = Işık), are one
  person when they share a number or follow each other (phones list one number
  per entry), unless their companies differ: merged into the first one, its
  numbers then the others' new numbers. Namesakes elsewhere stay different
  people. Order of first appearance is kept.
- A reply holding records none of which can be read as an entry is a directory
  format this reader does not know: PbxProtocolError naming its root element,
  never an empty phonebook. A directory with no entries at all is empty.
- Charset: a byte-order mark wins, then the XML declaration's encoding (the
  document describes itself), then the Content-Type charset, then UTF-8. When
  the document is not valid text in its declared encoding but is in the
  Content-Type's charset, the Content-Type wins: servers that paste a fixed
  `encoding="UTF-8"` header over legacy text are common.
- A DTD, entity declaration or external reference is refused before anything is
  expanded (defusedxml), so entity bombs and external entities cost nothing.
- Anything else that is not a phonebook (an empty reply, a web page, a JSON
  error, broken XML) raises PbxProtocolError with a readable message. Server
  text (a page title, a JSON `message`) is quoted only when it cannot be part of
  a request URL, which would hold the password.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from functools import lru_cache
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .errors import ErrorCode, PbxProtocolError
from .models import Contact
from .wire import charset_of

__all__ = ["parse_phonebook"]

_EMPTY = "The PBX sent an empty phonebook."
_NOT_XML = "The PBX's phonebook is not valid XML"
_UNSAFE = (
    "The PBX's phonebook contains a document type declaration or entities, "
    "which is refused for safety."
)
_TOO_DEEP = "The PBX's phonebook is nested too deeply to read."
_WEB_PAGE = (
    "The PBX sent a web page{title} instead of its phonebook. A proxy or the PBX's "
    "web server may be failing."
)
_JSON_ERROR = "The PBX answered with an error instead of its phonebook"
_JSON_DATA = "The PBX sent data in another format instead of its phonebook."

# Field kinds, looked up by a tag or attribute name's normalised local part.
_NUMBER, _FULL_NAME, _FIRST_NAME, _LAST_NAME, _COMPANY, _OTHER_NAME = 1, 2, 3, 4, 5, 6
_FIELD_KINDS: dict[str, int] = {
    **dict.fromkeys(
        [
            "number",
            "numbers",
            "phone",
            "phones",
            "phonenumber",
            "telephone",
            "telephones",
            "telephonenumber",
            "tel",
            "telnumber",
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cell",
            "cellphone",
            "cellnumber",
            "extension",
            "ext",
            "exten",
            "office",
            "officephone",
            "officenumber",
            "work",
            "workphone",
            "worknumber",
            "business",
            "businessphone",
            "home",
            "homephone",
            "homenumber",
            "other",
            "othernumber",
            "directorynumber",
            "did",
            "msisdn",
            "ct",  # Polycom: contact
        ],
        _NUMBER,
    ),
    **dict.fromkeys(
        ["displayname", "fullname", "name", "contactname", "cn", "commonname"], _FULL_NAME
    ),
    **dict.fromkeys(["firstname", "givenname", "first", "forename", "fn"], _FIRST_NAME),
    **dict.fromkeys(["lastname", "surname", "familyname", "last", "sn", "ln"], _LAST_NAME),
    **dict.fromkeys(["company", "companyname", "organization", "organisation", "org"], _COMPANY),
    "title": _OTHER_NAME,
}
# Snom tbook 2.0 writes a number as an attribute: <numbers><number no="0532…"/></numbers>.
_NUMBER_ATTRIBUTES = frozenset({"no", "value"})
# Parts of known formats that are not entries (an empty directory still has them).
_NOT_ENTRIES = frozenset({"title", "prompt", "softkeyitem", "menu", "menuitem", "groups"})
# Address-book exports put several numbers in one field: "0532 … ::: 0212 …".
_MULTI_NUMBER = re.compile(r":::|;")
_TAG_SHOWN = re.compile(r"[A-Za-z_][\w.\-]{0,39}")
_UNRECOGNISED = (
    "The PBX's phonebook is in a directory format that is not recognised "
    "(its root element is <{root}>)."
)
# Entries of the well-known formats count even when their name field is missing.
_ENTRY_TAGS = frozenset({"DirectoryEntry", "Unit", "Contact", "item"})

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_ASCII_SEPARATORS = str.maketrans("", "", " \t\n\r\v\f-./()")
_SEPARATORS = dict.fromkeys(map(ord, "-‐‑‒–—./()"))
_NUMBER_SHAPE = re.compile(r"\+?[0-9*#]+")
_XML_DECL_ENCODING = re.compile(
    rb"<\?xml\s[^>]{0,200}?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,64})[\"']"
)
_HTML_START = re.compile(r"(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)
_HTML_TITLE = re.compile(r"<title[^>]*>([^<]{1,200})</title", re.IGNORECASE)
# No `=`, `?`, `/`, `&` or `%`: no part of a request URL can get through.
_QUOTABLE = re.compile(r"[\w\s.,:;!'()\-–]{1,160}")


def parse_phonebook(body: bytes, content_type: str | None = None) -> list[Contact]:
    """The contacts in a phonebook reply; raises PbxProtocolError for anything unreadable."""
    text = _decode(body, content_type)
    if not text:
        raise PbxProtocolError(_EMPTY, code=ErrorCode.EMPTY_REPLY)
    if text[0] in "[{":
        raise PbxProtocolError(_json_error_message(text))
    if _HTML_START.match(text):
        raise PbxProtocolError(_web_page_message(text), code=ErrorCode.WEB_PAGE)
    root = _parse_xml(text)
    if _local(root.tag).lower() == "html":
        raise PbxProtocolError(_web_page_message(text), code=ErrorCode.WEB_PAGE)
    return _contacts(root)


# ---------------------------------------------------------------- text
def _decode(body: bytes, content_type: str | None) -> str:
    """The document as text, without BOM and leading whitespace."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return _decode_as(body, encoding, None).lstrip()
    if body.startswith(b"<\x00"):
        return _decode_as(body, "utf-16-le", None).lstrip()
    if body.startswith(b"\x00<"):
        return _decode_as(body, "utf-16-be", None).lstrip()
    match = _XML_DECL_ENCODING.match(body[:1024].lstrip())
    declared = match.group(1).decode("ascii") if match else None
    if declared and _codec_name(declared).startswith(("utf-16", "utf-32")):
        declared = None  # the declaration itself was readable as ASCII, so it is wrong
    header = charset_of(content_type)
    return _decode_as(body, declared or header or "utf-8", header if declared else None).lstrip()


def _decode_as(body: bytes, encoding: str, fallback: str | None) -> str:
    shown = "".join(ch for ch in encoding[:40] if ch.isprintable()).removesuffix("-sig") or "?"
    try:
        return body.decode(encoding)
    except UnicodeError:
        if fallback and _codec_name(fallback) not in ("", _codec_name(encoding)):
            return _decode_as(body, fallback, None)
        raise PbxProtocolError(f"The PBX's phonebook is not valid {shown} text.") from None
    except (LookupError, ValueError):
        raise PbxProtocolError(
            f"The PBX's phonebook uses an unknown character set ({shown})."
        ) from None


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except (LookupError, ValueError):
        return ""


def _parse_xml(text: str) -> Element:
    try:
        # The text is already decoded: re-encoded as UTF-8, the parser is told
        # so, whatever encoding the XML declaration names.
        parser = DefusedXMLParser(
            target=TreeBuilder(),
            encoding="utf-8",
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        parser.feed(text.encode("utf-8"))
        root: Element = parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise PbxProtocolError(_UNSAFE) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        where = f" (line {line}, column {column + 1})" if line else ""
        raise PbxProtocolError(f"{_NOT_XML}{where}.") from None
    except (ValueError, UnicodeError):
        raise PbxProtocolError(f"{_NOT_XML}.") from None
    except RecursionError:
        raise PbxProtocolError(_TOO_DEEP) from None
    return root


def _json_error_message(text: str) -> str:
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError):
        return f"{_NOT_XML}."
    if isinstance(data, list) and data:
        data = data[0]
    if not isinstance(data, dict) or data.get("success") in (True, "true"):
        return _JSON_DATA
    message = data.get("message")
    quoted = _quotable(message) if isinstance(message, str) else None
    return f"{_JSON_ERROR}: {quoted}" if quoted else f"{_JSON_ERROR}."


def _web_page_message(text: str) -> str:
    match = _HTML_TITLE.search(text, 0, 4096)
    quoted = _quotable(match.group(1)) if match else None
    return _WEB_PAGE.format(title=f" ({quoted})" if quoted else "")


def _quotable(text: str) -> str | None:
    text = " ".join(text.split())
    return text if _QUOTABLE.fullmatch(text) else None


# ---------------------------------------------------------------- entries
@lru_cache(maxsize=4096)
def _field_kind(tag: str) -> int:
    """What a tag or attribute name holds: a number, a kind of name, or nothing (0)."""
    key = _NOT_ALNUM.sub("", _local(tag).lower()).rstrip("0123456789")
    return _FIELD_KINDS.get(key, 0)


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _contacts(root: Element) -> list[Contact]:
    """Every entry under `root`, in document order, one person's entries merged."""
    book = _Book()
    kind_of = _field_kind
    recognised = unread = 0
    # Iterative: a hostile document may nest far deeper than Python's stack.
    stack = [root]
    while stack:
        element = stack.pop()
        names: dict[int, str | Element] = {}
        raw_numbers: list[str] = []
        has_number_field = has_other_child = False
        for key, value in element.items():
            kind = kind_of(key)
            if kind == _NUMBER:
                has_number_field = True
                raw_numbers.append(value)
            elif kind:
                names.setdefault(kind, value)
        for child in element:
            kind = kind_of(child.tag)
            if kind == _NUMBER:
                has_number_field = True
                _numbers_in(child, raw_numbers)
            elif kind:
                names.setdefault(kind, child)
            else:
                has_other_child = True
        is_entry = _local(element.tag) in _ENTRY_TAGS
        if not (has_number_field and (names or is_entry)):
            if is_entry and names:
                recognised += 1  # an entry of a known format, without a number
            elif element is not root and _holds_data(element):
                unread += 1
            stack.extend(reversed(element))
            continue
        recognised += 1
        if has_other_child:  # fields are consumed, but other children may hold entries
            stack.extend(c for c in reversed(element) if not kind_of(c.tag))
        numbers = [
            n for raw in raw_numbers for n in map(_clean_number, _MULTI_NUMBER.split(raw)) if n
        ]
        if numbers:
            company = _text_of(names.get(_COMPANY))
            name = _name_of(names) or numbers[0]
            book.add(name, numbers, "" if company == name else company)
    if not book.contacts and unread and not recognised:
        shown = _local(root.tag)
        root_name = shown if _TAG_SHOWN.fullmatch(shown) else "?"
        raise PbxProtocolError(
            _UNRECOGNISED.format(root=root_name),
            code=ErrorCode.UNKNOWN_DIRECTORY_FORMAT,
            detail=root_name,
        )
    return book.result()


def _numbers_in(field: Element, out: list[str]) -> None:
    """The numbers a number field holds: its text, or its number children / attributes."""
    text = field.text
    if text and not text.isspace():
        out.append(text)
        return
    kind_of = _field_kind
    # Grandstream: Phone › phonenumber; Snom tbook 2.0: numbers › number no="…"
    out.extend(v for k, v in field.items() if kind_of(k) == _NUMBER)
    for child in field:
        if kind_of(child.tag) != _NUMBER:
            continue
        text = child.text
        if text and not text.isspace():
            out.append(text)
        else:
            out.extend(
                v for k, v in child.items() if kind_of(k) == _NUMBER or k in _NUMBER_ATTRIBUTES
            )


def _holds_data(element: Element) -> bool:
    """Whether an element that is not an entry looks like a record of some other format."""
    if _local(element.tag).lower() in _NOT_ENTRIES:
        return False
    if len(element.attrib) >= 2:
        return True
    return any(
        len(child) or child.attrib or (child.text and not child.text.isspace()) for child in element
    )


class _Book:
    """Entries merged into contacts: one person's entries meet, namesakes stay apart.

    Entries with the same name (ignoring case and Turkish dotted/dotless i) are one
    person when they follow each other (phones list one number per entry) or share a
    number, unless their companies differ. Order of first appearance is kept.
    """

    def __init__(self) -> None:
        self.contacts: list[tuple[str, dict[str, None], list[str]]] = []
        self._by_name: dict[str, int] = {}  # name key → its latest contact
        self._by_number: dict[tuple[str, str], int] = {}
        self._last_key: str | None = None

    def add(self, name: str, numbers: list[str], company: str) -> None:
        if not name.isascii():
            name = unicodedata.normalize("NFC", name)
        if company and not company.isascii():
            company = unicodedata.normalize("NFC", company)
        # casefold() knows no Turkish: İ becomes i + combining dot and I becomes
        # i, not ı. Folding both i's together lets "ALİ", "Ali", "IŞIK" and
        # "Işık" meet, whichever keyboard typed them.
        key = name.casefold().replace("\u0307", "").replace("ı", "i")
        # A shared number first: it says which of several namesakes this is.
        target = next(
            (t for t in map(self._by_number.get, ((key, n) for n in numbers)) if t is not None),
            None,
        )
        if target is None and key == self._last_key:
            target = self._by_name.get(key)
        if target is not None and not _same_company(self.contacts[target][2][0], company):
            target = None
        if target is None:
            target = len(self.contacts)
            self.contacts.append((name, {}, [company]))
        known = self.contacts[target]
        if company and not known[2][0]:
            known[2][0] = company
        for number in numbers:
            known[1][number] = None
            self._by_number.setdefault((key, number), target)
        self._by_name[key] = target
        self._last_key = key

    def result(self) -> list[Contact]:
        return [
            Contact(name, tuple(numbers), company[0]) for name, numbers, company in self.contacts
        ]


def _same_company(known: str, new: str) -> bool:
    return not known or not new or known.casefold() == new.casefold()


def _name_of(names: dict[int, str | Element]) -> str:
    full = _text_of(names.get(_FULL_NAME))
    if full:
        return full
    first_last = " ".join(
        part for part in (_text_of(names.get(_FIRST_NAME)), _text_of(names.get(_LAST_NAME))) if part
    )
    return first_last or _text_of(names.get(_COMPANY)) or _text_of(names.get(_OTHER_NAME))


def _text_of(field: str | Element | None) -> str:
    if field is None:
        return ""
    if isinstance(field, str):
        text = field
    elif len(field):
        text = " ".join(field.itertext())
    else:
        text = field.text or ""
    return " ".join(text.split())


def _clean_number(raw: str) -> str:
    """`raw` without separators if it is a dialable number, else ""."""
    if raw.isascii():  # the usual case, kept cheap for big phonebooks
        number = raw if raw.isdigit() else raw.translate(_ASCII_SEPARATORS)
        if number.isdigit():
            return number
    else:
        number = "".join(raw.split()).translate(_SEPARATORS)
    # A number needs a digit: `*`, `#` and `+` alone dial nothing.
    valid = _NUMBER_SHAPE.fullmatch(number) and number.strip("+*#")
    return number if valid else ""
