"""A briefing as plain text for the terminal: the same content as the Discord embed."""

from __future__ import annotations

from bot.core.briefings.labels import Locale, label
from bot.core.briefings.model import Briefing, Line, SourceRef

__all__ = ["render_text"]


def _line(line: Line) -> str:
    cites = "".join(f" [{n}]" for n in line.cites)
    return f"{line.text}{cites}"


def _ref(number: int | None, ref: SourceRef, locale: Locale) -> str:
    head = f"[{number}] " if number is not None else "- "
    link = ref.url or f"({label('no_url', locale)})"
    title = f" — {ref.headline}" if ref.headline else ""
    return f"{head}{ref.label}{title}\n    {link}"


def render_text(briefing: Briefing, locale: Locale = "en") -> str:
    out = [briefing.title, "=" * min(len(briefing.title), 78)]
    if briefing.summary.text:
        out += [_line(briefing.summary), ""]
    for section in briefing.sections:
        out.append(f"{section.name}:")
        out += [f"  {_line(line)}" for line in section.lines]
        out.append("")
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
    if briefing.footer:
        out.append(briefing.footer)
    return "\n".join(line for line in out).strip() + "\n"
