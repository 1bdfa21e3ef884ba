"""A masked callback between a number and itself is refused, with the reason shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.calls.callback_dialog import CallbackDialog


@pytest.fixture
def dialog(qtbot: Any) -> CallbackDialog:
    d = CallbackDialog(
        rules=NumberRules("TR"), outgoing=OutgoingFormat.AS_TYPED, last_dial_plan="maskeli"
    )
    qtbot.addWidget(d)
    with qtbot.waitExposed(d):
        d.show()
    return d


@pytest.mark.parametrize(
    "second", ["0532 111 22 33", "+90 (532) 111-22-33", "905321112233"], ids=str.strip
)
def test_the_same_number_twice_is_refused_and_nothing_is_sent(
    dialog: CallbackDialog, qtbot: Any, second: str
) -> None:
    qtbot.keyClicks(dialog.number1_field, "0532 111 22 33")
    qtbot.keyClicks(dialog.number2_field, second)
    assert dialog.problem() == (
        "Second number: the same as the first. A callback connects two different numbers."
    )
    assert dialog._problem.isVisible()
    assert not dialog._ok.isEnabled()
    assert dialog.preview() == ""  # nothing would be sent
    qtbot.keyClick(dialog.number2_field, Qt.Key.Key_Return)
    assert dialog.result() != QDialog.DialogCode.Accepted
    with pytest.raises(DialTargetError):
        dialog.values()


def test_a_different_second_number_clears_the_refusal(dialog: CallbackDialog, qtbot: Any) -> None:
    dialog.number1_field.setText("0532 111 22 33")
    dialog.number2_field.setText("0532 111 22 33")
    assert dialog.problem().startswith("Second number: the same as the first")
    dialog.number2_field.setText("0212 555 01 00")
    assert dialog.problem() == ""
    assert dialog._ok.isEnabled()
    qtbot.keyClick(dialog.number2_field, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.values().number1, dialog.values().number2) == ("05321112233", "02125550100")
