"""The recordings pane: download progress with Cancel, then the player."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from desktop.pbx.errors import PbxError
from desktop.services.recordings import Download, RecordingCache
from desktop.ui.common.error_text import error_text
from desktop.ui.common.tasks import TaskOwner

from .downloader import RecordingDownloader
from .player import RecordingPlayer, message_style

log = logging.getLogger(__name__)

__all__ = ["RecordingPane"]

_BAR_MAX = 2**31 - 1  # QProgressBar counts in int


class RecordingPane(QWidget):
    """Plays a call's recording by its id: cached at once, else downloaded first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = TaskOwner()
        self.downloader: RecordingDownloader | None = None
        self._request = 0  # which play_recording call the UI currently shows
        self._scale = 1  # bytes per progress bar unit (recordings over 2 GiB)
        self._message_kind = ""

        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Download progress"))
        self.progress_bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop downloading this recording"))
        self.cancel_button.clicked.connect(self.cancel_download)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()

        self.message_label = QLabel()
        self.message_label.setObjectName("recordingMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.player = RecordingPlayer()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.player)

    def set_source(self, download: Download | None, cache: RecordingCache | None) -> None:
        """Where recordings come from: the session's `download_recording` and the cache.

        None for either (not connected, or another PBX being set up) stops what runs and
        makes play_recording say so.
        """
        self.cancel_download()
        self._tasks.cancel_all()
        if self.downloader is not None:
            self.downloader.deleteLater()
            self.downloader = None
        if download is not None and cache is not None:
            self.downloader = RecordingDownloader(download, cache, self)
            self.downloader.progress.connect(self._show_progress)

    def play_recording(self, call_id: str, title: str) -> asyncio.Task[Any] | None:
        """Play a call's recording: at once when cached, else after downloading it.

        Returns the download's task (None when nothing needs downloading). A newer call
        replaces a download still running.
        """
        self._request += 1
        request = self._request
        self.cancel_download()
        self._clear_message()
        if self.downloader is None:
            self._end_progress()
            self._show_message(
                "info", self.tr("Recordings can be played while connected to the PBX.")
            )
            return None
        cached = self.downloader.cached(call_id)
        if cached is not None:
            self._end_progress()
            self._start(cached, title)
            return None
        self.player.stop()
        self._begin_progress()
        return self._tasks.spawn(self._download(request, call_id, title))

    def cancel_download(self) -> None:
        """Stop the running download (Cancel); nothing of it is kept."""
        if self.downloader is not None:
            self.downloader.cancel()

    def shutdown(self) -> None:
        """Stop downloads and playback, and let go of the file (the window closes)."""
        self.cancel_download()
        self._tasks.cancel_all()
        self.player.unload()

    @property
    def downloading(self) -> bool:
        return self.downloader is not None and self.downloader.downloading

    async def _download(self, request: int, call_id: str, title: str) -> None:
        assert self.downloader is not None
        try:
            path = await self.downloader.fetch(call_id)
        except asyncio.CancelledError:
            if request != self._request:
                raise  # replaced by a newer request, which owns the UI now
            self._end_progress()
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # the pane is closing or its source changed
            self._show_message("info", self.tr("Download cancelled."))
            return
        except PbxError as err:
            if request == self._request:
                self._end_progress()
                self._show_message("error", error_text(err))
            return
        if request == self._request:
            self._end_progress()
            self._start(path, title)

    def _start(self, path: Path, title: str) -> None:
        self.player.load(path, title)
        self.player.play()

    # -- showing progress --------------------------------------------------------------

    def _begin_progress(self) -> None:
        self.progress_label.setText(self.tr("Downloading the recording…"))
        self.progress_bar.setRange(0, 0)  # busy until the size is known
        self.progress_bar.setValue(0)
        self._scale = 1
        self.cancel_button.setEnabled(True)
        self.progress_row.show()

    def _show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self._scale = max(1, -(-total // _BAR_MAX))
            self.progress_bar.setRange(0, total // self._scale)
            self.progress_bar.setValue(min(done, total) // self._scale)
            locale = QLocale()
            self.progress_label.setText(
                self.tr("Downloading the recording… {done} of {total}").format(
                    done=locale.formattedDataSize(done), total=locale.formattedDataSize(total)
                )
            )
        else:
            self.progress_label.setText(
                self.tr("Downloading the recording… {done}").format(
                    done=QLocale().formattedDataSize(done)
                )
            )

    def _end_progress(self) -> None:
        self.progress_row.hide()

    def _show_message(self, kind: str, text: str) -> None:
        self._message_kind = kind
        self.message_label.setText(text)
        self.message_label.setStyleSheet(message_style(kind, self))
        self.message_label.show()

    def _clear_message(self) -> None:
        self._message_kind = ""
        self.message_label.clear()
        self.message_label.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self._message_kind:
            self.message_label.setStyleSheet(message_style(self._message_kind, self))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
