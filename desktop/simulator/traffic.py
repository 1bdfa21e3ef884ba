"""What a call will do, decided when it starts: shared by the history and the live switchboard.

Outcomes use the webhook words (ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION); the CDR
disposition follows from them.
"""

from __future__ import annotations

import math
import random
from typing import NamedTuple

from . import people
from .people import pick

INCOMING, OUTGOING, INTERNAL = "incoming", "outcoming", "internal"  # sic, as the PBX spells it
ANSWER, BUSY, NOANSWER, CANCEL, CONGESTION = "ANSWER", "BUSY", "NOANSWER", "CANCEL", "CONGESTION"
DISPOSITIONS = {
    ANSWER: "ANSWERED",
    BUSY: "BUSY",
    NOANSWER: "NO ANSWER",
    CANCEL: "NO ANSWER",
    CONGESTION: "FAILED",
}
TRUNKS = ("Trunk110", "Trunk112", "TurkTelekom")
RECORDED_SHARE = 0.47  # of answered calls: about a third of all calls
IVR_USERFIELDS = (
    "Sipariş {n}",
    "Randevu hatırlatma #{n}",
    "Anket:{n}",
    "Kargo takip {n}",
    "Ödeme & tahsilat {n}",
)


class CallPlan(NamedTuple):
    kind: str  # INCOMING, OUTGOING or INTERNAL
    src: str
    dst: str  # the extension that answers (or was rung) / the number dialled
    queue: str  # queue number for queue calls, else ""
    trunk: str
    ring: float  # seconds until answer, or until the caller gives up / the call fails
    talk: float  # seconds of conversation (0 if not answered)
    outcome: str
    recorded: bool
    userfield: str = ""

    @property
    def disposition(self) -> str:
        return DISPOSITIONS[self.outcome]

    @property
    def total(self) -> float:
        return self.ring + self.talk


class Office:
    """The parts of the switchboard a call plan needs, with the lists it picks from."""

    def __init__(
        self,
        seed: int,
        extensions: list[people.ExtensionInfo],
        queues: list[people.QueueInfo],
        contact_count: int,
    ) -> None:
        self.seed = seed
        self.extensions = tuple(extensions)
        self.queues = tuple(queues)
        self.contact_count = contact_count
        self.numbers = tuple(e.number for e in extensions)
        self.reachable = tuple(e.number for e in extensions if e.reachable) or self.numbers
        self.staffed = tuple(q for q in queues if q.members)


def talk_seconds(rng: random.Random) -> float:
    """Conversation length: most calls are short, a few go on for long."""
    return min(3600.0, max(4.0, rng.lognormvariate(math.log(70.0), 0.9)))


def weighted(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for value, share in table:
        roll -= share
        if roll < 0:
            return value
    return table[-1][0]


_INCOMING_OUTCOMES = ((ANSWER, 0.72), (NOANSWER, 0.1), (CANCEL, 0.1), (BUSY, 0.05))
_OUTGOING_OUTCOMES = ((ANSWER, 0.65), (NOANSWER, 0.15), (BUSY, 0.12), (CANCEL, 0.05))
_INTERNAL_OUTCOMES = ((ANSWER, 0.75), (NOANSWER, 0.12), (BUSY, 0.08), (CANCEL, 0.05))


def ring_seconds(rng: random.Random, outcome: str) -> float:
    if outcome == ANSWER:
        return rng.uniform(2.0, 22.0)
    if outcome == NOANSWER:
        return rng.uniform(30.0, 45.0)
    if outcome == CANCEL:
        return rng.uniform(2.0, 25.0)
    if outcome == BUSY:
        return rng.uniform(0.5, 3.0)
    return rng.uniform(0.0, 2.0)


def plan_call(rng: random.Random, office: Office) -> CallPlan:
    """A random call of any kind, in realistic proportions."""
    reachable = office.reachable
    trunk = pick(rng, TRUNKS)
    roll = rng.random()
    if roll < 0.55:
        src = people.frequent_caller(office.seed, office.contact_count, rng)
        if rng.random() < 0.05:
            src = rng.choice(("anonymous", "Unknown", "0"))  # withheld caller ids happen
        queue = ""
        if office.staffed and rng.random() < 0.45:
            q = pick(rng, office.staffed)
            queue, dst = q.number, pick(rng, q.members)
        else:
            dst = pick(rng, reachable)
        outcome = weighted(rng, _INCOMING_OUTCOMES)
        if queue and outcome == BUSY:
            outcome = CANCEL  # a queue holds busy callers instead of answering busy
        kind = INCOMING
    elif roll < 0.85:
        src, dst, queue = pick(rng, reachable), people.external_number(rng), ""
        outcome = weighted(rng, _OUTGOING_OUTCOMES)
        kind = OUTGOING
    else:
        src, dst, queue = pick(rng, reachable), pick(rng, office.numbers), ""
        outcome = weighted(rng, _INTERNAL_OUTCOMES)
        kind = INTERNAL
    if rng.random() < 0.03:
        outcome = CONGESTION
    answered = outcome == ANSWER
    return CallPlan(
        kind,
        src,
        dst,
        queue,
        trunk,
        ring_seconds(rng, outcome),
        talk_seconds(rng) if answered else 0.0,
        outcome,
        answered and rng.random() < RECORDED_SHARE,
    )


def plan_ivr_campaign_call(rng: random.Random, office: Office) -> CallPlan:
    """An automatic IVR call (callivr) as the history remembers it, with its custom data."""
    plan = plan_call(rng, office)
    userfield = pick(rng, IVR_USERFIELDS).format(n=rng.randint(1000, 99999))
    return plan._replace(
        kind=OUTGOING,
        src=str(rng.choice((700, 701, 702))),
        dst=people.mobile_number(rng),
        queue="",
        userfield=userfield,
    )
