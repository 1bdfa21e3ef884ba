"""The trusted certificate as saved in settings (or fixed by the administrator)."""

from __future__ import annotations

from desktop import settings as st
from desktop.services.connection_check import PinnedCertificate

__all__ = ["pinned_from_settings", "pins_locked"]


def pinned_from_settings(settings: st.Settings) -> PinnedCertificate | None:
    pem, sha = settings.get(st.TLS_PINNED_PEM), settings.get(st.TLS_PINNED_SHA256)
    return PinnedCertificate(pem, sha) if pem and sha else None


def pins_locked(settings: st.Settings) -> bool:
    """The administrator fixed the trusted certificate: the user may not trust another."""
    return settings.is_locked(st.TLS_PINNED_PEM) or settings.is_locked(st.TLS_PINNED_SHA256)
