"""A stand-in for Discord on 127.0.0.1: the REST API and the gateway, as discord.py uses them.

The real bot process talks to this double as it would to Discord (see `pythonpath/`). The
double answers like Discord, checks what the bot sends against Discord's rules (one copy,
shared with the unit tests: tests/support/discord_rules.py), answers a
violation with Discord's error shape (HTTP 400, code 50035, "Invalid Form Body", or the
interaction codes 40060 and 10062) and records every violation in `violations`, which each
test asserts is empty.

Payload shapes follow discord.py 2.7's reading of them (discord/gateway.py, http.py,
interactions.py, state.py): every key discord.py indexes directly is present.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import secrets
import socket
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web
from support.discord_rules import (
    ADMIN_PERMISSIONS,
    ALLOWED_CALLBACKS,
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    CALLBACK_DEADLINE,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE,
    DISCORD_LOCALES,
    EPHEMERAL,
    FOLLOWUP_WINDOW,
    LOADING,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    MESSAGE_COMPONENT,
    UPDATE_MESSAGE,
    Problem,
    autocomplete_problems,
    command_problems,
    form_errors,
    message_problems,
)

# Discord's rules live in tests/support/discord_rules.py, shared with the unit tests; the
# ones scenarios use are re-exported here.
__all__ = [
    "ADMIN_PERMISSIONS",
    "APPLICATION_COMMAND",
    "DISCORD_LOCALES",
    "EPHEMERAL",
    "MANAGE_GUILD",
    "MEMBER_PERMISSIONS",
    "DiscordDouble",
    "Interaction",
    "command_problems",
    "message_problems",
]

log = logging.getLogger(__name__)

API = "/api/v10"
DISCORD_EPOCH_MS = 1_420_070_400_000
HEARTBEAT_INTERVAL_MS = 41_250

# Gateway opcodes.
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, RESUME, HELLO, HEARTBEAT_ACK = 0, 1, 2, 3, 6, 10, 11
GUILDS_INTENT = 1 << 0

# ---- the double ----------------------------------------------------------------------------


class _Snowflakes:
    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> str:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return str((ms << 22) | (next(self._counter) & 0xFFF))


def _json(data: Any, status: int = 200) -> web.Response:
    """A JSON response whose Content-Type is exactly `application/json`, as discord.py wants."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, headers={"Content-Type": "application/json"}
    )


@dataclass
class Interaction:
    """One INTERACTION_CREATE and everything the bot did about it."""

    id: str
    token: str
    type: int
    payload: dict[str, Any]
    sent_at: float = 0.0
    callback: dict[str, Any] | None = None  # the accepted initial callback body
    callback_after: float | None = None  # seconds after INTERACTION_CREATE
    message: dict[str, Any] | None = None  # the message the response created or updated
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)  # error bodies sent back
    answered: asyncio.Event = field(default_factory=asyncio.Event)  # or rejected
    followed_up: asyncio.Event = field(default_factory=asyncio.Event)  # or rejected

    def describe(self) -> str:
        data = self.payload.get("data") or {}
        name = data.get("name") or data.get("custom_id") or "?"
        return f"interaction {self.id} (type {self.type}, {name})"

    async def _settled(self, event: asyncio.Event, what: str, timeout: float) -> None:
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            raise AssertionError(f"no {what} for {self.describe()} within {timeout} s") from None
        if self.rejected:
            raise AssertionError(f"the double refused the {what} for {self.describe()}: "
                                 f"{json.dumps(self.rejected, ensure_ascii=False)}")  # fmt: skip

    async def response(self, timeout: float = 5.0) -> dict[str, Any]:
        """The initial callback body (`{"type": ..., "data": ...}`), waiting for it."""
        await self._settled(self.answered, "initial response", timeout)
        assert self.callback is not None
        return self.callback

    async def followup(self, timeout: float = 10.0) -> dict[str, Any]:
        """The first followup message, waiting for it."""
        await self._settled(self.followed_up, "followup", timeout)
        return self.followups[0]


