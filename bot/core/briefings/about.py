"""/about: the relationship itself, and what backs the bot."""

from __future__ import annotations

from bot.core.briefings.common import Context
from bot.core.briefings.model import Briefing, Line, Related, Section

__all__ = ["about"]

KEY_POINTS = 3


async def about(ctx: Context) -> Briefing:
    """The countries as the title, the formal name, the points that define the relationship;
    how much backs the answers and how fresh it is is the footer (as on every answer; when
    the process started is for /facts status)."""
    factset = ctx.state.factset
    sections: list[Section] = []
    formal: list[str] = []
    for relationship in factset.relationships.values():
        # A Vietnamese reader gets the formula in Vietnamese only; an English reader gets
        # the English and, beside it, the official Vietnamese form it translates.
        names = [Line(ctx.name(relationship.id))]
        if ctx.locale == "en" and relationship.name_vi:
            names.append(Line(relationship.name_vi))
        formal.append(names[0].text)  # the lede
        sections.append(Section(ctx.label("formal_name"), tuple(names), first_screen=0))
        about_it = ctx.view.statements_about(relationship.id)
        points = [s for s in about_it if s.role == "key-point"]
        if points:
            lines = tuple(ctx.citations.line(s, "• ") for s in points)
            sections.append(Section(ctx.label("key_points"), lines, first_screen=KEY_POINTS))
    countries = [ctx.name(c) for r in factset.relationships.values() for c in r.countries]
    return ctx.briefing(
        title=" – ".join(dict.fromkeys(countries)) or "Attaché",
        summary=Line(" · ".join(formal)),
        sections=tuple(sections),
        related=(
            Related(ctx.label("pillars"), "pillars"),
            Related(ctx.label("timeline"), "timeline"),
            Related(ctx.label("sources"), "sources"),
        ),
    )
