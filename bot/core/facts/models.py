"""The fact records: what a curator writes, one record per file (see layout.py).

Names are not claims; everything else is. A claim always carries the id of its source and a
short verbatim quote from it, so that a reader (and `facts check`) can verify it against the
source's text kept beside it. A record's `id` is its file name and a source's `archive` is
the text file beside it: the loader fills both in, a curator writes neither.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from bot.core.facts.dates import NOT_STATED, DateError, FuzzyDate, stated_date

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]


def _check_date(value: str) -> str:
    FuzzyDate.parse(value)
    return value


def _check_stated_date(value: str) -> str:
    try:
        stated_date(value)
    except DateError as error:
        raise DateError(f'{error}; or "{NOT_STATED}" where the source gives no date') from None
    return value


MAX_URL_LENGTH = 2048
"""Discord refuses an embed whose link is longer (400, 50035): every answer citing the
source would fail, so `facts check` refuses it first."""


def _check_url(value: str) -> str:
    if len(value) > MAX_URL_LENGTH:
        raise ValueError(
            f"the URL is {len(value):,} characters long; Discord allows {MAX_URL_LENGTH:,}"
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or "." not in parts.netloc or re.search(r"\s", value):
        raise ValueError(f"{value!r} is not an absolute http(s) URL")
    return value


FactDate = Annotated[str, AfterValidator(_check_date)]
StatedDate = Annotated[
    str,
    AfterValidator(_check_stated_date),
    Field(
        description=f'a date as the source states it, or "{NOT_STATED}" where it gives none '
        "(never a guess)",
        examples=["2026-02-05", "2025-12", "before 2026-01-26", NOT_STATED],
    ),
]
"""A date that the source may not give at all: a source's `published`, a title's `as_of`."""
Url = Annotated[str, AfterValidator(_check_url)]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]

EventKind = Literal[
    "state-visit", "visit", "talks", "meeting", "interview", "remarks", "announcement", "conference"
]
OrganisationKind = Literal[
    "party",
    "congress",
    "embassy",
    "ministry",
    "government",
    "news-agency",
    "delegation",
    "community",
    "other",
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Claim(Model):
    """A statement in our own faithful words, backed by a verbatim quote from one source."""

    text: Text
    source: Id
    quote: Quote
    text_vi: Text | None = Field(default=None, description="the same claim in Vietnamese")


class Source(Model):
    id: Id
    outlet: Name
    headline: Text
    published: StatedDate
    language: Language = "en"
    url: Url | None = None
    archive: str | None = Field(
        default=None,
        description="the source's text, relative to the facts root (set by the loader)",
    )
    part_of: Id | None = None
    note: str = ""

    @property
    def published_date(self) -> FuzzyDate | None:
        """None where the source states no date of its own (`published = "not stated"`)."""
        return stated_date(self.published)


class FurtherReading(Model):
    """Another report of an event: linked for the reader, never the source of a fact."""

    id: Id
    about: Id
    outlet: Name
    published: FactDate
    url: Url
    title: str = ""


class Named(Model):
    id: Id
    name_en: Name
    name_vi: Name | None = None
    name_native: Name | None = None
    aliases: list[Name] = Field(default_factory=list)

    def all_names(self) -> list[str]:
        names = [self.name_en, self.name_vi, self.name_native, *self.aliases]
        return [name for name in names if name]


class Title(Model):
    """A title held by a person, as a source states it on a given date."""

    title: Name
    title_vi: Name | None = None
    as_of: StatedDate
    source: Id
    quote: Quote


class Person(Named):
    country: Id
    titles: list[Title] = Field(default_factory=list)
    statements: list[Claim] = Field(default_factory=list)


class Country(Named):
    statements: list[Claim] = Field(default_factory=list)


class Place(Named):
    country: Id
    statements: list[Claim] = Field(default_factory=list)


class Organisation(Named):
    kind: OrganisationKind
    country: Id | None = None
    part_of: Id | None = None
    statements: list[Claim] = Field(default_factory=list)


class Topic(Named):
    """A concept the briefings explain, such as strategic cohesion."""

    summary: Claim
    statements: list[Claim] = Field(default_factory=list)


class Event(Named):
    kind: EventKind
    date: FactDate
    summary: Claim = Field(description="who, where and when, as the source says it")
    host: Id | None = None
    guest: Id | None = None
    place: Id | None = None
    participants: list[Id] = Field(default_factory=list)
    part_of: Id | None = None
    pillars: list[Id] = Field(default_factory=list)
    outcomes: list[Claim] = Field(default_factory=list)
    statements: list[Claim] = Field(default_factory=list)

    def parties(self) -> list[tuple[str, Id]]:
        """(role, id) of everything the event involves: who, where, and the pillars touched."""
        roles = [("host", self.host), ("guest", self.guest), ("place", self.place)]
        roles += [("participant", p) for p in self.participants]
        roles += [("pillar", p) for p in self.pillars]
        return [(role, ref) for role, ref in roles if ref is not None]


class Pillar(Named):
    summary: Claim
    order: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="where the pillar comes in lists: 1 first; unset ones last"
    )
    commitments: list[Claim] = Field(default_factory=list)


ReaderLanguage = Literal["en", "vi"]


def _english_only() -> list[ReaderLanguage]:
    return ["en"]


class Relationship(Model):
    id: Id
    countries: Annotated[list[Id], Field(min_length=2, max_length=2)]
    name_en: Text
    name_vi: Text | None = None
    aliases: list[Name] = Field(default_factory=list)
    languages: list[ReaderLanguage] = Field(
        default_factory=_english_only,
        description="the languages every claim, title and name a reader sees must be written "
        "in; with vi, each needs its text_vi / title_vi / name_vi",
    )
    key_points: list[Claim] = Field(default_factory=list)


class Statement(Claim):
    """A free-standing claim about one or more entities."""

    id: Id
    about: Annotated[list[Id], Field(min_length=1)]
    conflicts_with: list[Id] = Field(default_factory=list)


ENTITY_SECTIONS: dict[str, str] = {
    "countries": "country",
    "places": "place",
    "organisations": "organisation",
    "people": "person",
    "topics": "topic",
    "events": "event",
    "pillars": "pillar",
}
"""Folder name -> the entity kind it holds (also the kind names matching uses)."""
