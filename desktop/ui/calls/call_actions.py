"""Hang up and dial through the PBX session; the outcome is told in the window."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop import settings as st
from desktop.pbx import PbxConnectionError, PbxError
from desktop.services.numbers import DialTargetError, NumberRules, OutgoingFormat
from desktop.ui.common.error_text import error_text

if TYPE_CHECKING:
    from desktop.services.session import Session
    from desktop.ui.common.open_dialogs import OpenDialogs
    from desktop.ui.shell.main_window import MainWindow

__all__ = ["CallActions"]


class CallActions:
    """What the user asked of a call, sent through the session of the moment."""

    def __init__(
        self,
        *,
        session: Session,
        window: MainWindow,
        settings: st.Settings,
        dialogs: OpenDialogs | None = None,
    ) -> None:
        self.session = session
        self.window = window
        self.settings = settings
        self.dialogs = dialogs
        # Numbers being dialled now: a second press of Call back (a double click, Enter
        # twice) while the first request is on its way would ring the user's phone twice.
        self._dialling: set[str] = set()

    async def hangup(self, channel: str) -> None:
        try:
            await self.session.hangup(channel)
        except PbxError as exc:
            self.window.show_banner(
                QCoreApplication.translate("App", "The call could not be ended: {error}").format(
                    error=error_text(exc)
                ),
                offer_retry=isinstance(exc, PbxConnectionError),
            )

    def rules(self) -> NumberRules:
        return NumberRules(self.settings.get(st.COUNTRY))

    def outgoing_format(self) -> OutgoingFormat:
        return OutgoingFormat(self.settings.get(st.OUTGOING_NUMBER_FORMAT))

    async def dial(self, number: str) -> None:
        """Ring my extension first, then dial `number` (as the outgoing format says)."""
        rules = self.rules()
        try:
            wanted = rules.parse_dialable(number)
        except DialTargetError as exc:
            self.window.show_banner(error_text(exc), "warning")
            return
        key = rules.key(wanted)  # "0532…" and "+90532…" are one call
        if key in self._dialling:
            self.window.show_status_message(
                QCoreApplication.translate(
                    "App", "Already calling {number}: your phone rings in a moment."
                ).format(number=rules.display(wanted))
            )
            return
        self._dialling.add(key)
        try:
            await self._dial(rules, wanted)
        finally:
            self._dialling.discard(key)

    async def _dial(self, rules: NumberRules, wanted: str) -> None:
        extension = self.settings.get(st.EXTENSION) or await self._choose_extension()
        if not extension:
            return
        sent = rules.outgoing(wanted, self.outgoing_format())
        try:
            await self.session.call_number(sent, extension)
        except PbxError as exc:
            self._failed(exc)
            return
        self.window.show_status_message(
            QCoreApplication.translate(
                "App", "Your phone {extension} rings first, then {number} is dialled."
            ).format(extension=extension, number=rules.display(wanted))
        )

    async def _choose_extension(self) -> str:
        """No extension set yet: ask which phone is mine (and keep the answer)."""
        from PySide6.QtWidgets import QInputDialog

        extensions = [e for e in self.session.directory.extensions if e.number]
        if self.dialogs is None or not extensions:
            self.window.show_banner(
                QCoreApplication.translate(
                    "App",
                    "Choose your own extension in Settings first: it rings before the call.",
                ),
                "warning",
                offer_settings=True,
            )
            return ""
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(QCoreApplication.translate("App", "Your phone"))
        dialog.setLabelText(
            QCoreApplication.translate(
                "App", "Which extension is the phone on your desk? It rings first for each call."
            )
        )
        items = [f"{e.number} — {e.name}" if e.name.strip() else e.number for e in extensions]
        dialog.setComboBoxItems(items)
        dialog.setComboBoxEditable(False)
        chosen: list[str] = []
        dialog.accepted.connect(lambda: chosen.append(dialog.textValue()))
        if not await self.dialogs.result("extension", dialog) or not chosen:
            return ""
        number = extensions[items.index(chosen[0])].number
        if not self.settings.is_locked(st.EXTENSION):
            self.settings.set(st.EXTENSION, number)
        return number

    async def ivr_call(self) -> None:
        """Open the IVR call dialog; send what it shows."""
        from desktop.ui.calls.ivr_dialog import IvrCallDialog

        call = await self._ask("ivr", IvrCallDialog)
        if call is not None and await self._send(
            self.session.call_ivr(
                call.number,
                dial_plan=call.dial_plan,
                ivr=call.ivr,
                custom_data=call.custom_data,
                announcements=call.announcements,
            )
        ):
            self.window.show_status_message(
                QCoreApplication.translate("App", "IVR call to {number} started.").format(
                    number=call.number
                )
            )

    async def masked_callback(self) -> None:
        """Open the masked callback dialog; connect the two numbers it names."""
        from desktop.ui.calls.callback_dialog import CallbackDialog

        call = await self._ask("callback", CallbackDialog)
        if call is not None and await self._send(
            self.session.callback(
                call.number1, call.number2, dial_plan=call.dial_plan, custom_data=call.custom_data
            )
        ):
            self.window.show_status_message(
                QCoreApplication.translate(
                    "App", "Connecting {first} and {second}; neither sees the other's number."
                ).format(first=call.number1, second=call.number2)
            )

    async def _ask(self, name: str, dialog_class: Any) -> Any:
        """Open a request dialog (IVR call, callback); what it would send, or None."""
        if self.dialogs is None:
            return None
        dialog = dialog_class(
            rules=self.rules(),
            outgoing=self.outgoing_format(),
            last_dial_plan=self.settings.get(st.LAST_DIAL_PLAN),
            parent=self.window,
        )
        values = []
        dialog.accepted.connect(lambda: values.append(dialog.values()))
        if not await self.dialogs.result(name, dialog) or not values:
            return None
        self.settings.set(st.LAST_DIAL_PLAN, values[0].dial_plan)  # offered next time
        return values[0]

    async def _send(self, request: Awaitable[None]) -> bool:
        try:
            await request
        except PbxError as exc:
            self._failed(exc)
            return False
        return True

    def _failed(self, exc: PbxError) -> None:
        # Unreachable: the banner keeps its Retry, as the connection's own banner has.
        self.window.show_banner(
            QCoreApplication.translate("App", "The call could not be made: {error}").format(
                error=error_text(exc)
            ),
            offer_retry=isinstance(exc, PbxConnectionError),
        )
