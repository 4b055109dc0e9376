"""/about: the relationship itself, and what backs the bot."""

from __future__ import annotations

import re

from bot.core.briefings.common import Context
from bot.core.briefings.events import conflict_section
from bot.core.briefings.model import Briefing, Line, Related, Section
from bot.core.facts.models import Relationship

__all__ = ["about"]

KEY_POINTS = 3


async def about(ctx: Context) -> Briefing:
    """The countries as the title, the formal name with its sources, the points that define
    the relationship, and where the sources disagree about it; how much backs the answers
    and how fresh it is is the footer (as on every answer; when the process started is for
    /facts status)."""
    factset = ctx.state.factset
    sections: list[Section] = []
    formal: list[str] = []
    formal_cites: list[int] = []
    for relationship in factset.relationships.values():
        names = _formal_name(ctx, relationship)
        formal.append(names[0].text)  # the lede, cited as the name is
        formal_cites.extend(cite for line in names for cite in line.cites)
        sections.append(Section(ctx.label("formal_name"), names, first_screen=0))
        about_it = ctx.view.statements_about(relationship.id)
        points = [s for s in about_it if s.role == "key-point"]
        if points:
            lines = tuple(ctx.citations.line(s, "• ") for s in points)
            sections.append(Section(ctx.label("key_points"), lines, first_screen=KEY_POINTS))
        # Where the sources disagree about the relationship (when "strategic cohesion"
        # entered its name: facts-audit M8), both sides, each with its source.
        conflicts = conflict_section(ctx, about_it)
        if conflicts:
            sections.append(conflicts)
    countries = [ctx.name(c) for r in factset.relationships.values() for c in r.countries]
    return ctx.briefing(
        title=" – ".join(dict.fromkeys(countries)) or "Attaché",
        summary=Line(" · ".join(formal), tuple(dict.fromkeys(formal_cites))),
        sections=tuple(sections),
        related=(
            Related(ctx.label("pillars"), "pillars"),
            Related(ctx.label("timeline"), "timeline"),
            Related(ctx.label("sources"), "sources"),
        ),
    )


def _formal_name(ctx: Context, relationship: Relationship) -> tuple[Line, ...]:
    """The formal name, cited to every source whose quoted words contain it (facts-audit M8:
    it was shown with no source). A Vietnamese reader gets the Vietnamese form alone, cited
    as every fact translated for them is; an English reader the cited English and, beside
    it, the Vietnamese form, uncited (no source of ours writes it)."""
    wanted = f" {_words(relationship.name_en)} "
    cites = tuple(
        dict.fromkeys(
            ctx.citations.cite(statement.source)
            for statement in ctx.state.factset.statements.values()
            if wanted in f" {_words(statement.quote)} "
        )
    )
    if ctx.locale == "vi" and relationship.name_vi:
        return (Line(relationship.name_vi, cites),)  # as every fact a vi reader is shown
    english = Line(relationship.name_en, cites)
    return (english, Line(relationship.name_vi)) if relationship.name_vi else (english,)


def _words(text: str) -> str:
    """Lower-case words only: the name is found whatever the commas ("cooperation, and")."""
    return " ".join(re.findall(r"\w+", text.casefold()))
