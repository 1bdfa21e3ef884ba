"""Misbehaviour on demand: what a PBX behind a flaky proxy or network does to a client."""

from __future__ import annotations

import asyncio
import random

from desktop.http_server import Response

from .config import FAULT_NAMES

BAD_GATEWAY_PAGE = b"""<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""
UNAUTHORIZED_PAGE = b"""<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>401 Unauthorized</title>
</head><body>
<h1>Unauthorized</h1>
<p>This server could not verify that you are authorized to access the document requested.</p>
</body></html>
"""


class Faults:
    """The current fault, latency and error rate; lives in the server's event loop."""

    def __init__(
        self, fault: str | None = None, latency: float = 0.0, error_rate: float = 0.0, seed: int = 0
    ) -> None:
        self.fault: str | None = None
        self.latency = 0.0
        self.error_rate = 0.0
        self._rng = random.Random(f"{seed}:faults")
        self._release: asyncio.Event | None = None
        self._closing = False
        self.set_fault(fault)
        self.set_latency(latency)
        self.set_error_rate(error_rate)

    def set_fault(self, name: str | None) -> None:
        """Switch to a named fault (see FAULT_NAMES), or back to normal with None."""
        if name is not None and name not in FAULT_NAMES:
            raise ValueError(f"unknown fault {name!r}; known: {', '.join(FAULT_NAMES)}")
        self.fault = name
        self._wake()

    def set_latency(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("latency must not be negative")
        self.latency = float(seconds)

    def set_error_rate(self, p: float) -> None:
        if not 0 <= p <= 1:
            raise ValueError("error rate must be between 0 and 1")
        self.error_rate = float(p)

    def open(self) -> None:
        """Hold `hang` requests again (after a restart)."""
        self._closing = False

    def close(self) -> None:
        """Let every held request go: the server is stopping."""
        self._closing = True
        self._wake()

    def _wake(self) -> None:
        if self._release is not None:
            self._release.set()
            self._release = None

    async def hold_while_hanging(self) -> bool:
        """Wait while the `hang` fault is on; False if released because the server stops."""
        while self.fault == "hang" and not self._closing:
            if self._release is None:
                self._release = asyncio.Event()
            await self._release.wait()
        return not self._closing

    def draw(self) -> str | None:
        """The fault for this request: the set one, or a random 502 at the error rate."""
        if self.fault is not None:
            return self.fault
        if self.error_rate and self._rng.random() < self.error_rate:
            return "html502"
        return None


def bad_gateway() -> Response:
    return Response(502, BAD_GATEWAY_PAGE, "text/html")


def unauthorized() -> Response:
    return Response(401, UNAUTHORIZED_PAGE, "text/html")


def empty() -> Response:
    return Response(200, b"", "text/html")


def truncated(response: Response) -> Response:
    """The same reply cut off in the middle, as a dying upstream leaves it."""
    body = response.body if isinstance(response.body, bytes) else b""
    return response._replace(body=body[: len(body) // 2], headers=())
