"""The recording player: play/pause, seek, elapsed/total time, speed, volume, Save as…."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Q_ARG, QEvent, QMetaObject, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QtAudio
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx import audio
from desktop.pbx.errors import PbxError
from desktop.ui.recordings.decoded_copy import DecodedCopy
from desktop.ui.recordings.player_look import media_icon, message_style, time_text
from desktop.ui.recordings.save_as_dialog import ask_save_as
from desktop.ui.shell.application import leave_qt_messages_to_qt

log = logging.getLogger(__name__)

__all__ = ["SPEEDS", "RecordingPlayer", "message_style", "time_text"]

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
_HEAD = 12 * audio.GSM_FRAME

# What state_changed reports.
STOPPED, PLAYING, PAUSED, ERROR = "stopped", "playing", "paused", "error"
_STATES = {
    QMediaPlayer.PlaybackState.StoppedState: STOPPED,
    QMediaPlayer.PlaybackState.PlayingState: PLAYING,
    QMediaPlayer.PlaybackState.PausedState: PAUSED,
}


class RecordingPlayer(QWidget):
    """Plays one recording file; Space toggles playback while the player has focus.

    The media backend plays GSM 06.10 itself (Qt's FFmpeg backend does); when a backend
    reports it cannot, the recording is decoded to 16-bit PCM and that WAV is played.
    """

    state_changed = Signal(str)  # "stopped", "playing", "paused" or "error"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        leave_qt_messages_to_qt()  # Qt's audio threads must not need Python to log
        self.media = QMediaPlayer(self)
        self.audio_output = QAudioOutput(self)
        self.media.setAudioOutput(self.audio_output)

        self._path: Path | None = None  # the recording as cached (what Save as… copies)
        self._playing_pcm = False  # the decoded WAV is playing instead of the recording
        self._decoded = DecodedCopy()
        self._want_play = False
        self._error = ""

        self.title_label = QLabel(self.tr("No recording"))
        self.title_label.setObjectName("recordingTitle")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)

        self.play_button = QToolButton()
        self.play_button.setAutoRaise(True)
        self.play_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.play_button.setIconSize(QSize(24, 24))
        self.play_button.setMinimumSize(36, 36)
        self.play_button.clicked.connect(self.toggle)

        self.elapsed_label = QLabel(time_text(0))
        self.total_label = QLabel(time_text(0))
        for label in (self.elapsed_label, self.total_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance("888:88") + 4)
        self.elapsed_label.setAccessibleName(self.tr("Elapsed time"))
        self.total_label.setAccessibleName(self.tr("Length"))

        self.seek_slider = QSlider(Qt.Orientation.Horizontal)
        self.seek_slider.setAccessibleName(self.tr("Position in the recording"))
        self.seek_slider.setRange(0, 0)
        self.seek_slider.setSingleStep(5000)
        self.seek_slider.setPageStep(30000)
        self.seek_slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Moving the handle shows where it is; the jump happens on release, so dragging
        # does not stutter the sound. Keys and clicks beside the handle jump at once.
        self.seek_slider.sliderMoved.connect(lambda ms: self.elapsed_label.setText(time_text(ms)))
        self.seek_slider.sliderReleased.connect(
            lambda: self.seek(self.seek_slider.sliderPosition())
        )
        self.seek_slider.actionTriggered.connect(self._slider_action)

        self.speed_combo = QComboBox()
        self.speed_combo.setAccessibleName(self.tr("Playback speed"))
        for speed in SPEEDS:
            shown = self.locale().toString(speed, "g", 3)
            self.speed_combo.addItem(self.tr("{speed}×").format(speed=shown), speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.currentIndexChanged.connect(
            lambda i: self.media.setPlaybackRate(float(self.speed_combo.itemData(i)))
        )
        speed_label = QLabel(self.tr("&Speed:"))
        speed_label.setBuddy(self.speed_combo)

        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setMaximumWidth(120)
        self.volume_slider.valueChanged.connect(self._set_volume)
        self.volume_slider.setValue(80)
        self._set_volume(80)
        volume_label = QLabel(self.tr("&Volume:"))
        volume_label.setBuddy(self.volume_slider)

        self.save_button = QToolButton()
        self.save_button.setText(self.tr("Save &as…"))
        self.save_button.setToolTip(self.tr("Save the recording as it came, or as WAV audio"))
        self.save_button.clicked.connect(self.save_with_dialog)

        self.error_label = QLabel()
        self.error_label.setObjectName("recordingError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.notice_label = QLabel()  # information, not an error (no sound output)
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        transport = QHBoxLayout()
        transport.addWidget(self.play_button)
        transport.addWidget(self.elapsed_label)
        transport.addWidget(self.seek_slider, 1)
        transport.addWidget(self.total_label)
        options = QHBoxLayout()
        options.addWidget(speed_label)
        options.addWidget(self.speed_combo)
        options.addSpacing(12)
        options.addWidget(volume_label)
        options.addWidget(self.volume_slider)
        options.addStretch(1)
        options.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(transport)
        layout.addLayout(options)
        layout.addWidget(self.error_label)
        layout.addWidget(self.notice_label)

        shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.toggle)

        self.media.playbackStateChanged.connect(self._state_changed)
        self.media.durationChanged.connect(self._duration_changed)
        self.media.positionChanged.connect(self._position_changed)
        self.media.errorOccurred.connect(self._backend_failed)
        self._show_state(QMediaPlayer.PlaybackState.StoppedState)
        self._set_controls_enabled(False)

    # -- what the pane and tests use ---------------------------------------------------

    @property
    def path(self) -> Path | None:
        """The recording loaded (as cached), or None."""
        return self._path

    @property
    def playing_pcm(self) -> bool:
        """True when the backend could not play the recording and its decoded PCM plays."""
        return self._playing_pcm

    @property
    def error_text(self) -> str:
        """The message shown for the last failure ("" when none)."""
        return self._error

    def load(self, path: Path, title: str) -> None:
        """Load a complete recording (never a partial download); does not start playing."""
        self.stop()
        self._drop_pcm()
        self._clear_error()
        self._path = Path(path)
        self._want_play = False
        self.title_label.setText(title)
        self.seek_slider.setValue(0)
        self.elapsed_label.setText(time_text(0))
        self.total_label.setText(time_text(0))
        if not self._looks_playable(self._path):
            self._path = None
            self.media.setSource(QUrl())
            self._set_controls_enabled(False)
            return
        self._set_controls_enabled(True)
        self.media.setSource(QUrl.fromLocalFile(str(self._path)))

    def play(self) -> None:
        if self._path is None:
            return
        self._want_play = True
        self.media.play()
        if not QMediaDevices.audioOutputs() and self.notice_label.isHidden():
            # It still plays (the position moves): say why nothing is heard.
            self.notice_label.setText(
                self.tr("No sound output was found on this computer: nothing can be heard.")
            )
            self.notice_label.setStyleSheet(message_style("info", self))
            self.notice_label.show()

    def pause(self) -> None:
        self._want_play = False
        self.media.pause()

    def stop(self) -> None:
        self._want_play = False
        self.media.stop()

    def toggle(self) -> None:
        """Pause when playing, else play (the play button and Space)."""
        if self.media.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def seek(self, ms: int) -> None:
        self.media.setPosition(max(0, int(ms)))

    def set_speed(self, rate: float) -> None:
        """Choose one of SPEEDS (0.5× to 2×)."""
        index = self.speed_combo.findData(rate)
        if index >= 0:
            self.speed_combo.setCurrentIndex(index)

    def unload(self) -> None:
        """Stop and let go of the file (on close and at exit).

        Handed to Qt's event loop, which runs them with Python's GIL released: called from
        Python, stopping the FFmpeg backend waits for its audio thread, and that thread may
        need the GIL at that very moment (to tell a Python-made object that a connection
        went): each would wait for the other for ever, a quit frozen for good.
        """
        self._want_play = False
        queued = Qt.ConnectionType.QueuedConnection
        QMetaObject.invokeMethod(self.media, "stop", queued)
        QMetaObject.invokeMethod(self.media, "setSource", queued, Q_ARG(QUrl, QUrl()))
        QTimer.singleShot(0, self, self._drop_pcm)  # once the backend let go of the copy
        self._path = None
        self._set_controls_enabled(False)

    def save_with_dialog(self) -> None:
        """Ask where to save, as the original recording or as WAV, and save it there."""
        if self._path is None:
            return
        chosen = ask_save_as(self, self._path)
        if chosen is not None:
            dest, as_wav = chosen
            self.save_to(dest, as_wav=as_wav)

    def save_to(self, dest: Path, *, as_wav: bool) -> bool:
        """Save the recording at `dest` (WAV or the original bytes); False if it failed."""
        from desktop.services.recording_audio import save_as_wav, save_original

        if self._path is None:
            return False
        try:
            (save_as_wav if as_wav else save_original)(self._path, dest)
        except PbxError:
            self._show_error(
                self.tr(
                    "The recording could not be saved there (the folder may be full or read-only)."
                )
            )
            return False
        self._clear_error()
        return True

    # -- the backend -------------------------------------------------------------------

    def _looks_playable(self, path: Path) -> bool:
        try:
            with path.open("rb") as f:
                head = f.read(_HEAD)
        except OSError:
            self._show_error(self.tr("The recording file could not be opened."))
            return False
        if audio.sniff_recording(head) is None:
            self._show_error(self.tr("This file is not a recording that can be played."))
            return False
        return True

    def _backend_failed(self, error: QMediaPlayer.Error, message: str) -> None:
        if error == QMediaPlayer.Error.NoError or self._path is None:
            return
        log.info("The media backend could not play a recording: %s", message)
        if self._playing_pcm:
            # Even plain PCM fails: the sound output, not the recording, is the trouble.
            self._show_error(
                self.tr(
                    "The recording cannot be played on this computer (is a sound output "
                    "available?). Save as… keeps it for another player."
                )
            )
        elif not self._play_pcm():
            self._show_error(self.tr("This recording cannot be played (it may be damaged)."))

    def _play_pcm(self) -> bool:
        """Decode the recording to PCM and play that instead, from the same place."""
        assert self._path is not None
        position, resume = self.media.position(), self._want_play
        wav = self._decoded.make(self._path)
        if wav is None:
            self._drop_pcm()
            return False
        self._playing_pcm = True
        self.media.setSource(QUrl.fromLocalFile(str(wav)))
        if position:
            self.media.setPosition(position)
        if resume:
            self.media.play()
        return True

    def _drop_pcm(self) -> None:
        self._playing_pcm = False
        self._decoded.drop()

    # -- showing it --------------------------------------------------------------------

    def _state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        self._show_state(state)
        if not self._error:
            self.state_changed.emit(_STATES[state])

    def _show_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        # Drawn in the text colour: the style's own media icons are dark on a dark theme.
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        self.play_button.setIcon(media_icon(playing, colour))
        text = self.tr("Pause") if playing else self.tr("Play")
        self.play_button.setText(text)
        self.play_button.setToolTip(self.tr("{action} (Space)").format(action=text))
        self.play_button.setAccessibleName(text)

    def _duration_changed(self, ms: int) -> None:
        self.seek_slider.setRange(0, max(0, ms))
        self.total_label.setText(time_text(ms))

    def _position_changed(self, ms: int) -> None:
        if not self.seek_slider.isSliderDown():
            self.seek_slider.setValue(ms)
            self.elapsed_label.setText(time_text(ms))

    def _slider_action(self, action: int) -> None:
        if action != QSlider.SliderAction.SliderMove.value:
            # The slider's position is already the target when this signal arrives.
            self.seek(self.seek_slider.sliderPosition())

    def _set_volume(self, percent: int) -> None:
        # The slider is perceptual (as ears hear loudness); the output wants linear.
        self.audio_output.setVolume(
            QtAudio.convertVolume(
                percent / 100,
                QtAudio.VolumeScale.LogarithmicVolumeScale,
                QtAudio.VolumeScale.LinearVolumeScale,
            )
        )

    def _set_controls_enabled(self, enabled: bool) -> None:
        for widget in (self.play_button, self.seek_slider, self.save_button):
            widget.setEnabled(enabled)

    def _show_error(self, text: str) -> None:
        self._error = text
        self.error_label.setText(text)
        self.error_label.setStyleSheet(message_style("error", self))
        self.error_label.show()
        self.state_changed.emit(ERROR)

    def _clear_error(self) -> None:
        self._error = ""
        self.error_label.clear()
        self.error_label.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._show_state(self.media.playbackState())
            if self._error:
                self.error_label.setStyleSheet(message_style("error", self))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.unload()
        super().closeEvent(event)
