"""Briefings as Discord embeds: within the limits however long, paged, nothing lost, nothing
that can ping or format, and links only where the facts know the URL."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pytest
from discord_support import SOURCES, field_lines, visible_text
from support.embeds import embed_problems

from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing, Line, Section, SourceRef
from bot.core.commands import answer
from bot.core.service import Attache
from bot.frontends.discord.payload import build_message
from bot.frontends.discord.render import escape, render_pages, shorten

ELLIPSIS = "…"
TOKEN = re.compile(r"S\d{3}L\d{2}\b")
"""Each synthetic line starts with its own token: section and line number."""


def token(text: str) -> str:
    match = TOKEN.match(text)
    assert match is not None, text
    return match[0]


def _sources(count: int) -> tuple[SourceRef, ...]:
    return tuple(
        SourceRef(
            f"s{n}",
            f"Outlet {n}, 5 Feb 2026",
            f"Headline number {n} " + "word " * 40,
            f"https://news.example.com/{n}" if n % 3 == 0 else None,
        )
        for n in range(1, count + 1)
    )


def _line_text(section: int, line: int) -> str:
    # Up to 6 * 180 characters of filler: some lines are longer than a field may be.
    return f"S{section:03d}L{line:02d} " + "lorem ipsum " * (line % 7 * 15)


def long_briefing(*, footer: str = "facts 0123abcdef", sources: int = 1000) -> Briefing:
    refs = _sources(sources)
    sections = tuple(
        Section(
            f"Section {s} " + "name " * 60,
            tuple(Line(_line_text(s, n), ((s * 50 + n) % len(refs) + 1,)) for n in range(50)),
        )
        for s in range(200)
    )
    return Briefing(
        title="T" + " title" * 1000,
        summary=Line("Summary " + "words of summary " * 300, (1,)),
        sections=sections,
        sources=refs,
        footer=footer,
    )


@pytest.fixture(scope="module")
def long_pages() -> list[Mapping[str, Any]]:
    return [embed.to_dict() for embed in render_pages(long_briefing(), "en")]


def test_a_huge_briefing_is_paged_within_discords_limits(
    long_pages: list[Mapping[str, Any]],
) -> None:
    assert len(long_pages) > 1
    for number, page in enumerate(long_pages, start=1):
        assert embed_problems(page) == [], f"page {number}"
    titles = {page["title"] for page in long_pages}
    assert len(titles) == 1, "every page keeps the title"
    (title,) = titles
    assert isinstance(title, str) and title.endswith(ELLIPSIS)
    description = long_pages[0]["description"]
    assert isinstance(description, str) and description.startswith("Summary words")
    assert ELLIPSIS in description, "a summary too long is cut (its citation stays after it)"


def test_a_huge_briefing_loses_no_line_and_keeps_their_order(
    long_pages: list[Mapping[str, Any]],
) -> None:
    briefing = long_briefing()
    texts = {token(line.text): line.text for s in briefing.sections for line in s.lines}
    rendered = [line for line in field_lines(long_pages) if TOKEN.match(line)]

    assert [token(line) for line in rendered] == list(texts), "every line, in order"
    for line in rendered:
        original = texts[token(line)]
        if len(original) > 1000:
            assert ELLIPSIS in line, "a line too long for a field is cut with an ellipsis"
        else:
            assert line.startswith(original.rstrip()), "a line that fits is shown whole"


def test_every_page_is_numbered_in_its_footer(long_pages: list[Mapping[str, Any]]) -> None:
    for number, page in enumerate(long_pages, start=1):
        footer = page["footer"]["text"]
        assert "facts 0123abcdef" in footer
        assert footer.endswith(f"{number}/{len(long_pages)}")


def test_each_page_lists_the_sources_its_lines_cite_once_each(
    long_pages: list[Mapping[str, Any]],
) -> None:
    """Numbers stay the same on every page; a page lists exactly what it cites, so a URL is
    never repeated within the message shown."""
    for page in long_pages:
        cited: set[int] = set()
        listed: list[int] = []
        texts = [page.get("description") or ""]
        for item in page.get("fields") or []:
            if item["name"].startswith("Sources"):
                listed += [int(m[1]) for m in re.finditer(r"^\[(\d+)\] ", item["value"], re.M)]
            else:
                texts.append(item["value"])
        for text in texts:
            for marks in re.findall(r"\[(\d+(?:, \d+)*)\]$", text, re.M):
                cited |= {int(n) for n in marks.split(", ")}
        assert listed == sorted(set(listed)), "each source once, in number order"
        assert set(listed) == cited


def test_long_title_summary_and_footer_together_still_fit() -> None:
    """A 5000-character title, summary and footer: each is cut to its own limit, but together
    they must also stay within the 6000 characters an embed may hold."""
    briefing = Briefing(
        title="T" + " title" * 1000,
        summary=Line("Summary " + "words " * 1000),
        sections=(Section("One", (Line("one line"),)),),
        footer="F" + " footer" * 1000,
    )
    for number, page in enumerate(render_pages(briefing, "en"), start=1):
        assert embed_problems(page.to_dict()) == [], f"page {number}"


def test_a_shortened_line_keeps_its_citation() -> None:
    """Every statement is tied to its source: cutting a long line must not cut its [n]."""
    refs = _sources(3)
    briefing = Briefing(
        title="Long lines",
        summary=Line("A summary " + "that goes on " * 500, (3,)),
        sections=(Section("Lines", (Line("A statement " + "that goes on " * 120, (3,)),)),),
        sources=refs,
    )
    pages = [page.to_dict() for page in render_pages(briefing, "en")]
    link = f"]({refs[2].url})"

    (statement,) = [line for line in field_lines(pages) if line.startswith("A statement")]
    assert ELLIPSIS in statement
    assert statement.endswith(" [3]"), "the citation of a shortened line is lost"
    summary = pages[0]["description"]
    assert isinstance(summary, str) and summary.endswith(" [3]"), "the summary's citation"
    for page in pages:
        if " [3]" in visible_text(page):
            assert link in visible_text(page), "the cited source is listed, with its link"


NASTY = (
    "@everyone @here <@123456789012345678> <@&223456789012345678> **bold** __u__ "
    "`code` ||spoiler|| [click](https://evil.example/) # heading"
)


def _assert_harmless(text: str) -> None:
    assert not re.search(r"@(everyone|here)", text), "a mass mention survived"
    assert not re.search(r"<@&?\d{17,20}>", text), "a user or role mention survived"
    assert not re.search(r"(?<!\\)\*\*", text), "bold markdown survived"
    assert not re.search(r"(?<!\\)__", text), "underline markdown survived"
    assert not re.search(r"(?<!\\)\|\|", text), "spoiler markdown survived"
    assert not re.search(r"(?<!\\)\[click\]\(", text), "a masked link survived"


def test_markdown_and_mentions_in_fact_text_are_escaped() -> None:
    briefing = Briefing(
        title=NASTY,
        summary=Line(NASTY),
        sections=(Section(NASTY, (Line(NASTY, (1,)),)),),
        sources=(SourceRef("s", NASTY, NASTY, None),),
        further_reading=(SourceRef("r", NASTY, NASTY, "https://news.example.com/r"),),
    )
    message = build_message(briefing, "en")
    payload = message.to_payload()

    assert payload["allowed_mentions"] == {"parse": []}
    for embed in payload["embeds"]:
        text = visible_text(embed).replace((embed.get("footer") or {}).get("text", ""), "")
        _assert_harmless(text)
        assert "\u200b" in text, "mentions are broken with a zero-width space"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("leader", {"name": NASTY[:190]}),
        ("search", {"text": NASTY[:190]}),
        ("visit", {"query": "@everyone"}),
        ("sources", {"source": "<@123456789012345678>"}),
        ("nope" + NASTY[:30], {}),
    ],
)
@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_user_text_echoed_back_is_escaped(
    attache: Attache, command: str, options: dict[str, str], locale: Locale
) -> None:
    briefing = await answer(attache, command, options, locale)
    payload = build_message(briefing, locale).to_payload()

    assert payload["allowed_mentions"] == {"parse": []}
    for embed in payload["embeds"]:
        assert embed_problems(embed) == []
        _assert_harmless(visible_text(embed))


def test_links_only_for_sources_with_a_url() -> None:
    linked = SourceRef("a", "Linked Paper, 5 Feb 2026", "Has a link", "https://a.example/1")
    unlinked = SourceRef("b", "Unlinked Paper, 2025", "Has none", None)
    briefing = Briefing(
        title="Links",
        sections=(Section("Lines", (Line("first", (1,)), Line("second", (2,)))),),
        sources=(linked, unlinked),
    )
    lines = field_lines([page.to_dict() for page in render_pages(briefing, "en")])

    (first,) = [line for line in lines if line.startswith("first")]
    (second,) = [line for line in lines if line.startswith("second")]
    assert first == "first [1]", "a marker is plain: the link is in the source list, once"
    assert second == "second [2]"
    (listed_a,) = [line for line in lines if "Linked Paper" in line and "Unlinked" not in line]
    (listed_b,) = [line for line in lines if "Unlinked Paper" in line]
    assert listed_a == "[1] [Has a link](https://a.example/1) · Linked Paper, 5 Feb 2026"
    assert "](" not in listed_b and "http" not in listed_b
    assert "no link known" in listed_b


async def test_the_shipped_sources_are_linked_only_where_the_facts_give_a_url(
    attache: Attache,
) -> None:
    briefing = await answer(attache, "sources", {}, "en")
    pages = [page.to_dict() for page in render_pages(briefing, "en")]
    text = "\n".join(visible_text(page) for page in pages)

    links = set(re.findall(r"\]\((https?://[^)\s]+)\)", text))
    assert links == {source["url"] for source in SOURCES if source.get("url")}


@pytest.mark.parametrize("limit", [5, 12, 20, 57, 100, 256, 1024])
def test_shorten_cuts_at_a_word_with_an_ellipsis(limit: int) -> None:
    text = "the quick brown fox jumps over the lazy dog " * 40
    shortened = shorten(text, limit)

    assert len(shortened) <= limit
    assert shortened.endswith(ELLIPSIS)
    kept = shortened.removesuffix(ELLIPSIS)
    assert text.startswith(kept)
    assert text[len(kept)] == " ", "cut between words, not inside one"
    assert len(shortened) > limit // 2, "not much shorter than it may be"


def test_shorten_leaves_short_text_alone_and_cuts_a_long_word_hard() -> None:
    assert shorten("exactly eleven", 14) == "exactly eleven"
    assert shorten("", 5) == ""
    assert shorten("x" * 50, 10) == "x" * 9 + ELLIPSIS


def test_shorten_with_a_pointer_to_more_stays_within_the_limit() -> None:
    text = " ".join(f"word{n}" for n in range(200))
    for limit in (20, 50, 100, 256, 1024):
        shortened = shorten(text, limit, "see page 2")
        assert len(shortened) <= limit
        assert shortened.endswith("… see page 2")
        assert text.startswith(shortened.removesuffix("… see page 2"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@everyone", "@\u200beveryone"),
        ("@here", "@\u200bhere"),
        ("**x**", "\\*\\*x\\*\\*"),
        ("a_b", "a\\_b"),
        ("plain words", "plain words"),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected
