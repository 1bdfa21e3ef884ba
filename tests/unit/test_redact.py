"""The log filter: query secrets, URL user-info and registered secrets never reach a handler."""

from __future__ import annotations

import logging

import pytest

from desktop.pbx import redact


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("GET /api/old/get?username=u&password=Zz9!&action=users", "Zz9!"),
        ("https://crm.example/hook?apikey=K3YSECRET&chanid=1", "K3YSECRET"),
        ("https://crm.example/hook?access_key=AK1&x=1", "AK1"),
        ("https://crm.example/hook?token=T0K", "T0K"),
        ("https://admin:hunter22@pbx.example/x", "hunter22"),
    ],
)
def test_secrets_in_text_are_masked(text: str, hidden: str) -> None:
    clean = redact.redact(text)
    assert hidden not in clean
    assert redact.MASK in clean


def test_registered_secret_is_masked_in_any_form() -> None:
    redact.register_secret("pa ss&word")
    try:
        for form in ("pa ss&word", "pa%20ss%26word", "pa+ss%26word"):
            assert "ss" not in redact.redact(f"said {form} here").replace("said", "")
    finally:
        redact.forget_secret("pa ss&word")


def test_filter_rewrites_message_args_and_exception_text() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, "HTTP Request: GET %s", ("/x?password=abc123",), None
    )
    try:
        raise ValueError("failed for /x?password=abc123")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert redact.RedactingFilter().filter(record)
    assert "abc123" not in record.getMessage()
    assert "abc123" not in (record.exc_text or "")
