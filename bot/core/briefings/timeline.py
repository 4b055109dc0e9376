"""/timeline: dated events in order, cut into pages that are formatted only when shown."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.briefings.common import Context, nothing
from bot.core.briefings.events import event_line
from bot.core.briefings.model import Briefing, Line, Pages, Section
from bot.core.facts.models import Event

__all__ = ["EVENTS_PER_PAGE", "EVENTS_PER_SECTION", "timeline"]

EVENTS_PER_SECTION = 3
EVENTS_PER_PAGE = EVENTS_PER_SECTION
"""A page holds whole sections, so its headings are the same as on one long list; one
section a page keeps the first screen a glance (about 1,200 characters with summaries;
six events were 2,400, past the 1,500 a first screen may have)."""


async def timeline(ctx: Context, year: int | None = None) -> Briefing:
    """One page's worth of events is formatted with the answer; a longer timeline is paged
    by the core (`Pages`), so a reply formats the page it shows and no other (issue 14:
    formatting 50k events to show five cost 16 ms at p50 and 80+ ms at p99)."""
    events = ctx.view.events_in(year) if year else ctx.view.events
    title = ctx.t("timeline.title_year", year=year) if year else ctx.t("timeline.title")
    if not events:
        return nothing(ctx, str(year or ""), ctx.t("not_found.timeline"))
    summary = Line(ctx.count(len(events), "event"))
    if len(events) <= EVENTS_PER_PAGE:
        return _page(ctx, title, summary, events, 0)
    count = -(-len(events) // EVENTS_PER_PAGE)

    def page(number: int) -> Briefing:
        start = number * EVENTS_PER_PAGE
        chunk = events[start : start + EVENTS_PER_PAGE]
        return _page(Context(ctx.state, ctx.locale), title, summary, chunk, start)

    def everything() -> Briefing:
        return _page(Context(ctx.state, ctx.locale), title, summary, events, 0)

    return ctx.briefing(
        title=title, summary=summary, sources=(), pages=Pages(count, page, everything)
    )


def _page(ctx: Context, title: str, summary: Line, events: Sequence[Event], first: int) -> Briefing:
    """`events` (numbered from `first` + 1) in sections of `EVENTS_PER_SECTION`, citing
    sources numbered in `ctx`."""
    lines = [event_line(ctx, event, with_summary=True) for event in events]
    sections = tuple(
        Section(
            _numbers(ctx, first + i + 1, first + min(i + EVENTS_PER_SECTION, len(lines))),
            tuple(lines[i : i + EVENTS_PER_SECTION]),
        )
        for i in range(0, len(lines), EVENTS_PER_SECTION)
    )
    return ctx.briefing(title=title, summary=summary, sections=sections)


def _numbers(ctx: Context, first: int, last: int) -> str:
    """`Events 1–5`, and `Event 11` for one (never "Events 11–11")."""
    if first == last:
        return ctx.t("timeline.section_one", first=first)
    return ctx.t("timeline.section", first=first, last=last)
