"""Exporting the rows shown in the History tab to CSV (as Excel reads it) and XLSX."""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.pbx.errors import PbxError

from .history import Direction, HistoryRows, Outcome, format_duration

__all__ = ["EXPORT_COLUMNS", "ExportWords", "csv_delimiter", "write_csv", "write_xlsx"]

# The exported columns, in order; the caller's translated headers follow this order.
EXPORT_COLUMNS = (
    "time",
    "direction",
    "from",
    "from_name",
    "to",
    "to_name",
    "duration",
    "outcome",
    "queue",
    "recording",
    "custom_data",
)
_PHONE_COLUMNS = frozenset({2, 4})
_PHONE = re.compile(r"\+?[0-9*#]+")
# What a spreadsheet takes for the start of a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Languages whose decimal separator is a comma: Excel's list separator there is ";", and a
# CSV with "," opens as one column. English, CJK, Hebrew, Thai... use "." and ",".
# fmt: off
_DECIMAL_COMMA = frozenset((
    "tr", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "hr", "sr", "bs",
    "mk", "bg", "ro", "hu", "el", "uk", "be", "lt", "lv", "et", "fi", "sv", "da", "nb", "nn",
    "no", "is", "az", "kk", "uz", "ka", "hy", "id", "vi", "ca", "eu", "gl", "af", "sq",
))
# fmt: on
# Regions whose own convention differs from their language's.
_DECIMAL_POINT_REGIONS = frozenset({"de_CH", "it_CH", "fr_CH", "es_MX", "es_US", "es_PR"})


@dataclass(frozen=True, slots=True)
class ExportWords:
    """The words a user reads in the file, translated by the caller."""

    headers: Sequence[str] = (
        "Time",
        "Direction",
        "From",
        "From name",
        "To",
        "To name",
        "Duration",
        "Outcome",
        "Queue",
        "Recording",
        "Custom data",
    )
    directions: Mapping[Direction, str] = field(
        default_factory=lambda: {
            Direction.INCOMING: "Incoming",
            Direction.OUTGOING: "Outgoing",
            Direction.INTERNAL: "Internal",
        }
    )
    outcomes: Mapping[Outcome, str] = field(
        default_factory=lambda: {
            Outcome.ANSWERED: "Answered",
            Outcome.MISSED: "Missed",
            Outcome.BUSY: "Busy",
            Outcome.FAILED: "Failed",
        }
    )
    yes: str = "Yes"
    no: str = ""


def csv_delimiter(locale_name: str) -> str:
    """`;` for decimal-comma locales ("tr_TR", "de_DE.UTF-8"), `,` otherwise ("en_US")."""
    name = locale_name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if name in _DECIMAL_POINT_REGIONS:
        return ","
    return ";" if name.split("_", 1)[0].lower() in _DECIMAL_COMMA else ","


def _safe_text(value: str) -> str:
    """Free text a spreadsheet must not run: a leading ' makes a formula-looking cell text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _csv_phone(number: str) -> str:
    # Excel drops leading zeros and "+" from a bare 0532… cell, and a leading tab or ' stays
    # visible in a CSV. `="0532…"` is a formula whose value is the text itself: Excel (and
    # LibreOffice) show 0532… and keep it text. Only digits, + * # are ever put inside it,
    # so no other formula can be smuggled in; anything else is plain, neutralised text.
    return f'="{number}"' if _PHONE.fullmatch(number) else _safe_text(number)


def _cells(rows: HistoryRows, indices: Iterable[int], words: ExportWords) -> Iterable[list[Any]]:
    """Per row: time (datetime), direction, from, name, to, name, seconds, outcome, ..."""
    names: dict[str, str] = {}

    def name(number: str) -> str:
        found = names.get(number)
        if found is None:
            found = names[number] = rows.name_for(number) or ""
        return found

    for i in indices:
        r = rows.row(i)
        yield [
            r.date,
            words.directions[rows.direction(i)],
            r.src,
            name(r.src),
            r.dst,
            name(r.dst),
            r.duration.total_seconds(),
            words.outcomes[rows.outcome(i)],
            r.queue,
            words.yes if r.has_recording else words.no,
            r.userfield,
        ]


def _check_headers(words: ExportWords) -> None:
    if len(words.headers) != len(EXPORT_COLUMNS):
        raise ValueError(f"Expected {len(EXPORT_COLUMNS)} headers, got {len(words.headers)}")


def write_csv(
    dest: str | os.PathLike[str],
    rows: HistoryRows,
    indices: Iterable[int],
    *,
    locale_name: str,
    words: ExportWords | None = None,
) -> None:
    """Write `rows[indices]` as CSV for Excel: UTF-8 with BOM, the locale's delimiter, CRLF."""
    words = words or ExportWords()
    _check_headers(words)

    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8-sig", newline="") as text:
            w = csv.writer(text, delimiter=csv_delimiter(locale_name), lineterminator="\r\n")
            w.writerow([_safe_text(h) for h in words.headers])
            for cells in _cells(rows, indices, words):
                cells[0] = cells[0].strftime("%Y-%m-%d %H:%M:%S")  # Excel reads ISO anywhere
                cells[6] = format_duration(cells[6])
                for k in range(1, len(cells)):
                    if k in _PHONE_COLUMNS:
                        cells[k] = _csv_phone(cells[k])
                    elif k != 6:
                        cells[k] = _safe_text(cells[k])
                w.writerow(cells)

    _write_atomically(Path(dest), write)


def write_xlsx(
    dest: str | os.PathLike[str],
    rows: HistoryRows,
    indices: Iterable[int],
    *,
    words: ExportWords | None = None,
) -> None:
    """Write `rows[indices]` as an Excel workbook: numbers as text cells, real times."""
    import xlsxwriter  # loaded on first export, not at start-up

    words = words or ExportWords()
    _check_headers(words)

    def write(path: Path) -> None:
        # constant_memory streams rows to disk: 100,000 rows take little memory.
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        sheet = book.add_worksheet()
        bold = book.add_format({"bold": True})
        when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        hms = book.add_format({"num_format": "[h]:mm:ss"})
        for k, header in enumerate(words.headers):
            sheet.write_string(0, k, header, bold)
        sheet.set_column(0, 0, 19)
        sheet.set_column(2, 5, 16)
        for n, cells in enumerate(_cells(rows, indices, words), start=1):
            sheet.write_datetime(n, 0, cells[0], when)
            sheet.write_number(n, 6, cells[6] / 86400, hms)
            for k in (1, 2, 3, 4, 5, 7, 8, 9, 10):
                # write_string stores text as text: no formula, number or link is read into
                # it, so numbers keep leading zeros and "=…" custom data stays inert.
                if cells[k]:
                    sheet.write_string(n, k, cells[k])
        sheet.freeze_panes(1, 0)
        book.close()

    _write_atomically(Path(dest), write)


def _write_atomically(dest: Path, write: Callable[[Path], None]) -> None:
    """Write a temporary file beside `dest`, then rename: never a half-written export."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}-", suffix=".part", dir=dest.parent)
    except OSError:
        raise _unsaved() from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, dest)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise _unsaved() from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _unsaved() -> PbxError:
    return PbxError("The export could not be saved there (the folder may be full or read-only).")
