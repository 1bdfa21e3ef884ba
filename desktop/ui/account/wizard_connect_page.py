"""The setup wizard's second page: connect (trusting a certificate if asked), pick the extension."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from desktop import settings as st
from desktop.pbx import PbxAuthError
from desktop.services.connection_check import check_connection
from desktop.ui.account.connection_widgets import (
    CertificatePanel,
    ExtensionListModel,
    connected_text,
    mark_locked,
    tone,
)
from desktop.ui.common.error_text import error_text
from desktop.ui.common.tasks import TaskOwner

if TYPE_CHECKING:
    from desktop.ui.account.first_run import FirstRunWizard

__all__ = ["ConnectPage"]


class ConnectPage(QWizardPage):
    """Connects (trusting a certificate if needed) and lets the user pick an extension."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self.setup = wizard
        self.tasks = TaskOwner()
        self.setTitle(self.tr("Choose your extension"))
        self.setSubTitle(self.tr("Pick the extension of the phone on your desk."))
        self.status = QLabel(wordWrap=True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote the PBX's words
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.certificate = CertificatePanel()
        self.retry = QPushButton(self.tr("Try again"))
        self.search = QLineEdit(placeholderText=self.tr("Search extensions"))
        self.search.setClearButtonEnabled(True)
        self.model = ExtensionListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.legend = QLabel(
            self.tr("Greyed extensions have no phone connected right now; you can still pick one."),
            wordWrap=True,
        )
        self.legend.setObjectName("extensionLegend")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.certificate)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
        layout.addStretch()
        self.retry.clicked.connect(self.start)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.certificate.trust_changed.connect(self._on_trust_changed)
        self.list.selectionModel().selectionChanged.connect(self.completeChanged)
        self.list.doubleClicked.connect(lambda _index: wizard.next())
        self.search.textChanged.connect(self._select_single_match)
        self.search.installEventFilter(self)
        self.list.installEventFilter(self)
        mark_locked(wizard.settings, "extension", self.search, self.list)

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        self.tasks.cancel_all()
        self.model.set_extensions([])
        self.certificate.clear()

    def _show_list(self, visible: bool) -> None:
        self.search.setVisible(visible)
        self.list.setVisible(visible)
        self.legend.setVisible(visible and self.model.has_unregistered())

    def _select_single_match(self, _text: str) -> None:
        """The one extension the search leaves is picked, so Next (and Enter) go on."""
        if self.proxy.rowCount() == 1:
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search field, Down goes into the list and Enter picks the first match.

        In the list, the first arrow with nothing picked picks the current item (the one
        the list opened on) rather than skipping past it.
        """
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            current = self.list.currentIndex()
            if event.key() in arrows and current.isValid() and not self.selected_extension():
                self.list.setCurrentIndex(current)
                return True
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
                self.list.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.selected_extension():
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                if self.selected_extension():
                    self.setup.next()
                else:
                    self.list.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)

    def start(self) -> None:
        self.tasks.cancel_all()
        self.setup.password_refused = False
        self.model.set_extensions([])
        self._show_list(False)
        self.retry.hide()
        self._set_status(self.tr("Connecting to the PBX…"), "")
        self.tasks.spawn(self._connect())
        self.completeChanged.emit()

    def _set_status(self, text: str, style: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _on_trust_changed(self, trusted: bool) -> None:
        pinned = self.certificate.pinned() if trusted else None
        if pinned is not None:
            self.setup.pinned, self.setup.pinned_url = pinned, self.setup.server_url
            self.start()

    async def _connect(self) -> None:
        setup = self.setup
        check = await check_connection(
            setup.server_url,
            setup.username,
            setup.password,
            pinned=setup.pinned,
            timeout=setup.settings.get(st.REQUEST_TIMEOUT_S),
            api_path=setup.settings.get(st.API_PATH),
        )
        if check.certificate is not None:
            self.certificate.show_certificate(
                check.certificate,
                changed=check.changed,
                can_trust=not setup.pins_locked(),
                previous=setup.pinned,
            )
        if check.extensions is not None:
            self.certificate.hide()
            self.model.set_extensions(check.extensions)
            self._show_list(True)
            self._set_status(connected_text(len(check.extensions)), tone("ok"))
            self._select(setup.extension or setup.settings.get(st.EXTENSION))
            self._focus_list()
        elif check.error is not None and check.changed:
            self._set_status(error_text(check.error), tone("error"))
        elif check.error is not None:
            self.setup.password_refused = isinstance(check.error, PbxAuthError)
            self.retry.show()
            hint = self.tr(
                "Press Back to correct the address, user name or password, or Try again."
            )
            self._set_status(f"{error_text(check.error)}\n{hint}", tone("error"))
        else:
            self._set_status(
                self.tr("Check the server's certificate before your password is sent to it."),
                tone("warning"),
            )
        self.completeChanged.emit()

    def _select(self, number: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ExtensionListModel.NUMBER_ROLE) == number:
                self.list.setCurrentIndex(index)
                return

    def _focus_list(self) -> None:
        """Put the keyboard in the list, an item current: arrows and typing work at once."""
        if not self.list.isEnabled() or not self.proxy.rowCount():
            return  # an administrator fixed the extension
        if not self.list.currentIndex().isValid():
            # Current, not chosen: an extension nobody picked must not be set up by Enter.
            self.list.selectionModel().setCurrentIndex(
                self.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected_extension(self) -> str:
        indexes = self.list.selectionModel().selectedIndexes()
        return str(indexes[0].data(ExtensionListModel.NUMBER_ROLE)) if indexes else ""

    def isComplete(self) -> bool:
        if self.setup.settings.is_locked("extension"):
            return self.model.rowCount() > 0
        return bool(self.selected_extension())

    def validatePage(self) -> bool:
        settings = self.setup.settings
        locked = settings.is_locked("extension")
        self.setup.extension = settings.get(st.EXTENSION) if locked else self.selected_extension()
        return True
