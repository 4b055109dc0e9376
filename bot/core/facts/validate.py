"""Checks that need more than one record: ids, references, name collisions, quotes.

The schema (models.py) has already checked each record on its own; here the records of the
whole facts root are checked together, and every problem is reported, not just the first.
A record that failed its schema is still known by id (so nothing that refers to it reports a
false "no such id") but is not checked further: its own problems are already reported.
"""

from __future__ import annotations

import difflib
import operator
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, get_args, get_origin

from pydantic import BaseModel
from rapidfuzz import fuzz

from bot.core.facts.models import (
    ENTITY_SECTIONS,
    Claim,
    Named,
    Person,
    Relationship,
    Source,
    Title,
)
from bot.core.facts.problems import Problem
from bot.core.facts.record import Loc, Record, SourceText
from bot.core.facts.scope import SCOPED_KINDS, local_id, scoped_id
from bot.core.text import fold

__all__ = ["Checks", "fold_quote"]

ANY_SUBJECT = frozenset({*ENTITY_SECTIONS.values(), "relationship"})
ACTORS = frozenset({"person", "country", "organisation"})
SCOPED_NAMES = frozenset({"relationship", "event", "pillar", "topic"})
"""Kinds whose name is a phrase a reader needs translated (people's names are names)."""

# kind -> (field, kinds the id must be). A list field checks every element.
REFERENCES: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {
    "source": (("part_of", frozenset({"source"})),),
    "further reading": (("about", ANY_SUBJECT),),
    "person": (("country", frozenset({"country"})),),
    "place": (("country", frozenset({"country"})),),
    "organisation": (
        ("country", frozenset({"country"})),
        ("part_of", frozenset({"organisation"})),
    ),
    "event": (
        ("host", ACTORS),
        ("guest", ACTORS),
        ("place", frozenset({"place", "country"})),
        ("participants", ACTORS),
        ("part_of", frozenset({"event"})),
        ("pillars", frozenset({"pillar"})),
    ),
    "statement": (("about", ANY_SUBJECT), ("conflicts_with", frozenset({"statement"}))),
    "relationship": (("countries", frozenset({"country"})),),
}


_Owners = dict[str, list[tuple[Record, Loc]]]
"""Folded name -> the records it names (and where), as the name check found them."""


def _validated(
    records: Sequence[Record], texts: dict[str, SourceText]
) -> tuple[list[Problem], dict[str, Record], _Owners]:
    """The problems, and the tables of ids and names the checks made (`_Passed` keeps them)."""
    problems: list[Problem] = []
    owners: _Owners = {}
    ids = _collect_ids(records, problems)
    checked = [r for r in records if r.model is not None]
    named = [r for r in checked if r.kind in ANY_SUBJECT]  # most records are statements
    _MEMO.start(checked)
    problems += _check_relationships(named)
    problems += _check_references(checked, ids)
    problems += _check_claim_sources(checked, ids)
    problems += _check_name_collisions(named, owners)
    problems += _check_titles_name_their_person(named)
    problems += _check_quotes(checked, texts)
    problems += _check_languages(checked)
    _MEMO.finish()
    return problems, ids, owners


class _Memo:
    """What checking one record's model found, kept for the next load while it is the very
    same model object: the loader's cache hands back the models of unchanged files, so a
    reload after one edited file walks only that file's claims and checks only its quotes
    (at 50k statements the walks and the quote checks were 80 % of these checks).

    Each entry holds its model (and the text its quote was checked against), so an `id()`
    is never mistaken for that of a newer object; entries for models the last load did not
    see are dropped when it finishes."""

    def __init__(self) -> None:
        self.claims: dict[int, tuple[object, list[tuple[Loc, Claim | Title]]]] = {}
        self.quotes: dict[int, tuple[SourceText, dict[str, str | None]]] = {}
        self._seen: set[int] = set()
        self._quoted: set[int] = set()
        """The texts quotes were checked against in this load (the others are dropped)."""

    def start(self, records: Sequence[Record]) -> None:
        self._seen = {id(record.model) for record in records}
        self._quoted = set()

    def claims_of(self, model: object) -> list[tuple[Loc, Claim | Title]]:
        known = self.claims.get(id(model))
        if known is not None and known[0] is model:
            return known[1]
        found = _claims_by_plan(model)
        self.claims[id(model)] = (model, found)
        return found

    def quote_problem(self, claim: Claim | Title, text: SourceText) -> str | None:
        """Why `claim`'s quote is not in `text` (None: it is there). Kept by the quote's
        words and the text, not the claim: a file rewritten with the same quotes (a comment
        added, a text reworded) needs none checked again."""
        known = self.quotes.get(id(text))
        if known is None or known[0] is not text:
            known = self.quotes[id(text)] = (text, {})
        self._quoted.add(id(text))
        checked = known[1]
        if claim.quote in checked:
            return checked[claim.quote]
        quote = fold_quote(claim.quote)
        reason = None
        if quote not in text.folded:
            reason = f"quote not found in {text.file}{_nearest_passage(quote, text.folded)}"
        checked[claim.quote] = reason
        return reason

    def finish(self) -> None:
        seen, quoted = self._seen, self._quoted
        self.claims = {key: entry for key, entry in self.claims.items() if key in seen}
        self.quotes = {key: entry for key, entry in self.quotes.items() if key in quoted}

    def forget(self, records: Sequence[Record]) -> None:
        """Drop what was kept for records a load no longer has (checks done one file at a
        time never reach `finish`)."""
        for record in records:
            self.claims.pop(id(record.model), None)


