"""The only exceptions the rest of the app sees from the PBX layer.

Each error carries an `ErrorCode`: the situation, which the interface words in the
user's language. The English message (`str(err)`) is for the log and the terminal.
None of them ever holds a URL, a query string or a password: the IEXPBX API carries
credentials in the query string.
"""

from __future__ import annotations

import enum
from typing import Any, ClassVar


class ErrorCode(enum.Enum):
    """What went wrong, as the interface words it (one member per distinct sentence)."""

    # The PBX said no to the account.
    AUTH_REJECTED = "auth_rejected"
    ACCESS_DENIED = "access_denied"
    # The network and TLS.
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    INTERRUPTED = "interrupted"
    DOWNLOAD_CUT = "download_cut"
    TLS_FAILED = "tls_failed"
    NO_CERTIFICATE = "no_certificate"
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"
    # What the PBX answered.
    EMPTY_REPLY = "empty_reply"
    WEB_PAGE = "web_page"
    BAD_FORMAT = "bad_format"
    UNREADABLE_TEXT = "unreadable_text"
    HTTP_STATUS = "http_status"
    API_REFUSED = "api_refused"
    NO_RECORDING = "no_recording"
    NOT_A_RECORDING = "not_a_recording"
    UNKNOWN_DIRECTORY_FORMAT = "unknown_directory_format"
    # What the app was asked to send (nothing was sent).
    INVALID_ADDRESS = "invalid_address"
    ADDRESS_SCHEME = "address_scheme"
    ADDRESS_CREDENTIALS = "address_credentials"
    INVALID_PORT = "invalid_port"
    HTTPS_ONLY = "https_only"
    INVALID_CERTIFICATE = "invalid_certificate"
    INVALID_API_PATH = "invalid_api_path"
    INVALID_CHANNEL = "invalid_channel"
    INVALID_NUMBER = "invalid_number"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_DIAL_PLAN = "invalid_dial_plan"
    INVALID_IVR = "invalid_ivr"
    INVALID_ANNOUNCEMENT = "invalid_announcement"
    INVALID_CUSTOM_DATA = "invalid_custom_data"
    INVALID_INPUT = "invalid_input"
    # This computer.
    NO_RECORDINGS_FOLDER = "no_recordings_folder"
    RECORDING_NOT_SAVED = "recording_not_saved"
    # The session around the client.
    NOT_CONNECTED = "not_connected"
    CONNECTION_RENEWED = "connection_renewed"
    UNEXPECTED = "unexpected"


class PbxError(Exception):
    """Something went wrong talking to the PBX; `str()` is a readable English message."""

    title = "PBX error"
    # The code of a raise site that names none: the situation this class usually means.
    default_code: ClassVar[ErrorCode] = ErrorCode.UNEXPECTED

    def __init__(
        self,
        message: str,
        *,
        code: ErrorCode | None = None,
        status: int | None = None,
        server_message: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code if code is not None else self.default_code
        self.status = status
        # The PBX's own words (e.g. "Kullanıcı adı veya şifre hatalı"), when it gave any.
        self.server_message = server_message
        # A value the sentence for `code` shows (never a URL or a secret).
        self.detail = detail

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, code={self.code})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild without the subclass's constructor; the state restores every field.
        return (_rebuild, (type(self), self.message), dict(vars(self)))


def _rebuild(cls: type[PbxError], message: str) -> PbxError:
    err = cls.__new__(cls, message)
    PbxError.__init__(err, message)
    return err


class PbxAuthError(PbxError):
    """The PBX rejected the API user name or password."""

    title = "Sign-in failed"
    default_code = ErrorCode.AUTH_REJECTED


class PbxConnectionError(PbxError):
    """The PBX could not be reached (DNS, refused, TLS, torn connection)."""

    title = "PBX unreachable"
    default_code = ErrorCode.UNREACHABLE


class PbxTimeoutError(PbxConnectionError):
    """The PBX did not answer in time."""

    title = "PBX not answering"
    default_code = ErrorCode.TIMEOUT


class PbxCertificateError(PbxConnectionError):
    """The PBX's TLS certificate is untrusted or differs from the pinned one."""

    title = "Certificate problem"
    default_code = ErrorCode.CERTIFICATE_UNTRUSTED

    def __init__(
        self,
        message: str,
        *,
        fingerprint: str | None = None,
        code: ErrorCode | None = None,
        status: int | None = None,
        detail: str = "",
    ) -> None:
        super().__init__(message, code=code, status=status, detail=detail)
        self.fingerprint = fingerprint


class PbxProtocolError(PbxError):
    """The PBX answered with something that is not the API's format."""

    title = "Unexpected answer"
    default_code = ErrorCode.BAD_FORMAT


class PbxHttpError(PbxProtocolError):
    """The PBX (or a proxy in front of it) answered with an HTTP error status."""

    title = "PBX error"
    default_code = ErrorCode.HTTP_STATUS


class PbxApiError(PbxError):
    """The PBX understood the request and refused it (`success: false`)."""

    title = "PBX refused"
    default_code = ErrorCode.API_REFUSED


class PbxInputError(PbxError, ValueError):
    """The app was asked to send something the PBX must never get (not sent)."""

    title = "Invalid input"
    default_code = ErrorCode.INVALID_INPUT
