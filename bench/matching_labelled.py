"""A seeded synthetic population of names and a labelled set of queries against it, for the
matching bench (bench_matching.py) and the accuracy test (tests/core/matching).

Why synthetic: the shipped facts hold eight people, far too few to measure how often a
matcher answers for the wrong person. The population is shaped like the facts and like the
region: Vietnamese names with a realistic skew of family names (Nguyễn about 38 %), middle
names such as Bá and Văn, and every diacritic; Lao romanised names, a third with a second
romanisation as an alias, some with a name in Lao script. No two people share a match key.

Each query has a class (exact, no diacritics, one typo, partial, unknown) and a truth
worked out here from the words of the names, independently of the matcher:

* every query word stands for a name word that is the same, or, for words of 3+ letters on
  both sides, one edit away (substitution, insertion, deletion, swap of neighbours);
* the people whose name needs the fewest edits are the answer: one person is a match,
  several are a choice ("ambiguous"), none is "nothing";
* a typo that spells someone else more closely than its target, and an "unknown" name that
  is within one edit of a known one, are not kept: no matcher can tell them apart.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.matching import NameRecord

__all__ = [
    "CLASSES",
    "Answer",
    "Case",
    "Score",
    "Truth",
    "labelled_queries",
    "plain",
    "population",
    "score",
]

Outcome = Literal["match", "ambiguous", "none"]
CLASSES = ("exact", "no diacritics", "one typo", "partial", "unknown")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Family names with weights close to the population's (Nguyễn ~38 %, Trần 11, Lê 9.5, ...).
VI_FAMILY_WEIGHTED = (
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5.1), ("Huỳnh", 5),
    ("Phan", 4.5), ("Vũ", 3.9), ("Võ", 3), ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4),
    ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5), ("Đinh", 0.5), ("Trịnh", 0.5),
    ("Đoàn", 0.5), ("Lương", 0.4), ("Mai", 0.4), ("Cao", 0.4), ("Tạ", 0.3), ("Hà", 0.4),
    ("Lâm", 0.3), ("Tô", 0.2), ("Chu", 0.2), ("Quách", 0.1), ("Thái", 0.2), ("Triệu", 0.1),
)  # fmt: skip
VI_MIDDLE = _words(
    "Văn Thị Minh Hữu Đức Thanh Quốc Ngọc Thu Xuân Kim Công Hồng Bảo Gia Trọng Anh Tiến Đình "
    "Quang Thành Mạnh Hoài Phương Diệu Bá Duy Khắc Viết Như"
)
VI_GIVEN = _words(
    "An Anh Bình Chính Cường Dũng Duy Giang Hà Hải Hạnh Hiếu Hoa Hùng Huy Khánh Lâm Lan Linh "
    "Long Mai Minh Nam Nga Ngân Nhung Phong Phúc Phương Quân Quang Sơn Tâm Thắng Thành Thảo "
    "Thủy Trang Trung Tú Tuấn Vũ Vy Yến Hưng Khoa Đạt Hiền Hương Lộc Thịnh Toàn Vinh Châu "
    "Điệp Hậu Kiên Lợi Nghĩa Oanh Quyên Sang Tín Uyên Xuyến Bích Cúc Đào Gấm Hằng Loan Tài "
    "Phát Hoàn Ước Sáu Tư Bảy Hoà Ánh Đông Tùng Lực Cảnh"
)
LAO_SYLLABLES = _words(
    "thong loun kham phao som sa vath si sou lith phou mi vong bou nhang chan tha keo vi lay "
    "van sai phone nou khone douang deuane boun my seng a ly noy pheng xay sone dara la "
    "vanh chit sack phet ma ni sing in thi pa ka"
)
LAO_CONSONANTS = "ກຂຄງຈສຊຍດຕຖທນບປຜພຟມຢລວຫອຮ"
LAO_VOWELS = ("ະ", "າ", "ິ", "ີ", "ຸ", "ູ", "ົ", "ໍ", "")
LAO_FINALS = ("ນ", "ງ", "ມ", "ດ", "ບ", "ກ", "")
ROMANISATIONS = (("ou", "u"), ("th", "t"), ("ph", "p"), ("v", "w"), ("x", "s"), ("y", "i"))
FOREIGN = (
    "Donald Trump", "Xi Jinping", "Emmanuel Macron", "Hun Sen", "Narendra Modi",
    "Vladimir Putin", "Olaf Scholz", "Fumio Kishida", "Anwar Ibrahim", "Prabowo Subianto",
    "Ferdinand Marcos", "Lee Hsien Loong", "Joe Biden", "Keir Starmer", "Justin Trudeau",
    "Yoon Suk Yeol", "Recep Erdogan", "Cyril Ramaphosa", "Luiz Lula", "Giorgia Meloni",
    "Hun Manet", "Paetongtarn Shinawatra", "Srettha Thavisin", "Min Aung Hlaing",
)  # fmt: skip
# Words for names that are not in the population: family and given names it never uses.
# (Not Ông or Bà, rare family names that are also titles: "Ông Như Đông" is Mr Như Đông.)
VI_FAMILY_RARE = _words("Khổng Âu Mạc Kiều Diệp Lạc Giáp Khúc Thân Từ Phùng Quản")
VI_GIVEN_RARE = _words("Khải Nhân Thiện Doãn Khuê Quyết Chiểu Ẩn Nguyệt Thoa Khiêm Nhạn Huyền")


def plain(text: str) -> list[str]:
    """Words without marks, case or punctuation (đ -> d). Written here rather than taken
    from the matcher, so that the truth does not depend on the code it checks."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    kept = kept.replace("đ", "d").replace("Đ", "D").lower()
    return "".join(c if c.isalnum() else " " for c in kept).split()


