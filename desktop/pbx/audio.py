"""Recognising a call recording by its content, never by its name."""

from __future__ import annotations

GSM_FRAME = 33


def sniff_recording(head: bytes) -> str | None:
    """The file extension for the first bytes of a recording ("gsm", "wav", "mp3"), or None.

    Asterisk's raw `.gsm` has no header: 33-byte frames whose first byte has the
    high nibble 0xD. WAV (any codec, GSM-in-WAV included) starts with RIFF/WAVE;
    MP3 with an ID3 tag or an MPEG audio frame sync.
    """
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:3] == b"ID3":
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and (head[1] & 0xE0) == 0xE0 and (head[1] & 0x06):
        return "mp3"
    if head and all(
        head[i] & 0xF0 == 0xD0 for i in range(0, min(len(head), GSM_FRAME * 8), GSM_FRAME)
    ):
        return "gsm"
    return None


def looks_like_json(head: bytes) -> bool:
    """A JSON error body where audio was expected (`{…}` or `[{…}]`)."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1] in (b"{", b"[")
