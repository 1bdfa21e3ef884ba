"""cdr_parse_ratio: the client's CDR parser against bare json.loads of the same reply."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta

from desktop.pbx import cdr

from .common import median_seconds

ROWS = 100_000
TARGET = 2.0

_NAMES = ["Sipariş 1042", "İade talebi", "Kampanya: Güz", "", "", "", "Test data", "VIP müşteri"]


def realistic_cdr_reply(rows: int = ROWS, seed: int = 7) -> bytes:
    """A `cdr` reply as an IEXPBX sends it: array envelope, PHP-style escaped JSON."""
    rng = random.Random(seed)
    start = datetime(2026, 10, 1, 8, 0, 0)
    data = []
    for i in range(rows):
        when = start + timedelta(seconds=i * 26 + rng.randint(0, 20))
        incoming = rng.random() < 0.6
        external = (
            f"90{rng.choice(['532', '533', '542', '212', '216'])}{rng.randint(0, 9999999):07d}"
        )
        ext = str(rng.randint(100, 140))
        disposition = rng.choices(["ANSWERED", "NO ANSWER", "BUSY", "FAILED"], [70, 18, 9, 3])[0]
        data.append(
            {
                "id": str(1_000_000 + i),
                "calldate": when.strftime("%d.%m.%Y %H:%M:%S"),
                "calltype": "incoming" if incoming else rng.choice(["outcoming", "internal"]),
                "src": external if incoming else ext,
                "dst": ext if incoming else external,
                "duration": f"{rng.randint(0, 1800)},{rng.randint(0, 99999)}",
                "disposition": disposition,
                "queue": rng.choice(["", "", "630", "632", "633"]) if incoming else "",
                "record": disposition == "ANSWERED" and rng.random() < 0.5,
                "userfield": rng.choice(_NAMES),
            }
        )
    payload = [{"success": True, "count": str(rows), "data": data}]
    # Formatted like the vendor's sample; non-ASCII escaped as PHP's json_encode does.
    return json.dumps(payload, indent=1).encode()


def run() -> dict[str, float]:
    body = realistic_cdr_reply()
    baseline, parsed = median_seconds(
        lambda: json.loads(body), lambda: cdr.call_records_from_body(body)
    )
    records = cdr.call_records_from_body(body)
    assert len(records) == ROWS, "the parser dropped rows"
    return {
        "cdr_parse_ratio": parsed / baseline,
        "cdr_reply_mb": len(body) / 1e6,
        "cdr_json_loads_s": baseline,
        "cdr_parse_s": parsed,
    }
