"""Everything that speaks the IEXPBX API (Qt-free)."""

from typing import TYPE_CHECKING, Any

from .errors import (
    ErrorCode,
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
    "ErrorCode",
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

if TYPE_CHECKING:
    from .client import PbxClient


def __getattr__(name: str) -> Any:
    # The client pulls in httpx (~0.1 s); code that needs only the errors, models or
    # the log filter (the demo PBX's thread, for one) should not wait for it.
    if name == "PbxClient":
        from .client import PbxClient

        return PbxClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
