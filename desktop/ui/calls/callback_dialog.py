"""Masked callback: the PBX connects two numbers; neither sees the other's number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from desktop.pbx.errors import ErrorCode, PbxInputError
from desktop.pbx.requests import Callback, callback_params
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.calls.request_dialog import Invalid, RequestDialog, outgoing_number
from desktop.ui.common.discard import discard_box
from desktop.ui.common.error_text import error_text


class CallbackDialog(RequestDialog[Callback]):
    """Two numbers, dial plan and custom data, with a live preview of what is sent."""

    PREVIEW_LINES = (5, 3)  # five parameters

    def __init__(
        self,
        *,
        rules: NumberRules,
        outgoing: OutgoingFormat,
        last_dial_plan: str = "",
        number1: str = "",
        number2: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rules = rules
        self._format = outgoing
        self.setWindowTitle(self.tr("Masked callback"))
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "The PBX calls the first number and, once answered, connects it to the second. "
                "Each sees the PBX's caller ID, never the other's number."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.number1_field = QLineEdit(number1, self)
        self.number1_field.setPlaceholderText(self.tr("e.g. 0532 123 45 67"))
        self.number1_field.setAccessibleName(self.tr("First number, called first"))
        self.number2_field = QLineEdit(number2, self)
        self.number2_field.setPlaceholderText(self.tr("e.g. 0212 555 01 01"))
        self.number2_field.setAccessibleName(self.tr("Second number"))
        self.dial_plan_field = QLineEdit(last_dial_plan, self)
        self.dial_plan_field.setPlaceholderText(self.tr("e.g. outbound"))
        self.dial_plan_field.setAccessibleName(self.tr("Dial plan"))
        self.dial_plan_field.setToolTip(self.tr("The PBX's dial plan the calls go out through."))
        self.custom_data_field = QLineEdit(self)
        self.custom_data_field.setMaxLength(1000)
        self.custom_data_field.setPlaceholderText(self.tr("optional, e.g. a ticket number"))
        self.custom_data_field.setAccessibleName(self.tr("Custom data"))
        self.custom_data_field.setToolTip(self.tr("Kept with the call in the call history."))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&First number (called first):"), self.number1_field)
        form.addRow(self.tr("&Second number:"), self.number2_field)
        form.addRow(self.tr("&Dial plan:"), self.dial_plan_field)
        form.addRow(self.tr("Custom da&ta:"), self.custom_data_field)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self._finish_layout(layout)

        for field in (
            self.number1_field,
            self.number2_field,
            self.dial_plan_field,
            self.custom_data_field,
        ):
            field.textChanged.connect(self._refresh)
        self._refresh()
        empty = [f for f in (self.number1_field, self.number2_field) if not f.text().strip()]
        (empty[0] if empty else self.dial_plan_field).setFocus(Qt.FocusReason.OtherFocusReason)

        self._ask_before_discarding()

    def _entered(self) -> tuple[str, ...]:
        fields = (
            self.number1_field,
            self.number2_field,
            self.dial_plan_field,
            self.custom_data_field,
        )
        return tuple(field.text() for field in fields)

    def _discard_question(self) -> QMessageBox:
        return discard_box(
            self,
            self.tr("Discard this call?"),
            self.tr("The callback is not made and what you typed in this form is lost."),
            self.tr("&Discard"),
            self.tr("&Keep editing"),
        )

    def _number(self, field: QLineEdit, first: bool) -> str:
        text = field.text()
        try:
            return outgoing_number(text, self._rules, self._format)
        except DialTargetError as err:
            reason = (
                self.tr("First number: {reason}") if first else self.tr("Second number: {reason}")
            ).format(reason=error_text(err))
            raise Invalid(err, empty=not text.strip(), reason=reason) from None

    def _collect(self) -> Callback:
        number1 = self._number(self.number1_field, True)
        number2 = self._number(self.number2_field, False)
        if self._rules.key(number1) == self._rules.key(number2):  # "0532…" is "+90532…"
            raise Invalid(
                DialTargetError("The two numbers are the same."),
                empty=False,
                reason=self.tr(
                    "Second number: the same as the first. A callback connects two "
                    "different numbers."
                ),
            )
        try:
            callback_params(
                number1,
                number2,
                dial_plan=self.dial_plan_field.text(),
                custom_data=self.custom_data_field.text(),
            )
        except PbxInputError as err:
            unfilled = not self.dial_plan_field.text().strip()
            raise Invalid(err, empty=err.code is ErrorCode.INVALID_DIAL_PLAN and unfilled) from None
        return Callback(
            number1, number2, self.dial_plan_field.text().strip(), self.custom_data_field.text()
        )
