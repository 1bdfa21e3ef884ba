"""Everything that shapes a simulated PBX, in one validated value."""

from __future__ import annotations

from dataclasses import dataclass, field

FAULT_NAMES = ("html502", "truncated", "empty", "hang", "torn-recording", "http401")
PHONEBOOK_FORMATS = (
    "cisco",
    "yealink-directory",
    "snom-directory",
    "yealink-phonebook",
    "grandstream",
    "snom-tbook",
    "snom-tbook2",
    "polycom",
    "address-book",
    "generic",
)
PHONEBOOK_CHARSETS = ("utf-8", "iso-8859-9", "windows-1254")

MAX_CONTACTS = 200_000
MAX_CDR_PER_DAY = 200_000
MAX_EXTENSIONS = 2_000


@dataclass(frozen=True, slots=True)
class SimulatorConfig:
    """How the simulated PBX listens, what it holds and how it misbehaves.

    The password and webhook URLs (which may embed access keys) are left out of `repr`.
    """

    host: str = "127.0.0.1"
    port: int = 0
    username: str = "demo"
    password: str = field(default="demo", repr=False)
    seed: int = 1
    api_path: str = "/api/old/get"
    bare_envelope: bool = False
    phonebook_format: str = "cisco"
    phonebook_charset: str = "utf-8"
    extensions: int = 24
    contacts: int = 600
    cdr_per_day: int = 300
    history_days: int = 30
    calls_per_minute: float = 4.0
    speed: float = 1.0
    webhooks: tuple[str, ...] = field(default=(), repr=False)
    start_webhooks: tuple[str, ...] = field(default=(), repr=False)
    hangup_webhooks: tuple[str, ...] = field(default=(), repr=False)
    webhook_timeout: float = 5.0
    latency: float = 0.0
    error_rate: float = 0.0
    fault: str | None = None
    control: bool = False

    def __post_init__(self) -> None:
        problems = []
        if not 0 <= self.port <= 65535:
            problems.append("port must be between 0 and 65535")
        if not self.api_path.startswith("/"):
            problems.append("api_path must start with /")
        if self.phonebook_format not in PHONEBOOK_FORMATS:
            problems.append(f"phonebook_format must be one of {', '.join(PHONEBOOK_FORMATS)}")
        if self.phonebook_charset not in PHONEBOOK_CHARSETS:
            problems.append(f"phonebook_charset must be one of {', '.join(PHONEBOOK_CHARSETS)}")
        if not 5 <= self.extensions <= MAX_EXTENSIONS:
            problems.append(f"extensions must be between 5 and {MAX_EXTENSIONS}")
        if not 0 <= self.contacts <= MAX_CONTACTS:
            problems.append(f"contacts must be between 0 and {MAX_CONTACTS}")
        if not 0 <= self.cdr_per_day <= MAX_CDR_PER_DAY:
            problems.append(f"cdr_per_day must be between 0 and {MAX_CDR_PER_DAY}")
        if not 1 <= self.history_days <= 366:
            problems.append("history_days must be between 1 and 366")
        if not 0 <= self.calls_per_minute <= 600:
            problems.append("calls_per_minute must be between 0 and 600")
        if not 0 < self.speed <= 10_000:
            problems.append("speed must be above 0 and at most 10000")
        if self.webhook_timeout <= 0:
            problems.append("webhook_timeout must be above 0")
        if self.latency < 0:
            problems.append("latency must not be negative")
        if not 0 <= self.error_rate <= 1:
            problems.append("error_rate must be between 0 and 1")
        if self.fault is not None and self.fault not in FAULT_NAMES:
            problems.append(f"fault must be one of {', '.join(FAULT_NAMES)}")
        for url in (*self.webhooks, *self.start_webhooks, *self.hangup_webhooks):
            if not url.startswith(("http://", "https://")):
                problems.append("webhook URLs must start with http:// or https://")
                break
        if problems:
            raise ValueError("; ".join(problems))
