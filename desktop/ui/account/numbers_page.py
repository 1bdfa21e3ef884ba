"""The Settings dialog's "Calls & numbers" page: the PBX's country, the outgoing format."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as st
from desktop.services.numbers import NumberRules, OutgoingFormat
from desktop.ui.account.settings_page import Problem, SettingsPage, page_form

__all__ = ["CountryCombo", "NumbersPage", "country_names", "format_example"]


@cache
def country_names() -> tuple[tuple[str, str], ...]:
    """(ISO code, name) of every country phonenumbers knows, sorted by name."""
    import phonenumbers

    named = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = code
        if territory != QLocale.Country.AnyTerritory:
            name = QLocale.territoryToString(territory)
        named.append((code, name))
    return tuple(sorted(named, key=lambda pair: QLocale().toLower(pair[1])))


def example_number(country: str) -> str:
    """A mobile number of `country` as written internationally: `+90 501 234 56 78`."""
    import phonenumbers

    number = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.MOBILE)
    if number is None:
        number = phonenumbers.example_number(country)
    if number is None:
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def format_example(country: str, fmt: OutgoingFormat) -> str:
    """What is sent to the PBX for the country's example number under `fmt` ("" if none)."""
    typed = example_number(country)
    if not typed:
        return ""
    try:
        return NumberRules(country).outgoing(typed, fmt)
    except ValueError:
        return ""


class CountryCombo(QComboBox):
    """Every country phonenumbers knows, "Germany (DE)"; type a name or a code to find it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, name in country_names():
            self.addItem(f"{name} ({code})", code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.setMaxVisibleItems(15)

    def set_country(self, code: str) -> None:
        found = self.findData(code.strip().upper())
        if found >= 0:
            self.setCurrentIndex(found)
        else:
            self.setEditText(code)

    def country(self) -> str | None:
        """The chosen country's code, or None when the text names no known country."""
        text = self.currentText().strip()
        if not text:
            return None
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)  # case-insensitive
        if found < 0:
            found = self.findData(text.upper())  # a bare code: "de"
        if found < 0:
            names = [code for code, name in country_names() if name.casefold() == text.casefold()]
            found = self.findData(names[0]) if names else -1
        return str(self.itemData(found)) if found >= 0 else None


class NumbersPage(SettingsPage):
    """How numbers are read and shown (the PBX's country) and how they are dialled."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.country = CountryCombo()
        # Radio buttons, not a list: every choice shows its example at once.
        self.outgoing_format = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        choices = QVBoxLayout()
        for fmt in OutgoingFormat:
            button = QRadioButton()
            self.format_buttons[fmt.value] = button
            self.outgoing_format.addButton(button)
            choices.addWidget(button)
        self.example_hint = QLabel(wordWrap=True)
        form = page_form(self)
        form.addRow(self.tr("Country of the PBX:"), self.country)
        form.addRow(
            "",
            QLabel(self.tr("Numbers are read, shown and dialled as in this country."),
                   wordWrap=True),
        )  # fmt: skip
        form.addRow(self.tr("Send numbers to the PBX:"), choices)
        form.addRow("", self.example_hint)
        self.country.currentTextChanged.connect(self._show_examples)
        self._show_examples()

    def _format_name(self, fmt: OutgoingFormat) -> str:
        names = {
            OutgoingFormat.AS_TYPED: self.tr("As typed"),
            OutgoingFormat.NATIONAL: self.tr("National, with the trunk prefix"),
            OutgoingFormat.INTERNATIONAL: self.tr("International, without +"),
        }
        return names[fmt]

    def _show_examples(self) -> None:
        country = self.country.country()
        typed = example_number(country) if country else ""
        for fmt in OutgoingFormat:
            sent = format_example(country, fmt) if country else ""
            text = self._format_name(fmt)
            self.format_buttons[fmt.value].setText(f"{text}: {sent}" if sent else text)
        if typed:
            self.example_hint.setText(
                self.tr("The examples show what is sent when {number} is dialled.").format(
                    number=typed
                )
            )
        else:
            self.example_hint.setText(self.tr("Choose a country to see examples."))

    def chosen_format(self) -> str:
        """The outgoing number format chosen (`OutgoingFormat` value)."""
        return next(name for name, button in self.format_buttons.items() if button.isChecked())

    def load(self, settings: st.Settings) -> None:
        self.country.set_country(settings.get(st.COUNTRY))
        chosen = settings.get(st.OUTGOING_NUMBER_FORMAT)
        self.format_buttons.get(chosen, self.format_buttons["as_typed"]).setChecked(True)
        self.lock(settings, "country", self.country)
        self.lock(settings, "outgoing_number_format", *self.format_buttons.values())

    def problem(self) -> Problem | None:
        if "country" not in self.locked and self.country.country() is None:
            return Problem(self.tr("Choose the country of the PBX from the list."), self.country)
        return None

    def values(self) -> dict[str, Any]:
        return {
            "country": self.country.country(),
            "outgoing_number_format": self.chosen_format(),
        }
