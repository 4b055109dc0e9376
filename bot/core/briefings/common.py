"""What every briefing needs: the context it is built in, citations, names, dates, and the
answers for "nothing matched" and "several matched"."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from bot.core.briefings.labels import Locale, kind_label, label
from bot.core.briefings.model import Briefing, Choice, Line, Related, SourceRef, Status
from bot.core.facts.dates import stated_date
from bot.core.facts.factset import Entity, FactStatement
from bot.core.facts.models import Claim, FurtherReading, Named, Source
from bot.core.facts.scope import scoped_id
from bot.core.i18n import t, tn
from bot.core.matching import Candidate, Resolution
from bot.core.matching.index import display_label
from bot.core.service import FactsState
from bot.core.store.view import FactsView

__all__ = [
    "Citations", "Context", "carried_on", "choice_for", "claim_text", "clip", "date_text",
    "find", "name_of", "newest_source", "nothing", "picker", "quoted", "related", "source_ref",
    "unresolved",
]  # fmt: skip

CHOICE_LABEL = 100
"""Discord's limit for a select option's label; "did you mean" uses the same label."""
RELATED_LABEL = 80
"""Discord's limit for a button's label."""


def clip(text: str, limit: int) -> str:
    """`text` within `limit` characters, cut at a word with "…" (never mid-word, never an
    unclosed bracket left dangling at the end)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" ,;:·–—(")
    if cut.count("(") > cut.count(")"):
        cut = cut[: cut.rindex("(")].rstrip(" ,;:·–—")
    return cut + "…"


def newest_source(sources: Iterable[Source]) -> Source | None:
    """The most recently published source: how fresh the facts are. A source that states
    no date is never the newest: nothing says it is newer than any other."""
    dated = [(when, s) for s in sources if (when := s.published_date) is not None]
    return max(dated, key=lambda pair: pair[0].sort_key(), default=(None, None))[1]


def related(label: str, command: str, option: str, value: str) -> Related:
    """A button's worth of "see also": `/command option:value` labelled within 80 characters."""
    return Related(clip(label, RELATED_LABEL), command, ((option, value),))


def date_text(value: str, locale: Locale, *, short: bool = True) -> str:
    """A date as the reader reads it; "not stated" says so ("date not stated")."""
    found = stated_date(value)
    return found.display(locale, short=short) if found is not None else t("date.not_stated", locale)


def source_ref(source: Source | FurtherReading, locale: Locale) -> SourceRef:
    """`Viet Nam News, 5 Feb 2026`: enough to find the article when there is no link."""
    title = source.headline if isinstance(source, Source) else source.title
    label = f"{source.outlet}, {date_text(source.published, locale)}"
    return SourceRef(source.id, label, title, source.url)


def carried_on(ctx: Context, source: Source) -> str | None:
    """For a source that states no date of its own but is carried on another's page (a
    teaser): that page and its date, the only dating the material gives; else None."""
    carrier = ctx.state.factset.sources.get(source.part_of or "")
    if source.published_date is not None or carrier is None:
        return None
    when = date_text(carrier.published, ctx.locale)
    return ctx.t("sources.carried_on", headline=carrier.headline, date=when)


def claim_text(claim: FactStatement | Claim, locale: Locale) -> str:
    """The claim as a reader of that language reads it: the curators' Vietnamese wording for
    `vi` (required where the relationship is read in Vietnamese), else the English."""
    return (claim.text_vi or claim.text) if locale == "vi" else claim.text


def name_of(entity: Named, locale: Locale) -> str:
    """The name a reader of that language expects: Vietnamese form for `vi` where known."""
    return (entity.name_vi or entity.name_en) if locale == "vi" else entity.name_en


@dataclass(slots=True)
class Citations:
    """Numbers sources in the order they are first cited, for `[1]`-style references."""

    sources: dict[str, Source]
    locale: Locale
    _order: dict[str, int] = field(default_factory=dict)

    def cite(self, source_id: str) -> int:
        return self._order.setdefault(source_id, len(self._order) + 1)

    def line(self, statement: FactStatement, prefix: str = "") -> Line:
        return Line(prefix + claim_text(statement, self.locale), (self.cite(statement.source),))

    def refs(self) -> tuple[SourceRef, ...]:
        return tuple(source_ref(self.sources[i], self.locale) for i in self._order)


