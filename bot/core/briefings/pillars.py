"""/pillars: the pillars of cooperation, or one pillar's commitments."""

from __future__ import annotations

from bot.core.briefings.common import Context, find, related
from bot.core.briefings.events import events_related
from bot.core.briefings.model import MAX_RELATED, Briefing, Line, Section
from bot.core.facts.models import Pillar

__all__ = ["pillars"]

KEY_COMMITMENTS = 4


async def pillars(ctx: Context, pillar: str | None = None) -> Briefing:
    factset = ctx.state.factset
    if not pillar or not pillar.strip():
        every = factset.of_kind("pillar")
        overview = tuple(
            ctx.citations.line(factset.statements[f"{p.id}.summary"], f"{ctx.name(p.id)} — ")
            for p in every
        )
        return ctx.briefing(
            title=ctx.label("pillars"),
            summary=Line(ctx.count(len(overview), "pillar")),
            sections=(Section(ctx.label("pillars"), overview),),
            # From the pillars, each pillar's commitments.
            related=tuple(
                related(ctx.name(p.id), "pillars", "pillar", p.id) for p in every[:MAX_RELATED]
            ),
        )
    pillar_id = find(ctx, pillar, {"pillar"}, "pillars", "pillar", ctx.t("not_found.pillar"))
    if isinstance(pillar_id, Briefing):
        return pillar_id
    found = factset.entities[pillar_id]
    assert isinstance(found, Pillar)
    summary = ctx.citations.line(factset.statements[f"{found.id}.summary"])
    commitments = [s for s in ctx.view.statements_about(found.id) if s.role == "commitment"]
    lines = tuple(ctx.citations.line(s, "• ") for s in commitments)
    events = list(ctx.view.events_with(found.id))
    return ctx.briefing(
        title=ctx.name(found.id),
        summary=summary,
        sections=(
            (Section(ctx.label("commitments"), lines, first_screen=KEY_COMMITMENTS),)
            if lines
            else ()
        ),
        related=events_related(ctx, events),  # from a pillar, the events that served it
    )
