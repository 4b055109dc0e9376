"""Schema errors in a curator's words, with the nearest valid value where there is one.

Pydantic's messages are written for programmers ("Input should be a valid string"); a curator
needs to know what to type instead: "did you mean `as_of`?", "did you mean `2025-12`?".
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from bot.core.facts.dates import NOT_STATED, DateError, FuzzyDate
from bot.core.facts.locate import Locator
from bot.core.facts.problems import Problem, format_path

__all__ = ["PASTED", "nearest_date", "pasted_record", "schema_problem"]

_REFERENCE_FIELDS = frozenset(
    {
        "source",
        "country",
        "place",
        "host",
        "guest",
        "part_of",
        "about",
        "countries",
        "participants",
        "pillars",
        "conflicts_with",
    }
)
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS |= {f"tháng {n}": n for n in range(1, 13)}


PASTED = "pasted_record"


def pasted_record(model: type[BaseModel], details: list[ErrorDetails]) -> list[ErrorDetails]:
    """A record pasted at the end of another's file lands inside its last `[[titles]]` (or
    other) table: its `name_en`, `country`... are then "not fields" there, and the table misses
    its own fields. That is one mistake: report it once, at the first pasted key."""
    own = set(model.model_fields)
    pasted = next(
        (
            d
            for d in details
            if d["type"] == "extra_forbidden" and len(d["loc"]) > 1 and d["loc"][-1] in own
        ),
        None,
    )
    if pasted is None:
        return details
    one = ErrorDetails(type=PASTED, loc=pasted["loc"], msg="", input=pasted["input"])
    return [one]


def schema_problem(
    shown: str,
    locator: Locator,
    prefix: tuple[str | int, ...],
    model: type[BaseModel],
    detail: ErrorDetails,
) -> Problem:
    loc = [part for part in detail["loc"] if not (isinstance(part, str) and "[" in part)]
    full = (*prefix, *loc)
    return Problem(shown, locator.line(full), format_path(full), _plain_reason(detail, loc, model))


def _plain_reason(detail: ErrorDetails, loc: list[str | int], model: type[BaseModel]) -> str:
    kind = detail["type"]
    field = loc[-1] if loc else ""
    given: Any = detail.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == PASTED:
        return (
            f"`{field}` belongs to the record, not to this table: was a second record pasted "
            "into this file? Each record goes in its own file (the id is the file name)"
        )
    if kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(field), fields, n=1, cutoff=0.5)
        hint = (
            f"did you mean `{close[0]}`?" if close else f"the fields here are {', '.join(fields)}"
        )
        return f"is not a field here; {hint}"
    if isinstance(given, datetime.date | datetime.datetime):
        return f'write the date in quotes, as text: "{given.isoformat()}"'
    if kind == "string_pattern_mismatch" and (
        field == "id" or isinstance(field, int) or field in _REFERENCE_FIELDS
    ):
        suggestion = _as_id(str(given))
        hint = f"; did you mean {suggestion!r}?" if suggestion and suggestion != given else ""
        return (
            f"{given!r} is not an id: use lower-case letters, digits and hyphens, "
            f"like 'to-lam'{hint}"
        )
    message = str(detail["msg"]).removeprefix("Value error, ")
    if kind == "value_error" and isinstance(given, str) and _is_date_field(field):
        near = nearest_date(given)
        if near is None and field in STATED_FIELDS and not re.search(r"\d", given):
            near = NOT_STATED  # "unknown", "n/a", "": the source gives no date
        return f"{message}; did you mean `{near}`?" if near else message
    if kind == "literal_error":
        return (
            f"{given!r} is not one of the allowed values: {message.split('Input should be ')[-1]}"
        )
    if kind.endswith("_type"):
        return f"{message} (found {type(given).__name__} {given!r:.60})"
    return message


STATED_FIELDS = ("as_of", "published")
"""Date fields that may be "not stated" (models.StatedDate)."""


def _is_date_field(field: str | int) -> bool:
    return field == "date" or field in STATED_FIELDS


def _fields_at(model: type[BaseModel], loc: list[str | int]) -> list[str]:
    """The field names of the (nested) model at `loc`, for "did you mean" on a misspelt key."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [name for name in current.model_fields if name not in ("id", "archive")]
    return []


def _inner_model(annotation: Any) -> Any:
    """`list[Title]`, `Claim | None` -> the model class inside, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _as_id(text: str) -> str:
    folded = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return folded[:64]


def nearest_date(text: str) -> str | None:
    """A valid date form close to what was typed: `March 2026` -> `2026-03`,
    `10/03/2026` -> `2026-03-10`, `2026-2-5` -> `2026-02-05`, `2026-02-30` -> `2026-02`."""
    cleaned = " ".join(text.strip().split())
    for candidate in _date_candidates(cleaned):
        try:
            FuzzyDate.parse(candidate)
        except DateError:
            continue
        return candidate
    return None


def _date_candidates(text: str) -> list[str]:
    lowered = text.lower().rstrip(".")
    if lowered.startswith("before "):
        return ["before " + c for c in _date_candidates(text[7:])]
    candidates: list[str] = []
    numbers = [int(n) for n in re.findall(r"\d+", lowered)]
    month = next((n for name, n in _MONTHS.items() if re.search(rf"\b{name}\b", lowered)), None)
    years = [n for n in numbers if n >= 1000]
    small = [n for n in numbers if n < 1000]
    if month is not None and years:
        day = small[0] if small else None
        candidates.append(f"{years[0]:04d}-{month:02d}" + (f"-{day:02d}" if day else ""))
        candidates.append(f"{years[0]:04d}-{month:02d}")
    elif month is not None and small:
        candidates.append(f"--{month:02d}-{small[0]:02d}")
    if len(numbers) == 3 and numbers[0] >= 1000:
        y, m, d = numbers
        candidates += [f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}-{m:02d}"]
    elif len(numbers) == 3 and numbers[2] >= 1000:
        d, m, y = numbers  # 10/03/2026: day first, as in Vietnam and most of the world
        candidates += [f"{y:04d}-{m:02d}-{d:02d}", f"{y:04d}-{d:02d}-{m:02d}"]
    elif len(numbers) == 2 and numbers[0] >= 1000:
        candidates.append(f"{numbers[0]:04d}-{numbers[1]:02d}")
    elif len(numbers) == 2 and numbers[1] >= 1000:
        candidates.append(f"{numbers[1]:04d}-{numbers[0]:02d}")
    return [c for c in dict.fromkeys(candidates) if c != text]
