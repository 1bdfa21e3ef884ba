"""TLS for on-prem PBXs: probing a certificate and pinning exactly that one.

Many PBXs use self-signed certificates. The user is shown the SHA-256
fingerprint and may trust exactly that certificate; from then on it is the only
one accepted (a changed certificate fails the handshake before any credential
is sent).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from .errors import (
    ErrorCode,
    PbxCertificateError,
    PbxConnectionError,
    PbxInputError,
    PbxTimeoutError,
)


@dataclass(frozen=True, slots=True)
class CertificateInfo:
    """What the user needs to decide whether to trust a server's certificate."""

    pem: str
    sha256: str  # "AB:CD:…" upper-case hex pairs
    subject: str
    issuer: str
    expires: datetime | None
    system_trusted: bool


def fingerprint(der: bytes) -> str:
    """SHA-256 fingerprint as colon-separated upper-case hex pairs."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def pem_fingerprint(pem: str) -> str:
    """Fingerprint of a PEM certificate; PbxInputError when it is not one."""
    try:
        return fingerprint(ssl.PEM_cert_to_DER_cert(pem.strip()))
    except (ValueError, TypeError):
        raise PbxInputError(
            "The stored certificate is not valid.", code=ErrorCode.INVALID_CERTIFICATE
        ) from None


def pinned_context(pem: str) -> ssl.SSLContext:
    """An SSL context that trusts this one certificate and nothing else.

    The host name is not checked: the pin is stronger than a name (self-signed
    PBX certificates rarely carry the name users type).
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_REQUIRED
    # The pinned certificate may be a leaf signed by a private CA: accept it as anchor.
    ctx.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    try:
        ctx.load_verify_locations(cadata=pem)
    except (ssl.SSLError, ValueError):
        raise PbxInputError(
            "The stored certificate is not valid.", code=ErrorCode.INVALID_CERTIFICATE
        ) from None
    return ctx


def _host_port(base_url: str) -> tuple[str, int]:
    parts = urlsplit(base_url)
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise PbxInputError(
            "Only https:// servers have a certificate to check.", code=ErrorCode.HTTPS_ONLY
        )
    try:
        port = parts.port or 443
    except ValueError:
        raise PbxInputError(
            "The server address has an invalid port.", code=ErrorCode.INVALID_PORT
        ) from None
    return parts.hostname, port


async def probe_certificate(base_url: str, *, timeout: float = 10.0) -> CertificateInfo:
    """Fetch the server's certificate without sending anything else (no credentials)."""
    host, port = _host_port(base_url)
    system_trusted = True
    der: bytes | None = None
    for verify in (True, False):
        ctx = ssl.create_default_context()
        if not verify:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        try:
            _reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=ctx, server_hostname=host), timeout
            )
        except ssl.SSLCertVerificationError:
            system_trusted = False
            continue
        except TimeoutError:
            raise PbxTimeoutError("The PBX did not answer in time.") from None
        except ssl.SSLError:
            raise PbxCertificateError(
                "The secure connection to the PBX failed.", code=ErrorCode.TLS_FAILED
            ) from None
        except OSError:
            raise PbxConnectionError(
                "The PBX could not be reached. Check the server address and the network."
            ) from None
        try:
            ssl_obj = writer.get_extra_info("ssl_object")
            der = ssl_obj.getpeercert(binary_form=True) if ssl_obj else None
        finally:
            writer.close()
            with contextlib.suppress(OSError, ssl.SSLError):
                await writer.wait_closed()
        break
    if not der:
        raise PbxCertificateError(
            "The PBX did not present a certificate.", code=ErrorCode.NO_CERTIFICATE
        )
    return _describe(der, system_trusted)


def _describe(der: bytes, system_trusted: bool) -> CertificateInfo:
    pem = ssl.DER_cert_to_PEM_cert(der)
    subject = issuer = ""
    expires: datetime | None = None
    try:  # optional details; the fingerprint is what matters
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        subject = cert.subject.rfc4514_string()
        issuer = cert.issuer.rfc4514_string()
        expires = cert.not_valid_after_utc
    except Exception:  # noqa: S110 - cryptography missing or an odd certificate
        pass
    if expires is not None and expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return CertificateInfo(pem, fingerprint(der), subject, issuer, expires, system_trusted)
