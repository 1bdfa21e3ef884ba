"""What start-up compiles, kept for the next start.

Python keeps what it compiles from text for the process only; module bytecode is the
exception (`__pycache__`). Start-up compiles much more than modules:

- Regular expressions. PySide6's support code builds large ones as it is imported (a
  bracket matcher nested three deep, twice: ~25 ms of this app's start-up on a 2-core
  machine); httpx, h11 and the standard library compile more. `RegexCache` answers
  each `re.compile` that Python's own cache misses from its file when an earlier start
  compiled the same pattern with the same flags, by handing `_sre` (the engine) the
  program the compiler made then. On a miss the real compiler runs, and what it handed
  the engine is kept only if building the pattern again from it gives an equal pattern
  (same text, flags and program).
- The methods `@dataclass` writes and `namedtuple`'s `__new__`: see `TextCodeCache`
  (~25 ms).
- PySide6's embedded modules: see `ui/pyside_bytecode.py` (which keeps its files through
  `read_checked` / `write_checked` here).

Every file is tied to the interpreter (its version, bytecode magic, and for regular
expressions the engine's) and carries a digest of itself: anything else is ignored and
rebuilt. Nothing is written when Python is told not to write bytecode
(PYTHONDONTWRITEBYTECODE), except in a frozen build, which is always told so. Where
Python's internals differ from what this expects, it changes nothing. The app runs a
`StartupCache` from its first line until start-up is done (`runtime.startup_done`):
later compiles take Python's own way.
"""

from __future__ import annotations
import __future__

import builtins
import contextlib
import hashlib
import importlib
import importlib.util
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import Any

__all__ = [
    "FUTURE_FLAGS",
    "RegexCache",
    "StartupCache",
    "TextCodeCache",
    "read_checked",
    "write_checked",
]

_MAX_ENTRIES = 1000
_MARK = "_iexpbx_regex_cache"
_DIGEST = hashlib.sha256().digest_size
# The compiler flags of all `from __future__` switches (as a code object's co_flags has them).
FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag
_Args = tuple[Any, int, list[int], int, dict[str, int], tuple[Any, ...]]


def read_checked(path: Path, key: bytes) -> bytes | None:
    """The payload stored at `path` under `key`, if it is there whole; else None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[2 * _DIGEST :]
    if data[:_DIGEST] != key or data[_DIGEST : 2 * _DIGEST] != hashlib.sha256(payload).digest():
        return None
    return payload


def write_checked(path: Path, key: bytes, payload: bytes) -> None:
    """Store `payload` under `key` (whole or not at all); nothing when bytecode is not written.

    A frozen build (PyInstaller) always runs without writing bytecode, for its own bundle;
    this cache, in the user's folder, is written all the same.
    """
    if sys.dont_write_bytecode and not getattr(sys, "frozen", False):
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial.write_bytes(key + hashlib.sha256(payload).digest() + payload)
        os.replace(partial, path)  # a reader never sees half
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def _code_file_key(kind: bytes) -> bytes:
    version = sys.version.encode()
    return hashlib.sha256(kind + b"\0" + importlib.util.MAGIC_NUMBER + version).digest()


def _regex_file_key(engine: Any) -> bytes:
    version = f"{sys.version}\0{getattr(engine, 'MAGIC', '')}\0{engine.CODESIZE}".encode()
    return hashlib.sha256(b"regexes\0" + importlib.util.MAGIC_NUMBER + version).digest()


class _Recorder:
    """Stands in for `_sre` in the compiler: remembers what it was asked to build."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.last = threading.local()

    def compile(self, *args: Any) -> Any:
        self.last.args = args
        return self._engine.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


def _plain(args: tuple[Any, ...]) -> _Args:
    """The engine's arguments as plain values (the compiler's opcodes are int subclasses)."""
    pattern, flags, code, groups, groupindex, indexgroup = args
    return (
        pattern,
        int(flags),
        [int(op) for op in code],
        int(groups),
        dict(groupindex),
        tuple(indexgroup),
    )


def _load(path: Path, key: bytes) -> dict[Any, Any]:
    payload = read_checked(path, key)
    if payload is None:
        return {}
    try:
        # This user's own earlier start wrote it (the same trust as Python's __pycache__),
        # and the digests tie it to this interpreter.
        entries = marshal.loads(payload)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _save(
    path: Path, key: bytes, known: dict[Any, Any], used: set[Any], added: dict[Any, Any]
) -> None:
    """Store what is known plus what was added; past the limit, only what this start used."""
    if not added:
        return
    keep = {**known, **added}
    if len(keep) > _MAX_ENTRIES:  # entries of older starts drop out
        keep = {entry: keep[entry] for entry in (*used, *added)}
    write_checked(path, key, marshal.dumps(keep))