def _vietnamese(rng: random.Random, families: Sequence[str], weights: Sequence[float]) -> str:
    middles = rng.sample(VI_MIDDLE, rng.choice((1, 1, 1, 2)))
    return " ".join([rng.choices(families, weights)[0], *middles, rng.choice(VI_GIVEN)])


def _lao_word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(LAO_SYLLABLES) for _ in range(parts)).capitalize()


def _lao_script(rng: random.Random) -> str:
    def word() -> str:
        return "".join(
            rng.choice(LAO_CONSONANTS) + rng.choice(LAO_VOWELS) + rng.choice(LAO_FINALS)
            for _ in range(rng.choice((2, 3)))
        )

    return f"{word()} {word()}"


def _other_romanisation(name: str, rng: random.Random) -> str | None:
    options = [(a, b) for a, b in ROMANISATIONS if a in name.lower()]
    if not options:
        return None
    a, b = rng.choice(options)
    return " ".join(w.lower().replace(a, b, 1).capitalize() for w in name.split())


def population(size: int, seed: int) -> list[NameRecord]:
    """People with `size` names (aliases) in all; the same for the same size and seed."""
    rng = random.Random(seed * 1_000_003 + size)
    families = [family for family, _ in VI_FAMILY_WEIGHTED]
    weights = [weight for _, weight in VI_FAMILY_WEIGHTED]
    seen: set[str] = set()
    records: list[NameRecord] = []
    aliases = 0
    while aliases < size:
        entity = f"p{len(records)}"
        if rng.random() < 0.6:
            vietnamese = _vietnamese(rng, families, weights)
            english = " ".join(plain(vietnamese)).title()
            record = NameRecord(entity, "person", english, vietnamese, (english, vietnamese))
        else:
            english = f"{_lao_word(rng, 2)} {_lao_word(rng, rng.choice((2, 3)))}"
            names = [english]
            other = _other_romanisation(english, rng) if rng.random() < 0.3 else None
            if other and other != english:
                names.append(other)
            native = _lao_script(rng) if rng.random() < 0.1 else None
            if native:
                names.append(native)
            record = NameRecord(entity, "person", english, None, tuple(names), native)
        keys = {" ".join(plain(name)) for name in record.names}
        if keys & seen:
            continue
        seen |= keys
        records.append(record)
        aliases += len(record.names)
    return records


