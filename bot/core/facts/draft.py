"""From an article to a draft a curator edits: `python -m bot facts draft ARTICLE.txt ...`.

The article is stored as a source (its text and metadata, like any other), and a draft is
written to <relationship>/drafts/<source id>.toml: for each sentence that names a known person,
place, organisation or country, a candidate statement whose quote is that sentence, verbatim,
and whose `about` is what it names; as comments, the dates found, candidate events, names that
look like people or places but are unknown, and pillar keywords. A draft is never loaded until
a curator has rewritten its texts and set `reviewed = true`; until then `facts check` lists it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.core.facts.dates import MONTHS_EN
from bot.core.facts.factset import FactSet
from bot.core.facts.layout import DRAFTS_FOLDER
from bot.core.facts.scope import local_id
from bot.core.facts.write import schema_header, toml_document
from bot.core.text import fold

__all__ = ["DraftSource", "write_draft"]

_SENTENCE = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘A-ZÀ-Ỹ0-9])")
_MONTH = "|".join(MONTHS_EN)
_DATES = (
    (re.compile(rf"\b({_MONTH}) (\d{{1,2}})(?:-(\d{{1,2}}))?, (\d{{4}})\b"), "mdy"),
    (re.compile(rf"\b(\d{{1,2}}) ({_MONTH}) (\d{{4}})\b"), "dmy"),
    (re.compile(rf"\b({_MONTH}) (\d{{4}})\b"), "my"),
    (re.compile(rf"\b(?:on )({_MONTH}) (\d{{1,2}})\b(?!,? \d{{4}})"), "md"),
)
_EVENT_WORDS = {
    "state visit": "state-visit",
    "visit": "visit",
    "talks": "talks",
    "met": "meeting",
    "meets": "meeting",
    "received": "meeting",
    "meeting": "meeting",
    "signing": "meeting",
    "signed": "meeting",
}
_CAPITALISED = re.compile(r"\b[A-ZÀ-Ỹ][a-zà-ỹ]+(?:\s+[A-ZÀ-Ỹ][a-zà-ỹ]+){1,3}\b")


@dataclass(frozen=True, slots=True)
class DraftSource:
    id: str
    outlet: str
    headline: str
    published: str
    url: str | None = None


def sentences(text: str) -> list[str]:
    """The article's sentences, each exactly as written (so each can be quoted)."""
    found: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = " ".join(paragraph.split())
        found += [s.strip() for s in _SENTENCE.split(paragraph) if len(s.strip()) > 20]
    return found


def _names(factset: FactSet) -> dict[str, tuple[str, str]]:
    """Folded name -> (kind, id) for every named entity (events and pillars aside)."""
    table: dict[str, tuple[str, str]] = {}
    for kind, entity in factset.named_entities():
        if kind in ("event", "pillar", "topic"):
            continue
        for name in entity.all_names():
            key = _words(name).strip()
            if len(key) >= 3:
                table.setdefault(key, (kind, entity.id))
    return table


def _words(text: str) -> str:
    """Folded, with punctuation as spaces, padded: whole names are found as ` name `."""
    return " " + " ".join(re.sub(r"[^\w]+", " ", fold(text)).split()) + " "


def _found_in(sentence: str, names: dict[str, tuple[str, str]]) -> list[tuple[str, str]]:
    folded = _words(sentence)
    hits = [(kind, ident) for name, (kind, ident) in names.items() if f" {name} " in folded]
    return list(dict.fromkeys(hits))


def _dates(sentence: str) -> list[tuple[str, str]]:
    """(as written, the fact date it suggests); a day without a year stays without one."""
    months = {name: n for n, name in enumerate(MONTHS_EN, start=1)}
    found = []
    for pattern, form in _DATES:
        for m in pattern.finditer(sentence):
            if form == "mdy":
                month, day, end, year = months[m[1]], int(m[2]), m[3], m[4]
                date = f"{year}-{month:02d}-{day:02d}"
                date += f"/{year}-{month:02d}-{int(end):02d}" if end else ""
            elif form == "dmy":
                date = f"{m[3]}-{months[m[2]]:02d}-{int(m[1]):02d}"
            elif form == "my":
                date = f"{m[2]}-{months[m[1]]:02d}"
            else:
                date = f"--{months[m[1]]:02d}-{int(m[2]):02d}"
            found.append((m[0], date))
    return list(dict.fromkeys(found))


