"""PBX and dialling errors as sentences a receptionist reads, in the interface language.

The Qt-free layers describe their errors in English (for the log and the terminal) and
name the situation with an `ErrorCode`. The window, the wizard and the settings dialog
show `error_text(err)` instead: the translated sentence for the error's code, with the
HTTP status, the PBX's own words or the code's detail where the sentence has a place
for them. The English message is never read here: rewording it changes nothing shown.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.cli import DialTargetError
from desktop.pbx.errors import ErrorCode, PbxError

__all__ = ["error_text", "server_message"]

_CONTEXT = "ErrorText"

# The sentence for each code when it has no status or words of the PBX to show
# (QT_TRANSLATE_NOOP marks them for lupdate; Qt's stubs type its result as object).
_SENTENCES: dict[ErrorCode, object] = {
    ErrorCode.AUTH_REJECTED: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX rejected the user name or password."
    ),
    ErrorCode.ACCESS_DENIED: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX refused access for this API user."
    ),
    ErrorCode.UNREACHABLE: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX could not be reached. Check the server address and the network."
    ),
    ErrorCode.TIMEOUT: QT_TRANSLATE_NOOP("ErrorText", "The PBX did not answer in time."),
    ErrorCode.INTERRUPTED: QT_TRANSLATE_NOOP(
        "ErrorText", "The connection to the PBX was interrupted. Try again."
    ),
    ErrorCode.DOWNLOAD_CUT: QT_TRANSLATE_NOOP(
        "ErrorText", "The recording download was cut off. Try again."
    ),
    ErrorCode.TLS_FAILED: QT_TRANSLATE_NOOP(
        "ErrorText", "The secure connection to the PBX failed."
    ),
    ErrorCode.NO_CERTIFICATE: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX did not present a certificate."
    ),
    ErrorCode.CERTIFICATE_UNTRUSTED: QT_TRANSLATE_NOOP(
        "ErrorText",
        "The PBX's certificate is not trusted, or it is not the certificate you "
        "trusted before. Do not continue unless your administrator confirms a change.",
    ),
    ErrorCode.EMPTY_REPLY: QT_TRANSLATE_NOOP("ErrorText", "The PBX sent an empty answer."),
    ErrorCode.WEB_PAGE: QT_TRANSLATE_NOOP(
        "ErrorText",
        "The PBX sent a web page instead of data. A proxy or the PBX's web server may be failing.",
    ),
    ErrorCode.BAD_FORMAT: QT_TRANSLATE_NOOP(
        "ErrorText",
        "The PBX's answer is not in the format the app expects. "
        "Check that the server address and API path lead to the IEXPBX API.",
    ),
    ErrorCode.UNREADABLE_TEXT: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX's answer is text in a character set the app cannot read."
    ),
    ErrorCode.HTTP_STATUS: QT_TRANSLATE_NOOP("ErrorText", "The PBX answered with an error."),
    ErrorCode.API_REFUSED: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX refused the request without saying why."
    ),
    ErrorCode.NO_RECORDING: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX has no recording for this call."
    ),
    ErrorCode.NOT_A_RECORDING: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX sent something that is not a recording."
    ),
    ErrorCode.UNKNOWN_DIRECTORY_FORMAT: QT_TRANSLATE_NOOP(
        "ErrorText", "The PBX's phonebook is in a format the app does not know."
    ),
    ErrorCode.INVALID_ADDRESS: QT_TRANSLATE_NOOP(
        "ErrorText", "The server address is not a valid web address."
    ),
    ErrorCode.ADDRESS_SCHEME: QT_TRANSLATE_NOOP(
        "ErrorText", "The server address must start with http:// or https://."
    ),
    ErrorCode.ADDRESS_CREDENTIALS: QT_TRANSLATE_NOOP(
        "ErrorText", "The server address must not contain a user name, password or query."
    ),
    ErrorCode.INVALID_PORT: QT_TRANSLATE_NOOP(
        "ErrorText", "The server address has an invalid port."
    ),
    ErrorCode.HTTPS_ONLY: QT_TRANSLATE_NOOP(
        "ErrorText", "Only https:// servers have a certificate to check."
    ),
    ErrorCode.INVALID_CERTIFICATE: QT_TRANSLATE_NOOP(
        "ErrorText", "The stored certificate is not valid."
    ),
    ErrorCode.INVALID_API_PATH: QT_TRANSLATE_NOOP(
        "ErrorText", "The API path must start with '/' and hold no query."
    ),
    ErrorCode.INVALID_CHANNEL: QT_TRANSLATE_NOOP("ErrorText", "That is not a valid call channel."),
    ErrorCode.INVALID_NUMBER: QT_TRANSLATE_NOOP("ErrorText", "That is not a valid phone number."),
    ErrorCode.INVALID_EXTENSION: QT_TRANSLATE_NOOP("ErrorText", "That is not a valid extension."),
    ErrorCode.INVALID_DIAL_PLAN: QT_TRANSLATE_NOOP(
        "ErrorText",
        "Enter the dial plan's name: letters, digits and . _ @ + - only, at most 64 characters.",
    ),
    ErrorCode.INVALID_IVR: QT_TRANSLATE_NOOP(
        "ErrorText",
        "Enter the IVR number: letters, digits and . _ @ + - only, at most 64 characters.",
    ),
    ErrorCode.INVALID_ANNOUNCEMENT: QT_TRANSLATE_NOOP(
        "ErrorText",
        "An announcement is empty, longer than 500 characters, "
        "or contains a line break, a | or a brace.",
    ),
    ErrorCode.INVALID_CUSTOM_DATA: QT_TRANSLATE_NOOP(
        "ErrorText",
        "The custom data is longer than 1000 characters or contains a line break or tab.",
    ),
    ErrorCode.INVALID_INPUT: QT_TRANSLATE_NOOP(
        "ErrorText", "The request was not sent to the PBX: some of its details are not valid."
    ),
    ErrorCode.NO_RECORDINGS_FOLDER: QT_TRANSLATE_NOOP(
        "ErrorText", "The folder for recordings does not exist."
    ),
    ErrorCode.RECORDING_NOT_SAVED: QT_TRANSLATE_NOOP(
        "ErrorText",
        "The recording could not be saved in that folder (it may be full or read-only).",
    ),
    ErrorCode.NOT_CONNECTED: QT_TRANSLATE_NOOP("ErrorText", "Not connected to the PBX."),
    ErrorCode.CONNECTION_RENEWED: QT_TRANSLATE_NOOP(
        "ErrorText", "The connection was renewed: try again."
    ),
    ErrorCode.UNEXPECTED: QT_TRANSLATE_NOOP(
        "ErrorText", "An unexpected problem interrupted the connection to the PBX."
    ),
}

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


def error_text(err: BaseException) -> str:
    """What went wrong, as one or two translated sentences for the user."""
    if isinstance(err, DialTargetError):
        if err.template in KNOWN_DIAL_TEMPLATES:
            return QCoreApplication.translate(_CONTEXT, err.template).format(**err.fields)
        return str(err)
    if not isinstance(err, PbxError):
        return str(err)
    return _pbx_text(err)


def server_message(err: PbxError) -> str:
    """The PBX's own words inside a refusal ("" when it gave none)."""
    return err.server_message.strip()


