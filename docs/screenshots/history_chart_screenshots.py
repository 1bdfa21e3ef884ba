"""Screenshots of the History tab with its chart after loading yesterday (light, dark).

QT_QPA_PLATFORM=offscreen python docs/screenshots/history_chart_screenshots.py
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

USER, PASSWORD = "apiuser", "Sim-Şifre-42"


async def shoot(qapp: object) -> None:
    from desktop.pbx.client import PbxClient
    from desktop.services.history_ranges import QuickRange
    from desktop.simulator import SimulatorConfig, SimulatorThread
    from desktop.ui.history.history_tab import HistoryTab
    from desktop.ui.shell.theme import apply_theme

    thread = SimulatorThread(SimulatorConfig(port=0, seed=7, username=USER, password=PASSWORD))
    client = PbxClient(thread.start(), USER, PASSWORD)
    try:
        for theme, name in (("light", "history-chart"), ("dark", "history-chart-dark")):
            apply_theme(qapp, theme)  # type: ignore[arg-type]
            tab = HistoryTab()
            tab.resize(1280, 820)
            tab.set_fetch(lambda s, e, n, ivr: client.call_records(s, e, number=n, ivr_data=ivr))
            tab.show()
            task = tab.show_range(QuickRange.YESTERDAY)
            assert task is not None
            await task
            tab.chart.flush()
            tab.view.setFocus()
            await asyncio.sleep(0.3)
            tab.grab().save(str(HERE / f"{name}.png"))
            tab.close()
            tab.deleteLater()
    finally:
        await client.aclose()
        thread.stop()


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(shoot(qapp))


if __name__ == "__main__":
    main()
