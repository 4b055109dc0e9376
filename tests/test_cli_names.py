"""`python -m bot names resolve|explain` run for real: the review's reproducers against a
list of people given as `id<TAB>name|alias` lines, and explanations of the shipped facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.cli import run_bot

PEOPLE = """\
# the wrong-person reproducers of perf.md §7, and two namesakes
dang-van-hau\tĐặng Văn Hậu|Dang Van Hau
ha-van-bao-phat\tHà Văn Bảo Phát
pham-gia-tai\tPhạm Gia Tài
ho-anh-hai\tHồ Anh Hải
hoang-thanh-hoa\tHoàng Thanh Hoa
ho-thanh-hoan\tHồ Thanh Hoàn

tran-thi-loan\tTrần Thị Loan|Tran Thi Loan
dang-thi-mai\tĐặng Thị Mai
do-thi-mai\tĐỗ Thị Mai
"""

# query, outcome, ids
TABLE = [
    ("dang van hax", "found", ["dang-van-hau"]),
    ("Nguyễn Bá Gia Tài", "nothing", []),
    ("Đặng Anh Hải", "nothing", []),
    ("hoang thanh hox", "found", ["hoang-thanh-hoa"]),
    ("Bà Trần Thị Loan", "found", ["tran-thi-loan"]),
    ("tran thi xoan", "found", ["tran-thi-loan"]),
    ("tran thi laon", "found", ["tran-thi-loan"]),
    ("thi mai", "ambiguous", ["dang-thi-mai", "do-thi-mai"]),
    ("Donald Trump", "nothing", []),
]


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def test_resolve_json_gives_one_object_per_query(people: Path) -> None:
    result = run_bot(
        "names", "resolve", "--names", str(people), *[q for q, _, _ in TABLE], "--json"
    )
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(TABLE)
    for answer, (query, outcome, ids) in zip(answers, TABLE, strict=True):
        assert answer["query"] == query
        assert answer["outcome"] == outcome, answer
        assert sorted(answer["ids"]) == ids, answer


def test_resolve_text_and_explain(people: Path) -> None:
    result = run_bot("names", "resolve", "--names", str(people), "Đặng Anh Hải", "thi mai")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    assert first.startswith("'Đặng Anh Hải': nothing")
    assert "ho-anh-hai" not in first.split("did you mean")[0]
    assert second.startswith("'thi mai': ambiguous") and "dang-thi-mai" in second

    explained = run_bot("names", "explain", "--names", str(people), "dang anh hai", "--json")
    assert explained.returncode == 0, explained.stderr
    found = json.loads(explained.stdout)
    assert found["readings"][0]["folded"] == "dang anh hai"
    assert found["readings"][0]["kept_as_name"] == ["dang"]  # Đặng, not Đảng: not stripped
    assert all(r["titles_stripped"] == [] for r in found["readings"])
    assert found["result"] == {"query": "dang anh hai", "outcome": "nothing", "ids": []}


def test_explain_shipped_facts_shows_titles_and_scores() -> None:
    result = run_bot("names", "explain", "Tổng Bí thư Tô Lââm")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "folded 'tong bi thu to laam'" in out
    assert "titles stripped: tong bi thu; words: to laam" in out
    assert "typo " in out and " 1  to-lam (Tô Lâm (To Lam))" in out
    assert out.rstrip().endswith("found to-lam (Tô Lâm (To Lam))")


def test_a_bad_names_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("p1 Tô Lâm\n", encoding="utf-8")
    result = run_bot("names", "resolve", "--names", str(bad), "to lam")
    assert result.returncode == 2
    assert "bad.tsv:1: expected id<TAB>name|alias" in result.stderr
    missing = run_bot("names", "resolve", "--names", str(tmp_path / "none.tsv"), "to lam")
    assert missing.returncode == 2 and "cannot read" in missing.stderr
