"""PbxClient against real HTTP(S) servers on 127.0.0.1: transport-level behaviour."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop.pbx import (
    ErrorCode,
    PbxCertificateError,
    PbxClient,
    PbxConnectionError,
    PbxTimeoutError,
)
from desktop.pbx.tls import pem_fingerprint, pinned_context, probe_certificate

PASSWORD = "pw-Ünïcode&?=#"
GSM = bytes([0xD8] + [0x11] * 32) * 400

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def _serve(
    handler: Handler, ssl_context: ssl.SSLContext | None = None
) -> tuple[web.AppRunner, str]:
    app = web.Application()
    app.router.add_get("/api/old/get", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    scheme = "https" if ssl_context else "http"
    return runner, f"{scheme}://127.0.0.1:{port}"


@pytest.fixture
async def server() -> AsyncIterator[Callable[..., Awaitable[str]]]:
    runners: list[web.AppRunner] = []

    async def start(handler: Handler, ssl_context: ssl.SSLContext | None = None) -> str:
        runner, url = await _serve(handler, ssl_context)
        runners.append(runner)
        return url

    yield start
    for runner in runners:
        await runner.cleanup()


async def test_credentials_arrive_decoded_and_once(server: Callable[..., Awaitable[str]]) -> None:
    seen: list[dict[str, str]] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(dict(request.query))
        return web.json_response([{"success": True, "count": "0", "data": []}])

    url = await server(handler)
    async with PbxClient(url, "api user", PASSWORD) as pbx:
        assert await pbx.active_calls() == []
    assert seen == [{"username": "api user", "password": PASSWORD, "action": "activecalls"}]


async def test_torn_recording_download_leaves_no_file(
    server: Callable[..., Awaitable[str]], tmp_path: Path
) -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "audio/x-gsm"})
        response.content_length = len(GSM)
        await response.prepare(request)
        await response.write(GSM[: len(GSM) // 2])
        request.transport.close()  # type: ignore[union-attr]
        return response

    url = await server(handler)
    async with PbxClient(url, "u", PASSWORD) as pbx:
        with pytest.raises(PbxConnectionError, match=r"interrupted|cut off") as info:
            await pbx.download_recording("42", tmp_path)
    assert info.value.code in (ErrorCode.INTERRUPTED, ErrorCode.DOWNLOAD_CUT)
    assert list(tmp_path.iterdir()) == []


async def test_complete_recording_download(
    server: Callable[..., Awaitable[str]], tmp_path: Path
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(body=GSM, content_type="audio/x-gsm")

    url = await server(handler)
    progress: list[tuple[int, int | None]] = []
    async with PbxClient(url, "u", PASSWORD) as pbx:
        path = await pbx.download_recording(
            "42", tmp_path, progress=lambda d, t: progress.append((d, t))
        )
    assert path.name == "42.gsm" and path.read_bytes() == GSM
    assert progress[-1] == (len(GSM), len(GSM))
    assert [p.name for p in tmp_path.iterdir()] == ["42.gsm"]


async def test_a_hanging_server_times_out(server: Callable[..., Awaitable[str]]) -> None:
    release = asyncio.Event()

    async def handler(request: web.Request) -> web.Response:
        await release.wait()
        return web.json_response({"success": True, "data": []})

    url = await server(handler)
    try:
        async with PbxClient(url, "u", PASSWORD, timeout=0.3) as pbx:
            with pytest.raises(PbxTimeoutError, match="did not answer in time") as info:
                await pbx.extensions()
        assert info.value.code is ErrorCode.TIMEOUT
    finally:
        release.set()


async def test_nothing_listening_is_a_connection_error(unused_tcp_port: int) -> None:
    async with PbxClient(f"http://127.0.0.1:{unused_tcp_port}", "u", PASSWORD) as pbx:
        with pytest.raises(PbxConnectionError, match="could not be reached") as info:
            await pbx.queues()
    assert info.value.code is ErrorCode.UNREACHABLE


async def test_no_log_record_carries_the_password_over_real_http(
    server: Callable[..., Awaitable[str]], caplog: pytest.LogCaptureFixture, unused_tcp_port: int
) -> None:
    calls = 0

    async def handler(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return web.json_response([{"success": True, "count": 0, "data": []}])
        if calls == 2:
            return web.Response(
                status=502, text="<html>Bad gateway</html>", content_type="text/html"
            )
        return web.json_response([{"success": False, "message": "Kullanıcı adı veya şifre hatalı"}])

    caplog.set_level(logging.DEBUG)
    url = await server(handler)
    async with PbxClient(url, "u", PASSWORD) as pbx:
        await pbx.active_calls()
        for _ in range(2):
            with pytest.raises(Exception):  # noqa: B017 - any PbxError; the logs are under test
                await pbx.active_calls()
    async with PbxClient(f"http://127.0.0.1:{unused_tcp_port}", "u", PASSWORD) as pbx:
        with pytest.raises(PbxConnectionError):
            await pbx.active_calls()
    assert len(caplog.records) > 3
    for record in caplog.records:
        text = record.getMessage() + repr(record.args) + (record.exc_text or "")
        for needle in (PASSWORD, "pw-", "%C3%9Cn"):
            assert needle not in text


# ------------------------------------------------------------------ TLS
def _self_signed(common_name: str, directory: Path) -> tuple[ssl.SSLContext, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    cert_file, key_file = directory / f"{common_name}.crt", directory / f"{common_name}.key"
    cert_file.write_text(pem)
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    return ctx, pem


async def test_self_signed_certificate_probe_pin_and_change(
    server: Callable[..., Awaitable[str]], tmp_path: Path
) -> None:
    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.query.get("password", ""))
        return web.json_response([{"success": True, "count": 0, "data": []}])

    server_ctx, pem = _self_signed("pbx.local", tmp_path)
    url = await server(handler, server_ctx)

    info = await probe_certificate(url)
    assert info.system_trusted is False
    assert info.sha256 == pem_fingerprint(pem)
    assert len(info.sha256.split(":")) == 32
    assert "pbx.local" in info.subject
    assert seen == []  # probing sends nothing

    async with PbxClient(url, "u", PASSWORD) as pbx:
        with pytest.raises(PbxCertificateError, match="not trusted") as refused:
            await pbx.active_calls()
    assert refused.value.code is ErrorCode.CERTIFICATE_UNTRUSTED
    assert seen == []  # the password never left before the certificate was trusted

    async with PbxClient(url, "u", PASSWORD, verify=pinned_context(info.pem)) as pbx:
        assert await pbx.active_calls() == []
    assert seen == [PASSWORD]

    # The server's certificate changes: the old pin refuses it, before sending anything.
    _, other_pem = _self_signed("other", tmp_path)
    async with PbxClient(url, "u", PASSWORD, verify=pinned_context(other_pem)) as pbx:
        with pytest.raises(PbxCertificateError):
            await pbx.active_calls()
    assert seen == [PASSWORD]
