"""Discord's rules for what a bot sends, written out from the API docs (not imported from the
bot): one copy, shared by the e2e Discord double (which refuses a violation as Discord would)
and the unit tests (which check a rendered message or embed directly).

Each check yields `Problem`s: where (a path into the JSON body), Discord's error code and its
message, as Discord reports them in an HTTP 400 "Invalid Form Body".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

CALLBACK_DEADLINE = 3.0  # seconds from INTERACTION_CREATE to the initial callback
FOLLOWUP_WINDOW = 15 * 60.0  # an interaction token lives 15 minutes
# https://discord.com/developers/docs/resources/message#embed-object-embed-limits
EMBED_TOTAL = 6000  # characters in all the embeds of one message

# The locales Discord accepts as keys of name_localizations / description_localizations.
DISCORD_LOCALES = frozenset({
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
    "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi",
    "th", "zh-CN", "ja", "zh-TW", "ko",
})  # fmt: skip

# Permission bits (https://discord.com/developers/docs/topics/permissions).
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
)
ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | MANAGE_GUILD

# Interaction types and callback types.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE = 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE,
                        UPDATE_MESSAGE, MODAL},
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE},
}  # fmt: skip
EPHEMERAL, LOADING = 1 << 6, 1 << 7
MESSAGE_FLAGS_ALLOWED = 1 << 2 | EPHEMERAL | 1 << 12 | 1 << 15  # suppress embeds/notifs, CV2

# Application command option types.
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN, NUMBER = 1, 2, 3, 4, 5, 10
OPTION_TYPES = frozenset(range(1, 12))


# ---- errors in Discord's shape -------------------------------------------------------------

Problem = tuple[tuple[str | int, ...], str, str]
"""Where (a path into the JSON body), Discord's error code, and its message."""


def form_errors(problems: Iterable[Problem]) -> dict[str, Any]:
    """`{"code": 50035, "errors": {...nested by path...}, "message": "Invalid Form Body"}`."""
    errors: dict[str, Any] = {}
    for path, code, message in problems:
        node = errors
        for key in path:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append({"code": code, "message": message})
    return {"code": 50035, "errors": errors, "message": "Invalid Form Body"}


def _length(path: tuple[str | int, ...], value: Any, low: int, high: int) -> Iterator[Problem]:
    if not isinstance(value, str):
        yield path, "BASE_TYPE_STRING", "Must be a string."
    elif not low <= len(value) <= high:
        message = (
            f"Must be {high} or fewer in length."
            if low == 0
            else f"Must be between {low} and {high} in length."
        )
        yield path, "BASE_TYPE_BAD_LENGTH", message


def _max_items(path: tuple[str | int, ...], value: Any, high: int) -> Iterator[Problem]:
    if not isinstance(value, list):
        yield path, "BASE_TYPE_ARRAY", "Must be an array."
    elif len(value) > high:
        yield path, "BASE_TYPE_MAX_LENGTH", f"Must be {high} or fewer in length."


# ---- application commands -------------------------------------------------------------------


def _name_char_ok(char: str) -> bool:
    """`[-_\\p{L}\\p{N}\\p{sc=Deva}\\p{sc=Thai}]`, approximated: Python's `re` has no `\\p`."""
    return (
        char.isalnum()
        or char in "-_"
        or "\u0900" <= char <= "\u097f"
        or "\u0e00" <= char <= "\u0e7f"
    )


def _name(path: tuple[str | int, ...], name: Any) -> Iterator[Problem]:
    """Command and option names: 1-32 allowed characters, lowercase where a case exists."""
    if not isinstance(name, str):
        yield path, "BASE_TYPE_STRING", "Must be a string."
        return
    if not 1 <= len(name) <= 32:
        yield path, "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length."
    if not all(_name_char_ok(char) for char in name):
        yield path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}"
    if name != name.lower():
        yield path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name must be lowercase: {name!r}"


def _localisations(
    path: tuple[str | int, ...], value: Any, check: Any
) -> Iterator[Problem]:  # check: (path, text) -> problems
    if value is None:
        return
    if not isinstance(value, dict):
        yield path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType"
        return
    for locale, text in value.items():
        if locale not in DISCORD_LOCALES:
            yield (
                (*path, locale),
                "ENUM_TYPE_COERCE",
                f'Value "{locale}" is not a valid enum value.',
            )
        yield from check((*path, locale), text)


def _describe(path: tuple[str | int, ...], value: Any) -> Iterator[Problem]:
    yield from _length(path, value, 1, 100)


