"""The Settings dialog's General group: refresh interval, language, theme, start-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from desktop import settings as st
from desktop.ui.account.connection_widgets import mark_locked

__all__ = ["GeneralSettings"]


class GeneralSettings(QGroupBox):
    """Settings that leave the connection alone, so the demo offers them too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("General"))
        self.poll = QDoubleSpinBox(decimals=1, singleStep=0.5, suffix=self.tr(" s"))
        self.poll.setRange(st.POLL_INTERVAL_S.minimum or 0.5, st.POLL_INTERVAL_S.maximum or 60)
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
        form = QFormLayout(self)
        form.addRow(self.tr("Refresh live calls every:"), self.poll)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", self.language_hint)
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow("", self.start_minimized)

    def load(self, settings: st.Settings) -> None:
        """Show the saved values; settings the administrator locked are disabled."""
        self.poll.setValue(settings.get(st.POLL_INTERVAL_S))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(st.LANGUAGE))))
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get(st.THEME))))
        self.start_minimized.setChecked(settings.get(st.START_MINIMIZED))
        mark_locked(settings, "poll_interval_s", self.poll)
        mark_locked(settings, "language", self.language)
        mark_locked(settings, "theme", self.theme)
        mark_locked(settings, "start_minimized", self.start_minimized)

    def values(self) -> dict[str, Any]:
        """The values entered, by setting name."""
        return {
            "poll_interval_s": self.poll.value(),
            "language": self.language.currentData(),
            "theme": self.theme.currentData(),
            "start_minimized": self.start_minimized.isChecked(),
        }
