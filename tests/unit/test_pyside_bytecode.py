"""PySide6's embedded modules compiled once: the same code, from the cache on later starts."""

from __future__ import annotations
import __future__

import builtins
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import CodeType

import pytest

from desktop.ui import pyside_bytecode
from desktop.ui.pyside_bytecode import compiled_once, entry_path

ROOT = Path(__file__).resolve().parents[2]
EMBEDDED = "shibokensupport/signature/example.py"
SOURCE = b"def answer() -> 'Later':\n    return 42\n"
ANNOTATIONS = __future__.annotations.compiler_flag


@pytest.fixture
def real_compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The file names the real compile() sees from here on."""
    seen: list[str] = []
    real = builtins.compile

    def spy(source: object, filename: object, *args: object, **kwargs: object) -> object:
        seen.append(str(filename))
        return real(source, filename, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "compile", spy)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    yield seen


def compile_embedded(folder: Path, source: bytes = SOURCE, name: str = EMBEDDED) -> CodeType:
    # Called from a module with `from __future__ import annotations`, as shiboken6 does.
    with compiled_once(folder):
        return compile(source, name, "exec")


def run_code(code: CodeType) -> object:
    namespace: dict[str, object] = {}
    exec(code, namespace)
    return namespace["answer"]


def test_first_compile_is_stored_and_later_ones_read_it(
    tmp_path: Path, real_compiles: list[str]
) -> None:
    first = compile_embedded(tmp_path)
    assert real_compiles == [EMBEDDED]
    assert entry_path(tmp_path, EMBEDDED).is_file()

    again = compile_embedded(tmp_path)
    assert real_compiles == [EMBEDDED]  # not compiled a second time
    answer = run_code(again)
    assert answer() == 42  # type: ignore[operator]
    assert answer.__annotations__ == {"return": "'Later'"}  # type: ignore[attr-defined]
    assert again.co_filename == first.co_filename == EMBEDDED


def test_changed_source_is_compiled_afresh(tmp_path: Path, real_compiles: list[str]) -> None:
    compile_embedded(tmp_path)
    changed = compile_embedded(tmp_path, SOURCE.replace(b"42", b"43"))
    assert real_compiles == [EMBEDDED, EMBEDDED]
    assert run_code(changed)() == 43  # type: ignore[operator]
    assert run_code(compile_embedded(tmp_path, SOURCE.replace(b"42", b"43")))() == 43  # type: ignore[operator]
    assert len(real_compiles) == 2  # the new one was stored in place of the old


@pytest.mark.parametrize("damage", ["flip a byte", "cut short", "empty"])
def test_a_damaged_entry_is_compiled_again_and_repaired(
    tmp_path: Path, real_compiles: list[str], damage: str
) -> None:
    compile_embedded(tmp_path)
    path = entry_path(tmp_path, EMBEDDED)
    data = bytearray(path.read_bytes())
    if damage == "flip a byte":
        data[-5] ^= 0xFF
    elif damage == "cut short":
        del data[len(data) // 2 :]
    else:
        data.clear()
    path.write_bytes(bytes(data))

    assert run_code(compile_embedded(tmp_path))() == 42  # type: ignore[operator]
    assert real_compiles == [EMBEDDED, EMBEDDED]
    run_code(compile_embedded(tmp_path))
    assert len(real_compiles) == 2  # repaired


def test_the_callers_future_switches_are_kept(tmp_path: Path, real_compiles: list[str]) -> None:
    """Compiled for a caller without `annotations`, the code must not get this module's."""
    plain_caller = "code = compile(source, name, 'exec')"
    caller = builtins.compile(plain_caller, "caller.py", "exec", dont_inherit=True)
    namespace: dict[str, object] = {"source": SOURCE, "name": EMBEDDED}
    with compiled_once(tmp_path):
        exec(caller, namespace)
    code = namespace["code"]
    assert isinstance(code, CodeType)
    assert not code.co_flags & ANNOTATIONS
    with_annotations = compile_embedded(tmp_path)  # a caller with them: kept apart
    assert with_annotations.co_flags & ANNOTATIONS
    assert real_compiles == ["caller.py", EMBEDDED, EMBEDDED]


