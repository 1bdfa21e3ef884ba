"""Recordings in the History tab: a Play button for calls that have one, and the player below."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from desktop.services.recordings import RecordingCache
from desktop.ui.recordings.pane import RecordingPane

if TYPE_CHECKING:
    from desktop.pbx.models import CallRecord
    from desktop.services.session import Session
    from desktop.ui.history.history_tab import HistoryTab

__all__ = ["HistoryRecordings"]


class HistoryRecordings:
    """Plays the selected call's recording: downloaded once, cached, never half-played."""

    def __init__(
        self,
        tab: HistoryTab,
        session: Session,
        *,
        cache_root: Path | None,
        host: str,
        max_bytes: int,
        party_text: Callable[[str], str],
    ) -> None:
        self.tab = tab
        self._party_text = party_text
        # The demo keeps nothing: its recordings live in a folder gone when it quits.
        self._scratch = (
            tempfile.TemporaryDirectory(prefix="iexpbx-") if cache_root is None else None
        )
        root = Path(self._scratch.name) if self._scratch is not None else cache_root
        assert root is not None
        self.cache = RecordingCache(root, host or "pbx", max_bytes)
        self.cache.clear_partials()
        self.pane = RecordingPane(tab)
        self.pane.set_source(session.download_recording, self.cache)
        self.pane.hide()  # room for the table until a recording is played
        self.play_button = QPushButton(
            QCoreApplication.translate("HistoryTab", "Pla&y recording"), tab
        )
        self.play_button.setToolTip(
            QCoreApplication.translate(
                "HistoryTab", "Play the selected call's recording (Ctrl+P or double-click)"
            )
        )
        self.play_button.setEnabled(False)
        self.play_button.clicked.connect(self.play_selected)
        QShortcut(QKeySequence("Ctrl+P"), tab, self.play_selected)
        row = QWidget(tab)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.play_button, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(self.pane, 1)
        line.addStretch(0)
        layout = tab.layout()
        assert layout is not None  # the tab lays itself out in its constructor
        layout.addWidget(row)
        tab.view.doubleClicked.connect(self._activated)
        tab.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_button())

    def play_selected(self) -> None:
        record = self._selected()
        if record is not None and record.has_recording:
            when = record.date.strftime("%d.%m.%Y %H:%M")
            title = f"{when} · {self._party_text(record.src)} → {self._party_text(record.dst)}"
            self.pane.show()
            self.pane.play_recording(record.id, title)

    def shutdown(self) -> None:
        self.pane.shutdown()
        if self._scratch is not None:
            self._scratch.cleanup()

    def _selected(self) -> CallRecord | None:
        index = self.tab.view.currentIndex()
        return self.tab.model.record_at(index.row()) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.play_selected()

    def _update_button(self) -> None:
        record = self._selected()
        self.play_button.setEnabled(record is not None and record.has_recording)
