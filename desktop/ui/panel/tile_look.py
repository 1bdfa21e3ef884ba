"""How an extension tile looks: state colours for light and dark, symbols, and the painter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.ui.panel.tiles_model import (
    DETAIL_ROLE,
    DURATION_ROLE,
    KIND_ROLE,
    STATE_ROLE,
)
from desktop.ui.shell.theme import is_dark

_ModelIndex = QModelIndex | QPersistentModelIndex

# kind: (light background, light accent), (dark background, dark accent). The accents are
# the theme's online / connecting / offline colours; the backgrounds are pale (light) or
# deep (dark) tints of them, so the palette's own text stays readable on every tile.
_COLOURS = {
    "free": (("#f0f8f2", "#1f8a4c"), ("#21302a", "#3ccf7a")),
    "ringing": (("#fff3d1", "#b07a00"), ("#45391a", "#f2b836")),
    "talking": (("#fde8e6", "#c62828"), ("#4a2220", "#ff6b63")),
    "offline": (("#eeeff1", "#6f747c"), ("#2c2e33", "#9a9ea5")),
}

# The symbol says the state without colour: an empty ring (free), a half-filled one
# (ringing), a full dot (talking), a cross (unreachable). The queues board writes the same
# shapes as text.
SYMBOLS = {"free": "○", "ringing": "◐", "talking": "●", "offline": "✕"}

_PAD = 8
_STRIPE = 5
_GAP = 3


def state_colours(kind: str, dark: bool) -> tuple[QColor, QColor]:
    """(background, accent) for a tile of `kind` on a light or dark theme."""
    light_pair, dark_pair = _COLOURS.get(kind, _COLOURS["offline"])
    background, accent = dark_pair if dark else light_pair
    return QColor(background), QColor(accent)


def _secondary(text: QColor, background: QColor) -> QColor:
    # Between text and background, nearer the text: quieter, still readable on the tint.
    return QColor(
        (text.red() * 7 + background.red() * 3) // 10,
        (text.green() * 7 + background.green() * 3) // 10,
        (text.blue() * 7 + background.blue() * 3) // 10,
    )


def paint_symbol(
    painter: QPainter, kind: str, centre: QPointF, radius: float, colour: QColor
) -> None:
    """Draw the state's symbol (see SYMBOLS) in `colour`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.5, radius / 3))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    box = QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
    if kind == "offline":
        r = radius * 0.8
        painter.drawLine(
            QPointF(centre.x() - r, centre.y() - r), QPointF(centre.x() + r, centre.y() + r)
        )
        painter.drawLine(
            QPointF(centre.x() - r, centre.y() + r), QPointF(centre.x() + r, centre.y() - r)
        )
    elif kind == "talking":
        painter.setBrush(colour)
        painter.drawEllipse(box)
    elif kind == "ringing":
        painter.drawEllipse(box)
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPie(box, 90 * 16, 180 * 16)  # the left half, as ◐
    else:
        painter.drawEllipse(box)
    painter.restore()


class TileDelegate(QStyledItemDelegate):
    """Paints a tile from plain strings the model hands out; no widget per tile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.width = 0  # set by the view so a row of tiles fills it; 0: the narrowest

    def tile_size(self, font: QFont) -> QSize:
        """The narrowest tile that keeps a name and "Talking with …" readable."""
        metrics = QFontMetrics(font)
        width = max(200, metrics.averageCharWidth() * 28) + 2 * _PAD + _STRIPE
        height = 3 * metrics.lineSpacing() + 2 * _GAP + 2 * _PAD
        return QSize(width, height)

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:
        size = self.tile_size(option.font)
        return QSize(max(size.width(), self.width), size.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        palette = option.palette
        widget: QWidget | None = option.widget
        dark = is_dark(palette)
        kind = index.data(KIND_ROLE) or "offline"
        background, accent = state_colours(kind, dark)
        text = palette.color(QPalette.ColorRole.Text)
        quiet = _secondary(text, background)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)

        rect = QRect(option.rect).adjusted(1, 1, -1, -1)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(accent if not selected else palette.color(QPalette.ColorRole.Highlight), 1)
        )
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(rect), 6, 6)
        stripe = QRectF(rect.left(), rect.top(), _STRIPE + 3, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.setClipRect(QRectF(rect.left(), rect.top(), _STRIPE, rect.height()))
        painter.drawRoundedRect(stripe, 6, 6)
        painter.setClipping(False)
        if selected:
            # The current tile: a frame in the palette's highlight, thick enough to find.
            width = 3 if focused or widget is None or widget.hasFocus() else 2
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), width))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 6, 6)

        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        left = rect.left() + _STRIPE + _PAD
        right = rect.right() - _PAD
        top = rect.top() + _PAD
        radius = metrics.ascent() * 0.4
        paint_symbol(painter, kind, QPointF(left + radius, top + line / 2), radius, accent)

        name_font = QFont(font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(text)
        name_left = left + int(2 * radius) + 6
        name_rect = QRect(name_left, top, right - name_left, line)
        name = QFontMetrics(name_font).elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            name_rect.width(),
        )
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(name_rect, int(flags), name)

        painter.setFont(font)
        painter.setPen(quiet)
        detail_rect = QRect(left, top + line + _GAP, right - left, line)
        detail = metrics.elidedText(
            str(index.data(DETAIL_ROLE) or ""), Qt.TextElideMode.ElideRight, detail_rect.width()
        )
        painter.drawText(detail_rect, int(flags), detail)

        state_rect = QRect(left, top + 2 * (line + _GAP), right - left, line)
        duration = str(index.data(DURATION_ROLE) or "")
        if duration:
            duration_font = QFont(font)
            duration_font.setBold(True)
            painter.setFont(duration_font)
            painter.setPen(text)
            width = QFontMetrics(duration_font).horizontalAdvance(duration)
            painter.drawText(
                state_rect,
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                duration,
            )
            state_rect.setRight(state_rect.right() - width - 6)
            painter.setFont(font)
        painter.setPen(text)
        state = metrics.elidedText(
            str(index.data(STATE_ROLE) or ""), Qt.TextElideMode.ElideRight, state_rect.width()
        )
        painter.drawText(state_rect, int(flags), state)
        painter.restore()
