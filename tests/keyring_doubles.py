"""Keyring test doubles shared by the unit and GUI tests (importable: tests/ is on pythonpath)."""

from __future__ import annotations

import threading

import keyring.errors
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring in a dict, remembering which thread each call ran in."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}
        self.threads: set[str] = set()

    def get_password(self, service: str, username: str) -> str | None:
        self.threads.add(threading.current_thread().name)
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.threads.add(threading.current_thread().name)
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        # As real backends do: deleting what is not there is an error.
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


class RaisingKeyring(KeyringBackend):
    """A keyring that fails every call with a chosen exception."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, exc: Exception) -> None:
        super().__init__()
        self.exc = exc

    def get_password(self, service: str, username: str) -> str | None:
        raise self.exc

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.exc

    def delete_password(self, service: str, username: str) -> None:
        raise self.exc


class LockedKeyring(RaisingKeyring):
    """A Secret Service whose collection stays locked."""

    def __init__(self) -> None:
        super().__init__(keyring.errors.KeyringLocked("Failed to unlock the collection!"))
