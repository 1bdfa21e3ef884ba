"""Below the client: credentials added under httpx, and httpx failures made readable."""

from __future__ import annotations

import functools
import ssl
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import httpx

from .errors import (
    ErrorCode,
    PbxAuthError,
    PbxCertificateError,
    PbxConnectionError,
    PbxError,
    PbxHttpError,
    PbxInputError,
    PbxProtocolError,
    PbxTimeoutError,
)

P = ParamSpec("P")
R = TypeVar("R")

_STATUS_TEXT = {
    401: "The PBX rejected the user name or password (HTTP 401).",
    403: "The PBX refused access for this API user (HTTP 403).",
    404: "The PBX has no API at this address (HTTP 404). Check the server address.",
    502: "A proxy in front of the PBX could not reach it (HTTP 502).",
    503: "The PBX is unavailable at the moment (HTTP 503).",
    504: "A proxy in front of the PBX timed out (HTTP 504).",
}


def detach_errors(fn: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
    """Raise PbxErrors with no chained exception (those may hold the request URL)."""

    @functools.wraps(fn)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return await fn(*args, **kwargs)
        except PbxError as exc:
            error = exc
        raise detached(error)

    return wrapper


class CredentialTransport(httpx.AsyncBaseTransport):
    """Adds the credentials to the query below httpx, so httpx never logs or keeps them.

    httpx logs `request.url` and attaches its request to errors and responses;
    that request never holds the user name or password.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, username: str, password: str) -> None:
        self._inner = inner
        self._auth = (("username", username), ("password", password))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        params: list[tuple[str, str | int | float | bool | None]] = [
            *self._auth,
            *request.url.params.multi_items(),
        ]
        signed = httpx.Request(
            request.method,
            request.url.copy_with(query=None).copy_merge_params(params),
            headers=request.headers,
            extensions=request.extensions,
        )
        return await self._inner.handle_async_request(signed)

    async def aclose(self) -> None:
        await self._inner.aclose()

    def __repr__(self) -> str:
        return "<CredentialTransport>"


def check_status(response: httpx.Response) -> None:
    status = response.status_code
    if 200 <= status < 300:
        return
    if status in (401, 403):
        code = ErrorCode.ACCESS_DENIED if status == 403 else ErrorCode.AUTH_REJECTED
        raise PbxAuthError(_STATUS_TEXT[status], code=code, status=status)
    if 300 <= status < 400:
        raise PbxHttpError(
            f"The PBX redirected the request elsewhere (HTTP {status}). "
            "Check the server address (http or https).",
            status=status,
        )
    text = _STATUS_TEXT.get(status) or f"The PBX answered with an error (HTTP {status})."
    raise PbxHttpError(text, status=status)


def translate(exc: httpx.HTTPError | httpx.InvalidURL) -> PbxError:
    """An httpx failure as a PbxError whose message holds no URL."""
    if isinstance(exc, httpx.TimeoutException):
        return PbxTimeoutError("The PBX did not answer in time.")
    if isinstance(exc, httpx.ConnectError):
        cause: BaseException | None = exc
        while cause is not None:
            if isinstance(cause, ssl.SSLCertVerificationError):
                return PbxCertificateError(
                    "The PBX's certificate is not trusted, or it is not the certificate you "
                    "trusted before. Do not continue unless your administrator confirms a change."
                )
            if isinstance(cause, ssl.SSLError):
                return PbxCertificateError(
                    "The secure connection to the PBX failed.", code=ErrorCode.TLS_FAILED
                )
            cause = cause.__cause__ or cause.__context__
        lowered = str(exc).lower()
        if "certificate" in lowered:
            return PbxCertificateError(
                "The PBX's certificate is not trusted, or it is not the certificate you "
                "trusted before. Do not continue unless your administrator confirms a change."
            )
        if "ssl" in lowered or "tls" in lowered:
            return PbxCertificateError(
                "The secure connection to the PBX failed.", code=ErrorCode.TLS_FAILED
            )
        return PbxConnectionError(
            "The PBX could not be reached. Check the server address and the network."
        )
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return PbxConnectionError(
            "The connection to the PBX was interrupted. Try again.", code=ErrorCode.INTERRUPTED
        )
    if isinstance(exc, httpx.InvalidURL):
        # Only the query can be invalid here (the address was checked when the client
        # was made): a value far too long for a URL.
        return PbxInputError("A value sent to the PBX is too long.")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return PbxInputError(
            "The server address is not a valid web address.", code=ErrorCode.INVALID_ADDRESS
        )
    if isinstance(exc, httpx.DecodingError):
        return PbxProtocolError("The PBX's answer could not be decoded.")
    return PbxConnectionError("The connection to the PBX failed.")


def detached(error: PbxError | None) -> PbxError:
    """The error with no chained httpx exception (those carry the request and its URL)."""
    if error is None:  # pragma: no cover - callers only get here with an error
        error = PbxConnectionError("The connection to the PBX failed.")
    error.__cause__ = None
    error.__context__ = None
    error.__suppress_context__ = True
    error.__traceback__ = None
    return error
