"""The PBX password: in the OS keyring, or in this process's memory, never in a file.

The only module that imports keyring. Every keyring call runs in one daemon worker
thread (some backends block on D-Bus or an unlock prompt, and some create event loops),
so the UI never waits on it and a call that never returns cannot keep the app alive.
What went wrong is an explicit CredentialState the UI can explain; there is no silent
fallback to a plaintext store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:  # keyring itself is imported on first use: demo mode never needs it
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE_NAME = "iexpbx-desktop"

# Backends that keep secrets in a file anyone with the file can read (keyrings.alt's
# "encrypted" file asks for its password on a terminal the desktop app does not have).
_REFUSED_MODULES = (
    "keyring.backends.fail",
    "keyring.backends.null",
    "keyrings.alt",
    "keyrings.cryptfile",
)

R = TypeVar("R")


class CredentialState(Enum):
    """Where the password is, or why it could not be kept; `.value` is an English message."""

    STORED = "The password is saved in this computer's keyring."
    SESSION_ONLY = "The password is kept only until the app quits."
    NOT_STORED = "No password is saved for this account yet."
    NO_BACKEND = (
        "This computer has no secure password store (keyring), so the password cannot be saved."
    )
    LOCKED = "The keyring is locked and could not be unlocked, so the password cannot be saved."
    FAILED = "The keyring reported an error, so the password cannot be saved."

    @property
    def message(self) -> str:
        return self.value

    @property
    def is_problem(self) -> bool:
        """The keyring cannot be used: offer 'remember for this session only'."""
        return self in (CredentialState.NO_BACKEND, CredentialState.LOCKED, CredentialState.FAILED)


@dataclass(frozen=True, slots=True)
class CredentialResult:
    """The outcome of a load/store/forget; `password` is set only by a successful load."""

    state: CredentialState
    password: str | None = field(default=None, repr=False)
    detail: str = ""

    @property
    def message(self) -> str:
        return self.state.message


def account_key(username: str, server_url: str) -> str:
    """The keyring user name for one API account on one PBX."""
    return f"{username}@{server_url}"


def _is_refused(backend: KeyringBackend) -> bool:
    module = type(backend).__module__
    return module.startswith(_REFUSED_MODULES) or "plaintext" in type(backend).__name__.lower()


def _secure_backend(backend: KeyringBackend) -> KeyringBackend | None:
    """The backend to use, or None when only insecure stores are available."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend):
        # The chainer would fall through to a plaintext file: use the best secure one only.
        chained = [b for b in ChainerBackend.backends if not _is_refused(b)]
        return chained[0] if chained else None
    return None if _is_refused(backend) else backend


def _state_for(exc: BaseException) -> CredentialState:
    import keyring.errors

    if isinstance(exc, keyring.errors.NoKeyringError):
        return CredentialState.NO_BACKEND
    if isinstance(exc, keyring.errors.KeyringLocked):
        return CredentialState.LOCKED
    text = f"{type(exc).__name__} {exc}".lower()
    # Secret Service without a way to show its unlock prompt: InitError("... Prompt dismissed").
    if "prompt dismissed" in text or "locked" in text or "unlock" in text:
        return CredentialState.LOCKED
    return CredentialState.FAILED


_Job = tuple[Callable[[], Any], asyncio.AbstractEventLoop, asyncio.Future[Any]]


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], object]) -> None:
    with contextlib.suppress(RuntimeError):  # that loop is closed: nobody waits any more
        loop.call_soon_threadsafe(callback)


def _settle(future: asyncio.Future[Any], result: Any, error: Exception | None) -> None:
    if future.done():  # the caller gave up (cancelled) while the call ran
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


