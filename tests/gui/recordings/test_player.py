"""The recordings pane against a simulated PBX: download, cache, play, seek, speed, Save as."""

from __future__ import annotations

import asyncio
import wave
from collections.abc import Coroutine
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QFileDialog, QSlider

from desktop.pbx.client import PbxClient
from desktop.services.recording_audio import decode_to_pcm
from desktop.services.recordings import RecordingCache
from desktop.simulator import recordings as sim_recordings
from desktop.ui.recordings.pane import RecordingPane
from desktop.ui.recordings.player import RecordingPlayer, time_text

PLAYING = QMediaPlayer.PlaybackState.PlayingState
PAUSED = QMediaPlayer.PlaybackState.PausedState


def run(qtbot: Any, coro: Coroutine[Any, Any, Any], timeout: int = 20000) -> Any:
    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=timeout)
    return task.result()


@pytest.fixture
def pbx(qtbot: Any, simulator: Any) -> Any:
    client = PbxClient(simulator.base_url, simulator.username, simulator.password)
    yield client
    run(qtbot, client.aclose())


def recorded_call(qtbot: Any, pbx: PbxClient) -> str:
    """A call of today or yesterday with a recording: a short one, so tests stay quick."""
    today = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    records = run(qtbot, pbx.call_records(today - timedelta(days=1), datetime.now()))
    recorded = [r for r in records if r.has_recording and r.duration >= timedelta(seconds=5)]
    assert recorded, "the simulator has no recorded call for today or yesterday"
    return min(recorded, key=lambda r: r.duration).id


class CountingDownload:
    """The client's download_recording, counted (and held back until `gate` is set)."""

    def __init__(self, pbx: PbxClient, gate: asyncio.Event | None = None) -> None:
        self.pbx = pbx
        self.gate = gate
        self.calls = 0

    async def __call__(self, call_id: str, dest_dir: Path, *, progress: Any = None) -> Path:
        self.calls += 1
        path = await self.pbx.download_recording(call_id, dest_dir, progress=progress)
        if self.gate is not None:
            await self.gate.wait()  # a slow link: the file is there but not yet handed over
        return path


def cache_files(cache: RecordingCache) -> list[Path]:
    return [p for p in cache.root.rglob("*") if p.is_file()]


def shown_pane(qtbot: Any) -> RecordingPane:
    pane = RecordingPane()
    qtbot.addWidget(pane)
    pane.resize(560, 160)
    pane.show()
    qtbot.waitExposed(pane)
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow)
    return pane


