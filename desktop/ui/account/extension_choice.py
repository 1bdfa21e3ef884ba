"""The Settings dialog's extension box: the saved number, the PBX's list, the one chosen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

from desktop.pbx import Extension
from desktop.ui.account.connection_widgets import extension_order

__all__ = ["chosen_extension", "fill_extensions", "show_saved_extension"]


def show_saved_extension(combo: QComboBox, number: str, name: str | None) -> None:
    """The saved extension, named when its name is known (before any test lists them)."""
    if name:
        combo.addItem(f"{number} — {name}", number)
        combo.setCurrentIndex(0)
    else:
        combo.setEditText(number)


def chosen_extension(combo: QComboBox) -> str:
    """The number picked from the list, or else as typed."""
    index = combo.currentIndex()
    text = combo.currentText().strip()
    if index >= 0 and combo.itemText(index) == text:
        return str(combo.itemData(index))
    return text


def fill_extensions(combo: QComboBox, extensions: Sequence[Extension]) -> None:
    """List the PBX's extensions in order, keeping the one chosen (or typed) so far."""
    current = chosen_extension(combo)
    combo.clear()
    for ext in sorted(extensions, key=extension_order):
        label = f"{ext.number} — {ext.name}" if ext.name else ext.number
        combo.addItem(label, ext.number)
    found = combo.findData(current)
    if found >= 0:
        combo.setCurrentIndex(found)
    else:
        combo.setEditText(current)
