"""The phonebook the app keeps: fresh from the PBX, else the last good copy on disk."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop.pbx.errors import ErrorCode, PbxProtocolError
from desktop.pbx.models import Contact, Extension
from desktop.services.phonebook import PhonebookIndex
from desktop.services.phonebook_service import PhonebookService

AYSE = Contact("Ayşe Yılmaz", ("05321234567",))
MEHMET = Contact("Mehmet Öz", ("02125550100",))
RECEPTION = Extension("101", "Reception", "OK (5 ms)", True, 5)
HOSTILE = PbxProtocolError("no", code=ErrorCode.UNKNOWN_DIRECTORY_FORMAT, detail="html")


class Pbx:
    def __init__(self, answer: list[Contact] | Exception) -> None:
        self.answer = answer
        self.reads = 0

    async def phone_directory(self) -> list[Contact]:
        self.reads += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return list(self.answer)


def service(pbx: Pbx, store: Path, seen: list[PhonebookIndex], problems: list[object]):
    return PhonebookService(
        pbx.phone_directory, store=store, on_index=seen.append, on_problem=problems.append
    )


async def test_a_read_phonebook_is_searchable_and_kept_on_disk(tmp_path: Path) -> None:
    seen: list[PhonebookIndex] = []
    pbx = Pbx([AYSE, MEHMET])
    book = service(pbx, tmp_path / "phonebook.json", seen, [])
    assert await book.refresh()
    assert [e.name for e in seen[-1].search("ayse")] == ["Ayşe Yılmaz"]
    assert seen[-1].lookup("+905321234567").name == "Ayşe Yılmaz"
    assert book.fresh
    # The next start, with the PBX unreachable, begins with the copy on disk.
    later: list[PhonebookIndex] = []
    offline = service(Pbx(ConnectionError()), tmp_path / "phonebook.json", later, [])
    assert offline.load_saved()
    assert later[-1].lookup("02125550100").name == "Mehmet Öz"
    assert not offline.fresh and offline.saved_at is not None
    assert b"password" not in (tmp_path / "phonebook.json").read_bytes()


async def test_a_hostile_reply_keeps_the_last_good_copy_and_says_so_once(tmp_path: Path) -> None:
    seen: list[PhonebookIndex] = []
    problems: list[object] = []
    pbx = Pbx([AYSE])
    book = service(pbx, tmp_path / "p.json", seen, problems)
    await book.refresh()
    on_disk = (tmp_path / "p.json").read_bytes()
    pbx.answer = HOSTILE
    assert not await book.refresh()
    assert not await book.refresh()
    assert problems == [HOSTILE]  # once, not at every refresh
    assert book.index is not None
    assert book.index.lookup("05321234567").name == "Ayşe Yılmaz"  # still there
    assert (tmp_path / "p.json").read_bytes() == on_disk  # the good copy is not overwritten
    pbx.answer = [AYSE, MEHMET]
    assert await book.refresh()
    assert problems == [HOSTILE, None]  # and once when it is over


async def test_colleagues_join_the_phonebook_as_internal_entries(tmp_path: Path) -> None:
    seen: list[PhonebookIndex] = []
    book = service(Pbx([AYSE]), tmp_path / "p.json", seen, [])
    await book.refresh()
    book.set_extensions([RECEPTION])
    entry = seen[-1].lookup("101")
    assert entry is not None and entry.name == "Reception" and entry.internal
    count = len(seen)
    book.set_extensions([RECEPTION])  # the same list again: nothing rebuilt
    assert len(seen) == count


@pytest.mark.looptime
async def test_it_refreshes_on_its_timer(tmp_path: Path) -> None:
    pbx = Pbx([AYSE])
    book = PhonebookService(pbx.phone_directory, store=None, on_index=lambda _: None)
    book.refresh_every = 900
    book.start()
    await asyncio.sleep(1)
    assert pbx.reads == 0  # the first read is the app's, once connected
    await asyncio.sleep(3 * 900)
    assert pbx.reads == 3
    await book.aclose()


async def test_a_damaged_copy_on_disk_is_no_phonebook_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_bytes(b"\x00{not json")
    book = service(Pbx([AYSE]), tmp_path / "p.json", [], [])
    assert not book.load_saved()