class RegexCache:
    """Between `start()` and `stop()`, regular expressions are built from `path` when known.

    `stop()` puts Python's compiler back and stores what was new. While another is
    running, `start()` does nothing (the running one already answers).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._running: tuple[Any, Any, Any] | None = None  # compiler, engine, real compile

    def start(self) -> None:
        compiler = getattr(re, "_compiler", None)
        engine = getattr(compiler, "_sre", None)
        real = getattr(compiler, "compile", None)
        if self._running is not None or compiler is None or engine is None or real is None:
            return
        if getattr(real, _MARK, False) or not hasattr(engine, "compile"):
            return  # another is running, or the compiler is not what this expects
        self._key = _regex_file_key(engine)
        self._known = _load(self.path, self._key)
        self._used: set[Any] = set()
        self._added: dict[Any, _Args] = {}
        recorder = _Recorder(engine)
        compile = self._compile_with(real, engine, recorder)
        setattr(compile, _MARK, True)
        compiler._sre, compiler.compile = recorder, compile
        self._running = (compiler, engine, real)

    def stop(self) -> None:
        if self._running is None:
            return
        compiler, engine, real = self._running
        self._running = None
        compiler._sre, compiler.compile = engine, real
        _save(self.path, self._key, self._known, self._used, self._added)

    def _compile_with(self, real: Any, engine: Any, recorder: _Recorder) -> Any:
        known, used, added = self._known, self._used, self._added

        def compile(pattern: Any, flags: int = 0) -> Any:
            if type(pattern) not in (str, bytes) or type(flags) is not int or flags & re.DEBUG:
                return real(pattern, flags)
            entry = (pattern, flags)
            args = known.get(entry) or added.get(entry)
            if args is not None:
                with contextlib.suppress(Exception):  # a stale entry: compile it afresh
                    compiled = engine.compile(*args)
                    used.add(entry)
                    return compiled
            recorder.last.args = None
            compiled = real(pattern, flags)
            made = recorder.last.args
            if made is not None:
                with contextlib.suppress(Exception):  # not kept if it cannot be rebuilt
                    plain = _plain(made)
                    if engine.compile(*plain) == compiled:
                        added[entry] = plain
            return compiled

        return compile


class TextCodeCache:
    """Between `start()` and `stop()`, text one module runs through exec/eval compiles once.

    `@dataclass` writes each class's `__init__`, `__repr__`, `__eq__`... as source text
    and runs it through `exec()`, which compiles it (~160 small functions, ~25 ms of
    start-up); `namedtuple` does the same with `eval()` for each `__new__`. While running,
    the `exec` (or `eval`) that module sees compiles each text once and keeps the code in
    `path` for the next start, keyed by the exact text and the caller's `__future__`
    switches: the same code the built-in would have made, run the same way.
    """

    def __init__(self, path: Path, module: str, builtin: str) -> None:
        if builtin not in ("exec", "eval"):
            raise ValueError(f"not exec or eval: {builtin}")
        self.path, self.module_name, self.builtin = path, module, builtin
        self._module: Any = None

    def start(self) -> None:
        module = importlib.import_module(self.module_name)
        if self._module is not None or self.builtin in vars(module):
            return  # running already, or the module's exec/eval is not the built-in one
        run = getattr(builtins, self.builtin)
        mode = self.builtin
        key = _code_file_key(f"{self.module_name}.{mode}".encode())
        known = _load(self.path, key)
        added: dict[Any, CodeType] = {}
        used: set[Any] = set()

        def compiled_once(
            source: Any, globals: Any = None, locals: Any = None, /, **more: Any
        ) -> Any:
            caller = sys._getframe(1)
            if globals is None:  # what the built-in itself would use
                globals = caller.f_globals
                if locals is None:
                    locals = caller.f_locals
            if type(source) is not str or more:
                return run(source, globals, locals, **more)
            entry = (source, caller.f_code.co_flags & FUTURE_FLAGS)
            code = known.get(entry) or added.get(entry)
            if type(code) is CodeType:
                used.add(entry)
            else:
                code = builtins.compile(source, "<string>", mode, entry[1], True)
                added[entry] = code
            return run(code, globals, locals)

        self._key, self._known, self._added, self._used = key, known, added, used
        setattr(module, self.builtin, compiled_once)
        self._module = module

    def stop(self) -> None:
        module, self._module = self._module, None
        if module is None:
            return
        with contextlib.suppress(AttributeError):
            delattr(module, self.builtin)
        _save(self.path, self._key, self._known, self._used, self._added)


class StartupCache:
    """Regular expressions, dataclass methods and named tuples compiled once, kept in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.parts = (
            RegexCache(folder / "regexes.code"),
            TextCodeCache(folder / "dataclasses.code", "dataclasses", "exec"),
            TextCodeCache(folder / "namedtuples.code", "collections", "eval"),
        )

    def start(self) -> None:
        for part in self.parts:
            part.start()

    def stop(self) -> None:
        for part in self.parts:
            part.stop()
