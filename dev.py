#!/usr/bin/env python3
"""Set up and run IEXPBX Desktop from a source checkout, with only Python 3.11+ installed.

    python3 dev.py demo            start the app in demo mode (a simulated PBX, no set-up)
    python3 dev.py test [ARGS]     run the test suite (ARGS go to pytest)
    python3 dev.py run [ARGS]      start the app with ARGS (e.g. --help)
    python3 dev.py setup           only create/update .venv

The first call creates `.venv` beside this file and installs the app with its
test tools into it; later calls reuse it (and update it when pyproject.toml
changed). Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed-from"

# Shared libraries Qt needs on Debian/Ubuntu beyond a minimal system (the X11
# ones only for a real screen; libpulse for QtMultimedia).
DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "libpulse0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-xinerama0",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-randr0",
    "libxcb-shape0",
    "libxcb-xkb1",
]


def venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def missing_debian_packages() -> list[str]:
    if platform.system() != "Linux" or not shutil.which("dpkg-query"):
        return []
    missing = []
    for pkg in DEBIAN_PACKAGES:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True, check=False
        )
        if "install ok installed" not in probe.stdout:
            missing.append(pkg)
    return missing


def ensure_system_libraries() -> None:
    missing = missing_debian_packages()
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Installing Qt's system libraries:", " ".join(missing), flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(command, check=True, env=env)
    else:
        sys.exit("Qt needs some system libraries first. Run:\n  sudo " + " ".join(command))


def ensure_venv() -> Path:
    if sys.version_info < (3, 11):
        sys.exit(
            f"IEXPBX Desktop needs Python 3.11 or newer (this is {platform.python_version()})."
        )
    python = venv_python()
    if not python.exists():
        print(f"Creating {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as exc:  # Debian splits venv/ensurepip into python3-venv
            sys.exit(
                f"Could not create a virtual environment ({exc}).\n"
                "On Debian/Ubuntu: sudo apt-get install python3-venv"
            )
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing IEXPBX Desktop and its test tools into .venv ...", flush=True)
        pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
        subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
        # "compat" editables are a plain path entry: no import hook slowing every start.
        editable = ["--config-settings", "editable_mode=compat"]
        subprocess.run([*pip, "install", "-q", *editable, "-e", f"{ROOT}[test,dev]"], check=True)
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test", "run", "setup"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_system_libraries()
    python = ensure_venv()
    if command == "setup":
        print(f"Ready: {python}")
        return 0
    env = dict(os.environ)
    if command == "test":
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        args = [str(python), "-m", "pytest", *rest]
    elif command == "demo":
        args = [str(python), "-m", "desktop", "--demo", *rest]
    else:
        args = [str(python), "-m", "desktop", *rest]
    if os.name == "posix":
        # Become the app (or pytest): signals, exit status and the terminal go straight to it.
        os.chdir(ROOT)
        os.execve(args[0], args, env)
    return subprocess.run(args, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
