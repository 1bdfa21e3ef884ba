"""Credentials: keyring or session memory, each failure an explicit state, no plaintext."""

from __future__ import annotations

import asyncio
import logging
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail as fail_backend
from keyring_doubles import MemoryKeyring, RaisingKeyring
from keyrings.alt.file import PlaintextKeyring

from desktop.credentials import (
    SERVICE_NAME,
    CredentialResult,
    CredentialState,
    CredentialStore,
    account_key,
)

URL = "https://pbx.example.com"
SECRET = "s3cret-Şifre"


@pytest.mark.asyncio
async def test_store_then_load_uses_the_keyring_off_the_event_loop_thread(
    memory_keyring: MemoryKeyring,
) -> None:
    creds = CredentialStore()
    result = await creds.store("api", URL, SECRET)
    assert result.state is CredentialState.STORED
    assert memory_keyring.passwords == {(SERVICE_NAME, f"api@{URL}"): SECRET}
    loaded = await CredentialStore().load("api", URL)
    assert loaded.state is CredentialState.STORED and loaded.password == SECRET
    assert threading.current_thread().name not in memory_keyring.threads
    creds.close()


@pytest.mark.asyncio
async def test_nothing_saved_yet(memory_keyring: MemoryKeyring) -> None:
    result = await CredentialStore().load("api", URL)
    assert result == CredentialResult(CredentialState.NOT_STORED)


@pytest.mark.asyncio
async def test_accounts_on_different_servers_are_kept_apart(memory_keyring: MemoryKeyring) -> None:
    creds = CredentialStore()
    await creds.store("api", URL, "one")
    await creds.store("api", "http://10.0.0.5", "two")
    assert (await creds.load("api", URL)).password == "one"
    assert (await creds.load("api", "http://10.0.0.5")).password == "two"
    assert account_key("api", URL) == f"api@{URL}"


@pytest.mark.asyncio
async def test_forget_removes_from_keyring_and_memory(memory_keyring: MemoryKeyring) -> None:
    creds = CredentialStore()
    await creds.store("api", URL, SECRET)
    await creds.store("api", URL, SECRET, remember=False)
    assert (await creds.forget("api", URL)).state is CredentialState.NOT_STORED
    assert memory_keyring.passwords == {}
    assert (await creds.load("api", URL)).password is None
    # Forgetting again (nothing saved) is not an error.
    assert (await creds.forget("api", URL)).state is CredentialState.NOT_STORED


@pytest.mark.asyncio
async def test_session_only_stays_in_memory(memory_keyring: MemoryKeyring) -> None:
    creds = CredentialStore()
    result = await creds.store("api", URL, SECRET, remember=False)
    assert result.state is CredentialState.SESSION_ONLY
    assert memory_keyring.passwords == {}
    loaded = await creds.load("api", URL)
    assert loaded.state is CredentialState.SESSION_ONLY and loaded.password == SECRET
    # Another process (a new store) does not see it.
    assert (await CredentialStore().load("api", URL)).password is None


