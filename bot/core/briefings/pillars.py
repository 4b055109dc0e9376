"""/pillars: the pillars of cooperation, or one pillar's commitments."""

from __future__ import annotations

from bot.core.briefings.common import Context, find
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.models import Pillar

__all__ = ["pillars"]


async def pillars(ctx: Context, pillar: str | None = None) -> Briefing:
    factset = ctx.state.factset
    if not pillar or not pillar.strip():
        overview = tuple(
            ctx.citations.line(factset.statements[f"{p.id}.summary"], f"{ctx.name(p.id)} — ")
            for p in factset.of_kind("pillar")
        )
        return ctx.briefing(
            title=ctx.label("pillars"),
            summary=Line(ctx.count(len(overview), "pillar")),
            sections=(Section(ctx.label("pillars"), overview),),
        )
    pillar_id = find(ctx, pillar, {"pillar"}, "pillars", "pillar", ctx.t("not_found.pillar"))
    if isinstance(pillar_id, Briefing):
        return pillar_id
    found = factset.entities[pillar_id]
    assert isinstance(found, Pillar)
    summary = ctx.citations.line(factset.statements[f"{found.id}.summary"])
    commitments = [s for s in await ctx.store.statements_about(found.id) if s.role == "commitment"]
    lines = tuple(ctx.citations.line(s, "• ") for s in commitments)
    return ctx.briefing(
        title=ctx.name(found.id),
        summary=summary,
        sections=(Section(ctx.label("commitments"), lines),) if lines else (),
    )
