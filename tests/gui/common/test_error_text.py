"""Errors as the user reads them: one clear sentence per error code, in English or Turkish,
with the HTTP status and the PBX's own words kept, whatever the English message says."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from desktop import i18n
from desktop.cli import DialTargetError, number_from_link
from desktop.pbx.errors import (
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
from desktop.services.connection import UNEXPECTED_PROBLEM, UnexpectedConnectionProblem
from desktop.ui.common.error_text import KNOWN_DIAL_TEMPLATES, error_text, server_message

ROOT = Path(__file__).resolve().parents[3]
Install = Callable[[str], str]


@pytest.fixture
def install_language(qapp: Any) -> Iterator[Install]:
    before = QLocale()
    yield lambda setting: i18n.install(qapp, setting)
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


# Errors as the PBX layer raises them (a class's default code, or a named one); what the
# user reads.
ENGLISH = [
    (PbxTimeoutError("The PBX did not answer in time."), "The PBX did not answer in time."),
    (
        PbxConnectionError(
            "The PBX could not be reached. Check the server address and the network."
        ),
        "The PBX could not be reached. Check the server address and the network.",
    ),
    (
        PbxConnectionError("Some new wording of a lost connection."),
        "The PBX could not be reached. Check the server address and the network.",
    ),
    (
        PbxConnectionError("Torn.", code=ErrorCode.INTERRUPTED),
        "The connection to the PBX was interrupted. Try again.",
    ),
    (PbxCertificateError("Bad certificate.", fingerprint="AB:CD"), "is not trusted"),
    (PbxCertificateError("None.", code=ErrorCode.NO_CERTIFICATE), "did not present"),
    (PbxCertificateError("TLS.", code=ErrorCode.TLS_FAILED), "The secure connection"),
    (PbxProtocolError("The PBX sent an unreadable call date (xx)."), "not in the format"),
    (
        PbxHttpError("Whatever", status=503),
        "The PBX is unavailable at the moment (HTTP 503).",
    ),
    (PbxHttpError("Whatever", status=404), "no API at this address (HTTP 404)"),
    (PbxHttpError("Whatever", status=302), "redirected the request elsewhere (HTTP 302)"),
    (PbxHttpError("Whatever", status=418), "The PBX answered with an error (HTTP 418)."),
    (PbxHttpError("No status."), "The PBX answered with an error."),
    (
        PbxAuthError("The PBX rejected the user name or password (HTTP 401).", status=401),
        "The PBX rejected the user name or password (HTTP 401).",
    ),
    (
        PbxAuthError("Forbidden.", code=ErrorCode.ACCESS_DENIED, status=403),
        "The PBX refused access for this API user (HTTP 403).",
    ),
    (
        PbxAuthError(
            "The PBX rejected the user name or password (Hatalı şifre).",
            server_message="Hatalı şifre",
        ),
        "The PBX rejected the user name or password: “Hatalı şifre”",
    ),
    (PbxAuthError("Rejected."), "The PBX rejected the user name or password."),
    (
        PbxApiError(
            "The PBX refused the request: Numara bulunamadı", server_message="Numara bulunamadı"
        ),
        "The PBX refused the request: “Numara bulunamadı”",
    ),
    (
        PbxApiError("The PBX refused the request without saying why."),
        "The PBX refused the request without saying why.",
    ),
    (
        PbxApiError("None.", code=ErrorCode.NO_RECORDING),
        "The PBX has no recording for this call.",
    ),
    (
        PbxProtocolError("Not audio.", code=ErrorCode.NOT_A_RECORDING),
        "The PBX sent something that is not a recording.",
    ),
    (
        PbxProtocolError("Root <Foo>.", code=ErrorCode.UNKNOWN_DIRECTORY_FORMAT, detail="Foo"),
        "The PBX's phonebook is in a format the app does not know (Foo).",
    ),
    (
        PbxInputError("ftp://", code=ErrorCode.ADDRESS_SCHEME),
        "The server address must start with http:// or https://.",
    ),
    (
        PbxError("Disk full.", code=ErrorCode.RECORDING_NOT_SAVED),
        "The recording could not be saved in that folder",
    ),
    (PbxError("Gone.", code=ErrorCode.NOT_CONNECTED), "Not connected to the PBX."),
    (PbxInputError("That is not a valid queue name."), "some of its details are not valid"),
    (UnexpectedConnectionProblem(UNEXPECTED_PROBLEM), "An unexpected problem interrupted"),
]


@pytest.mark.parametrize(("error", "expected"), ENGLISH, ids=lambda v: repr(v)[:60])
def test_each_kind_of_error_reads_clearly_in_english(error: PbxError, expected: str) -> None:
    assert expected in error_text(error)


def test_exceptions_from_outside_the_pbx_layer_keep_their_own_text() -> None:
    assert error_text(OSError("disk full")) == "disk full"


def test_a_pbx_error_that_names_no_situation_reads_as_unexpected() -> None:
    assert error_text(PbxError("Something only the PBX layer knows.")) == (
        "An unexpected problem interrupted the connection to the PBX."
    )


def test_the_pbxs_own_words_come_from_the_error_not_its_english_text() -> None:
    error = PbxApiError("The PBX refused the request: old wording")
    error.server_message = "Kuyruk dolu"
    assert server_message(error) == "Kuyruk dolu"
    assert error_text(error) == "The PBX refused the request: “Kuyruk dolu”"
    # "(HTTP 401)" is the app's wording, not a message from the PBX.
    assert (
        server_message(
            PbxAuthError("The PBX rejected the user name or password (HTTP 401).", status=401)
        )
        == ""
    )


def test_turkish_errors_keep_the_status_and_the_pbxs_words(install_language: Install) -> None:
    install_language("tr")
    assert error_text(PbxHttpError("x", status=503)) == (
        "Santral şu anda hizmet veremiyor (HTTP 503)."
    )
    assert "(HTTP 418)" in error_text(PbxHttpError("x", status=418))
    refused = error_text(
        PbxApiError(
            "The PBX refused the request: Numara bulunamadı", server_message="Numara bulunamadı"
        )
    )
    assert refused == "Santral isteği reddetti: “Numara bulunamadı”"
    rejected = error_text(
        PbxAuthError(
            "The PBX rejected the user name or password (Bad login).", server_message="Bad login"
        )
    )
    assert rejected == "Santral kullanıcı adını veya parolayı kabul etmedi: “Bad login”"
    denied = error_text(PbxAuthError("x", status=401))
    assert denied == "Santral kullanıcı adını veya parolayı kabul etmedi (HTTP 401)."
    assert error_text(PbxTimeoutError("The PBX did not answer in time.")) == (
        "Santral zamanında yanıt vermedi."
    )
    assert "Santrale ulaşılamadı" in error_text(PbxConnectionError("new wording"))


@pytest.mark.parametrize(("error", "english"), ENGLISH, ids=lambda v: repr(v)[:60])
def test_every_kind_of_error_has_turkish(
    install_language: Install, error: PbxError, english: str
) -> None:
    install_language("tr")
    text = error_text(error)
    assert english not in text
    assert "PBX" not in text.replace("IEXPBX", "")  # "santral" in Turkish


def test_refused_dial_targets_read_in_turkish(install_language: Install) -> None:
    install_language("tr")
    for link, words in (
        ("", "Aranacak bir telefon numarası yok."),
        ("http://evil.example/", "“http:” ile başlayan bağlantılar telefon numarası değildir"),
        ("tel:+9053212345678999", "uzunluğu"),
        ("hello", "Bu bir telefon numarası değil"),
    ):
        with pytest.raises(DialTargetError) as info:
            number_from_link(link)
        assert words in error_text(info.value)
        assert "evil" not in error_text(info.value)


# ---------------------------------------------------------------- codes, not English text
def _plain(code: ErrorCode, message: str = "English for the log.") -> PbxError:
    return PbxError(message, code=code)


def _with_extras(code: ErrorCode, message: str) -> list[PbxError]:
    """The error of one code bare, with a status, with the PBX's words and with a detail."""
    return [
        PbxError(message, code=code),
        PbxError(message, code=code, status=418),
        PbxError(message, code=code, server_message="Sunucu der ki"),
        PbxError(message, code=code, detail="Dizin"),
    ]