@dataclass(slots=True)
class Context:
    """One request: the facts as loaded when it started, and the reader's locale."""

    state: FactsState
    locale: Locale
    relationship: str | None = None
    """The relationship asked about; `state` then holds its facts only. None only where the
    bot has one relationship, or for /about listing them all."""
    citations: Citations = field(init=False)

    def __post_init__(self) -> None:
        self.citations = Citations(self.state.factset.sources, self.locale)

    @property
    def view(self) -> FactsView:
        """Every lookup a briefing makes goes through this one read model."""
        return self.state.view

    def t(self, key: str, /, **values: object) -> str:
        """The catalogue's message `key` in the reader's language (bot/core/i18n/*.toml)."""
        return t(key, self.locale, **values)

    def say(self, english: str, vietnamese: str) -> str:
        """Transitional: a sentence given inline in both languages. New text goes into the
        catalogue (`ctx.t`), where a translator sees every string side by side."""
        return vietnamese if self.locale == "vi" else english

    def label(self, key: str) -> str:
        return label(key, self.locale)

    def entity(self, entity_id: str) -> Entity | None:
        return self.state.factset.entities.get(entity_id)

    def name(self, entity_id: str) -> str:
        entity = self.entity(entity_id)
        if entity is not None:
            return name_of(entity, self.locale)
        relationship = self.state.factset.relationships.get(entity_id)
        if relationship is not None:
            vietnamese = relationship.name_vi if self.locale == "vi" else None
            return vietnamese or relationship.name_en
        return entity_id

    def subject_line(self, statement: FactStatement) -> Line:
        """A statement shown away from its subject, led by the subject's name ("Tô Lâm: …").

        A title's text already starts with the English name; it is replaced, not repeated."""
        text = claim_text(statement, self.locale)
        entity = self.entity(statement.subject)
        if statement.role == "title" and entity is not None:
            text = text.split(": ", 1)[-1]
        return Line(
            f"{self.name(statement.subject)}: {text}", (self.citations.cite(statement.source),)
        )

    def count(self, number: int, noun: str) -> str:
        """`4 pillars` / `4 trụ cột`, `1,234 statements` / `1.234 thông tin`."""
        return tn(f"count.{noun}", number, self.locale)

    def footer(self, extra: str = "") -> str:
        """How fresh the facts are, in words a member can use: the newest source's date and
        how much backs the answers. (The version hash is for admins: /facts status, logs.)"""
        fresh = _freshness(self)
        return f"{extra} · {fresh}" if extra else fresh

    def resolve(self, query: str, kinds: Collection[str]) -> Resolution:
        """An exact id (what autocomplete and choice menus send back) wins; else match names."""
        factset = self.state.factset
        key = query.strip()
        if self.relationship is not None and scoped_id(self.relationship, key) in factset.kinds:
            key = scoped_id(self.relationship, key)  # an id as the files write it
        kind = factset.kinds.get(key) or ("source" if key in factset.sources else None)
        if kind is not None and kind in kinds:
            label = display_label(self.state.records[key])
            return Resolution("match", Candidate(key, kind, label, 1.0, key))
        return self.state.index.resolve(query, kinds=kinds)

    def briefing(self, **fields: object) -> Briefing:
        """A briefing carrying this context's citations and footer."""
        fields.setdefault("sources", self.citations.refs())
        fields.setdefault("footer", self.footer())
        fields.setdefault("version", self.state.factset.version)
        return Briefing(**fields)  # type: ignore[arg-type]


_FRESHNESS: dict[tuple[str, str | None, Locale], str] = {}


def _freshness(ctx: Context) -> str:
    """`Facts as of 5 Feb 2026 · 130 statements from 7 sources`, once per version and locale."""
    factset = ctx.state.factset
    key = (factset.version, ctx.relationship, ctx.locale)
    if key not in _FRESHNESS:
        if len(_FRESHNESS) > 8:  # a few versions live at once during a reload
            _FRESHNESS.clear()
        newest = newest_source(factset.sources.values())
        statements = ctx.count(len(factset.statements), "statement")
        sources = ctx.count(len(factset.sources), "source")
        backing = ctx.t("about.backing", statements=statements, sources=sources)
        if newest is not None:
            when = date_text(newest.published, ctx.locale)
            backing = ctx.t("footer.fresh", date=when, backing=backing)
        _FRESHNESS[key] = backing
    return _FRESHNESS[key]


def choice_for(candidate: Candidate, ctx: Context) -> Choice:
    record = ctx.state.records.get(candidate.id)
    text = display_label(record) if record is not None else candidate.label
    return Choice(clip(text, CHOICE_LABEL), candidate.id, kind_label(candidate.kind, ctx.locale))


def find(
    ctx: Context, query: str, kinds: Collection[str], command: str, option: str, what: str
) -> str | Briefing:
    """The id `query` names, or the answer to give instead (pick one / did you mean)."""
    resolution = ctx.resolve(query, kinds)
    if resolution.status == "match" and resolution.match is not None:
        return resolution.match.id
    return unresolved(ctx, query, resolution, command, option, what)


def nothing(ctx: Context, query: str, reason: str) -> Briefing:
    """A private "nothing found" that repeats what was asked."""
    return ctx.briefing(
        title=ctx.label("not_found"),
        summary=Line(f"{quoted(query)} — {reason}"),
        status="not_found",
        private=True,
        sources=(),
    )


def unresolved(
    ctx: Context, query: str, resolution: Resolution, command: str, option: str, what: str
) -> Briefing:
    """The friendly answer for "several match" (pick one) and "nothing matches"."""
    if resolution.status == "ambiguous":
        choices = tuple(choice_for(c, ctx) for c in resolution.candidates)
        return picker(ctx, ctx.label("pick_one"), quoted(query), choices, command, option)
    suggestions = tuple(choice_for(c, ctx) for c in resolution.suggestions)
    hint = f"{ctx.label('did_you_mean')}: " + ", ".join(s.label for s in suggestions) + "?"
    summary = f"{quoted(query)} — {what}."
    return picker(
        ctx,
        ctx.label("not_found"),
        f"{summary}\n{hint}" if suggestions else summary,
        suggestions,
        command,
        option,
        status="not_found",
    )


def picker(
    ctx: Context,
    title: str,
    summary: str,
    choices: tuple[Choice, ...],
    command: str,
    option: str,
    status: Status = "ambiguous",
) -> Briefing:
    """A private answer that asks the reader to pick: each choice runs `command` again with
    `option` set to it, keeping whatever else they asked."""
    return ctx.briefing(
        title=title,
        summary=Line(summary),
        status=status,
        choices=choices,
        choice_command=command,
        choice_option=option,
        private=True,
        sources=(),
    )


def quoted(query: str) -> str:
    """What was asked, as typed, within 80 characters cut at a word (the renderer keeps it
    from being drawn as markup or a link)."""
    return f"“{clip(query, 80)}”"
