"""The phonebook in the running app: find a person, press Enter, my phone rings first."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring_doubles import MemoryKeyring
from PySide6.QtCore import Qt

from desktop import cli
from desktop import settings as st
from desktop.app import App
from desktop.credentials import SERVICE_NAME, CredentialStore, account_key
from desktop.services.text_fold import fold

WAIT_MS = 20_000


def run(qtbot: Any, coro: Coroutine[Any, Any, Any]) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=WAIT_MS)
    return task.result()


@pytest.fixture
def started(qtbot: Any) -> Iterator[list[App]]:
    apps: list[App] = []
    yield apps
    for app in apps:
        run(qtbot, app.shutdown())


def configured(tmp_path: Path, simulator: Any, **values: Any) -> App:
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.SERVER_URL, simulator.base_url)
    settings.set(st.USERNAME, simulator.username)
    settings.set(st.EXTENSION, "101")
    settings.set(st.POLL_INTERVAL_S, 0.5)
    for name, value in values.items():
        settings.set(name, value)
    keyring = MemoryKeyring()
    url = st.normalize_server_url(simulator.base_url)
    keyring.passwords[(SERVICE_NAME, account_key(simulator.username, url))] = simulator.password
    return App(
        cli.parse_args(["--config-dir", str(tmp_path)]), credentials=CredentialStore(keyring)
    )


def callnumbers(simulator: Any) -> list[dict[str, str]]:
    received = simulator.thread.call(lambda s: s.received())
    return [r for r in received if r.get("action") == "callnumber"]


def test_type_a_name_press_enter_and_my_phone_rings_first(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = configured(tmp_path, simulator, outgoing_number_format="international")
    started.append(app)
    run(qtbot, app.start())
    qtbot.waitUntil(lambda: app.features.phonebook.fresh, timeout=WAIT_MS)
    contact = next(
        c for c in app.features.phonebook.contacts if c.numbers and len(c.name.split()) >= 2
    )
    app.window.show_tab("phonebook")
    tab = app.features.phonebook_tab
    assert tab is not None
    qtbot.keyClicks(tab.search_edit, fold(contact.name))  # typed without Turkish letters
    qtbot.waitUntil(lambda: tab.selected_entry() is not None, timeout=WAIT_MS)
    entry = tab.selected_entry()
    assert entry is not None and fold(entry.name).startswith(fold(contact.name))
    qtbot.keyClick(tab.search_edit, Qt.Key.Key_Return)
    if tab.number_chooser is not None:  # several numbers: the first, by keyboard
        qtbot.keyClick(tab.number_chooser, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: bool(callnumbers(simulator)), timeout=WAIT_MS)
    sent = callnumbers(simulator)[-1]
    assert sent["internal"] == "101"
    digits = "".join(ch for ch in entry.numbers[0] if ch.isdigit())
    assert sent["number"].isdigit() and sent["number"].endswith(digits[-7:])
    if len(digits) >= 10:  # a national number goes out with its country code, no "+"
        assert sent["number"].startswith("90")
    # The PBX got the request before the app got its answer: wait for the feedback.
    qtbot.waitUntil(lambda: "rings first" in app.window.statusBar().currentMessage())


def test_started_with_the_pbx_down_the_phonebook_is_the_saved_copy(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    first = configured(tmp_path, simulator)
    run(qtbot, first.start())
    qtbot.waitUntil(lambda: first.features.phonebook.fresh, timeout=WAIT_MS)
    contacts = list(first.features.phonebook.contacts)
    qtbot.waitUntil(lambda: (tmp_path / "data" / "phonebook.json").exists(), timeout=WAIT_MS)
    run(qtbot, first.shutdown())

    simulator.thread.pause()  # the PBX is down at the next start
    try:
        again = configured(tmp_path, simulator)
        started.append(again)
        run(qtbot, again.start())
        again.window.show_tab("phonebook")
        tab = again.features.phonebook_tab
        assert tab is not None
        assert len(again.features.phonebook.contacts) == len(contacts)
        assert "copy saved" in tab.status_label.text()
        name = contacts[0].name
        qtbot.keyClicks(tab.search_edit, fold(name))  # QTest types ASCII only
        qtbot.waitUntil(lambda: tab.model.rowCount() >= 1, timeout=WAIT_MS)
        assert any(e.name == name for e in tab.model.entries())
    finally:
        simulator.thread.resume()


def test_a_tel_link_rings_my_phone_after_the_dial_box_confirms(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = configured(tmp_path, simulator)
    started.append(app)
    run(qtbot, app.start())
    qtbot.waitUntil(lambda: app.window.connection_text().startswith("Online"), timeout=WAIT_MS)
    app.activate("tel:+90-532-123-45-67")
    dialog = app.window.dial_dialog
    assert dialog is not None and callnumbers(simulator) == []  # nothing before confirming
    dialog.accept()
    qtbot.waitUntil(lambda: bool(callnumbers(simulator)), timeout=WAIT_MS)
    assert callnumbers(simulator)[-1] == {
        "action": "callnumber",
        "number": "+905321234567",
        "internal": "101",
    }


def test_without_an_extension_the_user_chooses_their_phone_then_it_rings(
    qtbot: Any, started: list[App], tmp_path: Path, simulator: Any
) -> None:
    app = configured(tmp_path, simulator, extension="")
    started.append(app)
    run(qtbot, app.start())
    qtbot.waitUntil(lambda: bool(app.session.directory.extensions), timeout=WAIT_MS)
    app.window.dial_requested.emit("0532 123 45 67")
    qtbot.waitUntil(lambda: app.dialogs.get("extension") is not None, timeout=WAIT_MS)
    chooser = app.dialogs.get("extension")
    assert not app.window.banner.isVisible()  # asked, not told off
    first = app.session.directory.extensions[0].number
    chooser.setTextValue(chooser.comboBoxItems()[0])
    chooser.accept()
    qtbot.waitUntil(lambda: bool(callnumbers(simulator)), timeout=WAIT_MS)
    assert callnumbers(simulator)[-1]["internal"] == first
    assert app.settings.get(st.EXTENSION) == first  # kept for the next call
