"""What start-up compiles, kept: the same regular expressions, without compiling them again."""

from __future__ import annotations

import builtins
import collections
import contextlib
import dataclasses
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop import startup_cache
from desktop.startup_cache import RegexCache


@contextlib.contextmanager
def regexes_compiled_once(path: Path) -> Iterator[None]:
    """A RegexCache running for the block."""
    cache = RegexCache(path)
    cache.start()
    try:
        yield
    finally:
        cache.stop()


ANSWER = "read from the caller's globals"
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<user>[\w.]+)@(?P<host>[\w.-]+)", 0),
    (r"hello\s+world", re.IGNORECASE),
    (r"hello\s+world", 0),  # the same text with other flags is another pattern
    (rb"^\x00[\x01-\x7f]+$", 0),
    (
        r"""
        (\d{3})   # area
        [ -]?
        (\d{4})   # number
     """,
        re.VERBOSE,
    ),
    (r"(a|b)*?c(?=d)", re.MULTILINE | re.DOTALL),
    (r"ış[İi]", re.IGNORECASE | re.UNICODE),
]


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """The patterns the real compiler is asked for from here on (Python's own cache cleared)."""
    seen: list[object] = []
    real = re._compiler.compile  # type: ignore[attr-defined]

    def spy(pattern: object, flags: int = 0) -> object:
        seen.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(re._compiler, "compile", spy)  # type: ignore[attr-defined]
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    re.purge()
    yield seen
    re.purge()


def compile_all(path: Path) -> list[re.Pattern[str] | re.Pattern[bytes]]:
    re.purge()  # Python's in-process cache would answer before ours
    with regexes_compiled_once(path):
        return [re.compile(pattern, flags) for pattern, flags in PATTERNS]


def test_later_starts_build_equal_patterns_without_compiling(
    tmp_path: Path, compiles: list[object]
) -> None:
    path = tmp_path / "regexes.code"
    first = compile_all(path)
    assert len(compiles) == len(PATTERNS)
    assert path.is_file()

    again = compile_all(path)
    assert len(compiles) == len(PATTERNS)  # nothing compiled the second time
    fresh = [re.compile(p, f) for p, f in PATTERNS]
    assert again == first == fresh  # equal: same text, flags and program
    assert again[0].match("ana@example.com").group("host") == "example.com"  # type: ignore[union-attr]
    assert again[1].search("HELLO   World") and not again[2].search("HELLO world")
    assert again[3].match(b"\x00abc") and not again[3].match(b"\x00\xff")
    assert again[4].fullmatch("212 5550").groups() == ("212", "5550")  # type: ignore[union-attr]
    assert again[6].fullmatch("IŞi")


def test_the_compiler_is_itself_again_after_the_block(tmp_path: Path) -> None:
    before = (re._compiler.compile, re._compiler._sre)  # type: ignore[attr-defined]
    with regexes_compiled_once(tmp_path / "r"):
        assert re._compiler.compile is not before[0]  # type: ignore[attr-defined]
    assert (re._compiler.compile, re._compiler._sre) == before  # type: ignore[attr-defined]


def stored(path: Path) -> list[object]:
    """The patterns kept in `path`."""
    key = startup_cache._regex_file_key(re._compiler._sre)  # type: ignore[attr-defined]
    return sorted(str(pattern) for pattern, _ in startup_cache._load(path, key))


def test_a_bad_pattern_fails_as_it_would_anyway(tmp_path: Path, compiles: list[object]) -> None:
    with regexes_compiled_once(tmp_path / "r"):
        with pytest.raises(re.error) as raised:
            re.compile("(abc")
        re.compile("fine")
    assert "missing ), unterminated subpattern" in str(raised.value)
    assert stored(tmp_path / "r") == ["fine"]


