"""Calling an extension whose phone is not registered asks first; No is the default."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.pbx.models import Extension
from desktop.ui.panel.operator_panel import OperatorPanel

EXTENSIONS = [
    Extension("101", "Ayşe Yılmaz", "OK (12 ms)", True, 12),
    Extension("104", "Işıl Şahin", "UNREACHABLE", False, None),
    Extension("105", "Can Öztürk", "UNREGISTERED", False, None),
]


@pytest.fixture
def panel(qtbot: Any) -> OperatorPanel:
    widget = OperatorPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.update_state(EXTENSIONS, [], [])
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


class Asked:
    """Answers the question the panel opens, as the user would, and remembers it."""

    def __init__(self, qtbot: Any, *, yes: bool) -> None:
        self.texts: list[str] = []
        self.default_was_no = False
        self._qtbot = qtbot
        self._yes = yes
        self._tries = 50  # a question that never comes is not waited for past the test

    def soon(self) -> None:
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            self._tries -= 1
            if self._tries > 0:
                QTimer.singleShot(10, self._answer)  # not open yet
            return
        self.texts.append(box.text())
        self.default_was_no = box.defaultButton() is box.button(QMessageBox.StandardButton.No)
        if self._yes:
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            self._qtbot.keyClick(box, Qt.Key.Key_Return)  # the default


def choose(panel: OperatorPanel, qtbot: Any, number: str) -> None:
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.proxy.index(panel.model.row_of(number), 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)


@pytest.mark.parametrize("number", ["104", "105"])
def test_enter_on_an_unregistered_extension_asks_and_enter_again_calls_nobody(
    panel: OperatorPanel, qtbot: Any, number: str
) -> None:
    calls: list[str] = []
    panel.call_requested.connect(calls.append)
    asked = Asked(qtbot, yes=False)
    asked.soon()
    choose(panel, qtbot, number)
    assert asked.texts == [f"Extension {number} is not registered: call anyway?"]
    assert asked.default_was_no
    assert calls == []


def test_yes_calls_the_unregistered_extension_after_all(panel: OperatorPanel, qtbot: Any) -> None:
    calls: list[str] = []
    panel.call_requested.connect(calls.append)
    asked = Asked(qtbot, yes=True)
    asked.soon()
    choose(panel, qtbot, "104")
    assert len(asked.texts) == 1
    assert calls == ["104"]


def test_a_registered_extension_is_called_without_a_question(
    panel: OperatorPanel, qtbot: Any
) -> None:
    calls: list[str] = []
    panel.call_requested.connect(calls.append)
    choose(panel, qtbot, "101")
    assert calls == ["101"]
    assert QApplication.activeModalWidget() is None
