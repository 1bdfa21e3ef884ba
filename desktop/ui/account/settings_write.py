"""What the Settings dialog writes: the changed values not locked, the certificate to trust."""

from __future__ import annotations

from typing import Any

from desktop import settings as st
from desktop.services.connection_check import PinnedCertificate
from desktop.ui.account.saved_pin import pinned_from_settings, pins_locked

__all__ = ["pin_for", "write_changes"]


def pin_for(
    settings: st.Settings, pending: PinnedCertificate | None, url: str
) -> PinnedCertificate | None:
    """The certificate to trust at `url`: the one just trusted, else the saved one if it is
    for that server (or fixed by the administrator)."""
    if pending is not None:
        return pending
    same_server = url == settings.get(st.SERVER_URL)
    locked = pins_locked(settings)
    return pinned_from_settings(settings) if same_server or locked else None


def write_changes(
    settings: st.Settings,
    values: dict[str, Any],
    url: str | None,
    pending: PinnedCertificate | None,
    changed: set[str],
) -> None:
    """Write the values (and for a connection at `url`, its pin); add what changed to `changed`."""
    if url is not None and not pins_locked(settings):
        if pending is not None:
            values["tls_pinned_pem"] = pending.pem
            values["tls_pinned_sha256"] = pending.sha256
        elif url != settings.get(st.SERVER_URL):
            values["tls_pinned_pem"] = values["tls_pinned_sha256"] = ""
    for name, value in values.items():
        if not settings.is_locked(name) and settings.get(name) != value:
            settings.set(name, value)
            changed.add(name)
