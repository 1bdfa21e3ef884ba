"""Settings: declared once, typed, robust against bad files, admin defaults and locks."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from desktop import settings as st
from desktop.server_address import (
    ServerUrlError,
    ServerUrlProblem,
    is_plain_http,
    local_timezone_name,
    normalize_fingerprint,
    normalize_server_url,
)
from desktop.settings import AdminConfig, SettingLockedError, Settings
from desktop.ui_state import UiState

FP = "AB:" * 31 + "AB"
PEM = "-----BEGIN CERTIFICATE-----\nMIIBAAA=\n-----END CERTIFICATE-----\n"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


def open_settings(config_dir: Path, admin: AdminConfig | None = None) -> Settings:
    return Settings.open(config_dir, admin=admin or AdminConfig())


def write_ini(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the registry -------------------------------------------------------------------------


def test_every_required_setting_is_declared_with_type_default_and_description() -> None:
    expected = {
        "server_url": "",
        "username": "",
        "extension": "",
        "tls_pinned_pem": "",
        "tls_pinned_sha256": "",
        "poll_interval_s": 2,
        "request_timeout_s": 10,
        "popups_paused": False,
        "language": "system",
        "start_minimized": False,
        "theme": "system",
        "api_path": "/api/old/get",
    }
    for name, default in expected.items():
        setting = st.REGISTRY[name]
        assert setting.default == default
        assert isinstance(setting.default, setting.type)
        assert setting.description
    assert "pbx_timezone" in st.REGISTRY
    assert st.REGISTRY["language"].choices == ("system", "en", "tr")
    assert st.REGISTRY["theme"].choices == ("system", "light", "dark")


def test_defaults_when_nothing_is_stored(config_dir: Path) -> None:
    s = open_settings(config_dir)
    assert s.get("poll_interval_s") == 2.0
    assert s.get(st.REQUEST_TIMEOUT_S) == 10.0
    assert s.get("api_path") == "/api/old/get"
    assert s.get("pbx_timezone") == local_timezone_name()
    assert not s.is_configured()


def test_unknown_setting_name_is_a_clear_error(config_dir: Path) -> None:
    with pytest.raises(KeyError, match="unknown setting"):
        open_settings(config_dir).get("no_such_thing")


# --- round trips through the INI file -----------------------------------------------------


def test_values_survive_a_restart_with_their_types(config_dir: Path) -> None:
    s = open_settings(config_dir)
    s.set("server_url", "pbx.example.com/")
    s.set("username", "api")
    s.set("extension", "101")
    s.set("poll_interval_s", 5)
    s.set("start_minimized", True)
    s.set("language", "tr")
    s.set("pbx_timezone", "Europe/Istanbul")
    s.set("tls_pinned_pem", PEM)
    s.set("tls_pinned_sha256", FP.replace(":", "").lower())
    # A fresh process sees only the file's text: strip Qt's in-process cache by reparsing.
    text = (config_dir / "iexpbx-desktop.ini").read_text()
    fresh_dir = config_dir.parent / "copy"
    write_ini(fresh_dir / "iexpbx-desktop.ini", text)
    again = open_settings(fresh_dir)
    assert again.get("server_url") == "https://pbx.example.com"
    assert again.get("poll_interval_s") == 5.0
    assert again.get("start_minimized") is True
    assert again.get("language") == "tr"
    assert again.get("pbx_timezone") == "Europe/Istanbul"
    assert again.get("tls_pinned_pem") == PEM
    assert again.get("tls_pinned_sha256") == FP
    assert again.is_configured()


def test_invalid_values_are_refused_and_nothing_changes(config_dir: Path) -> None:
    s = open_settings(config_dir)
    s.set("theme", "dark")
    for name, bad in [
        ("theme", "purple"),
        ("poll_interval_s", 0),
        ("poll_interval_s", "fast"),
        ("poll_interval_s", True),
        ("pbx_timezone", "Mars/Olympus"),
        ("server_url", "https://user:secret@pbx"),
        ("api_path", "api/old/get"),
        ("tls_pinned_pem", "not a certificate"),
        ("username", "two\nlines"),
    ]:
        with pytest.raises(ValueError):
            s.set(name, bad)
    assert s.get("theme") == "dark"
    assert s.get("poll_interval_s") == 2.0
    assert "secret" not in (config_dir / "iexpbx-desktop.ini").read_text()


def test_garbage_in_the_file_falls_back_per_setting_and_keeps_the_rest(
    config_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_ini(
        config_dir / "iexpbx-desktop.ini",
        "[General]\n"
        "poll_interval_s=very fast\n"
        "start_minimized=maybe\n"
        "theme=purple\n"
        "pbx_timezone=Nowhere/Land\n"
        "server_url=ftp://old\n"
        "language=tr\n"
        "username=api\n"
        "\x00\x01 broken line without equals\n",
    )
    with caplog.at_level(logging.WARNING, logger="desktop.settings"):
        s = open_settings(config_dir)
        assert s.get("poll_interval_s") == 2.0
        assert s.get("start_minimized") is False
        assert s.get("theme") == "system"
        assert s.get("pbx_timezone") == local_timezone_name()
        assert s.get("server_url") == ""
        assert s.get("language") == "tr"
        assert s.get("username") == "api"
    warned = caplog.text
    for name in ("poll_interval_s", "start_minimized", "theme", "pbx_timezone", "server_url"):
        assert name in warned
    assert "very fast" not in warned  # values are not repeated into the log


def test_unreadable_binary_file_does_not_crash(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "iexpbx-desktop.ini").write_bytes(b"\xff\xfe\x00garbage\x00" * 50)
    s = open_settings(config_dir)
    assert s.get("language") == "system"
    s.set("language", "en")
    assert s.get("language") == "en"


def test_reset_returns_to_the_default(config_dir: Path) -> None:
    s = open_settings(config_dir)
    s.set("theme", "light")
    s.reset("theme")
    assert s.get("theme") == "system"


def test_listeners_hear_real_changes_only(config_dir: Path) -> None:
    s = open_settings(config_dir)
    heard: list[tuple[str, object]] = []
    unsubscribe = s.subscribe(lambda name, value: heard.append((name, value)))
    s.set("theme", "dark")
    s.set("theme", "dark")
    unsubscribe()
    s.set("theme", "light")
    assert heard == [("theme", "dark")]


# --- ephemeral (demo mode) ----------------------------------------------------------------


def test_ephemeral_settings_touch_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    s = Settings.ephemeral()
    s.set("server_url", "http://127.0.0.1:9999")
    s.set("theme", "dark")
    assert s.get("theme") == "dark"
    assert s.file_path is None
    assert list(tmp_path.rglob("*")) == []
    assert Settings.ephemeral().get("theme") == "system"


# --- admin defaults and locks -------------------------------------------------------------

ADMIN_INI = f"""[General]
server_url=https://pbx.corp.example/
pbx_timezone=Europe/Istanbul
poll_interval_s=3
theme=dark
tls_pinned_sha256={FP}
tls_pinned_pem="{PEM.replace(chr(10), chr(92) + "n")}"
locked=server_url, pbx_timezone
"""


def test_admin_defaults_apply_and_locked_ones_cannot_be_changed(
    tmp_path: Path, config_dir: Path
) -> None:
    admin = AdminConfig.load(write_ini(tmp_path / "admin.ini", ADMIN_INI))
    assert admin.locked == {"server_url", "pbx_timezone"}
    s = open_settings(config_dir, admin)
    assert s.get("server_url") == "https://pbx.corp.example"
    assert s.get("tls_pinned_pem") == PEM
    assert s.get("tls_pinned_sha256") == FP
    assert s.get("poll_interval_s") == 3.0
    assert s.is_locked("server_url") and not s.is_locked("theme")
    with pytest.raises(SettingLockedError):
        s.set("server_url", "https://elsewhere.example")
    with pytest.raises(SettingLockedError):
        s.reset("pbx_timezone")
    s.set("theme", "light")  # unlocked: the user's choice wins
    assert s.get("theme") == "light"
    s.reset("theme")
    assert s.get("theme") == "dark"  # back to the admin's default, not the declared one


def test_locked_value_wins_over_a_stored_user_value(tmp_path: Path, config_dir: Path) -> None:
    write_ini(config_dir / "iexpbx-desktop.ini", "[General]\nserver_url=https://mine.example\n")
    admin = AdminConfig.load(write_ini(tmp_path / "admin.ini", ADMIN_INI))
    assert open_settings(config_dir, admin).get("server_url") == "https://pbx.corp.example"
    assert open_settings(config_dir).get("server_url") == "https://mine.example"


def test_admin_file_from_environment_variable(
    tmp_path: Path, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(st.ADMIN_CONFIG_ENV, str(write_ini(tmp_path / "a.ini", ADMIN_INI)))
    s = Settings.open(config_dir)
    assert s.is_locked("pbx_timezone")
    assert s.get("pbx_timezone") == "Europe/Istanbul"


def test_admin_file_found_in_xdg_config_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(st.ADMIN_CONFIG_ENV, raising=False)
    first, second = tmp_path / "first", tmp_path / "second"
    write_ini(second / "IEXPBX" / "iexpbx-desktop.ini", ADMIN_INI)
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}:{second}")
    admin = AdminConfig.load()
    assert admin.values["server_url"] == "https://pbx.corp.example"
    assert admin.source and admin.source.startswith(str(second))


def test_bad_admin_entries_are_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ini = "[General]\npoll_interval_s=soon\nwhatever=1\nlanguage=tr\nlocked=language, nope\n"
    with caplog.at_level(logging.WARNING, logger="desktop.settings"):
        admin = AdminConfig.load(write_ini(tmp_path / "admin.ini", ini))
    assert admin.values == {"language": "tr"}
    assert admin.locked == {"language"}
    assert "poll_interval_s" in caplog.text and "whatever" in caplog.text
    assert "nope" in caplog.text


def test_missing_admin_file_means_no_admin_settings(tmp_path: Path) -> None:
    admin = AdminConfig.load(tmp_path / "absent.ini")
    assert admin.values == {} and admin.locked == frozenset()


def test_user_only_settings_cannot_be_locked(tmp_path: Path) -> None:
    admin = AdminConfig.load(write_ini(tmp_path / "a.ini", "[General]\nlocked=popups_paused\n"))
    assert admin.locked == frozenset()


# --- UI state lives apart -----------------------------------------------------------------


def test_ui_state_is_a_separate_file(config_dir: Path) -> None:
    settings = open_settings(config_dir)
    settings.set("theme", "dark")
    ui = UiState.open(config_dir)
    ui.set_bytes("main_window/geometry", b"\x01\x02\xff")
    ui.set_ints("calls/columns", [120, 80, 200])
    ui.set_bool(UiState.TOLD_ABOUT_TRAY, True)
    ui.sync()
    assert ui.file_path is not None and ui.file_path != settings.file_path
    assert "geometry" not in (config_dir / "iexpbx-desktop.ini").read_text()
    reread = UiState.open(config_dir)
    assert reread.get_bytes("main_window/geometry") == b"\x01\x02\xff"
    assert reread.get_ints("calls/columns") == [120, 80, 200]
    assert reread.get_bool(UiState.TOLD_ABOUT_TRAY) is True


def test_damaged_ui_state_gives_defaults(config_dir: Path) -> None:
    write_ini(config_dir / "ui-state.ini", "[General]\ng=zz-not-hex\nc=1,x\nt=perhaps\n")
    ui = UiState.open(config_dir)
    assert ui.get_bytes("g") is None
    assert ui.get_ints("c") == []
    assert ui.get_bool("t", default=False) is False


# --- server address -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("pbx.example.com", "https://pbx.example.com"),
        ("  pbx.example.com/  ", "https://pbx.example.com"),
        ("HTTPS://PBX.Example.com:8443/api/old/get?action=users", "https://pbx.example.com:8443"),
        ("http://10.0.0.5/", "http://10.0.0.5"),
        ("10.0.0.5:8080", "https://10.0.0.5:8080"),
        ("https://[fe80::1]:8443/x", "https://[fe80::1]:8443"),
        ("santral.örnek.com.tr", "https://santral.xn--rnek-4qa.com.tr"),
        ("pbx.example.com#frag", "https://pbx.example.com"),
    ],
)
def test_server_address_is_normalised(typed: str, expected: str) -> None:
    assert normalize_server_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", ServerUrlProblem.EMPTY),
        ("   ", ServerUrlProblem.EMPTY),
        ("https://admin:s3cret@pbx.example.com", ServerUrlProblem.CREDENTIALS_IN_URL),
        ("admin@pbx.example.com", ServerUrlProblem.CREDENTIALS_IN_URL),
        ("pbx.example.com/api?username=a&password=s3cret", ServerUrlProblem.PASSWORD_IN_QUERY),
        ("ftp://pbx.example.com", ServerUrlProblem.BAD_SCHEME),
        ("https://pbx example.com", ServerUrlProblem.BAD_HOST),
        ("https://", ServerUrlProblem.BAD_HOST),
        ("https://pbx.example.com:99999", ServerUrlProblem.BAD_PORT),
        ("https://pbx.example.com:http", ServerUrlProblem.BAD_PORT),
    ],
)
def test_unsafe_or_broken_addresses_are_refused_without_echoing_them(
    typed: str, problem: ServerUrlProblem
) -> None:
    with pytest.raises(ServerUrlError) as info:
        normalize_server_url(typed)
    assert info.value.problem is problem
    assert "s3cret" not in str(info.value) and "example" not in str(info.value)


def test_plain_http_is_flagged() -> None:
    assert is_plain_http("http://pbx")
    assert not is_plain_http("https://pbx")


def test_fingerprint_spellings() -> None:
    hexdigits = FP.replace(":", "")
    assert normalize_fingerprint(hexdigits.lower()) == FP
    assert normalize_fingerprint(f"SHA256={FP}") == FP
    with pytest.raises(ValueError):
        normalize_fingerprint("AB:CD")


def test_the_admin_guide_example_means_what_the_guide_says(tmp_path: Path) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "admin-guide.md").read_text(encoding="utf-8")
    section = guide.split("## Full example", 1)[1]
    example = section.split("```ini\n", 1)[1].split("```", 1)[0]
    admin = AdminConfig.load(write_ini(tmp_path / "example.ini", example))
    assert admin.locked == {"server_url", "pbx_timezone", "tls_pinned_pem", "tls_pinned_sha256"}
    assert admin.values["server_url"] == "https://pbx.example.com"
    assert admin.values["pbx_timezone"] == "Europe/Istanbul"
    assert admin.values["poll_interval_s"] == 3.0 and admin.values["language"] == "tr"
    assert admin.values["tls_pinned_pem"].startswith("-----BEGIN CERTIFICATE-----\n")
    assert admin.values["tls_pinned_sha256"].startswith("3F:A9:C0:11")
    documented = {line.split("`")[1] for line in guide.splitlines() if line.startswith("| `")}
    assert documented == set(st.REGISTRY) | {"locked"}


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("Europe/Istanbul", True),
        ("America/Argentina/Buenos_Aires", True),
        ("UTC", True),
        ("Mars/Olympus_Mons", False),
        ("../../etc/passwd", False),
        ("/etc/passwd", False),
        ("posix/Europe/Istanbul", False),
        ("Istanbul", False),
        ("", False),
    ],
)
def test_time_zone_names_are_checked_without_listing_the_database(name: str, known: bool) -> None:
    from desktop.server_address import available_timezone_names, is_timezone_name

    assert is_timezone_name(name) is known
    assert (name in available_timezone_names()) is known
