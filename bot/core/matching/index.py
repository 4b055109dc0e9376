"""One index for every kind of name: resolve a typed name, or offer autocomplete choices.

Resolution runs in stages, cheapest and most certain first, and stops at the first that
finds anything:

1. an entity id typed verbatim (what an autocomplete choice sends back);
2. an exact normalised name or alias (also with its spaces removed: `ToLam`, `Vietnam`);
3. token fit: every query token is a token of one name (`Lâm`, `Nguyễn`, `Minh Chính`);
4. typo-tolerant token fit: every query token is *near* a token of one name
   (`Thonglun`, `Khampao`, `To Lamm`).

Stages 2-4 run on every reading of the query with a leading run of titles stripped
(`Tổng Bí thư Tô Lâm` is read as itself and as `Tô Lâm`). A stage that finds several entities
too close to call answers "ambiguous" with them; nothing is ever picked silently. When
nothing fits, near misses are offered as "did you mean" suggestions.
"""

from __future__ import annotations

import bisect
import gc
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, combinations, compress, count, islice, repeat
from operator import contains, itemgetter, not_
from typing import Literal, TypeVar

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.core.matching.honorifics import Honorifics
from bot.core.matching.normalize import (
    fold,
    honorific_stages,
    key_lines,
    marked_tokens,
    match_keys,
)
from bot.core.matching.roles import HeldTitle, RoleIndex

__all__ = [
    "KIND_ORDER",
    "AutocompleteChoice",
    "Candidate",
    "Explanation",
    "NameIndex",
    "NameRecord",
    "Reading",
    "Resolution",
    "Scored",
]

# --- Thresholds ----------------------------------------------------------------------------
# Chosen from measurements over the shipped facts with the queries of
# tests/core/matching/test_matching_table.py. Similarities are rapidfuzz's fuzz.ratio
# (normalised Indel similarity, 0-100) between folded tokens.

TOKEN_MATCH_CUTOFF = 80.0
"""A query token stands for a (misspelt) name token from this similarity.

Typos in the table, against the token meant: ngyuen/nguyen 83, tamm/tam 86, min/minh 86,
lamm/lam 86, thongloon/thongloun 89, thonlgoun 89, chin/chinh 89, khampao/khamphao 93,
maytong/maythong 93, thonglun/thongloun 94, sisulith/sisoulith 94, vientianne 95,
lengsavat 95, ernthavan 95, thammavongsaa 96: the lowest is 83. Tokens of names that are
not in the facts, against their nearest index token: biden/bieu 67, hun/chu 67, sen/san 67,
donald/dong 60, trump/trust 60, macron/cong 60, emmanuel/annual 57, jinping/ninh 55,
sonexay/next 55, president/investment 53, qwertyuiop 48, asdfgh 44: the highest is 67.
80 sits between the two, and still admits one substitution in five letters (chinn/chinh).
A token typed exactly as indexed is never corrected, so real near-twins (phong/thong 80)
do not matter."""

TOKEN_SUGGEST_CUTOFF = 66.0
"""A query token may take part in a "did you mean" from this similarity: one substitution
in three letters (tan/tam 67), so that `Nguyen Minh Tan` can suggest Nguyen Minh Tam."""

SUGGEST_CUTOFF = 75.0
"""A name is suggested when every query token is near one of its tokens (>= 66) and the
length-weighted mean similarity reaches this. Measured: `Nguyen Minh Tan` 92 (a genuine near
miss); the names not in the facts score at most 66.7 (`Hun Sen`: chu/san), most much less
(`Joe Biden` 54, `Donald Trump` 50, `asdfgh` 44), so they get no suggestion."""

AMBIGUITY_MARGIN = 4.0
"""Typo-tolerant fits of two entities within this many points are too close to call. One
letter moves a token's similarity by 5-20 points and the mean by at least 4 in a query of
up to 25 letters, so a smaller gap is not evidence for either."""

COVERAGE_DOMINANCE = 2.0
"""Among fits that are not people, the best is picked only when it covers at least twice
the share of its name that the runner-up covers (share = query length / name length).
Measured: `Communist Party` 0.58 of the party vs 0.27 of its 14th Congress (2.1x: the
party); `Vietnamese community` 0.71 vs 0.34 (the community); `border delegation` 0.81 vs
0.61 and `National Congress` 0.77 vs 0.77 (ambiguous); `state visit` 0.28, 0.28, 0.20,
0.16 over four events (ambiguous)."""

PERSON_KINDS = frozenset({"person"})
"""Kinds whose names are matched by part (given name, family name, two of three syllables)
before any other kind: a single syllable such as `Chính` means the Prime Minister, not the
word inside the pillar "Chính trị - ngoại giao". Partial fits of two people are ambiguous
(`Minh`, `Nguyễn`), whatever the position of the syllable in the name."""

FUZZY_MIN_TOKEN = 3
"""Tokens shorter than this are matched exactly only, on both sides: one typo in two letters
is a different word (`vu`/`vn`, `to`/`ta`), and a typed word of three letters never stands
for a name word of two (`hox` is not `Hồ`, though one deletion apart)."""

TYPO_EDITS = 1
"""A query word of `FUZZY_MIN_TOKEN` letters or more stands for a name word this many edits
away (substitution, the first letter included; insertion; deletion; swap of neighbours),
whatever its length. Similarity alone cannot say it: one substitution in `linh` scores 75,
in `anh` 67, below `TOKEN_MATCH_CUTOFF`, though 3-4 letters are the commonest Vietnamese
syllables. Among fits, fewer edits win; equal edits for two entities are ambiguous."""

LETTERS_PER_EDIT = 16
"""A query may carry one edit, and one more per this many letters: `hox thanh hoan` (12
letters, two words each one edit from Hoàng Thanh Hoa) is not a typo of that name, but
`Thongloon Sisulith` (17 letters) is of Thongloun Sisoulith. Several typos in a short name
are as likely another name, and an answer for the wrong person is worse than a question."""

SHORT_TYPO_MAX = 4
"""Query words up to this length also look up every word one edit away (`_one_edit`): for
`hxa` or `lnih`, no first or last two letters survive, so the length/end buckets
(`NEAR_LENGTH`) cannot find `hoa` or `linh`."""

CANDIDATE_LIMIT = 10
"""Most candidates returned for an ambiguous query (a reply lists them as buttons)."""

SUGGESTION_LIMIT = 3
AUTOCOMPLETE_LIMIT = 25
"""Discord's maximum number of autocomplete choices."""

CHOICE_MAX = 100
"""Discord's limit on the length of a choice's name and value."""

MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 12
"""Longer input is cut: no name is longer, and the work per query must stay bounded."""

