"""The phonebook as the app keeps it: fresh from the PBX, or the last good copy on disk.

`PhonebookService` reads the PBX's directory through the session, merges it with the
extensions (colleagues) into a `PhonebookIndex`, refreshes it on a timer and on demand,
and keeps the last good copy of the contacts on disk (contacts only; written atomically)
so that the app starts with a phonebook while the PBX cannot be reached. A bad or hostile
reply keeps the last good copy; the problem is reported once, not at every refresh.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from pathlib import Path

from desktop.pbx.errors import PbxError
from desktop.pbx.models import Contact, Extension
from desktop.services import phonebook_store
from desktop.services.phonebook import PhonebookIndex

log = logging.getLogger(__name__)

__all__ = ["PhonebookService"]

IndexListener = Callable[[PhonebookIndex], None]
ProblemListener = Callable[[PbxError | None], None]


class PhonebookService:
    """Contacts from the PBX (or the disk) plus extensions, as one searchable index."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[list[Contact]]],
        *,
        store: Path | None,
        country: str = "TR",
        on_index: IndexListener,
        on_problem: ProblemListener | None = None,
        refresh_every: float = 900.0,
    ) -> None:
        self._fetch = fetch
        self._store = store
        self._country = country
        self._on_index = on_index
        self._on_problem = on_problem
        self.refresh_every = refresh_every
        self.contacts: list[Contact] = []
        self.extensions: tuple[Extension, ...] = ()
        self.saved_at: datetime | None = None  # when the copy in use was saved, if from disk
        self.fresh = False  # the copy in use came from the PBX in this run
        # None until there is something to search: the number rules' metadata waits too.
        self.index: PhonebookIndex | None = None
        self._problem: PbxError | None = None
        self._timer: asyncio.Task[None] | None = None
        self._refreshing: asyncio.Task[bool] | None = None
        self._build: asyncio.Task[None] | None = None

    # ------------------------------------------------------------ life cycle
    def load_saved(self) -> bool:
        """Start from the copy on disk (before the PBX answers); True when there was one."""
        if self._store is None:
            return False
        saved = phonebook_store.load_saved(self._store)
        if saved is None:
            return False
        self.contacts, self.saved_at, self.fresh = list(saved.contacts), saved.saved_at, False
        self._rebuild()
        return True

    def start(self) -> None:
        """Refresh every `refresh_every` seconds (the first read: `refresh()` when connected)."""
        if self._timer is None or self._timer.done():
            self._timer = asyncio.get_running_loop().create_task(self._every(), name="phonebook")

    async def aclose(self) -> None:
        tasks = [t for t in (self._timer, self._refreshing, self._build) if t is not None]
        self._timer = self._refreshing = self._build = None
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)

    def set_extensions(self, extensions: Sequence[Extension]) -> None:
        """The colleagues changed: rebuild the index with them."""
        if tuple(extensions) != self.extensions:
            self.extensions = tuple(extensions)
            self._rebuild()

    def set_country(self, country: str) -> None:
        """Numbers are read for another country now: rebuild the index."""
        if country != self._country:
            self._country = country
            self._rebuild()

    async def refresh(self) -> bool:
        """Read the PBX's directory now (one read at a time); True when it was read."""
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.get_running_loop().create_task(self._read())
        return await asyncio.shield(self._refreshing)

    # ------------------------------------------------------------ inside
    async def _every(self) -> None:
        while True:
            await asyncio.sleep(self.refresh_every)
            await self.refresh()

    async def _read(self) -> bool:
        try:
            contacts = await self._fetch()
        except PbxError as exc:
            log.info("Phonebook not read: %s (%s)", exc, type(exc).__name__)
            self._report(exc)
            return False
        self._report(None)
        self.contacts, self.saved_at, self.fresh = list(contacts), None, True
        self._rebuild()
        if self._store is not None:
            try:
                await asyncio.get_running_loop().run_in_executor(
                    None, phonebook_store.save, self._store, self.contacts
                )
            except OSError as exc:
                log.warning("The phonebook copy could not be saved: %s", exc.strerror)
        return True

    def _rebuild(self) -> None:
        contacts, extensions, country = list(self.contacts), self.extensions, self._country
        if len(contacts) < 5000:  # a small book builds in a blink: no thread needed
            self._publish(PhonebookIndex(contacts, extensions, country=country))
            return
        if self._build is not None and not self._build.done():
            self._build.cancel()  # a newer copy wins

        async def build() -> None:
            index = await asyncio.get_running_loop().run_in_executor(
                None, lambda: PhonebookIndex(contacts, extensions, country=country)
            )
            self._publish(index)

        self._build = asyncio.get_running_loop().create_task(build(), name="phonebook-index")

    def _publish(self, index: PhonebookIndex) -> None:
        self.index = index
        try:
            self._on_index(index)
        except Exception:
            log.exception("A phonebook listener failed")

    def _report(self, problem: PbxError | None) -> None:
        """Tell listeners about a new problem once, and once when it is over."""
        before = self._problem
        self._problem = problem
        same = (before is None) == (problem is None) and (
            problem is None or (before is not None and before.code is problem.code)
        )
        if same or self._on_problem is None:
            return
        try:
            self._on_problem(problem)
        except Exception:
            log.exception("A phonebook problem listener failed")
