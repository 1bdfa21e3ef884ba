"""The first field of a page the user can type in, to give it the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QTabWidget, QWidget

__all__ = ["first_field", "focus_tab_page"]


def first_field(page: QWidget) -> QWidget | None:
    """The first enabled, visible input in `page`'s tab order (not a command button), or None."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:  # the chain is a ring through the window
        if page.isAncestorOf(widget) and _takes_typing(widget):
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus_tab_page(tabs: QTabWidget, *, unless_placed: bool = False) -> None:
    """The keyboard in the first field of the page shown; on the tabs if it has none.

    With `unless_placed`, only when the window's focus is nowhere the user can see (or
    on the tabs): a second try after the window was activated must not undo a choice.
    """
    now = tabs.window().focusWidget()
    if unless_placed and now is not None and now.isVisible() and now is not tabs.tabBar():
        return
    field = first_field(tabs.currentWidget())
    (field or tabs.tabBar()).setFocus(Qt.FocusReason.OtherFocusReason)


def _takes_typing(widget: QWidget) -> bool:
    if isinstance(widget, QPushButton):
        return False  # a command, not a field
    if isinstance(widget, QLineEdit) and widget.isReadOnly():
        return False
    tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
    return tab and widget.isEnabled() and widget.isVisible()
