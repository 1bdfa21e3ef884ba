"""The Settings dialog's Popups page: where popups show, who stays silent, CRM, a program."""

from __future__ import annotations

import re
import shutil
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as st
from desktop.services.call_command import PLACEHOLDERS, CommandSetupError, build_argv
from desktop.services.popup_rules import CrmTemplateError, check_crm_template, crm_url
from desktop.ui.account.connection_widgets import tone
from desktop.ui.account.settings_page import Problem, SettingsPage, page_form

__all__ = ["PopupsPage"]

# An ignore-list entry: digits, what people write between them, and the * ? wildcards.
_IGNORE_ENTRY = re.compile(r"[0-9+\s().\-*?]+")
_BRACED = re.compile(r"\{([^{}]*)\}")
_EXAMPLE_CALLER = "05321234567"


class PopupsPage(SettingsPage):
    """Incoming-call popups and the program started for each incoming call."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.corner = QComboBox()
        self.corner.addItem(self.tr("Bottom right"), "bottom_right")
        self.corner.addItem(self.tr("Bottom left"), "bottom_left")
        self.corner.addItem(self.tr("Top right"), "top_right")
        self.corner.addItem(self.tr("Top left"), "top_left")
        self.ignore = QLineEdit(placeholderText="0850*, 4441234", maxLength=2000)
        ignore_hint = QLabel(
            self.tr("Calls from these numbers show no popup. Separate them with commas; "
                    "* stands for any digits, ? for one digit."),
            wordWrap=True,
        )  # fmt: skip
        self.crm = QLineEdit(
            placeholderText="https://crm.example.com/search?phone={number}", maxLength=1000
        )
        self.crm_check = QLabel(wordWrap=True)
        popups = QGroupBox(self.tr("Incoming-call popups"))
        form = page_form(popups)
        form.addRow(self.tr("Screen corner:"), self.corner)
        form.addRow(self.tr("Ignore calls from:"), self.ignore)
        form.addRow("", ignore_hint)
        form.addRow(self.tr("Open in CRM address:"), self.crm)
        form.addRow("", self.crm_check)

        self.program = QLineEdit(maxLength=1000)
        self.browse = QPushButton(self.tr("&Browse…"))
        program_row = QHBoxLayout()
        program_row.addWidget(self.program, 1)
        program_row.addWidget(self.browse)
        self.arguments = QLineEdit(placeholderText="--caller {number} --name {name}",
                                   maxLength=2000)  # fmt: skip
        placeholders = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        self.placeholder_hint = QLabel(
            self.tr("Started without a shell, once for each call that rings for you. "
                    "These are filled in: {placeholders}.").format(placeholders=placeholders),
            wordWrap=True,
        )  # fmt: skip
        command = QGroupBox(self.tr("Run a program when a call rings for me"))
        form = page_form(command)
        form.addRow(self.tr("Program:"), program_row)
        form.addRow(self.tr("Arguments:"), self.arguments)
        form.addRow("", self.placeholder_hint)

        layout = QVBoxLayout(self)
        layout.addWidget(popups)
        layout.addWidget(command)
        layout.addStretch(1)
        self.crm.textChanged.connect(self._check_crm)
        self.browse.clicked.connect(self._choose_program)
        self._check_crm()

    def _crm_problem(self) -> str | None:
        template = self.crm.text().strip()
        if not template:
            return None
        try:
            check_crm_template(template)
        except CrmTemplateError:
            return self.tr("The CRM address must be a web address starting with http:// or "
                           "https://.")  # fmt: skip
        if "{number}" not in template:
            return self.tr("The CRM address needs {number} where the caller's number goes.")
        return None

    def _check_crm(self) -> None:
        problem = self._crm_problem()
        if problem is not None:
            self.crm_check.setStyleSheet(tone("error"))
            self.crm_check.setText(problem)
        elif self.crm.text().strip():
            self.crm_check.setStyleSheet(tone("ok"))
            self.crm_check.setText(
                self.tr("For {caller} it opens: {address}").format(
                    caller=_EXAMPLE_CALLER, address=crm_url(self.crm.text(), _EXAMPLE_CALLER)
                )
            )
        else:
            self.crm_check.setStyleSheet("")
            self.crm_check.setText(
                self.tr("Leave it empty to hide Open in CRM; {number} is the caller's number.")
            )

    def _choose_program(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Program to start for each incoming call"), self.program.text()
        )
        if path:
            self.program.setText(path)

    def load(self, settings: st.Settings) -> None:
        self.corner.setCurrentIndex(max(0, self.corner.findData(settings.get(st.POPUP_CORNER))))
        self.ignore.setText(settings.get(st.POPUP_IGNORE))
        self.crm.setText(settings.get(st.CRM_URL_TEMPLATE))
        self.program.setText(settings.get(st.INCOMING_CALL_PROGRAM))
        self.arguments.setText(settings.get(st.INCOMING_CALL_ARGUMENTS))
        self.lock(settings, "popup_corner", self.corner)
        self.lock(settings, "popup_ignore", self.ignore)
        self.lock(settings, "crm_url_template", self.crm)
        self.lock(settings, "incoming_call_program", self.program, self.browse)
        self.lock(settings, "incoming_call_arguments", self.arguments)

    def problem(self) -> Problem | None:
        checks = (
            ("popup_ignore", self._ignore_problem, self.ignore),
            ("crm_url_template", self._crm_problem, self.crm),
            ("incoming_call_program", self._program_problem, self.program),
            ("incoming_call_arguments", self._arguments_problem, self.arguments),
        )
        for name, check, widget in checks:
            text = None if name in self.locked else check()
            if text is not None:
                return Problem(text, widget)
        return None

    def _ignore_problem(self) -> str | None:
        for entry in self.ignore.text().split(","):
            entry = entry.strip()
            if entry and not (_IGNORE_ENTRY.fullmatch(entry) and any(c.isdigit() for c in entry)):
                return self.tr(
                    "“{entry}” in the ignore list is not a number or a pattern such as 0850*."
                ).format(entry=entry[:40])
        if len(self._ignore_text()) > 2000:  # the setting's limit, once written ", "-separated
            return self.tr("The ignore list is too long: keep it under 2000 characters.")
        return None

    def _ignore_text(self) -> str:
        return ", ".join(filter(None, map(str.strip, self.ignore.text().split(","))))

    def _program_problem(self) -> str | None:
        program = self.program.text().strip()
        if not program:
            if self.arguments.text().strip():
                return self.tr("Choose the program to start, or clear its arguments.")
            return None
        if shutil.which(program) is None:
            return self.tr("No program {program} was found on this computer.").format(
                program=program[:200]
            )
        return None

    def _arguments_problem(self) -> str | None:
        arguments = self.arguments.text()
        try:
            build_argv("program", arguments, {})
        except CommandSetupError:
            return self.tr("The arguments have a quote that is not closed.")
        for name in _BRACED.findall(arguments):
            if name not in PLACEHOLDERS:
                return self.tr("{placeholder} is not one of the placeholders listed below.").format(
                    placeholder="{" + name[:40] + "}"
                )
        return None

    def values(self) -> dict[str, Any]:
        return {
            "popup_corner": self.corner.currentData(),
            "popup_ignore": self._ignore_text(),
            "crm_url_template": self.crm.text().strip(),
            "incoming_call_program": self.program.text().strip(),
            "incoming_call_arguments": self.arguments.text().strip(),
        }
