"""Shared fixtures: offscreen Qt, no real keyring, no user settings touched."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest
from keyring_doubles import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach the developer's or CI's real keyring from a test.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """An in-memory keyring installed as the process's keyring for one test."""
    before = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(before)


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt's QApplication is the app's own class, as `iexpbx-desktop` makes it."""
    from desktop.ui.shell.application import Application

    return Application
