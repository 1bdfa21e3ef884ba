"""Save as… for a recording: ask where, and whether as the bytes that came or as WAV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

__all__ = ["ask_save_as"]


def ask_save_as(parent: QWidget, recording: Path) -> tuple[Path, bool] | None:
    """(where, as WAV) as the user chose, or None if cancelled; a WAV always ends in .wav."""
    # Translated as the player's own texts: these are its dialog's.
    original = QCoreApplication.translate(
        "RecordingPlayer", "Recording as it came (*.{ext})"
    ).format(ext=recording.suffix[1:])
    wav = QCoreApplication.translate("RecordingPlayer", "WAV audio (*.wav)")
    suggested = str(Path.home() / recording.with_suffix(".wav").name)
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("RecordingPlayer", "Save recording as"),
        suggested,
        f"{wav};;{original}",
        wav,
    )
    if not name:
        return None
    dest = Path(name)
    as_wav = chosen == wav if chosen else dest.suffix.lower() == ".wav"
    if as_wav and dest.suffix.lower() != ".wav":
        dest = dest.with_name(dest.name + ".wav")
    return dest, as_wav
