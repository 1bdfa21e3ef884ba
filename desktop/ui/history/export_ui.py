"""Export from the History tab: where to save, and the rows shown in the user's words."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.services.history_export import ExportWords, write_csv, write_xlsx
from desktop.ui.history.history_model import HistoryModel

__all__ = ["ask_export_path", "export_words", "save_rows", "suggested_export_path"]


def suggested_export_path(start: datetime, end: datetime) -> str:
    """Where the save dialog starts: the user's Documents folder, a file named by the dates."""
    days = f"{start:%Y-%m-%d}" if start.date() == end.date() else f"{start:%Y-%m-%d}_{end:%Y-%m-%d}"
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder or not Path(folder).is_dir():
        folder = str(Path.home())
    return str(Path(folder) / f"call-history-{days}.csv")


def ask_export_path(parent: QWidget, start: datetime, end: datetime) -> str | None:
    """The file to export to, from a save dialog (None: cancelled); a suffix is added."""
    csv_filter = QCoreApplication.translate("HistoryTab", "CSV for Excel (*.csv)")
    xlsx_filter = QCoreApplication.translate("HistoryTab", "Excel workbook (*.xlsx)")
    suggested = suggested_export_path(start, end)
    path, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("HistoryTab", "Export call history"),
        suggested,
        f"{csv_filter};;{xlsx_filter}",
    )
    if not path:
        return None
    if not Path(path).suffix:
        path += ".xlsx" if chosen == xlsx_filter else ".csv"
    return path


def save_rows(path: str, model: HistoryModel) -> int:
    """Write the rows shown (filtered, in the table's order); .xlsx as a workbook, else CSV
    with the locale's delimiter. Returns how many; PbxError when the file cannot be saved.
    """
    shown = model.shown_indices()
    words = export_words(model)
    if path.lower().endswith(".xlsx"):
        write_xlsx(path, model.rows, shown, words=words)
    else:
        write_csv(path, model.rows, shown, locale_name=QLocale().name(), words=words)
    return len(shown)


def export_words(model: HistoryModel) -> ExportWords:
    """Headers and values in the user's language, as the table shows them."""
    return ExportWords(
        headers=(
            QCoreApplication.translate("HistoryTab", "Time"),
            QCoreApplication.translate("HistoryTab", "Direction"),
            QCoreApplication.translate("HistoryTab", "From"),
            QCoreApplication.translate("HistoryTab", "From name"),
            QCoreApplication.translate("HistoryTab", "To"),
            QCoreApplication.translate("HistoryTab", "To name"),
            QCoreApplication.translate("HistoryTab", "Duration"),
            QCoreApplication.translate("HistoryTab", "Outcome"),
            QCoreApplication.translate("HistoryTab", "Queue"),
            QCoreApplication.translate("HistoryTab", "Recording"),
            QCoreApplication.translate("HistoryTab", "Custom data"),
        ),
        directions=dict(model.direction_words),
        outcomes=dict(model.outcome_words),
        yes=model.yes,
        no="",
    )
