"""Settings from the environment and `.env`; `.env.example` documents every one."""

from __future__ import annotations

import difflib
import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.core.i18n import Locale

__all__ = [
    "REPO_FACTS_DIR",
    "Settings",
    "SettingsError",
    "load_settings",
    "setting_names",
    "settings_warnings",
]

REPO_FACTS_DIR = Path(__file__).resolve().parents[1] / "facts"


def _default_facts_dir() -> Path:
    """The repo's facts/ in a checkout; ./facts when installed elsewhere (site-packages)."""
    return REPO_FACTS_DIR if REPO_FACTS_DIR.is_dir() else Path("facts")


ENV_FILE = Path(".env")
SNOWFLAKE_MAX = 2**64 - 1
"""Discord ids are unsigned 64-bit numbers; a longer one is a typo (it gave a traceback)."""

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(Exception):
    """An invalid setting, with a one-line message naming it and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    discord_token: SecretStr | None = Field(
        default=None, description="Bot token; without it the bot runs in the terminal."
    )
    discord_guild_id: int | None = Field(
        default=None,
        gt=0,
        le=SNOWFLAKE_MAX,
        description="Sync commands to this guild only (instant; for testing).",
    )
    facts_dir: Path = Field(
        default_factory=_default_facts_dir, description="Folder of relationship folders."
    )
    database_path: str = Field(
        default="data/attache.sqlite3", min_length=1, description="SQLite file, or :memory:."
    )
    log_level: LogLevel = "INFO"
    command_cooldown_seconds: float = Field(
        default=3.0, ge=0, le=3600, description="Per-user cooldown between commands."
    )
    admin_user_ids: Annotated[tuple[int, ...], NoDecode] = Field(
        default=(), description="Users who may reload the facts, from any server."
    )
    admin_role_ids: Annotated[tuple[int, ...], NoDecode] = Field(
        default=(), description="Roles in ADMIN_GUILD_ID whose members may reload the facts."
    )
    admin_guild_id: int | None = Field(
        default=None,
        gt=0,
        le=SNOWFLAKE_MAX,
        description="The server whose ADMIN_ROLE_IDS count; the facts are shared by all servers.",
    )
    discord_shards: str = Field(
        default="", description='Empty: one connection; "auto": as Discord recommends; or N.'
    )
    watch_debounce_seconds: float = Field(
        default=1.0, gt=0, le=60, description="Quiet time before --watch reloads."
    )
    default_locale: Locale = Field(
        default="en",
        description="Answer language when neither the server nor the member's Discord says.",
    )
    default_relationship: str | None = Field(
        default=None,
        max_length=64,
        description="The relationship a command answers about when the member names none "
        "and the server has no default (/settings relationship); a relationship's id (its "
        "folder's name). Unset: with one relationship, that one; with several, members pick.",
    )

    @field_validator("default_locale", mode="before")
    @classmethod
    def _lower_locale(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("admin_user_ids", "admin_role_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        """`123, 456` in the environment; ids are Discord snowflakes."""
        if isinstance(value, str):
            parts = [part for part in value.replace(" ", ",").split(",") if part]
            if not all(part.isdigit() and 0 < int(part) <= SNOWFLAKE_MAX for part in parts):
                raise ValueError("must be Discord ids (digits) separated by commas")
            return tuple(int(part) for part in parts)
        return value

    @field_validator("discord_shards")
    @classmethod
    def _shards(cls, value: str) -> str:
        value = value.strip().lower()
        if value not in ("", "auto") and not (value.isdigit() and int(value) >= 1):
            raise ValueError('must be empty, "auto" or a number of shards (1 or more)')
        return value

    @property
    def shard_count(self) -> int | None:
        return int(self.discord_shards) if self.discord_shards.isdigit() else None

    @property
    def sharded(self) -> bool:
        return self.discord_shards != ""

    @field_validator("discord_token", "default_relationship", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_guild_id", "admin_guild_id", mode="before")
    @classmethod
    def _blank_guild_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("database_path")
    @classmethod
    def _database_file(cls, value: str) -> str:
        """Mistakes that SQLite would turn into a file named " " or an unclear error."""
        if value == ":memory:":
            return value
        if not value.strip():
            raise ValueError("is blank; name a file, such as data/attache.sqlite3")
        if value.startswith("file:"):
            raise ValueError("is a URI; name a plain file, such as data/attache.sqlite3")
        if value.endswith(("/", os.sep)) or Path(value).name in ("", ".", ".."):
            raise ValueError("names a folder; name a file in it, such as data/attache.sqlite3")
        return value

    @field_validator("facts_dir", mode="before")
    @classmethod
    def _facts_dir_not_blank(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            raise ValueError("is blank; name the facts folder, or leave the setting out")
        return value

    @field_validator("facts_dir")
    @classmethod
    def _facts_dir_exists(cls, value: Path) -> Path:
        if not value.is_dir():
            raise ValueError(f"{value} is not a folder")
        return value


def setting_names() -> list[str]:
    """Every setting's name as written in the environment and `.env`."""
    return sorted(name.upper() for name in Settings.model_fields)


def load_settings(**overrides: object) -> Settings:
    """Settings, or a `SettingsError` whose message is one line naming the bad setting.

    A `.env` exists only for this bot, so a key in it that is not a setting is a mistake
    (`COMAND_COOLDOWN_SECONDS` was silently ignored); so is a misspelt token anywhere, which
    would silently start the terminal console instead of the Discord bot."""
    written = _read_env_file(ENV_FILE)
    _check_names(written, os.environ)
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        reason = str(first["msg"]).removeprefix("Value error, ")
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise SettingsError(f"invalid setting {name}: {reason}{more}") from None


def settings_warnings(environ: Mapping[str, str] | None = None) -> list[str]:
    """Environment variables that look meant for this bot but are not settings: reported,
    not refused, since the environment is shared with everything else in it."""
    environ = os.environ if environ is None else environ
    known = setting_names()
    found = []
    for key in sorted(environ):
        name = key.upper()
        if name in known:
            continue
        guess = _guess(name, known)
        if guess or name.startswith("DISCORD_"):
            hint = f"; did you mean {guess}?" if guess else " (see .env.example)"
            found.append(f"ignoring {key} in the environment: not a setting{hint}")
    return found


def _guess(name: str, known: list[str]) -> str | None:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
    return close[0] if close else None


def _read_env_file(path: Path) -> dict[str, str | None]:
    """`.env`'s keys and values, or a one-line `SettingsError` (it used to be a traceback)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise SettingsError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SettingsError(
            f"{path} is not UTF-8 text (byte 0x{raw[error.start]:02x} on line {line}); "
            "save it as UTF-8"
        ) from None
    return dotenv_values(stream=io.StringIO(text))


def _check_names(written: Mapping[str, str | None], environ: Mapping[str, str]) -> None:
    known = setting_names()
    for key in written:
        name = key.upper()
        if name not in known:
            guess = _guess(name, known)
            hint = f"; did you mean {guess}?" if guess else "; see .env.example"
            raise SettingsError(f"invalid setting {key} in {ENV_FILE}: not a setting{hint}")
    has_token = any(
        key.upper() == "DISCORD_TOKEN" and (value or "").strip()
        for key, value in [*written.items(), *environ.items()]
    )
    if not has_token:
        for key in environ:
            name = key.upper()
            if name != "DISCORD_TOKEN" and _guess(name, ["DISCORD_TOKEN"]):
                raise SettingsError(
                    f"invalid setting {key}: not a setting; did you mean DISCORD_TOKEN? "
                    "(without it the bot would run in the terminal, not on Discord)"
                )
