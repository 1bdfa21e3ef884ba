"""Phonebook search and caller-ID lookup: every search rule a user relies on."""

from __future__ import annotations

import random

import pytest

from desktop.pbx.models import Contact, Extension
from desktop.services.phonebook import Entry, PhonebookIndex

BOOK = [
    Contact("Şükrü Öztürk", ("905321234567",)),
    Contact("Işık Güneş", ("02125550100", "0533 111 22 33")),
    Contact("İstanbul Lojistik A.Ş.", ("+90 216 444 55 66",)),
    Contact("Çağrı Yıldırım", ("905441112233",), "Ege Yazılım A.Ş."),
    Contact("José García", ("+34 612 345 678",)),
    Contact("Doğan Yıldız", ("0532 999 88 77",)),
    Contact("Mary O'Brien", ("+44 20 7946 0018",)),
    Contact("John Smith", ("+1 212 555 0100",), "Atlas Holding"),
    Contact("Zoë Müller", ("004930123456",)),
    Contact("Cem Kaya", ("05055550101",)),
    Contact("Ceyda Çelik", ("05065550102",)),
    Contact("Gül Aydın", ("05075550103",)),
    Contact("Gökhan Ünal", ("05305550104",)),
    Contact("Ilgaz Irmak", ("05355550105",)),
    Contact("İlker Işıl", ("05365550106",)),
    Contact("Oya Sönmez", ("05385550107",)),
    Contact("Ömer Aslan", ("05415550108",)),
    Contact("Selin Şahin", ("05425550109",)),
    Contact("Şule Kara", ("05435550110",)),
    Contact("Umut Kurt", ("05445550111",)),
    Contact("Ümran Koç", ("05455550112",)),
    Contact("Ali Veli", ("03125550113",)),
    Contact("Alican Demir", ("03125550114",)),
    Contact("Veli Ali", ("03125550115",)),
]
EXTENSIONS = [
    Extension("101", "Resepsiyon", "OK", True, 12),
    Extension("102", "Ayşe Yılmaz", "OK", True, 20),
]


@pytest.fixture(scope="module")
def index() -> PhonebookIndex:
    return PhonebookIndex(BOOK, EXTENSIONS)


def names(entries: list[Entry]) -> list[str]:
    return [e.name for e in entries]


# (query, names expected first, in order) — the first len(expected) results.
SEARCH_CASES = [
    # Turkish case and accents
    ("sukru", ["Şükrü Öztürk"]),
    ("ŞÜKRÜ", ["Şükrü Öztürk"]),
    ("isik", ["Işık Güneş"]),
    ("IŞIK", ["Işık Güneş"]),
    ("ışık", ["Işık Güneş"]),
    ("istanbul", ["İstanbul Lojistik A.Ş."]),
    ("İSTANBUL", ["İstanbul Lojistik A.Ş."]),
    ("cagri", ["Çağrı Yıldırım"]),
    ("ÇAĞRI", ["Çağrı Yıldırım"]),
    ("jose", ["José García"]),
    ("garcia", ["José García"]),
    ("zoe", ["Zoë Müller"]),
    ("muller", ["Zoë Müller"]),
    ("ozturk", ["Şükrü Öztürk"]),
    ("gunes", ["Işık Güneş"]),
    # word starts, any order
    ("yil dog", ["Doğan Yıldız"]),
    ("dog yil", ["Doğan Yıldız"]),
    ("yıldız doğan", ["Doğan Yıldız"]),
    ("  doğan   yıl  ", ["Doğan Yıldız"]),
    ("obrien", ["Mary O'Brien"]),
    ("brien", ["Mary O'Brien"]),
    ("o'brien mary", ["Mary O'Brien"]),
    # company words
    ("ege", ["Çağrı Yıldırım"]),
    ("ege yaz", ["Çağrı Yıldırım"]),
    ("atlas smith", ["John Smith"]),
    ("lojistik", ["İstanbul Lojistik A.Ş."]),
    # numbers regardless of formatting and prefixes
    ("0532 123 45", ["Şükrü Öztürk"]),
    ("+90532123", ["Şükrü Öztürk"]),
    ("90532123", ["Şükrü Öztürk"]),
    ("0090 532 123 45 67", ["Şükrü Öztürk"]),
    ("5321234567", ["Şükrü Öztürk"]),
    ("1234567", ["José García", "Şükrü Öztürk"]),  # anywhere in a number; A-Z ties
    ("(0212) 555-01", ["Işık Güneş"]),
    ("0212 5550100", ["Işık Güneş"]),
    ("+90 212 555 01 00", ["Işık Güneş"]),
    ("0533-111", ["Işık Güneş"]),
    ("0216 444", ["İstanbul Lojistik A.Ş."]),
    ("+34 612", ["José García"]),
    ("0034612345678", ["José García"]),
    ("+44 20 7946", ["Mary O'Brien"]),
    ("+4930", ["Zoë Müller"]),
    ("101", ["Resepsiyon", "Cem Kaya"]),  # the exact number first
    ("0532 999", ["Doğan Yıldız"]),
    # extensions are searchable by name
    ("resep", ["Resepsiyon"]),
    ("ayse yil", ["Ayşe Yılmaz"]),
    # ranking: whole-name prefix, then word prefix; Turkish alphabetical ties
    ("ali", ["Ali Veli", "Alican Demir", "Veli Ali"]),
    ("veli", ["Veli Ali", "Ali Veli"]),
    ("ce", ["Cem Kaya", "Ceyda Çelik"]),
    ("o", ["Oya Sönmez", "Ömer Aslan", "Mary O'Brien", "Şükrü Öztürk"]),
    ("u", ["Umut Kurt", "Ümran Koç", "Gökhan Ünal"]),
    (
        "s",
        [
            "Selin Şahin",
            "Şule Kara",
            "Şükrü Öztürk",
            "Çağrı Yıldırım",  # Ege Yazılım A.Ş.
            "İstanbul Lojistik A.Ş.",
            "John Smith",
            "Oya Sönmez",
        ],
    ),
    ("0505", ["Cem Kaya"]),
    ("05055550101", ["Cem Kaya"]),
    ("i", ["Ilgaz Irmak", "Işık Güneş", "İlker Işıl", "İstanbul Lojistik A.Ş."]),
]


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES)
def test_search_finds_best_first(index: PhonebookIndex, query: str, expected: list[str]) -> None:
    assert names(index.search(query))[: len(expected)] == expected


