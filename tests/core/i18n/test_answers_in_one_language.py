"""Issue 12's done-when: every command asked in `vi` answers in Vietnamese apart from what is
exempt, and the same answers in `en` carry no Vietnamese labels.

A word of an answer is checked once the exempt texts are cut out of it: names, source
headlines and outlets, quotes, links, what the user typed, and the facts' own text in the
reader's language (`always_exempt`, plus `english_fact_texts` for `en` only). What is left
is the bot's own words: titles, headings, labels, footers, refusals, choice and button
labels. In `vi` each of those words must be a word of the Vietnamese catalogue (or of the
Vietnamese command names Discord shows), so a fact shown in English to a Vietnamese reader
fails; in `en` none may be a Vietnamese catalogue word or carry a Vietnamese letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import pytest

from bot.core.briefings.admin import reload_report, status_briefing
from bot.core.briefings.model import Briefing
from bot.core.commands import COMMANDS, MAX_TEXT, answer
from bot.core.facts.factset import FactSet
from bot.core.facts.models import Event, Person
from bot.core.facts.problems import Problem
from bot.core.i18n import Locale, messages
from bot.core.service import Attache, ReloadOutcome
from bot.core.store.audit import AuditEntry
from bot.frontends.discord.render import render_pages

MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")
"""The async tests share the module's Attaché, so they share its event loop."""

ASKED: list[tuple[str, dict[str, object]]] = [
    ("help", {}),
    ("about", {}),
    ("pillars", {}),
    ("pillars", {"pillar": "quốc phòng"}),
    ("pillars", {"pillar": "no such pillar at all"}),
    ("leader", {"name": "Tô Lâm"}),
    ("leader", {"name": "Thongloun"}),
    ("leader", {"name": "Nguyễn"}),  # several match: pick one
    ("leader", {"name": "Zzyzx Qwerty"}),  # nothing matches
    ("leader", {}),  # the name is missing
    ("visit", {}),
    ("visit", {"query": "tháng 1/2026"}),
    ("visit", {"query": "tháng Chạp 2025"}),
    ("visit", {"query": "Viêng Chăn"}),
    ("visit", {"query": "tháng 3/1999"}),  # no visit then
    ("visit", {"query": "Thongloun tháng 1/2026"}),
    ("timeline", {}),
    ("timeline", {"year": 2026}),
    ("timeline", {"year": 1999}),  # nothing that year
    ("timeline", {"year": "abc"}),  # not a year
    ("timeline", {"year": 3000}),  # out of range
    ("search", {"text": "gắn kết chiến lược"}),
    ("search", {"text": "border"}),
    ("search", {"text": "zzyzx"}),  # nothing found
    ("search", {"text": "x" * (MAX_TEXT + 1)}),  # too long
    ("sources", {}),
    ("sources", {"source": "Party chief meets"}),
    ("sources", {"source": "qqqq zzzz"}),
    ("nothing", {}),  # no such command
    ("leader", {"nme": "Tô Lâm"}),  # no such option
]

