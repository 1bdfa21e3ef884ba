"""The interface language: Turkish or English as chosen, or the system's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMenu

from desktop import i18n
from desktop import settings as st
from desktop.credentials import CredentialStore
from desktop.ui.account.settings_dialog import SettingsDialog
from desktop.ui.calls.calls_model import COL_FROM
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray

Install = Callable[[str], str]


@pytest.fixture
def install_language(qapp: Any) -> Iterator[Install]:
    """Install a language for the test; English and the previous locale come back after."""
    before = QLocale()
    yield lambda setting: i18n.install(qapp, setting)
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


def main_window(qtbot: Any) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def menus(window: MainWindow) -> list[QMenu]:
    return [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]


def shortcut_letters(texts: list[str]) -> list[str]:
    """The Alt+letter of each text (the character after a single '&')."""
    found = (re.search(r"&([^&])", text.replace("&&", "")) for text in texts)
    return [match.group(1).lower() for match in found if match]


def test_turkish_window_shows_turkish_tabs_menus_and_columns(
    qtbot: Any, install_language: Install
) -> None:
    assert install_language("tr") == "tr"
    window = main_window(qtbot)
    assert tab_titles(window) == ["Çağrı&lar", "&Rehber", "Geç&miş", "&Operatör paneli"]
    assert [m.title() for m in menus(window)] == ["&Dosya", "&Görünüm", "&Yardım"]
    assert window.dial_action.text() == "&Ara…"
    model = window.calls_tab.view.model()
    header = model.headerData(COL_FROM, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "Arayan"


def test_english_window_shows_the_source_texts(qtbot: Any, install_language: Install) -> None:
    install_language("tr")
    assert install_language("en") == "en"
    window = main_window(qtbot)
    assert tab_titles(window) == ["&Calls", "&Phonebook", "H&istory", "&Operator panel"]
    assert [m.title() for m in menus(window)] == ["&File", "&View", "&Help"]


@pytest.mark.parametrize("language", ["en", "tr"])
def test_keyboard_shortcuts_stay_unique(
    qtbot: Any, install_language: Install, language: str
) -> None:
    install_language(language)
    window = main_window(qtbot)
    tray = Tray(window)
    # Menu titles, tab titles and the Calls tab's button share the window's Alt+letters.
    texts = [m.title() for m in menus(window)] + tab_titles(window)
    texts.append(window.calls_tab.hangup_button.text())
    window_level = shortcut_letters(texts)
    assert len(window_level) == len(texts) and len(set(window_level)) == len(texts), texts
    for menu in [*menus(window), tray.menu]:
        letters = shortcut_letters([a.text() for a in menu.actions() if not a.isSeparator()])
        assert len(letters) == len(set(letters)), menu.title() or "tray menu"


@pytest.mark.parametrize(
    ("system", "expected"), [("tr_TR", "tr"), ("de_DE", "en"), ("en_US", "en"), ("tr_CY", "tr")]
)
def test_system_language_follows_the_locale(system: str, expected: str) -> None:
    assert i18n.choose_language("system", QLocale(system)) == expected


def test_a_chosen_language_beats_the_system() -> None:
    assert i18n.choose_language("en", QLocale("tr_TR")) == "en"
    assert i18n.choose_language("tr", QLocale("de_DE")) == "tr"


def test_turkish_chosen_in_settings_is_kept_and_used_at_the_next_start(
    qtbot: Any, tmp_path: Path, install_language: Install
) -> None:
    settings = st.Settings.open(tmp_path, admin=st.AdminConfig())
    settings.set(st.SERVER_URL, "https://pbx.example.com")
    settings.set(st.USERNAME, "api")
    dialog = SettingsDialog(settings, CredentialStore.session_only())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.language.setCurrentIndex(dialog.language.findData("tr"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    reopened = st.Settings.open(tmp_path, admin=st.AdminConfig())
    assert reopened.get(st.LANGUAGE) == "tr"
    assert install_language(reopened.get(st.LANGUAGE)) == "tr"
    assert tab_titles(main_window(qtbot))[0] == "Çağrı&lar"
