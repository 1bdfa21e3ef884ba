"""Recordings are real GSM 06.10 audio with something to hear; other ids answer JSON."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from conftest import Api

FRAME = 33


async def history(api: Api) -> list[dict[str, Any]]:
    return await api.rows("cdr", date1="010120000000", date2="311299992359")


def seconds(cdr_duration: str) -> float:
    return float(cdr_duration.replace(",", "."))


def sox_stat(path: Path) -> dict[str, float]:
    done = subprocess.run(
        ["sox", "-t", "gsm", "-r", "8000", "-c", "1", str(path), "-n", "stat"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    stats = {}
    for line in done.stderr.splitlines():
        m = re.match(r"(.+?):\s+(-?[\d.]+)$", line.strip())
        if m:
            stats[m.group(1).strip()] = float(m.group(2))
    return stats


@pytest.mark.asyncio
async def test_recording_is_gsm_frames_of_the_call_length(api: Api) -> None:
    row = next(r for r in await history(api) if r["record"] and seconds(r["duration"]) > 40)
    reply = await api.raw("record", id=row["id"])
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "audio/x-gsm"
    assert int(reply.headers["Content-Length"]) == len(reply.body)
    assert len(reply.body) % FRAME == 0
    assert all(reply.body[i] >> 4 == 0xD for i in range(0, len(reply.body), FRAME))
    audio_seconds = len(reply.body) / FRAME / 50
    assert 1 <= audio_seconds <= seconds(row["duration"]) + 1
    assert audio_seconds >= seconds(row["duration"]) - 45  # all but the ringing
    again = await api.raw("record", id=row["id"])
    assert again.body == reply.body


@pytest.mark.asyncio
@pytest.mark.skipif(shutil.which("sox") is None, reason="needs sox to decode GSM")
async def test_recording_decodes_and_is_not_silent(api: Api, tmp_path: Path) -> None:
    recorded = [r for r in await history(api) if r["record"]]
    for row in recorded[:3]:
        reply = await api.raw("record", id=row["id"])
        path = tmp_path / f"{row['id']}.gsm"
        path.write_bytes(reply.body)
        stats = sox_stat(path)
        assert stats["Length (seconds)"] == pytest.approx(len(reply.body) / FRAME / 50)
        assert stats["RMS     amplitude"] > 0.02, stats
        assert stats["Maximum amplitude"] < 0.99, "clipping: the decoder ran away"


@pytest.mark.asyncio
async def test_recordings_differ_between_calls(api: Api) -> None:
    ids = [r["id"] for r in await history(api) if r["record"]][:4]
    bodies = {(await api.raw("record", id=i)).body[:20_000] for i in ids}
    assert len(bodies) == len(ids)


@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["unrecorded", "unknown", "garbage", "missing"])
async def test_ids_without_recording_answer_json(api: Api, kind: str) -> None:
    rows = await history(api)
    params = {
        "unrecorded": {"id": next(r["id"] for r in rows if not r["record"])},
        "unknown": {"id": "99999999999"},
        "garbage": {"id": "../../etc/passwd"},
        "missing": {},
    }[kind]
    reply = await api.raw("record", **params)
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("application/json")
    data = reply.json()
    assert data[0]["success"] is False and data[0]["message"]
