"""The living switchboard: calls arrive, ring, talk and hang up as simulated time passes.

Time is pulled, not pushed: every query first advances the state to "now", processing the
calls' scripted transitions and new arrivals in time order. A background tick does the same
so webhooks go out on time. The same seed and the same sequence of actions give the same
calls, whatever the tick rate.
"""

from __future__ import annotations

import heapq
import math
import random
import re
import time
import zlib
from collections import Counter
from typing import Any, NamedTuple

from . import calls, people, traffic
from .calls import LiveCall
from .config import SimulatorConfig
from .history import CdrRow, History

_NUMBER = re.compile(r"\+?[0-9*#]{2,32}")
_WARM_UP_SECONDS = 1800.0
_REG_BUCKET_SECONDS = 10
_ANSWERED = frozenset({calls.TALKING, calls.UP})


class ActionError(Exception):
    """An action the PBX refuses; the message is what the API answers."""


class CallEvent(NamedTuple):
    """What a webhook reports: a call started, or a call hung up."""

    kind: str  # "start" or "hangup"
    chanid: str
    src: str
    dst: str
    calltype: str
    status: str = ""
    duration: int = 0


class SimClock:
    """Simulated epoch seconds: the wall clock, sped up, plus any jumps tests ask for."""

    def __init__(self, speed: float = 1.0, start: float | None = None) -> None:
        self.speed = speed
        self._start = time.time() if start is None else start
        self._mono = time.monotonic()
        self._jumped = 0.0

    def now(self) -> float:
        return self._start + (time.monotonic() - self._mono) * self.speed + self._jumped

    def jump(self, seconds: float) -> None:
        self._jumped += seconds


def format_hms(seconds: float) -> str:
    """`activecalls` duration: h:mm:ss zero-padded; hours go past 24."""
    s = max(0, int(seconds))
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def valid_number(number: str) -> bool:
    return bool(_NUMBER.fullmatch(number))


def _answered_busy(plan: traffic.CallPlan, rng: random.Random) -> traffic.CallPlan:
    return plan._replace(outcome=traffic.BUSY, ring=rng.uniform(0.5, 3.0), talk=0.0)