@dataclass
class _Session:
    id: str
    intents: int
    seq: int = 0
    events: list[dict[str, Any]] = field(default_factory=list)  # sent, for RESUME replays
    ws: web.WebSocketResponse | None = None  # set once READY or RESUMED is sent
    send: Any = None  # sends one payload on the session's current connection


class DiscordDouble:
    """Discord's REST API and gateway for one application, one guild, one channel."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.snowflake = _Snowflakes()
        self.application_id = self.snowflake()
        self.bot_user = {
            "id": self.application_id, "username": "Attaché", "discriminator": "0",
            "global_name": None, "avatar": None, "bot": True, "system": False,
            "mfa_enabled": True, "verified": True, "flags": 0, "public_flags": 0,
            "email": None, "locale": "en-US", "banner": None, "accent_color": None,
        }  # fmt: skip
        self.guild_id = self.snowflake()
        self.channel_id = self.snowflake()
        self.owner = self.user("owner")
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []  # (method, path) of every REST request
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[str, list[dict[str, Any]]] = {}
        self.command_puts: list[tuple[str | None, list[dict[str, Any]]]] = []  # (guild, body)
        self.interactions: dict[str, Interaction] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.identifies = 0
        self.heartbeats = 0
        self.identify_payloads: list[dict[str, Any]] = []  # without the token
        self.resumes = 0
        self.gateway_paths: list[str] = []
        self._sessions: dict[str, _Session] = {}
        self._current: _Session | None = None
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifetime --

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/resume", self._gateway)
        app.router.add_route("*", API + "/{tail:.*}", self._rest)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))  # loopback only, never any other address
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        for session in self._sessions.values():
            if session.ws is not None and not session.ws.closed:
                with contextlib.suppress(Exception):
                    await session.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def violate(self, where: str, problem: Any) -> None:
        text = f"{where}: {problem}"
        log.warning("violation: %s", text)
        self.violations.append(text)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Any, timeout: float, what: str) -> None:
        """Wait until `predicate()` holds; a clear TimeoutError naming `what` otherwise."""
        async with self._changed:
            try:
                await asyncio.wait_for(self._changed.wait_for(predicate), timeout)
            except TimeoutError:
                raise TimeoutError(f"timed out after {timeout} s waiting for {what}") from None

    @property
    def connected(self) -> bool:
        """A gateway session is identified (or resumed) and its connection is open."""
        current = self._current
        return current is not None and current.ws is not None and not current.ws.closed

    # -- people --

    def user(self, name: str) -> dict[str, Any]:
        return {
            "id": self.snowflake(), "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": False, "system": False, "public_flags": 0, "flags": 0,
            "banner": None, "accent_color": None, "avatar_decoration_data": None,
        }  # fmt: skip

    def member(
        self, user: dict[str, Any], permissions: int, roles: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        return {
            "user": user, "roles": list(roles), "joined_at": "2025-01-01T00:00:00.000000+00:00",
            "premium_since": None, "deaf": False, "mute": False, "pending": False, "nick": None,
            "avatar": None, "banner": None, "flags": 0, "communication_disabled_until": None,
            "permissions": str(permissions),
        }  # fmt: skip

    # -- REST --

    async def _unknown(self, request: web.Request) -> web.Response:
        self.violate("REST", f"request outside {API}: {request.method} {request.path}")
        return _json({"message": "404: Not Found", "code": 0}, 404)

    async def _body(self, request: web.Request) -> Any:
        if request.content_type == "application/json":
            return await request.json()
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            raw = form.get("payload_json")
            return json.loads(str(raw)) if raw is not None else {}
        text = await request.text()
        return json.loads(text) if text else None

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        self.requests.append((request.method, path))
        parts = path.strip("/").split("/")
        try:
            # Interaction callbacks and webhooks authenticate with the token in the URL.
            if parts[0] == "interactions" and len(parts) == 4 and parts[3] == "callback":
                return await self._callback(request, parts[1], parts[2])
            if parts[0] == "webhooks" and len(parts) >= 3:
                return await self._webhook(request, parts[1], parts[2], parts[3:])
            if request.headers.get("Authorization") != f"Bot {self.token}":
                self.violate("REST", f"{request.method} {path} without the bot token")
                return _json({"message": "401: Unauthorized", "code": 0}, 401)
            return await self._authorised(request, path, parts)
        finally:
            await self._notify()

    async def _authorised(
        self, request: web.Request, path: str, parts: list[str]
    ) -> web.StreamResponse:
        method = request.method
        if method == "GET" and path == "/users/@me":
            return _json(self.bot_user)
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(self._application())
        if method == "GET" and path in ("/gateway", "/gateway/bot"):
            body: dict[str, Any] = {"url": f"ws://127.0.0.1:{self.port}/gateway"}
            if path == "/gateway/bot":
                limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
                body |= {"shards": 1, "session_start_limit": limit}
            return _json(body)
        if parts[:1] == ["applications"] and len(parts) >= 3 and parts[-1] == "commands":
            if parts[1] != self.application_id:
                return _json({"message": "Unknown Application", "code": 10002}, 404)
            guild = parts[3] if len(parts) == 5 and parts[2] == "guilds" else None
            if guild is not None and guild != self.guild_id:
                return _json({"message": "Missing Access", "code": 50001}, 403)
            if method == "GET":
                return _json(self._commands(guild))
            if method == "PUT":
                return await self._put_commands(request, guild)
        self.violate("REST", f"unexpected request {method} {path}")
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _application(self) -> dict[str, Any]:
        return {
            "id": self.application_id, "name": "Attaché", "icon": None,
            "description": "Briefings on bilateral relations", "summary": "",
            "type": None, "bot_public": False, "bot_require_code_grant": False,
            "verify_key": secrets.token_hex(32), "flags": 0, "owner": self.owner, "team": None,
            "rpc_origins": [], "terms_of_service_url": None, "privacy_policy_url": None,
            "guild_id": None, "primary_sku_id": None, "slug": None, "cover_image": None,
            "tags": [], "install_params": None, "custom_install_url": None,
            "interactions_endpoint_url": None, "redirect_uris": [],
            "approximate_guild_count": 1, "integration_types_config": {},
            "bot": self.bot_user,
        }  # fmt: skip

    def _commands(self, guild: str | None) -> list[dict[str, Any]]:
        return self.guild_commands.get(guild, []) if guild else self.global_commands

    async def _put_commands(self, request: web.Request, guild: str | None) -> web.Response:
        body = await self._body(request)
        self.command_puts.append((guild, body))
        problems = command_problems(body)
        where = f"PUT commands ({'guild ' + guild if guild else 'global'})"
        if problems:
            error = form_errors(problems)
            self.violate(where, json.dumps(error["errors"], ensure_ascii=False))
            return _json(error, 400)
        old = {c["name"]: c for c in self._commands(guild)}
        stored = []
        for command in body:
            previous = old.get(command["name"])
            if isinstance(command.get("default_member_permissions"), int):  # Discord: a string
                command["default_member_permissions"] = str(command["default_member_permissions"])
            stored.append(
                {
                    "type": 1, "options": [], "default_member_permissions": None, "nsfw": False,
                    "name_localizations": None, "description_localizations": None,
                    "contexts": None, "integration_types": [0],
                    **command,
                    "id": previous["id"] if previous else self.snowflake(),
                    "application_id": self.application_id, "version": self.snowflake(),
                    **({"guild_id": guild} if guild else {}),
                }
            )  # fmt: skip
        if guild:
            self.guild_commands[guild] = stored
        else:
            self.global_commands = stored
        return _json(stored)

    # -- interaction responses --

    def _message(
        self, interaction: Interaction, data: dict[str, Any], **extra: Any
    ) -> dict[str, Any]:
        """A message object as Discord returns it, for what the bot sent."""
        payload = interaction.payload
        user = payload["member"]["user"] if "member" in payload else payload["user"]
        message = {
            "id": self.snowflake(), "type": 20, "channel_id": payload["channel_id"],
            "author": self.bot_user, "content": data.get("content") or "",
            "timestamp": "2026-02-05T00:00:00.000000+00:00", "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [], "embeds": data.get("embeds") or [], "pinned": False,
            "components": data.get("components") or [], "flags": data.get("flags") or 0,
            "webhook_id": self.application_id, "application_id": self.application_id,
            "interaction_metadata": {
                "id": interaction.id, "type": interaction.type,
                "user": user, "authorizing_integration_owners": {},
            },
        }  # fmt: skip
        if "guild_id" in payload:
            message["guild_id"] = payload["guild_id"]
        message.update(extra)
        return message

    def _reject(
        self, interaction: Interaction | None, where: str, status: int, body: dict[str, Any]
    ) -> web.Response:
        self.violate(where, json.dumps(body, ensure_ascii=False))
        if interaction is not None:
            interaction.rejected.append(body)
            interaction.answered.set()
            interaction.followed_up.set()
        return _json(body, status)

    async def _callback(
        self, request: web.Request, interaction_id: str, token: str
    ) -> web.Response:
        received = asyncio.get_running_loop().time()
        body = await self._body(request)
        interaction = self.interactions.get(interaction_id)
        where = f"callback for interaction {interaction_id}"
        if interaction is None or interaction.token != token:
            return self._reject(None, where, 404, {"message": "Unknown interaction", "code": 10062})
        where = f"callback for {interaction.describe()}"
        if interaction.callback is not None:
            acknowledged = {"message": "Interaction has already been acknowledged.", "code": 40060}
            return self._reject(interaction, where, 400, acknowledged)
        after = received - interaction.sent_at
        if after > CALLBACK_DEADLINE:
            return self._reject(interaction, f"{where} after {after:.2f} s", 404,
                                {"message": "Unknown interaction", "code": 10062})  # fmt: skip
        kind = body.get("type") if isinstance(body, dict) else None
        data = (body.get("data") if isinstance(body, dict) else None) or {}
        problems: list[Problem] = []
        if kind not in ALLOWED_CALLBACKS.get(interaction.type, set()):
            problems.append((("type",), "INTERACTION_RESPONSE_TYPE_INVALID",
                             f"Callback type {kind} is not valid for interaction type "
                             f"{interaction.type}"))  # fmt: skip
        elif kind in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            problems += message_problems(data, ("data",), new=kind == CHANNEL_MESSAGE)
        elif kind == AUTOCOMPLETE_RESULT:
            problems += autocomplete_problems(data)
        elif kind == DEFERRED_CHANNEL_MESSAGE and (data.get("flags") or 0) & ~EPHEMERAL:
            problems.append((("data", "flags"), "MESSAGE_FLAGS_INVALID", "Only EPHEMERAL here"))
        if problems:
            return self._reject(interaction, where, 400, form_errors(problems))

        interaction.callback = body
        interaction.callback_after = after
        interaction.answered.set()
        flags = data.get("flags") or 0
        response: dict[str, Any] = {
            "interaction": {
                "id": interaction.id, "type": interaction.type, "activity_instance_id": None,
                "response_message_id": None, "response_message_loading": False,
                "response_message_ephemeral": bool(flags & EPHEMERAL),
            }
        }  # fmt: skip
        if kind == CHANNEL_MESSAGE:
            message = self._message(interaction, data)
        elif kind == DEFERRED_CHANNEL_MESSAGE:
            message = self._message(interaction, {"flags": flags | LOADING})
            response["interaction"]["response_message_loading"] = True
        elif kind == DEFERRED_UPDATE and "message" in interaction.payload:
            # "@original" of a component interaction is the message the component is on.
            original = interaction.payload["message"]
            message = self.messages.get(original["id"], original)
        elif kind == UPDATE_MESSAGE:
            original = interaction.payload["message"]
            message = {**original, **{k: v for k, v in data.items() if k != "allowed_mentions"}}
            message["edited_timestamp"] = "2026-02-05T00:00:01.000000+00:00"
        else:
            return _json(response)
        self.messages[message["id"]] = message
        interaction.message = message
        response["interaction"]["response_message_id"] = message["id"]
        response["resource"] = {"type": kind, "message": message}
        return _json(response)

    def _by_token(self, application_id: str, token: str) -> Interaction | None:
        if application_id != self.application_id:
            return None
        return next((i for i in self.interactions.values() if i.token == token), None)

    async def _webhook(
        self, request: web.Request, application_id: str, token: str, rest: list[str]
    ) -> web.StreamResponse:
        interaction = self._by_token(application_id, token)
        where = f"{request.method} webhook {'/'.join(rest) or '(followup)'}"
        unknown = {"message": "Unknown Webhook", "code": 10015}
        if interaction is None:
            return self._reject(None, where, 404, unknown)
        where += f" for {interaction.describe()}"
        age = asyncio.get_running_loop().time() - interaction.sent_at
        if interaction.callback is None or age > FOLLOWUP_WINDOW:
            # Discord knows no webhook for an interaction that was never acknowledged.
            return self._reject(interaction, where, 404, unknown)
        if not rest and request.method == "POST":
            body = await self._body(request)
            problems = message_problems(body)
            if problems:
                return self._reject(interaction, where, 400, form_errors(problems))
            message = self._message(interaction, body)
            self.messages[message["id"]] = message
            interaction.followups.append(body)
            interaction.followed_up.set()
            return _json(message)
        if len(rest) == 2 and rest[0] == "messages":
            target = interaction.message if rest[1] == "@original" else self.messages.get(rest[1])
            if target is None:
                return self._reject(interaction, where, 404,
                                    {"message": "Unknown Message", "code": 10008})  # fmt: skip
            if request.method == "GET":
                return _json(target)
            if request.method == "DELETE":
                self.messages.pop(target["id"], None)
                return web.Response(status=204)
            if request.method == "PATCH":
                body = await self._body(request)
                problems = message_problems(body, new=False)
                if problems:
                    return self._reject(interaction, where, 400, form_errors(problems))
                target.update({k: v for k, v in body.items() if k != "allowed_mentions"})
                target["flags"] = (target.get("flags") or 0) & ~LOADING
                interaction.edits.append(body)
                interaction.followed_up.set()
                return _json(target)
        self.violate("REST", f"unexpected webhook request {request.method} {request.path}")
        return _json({"message": "404: Not Found", "code": 0}, 404)

    # -- gateway --

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        self.gateway_paths.append(request.path)
        query = request.query
        if query.get("v") != "10" or query.get("encoding") != "json":
            self.violate(
                "gateway", f"connected with v={query.get('v')} encoding={query.get('encoding')}"
            )
        compressor = zlib.compressobj() if query.get("compress") == "zlib-stream" else None
        session: _Session | None = None

        async def send(payload: dict[str, Any]) -> None:
            raw = json.dumps(payload).encode()
            if compressor is not None:
                await ws.send_bytes(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH))
            else:
                await ws.send_str(raw.decode())

        await send(
            {"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}, "s": None, "t": None}
        )
        try:
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    self.violate("gateway", f"unexpected frame {msg.type}")
                    continue
                payload = json.loads(msg.data)
                op, data = payload.get("op"), payload.get("d")
                if op == HEARTBEAT:
                    self.heartbeats += 1
                    await send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
                elif op == IDENTIFY:
                    if session is not None:
                        await ws.close(code=4005, message=b"Already authenticated.")
                        break
                    session = await self._identify(ws, data, send)
                    if session is None:
                        break
                elif op == RESUME:
                    if session is not None:
                        await ws.close(code=4005, message=b"Already authenticated.")
                        break
                    session = await self._resume(ws, data, send)
                    if session is None:
                        break
                elif op == PRESENCE:
                    pass
                elif session is None:
                    self.violate("gateway", f"op {op} before IDENTIFY")
                    await ws.close(code=4003, message=b"Not authenticated.")
                    break
                else:
                    self.violate("gateway", f"unexpected op {op}")
        finally:
            await self._notify()
        return ws

    async def _identify(self, ws: web.WebSocketResponse, data: Any, send: Any) -> _Session | None:
        if not isinstance(data, dict) or data.get("token") != self.token:
            self.violate("gateway", "IDENTIFY with a wrong token")
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = data.get("intents")
        properties = data.get("properties") or {}
        if not isinstance(intents, int) or not {"os", "browser", "device"} <= set(properties):
            self.violate("gateway", f"IDENTIFY without intents or properties: {data!r}")
            await ws.close(code=4013, message=b"Invalid intent(s).")
            return None
        self.identify_payloads.append({k: v for k, v in data.items() if k != "token"})
        session = _Session(id=secrets.token_hex(16), intents=intents, send=send)
        self._sessions[session.id] = session
        ready = {
            "v": 10, "user": self.bot_user, "user_settings": {}, "private_channels": [],
            "guilds": [{"id": self.guild_id, "unavailable": True}], "relationships": [],
            "session_id": session.id, "session_type": "normal",
            "resume_gateway_url": f"ws://127.0.0.1:{self.port}/resume",
            "application": {"id": self.application_id, "flags": 0},
            "geo_ordered_rtc_regions": [], "presences": [], "guild_join_requests": [],
            "auth_session_id_hash": "", "_trace": ["attache-double"],
        }  # fmt: skip
        await self._dispatch(session, "READY", ready)
        if intents & GUILDS_INTENT:  # Discord sends GUILD_CREATE only with the GUILDS intent
            await self._dispatch(session, "GUILD_CREATE", self._guild())
        self.identifies += 1
        session.ws, self._current = ws, session  # interactions may flow from now on
        await self._notify()
        return session

    async def _resume(self, ws: web.WebSocketResponse, data: Any, send: Any) -> _Session | None:
        data = data if isinstance(data, dict) else {}
        session = self._sessions.get(data.get("session_id", ""))
        if data.get("token") != self.token:
            self.violate("gateway", "RESUME with a wrong token")
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        if session is None or not isinstance(data.get("seq"), int):
            self.violate("gateway", f"RESUME of an unknown session: {data!r}")
            await send({"op": 9, "d": False, "s": None, "t": None})
            return None
        session.send = send
        for event in session.events:  # replay what the bot missed, then RESUMED
            if event["s"] > data["seq"]:
                await send(event)
        await self._dispatch(session, "RESUMED", {"_trace": ["attache-double"]})
        self.resumes += 1
        session.ws, self._current = ws, session
        await self._notify()
        return session

    async def _dispatch(self, session: _Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        payload = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
        session.events.append(payload)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await session.send(payload)

    def _guild(self) -> dict[str, Any]:
        return {
            "id": self.guild_id, "name": "Attaché test server", "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": self.owner["id"], "afk_channel_id": None,
            "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "roles": [self._everyone()], "emojis": [],
            "features": [], "mfa_level": 0, "application_id": None, "system_channel_id": None,
            "system_channel_flags": 0, "rules_channel_id": None, "vanity_url_code": None,
            "description": None, "banner": None, "premium_tier": 0, "preferred_locale": "en-US",
            "public_updates_channel_id": None, "nsfw_level": 0, "stickers": [],
            "premium_progress_bar_enabled": False, "joined_at": "2025-01-01T00:00:00+00:00",
            "large": False, "unavailable": False, "member_count": 2, "voice_states": [],
            "members": [], "channels": [self._channel()], "threads": [], "presences": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
        }  # fmt: skip

    def _everyone(self) -> dict[str, Any]:
        return {
            "id": self.guild_id, "name": "@everyone", "color": 0, "hoist": False, "icon": None,
            "unicode_emoji": None, "position": 0, "permissions": str(MEMBER_PERMISSIONS),
            "managed": False, "mentionable": False, "flags": 0,
        }  # fmt: skip

    def _channel(self) -> dict[str, Any]:
        return {
            "id": self.channel_id, "type": 0, "guild_id": self.guild_id, "name": "general",
            "position": 0, "permission_overwrites": [], "nsfw": False, "topic": None,
            "last_message_id": None, "rate_limit_per_user": 0, "parent_id": None, "flags": 0,
        }  # fmt: skip

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the bot's gateway connection as Discord does on trouble (resumable codes)."""
        session = self._current
        assert session is not None and session.ws is not None, "no gateway connection to drop"
        await session.ws.close(code=code, message=b"Unknown error.")

    # -- interactions --

    def _find_command(self, name: str, in_dm: bool) -> tuple[dict[str, Any], str | None]:
        """The registered command the user picked: guild commands first, as Discord shows
        them; in a DM with the bot only global commands allowed there."""
        for command in [] if in_dm else self.guild_commands.get(self.guild_id, []):
            if command["name"] == name:
                return command, self.guild_id
        for command in self.global_commands:
            if command["name"] == name:
                # `contexts` (guild 0, bot DM 1, private channel 2), else the older
                # `dm_permission`, which Discord still honours.
                dm = command.get("dm_permission") is not False
                contexts = command.get("contexts") or ([0, 1, 2] if dm else [0])
                assert not in_dm or 1 in contexts, f"Discord offers no /{name} in DMs"
                return command, None
        where = "in DMs" if in_dm else "in the guild"
        raise AssertionError(f"/{name} is not registered {where}; Discord would not offer it")

    def _options_for(
        self, declared: list[dict[str, Any]], given: dict[str, Any], focused: str | None
    ) -> list[dict[str, Any]]:
        """Only what Discord's client lets a user send: declared options, required ones
        present, values within the declared bounds (except while typing, for autocomplete)."""
        by_name = {option["name"]: option for option in declared}
        for name, option in by_name.items():
            required = option.get("required") and option["type"] not in (1, 2)
            assert not required or given.get(name) is not None, f"option {name!r} is required"
        options = []
        for name, value in given.items():
            if value is None:
                continue
            assert name in by_name, f"option {name!r} is not declared: {sorted(by_name)}"
            spec = by_name[name]
            if name != focused:
                size = len(value) if isinstance(value, str) else value
                low = spec.get("min_length" if isinstance(value, str) else "min_value")
                high = spec.get("max_length" if isinstance(value, str) else "max_value")
                assert low is None or size >= low, f"{name}={value!r} is below {low}"
                assert high is None or size <= high, f"{name}={value!r} is above {high}"
            option = {"name": name, "type": spec["type"], "value": value}
            if name == focused:
                option["focused"] = True
            options.append(option)
        return options

    def command_data(
        self,
        path: str,
        options: dict[str, Any] | None = None,
        *,
        focused: str | None = None,
        in_dm: bool = False,
    ) -> dict[str, Any]:
        """The `data` of an application command interaction for `/path` with `options`."""
        names = path.strip("/").split()
        command, guild = self._find_command(names[0], in_dm)
        data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1}
        if guild:
            data["guild_id"] = guild
        declared = command.get("options") or []
        holder = data
        for name in names[1:]:
            sub = next((o for o in declared if o["name"] == name and o["type"] in (1, 2)), None)
            assert sub is not None, f"no subcommand {name!r} in /{path}"
            child: dict[str, Any] = {"name": name, "type": sub["type"], "options": []}
            holder.setdefault("options", []).append(child)
            holder, declared = child, sub.get("options") or []
        holder["options"] = self._options_for(declared, options or {}, focused)
        return data

    def interaction_payload(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        member: dict[str, Any],
        locale: str = "en-US",
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A full INTERACTION_CREATE payload: every field discord.py 2.7 reads."""
        payload = {
            "id": self.snowflake(), "application_id": self.application_id, "type": kind,
            "data": data, "guild_id": self.guild_id,
            "guild": {"id": self.guild_id, "locale": "en-US", "features": []},
            "channel_id": self.channel_id, "channel": self._channel(), "member": member,
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48), "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS), "locale": locale,
            "guild_locale": "en-US", "entitlements": [], "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": self.guild_id}, "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }  # fmt: skip
        if message is not None:
            payload["message"] = message
        return payload

    def dm_payload(
        self, kind: int, data: dict[str, Any], *, user: dict[str, Any], locale: str = "en-US"
    ) -> dict[str, Any]:
        """INTERACTION_CREATE from a DM with the bot: a `user`, no guild, no member."""
        channel = {"id": self.snowflake(), "type": 1, "last_message_id": None, "flags": 0,
                   "recipients": [user]}  # fmt: skip
        return {
            "id": self.snowflake(), "application_id": self.application_id, "type": kind,
            "data": data, "channel_id": channel["id"], "channel": channel, "user": user,
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48), "version": 1,
            "app_permissions": str(MEMBER_PERMISSIONS), "locale": locale, "entitlements": [],
            "entitlement_sku_ids": [], "authorizing_integration_owners": {"0": self.guild_id},
            "context": 1, "attachment_size_limit": 10 * 1024 * 1024,
        }  # fmt: skip

    async def send_interaction(self, payload: dict[str, Any], timeout: float = 10.0) -> Interaction:
        """Send INTERACTION_CREATE on the identified session (waiting for one if needed)."""
        await self.wait_for(lambda: self.connected, timeout, "an identified gateway session")
        session = self._current
        assert session is not None
        interaction = Interaction(payload["id"], payload["token"], payload["type"], payload)
        self.interactions[interaction.id] = interaction
        interaction.sent_at = asyncio.get_running_loop().time()
        await self._dispatch(session, "INTERACTION_CREATE", payload)
        return interaction

    async def run_command(
        self,
        path: str,
        options: dict[str, Any] | None = None,
        *,
        member: dict[str, Any],
        locale: str = "en-US",
        in_dm: bool = False,
    ) -> Interaction:
        """`/path` with `options`, by `member` in the guild's channel, or by the member's
        user in a DM with the bot."""
        data = self.command_data(path, options, in_dm=in_dm)
        if in_dm:
            payload = self.dm_payload(APPLICATION_COMMAND, data, user=member["user"], locale=locale)
        else:
            payload = self.interaction_payload(
                APPLICATION_COMMAND, data, member=member, locale=locale
            )
        return await self.send_interaction(payload)

    async def autocomplete(
        self,
        path: str,
        options: dict[str, Any],
        focused: str,
        *,
        member: dict[str, Any],
        locale: str = "en-US",
    ) -> Interaction:
        data = self.command_data(path, options, focused=focused)
        payload = self.interaction_payload(AUTOCOMPLETE, data, member=member, locale=locale)
        return await self.send_interaction(payload)

    async def use_component(
        self,
        message: dict[str, Any],
        custom_id: str,
        *,
        member: dict[str, Any],
        values: list[str] | None = None,
    ) -> Interaction:
        """Click a button or pick from a select menu on a message the bot sent."""
        component = next(
            (c for row in message.get("components") or [] for c in row.get("components") or []
             if c.get("custom_id") == custom_id),
            None,
        )  # fmt: skip
        assert component is not None, f"no component {custom_id!r} on message {message['id']}"
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] == 3:
            allowed = {o["value"] for o in component.get("options") or []}
            assert values and set(values) <= allowed, f"{values} not among {allowed}"
            data["values"] = values
        payload = self.interaction_payload(MESSAGE_COMPONENT, data, member=member, message=message)
        return await self.send_interaction(payload)
