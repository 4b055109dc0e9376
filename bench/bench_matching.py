"""Benchmark the name index against difflib on synthetic Vietnamese- and Lao-like names.

    python bench/bench_matching.py            # 1k, 10k and 100k aliases
    python bench/bench_matching.py --quick    # 1k and 10k, fewer queries

Reports, per size: index build time; p50 and p99 per query for `resolve` and `autocomplete`;
the same resolve queries through `difflib.get_close_matches` over the same pre-normalised
names (the baseline), and the speed-up. Targets (issue "Name matching"): p99 <= 2 ms at 100k
aliases, >= 50x faster than the baseline, build <= 1 s at 100k.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.matching import NameIndex, NameRecord, load_honorifics
from bot.core.matching.normalize import fold, match_keys


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


VI_FAMILY = _words(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trịnh Đoàn "
    "Lương Mai Cao Tạ Hà Lâm Tô Chu Quách Thái Triệu"
)
VI_MIDDLE = _words(
    "Văn Thị Minh Hữu Đức Thanh Quốc Ngọc Thu Xuân Kim Công Hồng Bảo Gia Trọng Anh Tiến Đình "
    "Quang Thành Mạnh Hoài Phương Diệu"
)
VI_GIVEN = _words(
    "An Anh Bình Chính Cường Dũng Duy Giang Hà Hải Hạnh Hiếu Hoa Hùng Huy Khánh Lâm Lan Linh "
    "Long Mai Minh Nam Nga Ngân Nhung Phong Phúc Phương Quân Quang Sơn Tâm Thắng Thành Thảo "
    "Thủy Trang Trung Tú Tuấn Vũ Vy Yến Hưng Khoa Đạt Hiền Hương Lộc Thịnh Toàn Vinh Châu "
    "Điệp Hậu Kiên Lợi Nghĩa Oanh Quyên Sang Tín Uyên Xuyến Bích Cúc Đào Gấm Hằng Loan"
)
LAO_SYLLABLES = _words(
    "thong loun kham phao som sa vath si sou lith phou mi vong bou nhang chan tha keo vi lay "
    "van sai phone nou khone douang deuane boun my seng a ly noy pheng xay sone dara la "
    "vanh chit sack phet ma ni sing in thi pa ka"
)
LAO_CONSONANTS = "ກຂຄງຈສຊຍດຕຖທນບປຜພຟມຢລວຫອຮ"
LAO_VOWELS = ("ະ", "າ", "ິ", "ີ", "ຸ", "ູ", "ົ", "ໍ", "")
LAO_FINALS = ("ນ", "ງ", "ມ", "ດ", "ບ", "ກ", "")
TITLES = ("Thủ tướng", "Đại sứ", "General Secretary", "Ambassador", "PM", "Mr")
NONSENSE = ("Donald Trump", "Xi Jinping", "asdfgh", "Emmanuel Macron", "qwerty uiop")


def vietnamese_name(rng: random.Random) -> str:
    middles = rng.sample(VI_MIDDLE, rng.choice((1, 1, 2)))
    return " ".join([rng.choice(VI_FAMILY), *middles, rng.choice(VI_GIVEN)])


def lao_word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(LAO_SYLLABLES) for _ in range(parts)).capitalize()


def lao_name(rng: random.Random) -> str:
    return f"{lao_word(rng, 2)} {lao_word(rng, rng.choice((2, 3)))}"


def lao_script_name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(
            rng.choice(LAO_CONSONANTS) + rng.choice(LAO_VOWELS) + rng.choice(LAO_FINALS)
            for _ in range(rng.choice((2, 3)))
        )

    return f"{word()} {word()}"


def make_records(size: int, rng: random.Random) -> list[NameRecord]:
    """Entities with `size` names (aliases) in all, shaped like the facts: Vietnamese-like
    people (about 55%) carry an English and a Vietnamese spelling, Lao-like people a
    romanised name, and one in eight of those also a name in Lao script."""
    seen: set[str] = set()
    records: list[NameRecord] = []
    aliases = 0
    while aliases < size:
        if rng.random() < 0.55:
            vietnamese = vietnamese_name(rng)
            english = fold(vietnamese).title()
            record = NameRecord(f"p{len(records)}", "person", english, vietnamese,
                                (english, vietnamese))  # fmt: skip
        else:
            english = lao_name(rng)
            native = lao_script_name(rng) if rng.random() < 0.125 else None
            names = (english, native) if native else (english,)
            record = NameRecord(f"p{len(records)}", "person", english, None, names, native)
        keys = [match_keys(name)[0] for name in record.names]
        if any(key in seen for key in keys):
            continue
        seen.update(keys)
        records.append(record)
        aliases += len(record.names)
    return records


def typo(text: str, rng: random.Random) -> str:
    """One deletion, insertion or substitution in a word of four letters or more."""
    words = text.split()
    long_words = [i for i, word in enumerate(words) if len(word) >= 4]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    at = rng.randrange(1, len(word))
    match rng.randrange(3):
        case 0:
            word = word[:at] + word[at + 1 :]
        case 1:
            word = word[:at] + rng.choice("aeiouhn") + word[at:]
        case _:
            word = word[:at] + rng.choice("aeiouhn") + word[at + 1 :]
    words[i] = word
    return " ".join(words)


def make_queries(records: Sequence[NameRecord], count: int, rng: random.Random) -> list[str]:
    """A realistic mix: exact names, folded, typos, parts of names, titles, misses."""
    queries: list[str] = []
    while len(queries) < count:
        name = rng.choice(records).names[0]
        kind = rng.randrange(8)
        if kind == 0:
            queries.append(name)
        elif kind == 1:
            queries.append(fold(name).upper())
        elif kind in (2, 3):
            queries.append(typo(fold(name), rng))
        elif kind == 4:
            queries.append(name.split()[-1])
        elif kind == 5:
            queries.append(" ".join(name.split()[-2:]))
        elif kind == 6:
            queries.append(f"{rng.choice(TITLES)} {name}")
        else:
            queries.append(rng.choice(NONSENSE))
    return queries


def make_prefixes(records: Sequence[NameRecord], count: int, rng: random.Random) -> list[str]:
    prefixes: list[str] = []
    for _ in range(count):
        name = fold(rng.choice(records).names[0])
        prefixes.append(name[: rng.randint(1, min(len(name), 10))])
    return prefixes


@dataclass
class Timing:
    p50_ms: float
    p99_ms: float


def time_each(function: Callable[[str], object], queries: Sequence[str]) -> Timing:
    samples: list[float] = []
    for query in queries:
        start = time.perf_counter()
        function(query)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()

    def percentile(q: float) -> float:
        return samples[min(len(samples) - 1, int(q * len(samples)))]

    return Timing(percentile(0.50), percentile(0.99))


def run(size: int, queries_count: int, baseline_count: int, seed: int) -> list[str]:
    rng = random.Random(seed + size)
    records = make_records(size, rng)
    aliases = sum(len(record.names) for record in records)
    honorifics = load_honorifics()
    honorifics.units  # noqa: B018 - parse the list outside the timed build
    gc.collect()
    start = time.perf_counter()
    index = NameIndex.build(records, honorifics)
    build_s = time.perf_counter() - start
    queries = make_queries(records, queries_count, rng)
    prefixes = make_prefixes(records, queries_count, rng)
    for query in queries[:50]:  # warm caches as a running bot would be
        index.resolve(query)
    resolve = time_each(index.resolve, queries)
    complete = time_each(index.autocomplete, prefixes)

    choices = sorted({match_keys(name)[0] for record in records for name in record.names})
    baseline_queries = queries[:baseline_count]

    def difflib_resolve(query: str) -> object:
        keys = match_keys(query)
        return difflib.get_close_matches(keys[0] if keys else "", choices, n=3, cutoff=0.6)

    baseline = time_each(difflib_resolve, baseline_queries)
    ours_same = time_each(index.resolve, baseline_queries)
    return [
        f"{aliases:>7,}",
        f"{build_s * 1000:8.0f}",
        f"{resolve.p50_ms:7.3f}",
        f"{resolve.p99_ms:7.3f}",
        f"{complete.p50_ms:7.3f}",
        f"{complete.p99_ms:7.3f}",
        f"{baseline.p50_ms:9.2f}",
        f"{baseline.p99_ms:9.2f}",
        f"{baseline.p50_ms / ours_same.p50_ms:7.0f}x",
        f"{baseline.p99_ms / ours_same.p99_ms:7.0f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, fewer queries")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    queries = 300 if args.quick else 2_000
    header = [
        "aliases", "build ms", "res p50", "res p99", "ac p50", "ac p99",
        "difflib p50", "difflib p99", "x p50", "x p99",
    ]  # fmt: skip
    print("times in ms per query; difflib = get_close_matches over the same normalised names")
    print(" | ".join(header))
    for size in sizes:
        baseline_count = max(20, min(queries, 200_000 // size))
        print(" | ".join(run(size, queries, baseline_count, args.seed)), flush=True)


if __name__ == "__main__":
    main()