_MEMO = _Memo()


def _key(record: Record) -> str:
    """How a record is known once loaded: scoped kinds by `<relationship>/<id>`."""
    if record.kind in SCOPED_KINDS and record.relationship is not None:
        return scoped_id(record.relationship, record.id)
    return record.id


def _collect_ids(records: Sequence[Record], problems: list[Problem]) -> dict[str, Record]:
    """Ids are unique within a relationship (its events, pillars, topics, statements) and
    across the shared records; a relationship's id may not hide a shared one either, so that
    a reference always means one thing."""
    ids: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: r.kind in SCOPED_KINDS):
        key = _key(record)
        first = ids.get(key)
        if first is None and key != record.id:
            first = ids.get(record.id)
        if first is None:
            ids[key] = record
            continue
        reason = f"id {record.id!r} is already used by a {first.kind} ({first.where()})"
        problems.append(record.problem(("id",) if record.loc else (), reason))
    return ids


def _check_relationships(records: Sequence[Record]) -> list[Problem]:
    problems: list[Problem] = []
    for record in records:
        if isinstance(record.model, Relationship):
            first, second = record.model.countries
            if first == second:
                reason = "a relationship needs two different countries"
                problems.append(record.problem(("countries",), reason))
    return problems


def _lookup(ids: dict[str, Record], record: Record, value: str) -> Record | None:
    """What a bare id in `record` means: its relationship's own record, else a shared one."""
    scope = record.relationship
    found = ids.get(scoped_id(scope, value)) if scope is not None else None
    return found or ids.get(value)


def _reference(
    record: Record, loc: Loc, value: str, kinds: frozenset[str], ids: dict[str, Record]
) -> Problem | None:
    scope = record.relationship
    found = _lookup(ids, record, value)
    if found is not None and found.kind in kinds:
        return None
    wanted = " or ".join(sorted(kinds)) if kinds != ANY_SUBJECT else "entity or relationship"
    if found is None:
        known = [
            local_id(i)
            for i, r in ids.items()
            if r.kind in kinds and (r.kind not in SCOPED_KINDS or r.relationship == scope)
        ]
        close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return record.problem(loc, f"refers to {value!r}, but no {wanted} has that id{hint}")
    found_as = f"{_article(found.kind)} {found.kind} ({found.where()})"
    return record.problem(loc, f"{value!r} is {found_as}, not {_article(wanted)} {wanted}")


def _check_references(records: Sequence[Record], ids: dict[str, Record]) -> list[Problem]:
    problems: list[Problem | None] = []
    for record in records:
        scope = record.relationship
        for field, kinds in REFERENCES.get(record.kind, ()):
            value = getattr(record.model, field)
            if not value:
                continue
            values: list[tuple[int | None, str | None]] = (
                list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            )
            for position, one in values:
                if one is None:
                    continue
                # The usual case first, inline: the reference finds a record of a right kind
                # (its relationship's own, else a shared one) and is not to itself.
                found = (scope is not None and ids.get(scoped_id(scope, one))) or ids.get(one)
                if found and found.kind in kinds and one != record.id:
                    continue
                loc: Loc = (field,) if position is None else (field, position)
                if field == "conflicts_with" and one == record.id:
                    problems.append(record.problem(loc, "a statement cannot conflict with itself"))
                    continue
                if field == "part_of" and one == record.id:
                    problems.append(record.problem(loc, "cannot be part of itself"))
                    continue
                problems.append(_reference(record, loc, one, kinds, ids))
    return [problem for problem in problems if problem is not None]


