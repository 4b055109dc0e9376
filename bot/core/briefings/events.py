"""Lines and briefings about events, shared by /visit, /leader and /timeline."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.briefings.common import Context, carried_on, claim_text, related, source_ref
from bot.core.briefings.model import MAX_RELATED, Briefing, Line, Related, Section
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.factset import FactStatement
from bot.core.facts.models import Event, Person
from bot.core.facts.validate import fold_quote
from bot.core.i18n import tn

__all__ = [
    "conflict_section", "distinct", "event_briefing", "event_line", "event_sort_key",
    "events_related",
]  # fmt: skip

KEY_OUTCOMES = 3
"""Outcomes on the first screen: what was agreed is what a reader asks first."""
KEY_REASONS = 2
"""Lines of "also reported" on the first screen (one more when nothing was agreed)."""


def event_sort_key(event: Event) -> tuple[int, str]:
    return FuzzyDate.parse(event.date).sort_key()


def distinct(statements: Sequence[FactStatement]) -> list[FactStatement]:
    """Each claim once: a later statement citing the same source for a passage that holds,
    or is held in, an earlier one's quote says the same thing again (an event's outcome and
    a free statement about the event from one sentence; facts-audit L11)."""
    kept: list[FactStatement] = []
    for statement in statements:
        quote = fold_quote(statement.quote)
        if not any(
            other.source == statement.source
            and ((held := fold_quote(other.quote)) in quote or quote in held)
            for other in kept
        ):
            kept.append(statement)
    return kept


def event_line(ctx: Context, event: Event, *, with_summary: bool = False) -> Line:
    """`26–27 Jan 2026 · Thongloun Sisoulith's state visit to Vietnam [2]`."""
    when = FuzzyDate.parse(event.date).display(ctx.locale, short=True)
    text = f"{when} · {ctx.name(event.id)}"
    if with_summary:
        text += f": {claim_text(event.summary, ctx.locale)}"
    return Line(text, (ctx.citations.cite(event.summary.source),))


def conflict_section(ctx: Context, statements: Sequence[FactStatement]) -> Section | None:
    """Where sources disagree, both sides are shown, each with its own source.

    The first screen says that they disagree and on how many points; both sides, in full,
    are one tap away, on the next page (a disagreement cut short would misstate one side)."""
    factset = ctx.state.factset
    lines: list[Line] = []
    pairs: set[frozenset[str]] = set()
    for statement in statements:
        # Every statement it conflicts with, not only the first (facts-audit M7).
        others = [
            other
            for other_id in statement.conflicts_with
            if (other := factset.statements.get(other_id)) is not None
            and frozenset({statement.id, other.id}) not in pairs
        ]
        if not others:
            continue
        lines.append(ctx.citations.line(statement, "• "))
        for other in others:
            pairs.add(frozenset({statement.id, other.id}))
            lines.append(ctx.citations.line(other, "  ↔ "))
    if not lines:
        return None
    note = tn("briefing.disagree", len(pairs), ctx.locale)
    return Section(ctx.label("disagree"), (Line(note), *lines), first_screen=1)


def events_related(ctx: Context, events: list[Event]) -> tuple[Related, ...]:
    """Buttons for events, newest first: `/visit query:<id>`."""
    newest = sorted(events, key=event_sort_key, reverse=True)[:MAX_RELATED]
    return tuple(related(ctx.name(e.id), "visit", "query", e.id) for e in newest)


async def event_briefing(ctx: Context, event: Event) -> Briefing:
    """When, where and who at a glance; then what was agreed, what else was reported and where the
    sources disagree; pillars, parts and further reading one tap away."""
    factset = ctx.state.factset
    summary = ctx.citations.line(factset.statements[f"{event.id}.summary"])
    sections: list[Section] = [Section(ctx.label("date"), _date_lines(ctx, event), True)]
    if event.place:
        sections.append(Section(ctx.label("where"), (Line(ctx.name(event.place)),), True))
    if event.host or event.guest:
        who = [
            f"{ctx.label(role)}: {ctx.name(ref)}"
            for role, ref in (("host", event.host), ("guest", event.guest))
            if ref
        ]
        sections.append(Section(ctx.label("who"), tuple(Line(w) for w in who), True))
    others = [p for p in event.participants if p not in (event.host, event.guest)]
    if others:  # the host and guest are named just above
        names = ", ".join(ctx.name(p) for p in others)
        sections.append(Section(ctx.label("participants"), (Line(names),)))
    if event.part_of and event.part_of in factset.entities:
        parent = factset.entities[event.part_of]
        if isinstance(parent, Event):
            sections.append(Section(ctx.label("part_of"), (event_line(ctx, parent),)))
    about = ctx.view.statements_about(event.id)
    claims = distinct([s for s in about if s.role in ("outcome", "statement")])
    outcomes = [s for s in claims if s.role == "outcome"]
    said = [s for s in claims if s.role == "statement"]
    if outcomes:
        lines = tuple(ctx.citations.line(s, "• ") for s in outcomes)
        sections.append(Section(ctx.label("outcomes"), lines, first_screen=KEY_OUTCOMES))
    if said:
        lines = tuple(ctx.citations.line(s, "• ") for s in said)
        shown = KEY_REASONS if outcomes else KEY_REASONS + 1
        sections.append(Section(ctx.label("why"), lines, first_screen=shown))
    conflicts = conflict_section(ctx, about)
    if conflicts:
        sections.append(conflicts)
    if event.pillars:  # the curators' tags, not the source's words (facts-audit L10)
        names = ", ".join(ctx.name(p) for p in event.pillars)
        sections.append(Section(ctx.label("pillars_tagged"), (Line(names),), first_screen=0))
    parts = ctx.view.parts_of(event.id)
    if parts:
        lines = tuple(event_line(ctx, part) for part in parts)
        sections.append(Section(ctx.label("events"), lines, first_screen=0))
    readings = ctx.view.further_reading(event.id)
    return ctx.briefing(
        title=ctx.name(event.id),
        summary=summary,
        sections=tuple(sections),
        further_reading=tuple(source_ref(r, ctx.locale) for r in readings),
        related=_event_related(ctx, event, parts),
    )


def _date_lines(ctx: Context, event: Event) -> tuple[Line, ...]:
    """The date; where it is only bounded and its source states no date of its own, also
    what the bound can rest on: the page that carries the source (facts-audit M10)."""
    date = FuzzyDate.parse(event.date)
    lines = [Line(date.display(ctx.locale))]
    source = ctx.state.factset.sources.get(event.summary.source)
    if (date.before or date.bound is not None) and source is not None:
        carried = carried_on(ctx, source)
        if carried:
            note = ctx.t("date.source_undated", carried=carried)
            lines.append(Line(note, (ctx.citations.cite(source.id),)))
    return tuple(lines)


def _event_related(ctx: Context, event: Event, parts: Sequence[Event]) -> tuple[Related, ...]:
    """From an event: its people, then the visit it belongs to, then its parts."""
    factset = ctx.state.factset
    people = dict.fromkeys(
        ref
        for ref in (event.host, event.guest, *event.participants)
        if ref and isinstance(factset.entities.get(ref), Person)
    )
    buttons = [related(ctx.name(p), "leader", "name", p) for p in people]
    if event.part_of and isinstance(factset.entities.get(event.part_of), Event):
        buttons.append(related(ctx.name(event.part_of), "visit", "query", event.part_of))
    buttons += [related(ctx.name(p.id), "visit", "query", p.id) for p in parts]
    return tuple(buttons[:MAX_RELATED])
