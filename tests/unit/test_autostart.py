"""Autostart at login: the XDG entry on disk, and the Windows/macOS entries' content."""

from __future__ import annotations

import plistlib
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.platform import autostart

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG path")


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


def test_enable_writes_an_xdg_autostart_entry_that_runs_the_command(config_home: Path) -> None:
    assert not autostart.is_enabled()
    autostart.enable(["/opt/iexpbx-desktop/iexpbx-desktop"])
    entry = config_home / "autostart" / "iexpbx-desktop.desktop"
    assert autostart.is_enabled() and entry.is_file()
    text = entry.read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Exec=/opt/iexpbx-desktop/iexpbx-desktop\n" in text
    assert "Type=Application\n" in text
    assert [p.name for p in entry.parent.iterdir()] == ["iexpbx-desktop.desktop"]  # no temp


def test_disable_removes_the_entry_and_only_it(config_home: Path) -> None:
    other = config_home / "autostart" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n", encoding="utf-8")
    autostart.enable(["iexpbx-desktop"])
    autostart.disable()
    assert not autostart.is_enabled()
    assert sorted(p.name for p in other.parent.iterdir()) == ["other.desktop"]
    autostart.disable()  # already off: still fine
    assert not autostart.is_enabled()


def test_enable_twice_replaces_the_command(config_home: Path) -> None:
    autostart.enable(["/usr/bin/old"])
    autostart.enable(["/usr/bin/new"])
    text = autostart.entry_path().read_text(encoding="utf-8")
    assert "Exec=/usr/bin/new\n" in text and "old" not in text


def test_without_xdg_config_home_the_entry_is_in_dot_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.entry_path() == tmp_path / ".config/autostart/iexpbx-desktop.desktop"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # invalid per the spec: ignored
    assert autostart.entry_path() == tmp_path / ".config/autostart/iexpbx-desktop.desktop"


def test_a_path_with_spaces_and_quotes_survives_the_exec_line(config_home: Path) -> None:
    command = [sys.executable, "-m", "desktop", "--config-dir", '/tmp/my "desk" 100%']
    text = autostart.desktop_entry(command)
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    value = exec_line.removeprefix("Exec=")
    # Undo the two escaping layers of the spec: the string value, then the field codes.
    unescaped = value.replace("\\\\", "\\").replace("%%", "%")
    assert shlex.split(unescaped) == command


def test_a_desktop_file_validator_accepts_the_entry(tmp_path: Path) -> None:
    validator = "/usr/bin/desktop-file-validate"
    if not Path(validator).exists():
        pytest.skip("desktop-file-validate not installed")
    entry = tmp_path / "iexpbx-desktop.desktop"
    entry.write_text(autostart.desktop_entry(["/usr/bin/iexpbx-desktop"]), encoding="utf-8")
    done = subprocess.run([validator, str(entry)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_broken_command_is_refused_and_nothing_is_written(config_home: Path) -> None:
    for bad in ([], ["iexpbx-desktop", "a\nExec=evil"], [""]):
        with pytest.raises(ValueError):
            autostart.enable(bad)
    assert not autostart.is_enabled()
    assert not (config_home / "autostart").exists() or not any(
        (config_home / "autostart").iterdir()
    )


def test_the_launch_agent_runs_the_command_at_login_once() -> None:
    command = ["/Applications/IEXPBX Desktop.app/Contents/MacOS/iexpbx-desktop"]
    agent = plistlib.loads(autostart.launch_agent_plist(command))
    assert agent["Label"] == autostart.LAUNCH_AGENT_LABEL
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] is False
    assert autostart.entry_path("darwin").name == f"{autostart.LAUNCH_AGENT_LABEL}.plist"
    assert "LaunchAgents" in autostart.entry_path("darwin").parts


def test_the_run_key_value_quotes_a_path_with_spaces() -> None:
    line = autostart.windows_command_line([r"C:\Program Files\IEXPBX Desktop\iexpbx-desktop.exe"])
    assert line == r'"C:\Program Files\IEXPBX Desktop\iexpbx-desktop.exe"'
    assert autostart.RUN_KEY == r"Software\Microsoft\Windows\CurrentVersion\Run"


def test_from_source_the_command_runs_the_package() -> None:
    assert autostart.launch_command() == [sys.executable, "-m", "desktop"]
