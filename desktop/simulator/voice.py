"""Speech-like and tone PCM (8 kHz, 16-bit range) for the simulated call recordings.

A tiny formant synthesiser: a glottal pulse train through three vowel resonators (Turkish
vowels), with noisy consonant onsets and a falling pitch. It sounds like distant murmur, which
is what a listener expects from a call recording, and it is cheap enough to make at run time.
"""

from __future__ import annotations

import math
import random

SAMPLE_RATE = 8000

# F1, F2, F3 in Hz for the eight Turkish vowels.
_VOWELS = (
    (700, 1220, 2600),  # a
    (500, 1850, 2500),  # e
    (400, 1500, 2500),  # ı
    (300, 2200, 2900),  # i
    (450, 850, 2500),  # o
    (450, 1550, 2400),  # ö
    (320, 800, 2400),  # u
    (300, 1650, 2300),  # ü
)
_BANDWIDTHS = (80.0, 110.0, 150.0)
_BLOCK = 80  # samples between formant coefficient updates (10 ms)


def _resonator(freq: float, bandwidth: float) -> tuple[float, float, float]:
    r = math.exp(-math.pi * bandwidth / SAMPLE_RATE)
    b = 2.0 * r * math.cos(2.0 * math.pi * freq / SAMPLE_RATE)
    c = -r * r
    return 1.0 - b - c, b, c


def word(rng: random.Random, pitch_hz: float, peak: int = 11000) -> list[int]:
    """One spoken-sounding word of 2-4 syllables, with 20 ms of silence either side."""
    syllables = rng.randint(2, 4)
    plan: list[tuple[tuple[int, int, int], int, int]] = []
    for _ in range(syllables):
        vowel = rng.choice(_VOWELS)
        voiced = int(SAMPLE_RATE * rng.uniform(0.09, 0.22))
        noise = int(SAMPLE_RATE * rng.uniform(0.02, 0.06)) if rng.random() < 0.6 else 0
        plan.append((vowel, noise, voiced))
    total = sum(n + v for _, n, v in plan)

    out: list[float] = []
    formants = [float(f) for f in plan[0][0]]
    y1 = [0.0, 0.0, 0.0]
    y2 = [0.0, 0.0, 0.0]
    phase = 0.0
    glottal = 0.0
    prev = 0.0
    position = 0
    for vowel, noise_len, voiced_len in plan:
        for _ in range(noise_len):
            n = rng.uniform(-1.0, 1.0)
            out.append((n - prev) * 0.35)
            prev = n
        prev = 0.0
        for start in range(0, voiced_len, _BLOCK):
            # glide towards this vowel, so syllables flow into each other
            formants = [f + (t - f) * 0.35 for f, t in zip(formants, vowel, strict=True)]
            coefs = [_resonator(f, b) for f, b in zip(formants, _BANDWIDTHS, strict=True)]
            pitch = pitch_hz * (1.15 - 0.3 * position / total)
            step = pitch / SAMPLE_RATE
            count = min(_BLOCK, voiced_len - start)
            for i in range(count):
                phase += step
                pulse = 1.0 if phase >= 1.0 else 0.0
                if phase >= 1.0:
                    phase -= 1.0
                glottal = 0.75 * glottal + pulse
                x = glottal
                for j, (a, b, c) in enumerate(coefs):
                    y = a * x + b * y1[j] + c * y2[j]
                    y2[j] = y1[j]
                    y1[j] = y
                    x = y
                env = min(1.0, (start + i) / 160.0, (voiced_len - start - i) / 240.0)
                out.append(x * env)
            position += count
        position += noise_len

    peak_now = max((abs(v) for v in out), default=0.0) or 1.0
    scale = peak / peak_now
    pad = [0] * 160
    return pad + [round(v * scale) for v in out] + pad


def tone(freq_hz: float, seconds: float, amplitude: int = 9000) -> list[int]:
    """A plain sine tone (ringback, beep)."""
    count = int(SAMPLE_RATE * seconds)
    w = 2.0 * math.pi * freq_hz / SAMPLE_RATE
    return [round(amplitude * math.sin(w * n)) for n in range(count)]
