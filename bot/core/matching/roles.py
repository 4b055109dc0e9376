"""Find people by a title, office or role they hold: `Lao ambassador`, `đại sứ Lào`,
`Prime Minister`, `Tổng Bí thư`.

Names and titles are matched differently. A name is a handful of syllables that identify one
person; a title is a phrase whose words change the office: `Phó Thủ tướng` is not
`Thủ tướng`, `Deputy Minister` not `Minister`, and `đại sứ Lào` (the Lao ambassador) is not
`Đại sứ Việt Nam tại Lào` (the ambassador to Laos), though all its words are there. So:

* a title held matches when the query's words appear in it as one run (`prime minister` in
  "Prime Minister of Vietnam"), or, failing any such title, in any order (`Lao president` in
  "Lao General Secretary and President");
* a title with a word that makes another office (deputy, vice, former, phó, thứ, nguyên...)
  the query does not say is not that office;
* English and Vietnamese titles are both searched, folded like names (`dai su` = `đại sứ`),
  and a word of 4+ letters may carry one typo (`ambasador`).

Each person is returned once, with the title that matched and the date its source gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.core.matching.normalize import match_keys

__all__ = ["HeldTitle", "RoleIndex"]

IGNORED = frozenset(
    ("the", "a", "an", "of", "to", "in", "for", "and", "at", "who", "is", "current"),
) | frozenset(("tai", "cua", "va", "la", "ai", "hien", "nay"))  # tại, của, và, là, ai, hiện nay
"""Words that carry no office: `ambassador to Laos` reads as `ambassador laos` (in the
titles too), `ai là Thủ tướng` as `thu tuong`."""

OTHER_OFFICE = (
    ("deputy",), ("vice",), ("former",), ("acting",), ("assistant",), ("late",),
    ("outgoing",), ("pho",), ("nguyen",), ("cuu",), ("quyen",), ("thu", "truong"),
)  # fmt: skip
"""Words that make a title another office than the same title without them, folded:
`pho` = phó (deputy), `nguyen` = nguyên and `cuu` = cựu (former), `quyen` = quyền (acting),
`thu truong` = Thứ trưởng (deputy minister; `thu` alone is also the thư of Bí thư)."""

TYPO_MIN = 4
"""Words of this many letters may carry one edit; shorter ones must be exact (`lao` is not
`laos`, which is what tells the Lao ambassador from the ambassador to Laos)."""


@dataclass(frozen=True, slots=True)
class HeldTitle:
    """A title a person held, as the facts give it (in-memory model, not the file format)."""

    person: str
    title: str
    title_vi: str | None
    as_of: str
    source: str
    order: int = 0
    """Position in the facts, to keep answers stable."""


def _words(text: str) -> tuple[str, ...]:
    keys = match_keys(text)
    return tuple(word for word in keys[0].split() if word not in IGNORED) if keys else ()


def _same(typed: str, word: str, known: frozenset[str]) -> bool:
    """A typed word stands for a title word when equal, or one edit away when both have
    `TYPO_MIN` letters and the typed word is no title word itself (`tuong`, tướng, is not
    `truong`, trưởng)."""
    if typed == word:
        return True
    return (
        typed not in known
        and len(typed) >= TYPO_MIN
        and len(word) >= TYPO_MIN
        and OSA.distance(typed, word) <= 1
    )


def _holds(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    size = len(run)
    return any(words[i : i + size] == run for i in range(len(words) - size + 1))


def _fit(query: tuple[str, ...], title: tuple[str, ...], known: frozenset[str]) -> int | None:
    """0 when the query's words are a run of the title's, 1 when all are in it, else None."""
    if not query or not all(any(_same(q, w, known) for w in title) for q in query):
        return None
    for run in OTHER_OFFICE:
        if _holds(title, run) and run[0] not in query:
            return None
    size = len(query)
    for start in range(len(title) - size + 1):
        window = title[start : start + size]
        if all(_same(q, w, known) for q, w in zip(query, window, strict=True)):
            return 0
    return 1


class RoleIndex:
    """Every title held, in both languages; build once per fact set."""

    def __init__(self, held: Iterable[HeldTitle]) -> None:
        self._held = tuple(held)
        self._words = [
            tuple(_words(text) for text in (h.title, h.title_vi) if text) for h in self._held
        ]
        self._known = frozenset(word for forms in self._words for form in forms for word in form)

    def __len__(self) -> int:
        return len(self._held)

    def find(self, query: str) -> list[HeldTitle]:
        """The people holding the title `query` names, one title each (the best fitting,
        first in the facts), in the facts' order; [] when none."""
        words = _words(query)
        if not words:
            return []
        best: dict[str, tuple[int, HeldTitle]] = {}
        for held, forms in zip(self._held, self._words, strict=True):
            fits = [f for form in forms if (f := _fit(words, form, self._known)) is not None]
            if not fits:
                continue
            rank = min(fits)
            known = best.get(held.person)
            if known is None or rank < known[0]:
                best[held.person] = (rank, held)
        if not best:
            return []
        tightest = min(rank for rank, _ in best.values())
        chosen = [held for rank, held in best.values() if rank == tightest]
        return sorted(chosen, key=lambda held: held.order)

    def complete(self, typed: str) -> list[HeldTitle]:
        """Holders of titles that `typed`, still being typed, may be starting: every whole
        word in the title and a title word starting with the last one (`amb`, `đại s`)."""
        words = _words(typed)
        if not words:
            return []
        *whole, last = words
        found: dict[str, HeldTitle] = {}
        for held, forms in zip(self._held, self._words, strict=True):
            if held.person in found:
                continue
            for form in forms:
                if (not whole or _fit(tuple(whole), form, self._known) is not None) and any(
                    word.startswith(last) for word in form
                ):
                    found[held.person] = held
                    break
        return sorted(found.values(), key=lambda held: held.order)
