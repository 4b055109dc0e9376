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

from bot.core.commands import answer  # noqa: E402
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


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def share(english: str, vietnamese: str) -> tuple[int, float]:
    """(words in the vi text, the share of them that the en text does not have)."""
    vi = words(vietnamese)
    localised = Counter(vi) - Counter(words(english))
    return len(vi), (sum(localised.values()) / len(vi) if vi else 0.0)


async def main(show: str | None) -> int:
    with tempfile.TemporaryDirectory() as folder:
        attache = await Attache.start(ROOT / "facts", str(Path(folder) / "attache.db"))
        try:
            rows = []
            for shown, command, options in ANSWERS:
                texts = {
                    locale: render_text(await answer(attache, command, options, locale), locale)
                    for locale in ("en", "vi")
                }
                if show:
                    print(texts[show])
                rows.append((shown, *share(texts["en"], texts["vi"])))
        finally:
            await attache.close()
    print(f"{'answer':<24} {'words':>6} {'localised':>10}")
    for shown, count, part in rows:
        print(f"{shown:<24} {count:>6} {part:>10.0%}")
    total = sum(count for _, count, _ in rows)
    overall = sum(count * part for _, count, part in rows) / total
    print(f"{'all (word-weighted)':<24} {total:>6} {overall:>10.0%}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=("en", "vi"), help="print the texts measured")
    sys.exit(asyncio.run(main(parser.parse_args().show)))