def _choices(path: tuple[str | int, ...], option: dict[str, Any]) -> Iterator[Problem]:
    choices = option.get("choices")
    if choices is None:
        return
    yield from _max_items(path, choices, 25)
    if option.get("autocomplete") and choices:
        yield (
            path,
            "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
            ("Autocomplete cannot be enabled on options that have choices."),
        )
    for i, choice in enumerate(choices or []):
        yield from _length((*path, i, "name"), choice.get("name"), 1, 100)
        yield from _localisations(
            (*path, i, "name_localizations"),
            choice.get("name_localizations"),
            lambda p, t: _length(p, t, 1, 100),
        )
        value = choice.get("value")
        if option.get("type") == STRING:
            yield from _length((*path, i, "value"), value, 1, 100)


def _options(path: tuple[str | int, ...], options: Any, depth: int) -> Iterator[Problem]:
    if options is None:
        return
    yield from _max_items(path, options, 25)
    if not isinstance(options, list):
        return
    seen: set[str] = set()
    optional_seen = False
    for i, option in enumerate(options):
        here = (*path, i)
        kind = option.get("type")
        if kind not in OPTION_TYPES:
            yield (*here, "type"), "ENUM_TYPE_COERCE", f'Value "{kind}" is not a valid enum value.'
        yield from _name((*here, "name"), option.get("name"))
        if option.get("name") in seen:
            yield (
                (*here, "name"),
                "APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS",
                ("Option name already exists"),
            )
        seen.add(option.get("name", ""))
        yield from _describe((*here, "description"), option.get("description"))
        yield from _localisations((*here, "name_localizations"),
                                  option.get("name_localizations"), _name)  # fmt: skip
        yield from _localisations((*here, "description_localizations"),
                                  option.get("description_localizations"), _describe)  # fmt: skip
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            if depth >= (1 if kind == SUB_COMMAND_GROUP else 2):
                yield (
                    (*here, "type"),
                    "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
                    ("Sub-command and sub-command group option types are mutually exclusive"),
                )
            yield from _options((*here, "options"), option.get("options"), depth + 1)
            continue
        required = bool(option.get("required", False))
        if required and optional_seen:
            yield (
                (*here, "required"),
                "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                ("Required options must be placed before non-required options"),
            )
        optional_seen = optional_seen or not required
        if option.get("autocomplete") and kind not in (STRING, INTEGER, NUMBER):
            yield (
                (*here, "autocomplete"),
                "APPLICATION_COMMAND_AUTOCOMPLETE_INVALID",
                ("Autocomplete is only valid for string, integer and number options"),
            )
        for key, low in (("min_length", 0), ("max_length", 1)):
            if key in option and option[key] is not None:
                if kind != STRING:
                    yield (*here, key), "BASE_TYPE_INVALID", f"{key} is only valid for strings"
                elif not low <= option[key] <= 6000:
                    yield (*here, key), "NUMBER_TYPE_MAX", "int value should be <= 6000."
        yield from _choices((*here, "choices"), option)


def _command_size(command: dict[str, Any]) -> int:
    """Discord counts names, descriptions and choices, in the longest localisation."""

    def longest(item: dict[str, Any], key: str) -> int:
        values = [item.get(key) or "", *list((item.get(f"{key}_localizations") or {}).values())]
        return max(len(str(v)) for v in values)

    def options(items: list[dict[str, Any]]) -> int:
        total = 0
        for option in items:
            total += longest(option, "name") + longest(option, "description")
            for choice in option.get("choices") or []:
                total += longest(choice, "name") + len(str(choice.get("value", "")))
            total += options(option.get("options") or [])
        return total

    return (
        longest(command, "name")
        + longest(command, "description")
        + options(command.get("options") or [])
    )


