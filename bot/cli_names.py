"""`python -m bot names`: see how the matcher reads a name, or resolve names against a list.

python -m bot names explain "Đặng Anh Hải" [--names FILE] [--json]
python -m bot names resolve --names FILE "dang van hax" "Tô Lâm" ... [--json]

For curators (why does this name not find that person?) and for tests, which drive the
matcher through the real command line. FILE has one person a line, `id<TAB>name|alias|…`
(blank lines and lines starting with # are skipped). Without --names, the facts folder
(FACTS_DIR) is used. `resolve` prints, per query, `{"query", "outcome", "ids"}`: outcome
"found" (one id), "ambiguous" (the ids to choose from) or "nothing" (no ids; suggestions
are shown in the text form).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.core.matching import NameIndex, NameRecord, load_honorifics
from bot.core.matching.honorifics import HonorificsError, honorifics_in
from bot.core.matching.index import Explanation, Resolution

__all__ = ["add_parser", "run"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
OUTCOMES = {"match": "found", "ambiguous": "ambiguous", "none": "nothing"}


class NamesFileError(ValueError):
    """A line of a --names file that is not `id<TAB>name|alias|…`."""


def add_parser(commands: Any) -> None:
    """Register `names` and its two subcommands on the CLI's subparsers."""
    names = commands.add_parser("names", help="explain or test how names are matched")
    sub = names.add_subparsers(dest="names_command", required=True)
    explain = sub.add_parser("explain", help="folded form, titles stripped, candidates, scores")
    explain.add_argument("query", help="a name as a user would type it")
    explain.add_argument("--names", type=Path, help="people as id<TAB>name|alias lines")
    explain.add_argument("--json", action="store_true", help="print the explanation as JSON")
    resolve = sub.add_parser("resolve", help="resolve queries against a list of people")
    resolve.add_argument("--names", type=Path, required=True, help="id<TAB>name|alias lines")
    resolve.add_argument("queries", nargs="+", help="names as users would type them")
    resolve.add_argument("--json", action="store_true", help="one JSON object per query")


def read_names(path: Path) -> list[NameRecord]:
    """People from `id<TAB>name|alias|…` lines; the first name is the label."""
    records: list[NameRecord] = []
    seen: set[str] = set()
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entity, tab, rest = line.partition("\t")
        names = tuple(name.strip() for name in rest.split("|") if name.strip())
        if not tab or not entity.strip() or not names:
            raise NamesFileError(f"{path}:{number}: expected id<TAB>name|alias|…")
        entity = entity.strip()
        if entity in seen:
            raise NamesFileError(f"{path}:{number}: id {entity!r} appears twice")
        seen.add(entity)
        records.append(NameRecord(entity, "person", names[0], None, names))
    return records


def _index(names: Path | None, facts_dir: Path) -> NameIndex:
    if names is not None:
        return NameIndex.build(read_names(names), load_honorifics())
    from bot.core.facts.loader import load_facts
    from bot.core.matching.records import records_from_factset

    result = load_facts(facts_dir)
    if result.factset is None:
        problems = "; ".join(str(problem) for problem in result.problems[:3])
        raise NamesFileError(f"the facts in {facts_dir} do not load: {problems}")
    honorifics = honorifics_in(facts_dir) or load_honorifics()
    return NameIndex.build(records_from_factset(result.factset), honorifics)


def outcome(query: str, resolution: Resolution) -> dict[str, Any]:
    """The JSON answer for one query."""
    if resolution.status == "match" and resolution.match is not None:
        ids = [resolution.match.id]
    else:
        ids = [candidate.id for candidate in resolution.candidates]
    return {"query": query, "outcome": OUTCOMES[resolution.status], "ids": ids}


def _text(query: str, resolution: Resolution) -> str:
    if resolution.status == "match" and resolution.match is not None:
        return f"{query!r}: found {resolution.match.id} ({resolution.match.label})"
    if resolution.status == "ambiguous":
        listed = ", ".join(f"{c.id} ({c.label})" for c in resolution.candidates)
        return f"{query!r}: ambiguous, choose among {listed}"
    hint = ", ".join(f"{c.id} ({c.label})" for c in resolution.suggestions)
    return f"{query!r}: nothing" + (f"; did you mean {hint}?" if hint else "")


def explanation_json(found: Explanation) -> dict[str, Any]:
    return {
        "query": found.query,
        "typed": list(found.typed),
        "readings": [
            {
                "folded": r.key,
                "titles_stripped": list(r.stripped),
                "words": list(r.words),
                "kept_as_name": list(r.kept),
            }
            for r in found.readings
        ],
        "candidates": [
            {
                "id": c.id,
                "label": c.label,
                "stage": c.stage,
                "score": c.score,
                "edits": c.edits,
                "matched_name": c.matched_name,
                "reading": c.reading,
            }
            for c in found.candidates
        ],
        "result": outcome(found.query, found.resolution),
        "suggestions": [c.id for c in found.resolution.suggestions],
    }


def explanation_lines(found: Explanation) -> list[str]:
    lines = [f"query: {found.query!r}", f"typed words: {' '.join(found.typed) or '(none)'}"]
    for reading in found.readings:
        stripped = " ".join(reading.stripped) or "(none)"
        lines.append(
            f"reading: folded {reading.key!r}; titles stripped: {stripped}; "
            f"words: {' '.join(reading.words)}"
        )
        if reading.kept:
            kept = ", ".join(reading.kept)
            lines.append(f"  kept (a known name has this word): {kept}")
    if found.candidates:
        lines.append("candidates (stage, score, edits):")
        lines += [
            f"  {c.stage:<5} {c.score:5.1f} {c.edits}  {c.id} ({c.label})"
            f" via {c.matched_name!r}, reading {c.reading!r}"
            for c in found.candidates
        ]
    else:
        lines.append("candidates: none")
    lines.append("result: " + _text(found.query, found.resolution))
    return lines


def run(args: argparse.Namespace, facts_dir: Path) -> int:
    """Run `names explain` or `names resolve`; the exit code says whether it could."""
    try:
        index = _index(args.names, facts_dir)
    except (OSError, UnicodeDecodeError) as error:
        print(f"--names: cannot read {args.names}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (NamesFileError, HonorificsError) as error:
        print(error, file=sys.stderr)
        return EXIT_USAGE
    if args.names_command == "explain":
        found = index.explain(args.query)
        if args.json:
            print(json.dumps(explanation_json(found), ensure_ascii=False))
        else:
            print("\n".join(explanation_lines(found)))
        return EXIT_OK
    for query in args.queries:
        resolution = index.resolve(query)
        if args.json:
            print(json.dumps(outcome(query, resolution), ensure_ascii=False))
        else:
            print(_text(query, resolution))
    return EXIT_OK
