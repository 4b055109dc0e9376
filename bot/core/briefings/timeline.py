"""/timeline: dated events in order; front ends page it when it is long."""

from __future__ import annotations

from bot.core.briefings.common import Context, nothing
from bot.core.briefings.events import event_line
from bot.core.briefings.model import Briefing, Line, Section

__all__ = ["EVENTS_PER_SECTION", "timeline"]

EVENTS_PER_SECTION = 3


async def timeline(ctx: Context, year: int | None = None) -> Briefing:
    events = ctx.view.events_in(year) if year else ctx.view.events
    title = ctx.t("timeline.title_year", year=year) if year else ctx.t("timeline.title")
    if not events:
        return nothing(ctx, str(year or ""), ctx.t("not_found.timeline"))
    lines = [event_line(ctx, event, with_summary=True) for event in events]
    sections = tuple(
        Section(_numbers(ctx, i + 1, min(i + EVENTS_PER_SECTION, len(lines))), tuple(chunk))
        for i in range(0, len(lines), EVENTS_PER_SECTION)
        if (chunk := lines[i : i + EVENTS_PER_SECTION])
    )
    return ctx.briefing(
        title=title, summary=Line(ctx.count(len(events), "event")), sections=sections
    )


def _numbers(ctx: Context, first: int, last: int) -> str:
    """`Events 1–5`, and `Event 11` for one (never "Events 11–11")."""
    if first == last:
        return ctx.t("timeline.section_one", first=first)
    return ctx.t("timeline.section", first=first, last=last)
