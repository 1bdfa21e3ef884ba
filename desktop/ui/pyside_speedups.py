"""PySide6's import, made cheaper.

1. Its own embedded modules are compiled once, not at every start: see `pyside_bytecode`
   (and `desktop.startup_cache` for the regular expressions they build).
2. A faster answer to a question it asks of every module imported after it. PySide6 (6.4
   and later) hooks `import`: for each newly imported module it decides whether the
   module "uses PySide" (for its opt-in `__feature__` switches) by reading the module's
   whole source through `inspect.getsource` and looking for the word "PySide6". Through
   linecache and tokenize that costs this app 15-45 ms of start-up for ~100 modules.
   `install()` gives the same answer by searching the source file's bytes, and leaves
   anything that is not a plain `.py` file (built-in, compiled, zipped) to PySide's own
   check. Nothing changes where the hook is absent or shaped otherwise.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

_MARK = "_iexpbx_fast"


def install(bytecode_dir: Path | None = None) -> bool:
    """Import PySide6 and speed up its per-import check; True when the check was replaced.

    With `bytecode_dir`, PySide6's embedded modules are compiled once and kept there (the
    regular expressions they build are kept by the app's `StartupCache`, already running).
    """
    compiling: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if bytecode_dir is not None and "shiboken6" not in sys.modules:
        from desktop.ui.pyside_bytecode import compiled_once

        compiling = compiled_once(bytecode_dir)
    with compiling:
        import PySide6  # noqa: F401  (loads the hook)

    feature = sys.modules.get("shibokensupport.feature")
    slow: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if slow is None or not callable(slow):
        return False
    if getattr(slow, _MARK, False):
        return True

    def mod_uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return slow(module)

    setattr(mod_uses_pyside, _MARK, True)
    feature._mod_uses_pyside = mod_uses_pyside  # type: ignore[union-attr]
    return True
