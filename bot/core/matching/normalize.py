"""Text normalisation for name matching.

People type names with or without Vietnamese diacritics, in any case, with stray punctuation,
and sometimes in Lao script. Everything that should not change *who* a name points at is
folded away here, identically for the indexed names and for the query, so that matching can
compare plain strings and tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, count
from operator import not_

from anyascii import anyascii

from bot.core.text import FOLD_TABLE as _FOLD_TABLE
from bot.core.text import LATIN_MARK_BLOCKS as _LATIN_MARK_BLOCKS
from bot.core.text import STROKED as _STROKED
from bot.core.text import UNSTROKED as _UNSTROKED
from bot.core.text import fold  # re-exported: matching's callers keep their import

__all__ = [
    "HonorificUnits",
    "fold",
    "honorific_stages",
    "marked_tokens",
    "match_keys",
    "match_keys_many",
    "romanise",
    "tokenise",
]

_APOSTROPHES = "'’ʼ‘`´"
# "To Lam's visit" must share the token "lam" with "To Lam"; other apostrophes just vanish
# ("People’s" -> "peoples" is then found by typo tolerance, not by a special case).
_POSSESSIVE = re.compile(f"[{_APOSTROPHES}]s\\b")


class _KeyTable(dict[int, str | None]):
    """`str.translate` table: keep letters, marks and digits; apostrophes vanish; the rest
    (punctuation, symbols, hyphens, dashes, spaces of every kind) becomes a space.

    Filled lazily because the character set of user input is open-ended.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value: str | None
        if char in _APOSTROPHES:
            value = None
        elif unicodedata.category(char)[0] in "LMN":
            value = char
        else:
            value = " "
        if len(self) < 100_000:  # bound the cache against adversarial input
            self[code] = value
        return value


_KEY_TABLE = _KeyTable()


# ASCII is by far the commonest case (Vietnamese is ASCII once its marks are gone), and a
# 256-byte table makes it a single C pass.
_ASCII_KEY_TABLE = bytes(code if chr(code).isalnum() else 0x20 for code in range(128)) + b" " * 128
_ASCII_DELETE = b"'`"


def _key(text: str) -> str:
    """Fold case, Latin diacritics, punctuation, hyphens and apostrophes: the match key."""
    if not text.isascii():
        text = unicodedata.normalize("NFD", text).translate(_FOLD_TABLE)
        if not text.isascii():
            text = unicodedata.normalize("NFC", text).casefold()
            if any(mark in text for mark in _APOSTROPHES):
                text = _POSSESSIVE.sub("", text)
            text = text.translate(_KEY_TABLE)
            return " ".join(text.split())
    text = text.lower()
    if "'" in text or "`" in text:
        text = _POSSESSIVE.sub("", text)
    return " ".join(text.encode().translate(_ASCII_KEY_TABLE, _ASCII_DELETE).decode().split())


_LATIN_MARKS = re.compile(
    "[" + "".join(f"{chr(start)}-{chr(end)}" for start, end in _LATIN_MARK_BLOCKS) + "]+"
)
_STROKE_TABLE = {ord(a): b for a, b in zip(_STROKED, _UNSTROKED, strict=True)}
_ASCII_LINES_TABLE = _ASCII_KEY_TABLE[:10] + b"\n" + _ASCII_KEY_TABLE[11:]
_SPACES_AROUND_LINES = re.compile(r" *\n *")
_SPACE_RUNS = re.compile(r"  +")