def test_nothing_else_is_cached_and_the_real_compile_returns(
    tmp_path: Path, real_compiles: list[str]
) -> None:
    spy = builtins.compile
    with compiled_once(tmp_path):
        assert builtins.compile is not spy
        compile("x = 1", "shibokensupport/x.py", "exec")  # text, not the zip's bytes
        compile(b"x = 1", "mine.py", "exec")
        compile(b"1 + 1", EMBEDDED, "eval")
    assert builtins.compile is spy
    assert real_compiles == ["shibokensupport/x.py", "mine.py", EMBEDDED]
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_written_when_python_is_told_not_to(
    tmp_path: Path, real_compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert run_code(compile_embedded(tmp_path / "cache"))() == 42  # type: ignore[operator]
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_changes_nothing(tmp_path: Path, real_compiles: list[str]) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert run_code(compile_embedded(blocker))() == 42  # type: ignore[operator]
    assert run_code(compile_embedded(blocker))() == 42  # type: ignore[operator]
    assert real_compiles == [EMBEDDED, EMBEDDED]
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]  # no partial file left


def test_the_cache_folder_is_private(tmp_path: Path, real_compiles: list[str]) -> None:
    compile_embedded(tmp_path / "cache")
    if os.name == "posix":
        assert (tmp_path / "cache").stat().st_mode & 0o077 == 0


PYSIDE_IMPORT = """
    import builtins, sys
    from pathlib import Path
    real = builtins.compile
    seen = []
    def spy(source, filename, *args, **kwargs):
        seen.append(filename)
        return real(source, filename, *args, **kwargs)
    builtins.compile = spy
    import re
    real_regex = re._compiler.compile
    regexes = []
    def regex_spy(pattern, flags=0):
        regexes.append(pattern)
        return real_regex(pattern, flags)
    re._compiler.compile = regex_spy
    from desktop.startup_cache import StartupCache
    from desktop.ui import pyside_speedups
    cache = Path(sys.argv[1]) if sys.argv[1] else None
    if cache:  # as main() runs it
        compiled = StartupCache(cache)
        compiled.start()
    pyside_speedups.install(cache)
    if cache:
        compiled.stop()
    from PySide6.QtCore import QObject
    try:
        QObject().setObjectName(3)
    except TypeError as exc:
        message = " ".join(str(exc).split())
    print(len([f for f in seen if "shibokensupport" in f]))
    print(len(regexes))
    print(message)
"""


def import_pyside(cache: str) -> tuple[int, int, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(PYSIDE_IMPORT), cache],
        env=dict(env, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    compiled, regexes, message = done.stdout.splitlines()
    return int(compiled), int(regexes), message


def test_pyside_from_the_cache_works_as_pyside_compiled(tmp_path: Path) -> None:
    """PySide's signature support (which words its type errors) runs from the cache."""
    uncached, uncached_regexes, plain_message = import_pyside("")
    assert uncached >= 5  # its loader, parser, mapping, ... compiled at every start
    assert uncached_regexes >= 5  # and their regular expressions
    first, first_regexes, first_message = import_pyside(str(tmp_path))
    second, second_regexes, second_message = import_pyside(str(tmp_path))
    assert first == uncached and first_regexes >= uncached_regexes
    assert second == 0
    # Only those compiled after the import (the error message's) are compiled again.
    assert second_regexes < uncached_regexes / 2
    assert "setObjectName(name: str" in plain_message
    assert first_message == second_message == plain_message
    stored = {p.name for p in tmp_path.iterdir()}
    assert "shibokensupport.signature.loader.code" in stored
    assert "regexes.code" in stored
    assert not any(name.endswith(".partial") for name in stored)


def test_entries_are_named_after_the_zips_files(tmp_path: Path) -> None:
    assert entry_path(tmp_path, "shibokensupport/signature/lib/tool.py") == (
        tmp_path / "shibokensupport.signature.lib.tool.code"
    )
    assert pyside_bytecode._EMBEDDED.fullmatch("signature_bootstrap.py")
    assert not pyside_bytecode._EMBEDDED.fullmatch("../shibokensupport/x.py")