class Switchboard:
    def __init__(self, config: SimulatorConfig, clock: SimClock | None = None) -> None:
        self.seed = config.seed
        self.clock = clock or SimClock(config.speed)
        exts = people.extensions(config.seed, config.extensions)
        self.office = traffic.Office(
            config.seed, exts, people.queues(config.seed, exts), config.contacts
        )
        self._ext = {e.number: e for e in exts}
        # What a masked callback shows both parties: the office's own number, never theirs.
        self.caller_id = people.landline_number(random.Random(f"{config.seed}:caller-id"))
        start = self.clock.now()
        self.history = History(self.office, config.cdr_per_day, config.history_days, start)
        self.events: list[CallEvent] = []  # drained by whoever sends webhooks
        self._calls: dict[str, LiveCall] = {}
        self._finished: dict[str, int] = {}  # channel -> CDR id
        self._heap: list[tuple[float, int, str]] = []
        self._seq = 0
        self._busy: Counter[str] = Counter()
        self._next_id = self.history.next_id
        self._rate = config.calls_per_minute / 60.0
        self._arrivals = random.Random(f"{config.seed}:arrivals")
        self._arrival_count = 0
        self._action_count = 0
        self._effects = False  # no CDR rows or webhooks for the warm-up
        self._now = start - _WARM_UP_SECONDS
        self._next_arrival = self._after(self._now)
        self.advance(start)
        self._add(
            calls.forgotten_conference(
                self._new_id(),
                start - 26 * 3600 - self._arrivals.uniform(0, 7200),
                people.mobile_number(self._arrivals),
                self._arrivals,
            )
        )
        self._effects = True

    # -- time ---------------------------------------------------------------------------
    def _after(self, t: float) -> float:
        if self._rate <= 0:
            return math.inf
        return t + self._arrivals.expovariate(self._rate)

    def _due(self, call: LiveCall) -> float:
        if call.step_index + 1 < len(call.steps):
            return call.started + call.steps[call.step_index + 1].at
        return math.inf if call.end_at is None else call.started + call.end_at

    def advance(self, to: float | None = None) -> float:
        """Bring the switchboard up to simulated time `to` (default: the clock's now)."""
        target = max(self._now, self.clock.now() if to is None else to)
        while True:
            next_event = self._heap[0][0] if self._heap else math.inf
            if min(next_event, self._next_arrival) > target:
                break
            if self._next_arrival <= next_event:
                self._now = self._next_arrival
                self._arrive(self._now)
                self._next_arrival = self._after(self._now)
                continue
            due, _, channel = heapq.heappop(self._heap)
            call = self._calls.get(channel)
            if call is None or self._due(call) != due:
                continue  # hung up early, or already moved on
            self._now = due
            if call.step_index + 1 < len(call.steps):
                call.step_index += 1
                self._schedule(call)
                self._leg_started(call)
            else:
                self._finish(call, due, call.outcome)
        self._now = target
        return target

    def jump(self, seconds: float) -> None:
        """Move simulated time forward at once (tests), processing everything in between."""
        self.clock.jump(seconds)
        self.advance()

    # -- calls --------------------------------------------------------------------------
    def _new_id(self) -> int:
        self._next_id += 1
        return self._next_id - 1

    def _schedule(self, call: LiveCall) -> None:
        due = self._due(call)
        if due != math.inf:
            self._seq += 1
            heapq.heappush(self._heap, (due, self._seq, call.channel))

    def _taken(self, channel: str) -> bool:
        if channel in self._finished:
            return True
        return any(channel in call.channels for call in self._calls.values())

    def _add(self, call: LiveCall) -> LiveCall:
        rng = random.Random(f"{self.seed}:channel:{call.call_id}")
        while self._taken(call.channel):
            call.channel = f"{call.channel}{rng.randrange(10)}"
        while call.second_channel and (
            call.second_channel == call.channel or self._taken(call.second_channel)
        ):
            call.second_channel = f"{call.second_channel}{rng.randrange(10)}"
        self._calls[call.channel] = call
        self._busy.update(call.busy_extensions)
        self._schedule(call)
        if self._effects:
            shown = call.steps[0]
            self.events.append(CallEvent("start", call.channel, shown.src, shown.dst, call.kind))
        return call

    def _leg_started(self, call: LiveCall) -> None:
        """A start webhook for a second leg, the moment it starts dialling."""
        step = call.steps[call.step_index]
        if not self._effects or step.leg == 0:
            return
        if any(s.leg == step.leg for s in call.steps[: call.step_index]):
            return
        channel = call.channels[step.leg]
        self.events.append(CallEvent("start", channel, step.src, step.dst, call.kind))

    def _free(self, rng: random.Random, candidates: tuple[str, ...]) -> str | None:
        free = [n for n in candidates if not self._busy[n] and self._ext[n].reachable]
        return people.pick(rng, free) if free else None

    def _fit(self, plan: traffic.CallPlan, rng: random.Random) -> traffic.CallPlan | None:
        """Adjust a planned call to who is on the phone right now."""
        if plan.kind == traffic.INCOMING and plan.queue:
            if self._busy[plan.dst] or not self._ext[plan.dst].reachable:
                queue = next(q for q in self.office.queues if q.number == plan.queue)
                member = self._free(rng, queue.members)
                if member is None:
                    ring = rng.uniform(5.0, 40.0)
                    return plan._replace(outcome=traffic.CANCEL, ring=ring, talk=0.0)
                plan = plan._replace(dst=member)
        elif plan.kind == traffic.INCOMING:
            if self._busy[plan.dst]:
                plan = _answered_busy(plan, rng)
        else:
            if self._busy[plan.src]:
                src = self._free(rng, self.office.reachable)
                if src is None:
                    return None
                plan = plan._replace(src=src)
            if plan.kind == traffic.INTERNAL and (plan.dst == plan.src or self._busy[plan.dst]):
                plan = _answered_busy(plan, rng)
        if plan.outcome != traffic.ANSWER:
            plan = plan._replace(recorded=False)
        return plan

    def _arrive(self, at: float) -> None:
        rng = random.Random(f"{self.seed}:live:{self._arrival_count}")
        self._arrival_count += 1
        plan = self._fit(traffic.plan_call(rng, self.office), rng)
        if plan is not None:
            self._add(calls.from_plan(self._new_id(), at, plan, rng))

    def _finish(self, call: LiveCall, at: float, outcome: str) -> CdrRow:
        del self._calls[call.channel]
        self._busy.subtract(call.busy_extensions)
        answered_at = None if call.answer_at is None else call.started + call.answer_at
        answered = answered_at is not None and at >= answered_at
        if outcome == traffic.ANSWER and not answered:
            outcome = traffic.CANCEL
        elif answered:
            outcome = traffic.ANSWER
        duration = at - call.started
        talk = at - answered_at if answered and answered_at is not None else 0.0
        row = CdrRow(
            call.call_id,
            call.started,
            call.kind,
            call.cdr_src,
            call.cdr_dst,
            duration,
            traffic.DISPOSITIONS[outcome],
            call.queue,
            call.recorded and answered and talk >= 1.0,
            call.userfield,
            talk,
        )
        if self._effects:
            self.history.add(row)
            legs = call.legs()
            for leg in legs:
                self._finished[leg.channel] = call.call_id
                if not call.second_channel:
                    src, dst, status = call.cdr_src, call.cdr_dst, outcome
                else:
                    # A masked leg reports only its own party; the first leg counts as
                    # answered once number1 picked up, even if number2 never did.
                    src, dst = leg.step.src, leg.step.dst
                    status = traffic.ANSWER if leg.step.phase in _ANSWERED else outcome
                self.events.append(
                    CallEvent(
                        "hangup",
                        leg.channel,
                        src,
                        dst,
                        call.kind,
                        status,
                        round(at - call.started - leg.began),
                    )
                )
        return row

    # -- actions ------------------------------------------------------------------------
    def _action_rng(self) -> random.Random:
        # Counted per action, not per call id: the same seed and the same actions give the
        # same outcomes, whenever in the day the simulator was started.
        self._action_count += 1
        return random.Random(f"{self.seed}:action:{self._action_count}")

    def call_number(self, number: str, ext: str) -> LiveCall:
        if not valid_number(number):
            raise ActionError("Geçersiz numara")
        if ext not in self._ext:
            raise ActionError("Dahili bulunamadı")
        now = self.advance()
        call_id = self._new_id()
        rng = self._action_rng()
        if not self._ext[ext].reachable:
            state = "unreachable"
        else:
            state = "busy" if self._busy[ext] else "free"
        return self._add(calls.click_to_call(call_id, now, ext, state, number, rng))

    def callback(self, number1: str, number2: str, dial_plan: str, userfield: str) -> LiveCall:
        if not (valid_number(number1) and valid_number(number2)):
            raise ActionError("Geçersiz numara")
        if not dial_plan:
            raise ActionError("Arama planı (dp) belirtilmedi")
        now = self.advance()
        call_id = self._new_id()
        rng = self._action_rng()
        return self._add(
            calls.masked_callback(
                call_id, now, number1, number2, dial_plan, self.caller_id, userfield, rng
            )
        )

    def call_ivr(self, number: str, dial_plan: str, ivr: str, userfield: str) -> LiveCall:
        if not valid_number(number):
            raise ActionError("Geçersiz numara")
        if not dial_plan:
            raise ActionError("Arama planı (dp) belirtilmedi")
        if not ivr:
            raise ActionError("IVR (dest) belirtilmedi")
        now = self.advance()
        call_id = self._new_id()
        rng = self._action_rng()
        return self._add(calls.ivr_call(call_id, now, number, dial_plan, ivr, userfield, rng))

    def hangup(self, channel: str) -> CdrRow:
        """End the call on `channel`: hanging up either leg of a two-leg call ends both."""
        now = self.advance()
        call = self._calls.get(channel) or next(
            (c for c in self._calls.values() if channel in (leg.channel for leg in c.legs())),
            None,
        )
        if call is None:
            raise ActionError("Kanal bulunamadı")
        return self._finish(call, now, call.outcome)

    # -- test control ---------------------------------------------------------------------
    def ring(
        self,
        target: str,
        caller: str,
        *,
        answer_after: float | None = None,
        answered_by: str | None = None,
        hang_up_after: float | None = None,
    ) -> LiveCall:
        """An outside caller rings an extension or a queue now (tests, scripted demos)."""
        queue = next((q for q in self.office.queues if q.number == target), None)
        if queue is None and target not in self._ext:
            raise ActionError("Dahili veya kuyruk bulunamadı")
        if not valid_number(caller):
            raise ActionError("Geçersiz numara")
        by = answered_by or (target if queue is None else self._member(target))
        if answer_after is not None and by not in self._ext:
            raise ActionError("Cevaplayan dahili bulunamadı")
        if (answer_after is not None and answer_after < 0) or (
            hang_up_after is not None and hang_up_after <= (answer_after or 0.0)
        ):
            raise ValueError("answer_after must be >= 0 and hang_up_after after it")
        now = self.advance()
        call = calls.rung_call(
            self._new_id(), now, caller, target, queue is not None,
            answer_after, by, hang_up_after, self._action_rng(),
        )  # fmt: skip
        return self._add(call)

    def answer(self, channel: str, by: str | None = None) -> None:
        """Someone picks up a ringing call now (`by`: the extension; default the one rung)."""
        now = self.advance()
        call = self._calls.get(channel)
        if call is None:
            raise ActionError("Kanal bulunamadı")
        step = call.steps[call.step_index]
        if step.phase in _ANSWERED:
            raise ActionError("Çağrı zaten cevaplandı")
        by = by or (self._member(call.queue) if call.queue else step.dst)
        if by not in self._ext:
            raise ActionError("Cevaplayan dahili bulunamadı")
        self._busy.subtract(call.busy_extensions)
        call.busy_extensions = (by,)
        self._busy.update(call.busy_extensions)
        at = now - call.started
        # From now on it talks until hung up, whatever the script said before.
        del call.steps[call.step_index + 1 :]
        call.steps.append(step._replace(at=at, phase=calls.TALKING, dst=by))
        call.answer_at, call.end_at, call.outcome = at, None, traffic.ANSWER
        call.cdr_dst = by
        self._schedule(call)
        self.advance(now)

    def _member(self, queue: str) -> str:
        """The queue's first free, reachable member, else its first member ("" if none)."""
        members = next((q.members for q in self.office.queues if q.number == queue), ())
        free = [m for m in members if not self._busy[m] and self._ext[m].reachable]
        return (free or [*members, ""])[0]

    # -- what the API shows -------------------------------------------------------------
    def live_calls(self) -> list[LiveCall]:
        self.advance()
        return sorted(self._calls.values(), key=lambda c: (c.started, c.call_id))

    def active_rows(self) -> list[dict[str, Any]]:
        now = self.advance()
        rows = []
        for call in self.live_calls():
            for leg in call.legs():
                rows.append(
                    {
                        "channel": leg.channel,
                        "duration": format_hms(now - call.started - leg.began),
                        "calltype": leg.step.app,
                        "callinfo": leg.step.phase,
                        "src": leg.step.src,
                        "dst": leg.step.dst,
                    }
                )
        return rows

    def user_rows(self) -> list[dict[str, Any]]:
        bucket = int(self.advance()) // _REG_BUCKET_SECONDS
        rows = []
        for e in self.office.extensions:
            if e.state in ("OK", "LAGGED"):
                jitter = zlib.crc32(f"{self.seed}:{e.number}:{bucket}".encode()) % 41 - 20
                status = f"{e.state} ({max(1, e.base_latency_ms + jitter)} ms)"
            else:
                status = e.state
            rows.append({"username": e.number, "name": e.name, "regstatus": status})
        return rows

    def queue_rows(self) -> list[dict[str, Any]]:
        return [
            {"queuenumber": q.number, "name": q.name, "internal": q.wire_members}
            for q in self.office.queues
        ]

    def recording_row(self, call_ref: str) -> CdrRow | None:
        """The finished call a recording id (CDR id or channel) names, if it was recorded."""
        self.advance()
        if call_ref.isdigit() and call_ref.isascii():
            row = self.history.find(int(call_ref))
        else:
            call_id = self._finished.get(call_ref)
            row = None if call_id is None else self.history.find(call_id)
        return row if row is not None and row.recorded else None
