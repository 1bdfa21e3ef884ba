"""Every PBX error names its situation with a code that survives copying and pickling."""

from __future__ import annotations

import copy
import pickle

import httpx
import pytest

from desktop.pbx import (
    ErrorCode,
    PbxApiError,
    PbxAuthError,
    PbxCertificateError,
    PbxClient,
    PbxConnectionError,
    PbxError,
    PbxHttpError,
    PbxInputError,
    PbxProtocolError,
    PbxTimeoutError,
)
from desktop.pbx.tls import pem_fingerprint, pinned_context, probe_certificate
from desktop.services.connection import UnexpectedConnectionProblem


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (PbxError, ErrorCode.UNEXPECTED),
        (PbxAuthError, ErrorCode.AUTH_REJECTED),
        (PbxConnectionError, ErrorCode.UNREACHABLE),
        (PbxTimeoutError, ErrorCode.TIMEOUT),
        (PbxCertificateError, ErrorCode.CERTIFICATE_UNTRUSTED),
        (PbxProtocolError, ErrorCode.BAD_FORMAT),
        (PbxHttpError, ErrorCode.HTTP_STATUS),
        (PbxApiError, ErrorCode.API_REFUSED),
        (PbxInputError, ErrorCode.INVALID_INPUT),
        (UnexpectedConnectionProblem, ErrorCode.UNEXPECTED),
    ],
)
def test_an_error_raised_without_a_code_gets_its_kinds_code(
    kind: type[PbxError], code: ErrorCode
) -> None:
    assert kind("Something.").code is code
    assert kind("Something.", code=ErrorCode.TLS_FAILED).code is ErrorCode.TLS_FAILED


def test_pickling_and_copying_keep_every_field() -> None:
    errors: list[PbxError] = [
        PbxError("Plain."),
        PbxHttpError("HTTP 503.", status=503),
        PbxAuthError("Rejected.", server_message="Hatalı şifre"),
        PbxProtocolError("Root.", code=ErrorCode.UNKNOWN_DIRECTORY_FORMAT, detail="Foo"),
        PbxCertificateError("Changed.", fingerprint="AB:CD", code=ErrorCode.TLS_FAILED, status=1),
    ]
    for err in errors:
        for again in (pickle.loads(pickle.dumps(err)), copy.copy(err), copy.deepcopy(err)):
            assert type(again) is type(err)
            assert vars(again) == vars(err)
            assert (str(again), again.args) == (str(err), err.args)
    restored = pickle.loads(pickle.dumps(errors[-1]))
    assert isinstance(restored, PbxCertificateError)
    assert (restored.fingerprint, restored.code) == ("AB:CD", ErrorCode.TLS_FAILED)


def test_str_is_the_english_message_and_repr_names_the_code() -> None:
    err = PbxTimeoutError("The PBX did not answer in time.")
    assert str(err) == "The PBX did not answer in time."
    assert repr(err) == "PbxTimeoutError('The PBX did not answer in time.', code=ErrorCode.TIMEOUT)"


async def test_certificate_checks_name_what_is_wrong_before_connecting() -> None:
    for bad in (lambda: pem_fingerprint("not a certificate"), lambda: pinned_context("junk")):
        with pytest.raises(PbxInputError) as info:
            bad()
        assert info.value.code is ErrorCode.INVALID_CERTIFICATE
    with pytest.raises(PbxInputError) as info:
        await probe_certificate("http://pbx.example.com")
    assert info.value.code is ErrorCode.HTTPS_ONLY
    with pytest.raises(PbxInputError) as info:
        await probe_certificate("https://pbx.example.com:port")
    assert info.value.code is ErrorCode.INVALID_PORT


@pytest.mark.parametrize("channel", ["", "   ", "SIP/1\nX", "x" * 201])
async def test_a_channel_that_cannot_be_one_is_refused_before_sending(channel: str) -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=[{"success": True}])

    transport = httpx.MockTransport(record)
    async with PbxClient("https://pbx.example.com", "u", "p", transport=transport) as pbx:
        with pytest.raises(PbxInputError) as info:
            await pbx.hangup(channel)
    assert info.value.code is ErrorCode.INVALID_CHANNEL
    assert sent == []
