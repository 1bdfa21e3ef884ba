"""Getting a recording: from the cache at once, or downloaded into it with progress and Cancel."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.services.recordings import Download, RecordingCache

__all__ = ["RecordingDownloader"]


class RecordingDownloader(QObject):
    """Fetches recordings of one PBX into its cache; one download at a time."""

    # Bytes received so far, and the size the PBX announced (-1 when it did not say).
    progress = Signal(object, object)  # ints; Qt's int would overflow past 2 GiB

    def __init__(
        self, download: Download, cache: RecordingCache, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.download = download
        self.cache = cache
        self._cancel: asyncio.Event | None = None

    def cached(self, call_id: str) -> Path | None:
        """The recording if it is in the cache (marked as just used), else None."""
        return self.cache.get(call_id)

    async def fetch(self, call_id: str) -> Path:
        """The complete recording in the cache, downloading it if needed.

        Raises asyncio.CancelledError after cancel() (the partial download is removed by
        the cache), and PbxError when the PBX has no recording or sends something else.
        """
        if self._cancel is not None:
            self._cancel.set()  # a newer request replaces a running download
        cancel = self._cancel = asyncio.Event()
        try:
            return await self.cache.fetch(call_id, self.download, self._progress, cancel)
        finally:
            if self._cancel is cancel:
                self._cancel = None

    def cancel(self) -> None:
        """Stop the running download, if any; it leaves no file behind."""
        if self._cancel is not None:
            self._cancel.set()

    @property
    def downloading(self) -> bool:
        return self._cancel is not None

    def _progress(self, done: int, total: int | None) -> None:
        self.progress.emit(done, -1 if total is None else total)
