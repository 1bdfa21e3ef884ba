"""The incoming-call program: started once per ringing call for me, never waited for.

The program runs as a background task (through the `spawn` it is given), so a slow or
hanging program never holds up the window. A program that is missing or fails is logged
each time and reported once (in the interface language) until the setting changes.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QObject

from desktop.services.call_command import (
    DEFAULT_TIMEOUT,
    CommandResult,
    CommandSetupError,
    build_argv,
    run_command,
)
from desktop.services.calls import CallEvent

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, Any]], object]
Report = Callable[[str], None]
_REMEMBERED_CHANNELS = 500


class IncomingCallCommand(QObject):
    """Runs the user's program for each incoming call; reports trouble once."""

    def __init__(
        self,
        spawn: Spawn,
        report: Report,
        parent: QObject | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(parent)
        self._spawn = spawn
        self._report = report
        self._timeout = timeout
        self._program = ""
        self._arguments = ""
        self._extension = ""
        self._reported = False
        self._started: OrderedDict[str, None] = OrderedDict()  # channels already run for
        self.runs = 0  # programs started (for diagnostics)

    def configure(self, program: str, arguments: str, extension: str = "") -> None:
        """The program and its arguments (settings); an empty program turns this off."""
        if (program.strip(), arguments) != (self._program, self._arguments):
            self._reported = False  # a new setting deserves its own first report
        self._program, self._arguments = program.strip(), arguments
        self._extension = extension.strip()

    @property
    def enabled(self) -> bool:
        return bool(self._program)

    def handle(
        self, event: CallEvent, name: str | None = None, queue_name: str | None = None
    ) -> bool:
        """Start the program for a "ringing" call for me; True when it was started."""
        if not self._program or event.kind != "ringing" or not event.for_me:
            return False
        if not event.channel or event.channel in self._started:
            return False
        self._started[event.channel] = None
        while len(self._started) > _REMEMBERED_CHANNELS:
            self._started.popitem(last=False)
        values = {
            "number": event.number,
            "name": name or "",
            "queue": queue_name or event.queue or "",
            "extension": self._extension,
        }
        try:
            argv = build_argv(self._program, self._arguments, values)
        except CommandSetupError as exc:
            log.warning("The incoming-call program was not started: %s", exc)
            self._report_once(
                self.tr("The incoming-call program's arguments have an unclosed quote.")
            )
            return False
        self.runs += 1
        self._spawn(self._run(argv))
        return True

    async def _run(self, argv: list[str]) -> None:
        result = await run_command(argv, self._timeout)
        if not result.ok:
            log.warning("The incoming-call program failed: %s", result.problem)
            self._report_once(self._message(argv[0], result))

    def _message(self, program: str, result: CommandResult) -> str:
        if result.reason == "not_found":
            text = self.tr("The incoming-call program {program} was not found.")
        elif result.reason == "not_allowed":
            text = self.tr("The incoming-call program {program} may not be run.")
        elif result.reason == "timeout":
            text = self.tr("The incoming-call program {program} did not finish in time.")
        elif result.reason == "exit_code":
            return self.tr("The incoming-call program {program} ended with code {code}.").format(
                program=program, code=result.exit_code
            )
        else:
            text = self.tr("The incoming-call program {program} could not start.")
        return text.format(program=program)

    def _report_once(self, message: str) -> None:
        if not self._reported:
            self._reported = True
            self._report(message)
