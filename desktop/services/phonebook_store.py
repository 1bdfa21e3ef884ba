"""The last good phonebook on disk, so the app starts with it while the PBX is unreachable.

Contacts only (names, numbers, companies): never credentials or the server address.
JSON, written atomically (a temporary file, then `os.replace`) in a folder only the
user can read. A missing, damaged or foreign file reads as None, never as an error.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from desktop.pbx.models import Contact

__all__ = ["FORMAT", "SavedPhonebook", "load", "load_saved", "save"]

FORMAT = "iexpbx-desktop/phonebook"
_VERSION = 1
_MAX_BYTES = 256 * 1024 * 1024  # far above 100,000 contacts; a bigger file is not ours


class SavedPhonebook(NamedTuple):
    """A phonebook read back from disk, and when it was saved (UTC)."""

    contacts: list[Contact]
    saved_at: datetime


def save(path: Path, contacts: list[Contact], *, now: datetime | None = None) -> None:
    """Write `contacts` to `path` atomically; OSError when the disk refuses."""
    saved_at = (now or datetime.now(UTC)).astimezone(UTC)
    document = {
        "format": FORMAT,
        "version": _VERSION,
        "saved_at": saved_at.isoformat(),
        "contacts": [
            {
                "name": c.name,
                "numbers": list(c.numbers),
                **({"company": c.company} if c.company else {}),
            }
            for c in contacts
        ],
    }
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".phonebook-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def load(path: Path) -> list[Contact] | None:
    """The contacts saved at `path`, or None when there is no good copy."""
    saved = load_saved(path)
    return saved.contacts if saved else None


def load_saved(path: Path) -> SavedPhonebook | None:
    """The contacts saved at `path` and when, or None (missing, damaged, foreign)."""
    try:
        with path.open("rb") as source:
            data = source.read(_MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > _MAX_BYTES:
        return None
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        return None
    return _read(document)


def _read(document: Any) -> SavedPhonebook | None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    if document.get("version") != _VERSION:
        return None
    try:
        saved_at = datetime.fromisoformat(document["saved_at"])
    except (KeyError, TypeError, ValueError):
        return None
    if saved_at.tzinfo is None:
        return None
    rows = document.get("contacts")
    if not isinstance(rows, list):
        return None
    contacts = []
    for row in rows:
        if not isinstance(row, dict):
            return None
        name, numbers, company = row.get("name"), row.get("numbers"), row.get("company", "")
        if not isinstance(name, str) or not name or not isinstance(company, str):
            return None
        if not isinstance(numbers, list) or not numbers:
            return None
        if not all(isinstance(n, str) and n for n in numbers):
            return None
        contacts.append(Contact(name, tuple(numbers), company))
    return SavedPhonebook(contacts, saved_at)
