"""Run a program of the user's choice when a call for me rings (as MicroSIP and 3CX do).

The arguments are split like a shell would (shlex) and only then are `{number}`, `{name}`,
`{queue}` and `{extension}` filled in, each inside its own argument: a caller's name such as
`x --delete-all` stays one argument. No shell is involved; output is thrown away.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

PLACEHOLDERS = ("number", "name", "queue", "extension")
DEFAULT_TIMEOUT = 30.0
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


class CommandSetupError(ValueError):
    """The program or its arguments cannot be used (no program, unbalanced quotes)."""


@dataclass(frozen=True, slots=True)
class CommandResult:
    """How a run went; `problem` is a readable sentence when it did not go well."""

    ok: bool
    exit_code: int | None  # None: it never ran, or was stopped
    problem: str = ""
    # What went wrong, for a translated message: "", "not_found", "not_allowed",
    # "no_start", "timeout" or "exit_code" (the English `problem` is for the log).
    reason: str = ""


def build_argv(program: str, arguments: str, values: Mapping[str, str]) -> list[str]:
    """The program and its arguments, placeholders filled in per argument."""
    program = program.strip()
    if not program:
        raise CommandSetupError("No program is set.")
    try:
        # POSIX rules on every system: quotes group, backslashes escape inside them.
        parts = shlex.split(arguments, comments=False, posix=True)
    except ValueError:
        raise CommandSetupError("The arguments have an unclosed quote.") from None

    def fill(match: re.Match[str]) -> str:
        # Control characters never reach a program's argument list.
        value = values.get(match.group(1), "")
        return "".join(ch for ch in value if ch.isprintable())

    return [program, *(_PLACEHOLDER.sub(fill, part) for part in parts)]


async def run_command(argv: list[str], timeout: float = DEFAULT_TIMEOUT) -> CommandResult:
    """Start argv without a shell and wait (without blocking the loop) for it to finish."""
    if not argv or not argv[0]:
        return CommandResult(False, None, "No program is set.", "not_found")
    try:
        process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        return CommandResult(False, None, f"The program {argv[0]!r} was not found.", "not_found")
    except PermissionError:
        return CommandResult(False, None, f"The program {argv[0]!r} may not be run.", "not_allowed")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return CommandResult(
            False, None, f"The program {argv[0]!r} could not start: {reason}.", "no_start"
        )
    try:
        async with asyncio.timeout(timeout):
            code = await process.wait()
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        return CommandResult(
            False, None, f"The program {argv[0]!r} took longer than {timeout:g} s.", "timeout"
        )
    if code != 0:
        return CommandResult(
            False, code, f"The program {argv[0]!r} ended with code {code}.", "exit_code"
        )
    return CommandResult(True, 0)