class _Worker:
    """One daemon thread that runs keyring calls in order and hands results to asyncio.

    One thread because backends are not all thread-safe; a daemon, unlike an executor's
    threads (joined at interpreter exit), because an unanswered unlock prompt must not
    keep the process alive after the user quits.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name="keyring", daemon=True)
        self._thread.start()

    def submit(self, call: Callable[[], R]) -> asyncio.Future[R]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Any] = loop.create_future()
        self._jobs.put((call, loop, future))
        return cast("asyncio.Future[R]", future)

    def stop(self) -> None:
        """Cancel the calls not yet started and let the thread end; never waits."""
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                _call_soon(job[1], job[2].cancel)
        self._jobs.put(None)

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            self._run_one(*job)
            del job  # hold no password while waiting for the next call

    @staticmethod
    def _run_one(
        call: Callable[[], Any], loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any]
    ) -> None:
        try:
            result = call()
        except Exception as exc:
            _call_soon(loop, partial(_settle, future, None, exc))
        else:
            _call_soon(loop, partial(_settle, future, result, None))


def _describe(exc: BaseException) -> str:
    # Backend messages name the store and the failure; they never hold the secret.
    return f"{type(exc).__name__}: {exc}"[:300]


class CredentialStore:
    """Load, store and forget the PBX password; async methods never block the UI."""

    def __init__(self, backend: KeyringBackend | None = None, *, use_keyring: bool = True) -> None:
        self._given = backend
        self._use_keyring = use_keyring
        self._backend: KeyringBackend | None = None
        self._resolved: CredentialResult | None = None
        self._resolve_lock = threading.Lock()
        self._session: dict[str, str] = {}
        self._worker: _Worker | None = None

    @classmethod
    def session_only(cls) -> CredentialStore:
        """A store that never touches the keyring (demo mode)."""
        return cls(use_keyring=False)

    @property
    def backend_name(self) -> str:
        """A readable name of the keyring in use ('' before the first call or if none)."""
        backend = self._backend
        return getattr(backend, "name", type(backend).__name__) if backend is not None else ""

    async def check(self) -> CredentialState:
        """Whether the keyring can be used, without reading or writing a password."""
        if not self._use_keyring:
            return CredentialState.NO_BACKEND
        problem = await self._run(self._resolve)
        return problem.state if problem else CredentialState.NOT_STORED

    async def load(self, username: str, server_url: str) -> CredentialResult:
        """The saved password (STORED / SESSION_ONLY), NOT_STORED, or the keyring's problem."""
        key = account_key(username, server_url)
        if key in self._session:
            return CredentialResult(CredentialState.SESSION_ONLY, self._session[key])
        if not self._use_keyring:
            return CredentialResult(CredentialState.NOT_STORED)
        return await self._run(lambda: self._load(key))

    async def store(
        self, username: str, server_url: str, password: str, *, remember: bool = True
    ) -> CredentialResult:
        """Save to the keyring (`remember`), or keep for this session only.

        A keyring problem is returned as its state and nothing is kept: the UI asks
        the user before falling back to session-only.
        """
        key = account_key(username, server_url)
        if not remember:
            self._session[key] = password
            return CredentialResult(CredentialState.SESSION_ONLY)
        if not self._use_keyring:
            return CredentialResult(CredentialState.NO_BACKEND)
        result = await self._run(lambda: self._store(key, password))
        if result.state is CredentialState.STORED:
            self._session.pop(key, None)
        return result

    async def forget(self, username: str, server_url: str) -> CredentialResult:
        """Remove the password from memory and from the keyring."""
        key = account_key(username, server_url)
        self._session.pop(key, None)
        if not self._use_keyring:
            return CredentialResult(CredentialState.NOT_STORED)
        return await self._run(lambda: self._forget(key))

    def close(self) -> None:
        """Stop the worker thread without waiting (a hung keyring call must not hold up quitting).

        Calls still queued are cancelled; a call already running is abandoned.
        """
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    async def _run(self, call: Callable[[], R]) -> R:
        if self._worker is None:
            self._worker = _Worker()
        return await self._worker.submit(call)

    # The methods below run in the worker thread.

    def _resolve(self) -> CredentialResult | None:
        """Pick the backend once; a result means the keyring cannot be used."""
        with self._resolve_lock:
            if self._backend is not None or self._resolved is not None:
                return self._resolved
            try:
                import keyring

                found = self._given if self._given is not None else keyring.get_keyring()
                backend = _secure_backend(found)
            except Exception as exc:
                self._resolved = self._problem("find", exc)
                return self._resolved
            if backend is None:
                name = f"{type(found).__module__}.{type(found).__name__}"
                log.warning("Refusing insecure keyring backend %s", name)
                self._resolved = CredentialResult(
                    CredentialState.NO_BACKEND, detail=f"insecure backend {type(found).__name__}"
                )
                return self._resolved
            self._backend = backend
            log.info(
                "Using keyring backend %s.%s", type(backend).__module__, type(backend).__name__
            )
            return None

    def _problem(self, action: str, exc: BaseException) -> CredentialResult:
        state = _state_for(exc)
        detail = _describe(exc)
        log.warning("Keyring could not %s the password: %s (%s)", action, state.name, detail)
        return CredentialResult(state, detail=detail)

    def _load(self, key: str) -> CredentialResult:
        problem = self._resolve()
        if problem is not None or self._backend is None:
            return problem or CredentialResult(CredentialState.NO_BACKEND)
        try:
            password = self._backend.get_password(SERVICE_NAME, key)
        except Exception as exc:
            return self._problem("read", exc)
        if password is None:
            return CredentialResult(CredentialState.NOT_STORED)
        return CredentialResult(CredentialState.STORED, password)

    def _store(self, key: str, password: str) -> CredentialResult:
        problem = self._resolve()
        if problem is not None or self._backend is None:
            return problem or CredentialResult(CredentialState.NO_BACKEND)
        try:
            self._backend.set_password(SERVICE_NAME, key, password)
        except Exception as exc:
            return self._problem("save", exc)
        return CredentialResult(CredentialState.STORED)

    def _forget(self, key: str) -> CredentialResult:
        problem = self._resolve()
        if problem is not None or self._backend is None:
            return problem or CredentialResult(CredentialState.NO_BACKEND)
        from keyring.errors import PasswordDeleteError

        try:
            self._backend.delete_password(SERVICE_NAME, key)
        except PasswordDeleteError:
            pass  # nothing was saved: forgetting it is done
        except Exception as exc:
            return self._problem("delete", exc)
        return CredentialResult(CredentialState.NOT_STORED)
