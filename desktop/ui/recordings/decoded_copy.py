"""A recording decoded to a temporary WAV, for media backends that cannot play GSM."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from desktop.pbx.errors import PbxError

log = logging.getLogger(__name__)

__all__ = ["DecodedCopy"]


class DecodedCopy:
    """At most one decoded WAV at a time, in a temporary folder removed by `drop`."""

    def __init__(self) -> None:
        self._dir: tempfile.TemporaryDirectory[str] | None = None

    def make(self, recording: Path) -> Path | None:
        """Decode `recording` to 16-bit PCM; the WAV's path, or None if that failed too."""
        from desktop.services.recording_audio import save_as_wav

        try:
            self._dir = tempfile.TemporaryDirectory(prefix="iexpbx-pcm-")
            wav = Path(self._dir.name) / recording.with_suffix(".wav").name
            save_as_wav(recording, wav)
        except (OSError, PbxError):
            log.info("The recording could not be decoded to PCM either", exc_info=True)
            self.drop()
            return None
        return wav

    def drop(self) -> None:
        """Remove the decoded WAV, if any."""
        if self._dir is not None:
            self._dir.cleanup()
            self._dir = None
