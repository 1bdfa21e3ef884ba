"""Call recordings as raw GSM 06.10: a few encoded clips, recombined per call.

Encoding is the slow part (about a tenth of a second per second of audio), so a small pool
of words and tones is encoded once per process, on first use, and every recording is a
deterministic arrangement of those frames: two voices taking turns, with pauses.
"""

from __future__ import annotations

import random
import threading

from . import gsm, voice

FRAMES_PER_SECOND = gsm.SAMPLE_RATE // gsm.FRAME_SAMPLES  # 50
_WORDS_PER_VOICE = 5
_VOICE_PITCHES = (118.0, 205.0)  # a lower and a higher voice


class _ClipPool:
    def __init__(self) -> None:
        self.words: list[list[list[bytes]]] = []  # [voice][word] -> frames
        self.silence = b""
        self.beep: list[bytes] = []
        self.ringback: list[bytes] = []


_pool: _ClipPool | None = None
_pool_lock = threading.Lock()


def _frames(data: bytes) -> list[bytes]:
    return [data[i : i + gsm.FRAME_BYTES] for i in range(0, len(data), gsm.FRAME_BYTES)]


def _build_pool() -> _ClipPool:
    pool = _ClipPool()
    # A fixed seed: the clips are the same for every simulator, only their order varies.
    rng = random.Random("iexpbx-simulator-voices")
    for pitch in _VOICE_PITCHES:
        pool.words.append(
            [_frames(gsm.encode(voice.word(rng, pitch))) for _ in range(_WORDS_PER_VOICE)]
        )
    pool.silence = gsm.encode([0] * gsm.FRAME_SAMPLES)
    # Tones are encoded whole, never looped: a looped tone frame carries the excitation it
    # was encoded with on top of the decoder's history, and the level grows on each repeat.
    pool.beep = _frames(gsm.encode(voice.tone(1000.0, 0.4)))
    pool.ringback = _frames(gsm.encode(voice.tone(450.0, 1.0)))
    return pool


def clip_pool() -> _ClipPool:
    """The encoded clips, built on first use (thread-safe)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = _build_pool()
        return _pool


def recording(seed: int, call_id: str, seconds: float) -> bytes:
    """A deterministic recording for one call: raw .gsm bytes, `seconds` long (at least 1 s)."""
    pool = clip_pool()
    rng = random.Random(f"{seed}:recording:{call_id}")
    wanted = max(FRAMES_PER_SECOND, round(seconds * FRAMES_PER_SECOND))
    frames: list[bytes] = []
    if rng.random() < 0.4:
        frames.extend(pool.ringback)  # the last ring before the answer
        frames.extend([pool.silence] * rng.randint(10, 30))
    if rng.random() < 0.5:
        frames.extend(pool.beep)
        frames.extend([pool.silence] * 15)
    speaker = rng.randrange(len(pool.words))
    while len(frames) < wanted:
        for _ in range(rng.randint(2, 6)):
            frames.extend(rng.choice(pool.words[speaker]))
            frames.extend([pool.silence] * rng.randint(2, 10))
        frames.extend([pool.silence] * rng.randint(8, 40))
        if rng.random() < 0.7:
            speaker = 1 - speaker
    return b"".join(frames[:wanted])
