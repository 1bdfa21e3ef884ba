"""The Settings dialog's General page: language, theme, start-up, refreshes, storage."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as st
from desktop.ui.account.settings_page import SettingsPage, page_form

__all__ = ["GeneralSettings"]


def _seconds(setting: st.Setting[float], suffix: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(decimals=1, singleStep=0.5, suffix=suffix)
    box.setRange(setting.minimum or 0.0, setting.maximum or 0.0)
    return box


def _whole(setting: st.Setting[int], suffix: str, step: int = 1) -> QSpinBox:
    box = QSpinBox(suffix=suffix, singleStep=step)
    box.setRange(int(setting.minimum or 0), int(setting.maximum or 0))
    return box


class GeneralSettings(SettingsPage):
    """Settings that leave the connection alone, so the demo offers them too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.addItem(self.tr("Same as the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("Türkçe", "tr")
        self.language_hint = QLabel(self.tr("A new language applies after a restart."))
        self.language_hint.setWordWrap(True)
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Same as the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.start_minimized = QCheckBox(self.tr("Start in the tray without showing the window"))
        self.start_on_login = QCheckBox(self.tr("Start when I log in to this computer"))
        look = QGroupBox(self.tr("Look and start-up"))
        form = page_form(look)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_hint)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow("", self.start_minimized)
        form.addRow("", self.start_on_login)

        seconds, minutes = self.tr(" s"), self.tr(" min")
        self.poll = _seconds(st.POLL_INTERVAL_S, seconds)
        self.idle_poll = _seconds(st.IDLE_POLL_INTERVAL_S, seconds)
        self.phonebook_refresh = _whole(st.PHONEBOOK_REFRESH_MIN, minutes)
        self.recordings_cache = _whole(st.RECORDINGS_CACHE_MB, self.tr(" MB"), step=100)
        refresh = QGroupBox(self.tr("Refresh and storage"))
        form = page_form(refresh)
        form.addRow(self.tr("Refresh live calls every:"), self.poll)
        form.addRow(self.tr("When minimised and no call is live:"), self.idle_poll)
        form.addRow(self.tr("Refresh the phonebook every:"), self.phonebook_refresh)
        form.addRow(self.tr("Keep recordings for replay, up to:"), self.recordings_cache)

        layout = QVBoxLayout(self)
        layout.addWidget(look)
        layout.addWidget(refresh)
        layout.addStretch(1)

    def load(self, settings: st.Settings) -> None:
        """Show the saved values; settings the administrator locked are disabled."""
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(st.LANGUAGE))))
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get(st.THEME))))
        self.start_minimized.setChecked(settings.get(st.START_MINIMIZED))
        self.start_on_login.setChecked(settings.get(st.START_ON_LOGIN))
        self.poll.setValue(settings.get(st.POLL_INTERVAL_S))
        self.idle_poll.setValue(settings.get(st.IDLE_POLL_INTERVAL_S))
        self.phonebook_refresh.setValue(settings.get(st.PHONEBOOK_REFRESH_MIN))
        self.recordings_cache.setValue(settings.get(st.RECORDINGS_CACHE_MB))
        for name, widget in self._editors().items():
            self.lock(settings, name, widget)

    def values(self) -> dict[str, Any]:
        """The values entered, by setting name."""
        return {
            "language": self.language.currentData(),
            "theme": self.theme.currentData(),
            "start_minimized": self.start_minimized.isChecked(),
            "start_on_login": self.start_on_login.isChecked(),
            "poll_interval_s": self.poll.value(),
            "idle_poll_interval_s": self.idle_poll.value(),
            "phonebook_refresh_min": self.phonebook_refresh.value(),
            "recordings_cache_mb": self.recordings_cache.value(),
        }

    def _editors(self) -> dict[str, QWidget]:
        return {
            "language": self.language,
            "theme": self.theme,
            "start_minimized": self.start_minimized,
            "start_on_login": self.start_on_login,
            "poll_interval_s": self.poll,
            "idle_poll_interval_s": self.idle_poll,
            "phonebook_refresh_min": self.phonebook_refresh,
            "recordings_cache_mb": self.recordings_cache,
        }
