"""The command line: options, and `tel:` / `callto:` / `sip:` links turned into a number to dial.

Qt-free and cheap to import: `--version` and `--help` answer before any Qt module loads.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

from desktop import __version__
from desktop.services.numbers import DialTargetError, dialable_number, international_number

__all__ = [
    "MAX_LINK_LENGTH",
    "DialTargetError",
    "Options",
    "build_parser",
    "dialable_number",
    "number_from_link",
    "parse_args",
]

MAX_LINK_LENGTH = 512
LINK_SCHEMES = ("tel", "callto", "sip", "sips")

# RFC 3966 visual separators, plus the spaces and slashes people paste.
_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u2010-\u2015]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_PARAM = re.compile(r"^[A-Za-z0-9-]{1,32}(=[A-Za-z0-9\-.+()!~*'_%\[\]/:&$]{0,128})?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Options(NamedTuple):
    """What the command line asked for; `dial` is already a dialable number.

    `bad_link` is a link given that could not be read (clicked in a browser, nobody sees a
    terminal): the app shows it in a window instead of dialling anything.
    """

    demo: bool = False
    dial: str | None = None
    config_dir: Path | None = None
    self_test: bool = False
    debug: bool = False
    bad_link: str | None = None


def number_from_link(link: str) -> str:
    """The number a `tel:`, `callto:`, `sip:` link (or a plain number) asks to dial."""
    if not isinstance(link, str):
        raise DialTargetError("There is no phone number to dial.")
    text = link.strip()
    if len(text) > MAX_LINK_LENGTH:
        raise DialTargetError("The link is too long to be a phone number.")
    if _CONTROL.search(text):
        raise DialTargetError("The link contains control characters.")
    match = _SCHEME.match(text)
    if match is None:
        return dialable_number(text)
    scheme = match.group(1).lower()
    rest = text[match.end() :]
    if scheme == "tel":
        return _from_tel(rest)
    if scheme == "callto":
        return _from_callto(rest)
    if scheme in ("sip", "sips"):
        return _from_sip(rest)
    raise DialTargetError(
        "Links starting with “{scheme}:” are not phone numbers (tel:, callto: and sip: links are).",
        scheme=scheme[:16],
    )


def _decode(part: str) -> str:
    try:
        decoded = unquote(part, errors="strict")
        if _CONTROL.search(decoded) or "%" in decoded:
            raise ValueError(part)
    except ValueError:  # UnicodeDecodeError included
        raise DialTargetError("The link is encoded in a way a phone number never is.") from None
    return decoded


def _from_tel(rest: str) -> str:
    rest = rest.removeprefix("//")  # "tel://..." is wrong but common on web pages
    number, *params = rest.split(";")
    context = ""
    for param in params:
        if not _PARAM.fullmatch(param):
            raise DialTargetError("The link has settings a phone link cannot have.")
        name, _, value = param.partition("=")
        if name.lower() == "phone-context":
            context = _decode(value)
    local = dialable_number(_decode(number))
    if local.startswith("+") or not context.startswith("+"):
        # A domain context (tel:7042;phone-context=example.com) names a private plan:
        # the number is dialled as written.
        return local
    return _with_prefix(context, local)


def _with_prefix(context: str, local: str) -> str:
    """A local number inside a global prefix context, if that forms a real number."""
    prefix = _SEPARATORS.sub("", context)
    if not re.fullmatch(r"\+[0-9]{1,15}", prefix):
        return local
    try:
        return international_number(prefix + local)
    except DialTargetError:
        return local


def _from_callto(rest: str) -> str:
    rest = rest.removeprefix("//").rstrip("/")
    if "?" in rest or ";" in rest:
        raise DialTargetError("The link has settings a phone link cannot have.")
    return dialable_number(_decode(rest))


def _from_sip(rest: str) -> str:
    address = rest.split("?", 1)[0]  # SIP headers never carry the number
    user = address.rsplit("@", 1)[0] if "@" in address else address.split(";", 1)[0]
    user = user.split(";", 1)[0].split(":", 1)[0]  # user parameters, a password
    return dialable_number(_decode(user))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iexpbx-desktop",
        description="Desktop companion for IEXPBX telephone systems: live calls, "
        "click-to-call, phonebook and call history.",
        epilog="A second start hands its number to the running window and exits.",
    )
    parser.add_argument(
        "link",
        nargs="?",
        metavar="LINK",
        help="a tel:, callto: or sip: link (or a plain number) to dial after confirming",
    )
    parser.add_argument("--dial", metavar="NUMBER", help="offer to dial NUMBER")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="try the app against a built-in simulated PBX; no settings or passwords are used",
    )
    parser.add_argument(
        "--config-dir",
        metavar="DIR",
        type=Path,
        help="keep settings and logs in DIR instead of the usual place",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that Qt, audio, the keyring and the simulator work, then exit",
    )
    parser.add_argument("--debug", action="store_true", help="log in more detail")
    parser.add_argument("--version", action="version", version=f"iexpbx-desktop {__version__}")
    return parser


def parse_args(argv: Sequence[str] | None = None) -> Options:
    """Options from the command line; exits with a message (status 2) when they are wrong.

    An unreadable link is not a usage error: it comes back as `bad_link` (see Options).
    """
    parser = build_parser()
    ns = parser.parse_args(argv)
    if ns.link and ns.dial:
        parser.error("give either a link or --dial, not both")
    target = ns.dial if ns.dial is not None else ns.link
    dial = bad_link = None
    if target is not None:
        try:
            dial = number_from_link(target) if ns.link else dialable_number(target)
        except DialTargetError as exc:
            if not ns.link:  # typed in a terminal: answered there
                parser.error(f"nothing dialled: {exc}")
            print(f"{parser.prog}: nothing dialled: {exc}", file=sys.stderr)
            bad_link = target
    config_dir = ns.config_dir.expanduser().resolve() if ns.config_dir else None
    return Options(
        demo=ns.demo,
        dial=dial,
        config_dir=config_dir,
        self_test=ns.self_test,
        debug=ns.debug,
        bad_link=bad_link,
    )