LOANS = {"attaché", "bot", "utc", "discord"}
"""Words Vietnamese uses as they are."""
DATE_WORDS = {"trước", "tháng", "năm", "không", "rõ"}
"""The words of Vietnamese dates (bot/core/facts/dates.py: `trước 26/1/2026`, `tháng 12/2025`,
`năm 2026`, `3/12 (không rõ năm)`); the rest of a date is digits."""
_WORD = re.compile(r"[^\W\d_]+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _vocabulary(locale: Locale) -> set[str]:
    """Every word of the catalogue (placeholders and examples aside) and of the command names
    and descriptions Discord shows in that language."""
    found: set[str] = set()
    for key, template in messages(locale).items():
        if not key.startswith("example."):
            found.update(words(re.sub(r"\{[^}]*\}", " ", template)))
    for command in COMMANDS.values():
        texts = [command.name, command.description]
        texts += [text for o in command.options for text in (o.name, o.description)]
        if locale == "vi":
            texts = [command.name_vi, command.description_vi]
            texts += [text for o in command.options for text in (o.name_vi, o.description_vi)]
        for text in texts:
            found.update(words(text))
    return found


VIETNAMESE = _vocabulary("vi")
ENGLISH = _vocabulary("en")
_VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _names(entity: object) -> Iterator[str]:
    for attribute in ("name_en", "name_vi", "name_native"):
        value = getattr(entity, attribute, None)
        if value:
            yield value
    yield from getattr(entity, "aliases", ())


def always_exempt(factset: FactSet) -> set[str]:
    """Names of people, places and countries; headlines, outlets, quotes, links; the version."""
    texts: set[str] = {factset.version}
    for entity_id, entity in factset.entities.items():
        if factset.kinds[entity_id] in {"person", "place", "country"}:
            texts.update(_names(entity))
        else:  # a Vietnamese name is Vietnamese; only the English one waits for the 2nd wave
            texts.update(n for n in (getattr(entity, "name_vi", None),) if n)
    for source in factset.sources.values():
        texts.update({source.outlet, source.headline, source.id, source.url or ""})
    for reading in factset.further_reading:
        texts.update({reading.outlet, reading.title, reading.url})
    texts.update(statement.quote for statement in factset.statements.values())
    # The facts' own Vietnamese (an English answer shows a title's or the relationship's
    # official Vietnamese form beside the English one, on purpose).
    for relationship in factset.relationships.values():
        texts.add(relationship.name_vi or "")
    for entity in factset.entities.values():
        if isinstance(entity, Person):
            texts.update(title.title_vi or "" for title in entity.titles)
    texts.update(s.text_vi or "" for s in factset.statements.values())
    return {text for text in texts if text}


def english_fact_texts(factset: FactSet) -> set[str]:
    """The facts' English texts: what an English reader is shown, and a Vietnamese one never
    (every claim, title and event/pillar/topic name has its Vietnamese text)."""
    texts: set[str] = set()
    for statement in factset.statements.values():
        texts.add(statement.text)
    for entity_id, entity in factset.entities.items():
        if factset.kinds[entity_id] not in {"person", "place", "country"}:
            texts.update(_names(entity))
        if isinstance(entity, Person):
            texts.update(title.title for title in entity.titles)
    for relationship in factset.relationships.values():
        texts.update({relationship.name_en, *relationship.aliases})
    return {text for text in texts if text}


def texts_of(briefing: Briefing, locale: Locale) -> Iterator[str]:
    """Everything a reader can see: the briefing's own texts, and the rendered embeds'
    titles, headings and footers (the labels a front end adds: Sources, page, …)."""
    yield briefing.title
    yield briefing.summary.text
    yield briefing.footer
    for section in briefing.sections:
        yield section.name
        yield from (line.text for line in section.lines)
    for choice in briefing.choices:
        yield choice.label
        yield choice.description
    yield from (related.label for related in briefing.related)
    yield from (ref.label for ref in (*briefing.sources, *briefing.further_reading))
    for embed in render_pages(briefing, locale):
        data = embed.to_dict()
        yield data.get("title", "")
        yield data.get("footer", {}).get("text", "")
        yield from (field["name"] for field in data.get("fields", []))


def leftover(text: str, exempt: list[str]) -> str:
    """`text` with every exempt text cut out; a text cut short with "…" (a button or choice
    label) loses its exempt beginning too."""
    if text.endswith("…") and any(item.startswith(text[:-1].strip()) for item in exempt):
        return ""  # an exempt text cut short whole (a choice label of a long event name)
    for item in exempt:
        if item in text:
            text = text.replace(item, " ")
    if text.endswith("…"):
        body = text[:-1]
        for start in range(len(body)):
            tail = body[start:].strip()
            if len(tail) >= 3 and any(item.startswith(tail) for item in exempt):
                return body[:start]
    return text


def strange_words(texts: Iterable[str], exempt: list[str], locale: Locale) -> list[tuple[str, str]]:
    """(word, the text it is in) for each word that is not in the reader's language."""
    found = []
    for text in texts:
        for word in words(leftover(text, exempt)):
            if word in LOANS:
                continue
            if locale == "vi":
                wrong = word not in VIETNAMESE and word not in DATE_WORDS
            else:
                letters = set(unicodedata.normalize("NFC", word))
                wrong = bool(letters & _VIETNAMESE_LETTERS) or (
                    word in VIETNAMESE and word not in ENGLISH
                )
            if wrong:
                found.append((word, text))
    return found


def _exempt(attache: Attache, typed: Iterable[str], locale: Locale) -> list[str]:
    factset = attache.state.factset
    # The examples in /help are queries as a user types them (a headline's words, a name).
    examples = {messages(locale)[f"example.{name}"] for name in COMMANDS}
    english = english_fact_texts(factset) if locale == "en" else set()
    exempt = always_exempt(factset) | english | set(typed) | examples
    # Longest first: a name inside a headline. Never "": it is in every text.
    return sorted((text for text in exempt if text.strip()), key=len, reverse=True)


def _typed(options: dict[str, object]) -> list[str]:
    return [str(v) for v in options.values()] + [repr(k) for k in options]


@pytest.mark.parametrize("locale", ["vi", "en"])
@pytest.mark.parametrize(("command", "options"), ASKED, ids=[f"{c}-{o}"[:60] for c, o in ASKED])
@MODULE_LOOP
async def test_every_answer_is_in_the_readers_language(
    attache: Attache, command: str, options: dict[str, object], locale: Locale
) -> None:
    briefing = await answer(attache, command, options, locale)
    assert briefing.status != "error", briefing.summary.text
    exempt = _exempt(attache, [command, *_typed(options)], locale)

    assert strange_words(texts_of(briefing, locale), exempt, locale) == []


@pytest.mark.parametrize("locale", ["vi", "en"])
@MODULE_LOOP
async def test_admin_replies_are_in_the_readers_language(attache: Attache, locale: Locale) -> None:
    factset = attache.state.factset
    at = datetime(2026, 2, 5, 9, 30, tzinfo=UTC)
    attempts = [
        AuditEntry(at, "command", 1, "curator", 2, True, "aaaa", "bbbb", 0, ""),
        AuditEntry(at, "watch", None, None, None, False, "bbbb", None, 2, ""),
    ]
    event = next(e for e in factset.entities.values() if isinstance(e, Event))
    problem = Problem("events.toml", 3, "event[0].date", "bad date")
    answers = [
        status_briefing(factset, at, attempts, locale),
        status_briefing(factset, None, [], locale),
        reload_report(ReloadOutcome(False, [problem] * 12, "aaaa", None), locale),
        reload_report(ReloadOutcome(True, [], "aaaa", "bbbb"), locale),
    ]
    # The validator's problems speak to the curator in the fact files' terms, as written.
    exempt = _exempt(attache, ["aaaa", "bbbb", "curator", str(problem), event.id], locale)

    for briefing in answers:
        assert strange_words(texts_of(briefing, locale), exempt, locale) == []


def test_the_check_finds_an_english_word_in_a_vietnamese_answer() -> None:
    """The check itself can fail: an English heading in a `vi` answer, a Vietnamese label in
    an `en` one, and an English word after a cut name are all found."""
    assert strange_words(["Sources disagree"], [], "vi") == [
        ("sources", "Sources disagree"), ("disagree", "Sources disagree"),
    ]  # fmt: skip
    assert strange_words(["Các nguồn chưa thống nhất"], [], "en") != []
    assert strange_words(["Tô Lâm: as of"], ["Tô Lâm"], "vi") == [
        ("as", "Tô Lâm: as of"), ("of", "Tô Lâm: as of"),
    ]  # fmt: skip
    assert strange_words(["Kết quả tìm kiếm: Tô Lâm"], ["Tô Lâm"], "vi") == []


def test_the_vietnamese_catalogue_has_no_english_word() -> None:
    """A word in both catalogues, without a Vietnamese letter, is an untranslated word unless
    Vietnamese uses it as is (LOANS)."""
    shared = {w for w in VIETNAMESE & ENGLISH if not set(w) & _VIETNAMESE_LETTERS}
    assert shared <= LOANS
