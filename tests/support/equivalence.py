"""Everything a snapshot of the facts answers, gathered into plain values, so that a snapshot
a reload made can be compared with one made from scratch from the same files.

A reload may reuse whatever it likes from the snapshot before (parsed files, records, pieces
of the fact set, the read view, the search and name indexes); these helpers do not look at
how a snapshot was made, only at what it answers, through the same calls the commands use.
Each answer is kept under a name saying which question it is, so a mismatch names the
question whose answer went stale.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.facts.factset import FactSet
from bot.core.facts.loader import load_facts
from bot.core.facts.problems import Problem
from bot.core.matching import HonorificsError, NameIndex, records_from_factset
from bot.core.matching.honorifics import honorifics_in
from bot.core.service import FactsState

WINDOWS: tuple[tuple[date, date], ...] = (
    (date(2025, 12, 1), date(2025, 12, 31)),
    (date(2025, 12, 26), date(2025, 12, 26)),
    (date(2026, 1, 1), date(2026, 1, 25)),
    (date(2026, 1, 26), date(2026, 1, 27)),
    (date(2026, 2, 1), date(2026, 2, 28)),
    (date(2026, 3, 1), date(2026, 3, 31)),
    (date(2020, 1, 1), date(2030, 12, 31)),
)
"""Windows for `events_between`: each month the shipped events fall in, single days inside a
span, a fuzzy "before" bound, and one window holding everything."""

SEARCHES: tuple[str, ...] = (
    "border",
    "biên giới",
    "bien gioi",
    "strategic cohesion",
    "gắn kết chiến lược",
    "gan ket",
    "Tô Lâm",
    "to lam",
    "Thongloun Sisoulith",
    "Khamphao",
    "Nguyen Minh Vu",
    "Nguyễn Minh Vũ",
    "Sok Dara",
    "Vientiane",
    "Viêng Chăn",
    "alignment",
    "elevate",
    "kestrel",
    "chim ưng",
    "chim ung",
    "quokka",
    "education training",
    "xyzzy nothing",
)
"""English, Vietnamese with and without diacritics, names, and the marker words the mutations
add ("kestrel", "chim ưng", "quokka") or remove ("alignment", "elevate")."""

NAMES: tuple[str, ...] = (
    "To Lam",
    "Tô Lâm",
    "Tổng Bí thư Tô Lâm",
    "Thongloun",
    "Nguyen Minh Vu",
    "Nguyễn Minh Vũ",
    "Deputy Minister Nguyen Minh Vu",
    "nguyen-minh-vu",
    "nguyen-minh-vu-mofa",
    "Vu Nguyen Minh",
    "Minh Vu",
    "Khamphao Erthavanh",
    "Bounthanh Kestrel",
    "Kestrel",
    "Vientiane",
    "Viêng Chăn",
    "Laos",
    "defence",
    "economic",
    "Doi Moi",
    "LPRP 12th Congress",
    "Sok Dara",
    "Dara Sok",
    "Lam To",
    "Phnom Penh",
    "strategic cohesion",
    "Quokka Minister",
)
"""People by name, title, id (the renamed one's old and new id), aliases mutations add
("Vu Nguyen Minh", "Dara Sok", "Lam To"), a person a mutation adds ("Bounthanh Kestrel"),
places, pillars, topics."""

PREFIXES: tuple[str, ...] = ("Ng", "Tô", "Kes", "Vi", "Qu")
"""Partly typed names, for autocomplete."""


def ordered_factset(factset: FactSet) -> dict[str, object]:
    """The fact set as lists of (id, value) pairs: `==` on dicts ignores order, and order is
    what the briefings list things in."""
    return {
        "version": factset.version,
        "relationships": list(factset.relationships.items()),
        "sources": list(factset.sources.items()),
        "entities": list(factset.entities.items()),
        "kinds": list(factset.kinds.items()),
        "entity_relationship": list(factset.entity_relationship.items()),
        "statements": list(factset.statements.items()),
        "source_relationship": list(factset.source_relationship.items()),
        "further_reading": list(factset.further_reading),
    }


def ids_of(state: FactsState) -> set[str]:
    """Every id a snapshot knows: entities, sources, relationships, statements, events."""
    factset = state.factset
    return {
        *factset.entities,
        *factset.sources,
        *factset.relationships,
        *factset.statements,
        *(record.id for record in state.index.records),
    }


def answers(state: FactsState, ids: Iterable[str]) -> dict[str, object]:
    """What `state` answers, by question. `ids` should hold every id either snapshot being
    compared has ever known (a deleted or renamed one too), so an entry a reload left behind
    for an id that is gone still shows."""
    view, found = state.view, sorted(set(ids))
    result: dict[str, object] = {
        f"factset.{k}": v for k, v in ordered_factset(state.factset).items()
    }
    result |= {
        "view.events": list(view.events),
        "view.dates": list(view.dates.items()),
        "view.events_between": [view.events_between(a, b) for a, b in WINDOWS],
        "view.events_in": [view.events_in(2025), view.events_in(2026), view.events_in(2026, 2)],
        "records": list(state.records.items()),
        "index.records": list(state.index.records),
        "index.honorifics": state.index.honorifics,
        "in_events": sorted(state.in_events),
        "parts": list(state.parts),
    }
    for entity_id in found:
        result[f"view.statements_about({entity_id})"] = view.statements_about(entity_id)
        result[f"view.statements_from({entity_id})"] = view.statements_from(entity_id)
        result[f"view.events_with({entity_id})"] = view.events_with(entity_id)
        result[f"view.parts_of({entity_id})"] = view.parts_of(entity_id)
        result[f"view.further_reading({entity_id})"] = view.further_reading(entity_id)
    result["view.statements(all)"] = view.statements(found)
    for query in SEARCHES:
        result[f"search({query!r})"] = state.search.search(query, limit=100)
        result[f"search({query!r}, name)"] = state.search.search(query, limit=100, kind="name")
    for name in NAMES:
        result[f"resolve({name!r})"] = state.index.resolve(name)
        result[f"resolve({name!r}, person)"] = state.index.resolve(name, kinds=["person"])
    for prefix in PREFIXES:
        result[f"autocomplete({prefix!r})"] = state.index.autocomplete(prefix)
    for relationship, part in state.parts.items():
        result |= {f"{relationship}: {k}": v for k, v in answers(part, found).items()}
    return result


def differences(got: dict[str, object], want: dict[str, object]) -> list[str]:
    """The questions whose answers differ, each with both answers (cut short), for the
    assertion message: a whole snapshot printed by pytest's diff would bury them."""
    found = []
    for key in sorted(got.keys() | want.keys()):
        mine, theirs = got.get(key, "<missing>"), want.get(key, "<missing>")
        if mine != theirs:
            found.append(f"{key}:\n  reloaded: {str(mine)[:600]}\n  fresh:    {str(theirs)[:600]}")
    return found


@contextmanager
def caches_kept() -> Iterator[None]:
    """Loading from scratch in this process must not change what the running service reuses.

    A module may keep a cache from one load to the next (build.py keeps the scoped copies it
    made); a fresh load in between would replace it with its own, so the service's next
    reload would always miss, and the very reuse these tests are about would go untested.
    Every plain dict at the top of a `bot.core` module is put back as it was afterwards."""
    saved: list[tuple[dict[Any, Any], dict[Any, Any]]] = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("bot.core"):
            continue
        for attribute, value in vars(module).items():
            if not attribute.startswith("__") and type(value) is dict:
                saved.append((value, dict(value)))
    try:
        yield
    finally:
        for value, before in saved:
            value.clear()
            value.update(before)


@dataclass(frozen=True)
class Fresh:
    """What a first start on a folder gives: its problems, or its snapshot."""

    problems: list[Problem]
    state: FactsState | None


def fresh_start(root: Path) -> Fresh:
    """Load `root` from scratch, as `Attache.start` does (the files, then honorifics.toml's
    word lists, then every index), with nothing carried over from an earlier load and
    nothing left behind for the running service's next reload (`caches_kept`)."""
    with caches_kept():
        result = load_facts(root)
        if result.factset is None:
            return Fresh(result.problems, None)
        try:
            honorifics = honorifics_in(root)
        except HonorificsError as error:
            return Fresh([error.problem()], None)
        index = NameIndex.build(records_from_factset(result.factset), honorifics)
        return Fresh([], FactsState.build(result.factset, index))
