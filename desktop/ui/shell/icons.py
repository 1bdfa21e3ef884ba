"""The app's SVG icons (resources/icons), in a checkout, an install or a frozen build."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPixmap

from desktop.resources import resources_dir

log = logging.getLogger(__name__)

__all__ = ["app_icon", "icon", "icon_path", "resources_dir", "status_dot", "tray_icon"]

APP = "app"
TRAY_CONNECTED = "tray-connected"
TRAY_OFFLINE = "tray-offline"
TRAY_MISSED = "tray-missed"
CALL_END = "call-end"
CALL_INCOMING = "call-incoming"
CALL_OUTGOING = "call-outgoing"
CALL_INTERNAL = "call-internal"
DIAL = "dial"
ERROR = "error"
WARNING = "warning"
INFO = "info"
DISMISS = "dismiss"
SEARCH = "search"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@cache
def icon(name: str) -> QIcon:
    """The named icon; an empty QIcon (and one log line) if the file is missing."""
    path = icon_path(name)
    if not path.is_file():
        log.warning("Icon %s not found in %s", name, path.parent)
        return QIcon()
    return QIcon(str(path))


def app_icon() -> QIcon:
    return icon(APP)


def tray_icon(state: str, missed_calls: int = 0) -> QIcon:
    """The tray icon for a connection state, with the missed-call count on a badge."""
    if state not in ("online", "connected"):
        return icon(TRAY_OFFLINE)
    if missed_calls <= 0:
        return icon(TRAY_CONNECTED)
    return _with_count(icon(TRAY_MISSED), missed_calls)


def _with_count(base: QIcon, count: int) -> QIcon:
    """Write the count into the badge (top right) of the missed-calls icon."""
    text = str(count) if count < 10 else "9+"
    result = QIcon()
    for size in (16, 22, 24, 32, 48, 64):
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            return base
        # Digits below 22 px are unreadable: the red badge alone says it there.
        if size >= 22:
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Badge geometry mirrors tray-missed.svg: centre (18.2, 5.8), radius 5.3 of 24.
            scale = pixmap.width() / 24
            badge = QRectF(12.9 * scale, 0.5 * scale, 10.6 * scale, 10.6 * scale)
            font = QFont()
            font.setBold(True)
            font.setPixelSize(max(6, round(badge.height() * (0.72 if len(text) == 1 else 0.58))))
            painter.setFont(font)
            painter.setPen(QColor("white"))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            painter.end()
        result.addPixmap(pixmap)
    return result


def status_dot(colour: str, size: int = 10) -> QPixmap:
    """A filled circle: the connection state at a glance in the status bar."""
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    painter.end()
    return pixmap