def command_problems(commands: Any) -> list[Problem]:
    """Everything Discord would refuse in a bulk overwrite of chat-input commands."""
    if not isinstance(commands, list):
        return [((), "BASE_TYPE_ARRAY", "Must be an array.")]
    problems: list[Problem] = list(_max_items((), commands, 100))
    names: set[tuple[int, str]] = set()
    for i, command in enumerate(commands):
        kind = command.get("type", 1)
        here: tuple[str | int, ...] = (i,)
        if (kind, command.get("name")) in names:
            unique = f"Application command names must be unique: {command.get('name')}"
            problems.append(((*here, "name"), "APPLICATION_COMMANDS_DUPLICATE_NAME", unique))
        names.add((kind, command.get("name", "")))
        if kind != 1:
            problems += _length((*here, "name"), command.get("name"), 1, 32)
            continue
        problems += _name((*here, "name"), command.get("name"))
        problems += _describe((*here, "description"), command.get("description"))
        problems += _localisations(
            (*here, "name_localizations"), command.get("name_localizations"), _name
        )
        problems += _localisations(
            (*here, "description_localizations"), command.get("description_localizations"),
            _describe,
        )  # fmt: skip
        problems += _options((*here, "options"), command.get("options"), 0)
        permissions = command.get("default_member_permissions")
        # A permission integer; Discord documents a string and also takes a number.
        if permissions is not None and not (
            (isinstance(permissions, str) and permissions.isdigit())
            or (isinstance(permissions, int) and permissions >= 0)
        ):
            problems.append(((*here, "default_member_permissions"), "BASE_TYPE_BAD_INT",
                             "Must be a permission integer as a string."))  # fmt: skip
        for key, allowed in (("contexts", {0, 1, 2}), ("integration_types", {0, 1})):
            values = command.get(key)
            if values is not None and not set(values) <= allowed:
                problems.append(((*here, key), "ENUM_TYPE_COERCE", f"Invalid {key}: {values}"))
        if _command_size(command) > 4000:
            problems.append((here, "APPLICATION_COMMAND_TOO_LARGE", "Command exceeds maximum size (4000)"))  # fmt: skip  # noqa: E501
    return problems


# ---- messages ------------------------------------------------------------------------------


def _url(path: tuple[str | int, ...], value: Any) -> Iterator[Problem]:
    if value is None:
        return
    if (
        not isinstance(value, str)
        or not value.startswith(("http://", "https://"))
        or any(c.isspace() for c in value)
        or len(value) > 2048
    ):
        yield path, "URL_TYPE_INVALID_URL", "Not a well formed URL."


def _embed_problems(path: tuple[str | int, ...], embed: dict[str, Any]) -> Iterator[Problem]:
    yield from _length((*path, "title"), embed.get("title") or "", 0, 256)
    yield from _length((*path, "description"), embed.get("description") or "", 0, 4096)
    yield from _url((*path, "url"), embed.get("url"))
    fields = embed.get("fields") or []
    yield from _max_items((*path, "fields"), fields, 25)
    for i, item in enumerate(fields):
        yield from _length((*path, "fields", i, "name"), item.get("name"), 1, 256)
        yield from _length((*path, "fields", i, "value"), item.get("value"), 1, 1024)
        for key in ("name", "value"):  # Discord trims: blank is empty
            text = item.get(key)
            if isinstance(text, str) and text and not text.strip():
                yield (*path, "fields", i, key), "BASE_TYPE_REQUIRED", "This field is required"
    footer = embed.get("footer") or {}
    if footer:
        yield from _length((*path, "footer", "text"), footer.get("text"), 1, 2048)
    author = embed.get("author") or {}
    if author:
        yield from _length((*path, "author", "name"), author.get("name"), 1, 256)
        yield from _url((*path, "author", "url"), author.get("url"))
    for key in ("image", "thumbnail"):
        if embed.get(key):
            yield from _url((*path, key, "url"), embed[key].get("url"))


def embed_size(embed: dict[str, Any]) -> int:
    """The characters Discord counts towards the 6000 limit."""
    size = len(embed.get("title") or "") + len(embed.get("description") or "")
    size += sum(
        len(f.get("name") or "") + len(f.get("value") or "") for f in embed.get("fields") or []
    )
    size += len((embed.get("footer") or {}).get("text") or "")
    size += len((embed.get("author") or {}).get("name") or "")
    return size


