"""The simulated PBX answers every action of the vendor's API page in the page's shapes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from desktop.simulator import PHONEBOOK_FORMATS

if TYPE_CHECKING:
    from conftest import Api, ApiFor, SimFactory

ACTIVE_KEYS = {"channel", "duration", "calltype", "callinfo", "src", "dst"}
CDR_KEYS = {
    "id", "calldate", "calltype", "src", "dst", "duration", "disposition", "queue", "record",
    "userfield",
}  # fmt: skip
HMS = re.compile(r"\d{2,}:[0-5]\d:[0-5]\d")
REGSTATUS = re.compile(r"OK \(\d+ ms\)|LAGGED \(\d+ ms\)|UNREACHABLE|Unmonitored|UNKNOWN")
TURKISH = set("şğıİçöüŞĞÇÖÜ")


def ddmmyyyyhhmm(moment: datetime) -> str:
    return moment.strftime("%d%m%Y%H%M")


@pytest.mark.asyncio
async def test_activecalls_are_busy_from_the_first_second(api: Api) -> None:
    obj = await api.call("activecalls")
    assert obj["success"] is True
    assert isinstance(obj["count"], int) and obj["count"] == len(obj["data"])
    rows = obj["data"]
    assert len(rows) >= 3
    for row in rows:
        assert set(row) == ACTIVE_KEYS
        assert all(isinstance(v, str) for v in row.values())
        assert HMS.fullmatch(row["duration"]), row
        assert row["callinfo"] in {"Ringing", "Talking", "Up", "Dialing"}
        assert row["channel"].startswith(("SIP/", "Local/"))
    assert any(int(r["duration"].split(":")[0]) >= 24 for r in rows), "no call past 24 hours"
    assert len({r["channel"] for r in rows}) == len(rows)


@pytest.mark.asyncio
async def test_users_have_names_and_varied_registration(api: Api) -> None:
    rows = await api.rows("users")
    assert len(rows) >= 20
    for row in rows:
        assert set(row) == {"username", "name", "regstatus"}
        assert re.fullmatch(r"\d{3}", row["username"])
        assert REGSTATUS.fullmatch(row["regstatus"]), row
    states = {r["regstatus"].split(" ")[0] for r in rows}
    assert {"OK", "LAGGED", "UNREACHABLE", "Unmonitored"} <= states
    names = " ".join(r["name"] for r in rows)
    assert TURKISH & set(names)


@pytest.mark.asyncio
async def test_queues_list_members_including_padded_and_empty(api: Api) -> None:
    rows = await api.rows("queues")
    assert len(rows) >= 3
    for row in rows:
        assert set(row) == {"queuenumber", "name", "internal"}
    members = [[m.strip() for m in r["internal"].split(",") if m.strip()] for r in rows]
    assert sum(1 for m in members if m) >= 3
    assert any(not m for m in members), "no queue without members"
    assert any(r["internal"] != r["internal"].strip() for r in rows), "no padded member list"
    users = {u["username"] for u in await api.rows("users")}
    assert all(set(m) <= users for m in members)


@pytest.mark.asyncio
async def test_cdr_rows_have_the_page_shapes(api: Api) -> None:
    now = datetime.now()
    obj = await api.call(
        "cdr", date1=ddmmyyyyhhmm(now - timedelta(days=2)), date2=ddmmyyyyhhmm(now)
    )
    assert obj["success"] is True
    assert isinstance(obj["count"], str) and int(obj["count"]) == len(obj["data"])
    rows = obj["data"]
    assert len(rows) > 50
    for row in rows:
        assert set(row) == CDR_KEYS
        assert re.fullmatch(r"\d+", row["id"])
        when = datetime.strptime(row["calldate"], "%d.%m.%Y %H:%M:%S")
        assert now - timedelta(days=2, minutes=1) <= when <= now + timedelta(minutes=1)
        assert row["calltype"] in {"incoming", "outcoming", "internal"}
        assert re.fullmatch(r"\d+(,\d+)?", row["duration"]), row
        assert row["disposition"] in {"ANSWERED", "BUSY", "NO ANSWER", "FAILED"}
        assert row["queue"] == "" or re.fullmatch(r"\d+", row["queue"])
        assert isinstance(row["record"], bool)
        assert row["record"] is False or row["disposition"] == "ANSWERED"
    dates = [datetime.strptime(r["calldate"], "%d.%m.%Y %H:%M:%S") for r in rows]
    assert dates == sorted(dates, reverse=True)
    share = sum(r["record"] for r in rows) / len(rows)
    assert 0.2 < share < 0.45, "about a third of calls are recorded"
    assert any(r["queue"] for r in rows)
    assert {r["disposition"] for r in rows} == {"ANSWERED", "BUSY", "NO ANSWER", "FAILED"}


@pytest.mark.asyncio
async def test_cdr_holds_thirty_days_and_nothing_older(api: Api) -> None:
    now = datetime.now()
    rows = await api.rows(
        "cdr", date1=ddmmyyyyhhmm(now - timedelta(days=40)), date2=ddmmyyyyhhmm(now)
    )
    days = {datetime.strptime(r["calldate"], "%d.%m.%Y %H:%M:%S").date() for r in rows}
    assert len(days) >= 29  # just after midnight, today may have no calls yet
    assert min(days) == (now - timedelta(days=29)).date()
    assert 3000 < len(rows) < 12000
    older = await api.rows(
        "cdr",
        date1=ddmmyyyyhhmm(now - timedelta(days=60)),
        date2=ddmmyyyyhhmm(now - timedelta(days=31)),
    )
    assert older == []


@pytest.mark.asyncio
async def test_cdr_filters_by_number_and_minute_range(api: Api) -> None:
    day = datetime.now() - timedelta(days=3)
    first = day.replace(hour=9, minute=0, second=0, microsecond=0)
    last = first.replace(hour=12, minute=30)
    rows = await api.rows("cdr", date1=ddmmyyyyhhmm(first), date2=ddmmyyyyhhmm(last))
    assert rows
    for row in rows:
        when = datetime.strptime(row["calldate"], "%d.%m.%Y %H:%M:%S")
        assert first <= when < last + timedelta(minutes=1)
    number = next(r["src"] for r in rows if r["calltype"] == "incoming" and len(r["src"]) > 5)
    matching = await api.rows(
        "cdr", date1=ddmmyyyyhhmm(first), date2=ddmmyyyyhhmm(last), number=number
    )
    assert matching
    assert all(number in (r["src"], r["dst"]) for r in matching)
    assert len(matching) < len(rows)


@pytest.mark.asyncio
async def test_cdr_userfield_only_with_uf_yes(api: Api) -> None:
    now = datetime.now()
    params = {"date1": ddmmyyyyhhmm(now - timedelta(days=29)), "date2": ddmmyyyyhhmm(now)}
    with_uf = await api.rows("cdr", uf="yes", **params)
    without = await api.rows("cdr", **params)
    assert any(r["userfield"] for r in with_uf)
    assert all(r["userfield"] == "" for r in without)
    assert [r["id"] for r in with_uf] == [r["id"] for r in without]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("date1", "date2"),
    [
        ("", "030920191500"),
        ("0309201901", "030920191500"),
        ("32092019010a", "030920191500"),
        ("310220190100", "030920191500"),
        ("030920190100", "03.09.2019 15:00"),
        ("030920192500", "030920191500"),
    ],
)
async def test_cdr_malformed_dates_fail(api: Api, date1: str, date2: str) -> None:
    obj = await api.call("cdr", date1=date1, date2=date2)
    assert obj["success"] is False
    assert obj["message"]


@pytest.mark.asyncio
@pytest.mark.parametrize(("username", "password"), [("demo", "wrong"), ("admin", "s3cret-pw")])
async def test_wrong_credentials_answer_200_with_turkish_message(
    api: Api, username: str, password: str
) -> None:
    api.auth = {"username": username, "password": password}
    for action in ("users", "record", "phonedirectory"):
        reply = await api.raw(action, id="1")
        assert reply.status == 200
        assert reply.json() == [{"success": False, "message": "Kullanıcı adı veya şifre hatalı"}]


@pytest.mark.asyncio
@pytest.mark.parametrize("action", ["nosuchaction", "", None])
async def test_unknown_action_fails_with_message(api: Api, action: str | None) -> None:
    obj = await api.call(action)
    assert obj["success"] is False
    assert obj["message"]


@pytest.mark.asyncio
async def test_bare_envelope_switch(make_sim: SimFactory, api_for: ApiFor) -> None:
    sim = await make_sim(bare_envelope=True)
    reply = await api_for(sim).raw("users")
    data = reply.json()
    assert isinstance(data, dict)
    assert data["success"] is True and len(data["data"]) >= 20


def _phonebook_entries(root: ET.Element, fmt: str) -> list[tuple[str, list[str]]]:
    if fmt in ("cisco", "yealink-directory", "snom-directory"):
        return [
            (e.findtext("Name", ""), [t.text or "" for t in e.findall("Telephone")])
            for e in root.iter("DirectoryEntry")
        ]
    if fmt == "yealink-phonebook":
        return [
            (u.get("Name", ""), [u.get(f"Phone{i}", "") for i in (1, 2, 3) if u.get(f"Phone{i}")])
            for u in root.iter("Unit")
        ]
    if fmt == "grandstream":
        return [
            (
                f"{c.findtext('FirstName', '')} {c.findtext('LastName', '')}".strip(),
                [p.findtext("phonenumber", "") for p in c.findall("Phone")],
            )
            for c in root.iter("Contact")
        ]
    if fmt == "snom-tbook":
        return [(i.findtext("name", ""), [i.findtext("number", "")]) for i in root.iter("item")]
    if fmt == "snom-tbook2":
        return [
            (i.findtext("name", ""), [n.get("no", "") for n in i.iter("number")])
            for i in root.iter("item")
        ]
    if fmt == "polycom":
        return [
            (f"{i.findtext('fn', '')} {i.findtext('ln', '')}".strip(), [i.findtext("ct", "")])
            for i in root.iter("item")
        ]
    if fmt == "address-book":
        return [
            (
                f"{c.findtext('given_name', '')} {c.findtext('family_name', '')}".strip(),
                c.findtext("phone", "").split(" ::: "),
            )
            for c in root.iter("contact")
        ]
    return [
        (c.get("name", ""), [p.text or "" for p in c.findall("phone")])
        for c in root.iter("contact")
    ]


@pytest.mark.asyncio
@pytest.mark.parametrize("fmt", PHONEBOOK_FORMATS)
async def test_phonebook_formats(make_sim: SimFactory, api_for: ApiFor, fmt: str) -> None:
    sim = await make_sim(phonebook_format=fmt)
    reply = await api_for(sim).raw("phonedirectory")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert b"<!DOCTYPE" not in reply.body and b"<!ENTITY" not in reply.body
    assert reply.body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    entries = _phonebook_entries(ET.fromstring(reply.body), fmt)
    names = {name for name, _ in entries}
    assert len(entries) >= 500 and len(names) >= 300
    assert all(name and numbers and all(numbers) for name, numbers in entries)
    text = " ".join(names)
    assert set("şğıİçöü") <= set(text)
    assert any("&" in n for n in names)
    numbers_per_name: dict[str, int] = {}
    for name, numbers in entries:
        numbers_per_name[name] = numbers_per_name.get(name, 0) + len(numbers)
    assert any(count >= 2 for count in numbers_per_name.values())


@pytest.mark.asyncio
async def test_phonebook_in_declared_turkish_charset(make_sim: SimFactory, api_for: ApiFor) -> None:
    sim = await make_sim(phonebook_format="yealink-directory", phonebook_charset="iso-8859-9")
    reply = await api_for(sim).raw("phonedirectory")
    assert reply.headers["Content-Type"] == "text/xml; charset=iso-8859-9"
    assert reply.body.startswith(b'<?xml version="1.0" encoding="ISO-8859-9"?>')
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")
    names = [e.findtext("Name", "") for e in ET.fromstring(reply.body).iter("DirectoryEntry")]
    assert any("ş" in n for n in names) and any("İ" in n for n in names)


@pytest.mark.asyncio
async def test_scale_knobs(make_sim: SimFactory, api_for: ApiFor) -> None:
    sim = await make_sim(extensions=60, contacts=2000, cdr_per_day=1000)
    api = api_for(sim)
    assert len(await api.rows("users")) == 60
    day = datetime.now() - timedelta(days=7)
    rows = await api.rows(
        "cdr",
        date1=ddmmyyyyhhmm(day.replace(hour=0, minute=0)),
        date2=ddmmyyyyhhmm(day.replace(hour=23, minute=59)),
    )
    assert 100 < len(rows) < 1500
    reply = await api.raw("phonedirectory")
    assert len(list(ET.fromstring(reply.body).iter("DirectoryEntry"))) >= 2000
