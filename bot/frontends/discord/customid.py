"""One codec for every component's custom_id: the whole invocation, or a token for it.

A component must act on a click without any memory of the message (after a restart, on a
two-week-old message), so its custom_id carries the complete invocation: the command and
every option, in the table's order. Discord allows 100 characters; when a typed option makes
the invocation longer, the invocation is kept in a bounded store (`InvocationStore`, SQLite,
so it survives a restart) under a short token and the custom_id carries `#token`. Nothing is
ever dropped: a button always appears, and an expired token says "run it again".

    at:pg:2:leader|to-lam                      page 2 of /leader name:to-lam
    at:pk:0:compare||thongloun-sisoulith       pick fills option 0, keeps option 1
    at:pg:1:#Qm9vX2Jhcl9iYXo                   an invocation too long to carry inline
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from bot.core.commands import COMMANDS, Invocation

__all__ = [
    "CUSTOM_ID_MAX",
    "PREFIX",
    "Decoded",
    "TokenStore",
    "decode_body",
    "encode_body",
    "encode_inline",
    "make_custom_id",
    "template",
]

CUSTOM_ID_MAX = 100
PREFIX = "at"
TOKEN_MARK = "#"
SEPARATOR = "|"


class TokenStore(Protocol):
    def put(self, invocation: Invocation) -> str: ...

    def get(self, token: str) -> Invocation | None: ...


def _quote(value: str) -> str:
    return value.replace("%", "%25").replace(SEPARATOR, "%7C")


def _unquote(value: str) -> str:
    return value.replace("%7C", SEPARATOR).replace("%25", "%")


def encode_inline(invocation: Invocation) -> str:
    """`leader|to-lam`: the command, then each option's value in the table's order."""
    command = COMMANDS[invocation.command]
    values = []
    for option in command.options:
        value = invocation.options.get(option.name)
        values.append("" if value is None else _quote(str(value)))
    while values and values[-1] == "":
        values.pop()
    return SEPARATOR.join([invocation.command, *values])


def _decode_inline(body: str) -> Invocation | None:
    command_name, *values = body.split(SEPARATOR)
    command = COMMANDS.get(command_name)
    if command is None or len(values) > len(command.options):
        return None
    options: dict[str, Any] = {}
    for option, value in zip(command.options, values, strict=False):
        if value:
            options[option.name] = _unquote(value)
    return Invocation(command.name, options)


def encode_body(invocation: Invocation, head: str, store: TokenStore) -> str:
    """`head` + the invocation inline, or + `#token` when that would not fit in 100."""
    inline = head + encode_inline(invocation)
    if len(inline) <= CUSTOM_ID_MAX:
        return inline
    return head + TOKEN_MARK + store.put(invocation)


@dataclass(frozen=True, slots=True)
class Decoded:
    invocation: Invocation | None
    """None: the token has expired (or the id names no command any more)."""
    via_token: bool


def decode_body(body: str, store: TokenStore) -> Decoded:
    if body.startswith(TOKEN_MARK):
        return Decoded(store.get(body[len(TOKEN_MARK) :]), True)
    return Decoded(_decode_inline(body), False)


def make_custom_id(verb: str, argument: str, invocation: Invocation, store: TokenStore) -> str:
    """`at:<verb>:<argument>:<invocation or #token>`, never over 100 characters."""
    return encode_body(invocation, f"{PREFIX}:{verb}:{argument}:", store)


def template(verbs: str) -> str:
    """The DynamicItem template for custom ids made by `make_custom_id` with these verbs."""
    return rf"{PREFIX}:(?P<verb>{verbs}):(?P<argument>[0-9]*):(?P<body>.+)"
