"""The recordings cache and decoding: only whole recordings are kept, oldest use out first."""

from __future__ import annotations

import asyncio
import os
import wave
from pathlib import Path

import pytest

from desktop.pbx.errors import PbxError, PbxProtocolError
from desktop.services.recording_audio import decode_to_pcm, save_as_wav, save_original
from desktop.services.recordings import RecordingCache, cache_key
from desktop.simulator import recordings as sim_recordings

GSM = bytes([0xD0]) + bytes(32)  # one silent-ish GSM frame


class FakeDownload:
    """Behaves like PbxClient.download_recording: writes `<id>.gsm` in the folder it is given."""

    def __init__(self, body: bytes = GSM * 100) -> None:
        self.body = body
        self.calls: list[str] = []
        self.gate: asyncio.Event | None = None
        self.seen_dirs: list[Path] = []

    async def __call__(self, call_id: str, dest: Path, *, progress=None) -> Path:  # type: ignore[no-untyped-def]
        self.calls.append(call_id)
        self.seen_dirs.append(dest)
        part = dest / f"{call_id}.gsm"
        part.write_bytes(self.body[: len(self.body) // 2])  # half written so far
        if progress is not None:
            progress(len(self.body) // 2, len(self.body))
        if self.gate is not None:
            await self.gate.wait()
        part.write_bytes(self.body)
        return part


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


async def test_download_once_then_served_from_the_cache(tmp_path: Path) -> None:
    cache = RecordingCache(tmp_path, "pbx.example.com:8443", max_bytes=10_000)
    download = FakeDownload()
    progress: list[int] = []
    path = await cache.fetch("1042", download, lambda d, t: progress.append(d))
    assert path.parent.parent == tmp_path and path.parent.name.startswith("pbx.example.com_8443-")
    assert path.name == "1042.gsm" and path.read_bytes() == GSM * 100
    assert await cache.fetch("1042", download) == path and download.calls == ["1042"]
    assert cache.get("1042") == path and cache.get("9999") is None
    assert files(tmp_path) == [str(path.relative_to(tmp_path))]  # no staging folder left
    assert progress == [1650]


def test_cache_names_hold_no_credentials_and_cannot_escape() -> None:
    assert "s3cret" not in cache_key("admin:s3cret@pbx.local")
    assert cache_key("pbx.local") == "pbx.local"
    assert "/" not in cache_key("../../etc/passwd") and not cache_key("..").startswith(".")
    assert cache_key("a/b") != cache_key("a_b")


async def test_least_recently_used_recordings_go_first(tmp_path: Path) -> None:
    cache = RecordingCache(tmp_path, "pbx", max_bytes=3 * 3300)
    download = FakeDownload()
    for call_id in ("1", "2", "3"):
        await cache.fetch(call_id, download)
    assert cache.get("1") is not None  # "1" used again: "2" is now the oldest
    await cache.fetch("4", download)
    assert [cache.path_for(c) is not None for c in "1234"] == [True, False, True, True]
    cache.max_bytes = 3300
    cache.evict(keep=cache.path_for("1"))
    assert [cache.path_for(c) is not None for c in "1234"] == [True, False, False, False]


async def test_a_cut_off_download_is_never_cached(tmp_path: Path) -> None:
    cache = RecordingCache(tmp_path, "pbx", max_bytes=10**6)

    async def torn(call_id: str, dest: Path, *, progress=None) -> Path:  # type: ignore[no-untyped-def]
        (dest / ".1042-x.part").write_bytes(GSM * 10)
        raise PbxError("The recording download was cut off. Try again.")

    with pytest.raises(PbxError):
        await cache.fetch("1042", torn)
    assert cache.get("1042") is None and files(tmp_path) == []


async def test_a_json_error_body_is_never_cached_as_a_recording(tmp_path: Path) -> None:
    cache = RecordingCache(tmp_path, "pbx", max_bytes=10**6)
    body = b'[{"success":false,"message":"Kay\xc4\xb1t bulunamad\xc4\xb1"}]'
    with pytest.raises(PbxProtocolError):
        await cache.fetch("1042", FakeDownload(body))
    assert cache.get("1042") is None and files(tmp_path) == []


async def test_cancel_stops_the_download_and_removes_the_partial_file(tmp_path: Path) -> None:
    cache = RecordingCache(tmp_path, "pbx", max_bytes=10**6)
    download = FakeDownload()
    download.gate = asyncio.Event()
    cancel = asyncio.Event()
    task = asyncio.create_task(cache.fetch("1042", download, cancel=cancel))
    while not download.seen_dirs or not any(download.seen_dirs[0].iterdir()):
        await asyncio.sleep(0)
    assert files(tmp_path)  # the half-downloaded file exists meanwhile...
    cancel.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert files(tmp_path) == [] and cache.get("1042") is None  # ...and is gone


def test_a_simulator_recording_decodes_to_pcm_of_its_length(tmp_path: Path) -> None:
    src = tmp_path / "1042.gsm"
    src.write_bytes(sim_recordings.recording(7, "1042", 12.0))
    rate, channels, pcm = decode_to_pcm(src)
    assert (rate, channels) == (8000, 1)
    assert len(pcm) == 12 * 8000 * 2  # 12 s of 16-bit samples
    loudest = max(
        abs(int.from_bytes(pcm[i : i + 2], "little", signed=True)) for i in range(0, len(pcm), 2)
    )
    assert loudest > 1000  # voices, not silence
    wav = tmp_path / "call.wav"
    save_as_wav(src, wav)
    with wave.open(str(wav)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        assert w.getnframes() == 12 * 8000
    assert decode_to_pcm(wav)[2] == pcm
    copy = tmp_path / "copy.gsm"
    save_original(src, copy)
    assert copy.read_bytes() == src.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["1042.gsm", "call.wav", "copy.gsm"]


def test_something_else_is_not_decoded(tmp_path: Path) -> None:
    bogus = tmp_path / "x.gsm"
    bogus.write_bytes(b'{"success": false}')
    with pytest.raises(PbxError):
        decode_to_pcm(bogus)
