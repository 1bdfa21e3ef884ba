"""Screenshots of the Phonebook tab mid-search (light, dark) and its several-numbers chooser.

QT_QPA_PLATFORM=offscreen python docs/screenshots/phonebook_screenshots.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

QUERY = "ay"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from benchmarks.phonebook_search import phonebook
    from desktop.ui.phonebook.phonebook_tab import PhonebookTab
    from desktop.ui.shell.application import create_qapplication
    from desktop.ui.shell.theme import apply_theme

    qapp = create_qapplication()
    index = phonebook(500)
    for theme, name in (("light", "phonebook-search"), ("dark", "phonebook-search-dark")):
        apply_theme(qapp, theme)
        tab = PhonebookTab()
        tab.resize(860, 420)
        tab.set_index(index)
        tab.set_status(f"{len(index)} contacts")
        tab.show()
        tab.search_edit.setText(QUERY)
        tab.search_edit.setFocus()
        qapp.processEvents()
        tab.grab().save(str(HERE / f"{name}.png"))
        if theme == "light":
            shown = tab.model.entries()
            several = next(row for row, e in enumerate(shown) if len(e.numbers) > 1)
            tab.view.selectRow(several)
            tab.call_selected()
            qapp.processEvents()
            assert tab.number_chooser is not None
            tab.number_chooser.grab().save(str(HERE / "phonebook-numbers-chooser.png"))
            tab.number_chooser.close()
        tab.close()
        tab.deleteLater()
        qapp.processEvents()


if __name__ == "__main__":
    main()
