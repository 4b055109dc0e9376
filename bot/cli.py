"""`python -m bot` / `attache`: run the bot, or work with the fact files.

python -m bot                      run on Discord (DISCORD_TOKEN set) or in the terminal
python -m bot facts check [DIR]     every file, id, reference and quote (against sources/*.txt)
python -m bot facts export [DIR]
python -m bot facts new person|event|source|statement ID [--relationship REL]
python -m bot facts schema [KIND] [--write]
python -m bot [--locale vi]         the console in Vietnamese (default: DEFAULT_LOCALE)
python -m bot ask "/leader name:To Lam" [--json] [--locale vi]
python -m bot complete "/leader name:tô"
python -m bot names explain "dang van hax"   (see bot/cli_names.py)
python -m bot sync                 run on Discord, syncing the slash commands first
python -m bot sync --dry-run       print the JSON a sync would send (no token needed)
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot import cli_names
from bot.core.facts.export import export_lines
from bot.core.facts.layout import KINDS
from bot.core.facts.loader import load_facts
from bot.core.facts.problems import Problem
from bot.core.facts.scaffold import NEW_KINDS, ScaffoldError, file_schema, new_record, write_schemas
from bot.core.matching.honorifics import HonorificsError, honorifics_in
from bot.core.store.errors import StorageError, storage_error
from bot.frontends.health import check_health, health_path_for
from bot.redact import redact_handlers
from bot.settings import Settings, SettingsError, load_settings, settings_warnings

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DISCORD_HELP = "run on Discord only: without DISCORD_TOKEN, an error instead of the console"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="attache", description=__doc__.split("\n\n")[0])
    parser.add_argument("--watch", action="store_true", help="reload when fact files change")
    parser.add_argument("--locale", help="the console's language (default: DEFAULT_LOCALE)")
    parser.add_argument("--discord", action="store_true", help=DISCORD_HELP)
    commands = parser.add_subparsers(dest="command")
    run = commands.add_parser("run", help="run the bot (the default)")
    run.add_argument(
        "--watch", action="store_true", default=argparse.SUPPRESS,
        help="reload when fact files change",
    )  # fmt: skip
    run.add_argument(
        "--locale", default=argparse.SUPPRESS,
        help="the console's language (default: DEFAULT_LOCALE)",
    )  # fmt: skip
    run.add_argument("--discord", action="store_true", default=argparse.SUPPRESS,
                     help=DISCORD_HELP)  # fmt: skip
    commands.add_parser("health", help="exit 0 if the running bot is connected and has facts")
    sync = commands.add_parser("sync", help="run on Discord, syncing the slash commands first")
    sync.add_argument(
        "--dry-run", action="store_true", help="print the JSON a sync would send; send nothing"
    )
    ask = commands.add_parser("ask", help="print one answer, as the bot would give it")
    ask.add_argument("line", help='a command line, such as "/leader name:To Lam"')
    ask.add_argument("--json", action="store_true", help="print the Discord message payload")
    ask.add_argument(
        "--locale", help="answer as to a user with this locale (default: DEFAULT_LOCALE)"
    )
    complete = commands.add_parser("complete", help="print autocomplete choices as JSON")
    complete.add_argument("line", help='a command line, such as "/leader name:tô"')
    facts = commands.add_parser("facts", help="check or export the fact files")
    facts_commands = facts.add_subparsers(dest="facts_command", required=True)
    check = facts_commands.add_parser("check", help="validate the fact files")
    check.add_argument("dir", nargs="?", type=Path, help="facts root (default: FACTS_DIR)")
    facts_commands.add_parser("status", help="version, counts and the last reloads")
    new = facts_commands.add_parser("new", help="write a commented template for a new record")
    new.add_argument("kind", choices=NEW_KINDS)
    new.add_argument("id", help="the new record's id, e.g. nguyen-minh-vu")
    new.add_argument("--relationship", help="its relationship folder, when there are several")
    new.add_argument("--dir", type=Path, help="facts root (default: FACTS_DIR)")
    draft = facts_commands.add_parser("draft", help="store an article and draft facts from it")
    draft.add_argument("article", type=Path, help="the article's text, as published")
    draft.add_argument("--source-id", required=True)
    draft.add_argument("--outlet", required=True)
    draft.add_argument("--headline", required=True)
    draft.add_argument(
        "--published", required=True,
        help='2026-02-05, before 2026-01-26, ...; "not stated" where the article gives no date',
    )  # fmt: skip
    draft.add_argument("--url", help="only the page's real address")
    draft.add_argument("--relationship", help="its relationship folder, when there are several")
    draft.add_argument("--dir", type=Path, help="facts root (default: FACTS_DIR)")
    schema = facts_commands.add_parser("schema", help="print the JSON Schema of a fact file")
    schema.add_argument("kind", nargs="?", choices=sorted(KINDS), help="default: every kind")
    schema.add_argument("--write", action="store_true", help="(re)write facts/schemas/*.json")
    schema.add_argument("--dir", type=Path, help="facts root (default: FACTS_DIR)")
    export = facts_commands.add_parser("export", help="print every statement as JSON Lines")
    export.add_argument("dir", nargs="?", type=Path, help="facts root (default: FACTS_DIR)")
    cli_names.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    for warning in settings_warnings():
        print(f"warning: {warning}", file=sys.stderr)
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    redact_handlers()
    if args.command == "health":
        healthy, line = check_health(health_path_for(settings.database_path))
        print(line, file=sys.stdout if healthy else sys.stderr)
        return EXIT_OK if healthy else EXIT_PROBLEMS
    if args.command == "facts":
        return _facts(args, settings)
    if args.command == "names":
        return cli_names.run(args, settings.facts_dir)
    if args.command in ("ask", "complete"):
        if args.command == "ask" and args.json:  # the Discord payload: Discord's front end
            from bot.frontends.discord.oneshot import ask_json

            return ask_json(settings, args.line, locale=args.locale or settings.default_locale)
        from bot.frontends.terminal.oneshot import ask, complete

        if args.command == "ask":
            return ask(settings, args.line, locale=args.locale or settings.default_locale)
        return complete(settings, args.line)
    if args.command == "sync" and args.dry_run:
        from bot.frontends.discord.dryrun import dry_run

        return dry_run(settings)
    if args.command == "sync":
        if settings.discord_token is None:
            print("sync needs DISCORD_TOKEN", file=sys.stderr)
            return EXIT_USAGE
        from bot.frontends.discord.client import run_discord

        _ignore_hangups_while_starting()
        return run_discord(settings, force_sync=True, watch=args.watch)
    if args.discord and settings.discord_token is None:
        print("--discord needs DISCORD_TOKEN, which is not set (see .env.example)", file=sys.stderr)
        return EXIT_USAGE
    from bot.frontends.run import run

    _ignore_hangups_while_starting()
    return run(settings, watch=args.watch, locale=args.locale or settings.default_locale)


def _ignore_hangups_while_starting() -> None:
    """SIGHUP asks the running bot to reload. Until its handler is installed (while the
    facts and the store load) the default action would kill it: an operator's reload, or a
    `--watch`-style script, should never take the bot down. Installing the handler replaces
    this."""
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, signal.SIG_IGN)


def _facts(args: argparse.Namespace, settings: Settings) -> int:
    if args.facts_command == "status":
        from bot.frontends.terminal.oneshot import status

        try:
            return status(settings)
        except (StorageError, OSError, sqlite3.Error) as error:
            print(f"cannot read the status: {storage_error(settings.database_path, error)}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_PROBLEMS
    if args.facts_command in ("new", "schema"):
        return _scaffold(args, args.dir or settings.facts_dir)
    if args.facts_command == "draft":
        return _draft(args, args.dir or settings.facts_dir)
    folder: Path = args.dir or settings.facts_dir
    result = load_facts(folder)
    problems = result.problems + _honorifics_problems(folder)  # what a reload would check
    if args.facts_command == "export":
        if result.factset is None:
            _print_problems(problems, result.files, to=sys.stderr)  # stdout is JSON Lines
            return EXIT_PROBLEMS
        try:
            for line in export_lines(result.factset):
                print(line)
            sys.stdout.flush()
        except BrokenPipeError:  # `| head`: the reader has all it wants
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    if result.factset is None or problems:
        _print_problems(problems, result.files)
        return EXIT_PROBLEMS
    counts = result.factset.describe_counts()
    version = result.factset.version
    print(f"ok: {result.files} files, {counts}; version {version}; every quote is in its source")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    return EXIT_OK


def _draft(args: argparse.Namespace, root: Path) -> int:
    from bot.core.facts.dates import DateError, stated_date
    from bot.core.facts.draft import DraftSource, write_draft
    from bot.core.facts.scaffold import relationship_folder

    loaded = load_facts(root)
    if loaded.factset is None:
        _print_problems(loaded.problems, loaded.files)
        print("fix these first: a draft names what the facts already know", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        stated_date(args.published)
        relationship = relationship_folder(root, args.relationship)
        article = args.article.read_text(encoding="utf-8")
        source = DraftSource(args.source_id, args.outlet, args.headline, args.published, args.url)
        source_path, draft_path = write_draft(root, relationship, article, source, loaded.factset)
    except (DateError, ScaffoldError, OSError, UnicodeDecodeError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    print(f"stored {source_path} and {source_path.with_suffix('.txt')}")
    print(f"wrote {draft_path}: edit it, set reviewed = true, then python -m bot facts check")
    return EXIT_OK


def _scaffold(args: argparse.Namespace, root: Path) -> int:
    if args.facts_command == "schema":
        if args.write:
            for path in write_schemas(root):
                print(path)
            return EXIT_OK
        kinds = [KINDS[args.kind]] if args.kind else list(KINDS.values())
        schemas = {kind.name: file_schema(kind) for kind in kinds}
        text = schemas[args.kind] if args.kind else schemas
        print(json.dumps(text, indent=2, ensure_ascii=False))
        return EXIT_OK
    try:
        path = new_record(root, args.kind, args.id, args.relationship)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {path}; fill it in, then: python -m bot facts check")
    if args.kind == "source":
        print(f"paste the article's text into {path.with_suffix('.txt')}")
    return EXIT_OK


def _honorifics_problems(folder: Path) -> list[Problem]:
    try:
        honorifics_in(folder)
    except HonorificsError as error:
        return [error.problem()]
    return []


def _print_problems(problems: list[Problem], files: int, to: TextIO | None = None) -> None:
    for problem in problems:
        print(problem, file=to or sys.stdout)
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    print(f"{count} {noun} in {files} files; nothing was loaded", file=sys.stderr)
