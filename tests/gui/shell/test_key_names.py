"""Turkish menus: Qt's own texts translated, shortcuts written as the keys are labelled."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from desktop import i18n


def test_turkish_shortcuts_read_ctrl_and_qt_buttons_are_turkish(qapp) -> None:
    try:
        assert i18n.install(qapp, "tr") == "tr"
        native = QKeySequence.SequenceFormat.NativeText
        assert QKeySequence("Ctrl+Shift+D").toString(native) == "Ctrl+Shift+D"
        assert QKeySequence("Del").toString(native) == "Sil"  # Qt's translation still used
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "İptal"
    finally:
        i18n.install(qapp, "en")
