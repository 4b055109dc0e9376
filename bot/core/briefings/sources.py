"""/sources: every source with its link, or the statements that rest on one source."""

from __future__ import annotations

from bot.core.briefings.common import Context, find, source_ref
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.facts.dates import FuzzyDate

__all__ = ["sources"]


async def sources(ctx: Context, source: str | None = None) -> Briefing:
    factset = ctx.state.factset
    if not source or not source.strip():
        listed = sorted(
            factset.sources.values(),
            key=lambda s: (FuzzyDate.parse(s.published).sort_key(), s.id),
            reverse=True,
        )
        for item in listed:
            ctx.citations.cite(item.id)
        return ctx.briefing(
            title=ctx.label("sources"),
            summary=Line(ctx.count(len(listed), "source")),
        )
    source_id = find(ctx, source, {"source"}, "sources", "source", ctx.t("not_found.source"))
    if isinstance(source_id, Briefing):
        return source_id
    found = factset.sources[source_id]
    ctx.citations.cite(found.id)
    statements = await ctx.store.statements_from(found.id)
    lines = tuple(ctx.subject_line(s) for s in statements)
    ref = source_ref(found, ctx.locale)
    return ctx.briefing(
        title=found.headline,
        summary=Line(ref.label + ("" if found.url else f" ({ctx.label('no_url')})"), (1,)),
        sections=(Section(ctx.label("statements"), lines),) if lines else (),
        url=found.url,
    )
