"""How the player shows itself: the play/pause icon, m:ss times, inline message colours."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from desktop.ui.shell import theme

__all__ = ["media_icon", "message_style", "time_text"]


def message_style(kind: str, widget: QWidget) -> str:
    """The style sheet of an inline message of `kind` ("error" | "info"), light or dark."""
    background, border, text = theme.banner_colours(kind, theme.is_dark(widget))
    return (
        f"background: {background}; border: 1px solid {border}; color: {text};"
        " border-radius: 4px; padding: 4px 8px;"
    )


def time_text(ms: int) -> str:
    """A position or length as m:ss (minutes keep counting past an hour: 75:02)."""
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def media_icon(pause: bool, colour: QColor) -> QIcon:
    """A play triangle or pause bars in `colour` (sharp at any screen scale)."""
    pixmap = QPixmap(96, 96)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if pause:
        painter.drawRoundedRect(QRectF(22, 16, 18, 64), 3, 3)
        painter.drawRoundedRect(QRectF(56, 16, 18, 64), 3, 3)
    else:
        painter.drawPolygon(QPolygonF([QPointF(26, 14), QPointF(82, 48), QPointF(26, 82)]))
    painter.end()
    return QIcon(pixmap)