@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda code: code.name)
def test_every_error_code_has_its_own_sentence_in_turkish(
    install_language: Install, code: ErrorCode
) -> None:
    english = error_text(_plain(code))
    assert english != "English for the log."
    install_language("tr")
    turkish = error_text(_plain(code))
    assert turkish and turkish != english
    assert "English" not in turkish
    assert "PBX" not in turkish.replace("IEXPBX", "")  # "santral" in Turkish


def test_every_error_code_reads_differently_from_the_others() -> None:
    sentences = {code: error_text(_plain(code)) for code in ErrorCode}
    assert len(set(sentences.values())) == len(ErrorCode), sentences


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("code", list(ErrorCode), ids=lambda code: code.name)
def test_rewording_the_english_message_changes_nothing_the_user_reads(
    install_language: Install, language: str, code: ErrorCode
) -> None:
    install_language(language)
    # Even an English message that is another code's sentence word for word.
    other = next(c for c in ErrorCode if c is not code)
    decoy = error_text(_plain(other))
    for first, second in zip(
        _with_extras(code, "Old wording."), _with_extras(code, decoy), strict=True
    ):
        assert error_text(first) == error_text(second)
        assert "Old wording" not in error_text(first)
    assert error_text(_plain(code, decoy)) != decoy


def test_the_sentences_never_read_an_errors_english_message() -> None:
    source = ROOT / "desktop" / "ui" / "common" / "error_text.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    read = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "message" not in read and "args" not in read


# ---------------------------------------------------------------- the lists stay true
def _first_string_arguments(path: Path, names: set[str]) -> set[str]:
    """The literal first argument of every call to one of `names` in a source file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in names
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def test_every_dial_refusal_of_the_command_line_is_translatable() -> None:
    templates = set()
    for source in ("cli.py", "services/numbers.py"):  # links, then the number rules
        templates |= _first_string_arguments(ROOT / "desktop" / source, {"DialTargetError"})
    assert len(templates) >= 10
    assert templates == KNOWN_DIAL_TEMPLATES
