"""Live calls as scripts: the phases a call goes through, decided when it starts.

A script is a list of steps (seconds after the start: what `activecalls` shows from then on)
and an end (when it hangs up, and how). `hangupcall` may cut a script short. Most calls are one
channel; a masked callback is two, each with its own steps, and both legs end together.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import NamedTuple

from . import traffic
from .people import pick

RINGING, DIALING, TALKING, UP = "Ringing", "Dialing", "Talking", "Up"
_CONTEXT_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


class Step(NamedTuple):
    at: float  # seconds after the start
    phase: str  # callinfo
    app: str  # calltype, as the PBX shows the running application
    src: str
    dst: str
    leg: int = 0  # 0: the call's first channel; 1: the second leg of a two-leg call


class LegView(NamedTuple):
    """One channel of a live call as `activecalls` shows it."""

    channel: str
    began: float  # seconds after the call's start
    step: Step


@dataclass(slots=True)
class LiveCall:
    call_id: int
    channel: str  # the first leg's channel
    started: float  # epoch seconds (simulated)
    kind: str  # CDR calltype
    steps: list[Step]
    end_at: float | None  # seconds after the start; None: until hung up
    outcome: str  # how it ends if nothing intervenes
    answer_at: float | None  # seconds after the start; None: never answered
    cdr_src: str
    cdr_dst: str
    queue: str = ""
    recorded: bool = False
    userfield: str = ""
    busy_extensions: tuple[str, ...] = ()
    second_channel: str = ""  # the bridged leg's channel; "" for a one-channel call
    step_index: int = 0

    @property
    def channels(self) -> tuple[str, ...]:
        return (self.channel, self.second_channel) if self.second_channel else (self.channel,)

    def legs(self) -> list[LegView]:
        """The legs up so far, first leg first, each at its latest step."""
        began: dict[int, float] = {}
        latest: dict[int, Step] = {}
        for step in self.steps[: self.step_index + 1]:
            began.setdefault(step.leg, step.at)
            latest[step.leg] = step
        return [LegView(self.channels[leg], began[leg], latest[leg]) for leg in sorted(latest)]


def _hex(rng: random.Random, digits: int) -> str:
    return f"{int(rng.random() * 16**digits):0{digits}x}"


def trunk_channel(rng: random.Random, trunk: str) -> str:
    return f"SIP/trunk-sip-{trunk}-{_hex(rng, 5)}"


def phone_channel(rng: random.Random, ext: str) -> str:
    return f"SIP/{ext}-{_hex(rng, 8)}"


def local_channel(rng: random.Random, number: str, context: str) -> str:
    context = _CONTEXT_UNSAFE.sub("", context) or "from-internal"
    return f"Local/{number}@{context}-{_hex(rng, 8)};1"


def from_plan(call_id: int, started: float, plan: traffic.CallPlan, rng: random.Random) -> LiveCall:
    """A switchboard call (incoming, outgoing, internal) following a traffic plan."""
    answered = plan.outcome == traffic.ANSWER
    if plan.kind == traffic.INCOMING:
        channel = trunk_channel(rng, plan.trunk)
        if plan.queue:
            app, first_dst = f"Queue({plan.queue})", plan.queue
        else:
            app, first_dst = f"Dial(SIP/{plan.dst},60)", plan.dst
        steps = [Step(0.0, RINGING, app, plan.src, first_dst)]
        busy: tuple[str, ...] = (plan.dst,)
    elif plan.kind == traffic.OUTGOING:
        channel = phone_channel(rng, plan.src)
        app = f"Dial(SIP/{plan.trunk}/{plan.dst},60)"
        steps = [Step(0.0, DIALING, app, plan.src, plan.dst)]
        busy = (plan.src,)
    else:
        channel = phone_channel(rng, plan.src)
        app = f"Dial(SIP/{plan.dst},30)"
        steps = [Step(0.0, RINGING, app, plan.src, plan.dst)]
        busy = (plan.src, plan.dst)
    if answered:
        steps.append(Step(plan.ring, TALKING, app, plan.src, plan.dst))
    return LiveCall(
        call_id=call_id,
        channel=channel,
        started=started,
        kind=plan.kind,
        steps=steps,
        end_at=plan.ring + plan.talk,
        outcome=plan.outcome,
        answer_at=plan.ring if answered else None,
        cdr_src=plan.src,
        cdr_dst=plan.dst,
        queue=plan.queue,
        recorded=plan.recorded,
        userfield=plan.userfield,
        busy_extensions=busy,
    )


def click_to_call(
    call_id: int,
    started: float,
    ext: str,
    ext_state: str,
    number: str,
    rng: random.Random,
) -> LiveCall:
    """`callnumber`: the extension rings first; once picked up, the number is dialled.

    `ext_state` is "free", "busy" or "unreachable".
    """
    trunk = pick(rng, traffic.TRUNKS)
    app = f"Dial(SIP/{trunk}/{number},60)"
    steps = [Step(0.0, RINGING, app, ext, number)]
    answer_at = None
    if ext_state == "unreachable":
        end_at, outcome = 0.5, traffic.CONGESTION
    elif ext_state == "busy":
        end_at, outcome = 1.0, traffic.BUSY
    elif rng.random() < 0.1:
        end_at, outcome = 30.0, traffic.NOANSWER  # nobody picked up the desk phone
    else:
        picked_up = rng.uniform(1.5, 4.0)
        steps.append(Step(picked_up, DIALING, app, ext, number))
        outcome = traffic.weighted(
            rng, ((traffic.ANSWER, 0.78), (traffic.NOANSWER, 0.12), (traffic.BUSY, 0.1))
        )
        ring = traffic.ring_seconds(rng, outcome)
        if outcome == traffic.ANSWER:
            answer_at = picked_up + ring
            steps.append(Step(answer_at, TALKING, app, ext, number))
            end_at = answer_at + rng.uniform(20.0, 180.0)
        else:
            end_at = picked_up + ring
    return LiveCall(
        call_id=call_id,
        channel=phone_channel(rng, ext),
        started=started,
        kind=traffic.OUTGOING,
        steps=steps,
        end_at=end_at,
        outcome=outcome,
        answer_at=answer_at,
        cdr_src=ext,
        cdr_dst=number,
        recorded=answer_at is not None and rng.random() < traffic.RECORDED_SHARE,
        busy_extensions=(ext,),
    )


def masked_callback(
    call_id: int,
    started: float,
    number1: str,
    number2: str,
    dial_plan: str,
    caller_id: str,
    userfield: str,
    rng: random.Random,
) -> LiveCall:
    """`callback`: the PBX calls number1; once answered, a second leg calls number2.

    Both legs present `caller_id` (the number the dial plan sends out) and each shows only
    its own party, the Dial that reached it included: neither side learns the other's number.
    The CDR row still pairs number1 with number2, and counts as answered once number2 is.
    """
    first = rng.uniform(3.0, 10.0)
    answer_at: float | None = None
    if rng.random() < 0.15:
        end_at, outcome = first + 25.0, traffic.NOANSWER
    else:
        answer_at = first + rng.uniform(3.0, 10.0)
        end_at, outcome = answer_at + rng.uniform(30.0, 240.0), traffic.ANSWER
    channel = local_channel(rng, number1, dial_plan)
    recorded = answer_at is not None and rng.random() < traffic.RECORDED_SHARE
    trunk = pick(rng, traffic.TRUNKS)
    to_first = f"Dial(SIP/{trunk}/{number1},60)"
    to_second = f"Dial(SIP/{trunk}/{number2},60)"
    steps = [Step(0.0, DIALING, to_first, caller_id, number1)]
    if answer_at is not None:
        # number1 hears ringback while the second leg rings number2.
        steps.append(Step(first, UP, to_first, caller_id, number1))
        steps.append(Step(first, RINGING, to_second, caller_id, number2, leg=1))
        steps.append(Step(answer_at, TALKING, to_first, caller_id, number1))
        steps.append(Step(answer_at, TALKING, to_second, caller_id, number2, leg=1))
    return LiveCall(
        call_id=call_id,
        channel=channel,
        started=started,
        kind=traffic.OUTGOING,
        steps=steps,
        end_at=end_at,
        outcome=outcome,
        answer_at=answer_at,
        cdr_src=number1,
        cdr_dst=number2,
        recorded=recorded,
        userfield=userfield,
        second_channel=trunk_channel(rng, trunk),
    )


def ivr_call(
    call_id: int,
    started: float,
    number: str,
    dial_plan: str,
    ivr: str,
    userfield: str,
    rng: random.Random,
) -> LiveCall:
    """`callivr`: the PBX dials the number and plays an IVR to whoever answers."""
    app = f"Dial(SIP/{pick(rng, traffic.TRUNKS)}/{number},45)"
    steps = [Step(0.0, DIALING, app, ivr, number)]
    answer_at = None
    if rng.random() < 0.2:
        end_at, outcome = rng.uniform(20.0, 40.0), traffic.NOANSWER
    else:
        answer_at = rng.uniform(3.0, 12.0)
        steps.append(Step(answer_at, UP, f"IVR({ivr})", ivr, number))
        end_at, outcome = answer_at + rng.uniform(10.0, 60.0), traffic.ANSWER
    return LiveCall(
        call_id=call_id,
        channel=local_channel(rng, number, dial_plan),
        started=started,
        kind=traffic.OUTGOING,
        steps=steps,
        end_at=end_at,
        outcome=outcome,
        answer_at=answer_at,
        cdr_src=ivr,
        cdr_dst=number,
        recorded=False,
        userfield=userfield,
    )


def forgotten_conference(call_id: int, started: float, caller: str, rng: random.Random) -> LiveCall:
    """A conference line someone never hung up: its duration runs past 24 hours."""
    return LiveCall(
        call_id=call_id,
        channel=trunk_channel(rng, "Trunk112"),
        started=started,
        kind=traffic.INCOMING,
        steps=[Step(0.0, UP, "ConfBridge(800)", caller, "800")],
        end_at=None,
        outcome=traffic.ANSWER,
        answer_at=0.0,
        cdr_src=caller,
        cdr_dst="800",
    )


def rung_call(
    call_id: int,
    started: float,
    caller: str,
    target: str,
    queue: bool,
    answer_after: float | None,
    answered_by: str,
    hang_up_after: float | None,
    rng: random.Random,
) -> LiveCall:
    """An incoming call a test asked for: rings `target` (an extension or a queue) from outside.

    Answered by `answered_by` after `answer_after` seconds (None: nobody answers); the caller
    hangs up after `hang_up_after` seconds (None: the call goes on until hung up).
    """
    trunk = pick(rng, traffic.TRUNKS)
    app = f"Queue({target})" if queue else f"Dial(SIP/{target},60)"
    steps = [Step(0.0, RINGING, app, caller, target)]
    if answer_after is not None:
        steps.append(Step(answer_after, TALKING, app, caller, answered_by))
    return LiveCall(
        call_id=call_id,
        channel=trunk_channel(rng, trunk),
        started=started,
        kind=traffic.INCOMING,
        steps=steps,
        end_at=hang_up_after,
        outcome=traffic.ANSWER if answer_after is not None else traffic.CANCEL,
        answer_at=answer_after,
        cdr_src=caller,
        cdr_dst=answered_by if answer_after is not None else target,
        queue=target if queue else "",
        busy_extensions=(answered_by,) if answer_after is not None or not queue else (),
    )
