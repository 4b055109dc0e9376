"""Every command, described once: both front ends build their commands from this table.

`answer` never raises: bad input becomes a friendly briefing, and an unexpected error is
logged with a short id that the user is shown instead of a traceback.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from bot.core.briefings import about, leader, pillars, search, sources, timeline, visit
from bot.core.briefings.common import Context, clip, name_of
from bot.core.briefings.labels import Locale
from bot.core.briefings.model import Briefing, Line, Section
from bot.core.briefings.relationships import (
    RELATIONSHIP,
    Chosen,
    choose,
    complete_relationship,
    find_relationship,
    listing,
    relationship_label,
)
from bot.core.facts.scope import relationship_of
from bot.core.i18n import t
from bot.core.matching import AutocompleteChoice
from bot.core.service import Attache, FactsState

__all__ = [
    "COMMANDS",
    "MAX_TEXT",
    "Command",
    "Invocation",
    "Option",
    "answer",
    "complete",
]

log = logging.getLogger(__name__)

CHOICE_NAME = 100
"""Discord's longest autocomplete choice name."""
MAX_TEXT = 200
"""Longest text option accepted (Discord allows 6000; no name or query needs more)."""
YEARS = (1900, 2100)


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    name_vi: str
    description: str
    description_vi: str
    required: bool = False
    type: Literal["text", "year"] = "text"
    completes: frozenset[str] | None = None
    """Entity kinds offered by autocomplete; None: no autocomplete."""
    completes_among: Callable[[FactsState], frozenset[str]] | None = None
    """Narrows autocomplete to these ids, so every suggestion is something the command
    can answer (a /visit suggestion must have a visit)."""

    def shown(self, locale: Locale) -> str:
        """The option's name as Discord shows it to this reader (`tên`, not `name`)."""
        return self.name_vi if locale == "vi" else self.name


Handler = Callable[..., Awaitable[Briefing]]

RELATIONSHIP_OPTION = Option(
    RELATIONSHIP,
    "quan-hệ",
    "Which relationship (default: this server's)",
    "Mối quan hệ nào (mặc định: của máy chủ này)",
    completes=frozenset({"relationship"}),
)
"""Last on every command that answers about the facts: the answer is about that one."""


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command as a user gave it; front ends keep it to run the same command again."""

    command: str
    options: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    name_vi: str
    description: str
    description_vi: str
    run: Handler
    options: tuple[Option, ...] = ()

    def shown(self, locale: Locale) -> str:
        """`/lãnh-đạo` for a Vietnamese reader: the name their Discord shows, not ours."""
        return "/" + (self.name_vi if locale == "vi" else self.name)

    def example(self, locale: Locale) -> str:
        """`/lãnh-đạo Tô Lâm`: the catalogue's `example.<name>`, in the reader's words."""
        return f"{self.shown(locale)} {t(f'example.{self.name}', locale)}".rstrip()


COMMANDS: dict[str, Command] = {
    command.name: command
    for command in (
        Command(
            "visit",
            "chuyến-thăm",
            "A visit or meeting: who, where, when, what was agreed",
            "Một chuyến thăm hoặc cuộc gặp: các bên, địa điểm, thời gian, kết quả",
            visit.visit,
            (
                Option(
                    "query",
                    "từ-khóa",
                    "Leader, place, month or year, or the visit's name",
                    "Lãnh đạo, địa điểm, tháng hoặc năm, hoặc tên chuyến thăm",
                    completes=visit.VISIT_FINDS,
                    completes_among=lambda state: state.in_events,
                ),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "leader",
            "lãnh-đạo",
            "A leader: names, titles, their part in the relationship",
            "Một lãnh đạo: tên, chức danh, vai trò trong quan hệ",
            leader.leader,
            (
                Option(
                    "name",
                    "tên",
                    "The person's name, in any language",
                    "Họ tên, viết bằng bất kỳ ngôn ngữ nào",
                    required=True,
                    completes=frozenset({"person"}),
                ),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "pillars",
            "trụ-cột",
            "The pillars of cooperation, or one pillar's commitments",
            "Các trụ cột hợp tác, hoặc cam kết của một trụ cột",
            pillars.pillars,
            (
                Option(
                    "pillar",
                    "trụ-cột",
                    "One pillar",
                    "Một trụ cột",
                    completes=frozenset({"pillar"}),
                ),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "timeline",
            "dòng-thời-gian",
            "Dated events in order",
            "Các sự kiện theo thứ tự thời gian",
            timeline.timeline,
            (
                Option("year", "năm", "Only this year", "Lọc theo năm", type="year"),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "search",
            "tìm-kiếm",
            "Search every statement",
            "Tìm kiếm trong toàn bộ dữ liệu",
            search.search,
            (
                Option("text", "từ-khóa", "Words to look for", "Từ khóa cần tìm", required=True),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "about",
            "giới-thiệu",
            "The relationship, and what backs this bot",
            "Giới thiệu mối quan hệ và nguồn dữ liệu của bot",
            about.about,
            (RELATIONSHIP_OPTION,),
        ),
        Command(
            "sources",
            "nguồn",
            "The sources, or what one source says",
            "Các nguồn tin, hoặc thông tin từ một nguồn",
            sources.sources,
            (
                Option(
                    "source", "nguồn", "One source", "Một nguồn", completes=frozenset({"source"})
                ),
                RELATIONSHIP_OPTION,
            ),
        ),
        Command(
            "help",
            "trợ-giúp",
            "Every command with an example",
            "Danh sách lệnh kèm ví dụ",
            lambda ctx: _help(ctx),
        ),
    )
}


async def _help(ctx: Context) -> Briefing:
    """Every command under the name the reader's Discord shows, with an example in their words."""
    vi = ctx.locale == "vi"
    lines = tuple(
        Line(
            ctx.t(
                "help.line",
                command=c.shown(ctx.locale),
                description=c.description_vi if vi else c.description,
                example=c.example(ctx.locale),
            )
        )
        for c in COMMANDS.values()
    )
    section = COMMANDS["help"].shown(ctx.locale)
    return ctx.briefing(title=ctx.t("help.title"), sections=(Section(section, lines),))


