"""Who is who in a call, seen from the user's desk: its direction and the other party."""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "INCOMING",
    "INTERNAL",
    "NO_DIRECTION",
    "OUTGOING",
    "CallParties",
    "ExtensionCheck",
    "withheld",
]

ExtensionCheck = Callable[[str], bool]  # is this number one of the PBX's extensions?

# A call's direction; NO_DIRECTION when it cannot be told.
INCOMING, OUTGOING, INTERNAL, NO_DIRECTION = "incoming", "outgoing", "internal", ""

# What PBXs put where a caller withheld the number.
_ANONYMOUS = frozenset({"", "0", "unknown", "anonymous", "restricted", "private", "<unknown>"})


def withheld(number: str) -> bool:
    """Whether the PBX wrote a withheld or missing number ("", "anonymous", …)."""
    return number.strip().casefold() in _ANONYMOUS


class CallParties:
    """Direction and other party of a call from `my_extension` and an extension check.

    A number is inside the PBX when it is my extension, an extension (`is_extension`) or
    a queue (`is_queue`). Both sides inside: internal; the caller inside: outgoing;
    otherwise incoming. Without an extension check only calls involving my extension get
    a direction (a colleague's number would look like an outside one).
    """

    def __init__(self, is_queue: Callable[[str], bool] | None = None) -> None:
        self.my_extension = ""
        self.is_extension: ExtensionCheck | None = None
        self._is_queue = is_queue

    def direction(self, src: str, dst: str) -> str:
        """INCOMING, OUTGOING, INTERNAL or NO_DIRECTION for a call from `src` to `dst`."""
        src, dst = src.strip(), dst.strip()
        mine = self.my_extension
        if self.is_extension is None and not (mine and mine in (src, dst)):
            return NO_DIRECTION
        src_inside, dst_inside = self.inside(src), self.inside(dst)
        if src_inside and dst_inside:
            return INTERNAL
        return OUTGOING if src_inside else INCOMING

    def other_party(self, src: str, dst: str) -> str:
        """The number of the side that is not me; "" when that side withheld its number.

        When neither side is mine: the outside number of an outgoing call, else the caller.
        """
        src, dst = src.strip(), dst.strip()
        mine = self.my_extension
        if mine and src == mine:
            other = dst
        elif mine and dst == mine:
            other = src
        else:
            other = dst if self.direction(src, dst) == OUTGOING else src
        return "" if withheld(other) else other

    def inside(self, number: str) -> bool:
        """Whether `number` is my extension, another extension or a queue."""
        if withheld(number):
            return False
        if number == self.my_extension:
            return True
        if self.is_extension is not None and self.is_extension(number):
            return True
        return self._is_queue is not None and self._is_queue(number)