@pytest.mark.parametrize("damage", ["flip a byte", "cut short", "another python"])
def test_a_damaged_or_foreign_file_is_ignored_and_rebuilt(
    tmp_path: Path, compiles: list[object], damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "regexes.code"
    compile_all(path)
    data = bytearray(path.read_bytes())
    if damage == "flip a byte":
        data[-3] ^= 0xFF
        path.write_bytes(bytes(data))
    elif damage == "cut short":
        path.write_bytes(bytes(data[: len(data) // 2]))
    else:
        monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert compile_all(path) == [re.compile(p, f) for p, f in PATTERNS]
    assert len(compiles) == 2 * len(PATTERNS)
    compile_all(path)
    assert len(compiles) == 2 * len(PATTERNS)  # rebuilt


def test_nothing_is_written_when_python_is_told_not_to(
    tmp_path: Path, compiles: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    compile_all(tmp_path / "regexes.code")
    assert list(tmp_path.iterdir()) == []


def test_other_threads_get_their_own_patterns(tmp_path: Path, compiles: list[object]) -> None:
    """Two threads compiling at once must not swap what the compiler made."""
    results: dict[int, list[re.Pattern[str]]] = {}
    texts = [[f"thread{n}-pattern{i}-(x+)" for i in range(150)] for n in range(2)]

    def work(n: int) -> None:
        results[n] = [re.compile(text) for text in texts[n]]

    re.purge()
    with regexes_compiled_once(tmp_path / "regexes.code"):
        threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    for n in range(2):
        assert [p.pattern for p in results[n]] == texts[n]
    re.purge()
    with regexes_compiled_once(tmp_path / "regexes.code"):
        again = [re.compile(text) for text in texts[0] + texts[1]]
    assert again == results[0] + results[1]
    assert again[7].fullmatch("thread0-pattern7-xxx")


def test_the_file_keeps_to_a_bounded_size(
    tmp_path: Path, compiles: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(startup_cache, "_MAX_ENTRIES", 10)
    path = tmp_path / "regexes.code"
    with regexes_compiled_once(path):
        for i in range(8):
            re.compile(f"old{i}")
    re.purge()
    with regexes_compiled_once(path):
        for i in range(5):
            re.compile(f"new{i}")
        re.compile("old0")
    entries = startup_cache._load(path, startup_cache._regex_file_key(re._compiler._sre))  # type: ignore[attr-defined]
    assert sorted(pattern for pattern, _ in entries) == [
        "new0",
        "new1",
        "new2",
        "new3",
        "new4",
        "old0",
    ]


# -- dataclass methods ---------------------------------------------------------------------------


@pytest.fixture
def real_compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The texts compiled by the real compile() from here on (this module's dataclasses)."""
    seen: list[str] = []
    real = builtins.compile

    def spy(source: Any, filename: Any, *args: Any, **kwargs: Any) -> Any:
        if filename == "<string>":
            seen.append(str(source))
        return real(source, filename, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", spy)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    yield seen


def make_classes() -> tuple[type, type]:
    """Two dataclasses with most of what @dataclass writes: frozen, order, slots, defaults."""

    @dataclasses.dataclass(frozen=True, order=True, slots=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclasses.dataclass(kw_only=True)
    class Card:
        name: str
        numbers: list[str] = dataclasses.field(default_factory=list)
        secret: str = dataclasses.field(default="", repr=False)

    return Point, Card


def check(point: type, card: type) -> None:
    p = point(1, 2)
    assert p == point(1, 2) and p < point(1, 3) and hash(p) == hash(point(1, 2))
    assert repr(p).endswith("Point(x=1, y=2, tags=())")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 5  # type: ignore[misc]
    c = card(name="Ana")
    c.numbers.append("101")
    assert card(name="Bo").numbers == []  # a fresh list each time
    assert repr(card(name="Ana", secret="pw")).endswith("Card(name='Ana', numbers=[])")
    with pytest.raises(TypeError):
        card("positional")


def test_dataclass_methods_are_compiled_once(tmp_path: Path, real_compiles: list[str]) -> None:
    path = tmp_path / "dataclasses.code"
    cache = startup_cache.TextCodeCache(path, "dataclasses", "exec")
    cache.start()
    check(*make_classes())
    cache.stop()
    assert "exec" not in vars(dataclasses)
    compiled_first = len(real_compiles)
    assert compiled_first >= 8  # __init__, __repr__, __eq__, order, hash, frozen guards...
    assert path.is_file()

    cache = startup_cache.TextCodeCache(path, "dataclasses", "exec")
    cache.start()
    classes = make_classes()
    cache.stop()
    assert len(real_compiles) == compiled_first  # nothing compiled the second time
    check(*classes)
    check(*make_classes())  # and the same without the cache


def test_dataclass_cache_damaged_or_foreign_is_ignored(
    tmp_path: Path, real_compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "dataclasses.code"
    for attempt in range(3):
        if attempt == 1:
            data = bytearray(path.read_bytes())
            data[-10] ^= 0xFF
            path.write_bytes(bytes(data))
        if attempt == 2:
            monkeypatch.setattr(sys, "version", sys.version + " (another build)")
        before = len(real_compiles)
        cache = startup_cache.TextCodeCache(path, "dataclasses", "exec")
        cache.start()
        check(*make_classes())
        cache.stop()
        assert len(real_compiles) > before  # compiled: nothing usable was there


def test_exec_without_namespaces_uses_the_callers(tmp_path: Path) -> None:
    cache = startup_cache.TextCodeCache(tmp_path / "d", "dataclasses", "exec")
    cache.start()
    try:
        exec_ = dataclasses.exec  # type: ignore[attr-defined]
        namespace: dict[str, Any] = {}
        exec_("seen = ANSWER", None, namespace)  # globals: this module's, as exec() does
        assert namespace["seen"] == ANSWER
        exec_("result = 6 * 7", namespace)
        assert namespace["result"] == 42
    finally:
        cache.stop()


def test_startup_cache_runs_both_and_writes_nothing_when_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    cache = startup_cache.StartupCache(tmp_path)
    cache.start()
    assert "exec" in vars(dataclasses)
    assert getattr(re._compiler.compile, startup_cache._MARK, False)  # type: ignore[attr-defined]
    re.purge()
    re.compile("startup-cache-test-(\\d+)")
    make_classes()
    cache.stop()
    assert "exec" not in vars(dataclasses)
    assert not getattr(re._compiler.compile, startup_cache._MARK, False)  # type: ignore[attr-defined]
    assert list(tmp_path.iterdir()) == []


def test_named_tuples_are_compiled_once(tmp_path: Path, real_compiles: list[str]) -> None:
    path = tmp_path / "namedtuples.code"

    def make() -> type:
        return collections.namedtuple("Call", ["src", "dst", "seconds"], defaults=[0])

    for _ in range(2):
        cache = startup_cache.TextCodeCache(path, "collections", "eval")
        cache.start()
        call_type = make()
        cache.stop()
        call = call_type("101", "0532")
        assert call == ("101", "0532", 0) and call.dst == "0532"
        assert call_type._make(["1", "2", 3]).seconds == 3
    assert len(real_compiles) == 1  # the second start built __new__ from the cache
    assert "eval" not in vars(collections)


def test_a_frozen_build_keeps_its_cache_though_it_writes_no_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyInstaller runs every frozen app with writing bytecode off: the cache still works."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    startup_cache.write_checked(tmp_path / "x.code", b"k" * 32, b"payload")
    assert startup_cache.read_checked(tmp_path / "x.code", b"k" * 32) == b"payload"
    assert startup_cache.read_checked(tmp_path / "x.code", b"j" * 32) is None  # another key
