"""PySide6's per-import "does this module use PySide?" check, answered more cheaply.

PySide6 (6.4 and later) hooks `import`: for each newly imported module it decides whether
the module "uses PySide" (for its opt-in `__feature__` switches) by reading the module's
whole source through `inspect.getsource` and looking for the word "PySide6". Through
linecache and tokenize that costs this app 15-45 ms of start-up for ~100 modules.
`install()` gives the same answer by searching the source file's bytes, and leaves anything
that is not a plain `.py` file to PySide's own check.

It is installed only for the PySide6 releases it was written and tested against
(`TESTED_RELEASES`): elsewhere PySide6 keeps its own check, untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

_MARK = "_iexpbx_fast"
# (major, minor) releases whose `shibokensupport.feature._mod_uses_pyside` this matches.
TESTED_RELEASES = frozenset({(6, 9), (6, 10), (6, 11), (6, 12)})


def install() -> bool:
    """Import PySide6 and, on a tested release, speed up its per-import check."""
    import PySide6

    if tuple(PySide6.__version_info__[:2]) not in TESTED_RELEASES:
        return False
    import sys

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