def test_a_recording_downloads_is_cached_and_plays(
    qtbot: Any, pbx: PbxClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    call_id = recorded_call(qtbot, pbx)
    cache = RecordingCache(tmp_path / "cache", "pbx.example", 50 * 1024 * 1024)
    download = CountingDownload(pbx)
    pane = shown_pane(qtbot)
    pane.set_source(download, cache)
    progress: list[tuple[int, int]] = []
    assert pane.downloader is not None
    pane.downloader.progress.connect(lambda done, total: progress.append((done, total)))
    player = pane.player

    task = pane.play_recording(call_id, "Yesterday 14:02, 0212 555 01 01")
    assert task is not None and pane.progress_row.isVisible()
    qtbot.waitUntil(task.done, timeout=20000)
    task.result()

    cached = cache.get(call_id)
    assert cached is not None and cached.suffix == ".gsm"
    assert download.calls == 1
    assert progress and progress[-1][0] == progress[-1][1] == cached.stat().st_size
    assert pane.progress_bar.value() == pane.progress_bar.maximum() > 0
    assert not pane.progress_row.isVisible()
    assert player.title_label.text() == "Yesterday 14:02, 0212 555 01 01"

    qtbot.waitUntil(lambda: player.media.playbackState() == PLAYING, timeout=5000)
    first = player.media.position()
    qtbot.waitUntil(lambda: player.media.position() > first + 200, timeout=5000)
    qtbot.waitUntil(lambda: player.elapsed_label.text() != "0:00", timeout=5000)

    rate, channels, pcm = decode_to_pcm(cached)
    pcm_seconds = len(pcm) / 2 / channels / rate
    qtbot.waitUntil(lambda: player.media.duration() > 0, timeout=5000)
    assert abs(player.media.duration() / 1000 - pcm_seconds) <= 0.2
    assert player.total_label.text() == time_text(player.media.duration())

    # Seeking: a page step on the slider (a click beside the handle) jumps ahead.
    player.seek(0)
    qtbot.waitUntil(lambda: player.media.position() < 1000, timeout=5000)
    player.seek_slider.setPageStep(3000)
    player.seek_slider.triggerAction(QSlider.SliderAction.SliderPageStepAdd)
    qtbot.waitUntil(lambda: player.media.position() >= 3000, timeout=5000)

    # Speed.
    player.speed_combo.setCurrentIndex(player.speed_combo.findData(1.5))
    assert player.media.playbackRate() == 1.5
    player.speed_combo.setCurrentIndex(player.speed_combo.findData(0.5))
    assert player.media.playbackRate() == 0.5

    # Space toggles playback while the player (or one of its controls) has focus.
    player.seek_slider.setFocus()
    qtbot.waitUntil(player.seek_slider.hasFocus)
    qtbot.keyClick(player.seek_slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.media.playbackState() == PAUSED, timeout=3000)
    assert player.play_button.accessibleName() == "Play"
    qtbot.keyClick(player.seek_slider, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: player.media.playbackState() == PLAYING, timeout=3000)
    assert player.play_button.accessibleName() == "Pause"

    # Played again: from the cache, at once, without asking the PBX.
    player.stop()
    assert pane.play_recording(call_id, "again") is None
    assert download.calls == 1
    qtbot.waitUntil(lambda: player.media.playbackState() == PLAYING, timeout=5000)

    # Save as… WAV: 16-bit PCM at 8 kHz, mono, every sample of the recording.
    wav_path = tmp_path / "out" / "call.wav"
    wav_path.parent.mkdir()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(wav_path), player.tr("WAV audio (*.wav)")),
    )
    player.save_button.click()
    with wave.open(str(wav_path), "rb") as saved:
        assert (saved.getframerate(), saved.getnchannels(), saved.getsampwidth()) == (8000, 1, 2)
        assert saved.getnframes() == len(pcm) // 2
    # …and the original, byte for byte, under the name given.
    original = tmp_path / "out" / "call-original"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (
            str(original),
            player.tr("Recording as it came (*.{ext})").format(ext="gsm"),
        ),
    )
    player.save_button.click()
    assert original.read_bytes() == cached.read_bytes()
    assert sorted(p.name for p in wav_path.parent.iterdir()) == ["call-original", "call.wav"]


def test_cancel_during_a_slow_download_keeps_nothing(
    qtbot: Any, pbx: PbxClient, tmp_path: Path
) -> None:
    call_id = recorded_call(qtbot, pbx)
    cache = RecordingCache(tmp_path / "cache", "pbx.example", 50 * 1024 * 1024)
    gate = asyncio.Event()
    download = CountingDownload(pbx, gate)
    pane = shown_pane(qtbot)
    pane.set_source(download, cache)
    staged: list[Path] = []

    task = pane.play_recording(call_id, "slow")
    assert task is not None
    # The whole file has arrived in the download's folder, but is not handed over yet.
    qtbot.waitUntil(lambda: bool(staged.extend(cache_files(cache)) or staged), timeout=20000)
    assert pane.progress_row.isVisible() and pane.cancel_button.isEnabled()
    qtbot.mouseClick(pane.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.done, timeout=5000)

    assert cache_files(cache) == []
    assert cache.get(call_id) is None
    assert not pane.progress_row.isVisible()
    assert pane.message_label.isVisible() and pane.message_label.text() == "Download cancelled."
    assert pane.player.path is None
    assert pane.player.media.playbackState() != PLAYING
    gate.set()

    # Asked again, it downloads afresh and plays.
    download.gate = None
    task = pane.play_recording(call_id, "again")
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20000)
    assert download.calls == 2 and cache.get(call_id) is not None
    assert not pane.message_label.isVisible()
    qtbot.waitUntil(lambda: pane.player.media.playbackState() == PLAYING, timeout=5000)


