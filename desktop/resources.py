"""Where the app's resources (icons, translations) are, from source or frozen; its cache."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside the resources folder."""
    return resources_dir().joinpath(*parts)


def cache_dir(*parts: str) -> Path:
    """A folder in this user's cache for the app (made on first write, not here)."""
    from platformdirs import user_cache_dir

    from desktop import APP_ID

    return Path(user_cache_dir(APP_ID, "IEXPBX")).joinpath(*parts)


def data_dir(config_dir: Path | None, *parts: str) -> Path:
    """A folder for what the app keeps for the user (phonebook copy, missed calls).

    Beside the settings when --config-dir is given, else the user's data folder.
    """
    if config_dir is not None:
        return Path(config_dir).joinpath("data", *parts)
    from platformdirs import user_data_dir

    from desktop import APP_ID

    return Path(user_data_dir(APP_ID, "IEXPBX")).joinpath(*parts)
