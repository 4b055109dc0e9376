"""A briefing as Discord embeds: a short first screen, the rest one tap away, always inside
Discord's limits.

Page 1 is the briefing's first screen: the lede, the lines each section marks for it and the
sources they cite, in at most `FIRST_SCREEN` characters. Later pages hold everything else in
order, nothing dropped. Each page lists only the sources its own lines cite (numbers stay the
same on every page), so a source's URL appears once per message, in that list; citation
markers in the text are plain `[1]`, never links.

Every piece of text from the facts or the user is escaped (markdown, mentions, channel and
timestamp markup, URLs) here, in one place, before our own formatting (links, bold) is added;
link text is cleaned instead, since Discord shows escapes inside a masked link's text as typed.
Every message is sent with `allowed_mentions` set to none, so nothing can ever ping.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import discord

from bot.core.briefings.labels import Locale, label
from bot.core.briefings.model import Briefing, Line, SourceRef, page_of

__all__ = [
    "FIRST_SCREEN", "LATER_PAGE", "LIMITS", "escape", "link_text", "render_page", "render_pages",
    "shorten",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Limits:
    title: int = 256
    description: int = 4096
    fields: int = 25
    field_name: int = 256
    field_value: int = 1024
    footer: int = 2048
    total: int = 6000


LIMITS = Limits()
FIRST_SCREEN = 1500
"""Characters on the first page (title, lede, fields, sources, footer): one phone screen."""
LATER_PAGE = 3000
"""Characters on each later page: a reader who tapped for more reads a little longer."""
COLOUR = discord.Colour(0xDA251D)
STATUS_COLOURS = {
    "ok": COLOUR,
    "ambiguous": discord.Colour.gold(),
    "not_found": discord.Colour.light_grey(),
    "invalid": discord.Colour.orange(),
    "error": discord.Colour.red(),
}
# Room kept in each embed for the "page n/m" footer suffix.
PAGE_SUFFIX_ROOM = 32
HEADLINE_ROOM = 150

_ANGLE = re.compile(r"<")
_SCHEME = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)")
_LINK_UNSAFE = str.maketrans({"[": "(", "]": ")", "<": "‹", ">": "›", "\\": "/", "*": "·",
                              "_": " ", "~": "-", "|": "/", "`": "'"})  # fmt: skip


@functools.lru_cache(maxsize=32_768)
def escape(text: str) -> str:
    """Show text as typed: no markdown, no mentions, no masked links, and none of Discord's
    `<…>` markup (channel links, timestamps, command and emoji mentions); a typed URL is shown,
    not linked (a zero-width space after its scheme's colon, as for mentions).

    Cached: fact texts recur in every answer, and the escaping regexes were the largest cost
    of rendering a long briefing (bench/bench_commands.py, /timeline on 10k facts)."""
    escaped = discord.utils.escape_markdown(text, as_needed=False)
    escaped = _ANGLE.sub(r"\\<", escaped)
    escaped = _SCHEME.sub("\\1:\u200b", escaped)
    return discord.utils.escape_mentions(escaped)


def link_text(text: str) -> str:
    """Text for inside `[…](url)`: Discord shows escapes there literally, so characters that
    would need one are replaced by look-alikes instead, and no URL can pose as the text."""
    cleaned = " ".join(text.translate(_LINK_UNSAFE).split())
    cleaned = cleaned.replace("://", ": //").replace("@", "@\u200b")
    return cleaned or "link"


def shorten(text: str, limit: int, more: str = "") -> str:
    """Cut at a word with an ellipsis (and a pointer to more) when `text` is too long."""
    if len(text) <= limit:
        return text
    tail = f"… {more}" if more else "…"
    room = max(0, limit - len(tail))
    cut = text[:room]
    if " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip()
    if cut.endswith("\\") and not cut.endswith("\\\\"):  # never leave half an escape
        cut = cut[:-1]
    return cut + tail


def _cites(line: Line) -> str:
    """` [1]` / ` [1, 3]`: plain markers; the link is in the page's source list."""
    return f" [{', '.join(str(n) for n in line.cites)}]" if line.cites else ""


def _line(line: Line, limit: int = LIMITS.field_value) -> str:
    """The text is cut before its citation markers are added, so a cut line keeps its [n]."""
    cites = _cites(line)
    return shorten(escape(line.text), max(0, limit - len(cites))) + cites


def _source_line(number: int | None, ref: SourceRef, locale: Locale, linked: bool) -> str:
    """`[1] [Headline](url) · Outlet, 5 Feb 2026`; the headline (or, without one, the
    outlet and date) is what a reader clicks."""
    head = f"[{number}] " if number is not None else "• "
    headline = shorten(ref.headline, HEADLINE_ROOM)
    if ref.url and linked:
        shown = link_text(headline or ref.label)
        tail = f" · {escape(ref.label)}" if headline else ""
        return f"{head}[{shown}]({ref.url}){tail}"
    text = f"*{escape(headline)}* · {escape(ref.label)}" if headline else escape(ref.label)
    return head + text + ("" if ref.url else f" ({label('no_url', locale)})")


def _field_name(name: str) -> str:
    return shorten(escape(name), LIMITS.field_name - 8)


def _fields(name: str, lines: Iterable[str], inline: bool = False) -> list[tuple[str, str, bool]]:
    """One block as one or more fields of at most 1024 characters, split between lines."""
    fields: list[tuple[str, str, bool]] = []
    current = ""
    for raw in lines:
        line = shorten(raw, LIMITS.field_value)
        if current and len(current) + 1 + len(line) > LIMITS.field_value:
            fields.append((name if not fields else f"{name} (…)", current, inline))
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        fields.append((name if not fields else f"{name} (…)", current, inline))
    return fields


@dataclass(frozen=True, slots=True)
class _Group:
    """A section (or the further reading) as drawn: its field name and layout."""

    name: str
    inline: bool = False
    after_sources: bool = False


@dataclass(frozen=True, slots=True)
class _Item:
    """One line of a group; an item with no group only brings its sources onto a page."""

    group: int | None
    text: str
    cites: tuple[int, ...] = ()


@dataclass(slots=True)
class _Page:
    """Items placed on one page; `size` is the page's exact character count as drawn."""

    render: _Renderer
    base: int
    items: list[_Item] = field(default_factory=list)
    cites: set[int] = field(default_factory=set)
    size: int = 0
    continued: frozenset[int] = frozenset()
    """Groups begun on an earlier page: their fields here are named "… (…)"."""

    def __post_init__(self) -> None:
        self.size = self.base + sum(len(n) + len(v) for n, v, _ in self.fields())

    def fields(self) -> list[tuple[str, str, bool]]:
        return self.render.fields(self.items, self.cites, self.continued)

    def try_add(self, item: _Item, budget: int) -> bool:
        """Add `item` if the page stays within `budget` (and always within Discord's limits);
        an empty page takes any item that fits Discord's limits."""
        trial_items = [*self.items, item]
        trial_cites = self.cites | set(item.cites)
        fields = self.render.fields(trial_items, trial_cites, self.continued)
        size = self.base + sum(len(name) + len(value) for name, value, _ in fields)
        hard = size <= LIMITS.total and len(fields) <= LIMITS.fields
        if not hard or (self.items and size > budget):
            return False
        self.items, self.cites, self.size = trial_items, trial_cites, size
        return True


@dataclass(slots=True)
class _Renderer:
    briefing: Briefing
    locale: Locale
    groups: list[_Group] = field(default_factory=list)
    source_lines: dict[int, str] = field(default_factory=dict)
    """Each cited source's line, made once: a page is re-measured for every item it takes."""

    def source_line(self, number: int, ref: SourceRef) -> str:
        line = self.source_lines.get(number)
        if line is None:
            linked = ref.url != self.briefing.url
            line = self.source_lines[number] = _source_line(number, ref, self.locale, linked)
        return line

    def fields(
        self, items: list[_Item], cites: set[int], continued: frozenset[int] = frozenset()
    ) -> list[tuple[str, str, bool]]:
        """The fields of a page: its groups in order, then its sources, then further reading."""
        fields: list[tuple[str, str, bool]] = []
        after: list[tuple[str, str, bool]] = []
        for index in dict.fromkeys(i.group for i in items if i.group is not None):
            group = self.groups[index]
            texts = [i.text for i in items if i.group == index]
            name = f"{group.name} (…)" if index in continued else group.name
            (after if group.after_sources else fields).extend(_fields(name, texts, group.inline))
        if cites:
            lines = [
                self.source_line(n, ref)
                for n in sorted(cites)
                if 0 < n <= len(self.briefing.sources)
                and (ref := self.briefing.sources[n - 1]) is not None
            ]
            fields += _fields(label("sources", self.locale), lines)
        return fields + after


def _items(
    briefing: Briefing, locale: Locale, line_limit: int = LIMITS.field_value
) -> tuple[list[_Group], list[_Item], list[_Item]]:
    """The groups, the first screen's items and the rest, each in reading order."""
    groups: list[_Group] = []
    first: list[_Item] = []
    rest: list[_Item] = []
    for section in briefing.sections:
        groups.append(_Group(_field_name(section.name), section.inline))
        index = len(groups) - 1
        first += [_Item(index, _line(line, line_limit), line.cites) for line in section.glance]
        rest += [_Item(index, _line(line, line_limit), line.cites) for line in section.rest]
    cited = {n for line in (briefing.summary, *_lines(briefing)) for n in line.cites}
    orphans = [  # listed, not cited (the /sources overview): they go on the first screen
        _Item(None, "", (n,)) for n in range(1, len(briefing.sources) + 1) if n not in cited
    ]
    first += orphans
    if briefing.further_reading:
        groups.append(_Group(_field_name(label("further_reading", locale)), after_sources=True))
        index = len(groups) - 1
        seen = {ref.url for ref in briefing.sources if ref.url} | {briefing.url}
        for ref in briefing.further_reading:
            if ref.url in seen:
                continue  # a link shown once is enough
            seen.add(ref.url)
            rest.append(_Item(index, _source_line(None, ref, locale, linked=True)))
    return groups, first, rest


def _lines(briefing: Briefing) -> Iterable[Line]:
    return (line for section in briefing.sections for line in section.lines)


@dataclass(frozen=True, slots=True)
class _Frame:
    """What every page of a briefing shares: title, colour, footer, the lede."""

    title: str
    footer: str
    base: int
    description: str
    lede_cites: frozenset[int]

    @classmethod
    def of(cls, briefing: Briefing) -> _Frame:
        title = shorten(escape(briefing.title), LIMITS.title)
        footer = shorten(briefing.footer, LIMITS.footer - PAGE_SUFFIX_ROOM)
        base = len(title) + len(footer) + PAGE_SUFFIX_ROOM
        # Each part has its own limit, and together they must also fit the embed's total.
        room = min(LIMITS.description, LIMITS.total - base)
        description = _line(briefing.summary, room) if briefing.summary.text else ""
        # The lede's sources are listed on the first page, with the lines'.
        lede_cites = frozenset(briefing.summary.cites) if description else frozenset()
        return cls(title, footer, base, description, lede_cites)

    def embed(
        self, briefing: Briefing, page: _Page, number: int, count: int, locale: Locale
    ) -> discord.Embed:
        embed = discord.Embed(
            title=self.title,
            description=(self.description or None) if number == 1 else None,
            colour=STATUS_COLOURS[briefing.status],
            url=briefing.url,
        )
        for name, value, inline in page.fields():
            embed.add_field(name=name, value=value, inline=inline)
        suffix = f" · {label('page', locale)} {number}/{count}" if count > 1 else ""
        if self.footer or suffix:
            embed.set_footer(text=(self.footer + suffix).strip(" ·"))
        return embed


def render_pages(briefing: Briefing, locale: Locale = "en") -> list[discord.Embed]:
    """Page 1 is the first screen; later pages hold the rest, in order.

    A briefing the core pages itself (`Briefing.pages`) is drawn one core page per embed;
    every page is formatted here, so a reply uses `render_page` instead."""
    if briefing.pages is not None:
        count = briefing.pages.count
        return [_core_page(briefing, locale, n, count) for n in range(count)]
    frame = _Frame.of(briefing)
    groups, first, rest = _items(briefing, locale)
    renderer = _Renderer(briefing, locale, groups)
    top = frame.base + len(frame.description)
    everything = _Page(renderer, top, cites=set(frame.lede_cites))
    if all(everything.try_add(item, FIRST_SCREEN) for item in _ordered(first, rest, groups)):
        pages = [everything]  # short enough to show whole: no page to tap for
    else:
        pages = [_Page(renderer, top, cites=set(frame.lede_cites))]
        later: list[_Item] = []
        for item in first:  # in reading order: after the first that does not fit, none does
            if later or not pages[0].try_add(item, FIRST_SCREEN):
                later.append(item)
        # The groups placed so far, kept as items are placed: gathering them from every page
        # at each new page made a long briefing quadratic (4,000 pages took seconds).
        shown = {i.group for i in pages[0].items if i.group is not None}
        for item in _ordered(later, rest, groups):
            taken = len(pages) > 1 and pages[-1].try_add(item, LATER_PAGE)
            if not taken:
                pages.append(_Page(renderer, frame.base, continued=frozenset(shown)))
                taken = pages[-1].try_add(item, LATER_PAGE)
            if taken and item.group is not None:
                shown.add(item.group)
    return [
        frame.embed(briefing, placed, number, len(pages), locale)
        for number, placed in enumerate(pages, start=1)
    ]


def render_page(briefing: Briefing, locale: Locale, page: int) -> tuple[discord.Embed, int, int]:
    """The embed of page `page` (0-based, clamped), that page's index and the number of
    pages. Of a briefing the core pages itself only that page is formatted and drawn."""
    if briefing.pages is None:
        pages = render_pages(briefing, locale)
        page = min(max(page, 0), len(pages) - 1)
        return pages[page], page, len(pages)
    count = briefing.pages.count
    page = min(max(page, 0), count - 1)
    return _core_page(briefing, locale, page, count), page, count


MIN_LINE = 64
"""The shortest a line is cut to when a core page would not fit one embed otherwise."""


def _core_page(briefing: Briefing, locale: Locale, page: int, count: int) -> discord.Embed:
    """One page the core cut (`Pages`) as one embed: the core chose what is on it, so the
    reading budgets do not apply, only Discord's limits. A page too long for those (lines
    near 1,024 characters each) has its lines cut shorter, never moved to a page the core
    did not make."""
    shown = page_of(briefing, page)
    frame = _Frame.of(shown)
    top, lede = (
        (frame.base + len(frame.description), frame.lede_cites)
        if page == 0
        else (frame.base, frozenset())
    )
    limit = LIMITS.field_value
    while True:
        groups, first, rest = _items(shown, locale, limit)
        placed = _Page(_Renderer(shown, locale, groups), top, cites=set(lede))
        fits = [placed.try_add(item, LIMITS.total) for item in _ordered(first, rest, groups)]
        if all(fits) or limit <= MIN_LINE:
            return frame.embed(shown, placed, page + 1, count, locale)
        limit = max(MIN_LINE, limit // 2)


def _ordered(first: list[_Item], rest: list[_Item], groups: list[_Group]) -> list[_Item]:
    """Items in reading order: by group (sections in order, then further reading), a group's
    first-screen items before its other items; items of no group (listed sources) last."""
    last = len(groups)
    keyed = [(last if i.group is None else i.group, 0, n, i) for n, i in enumerate(first)]
    keyed += [(last if i.group is None else i.group, 1, n, i) for n, i in enumerate(rest)]
    return [item for *_, item in sorted(keyed, key=lambda k: (k[0], k[1], k[2]))]
