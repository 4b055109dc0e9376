"""/about: the relationship itself, and what backs the bot."""

from __future__ import annotations

from bot.core.briefings.common import Context
from bot.core.briefings.model import Briefing, Line, Section

__all__ = ["about"]


async def about(ctx: Context) -> Briefing:
    factset = ctx.state.factset
    sections: list[Section] = []
    titles = []
    for relationship in factset.relationships.values():
        titles.append(relationship.name_en)
        names = [Line(relationship.name_en)]
        if relationship.name_vi:
            names.append(Line(relationship.name_vi))
        sections.append(Section(ctx.label("formal_name"), tuple(names)))
        about_it = await ctx.store.statements_about(relationship.id)
        points = [s for s in about_it if s.role == "key-point"]
        if points:
            lines = tuple(ctx.citations.line(s, "• ") for s in points)
            sections.append(Section(ctx.label("key_points"), lines))
    meta = await ctx.store.meta()
    statements = meta.statements if meta else len(factset.statements)
    sources = meta.sources if meta else len(factset.sources)
    backing = f"{ctx.count(statements, 'statement')} · {ctx.count(sources, 'source')}"
    sections.append(Section(ctx.label("backing"), (Line(backing),), True))
    loaded = (meta.loaded_at if meta else ctx.state.loaded_at).strftime("%Y-%m-%d %H:%M UTC")
    sections.append(Section(ctx.label("loaded"), (Line(loaded),), True))
    countries = [ctx.name(c) for r in factset.relationships.values() for c in r.countries]
    return ctx.briefing(
        title=" · ".join(titles) or "Attaché",
        summary=Line(" – ".join(countries)),
        sections=tuple(sections),
    )
