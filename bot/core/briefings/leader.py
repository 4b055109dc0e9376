"""/leader: a person, their titles as each source dates them, and their part in the story."""

from __future__ import annotations

from bot.core.briefings.common import CHOICE_LABEL, Context, clip, date_text, unresolved
from bot.core.briefings.events import (
    conflict_section,
    event_line,
    event_sort_key,
    events_related,
)
from bot.core.briefings.model import Briefing, Choice, Line, Section
from bot.core.facts.dates import stated_date
from bot.core.facts.models import Person, Title
from bot.core.i18n import has
from bot.core.matching.index import display_label
from bot.core.matching.roles import HeldTitle

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


def _find(ctx: Context, name: str) -> tuple[str, HeldTitle | None] | Briefing:
    """The person `name` names, or, when it names nobody, who holds the title it names
    (`Lao ambassador`, `Thủ tướng`): one holder is the answer, several are a choice."""
    resolution = ctx.resolve(name, {"person"})
    if resolution.status == "match" and resolution.match is not None:
        return resolution.match.id, None
    if resolution.status == "none":
        holders = ctx.state.index.roles.find(name)
        if len(holders) == 1:
            return holders[0].person, holders[0]
        if holders:
            return _holders(ctx, name, holders)
    return unresolved(ctx, name, resolution, "leader", "name", ctx.t("not_found.person"))


def _title_text(ctx: Context, title: Title | HeldTitle) -> str:
    """`Lao Ambassador to Vietnam (Đại sứ Lào tại Việt Nam) — stated 26 Jan 2026`: a
    Vietnamese reader gets the title as Vietnamese press writes it, alone; an English reader
    gets the source's English words and, beside them, the official Vietnamese."""
    shown = title.title_vi if ctx.locale == "vi" and title.title_vi else title.title
    other = title.title_vi if ctx.locale == "en" else None
    stated = stated_date(title.as_of)
    if stated is None:  # the source gives no date: say so, never "as of" a guess
        when = date_text(title.as_of, ctx.locale)
    else:
        # "as of before 26 Jan" reads badly: a bound is when the source stated it.
        lead = ctx.label("stated" if stated.before else "as_of")
        when = f"{lead} {stated.display(ctx.locale, short=True)}"
    return f"{shown}" + (f" ({other})" if other else "") + f" — {when}"


def _holders(ctx: Context, query: str, holders: list[HeldTitle]) -> Briefing:
    """Several people hold the title asked for: a private choice, each with the title and
    its date, cited; never a guess."""
    lines = []
    choices = []
    for held in holders:
        label = display_label(ctx.state.records[held.person])
        text = _title_text(ctx, held)
        lines.append(Line(f"{label}: {text}", (ctx.citations.cite(held.source),)))
        choices.append(Choice(clip(label, CHOICE_LABEL), held.person, clip(text, CHOICE_LABEL)))
    shown = " ".join(query.split())
    return ctx.briefing(
        title=ctx.label("pick_one"),
        summary=Line(ctx.t("leader.role_holders", query=clip(shown, 80), count=len(holders))),
        sections=(Section(ctx.label("titles"), tuple(lines)),),
        status="ambiguous",
        choices=tuple(choices),
        choice_command="leader",
        choice_option="name",
        private=True,
    )


async def leader(ctx: Context, name: str) -> Briefing:
    found = _find(ctx, name)
    if isinstance(found, Briefing):
        return found
    found_id, role = found
    person = ctx.state.factset.entities[found_id]
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
        titles.append(Line(_title_text(ctx, title), (ctx.citations.cite(title.source),)))
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
    lede = Line(
        f"{first_title} · {ctx.name(person.country)}" if first_title else "",
        titles[0].cites if titles else (),
    )
    if role is not None:  # asked by title: the lede is that title, with its source's date
        lede = Line(
            f"{_title_text(ctx, role)} · {ctx.name(person.country)}",
            (ctx.citations.cite(role.source),),
        )
    return ctx.briefing(
        title=display_label(record),
        summary=lede,
        sections=tuple(sections),
        related=events_related(ctx, events),
    )
