"""Export as a spreadsheet reads it: CSV bytes for Excel, and XLSX read back."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.pbx.errors import PbxError
from desktop.pbx.models import CallRecord
from desktop.services.history import HistoryRows
from desktop.services.history_export import csv_delimiter, write_csv, write_xlsx

WHEN = datetime(2026, 3, 4, 9, 5, 7)


def rows() -> HistoryRows:
    store = HistoryRows(name_for={"05321234567": 'Ayşe; "Işık"'}.get)
    store.add(
        [
            CallRecord(
                "1", WHEN, "incoming", "05321234567", "101", timedelta(seconds=3725.4),
                "ANSWERED", "630", True, "=HYPERLINK(\"http://x\")",
            ),
            CallRecord(
                "2", WHEN + timedelta(minutes=1), "outcoming", "101", "+905551112233",
                timedelta(seconds=3), "NO ANSWER", "", False, "-2+3",
            ),
            CallRecord(
                "3", WHEN + timedelta(minutes=2), "incoming", "=1+1", "101",
                timedelta(0), "BUSY", "", False, "",
            ),
        ]
    )  # fmt: skip
    return store


def test_csv_for_a_turkish_excel(tmp_path: Path) -> None:
    dest = tmp_path / "calls.csv"
    store = rows()
    write_csv(dest, store, store.matching(), locale_name="tr_TR")
    assert dest.read_bytes() == (
        b"\xef\xbb\xbf"
        b"Time;Direction;From;From name;To;To name;Duration;Outcome;Queue;Recording;"
        b"Custom data\r\n"
        b'2026-03-04 09:05:07;Incoming;"=""05321234567""";"Ay\xc5\x9fe; ""I\xc5\x9f\xc4\xb1k""";'
        b'"=""101""";;1:02:05;Answered;630;Yes;"\'=HYPERLINK(""http://x"")"\r\n'
        b'2026-03-04 09:06:07;Outgoing;"=""101""";;"=""+905551112233""";;0:00:03;Missed;;;'
        b"'-2+3\r\n"
        b'2026-03-04 09:07:07;Incoming;\'=1+1;;"=""101""";;0:00:00;Busy;;;\r\n'
    )
    assert [p.name for p in tmp_path.iterdir()] == ["calls.csv"]  # no temporary file left


def test_csv_delimiter_follows_the_locale() -> None:
    assert csv_delimiter("tr_TR") == ";"
    assert csv_delimiter("de_DE.UTF-8") == ";"
    assert csv_delimiter("en_US") == ","
    assert csv_delimiter("en_GB") == ","
    assert csv_delimiter("de_CH") == ","


def test_csv_in_english_uses_commas(tmp_path: Path) -> None:
    dest = tmp_path / "calls.csv"
    store = rows()
    write_csv(dest, store, [1], locale_name="en_US")
    lines = dest.read_bytes().split(b"\r\n")
    assert (
        lines[1]
        == b'2026-03-04 09:06:07,Outgoing,"=""101""",,"=""+905551112233""",,0:00:03,Missed,,,\'-2+3'
    )


def test_an_unwritable_folder_is_a_readable_error(tmp_path: Path) -> None:
    store = rows()
    with pytest.raises(PbxError):
        write_csv(tmp_path / "missing" / "x.csv", store, [0], locale_name="tr_TR")


def test_xlsx_keeps_numbers_as_text_and_formulas_inert(tmp_path: Path) -> None:
    dest = tmp_path / "calls.xlsx"
    store = rows()
    write_xlsx(dest, store, store.matching())
    with zipfile.ZipFile(dest) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    # Streamed rows hold their text inline (`t="inlineStr"`), each a string cell.
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", sheet)
    assert "05321234567" in strings and "+905551112233" in strings and "=1+1" in strings
    assert '=HYPERLINK("http://x")' in [t.replace("&quot;", '"') for t in strings]
    assert 'r="C2" t="inlineStr"' in sheet
    assert "<f>" not in sheet  # no cell is a formula
    # The time is a real date-time number and the duration a fraction of a day.
    assert re.search(r'<c r="A2" s="\d+"><v>46085\.378', sheet)
    assert re.search(r'<c r="G2" s="\d+"><v>0\.0431', sheet)
    assert [p.name for p in tmp_path.iterdir()] == ["calls.xlsx"]
