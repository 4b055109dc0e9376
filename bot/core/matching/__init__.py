"""Name matching: find the entity a typed name means, in Vietnamese, English or Lao."""

from bot.core.matching.honorifics import (
    DEFAULT_HONORIFICS_PATH,
    Honorifics,
    HonorificsError,
    load_honorifics,
)
from bot.core.matching.index import (
    AutocompleteChoice,
    Candidate,
    NameIndex,
    NameRecord,
    Resolution,
)
from bot.core.matching.normalize import fold, match_keys, romanise, tokenise
from bot.core.matching.records import records_from_factset

__all__ = [
    "DEFAULT_HONORIFICS_PATH",
    "AutocompleteChoice",
    "Candidate",
    "Honorifics",
    "HonorificsError",
    "NameIndex",
    "NameRecord",
    "Resolution",
    "fold",
    "load_honorifics",
    "match_keys",
    "records_from_factset",
    "romanise",
    "tokenise",
]