def key_lines(texts: Sequence[str]) -> tuple[list[str], dict[int, tuple[str, ...]]]:
    """First match key of every text ("" when it has none), plus the complete key tuples of
    texts that still hold other scripts after folding (Lao), by position.

    Building an index of 100k names must take well under a second; doing the Latin work in a
    few C-level passes over all names joined into one string, instead of a dozen calls per
    name, is most of that.
    """
    blob = "\n".join(texts)
    if not texts or blob.count("\n") != len(texts) - 1:
        every = [match_keys(text) for text in texts]
        return [keys[0] if keys else "" for keys in every], {
            i: keys for i, keys in enumerate(every) if len(keys) > 1
        }
    if not blob.isascii():
        blob = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", blob))
        for letter in _STROKED:
            if letter in blob:
                blob = blob.replace(letter, _STROKE_TABLE[ord(letter)])
    lines = blob.split("\n")
    other_scripts = list(compress(count(), map(not_, map(str.isascii, lines))))
    if other_scripts:
        for i in other_scripts:
            lines[i] = ""
        blob = "\n".join(lines)
    blob = blob.lower()
    if "'" in blob or "`" in blob:
        blob = _POSSESSIVE.sub("", blob)
    blob = blob.encode().translate(_ASCII_LINES_TABLE, _ASCII_DELETE).decode()
    if "  " in blob:
        blob = _SPACE_RUNS.sub(" ", blob)
    if " \n" in blob or "\n " in blob:
        blob = _SPACES_AROUND_LINES.sub("\n", blob)
    keys = blob.strip(" ").split("\n")
    extra: dict[int, tuple[str, ...]] = {}
    for i in other_scripts:
        found = match_keys(texts[i])
        keys[i] = found[0] if found else ""
        if len(found) > 1:
            extra[i] = found
    return keys, extra


