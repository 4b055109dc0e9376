"""/leader: a person, their titles as each source dates them, and their part in the story."""

from __future__ import annotations

from bot.core.briefings.common import Context, find
from bot.core.briefings.events import (
    conflict_section,
    event_line,
    event_sort_key,
    events_related,
)
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.dates import FuzzyDate
from bot.core.facts.models import Person
from bot.core.i18n import has
from bot.core.matching.index import display_label

__all__ = ["leader", "script_language"]

KEY_TITLES = 2
KEY_ROLE = 2
KEY_EVENTS = 3
SCRIPTS = (  # (first, last code point, the catalogue's `language.<key>`)
    (0x0E80, 0x0EFF, "laos"),
    (0x1780, 0x17FF, "cambodia"),
    (0x0E00, 0x0E7F, "thailand"),
)


def script_language(text: str) -> str | None:
    """The language a native name is written in, told by its script (a name in Lao script is
    Lao whatever the person's country); None for a script not listed."""
    for char in text:
        for first, last, key in SCRIPTS:
            if first <= ord(char) <= last:
                return key
    return None


async def leader(ctx: Context, name: str) -> Briefing:
    found = find(ctx, name, {"person"}, "leader", "name", ctx.t("not_found.person"))
    if isinstance(found, Briefing):
        return found
    person = ctx.state.factset.entities[found]
    assert isinstance(person, Person)
    record = ctx.state.records[person.id]

    names = [ctx.t("leader.name_en", name=person.name_en)]
    if person.name_vi:
        names.append(ctx.t("leader.name_vi", name=person.name_vi))
    if person.name_native:
        language = script_language(person.name_native) or person.country
        key = f"language.{language}"
        shown = ctx.t(key) if has(key, ctx.locale) else ctx.name(person.country)
        names.append(ctx.t("leader.name_native", language=shown, name=person.name_native))
    if person.aliases:
        names.append(" · ".join(person.aliases))
    sections = [
        Section(ctx.label("names"), tuple(Line(n) for n in names), True),
        # Already in the lede; kept whole one tap away.
        Section(ctx.label("country"), (Line(ctx.name(person.country)),), True, first_screen=0),
    ]
    titles = []
    for title in person.titles:
        shown = title.title_vi if ctx.locale == "vi" and title.title_vi else title.title
        other = title.title if shown != title.title else title.title_vi
        stated = FuzzyDate.parse(title.as_of)
        # "as of before 26 Jan" reads badly: a bound is when the source stated it.
        lead = ctx.label("stated" if stated.before else "as_of")
        when = f"{lead} {stated.display(ctx.locale, short=True)}"
        text = f"{shown}" + (f" ({other})" if other else "") + f" — {when}"
        titles.append(Line(text, (ctx.citations.cite(title.source),)))
    if titles:
        sections.append(Section(ctx.label("titles"), tuple(titles), first_screen=KEY_TITLES))

    about = ctx.view.statements_about(person.id)
    said = [s for s in about if s.role == "statement"]
    if said:
        lines = tuple(ctx.citations.line(s, "• ") for s in said)
        sections.append(Section(ctx.label("role"), lines, first_screen=KEY_ROLE))
    events = list(ctx.view.events_with(person.id))
    events.sort(key=event_sort_key, reverse=True)  # the latest is what a reader asks about
    if events:
        lines = tuple(event_line(ctx, e) for e in events)
        sections.append(Section(ctx.label("events"), lines, first_screen=KEY_EVENTS))
    conflicts = conflict_section(ctx, about)
    if conflicts:
        sections.append(conflicts)
    first_title = titles[0].text.split(" — ")[0] if titles else ""
    return ctx.briefing(
        title=display_label(record),
        summary=Line(
            f"{first_title} · {ctx.name(person.country)}" if first_title else "",
            titles[0].cites if titles else (),
        ),
        sections=tuple(sections),
        related=events_related(ctx, events),
    )
