"""Write records as TOML files in the layout of layout.py (for the migration and benches).

A small writer, enough for fact records: strings, integers, lists of strings, one level of
tables and arrays of tables. `None` and empty lists are left out, as a curator would.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bot.core.facts.layout import KINDS, RELATIONSHIP_FILE, SCHEMA_FOLDER

__all__ = ["schema_header", "toml_document", "write_layout"]

_SECTIONS = {
    "countries": "country",
    "places": "place",
    "organisations": "organisation",
    "people": "person",
    "topics": "topic",
    "events": "event",
    "pillars": "pillar",
    "sources": "source",
}


def schema_header(root: Path, path: Path, kind: str) -> str:
    """`#:schema ../schemas/person.schema.json`: where TOML editors find the JSON Schema."""
    depth = len(path.relative_to(root).parts) - 1
    return f"#:schema {'../' * depth}{SCHEMA_FOLDER}/{KINDS[kind].schema_name}\n"


def write_layout(
    root: Path,
    relationship: Mapping[str, Any],
    sections: Mapping[str, Sequence[Mapping[str, Any]]],
    texts: Mapping[str, str],
    statements_per_file: int | None = None,
) -> list[Path]:
    """Write a relationship (with its `id`) and records given as old-style sections
    (`{"people": [{"id": ..., ...}], "statements": [...], "further_reading": [...]}`),
    one record per file; `texts` maps each source id to its text. Free statements go in
    statements.toml, or in statements/NNN.toml files of `statements_per_file` each."""
    folder = root / str(relationship["id"])
    written: list[Path] = []

    def write(path: Path, kind: str, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_header(root, path, kind) + text, encoding="utf-8")
        written.append(path)

    body = {k: v for k, v in relationship.items() if k != "id"}
    write(folder / RELATIONSHIP_FILE, "relationship", toml_document(body))
    for section, kind in _SECTIONS.items():
        where = root / section if KINDS[kind].shared else folder / section
        for record in sections.get(section, ()):
            ident = str(record["id"])
            body = {k: v for k, v in record.items() if k not in ("id", "archive")}
            write(where / f"{ident}.toml", kind, toml_document(body))
            if kind == "source" and ident in texts:
                (where / f"{ident}.txt").write_text(texts[ident], encoding="utf-8")
                written.append(where / f"{ident}.txt")
    statements = list(sections.get("statements", ()))
    size = statements_per_file or len(statements) or 1
    chunks = [statements[i : i + size] for i in range(0, len(statements), size)]
    for n, chunk in enumerate(chunks):
        path = (
            folder / "statements.toml" if len(chunks) == 1 else folder / f"statements/{n:03d}.toml"
        )
        write(path, "statement", _array("statements", chunk))
    readings = sections.get("further_reading", ())
    if readings:
        write(
            folder / "further-reading.toml", "further reading", _array("further_reading", readings)
        )
    return written


def _array(key: str, items: Sequence[Mapping[str, Any]]) -> str:
    return "\n".join(f"[[{key}]]\n{toml_document(dict(item))}" for item in items)


def toml_document(data: Mapping[str, Any]) -> str:
    data = {k: v for k, v in data.items() if v is not None and v != []}
    plain = {k: v for k, v in data.items() if not _is_table(v) and not _is_table_array(v)}
    out = [f"{_key(k)} = {_value(v)}" for k, v in plain.items()]
    for key, value in data.items():
        if _is_table(value):
            out += ["", f"[{_key(key)}]", toml_document(value).rstrip("\n")]
        elif _is_table_array(value):
            for item in value:
                out += ["", f"[[{_key(key)}]]", toml_document(item).rstrip("\n")]
    return "\n".join(out).strip("\n") + "\n"


def _is_table(value: object) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _string(key)


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        one_line = "[" + ", ".join(_value(v) for v in value) + "]"
        if len(one_line) <= 80:
            return one_line
        return "[\n" + "".join(f"    {_value(v)},\n" for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML here")


def _string(text: str) -> str:
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
