"""What the Settings dialog holds as entered: compared with how it opened, its unsaved changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.services.connection_check import PinnedCertificate
from desktop.ui.account.connection_page import ConnectionPage
from desktop.ui.account.extension_choice import chosen_extension
from desktop.ui.account.settings_page import SettingsPage
from desktop.ui.common.discard import discard_box

__all__ = ["discard_changes_box", "entered"]


def entered(
    connection: ConnectionPage,
    pages: Sequence[SettingsPage],
    pending_pin: PinnedCertificate | None,
) -> dict[str, Any]:
    """Everything OK would save, as it stands now.

    A page with a problem counts by its problem's text: its values mean nothing then.
    """
    state: dict[str, Any] = {
        "server_url": connection.server.text().strip(),
        "username": connection.username.text().strip(),
        "password": connection.password.text(),
        "remember": connection.remember.isChecked(),
        "extension": chosen_extension(connection.extension),
        "pbx_timezone": connection.timezone.currentText().strip(),
        "pinned": pending_pin.sha256 if pending_pin is not None else None,
    }
    for index, page in enumerate(pages):
        problem = page.problem()
        state[f"page {index}"] = problem.text if problem is not None else page.values()
    return state


def discard_changes_box(parent: QWidget) -> QMessageBox:
    """The question before unsaved changes are thrown away: Keep editing is the default."""
    # The Settings dialog's own texts: translated in its context.
    return discard_box(
        parent,
        QCoreApplication.translate("SettingsDialog", "Discard your changes?"),
        QCoreApplication.translate(
            "SettingsDialog", "The changes you made in Settings are not saved."
        ),
        QCoreApplication.translate("SettingsDialog", "&Discard"),
        QCoreApplication.translate("SettingsDialog", "&Keep editing"),
    )
