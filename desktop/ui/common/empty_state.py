"""A calm, centred note where a list would be: what the list would show, and why not."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

__all__ = ["EmptyState"]


class EmptyState(QWidget):
    """A calm, centred note where a list would be: a title and a hint below it."""

    def __init__(self, title: str = "", hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("emptyTitle")
        self.hint = QLabel(self)
        self.hint.setObjectName("emptyHint")
        for label in (self.title, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.title.setFont(font)
        self._recolour()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addSpacing(4)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.set_text(title, hint)

    def set_text(self, title: str, hint: str = "") -> None:
        self.title.setText(title)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def text(self) -> str:
        return "\n".join(t for t in (self.title.text(), self.hint.text()) if t)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._recolour()
        super().changeEvent(event)

    def _recolour(self) -> None:
        # Muted, yet readable: the placeholder colour, not the faint "disabled" one.
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        sheet = f"QLabel#emptyHint {{ color: {muted}; }}"
        if self.hint.styleSheet() != sheet:
            self.hint.setStyleSheet(sheet)
