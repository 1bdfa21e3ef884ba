"""The Phonebook tab typing over a 100,000-contact book, against a Qt filter proxy.

`phonebook_search_p95_ms`: per keystroke, realistic queries typed letter by letter into
the tab's search box over the simulator's 100,000 contacts (plus its extensions), from
setting the search text to the model updated and the best match selected (the tab's
`textChanged` handler, the shown table included; offscreen).

`phonebook_search_ratio`: the total of those keystrokes divided by the same keystrokes
through a `QSortFilterProxyModel` with a case-insensitive fixed-string filter over every
column (the tab searches names, companies and numbers) of a `QStandardItemModel` holding
the same rows, measured in the same run, each keystroke taking turns. Both totals come from
the first round, the only one the proxy types in (each of its keystrokes scans all 100,000
rows, ~0.1 s: a sum over 127 keystrokes needs no second round); the tab types each query
there for the first time, so nothing it learnt in an earlier round helps it.
The p95 is over the median of each keystroke's ROUNDS rounds.
"""

from __future__ import annotations

import logging
import os
import statistics
import time

from desktop.pbx.models import Contact, Extension
from desktop.services.phonebook import PhonebookIndex
from desktop.simulator import people

CONTACTS = 100_000
SEED = 7
ROUNDS = 3
# What a receptionist types: names without Turkish letters, with them, two words in any
# order, companies, numbers with and without a prefix and spaces.
QUERIES = (
    "ayse yilmaz",
    "Mehmet Kaya",
    "sukru",
    "çağrı doğan",
    "IŞIK",
    "yil dog",
    "john smith",
    "ege yazilim",
    "istanbul lojistik",
    "o'brien",
    "0532 412",
    "+90 212 3",
    "905441",
    "resepsiyon",
)


def phonebook(count: int = CONTACTS, seed: int = SEED) -> PhonebookIndex:
    """The simulator's phonebook of `count` contacts and its 24 extensions, indexed."""
    contacts = [Contact(c.name, c.numbers, c.company) for c in people.contacts(seed, count)]
    extensions = [
        Extension(e.number, e.name, e.state, e.reachable, e.base_latency_ms)
        for e in people.extensions(seed, 24)
    ]
    return PhonebookIndex(contacts, extensions)


def keystrokes() -> list[str]:
    """Each query as the search box holds it after each keystroke; "" clears the box."""
    out: list[str] = []
    for query in QUERIES:
        out.extend(query[:end] for end in range(1, len(query) + 1))
        out.append("")
    return out


def run() -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from desktop.ui.phonebook.phonebook_model import COLUMN_COUNT
    from desktop.ui.phonebook.phonebook_tab import PhonebookTab
    from desktop.ui.shell.application import create_qapplication

    qapp = create_qapplication()
    # Offscreen, each relayout says the platform cannot propagate size hints: not news.
    logging.getLogger("qt").setLevel(logging.ERROR)
    index = phonebook()
    tab = PhonebookTab()
    tab.resize(1000, 700)
    tab.set_index(index)
    tab.show()
    qapp.processEvents()

    # The same rows, as the tab shows them, in the model a proxy filter would sit on.
    items = QStandardItemModel(0, COLUMN_COUNT)
    for entry in index.entries:
        numbers = ", ".join(index.rules.display(n) for n in entry.numbers)
        kind = "Internal" if entry.internal else "External"
        items.appendRow([QStandardItem(t) for t in (entry.name, numbers, entry.company, kind)])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(items)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)

    typed = keystrokes()
    ours: list[list[float]] = [[] for _ in typed]
    theirs: list[list[float]] = [[] for _ in typed]
    box = tab.search_edit
    clock = time.perf_counter
    for round_ in range(ROUNDS):
        for i, text in enumerate(typed):
            start = clock()
            box.setText(text)
            ours[i].append(clock() - start)
            if round_ == 0:
                start = clock()
                proxy.setFilterFixedString(text)
                proxy.rowCount()
                theirs[i].append(clock() - start)
            qapp.processEvents()  # the table repaints between keystrokes, as it would
    # Keystrokes only: clearing the box is not typing.
    keyed = [i for i, q in enumerate(typed) if q]
    mine = sorted(statistics.median(ours[i]) for i in keyed)
    proxied = [theirs[i][0] for i in keyed]
    first_round = sum(ours[i][0] for i in keyed)
    tab.close()
    tab.deleteLater()
    return {
        "phonebook_search_p95_ms": mine[int(len(mine) * 0.95)] * 1000,
        "phonebook_search_ratio": first_round / sum(proxied),
        "phonebook_search_max_ms": mine[-1] * 1000,
        "phonebook_proxy_p95_ms": sorted(proxied)[int(len(proxied) * 0.95)] * 1000,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<28}{value:10.3f}")