@dataclass(frozen=True)
class Truth:
    """What a careful matcher answers: one person, a choice among some, or nothing."""

    outcome: Outcome
    ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    target: str | None
    truth: Truth


class _Words:
    """The population's Latin name words, for working out truths."""

    def __init__(self, records: Sequence[NameRecord]) -> None:
        self.names: list[tuple[str, list[str]]] = []
        self.with_word: defaultdict[str, set[int]] = defaultdict(set)
        for record in records:
            for name in record.names:
                words = plain(name)
                if not words or not all(w.isascii() for w in words):
                    continue
                position = len(self.names)
                self.names.append((record.id, words))
                for word in words:
                    self.with_word[word].add(position)
        self.vocabulary = sorted(self.with_word)

    def near(self, word: str) -> dict[str, int]:
        """Name words standing for `word`, with the edits that takes."""
        found = {word: 0} if word in self.with_word else {}
        if len(word) >= 3:
            for other, distance, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=1, limit=None
            ):
                if len(other) >= 3 and other != word:
                    found[other] = int(distance)
        return found

    def truth(self, query: str, most_edits: int) -> tuple[Truth, dict[str, int]]:
        """The people needing the fewest edits (at most `most_edits`), and every person's
        edits within that bound."""
        words = list(dict.fromkeys(plain(query)))
        if not words:
            return Truth("none"), {}
        near = [self.near(word) for word in words]
        if any(not options for options in near):
            return Truth("none"), {}
        groups = [set().union(*(self.with_word[w] for w in options)) for options in near]
        positions = set.intersection(*groups)
        cost: dict[str, int] = {}
        for position in positions:
            entity, name_words = self.names[position]
            total = 0
            for options in near:
                total += min(options[w] for w in name_words if w in options)
            if total <= most_edits and total < cost.get(entity, most_edits + 1):
                cost[entity] = total
        if not cost:
            return Truth("none"), {}
        fewest = min(cost.values())
        best = frozenset(entity for entity, edits in cost.items() if edits == fewest)
        return Truth("match" if len(best) == 1 else "ambiguous", best), cost


def _typo(word: str, rng: random.Random) -> str:
    """One substitution (the first letter included), insertion, deletion or swap."""
    letters = "abcdeghiklmnopqrstuvxy"
    at = rng.randrange(len(word))
    match rng.randrange(4):
        case 0:
            return word[:at] + rng.choice(letters.replace(word[at], "")) + word[at + 1 :]
        case 1:
            return word[:at] + rng.choice(letters) + word[at:]
        case 2:
            return word[:at] + word[at + 1 :]
        case _:
            at = min(at, len(word) - 2)
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _latin_names(record: NameRecord) -> list[str]:
    return [name for name in record.names if all(w.isascii() for w in plain(name))]


