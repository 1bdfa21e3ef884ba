"""Start the app when the user logs in: XDG autostart, the Windows Run key, a LaunchAgent.

Qt-free. `enable(command)` writes the entry (atomically: a temporary file renamed into
place), `disable()` removes it, `is_enabled()` says whether it is there. The command is
the installed launcher (`launch_command()`): the frozen executable, or `python -m desktop`
from a source checkout. Only this user's own entries are touched, never system-wide ones.
"""

from __future__ import annotations

import os
import plistlib
import sys
import tempfile
from pathlib import Path

from desktop import APP_ID, APP_NAME

__all__ = [
    "LAUNCH_AGENT_LABEL",
    "RUN_KEY",
    "RUN_VALUE",
    "desktop_entry",
    "disable",
    "enable",
    "entry_path",
    "is_enabled",
    "launch_agent_plist",
    "launch_command",
    "windows_command_line",
]

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "IEXPBX Desktop"
LAUNCH_AGENT_LABEL = "com.iexpbx.desktop"


def launch_command() -> list[str]:
    """How this app is started again: the bundle's executable, or Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "desktop"]


def entry_path(platform: str = sys.platform) -> Path:
    """The file that holds the autostart entry on Linux (XDG) and macOS (LaunchAgent)."""
    if platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    # The XDG spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / "autostart" / f"{APP_ID}.desktop"


# ---------------------------------------------------------------- content
def _desktop_exec(command: list[str]) -> str:
    """An Exec= value: each argument quoted by the Desktop Entry rules."""

    def quote(arg: str) -> str:
        if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return arg.replace("%", "%%")
        escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
        return '"' + escaped.replace("$", "\\$").replace("%", "%%") + '"'

    return " ".join(quote(a) for a in command).replace("\\", "\\\\")


def desktop_entry(command: list[str]) -> str:
    """The XDG autostart `.desktop` file that starts `command` at login."""
    _check(command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Live calls, phonebook and call history of your IEXPBX telephone system\n"
        f"Exec={_desktop_exec(command)}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def launch_agent_plist(command: list[str]) -> bytes:
    """The macOS LaunchAgent that starts `command` at login (not kept alive: Quit is quit)."""
    _check(command)
    agent = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "KeepAlive": False,
        "ProcessType": "Interactive",
        "LimitLoadToSessionType": "Aqua",
    }
    return plistlib.dumps(agent, fmt=plistlib.FMT_XML, sort_keys=True)


def windows_command_line(command: list[str]) -> str:
    """The Run-key value: a command line Windows splits back into the same arguments."""
    _check(command)
    import subprocess

    return subprocess.list2cmdline(command)


def _check(command: list[str]) -> None:
    if not command or not all(isinstance(a, str) and a for a in command):
        raise ValueError("the autostart command must be a non-empty list of arguments")
    if any(c in a for a in command for c in "\0\r\n"):
        raise ValueError("an autostart argument cannot hold a line break or NUL")


# ---------------------------------------------------------------- files and registry
def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def enable(command: list[str] | None = None) -> None:
    """Start `command` (default: this app) when this user logs in; OSError if not possible."""
    command = list(command) if command is not None else launch_command()
    if sys.platform == "win32":
        _set_run_value(windows_command_line(command))
    elif sys.platform == "darwin":
        _write_atomically(entry_path("darwin"), launch_agent_plist(command))
    else:
        _write_atomically(entry_path(), desktop_entry(command).encode("utf-8"))


def disable() -> None:
    """No longer start at login (nothing happens if it was not enabled)."""
    if sys.platform == "win32":
        _delete_run_value()
    else:
        entry_path(sys.platform).unlink(missing_ok=True)


def is_enabled() -> bool:
    """Whether the app starts at login for this user."""
    if sys.platform == "win32":
        return _get_run_value() is not None
    return entry_path(sys.platform).is_file()


if sys.platform == "win32":
    import winreg

    def _set_run_value(value: str) -> None:
        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, value)

    def _get_run_value() -> str | None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _ = winreg.QueryValueEx(key, RUN_VALUE)
        except FileNotFoundError:
            return None
        return str(value)

    def _delete_run_value() -> None:
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, RUN_VALUE)
        except FileNotFoundError:
            pass

else:

    def _set_run_value(value: str) -> None:
        raise OSError("the Run key exists only on Windows")

    def _get_run_value() -> str | None:
        return None

    def _delete_run_value() -> None:
        return None
