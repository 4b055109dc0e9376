"""/timeline formats only the page a reader is shown (issue 14: at 50k events every event
was formatted and every page drawn to show page 1). Proved by counting the events formatted,
never by timing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from briefings_support import section_texts

from bot.core.briefings import timeline
from bot.core.briefings.common import claim_text
from bot.core.briefings.labels import Locale
from bot.core.briefings.model import page_count, page_of, whole
from bot.core.commands import Invocation, answer
from bot.core.facts.models import Event
from bot.core.service import Attache
from bot.frontends.discord.payload import build_message
from bot.frontends.terminal.render import render_text

pytestmark = pytest.mark.asyncio(loop_scope="module")

PER_PAGE = 2
"""The shipped 11 events make six pages of two."""


@pytest.fixture
def formatted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the events the timeline formats, in order."""
    seen: list[str] = []
    real = timeline.event_line

    def counting(ctx: Any, event: Event, **options: Any) -> Any:
        seen.append(event.id)
        return real(ctx, event, **options)

    monkeypatch.setattr(timeline, "event_line", counting)
    monkeypatch.setattr(timeline, "EVENTS_PER_PAGE", PER_PAGE)
    yield seen


async def test_the_answer_formats_no_event_until_a_page_is_shown(
    attache: Attache, formatted: list[str]
) -> None:
    briefing = await answer(attache, "timeline", {}, "en")
    events = attache.state.view.events

    assert formatted == []
    assert page_count(briefing) == -(-len(events) // PER_PAGE) > 3
    assert briefing.sections == ()


@pytest.mark.parametrize("locale", ["en", "vi"])
async def test_a_discord_reply_formats_only_the_page_it_shows(
    attache: Attache, formatted: list[str], locale: Locale
) -> None:
    briefing = await answer(attache, "timeline", {}, locale)
    events = attache.state.view.events
    count = page_count(briefing)

    for page in (0, 3, count - 1):
        formatted.clear()
        message = build_message(briefing, locale, Invocation("timeline", {}), page=page)

        shown = [e.id for e in events[page * PER_PAGE : (page + 1) * PER_PAGE]]
        assert formatted == shown, f"page {page + 1}"
        assert (message.page, message.pages) == (page, count)
        assert message.first.footer.text is not None
        assert message.first.footer.text.endswith(f"{page + 1}/{count}")
        drawn = "\n".join(f.value or "" for f in message.first.fields).replace("\\", "")
        for event in events[page * PER_PAGE : (page + 1) * PER_PAGE]:
            assert claim_text(event.summary, locale)[:30] in drawn, event.id


async def test_the_pages_together_are_the_whole_timeline(
    attache: Attache, formatted: list[str]
) -> None:
    """Nothing is lost by paging: page by page, every event once, in the same order, with
    the sources each page cites; the terminal (nothing to tap) still prints every event."""
    briefing = await answer(attache, "timeline", {}, "en")
    pages = [page_of(briefing, n) for n in range(page_count(briefing))]
    everything = whole(briefing)

    assert [t for p in pages for t in section_texts(p)] == section_texts(everything)
    for page in pages:
        cited = {n for s in page.sections for line in s.lines for n in line.cites}
        assert cited == set(range(1, len(page.sources) + 1))
    formatted.clear()
    text = render_text(briefing, "en")
    assert formatted == [e.id for e in attache.state.view.events]
    assert all(line in text for line in section_texts(everything))


async def test_a_page_past_the_end_shows_the_last_page(
    attache: Attache, formatted: list[str]
) -> None:
    briefing = await answer(attache, "timeline", {}, "en")
    last = page_count(briefing) - 1

    message = build_message(briefing, "en", Invocation("timeline", {}), page=99)

    assert message.page == last
    assert formatted == [e.id for e in attache.state.view.events[last * PER_PAGE :]]
