"""Languages: English source strings, a Turkish translation, chosen by setting or system.

Translations are kept as Qt Linguist sources (`resources/translations/*.ts`);
the compiled `.qm` files are built, not committed: by the installer, or here on
first use with the `lrelease` that ships inside PySide6 (into the user's cache
when the resources folder is read-only).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "tr": "Türkçe"}
SOURCE_LANGUAGE = "en"
_installed: list[QTranslator] = []


def choose_language(setting: str, system_locale: QLocale | None = None) -> str:
    """The language to use: the setting if it names one we ship, else the system's."""
    if setting in LANGUAGES:
        return setting
    name = (system_locale or QLocale.system()).name().split("_", 1)[0].lower()
    return name if name in LANGUAGES else SOURCE_LANGUAGE


def install(app: QCoreApplication, setting: str = "system") -> str:
    """Install the translators for the chosen language; returns the language code used."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = choose_language(setting)
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return language
    ours = compiled_translation(language)
    candidates = [(ours.parent, ours.stem)] if ours else []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates.append((Path(qt_dir), f"qtbase_{language}"))  # Qt's own buttons and dialogs
    for folder, stem in candidates:
        translator = QTranslator(app)
        if translator.load(stem, str(folder)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("Translation %s not found in %s", stem, folder)
    # Installed last, asked first: shortcuts read as the keys are labelled.
    key_names = KeyNames(app)
    app.installTranslator(key_names)
    _installed.append(key_names)
    return language


class KeyNames(QTranslator):
    """Modifier keys as printed on the keyboard ("Ctrl+D"), whatever Qt's own translation says.

    Qt's Turkish translation writes Ctrl as "Kontrol" in menus and tooltips, but Turkish
    keyboards (and every other program) say Ctrl; the rest of Qt's texts stay translated.
    """

    _KEYS = frozenset({"Ctrl", "Shift", "Alt", "Meta"})

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == "QShortcut" and source in self._KEYS:
            return source
        return None  # not ours (a null text): the next translator answers

    def isEmpty(self) -> bool:
        return False


def compiled_translation(language: str) -> Path | None:
    """The `.qm` for a language, compiling it from its `.ts` source when missing or stale."""
    source = resource_path("translations", f"iexpbx_{language}.ts")
    beside = source.with_suffix(".qm")
    if beside.exists() and (
        not source.exists() or beside.stat().st_mtime >= source.stat().st_mtime
    ):
        return beside
    if not source.exists():
        return None
    for target in (beside, _cache_dir() / beside.name):
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            return target
        if _lrelease(source, target):
            return target
    return None


def _cache_dir() -> Path:
    from desktop.resources import cache_dir

    return cache_dir("translations")


def _lrelease(source: Path, target: Path) -> bool:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(target.parent, os.W_OK):
            return False
        import PySide6

        tool = Path(PySide6.__file__).parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
        if not tool.exists():
            return False
        done = subprocess.run(  # noqa: S603 - fixed tool from the installed binding
            [str(tool), "-silent", str(source), "-qm", str(target)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        return done.returncode == 0 and target.exists()
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("Could not compile translation %s: %s", source.name, exc)
        return False
