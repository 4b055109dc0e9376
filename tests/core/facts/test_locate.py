"""Locator: the line a TOML key path is written on, for pointing curators at problems.

The documents are written here by hand; each starts on line 1 (the line after the opening
quotes) and the expected lines are counted by hand.
"""

from __future__ import annotations

import time
import tomllib

import pytest

from bot.core.facts.locate import Locator, deep_key_line

DOCUMENT = """\
# A comment line.
title = "top"

[relationship]
id = "alpha-beta"
countries = ["alpha", "beta"]

[[people]]
id = "first"
name_en = "First"

[[people.titles]]
title = "One"
quote = "first title"

[[people.titles]]
title = "Two"

[[people]]   # the second person
id = "second"
  name_en = "Second"   # indented

[[people.titles]]
title = "Three"
quote = "third title"

[[events]]
id = "summit"
summary.text = "Dotted."
summary . source = "src"
"name en" = "Quoted key"
'name.vi' = "Literal quoted key with a dot"
notes = \"\"\"
first line
x = 1
id = "not-a-key"
[[people]]
\"\"\"
date = "2026"

[events.place]
id = "capital"

[[events.outcomes]]
text = '''
quote = "inside a literal string"
'''
quote = "the real quote"

[[events]]
id = "dinner"
inline = { text = "a", quote = "b" }

[[events.outcomes]]
text = "Outcome of the second event."

[site."example.com"]
url = "https://example.com"
"""

# key path, line
LINES = [
    (("title",), 2),
    (("relationship",), 4),
    (("relationship", "id"), 5),
    (("relationship", "countries"), 6),
    (("relationship", "countries", 1), 6),
    (("people", 0), 8),
    (("people", 0, "id"), 9),
    (("people", 0, "name_en"), 10),
    (("people", 0, "titles", 0), 12),
    (("people", 0, "titles", 0, "quote"), 14),
    (("people", 0, "titles", 1), 16),
    (("people", 0, "titles", 1, "title"), 17),
    (("people", 0, "titles", 1, "quote"), 16),
    (("people", 1), 19),
    (("people", 1, "id"), 20),
    (("people", 1, "name_en"), 21),
    (("people", 1, "titles", 0), 23),
    (("people", 1, "titles", 0, "quote"), 25),
    (("events", 0, "summary", "text"), 29),
    (("events", 0, "summary", "source"), 30),
    (("events", 0, "summary", "quote"), 27),
    (("events", 0, "name en"), 31),
    (("events", 0, "name.vi"), 32),
    (("events", 0, "notes"), 33),
    (("events", 0, "x"), 27),
    (("events", 0, "date"), 39),
    (("events", 0, "place"), 41),
    (("events", 0, "place", "id"), 42),
    (("events", 0, "outcomes", 0), 44),
    (("events", 0, "outcomes", 0, "text"), 45),
    (("events", 0, "outcomes", 0, "quote"), 48),
    (("events", 1), 50),
    (("events", 1, "id"), 51),
    (("events", 1, "inline", "quote"), 52),
    (("events", 1, "outcomes", 0), 54),
    (("events", 1, "outcomes", 0, "text"), 55),
    (("site", "example.com", "url"), 58),
]


def test_document_is_valid_toml() -> None:
    data = tomllib.loads(DOCUMENT)
    assert data["events"][0]["notes"].startswith("first line")
    assert data["events"][0]["outcomes"][0]["quote"] == "the real quote"


@pytest.mark.parametrize(
    ("path", "line"), LINES, ids=[".".join(map(str, path)) for path, _ in LINES]
)
def test_line(path: tuple[str | int, ...], line: int) -> None:
    assert Locator(DOCUMENT).line(path) == line


@pytest.mark.parametrize(
    "path",
    [
        pytest.param((), id="empty"),
        pytest.param(("nothing",), id="unknown-top-level"),
        pytest.param(("id",), id="key-only-inside-tables"),
        pytest.param(("x",), id="key-only-inside-a-string"),
        pytest.param(("nothing", 0, "id"), id="array-not-written"),
    ],
)
def test_no_line(path: tuple[str | int, ...]) -> None:
    assert Locator(DOCUMENT).line(path) is None