def claims_in(node: object, loc: Loc = ()) -> Iterator[tuple[Loc, Claim | Title]]:
    """Every claim and title in a record, with its key path."""
    found: list[tuple[Loc, Claim | Title]] = []
    _collect_claims(node, loc, found)
    return iter(found)


_ATOMS = (str, int, float, type(None))


_WALKED: dict[type[BaseModel], tuple[str, ...]] = {}


def _holding_models(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` whose type allows a model (a claim, a title, a list of them):
    the only ones a claim can be found under. Names, dates and ids are never looked at."""
    found = _WALKED.get(model)
    if found is None:
        found = _WALKED[model] = tuple(
            name
            for name, info in model.model_fields.items()
            if info.annotation is None or _may_hold_model(info.annotation)
        )
    return found


def _may_hold_model(annotation: object) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if annotation is Any or annotation is object:
        return True
    return any(_may_hold_model(argument) for argument in get_args(annotation))


_Plan = tuple[bool, tuple[tuple[str, bool], ...]]
_PLANS: dict[type, _Plan | None] = {}


def _plan(model: type) -> _Plan | None:
    """Where a model's claims are: itself (a statement is a claim), and fields that hold a
    claim or title, or a list of them (True). None: it holds models otherwise (the general
    walk finds them)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    fields: list[tuple[str, bool]] = []
    for name in _holding_models(model):
        annotation = model.model_fields[name].annotation
        arguments = [a for a in get_args(annotation) if a is not type(None)]
        if _is_claim(annotation):
            fields.append((name, False))
        elif get_origin(annotation) is list and len(arguments) == 1 and _is_claim(arguments[0]):
            fields.append((name, True))
        elif len(arguments) == 1 and _is_claim(arguments[0]):  # Claim | None
            fields.append((name, False))
        else:
            return None
    return _is_claim(model), tuple(fields)


def _is_claim(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Claim | Title)


def _claims_by_plan(model: object) -> list[tuple[Loc, Claim | Title]]:
    """`claims_in(model)`, by its class's plan when it has one: no type checks per value (a
    validated model's fields hold what their types say), a fifth of the general walk."""
    kind = type(model)
    if kind not in _PLANS:
        _PLANS[kind] = _plan(kind)
    plan = _PLANS[kind]
    if plan is None:
        return list(claims_in(model))
    itself, fields = plan
    found: list[tuple[Loc, Claim | Title]] = [((), model)] if itself else []  # type: ignore[list-item]
    for name, many in fields:
        value = getattr(model, name)
        if many:
            found += [((name, i), claim) for i, claim in enumerate(value)]
        elif value is not None:
            found.append(((name,), value))
    return found


def _collect_claims(node: object, loc: Loc, found: list[tuple[Loc, Claim | Title]]) -> None:
    # A plain recursive walk into a list, not nested generators: every reload walks every
    # record twice, and a generator per field (names, dates, ids) was most of the time.
    if isinstance(node, Claim | Title):
        found.append((loc, node))
    if isinstance(node, BaseModel):
        for name in _holding_models(type(node)):
            value = getattr(node, name)
            if not isinstance(value, _ATOMS):
                _collect_claims(value, (*loc, name), found)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            if not isinstance(item, _ATOMS):
                _collect_claims(item, (*loc, i), found)


def _check_claim_sources(records: Sequence[Record], ids: dict[str, Record]) -> list[Problem]:
    problems: list[Problem] = []
    # A shared id is never hidden by a relationship's own (else _collect_ids reports it), so
    # a claim whose source is a source's id is fine: one set lookup, the usual case.
    sources = {key for key, record in ids.items() if record.kind == "source"}
    for record in records:
        for loc, claim in _MEMO.claims_of(record.model):
            if claim.source in sources:
                continue
            found = _lookup(ids, record, claim.source)
            source_loc = (*loc, "source")
            if found is not None and found.kind == "further reading":
                reason = (
                    f"{claim.source!r} is further reading, which is linked for readers but may "
                    "not be the source of a fact (we do not have its text)"
                )
                problems.append(record.problem(source_loc, reason))
                continue
            problem = _reference(record, source_loc, claim.source, frozenset({"source"}), ids)
            if problem is not None:
                problems.append(problem)
    return problems


def _check_languages(records: Sequence[Record]) -> list[Problem]:
    """A relationship that declares `languages = ["en", "vi"]` is read in Vietnamese too:
    every claim and title from its sources, and the names of its own events, pillars and
    topics, carry Vietnamese text. A missing one is a problem where it belongs, not an
    English sentence silently shown to a Vietnamese reader."""
    vietnamese, source_in = _languages_context(records)
    return _language_problems(records, vietnamese, source_in)


def _languages_context(records: Sequence[Record]) -> tuple[set[str], dict[str, str | None]]:
    """The relationships read in Vietnamese, and the relationship each source is kept in."""
    vietnamese = {
        r.id
        for r in records
        if r.kind == "relationship"
        and isinstance(r.model, Relationship)
        and "vi" in r.model.languages
    }
    source_in = {r.id: r.relationship for r in records if r.kind == "source" and r.model}
    return vietnamese, source_in


def _language_problems(
    records: Sequence[Record], vietnamese: set[str], source_in: dict[str, str | None]
) -> list[Problem]:
    if not vietnamese:
        return []
    problems: list[Problem] = []
    for record in records:
        model = record.model
        if (
            isinstance(model, Named | Relationship)
            and record.kind in SCOPED_NAMES
            and record.relationship in vietnamese
            and not model.name_vi
        ):
            reason = f"no Vietnamese name: add name_vi ({record.relationship} is read in vi)"
            problems.append(record.problem(("name_en",), reason))
        for loc, claim in _MEMO.claims_of(model):
            if source_in.get(claim.source) not in vietnamese:
                continue
            field = "title_vi" if isinstance(claim, Title) else "text_vi"
            if not getattr(claim, field):
                where = "title" if isinstance(claim, Title) else "text"
                reason = (
                    f"no Vietnamese text: add {field} after {where} "
                    f"({source_in[claim.source]} is read in vi)"
                )
                problems.append(record.problem((*loc, where), reason))
    return problems


def _check_titles_name_their_person(records: Sequence[Record]) -> list[Problem]:
    """A title's quote names the person ("General Secretary To Lam"): a cheap guard against
    a title block moved or pasted into the wrong person's file."""
    problems: list[Problem] = []
    for record in records:
        person = record.model
        if not isinstance(person, Person):
            continue
        names = [fold(name) for name in person.all_names()]
        for i, title in enumerate(person.titles):
            quoted = fold(title.quote)
            if not any(name and name in quoted for name in names):
                reason = (
                    f"the quote does not name {person.name_en} (nor any of their names or "
                    "aliases): is this title in the right person's file?"
                )
                problems.append(record.problem(("titles", i, "quote"), reason))
    return problems


def _check_name_collisions(records: Sequence[Record], owners: _Owners) -> list[Problem]:
    """Two entities with the same name (after folding case, accents and spacing) could never
    be told apart by a user typing it; an entity repeating its own name is harmless. Names
    of one relationship's events, pillars and topics are only asked for within it, so two
    relationships may each have a "Defence and security" pillar."""
    problems: list[Problem] = []
    for record in records:
        entity = record.model
        if record.kind not in ANY_SUBJECT or not isinstance(entity, Named):
            continue
        fields: list[tuple[Loc, str | None]] = [
            (("name_en",), entity.name_en),
            (("name_vi",), entity.name_vi),
            (("name_native",), entity.name_native),
        ]
        fields += [(("aliases", j), alias) for j, alias in enumerate(entity.aliases)]
        scope = _scope(record)
        for loc, name in fields:
            key = fold(name) if name else ""
            if not key:
                continue
            named = owners.setdefault(key, [])
            clash = next(
                (
                    (owner, owner_loc)
                    for owner, owner_loc in named
                    if _key(owner) != _key(record)
                    and (scope is None or _scope(owner) in (None, scope))
                ),
                None,
            )
            if not any(_key(owner) == _key(record) for owner, _ in named):
                named.append((record, loc))
            if clash is not None:
                owner, owner_loc = clash
                line = owner.line(owner_loc)
                where = f"{owner.file}:{line}" if line else owner.file
                reason = (
                    f"name {name!r} is also a name of {owner.id!r} ({where}); "
                    "users could not tell them apart"
                )
                problems.append(record.problem(loc, reason))
    return problems


def _scope(record: Record) -> str | None:
    return record.relationship if record.kind in SCOPED_KINDS else None


_QUOTE_MARKS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)


def fold_quote(text: str) -> str:
    """What "verbatim" means for quotes: same words, any whitespace and quote/dash style."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_MARKS)
    return re.sub(r"\s+", " ", text).strip()


def _check_quotes(records: Sequence[Record], texts: dict[str, SourceText]) -> list[Problem]:
    """Every quote is in its source's text: its own sources/<id>.txt, or for a part of
    another source (a teaser printed inside an article) its whole's, found up part_of."""
    sources = _sources(records)
    problems: list[Problem] = []

    def text_of(source_id: str | None) -> SourceText | None:
        return _text_of(source_id, sources, texts)

    for text in texts.values():
        if not text.folded:
            reason = "the text is empty: paste the article here, exactly as published"
            problems.append(Problem(text.file, None, "", reason))
    for record in records:
        if isinstance(record.model, Source) and text_of(record.id) is None:
            folder = record.file.rsplit("/", 1)[0]
            reason = (
                f"no text for this source: save the article's text as {folder}/{record.id}.txt "
                "(a part of another source may use its whole's text, through part_of)"
            )
            problems.append(record.problem((), reason))
    return problems + _quote_problems(records, sources, texts)


def _sources(records: Sequence[Record]) -> dict[str, Source]:
    return {r.id: r.model for r in records if r.kind == "source" and isinstance(r.model, Source)}


def _text_of(
    source_id: str | None, sources: dict[str, Source], texts: dict[str, SourceText]
) -> SourceText | None:
    """A source's own text, or (for a part of another source) its whole's, up part_of."""
    seen: set[str] = set()
    while source_id is not None and source_id not in seen:
        if source_id in texts:
            return texts[source_id]
        seen.add(source_id)
        source = sources.get(source_id)
        source_id = source.part_of if source else None
    return None


def _quote_problems(
    records: Sequence[Record], sources: dict[str, Source], texts: dict[str, SourceText]
) -> list[Problem]:
    problems: list[Problem] = []
    for record in records:
        for loc, claim in _MEMO.claims_of(record.model):
            if claim.source not in sources:
                continue  # reported as a reference problem, or the source failed its schema
            found = texts.get(claim.source) or _text_of(claim.source, sources, texts)
            if found is None:
                continue
            missing = _MEMO.quote_problem(claim, found)
            if missing is not None:
                problems.append(record.problem((*loc, "quote"), missing))
    return problems


def _nearest_passage(quote: str, text: str) -> str:
    """The passage of the text most like the quote, widened to whole words, to copy from."""
    found = fuzz.partial_ratio_alignment(quote, text, score_cutoff=60)
    if found is None:
        return "; nothing in it is close, so check the source id"
    start, end = found.dest_start, found.dest_end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    passage = text[start:end].strip(" ,.;:")
    if passage.casefold() == quote.casefold():
        return f"; it is there with other capitals: {passage!r}"
    return f"; the closest passage there is {passage!r}: copy it exactly"


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


Unit = tuple[Record, ...]
"""The records of one file, the very same object while the file is unchanged (loader.py)."""
_GLOBAL_KINDS = frozenset({"source", "relationship"})
"""Kinds whose change can change another record's checks: which sources have which texts,
which relationship is read in Vietnamese."""


class Checks:
    """The checks across records, redone for the files that changed since the last load that
    passed them all, when that is enough to know they still pass; otherwise (and whenever a
    check fails, so that problems are always worded and ordered as a full check words them)
    every record is checked again. At 50k statements a full check takes half a second; one
    edited file's records, a few milliseconds."""

    def __init__(self) -> None:
        self._passed: _Passed | None = None

    def run(
        self, records: Sequence[Record], units: Sequence[Unit], texts: dict[str, SourceText],
        clean: bool,
    ) -> list[Problem]:  # fmt: skip
        """`clean`: reading the files found no problem (else all are checked, to report)."""
        passed, self._passed = self._passed, None
        if clean and passed is not None and passed.still(units, texts):
            self._passed = passed
            return []
        problems, ids, owners = _validated(records, texts)
        if clean and not problems:
            self._passed = _Passed.of(records, units, texts, ids, owners)
        return problems


def _names_of(record: Record) -> list[str]:
    """The folded names users could type for a record (those that must not collide)."""
    entity = record.model
    if not isinstance(entity, Named) or record.kind not in ANY_SUBJECT:
        return []
    names = [entity.name_en, entity.name_vi, entity.name_native, *entity.aliases]
    return list(dict.fromkeys(key for name in names if name and (key := fold(name))))


@dataclass(slots=True)
class _Passed:
    """What a load whose records passed every check leaves for the next one to build on."""

    units: list[Unit]
    ids: dict[str, Record]
    scoped_locals: Counter[str]
    names: dict[str, list[tuple[str, str | None]]]
    texts: dict[str, SourceText]
    sources: dict[str, Source]
    vietnamese: set[str]
    source_in: dict[str, str | None]

    @classmethod
    def of(cls, records: Sequence[Record], units: Sequence[Unit], texts: dict[str, SourceText],
           ids: dict[str, Record], owners: _Owners) -> _Passed:  # fmt: skip
        names = {
            name: [(_key(record), _scope(record)) for record, _ in found]
            for name, found in owners.items()
        }
        vietnamese, source_in = _languages_context(records)
        return cls(
            units=list(units),
            ids=ids,
            scoped_locals=Counter(r.id for key, r in ids.items() if key != r.id),
            names=names,
            texts=dict(texts),
            sources=_sources(records),
            vietnamese=vietnamese,
            source_in=source_in,
        )

    def still(self, units: Sequence[Unit], texts: dict[str, SourceText]) -> bool:
        """Whether the records of `units` pass every check, knowing that these passed and
        checking only the records of changed files; updates this to them if so, in place
        (`Checks.run` drops it when this is false). False also when that cannot be told this
        way (a source, a text or a relationship changed, a record went away): then
        everything is checked again."""
        if texts.keys() != self.texts.keys() or any(
            texts[key] is not text for key, text in self.texts.items()
        ):
            return False
        if len(units) == len(self.units):  # the usual edit: the same files, in step
            moved = list(compress(range(len(units)), map(operator.is_not, self.units, units)))
            added = [r for i in moved for r in units[i]]
            removed = [r for i in moved for r in self.units[i]]
        else:
            now = {id(unit) for unit in units}
            before = {id(unit) for unit in self.units}
            added = [r for unit in units if id(unit) not in before for r in unit]
            removed = [r for unit in self.units if id(unit) not in now for r in unit]
        if any(r.model is None or r.kind in _GLOBAL_KINDS for r in (*added, *removed)):
            return False
        kinds = {_key(r): r.kind for r in removed}
        ids = self.ids
        for key in kinds:
            del ids[key]
        scoped_locals = self.scoped_locals
        scoped_locals.subtract(r.id for r in removed if _key(r) != r.id)
        for record in added:
            key = _key(record)
            if key in ids:
                return False  # used twice
            if key != record.id and record.id in ids:
                return False  # a relationship's id hiding a shared one
            if key == record.id and scoped_locals[key] > 0:
                return False  # a shared id hidden by a relationship's
            ids[key] = record
            if key != record.id:
                scoped_locals[record.id] += 1
        if any(ids.get(key) is None or ids[key].kind != kind for key, kind in kinds.items()):
            return False  # something went away, or changed kind: what referred to it?
        names = self._names_without(removed)
        for record in added:
            key, scope = _key(record), _scope(record)
            for name in _names_of(record):
                owners = names.setdefault(name, [])
                if any(
                    owner != key and (scope is None or other in (None, scope))
                    for owner, other in owners
                ):
                    return False
                owners.append((key, scope))
        if (
            _check_references(added, ids)
            or _check_claim_sources(added, ids)
            or _check_titles_name_their_person(added)
            or _quote_problems(added, self.sources, texts)
            or _language_problems(added, self.vietnamese, self.source_in)
        ):
            return False
        _MEMO.forget(removed)
        self.units = list(units)
        return True

    def _names_without(self, removed: Sequence[Record]) -> dict[str, list[tuple[str, str | None]]]:
        """The names table without `removed`'s."""
        names = self.names
        for record in removed:
            key = _key(record)
            for name in _names_of(record):
                names[name] = [owner for owner in names.get(name, ()) if owner[0] != key]
        return names