def test_a_call_without_a_recording_is_said_plainly(
    qtbot: Any, pbx: PbxClient, tmp_path: Path
) -> None:
    cache = RecordingCache(tmp_path / "cache", "pbx.example", 50 * 1024 * 1024)
    pane = shown_pane(qtbot)
    pane.set_source(CountingDownload(pbx), cache)
    task = pane.play_recording("1.0000000000", "none")
    assert task is not None
    qtbot.waitUntil(task.done, timeout=20000)
    # The PBX's own words ("Kayıt bulunamadı": no recording found), in a sentence.
    assert pane.message_label.isVisible()
    assert "Kayıt bulunamadı" in pane.message_label.text()
    assert cache_files(cache) == []
    assert pane.player.path is None


def test_without_a_connection_the_pane_says_so(qtbot: Any) -> None:
    pane = shown_pane(qtbot)
    assert pane.play_recording("1700000000.1", "x") is None
    assert "connected" in pane.message_label.text()


def test_a_file_that_is_not_a_recording_shows_a_message(qtbot: Any, tmp_path: Path) -> None:
    bad = tmp_path / "1.gsm"
    bad.write_text('{"status": "error"}')
    player = RecordingPlayer()
    qtbot.addWidget(player)
    states: list[str] = []
    player.state_changed.connect(states.append)
    player.load(bad, "broken")
    player.play()
    assert player.error_label.isVisibleTo(player)
    assert player.error_label.text() == "This file is not a recording that can be played."
    assert states == ["error"]
    assert not player.play_button.isEnabled() and not player.save_button.isEnabled()
    assert player.media.playbackState() != PLAYING


def test_when_the_backend_cannot_play_gsm_the_decoded_pcm_plays(qtbot: Any, tmp_path: Path) -> None:
    gsm = tmp_path / "1700000000.7.gsm"
    gsm.write_bytes(sim_recordings.recording(7, "1700000000.7", 4.0))
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.load(gsm, "fallback")
    player.play()
    qtbot.waitUntil(lambda: player.media.playbackState() == PLAYING, timeout=5000)
    # A backend without a GSM decoder reports a format error (Qt's FFmpeg backend has one).
    player.media.errorOccurred.emit(QMediaPlayer.Error.FormatError, "unsupported codec")
    assert player.playing_pcm
    assert player.media.source().toLocalFile().endswith(".wav")
    qtbot.waitUntil(lambda: player.media.playbackState() == PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: abs(player.media.duration() - 4000) <= 200, timeout=5000)
    assert not player.error_label.isVisibleTo(player)
    assert player.path == gsm  # Save as… still offers the recording as it came
    wav_dir = Path(player.media.source().toLocalFile()).parent
    player.unload()
    assert player.path is None and not player.play_button.isEnabled()
    qtbot.waitUntil(lambda: player.media.source().isEmpty())
    qtbot.waitUntil(lambda: not wav_dir.exists())  # once the backend let go of it


def test_when_even_the_decoded_pcm_fails_the_player_says_why(qtbot: Any, tmp_path: Path) -> None:
    gsm = tmp_path / "1700000000.8.gsm"
    gsm.write_bytes(sim_recordings.recording(7, "1700000000.8", 2.0))
    player = RecordingPlayer()
    qtbot.addWidget(player)
    states: list[str] = []
    player.state_changed.connect(states.append)
    player.load(gsm, "no sound")
    player.play()
    player.media.errorOccurred.emit(QMediaPlayer.Error.FormatError, "unsupported codec")
    assert player.playing_pcm
    player.media.errorOccurred.emit(QMediaPlayer.Error.ResourceError, "no output")
    assert player.error_label.isVisibleTo(player)
    assert "sound output" in player.error_label.text()
    assert states[-1] == "error"
    assert player.save_button.isEnabled()


def test_without_a_sound_output_the_player_says_why_nothing_is_heard(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.ui.recordings import player as player_module

    monkeypatch.setattr(player_module.QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    gsm = tmp_path / "1700000000.8.gsm"
    gsm.write_bytes(sim_recordings.recording(8, "1700000000.8", 2.0))
    player = RecordingPlayer()
    qtbot.addWidget(player)
    player.load(gsm, "silent desk")
    player.play()
    assert player.notice_label.isVisibleTo(player)
    assert "No sound output" in player.notice_label.text()
    assert not player.error_label.isVisibleTo(player)  # a notice, not an error
