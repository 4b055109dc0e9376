"""/about: the relationship itself, and what backs the bot."""

from __future__ import annotations

from bot.core.briefings.common import Context
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.dates import DatePoint

__all__ = ["about"]


async def about(ctx: Context) -> Briefing:
    factset = ctx.state.factset
    sections: list[Section] = []
    titles = []
    for relationship in factset.relationships.values():
        titles.append(ctx.name(relationship.id))
        # Both official forms; the reader's own language first.
        forms = [relationship.name_en, relationship.name_vi]
        if ctx.locale == "vi":
            forms.reverse()
        names = [Line(form) for form in forms if form]
        sections.append(Section(ctx.label("formal_name"), tuple(names)))
        about_it = await ctx.store.statements_about(relationship.id)
        points = [s for s in about_it if s.role == "key-point"]
        if points:
            lines = tuple(ctx.citations.line(s, "• ") for s in points)
            sections.append(Section(ctx.label("key_points"), lines))
    meta = await ctx.store.meta()
    statements = meta.statements if meta else len(factset.statements)
    sources = meta.sources if meta else len(factset.sources)
    backing = ctx.t(
        "about.backing",
        statements=ctx.count(statements, "statement"),
        sources=ctx.count(sources, "source"),
    )
    sections.append(Section(ctx.label("backing"), (Line(backing),), True))
    moment = meta.loaded_at if meta else ctx.state.loaded_at
    day = DatePoint(moment.year, moment.month, moment.day).display(ctx.locale, short=True)
    loaded = ctx.t("about.loaded_at", date=day, time=moment.strftime("%H:%M"))
    sections.append(Section(ctx.label("loaded"), (Line(loaded),), True))
    countries = [ctx.name(c) for r in factset.relationships.values() for c in r.countries]
    return ctx.briefing(
        title=" · ".join(titles) or "Attaché",
        summary=Line(" – ".join(countries)),
        sections=tuple(sections),
    )
