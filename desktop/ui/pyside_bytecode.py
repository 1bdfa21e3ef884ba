"""PySide6's own Python modules, compiled once instead of at every start.

Importing PySide6 runs Python code shipped inside the shiboken6 library (its signature
and feature support: ~150 kB of source in an embedded zip). Unlike every other module,
that source is handed to `compile()` at each start, because a zip in memory has no
`__pycache__`: ~27 ms of this app's start-up on a 2-core machine, before any window.

`compiled_once(folder)` wraps that import: while it lasts, `compile()` of exactly those
files (by their names in the embedded zip) is answered from `folder`, where the first
start stored the code. An entry holds the interpreter's bytecode magic and a SHA-256 of
the file name and source it was made from, and of its own code: another Python, another
PySide6 or a damaged file misses and is compiled (and stored) afresh. Anything else
compiled meanwhile, on any thread, goes straight to the real `compile()`. Nothing is
stored when Python is told not to write bytecode (PYTHONDONTWRITEBYTECODE; a frozen build
excepted, see `desktop.startup_cache`) or the folder cannot be written; the import then
simply compiles as it always did.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import importlib.util
import marshal
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import CodeType
from typing import Any

from desktop.startup_cache import FUTURE_FLAGS, read_checked, write_checked

__all__ = ["compiled_once", "entry_path"]

# The embedded zip's files, as shiboken6 names them when it compiles them.
_EMBEDDED = re.compile(r"signature_bootstrap\.py|shibokensupport(/\w+)*/\w+\.py")


def entry_path(folder: Path, filename: str) -> Path:
    """Where the compiled `filename` of the embedded zip is kept (one entry per file)."""
    return folder / (filename.replace("/", ".").removesuffix(".py") + ".code")


def _key(filename: str, source: bytes, flags: int) -> bytes:
    header = f"{filename}\0{flags}\0".encode()
    return hashlib.sha256(importlib.util.MAGIC_NUMBER + header + source).digest()


def _load(path: Path, key: bytes) -> CodeType | None:
    payload = read_checked(path, key)
    if payload is None:
        return None
    try:
        # This user's own earlier start wrote it (the same trust as Python's __pycache__),
        # and the digests tie it to this source and this interpreter.
        code = marshal.loads(payload)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


@contextlib.contextmanager
def compiled_once(folder: Path) -> Iterator[None]:
    """While in this block, compile the embedded zip's files once and keep them in `folder`."""
    real = builtins.compile

    def compile(
        source: Any,
        filename: Any,
        mode: str,
        flags: int = 0,
        dont_inherit: bool = False,
        optimize: int = -1,
        **more: Any,
    ) -> Any:
        if (
            mode != "exec"
            or more
            or optimize != -1
            or not isinstance(source, bytes)
            or not isinstance(filename, str)
            or not _EMBEDDED.fullmatch(filename)
        ):
            return real(source, filename, mode, flags, dont_inherit, optimize, **more)
        # The real compile() inherits the caller's `from __future__` switches; called from
        # here it would inherit this module's instead. So: the caller's, passed explicitly.
        if not dont_inherit:
            flags |= sys._getframe(1).f_code.co_flags & FUTURE_FLAGS
        key = _key(filename, source, flags)
        path = entry_path(folder, filename)
        code = _load(path, key)
        if code is None:
            code = real(source, filename, mode, flags, True, optimize)
            write_checked(path, key, marshal.dumps(code))
        return code

    builtins.compile = compile
    try:
        yield
    finally:
        builtins.compile = real
