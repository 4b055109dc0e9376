"""A briefing as plain text for the terminal: the same content as the Discord embed.

A terminal has nothing to tap, so the whole briefing is printed: first what Discord shows on
its first screen, then the rest under "More", then the sources, and the related answers as
commands that can be typed back."""

from __future__ import annotations

from bot.core.briefings.labels import Locale, label
from bot.core.briefings.model import Briefing, Line, Related, Section, SourceRef, whole
from bot.core.i18n import t

__all__ = ["render_text"]


def _line(line: Line) -> str:
    cites = f" [{', '.join(str(n) for n in line.cites)}]" if line.cites else ""
    return f"{line.text}{cites}"


def _ref(number: int | None, ref: SourceRef, locale: Locale) -> str:
    head = f"[{number}] " if number is not None else "- "
    link = ref.url or f"({label('no_url', locale)})"
    title = f"{ref.headline} — {ref.label}" if ref.headline else ref.label
    return f"{head}{title}\n    {link}"


def _section(name: str, lines: tuple[Line, ...]) -> list[str]:
    return [f"{name}:", *(f"  {_line(line)}" for line in lines), ""]


def _command(related: Related) -> str:
    options = " ".join(f"{name}:{value}" for name, value in related.options)
    return f"/{related.command} {options}".rstrip()


def render_text(briefing: Briefing, locale: Locale = "en") -> str:
    briefing = whole(briefing)  # nothing to tap for the next page: every page, formatted now
    out = [briefing.title, "=" * min(len(briefing.title), 78)]
    if briefing.summary.text:
        out += [_line(briefing.summary), ""]
    for section in briefing.sections:
        if section.glance:
            out += _section(section.name, section.glance)
    more: list[Section] = [s for s in briefing.sections if s.rest]
    if more:
        out += [f"— {label('more', locale)} —", ""]
        for section in more:
            out += _section(section.name, section.rest)
    if briefing.choices and briefing.choice_command:
        out.append(f"{label('pick_one', locale)}:" if briefing.status == "ambiguous" else "")
        for choice in briefing.choices:
            # The value (an id) is what the command takes back: the line can be typed as is.
            command = f"/{briefing.choice_command} {briefing.choice_option}:{choice.value}"
            out.append(f"  {command}  — {choice.label}")
        out.append("")
    if briefing.sources:
        out.append(f"{label('sources', locale)}:")
        out += [f"  {_ref(n, ref, locale)}" for n, ref in enumerate(briefing.sources, start=1)]
        out.append("")
    if briefing.further_reading:
        out.append(f"{label('further_reading', locale)}:")
        out += [f"  {_ref(None, ref, locale)}" for ref in briefing.further_reading]
        out.append("")
    if briefing.related:
        out.append(f"{label('see_also', locale)}:")
        out += [f"  {_command(r)}  — {r.label}" for r in briefing.related]
        out.append("")
    if briefing.footer:
        out.append(briefing.footer)
    if briefing.version:  # a curator checking a reload wants to see which facts answered
        out.append(t("footer.version", locale, version=briefing.version))
    return "\n".join(line for line in out).strip() + "\n"
