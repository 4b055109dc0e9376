"""How much of each answer a Vietnamese reader gets in Vietnamese: not a timing bench, a
measurement of language coverage for issue 12 (before/after numbers in its closing note).

    python bench/vi_share.py              # the answers listed in ANSWERS, on the shipped facts
    python bench/vi_share.py --show vi    # also print the texts measured

Method (the one ux.md §3 used): every answer is asked in `en` and in `vi` and rendered as the
terminal shows it (the same content as the Discord embed). A word of the `vi` text counts as
localised when the `en` text of the same answer does not have it (multiset difference, case
folded); the share is localised words / all words of the `vi` text. Words are runs of letters;
numbers and punctuation are not words. A fact text shown in English in both counts as not
localised, which is what a Vietnamese reader sees.

A second column counts words that are Vietnamese in themselves (a Vietnamese letter, or a
word of the Vietnamese catalogue or command names that the English answer does not have):
unlike the first, it does not count a
name that differs between the answers (Tô Lâm / To Lam) and is not lowered when a long
Vietnamese date becomes digits (ngày 26 tháng 1 năm 2026 -> 26/1/2026).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.core.commands import COMMANDS, answer  # noqa: E402
from bot.core.service import Attache  # noqa: E402
from bot.frontends.terminal.render import render_text  # noqa: E402

ANSWERS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("/help", "help", {}),
    ("/pillars", "pillars", {}),
    ("/pillars quốc phòng", "pillars", {"pillar": "quốc phòng"}),
    ("/leader Tô Lâm", "leader", {"name": "Tô Lâm"}),
    ("/visit tháng 1 2026", "visit", {"query": "tháng 1 2026"}),
    ("/timeline", "timeline", {}),
    ("/about", "about", {}),
    ("/search border", "search", {"text": "border"}),
    ("/sources", "sources", {}),
    ("/leader (no name)", "leader", {}),
    ("/nothing", "nothing", {}),
)
_WORD = re.compile(r"[^\W\d_]+")
_VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _vocabulary(catalogue: Path) -> set[str]:
    """The Vietnamese catalogue's words and the command names and descriptions Discord shows
    (give a later checkout's catalogue to measure code from before the catalogue existed)."""
    found: set[str] = set()
    if catalogue.exists():
        found.update(words(re.sub(r"\{[^}]*\}", " ", catalogue.read_text(encoding="utf-8"))))
    for command in COMMANDS.values():
        found.update(words(f"{command.name_vi} {command.description_vi}"))
        for option in command.options:
            found.update(words(f"{option.name_vi} {option.description_vi}"))
    return found


def share(english: str, vietnamese: str, vocabulary: set[str]) -> tuple[int, float, float]:
    """(words in the vi text, the share of them that the en text does not have, the share of
    them that are Vietnamese words)."""
    vi = words(vietnamese)
    if not vi:
        return 0, 0.0, 0.0
    localised = Counter(vi) - Counter(words(english))
    # A catalogue word that the English answer also has ("an" of "an ninh") is not counted.
    english_words = set(words(english))
    own = [
        w
        for w in vi
        if set(w) & _VIETNAMESE_LETTERS or (w in vocabulary and w not in english_words)
    ]
    return len(vi), sum(localised.values()) / len(vi), len(own) / len(vi)


async def main(show: str | None, catalogue: Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        attache = await Attache.start(ROOT / "facts", str(Path(folder) / "attache.db"))
        try:
            rows = []
            vocabulary = _vocabulary(catalogue)
            for shown, command, options in ANSWERS:
                texts = {
                    locale: render_text(await answer(attache, command, options, locale), locale)
                    for locale in ("en", "vi")
                }
                if show:
                    print(texts[show])
                rows.append((shown, *share(texts["en"], texts["vi"], vocabulary)))
        finally:
            await attache.close()
    print(f"{'answer':<24} {'words':>6} {'localised':>10} {'Vietnamese':>11}")
    for shown, count, part, own in rows:
        print(f"{shown:<24} {count:>6} {part:>10.0%} {own:>11.0%}")
    total = sum(row[1] for row in rows)
    overall = sum(row[1] * row[2] for row in rows) / total
    own_all = sum(row[1] * row[3] for row in rows) / total
    print(f"{'all (word-weighted)':<24} {total:>6} {overall:>10.0%} {own_all:>11.0%}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("en", "vi"), help="print the texts measured")
    parser.add_argument(
        "--catalogue",
        type=Path,
        default=ROOT / "bot" / "core" / "i18n" / "vi.toml",
        help="the Vietnamese catalogue whose words count as Vietnamese",
    )
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.show, arguments.catalogue)))
