"""Where the app logs (a small rotating file, secrets masked), and the diagnostics text.

Every handler carries the redacting filter, and so do the HTTP libraries' own loggers:
a request URL holds the password, so no record may reach a file or terminal unfiltered.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

from desktop import APP_ID, APP_NAME, __version__
from desktop.pbx import redact

__all__ = [
    "LOG_BACKUPS",
    "LOG_FILE_NAME",
    "LOG_MAX_BYTES",
    "default_log_dir",
    "diagnostics_text",
    "log_dir_for",
    "server_host",
    "setup_logging",
]

LOG_FILE_NAME = f"{APP_ID}.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_OWNED = "_iexpbx_handler"

log = logging.getLogger(__name__)


def default_log_dir() -> Path:
    """The user's log folder (e.g. ~/.local/state/iexpbx-desktop/log on Linux)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_ID, "IEXPBX"))


def log_dir_for(config_dir: Path | None) -> Path:
    """Logs live beside the settings when --config-dir is given."""
    return config_dir / "logs" if config_dir is not None else default_log_dir()


def setup_logging(log_dir: Path | None, *, debug: bool = False) -> Path | None:
    """Log to a rotating file in `log_dir` (None: standard error only); returns the file.

    Calling it again replaces the handlers it installed before.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OWNED, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    formatter = logging.Formatter(_FORMAT)
    handlers: list[logging.Handler] = []
    log_file: Path | None = None
    problem = ""
    if log_dir is not None:
        from logging.handlers import RotatingFileHandler  # not for the demo: it writes no file

        try:
            log_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            log_file = log_dir / LOG_FILE_NAME
            handlers.append(
                RotatingFileHandler(
                    log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
                )
            )
        except OSError as exc:
            log_file = None
            problem = f"{type(exc).__name__}: {exc.strerror or exc}"
    if sys.stderr is not None:  # None for a windowed app on Windows
        console = logging.StreamHandler()
        # The terminal shows problems only; the file keeps the whole story.
        console.setLevel(logging.DEBUG if debug or log_file is None else logging.WARNING)
        handlers.append(console)
    for handler in handlers:
        handler.setFormatter(formatter)
        redact.install_on_handler(handler)
        setattr(handler, _OWNED, True)
        root.addHandler(handler)
    redact.install_on_http_loggers()
    # One request line every poll would flood the file; only problems are kept.
    for name in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.WARNING)
    logging.getLogger("qasync").setLevel(logging.INFO)  # a line per callback otherwise
    _log_uncaught_exceptions()
    if problem:
        log.warning(
            "Cannot write the log file in %s (%s); logging to the terminal", log_dir, problem
        )
    return log_file


def _log_uncaught_exceptions() -> None:
    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        logging.getLogger("desktop").critical("Uncaught exception", exc_info=(kind, exc, tb))

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        logging.getLogger("desktop").critical(
            "Uncaught exception in thread %s",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = excepthook
    threading.excepthook = thread_hook


def server_host(server_url: str) -> str:
    """`https://pbx.example.com:8443/x?password=…` → `pbx.example.com:8443` (no path, no query)."""
    if not server_url:
        return ""
    try:
        parts = urlsplit(server_url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "(invalid address)"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def diagnostics_text(
    *,
    server_url: str = "",
    username: str = "",
    keyring_backend: str = "",
    settings_file: Path | None = None,
    log_file: Path | None = None,
    demo: bool = False,
) -> str:
    """What support needs to know, safe to paste anywhere: no password, no full URL."""
    import platform

    try:
        import PySide6
        from PySide6.QtCore import qVersion
        from PySide6.QtGui import QGuiApplication

        qt, pyside = qVersion(), PySide6.__version__
        qpa = QGuiApplication.platformName() if QGuiApplication.instance() else ""
    except ImportError:
        qt = pyside = qpa = "not available"
    scheme = urlsplit(server_url).scheme if server_url else ""
    lines = [
        f"{APP_NAME} {__version__}" + (" (demo mode)" if demo else ""),
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qt}, PySide6: {pyside}" + (f", platform plugin: {qpa}" if qpa else ""),
        f"Operating system: {platform.platform()}",
        f"Desktop session: {os.environ.get('XDG_CURRENT_DESKTOP', '') or 'n/a'}",
        f"Keyring: {keyring_backend or ('not used' if demo else 'unknown')}",
        f"Server: {server_host(server_url) or 'not set up'}" + (f" ({scheme})" if scheme else ""),
        f"API user: {username or 'not set up'}",
        f"Settings file: {settings_file or 'in memory only'}",
        f"Log file: {log_file or 'standard error only'}",
    ]
    return redact.redact("\n".join(lines))
