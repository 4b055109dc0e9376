"""Where things are, and the settings' documented names."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FACTS = REPO / "facts"
RELATIONSHIP = FACTS / "vietnam-laos"


def loaded(local: str, relationship: str = RELATIONSHIP.name) -> str:
    """How the bot knows a relationship's own event, pillar, topic or statement once loaded,
    as the curator guide documents it: `<relationship>/<id>` (people and places keep theirs)."""
    return f"{relationship}/{local}"


# Written out by hand from README/.env.example, not read from the Settings class.
SETTING_NAMES = (
    "DISCORD_TOKEN",
    "DISCORD_GUILD_ID",
    "FACTS_DIR",
    "DATABASE_PATH",
    "LOG_LEVEL",
    "COMMAND_COOLDOWN_SECONDS",
    "ADMIN_USER_IDS",
    "ADMIN_ROLE_IDS",
    "ADMIN_GUILD_ID",
    "DISCORD_SHARDS",
    "WATCH_DEBOUNCE_SECONDS",
    "DEFAULT_LOCALE",
    "DEFAULT_RELATIONSHIP",
)
