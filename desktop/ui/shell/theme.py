"""Light and dark looks: follow the system, or force one, with Fusion where the platform can't.

`apply_theme(app, "system" | "light" | "dark")` is the one entry point. Platforms that
know a dark scheme (Windows 11, macOS, GNOME/KDE with Qt >= 6.5) supply the palette
themselves; elsewhere the Fusion style with our own palette stands in.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")

_STATE_COLOURS = {
    # state: (on a light background, on a dark background)
    "online": ("#1f9d55", "#3ccf7a"),
    "connecting": ("#c98a00", "#f2b836"),
    "offline": ("#c62828", "#ff6b63"),
}
_BANNER_COLOURS = {
    # kind: light (background, border, text), dark (background, border, text)
    "error": (("#fdecea", "#f1aca6", "#5f1510"), ("#4a1f1d", "#8c3a35", "#ffd9d5")),
    "warning": (("#fff4d6", "#efcf7a", "#4d3800"), ("#463a17", "#8a7030", "#ffe9b0")),
    "info": (("#e6f0fd", "#a9c8f2", "#0f3260"), ("#1c3048", "#3c5f8c", "#d6e7ff")),
}


class _State:
    theme = "system"
    platform_style = ""  # the platform's own style, remembered before Fusion replaces it
    watching = False


_state = _State()


def apply_theme(app: QApplication, theme: str) -> str:
    """Apply `theme` to the whole app; returns the scheme in effect, "light" or "dark"."""
    if theme not in THEMES:
        log.warning("Unknown theme %r; following the system", theme)
        theme = "system"
    _state.theme = theme
    hints = app.styleHints()
    if not _state.watching:
        hints.colorSchemeChanged.connect(_on_system_scheme_changed)
        _state.watching = True

    requested = {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
        "system": Qt.ColorScheme.Unknown,
    }[theme]
    if hasattr(hints, "setColorScheme"):  # Qt >= 6.8: ask the platform first
        hints.setColorScheme(requested)

    system_dark = _system_is_dark(app)
    want_dark = system_dark if theme == "system" else theme == "dark"

    _restore_platform_look(app)
    if is_dark(app.palette()) != want_dark:
        # The platform can't draw the wanted scheme: Fusion draws any palette well.
        if not _state.platform_style:
            _state.platform_style = app.style().name()
        fusion = QStyleFactory.create("Fusion")
        app.setStyle(fusion)
        app.setPalette(dark_palette() if want_dark else fusion.standardPalette())
    _restyle_sheeted_widgets(app)
    return "dark" if want_dark else "light"


def _restyle_sheeted_widgets(app: QApplication) -> None:
    # A widget with its own style sheet keeps the palette it was polished with (the calls
    # table stayed white after a switch to dark): setting its sheet again re-reads the
    # application's palette. Widgets without one follow the palette by themselves.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def current_theme() -> str:
    return _state.theme


def _restore_platform_look(app: QApplication) -> None:
    # Only after Fusion stood in: asking for the style early costs the first paint ~8 ms.
    if _state.platform_style and app.style().name().lower() != _state.platform_style.lower():
        style = QStyleFactory.create(_state.platform_style)
        if style is not None:
            app.setStyle(style)
    app.setPalette(QPalette())  # an empty palette means: the platform's own


def _on_system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    app = QApplication.instance()
    if _state.theme == "system" and isinstance(app, QApplication):
        apply_theme(app, "system")


def is_dark(palette: QPalette | QWidget | None = None) -> bool:
    """True when text is lighter than the window behind it."""
    if palette is None:
        palette = QGuiApplication.palette()
    elif isinstance(palette, QWidget):
        palette = palette.palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return text.lightness() > window.lightness()


def state_colour(state: str, dark: bool) -> str:
    """The dot colour for "online" | "connecting" | "offline"."""
    light_colour, dark_colour = _STATE_COLOURS.get(state, _STATE_COLOURS["offline"])
    return dark_colour if dark else light_colour


def banner_colours(kind: str, dark: bool) -> tuple[str, str, str]:
    """(background, border, text) for a banner of `kind` ("error" | "warning" | "info")."""
    light_set, dark_set = _BANNER_COLOURS.get(kind, _BANNER_COLOURS["error"])
    return dark_set if dark else light_set


def dark_palette() -> QPalette:
    """A calm dark palette for Fusion in which empty fields and unchecked boxes stay visible.

    Fusion draws the frame of line edits, check boxes and lists in `Window` darkened by
    40 % and fills them with `Base`. So `Base` is clearly lighter than `Window` (as in most
    dark themes): the field stands out from the window, and its dark frame from the field.
    """
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: "#202124",
        role.WindowText: "#eceef0",
        role.Base: "#404349",
        role.AlternateBase: "#464950",
        role.ToolTipBase: "#45484f",
        role.ToolTipText: "#f2f3f5",
        role.PlaceholderText: "#b0b4bb",
        role.Text: "#eceef0",
        role.Button: "#393c42",
        role.ButtonText: "#eceef0",
        role.BrightText: "#ff6b63",
        role.Light: "#62666e",
        role.Midlight: "#4b4e55",
        role.Mid: "#2b2d31",
        role.Dark: "#151618",
        role.Shadow: "#0a0a0b",
        role.Highlight: "#2f6bc4",
        role.HighlightedText: "#ffffff",
        role.Link: "#86b8ff",
        role.LinkVisited: "#b99cff",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    disabled = {
        role.WindowText: "#8f939a",
        role.Text: "#8f939a",
        role.ButtonText: "#8f939a",
        role.PlaceholderText: "#767a81",
        role.Base: "#2a2c30",
        role.Button: "#2b2d31",
        role.Highlight: "#45484e",
        role.HighlightedText: "#a4a8af",
    }
    for colour_role, colour in disabled.items():
        palette.setColor(group.Disabled, colour_role, QColor(colour))
    return palette