def _invalid(ctx: Context, message: str) -> Briefing:
    return ctx.briefing(
        title=ctx.label("cannot"),
        summary=Line(message),
        status="invalid",
        private=True,
        sources=(),
    )


def _arguments(
    ctx: Context, command: Command, given: Mapping[str, Any]
) -> dict[str, Any] | Briefing:
    """Check the options against the table: unknown, missing, too long, not a year.
    Refusals name the command and options as the reader's Discord shows them."""
    known = {option.name: option for option in command.options}
    shown = command.shown(ctx.locale)
    unknown = sorted(set(given) - set(known))
    if unknown:
        names = ", ".join(o.shown(ctx.locale) for o in command.options)
        return _invalid(
            ctx,
            ctx.t(
                "error.unknown_option",
                command=shown,
                option=repr(unknown[0][:40]),
                options=names or ctx.t("error.no_options"),
            ),
        )
    arguments: dict[str, Any] = {}
    for option in command.options:
        value = given.get(option.name)
        name = option.shown(ctx.locale)
        if value is None or (isinstance(value, str) and not value.strip()):
            if option.required:
                return _invalid(
                    ctx,
                    ctx.t(
                        "error.needs_option",
                        command=shown,
                        option=name,
                        example=command.example(ctx.locale),
                    ),
                )
            continue
        if option.type == "year":
            try:
                year = int(str(value).strip())
            except ValueError:
                return _invalid(ctx, ctx.t("error.not_a_year", option=name))
            if not YEARS[0] <= year <= YEARS[1]:
                return _invalid(
                    ctx, ctx.t("error.year_range", option=name, low=YEARS[0], high=YEARS[1])
                )
            arguments[option.name] = year
            continue
        text = str(value)
        if len(text) > MAX_TEXT:
            return _invalid(
                ctx, ctx.t("error.too_long", option=name, length=len(text), limit=MAX_TEXT)
            )
        arguments[option.name] = text
    return arguments


async def answer(
    attache: Attache,
    command_name: str,
    options: Mapping[str, Any],
    locale: Locale = "en",
    relationship: str | None = None,
) -> Briefing:
    """`relationship`: the default where the command names none (the server's, or the
    bot's `DEFAULT_RELATIONSHIP`); ignored when the bot has one relationship."""
    started = time.perf_counter()
    state = attache.state
    briefing = await _answer(Context(state, locale), command_name, options, relationship)
    log.info(
        "command %s",
        json.dumps(
            {
                "command": command_name[:40],
                "options": {k: str(v)[:100] for k, v in options.items() if v is not None},
                "locale": locale,
                "latency_ms": round((time.perf_counter() - started) * 1000, 2),
                "outcome": briefing.status,
                "version": state.version,
            },
            ensure_ascii=False,
        ),
    )
    return briefing