def _pbx_text(err: PbxError) -> str:
    """The sentence for the error's code, with its status, the PBX's words or its detail."""
    said = server_message(err)
    status = err.status
    match err.code:
        case ErrorCode.AUTH_REJECTED if said:
            return QCoreApplication.translate(
                "ErrorText", "The PBX rejected the user name or password: “{message}”"
            ).format(message=said)
        case ErrorCode.AUTH_REJECTED if status is not None:
            return QCoreApplication.translate(
                "ErrorText", "The PBX rejected the user name or password (HTTP {status})."
            ).format(status=status)
        case ErrorCode.ACCESS_DENIED if status is not None:
            return QCoreApplication.translate(
                "ErrorText", "The PBX refused access for this API user (HTTP {status})."
            ).format(status=status)
        case ErrorCode.HTTP_STATUS if status is not None:
            return _http_text(status)
        case ErrorCode.API_REFUSED if said:
            return QCoreApplication.translate(
                "ErrorText", "The PBX refused the request: “{message}”"
            ).format(message=said)
        case ErrorCode.INVALID_ANNOUNCEMENT if err.detail.strip().isdigit():
            return QCoreApplication.translate(
                "ErrorText",
                "Announcement {position} is empty, longer than 500 characters, "
                "or contains a line break, a | or a brace.",
            ).format(position=err.detail.strip())
        case ErrorCode.UNKNOWN_DIRECTORY_FORMAT if err.detail.strip():
            return QCoreApplication.translate(
                "ErrorText", "The PBX's phonebook is in a format the app does not know ({detail})."
            ).format(detail=err.detail.strip())
    sentence = _SENTENCES.get(err.code)
    if sentence is None:  # a code added without a sentence: its English beats nothing
        return str(err)
    return QCoreApplication.translate(_CONTEXT, str(sentence))


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