_LAST_CHAR = "\U0010ffff"
"""Sorts after every character: `prefix + _LAST_CHAR` bounds the words starting with prefix."""

SCAN_LIMIT = 2_000
"""Most index entries scored by one typo-tolerant or autocomplete step (bounds p99 on big
sets; only a query fitting thousands of names reaches it, and that query is ambiguous)."""

NEAR_LENGTH = 2
"""Typo candidates for a token are index tokens within this many letters of its length
that share its first or its last k letters (k = 2 up to six letters, 3 up to nine, then 4).
One edit (deletion, insertion, substitution) or one swap of neighbouring letters
(`Ngyuen`) leaves one of the two ends intact in any word of at least 2k + 1 letters, and
two edits change the length by at most two. Scoring only those
tokens instead of the whole vocabulary (46k tokens at 100k names) keeps p99 low."""

NEAR_ALTERNATIVES = 24
"""Most alternatives kept per query token (fewest edits, then best similarity, first): a
short token of a dense vocabulary is one edit from dozens of others (`hax`: hai, han, hau,
...), and each brings its postings."""

BEST_FIRST_BAND = 15.0
"""Alternatives within this many points of a token's best are tried first; wider than
`AMBIGUITY_MARGIN` so that no fit within the margin of the best is missed in practice."""

POSTING_SET_MIN = 64
"""Words in at least this many names also keep their postings as a set, so that the names
holding several typed words (`nguyen thanh`) are found by C-level intersections."""

PREFIX_WALK_FACTOR = 4
"""Autocomplete intersects the postings of the words starting with the last typed word with
the names holding the complete words when that costs fewer set probes than this many times
those names; otherwise it checks those names' words (one substring test each, about four
times the cost of a probe in a C-level intersection)."""

WALK_WORDS = 64
"""Up to this many words start with the last typed word, the cost of intersecting their
postings is summed word by word (`_walk_cost`); past it, their postings bound it."""

WALK_WORD_COST = 8
"""The Python cost of one word's intersection, in set probes."""

WORD_PREFIX_CAP = 8 * AUTOCOMPLETE_LIMIT
"""Most names with a word starting with the typed one collected per reading: enough to fill
both passes (people, then the rest) with room for the command's scope, few enough that a
common prefix (`nguyen t`) costs no more than a rare one."""

C_WALK_FACTOR = 12
"""A posting intersected in C costs about a twelfth of a name's words checked in Python:
typo fits intersect the near words' postings with the names holding the exact words unless
those postings outnumber the names twelve times."""

HOLDING_MEMO = 32
"""Sets of complete typed words whose common names are kept between keystrokes."""

NEAR_WORDS_KEPT = 50_000
"""Query words whose near words are kept between queries (then the store starts afresh)."""

SUGGEST_SCAN = 60
SUGGEST_ALTERNATIVES = 8
"""Most entries scored, and most near words per query word tried, for "did you mean"
(three are shown; the query fits nobody, so this is the slowest path)."""

FUZZY_SCAN_LIMIT = 200
"""Most entries scored by one typo-tolerant step."""

PREFIX_ALTERNATIVES = 20
"""Index tokens completing a query token (`Thong` -> `thongloun`) that may serve as
suggestions, alphabetically."""

KIND_ORDER = ("person", "country", "place", "organisation", "event", "pillar", "topic", "source")
"""Order of kinds in autocomplete with an empty query and among equal candidates."""

LATE_KINDS = frozenset({"source"})
"""Kinds matched by words only when no other kind fits: a headline repeats the words of
everything else (`Thongloun state visit` is the event, not the article about it)."""

_TIER_PERSON = 1
_TIER_OTHER = 2
_TIER_LATE = 3
_TIERS = {kind: _TIER_PERSON for kind in PERSON_KINDS} | {kind: _TIER_LATE for kind in LATE_KINDS}

_T = TypeVar("_T")

Status = Literal["match", "ambiguous", "none"]


@dataclass(frozen=True, slots=True)
class NameRecord:
    """An entity as the index sees it: plain data, independent of the fact model."""

    id: str
    kind: str
    label_en: str
    label_vi: str | None
    names: tuple[str, ...]
    label_native: str | None = None
    titles: tuple[HeldTitle, ...] = ()
    """Titles a person held (for `NameIndex.roles`)."""


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    kind: str
    label: str
    score: float
    matched_name: str


