"""PBX and dialling errors as sentences a receptionist reads, in the interface language.

The Qt-free layers describe their errors in English (for the log and the terminal). The
window, the wizard and the settings dialog show `error_text(err)` instead: a translated
sentence for each kind of error, with the HTTP status or the PBX's own words where there
are some. Messages the Qt-free layers use word for word are listed here (marked for
`lupdate`) and shown translated as they are; any other message of a known kind gets its
kind's sentence, and an unknown exception its own text.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.cli import DialTargetError
from desktop.pbx.errors import (
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
from desktop.services.connection import UnexpectedConnectionProblem

__all__ = ["error_text", "server_message"]

_CONTEXT = "ErrorText"

# The wording of desktop/pbx and desktop/services/connection.py, translated as is.
KNOWN_PBX_MESSAGES = frozenset(
    {
        QT_TRANSLATE_NOOP("ErrorText", "The PBX did not answer in time."),
        QT_TRANSLATE_NOOP(
            "ErrorText", "The PBX could not be reached. Check the server address and the network."
        ),
        QT_TRANSLATE_NOOP("ErrorText", "The connection to the PBX was interrupted. Try again."),
        QT_TRANSLATE_NOOP("ErrorText", "The recording download was cut off. Try again."),
        QT_TRANSLATE_NOOP("ErrorText", "The secure connection to the PBX failed."),
        QT_TRANSLATE_NOOP("ErrorText", "The PBX did not present a certificate."),
        QT_TRANSLATE_NOOP("ErrorText", "The PBX has no recording for this call."),
        QT_TRANSLATE_NOOP("ErrorText", "The PBX sent an empty answer."),
        QT_TRANSLATE_NOOP(
            "ErrorText",
            "The PBX sent a web page instead of data. A proxy or the PBX's web server "
            "may be failing.",
        ),
        QT_TRANSLATE_NOOP("ErrorText", "The server address is not a valid web address."),
        QT_TRANSLATE_NOOP("ErrorText", "The server address must start with http:// or https://."),
        QT_TRANSLATE_NOOP(
            "ErrorText", "The server address must not contain a user name, password or query."
        ),
        QT_TRANSLATE_NOOP("ErrorText", "The server address has an invalid port."),
        QT_TRANSLATE_NOOP("ErrorText", "Only https:// servers have a certificate to check."),
        QT_TRANSLATE_NOOP("ErrorText", "The stored certificate is not valid."),
        QT_TRANSLATE_NOOP("ErrorText", "The API path must start with '/' and hold no query."),
        QT_TRANSLATE_NOOP("ErrorText", "That is not a valid call channel."),
        QT_TRANSLATE_NOOP("ErrorText", "That is not a valid phone number."),
        QT_TRANSLATE_NOOP("ErrorText", "That is not a valid extension."),
        QT_TRANSLATE_NOOP("ErrorText", "The folder for recordings does not exist."),
    }
)

# The sentences of desktop/cli.py (DialTargetError.template), translated as is.
KNOWN_DIAL_TEMPLATES = frozenset(
    {
        QT_TRANSLATE_NOOP("ErrorText", "There is no phone number to dial."),
        QT_TRANSLATE_NOOP("ErrorText", "The phone number is too long."),
        QT_TRANSLATE_NOOP(
            "ErrorText",
            "That is not a phone number: only digits, a leading +, * and # can be dialled.",
        ),
        QT_TRANSLATE_NOOP("ErrorText", "The link is too long to be a phone number."),
        QT_TRANSLATE_NOOP("ErrorText", "The link contains control characters."),
        QT_TRANSLATE_NOOP(
            "ErrorText",
            "Links starting with “{scheme}:” are not phone numbers "
            "(tel:, callto: and sip: links are).",
        ),
        QT_TRANSLATE_NOOP("ErrorText", "An international number cannot contain * or #."),
        QT_TRANSLATE_NOOP("ErrorText", "That is not a valid international phone number."),
        QT_TRANSLATE_NOOP(
            "ErrorText", "That international number has the wrong length for its country."
        ),
        QT_TRANSLATE_NOOP("ErrorText", "The link is encoded in a way a phone number never is."),
        QT_TRANSLATE_NOOP("ErrorText", "The link has settings a phone link cannot have."),
    }
)

# How desktop/pbx/wire.py words a refusal that carries the PBX's own message.


def error_text(err: BaseException) -> str:
    """What went wrong, as one or two translated sentences for the user."""
    if isinstance(err, DialTargetError):
        if err.template in KNOWN_DIAL_TEMPLATES:
            return QCoreApplication.translate(_CONTEXT, err.template).format(**err.fields)
        return str(err)
    if not isinstance(err, PbxError):
        return str(err)
    if isinstance(err, UnexpectedConnectionProblem):
        return QCoreApplication.translate(
            "ErrorText", "An unexpected problem interrupted the connection to the PBX."
        )
    if isinstance(err, PbxAuthError):
        return _auth_text(err)
    if isinstance(err, PbxHttpError) and err.status is not None:
        return _http_text(err.status)
    if isinstance(err, PbxApiError):
        said = server_message(err)
        if said:
            return QCoreApplication.translate(
                "ErrorText", "The PBX refused the request: “{message}”"
            ).format(message=said)
    if err.message in KNOWN_PBX_MESSAGES:
        return QCoreApplication.translate(_CONTEXT, err.message)
    return _kind_text(err)


def server_message(err: PbxError) -> str:
    """The PBX's own words inside a refusal ("" when it gave none)."""
    return err.server_message.strip()


