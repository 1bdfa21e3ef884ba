"""What the window's banner says about the connection: calm words while the app waits for
the user, an error only when something failed."""

from __future__ import annotations

import pytest

from desktop.pbx.errors import PbxAuthError, PbxConnectionError
from desktop.services.connection import ConnectionState, ConnectionStatus
from desktop.ui.shell.connection_health import ConnectionReport
from desktop.ui.shell.main_window import MainWindow
from desktop.ui.shell.tray import Tray

OFFLINE, ONLINE = ConnectionState.OFFLINE, ConnectionState.ONLINE


@pytest.fixture
def window(qtbot) -> MainWindow:
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.fixture
def report(window) -> ConnectionReport:
    return ConnectionReport(window, Tray(window))


def test_not_set_up_yet_is_information_not_an_error(window, report) -> None:
    report.show(ConnectionStatus(OFFLINE, "Not set up yet."))
    assert window.banner.isVisible()
    assert window.banner.text == "Not set up yet."
    assert window.banner.kind == "info"
    assert window.connection_text().startswith("Offline")


def test_waiting_for_a_password_is_information(window, report) -> None:
    report.show(ConnectionStatus(OFFLINE, "No password is saved for this account."))
    assert window.banner.kind == "info"
    assert "Check Settings" not in window.banner.text


def test_a_lost_connection_is_an_error_that_says_it_retries(window, report) -> None:
    lost = PbxConnectionError("The PBX at pbx.example.com cannot be reached.")
    report.show(ConnectionStatus(OFFLINE, str(lost), lost, retry_in=4.0))
    assert window.banner.isVisible()
    assert window.banner.kind == "error"
    assert "keeps trying to reconnect" in window.banner.text


def test_a_wrong_password_is_an_error_that_points_to_settings(window, report) -> None:
    refused = PbxAuthError("The PBX rejected the user name or password (HTTP 401).", status=401)
    report.show(ConnectionStatus(OFFLINE, str(refused), refused, retry_in=None))
    assert window.banner.kind == "error"
    assert "Check Settings" in window.banner.text


def test_an_error_after_the_information_replaces_it_and_online_clears_it(window, report) -> None:
    report.show(ConnectionStatus(OFFLINE, "Not set up yet."))
    lost = PbxConnectionError("The PBX at pbx.example.com cannot be reached.")
    report.show(ConnectionStatus(OFFLINE, str(lost), lost, retry_in=4.0))
    assert window.banner.kind == "error"
    report.show(ConnectionStatus(ONLINE))
    assert not window.banner.isVisible()


def test_a_quoted_pbx_message_gets_its_full_stop_and_an_open_settings_button(
    window, report
) -> None:
    refused = PbxAuthError("Denied", status=401, server_message="Access denied")
    report.show(ConnectionStatus(OFFLINE, str(refused), refused, retry_in=None))
    text = window.banner.text
    assert "”. Check Settings." in text
    assert not window.banner.settings_button.isHidden()
    assert "password" in window.calls_tab.empty_state.text()


def test_the_empty_state_tells_not_set_up_from_unreachable(window, report) -> None:
    report.show(ConnectionStatus(OFFLINE, "Not set up yet."))
    assert "Not set up" in window.calls_tab.empty_state.text()
    lost = PbxConnectionError("The PBX at pbx.example.com cannot be reached.")
    report.show(ConnectionStatus(OFFLINE, str(lost), lost, retry_in=4.0))
    assert "once the PBX can be reached" in window.calls_tab.empty_state.text()
    assert window.banner.settings_button.isHidden()


def test_a_rejected_password_points_to_settings_even_while_retried(window, report) -> None:
    rejected = PbxAuthError("The PBX rejected the user name or password (HTTP 401).", status=401)
    report.show(ConnectionStatus(OFFLINE, str(rejected), rejected, retry_in=10.0))
    assert window.banner.settings_button.isVisible()  # the password is likely wrong
    assert window.banner.retry_button.isVisible()  # or the PBX restarts: try now


def test_an_unreachable_pbx_offers_retry_but_not_settings_while_retrying(window, report) -> None:
    down = PbxConnectionError("The PBX could not be reached.")
    report.show(ConnectionStatus(OFFLINE, str(down), down, retry_in=4.0))
    assert window.banner.retry_button.isVisible()
    assert not window.banner.settings_button.isVisible()


def test_the_status_bar_says_when_the_app_tries_again(window, report) -> None:
    from PySide6.QtCore import QLocale, QTime

    refused = PbxAuthError("The PBX rejected the user name or password (HTTP 401).", status=401)
    before = QTime.currentTime()
    report.show(ConnectionStatus(OFFLINE, str(refused), refused, retry_in=90.0))
    text = window.connection_text()
    assert text.startswith("Offline") and "Next try at " in text
    shown = text.split("Next try at ", 1)[1]
    locale = QLocale()
    fmt = locale.timeFormat(QLocale.FormatType.ShortFormat)
    fmt = fmt if "s" in fmt else fmt.replace("mm", "mm:ss", 1)
    when = locale.toTime(shown, fmt)
    assert when.isValid()
    assert 85 <= before.secsTo(when) % 86400 <= 95  # in a minute and a half, as a clock time
    # Waiting for the user (no retry): nothing is promised.
    report.show(ConnectionStatus(OFFLINE, str(refused), refused, retry_in=None))
    assert "Next try" not in window.connection_text()