@pytest.mark.parametrize(("query", "expected"), SEARCH_CASES)
def test_typing_letter_by_letter_gives_the_same_results(
    index: PhonebookIndex, query: str, expected: list[str]
) -> None:
    searcher = index.searcher()
    for end in range(1, len(query) + 1):
        typed = searcher.search(query[:end], 10)
        assert typed == index.search(query[:end], 10), query[:end]
    assert names(typed)[: len(expected)] == expected


@pytest.mark.parametrize(
    "query",
    [
        "sukru x",  # every word must match
        "ükrü",  # a word's start, not its middle
        "ztürk",
        "yildizz",
        "0532 123 46",
        "99999",
        "+1 212 556",
        "0312 555 0199",
        "@@@",
        "",
        "   ",
    ],
)
def test_search_finds_nobody(index: PhonebookIndex, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize("query", ["12", "05"])
def test_fewer_than_three_digits_do_not_search_numbers(index: PhonebookIndex, query: str) -> None:
    assert index.search(query) == []


def test_name_matches_come_before_number_matches() -> None:
    book = [Contact("Ali 555", ("111",)), Contact("Zeki", ("555",)), Contact("Ayla", ("0555",))]
    index = PhonebookIndex(book)
    # A name first; then the number that is exactly 555; then numbers holding it.
    assert names(index.search("555")) == ["Ali 555", "Zeki", "Ayla"]
    assert names(index.search("0555")) == ["Ayla"]


def test_limit_and_entries(index: PhonebookIndex) -> None:
    assert len(index.search("a", limit=3)) == 3
    found = index.search("Çağrı")[0]
    assert found == Entry("Çağrı Yıldırım", ("905441112233",), "Ege Yazılım A.Ş.", False)
    assert index.search("resepsiyon")[0].internal
    assert len(index) == len(BOOK) + len(EXTENSIONS)


def test_turkish_alphabetical_order_of_all_entries(index: PhonebookIndex) -> None:
    order = [e.name.split()[0] for e in index.entries]
    for before, after in [
        ("Cem", "Ceyda"),
        ("Ceyda", "Çağrı"),
        ("Gökhan", "Gül"),
        ("Ilgaz", "Işık"),
        ("Işık", "İlker"),
        ("Oya", "Ömer"),
        ("Selin", "Şule"),
        ("Umut", "Ümran"),
    ]:
        assert order.index(before) < order.index(after), (before, after)


def test_searcher_counts_its_matches(index: PhonebookIndex) -> None:
    searcher = index.searcher()
    searcher.search("ali")
    assert searcher.count == 3 and searcher.complete
    searcher.search("ali v")
    assert searcher.count == 2


def test_searcher_starts_over_when_the_query_is_edited(index: PhonebookIndex) -> None:
    searcher = index.searcher()
    assert names(searcher.search("doğan")) == ["Doğan Yıldız"]
    assert names(searcher.search("doğ x")) == []
    assert names(searcher.search("ali")) == ["Ali Veli", "Alican Demir", "Veli Ali"]
    assert names(searcher.search("0532 999")) == ["Doğan Yıldız"]
    assert names(searcher.search("0532 8")) == []
    assert names(searcher.search("0533 111")) == ["Işık Güneş"]


# ---------------------------------------------------------------- lookup
@pytest.mark.parametrize(
    ("number", "name"),
    [
        ("05321234567", "Şükrü Öztürk"),
        ("905321234567", "Şükrü Öztürk"),
        ("+905321234567", "Şükrü Öztürk"),
        ("00905321234567", "Şükrü Öztürk"),
        ("5321234567", "Şükrü Öztürk"),
        ("0532 123 45 67", "Şükrü Öztürk"),
        ("902125550100", "Işık Güneş"),
        ("+90 (212) 555 01 00", "Işık Güneş"),
        ("05331112233", "Işık Güneş"),
        ("02164445566", "İstanbul Lojistik A.Ş."),
        ("0034612345678", "José García"),
        ("+34612345678", "José García"),
        ("+493012 3456", "Zoë Müller"),
        ("101", "Resepsiyon"),
        ("102", "Ayşe Yılmaz"),
    ],
)
def test_lookup_whatever_the_prefix(index: PhonebookIndex, number: str, name: str) -> None:
    found = index.lookup(number)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "number", ["", " ", "05329999999", "103", "34612345678", "+15551234567", "*97", "abc"]
)
def test_lookup_unknown_is_none(index: PhonebookIndex, number: str) -> None:
    assert index.lookup(number) is None


