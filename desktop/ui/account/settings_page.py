"""What every page of the Settings dialog offers: load, check, and the values entered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QFormLayout, QWidget

from desktop import settings as st
from desktop.ui.account.connection_widgets import mark_locked

__all__ = ["Problem", "SettingsPage", "page_form"]


@dataclass(frozen=True)
class Problem:
    """Why the page's input cannot be saved, and the field to point at."""

    text: str
    widget: QWidget


class SettingsPage(QWidget):
    """One tab of the Settings dialog; OK saves nothing while any page has a problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked: set[str] = set()  # names the administrator fixed: never checked

    def lock(self, settings: st.Settings, name: str, *widgets: QWidget) -> None:
        """Grey the widgets of a setting the administrator locked, and remember it."""
        mark_locked(settings, name, *widgets)
        if settings.is_locked(name):
            self.locked.add(name)

    def load(self, settings: st.Settings) -> None:
        """Show the saved values; settings the administrator locked are disabled."""

    def problem(self) -> Problem | None:
        """The first input that cannot be saved, or None."""
        return None

    def values(self) -> dict[str, Any]:
        """The values entered, by setting name (call after `problem()` found none)."""
        return {}


def page_form(page: QWidget) -> QFormLayout:
    """A form that grows its fields to the page's width on every platform."""
    form = QFormLayout(page)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form