def match_keys_many(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """`[match_keys(text) for text in texts]`, computed in bulk (see `key_lines`)."""
    keys, extra = key_lines(texts)
    return [extra.get(i) or ((key,) if key else ()) for i, key in enumerate(keys)]


def romanise(text: str) -> str:
    """Latin transliteration of any script (Lao via anyascii), then folded.

    anyascii gives e.g. 'ທອງລຸນ ສີສຸລິດ' -> 'thngloun sisoulid' and 'ວຽງຈັນ' -> 'vyngchan': not
    the usual spellings, but stable, so a query in Lao script romanises the same way as the
    indexed native name, and typo tolerance bridges to the conventional spelling.
    """
    return _key(anyascii(unicodedata.normalize("NFC", text)))


def match_keys(text: str) -> tuple[str, ...]:
    """The keys under which `text` is indexed or looked up, best first.

    Latin text has one key. Text that still holds non-Latin letters after folding has two:
    its romanisation (comparable with Latin spellings) and its folded native form (exact for
    people who type the native script).
    """
    native = _key(text)
    if native.isascii():
        return (native,) if native else ()
    roman = romanise(native)
    return tuple(key for key in (roman, native) if key)


def tokenise(text: str) -> list[str]:
    """Tokens of the first (romanised) key of `text`."""
    keys = match_keys(text)
    return keys[0].split() if keys else []


def marked_tokens(text: str) -> list[str]:
    """The words of `text` as typed, marks kept: casefolded, NFC, punctuation as spaces.

    Word for word the same split as the first match key of Latin text (folding marks never
    adds or removes a space), so `marked_tokens("Đặng Văn")[i]` is the typed form of
    `tokenise("Đặng Văn")[i]`. Honorifics are compared on these forms: "Đặng" is a family
    name, "Đảng" the Party, though both fold to "dang"."""
    text = unicodedata.normalize("NFC", text).casefold()
    if "'" in text or "`" in text or "’" in text or "ʼ" in text or "‘" in text:
        text = _POSSESSIVE.sub("", text)
    return text.translate(_KEY_TABLE).split()


@dataclass(frozen=True)
class HonorificUnits:
    """Normalised honorific token sequences, keyed by their first token, longest first.

    `titles` and `qualifiers` may be stripped from the front of a query on their own;
    `modifiers` ("former") only when a title follows; `connectors` ("and", "of") only after
    something else has been stripped. `variants` holds, for each folded unit, the forms it
    is written in with its marks (`("dang",)` -> `{("đảng",)}`): a word typed with marks
    must be one of them.
    """

    titles: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    qualifiers: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    modifiers: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()
    variants: Mapping[tuple[str, ...], frozenset[tuple[str, ...]]] = field(default_factory=dict)

    def all_units(self) -> set[tuple[str, ...]]:
        """Every folded unit of the titles, qualifiers and modifiers."""
        return {
            unit
            for table in (self.titles, self.qualifiers, self.modifiers)
            for units in table.values()
            for unit in units
        }


_NOT, _BLURRED, _UNMARKED, _AS_WRITTEN = 0, 1, 2, 3


def _typed_as(
    unit: tuple[str, ...],
    typed: Sequence[str] | None,
    units: HonorificUnits,
    blurred: Collection[tuple[str, ...]],
) -> int:
    """How surely the query words `typed` are the honorific `unit`: `_AS_WRITTEN` (one of
    its forms, marks and all), `_UNMARKED` (typed without marks; its folded form is no word
    of a known name), `_BLURRED` (typed without marks, and a known name has a word of that
    folded form: `dang` when a Đặng is known), or `_NOT` (`Đặng` typed for `Đảng`)."""
    if typed is None:
        return _AS_WRITTEN
    variants = units.variants.get(unit)
    if not variants:
        return _AS_WRITTEN
    best = _NOT
    for variant in variants:
        sure = _AS_WRITTEN
        for word, form in zip(typed, variant, strict=False):
            if word == form:
                continue
            if word.isascii():
                sure = min(sure, _BLURRED if unit in blurred else _UNMARKED)
                continue
            sure = _NOT
            break
        best = max(best, sure)
    return best


def _unit_ends(
    tokens: Sequence[str],
    start: int,
    table: Mapping[str, tuple[tuple[str, ...], ...]],
    typed: Sequence[str] | None = None,
    units: HonorificUnits | None = None,
    blurred: Collection[tuple[str, ...]] = frozenset(),
) -> list[tuple[int, int]]:
    """(end, sureness) of each unit of `table` that the tokens from `start` spell (see
    `_typed_as`; units typed as something else are left out)."""
    found: list[tuple[int, int]] = []
    for unit in table.get(tokens[start], ()):
        end = start + len(unit)
        if tuple(tokens[start:end]) != unit:
            continue
        sure = _AS_WRITTEN
        if typed is not None and units is not None:
            sure = _typed_as(unit, typed[start:end], units, blurred)
        if sure:
            found.append((end, sure))
    return found


def honorific_stages(
    tokens: Sequence[str],
    units: HonorificUnits,
    typed: Sequence[str] | None = None,
    blurred: Collection[tuple[str, ...]] = frozenset(),
) -> list[tuple[str, ...]]:
    """Every way of stripping a leading run of honorifics, least stripped first.

    All stages are returned rather than only the most stripped one because a title word can
    also begin a real name (`Bà`, `Nguyên` vs `Nguyễn`): the matcher tries each stage and
    prefers the one that uses most of the query. Nothing is ever stripped to emptiness.

    `typed` (the query's words with their marks, aligned with `tokens`) makes the
    comparison exact: a word typed with marks strips only as written in honorifics.toml; a
    word typed without marks strips when its folded form is not `blurred` (also the folded
    form of a word of a known name, differently marked), or when a surely typed title
    follows it (`nguyen pho thu tuong`: the modifier, not the family name).
    """
    count = len(tokens)
    if not count:
        return []
    if typed is not None and len(typed) != count:
        typed = None
    reachable = {0}
    frontier = [0]

    def ends(start: int, table: Mapping[str, tuple[tuple[str, ...], ...]]) -> list[tuple[int, int]]:
        return _unit_ends(tokens, start, table, typed, units, blurred)

    while frontier:
        start = frontier.pop()
        found = ends(start, units.titles) + ends(start, units.qualifiers)
        for end, sure in ends(start, units.modifiers):
            if end < count and ends(end, units.titles):
                found.append((end, sure))
        targets: list[int] = []
        for end, sure in found:
            # A blurred word ("dang", "nguyen", "ba") is an honorific only when a title of
            # two or more words, itself beyond doubt, follows it ("nguyen pho thu tuong"):
            # on its own it may be the family name, and "nguyen ba" is Nguyễn Bá.
            if sure > _BLURRED or (
                end < count
                and any(s > _BLURRED and e - end > 1 for e, s in ends(end, units.titles))
            ):
                targets.append(end)
        if start > 0 and tokens[start] in units.connectors:
            targets.append(start + 1)
        for end in targets:
            if end < count and end not in reachable:
                reachable.add(end)
                frontier.append(end)
    return [tuple(tokens[start:]) for start in sorted(reachable)]
