"""The phonebook kept on disk: read back exactly, and never trusted when damaged."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.pbx.models import Contact
from desktop.services import phonebook_store
from desktop.services.phonebook_store import load, load_saved, save

BOOK = [
    Contact("Şükrü Öztürk", ("905321234567", "0212 555 01 00"), "Ege Yazılım A.Ş."),
    Contact("Işık Güneş", ("101",)),
]
WHEN = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


def test_round_trip_with_the_time_saved(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "phonebook.json"
    save(path, BOOK, now=WHEN)
    assert load(path) == BOOK
    saved = load_saved(path)
    assert saved is not None and saved.saved_at == WHEN and saved.contacts == BOOK
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == ["phonebook.json"]  # no temp file left


def test_only_contacts_are_written(tmp_path: Path) -> None:
    path = tmp_path / "phonebook.json"
    save(path, BOOK, now=WHEN)
    document = json.loads(path.read_text("utf-8"))
    assert set(document) == {"format", "version", "saved_at", "contacts"}
    assert document["contacts"][1] == {"name": "Işık Güneş", "numbers": ["101"]}


def test_saving_again_replaces_the_copy(tmp_path: Path) -> None:
    path = tmp_path / "phonebook.json"
    save(path, BOOK, now=WHEN)
    save(path, BOOK[:1])
    assert load(path) == BOOK[:1]


def test_a_failed_write_keeps_the_last_good_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "phonebook.json"
    save(path, BOOK, now=WHEN)

    def refuse(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(phonebook_store.os, "replace", refuse)
    with pytest.raises(OSError):
        save(path, [])
    assert load(path) == BOOK
    assert [p.name for p in tmp_path.iterdir()] == ["phonebook.json"]


GOOD = {
    "format": "iexpbx-desktop/phonebook",
    "version": 1,
    "saved_at": "2024-05-06T07:08:09+00:00",
    "contacts": [{"name": "Ali", "numbers": ["101"]}],
}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe\x00",
        b"[]",
        b"null",
        json.dumps({**GOOD, "format": "something-else"}).encode(),
        json.dumps({**GOOD, "version": 2}).encode(),
        json.dumps({**GOOD, "saved_at": "yesterday"}).encode(),
        json.dumps({**GOOD, "saved_at": "2024-05-06T07:08:09"}).encode(),
        json.dumps({**GOOD, "contacts": {"name": "Ali"}}).encode(),
        json.dumps({**GOOD, "contacts": [{"name": "Ali", "numbers": "101"}]}).encode(),
        json.dumps({**GOOD, "contacts": [{"name": "", "numbers": ["101"]}]}).encode(),
        json.dumps({**GOOD, "contacts": [{"name": "Ali", "numbers": []}]}).encode(),
        json.dumps({**GOOD, "contacts": [{"name": "Ali", "numbers": [101]}]}).encode(),
        json.dumps(
            {**GOOD, "contacts": [{"name": "Ali", "numbers": ["1"], "company": 3}]}
        ).encode(),
        json.dumps({**GOOD, "contacts": ["Ali"]}).encode(),
        b"[" * 100_000,
    ],
)
def test_damaged_or_foreign_files_read_as_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "phonebook.json"
    path.write_bytes(content)
    assert load(path) is None


def test_good_file_written_by_hand_is_read(tmp_path: Path) -> None:
    path = tmp_path / "phonebook.json"
    path.write_text(json.dumps(GOOD), "utf-8")
    assert load(path) == [Contact("Ali", ("101",))]


def test_missing_file_or_folder_reads_as_none(tmp_path: Path) -> None:
    assert load(tmp_path / "nothing.json") is None
    assert load(tmp_path) is None
