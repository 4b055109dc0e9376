"""`python -m bot ask` and `complete`: one answer, for scripts, tests and curious curators."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from bot.core.briefings.labels import locale_of
from bot.core.commands import answer
from bot.core.commands import complete as complete_choices
from bot.core.service import Attache, StartupError
from bot.frontends.terminal.parse import parse_invocation
from bot.frontends.terminal.render import render_text
from bot.settings import Settings

__all__ = ["ask", "complete", "status"]


async def _with_attache(settings: Settings, work: Any) -> int:
    try:
        attache = await Attache.start(settings.facts_dir, ":memory:")
    except StartupError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    try:
        result: int = await work(attache)
        return result
    finally:
        await attache.close()


def ask(settings: Settings, line: str, *, as_json: bool, locale: str) -> int:
    invocation = parse_invocation(line)
    if invocation is None:
        print('give a command, such as "/leader name:To Lam"', file=sys.stderr)
        return 2
    reader = locale_of(locale)

    async def work(attache: Attache) -> int:
        briefing = await answer(attache, invocation.command, invocation.options, reader)
        if not as_json:
            print(render_text(briefing, reader), end="")
            return 0
        from bot.frontends.discord.payload import build_message

        message = build_message(briefing, reader, invocation)
        print(json.dumps(message.to_payload(), ensure_ascii=False, indent=2))
        return 0

    return asyncio.run(_with_attache(settings, work))


def complete(settings: Settings, line: str) -> int:
    invocation = parse_invocation(line)
    if invocation is None or not invocation.options:
        print('give a command and option, such as "/leader name:tô"', file=sys.stderr)
        return 2
    option, value = next(iter(invocation.options.items()))

    async def work(attache: Attache) -> int:
        choices = complete_choices(attache, invocation.command, option, value)
        print(json.dumps([{"name": c.name, "value": c.value} for c in choices], ensure_ascii=False))
        return 0

    return asyncio.run(_with_attache(settings, work))


def status(settings: Settings) -> int:
    """What `/facts status` shows, read offline: the files, the store and the audit log."""
    from bot.core.briefings.admin import status_briefing
    from bot.core.facts.loader import load_facts
    from bot.core.store.audit import AuditLog, audit_path_for
    from bot.core.store.store import FactStore

    result = load_facts(settings.facts_dir)
    if result.factset is None:
        for problem in result.problems:
            print(problem)
        return 1
    factset = result.factset

    async def read() -> int:
        loaded_at = None
        attempts = []
        database = settings.database_path
        if database != ":memory:" and Path(database).exists():
            store = await FactStore.open(database)
            meta = await store.meta()
            await store.close()
            loaded_at = meta.loaded_at if meta and meta.version == factset.version else None
            audit = await AuditLog.open(audit_path_for(database))
            attempts = await audit.latest(5)
            await audit.close()
        print(render_text(status_briefing(factset, loaded_at, attempts, "en")), end="")
        return 0

    return asyncio.run(read())
