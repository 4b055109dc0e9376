"""Editor help: JSON Schemas of the fact files, and commented templates for new records.

`facts schema` gives TOML editors (Taplo, Even Better TOML) completion and inline errors:
every fact file starts with `#:schema ../schemas/<kind>.schema.json`. `facts new` writes a
template in the right place, with the required fields left empty so that `facts check` lists
what is still to fill in, rather than a placeholder passing for a fact.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bot.core.facts.layout import KINDS, SCHEMA_FOLDER, Kind
from bot.core.facts.models import ID_PATTERN
from bot.core.facts.write import schema_header

__all__ = [
    "NEW_KINDS",
    "ScaffoldError",
    "file_schema",
    "new_record",
    "relationship_folder",
    "write_schemas",
]

NEW_KINDS = ("person", "event", "source", "statement")


class ScaffoldError(ValueError):
    """Why a template was not written (the file exists, no such relationship...)."""


def file_schema(kind: Kind) -> dict[str, Any]:
    """The JSON Schema of one kind's file: the record's fields, without the `id` (the file
    name) and `archive` (the text beside it) that the loader fills in."""
    schema = kind.model.model_json_schema()
    for name in ("id", "archive"):
        schema.get("properties", {}).pop(name, None)
        if name in schema.get("required", []):
            schema["required"].remove(name)
    if kind.list_key is not None:
        defs = schema.pop("$defs", {})
        item = schema
        schema = {
            "type": "object",
            "properties": {kind.list_key: {"type": "array", "items": item}},
            "additionalProperties": False,
        }
        required = item.get("required", [])
        item["required"] = required if "id" in required else ["id", *required]
        item["properties"] = {"id": {"type": "string", "pattern": ID_PATTERN},
                              **item.get("properties", {})}  # fmt: skip
        if defs:
            schema["$defs"] = defs
    schema["title"] = f"Attaché {kind.name} file"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def schema_text(kind: Kind) -> str:
    return json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for kind in KINDS.values():
        path = folder / kind.schema_name
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def relationship_folder(root: Path, relationship: str | None) -> str:
    """The relationship a new record goes in: the one given, or the only one there is."""
    folders = sorted(p.name for p in root.iterdir() if (p / "relationship.toml").is_file())
    if relationship is None:
        if len(folders) == 1:
            return folders[0]
        raise ScaffoldError(f"say which relationship with --relationship ({', '.join(folders)})")
    if relationship not in folders:
        raise ScaffoldError(f"no relationship folder {relationship!r} ({', '.join(folders)})")
    return relationship


TEMPLATES: dict[str, str] = {
    "person": """\
# A person. The file name is the id: lower-case words joined by hyphens, e.g. to-lam.toml.
name_en = ""          # as English-language sources write it: "To Lam"
# name_vi = ""        # in Vietnamese, with diacritics: "Tô Lâm"
# name_native = ""    # in the person's own script, if not Latin: "ທອງລຸນ ສີສຸລິດ"
# aliases = []        # other spellings seen in print: ["Thonglun Sisoulith"]
country = ""          # a country id: "vietnam", "laos"

# One [[titles]] per title as a source states it, dated by that source.
[[titles]]
title = ""            # exactly as the source words it: "Party General Secretary"
# title_vi = ""       # as the Vietnamese press writes it: "Tổng Bí thư" (required where
                      # the source's relationship has languages = ["en", "vi"])
as_of = ""            # the source's date: "2026-02-05", "2025-12", "before 2026-01-26";
                      # "not stated" when the source gives no date (never a guess)
source = ""           # a source id (a file in <relationship>/sources/)
quote = ""            # copied from the source's text, naming the person

# Claims about the person, each in our own faithful words, attributed where it is opinion.
# [[statements]]
# text = ""
# source = ""
# quote = ""
""",
    "event": """\
# An event. The file name is the id, e.g. to-lam-state-visit-laos-2026-02.toml.
name_en = ""          # a short neutral name: "To Lam's State visit to Laos (February 2026)";
                      # "planned ..." / "dự kiến" while every source predates the event
# name_vi = ""        # the same in Vietnamese (required where languages has "vi")
kind = ""             # state-visit, visit, talks, meeting, interview, announcement, conference
date = ""             # as precise as the source: "2026-02-05", "2026-02", "--12-03" (no year),
                      # "before 2026-01-26", "2026-01-26/2026-01-27"
# host = ""           # a country, organisation or person id
# guest = ""
# place = ""          # a place or country id
# participants = []   # ids of people, countries, organisations
# part_of = ""        # the id of a larger event (talks during a visit)
# pillars = []        # pillar ids: your classification, shown to readers as the editors'
                      # (say in a statement where the source ties the event to them)

[summary]             # who, where and when, as the source says it
text = ""
# text_vi = ""        # the same claim in Vietnamese (required where languages has "vi")
source = ""
quote = ""

# [[outcomes]]        # what was agreed or done, as reported
# text = ""
# source = ""
# quote = ""

# [[statements]]      # anything else reported about it; attribute opinions
# text = ""
# source = ""
# quote = ""
""",
    "source": """\
# A source: an article whose text is saved beside this file as <id>.txt, exactly as
# published. Every quote that cites this source must be found in that text.
outlet = ""           # "Viet Nam News (VNA/VNS)", "VOV.VN"
headline = ""         # exactly as published
published = ""        # "2026-02-05"; "before 2026-01-26" when the text bounds it;
                      # "not stated" when it gives no date of its own (never a guess)
language = "en"
# url = ""            # only the real address, copied; never build or guess one
# part_of = ""        # the id of the article this one is printed inside (a teaser)
# note = ""           # what a reader should know: where the date comes from, no URL known
""",
    "statement": """\

[[statements]]
id = "{id}"
about = []            # ids of what it is about: people, events, topics, countries...
text = ""             # our own faithful words; attribute opinions ("According to ...")
# text_vi = ""        # the same claim in Vietnamese (required where languages has "vi")
source = ""
quote = ""
# conflicts_with = [] # ids of statements from other sources that say otherwise
""",
}


def new_record(root: Path, kind_name: str, ident: str, relationship: str | None = None) -> Path:
    """Write the template of a new record; returns the file written (or appended to)."""
    kind = KINDS[kind_name]
    if kind_name not in NEW_KINDS:
        raise ScaffoldError(f"facts new makes {', '.join(NEW_KINDS)}")
    if not (root / "honorifics.toml").is_file():
        raise ScaffoldError(f"{root} is not the facts root (it has no honorifics.toml)")
    if not re.fullmatch(ID_PATTERN, ident):
        raise ScaffoldError(f"{ident!r} is not an id: lower-case words joined by hyphens")
    if kind_name == "statement":
        path = root / relationship_folder(root, relationship) / "statements.toml"
        if path.is_file() and f'id = "{ident}"' in path.read_text(encoding="utf-8"):
            raise ScaffoldError(f"{path} already has a statement {ident!r}")
        if not path.is_file():
            path.write_text(schema_header(root, path, "statement"), encoding="utf-8")
        with path.open("a", encoding="utf-8") as file:
            file.write(TEMPLATES["statement"].format(id=ident))
        return path
    folder = root / kind.folder if kind.shared else root / relationship_folder(root, relationship)
    path = (folder if kind.shared else folder / kind.folder) / f"{ident}.toml"
    if path.exists():
        raise ScaffoldError(f"{path} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_header(root, path, kind_name) + TEMPLATES[kind_name], "utf-8")
    if kind_name == "source":
        text = path.with_suffix(".txt")
        if not text.exists():
            text.write_text("", encoding="utf-8")
    return path
