"""The error below the Settings tabs: pointing at its field, gone when that field is edited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTabWidget, QWidget

__all__ = ["FieldError", "grow_to_fit", "point_at"]


class FieldError:
    """The error line and the field it is about: any edit of that field clears it."""

    def __init__(self, label: QLabel, refit: Callable[[], None]) -> None:
        self.label = label
        self.field: QWidget | None = None
        self._refit = refit

    def watch(self, root: QWidget) -> None:
        """Notice every edit below `root`: the error may be stale after one of its field."""
        for edit in root.findChildren(QLineEdit):  # the combo and spin boxes' too
            edit.textChanged.connect(lambda _text, field=edit: self._edited(field))
        for combo in root.findChildren(QComboBox):
            combo.currentIndexChanged.connect(lambda _i, field=combo: self._edited(field))
        for button in root.findChildren(QAbstractButton):
            button.toggled.connect(lambda _on, field=button: self._edited(field))

    def show(self, text: str, field: QWidget | None = None) -> None:
        """Show (or with "" clear) the error; editing `field` clears it again."""
        self.field = field if text else None
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self._refit()

    def _edited(self, widget: QWidget) -> None:
        field = self.field
        if field is not None and (widget is field or field.isAncestorOf(widget)):
            self.show("")


def point_at(tabs: QTabWidget, widget: QWidget) -> None:
    """Show the tab holding `widget` and put the cursor there."""
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if page is not None and page.isAncestorOf(widget):
            tabs.setCurrentIndex(index)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def grow_to_fit(window: QWidget) -> None:
    """Taller if the rows shown now need it (a shown window only)."""
    # Word-wrapped rows shown later need height the window did not reserve for them.
    layout = window.layout()
    if layout is None or not window.isVisible():
        return
    layout.activate()
    needed = layout.totalHeightForWidth(window.width())
    if needed > window.height():
        window.resize(window.width(), needed)
