"""Folding text for search: case- and accent-insensitive, with Turkish rules.

"Işık", "IŞIK", "isik" and "ışık" all fold to "isik"; "İstanbul" to "istanbul";
"Çağrı" to "cagri"; "José" to "jose". Used by every search box (phonebook, calls,
history), so the same query finds the same people everywhere.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold"]

# Turkish letters with no decomposition (ı) or whose case pairs differ from the default
# (I/ı, İ/i): mapped before the general accent stripping.
_TURKISH = str.maketrans({"İ": "i", "I": "i", "ı": "i", "ß": "ss", "ø": "o", "Ø": "o", "ł": "l"})


@lru_cache(maxsize=4096)
def _fold_word(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_TURKISH))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


def fold(text: str) -> str:
    """`text` lower-cased with Turkish rules and without accents (for matching only)."""
    if text.isascii():
        return text.lower()
    return _fold_word(text)
