"""The shipped Turkish translation: complete, placeholders intact, nothing left untranslated."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import PySide6
import pytest

ROOT = Path(__file__).resolve().parents[2]
TURKISH = ROOT / "resources" / "translations" / "iexpbx_tr.ts"
LUPDATE = Path(PySide6.__file__).parent / ("lupdate.exe" if sys.platform == "win32" else "lupdate")
# Qt's %1 / %L1 / %n, and the {name} / {0} fields of str.format.
PLACEHOLDER = re.compile(r"%L?\d+|%n|\{[^{}]*\}")
ACCELERATOR = re.compile(r"&(?!&)")

Key = tuple[str, str, str]  # context, source, disambiguation


def messages(path: Path) -> dict[Key, ET.Element]:
    root = ET.parse(path).getroot()
    found: dict[Key, ET.Element] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            found[key] = message
    return found


def translations(message: ET.Element) -> list[str]:
    """The translated text, once per plural form for a %n message."""
    element = message.find("translation")
    assert element is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in element.findall("numerusform")]
    return [element.text or ""]


SHIPPED = messages(TURKISH)


def test_the_turkish_file_is_for_turkish_from_english() -> None:
    root = ET.parse(TURKISH).getroot()
    assert (root.get("language"), root.get("sourcelanguage")) == ("tr", "en")
    assert len(SHIPPED) > 100


@pytest.mark.parametrize("key", sorted(SHIPPED), ids=lambda key: f"{key[0]}:{key[1][:40]}")
def test_every_message_is_translated_with_its_placeholders(key: Key) -> None:
    message = SHIPPED[key]
    source = key[1]
    element = message.find("translation")
    assert element is not None
    assert element.get("type") is None, f"marked {element.get('type')}"
    texts = translations(message)
    assert texts and all(text.strip() for text in texts)
    wanted = Counter(PLACEHOLDER.findall(source))
    for text in texts:
        # A missing {x} loses information; an unknown one makes str.format raise.
        assert Counter(PLACEHOLDER.findall(text)) == wanted, text
        if ACCELERATOR.search(source):
            assert len(ACCELERATOR.findall(text)) == 1, f"one keyboard shortcut in {text!r}"


def test_no_user_string_in_the_sources_is_missing_from_the_turkish_file(tmp_path: Path) -> None:
    if not LUPDATE.exists():
        pytest.skip(f"Qt's lupdate is not installed at {LUPDATE} (it ships in PySide6-Essentials)")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))
    current = tmp_path / "current_tr.ts"
    done = subprocess.run(
        [str(LUPDATE), "-silent", "-no-obsolete", "-locations", "none",
         "-source-language", "en", "-target-language", "tr", *sources, "-ts", str(current)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    in_sources = messages(current)
    assert len(in_sources) > 100
    missing = sorted(set(in_sources) - set(SHIPPED))
    assert not missing, (
        "Strings without a Turkish translation (see resources/translations/README.md):\n"
        + "\n".join(f"  [{context}] {source!r}" for context, source, _ in missing)
    )


# Turkish words a keyboard without Turkish letters gets wrong ("Ornek", "Sifre", "Cagri").
TURKISH_STEMS = [
    "çağrı",
    "şifre",
    "gönder",
    "örnek",
    "özel",
    "güncel",
    "değiş",
    "bağlan",
    "düğme",
    "göster",
    "görün",
    "seçin",
    "seçil",
    "yükle",
    "geçmiş",
    "başlat",
    "giriş",
    "doğru",
    "yanlış",
    "yanıt",
    "uyarı",
    "küçük",
    "büyük",
    "düşük",
    "yüksek",
    "değil",
    "müşteri",
    "ülke",
    "klasör",
    "çalış",
    "oluştur",
    "kullanıcı",
    "sıfır",
    "görüntü",
    "arşiv",
    "yönetici",
]
_TO_ASCII = str.maketrans("çğıöşü", "cgiosu")


def _turkish_lower(word: str) -> str:
    return word.replace("I", "ı").replace("İ", "i").lower()


def test_turkish_words_keep_their_turkish_letters() -> None:
    wrong = set()
    for message in SHIPPED.values():
        for text in translations(message):
            for word in re.findall(r"[^\W\d_]+", text.replace("&", "")):
                lower = _turkish_lower(word)
                plain = lower.translate(_TO_ASCII)
                for stem in TURKISH_STEMS:
                    at = plain.find(stem.translate(_TO_ASCII))
                    if at >= 0 and lower[at : at + len(stem)] != stem:
                        wrong.add(f"{word} (→ {stem})")
    assert not wrong, sorted(wrong)


def test_the_examples_hint_is_written_in_turkish_letters() -> None:
    key = ("NumbersPage", "The examples show what is sent when {number} is dialled.", "")
    assert translations(SHIPPED[key]) == ["Örnekler, {number} arandığında gönderileni gösterir."]
