"""The pure-Python GSM 06.10 encoder writes frames a standard decoder turns back into sound."""

from __future__ import annotations

import array
import math
import shutil
import subprocess

import pytest

from desktop.simulator import gsm, recordings

needs_sox = pytest.mark.skipif(shutil.which("sox") is None, reason="needs sox to decode GSM")


def tone(seconds: float) -> list[int]:
    n = int(8000 * seconds)
    return [
        round(
            8000 * math.sin(2 * math.pi * 440 * i / 8000)
            + 3000 * math.sin(2 * math.pi * 1230 * i / 8000)
        )
        for i in range(n)
    ]


def sox_decode(data: bytes) -> list[int]:
    out = subprocess.run(
        [
            "sox",
            "-t",
            "gsm",
            "-r",
            "8000",
            "-c",
            "1",
            "-",
            "-t",
            "raw",
            "-e",
            "signed",
            "-b",
            "16",
            "-",
        ],
        input=data,
        capture_output=True,
        check=True,
        timeout=30,
    ).stdout
    return list(array.array("h", out))


def test_frames_have_the_asterisk_layout() -> None:
    data = gsm.encode(tone(0.5))
    assert len(data) == 25 * gsm.FRAME_BYTES
    assert all(data[i] >> 4 == 0xD for i in range(0, len(data), gsm.FRAME_BYTES))


def test_partial_frames_are_padded_and_encoding_is_deterministic() -> None:
    pcm = tone(0.03)  # 240 samples: one and a half frames
    assert len(gsm.encode(pcm)) == 2 * gsm.FRAME_BYTES
    assert gsm.encode(pcm) == gsm.encode(pcm)


def test_encode_frame_wants_160_samples() -> None:
    with pytest.raises(ValueError):
        gsm.GsmEncoder().encode_frame([0] * 100)


def test_loud_input_is_clamped_not_crashing() -> None:
    data = gsm.encode([40000, -40000] * 800)
    assert len(data) == 10 * gsm.FRAME_BYTES


@needs_sox
def test_decoded_tone_matches_the_input() -> None:
    pcm = tone(1.0)
    decoded = sox_decode(gsm.encode(pcm))
    assert len(decoded) == len(pcm)
    steady = slice(800, None)  # skip the encoder's warm-up
    noise = sum((a - b) ** 2 for a, b in zip(pcm[steady], decoded[steady], strict=True))
    signal = sum(a * a for a in pcm[steady])
    assert 10 * math.log10(signal / noise) > 15  # dB


@needs_sox
def test_silence_stays_silent() -> None:
    decoded = sox_decode(gsm.encode([0] * 1600))
    assert max(abs(v) for v in decoded) < 64


@needs_sox
def test_recording_has_speech_level_audio_without_clipping() -> None:
    decoded = sox_decode(recordings.recording(seed=1, call_id="42", seconds=20))
    assert len(decoded) == 20 * 8000
    rms = math.sqrt(sum(v * v for v in decoded) / len(decoded))
    assert rms > 800
    assert max(abs(v) for v in decoded) < 30000


def test_recording_length_and_determinism() -> None:
    a = recordings.recording(seed=1, call_id="42", seconds=12.5)
    assert len(a) == round(12.5 * 50) * gsm.FRAME_BYTES
    assert a == recordings.recording(seed=1, call_id="42", seconds=12.5)
    assert a != recordings.recording(seed=1, call_id="43", seconds=12.5)
    assert len(recordings.recording(seed=1, call_id="1", seconds=0.1)) == 50 * gsm.FRAME_BYTES
