"""The app's own dark palette: controls stand out from the window, text stays readable.

Contrast is the WCAG ratio of relative luminances. Fusion draws the frame of line edits,
check boxes and lists in the window colour darkened by 40 % and fills them with Base, so
those are the pairs that decide whether an empty field or an unchecked box can be seen.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shell.theme import dark_palette

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def luminance(colour: QColor) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.red())
        + 0.7152 * linear(colour.green())
        + 0.0722 * linear(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def colour(role: QPalette.ColorRole, group: QPalette.ColorGroup = Group.Active) -> QColor:
    return dark_palette().color(group, role)


def test_luminance_and_contrast_match_the_wcag_definition() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_fields_stand_out_from_the_window() -> None:
    assert contrast(colour(Role.Base), colour(Role.Window)) >= 1.5


def test_frames_and_box_outlines_stand_out_from_the_field() -> None:
    outline = colour(Role.Window).darker(140)  # Fusion's frame colour
    assert contrast(outline, colour(Role.Base)) >= 1.6
    assert contrast(outline.lighter(110), colour(Role.Base)) >= 1.6  # check box outline
    for role in (Role.Dark, Role.Shadow, Role.Light):
        assert contrast(colour(role), colour(Role.Base)) >= 1.5, role.name


def test_shades_are_ordered_from_light_to_shadow() -> None:
    # Styles that draw bevels rely on this order.
    shades = [Role.Light, Role.Midlight, Role.Button, Role.Mid, Role.Dark, Role.Shadow]
    lums = [luminance(colour(role)) for role in shades]
    assert lums == sorted(lums, reverse=True)


@pytest.mark.parametrize(
    ("text", "background", "minimum"),
    [
        (Role.Text, Role.Base, 7.0),
        (Role.WindowText, Role.Window, 7.0),
        (Role.ButtonText, Role.Button, 7.0),
        (Role.ToolTipText, Role.ToolTipBase, 7.0),
        (Role.HighlightedText, Role.Highlight, 4.5),
        (Role.PlaceholderText, Role.Base, 4.5),
        (Role.Link, Role.Window, 4.5),
        (Role.Link, Role.Base, 4.5),
    ],
    ids=lambda value: getattr(value, "name", str(value)),
)
def test_text_is_readable(
    text: QPalette.ColorRole, background: QPalette.ColorRole, minimum: float
) -> None:
    assert contrast(colour(text), colour(background)) >= minimum


def test_disabled_controls_look_disabled_but_stay_legible() -> None:
    for text, background in ((Role.Text, Role.Base), (Role.WindowText, Role.Window)):
        disabled = contrast(colour(text, Group.Disabled), colour(background, Group.Disabled))
        enabled = contrast(colour(text), colour(background))
        assert 3.0 <= disabled < enabled / 1.5, text.name
    # An unusable field is quieter than a usable one, yet still a field.
    disabled_base = colour(Role.Base, Group.Disabled)
    assert contrast(disabled_base, colour(Role.Window)) < contrast(
        colour(Role.Base), colour(Role.Window)
    )
    assert disabled_base != colour(Role.Window, Group.Disabled)


# -- as Fusion draws it ----------------------------------------------------------------------


@pytest.fixture
def fusion_dark(qtbot) -> Iterator[QWidget]:
    """A dark Fusion window with an unchecked box and an empty line edit, not the app's."""
    style = QStyleFactory.create("Fusion")
    holder = QWidget()
    holder.setStyle(style)
    holder.setPalette(dark_palette())
    holder.setAutoFillBackground(True)
    layout = QVBoxLayout(holder)
    for widget in (QCheckBox("Trust this certificate"), QLineEdit()):
        widget.setStyle(style)
        layout.addWidget(widget)
    holder.resize(300, 100)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    holder._style = style  # type: ignore[attr-defined]  # kept alive with the widgets
    yield holder


def test_an_unchecked_box_and_an_empty_field_are_visible(fusion_dark: QWidget) -> None:
    image = fusion_dark.grab().toImage()
    window = colour(Role.Window)
    assert image.pixelColor(1, 1) == window

    box = fusion_dark.findChild(QCheckBox)
    option = QStyleOptionButton()
    option.initFrom(box)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    inside_box = box.mapTo(fusion_dark, indicator.center())
    assert contrast(image.pixelColor(inside_box), window) >= 1.5

    edit = fusion_dark.findChild(QLineEdit)
    inside_edit = edit.mapTo(fusion_dark, QPoint(edit.width() - 8, edit.height() // 2))
    assert contrast(image.pixelColor(inside_edit), window) >= 1.5