def test_windows_line_endings() -> None:
    text = '[[people]]\r\nid = "a"\r\n\r\n[[people]]\r\nid = "b"\r\n'
    assert Locator(text).line(("people", 1, "id")) == 5


def test_one_line_triple_quoted_string_does_not_hide_what_follows() -> None:
    text = "a = \"\"\"one line\"\"\"\nb = 2\nc = '''also one'''\nd = 4\n"
    locator = Locator(text)
    assert [locator.line((key,)) for key in "abcd"] == [1, 2, 3, 4]


def test_array_of_tables_name_itself_has_a_line() -> None:
    """A misspelt array-of-tables name (`[[people.title]]`, `[[peoples]]`) is reported with
    the key path of the name, without an index; it is written on the header's line."""
    text = '[[people]]\nid = "a"\n\n[[people.title]]\ntitle = "x"\n\n[[peoples]]\nid = "b"\n'
    locator = Locator(text)
    assert locator.line(("people", 0, "title")) == 4
    assert locator.line(("peoples",)) == 7


def test_multiline_string_inside_an_array() -> None:
    """Lines inside a multi-line string are text, even when the string is an array item."""
    text = (
        "[[people]]\n"  # 1
        'id = "a"\n'  # 2
        "aliases = [\n"  # 3
        '    """First\n'  # 4
        'country = "fake"\n'  # 5
        '""",\n'  # 6
        "]\n"  # 7
        'country = "real"\n'  # 8
    )
    assert tomllib.loads(text)["people"][0]["country"] == "real"
    assert Locator(text).line(("people", 0, "country")) == 8


# --- bounded work (red-team F-02: a 40 KB header froze the bot for 10 s) ------------------

HOSTILE_LINES = [
    pytest.param("[" + ".".join(["a"] * 1_000_000) + "]\nx = 1\n", id="header-2mb"),
    pytest.param(".".join(['"a.b"'] * 300_000) + " = 1\n", id="quoted-key-2mb"),
    pytest.param("[" + " " * 2_000_000 + "x\n", id="spaces-in-an-open-header"),
    pytest.param("a" + " ." * 1_000_000 + "\n", id="dots-and-spaces"),
    pytest.param("[[" * 1_000_000 + "\n", id="brackets"),
]


@pytest.mark.parametrize("text", HOSTILE_LINES)
def test_scanning_a_hostile_2mb_line_is_linear(text: str) -> None:
    """The quadratic versions took hours on these; linear ones take well under a second.
    `process_time` so a busy machine does not fail it; the bound is 10x the time measured."""
    started = time.process_time()
    Locator(text).line(("a", "b"))
    deep_key_line(text)
    assert time.process_time() - started < 5.0


def test_a_good_file_is_never_scanned() -> None:
    """Lines are found only when a problem needs one: a reload of good files pays nothing."""
    locator = Locator(DOCUMENT)
    assert locator._built is None
    assert locator.line(("title",)) == 2
    assert locator._built is not None


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param("a = 1\n" + ".".join(["k"] * 33) + " = 1\n", 2, id="33-parts"),
        pytest.param("a = 1\n" + ".".join(["k"] * 32) + " = 1\n", None, id="32-parts"),
        pytest.param("[" + ".".join(['"q"'] * 40) + "]\n", 1, id="quoted-header"),
        pytest.param("x = {" + " . ".join(["k"] * 40) + " = 1}\n", 1, id="inline-spaced"),
        pytest.param('text = "' + "Word. " * 100 + '"\n', None, id="prose"),
        pytest.param('url = "https://a.b.c.example.com/x.y.z/1.2.3"\n', None, id="url"),
        pytest.param("v = 1.5\nw = 2.25\n", None, id="floats"),
        pytest.param("a = 1\n" + ".".join(['"q\x0c"'] * 33) + " = 1\n", 2, id="form-feeds"),
        pytest.param("a = 1\n" + ".".join(['"q\r"'] * 33) + " = 1\n", 2, id="carriage-returns"),
        pytest.param("a.b = 1\n" * 40, None, id="many-dots-few-per-line"),
    ],
)
def test_deep_key_line(text: str, line: int | None) -> None:
    assert deep_key_line(text) == line
