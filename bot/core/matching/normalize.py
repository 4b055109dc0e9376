"""Text normalisation for name matching.

People type names with or without Vietnamese diacritics, in any case, with stray punctuation,
and sometimes in Lao script. Everything that should not change *who* a name points at is
folded away here, identically for the indexed names and for the query, so that matching can
compare plain strings and tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
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
            text = _POSSESSIVE.sub("", text).translate(_KEY_TABLE)
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


@dataclass(frozen=True)
class HonorificUnits:
    """Normalised honorific token sequences, keyed by their first token, longest first.

    `titles` and `qualifiers` may be stripped from the front of a query on their own;
    `modifiers` ("former") only when a title follows; `connectors` ("and", "of") only after
    something else has been stripped.
    """

    titles: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    qualifiers: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    modifiers: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()


def _unit_ends(
    tokens: Sequence[str], start: int, table: Mapping[str, tuple[tuple[str, ...], ...]]
) -> list[int]:
    return [
        start + len(unit)
        for unit in table.get(tokens[start], ())
        if tuple(tokens[start : start + len(unit)]) == unit
    ]


def honorific_stages(tokens: Sequence[str], units: HonorificUnits) -> list[tuple[str, ...]]:
    """Every way of stripping a leading run of honorifics, least stripped first.

    All stages are returned rather than only the most stripped one because a title word can
    also begin a real name (`Bà`, `Nguyên` vs `Nguyễn`): the matcher tries each stage and
    prefers the one that uses most of the query. Nothing is ever stripped to emptiness.
    """
    count = len(tokens)
    if not count:
        return []
    reachable = {0}
    frontier = [0]
    while frontier:
        start = frontier.pop()
        ends = _unit_ends(tokens, start, units.titles) + _unit_ends(tokens, start, units.qualifiers)
        for end in _unit_ends(tokens, start, units.modifiers):
            if end < count and _unit_ends(tokens, end, units.titles):
                ends.append(end)
        if start > 0 and tokens[start] in units.connectors:
            ends.append(start + 1)
        for end in ends:
            if end < count and end not in reachable:
                reachable.add(end)
                frontier.append(end)
    return [tuple(tokens[start:]) for start in sorted(reachable)]
