"""`claims_in` looks only under fields whose type allows a model, and the checks' faster
walk by each class's plan only where its fields hold claims; both still find every claim
and title a walk of every field finds, in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bot.core.facts import validate
from bot.core.facts.loader import ParseCache, _Reader
from bot.core.facts.models import Claim, Title

REPO = Path(__file__).resolve().parents[3]


def every_field(node: object, loc: tuple[object, ...], found: list[Any]) -> None:
    if isinstance(node, Claim | Title):
        found.append((loc, id(node)))
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            every_field(getattr(node, name), (*loc, name), found)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            every_field(item, (*loc, i), found)


def test_the_shipped_records_give_the_same_claims() -> None:
    reader = _Reader(REPO / "facts", ParseCache())
    reader.read_root()
    models = [record.model for record in reader.records if record.model is not None]
    total = 0
    for model in models:
        expected: list[Any] = []
        every_field(model, (), expected)
        assert [(loc, id(claim)) for loc, claim in validate.claims_in(model)] == expected
        planned = validate._claims_by_plan(model)
        assert [(loc, id(claim)) for loc, claim in planned] == expected
        total += len(expected)
    assert total > 100


class Loose(BaseModel):
    """A field typed loosely may hold a claim: it is walked."""

    anything: Any = None
    note: str = ""


def test_a_loosely_typed_field_is_walked() -> None:
    claim = Claim(text="t", source="s", quote="q")
    assert [loc for loc, _ in validate.claims_in(Loose(anything=[claim]))] == [("anything", 0)]
    planned = validate._claims_by_plan(Loose(anything=[claim]))
    assert [loc for loc, _ in planned] == [("anything", 0)]
