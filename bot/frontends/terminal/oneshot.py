"""`python -m bot ask`, `complete` and `facts status`: one answer, for scripts, tests and
curious curators. (`ask --json`, the Discord payload, is the Discord front end's.)"""

from __future__ import annotations

import asyncio
import json
import sys

from bot.core.briefings.admin import status_briefing
from bot.core.commands import complete as complete_choices
from bot.core.service import Attache
from bot.core.status import recorded_status
from bot.frontends.commandline import parse_invocation
from bot.frontends.lifecycle import answer_once, once, run_front_end
from bot.frontends.terminal.render import render_text
from bot.settings import Settings

__all__ = ["ask", "complete", "status"]

# A one-shot answer needs no file: it would only be rebuilt and thrown away.
IN_MEMORY = ":memory:"


def ask(settings: Settings, line: str, *, locale: str) -> int:
    return answer_once(
        settings, line, locale, lambda briefing, reader, _: render_text(briefing, reader)
    )


def complete(settings: Settings, line: str) -> int:
    invocation = parse_invocation(line)
    if invocation is None or not invocation.options:
        print('give a command and option, such as "/leader name:tô"', file=sys.stderr)
        return 2
    option, value = list(invocation.options.items())[-1]  # the one being typed
    given = invocation.options.get("relationship") if option != "relationship" else None

    async def work(attache: Attache) -> int:
        choices = complete_choices(
            attache,
            invocation.command,
            option,
            value,
            settings.default_locale,
            str(given) if given else settings.default_relationship,
        )
        print(json.dumps([{"name": c.name, "value": c.value} for c in choices], ensure_ascii=False))
        return 0

    return run_front_end(settings, once(work), database_path=IN_MEMORY)


def status(settings: Settings) -> int:
    """What `/facts status` shows, read offline: the files, and what the running bot
    recorded (through the core; the terminal never opens the store itself)."""
    found = asyncio.run(recorded_status(settings.facts_dir, settings.database_path))
    if isinstance(found, list):
        for problem in found:
            print(problem)
        return 1
    briefing = status_briefing(found.factset, found.loaded_at, found.attempts, "en")
    print(render_text(briefing), end="")
    return 0
