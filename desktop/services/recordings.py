"""The recordings cache: downloaded call recordings kept on disk, least recently used first out.

Files live in `<cache>/<pbx host>/<call id>.<gsm|wav|mp3>`. A download goes to a private
folder under `<cache>/.partial/` and is moved into place only once complete and
recognised as audio, so a cut-off download or an error page is never played or kept.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from desktop.pbx import audio
from desktop.pbx.errors import ErrorCode, PbxError, PbxProtocolError

__all__ = ["Download", "Progress", "RecordingCache", "cache_key"]

Progress = Callable[[int, "int | None"], None]
# The client's `download_recording(call_id, dest_dir, progress=...) -> Path`.
Download = Callable[..., Awaitable[Path]]

_KINDS = ("gsm", "wav", "mp3")
_PARTIAL = ".partial"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_HEAD = 64 * audio.GSM_FRAME


def cache_key(text: str, limit: int = 60) -> str:
    """A file-name-safe, collision-free form of a host or call id (never holds credentials)."""
    # Whatever precedes "@" (user:password in a URL given by mistake) is dropped first.
    text = text.rpartition("@")[2].strip()
    cleaned = _UNSAFE.sub("_", text).strip("._")[:limit] or "x"
    if cleaned == text:
        return cleaned
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cleaned}-{digest}"


class RecordingCache:
    """Recordings of one PBX, with a size cap shared by every PBX's folder in `root`."""

    def __init__(self, root: str | os.PathLike[str], host: str, max_bytes: int) -> None:
        self.root = Path(root)
        self.folder = self.root / cache_key(host.lower())
        self.max_bytes = max_bytes
        self._last_touch = 0

    def path_for(self, call_id: str) -> Path | None:
        """Where the recording of `call_id` is, if cached (without marking it used)."""
        stem = cache_key(call_id)
        for kind in _KINDS:
            path = self.folder / f"{stem}.{kind}"
            if path.is_file():
                return path
        return None

    def get(self, call_id: str) -> Path | None:
        """The cached recording of `call_id`, marked as just used; None if not cached."""
        path = self.path_for(call_id)
        if path is not None:
            self._touch(path)
        return path

    async def fetch(
        self,
        call_id: str,
        download: Download,
        progress: Progress | None = None,
        cancel: asyncio.Event | None = None,
    ) -> Path:
        """The recording of `call_id`: from the cache, or downloaded into it.

        Setting `cancel` (or cancelling the task) stops the download and leaves no file.
        Raises PbxError when the PBX has no recording or sends something that is not one.
        """
        cached = self.get(call_id)
        if cached is not None:
            return cached
        partial_root = self.root / _PARTIAL
        try:
            partial_root.mkdir(parents=True, exist_ok=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=partial_root))
        except OSError:
            raise _unsaved() from None
        try:
            got = await _cancellable(download(call_id, staging, progress=progress), cancel)
            kind = _audio_kind(got)
            final = self.folder / f"{cache_key(call_id)}.{kind}"
            try:
                os.replace(got, final)
            except OSError:
                raise _unsaved() from None
            self._touch(final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.evict(keep=final)
        return final

    def total_bytes(self) -> int:
        """Bytes held by every PBX's recordings in the cache."""
        return sum(size for _, _, size in self._entries())

    def evict(self, keep: Path | None = None) -> list[Path]:
        """Delete least recently used recordings until the cache fits its cap; returns them.

        `keep` (the recording about to play) is never deleted, even if alone over the cap.
        """
        entries = sorted(self._entries())
        total = sum(size for _, _, size in entries)
        removed: list[Path] = []
        for _, path, size in entries:
            if total <= self.max_bytes:
                break
            if keep is not None and path == keep:
                continue
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
                removed.append(path)
        return removed

    def clear_partials(self) -> None:
        """Remove what interrupted downloads left (a crash, a power cut): at start-up."""
        shutil.rmtree(self.root / _PARTIAL, ignore_errors=True)

    def _entries(self) -> list[tuple[int, Path, int]]:
        """(last used, path, size) of every cached recording."""
        out = []
        try:
            folders = [p for p in self.root.iterdir() if p.is_dir() and p.name != _PARTIAL]
        except OSError:
            return []
        for folder in folders:
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.is_file() and entry.name.rpartition(".")[2] in _KINDS:
                        st = entry.stat()
                        out.append((st.st_mtime_ns, Path(entry.path), st.st_size))
        return out

    def _touch(self, path: Path) -> None:
        # The modification time is the "last used" mark. Strictly increasing within a run,
        # so two uses in the same clock tick still keep their order.
        now = max(time.time_ns(), self._last_touch + 1_000)
        self._last_touch = now
        with contextlib.suppress(OSError):
            os.utime(path, ns=(now, now))


async def _cancellable(work: Awaitable[Path], cancel: asyncio.Event | None) -> Path:
    """Await `work`, abandoning it (and raising CancelledError) once `cancel` is set."""
    task = asyncio.ensure_future(work)
    if cancel is None:
        return await task
    waiter = asyncio.ensure_future(cancel.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
    if task.cancelled():
        raise asyncio.CancelledError
    return task.result()


def _audio_kind(path: Path) -> str:
    """The kind of a downloaded file, checked by content: an error body is not a recording."""
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError:
        raise _unsaved() from None
    kind = audio.sniff_recording(head)
    if kind is None or audio.looks_like_json(head[:64]):
        raise PbxProtocolError(
            "The PBX sent something that is not a recording.", code=ErrorCode.NOT_A_RECORDING
        )
    return kind


def _unsaved() -> PbxError:
    return PbxError(
        "The recording could not be saved in the cache folder (is the disk full?).",
        code=ErrorCode.RECORDING_NOT_SAVED,
    )