def labelled_queries(records: Sequence[NameRecord], per_class: int, seed: int) -> list[Case]:
    """`per_class` queries of each class, with their truths (see the module docstring)."""
    rng = random.Random(seed)
    words = _Words(records)
    people = [r for r in records if r.kind == "person"]
    cases: list[Case] = []

    def add(kind: str, make: Callable[[], Case | None]) -> None:
        made = 0
        for _ in range(per_class * 20):
            case = make()
            if case is not None:
                cases.append(case)
                made += 1
                if made == per_class:
                    return

    def exact() -> Case:
        record = rng.choice(people)
        name = rng.choice(record.names)
        return Case("exact", name, record.id, Truth("match", frozenset({record.id})))

    def no_diacritics() -> Case:
        record = rng.choice(people)
        name = record.label_vi or record.label_en
        query = " ".join(plain(name))
        return Case("no diacritics", query, record.id, Truth("match", frozenset({record.id})))

    def one_typo() -> Case | None:
        record = rng.choice(people)
        name_words = plain(rng.choice(_latin_names(record)))
        long_words = [i for i, w in enumerate(name_words) if len(w) >= 3]
        if not long_words:
            return None
        at = rng.choice(long_words)
        typed = _typo(name_words[at], rng)
        if typed == name_words[at]:
            return None
        query = " ".join([*name_words[:at], typed, *name_words[at + 1 :]])
        truth, _ = words.truth(query, 1)
        if record.id not in truth.ids:
            return None  # spells someone else (or a whole other name) more closely
        return Case("one typo", query, record.id, truth)

    def partial() -> Case | None:
        record = rng.choice(people)
        name_words = (record.label_vi or record.label_en).split()
        if record.label_vi and len(name_words) >= 3:
            part = rng.choice(([name_words[-1]], [name_words[0], name_words[-1]], name_words[-2:]))
        else:
            part = [rng.choice(name_words)]
        query = " ".join(part)
        truth, _ = words.truth(query, 0)
        if record.id not in truth.ids:
            return None
        return Case("partial", query, record.id, truth)

    families = [family for family, _ in VI_FAMILY_WEIGHTED]

    def unknown() -> Case | None:
        pick = rng.randrange(4)
        if pick == 0:
            query = rng.choice(FOREIGN)
        elif pick == 1:
            middle = rng.choice(VI_MIDDLE)
            query = f"{rng.choice(VI_FAMILY_RARE)} {middle} {rng.choice(VI_GIVEN)}"
        elif pick == 2:
            query = f"{rng.choice(families)} {rng.choice(VI_MIDDLE)} {rng.choice(VI_GIVEN_RARE)}"
        else:
            query = f"{_lao_word(rng, 2)} {_lao_word(rng, 2)}"
        truth, _ = words.truth(query, 1)
        if truth.outcome != "none":
            return None  # within one edit of a known name: a typo, not an unknown
        return Case("unknown", query, None, truth)

    add("exact", exact)
    add("no diacritics", no_diacritics)
    add("one typo", one_typo)
    add("partial", partial)
    add("unknown", unknown)
    return cases


@dataclass(frozen=True)
class Answer:
    """What a method said: a status and the ids it named (one for a match)."""

    outcome: Outcome
    ids: tuple[str, ...] = ()


@dataclass
class Score:
    """Per class: answers that were right, answers for the wrong person, silent guesses
    (one person picked where the truth is a choice) and questions where an answer was due."""

    total: int = 0
    right: int = 0
    wrong_person: int = 0
    guessed: int = 0
    examples: list[tuple[str, Answer]] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


def judge(case: Case, answer: Answer) -> str:
    """right, wrong person, guessed, or missed."""
    truth = case.truth
    if answer.outcome == "match":
        (chosen,) = answer.ids
        if truth.outcome == "match" and chosen in truth.ids:
            return "right"
        if truth.outcome == "ambiguous" and chosen in truth.ids:
            return "guessed"
        return "wrong person"
    if answer.outcome == "ambiguous":
        if truth.outcome != "ambiguous":
            return "missed"
        named = set(answer.ids)
        return "right" if case.target in named or len(truth.ids) > len(named) else "missed"
    return "right" if truth.outcome == "none" else "missed"


def score(cases: Iterable[Case], answer: Callable[[str], Answer]) -> dict[str, Score]:
    """Each class's score for one method."""
    scores = {kind: Score() for kind in CLASSES}
    for case in cases:
        given = answer(case.query)
        verdict = judge(case, given)
        entry = scores[case.kind]
        entry.total += 1
        if verdict == "right":
            entry.right += 1
        elif verdict == "wrong person":
            entry.wrong_person += 1
            entry.examples.append((case.query, given))
        elif verdict == "guessed":
            entry.guessed += 1
    return scores