async def _answer(
    ctx: Context, command_name: str, options: Mapping[str, Any], default: str | None = None
) -> Briefing:
    command = COMMANDS.get(command_name.lstrip("/").strip().lower())
    if command is None:
        return _invalid(
            ctx,
            ctx.t(
                "error.unknown_command",
                command=repr(command_name[:40]),
                help=COMMANDS["help"].shown(ctx.locale),
            ),
        )
    arguments = _arguments(ctx, command, options)
    if isinstance(arguments, Briefing):
        return arguments
    try:
        if RELATIONSHIP_OPTION in command.options:
            given = arguments.pop(RELATIONSHIP, None)
            chosen = choose(ctx, command.name, given, default, arguments)
            if not isinstance(chosen, Chosen):
                return chosen
            if chosen.relationship is None and len(ctx.state.factset.relationships) > 1:
                return listing(ctx)  # /about, with none chosen
            if chosen.relationship is not None:
                several = len(ctx.state.factset.relationships) > 1
                ctx = Context(ctx.state.of(chosen.relationship), ctx.locale, chosen.relationship)
                briefing = await command.run(ctx, **arguments)
                return _keep_relationship(briefing, ctx.relationship) if several else briefing
        return await command.run(ctx, **arguments)
    except Exception:
        error_id = secrets.token_hex(4)
        log.exception("error %s in /%s %r", error_id, command.name, dict(options))
        return ctx.briefing(
            title=ctx.t("error.failed_title"),
            summary=Line(ctx.t("error.failed", error_id=error_id)),
            status="error",
            private=True,
            sources=(),
        )


def _keep_relationship(briefing: Briefing, relationship: str | None) -> Briefing:
    """Buttons and menus of an answer about one relationship stay in it: each one they run
    names it, whatever the server's default is by the time someone presses them."""
    if relationship is None:
        return briefing
    related = tuple(
        replace(r, options=(*r.options, (RELATIONSHIP, relationship)))
        if RELATIONSHIP_OPTION in COMMANDS[r.command].options
        and RELATIONSHIP not in r.option_dict()
        else r
        for r in briefing.related
    )
    return replace(briefing, related=related)


TRANSLATED_KINDS = frozenset({"event", "pillar", "topic", "organisation"})
"""Kinds whose names are phrases in a language (people's and places' names are names)."""


def complete(
    attache: Attache,
    command_name: str,
    option_name: str,
    value: str,
    locale: Locale = "en",
    relationship: str | None = None,
) -> list[AutocompleteChoice]:
    """Autocomplete through the same matcher the command uses; fast, never raises. An event,
    pillar, topic or organisation is offered by its name in the reader's language, whichever
    language the typed letters matched. `relationship`: the one chosen in the command so
    far (or the server's default), whose names alone are offered; with several and none
    chosen, a relationship's own event, pillar or topic says whose it is."""
    command = COMMANDS.get(command_name)
    option = next((o for o in command.options if o.name == option_name), None) if command else None
    if option is None or option.completes is None:
        return []
    state = attache.state
    if option.name == RELATIONSHIP:
        return complete_relationship(state.factset, value[:MAX_TEXT], locale)
    chosen = find_relationship(state.factset, relationship) if relationship else None
    several = len(state.factset.relationships) > 1 and chosen is None
    if chosen is not None:
        state = state.of(chosen)
    among = option.completes_among(state) if option.completes_among else None
    found = state.index.autocomplete(value[:MAX_TEXT], kinds=option.completes, among=among)
    factset = state.factset
    choices = []
    for choice in found:
        name = choice.name
        if factset.kinds.get(choice.value) in TRANSLATED_KINDS:
            name = name_of(factset.entities[choice.value], locale)
        owner = relationship_of(choice.value) if several else None
        if owner in factset.relationships:  # "Defence and security · Vietnam – Laos"
            name = f"{name} · {relationship_label(attache.state.factset, owner, locale)}"
        choices.append(AutocompleteChoice(clip(name, CHOICE_NAME), choice.value))
    return choices
