"""Lines and briefings about events, shared by /visit, /leader and /timeline."""

from __future__ import annotations

from bot.core.briefings.common import Context, source_ref
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import FactStatement
from bot.core.facts.models import Event

__all__ = ["conflict_section", "event_briefing", "event_line", "event_sort_key"]


def event_sort_key(event: Event) -> tuple[int, str]:
    return FuzzyDate.parse(event.date).sort_key()


def event_line(ctx: Context, event: Event, *, with_summary: bool = False) -> Line:
    """`26–27 Jan 2026 · Thongloun Sisoulith's state visit to Vietnam [2]`."""
    when = FuzzyDate.parse(event.date).display(ctx.locale, short=True)
    text = f"{when} · {ctx.name(event.id)}"
    if with_summary:
        text += f": {event.summary.text}"
    return Line(text, (ctx.citations.cite(event.summary.source),))


def conflict_section(ctx: Context, statements: list[FactStatement]) -> Section | None:
    """Where sources disagree, both sides are shown, each with its own source."""
    factset = ctx.state.factset
    lines: list[Line] = []
    seen: set[str] = set()
    for statement in statements:
        for other_id in statement.conflicts_with:
            other = factset.statements.get(other_id)
            if other is None or statement.id in seen:
                continue
            seen.update({statement.id, other.id})
            lines.append(ctx.citations.line(statement, "• "))
            lines.append(ctx.citations.line(other, "  ↔ "))
    return Section(ctx.label("disagree"), tuple(lines)) if lines else None


async def event_briefing(ctx: Context, event: Event) -> Briefing:
    factset = ctx.state.factset
    summary = ctx.citations.line(factset.statements[f"{event.id}.summary"])
    sections: list[Section] = [
        Section(ctx.label("date"), (Line(FuzzyDate.parse(event.date).display(ctx.locale)),), True)
    ]
    if event.place:
        sections.append(Section(ctx.label("where"), (Line(ctx.name(event.place)),), True))
    if event.host or event.guest:
        who = [
            f"{ctx.label(role)}: {ctx.name(ref)}"
            for role, ref in (("host", event.host), ("guest", event.guest))
            if ref
        ]
        sections.append(Section(ctx.label("who"), tuple(Line(w) for w in who), True))
    if event.participants:
        names = ", ".join(ctx.name(p) for p in event.participants)
        sections.append(Section(ctx.label("participants"), (Line(names),)))
    about = await ctx.store.statements_about(event.id)
    outcomes = [s for s in about if s.role == "outcome"]
    said = [s for s in about if s.role == "statement"]
    if outcomes:
        lines = tuple(ctx.citations.line(s, "• ") for s in outcomes)
        sections.append(Section(ctx.label("outcomes"), lines))
    if said:
        sections.append(Section(ctx.label("why"), tuple(ctx.citations.line(s, "• ") for s in said)))
    if event.pillars:
        names = ", ".join(ctx.name(p) for p in event.pillars)
        sections.append(Section(ctx.label("pillars"), (Line(names),)))
    if event.part_of and event.part_of in factset.entities:
        parent = factset.entities[event.part_of]
        if isinstance(parent, Event):
            sections.append(Section(ctx.label("part_of"), (event_line(ctx, parent),)))
    parts = sorted(
        (e for e in factset.of_kind("event") if isinstance(e, Event) and e.part_of == event.id),
        key=event_sort_key,
    )
    if parts:
        lines = tuple(event_line(ctx, part) for part in parts)
        sections.append(Section(ctx.label("events"), lines))
    conflicts = conflict_section(ctx, about)
    if conflicts:
        sections.append(conflicts)
    readings = await ctx.store.further_reading(event.id)
    return ctx.briefing(
        title=ctx.name(event.id),
        summary=summary,
        sections=tuple(sections),
        further_reading=tuple(source_ref(r, ctx.locale) for r in readings),
    )
