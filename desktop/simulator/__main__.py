"""`python -m desktop.simulator`: run a simulated IEXPBX until Ctrl+C or SIGTERM.

The first line on stdout is the base URL (`http://127.0.0.1:PORT`), so scripts can read it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sys

from .config import FAULT_NAMES, PHONEBOOK_CHARSETS, PHONEBOOK_FORMATS, SimulatorConfig
from .runner import Simulator


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m desktop.simulator",
        description="A simulated IEXPBX telephone system on a real HTTP port.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    p.add_argument("--port", type=int, default=8088, help="0 picks a free port")
    p.add_argument("--username", default="demo")
    p.add_argument(
        "--password",
        default=os.environ.get("IEXPBX_SIM_PASSWORD", "demo"),
        help="default: $IEXPBX_SIM_PASSWORD or 'demo'",
    )
    p.add_argument("--seed", type=int, default=1, help="same seed, same PBX")
    p.add_argument("--api-path", default="/api/old/get")
    hooks = p.add_argument_group(
        "webhooks (may use {chanid} {src} {dst} {calltype} {status} "
        "{duration}; without placeholders the PBX's parameters are "
        "appended)"
    )
    hooks.add_argument(
        "--webhook",
        action="append",
        default=[],
        metavar="URL",
        help="receives call-start and hang-up (repeatable)",
    )
    hooks.add_argument("--webhook-start", action="append", default=[], metavar="URL")
    hooks.add_argument("--webhook-hangup", action="append", default=[], metavar="URL")
    hooks.add_argument("--webhook-timeout", type=float, default=5.0, metavar="SECONDS")
    shape = p.add_argument_group("reply shapes")
    shape.add_argument(
        "--bare-envelope", action="store_true", help="answer {...} instead of [{...}]"
    )
    shape.add_argument("--phonebook-format", choices=PHONEBOOK_FORMATS, default="cisco")
    shape.add_argument("--phonebook-charset", choices=PHONEBOOK_CHARSETS, default="utf-8")
    scale = p.add_argument_group("scale")
    scale.add_argument("--extensions", type=int, default=24)
    scale.add_argument("--contacts", type=int, default=600)
    scale.add_argument("--cdr-per-day", type=int, default=300)
    scale.add_argument("--history-days", type=int, default=30)
    scale.add_argument("--calls-per-minute", type=float, default=4.0)
    scale.add_argument("--speed", type=float, default=1.0, help="simulated seconds per second")
    bad = p.add_argument_group("faults")
    bad.add_argument("--latency", type=float, default=0.0, metavar="SECONDS")
    bad.add_argument(
        "--error-rate",
        type=float,
        default=0.0,
        metavar="P",
        help="share of requests answered with a proxy's 502 page",
    )
    bad.add_argument("--fault", choices=FAULT_NAMES, default=None)
    bad.add_argument(
        "--control",
        action="store_true",
        help="serve /_sim/fault, /_sim/latency, /_sim/error-rate, /_sim/advance",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log webhook deliveries")
    return p


def _config(args: argparse.Namespace) -> SimulatorConfig:
    return SimulatorConfig(
        host=args.host,
        port=args.port,
        username=args.username,
        password=args.password,
        seed=args.seed,
        api_path=args.api_path,
        bare_envelope=args.bare_envelope,
        phonebook_format=args.phonebook_format,
        phonebook_charset=args.phonebook_charset,
        extensions=args.extensions,
        contacts=args.contacts,
        cdr_per_day=args.cdr_per_day,
        history_days=args.history_days,
        calls_per_minute=args.calls_per_minute,
        speed=args.speed,
        webhooks=tuple(args.webhook),
        start_webhooks=tuple(args.webhook_start),
        hangup_webhooks=tuple(args.webhook_hangup),
        webhook_timeout=args.webhook_timeout,
        latency=args.latency,
        error_rate=args.error_rate,
        fault=args.fault,
        control=args.control,
    )


async def _serve(config: SimulatorConfig) -> int:
    sim = Simulator(config)
    try:
        url = await sim.start()
    except OSError as exc:
        print(f"cannot listen on {config.host}:{config.port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(url, flush=True)
    print(
        f"IEXPBX simulator at {url}{config.api_path} (user {config.username!r}, "
        f"seed {config.seed}); Ctrl+C stops it",
        file=sys.stderr,
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sim.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = _config(args)
    except ValueError as exc:
        parser.error(str(exc))
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        stream=sys.stderr,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # httpx logs every request's full URL at INFO, and webhook URLs may hold access keys.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        return asyncio.run(_serve(config))
    except KeyboardInterrupt:  # where signal handlers are unavailable (Windows)
        return 0


if __name__ == "__main__":
    sys.exit(main())
