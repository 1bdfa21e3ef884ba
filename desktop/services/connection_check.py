"""Opening a PBX connection, and trying one the user entered before it is saved.

`open_client` is how every connection is made: the session's (from saved settings) and the
wizard's or Settings' test (from what was typed), so a test proves what will be used.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import tzinfo

from desktop.pbx import Extension, PbxCertificateError, PbxClient, PbxError
from desktop.pbx.tls import CertificateInfo, pinned_context, probe_certificate
from desktop.server_address import normalize_fingerprint

__all__ = [
    "ConnectionCheck",
    "PinnedCertificate",
    "check_connection",
    "fetch_extensions",
    "open_client",
    "same_fingerprint",
    "verify_for",
]


@dataclass(frozen=True, slots=True)
class PinnedCertificate:
    """The one certificate the user (or the administrator) trusts for this PBX."""

    pem: str
    sha256: str


def verify_for(server_url: str, pinned: PinnedCertificate | None) -> bool | ssl.SSLContext:
    """System trust, or only the pinned certificate when there is one."""
    if pinned is not None and server_url.lower().startswith("https://"):
        return pinned_context(pinned.pem)
    return True


def same_fingerprint(a: str, b: str) -> bool:
    try:
        return normalize_fingerprint(a) == normalize_fingerprint(b)
    except ValueError:
        return False


def open_client(
    server_url: str,
    username: str,
    password: str,
    *,
    pinned: PinnedCertificate | None,
    timeout: float,
    api_path: str,
    timezone: tzinfo | None = None,
) -> PbxClient:
    """A PBX connection with the app's rules: pinned certificate or system trust."""
    return PbxClient(
        server_url,
        username,
        password,
        timeout=timeout,
        verify=verify_for(server_url, pinned),
        api_path=api_path,
        timezone=timezone,
    )


async def fetch_extensions(
    server_url: str,
    username: str,
    password: str,
    *,
    verify: bool | ssl.SSLContext,
    timeout: float,
    api_path: str,
) -> list[Extension]:
    """Sign in and read the extension list: proves the whole connection works."""
    async with PbxClient(
        server_url, username, password, timeout=timeout, verify=verify, api_path=api_path
    ) as pbx:
        return await pbx.extensions()


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """The outcome of trying the connection: extensions, or an error and maybe a certificate."""

    extensions: list[Extension] | None = None
    error: PbxError | None = None
    certificate: CertificateInfo | None = None  # to show: untrusted, or differs from the pin
    changed: bool = False  # the certificate is not the pinned one


async def check_connection(
    server_url: str,
    username: str,
    password: str,
    *,
    pinned: PinnedCertificate | None,
    timeout: float,
    api_path: str,
) -> ConnectionCheck:
    """Probe the certificate first (no credentials sent), then sign in and list extensions."""
    https = server_url.lower().startswith("https://")
    try:
        if https and pinned is None:
            info = await probe_certificate(server_url, timeout=timeout)
            if not info.system_trusted:
                return ConnectionCheck(certificate=info)
        verify = verify_for(server_url, pinned)
        extensions = await fetch_extensions(
            server_url, username, password, verify=verify, timeout=timeout, api_path=api_path
        )
    except PbxCertificateError as exc:
        if https and pinned is not None:
            try:
                info = await probe_certificate(server_url, timeout=timeout)
            except PbxError:
                return ConnectionCheck(error=exc)
            if not same_fingerprint(info.sha256, pinned.sha256):
                return ConnectionCheck(error=exc, certificate=info, changed=True)
        return ConnectionCheck(error=exc)
    except PbxError as exc:
        return ConnectionCheck(error=exc)
    return ConnectionCheck(extensions=extensions)
