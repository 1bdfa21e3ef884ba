"""`--self-test`: verify an installation in seconds, the way the app itself works.

It starts the demo PBX on loopback, connects as the app does, loads what each tab shows
(live calls, extensions, queues, phonebook, a day of history), downloads a recording and
decodes it with Qt's multimedia backend, and checks what an installer must bring along
(icons, translations, keyring backends). Each check prints its time; the exit status is
0 when everything the app needs works. A missing keyring or audio output is reported but
not fatal: the app still works (session-only password, no playback).

Qt runs offscreen unless IEXPBX_SELF_TEST_DISPLAY=1 asks for the real display.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from desktop.demo import DemoPbx
    from desktop.pbx import PbxClient

__all__ = ["Check", "SelfTest", "native_keyring_backend", "run_self_test"]

DISPLAY_ENV = "IEXPBX_SELF_TEST_DISPLAY"
DECODE_TIMEOUT_S = 10.0
REQUEST_TIMEOUT_S = 10.0
# The keyring entry point each system's own password store is registered under.
_NATIVE_KEYRING = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}


@dataclass(frozen=True, slots=True)
class Check:
    """One check's outcome, as printed."""

    name: str
    ok: bool
    detail: str
    seconds: float = 0.0
    fatal: bool = True

    def line(self) -> str:
        mark = "OK  " if self.ok else ("FAIL" if self.fatal else "WARN")
        return f"{mark} {self.name + ':':<17} {self.detail}  ({self.seconds:.2f} s)"


class Unusable(Exception):
    """A probe's readable verdict (shown without an exception name)."""


def native_keyring_backend(platform: str = sys.platform) -> str:
    """The keyring entry-point name of this system's own password store."""
    return _NATIVE_KEYRING.get("linux" if platform.startswith("linux") else platform, "")