@pytest.mark.asyncio
async def test_backend_is_resolved_once(
    memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = keyring.get_keyring

    def counting() -> KeyringBackend:
        nonlocal calls
        calls += 1
        return real()

    monkeypatch.setattr(keyring, "get_keyring", counting)
    creds = CredentialStore()
    for _ in range(3):
        await creds.store("api", URL, SECRET)
        await creds.load("api", URL)
    assert calls == 1


@pytest.mark.parametrize(
    ("exc", "state"),
    [
        (keyring.errors.NoKeyringError("No recommended backend"), CredentialState.NO_BACKEND),
        (keyring.errors.KeyringLocked("Failed to unlock the collection!"), CredentialState.LOCKED),
        (
            keyring.errors.InitError("Failed to unlock the collection: Prompt dismissed."),
            CredentialState.LOCKED,
        ),
        (keyring.errors.PasswordSetError("write failed"), CredentialState.FAILED),
        (keyring.errors.KeyringError("D-Bus went away"), CredentialState.FAILED),
        (OSError("disk on fire"), CredentialState.FAILED),
    ],
)
@pytest.mark.asyncio
async def test_each_keyring_failure_is_an_explicit_state_with_a_message(
    exc: Exception, state: CredentialState, caplog: pytest.LogCaptureFixture
) -> None:
    creds = CredentialStore(RaisingKeyring(exc))
    with caplog.at_level(logging.DEBUG):
        stored = await creds.store("api", URL, SECRET)
        loaded = await creds.load("api", URL)
    assert stored.state is state and loaded.state is state
    assert state.is_problem
    assert stored.message and "password" in stored.message.lower()
    assert loaded.password is None
    # Nothing was silently kept anywhere else.
    assert (await creds.load("api", URL)).password is None
    assert SECRET not in caplog.text


@pytest.mark.asyncio
async def test_after_a_failure_the_user_can_choose_session_only() -> None:
    creds = CredentialStore(RaisingKeyring(keyring.errors.KeyringLocked("locked")))
    assert (await creds.store("api", URL, SECRET)).state is CredentialState.LOCKED
    assert (await creds.store("api", URL, SECRET, remember=False)).state is (
        CredentialState.SESSION_ONLY
    )
    loaded = await creds.load("api", URL)
    assert loaded.state is CredentialState.SESSION_ONLY and loaded.password == SECRET


@pytest.mark.parametrize("backend", [PlaintextKeyring, fail_backend.Keyring])
@pytest.mark.asyncio
async def test_plaintext_and_fail_backends_are_refused_as_no_backend(
    backend: type[KeyringBackend], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance = backend()
    if isinstance(instance, PlaintextKeyring):
        monkeypatch.setattr(PlaintextKeyring, "file_path", str(tmp_path / "never.cfg"))
    creds = CredentialStore(instance)
    assert await creds.check() is CredentialState.NO_BACKEND
    result = await creds.store("api", URL, SECRET)
    assert result.state is CredentialState.NO_BACKEND
    assert not (tmp_path / "never.cfg").exists()


@pytest.mark.asyncio
async def test_plaintext_as_the_configured_default_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = keyring.get_keyring()
    plain = PlaintextKeyring()
    monkeypatch.setattr(PlaintextKeyring, "file_path", str(tmp_path / "never.cfg"))
    keyring.set_keyring(plain)
    try:
        creds = CredentialStore()
        assert (await creds.store("api", URL, SECRET)).state is CredentialState.NO_BACKEND
        assert (await creds.load("api", URL)).state is CredentialState.NO_BACKEND
    finally:
        keyring.set_keyring(before)


@pytest.mark.asyncio
async def test_chainer_of_only_insecure_backends_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from keyring.backends.chainer import ChainerBackend

    monkeypatch.setattr(ChainerBackend, "backends", [PlaintextKeyring()])
    creds = CredentialStore(ChainerBackend())
    assert (await creds.store("api", URL, SECRET)).state is CredentialState.NO_BACKEND


@pytest.mark.asyncio
async def test_chainer_uses_only_its_secure_member(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends.chainer import ChainerBackend

    secure = MemoryKeyring()
    monkeypatch.setattr(ChainerBackend, "backends", [PlaintextKeyring(), secure])
    creds = CredentialStore(ChainerBackend())
    assert (await creds.store("api", URL, SECRET)).state is CredentialState.STORED
    assert secure.passwords == {(SERVICE_NAME, f"api@{URL}"): SECRET}


@pytest.mark.asyncio
async def test_session_only_store_never_touches_the_keyring(memory_keyring: MemoryKeyring) -> None:
    creds = CredentialStore.session_only()
    assert (await creds.store("demo", URL, "demo")).state is CredentialState.NO_BACKEND
    await creds.store("demo", URL, "demo", remember=False)
    assert (await creds.load("demo", URL)).password == "demo"
    assert memory_keyring.passwords == {}
    assert memory_keyring.threads == set()


def test_password_never_in_repr() -> None:
    result = CredentialResult(CredentialState.STORED, SECRET)
    assert SECRET not in repr(result) and SECRET not in str(result)


# A keyring that never answers in time, like an unlock prompt nobody clicks.
_QUIT_WHILE_KEYRING_HANGS = textwrap.dedent(
    """
    import asyncio, time
    from keyring.backend import KeyringBackend
    from desktop.credentials import CredentialStore

    class Hung(KeyringBackend):
        priority = 1
        def get_password(self, service, username):
            time.sleep(5)
        def set_password(self, service, username, password):
            time.sleep(5)
        def delete_password(self, service, username):
            time.sleep(5)

    async def main():
        creds = CredentialStore(Hung())
        loading = asyncio.create_task(creds.load("api", "https://pbx.example.com"))
        await asyncio.sleep(0.2)
        loading.cancel()
        creds.close()

    asyncio.run(main())
    print("quit")
    """
)


def test_quitting_does_not_wait_for_a_hung_keyring() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _QUIT_WHILE_KEYRING_HANGS],
        capture_output=True,
        text=True,
        timeout=3,  # the hung call takes 5 s: the process must not wait for it
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "quit"


class SlowKeyring(MemoryKeyring):
    """Holds every read until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def get_password(self, service: str, username: str) -> str | None:
        self.entered.set()
        self.release.wait(5)
        return super().get_password(service, username)


@pytest.mark.asyncio
async def test_a_cancelled_call_does_not_disturb_the_next_one() -> None:
    backend = SlowKeyring()
    creds = CredentialStore(backend)
    await creds.store("api", URL, SECRET)
    first = asyncio.create_task(creds.load("api", URL))
    await asyncio.sleep(0)
    first.cancel()
    second = asyncio.create_task(creds.load("api", URL))
    backend.release.set()
    loaded = await second
    assert loaded.state is CredentialState.STORED and loaded.password == SECRET
    assert first.cancelled()
    creds.close()


@pytest.mark.asyncio
async def test_calls_waiting_at_close_are_cancelled_and_a_new_call_still_works() -> None:
    backend = SlowKeyring()
    creds = CredentialStore(backend)
    await creds.store("api", URL, SECRET)
    running = asyncio.create_task(creds.load("api", URL))
    waiting = asyncio.create_task(creds.load("api", URL))
    assert await asyncio.to_thread(backend.entered.wait, 5)  # the second is still queued
    creds.close()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    backend.release.set()
    assert (await running).password == SECRET
    assert (await creds.load("api", URL)).password == SECRET
    creds.close()
