"""The phonebook index: find anyone in a keystroke, and whose number is calling.

Search rules (what a user sees):

- Case and accents do not matter, with Turkish rules (`text_fold.fold`): "sukru" finds
  "Şükrü", "isik" and "IŞIK" find "Işık", "istanbul" finds "İstanbul", "cagri" finds
  "Çağrı", "jose" finds "José".
- Every word of the query must match the start of a word of the name or the company, in
  any order: "yil dog" finds "Doğan Yıldız", "ege yaz" finds anyone at "Ege Yazılım".
  Punctuation splits words ("brien" finds "O'Brien") and is ignored inside them
  ("obrien" finds it too).
- A query of digits (and separators, a leading +) with 3 or more digits also matches
  numbers, whatever their formatting and prefix: "0532 123 45" and "+90532123" find
  "905321234567", "(0212) 555-01" finds "02125550100". A query typed with a prefix
  (0, 90, +90, 0090) matches from the start of a number; a query without one, anywhere
  in it ("4567" finds "905321234567").
- Ranking: names starting with the whole query first, then names with a word matching,
  then number matches (a number equal to the query first); ties in Turkish alphabetical
  order (ç after c, ğ after g, ı before i, ö after o, ş after s, ü after u).

`lookup` gives the entry for a caller's number however the PBX writes it (`0532…`,
`90532…`, `+90532…`, `0090532…`, an extension) with one dict look-up, and None when the
number is unknown or shared by two different people: never a wrong person. An extension
wins over a phonebook entry holding the same internal number.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from heapq import nsmallest
from typing import NamedTuple

from desktop.pbx.models import Contact, Extension

from .numbers import NumberRules
from .text_fold import fold

__all__ = ["Entry", "PhonebookIndex", "Searcher"]

_TOKEN = re.compile(r"[^\W_]+")
_DIGIT_QUERY = re.compile(r"\+?[\d\s\-./()\u00a0]*")
_NOT_DIGIT = re.compile(r"[^0-9]")
_AMBIGUOUS = -1
_END = "\U0010ffff"
# Turkish alphabetical order: each Turkish letter sorts right after its Latin base
# (\x7f is above every ASCII letter), ı right before i.
_TURKISH_UPPER = str.maketrans({"I": "ı", "İ": "i"})
_TURKISH_ORDER = str.maketrans(
    {"ç": "c\x7f", "ğ": "g\x7f", "ı": "h\x7f", "ö": "o\x7f", "ş": "s\x7f", "ü": "u\x7f"}
)
_MIN_NUMBER_DIGITS = 3
_NARROW_BELOW = 4000  # a previous result this small is filtered rather than re-indexed


class Entry(NamedTuple):
    """One person or extension as the phonebook shows it."""

    name: str
    numbers: tuple[str, ...]  # as the PBX wrote them
    company: str = ""
    internal: bool = False  # an extension (a colleague)


class _Word(NamedTuple):
    tokens: tuple[str, ...]  # folded search tokens
    collation: str  # the word's Turkish sort key


class _Query(NamedTuple):
    text: str  # folded, tokens joined by single spaces
    tokens: tuple[str, ...]
    # Number search: texts to find in the numbers text, " " in front for "starts with"
    # (empty when the query is not a number).
    needles: tuple[str, ...]


class PhonebookIndex:
    """Contacts and extensions, indexed for as-you-type search and caller-ID lookup."""

    def __init__(
        self,
        contacts: Iterable[Contact],
        extensions: Iterable[Extension] = (),
        *,
        country: str = "TR",
    ) -> None:
        self.rules = rules = NumberRules(country)
        raw = [
            Entry(e.name.strip() or e.number, (e.number,), "", True)
            for e in extensions
            if e.number.strip()
        ]
        raw.extend(Entry(c.name, c.numbers, c.company, False) for c in contacts)
        words: dict[str, _Word] = {}
        collation = [self._collation(e.name, words) for e in raw]
        # Ids are positions in Turkish alphabetical order: smaller id, earlier in a tie.
        order = sorted(range(len(raw)), key=collation.__getitem__)
        self._entries = entries = [raw[i] for i in order]
        self._words: list[tuple[str, ...]] = []
        postings: dict[str, list[int]] = {}
        names: list[str] = []
        for i, entry in enumerate(entries):
            name_tokens = self._tokens(entry.name, words)
            all_tokens = (
                name_tokens + self._tokens(entry.company, words) if entry.company else name_tokens
            )
            names.append(" ".join(name_tokens))
            unique = tuple(dict.fromkeys(all_tokens))
            self._words.append(unique)
            for token in unique:
                ids = postings.get(token)
                if ids is None:
                    postings[token] = [i]
                else:
                    ids.append(i)
        self._tokens_sorted = sorted(postings)
        self._postings = [postings[t] for t in self._tokens_sorted]
        sizes = [0]
        for ids in self._postings:
            sizes.append(sizes[-1] + len(ids))
        self._cumulative = sizes  # entries under a token range, without building the union
        by_name = sorted(range(len(names)), key=names.__getitem__)
        self._names_sorted = [names[i] for i in by_name]
        self._ids_by_name = by_name
        self._build_numbers(rules)
        self._token_sets: dict[str, frozenset[int] | set[int]] = {}

    # ------------------------------------------------------------ building
    @staticmethod
    def _word(word: str, cache: dict[str, _Word]) -> _Word:
        known = cache.get(word)
        if known is None:
            folded = fold(word)
            tokens = tuple(_TOKEN.findall(folded))
            if len(tokens) > 1:  # "O'Brien": "o", "brien" and "obrien"
                tokens = (*tokens, "".join(tokens))
            lower = word.translate(_TURKISH_UPPER).lower().translate(_TURKISH_ORDER)
            key = lower if lower.isascii() else fold(lower)  # other accents: base letter
            known = cache[word] = _Word(tokens, key)
        return known

    def _collation(self, name: str, cache: dict[str, _Word]) -> tuple[str, str]:
        key = " ".join(self._word(w, cache).collation for w in name.split())
        return key, name

    def _tokens(self, text: str, cache: dict[str, _Word]) -> tuple[str, ...]:
        out: tuple[str, ...] = ()
        for w in text.split():
            out += self._word(w, cache).tokens
        return out

    def _build_numbers(self, rules: NumberRules) -> None:
        key = rules.key
        segments: list[str] = []
        offsets: list[int] = []
        position = 0
        lookup: dict[str, int] = {}
        internal_keys: set[str] = set()
        entries = self._entries
        # Extensions first: they win over a phonebook entry holding the same number.
        for internal in (True, False):
            for i, entry in enumerate(entries):
                if entry.internal != internal:
                    continue
                for number in entry.numbers:
                    k = key(number)
                    if not k:
                        continue
                    if not internal and k in internal_keys:
                        continue
                    known = lookup.get(k)
                    if known is None:
                        lookup[k] = i
                        if internal:
                            internal_keys.add(k)
                    elif known not in (i, _AMBIGUOUS) and fold(entries[known].name) != fold(
                        entry.name
                    ):
                        lookup[k] = _AMBIGUOUS  # two people: no name rather than a wrong one
        self._lookup = lookup
        for entry in entries:
            # Each number as written (digits only) and as its key, each after a space, a
            # national key after " =": " =532" finds national numbers starting 532, " 101"
            # numbers written starting 101, "101" numbers holding it.
            parts = []
            for number in entry.numbers:
                digits = number if number.isdigit() else _NOT_DIGIT.sub("", number)
                k = key(number)
                if rules.is_national(k):
                    parts.append(f" {digits} ={k}")
                else:
                    parts.append(f" {digits} {k}" if k != digits else f" {digits}")
            segment = "".join(parts)
            offsets.append(position)
            segments.append(segment)
            position += len(segment)
        offsets.append(position)
        self._numbers_text = "".join(segments)
        self._offsets = offsets

    # ------------------------------------------------------------ queries
    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> Sequence[Entry]:
        """Every entry, in Turkish alphabetical order."""
        return self._entries

    def lookup(self, number: str) -> Entry | None:
        """The one entry `number` belongs to, or None (unknown, or shared by two people)."""
        if not number or not number.strip():
            return None
        i = self._lookup.get(self.rules.key(number), _AMBIGUOUS)
        return None if i == _AMBIGUOUS else self._entries[i]

    def search(self, query: str, limit: int = 50) -> list[Entry]:
        """The entries matching `query`, best first (rules in the module docstring)."""
        return self.searcher().search(query, limit)

    def searcher(self) -> Searcher:
        """A search that narrows its previous result as a query is typed letter by letter."""
        return Searcher(self)

    def _parse(self, query: str) -> _Query:
        folded = fold(query)
        tokens = tuple(dict.fromkeys(_TOKEN.findall(folded)))
        needles: tuple[str, ...] = ()
        if _DIGIT_QUERY.fullmatch(query.strip()):
            raw = _NOT_DIGIT.sub("", query)
            if len(raw) >= _MIN_NUMBER_DIGITS:
                needles = self._number_needles(query.strip(), raw)
        return _Query(" ".join(tokens), tokens, needles)

    def _number_needles(self, text: str, raw: str) -> tuple[str, ...]:
        """What a number query looks for: a prefix typed means "starts with"."""
        rules = self.rules
        code, trunk = rules.calling_code, rules.trunk_prefix
        if text.startswith("+") or raw.startswith(rules.exit_prefix):
            rest = raw if text.startswith("+") else raw[len(rules.exit_prefix) :]
            if rest.startswith(code):
                return (" =" + rest[len(code) :],)
            return (" 00" + rest,)  # another country: keys are 00 + country code
        if trunk and raw.startswith(trunk) and len(raw) > len(trunk) + 2:
            # 0532…: a national number from its start, or a short number as written
            return (" =" + raw[len(trunk) :], " " + raw)
        if raw.startswith(code) and len(raw) > len(code) + 2:
            return (raw, " =" + raw[len(code) :])  # 90532… as the PBX writes it, or typed
        return (raw,)

    def _token_range(self, token: str) -> tuple[int, int]:
        tokens = self._tokens_sorted
        lo = bisect_left(tokens, token)
        return lo, bisect_left(tokens, token + _END, lo)

    def _token_cost(self, token: str) -> int:
        """How many ids a union for `token` would gather (0 when already known)."""
        if token in self._token_sets:
            return 0
        lo, hi = self._token_range(token)
        return self._cumulative[hi] - self._cumulative[lo]

    def _token_ids(self, token: str) -> frozenset[int] | set[int]:
        """Entries with a word starting with `token` (recent answers kept)."""
        cache = self._token_sets
        found = cache.get(token)
        if found is None:
            lo, hi = self._token_range(token)
            postings = self._postings
            if hi - lo == 1:
                found = frozenset(postings[lo])
            else:
                found = set()
                for k in range(lo, hi):
                    found.update(postings[k])
            if len(cache) >= 64:
                cache.clear()
            cache[token] = found
        return found

    def _name_prefix_ids(self, text: str) -> list[int]:
        names = self._names_sorted
        lo = bisect_left(names, text)
        hi = bisect_left(names, text + _END, lo)
        return self._ids_by_name[lo:hi]

    def _number_ids(
        self, q: _Query, within: Iterable[int] | None, wanted: int, skip: AbstractSet[int]
    ) -> tuple[set[int], bool]:
        """Entries with a number matching `q`, and whether that is all of them.

        The numbers text is in id (alphabetical) order, so a scan stops once it has
        `wanted` entries not in `skip`: those are the best number matches.
        """
        text = self._numbers_text
        offsets = self._offsets
        needles = q.needles
        found: set[int] = set()
        if within is not None:
            for i in within:
                segment = text[offsets[i] : offsets[i + 1]]
                if any(n in segment for n in needles):
                    found.add(i)
            return found, True
        complete = True
        find = text.find
        for needle in needles:
            pos = find(needle)
            new = 0
            while pos >= 0:
                i = bisect_right(offsets, pos) - 1
                if i not in found:
                    found.add(i)
                    if i not in skip:
                        new += 1
                        if new >= wanted:
                            complete = complete and find(needle, offsets[i + 1]) < 0
                            break
                pos = find(needle, offsets[i + 1])
        return found, complete


class Searcher:
    """As-you-type search over one index: a query that extends the previous one only
    narrows the previous matches instead of searching the whole phonebook again."""

    def __init__(self, index: PhonebookIndex) -> None:
        self.index = index
        self._last: _Query | None = None
        self._names: set[int] | frozenset[int] | None = None
        self._numbers: set[int] | None = None
        self.count = 0  # how many entries the last query matched (at least, if not complete)
        self.complete = True  # whether `count` is exact (a number scan stops at the best)

    def search(self, query: str, limit: int = 50) -> list[Entry]:
        """The entries matching `query`, best first (see `PhonebookIndex`)."""
        index = self.index
        q = index._parse(query)
        last = self._last
        names = self._match_names(q, last)
        previous_numbers = self._numbers
        self._last, self._names, self._numbers = q, names, None
        self.count, self.complete = 0, True
        if not q.tokens and not q.needles:
            return []
        first = index._name_prefix_ids(q.text) if q.tokens else []
        first_set = set(first)
        ranked = nsmallest(limit, first)
        rest: AbstractSet[int] = set()
        if names is not None:
            rest = names - first_set if first_set else names
            if len(ranked) < limit:
                ranked += nsmallest(limit - len(ranked), rest)
        count = len(first_set) + len(rest)
        if q.needles:
            skip = (first_set | rest) if first_set else rest
            numbers, complete = self._match_numbers(
                q, last, previous_numbers, max(limit - len(ranked), 1), skip
            )
            extra = numbers - skip if skip else numbers
            count += len(extra)
            if len(ranked) < limit:
                # The one whose number is exactly the query comes first among numbers.
                exact = index._lookup.get(index.rules.key(query), _AMBIGUOUS)
                if exact in extra:
                    ranked.append(exact)
                    extra = extra - {exact}
                ranked += nsmallest(limit - len(ranked), extra)
            # Only a complete set can be narrowed by the next keystroke.
            self._numbers = numbers if complete else None
            self.complete = complete
        self.count = count
        entries = index._entries
        return [entries[i] for i in ranked]

    def _match_names(self, q: _Query, last: _Query | None) -> set[int] | frozenset[int] | None:
        if not q.tokens:
            return None
        index = self.index
        previous = self._names
        if last is not None and previous is not None and _extends(q.tokens, last.tokens):
            # Only the words that changed can drop entries from the previous matches.
            todo = [t for t in q.tokens if t not in last.tokens]
            matches: set[int] | frozenset[int] = previous
        else:
            todo = sorted(q.tokens, key=index._token_cost)
            matches = index._token_ids(todo.pop(0))
        words = index._words
        for token in todo:
            if len(matches) * 4 < index._token_cost(token):
                # Checking a few entries beats gathering every word starting with `token`.
                matches = {i for i in matches if any(w.startswith(token) for w in words[i])}
            else:
                matches = matches & index._token_ids(token)
        return matches

    def _match_numbers(
        self,
        q: _Query,
        last: _Query | None,
        previous: set[int] | None,
        wanted: int,
        skip: AbstractSet[int],
    ) -> tuple[set[int], bool]:
        narrow = (
            last is not None
            and previous is not None
            and len(last.needles) == len(q.needles)
            and all(n.startswith(o) for n, o in zip(q.needles, last.needles, strict=True))
            and len(previous) < _NARROW_BELOW
        )
        return self.index._number_ids(q, previous if narrow else None, wanted, skip)


def _extends(new: tuple[str, ...], old: tuple[str, ...]) -> bool:
    """Whether every match of `new` is a match of `old` (each old word still required)."""
    if not old:
        return False
    return all(any(n.startswith(o) for n in new) for o in old)
