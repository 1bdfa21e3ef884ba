"""The only exceptions the rest of the app sees from the PBX layer.

Messages are written for a receptionist. None of them ever holds a URL, a query
string or a password: the IEXPBX API carries credentials in the query string.
"""

from __future__ import annotations


class PbxError(Exception):
    """Something went wrong talking to the PBX; `str()` is a readable message."""

    title = "PBX error"

    def __init__(
        self, message: str, *, status: int | None = None, server_message: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        # The PBX's own words (e.g. "Kullanıcı adı veya şifre hatalı"), when it gave any.
        self.server_message = server_message

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> tuple[object, ...]:
        # Keep pickling/copying safe and consistent with the constructor.
        return (_rebuild, (type(self), self.message, self.status, self.server_message))


def _rebuild(
    cls: type[PbxError], message: str, status: int | None, server_message: str = ""
) -> PbxError:
    err = cls.__new__(cls)
    PbxError.__init__(err, message, status=status, server_message=server_message)
    return err


class PbxAuthError(PbxError):
    """The PBX rejected the API user name or password."""

    title = "Sign-in failed"


class PbxConnectionError(PbxError):
    """The PBX could not be reached (DNS, refused, TLS, torn connection)."""

    title = "PBX unreachable"


class PbxTimeoutError(PbxConnectionError):
    """The PBX did not answer in time."""

    title = "PBX not answering"


class PbxCertificateError(PbxConnectionError):
    """The PBX's TLS certificate is untrusted or differs from the pinned one."""

    title = "Certificate problem"

    def __init__(
        self, message: str, *, fingerprint: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(message, status=status)
        self.fingerprint = fingerprint


class PbxProtocolError(PbxError):
    """The PBX answered with something that is not the API's format."""

    title = "Unexpected answer"


class PbxHttpError(PbxProtocolError):
    """The PBX (or a proxy in front of it) answered with an HTTP error status."""

    title = "PBX error"


class PbxApiError(PbxError):
    """The PBX understood the request and refused it (`success: false`)."""

    title = "PBX refused"


class PbxInputError(PbxError, ValueError):
    """The app was asked to send something the PBX must never get (not sent)."""

    title = "Invalid input"