def _pillar_words(text: str, factset: FactSet, relationship: str) -> list[str]:
    """The relationship's own pillars named in the text, by the id its files write."""
    folded = _words(text)
    hits = []
    for entity in factset.of_kind("pillar"):
        if factset.entity_relationship.get(entity.id) != relationship:
            continue
        if any(_words(name) in folded for name in entity.all_names()):
            hits.append(local_id(entity.id))
    return hits


def _unknown_names(sentence: str, names: dict[str, tuple[str, str]]) -> list[str]:
    """Runs of capitalised words that share no word with a known name: maybe a person or
    place to add (title words such as "Deputy Minister" come along; the curator trims)."""
    known_words = {word for name in names for word in name.split()}
    unknown = []
    for match in _CAPITALISED.finditer(sentence):
        words = fold(match[0]).split()
        if not any(word in known_words for word in words):
            unknown.append(match[0])
    return unknown


def write_draft(
    root: Path, relationship: str, article: str, source: DraftSource, factset: FactSet
) -> tuple[Path, Path]:
    """Store the article as a source and write its draft; returns (source file, draft file)."""
    folder = root / relationship
    source_path = folder / "sources" / f"{source.id}.toml"
    draft_path = folder / DRAFTS_FOLDER / f"{source.id}.toml"
    for path in (source_path, source_path.with_suffix(".txt"), draft_path):
        if path.exists():
            raise FileExistsError(f"{path} exists already")
    metadata = {
        "outlet": source.outlet,
        "headline": source.headline,
        "published": source.published,
        "language": "en",
        "url": source.url,
        "note": "Stored by python -m bot facts draft; check the metadata against the page.",
    }
    source_path.parent.mkdir(parents=True, exist_ok=True)
    source_path.write_text(
        schema_header(root, source_path, "source") + toml_document(metadata), "utf-8"
    )
    source_path.with_suffix(".txt").write_text(article, encoding="utf-8")

    names = _names(factset)
    out = [
        schema_header(root, draft_path, "statement").rstrip("\n"),
        f"# Draft from {source.id}: rewrite each text in our own faithful words (attribute",
        "# opinions), trim each quote to the words that carry the claim, delete what is not a",
        "# fact worth keeping, move events into events/, then set reviewed = true.",
        "reviewed = false",
        "",
    ]
    comments: list[str] = []
    number = 0
    for sentence in sentences(article):
        found = _found_in(sentence, names)
        for written, date in _dates(sentence):
            comments.append(f"# date: {written!r} -> {date!r}")
        words = _words(sentence)
        kinds = [k for word, k in _EVENT_WORDS.items() if f" {word} " in words]
        if kinds and found:
            who = [i for k, i in found if k in ("person", "organisation", "country")]
            where = [i for k, i in found if k == "place"]
            dates = [d for _, d in _dates(sentence)]
            comments.append(
                f"# event? kind {kinds[0]!r}, participants {who}, place {where[:1]}, "
                f"date {dates[:1]}: {sentence[:80]!r}"
            )
        for name in _unknown_names(sentence, names):
            comments.append(f"# unknown name (a person or place to add?): {name!r}")
        if not found:
            continue
        number += 1
        entry = {
            "id": f"draft-{source.id}-{number}"[:64].rstrip("-"),
            "about": [ident for _, ident in found],
            "text": sentence,
            "source": source.id,
            "quote": sentence,
        }
        out += ["[[statements]]", toml_document(entry).rstrip("\n"), ""]
    pillars = _pillar_words(article, factset, relationship)
    if pillars:
        comments.append(f"# pillar keywords found: {pillars}")
    draft_path.parent.mkdir(parents=True, exist_ok=True)
    draft_path.write_text("\n".join([*out, *_unique(comments)]) + "\n", encoding="utf-8")
    return source_path, draft_path


def _unique(lines: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(lines))
