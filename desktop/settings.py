"""Every user setting, declared once, stored with QSettings (INI), under admin defaults.

Resolution order for a setting: a value the administrator *locked*, else the user's
stored value, else the administrator's default, else the declared default. A stored
value that does not parse (hand-edited file, older version) is ignored with a warning.
Passwords are never settings: they live in the OS keyring (see credentials.py).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QSettings

from .server_address import (
    ServerUrlError,
    is_timezone_name,
    local_timezone_name,
    normalize_fingerprint,
)
from .server_address import normalize_server_url as normalize_server_url
from .settings_store import (
    APPLICATION,
    ORGANIZATION,
    SETTINGS_FILE,
    IniStore,
    MemoryStore,
    Store,
    default_config_dir,
    split_list,
    to_type,
)
from .ui_state import UiState as UiState

log = logging.getLogger(__name__)

ADMIN_CONFIG_ENV = "IEXPBX_ADMIN_CONFIG"
LOCKED_KEY = "locked"

__all__ = [
    "ADMIN_CONFIG_ENV",
    "REGISTRY",
    "AdminConfig",
    "Setting",
    "SettingLockedError",
    "Settings",
    "UiState",
    "normalize_server_url",
]

T = TypeVar("T", str, int, float, bool)


class SettingLockedError(PermissionError):
    """The administrator locked this setting; the user cannot change it."""

    def __init__(self, name: str) -> None:
        super().__init__(f"The setting {name!r} is set by your administrator.")
        self.name = name


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One declared setting: what it is, what type, what it is when nobody chose."""

    name: str
    type: type[T]
    default: T
    description: str
    lockable: bool = True
    choices: tuple[T, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    check: Callable[[T], T] | None = field(default=None, compare=False)
    default_factory: Callable[[], T] | None = field(default=None, compare=False)

    def default_value(self) -> T:
        return self.default_factory() if self.default_factory else self.default

    def coerce(self, raw: object) -> T:
        """Turn a stored or entered value into this setting's type, or raise ValueError."""
        value: T = to_type(self.type, raw)
        if isinstance(value, int | float) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                raise ValueError(f"{self.name} must be at least {self.minimum}")
            if self.maximum is not None and value > self.maximum:
                raise ValueError(f"{self.name} must be at most {self.maximum}")
        if self.choices and value not in self.choices:
            raise ValueError(f"{self.name} must be one of {', '.join(map(str, self.choices))}")
        if self.check is not None:
            value = self.check(value)
        return value


def _server_url(value: str) -> str:
    return normalize_server_url(value) if value.strip() else ""


def _timezone(value: str) -> str:
    if not is_timezone_name(value):
        raise ValueError("unknown time zone")
    return value


def _pem(value: str) -> str:
    text = value.strip()
    if text and not (text.startswith("-----BEGIN CERTIFICATE-----") and "-----END" in text):
        raise ValueError("not a PEM certificate")
    return text + "\n" if text else ""


def _fingerprint(value: str) -> str:
    return normalize_fingerprint(value) if value.strip() else ""


def _api_path(value: str) -> str:
    text = value.strip()
    if not text.startswith("/") or any(c in text for c in "?# \t\r\n") or "//" in text:
        raise ValueError("must be a path starting with /")
    return text


def _country(value: str) -> str:
    text = value.strip().upper()
    if len(text) != 2 or not text.isascii() or not text.isalpha():
        raise ValueError("must be a two-letter country code")
    return text


def _single_line(limit: int) -> Callable[[str], str]:
    def check(value: str) -> str:
        text = value.strip()
        if len(text) > limit or any(c in text for c in "\r\n\t\0"):
            raise ValueError(f"must be one line of at most {limit} characters")
        return text

    return check


REGISTRY: dict[str, Setting[Any]] = {}


def _declare(setting: Setting[T]) -> Setting[T]:
    if setting.name in REGISTRY or setting.name == LOCKED_KEY:
        raise ValueError(f"setting {setting.name!r} declared twice")
    setting.coerce(setting.default)  # a declaration must satisfy its own rules
    REGISTRY[setting.name] = setting
    return setting


SERVER_URL = _declare(
    Setting("server_url", str, "", "Address of the PBX, e.g. https://pbx.example.com",
            check=_server_url)
)  # fmt: skip
USERNAME = _declare(Setting("username", str, "", "API user name", check=_single_line(128)))
EXTENSION = _declare(
    Setting("extension", str, "", "This desk's own extension number", check=_single_line(32))
)
PBX_TIMEZONE = _declare(
    Setting("pbx_timezone", str, "UTC", "Time zone of the PBX clock (IANA name); "
            "default: this computer's", check=_timezone, default_factory=local_timezone_name)
)  # fmt: skip
TLS_PINNED_PEM = _declare(
    Setting("tls_pinned_pem", str, "", "Trusted PBX certificate (PEM) for a self-signed server",
            check=_pem)
)  # fmt: skip
TLS_PINNED_SHA256 = _declare(
    Setting("tls_pinned_sha256", str, "", "SHA-256 fingerprint of the trusted PBX certificate",
            check=_fingerprint)
)  # fmt: skip
POLL_INTERVAL_S = _declare(
    Setting("poll_interval_s", float, 2.0, "Seconds between live-call refreshes",
            minimum=0.5, maximum=60.0)
)  # fmt: skip
REQUEST_TIMEOUT_S = _declare(
    Setting("request_timeout_s", float, 10.0, "Seconds to wait for the PBX to answer",
            minimum=1.0, maximum=120.0)
)  # fmt: skip
POPUPS_PAUSED = _declare(
    Setting("popups_paused", bool, False, "Incoming-call popups paused", lockable=False)
)
LANGUAGE = _declare(
    Setting("language", str, "system", "Interface language", choices=("system", "en", "tr"))
)
START_MINIMIZED = _declare(
    Setting("start_minimized", bool, False, "Start in the tray without showing the window")
)
START_ON_LOGIN = _declare(
    Setting("start_on_login", bool, False, "Start the app when this user logs in")
)
THEME = _declare(
    Setting("theme", str, "system", "Colour theme", choices=("system", "light", "dark"))
)
API_PATH = _declare(
    Setting("api_path", str, "/api/old/get", "Path of the PBX's HTTP API", check=_api_path)
)
# -- numbers and the phonebook
COUNTRY = _declare(
    Setting("country", str, "TR", "Country of the PBX (ISO code): how numbers are read and shown",
            check=_country)
)  # fmt: skip
OUTGOING_NUMBER_FORMAT = _declare(
    Setting("outgoing_number_format", str, "as_typed", "How a dialled number is sent to the PBX",
            choices=("as_typed", "national", "international"))
)  # fmt: skip
PHONEBOOK_REFRESH_MIN = _declare(
    Setting("phonebook_refresh_min", int, 15, "Minutes between phonebook refreshes",
            minimum=1, maximum=1440)
)  # fmt: skip
LAST_DIAL_PLAN = _declare(
    Setting("last_dial_plan", str, "", "Dial plan last used for IVR calls and callbacks",
            lockable=False, check=_single_line(64))
)  # fmt: skip
# -- live calls, popups and webhooks
IDLE_POLL_INTERVAL_S = _declare(
    Setting("idle_poll_interval_s", float, 10.0, "Seconds between live-call refreshes while "
            "the window is hidden and no call is live", minimum=2.0, maximum=300.0)
)  # fmt: skip
POPUP_CORNER = _declare(
    Setting("popup_corner", str, "bottom_right", "Screen corner of incoming-call popups",
            choices=("bottom_right", "bottom_left", "top_right", "top_left"))
)  # fmt: skip
POPUP_IGNORE = _declare(
    Setting("popup_ignore", str, "", "Numbers that never pop up (comma-separated; * and ? "
            "match any digits)", check=_single_line(2000))
)  # fmt: skip
CRM_URL_TEMPLATE = _declare(
    Setting("crm_url_template", str, "", "Open in CRM: a web address with {number}",
            check=_single_line(1000))
)  # fmt: skip
INCOMING_CALL_PROGRAM = _declare(
    Setting("incoming_call_program", str, "", "Program started for each incoming call",
            check=_single_line(1000))
)  # fmt: skip
INCOMING_CALL_ARGUMENTS = _declare(
    Setting("incoming_call_arguments", str, "", "Its arguments; {number}, {name}, {queue} and "
            "{extension} are filled in", check=_single_line(2000))
)  # fmt: skip
WEBHOOK_ENABLED = _declare(
    Setting("webhook_enabled", bool, False, "Receive the PBX's call webhooks")
)
WEBHOOK_ADDRESS = _declare(
    Setting("webhook_address", str, "127.0.0.1", "Address the webhook receiver listens on",
            check=_single_line(64))
)  # fmt: skip
WEBHOOK_PORT = _declare(
    Setting("webhook_port", int, 8719, "Port the webhook receiver listens on",
            minimum=1024, maximum=65535)
)  # fmt: skip
# -- history and recordings
RECORDINGS_CACHE_MB = _declare(
    Setting("recordings_cache_mb", int, 500, "Megabytes of recordings kept for replay",
            minimum=10, maximum=100000)
)  # fmt: skip


@dataclass(frozen=True)
class AdminConfig:
    """Defaults and locks an administrator deployed system-wide (read once, never written)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    source: str | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None = None) -> AdminConfig:
        """Read the admin file: `path`, else $IEXPBX_ADMIN_CONFIG, else the OS location."""
        if path is None and os.environ.get(ADMIN_CONFIG_ENV):
            path = os.environ[ADMIN_CONFIG_ENV]
        if path is not None:
            if not Path(path).is_file():
                log.warning("Administrator settings file %s not found", path)
                return cls()
            return cls.from_qsettings(QSettings(str(path), QSettings.Format.IniFormat))
        for candidate in _system_candidates():
            if candidate.allKeys():
                return cls.from_qsettings(candidate)
        return cls()

    @classmethod
    def from_qsettings(cls, qs: QSettings) -> AdminConfig:
        if qs.status() != QSettings.Status.NoError:
            log.warning("Administrator settings %s could not be read fully", qs.fileName())
        return cls.from_mapping({key: qs.value(key) for key in qs.allKeys()}, qs.fileName())

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any], source: str | None = None) -> AdminConfig:
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name = key.removeprefix("General/")
            if name == LOCKED_KEY:
                continue
            setting = REGISTRY.get(name)
            if setting is None:
                log.warning("Administrator settings: unknown key %r ignored", name)
                continue
            try:
                values[name] = setting.coerce(value)
            except (ValueError, ServerUrlError) as exc:
                log.warning("Administrator settings: %s ignored (%s)", name, exc)
        locked: set[str] = set()
        for name in split_list(raw.get(LOCKED_KEY, raw.get(f"General/{LOCKED_KEY}"))):
            setting = REGISTRY.get(name)
            if setting is None or not setting.lockable:
                log.warning("Administrator settings: %r cannot be locked", name)
            else:
                locked.add(name)
        if source:
            log.info("Administrator settings read from %s", source)
        return cls(values, frozenset(locked), source)


def _system_candidates() -> list[QSettings]:
    """Where an administrator may put the system-wide file, first found wins."""
    ini = QSettings.Format.IniFormat
    if sys.platform == "win32":
        registry = QSettings(
            QSettings.Format.NativeFormat, QSettings.Scope.SystemScope, ORGANIZATION, APPLICATION
        )
        registry.setFallbacksEnabled(False)
        program_data = Path(os.environ.get("PROGRAMDATA") or r"C:\ProgramData")
        files = [program_data / ORGANIZATION / SETTINGS_FILE]
        files.append(Path(sys.executable).parent / SETTINGS_FILE)
        return [registry, *(QSettings(str(f), ini) for f in files)]
    if sys.platform == "darwin":
        return [QSettings(f"/Library/Preferences/{ORGANIZATION}/{SETTINGS_FILE}", ini)]
    dirs = os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg"
    return [
        QSettings(str(Path(d) / ORGANIZATION / SETTINGS_FILE), ini)
        for d in dirs.split(os.pathsep)
        if d
    ]


Listener = Callable[[str, Any], None]
_Key = str | Setting[Any]


class Settings:
    """The user's settings over admin defaults; `get`/`set` by name or Setting object."""

    def __init__(self, store: Store, admin: AdminConfig | None = None) -> None:
        self._store = store
        self.admin = admin or AdminConfig()
        self._listeners: list[Listener] = []
        self._warned: set[str] = set()

    @classmethod
    def open(
        cls,
        config_dir: str | os.PathLike[str] | None = None,
        *,
        admin: AdminConfig | None = None,
    ) -> Settings:
        """The user's settings file (in `config_dir` if given) and the admin's defaults."""
        folder = Path(config_dir) if config_dir is not None else default_config_dir()
        return cls(IniStore(folder / SETTINGS_FILE), admin or AdminConfig.load())

    @classmethod
    def ephemeral(cls, admin: AdminConfig | None = None) -> Settings:
        """Settings kept in memory only (demo mode): nothing read from or written to disk."""
        return cls(MemoryStore(), admin)

    @property
    def file_path(self) -> Path | None:
        return self._store.path

    @overload
    def get(self, key: Setting[T]) -> T: ...
    @overload
    def get(self, key: str) -> Any: ...
    def get(self, key: _Key) -> Any:
        setting = _lookup(key)
        name = setting.name
        if name in self.admin.locked:
            return self.admin.values.get(name, setting.default_value())
        if self._store.contains(name):
            try:
                return setting.coerce(self._store.value(name))
            except (ValueError, ServerUrlError) as exc:
                if name not in self._warned:
                    self._warned.add(name)
                    log.warning("Stored setting %s is invalid (%s); using the default", name, exc)
        if name in self.admin.values:
            return self.admin.values[name]
        return setting.default_value()

    def set(self, key: _Key, value: object) -> None:
        """Store the user's choice; ValueError if invalid, SettingLockedError if locked."""
        setting = _lookup(key)
        if self.is_locked(setting):
            raise SettingLockedError(setting.name)
        before = self.get(setting)
        clean = setting.coerce(value)
        self._store.set_value(setting.name, clean)
        self._store.sync()
        self._warned.discard(setting.name)
        if clean != before:
            self._notify(setting.name, clean)

    def reset(self, key: _Key) -> None:
        """Forget the user's choice: the admin default or the declared default applies."""
        setting = _lookup(key)
        if self.is_locked(setting):
            raise SettingLockedError(setting.name)
        before = self.get(setting)
        self._store.remove(setting.name)
        self._store.sync()
        after = self.get(setting)
        if after != before:
            self._notify(setting.name, after)

    def is_locked(self, key: _Key) -> bool:
        return _lookup(key).name in self.admin.locked

    def is_configured(self) -> bool:
        """True once a server and user name are known (else the first-run wizard runs)."""
        return bool(self.get(SERVER_URL) and self.get(USERNAME))

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(name, new_value)` after each change; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _notify(self, name: str, value: Any) -> None:
        for listener in list(self._listeners):
            try:
                listener(name, value)
            except Exception:
                log.exception("Settings listener failed for %s", name)

    def sync(self) -> None:
        self._store.sync()


def _lookup(key: _Key) -> Setting[Any]:
    name = key.name if isinstance(key, Setting) else key
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}") from None
