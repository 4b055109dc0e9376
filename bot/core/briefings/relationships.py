"""Which relationship a command is about: the one asked for, the server's default, or the
only one; with several and no choice, the reader picks, never a silent guess.

A relationship is typed as its id (what autocomplete sends), its name in either language,
an alias, or the one country that only it covers ("Laos", "Lào"), with or without accents,
spaces or dashes; one letter off still finds it when nothing else is as close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.briefings.common import Context, clip, picker, quoted
from bot.core.briefings.labels import Locale
from bot.core.briefings.model import MAX_RELATED, Briefing, Choice, Line, Related, Section
from bot.core.facts.factset import FactSet
from bot.core.facts.scope import relationship_of
from bot.core.matching import AutocompleteChoice
from bot.core.text import fold

__all__ = [
    "RELATIONSHIP", "Chosen", "choose", "complete_relationship", "find_relationship", "listing",
    "relationship_label", "relationship_name",
]  # fmt: skip

RELATIONSHIP = "relationship"
"""The option every command that answers about one relationship takes."""
CUTOFF = 85
"""How close a misspelt name must be (rapidfuzz ratio, 0-100) to count as that name."""
CHOICE_NAME = 100


def _key(text: str) -> str:
    """`Việt Nam – Lào`, `vietnam-laos` and `VietNam Lao` all meet as letters and digits."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def relationship_name(factset: FactSet, relationship: str, locale: Locale) -> str:
    """Its formal name ("great friendship, special solidarity, …") in the reader's language."""
    found = factset.relationships[relationship]
    return (found.name_vi or found.name_en) if locale == "vi" else found.name_en


def relationship_label(factset: FactSet, relationship: str, locale: Locale) -> str:
    """What a reader calls it: its countries, `Vietnam – Laos` / `Việt Nam – Lào`. A formal
    name is a sentence; a button, a menu or a reply needs the short form."""
    names = []
    for country in factset.relationships[relationship].countries:
        entity = factset.entities.get(country)
        vietnamese = entity.name_vi if entity is not None and locale == "vi" else None
        names.append(vietnamese or (entity.name_en if entity is not None else country))
    return " – ".join(names)


def _described(factset: FactSet, relationship: str, locale: Locale) -> str:
    """`Vietnam – Laos · great friendship, …`, within Discord's 100 characters."""
    label = relationship_label(factset, relationship, locale)
    return clip(f"{label} · {relationship_name(factset, relationship, locale)}", CHOICE_NAME)


def _names(factset: FactSet) -> dict[str, set[str]]:
    """Every key a relationship is known by -> the relationships it names."""
    covering: dict[str, set[str]] = {}
    for rid, found in factset.relationships.items():
        for country in found.countries:
            covering.setdefault(country, set()).add(rid)
    table: dict[str, set[str]] = {}
    for rid, found in factset.relationships.items():
        names = [rid, found.name_en, found.name_vi or "", *found.aliases]
        countries = [factset.entities.get(c) for c in found.countries]
        known = [c.all_names() for c in countries if c is not None]
        if len(known) == 2:  # "Vietnam Laos", "Việt Nam Lào"
            names += [a + b for a in known[0] for b in known[1]]
        for country, entity in zip(found.countries, countries, strict=True):
            if entity is not None and covering[country] == {rid}:
                names += entity.all_names()  # "Laos": the only relationship with Laos
        for name in names:
            if _key(name):
                table.setdefault(_key(name), set()).add(rid)
    return table


def find_relationship(factset: FactSet, typed: str) -> str | None:
    """The relationship `typed` names, or None when it names none (or several)."""
    if typed in factset.relationships:  # an id: what autocomplete, buttons and settings send
        return typed
    table = _names(factset)
    key = _key(typed)
    if not key:
        return None
    exact = table.get(key, set())
    if len(exact) == 1:
        return next(iter(exact))
    if exact:
        return None
    best = process.extract(key, list(table), scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=None)
    found = {rid for name, _, _ in best for rid in table[name]}
    return next(iter(found)) if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Chosen:
    """The relationship to answer about; None: /about lists them all (or there is none)."""

    relationship: str | None


def choose(
    ctx: Context,
    command: str,
    given: str | None,
    default: str | None,
    options: Mapping[str, object],
) -> Chosen | Briefing:
    """The relationship named in the command, else the one an id in its options belongs to
    (a button or menu from an answer about it), else the server's default, else the only
    one. Otherwise the reader picks: /about lists them, other commands ask."""
    factset = ctx.state.factset
    relationships = list(factset.relationships)
    if given is not None:
        found = find_relationship(factset, given)
        if found is not None:
            return Chosen(found)
        return _pick(ctx, command, ctx.t("relationship.unknown", name=quoted(given)))
    if len(relationships) <= 1:
        return Chosen(relationships[0] if relationships else None)
    for value in options.values():
        owner = relationship_of(value) if isinstance(value, str) else None
        if owner in factset.relationships:
            return Chosen(owner)
    if default in factset.relationships:
        return Chosen(default)
    if command == "about":
        return Chosen(None)
    count = ctx.count(len(relationships), "relationship")
    return _pick(ctx, command, ctx.t("relationship.pick", count=count))


def _pick(ctx: Context, command: str, message: str) -> Briefing:
    factset = ctx.state.factset
    choices = tuple(
        Choice(
            clip(relationship_label(factset, rid, ctx.locale), CHOICE_NAME),
            rid,
            clip(relationship_name(factset, rid, ctx.locale), CHOICE_NAME),
        )
        for rid in factset.relationships
    )
    title = ctx.t("relationship.pick_title")
    return picker(ctx, title, message, choices, command, RELATIONSHIP)


def listing(ctx: Context) -> Briefing:
    """/about with several relationships and none chosen: each one, a tap away."""
    factset = ctx.state.factset
    lines = []
    choices = []
    for rid in factset.relationships:
        label = relationship_label(factset, rid, ctx.locale)
        lines.append(Line(f"• {label}: {relationship_name(factset, rid, ctx.locale)}"))
        choices.append(Choice(clip(label, CHOICE_NAME), rid))
    count = ctx.count(len(lines), "relationship")
    return ctx.briefing(
        title=ctx.t("relationship.list_title"),
        summary=Line(ctx.t("relationship.list_summary", count=count)),
        sections=(Section(ctx.label("formal_name"), tuple(lines)),),
        related=tuple(
            Related(clip(c.label, 80), "about", ((RELATIONSHIP, c.value),)) for c in choices
        )[:MAX_RELATED],
        choices=tuple(choices) if len(choices) > MAX_RELATED else (),
        choice_command="about",
        choice_option=RELATIONSHIP,
        sources=(),
    )


def complete_relationship(factset: FactSet, value: str, locale: Locale) -> list[AutocompleteChoice]:
    """Autocomplete for the `relationship` option: those whose names contain what was typed
    (all of them for nothing typed), by their name in the reader's language."""
    key = _key(value)
    table = _names(factset)
    wanted = {rid for name, rids in table.items() if key in name for rid in rids}
    return [
        AutocompleteChoice(_described(factset, rid, locale), rid)
        for rid in factset.relationships
        if not key or rid in wanted
    ][:25]
