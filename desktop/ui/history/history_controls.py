"""The History tab's controls: the period and number to load, the filters, its buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton, QWidget

from desktop.services.history import Direction, Outcome
from desktop.services.history_ranges import QuickRange

__all__ = [
    "cancel_button",
    "chart_button",
    "direction_combo",
    "export_button",
    "ivr_check",
    "load_button",
    "number_field",
    "outcome_combo",
    "quick_range_combo",
    "search_field",
]

# The texts are the tab's own: they are translated in its context ("HistoryTab").


def _choices(parent: QWidget, name: str, everything: str, *items: tuple[object, str]) -> QComboBox:
    """A combo named `name`: first `everything` (data None), then each (data, text)."""
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.addItem(everything, None)
    for data, text in items:
        combo.addItem(text, data)
    return combo


def quick_range_combo(parent: QWidget) -> QComboBox:
    """The quick periods, each item's data its QuickRange; first "Custom period" (None)."""
    return _choices(
        parent,
        QCoreApplication.translate("HistoryTab", "Quick period"),
        QCoreApplication.translate("HistoryTab", "Custom period"),
        (QuickRange.TODAY, QCoreApplication.translate("HistoryTab", "Today")),
        (QuickRange.YESTERDAY, QCoreApplication.translate("HistoryTab", "Yesterday")),
        (QuickRange.THIS_WEEK, QCoreApplication.translate("HistoryTab", "This week")),
        (QuickRange.LAST_7_DAYS, QCoreApplication.translate("HistoryTab", "Last 7 days")),
        (QuickRange.THIS_MONTH, QCoreApplication.translate("HistoryTab", "This month")),
        (QuickRange.LAST_MONTH, QCoreApplication.translate("HistoryTab", "Last month")),
    )


def number_field(parent: QWidget) -> QLineEdit:
    """The one number to ask the PBX about (empty: any)."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(QCoreApplication.translate("HistoryTab", "Any number"))
    edit.setToolTip(
        QCoreApplication.translate(
            "HistoryTab", "Ask the PBX only for calls from or to this number"
        )
    )
    edit.setAccessibleName(QCoreApplication.translate("HistoryTab", "Number"))
    edit.setClearButtonEnabled(True)
    return edit


def ivr_check(parent: QWidget) -> QCheckBox:
    """Whether to fetch what callers entered in voice menus too."""
    check = QCheckBox(QCoreApplication.translate("HistoryTab", "Include IVR data"), parent)
    check.setToolTip(
        QCoreApplication.translate("HistoryTab", "Also fetch what callers entered in voice menus")
    )
    return check


def direction_combo(parent: QWidget) -> QComboBox:
    """The directions to show, each item's data its Direction; first "All directions" (None)."""
    return _choices(
        parent,
        QCoreApplication.translate("HistoryTab", "Direction"),
        QCoreApplication.translate("HistoryTab", "All directions"),
        (Direction.INCOMING, QCoreApplication.translate("HistoryTab", "Incoming")),
        (Direction.OUTGOING, QCoreApplication.translate("HistoryTab", "Outgoing")),
        (Direction.INTERNAL, QCoreApplication.translate("HistoryTab", "Internal")),
    )


def outcome_combo(parent: QWidget) -> QComboBox:
    """The outcomes to show, each item's data its Outcome; first "All outcomes" (None)."""
    return _choices(
        parent,
        QCoreApplication.translate("HistoryTab", "Outcome"),
        QCoreApplication.translate("HistoryTab", "All outcomes"),
        (Outcome.ANSWERED, QCoreApplication.translate("HistoryTab", "Answered")),
        (Outcome.MISSED, QCoreApplication.translate("HistoryTab", "Missed")),
        (Outcome.BUSY, QCoreApplication.translate("HistoryTab", "Busy")),
        (Outcome.FAILED, QCoreApplication.translate("HistoryTab", "Failed")),
    )


def search_field(parent: QWidget) -> QLineEdit:
    """Search as you type over the loaded rows."""
    edit = QLineEdit(parent)
    edit.setPlaceholderText(QCoreApplication.translate("HistoryTab", "Search the loaded calls"))
    edit.setToolTip(QCoreApplication.translate("HistoryTab", "A number, a name or custom data"))
    edit.setAccessibleName(QCoreApplication.translate("HistoryTab", "Search the loaded calls"))
    edit.setClearButtonEnabled(True)
    return edit


def load_button(parent: QWidget) -> QPushButton:
    """Load the period (Enter in the dates or the number does the same). Not drawn as a
    default button: outside a dialog nothing makes Enter press it, and its frame looked
    like the keyboard's focus."""
    return QPushButton(QCoreApplication.translate("HistoryTab", "&Load"), parent)


def export_button(parent: QWidget) -> QPushButton:
    """Save the calls shown."""
    button = QPushButton(QCoreApplication.translate("HistoryTab", "&Export…"), parent)
    button.setToolTip(
        QCoreApplication.translate("HistoryTab", "Save the calls shown as CSV or Excel")
    )
    return button


def chart_button(parent: QWidget) -> QPushButton:
    """Show or hide the summary and chart (checked: shown)."""
    button = QPushButton(QCoreApplication.translate("HistoryTab", "Char&t"), parent)
    button.setCheckable(True)
    button.setChecked(True)
    button.setToolTip(
        QCoreApplication.translate("HistoryTab", "Show or hide the summary and chart")
    )
    return button


def cancel_button(parent: QWidget) -> QPushButton:
    """Stop a load under way."""
    button = QPushButton(QCoreApplication.translate("HistoryTab", "Ca&ncel"), parent)
    button.setToolTip(
        QCoreApplication.translate("HistoryTab", "Stop loading; the calls loaded so far stay")
    )
    return button
