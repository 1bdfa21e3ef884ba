"""PySide6's per-import check, answered faster, gives PySide6 the same answers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, folder: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=folder,
        env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(folder)])),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("speedup", [False, True])
def test_modules_choosing_pyside_features_still_get_them(tmp_path: Path, speedup: bool) -> None:
    """A module that opts into snake_case gets it; one that does not keeps Qt's names."""
    (tmp_path / "snake_module.py").write_text(
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "def name():\n"
        "    o = QObject()\n"
        "    o.set_object_name('snake')\n"
        "    return o.object_name()\n",
        encoding="utf-8",
    )
    (tmp_path / "camel_module.py").write_text(
        "from PySide6.QtCore import QObject\n"
        "def name():\n"
        "    o = QObject()\n"
        "    o.setObjectName('camel')\n"
        "    return o.objectName()\n",
        encoding="utf-8",
    )
    out = run(
        f"""
        from desktop.ui.common import pyside_speedups
        if {speedup}:
            assert pyside_speedups.install()
        else:
            import PySide6
        import camel_module, snake_module
        print(snake_module.name(), camel_module.name())
        """,
        tmp_path,
    )
    assert out.split() == ["snake", "camel"]


def test_the_fast_check_answers_as_pysides_own(tmp_path: Path) -> None:
    out = run(
        """
        import json, sys
        import PySide6
        feature = sys.modules["shibokensupport.feature"]
        own = feature._mod_uses_pyside
        import desktop.cli, desktop.ui.shell.theme, desktop.ui, encodings
        modules = [desktop.cli, desktop.ui.shell.theme, desktop.ui, json, sys, encodings]
        expected = [own(m) for m in modules]
        from desktop.ui.common import pyside_speedups
        assert pyside_speedups.install()
        assert pyside_speedups.install()  # twice is harmless
        fast = feature._mod_uses_pyside
        assert fast is not own
        print(expected, [fast(m) for m in modules])
        """,
        tmp_path,
    )
    expected, fast = out.strip().split("] [")
    assert expected + "]" == "[" + fast
    assert expected.startswith("[False, True")  # the cli uses no Qt, the theme does


def test_an_untested_pyside_release_keeps_its_own_check(tmp_path: Path) -> None:
    out = run(
        """
        import sys
        import PySide6
        PySide6.__version_info__ = (6, 99, 0, "", "")
        own = sys.modules["shibokensupport.feature"]._mod_uses_pyside
        from desktop.ui.common import pyside_speedups
        now = sys.modules["shibokensupport.feature"]._mod_uses_pyside
        print(pyside_speedups.install(), now is own)
        """,
        tmp_path,
    )
    assert out.split() == ["False", "True"]
