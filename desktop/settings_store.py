"""Where settings are kept (an INI file via QSettings, or memory) and how stored text reads back."""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QSettings

log = logging.getLogger(__name__)

ORGANIZATION = "IEXPBX"
APPLICATION = "iexpbx-desktop"
SETTINGS_FILE = f"{APPLICATION}.ini"
UI_STATE_FILE = "ui-state.ini"


def to_type(kind: type, raw: object) -> Any:
    """A stored or entered value as `kind`, else ValueError (whose text never repeats it)."""
    if isinstance(raw, list | tuple) and kind is str:
        # An unquoted INI value with commas reads back as a list.
        raw = ", ".join(str(part) for part in raw)
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str):
            text = raw.strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
        raise ValueError("expected true or false")
    if kind is int:
        if isinstance(raw, bool):
            raise ValueError("expected a whole number")
        if isinstance(raw, int):
            return raw
        if isinstance(raw, float) and raw.is_integer():
            return int(raw)
        if isinstance(raw, str) and raw.strip().lstrip("+-").isdigit():
            return int(raw.strip())
        raise ValueError("expected a whole number")
    if kind is float:
        if isinstance(raw, bool):
            raise ValueError("expected a number")
        try:  # float()'s own message would repeat the stored text
            number = float(raw.strip() if isinstance(raw, str) else raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ValueError("expected a number") from None
        if math.isfinite(number):
            return number
        raise ValueError("expected a number")
    if kind is str and isinstance(raw, str):
        return raw
    raise ValueError(f"expected {kind.__name__}")


def split_list(raw: object) -> list[str]:
    """A comma-separated text (or an INI list) as its trimmed, non-empty parts."""
    if raw is None:
        return []
    parts: Iterable[object] = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    return [str(part).strip() for part in parts if str(part).strip()]


def default_config_dir() -> Path:
    """Where the user's settings live unless --config-dir says otherwise."""
    qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    return Path(qs.fileName()).parent


class Store(Protocol):
    """Where settings are kept, key by key."""

    path: Path | None

    def contains(self, key: str) -> bool: ...
    def value(self, key: str) -> object: ...
    def set_value(self, key: str, value: object) -> None: ...
    def remove(self, key: str) -> None: ...
    def sync(self) -> None: ...


class IniStore:
    """An INI file of its own."""

    def __init__(self, path: Path) -> None:
        self.path: Path | None = path
        # An explicit file name: no fallback to the system-wide file, which has other rules.
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        if self._qs.status() != QSettings.Status.NoError:
            log.warning("Settings file %s could not be read fully", path)

    def contains(self, key: str) -> bool:
        return bool(self._qs.contains(key))

    def value(self, key: str) -> object:
        return self._qs.value(key)

    def set_value(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)

    def remove(self, key: str) -> None:
        self._qs.remove(key)

    def sync(self) -> None:
        self._qs.sync()
        if self._qs.status() == QSettings.Status.AccessError:
            log.warning("Settings could not be saved to %s", self.path)


class MemoryStore:
    """Nothing read from or written to disk."""

    path: Path | None = None

    def __init__(self) -> None:
        self._data: dict[str, object] = {}

    def contains(self, key: str) -> bool:
        return key in self._data

    def value(self, key: str) -> object:
        return self._data.get(key)

    def set_value(self, key: str, value: object) -> None:
        self._data[key] = value

    def remove(self, key: str) -> None:
        self._data.pop(key, None)

    def sync(self) -> None:
        pass
