"""IVR call: the PBX calls a number and plays an IVR with announcements of the user's choice."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desktop.pbx.errors import ErrorCode, PbxInputError
from desktop.pbx.requests import Announcement, IvrCall, ivr_call_params
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.calls.announcements import AnnouncementsEditor
from desktop.ui.calls.request_dialog import Invalid, RequestDialog, outgoing_number
from desktop.ui.common.discard import discard_box


class IvrCallDialog(RequestDialog[IvrCall]):
    """Number, dial plan, IVR number, custom data and announcements, with a live preview."""

    PREVIEW_LINES = (9, 5)  # six parameters; the announcements' line wraps

    def __init__(
        self,
        *,
        rules: NumberRules,
        outgoing: OutgoingFormat,
        last_dial_plan: str = "",
        number: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rules = rules
        self._format = outgoing
        self.setWindowTitle(self.tr("IVR call"))
        self.setMinimumWidth(680)

        intro = QLabel(
            self.tr(
                "The PBX calls the number and, once answered, plays the IVR with these "
                "announcements."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.number_field = QLineEdit(number, self)
        self.number_field.setPlaceholderText(self.tr("e.g. 0532 123 45 67"))
        self.number_field.setAccessibleName(self.tr("Number to call"))
        self.dial_plan_field = QLineEdit(last_dial_plan, self)
        self.dial_plan_field.setPlaceholderText(self.tr("e.g. outbound"))
        self.dial_plan_field.setAccessibleName(self.tr("Dial plan"))
        self.dial_plan_field.setToolTip(self.tr("The PBX's dial plan the call goes out through."))
        self.ivr_field = QLineEdit(self)
        self.ivr_field.setPlaceholderText(self.tr("e.g. 7001"))
        self.ivr_field.setAccessibleName(self.tr("IVR number"))
        self.custom_data_field = QLineEdit(self)
        self.custom_data_field.setMaxLength(1000)
        self.custom_data_field.setPlaceholderText(self.tr("optional, e.g. an order number"))
        self.custom_data_field.setAccessibleName(self.tr("Custom data"))
        self.custom_data_field.setToolTip(
            self.tr("Passed to the IVR script as ${MSTUF} and kept in the call history.")
        )
        self.announcements = AnnouncementsEditor(self)
        self.announcements.setToolTip(
            self.tr(
                "A sound file is named without its extension (hosgeldiniz); "
                "a text is read out by the PBX's text-to-speech."
            )
        )

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Number to call:"), self.number_field)
        form.addRow(self.tr("&Dial plan:"), self.dial_plan_field)
        form.addRow(self.tr("&IVR number:"), self.ivr_field)
        form.addRow(self.tr("Custom da&ta:"), self.custom_data_field)
        heading = QLabel(self.tr("Announce&ments, played in this order:"), self)
        heading.setBuddy(self.announcements.view)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(heading)
        layout.addWidget(self.announcements, 1)
        self._finish_layout(layout)

        for field in (
            self.number_field,
            self.dial_plan_field,
            self.ivr_field,
            self.custom_data_field,
        ):
            field.textChanged.connect(self._refresh)
        self.announcements.changed.connect(self._refresh)
        self.setTabOrder(self.custom_data_field, self.announcements.view)
        self._refresh()
        first = self.number_field if not number else self.dial_plan_field
        if number and last_dial_plan:
            first = self.ivr_field
        first.setFocus(Qt.FocusReason.OtherFocusReason)

        self._ask_before_discarding()

    def set_announcements(self, items: list[Announcement]) -> None:
        """Open with these announcements (they count as typed by nobody)."""
        self.announcements.set_announcements(items)
        self._opened = (*self._opened[:-1], tuple(items))

    def has_typed(self) -> bool:
        """Whether anything differs from how the dialog opened (an open cell editor counts)."""
        editing = self.announcements.view.state() == QAbstractItemView.State.EditingState
        return editing or super().has_typed()

    def _entered(self) -> tuple[object, ...]:
        fields = (self.number_field, self.dial_plan_field, self.ivr_field, self.custom_data_field)
        return (*(field.text() for field in fields), tuple(self.announcements.announcements()))

    def _discard_question(self) -> QMessageBox:
        return discard_box(
            self,
            self.tr("Discard this call?"),
            self.tr("The IVR call is not made and what you typed in this form is lost."),
            self.tr("&Discard"),
            self.tr("&Keep editing"),
        )

    def _collect(self) -> IvrCall:
        text = self.number_field.text()
        try:
            number = outgoing_number(text, self._rules, self._format)
        except DialTargetError as err:
            raise Invalid(err, empty=not text.strip()) from None
        items = self.announcements.announcements()
        try:
            ivr_call_params(
                number,
                dial_plan=self.dial_plan_field.text(),
                ivr=self.ivr_field.text(),
                custom_data=self.custom_data_field.text(),
                announcements=items,
            )
        except PbxInputError as err:
            raise Invalid(err, empty=self._is_empty(err, items)) from None
        return IvrCall(
            number,
            self.dial_plan_field.text().strip(),
            self.ivr_field.text().strip(),
            self.custom_data_field.text(),
            tuple(item.wire(n) for n, item in enumerate(items, 1)),
        )

    def _is_empty(self, err: PbxInputError, items: list[Announcement]) -> bool:
        """Whether the wrong field is one still to fill in (not a mistake to point out)."""
        field = {
            ErrorCode.INVALID_DIAL_PLAN: self.dial_plan_field,
            ErrorCode.INVALID_IVR: self.ivr_field,
        }.get(err.code)
        if field is not None:
            return not field.text().strip()
        if err.code is ErrorCode.INVALID_ANNOUNCEMENT and err.detail.isdigit():
            position = int(err.detail)
            return 0 < position <= len(items) and not items[position - 1].text.strip()
        return False
