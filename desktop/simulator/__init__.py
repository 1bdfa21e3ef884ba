"""A simulated IEXPBX: a real HTTP server on loopback with a living switchboard.

For the demo mode, tests and benchmarks. Qt-free; it shares no code with the API client.

    sim = Simulator(SimulatorConfig(seed=1, port=0)); await sim.start(); sim.base_url
    with SimulatorThread(SimulatorConfig()) as t: t.base_url
"""

from .config import FAULT_NAMES, PHONEBOOK_CHARSETS, PHONEBOOK_FORMATS, SimulatorConfig
from .runner import Simulator, SimulatorThread

__all__ = [
    "FAULT_NAMES",
    "PHONEBOOK_CHARSETS",
    "PHONEBOOK_FORMATS",
    "Simulator",
    "SimulatorConfig",
    "SimulatorThread",
]
