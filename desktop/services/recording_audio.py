"""Decoding recordings to PCM (for a player backend that cannot) and saving them as WAV.

libsndfile (through `soundfile`, which ships it inside its wheels on Windows, macOS and
Linux) reads raw Asterisk GSM 06.10, GSM-in-WAV, PCM WAV and MP3 the same way everywhere.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.pbx import audio
from desktop.pbx.errors import PbxError

__all__ = ["decode_to_pcm", "save_as_wav", "save_original"]

_GSM_RATE = 8000


def _read(path: Path) -> tuple[Any, int]:
    """(int16 frames array, sample rate) of a recording, whatever its kind."""
    import soundfile  # loaded when a recording is first decoded

    try:
        with path.open("rb") as f:
            head = f.read(12 * audio.GSM_FRAME)
            f.seek(0)
            kind = audio.sniff_recording(head)
            if kind is None:
                raise PbxError("This file is not a recording that can be played.")
            if kind == "gsm":
                # Raw .gsm has no header: its format is told, not read.
                data, rate = soundfile.read(
                    f,
                    format="RAW",
                    subtype="GSM610",
                    samplerate=_GSM_RATE,
                    channels=1,
                    dtype="int16",
                    always_2d=True,
                )
            else:
                data, rate = soundfile.read(f, dtype="int16", always_2d=True)
    except (OSError, RuntimeError, TypeError, ValueError) as exc:
        # soundfile.LibsndfileError is a RuntimeError.
        raise PbxError("The recording could not be decoded (it may be damaged).") from exc
    return data, int(rate)


def decode_to_pcm(path: str | os.PathLike[str]) -> tuple[int, int, bytes]:
    """(sample rate, channels, interleaved signed 16-bit little-endian PCM) of a recording."""
    data, rate = _read(Path(path))
    return rate, int(data.shape[1]), data.astype("<i2", copy=False).tobytes()


def save_as_wav(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
    """Save a recording as a 16-bit PCM WAV file any player opens (written atomically)."""
    import soundfile

    data, rate = _read(Path(src))

    def write(tmp: Path) -> None:
        soundfile.write(str(tmp), data, rate, format="WAV", subtype="PCM_16")

    _write_atomically(Path(dest), write)


def save_original(src: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
    """Copy a recording as the PBX sent it (written atomically)."""
    try:
        data = Path(src).read_bytes()
    except OSError:
        raise PbxError("The recording could not be read (it may have been removed).") from None

    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    _write_atomically(Path(dest), write)


def _write_atomically(dest: Path, write: Callable[[Path], None]) -> None:
    try:
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}-", suffix=".part", dir=dest.parent)
        os.close(fd)
    except OSError:
        raise _unsaved() from None
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, dest)
    except (OSError, RuntimeError):
        tmp.unlink(missing_ok=True)
        raise _unsaved() from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _unsaved() -> PbxError:
    return PbxError("The recording could not be saved there (the folder may be full or read-only).")
