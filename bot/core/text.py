"""Text helpers every layer of the core shares: the facts, the store, matching and briefings.

They live below all of them so that no layer reaches up into another for a string utility
(the facts layer used to import `fold` from the matcher, the one import that ran upwards).
"""

from __future__ import annotations

import unicodedata

__all__ = ["FOLD_TABLE", "LATIN_MARK_BLOCKS", "STROKED", "UNSTROKED", "fold"]

# Combining marks that decorate Latin letters (Vietnamese tones and vowel marks live in the
# first block). Marks of other scripts, such as Lao vowel signs, are letters in all but name
# and must be kept, so stripping is restricted to these blocks.
LATIN_MARK_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

# Latin letters with a bar or stroke have no canonical decomposition, so NFD keeps them;
# đ/Đ is the one that matters for Vietnamese.
STROKED = "đĐðÐøØłŁħĦıŧŦƀɨʉ"
UNSTROKED = "ddddoollhhittbiu"

FOLD_TABLE: dict[int, str | None] = {
    code: None for start, end in LATIN_MARK_BLOCKS for code in range(start, end + 1)
}
FOLD_TABLE.update({ord(a): b for a, b in zip(STROKED, UNSTROKED, strict=True)})


def fold(text: str) -> str:
    """Diacritic-free, casefolded, whitespace-collapsed form of `text`.

    Used to compare text regardless of how it was typed: NFC or NFD input, `Đ`/`đ`, case and
    runs of whitespace all fold to the same string. Punctuation and non-Latin scripts are kept.
    """
    if text.isascii():
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFD", text).translate(FOLD_TABLE).casefold()
    return " ".join(unicodedata.normalize("NFC", decomposed).split())
