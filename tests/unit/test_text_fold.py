"""Search folding: the same query finds Turkish and accented names."""

import pytest

from desktop.services.text_fold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Işık", "isik"),
        ("IŞIK", "isik"),
        ("ışık", "isik"),
        ("İstanbul", "istanbul"),
        ("ISTANBUL", "istanbul"),
        ("Çağrı", "cagri"),
        ("Şükrü", "sukru"),
        ("GÜNDÜZ", "gunduz"),
        ("Öztürk", "ozturk"),
        ("José", "jose"),
        ("Straße", "strasse"),
        ("Doğan Yıldız", "dogan yildiz"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_matches_what_a_user_types(text: str, folded: str) -> None:
    assert fold(text) == folded
