"""Normalisation: folding, keys, Lao romanisation, honorific stripping, the honorifics file."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from anyascii import anyascii
from rapidfuzz import fuzz

from bot.core.matching import Honorifics, HonorificsError, load_honorifics
from bot.core.matching.index import TOKEN_MATCH_CUTOFF
from bot.core.matching.normalize import (
    fold,
    honorific_stages,
    key_lines,
    match_keys,
    match_keys_many,
    romanise,
    tokenise,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Tô Lâm", "to lam"),
        ("Phạm Minh Chính", "pham minh chinh"),
        ("Nguyễn Minh Vũ", "nguyen minh vu"),
        ("Đảng Cộng sản Việt Nam", "dang cong san viet nam"),
        ("ĐẠI SỨ", "dai su"),
        ("Thủ tướng", "thu tuong"),
        ("  Tổng   Bí\tthư \n", "tong bi thu"),
        ("Tô-Lâm", "to-lam"),  # fold keeps punctuation; match keys drop it
        ("Straße", "strasse"),
        ("ທອງລຸນ ສີສຸລິດ", "ທອງລຸນ ສີສຸລິດ"),  # Lao vowel signs are not diacritics
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_is_the_same_for_every_normalisation_form() -> None:
    for text in ("Tô Lâm", "Nguyễn Minh Tâm", "Thứ trưởng Bộ Ngoại giao", "Đổi mới"):
        forms = {fold(unicodedata.normalize(form, text)) for form in ("NFC", "NFD", "NFKC")}
        assert len(forms) == 1


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Tô Lâm", ("to lam",)),
        ("To-Lam", ("to lam",)),
        ("Quốc phòng - an ninh", ("quoc phong an ninh",)),
        ("people-to-people", ("people to people",)),
        (
            "Culture, education and people-to-people exchanges",
            ("culture education and people to people exchanges",),
        ),
        ("To Lam's State visit", ("to lam state visit",)),  # possessive 's goes
        ("Lao People’s Revolutionary Party", ("lao people revolutionary party",)),
        ("Doi Moi (renewal)", ("doi moi renewal",)),
        ("ທອງລຸນ ສີສຸລິດ", ("thngloun sisoulid", "ທອງລຸນ ສີສຸລິດ")),
        ("ວຽງຈັນ", ("vyngchan", "ວຽງຈັນ")),
        ("Ｔｏ Ｌａｍ", ("to lam", "ｔｏ ｌａｍ")),  # fullwidth: romanised key is plain
        ("!!! --- ...", ()),
        ("", ()),
    ],
)
def test_match_keys(text: str, keys: tuple[str, ...]) -> None:
    assert match_keys(text) == keys


def test_tokenise_uses_the_romanised_key() -> None:
    assert tokenise("Tổng Bí thư, Tô Lâm") == ["tong", "bi", "thu", "to", "lam"]
    assert tokenise("ທອງລຸນ") == ["thngloun"]
    assert tokenise("...") == []


# What anyascii actually produces for the Lao names in the facts. It is a letter-by-letter
# transliteration, not the customary romanisation (Thongloun Sisoulith, Vientiane), so the
# native form is indexed as well, and typo tolerance bridges the gap for Latin queries.
@pytest.mark.parametrize(
    ("lao", "romanised"),
    [
        ("ທອງລຸນ ສີສຸລິດ", "thngloun sisoulid"),
        ("ທອງລຸນ", "thngloun"),
        ("ວຽງຈັນ", "vyngchan"),
        ("ລາວ", "lav"),
        ("ຫວຽດນາມ", "hvydnam"),
        ("ຄຳເພົາ", "khamephoa"),
        ("ທ່ານ", "than"),
    ],
)
def test_anyascii_on_lao(lao: str, romanised: str) -> None:
    assert anyascii(lao) == romanised
    assert romanise(lao) == romanised


def test_lao_romanisation_is_near_the_customary_spelling() -> None:
    assert fuzz.ratio(romanise("ທອງລຸນ"), "thongloun") >= TOKEN_MATCH_CUTOFF
    assert fuzz.ratio(romanise("ວຽງຈັນ"), "viangchan") >= TOKEN_MATCH_CUTOFF


def test_key_lines_agree_with_match_keys() -> None:
    texts = [
        "Tô Lâm", "To Lam's visit", "ທອງລຸນ ສີສຸລິດ", "", " - ", "a\tb", "Đ", "x\ny",
        "Lao People’s Revolutionary Party", "İstanbul", "Straße",
    ]  # fmt: skip
    assert match_keys_many(texts) == [match_keys(text) for text in texts]
    keys, extra = key_lines(["Tô Lâm", "ວຽງຈັນ"])
    assert keys == ["to lam", "vyngchan"]
    assert extra == {1: ("vyngchan", "ວຽງຈັນ")}
    assert key_lines([]) == ([], {})


@pytest.fixture(scope="module")
def shipped_honorifics() -> Honorifics:
    return load_honorifics()


def stages(text: str, honorifics: Honorifics) -> list[str]:
    return [" ".join(stage) for stage in honorific_stages(tokenise(text), honorifics.units)]


def test_honorific_stages(shipped_honorifics: Honorifics) -> None:
    h = shipped_honorifics
    assert stages("Tổng Bí thư Tô Lâm", h) == ["tong bi thu to lam", "to lam", "lam"]
    assert stages("PM Chinh", h) == ["pm chinh", "chinh"]
    assert stages("Lao President Thongloun", h)[-1] == "thongloun"
    assert stages("General Secretary and President Thongloun", h)[-1] == "thongloun"
    assert stages("Đại sứ Việt Nam tại Lào Nguyễn Minh Tâm", h)[-1].endswith("minh tam")
    assert "nguyen minh tam" in stages("Đại sứ Việt Nam tại Lào Nguyễn Minh Tâm", h)
    # never stripped to nothing; modifiers need a title after them
    assert stages("President", h) == ["president"]
    assert stages("Lào", h) == ["lao"]
    assert stages("Nguyễn Minh Tâm", h) == ["nguyen minh tam"]
    assert stages("nguyên Phó Thủ tướng Somsavath", h)[-1] == "somsavath"
    # connectors only after something stripped: "Tô" is a family name, not "to"
    assert stages("Tô Lâm", h) == ["to lam"]
    assert stages("", h) == []


def test_honorifics_file_lists_the_titles_of_the_issue(shipped_honorifics: Honorifics) -> None:
    titles = {fold(title) for title in shipped_honorifics.titles}
    for title in (
        "General Secretary", "Party chief", "President", "Prime Minister", "PM", "Ambassador",
        "Deputy Minister", "Mr", "Ms", "Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Đại sứ",
        "Thứ trưởng", "ông", "bà", "đồng chí",
    ):  # fmt: skip
        assert fold(title) in titles, title


def test_load_honorifics_rejects_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "honorifics.toml"
    path.write_text('[titles]\nen = ["Mr", 3]\n', encoding="utf-8")
    with pytest.raises(HonorificsError, match="non-empty strings"):
        load_honorifics(path)
    path.write_text('[ranks]\nen = ["Mr"]\n', encoding="utf-8")
    with pytest.raises(HonorificsError, match="unknown section"):
        load_honorifics(path)
    path.write_text('titles = "Mr"\n', encoding="utf-8")
    with pytest.raises(HonorificsError, match="must be a table"):
        load_honorifics(path)
    path.write_text("[titles\n", encoding="utf-8")
    with pytest.raises(HonorificsError):
        load_honorifics(path)
    with pytest.raises(HonorificsError):
        load_honorifics(tmp_path / "missing.toml")


def test_empty_honorifics_strip_nothing() -> None:
    assert honorific_stages(["pm", "chinh"], Honorifics().units) == [("pm", "chinh")]