def _auth_text(err: PbxAuthError) -> str:
    if err.status == 403:
        return QCoreApplication.translate(
            "ErrorText", "The PBX refused access for this API user (HTTP {status})."
        ).format(status=err.status)
    said = server_message(err)
    if said:
        return QCoreApplication.translate(
            "ErrorText", "The PBX rejected the user name or password: “{message}”"
        ).format(message=said)
    if err.status is not None:
        return QCoreApplication.translate(
            "ErrorText", "The PBX rejected the user name or password (HTTP {status})."
        ).format(status=err.status)
    return QCoreApplication.translate("ErrorText", "The PBX rejected the user name or password.")


def _http_text(status: int) -> str:
    if 300 <= status < 400:
        text = QCoreApplication.translate(
            "ErrorText",
            "The PBX redirected the request elsewhere (HTTP {status}). "
            "Check the server address (http or https).",
        )
    elif status == 404:
        text = QCoreApplication.translate(
            "ErrorText",
            "The PBX has no API at this address (HTTP {status}). Check the server address.",
        )
    elif status == 502:
        text = QCoreApplication.translate(
            "ErrorText", "A proxy in front of the PBX could not reach it (HTTP {status})."
        )
    elif status == 503:
        text = QCoreApplication.translate(
            "ErrorText", "The PBX is unavailable at the moment (HTTP {status})."
        )
    elif status == 504:
        text = QCoreApplication.translate(
            "ErrorText", "A proxy in front of the PBX timed out (HTTP {status})."
        )
    else:
        text = QCoreApplication.translate(
            "ErrorText", "The PBX answered with an error (HTTP {status})."
        )
    return text.format(status=status)


def _kind_text(err: PbxError) -> str:
    """The sentence for the error's kind, when its own wording is not listed above."""
    if isinstance(err, PbxTimeoutError):
        return QCoreApplication.translate("ErrorText", "The PBX did not answer in time.")
    if isinstance(err, PbxCertificateError):
        return QCoreApplication.translate(
            "ErrorText",
            "The PBX's certificate is not trusted, or it is not the certificate you "
            "trusted before. Do not continue unless your administrator confirms a change.",
        )
    if isinstance(err, PbxConnectionError):
        return QCoreApplication.translate(
            "ErrorText", "The PBX could not be reached. Check the server address and the network."
        )
    if isinstance(err, PbxProtocolError):
        return QCoreApplication.translate(
            "ErrorText",
            "The PBX's answer is not in the format the app expects. "
            "Check that the server address and API path lead to the IEXPBX API.",
        )
    if isinstance(err, PbxApiError):
        return QCoreApplication.translate(
            "ErrorText", "The PBX refused the request without saying why."
        )
    if isinstance(err, PbxInputError):
        return QCoreApplication.translate(
            "ErrorText", "The request was not sent to the PBX: some of its details are not valid."
        )
    return str(err)