@dataclass(frozen=True, slots=True)
class Resolution:
    """Outcome of `NameIndex.resolve`.

    `match` is set only for "match"; `candidates` holds the entities too close to call for
    "ambiguous" (empty otherwise); `suggestions` holds near misses for "none".
    """

    status: Status
    match: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    suggestions: tuple[Candidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """One way `resolve` reads a query: a folded form with a leading run of titles
    stripped. `kept` lists title words left in because a known name has a word spelt that
    way once folded (`dang`: Đặng, not Đảng)."""

    key: str
    stripped: tuple[str, ...]
    words: tuple[str, ...]
    kept: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scored:
    """A name some stage fits: exact name, every word (partial names), or typo-tolerant."""

    id: str
    kind: str
    label: str
    stage: str
    score: float
    edits: int
    matched_name: str
    reading: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """What `NameIndex.explain` reports; printing is the caller's business."""

    query: str
    typed: tuple[str, ...]
    readings: tuple[Reading, ...]
    candidates: tuple[Scored, ...]
    resolution: Resolution


_STAGES = ("exact", "words", "typo")
EXPLAIN_LIMIT = 20


@dataclass(frozen=True, slots=True)
class AutocompleteChoice:
    name: str
    value: str


@dataclass(slots=True)
class _Fit:
    entity: int
    entry: int
    tier: int
    score: float
    coverage: float
    edits: int = 0


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


@lru_cache(maxsize=4096)
def _one_edit(word: str) -> frozenset[str]:
    """Every ASCII word one edit from `word` (substitution, insertion, deletion, swap of
    neighbours) of `FUZZY_MIN_TOKEN` letters or more: about 250 for four letters, cheaper to
    look up than to keep a deletion table of the whole vocabulary."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    edits.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    edits.update(a + c + b for a, b in splits for c in _LETTERS)
    edits.discard(word)
    return frozenset(edit for edit in edits if len(edit) >= FUZZY_MIN_TOKEN)


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _kind_rank_table() -> defaultdict[str, int]:
    return defaultdict(lambda: len(KIND_ORDER), {kind: i for i, kind in enumerate(KIND_ORDER)})


def display_label(record: NameRecord) -> str:
    """`Tô Lâm (To Lam)`: the Vietnamese form first, the English one when it differs, and the
    native script for names with no distinct Vietnamese form (`Thongloun Sisoulith (ທອງລຸນ…)`)."""
    primary = record.label_vi or record.label_en
    if primary != record.label_en:
        return f"{primary} ({record.label_en})"
    if record.label_native and record.label_native != primary:
        return f"{primary} ({record.label_native})"
    return primary


def _choice_name(record: NameRecord) -> str:
    """`display_label` within Discord's 100 characters: drop the bracket first, then cut."""
    label = display_label(record)
    if len(label) > CHOICE_MAX:
        label = record.label_vi or record.label_en
    if len(label) > CHOICE_MAX:
        label = label[: CHOICE_MAX - 1].rstrip() + "…"
    return label


def _pick(values: Sequence[_T], positions: Sequence[int]) -> list[_T]:
    """`[values[i] for i in positions]` at C speed."""
    if len(positions) > 1:
        return list(itemgetter(*positions)(values))
    return [values[i] for i in positions]


def _colliding(keys: Sequence[str], table: dict[str, int]) -> dict[str, list[int]]:
    """Positions of keys that `table` (key -> last position) does not point at."""
    more: dict[str, list[int]] = {}
    if len(table) < len(keys):
        for position, key in enumerate(keys):
            if table[key] != position:
                more.setdefault(key, []).append(position)
    return more


def _prefix_range(
    values: Sequence[str], prefix: str, low: int = 0, high: int | None = None
) -> range:
    """Positions of the sorted `values[low:high]` that start with `prefix`."""
    high = len(values) if high is None else high
    start = bisect.bisect_left(values, prefix, low, high)
    end = bisect.bisect_left(values, prefix + "\U0010ffff", start, high)
    return range(start, end)


class _LengthBuckets:
    """Tokens sorted by length, then alphabetically: the tokens of one length that start
    with a given prefix are one contiguous range."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = sorted(sorted(tokens), key=len)  # stable: alphabetical within a length
        lengths = list(map(len, self.tokens))
        self.bounds = {
            size: (bisect.bisect_left(lengths, size), bisect.bisect_right(lengths, size))
            for size in set(lengths)
        }

    def starting_with(self, prefix: str, sizes: range) -> list[str]:
        found: list[str] = []
        for size in sizes:
            bounds = self.bounds.get(size)
            if bounds is not None:
                span = _prefix_range(self.tokens, prefix, *bounds)
                found += self.tokens[span.start : span.stop]
        return found


@dataclass(frozen=True, slots=True)
class _Scope:
    """Which entities a lookup may return: some kinds, and optionally only some of those."""

    kinds: frozenset[str] | None = None
    entities: frozenset[int] | None = None


class NameIndex:
    """Immutable lookup structure over `NameRecord`s; build once, query from any task."""

    def __init__(self, records: Sequence[NameRecord], honorifics: Honorifics) -> None:
        """Use `NameIndex.build`. Everything is built in bulk, with C-level passes where
        possible: the issue asks for <= 1 s at 100k aliases. The cyclic garbage collector
        is held off meanwhile: the build makes a million lists and strings, none in a cycle,
        and the full collections they set off were a fifth of its time at 100k aliases."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(records, honorifics)
        finally:
            if enabled:
                gc.enable()

    def _build(self, records: Sequence[NameRecord], honorifics: Honorifics) -> None:
        self._records = tuple(records)
        self.honorifics = honorifics
        """Kept so that an index of part of the same facts (one relationship's) strips the
        same title words."""
        self._units = honorifics.units
        kinds = [record.kind for record in self._records]
        self._kind_rank = list(map(_kind_rank_table().__getitem__, kinds))
        self._tier = [_TIERS.get(kind, _TIER_OTHER) for kind in kinds]
        ids = [record.id for record in self._records]
        self._by_id = dict(zip(ids, count(), strict=False))
        self._by_id_more = _colliding(ids, self._by_id)
        self._default_order: dict[str, list[int]] | None = None
        self._choices: dict[int, AutocompleteChoice | None] = {}
        self._holding_memo: dict[frozenset[str], tuple[list[int], set[int]]] = {}
        self._roles: RoleIndex | None = None
        self._scopes: dict[tuple[frozenset[str] | None, frozenset[str] | None], _Scope] = {}

        # One entry per distinct (entity, key), keeping the last name with that key.
        names = [name for record in self._records for name in record.names]
        owners = [entity for entity, record in enumerate(self._records) for _ in record.names]
        keys, extra = key_lines(names)
        last = dict(zip(zip(owners, keys, strict=True), count(), strict=False))
        positions = sorted(last.values())
        if "" in keys:
            positions = [position for position in positions if keys[position]]
        self._entry_entity: list[int] = _pick(owners, positions)
        self._entry_key: list[str] = _pick(keys, positions)
        self._entry_name: list[str] = _pick(names, positions)
        seen = set(last)
        for position, found in extra.items():
            for key in found[1:]:
                if (owners[position], key) not in seen:
                    seen.add((owners[position], key))
                    self._entry_entity.append(owners[position])
                    self._entry_key.append(key)
                    self._entry_name.append(names[position])
        entry_keys = self._entry_key

        self._exact = dict(zip(entry_keys, count(), strict=False))
        self._exact_more = _colliding(entry_keys, self._exact)
        compacts = "\n".join(entry_keys).replace(" ", "").split("\n") if entry_keys else []
        self._compact = dict(zip(compacts, count(), strict=False))
        self._compact_more = _colliding(compacts, self._compact)

        postings: defaultdict[str, list[int]] = defaultdict(list)
        token_lists = self._entry_tokens = list(map(str.split, entry_keys))
        owners_of_tokens = chain.from_iterable(map(repeat, count(), map(len, token_lists)))
        for token, entry in zip(chain.from_iterable(token_lists), owners_of_tokens, strict=True):
            postings[token].append(entry)
        self._postings: dict[str, list[int]] = dict(postings)
        # " " + key of every entry: "has a word starting with x" is `" " + x in spaced`.
        self._entry_spaced = (" " + "\n ".join(entry_keys)).split("\n") if entry_keys else []
        self._posting_sets = {
            token: set(entries)
            for token, entries in self._postings.items()
            if len(entries) >= POSTING_SET_MIN
        }

        self._vocab = sorted(self._postings)
        self._vocab_set = frozenset(self._vocab)
        self._near_words: dict[str, dict[str, tuple[float, int]]] = {}
        # _vocab_sizes[i]: postings of the words before _vocab[i], to cost a prefix in O(1).
        self._vocab_sizes = [0, *accumulate(len(self._postings[t]) for t in self._vocab)]
        # Sorted keys of people's names and of the rest, for prefix search (people first).
        is_person = [
            tier == _TIER_PERSON for tier in map(self._tier.__getitem__, self._entry_entity)
        ]
        self._sorted_keys = {
            True: sorted(set(compress(entry_keys, is_person))),
            False: sorted(set(compress(entry_keys, map(not_, is_person)))),
        }
        self._heads = _LengthBuckets(self._vocab)
        reversed_vocab = "\n".join(self._vocab)[::-1].split("\n") if self._vocab else []
        self._tails = _LengthBuckets(reversed_vocab)
        self._blurred = self._blurred_units()

    def _blurred_units(self) -> frozenset[tuple[str, ...]]:
        """Honorifics whose folded form is also, differently marked, words of a known name:
        typed without marks, `dang` may be Đặng, `ba` Bá, `nguyen` Nguyễn, so they are not
        stripped on their own (normalize.honorific_stages)."""
        blurred: set[tuple[str, ...]] = set()
        for unit in self._units.all_units() | {(word,) for word in self._units.connectors}:
            forms = self._units.variants.get(unit, frozenset())
            postings = [self._postings.get(token) for token in unit]
            if any(p is None for p in postings):
                continue
            rarest = min((p for p in postings if p is not None), key=len)
            for entry in rarest[:SCAN_LIMIT]:
                words = self._entry_tokens[entry]
                for at in range(len(words) - len(unit) + 1):
                    if tuple(words[at : at + len(unit)]) != unit:
                        continue
                    written = marked_tokens(self._entry_name[entry])
                    if len(written) != len(words):
                        continue
                    if tuple(written[at : at + len(unit)]) not in forms:
                        blurred.add(unit)
                    break
                if unit in blurred:
                    break
        return frozenset(blurred)

    @classmethod
    def build(
        cls,
        records: Iterable[NameRecord],
        honorifics: Honorifics | None = None,
        previous: NameIndex | None = None,
    ) -> NameIndex:
        """Index every name of every record, under each of its keys (see `match_keys`).

        `previous` (the index of the facts before a reload) is the answer when it was built
        from the same records and honorifics: an index never changes, and most reloads
        change no name (at 50k statements this spares 55 ms, and freeing the old index)."""
        records = tuple(records)
        honorifics = honorifics or Honorifics()
        if (
            previous is not None
            and previous.honorifics == honorifics
            and previous._records == records
        ):
            return previous
        return cls(records, honorifics)

    # --- helpers ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    @property
    def records(self) -> tuple[NameRecord, ...]:
        return self._records

    @property
    def roles(self) -> RoleIndex:
        """The titles people held, searchable by office (`Lao ambassador`, `Thủ tướng`);
        built on first use, since most queries are names."""
        if self._roles is None:
            self._roles = RoleIndex(title for record in self._records for title in record.titles)
        return self._roles

    def _allowed(self, entity: int, scope: _Scope) -> bool:
        if scope.entities is not None and entity not in scope.entities:
            return False
        return scope.kinds is None or self._records[entity].kind in scope.kinds

    def _cached_scope(self, kinds: frozenset[str] | None, among: frozenset[str] | None) -> _Scope:
        """Autocomplete runs on every keystroke with the same few scopes: build each once."""
        key = (kinds, among)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._scopes[key] = self._scope(kinds, among)
        return scope

    def _scope(self, kinds: Collection[str] | None, among: Collection[str] | None) -> _Scope:
        entities = None
        if among is not None:
            entities = frozenset(
                e
                for typed in among
                if typed.lower() in self._by_id
                for e in (self._by_id[typed.lower()], *self._by_id_more.get(typed.lower(), ()))
            )
        return _Scope(None if kinds is None else frozenset(kinds), entities)

    def _candidate(self, entity: int, entry: int | None, score: float) -> Candidate:
        record = self._records[entity]
        matched = self._entry_name[entry] if entry is not None else record.id
        return Candidate(record.id, record.kind, display_label(record), round(score, 1), matched)

    def _sort_key(self, entity: int) -> tuple[int, int]:
        """Tie-break among equal candidates: kind, then the order of the facts."""
        return (self._kind_rank[entity], entity)

    def _label_key(self, entity: int) -> tuple[int, str]:
        return (self._kind_rank[entity], fold(self._records[entity].label_en))

    def _readings(self, query: str) -> list[tuple[int, tuple[str, ...]]]:
        """(tokens stripped, tokens) for every key of the query and every honorific stage."""
        readings: list[tuple[int, tuple[str, ...]]] = []
        for _, stripped, stage in self._key_readings(query):
            reading = (stripped, stage)
            if reading not in readings:
                readings.append(reading)
        readings.sort(key=lambda reading: reading[0])
        return readings

    def _key_readings(self, query: str) -> list[tuple[tuple[str, ...], int, tuple[str, ...]]]:
        """(key tokens, tokens stripped, tokens left) for every key and honorific stage."""
        found: list[tuple[tuple[str, ...], int, tuple[str, ...]]] = []
        cut = query[:MAX_QUERY_CHARS]
        written = marked_tokens(cut)
        refolded = match_keys(" ".join(written))[:1]
        for key in match_keys(cut):
            all_tokens = key.split()
            tokens = all_tokens[:MAX_QUERY_TOKENS]
            # Honorifics are compared as typed, marks and all, where the typed words line
            # up with the key's (Latin text; the native form of Lao text).
            aligned = len(written) == len(all_tokens) and (
                key == " ".join(written) or refolded == (key,)
            )
            typed = written[:MAX_QUERY_TOKENS] if aligned else None
            for stage in honorific_stages(tokens, self._units, typed, self._blurred):
                found.append((tuple(tokens), len(tokens) - len(stage), stage))
        return found

    def explain(self, query: str, kinds: Collection[str] | None = None) -> Explanation:
        """How `resolve` reads `query`: its folded forms, the titles stripped (and those
        kept because a known name has a word spelt that way), and what each stage finds,
        with scores and edits. For curators (`python -m bot names explain`) and tests."""
        allowed = self._scope(kinds, None)
        readings: list[Reading] = []
        scored: dict[tuple[str, int], Scored] = {}
        cache: dict[str, dict[str, tuple[float, int]]] = {}
        for key, stripped, tokens in self._key_readings(query):
            kept = [
                " ".join(unit)
                for unit in sorted(self._blurred)
                if key[stripped : stripped + len(unit)] == unit
            ]
            readings.append(Reading(" ".join(key), key[:stripped], tokens, tuple(kept)))
            found = [
                ("exact", _Fit(self._entry_entity[e], e, 0, 100.0, 1.0))
                for e in self._exact_entries(" ".join(tokens))
            ]
            found += [("words", fit) for fit in self._token_fits(tokens, allowed)]
            found += [
                ("typo", fit)
                for fit in self._fuzzy_fits(tokens, allowed, cache, typo=True, budget=True)
            ]
            for stage, fit in found:
                if not self._allowed(fit.entity, allowed):
                    continue
                record = self._records[fit.entity]
                entry = Scored(
                    record.id,
                    record.kind,
                    display_label(record),
                    stage,
                    round(fit.score, 1),
                    fit.edits,
                    self._entry_name[fit.entry],
                    " ".join(tokens),
                )
                known = scored.get((record.id, stripped))
                if known is None or _STAGES.index(stage) < _STAGES.index(known.stage):
                    scored[(record.id, stripped)] = entry
        ranked = sorted(
            scored.values(), key=lambda s: (_STAGES.index(s.stage), s.edits, -s.score, s.id)
        )
        return Explanation(
            query,
            tuple(marked_tokens(query[:MAX_QUERY_CHARS])),
            tuple(readings),
            tuple(ranked[:EXPLAIN_LIMIT]),
            self.resolve(query, kinds),
        )

    # --- resolve ------------------------------------------------------------------------

    def resolve(self, query: str, kinds: Collection[str] | None = None) -> Resolution:
        """Find the one entity `query` names, or say why not (ambiguous, or none)."""
        allowed = self._scope(kinds, None)

        typed = query.strip().lower()
        by_id = (
            [self._by_id[typed], *self._by_id_more.get(typed, ())] if typed in self._by_id else []
        )
        fits = [_Fit(e, -1, 0, 100.0, 1.0) for e in by_id if self._allowed(e, allowed)]
        if fits:
            return self._outcome(fits, exact=True)

        readings = self._readings(query)
        for _, tokens in readings:
            entries = self._exact_entries(" ".join(tokens))
            fits = [
                _Fit(self._entry_entity[e], e, 0, 100.0, 1.0)
                for e in entries
                if self._allowed(self._entry_entity[e], allowed)
            ]
            if fits:
                return self._outcome(fits, exact=True)

        best: list[_Fit] = []
        best_rank: tuple[int, int] | None = None
        for stripped, tokens in readings:
            fits = self._token_fits(tokens, allowed)
            if fits:
                rank = (min(fit.tier for fit in fits), stripped)
                if best_rank is None or rank < best_rank:
                    best, best_rank = fits, rank
        if best:
            return self._outcome(best)

        cache: dict[str, dict[str, tuple[float, int]]] = {}
        fuzzy_best: list[_Fit] = []
        fuzzy_rank: tuple[int, int, int, float] | None = None
        for stripped, tokens in readings:
            fits = self._fuzzy_fits(tokens, allowed, cache, typo=True, budget=True)
            if fits:
                tier = min(fit.tier for fit in fits)
                edits = min(fit.edits for fit in fits if fit.tier == tier)
                top = max(fit.score for fit in fits if fit.tier == tier and fit.edits == edits)
                # The reading that keeps more of the query wins: a word stripped as a title
                # could be the name's own (Đặng/Đảng), and the rest fit someone else.
                ranking = (tier, stripped, edits, -top)
                if fuzzy_rank is None or ranking < fuzzy_rank:
                    fuzzy_best, fuzzy_rank = fits, ranking
        if fuzzy_best:
            return self._outcome(fuzzy_best)

        return Resolution("none", suggestions=self._suggest(readings, allowed, cache))

    def _exact_entries(self, key: str) -> list[int]:
        """Entries whose key, or whose key without spaces, is `key` or `key` without spaces."""
        found: list[int] = []
        compact = key.replace(" ", "")
        for table, more, lookup in (
            (self._exact, self._exact_more, key),
            (self._compact, self._compact_more, compact),
        ):
            entry = table.get(lookup)
            if entry is not None:
                found.append(entry)
                found += more.get(lookup, ())
        return found

    def _outcome(self, fits: list[_Fit], *, exact: bool = False) -> Resolution:
        """Decide between one match and an ambiguity among the fits of one stage."""
        per_entity: dict[int, _Fit] = {}
        for fit in fits:
            known = per_entity.get(fit.entity)
            if known is None or (fit.tier, fit.edits, -fit.score, -fit.coverage) < (
                known.tier,
                known.edits,
                -known.score,
                -known.coverage,
            ):
                per_entity[fit.entity] = fit
        ranked = list(per_entity.values())
        if not exact:
            tier = min(fit.tier for fit in ranked)
            ranked = [fit for fit in ranked if fit.tier == tier]
            fewest = min(fit.edits for fit in ranked)
            ranked = [fit for fit in ranked if fit.edits == fewest]
            top = max(fit.score for fit in ranked)
            if not fewest:
                ranked = [fit for fit in ranked if fit.score >= top - AMBIGUITY_MARGIN]
            if tier != _TIER_PERSON and len(ranked) > 1:
                leader = max(fit.coverage for fit in ranked)
                ranked = [fit for fit in ranked if fit.coverage * COVERAGE_DOMINANCE > leader]
        ranked.sort(key=lambda fit: (-fit.score, -fit.coverage, self._sort_key(fit.entity)))
        chosen = [
            self._candidate(fit.entity, fit.entry if fit.entry >= 0 else None, fit.score)
            for fit in ranked[:CANDIDATE_LIMIT]
        ]
        if len(chosen) == 1:
            return Resolution("match", match=chosen[0])
        return Resolution("ambiguous", candidates=tuple(chosen))

    def _token_fits(self, tokens: tuple[str, ...], allowed: _Scope) -> list[_Fit]:
        """Entries holding every query token exactly (given names, family names, ...)."""
        wanted = set(tokens)
        lists = [self._postings.get(token) for token in wanted]
        found = sorted((entries for entries in lists if entries is not None), key=len)
        if not found or len(found) < len(lists):
            return []
        if len(found) == 1:
            entries: Iterable[int] = found[0]
        else:
            common = set(found[0]).intersection(*found[1:])
            entries = sorted(common)
        query_length = len(" ".join(wanted))
        fits: list[_Fit] = []
        persons: set[int] = set()
        for scanned, entry in enumerate(entries):
            entity = self._entry_entity[entry]
            if not self._allowed(entity, allowed):
                continue
            tier = self._tier[entity]
            coverage = query_length / len(self._entry_key[entry])
            fits.append(_Fit(entity, entry, tier, 100.0, coverage))
            if tier == _TIER_PERSON:
                persons.add(entity)
            if len(persons) > CANDIDATE_LIMIT or scanned >= SCAN_LIMIT:
                break  # already ambiguous among people; the rest cannot change that
        return fits

    def _alternatives(
        self, token: str, cache: dict[str, dict[str, tuple[float, int]]]
    ) -> dict[str, tuple[float, int]]:
        """Index tokens near `token` with (similarity, edits) (itself at (100, 0) when
        indexed): typos from the length/end buckets and, for short tokens, every word one
        edit away; and completions of the token as typed. Kept across queries (the index
        never changes, and people type the same syllables again and again)."""
        known = cache.get(token) or self._near_words.get(token)
        if known is not None:
            return known
        found: dict[str, float] = {}
        length = len(token)
        if length >= FUZZY_MIN_TOKEN:
            ends = min(4, max(2, (length - 1) // 3 + 1))
            sizes = range(max(1, length - NEAR_LENGTH), length + NEAR_LENGTH + 1)
            completions = _prefix_range(self._vocab, token)
            heads = self._heads.starting_with(token[:ends], sizes)
            heads += self._vocab[
                completions.start : min(completions.stop, completions.start + PREFIX_ALTERNATIVES)
            ]
            if length <= SHORT_TYPO_MAX and token.isascii():
                vocabulary = self._vocab_set
                heads += _one_edit(token) & vocabulary
            backwards = token[::-1]
            tails = self._tails.starting_with(backwards[:ends], sizes)
            # Indel similarity is the same read backwards, so the reversed vocabulary is
            # scored against the reversed token and only the hits are turned round.
            for query, pool, turn in ((token, heads, False), (backwards, tails, True)):
                for choice, score, _ in process.extract(
                    query,
                    pool,
                    scorer=fuzz.ratio,
                    processor=None,
                    score_cutoff=TOKEN_SUGGEST_CUTOFF,
                    limit=None,
                ):
                    found[choice[::-1] if turn else choice] = score
        if token in self._postings:
            found[token] = 100.0
        # A word two or more letters shorter is another word, not a slip ("hanoi" is not near
        # "hội", 75 by similarity), unless what was typed starts with it ("tammm", "tam").
        near = {
            alt: (score, 0 if alt == token else OSA.distance(token, alt))
            for alt, score in found.items()
            if len(alt) >= len(token) - 1 or token.startswith(alt)
        }
        cache[token] = near
        if len(self._near_words) >= NEAR_WORDS_KEPT:
            self._near_words.clear()
        self._near_words[token] = near
        return near

    @staticmethod
    def _typo_fits(token: str, alt: str, score: float, edits: int) -> bool:
        """Whether `alt` may stand for the typed `token` in an answer (see `TYPO_EDITS`)."""
        if alt == token:
            return True
        if len(token) < FUZZY_MIN_TOKEN or len(alt) < FUZZY_MIN_TOKEN:
            return False
        return edits <= TYPO_EDITS or score >= TOKEN_MATCH_CUTOFF

    def _fuzzy_fits(
        self,
        tokens: tuple[str, ...],
        allowed: _Scope,
        cache: dict[str, dict[str, tuple[float, int]]],
        *,
        typo: bool,
        budget: bool = False,
        scan: int = FUZZY_SCAN_LIMIT,
    ) -> list[_Fit]:
        """Entries in which every query token is near some token, scored by the
        length-weighted mean similarity of each query token to its nearest one, with the
        edits that takes. Near means a typo (`typo`, see `_typo_fits`) or, for suggestions,
        a similarity of `TOKEN_SUGGEST_CUTOFF`; `budget` caps the edits of an answer (see
        `LETTERS_PER_EDIT`; autocomplete sees words still being typed).

        Candidates come best first: entries holding a near-best alternative of every token
        (within `BEST_FIRST_BAND`), and only if there are none, any alternative."""
        wanted = list(dict.fromkeys(tokens))
        near: list[dict[str, tuple[float, int]]] = []
        for token in wanted:
            ranked = sorted(
                (
                    (alt, value)
                    for alt, value in self._alternatives(token, cache).items()
                    if (self._typo_fits(token, alt, *value) if typo else True)
                ),
                key=lambda pair: (pair[1][1], -pair[1][0], pair[0]),
            )
            if not ranked:
                return []
            near.append(dict(ranked[: NEAR_ALTERNATIVES if typo else SUGGEST_ALTERNATIVES]))
        weights = [len(token) for token in wanted]
        total = sum(weights)
        query_length = len(" ".join(wanted))
        fits: list[_Fit] = []
        most_edits = 1 + (total // LETTERS_PER_EDIT) if budget else len(wanted) * 99
        if most_edits < len(wanted):
            common = self._words_off(wanted, near, most_edits)
        elif not typo and len(wanted) > 1:  # a near miss keeps at least one word as typed
            common = self._words_off(wanted, near, len(wanted) - 1)
        else:
            strong = [
                [alt for alt, (score, _) in options.items() if score >= best - BEST_FIRST_BAND]
                for options in near
                for best in (max(score for score, _ in options.values()),)
            ]
            common = self._entries_with_all(strong)
            if not common:
                common = self._entries_with_all([list(options) for options in near])
        for entry in sorted(common)[:scan]:
            entity = self._entry_entity[entry]
            if not self._allowed(entity, allowed):
                continue
            name_tokens = self._entry_tokens[entry]
            score = 0.0
            edits = 0
            for weight, options in zip(weights, near, strict=True):
                best_score, best_edits = -1.0, 0
                for name_token in name_tokens:
                    value = options.get(name_token)
                    if value is not None and (
                        best_score < 0 or (value[1], -value[0]) < (best_edits, -best_score)
                    ):
                        best_score, best_edits = value
                score += weight * max(best_score, 0.0)
                edits += best_edits
            if edits > most_edits:
                continue
            fits.append(
                _Fit(
                    entity,
                    entry,
                    self._tier[entity],
                    score / total,
                    query_length / len(self._entry_key[entry]),
                    edits,
                )
            )
        return fits

    def _words_off(
        self, wanted: list[str], near: list[dict[str, tuple[float, int]]], most: int
    ) -> set[int]:
        """Entries holding every query word as typed but at most `most`, and near those:
        all that a query allowed `most` edits can fit. The names holding the exact words
        are intersected in C first (`kieu dinh vinh`: the Đình Vinh, then whether one has a
        word near kieu), far cheaper than the union of the names of every near word."""
        exact = [self._posting_sets.get(t) or set(self._postings.get(t, ())) for t in wanted]
        tokens_of = self._entry_tokens
        found: set[int] = set()
        for odd in combinations(range(len(wanted)), most):
            others = sorted((exact[i] for i in range(len(wanted)) if i not in odd), key=len)
            if not others[0]:
                continue
            base = set(others[0])
            for more in others[1:]:
                base &= more
                if not base:
                    break
            for position in odd:
                if not base:
                    break
                words = list(near[position])  # the word itself too, when it is a name's
                postings = sum(len(self._postings[w]) for w in words)
                if postings < len(base) * C_WALK_FACTOR:
                    hits: set[int] = set()
                    for word in words:
                        hits.update(base.intersection(self._postings[word]))
                    base = hits
                else:
                    near_words = frozenset(words)
                    base = {e for e in base if not near_words.isdisjoint(tokens_of[e])}
            found |= base
        return found

    def _entries_with_all(self, groups: list[list[str]]) -> set[int]:
        """Entries holding, for every group, at least one of its tokens. Once few entries
        remain, they are checked word by word rather than against long posting lists."""
        sized = [(sum(len(self._postings[t]) for t in group), group) for group in groups]
        sized.sort(key=itemgetter(0))
        common: set[int] = set()
        for position, (size, group) in enumerate(sized):
            if position == 0:
                for token in group:
                    common.update(self._postings[token])
            elif len(common) * 4 < size:
                words = frozenset(group)
                tokens_of = self._entry_tokens
                common = {e for e in common if not words.isdisjoint(tokens_of[e])}
            else:
                found: set[int] = set()
                for token in group:
                    found.update(common.intersection(self._postings[token]))
                common = found
            if not common:
                break
        return common

    def _suggest(
        self,
        readings: list[tuple[int, tuple[str, ...]]],
        allowed: _Scope,
        cache: dict[str, dict[str, tuple[float, int]]],
    ) -> tuple[Candidate, ...]:
        """Up to three entities genuinely near the query, people first; nothing for names
        that merely share a letter pattern."""
        best: dict[int, _Fit] = {}
        for _, tokens in readings:
            for fit in self._fuzzy_fits(tokens, allowed, cache, typo=False, scan=SUGGEST_SCAN):
                if fit.score < SUGGEST_CUTOFF:
                    continue
                known = best.get(fit.entity)
                if known is None or (fit.score, fit.coverage) > (known.score, known.coverage):
                    best[fit.entity] = fit
        ranked = sorted(
            best.values(),
            key=lambda fit: (fit.tier, -fit.score, -fit.coverage, self._sort_key(fit.entity)),
        )
        return tuple(
            self._candidate(fit.entity, fit.entry, fit.score) for fit in ranked[:SUGGESTION_LIMIT]
        )

    # --- autocomplete -------------------------------------------------------------------

    def autocomplete(
        self,
        query: str,
        kinds: Collection[str] | None = None,
        limit: int = AUTOCOMPLETE_LIMIT,
        among: frozenset[str] | None = None,
    ) -> list[AutocompleteChoice]:
        """Ranked choices for a partly typed name, value = the entity id.

        Prefix matches come first: people whose name starts with what is typed, or has a
        part that does (people are called by their given or family name: `Chí` offers Phạm
        Minh Chính), then other entities whose name starts with it; then other names with a
        word starting with it; then typo-tolerant fits. Each group is alphabetical. An
        empty query lists people first, then the other kinds, alphabetically.

        `among` narrows the choices to those ids (say, only what took part in an event), so
        the suggestions are all answers the command can give."""
        limit = max(0, min(limit, AUTOCOMPLETE_LIMIT))
        if not limit:
            return []
        allowed = self._cached_scope(None if kinds is None else frozenset(kinds), among)
        readings = self._readings(query)
        chosen: dict[int, None] = {}
        if not readings:
            chosen = dict.fromkeys(self._default_entities(allowed, limit))
        else:
            memo: dict[tuple[frozenset[str], str], list[int]] = {}
            for person in (True, False):
                if len(chosen) < limit:
                    self._prefix_entities(readings, allowed, limit, chosen, person=person)
                if len(chosen) < limit:
                    self._word_prefix_entities(
                        readings, allowed, limit, chosen, person=person, memo=memo
                    )
            if not chosen:  # near misses only when nothing is spelt that way
                self._fuzzy_entities(readings, allowed, limit, chosen)
        choices = [c for c in map(self._choice, chosen) if c is not None][:limit]
        if not choices and (allowed.kinds is None or PERSON_KINDS & allowed.kinds):
            choices = self._role_choices(query, allowed, limit)
        return choices

    def _choice(self, entity: int) -> AutocompleteChoice | None:
        """The entity as a choice (None: its id is too long to send back), made once: the
        same few thousand names are offered keystroke after keystroke."""
        cache = self._choices
        if entity in cache:
            return cache[entity]
        record = self._records[entity]
        choice = (
            AutocompleteChoice(_choice_name(record), record.id)
            if len(record.id) <= CHOICE_MAX
            else None
        )
        cache[entity] = choice
        return choice

    def _role_choices(self, query: str, allowed: _Scope, limit: int) -> list[AutocompleteChoice]:
        """People by a title being typed (`amb`: both ambassadors), shown with the title."""
        found: list[AutocompleteChoice] = []
        for held in self.roles.complete(query[:MAX_QUERY_CHARS]):
            entity = self._by_id.get(held.person)
            if entity is None or not self._allowed(entity, allowed):
                continue
            name = f"{_choice_name(self._records[entity])} — {held.title}"
            if len(name) > CHOICE_MAX:
                name = name[: CHOICE_MAX - 1].rstrip() + "…"
            found.append(AutocompleteChoice(name, held.person))
            if len(found) >= limit:
                break
        return found

    def _default_entities(self, allowed: _Scope, limit: int) -> list[int]:
        if self._default_order is None:
            order: dict[str, list[int]] = {}
            for entity in sorted(range(len(self._records)), key=self._label_key):
                order.setdefault(self._records[entity].kind, []).append(entity)
            self._default_order = order
        result: list[int] = []
        for kind in sorted(self._default_order, key=_kind_rank):
            if allowed.kinds is None or kind in allowed.kinds:
                admitted = (e for e in self._default_order[kind] if self._allowed(e, allowed))
                result.extend(islice(admitted, limit - len(result)))
            if len(result) >= limit:
                break
        return result

    def _prefix_entities(
        self,
        readings: list[tuple[int, tuple[str, ...]]],
        allowed: _Scope,
        limit: int,
        chosen: dict[int, None],
        *,
        person: bool,
    ) -> None:
        """Names (of people, or of the rest) that start with the typed text, alphabetically."""
        keys = self._sorted_keys[person]
        exact, more, entity_of, tier = self._exact, self._exact_more, self._entry_entity, self._tier
        anyone = allowed.kinds is None and allowed.entities is None
        wanted_tier = _TIER_PERSON if person else None
        for _, tokens in readings:
            span = _prefix_range(keys, " ".join(tokens))
            for key in keys[span.start : min(span.stop, span.start + SCAN_LIMIT)]:
                entry = exact[key]
                entries = (entry, *more[key]) if key in more else (entry,)
                for entity in map(entity_of.__getitem__, entries):
                    if (
                        entity not in chosen
                        and (
                            (tier[entity] == wanted_tier)
                            if person
                            else (tier[entity] != _TIER_PERSON)
                        )
                        and (anyone or self._allowed(entity, allowed))
                    ):
                        chosen[entity] = None
                        if len(chosen) >= limit:
                            return

    def _word_prefix_entities(
        self,
        readings: list[tuple[int, tuple[str, ...]]],
        allowed: _Scope,
        limit: int,
        chosen: dict[int, None],
        *,
        person: bool,
        memo: dict[tuple[frozenset[str], str], list[int]],
    ) -> None:
        """Names (of people, or of the rest) holding every complete word typed and a word
        starting with the last one, by kind, then alphabetically."""
        found: dict[int, tuple[int, int, str]] = {}
        for _, tokens in readings:
            *complete, last = tokens
            wanted = frozenset(complete)
            if any(token not in self._postings for token in wanted):
                continue
            key = (wanted, last)
            entries = memo.get(key)
            if entries is None:  # the people pass and the rest's pass share one walk
                entries = memo[key] = self._entries_with_word_prefix(wanted, last)
            for entry in entries:
                entity = self._entry_entity[entry]
                if (
                    entity in chosen
                    or entity in found
                    or (self._tier[entity] == _TIER_PERSON) != person
                    or not self._allowed(entity, allowed)
                ):
                    continue
                found[entity] = (
                    self._tier[entity],
                    self._kind_rank[entity],
                    self._entry_key[entry],
                )
                if len(found) >= 4 * limit:
                    break
        for entity in sorted(found, key=found.__getitem__)[: limit - len(chosen)]:
            chosen[entity] = None

    def _holding_all(self, wanted: frozenset[str]) -> tuple[list[int], set[int]]:
        """Entries holding every word of `wanted` (not empty): in index order, each once,
        and as a set.

        One word: its postings as they are (already in order; copied only when a name holds
        the word twice). Several: set intersections in C (the common words' postings are
        kept as sets, `_posting_sets`; the two rarest are intersected without copying
        either), sorted once and kept for the next keystrokes, which type the same words.
        What is returned is shared: never change it."""
        if len(wanted) == 1:
            (word,) = wanted
            postings = self._postings[word]
            whole = self._posting_sets.get(word)
            if whole is None:
                whole = set(postings)
            if len(whole) == len(postings):
                return postings, whole
            return sorted(whole), whole
        known = self._holding_memo.get(wanted)
        if known is not None:
            return known
        ordered = sorted(wanted, key=lambda word: len(self._postings[word]))
        sets = self._posting_sets
        first = sets.get(ordered[0])
        if first is not None:  # so is the next, which is no rarer: one C pass over the rarer
            common, rest = first & sets[ordered[1]], ordered[2:]
        else:
            common, rest = set(self._postings[ordered[0]]), ordered[1:]
        for word in rest:
            if not common:
                break
            common &= sets.get(word) or set(self._postings[word])
        if len(self._holding_memo) >= HOLDING_MEMO:
            self._holding_memo.clear()
        found = self._holding_memo[wanted] = (sorted(common), common)
        return found

    def _entries_with_word_prefix(self, wanted: frozenset[str], last: str) -> list[int]:
        """Entries holding every word in `wanted` and a word starting with `last`, up to
        `WORD_PREFIX_CAP` (in index order). Walks whichever is cheaper: the entries holding the
        whole words, checked word by word, or the postings of each word starting with
        `last`, intersected with them in C (`nguyen thanh sa`: a few hundred Nguyễn ...
        Thanh, and only the postings of sa-words; `dinh than`: 1,581 Đinh, but one C
        intersection with the 3,000 names holding Thanh)."""
        low = bisect.bisect_left(self._vocab, last)
        high = bisect.bisect_left(self._vocab, last + _LAST_CHAR, low)
        if not wanted:
            found: list[int] = []
            for word in self._vocab[low:high]:
                found += self._postings[word][: WORD_PREFIX_CAP - len(found)]
                if len(found) >= WORD_PREFIX_CAP:
                    break
            return found
        common, common_set = self._holding_all(wanted)
        if not common:
            return []
        if any(word.startswith(last) for word in wanted):  # `dinh d`: every one of them
            return common[:WORD_PREFIX_CAP]
        if self._walk_cost(low, high, len(common)) < len(common) * PREFIX_WALK_FACTOR:
            hits: set[int] = set()
            sets, postings = self._posting_sets, self._postings
            for word in self._vocab[low:high]:
                # set & set runs over the smaller one; a short posting list probes the set.
                near = sets.get(word)
                hits |= (
                    common_set & near
                    if near is not None
                    else common_set.intersection(postings[word])
                )
            return sorted(hits)[:WORD_PREFIX_CAP]
        needle = " " + last  # a word of " dinh van thanh" starts with "tha"
        # `needle in spaced[e]` for each, in C: a generator cost three times as much.
        held = map(contains, map(self._entry_spaced.__getitem__, common), repeat(needle))
        return list(islice(compress(common, held), WORD_PREFIX_CAP))

    def _walk_cost(self, low: int, high: int, common: int) -> int:
        """Set probes to intersect the postings of `_vocab[low:high]` with `common` names:
        each word costs its postings or `common`, whichever is fewer (a C intersection
        runs over the smaller set). Over `WALK_WORDS` words the sum of their postings
        bounds it, at no cost to compute."""
        if high - low > WALK_WORDS:
            return self._vocab_sizes[high] - self._vocab_sizes[low]
        sizes = self._vocab_sizes
        return (
            sum(min(sizes[i + 1] - sizes[i], common) for i in range(low, high))
            + (high - low) * WALK_WORD_COST
        )

    def _fuzzy_entities(
        self,
        readings: list[tuple[int, tuple[str, ...]]],
        allowed: _Scope,
        limit: int,
        chosen: dict[int, None],
    ) -> None:
        """Typo-tolerant fits, best first (near misses would be noise in a typeahead)."""
        cache: dict[str, dict[str, tuple[float, int]]] = {}
        best: dict[int, _Fit] = {}
        for _, tokens in readings:
            # A typeahead shows 25: scoring 4x that many near names is plenty.
            for fit in self._fuzzy_fits(tokens, allowed, cache, typo=True, scan=4 * limit):
                if fit.entity in chosen:
                    continue
                known = best.get(fit.entity)
                if known is None or (fit.score, fit.coverage) > (known.score, known.coverage):
                    best[fit.entity] = fit
        ranked = sorted(
            best.values(),
            key=lambda fit: (fit.tier, -fit.score, -fit.coverage, self._sort_key(fit.entity)),
        )
        for fit in ranked[: limit - len(chosen)]:
            chosen[fit.entity] = None
