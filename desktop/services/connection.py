"""How the app stands with the PBX: connection states, and the delays between retries.

The session (`desktop.services.session`) keeps the connection; this module holds the
plain values it reports and the backoff it retries with.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from desktop.pbx.errors import ErrorCode, PbxError

__all__ = [
    "UNEXPECTED_OPEN_PROBLEM",
    "UNEXPECTED_PROBLEM",
    "Backoff",
    "ConnectionState",
    "ConnectionStatus",
    "UnexpectedConnectionProblem",
]

UNEXPECTED_PROBLEM = "An unexpected problem interrupted the connection to the PBX. Retrying."
UNEXPECTED_OPEN_PROBLEM = "An unexpected problem stopped the app from connecting to the PBX."


class UnexpectedConnectionProblem(PbxError):
    """Polling failed in a way the PBX layer does not describe (a fault in the app)."""

    title = "Unexpected problem"
    default_code = ErrorCode.UNEXPECTED


class ConnectionState(Enum):
    """How the app stands with the PBX; `.value` is the word the window uses."""

    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"


@dataclass(frozen=True, slots=True)
class ConnectionStatus:
    """The state, why it is offline, and when the next try happens.

    `message` is the text given to `disconnect()`, or the error's English text (for the
    log); a window shows `error` in the user's language when there is one.
    """

    state: ConnectionState
    message: str = ""
    error: PbxError | None = field(default=None, compare=False)
    retry_in: float | None = field(default=None, compare=False)  # None: waits for poke()

    @property
    def waiting_for_user(self) -> bool:
        """Offline and not retrying by itself (wrong password, bad address)."""
        return self.state is ConnectionState.OFFLINE and self.retry_in is None


class Backoff:
    """Retry delays that double from `initial` up to `cap`, each shortened by random jitter.

    Jitter only ever shortens a delay, so `cap` is a true ceiling, and many desks
    that lost the PBX together do not all come back in the same second.
    """

    def __init__(
        self,
        initial: float = 1.0,
        cap: float = 30.0,
        *,
        factor: float = 2.0,
        jitter: float = 0.25,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if not 0 < initial <= cap or factor < 1 or not 0 <= jitter < 1:
            raise ValueError("need 0 < initial <= cap, factor >= 1 and 0 <= jitter < 1")
        self.initial = initial
        self.cap = cap
        self.factor = factor
        self.jitter = jitter
        self._rand = rand
        self.attempts = 0

    def next_delay(self) -> float:
        """The wait before the next try; each call counts one more failure."""
        base = min(self.cap, self.initial * self.factor ** min(self.attempts, 64))
        self.attempts += 1
        return base * (1.0 - self.jitter * self._rand())

    def reset(self) -> None:
        self.attempts = 0
