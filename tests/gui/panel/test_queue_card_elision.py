"""Queue cards: long queue and member names end in "…" and show in full in the tooltip."""

from __future__ import annotations

import re
from typing import Any

import pytest

from desktop.pbx.models import Extension, Queue
from desktop.ui.panel.operator_panel import OperatorPanel
from desktop.ui.panel.queue_board import QueueCard

LONG_QUEUE = "Kurumsal Müşteri Hizmetleri ve Teknik Destek Hattı (Hafta Sonu Vardiyası)"
LONG_MEMBER = "Muhammed Mustafa Abdurrahmanoğlu-Karamanlıoğulları"
EXTENSIONS = [
    Extension("101", LONG_MEMBER, "OK (12 ms)", True, 12),
    Extension("102", "Ayşe Yılmaz", "OK (8 ms)", True, 8),
]
QUEUES = [Queue("630", LONG_QUEUE, ("101", "102")), Queue("631", "Satış", ("102",))]


@pytest.fixture
def panel(qtbot: Any) -> OperatorPanel:
    widget = OperatorPanel()
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.update_state(EXTENSIONS, QUEUES, [])
    with qtbot.waitExposed(widget):
        widget.show()
    qtbot.wait(10)
    return widget


def fits(card: QueueCard) -> bool:
    """Every line of every label is as wide as the card allows, or narrower."""
    for label in (card.title, card.waiting, card.members):
        width = max(label.fontMetrics().horizontalAdvance(line) for line in plain(label))
        if width > label.contentsRect().width():
            return False
    return card.geometry().right() <= card.parentWidget().width()


def plain(label: Any) -> list[str]:
    """The label's lines as read (a rich-text label's markup left out)."""
    return re.sub(r"<[^>]+>", "", label.text().replace("<br>", "\n")).splitlines()


def test_a_long_queue_name_ends_in_an_ellipsis_with_the_full_name_on_hover(
    panel: OperatorPanel,
) -> None:
    card = panel.queue_board.cards[0]
    full_title = f"{LONG_QUEUE} (630)"
    assert card.title.text() != full_title
    assert card.title.text().endswith("…")
    assert full_title.startswith(card.title.text()[:-1])
    assert card.title.toolTip() == full_title
    assert card.accessibleName() == full_title
    assert fits(card)
    # A short name is shown whole, with no tooltip repeating it.
    short = panel.queue_board.cards[1]
    assert short.title.text() == "Satış (631)"
    assert short.title.toolTip() == ""


def test_a_long_member_name_ends_in_an_ellipsis_the_state_stays_whole(
    panel: OperatorPanel,
) -> None:
    card = panel.queue_board.cards[0]
    first, second = plain(card.members)
    assert "…" in first and first.endswith(" · free")
    assert LONG_MEMBER not in first
    assert second.endswith("Ayşe Yılmaz (102) · free")
    assert f"{LONG_MEMBER} (101) · free" in card.members.toolTip()
    assert fits(card)


def test_a_wider_board_shows_the_names_whole_again(panel: OperatorPanel, qtbot: Any) -> None:
    panel.resize(2600, 600)
    panel.splitter.setSizes([600, 2000])
    qtbot.waitUntil(lambda: panel.queue_board.cards[0].title.toolTip() == "", timeout=2000)
    card = panel.queue_board.cards[0]
    assert card.title.text() == f"{LONG_QUEUE} (630)"
    assert f"{LONG_MEMBER} (101) · free" in card.members.text()
    assert card.members.toolTip() == ""
