"""The Dial box: its reason for refusing a number is always shown whole."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont

from desktop import i18n
from desktop.ui.calls.dial_dialog import DialDialog


@pytest.fixture(params=["en", "tr"])
def language(request, qapp):
    i18n.install(qapp, request.param)
    yield request.param
    i18n.install(qapp, "en")


@pytest.mark.parametrize("points", [9, 14, 22])
def test_the_reason_fits_at_any_font_size(qtbot, language, points) -> None:
    dialog = DialDialog()
    qtbot.addWidget(dialog)
    font = QFont(dialog.font())
    font.setPointSize(points)
    dialog.setFont(font)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.field.setText("0212 555 x")
    qtbot.wait(10)
    problem = dialog.problem()
    assert problem and (language == "en") == problem.startswith("“x” cannot be part")
    label = dialog._problem
    assert label.height() >= label.heightForWidth(label.width())
    assert dialog.rect().contains(label.geometry())
