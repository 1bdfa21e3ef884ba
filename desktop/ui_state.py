"""Window geometry, column widths and one-time hints: kept apart from the settings."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .settings_store import (
    UI_STATE_FILE,
    IniStore,
    MemoryStore,
    Store,
    default_config_dir,
    split_list,
    to_type,
)

__all__ = ["UiState"]


class UiState:
    """Window geometry, column widths and one-time hints: kept apart from settings."""

    TOLD_ABOUT_TRAY = "told_about_tray"

    def __init__(self, store: Store) -> None:
        self._store = store

    @classmethod
    def open(cls, config_dir: str | os.PathLike[str] | None = None) -> UiState:
        folder = Path(config_dir) if config_dir is not None else default_config_dir()
        return cls(IniStore(folder / UI_STATE_FILE))

    @classmethod
    def ephemeral(cls) -> UiState:
        return cls(MemoryStore())

    @property
    def file_path(self) -> Path | None:
        return self._store.path

    def get_bytes(self, key: str) -> bytes | None:
        """Saved bytes (e.g. QWidget.saveGeometry()), or None if missing or damaged."""
        raw = self._store.value(key)
        if not isinstance(raw, str) or not raw:
            return None
        try:
            return bytes.fromhex(raw)
        except ValueError:
            return None

    def set_bytes(self, key: str, data: bytes) -> None:
        # Hex text, not QByteArray/pickle, so the file stays plain and safe to read.
        self._store.set_value(key, bytes(data).hex())

    def get_bool(self, key: str, default: bool = False) -> bool:
        try:
            return bool(to_type(bool, self._store.value(key)))
        except ValueError:
            return default

    def set_bool(self, key: str, value: bool) -> None:
        self._store.set_value(key, bool(value))

    def get_ints(self, key: str) -> list[int]:
        raw = self._store.value(key)
        try:
            return [int(part) for part in split_list(raw)]
        except ValueError:
            return []

    def set_ints(self, key: str, values: Iterable[int]) -> None:
        self._store.set_value(key, ",".join(str(int(v)) for v in values))

    def get_str(self, key: str, default: str = "") -> str:
        raw = self._store.value(key)
        return raw if isinstance(raw, str) else default

    def set_str(self, key: str, value: str) -> None:
        self._store.set_value(key, value)

    def sync(self) -> None:
        self._store.sync()