class SelfTest:
    """Runs the checks in order, printing each as it finishes."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.checks: list[Check] = []

    def record(self, check: Check) -> Check:
        self.checks.append(check)
        print(check.line(), file=self.out, flush=True)
        return check

    def run(self, name: str, probe: Callable[[], str], *, fatal: bool = True) -> bool:
        started = time.perf_counter()
        try:
            detail, ok = probe(), True
        except Unusable as exc:
            detail, ok = str(exc), False
        except Exception as exc:
            detail, ok = f"{type(exc).__name__}: {exc}"[:300], False
        self.record(Check(name, ok, detail, time.perf_counter() - started, fatal))
        return ok

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok and c.fatal]


# ---------------------------------------------------------------- Qt and resources
def _qt() -> str:
    import PySide6
    from PySide6 import QtCore
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "iexpbx"])
    return (
        f"Qt {QtCore.qVersion()}, PySide6 {PySide6.__version__}, "
        f"platform {app.platformName()}"  # type: ignore[attr-defined]
    )


def _icons() -> str:
    from PySide6.QtGui import QIcon

    from desktop.resources import resource_path

    folder = resource_path("icons")
    svgs = sorted(folder.glob("*.svg"))
    if not svgs:
        raise Unusable(f"no icons in {folder}")
    blank = [p.stem for p in svgs if QIcon(str(p)).pixmap(32, 32).isNull()]
    if blank:  # the SVG icon engine or image plugin is missing
        raise Unusable(f"cannot draw {', '.join(blank)}")
    return f"{len(svgs)} SVG icons drawn"


def _translations() -> str:
    from PySide6.QtCore import QTranslator

    from desktop import i18n

    loaded = []
    for language in i18n.LANGUAGES:
        if language == i18n.SOURCE_LANGUAGE:
            continue
        qm = i18n.compiled_translation(language)
        if qm is None or not QTranslator().load(str(qm)):
            raise Unusable(f"no usable translation for {language!r}")
        loaded.append(f"{language} ({qm.name})")
    return "loaded " + ", ".join(loaded)


# ---------------------------------------------------------------- the PBX, tab by tab
async def _pbx_checks(test: SelfTest, demo: DemoPbx, folder: Path) -> Path | None:
    """Connect to the demo PBX and load each tab's data; the downloaded recording, if any."""
    from desktop.pbx import PbxError

    async def step(name: str, action: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        try:
            value, detail = await action()
        except (PbxError, OSError, ValueError) as exc:
            test.record(Check(name, False, f"{type(exc).__name__}: {exc}"[:300],
                              time.perf_counter() - started))  # fmt: skip
            return None
        test.record(Check(name, True, detail, time.perf_counter() - started))
        return value

    client: PbxClient = demo.client(timeout=REQUEST_TIMEOUT_S)
    async with client as pbx:

        async def calls() -> tuple[object, str]:
            live = await pbx.active_calls()
            return live, f"{len(live)} live calls"

        async def extensions() -> tuple[object, str]:
            found = await pbx.extensions()
            registered = sum(1 for e in found if e.registered)
            if not found:
                raise ValueError("no extensions")
            return found, f"{len(found)} extensions, {registered} registered"

        async def queues() -> tuple[object, str]:
            found = await pbx.queues()
            return found, f"{len(found)} queues"

        async def phonebook() -> tuple[object, str]:
            contacts = await pbx.phone_directory()
            if not contacts:
                raise ValueError("the phonebook came back empty")
            return contacts, f"{len(contacts)} contacts"

        async def history() -> tuple[object, str]:
            day = datetime.combine(datetime.now().date() - timedelta(days=1), datetime.min.time())
            records = await pbx.call_records(day, day + timedelta(hours=23, minutes=59))
            if not records:
                raise ValueError(f"no calls on {day:%Y-%m-%d}")
            return records, f"{len(records)} calls on {day:%Y-%m-%d}"

        if await step("Connect", calls) is None:
            return None
        for name, action in (("Extensions", extensions), ("Queues", queues),
                             ("Phonebook", phonebook)):  # fmt: skip
            await step(name, action)
        records = await step("History", history)
        with_audio = [r for r in records or () if r.has_recording]
        if not with_audio:
            test.record(Check("Recording", False, "no call with a recording", 0.0))
            return None

        async def recording() -> tuple[Path, str]:
            path = await pbx.download_recording(with_audio[0].id, folder)
            return path, f"{path.stat().st_size:,} bytes ({path.suffix[1:]})"

        found: Path | None = await step("Recording", recording)
        return found


# ---------------------------------------------------------------- audio and keyring
def _decode(path: Path) -> str:
    """Decode the recording with Qt's multimedia backend (FFmpeg); its length."""
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QAudioDecoder

    from desktop.ui.shell.application import leave_qt_messages_to_qt

    leave_qt_messages_to_qt()  # the decoder's threads must not need Python to log
    decoder = QAudioDecoder()
    if not decoder.isSupported():
        raise Unusable("no multimedia backend: recordings cannot be played")
    loop = QEventLoop()
    decoded_us = [0]
    errors: list[str] = []

    def take() -> None:
        while decoder.bufferAvailable():
            decoded_us[0] += decoder.read().duration()

    def failed(*_: object) -> None:
        errors.append(decoder.errorString() or "decoding failed")
        loop.quit()

    decoder.bufferReady.connect(take)
    decoder.finished.connect(loop.quit)
    decoder.error.connect(failed)
    decoder.setSource(QUrl.fromLocalFile(str(path)))
    QTimer.singleShot(int(DECODE_TIMEOUT_S * 1000), loop.quit)
    decoder.start()
    loop.exec()
    decoder.stop()
    take()
    if errors:
        raise Unusable(f"cannot decode the recording: {errors[0]}")
    seconds = decoded_us[0] / 1e6
    if seconds <= 0:
        raise Unusable(f"no audio decoded within {DECODE_TIMEOUT_S:g} s")
    return f"recording decoded: {seconds:.1f} s of audio"


def _audio_output() -> str:
    from PySide6.QtMultimedia import QMediaDevices

    device = QMediaDevices.defaultAudioOutput()
    if device.isNull():
        raise Unusable("no audio output device: recordings cannot be played here")
    return device.description()


def _keyring_backends() -> str:
    """keyring finds its backends through entry points: a bundle must ship them."""
    import importlib
    from importlib.metadata import entry_points

    found = {ep.name: ep for ep in entry_points(group="keyring.backends")}
    wanted = native_keyring_backend()
    if wanted and wanted not in found:
        raise Unusable(f"the {wanted} backend is not registered ({len(found)} found)")
    if wanted:
        importlib.import_module(found[wanted].value.split(":")[0])
    return f"{len(found)} registered: {', '.join(sorted(found))}"


def _keyring() -> str:
    from desktop.credentials import CredentialState, CredentialStore

    store = CredentialStore()
    try:
        state = asyncio.run(store.check())
    finally:
        store.close()
    if state.is_problem:  # plaintext backends are refused: they end up here too
        raise Unusable(f"{state.message} Passwords are kept for the session only.")
    name = store.backend_name or "unknown"
    return f"backend {name}" + ("" if state is CredentialState.NOT_STORED else f" ({state.name})")


# ---------------------------------------------------------------- the run
def run_self_test(out: TextIO | None = None) -> int:
    """Print a report, one line a check with its time; 0 when all the app needs works."""
    import platform

    from desktop import __version__

    out = out or sys.stdout
    if os.environ.get(DISPLAY_ENV) != "1":
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # The multimedia backend's probing (VA-API, PipeWire) is noise in a report.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
    began = time.perf_counter()
    test = SelfTest(out)
    build = " (installed build)" if getattr(sys, "frozen", False) else ""
    test.record(Check("App", True, f"iexpbx-desktop {__version__}{build}"))
    test.record(Check("Python", True, f"{platform.python_version()} on {platform.platform()}"))
    qt_ok = test.run("Qt", _qt)
    if qt_ok:
        test.run("Icons", _icons)
        test.run("Translations", _translations)
    test.run("Keyring backends", _keyring_backends)
    with tempfile.TemporaryDirectory(prefix="iexpbx-self-test-") as folder:
        recording = _demo_pbx(test, Path(folder))
        if qt_ok and recording is not None:
            test.run("Audio", lambda: _decode(recording))
    if qt_ok:
        test.run("Audio output", _audio_output, fatal=False)
    test.run("Keyring", _keyring, fatal=False)
    failed = test.failed
    took = time.perf_counter() - began
    if failed:
        names = ", ".join(c.name for c in failed)
        print(f"Self-test failed: {names}. ({took:.1f} s)", file=out, flush=True)
        return 1
    print(f"Self-test passed. ({took:.1f} s)", file=out, flush=True)
    return 0


def _demo_pbx(test: SelfTest, folder: Path) -> Path | None:
    from desktop.demo import DEMO_SEED, start_demo_pbx

    started = time.perf_counter()
    try:
        demo = start_demo_pbx(seed=DEMO_SEED)
    except Exception as exc:
        test.record(Check("Simulator", False, f"{type(exc).__name__}: {exc}"[:300],
                          time.perf_counter() - started))  # fmt: skip
        return None
    test.record(Check("Simulator", True, "demo PBX on loopback", time.perf_counter() - started))
    try:
        return asyncio.run(_pbx_checks(test, demo, folder))
    finally:
        demo.stop()