def embed_problems(embed: dict[str, Any], path: tuple[str | int, ...] = ()) -> list[Problem]:
    """One embed on its own (`Embed.to_dict()`), its size included."""
    problems = list(_embed_problems(path, embed))
    if embed_size(embed) > EMBED_TOTAL:
        problems.append(
            (path, "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
        )
    return problems


def component_problems(rows: Any, path: tuple[str | int, ...] = ("components",)) -> list[Problem]:
    """A message's action rows on their own."""
    return list(_component_problems(path, rows))


def describe(problems: Iterable[Problem]) -> list[str]:
    """One line per problem, for an assertion message: `embeds.0.title: Must be …`."""
    return [f"{'.'.join(map(str, path)) or 'body'}: {message} ({code})"
            for path, code, message in problems]  # fmt: skip


def _component_problems(path: tuple[str | int, ...], rows: Any) -> Iterator[Problem]:
    yield from _max_items(path, rows, 5)
    custom_ids: set[str] = set()
    for r, row in enumerate(rows or []):
        here = (*path, r)
        if row.get("type") != 1:
            yield (*here, "type"), "UNION_TYPE_CHOICES", "Top-level components must be action rows"
            continue
        items = row.get("components") or []
        if not 1 <= len(items) <= 5:
            yield (
                (*here, "components"),
                "BASE_TYPE_BAD_LENGTH",
                "Must be between 1 and 5 in length.",
            )
        kinds = {item.get("type") for item in items}
        if len(items) > 1 and kinds - {2}:
            yield (
                (*here, "components"),
                "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
                ("The specified component exceeds the maximum width"),
            )
        for c, item in enumerate(items):
            at = (*here, "components", c)
            custom_id = item.get("custom_id")
            if item.get("type") == 2 and item.get("style") == 5:
                yield from _url((*at, "url"), item.get("url"))
            else:
                yield from _length((*at, "custom_id"), custom_id, 1, 100)
                if custom_id in custom_ids:
                    yield (
                        (*at, "custom_id"),
                        "COMPONENT_CUSTOM_ID_DUPLICATED",
                        ("Component custom id cannot be duplicated"),
                    )
                custom_ids.add(custom_id or "")
            if item.get("type") == 2:
                if not (item.get("label") or item.get("emoji")):
                    yield at, "BUTTON_COMPONENT_MISSING_LABEL", "A button needs a label or emoji"
                yield from _length((*at, "label"), item.get("label") or "", 0, 80)
            elif item.get("type") == 3:
                options = item.get("options") or []
                if not 1 <= len(options) <= 25:
                    yield (
                        (*at, "options"),
                        "BASE_TYPE_BAD_LENGTH",
                        "Must be between 1 and 25 in length.",
                    )
                yield from _length((*at, "placeholder"), item.get("placeholder") or "", 0, 150)
                for o, option in enumerate(options):
                    yield from _length((*at, "options", o, "label"), option.get("label"), 1, 100)
                    yield from _length((*at, "options", o, "value"), option.get("value"), 1, 100)
                    if option.get("description") is not None:
                        yield from _length(
                            (*at, "options", o, "description"), option["description"], 0, 100
                        )
                low, high = item.get("min_values", 1), item.get("max_values", 1)
                if not 0 <= low <= high <= min(25, max(1, len(options))):
                    yield (*at, "max_values"), "BASE_TYPE_BAD_INT", "Invalid min/max values"


def message_problems(
    message: Any, path: tuple[str | int, ...] = (), *, new: bool = True
) -> list[Problem]:
    """Discord's limits on a message, and our rule: `allowed_mentions` with `parse: []`."""
    if not isinstance(message, dict):
        return [(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")]
    problems: list[Problem] = []
    content = message.get("content")
    if content is not None:
        problems += _length((*path, "content"), content, 0, 2000)
    embeds = message.get("embeds") or []
    problems += _max_items((*path, "embeds"), embeds, 10)
    for i, embed in enumerate(embeds):
        problems += _embed_problems((*path, "embeds", i), embed)
    if sum(embed_size(e) for e in embeds) > EMBED_TOTAL:
        problems.append(((*path, "embeds"), "MAX_EMBED_SIZE_EXCEEDED",
                         "Embed size exceeds maximum size of 6000"))  # fmt: skip
    components = message.get("components")
    if components:
        problems += _component_problems((*path, "components"), components)
    flags = message.get("flags") or 0
    if flags & ~MESSAGE_FLAGS_ALLOWED:
        problems.append(((*path, "flags"), "MESSAGE_FLAGS_INVALID", f"Invalid flags {flags}"))
    if new and not (content or embeds or components or message.get("attachments")):
        problems.append(((*path,), "50006", "Cannot send an empty message"))
    mentions = message.get("allowed_mentions")
    if not isinstance(mentions, dict) or mentions.get("parse") != []:
        rule = f"allowed_mentions must be present with parse [] (got {mentions!r})"
        problems.append(((*path, "allowed_mentions"), "ATTACHE_POLICY", rule))
    elif mentions.get("users") or mentions.get("roles") or mentions.get("replied_user"):
        rule = f"allowed_mentions must allow no mentions (got {mentions!r})"
        problems.append(((*path, "allowed_mentions"), "ATTACHE_POLICY", rule))
    return problems


def autocomplete_problems(data: dict[str, Any]) -> list[Problem]:
    choices = data.get("choices")
    problems: list[Problem] = list(_max_items(("data", "choices"), choices, 25))
    for i, choice in enumerate(choices or []):
        problems += _length(("data", "choices", i, "name"), choice.get("name"), 1, 100)
        value = choice.get("value")
        if isinstance(value, str):
            problems += _length(("data", "choices", i, "value"), value, 1, 100)
        elif not isinstance(value, int | float):
            problems.append((("data", "choices", i, "value"), "BASE_TYPE_REQUIRED", "Required"))
    return problems
