"""What Test connection found, on the Connection tab: the extensions, a certificate, or why not."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.services.connection_check import ConnectionCheck, PinnedCertificate
from desktop.ui.account.connection_page import ConnectionPage
from desktop.ui.account.connection_widgets import connected_text, tone
from desktop.ui.account.extension_choice import fill_extensions
from desktop.ui.common.error_text import error_text

__all__ = ["show_check"]


def show_check(
    page: ConnectionPage,
    check: ConnectionCheck,
    *,
    can_trust: bool,
    previous: PinnedCertificate | None,
) -> None:
    """Show `check` on `page`; `previous` is the certificate trusted so far (or None)."""
    if check.certificate is not None:
        page.certificate.show_certificate(
            check.certificate, changed=check.changed, can_trust=can_trust, previous=previous
        )
    if check.extensions is not None:
        fill_extensions(page.extension, check.extensions)
        page.test_result.setStyleSheet(tone("ok"))
        page.test_result.setText(connected_text(len(check.extensions)))
    elif check.error is not None:
        page.test_result.setStyleSheet(tone("error"))
        page.test_result.setText(error_text(check.error))
    else:
        page.test_result.setStyleSheet(tone("warning"))
        # The Settings dialog's own text: translated in its context.
        page.test_result.setText(
            QCoreApplication.translate(
                "SettingsDialog", "Check the certificate below before connecting."
            )
        )
