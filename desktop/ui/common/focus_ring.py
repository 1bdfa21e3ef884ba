"""A clear ring around the widget that has keyboard focus, shown after Tab, not after a click.

Fusion marks a focused button with a faint one-pixel line a receptionist tabbing through a
dialog can't find, and a focused table with nothing at all. One ring follows the focus
instead: a small widget in the highlight colour, shaped by a mask to a two-pixel frame
just outside the focused widget (just inside where the widget touches its parent's edge,
so a table filling its page still shows it). Qt paints it from its palette: no Python
runs per paint, only once per focus change and when the ringed widget moves. A style
sheet could draw the same ring, but sheets switch every widget to the slow sheet style.

The ring is shown while the user works with the keyboard (focus last moved by Tab,
Shift+Tab or a shortcut, not by a click), on every kind of control alike: Fusion's own
one-pixel mark on text fields was too faint in dark. macOS's own style rings the focus
itself and is left to do so.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Slot
from PySide6.QtGui import QPalette, QRegion
from PySide6.QtWidgets import (
    QApplication,
    QSplitter,
    QTabBar,
    QWidget,
)
from shiboken6 import isValid

__all__ = ["RING_WIDTH", "FocusRing", "install_focus_ring"]

RING_WIDTH = 2
# What moves or hides the ringed widget, so the ring follows.
_FOLLOW = frozenset(
    {
        QEvent.Type.Move,
        QEvent.Type.Resize,
        QEvent.Type.Show,
        QEvent.Type.Hide,
        QEvent.Type.ParentChange,
    }
)


def _new_ring() -> QWidget:
    """The frame itself: filled with the palette's highlight (a live theme switch included),
    masked to a ring, deaf to the mouse."""
    ring = QWidget(None)
    ring.setObjectName("focusRing")
    ring.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    ring.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    ring.setBackgroundRole(QPalette.ColorRole.Highlight)
    ring.setAutoFillBackground(True)
    return ring


class FocusRing(QObject):
    """Follows the application's focus with one ring; `target()` is the ringed widget."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._ring: QWidget | None = None
        self._target: QWidget | None = None
        self._keyboard = False  # the user's last focus change was by keyboard
        app.focusChanged.connect(self._on_focus_changed)

    def close(self) -> None:
        """Stop following the focus and take the ring away."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_focus_changed)
        if self._target is not None and isValid(self._target):
            self._follow(self._target, False)
        if self._ring is not None and isValid(self._ring):
            self._ring.hide()
            self._ring.deleteLater()
        self._ring = self._target = None
        self.setParent(None)
        self.deleteLater()

    def target(self) -> QWidget | None:
        """The widget ringed now (the focused one or a container of its size), or None."""
        ring = self._ring
        if ring is None or not isValid(ring) or not ring.isVisible():
            return None
        return self._target

    def ring_rect(self) -> QRect | None:
        """Where the ring is, in its target's coordinates (None when not shown)."""
        target = self.target()
        ring = self._ring
        host = ring.parentWidget() if ring is not None else None
        if target is None or ring is None or host is None:
            return None
        return ring.geometry().translated(-target.mapTo(host, QPoint(0, 0)))

    @Slot(QWidget, QWidget)
    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        wanted = None
        if now is not None and self._by_keyboard(now) and _wants_ring(now):
            wanted = _outermost_cover(now)
        if wanted is self._target:
            return
        if self._target is not None and isValid(self._target):
            self._follow(self._target, False)
        self._target = wanted
        if wanted is None:
            if self._ring is not None and isValid(self._ring):
                self._ring.hide()
            return
        self._follow(wanted, True)
        self._place()

    def _by_keyboard(self, now: QWidget) -> bool:
        """Whether the user is working with the keyboard, as far as focus changes tell.

        Tab, Shift+Tab and shortcuts say so (Qt marks the window); a click says not. Focus
        moved by the app meanwhile (a list closing, a button going grey under the focus)
        keeps what was: after Enter in a drop-down list the ring comes back.
        """
        window = now.window()
        if window.windowType() == Qt.WindowType.Popup:
            return False  # a drop-down list: no ring inside it, and no change of mode
        if window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            self._keyboard = True
        elif QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._keyboard = False
        return self._keyboard

    def _follow(self, target: QWidget, on: bool) -> None:
        if on:
            target.installEventFilter(self)
        else:
            target.removeEventFilter(self)
        if isinstance(target, QTabBar):  # the ring sits on the current tab
            if on:
                target.currentChanged.connect(self._place)
            else:
                target.currentChanged.disconnect(self._place)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target and event.type() in _FOLLOW:
            self._place()
        return False

    @Slot()
    def _place(self) -> None:
        target = self._target
        if target is None or not isValid(target):
            return
        ring = self._ring
        if ring is None or not isValid(ring):
            # The ring lives among the ringed widget's siblings: it goes when they go.
            ring = self._ring = _new_ring()
        parent = _host(target)
        if parent is None or not target.isVisible():
            ring.hide()
            return
        if ring.parentWidget() is not parent:
            ring.setParent(parent)
        w = RING_WIDTH
        around = QRect(target.mapTo(parent, QPoint(0, 0)), target.size())
        if isinstance(target, QTabBar) and target.currentIndex() >= 0:
            current = target.tabRect(target.currentIndex())
            around = current.translated(target.mapTo(parent, QPoint(0, 0)))
        outer = around.adjusted(-w, -w, w, w) & parent.rect()
        ring.setGeometry(outer)
        inner = QRect(0, 0, outer.width(), outer.height()).adjusted(w, w, -w, -w)
        ring.setMask(QRegion(0, 0, outer.width(), outer.height()).subtracted(QRegion(inner)))
        ring.raise_()
        ring.show()


def _wants_ring(widget: QWidget) -> bool:
    # macOS's own style rings the focus itself, the same way.
    return widget.style().name().lower() != "macos"


def _host(target: QWidget) -> QWidget | None:
    """Where the ring can live: the target's parent, unless that is a splitter, which
    would take the ring for a pane of its own (the History table shrank to make room)."""
    parent = target.parentWidget()
    while isinstance(parent, QSplitter):
        parent = parent.parentWidget()
    return parent


def _outermost_cover(widget: QWidget) -> QWidget:
    # A table filling a stacked page: ring the page, which may have a margin around it.
    while True:
        parent = widget.parentWidget()
        if parent is None or parent.isWindow() or widget.geometry() != parent.rect():
            return widget
        widget = parent


def install_focus_ring(app: QApplication) -> FocusRing:
    """Ring the keyboard focus in every window of `app` (once, however often called)."""
    ring = app.findChild(FocusRing)
    return ring if ring is not None else FocusRing(app)
