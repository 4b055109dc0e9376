"""One-off: rewrite facts in the old layout (a few files of many records) as one record per file.

    python -m bot.core.facts.migrate OLD_ROOT NEW_ROOT --archive SEEDS

OLD_ROOT holds honorifics.toml and relationship folders of entities.toml, people.toml,
events.toml, pillars.toml, relationship.toml, sources.toml and statements.toml; SEEDS holds
the source texts their `archive` fields name. NEW_ROOT must not exist yet. Nothing is
reworded: every value is copied as it was, the comment above a record goes to the top of its
file, pillars keep their order through `order`, and a source that is a part of another
(a "Related" teaser printed inside an article) gets its own text: its headline and the
paragraph after it, cut from the whole's text. tests/core/facts/test_migrate.py proves the
result exports exactly what the old files did, ids included.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.core.facts.layout import HONORIFICS_FILE, RELATIONSHIP_FILE
from bot.core.facts.write import schema_header, toml_document

__all__ = ["main", "migrate"]

_SHARED = {"countries": "countries", "places": "places", "organisations": "organisations"}
_DIVIDER = re.compile(r"^#\s*-+\s*(.*?)\s*-+\s*$")
_SECTION_WORDS = {"organisations", "topics", "further reading", "other statements"}


def migrate(old_root: Path, new_root: Path, archive: Path) -> list[Path]:
    """Write the new layout; returns the files written."""
    if new_root.exists():
        raise FileExistsError(f"{new_root} exists; give a folder that does not exist yet")
    written: list[Path] = []
    new_root.mkdir(parents=True)
    honorifics = old_root / HONORIFICS_FILE
    if honorifics.is_file():
        shutil.copyfile(honorifics, new_root / HONORIFICS_FILE)
        written.append(new_root / HONORIFICS_FILE)
    for folder in sorted(p for p in old_root.iterdir() if (p / RELATIONSHIP_FILE).is_file()):
        written += _migrate_relationship(folder, new_root, archive)
    return written


def _migrate_relationship(folder: Path, root: Path, archive: Path) -> list[Path]:
    target = root / folder.name
    written: list[Path] = []

    def write(path: Path, kind: str, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_header(root, path, kind) + text, encoding="utf-8")
        written.append(path)

    def records(file: str, section: str) -> list[tuple[dict[str, Any], list[str]]]:
        path = folder / file
        if not path.is_file():
            return []
        text = path.read_text(encoding="utf-8")
        items = tomllib.loads(text).get(section, [])
        return list(zip(items, _comments_above(text, section), strict=True))

    kinds = (
        ("entities.toml", "countries", "country", root / "countries"),
        ("entities.toml", "places", "place", root / "places"),
        ("entities.toml", "organisations", "organisation", root / "organisations"),
        ("entities.toml", "topics", "topic", target / "topics"),
        ("people.toml", "people", "person", root / "people"),
        ("events.toml", "events", "event", target / "events"),
        ("pillars.toml", "pillars", "pillar", target / "pillars"),
    )
    for file, section, kind, where in kinds:
        for position, (item, comments) in enumerate(records(file, section), start=1):
            item = dict(item)
            ident = item.pop("id")
            if kind == "pillar":
                item = _with_order(item, position)
            write(where / f"{ident}.toml", kind, _comment(comments) + toml_document(item))

    relationship_text = (folder / RELATIONSHIP_FILE).read_text(encoding="utf-8")
    relationship = dict(tomllib.loads(relationship_text)["relationship"])
    relationship.pop("id")
    header = _leading_comments(relationship_text)
    write(target / RELATIONSHIP_FILE, "relationship", header + toml_document(relationship))

    sources_text = (folder / "sources.toml").read_text(encoding="utf-8")
    sources_data = tomllib.loads(sources_text)
    by_id = {s["id"]: s for s in sources_data.get("sources", [])}
    for source in sources_data.get("sources", []):
        item = dict(source)
        ident = item.pop("id")
        name = item.pop("archive", None)
        write(target / "sources" / f"{ident}.toml", "source", toml_document(item))
        if name is None:
            continue
        text = (archive / name).read_text(encoding="utf-8")
        whole = by_id.get(source.get("part_of", ""))
        if whole is not None and whole.get("archive") == name:
            text = _excerpt(text, source["headline"])
        (target / "sources" / f"{ident}.txt").write_text(text, encoding="utf-8")
        written.append(target / "sources" / f"{ident}.txt")
    readings = sources_data.get("further_reading", [])
    if readings:
        body = "\n".join(
            "[[further_reading]]\n" + toml_document(dict(r)).rstrip("\n") + "\n" for r in readings
        )
        write(target / "further-reading.toml", "further reading", body)

    statements = folder / "statements.toml"
    if statements.is_file():
        write(target / "statements.toml", "statement", statements.read_text(encoding="utf-8"))
    return written


def _with_order(item: dict[str, Any], position: int) -> dict[str, Any]:
    plain = {k: v for k, v in item.items() if not isinstance(v, dict | list) or k == "aliases"}
    rest = {k: v for k, v in item.items() if k not in plain}
    return {**plain, "order": position, **rest}


def _excerpt(text: str, headline: str) -> str:
    """A teaser as printed inside its whole: the headline and the paragraph after it."""
    start = text.find(headline)
    if start < 0:
        raise ValueError(f"headline {headline!r} is not in the whole's text")
    lines = text[start:].splitlines()
    body = next(line for line in lines[1:] if line.strip() and line.strip() != headline)
    return f"{headline}\n\n{body.strip()}\n"


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n\n" if lines else ""


def _comments_above(text: str, section: str) -> list[list[str]]:
    """For each `[[section]]` header in order, the comment lines just above it."""
    lines = text.splitlines()
    found: list[list[str]] = []
    for number, line in enumerate(lines):
        if line.strip() != f"[[{section}]]":
            continue
        above: list[str] = []
        i = number - 1
        while i >= 0 and not lines[i].strip():
            i -= 1
        while i >= 0 and lines[i].startswith("#"):
            above.insert(0, lines[i])
            i -= 1
        found.append(above if i >= 0 else [])  # the file's own heading is not the record's
    return found


def _comment(lines: list[str]) -> str:
    kept = []
    for line in lines:
        divider = _DIVIDER.match(line)
        if divider:
            if divider[1].lower() in _SECTION_WORDS:
                continue
            line = f"# {divider[1]}"
        kept.append(line)
    return "\n".join(kept) + "\n\n" if kept else ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.core.facts.migrate", description=__doc__)
    parser.add_argument("old_root", type=Path)
    parser.add_argument("new_root", type=Path)
    parser.add_argument("--archive", type=Path, required=True, help="folder of source texts")
    args = parser.parse_args(argv)
    try:
        written = migrate(args.old_root, args.new_root, args.archive)
    except (OSError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files under {args.new_root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
