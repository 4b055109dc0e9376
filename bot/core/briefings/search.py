"""/search: full-text search over every statement and name, best first."""

from __future__ import annotations

from bot.core.briefings.common import Context, nothing
from bot.core.briefings.labels import kind_label
from bot.core.briefings.model import Briefing, Line, Section

__all__ = ["SEARCH_LIMIT", "search"]

SEARCH_LIMIT = 10


async def search(ctx: Context, text: str) -> Briefing:
    hits = ctx.state.search.search(text, limit=SEARCH_LIMIT)
    shown = " ".join(text.split())[:80]
    statement_ids = [hit.ref for hit in hits if hit.kind == "statement"]
    statements = ctx.view.statements(statement_ids)
    names = [hit.ref for hit in hits if hit.kind == "name" and ctx.entity(hit.ref)]
    if not statements and not names:
        return nothing(ctx, text, ctx.t("not_found.search"))
    sections = []
    if names:
        kinds = ctx.state.factset.kinds
        lines = tuple(
            Line(f"{ctx.name(ref)} ({kind_label(kinds[ref], ctx.locale)})") for ref in names
        )
        sections.append(Section(ctx.label("names"), lines))
    if statements:
        lines = tuple(ctx.subject_line(s) for s in statements)
        sections.append(Section(ctx.label("results"), lines))
    return ctx.briefing(title=ctx.t("search.title", query=shown), sections=tuple(sections))
