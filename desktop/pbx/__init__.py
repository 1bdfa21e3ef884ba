"""Everything that speaks the IEXPBX API (Qt-free)."""

from .client import PbxClient
from .errors import (
    PbxApiError,
    PbxAuthError,
    PbxCertificateError,
    PbxConnectionError,
    PbxError,
    PbxHttpError,
    PbxInputError,
    PbxProtocolError,
    PbxTimeoutError,
)
from .models import ActiveCall, CallRecord, Contact, Extension, Queue

__all__ = [
    "ActiveCall",
    "CallRecord",
    "Contact",
    "Extension",
    "PbxApiError",
    "PbxAuthError",
    "PbxCertificateError",
    "PbxClient",
    "PbxConnectionError",
    "PbxError",
    "PbxHttpError",
    "PbxInputError",
    "PbxProtocolError",
    "PbxTimeoutError",
    "Queue",
]