def test_lookup_never_guesses_between_two_people() -> None:
    book = [
        Contact("Ahmet Kaya", ("0212 555 00 00", "05321111111")),
        Contact("Mehmet Kaya", ("902125550000",)),
        Contact("Ahmet Kaya", ("05442222222",)),
        Contact("AHMET KAYA", ("905442222222",)),
    ]
    index = PhonebookIndex(book)
    assert index.lookup("02125550000") is None  # a switchboard two people share
    assert index.lookup("+905321111111") == Entry("Ahmet Kaya", ("0212 555 00 00", "05321111111"))
    found = index.lookup("05442222222")  # the same person listed twice
    assert found is not None and found.name.lower() == "ahmet kaya"


def test_extension_wins_over_a_phonebook_entry() -> None:
    index = PhonebookIndex(
        [Contact("Eski Kayıt", ("101",)), Contact("Başka", ("102",))],
        [Extension("101", "Resepsiyon", "OK", True, 5), Extension("102", "", "OK", True, 5)],
    )
    found = index.lookup("101")
    assert found is not None and found.name == "Resepsiyon" and found.internal
    found = index.lookup("102")
    assert found is not None and found.name == "102" and found.internal


def test_other_country() -> None:
    index = PhonebookIndex([Contact("Hans Meier", ("030 1234567",))], country="DE")
    for number in ("+49301234567", "0049301234567", "030 1234567"):
        found = index.lookup(number)
        assert found is not None and found.name == "Hans Meier", number
    assert names(index.search("+49 30 123")) == ["Hans Meier"]


def test_large_book_search_and_lookup_agree_with_a_plain_scan() -> None:
    rng = random.Random(5)
    first = ["Ayşe", "Ali", "Işık", "İpek", "Çağrı", "Ömer", "Şule", "Ümit", "Oya", "Cem"]
    last = ["Yılmaz", "Kaya", "Öztürk", "Çelik", "Şahin", "Işık", "Irmak", "Demir"]
    book = [
        Contact(f"{rng.choice(first)} {rng.choice(last)}", (f"9053{i:08d}",)) for i in range(3000)
    ]
    index = PhonebookIndex(book)
    from desktop.services.text_fold import fold

    for query in ["a", "ay", "ayşe k", "ış", "kaya ali", "cem o", "ümit ş"]:
        words = fold(query).split()
        expected = {
            i
            for i, c in enumerate(book)
            if all(any(w.startswith(q) for w in fold(c.name).split()) for q in words)
        }
        searcher = index.searcher()
        for end in range(1, len(query) + 1):
            found = searcher.search(query[:end], limit=10_000)
        assert sorted(found, key=lambda e: e.numbers) == sorted(
            (Entry(book[i].name, book[i].numbers) for i in expected), key=lambda e: e.numbers
        )
    assert index.lookup("05300000042") == Entry(book[42].name, book[42].numbers)
