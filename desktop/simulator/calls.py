"""Live calls as scripts: the phases a call goes through, decided when it starts.

A script is a list of steps (seconds after the start: what `activecalls` shows from then on)
and an end (when it hangs up, and how). `hangupcall` may cut a script short.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from . import traffic
from .people import pick

RINGING, DIALING, TALKING, UP = "Ringing", "Dialing", "Talking", "Up"
_CONTEXT_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


@dataclass(frozen=True, slots=True)
class Step:
    at: float  # seconds after the start
    phase: str  # callinfo
    app: str  # calltype, as the PBX shows the running application
    src: str
    dst: str


@dataclass(slots=True)
class LiveCall:
    call_id: int
    channel: str
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
    step_index: int = 0

    @property
    def shown(self) -> Step:
        return self.steps[self.step_index]


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
    userfield: str,
    rng: random.Random,
) -> LiveCall:
    """`callback`: the PBX calls number1, then bridges it to number2; neither sees the other."""
    app = f"Dial(Local/{number2}@{_CONTEXT_UNSAFE.sub('', dial_plan) or 'callback'},60)"
    first = rng.uniform(3.0, 10.0)
    steps = [Step(0.0, DIALING, app, number1, number1)]
    answer_at = None
    if rng.random() < 0.15:
        end_at, outcome = first + 25.0, traffic.NOANSWER
    else:
        steps.append(Step(first, DIALING, app, number1, number2))
        answer_at = first + rng.uniform(3.0, 10.0)
        steps.append(Step(answer_at, TALKING, app, number1, number2))
        end_at, outcome = answer_at + rng.uniform(30.0, 240.0), traffic.ANSWER
    return LiveCall(
        call_id=call_id,
        channel=local_channel(rng, number1, dial_plan),
        started=started,
        kind=traffic.OUTGOING,
        steps=steps,
        end_at=end_at,
        outcome=outcome,
        answer_at=answer_at,
        cdr_src=number1,
        cdr_dst=number2,
        recorded=answer_at is not None and rng.random() < traffic.RECORDED_SHARE,
        userfield=userfield,
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
