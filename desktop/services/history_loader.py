"""Loading a long period of call history a day at a time, a few days at once."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from desktop.pbx.errors import PbxAuthError, PbxError, PbxInputError
from desktop.pbx.models import CallRecord

from .history_ranges import Piece, day_pieces

__all__ = ["FailedPiece", "Fetch", "HistoryLoader", "LoadResult"]

log = logging.getLogger(__name__)

Fetch = Callable[[datetime, datetime], Awaitable[Sequence[CallRecord]]]
RowsCallback = Callable[[Piece, list[CallRecord]], None]
ProgressCallback = Callable[[int, int], None]
Sleep = Callable[[float], Awaitable[None]]

# Errors that another try cannot cure; the rest of the range is not asked for either.
_HOPELESS = (PbxAuthError, PbxInputError)


@dataclass(frozen=True, slots=True)
class FailedPiece:
    """A piece that could not be loaded: its dates (to show) and why."""

    piece: Piece
    error: PbxError


@dataclass(slots=True)
class LoadResult:
    """How a load ended: pieces done (loaded or failed) of all, and the failures."""

    total: int
    done: int = 0
    rows: int = 0
    failed: list[FailedPiece] = field(default_factory=list)
    cancelled: bool = False

    @property
    def complete(self) -> bool:
        """Every piece arrived: the table holds the whole period."""
        return not self.cancelled and not self.failed and self.done == self.total


class HistoryLoader:
    """Runs one load: pieces fetched `concurrency` at a time, retried, cancellable.

    `fetch(start, end)` asks the PBX for one piece (the session passes a function calling
    `PbxClient.call_records` with the number filter and `ivr_data`). Rows are delivered
    piece by piece through `on_rows` as they arrive, in no particular order.
    """

    def __init__(
        self,
        fetch: Fetch,
        *,
        concurrency: int = 3,
        retries: int = 2,
        retry_delay: float = 1.0,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._fetch = fetch
        self._concurrency = max(1, concurrency)
        self._retries = max(0, retries)
        self._retry_delay = retry_delay
        self._sleep = sleep
        self._cancelled = False
        self._workers: list[asyncio.Task[None]] = []

    def cancel(self) -> None:
        """Stop now: requests in flight are abandoned and no new one is sent."""
        self._cancelled = True
        for task in self._workers:
            task.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    async def run(
        self,
        start: datetime,
        end: datetime,
        on_rows: RowsCallback,
        on_progress: ProgressCallback | None = None,
    ) -> LoadResult:
        """Load [start, end] (minutes, inclusive); returns once every piece is done or cancelled."""
        pieces = day_pieces(start, end)
        result = LoadResult(total=len(pieces))
        if on_progress is not None:
            on_progress(0, result.total)
        todo = deque(pieces)
        hopeless: list[PbxError] = []

        async def worker() -> None:
            while todo and not self._cancelled and not hopeless:
                piece = todo.popleft()
                rows, error = await self._load(piece)
                if self._cancelled:
                    return
                if error is not None:
                    result.failed.append(FailedPiece(piece, error))
                    if isinstance(error, _HOPELESS):
                        hopeless.append(error)
                else:
                    kept = [r for r in rows if piece.owns(r.date)]
                    result.rows += len(kept)
                    on_rows(piece, kept)
                result.done += 1
                if on_progress is not None:
                    on_progress(result.done, result.total)

        self._workers = [
            asyncio.create_task(worker()) for _ in range(min(self._concurrency, len(pieces)))
        ]
        try:
            await asyncio.wait(self._workers)
        except asyncio.CancelledError:
            # The caller's task was cancelled (not our cancel()): take the workers along.
            self.cancel()
            raise
        finally:
            workers, self._workers = self._workers, []
        for task in workers:
            failure = None if task.cancelled() else task.exception()
            if failure is not None:
                raise failure  # a bug in a callback, not a failed request
        result.cancelled = self._cancelled
        if hopeless and not self._cancelled:
            # Never silently missing: what was not asked for is reported with the reason.
            for piece in todo:
                result.failed.append(FailedPiece(piece, hopeless[0]))
                result.done += 1
            todo.clear()
            if on_progress is not None:
                on_progress(result.done, result.total)
        return result

    async def _load(self, piece: Piece) -> tuple[Sequence[CallRecord], PbxError | None]:
        """One piece with its retries: (rows, None) or ((), the last error)."""
        error: PbxError = PbxError("The call history could not be loaded.")
        for attempt in range(self._retries + 1):
            if attempt:
                await self._sleep(self._retry_delay * attempt)
                if self._cancelled:
                    break
            try:
                return await self._fetch(piece.start, piece.end), None
            except _HOPELESS as exc:
                return (), exc
            except PbxError as exc:
                error = exc
                log.info(
                    "History piece %s..%s failed (try %d): %s",
                    piece.start,
                    piece.end,
                    attempt + 1,
                    type(exc).__name__,
                )
        return (), error
