"""Who a number belongs to: names for the numbers shown in call lists."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.pbx.models import Extension


class NameDirectory:
    """Number → name, from the PBX's extension list (the phonebook joins it later)."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def update_extensions(self, extensions: Iterable[Extension]) -> None:
        """Replace the extension names with the PBX's current list."""
        self._names = {e.number: e.name for e in extensions if e.number and e.name.strip()}

    def lookup(self, number: str) -> str | None:
        """The name for `number`, or None when nobody is known by it."""
        return self._names.get(number.strip()) if number else None

    def __len__(self) -> int:
        return len(self._names)
