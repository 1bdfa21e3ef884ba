"""A non-modal message strip at the top of the window: icon, text, dismiss button.

Semantics (what a receptionist sees while the PBX keeps failing every few seconds):
- `show_message(text)` shows the banner; the same text again while it is shown changes
  nothing (no flicker, no re-announcement).
- After the user dismisses a message, the same text stays hidden however often it is
  shown again. A *different* text shows at once.
- `clear()` hides the banner and forgets what was dismissed: the problem is over, so if
  it comes back later, the user hears about it again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desktop.ui.shell import icons, theme

KINDS = ("error", "warning", "info")
_KIND_ICONS = {"error": icons.ERROR, "warning": icons.WARNING, "info": icons.INFO}


class Banner(QFrame):
    """The message strip; hidden until there is something to say."""

    dismissed = Signal()
    open_settings_requested = Signal()
    retry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._kind = "error"
        self._dismissed_text: str | None = None

        self._icon = QLabel(self)
        self._icon.setFixedSize(QSize(20, 20))
        self._text = QLabel(self)
        self._text.setWordWrap(True)
        self._text.setTextFormat(Qt.TextFormat.PlainText)
        self._text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.settings_button = QPushButton(self.tr("Open &Settings"), self)
        self.settings_button.setToolTip(self.tr("Check the connection settings"))
        self.settings_button.clicked.connect(self.open_settings_requested)
        self.settings_button.hide()
        self.retry_button = QPushButton(self.tr("&Retry"), self)
        self.retry_button.setToolTip(self.tr("Connect to the PBX again now"))
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.hide()
        self._close = QToolButton(self)
        self._close.setIcon(icons.icon(icons.DISMISS))
        self._close.setAutoRaise(True)
        self._close.setToolTip(self.tr("Dismiss this message"))
        self._close.setAccessibleName(self.tr("Dismiss"))
        self._close.clicked.connect(self.dismiss)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 4, 6)
        layout.setSpacing(8)
        layout.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self._text, 1)
        layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.settings_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    @property
    def text(self) -> str:
        """The message shown, or "" while hidden."""
        return "" if self.isHidden() else self._text.text()

    @property
    def kind(self) -> str:
        return self._kind

    def show_message(
        self,
        message: str,
        kind: str = "error",
        *,
        offer_settings: bool = False,
        offer_retry: bool = False,
    ) -> None:
        if kind not in KINDS:
            kind = "error"
        if message == self._dismissed_text:
            return
        self._dismissed_text = None
        self.settings_button.setVisible(offer_settings)
        self.retry_button.setVisible(offer_retry)
        if self._text.text() != message or self._kind != kind:
            self._kind = kind
            self._text.setText(message)
            self._icon.setPixmap(icons.icon(_KIND_ICONS[kind]).pixmap(20, 20))
            self._text.setAccessibleName(message)
            self._restyle()
        self.setHidden(False)

    def dismiss(self) -> None:
        """The user closed it: hide, and keep this text hidden until `clear()`."""
        if self.isHidden():
            return
        self._dismissed_text = self._text.text()
        self.hide()
        self.dismissed.emit()

    def clear(self) -> None:
        self._dismissed_text = None
        self._text.clear()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        background, border, text = theme.banner_colours(self._kind, theme.is_dark(self.window()))
        # Style only this frame and its text; a global selector would leak into the button.
        sheet = (
            f"QFrame#banner {{ background: {background}; border: 1px solid {border};"
            f" border-radius: 6px; }}"
            f" QFrame#banner QLabel {{ color: {text}; background: transparent; }}"
            f" QFrame#banner QPushButton {{ color: {text}; background: transparent;"
            f" border: 1px solid {border}; border-radius: 4px; padding: 3px 10px; }}"
            f" QFrame#banner QPushButton:hover {{ border-color: {text}; }}"
            f" QFrame#banner QPushButton:focus {{ border: 2px solid {text}; }}"
        )
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
