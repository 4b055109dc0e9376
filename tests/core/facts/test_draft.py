"""`facts draft`: an article (written for this test) becomes a stored source and a draft whose
quotes are verbatim, whose people and dates are found, and which loads only once reviewed."""

from __future__ import annotations

from pathlib import Path

from facts_fixture import REL, write_root
from support.cli import run_bot

from bot.core.facts.draft import DraftSource, sentences, write_draft
from bot.core.facts.loader import load_facts
from bot.core.facts.validate import fold_quote

ARTICLE = """\
CAPITAL CITY — General Secretary To Lam met Bo Ba in Capital City on March 10, 2026, and the
two discussed trade.

Bo Ba said Alpha and Beta would hold more talks in April 2026, according to Envoy Zed Quill.
The dinner was on March 9.
"""
SOURCE = DraftSource("src-draft", "Example Wire", "To Lam meets Bo Ba", "2026-03-10")


def drafted(tmp_path: Path) -> tuple[Path, Path]:
    root = write_root(tmp_path)
    factset = load_facts(root).factset
    assert factset is not None
    _, draft = write_draft(root, REL, ARTICLE, SOURCE, factset)
    return root, draft


def test_the_article_is_stored_as_a_source(tmp_path: Path) -> None:
    root, _ = drafted(tmp_path)
    sources = root / REL / "sources"
    assert (sources / "src-draft.txt").read_text(encoding="utf-8") == ARTICLE
    assert 'headline = "To Lam meets Bo Ba"' in (sources / "src-draft.toml").read_text("utf-8")


def test_quotes_are_verbatim_and_name_the_people_found(tmp_path: Path) -> None:
    _, draft = drafted(tmp_path)
    text = draft.read_text(encoding="utf-8")
    quotes = [line[len('quote = "') : -1] for line in text.splitlines() if line.startswith("quote")]
    assert len(quotes) == 2
    folded = fold_quote(ARTICLE)
    assert all(fold_quote(q) in folded for q in quotes)
    abouts = [line for line in text.splitlines() if line.startswith("about")]
    assert all(name in abouts[0] for name in ('"to-lam"', '"bo-ba"', '"capital"')), abouts
    assert "# date: 'March 10, 2026' -> '2026-03-10'" in text
    assert "# date: 'April 2026' -> '2026-04'" in text
    assert "# date: 'on March 9' -> '--03-09'" in text
    assert "# unknown name (a person or place to add?): 'Envoy Zed Quill'" in text
    assert "# pillar keywords found: ['trade']" in text
    assert "# event? kind 'meeting'" in text


def test_a_draft_loads_only_once_reviewed(tmp_path: Path) -> None:
    root, draft = drafted(tmp_path)
    before = load_facts(root)
    assert before.problems == [] and before.factset is not None
    assert not any(s.startswith("draft-") for s in before.factset.statements)
    assert before.notes == (f"{REL}/drafts/src-draft.toml: a draft, not loaded; rewrite its "
                            "texts, then set reviewed = true",)  # fmt: skip

    draft.write_text(
        draft.read_text(encoding="utf-8").replace("reviewed = false", "reviewed = true"), "utf-8"
    )
    after = load_facts(root)
    assert after.problems == [], [str(p) for p in after.problems]
    assert after.factset is not None
    loaded = {f"{REL}/draft-src-draft-1", f"{REL}/draft-src-draft-2"}
    assert loaded <= set(after.factset.statements)
    assert after.notes == ()


def test_sentences_keep_the_words_as_written() -> None:
    assert sentences("One two three four five six. Seven eight nine ten eleven twelve!") == [
        "One two three four five six.",
        "Seven eight nine ten eleven twelve!",
    ]


def test_the_cli_stores_and_drafts(tmp_path: Path) -> None:
    root = write_root(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = run_bot(
        "facts", "draft", str(article), "--source-id", "src-draft", "--outlet", "Example Wire",
        "--headline", "To Lam meets Bo Ba", "--published", "2026-03-10", "--dir", str(root),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (root / REL / "drafts" / "src-draft.toml").is_file()
    check = run_bot("facts", "check", str(root))
    assert check.returncode == 0 and "a draft, not loaded" in check.stderr
