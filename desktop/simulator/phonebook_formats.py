"""The phonebook as the XML dialects PBXs serve to IP phones (no DTD, ever)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from xml.sax.saxutils import escape, quoteattr

from .config import PHONEBOOK_FORMATS
from .people import ContactInfo

_DECLARED = {"utf-8": "UTF-8", "iso-8859-9": "ISO-8859-9", "windows-1254": "windows-1254"}


def _is_mobile(number: str) -> bool:
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits.startswith(("905", "05", "5"))


def _label(number: str, index: int) -> str:
    if _is_mobile(number):
        return "Cep"
    return "İş" if index == 0 else "Ev"


def _cisco(contacts: list[ContactInfo]) -> Iterator[str]:
    # Cisco phones take one Telephone per entry: a second number is a second entry.
    yield "<CiscoIPPhoneDirectory>\n<Title>IEXPBX Rehber</Title>\n<Prompt>Kişi seçin</Prompt>\n"
    for c in contacts:
        for number in c.numbers:
            yield (
                f"<DirectoryEntry><Name>{escape(c.name)}</Name>"
                f"<Telephone>{escape(number)}</Telephone></DirectoryEntry>\n"
            )
    yield "</CiscoIPPhoneDirectory>\n"


def _directory(root: str, labelled: bool) -> Callable[[list[ContactInfo]], Iterator[str]]:
    def render(contacts: list[ContactInfo]) -> Iterator[str]:
        yield f"<{root}>\n<Title>IEXPBX</Title>\n<Prompt>Prompt</Prompt>\n"
        for c in contacts:
            phones = "".join(
                f"<Telephone label={quoteattr(_label(n, i))}>{escape(n)}</Telephone>"
                if labelled
                else f"<Telephone>{escape(n)}</Telephone>"
                for i, n in enumerate(c.numbers)
            )
            yield f"<DirectoryEntry>\n<Name>{escape(c.name)}</Name>{phones}\n</DirectoryEntry>\n"
        yield f"</{root}>\n"

    return render


def _yealink_phonebook(contacts: list[ContactInfo]) -> Iterator[str]:
    yield "<YealinkIPPhoneBook>\n<Title>Yealink</Title>\n"
    for menu, wanted in (("Kişiler", True), ("Firmalar", False)):
        yield f"<Menu Name={quoteattr(menu)}>\n"
        for c in contacts:
            if bool(c.last) != wanted:
                continue
            phones = [*c.numbers, "", "", ""][:3]
            yield (
                f'<Unit Name={quoteattr(c.name)} default_photo="Resource:" '
                f"Phone1={quoteattr(phones[0])} Phone2={quoteattr(phones[1])} "
                f"Phone3={quoteattr(phones[2])}/>\n"
            )
        yield "</Menu>\n"
    yield "</YealinkIPPhoneBook>\n"


def _grandstream(contacts: list[ContactInfo]) -> Iterator[str]:
    yield "<AddressBook>\n"
    for c in contacts:
        parts = [
            "<Contact>\n",
            f"<LastName>{escape(c.last)}</LastName>\n<FirstName>{escape(c.first)}</FirstName>\n",
        ]
        if c.company:
            parts.append(f"<Company>{escape(c.company)}</Company>\n")
        for n in c.numbers:
            kind = "Cell" if _is_mobile(n) else "Work"
            parts.append(
                f'<Phone type="{kind}">\n<phonenumber>{escape(n)}</phonenumber>\n'
                "<accountindex>1</accountindex>\n</Phone>\n"
            )
        parts.append("<Groups>\n<groupid>1</groupid>\n</Groups>\n</Contact>\n")
        yield "".join(parts)
    yield "</AddressBook>\n"


def _snom_tbook(contacts: list[ContactInfo]) -> Iterator[str]:
    yield '<tbook complete="true">\n'
    index = 0
    for c in contacts:
        for n in c.numbers:  # one number per item: a second number is a second item
            kind = "mobile" if _is_mobile(n) else "business"
            yield (
                f'<item context="active" type="none" fav="false" mod="true" index="{index}">\n'
                f"<name>{escape(c.name)}</name>\n"
                f"<first_name>{escape(c.first)}</first_name>\n"
                f"<last_name>{escape(c.last)}</last_name>\n"
                f"<organization>{escape(c.company)}</organization>\n"
                f"<number>{escape(n)}</number>\n<number_type>{kind}</number_type>\n</item>\n"
            )
            index += 1
    yield "</tbook>\n"


def _snom_tbook2(contacts: list[ContactInfo]) -> Iterator[str]:
    # tbook 2.0: one item per person, each number an attribute of a `number` element.
    yield '<tbook complete="true">\n'
    for index, c in enumerate(contacts):
        numbers = "".join(
            f"<number no={quoteattr(n)} "
            f'type="{"mobile" if _is_mobile(n) else "business"}" outgoing_id="0"/>'
            for n in c.numbers
        )
        yield (
            f'<item context="active" type="none" fav="false" mod="true" index="{index}">\n'
            f"<name>{escape(c.name)}</name>\n"
            f"<organization>{escape(c.company)}</organization>\n"
            f"<numbers>{numbers}</numbers>\n</item>\n"
        )
    yield "</tbook>\n"


def _polycom(contacts: list[ContactInfo]) -> Iterator[str]:
    # Polycom's 000000000000-directory.xml: one `ct` per item, a second number is a second item.
    yield "<directory>\n<item_list>\n"
    speed_dial = 0
    for c in contacts:
        for n in c.numbers:
            speed_dial += 1
            yield (
                f"<item><ln>{escape(c.last)}</ln><fn>{escape(c.first)}</fn>"
                f"<ct>{escape(n)}</ct><sd>{speed_dial}</sd><rt>1</rt><dc/>"
                "<ad>0</ad><ar>0</ar><bw>0</bw><bb>0</bb></item>\n"
            )
    yield "</item_list>\n</directory>\n"


def _address_book(contacts: list[ContactInfo]) -> Iterator[str]:
    # An address-book export: every number of a person in one field, " ::: " between.
    yield "<contacts>\n"
    for c in contacts:
        company = f"<organization>{escape(c.company)}</organization>" if c.company else ""
        yield (
            f"<contact><given_name>{escape(c.first)}</given_name>"
            f"<family_name>{escape(c.last)}</family_name>{company}"
            f"<phone>{escape(' ::: '.join(c.numbers))}</phone></contact>\n"
        )
    yield "</contacts>\n"


def _generic(contacts: list[ContactInfo]) -> Iterator[str]:
    yield "<phonebook>\n"
    for i, c in enumerate(contacts, start=1):
        company = f" company={quoteattr(c.company)}" if c.company else ""
        phones = "".join(
            f'<phone type="{"mobile" if _is_mobile(n) else "work"}">{escape(n)}</phone>'
            for n in c.numbers
        )
        yield f'<contact id="{i}" name={quoteattr(c.name)}{company}>{phones}</contact>\n'
    yield "</phonebook>\n"


_RENDERERS: dict[str, Callable[[list[ContactInfo]], Iterator[str]]] = {
    "cisco": _cisco,
    "yealink-directory": _directory("YealinkIPPhoneDirectory", labelled=True),
    "snom-directory": _directory("SnomIPPhoneDirectory", labelled=False),
    "yealink-phonebook": _yealink_phonebook,
    "grandstream": _grandstream,
    "snom-tbook": _snom_tbook,
    "snom-tbook2": _snom_tbook2,
    "polycom": _polycom,
    "address-book": _address_book,
    "generic": _generic,
}
assert set(_RENDERERS) == set(PHONEBOOK_FORMATS)


def render(contacts: list[ContactInfo], fmt: str, charset: str = "utf-8") -> bytes:
    """The phonebook document, encoded as declared; characters the charset lacks become
    character references, as PHP's XML writers do."""
    head = f'<?xml version="1.0" encoding="{_DECLARED[charset]}"?>\n'
    text = head + "".join(_RENDERERS[fmt](contacts))
    return text.encode(charset, errors="xmlcharrefreplace")


def content_type(charset: str) -> str:
    return f"text/xml; charset={charset}"
