"""A briefing as Discord embeds, always inside Discord's limits.

Every piece of text from the facts or the user is escaped (markdown and mentions) here, in one
place, before our own formatting (links, bold) is added; and every message is sent with
`allowed_mentions` set to none, so nothing can ever ping.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import discord

from bot.core.briefings.labels import Locale, label
from bot.core.briefings.model import Briefing, Line, Section, SourceRef

__all__ = ["LIMITS", "escape", "render_pages", "shorten"]


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


@functools.lru_cache(maxsize=32_768)
def escape(text: str) -> str:
    """Show text as typed: no markdown, no mentions, no masked links.

    Cached: fact texts recur in every answer, and the escaping regexes were the largest cost
    of rendering a long briefing (bench/bench_commands.py, /timeline on 10k facts)."""
    escaped = discord.utils.escape_markdown(text, as_needed=False)
    return discord.utils.escape_mentions(escaped)


def shorten(text: str, limit: int, more: str = "") -> str:
    """Cut at a word with an ellipsis (and a pointer to more) when `text` is too long."""
    if len(text) <= limit:
        return text
    tail = f"… {more}" if more else "…"
    room = max(0, limit - len(tail))
    cut = text[:room]
    if " " in cut[room // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + tail


def _cites(line: Line, sources: tuple[SourceRef, ...]) -> str:
    marks = []
    for number in line.cites:
        ref = sources[number - 1] if 0 < number <= len(sources) else None
        marks.append(f"[\\[{number}\\]]({ref.url})" if ref and ref.url else f"\\[{number}\\]")
    return (" " + " ".join(marks)) if marks else ""


def _line(line: Line, sources: tuple[SourceRef, ...], limit: int = LIMITS.field_value) -> str:
    """The text is cut before its citation markers are added, so a cut line keeps its [n]."""
    cites = _cites(line, sources)
    return shorten(escape(line.text), max(0, limit - len(cites))) + cites


def _source_line(number: int | None, ref: SourceRef, locale: Locale) -> str:
    head = f"\\[{number}\\] " if number is not None else "• "
    name = escape(ref.label)
    linked = f"[{name}]({ref.url})" if ref.url else f"{name} ({label('no_url', locale)})"
    headline = f" — *{escape(shorten(ref.headline, 150))}*" if ref.headline else ""
    return head + linked + headline


def _fields(name: str, lines: list[str], inline: bool = False) -> list[tuple[str, str, bool]]:
    """One section as one or more fields of at most 1024 characters, split between lines."""
    name = shorten(escape(name), LIMITS.field_name - 8)
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


def _all_fields(briefing: Briefing, locale: Locale) -> list[tuple[str, str, bool]]:
    fields: list[tuple[str, str, bool]] = []
    for section in briefing.sections:
        fields += _section(section, briefing.sources)
    if briefing.sources:
        lines = [_source_line(n, ref, locale) for n, ref in enumerate(briefing.sources, start=1)]
        fields += _fields(label("sources", locale), lines)
    if briefing.further_reading:
        lines = [_source_line(None, ref, locale) for ref in briefing.further_reading]
        fields += _fields(label("further_reading", locale), lines)
    return fields


def _section(section: Section, sources: tuple[SourceRef, ...]) -> list[tuple[str, str, bool]]:
    return _fields(section.name, [_line(line, sources) for line in section.lines], section.inline)


def render_pages(briefing: Briefing, locale: Locale = "en") -> list[discord.Embed]:
    """One embed per page; a page is full at 25 fields or 6000 characters in all."""
    title = shorten(escape(briefing.title), LIMITS.title)
    footer = shorten(briefing.footer, LIMITS.footer - PAGE_SUFFIX_ROOM)
    colour = STATUS_COLOURS[briefing.status]
    base = len(title) + len(footer) + PAGE_SUFFIX_ROOM
    # Each part has its own limit, and together they must also fit the embed's total.
    room = min(LIMITS.description, LIMITS.total - base)
    description = _line(briefing.summary, briefing.sources, room) if briefing.summary.text else ""

    pages: list[discord.Embed] = []
    embed = discord.Embed(
        title=title, description=description or None, colour=colour, url=briefing.url
    )
    size = base + len(description)
    for name, value, inline in _all_fields(briefing, locale):
        if len(embed.fields) >= LIMITS.fields or size + len(name) + len(value) > LIMITS.total:
            pages.append(embed)
            embed = discord.Embed(title=title, colour=colour, url=briefing.url)
            size = base
        embed.add_field(name=name, value=value, inline=inline)
        size += len(name) + len(value)
    pages.append(embed)
    for number, page in enumerate(pages, start=1):
        suffix = f" · {label('page', locale)} {number}/{len(pages)}" if len(pages) > 1 else ""
        if footer or suffix:
            page.set_footer(text=(footer + suffix).strip(" ·"))
    return pages
