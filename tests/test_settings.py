"""Settings from the environment and `.env`, and the one-line messages for bad ones.

Every test runs in an empty temporary folder with the settings removed from the environment,
so neither the developer's shell nor a `.env` in the checkout can leak in.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from support.cli import clean_env, run_bot
from support.paths import SETTING_NAMES

from bot.settings import Settings, SettingsError, load_settings

REPO = Path(__file__).resolve().parents[1]
ENV_EXAMPLE = REPO / ".env.example"


def setting_names() -> set[str]:
    return {name.upper() for name in Settings.model_fields} | set(SETTING_NAMES)


@pytest.fixture(autouse=True)
def clean(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for name in setting_names():
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_bot(*args, cwd=tmp_path, env=clean_env(**env))


# --- Defaults and sources ----------------------------------------------------------------


def test_defaults_without_environment_or_env_file(clean: Path) -> None:
    assert not (clean / ".env").exists()
    settings = load_settings()
    assert settings.discord_token is None
    assert settings.discord_guild_id is None
    # In a checkout the default facts folder is the repo's facts/.
    assert settings.facts_dir.resolve() == (REPO / "facts").resolve()
    assert settings.database_path == "data/attache.sqlite3"
    assert settings.log_level == "INFO"
    assert settings.command_cooldown_seconds == 3


def test_the_env_example_documents_the_defaults(clean: Path) -> None:
    """Copied to .env unchanged, the example must configure exactly the defaults."""
    (clean / ".env").write_text(ENV_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    from_example = load_settings()
    (clean / ".env").unlink()
    assert from_example == load_settings()


def test_the_env_file_is_read(clean: Path) -> None:
    facts = clean / "my-facts"
    facts.mkdir()
    (clean / ".env").write_text(
        "DISCORD_TOKEN=abc.def.ghi\n"
        "DISCORD_GUILD_ID=123456789012345678\n"
        f"FACTS_DIR={facts}\n"
        "DATABASE_PATH=:memory:\n"
        "LOG_LEVEL=debug\n"
        "COMMAND_COOLDOWN_SECONDS=0.5\n",
        encoding="utf-8",
    )
    settings = load_settings()
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "abc.def.ghi"
    assert settings.discord_guild_id == 123456789012345678
    assert settings.facts_dir == facts
    assert settings.database_path == ":memory:"
    assert settings.log_level == "DEBUG"
    assert settings.command_cooldown_seconds == 0.5


def test_the_environment_wins_over_the_env_file(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean / ".env").write_text("LOG_LEVEL=DEBUG\nCOMMAND_COOLDOWN_SECONDS=7\n", encoding="utf-8")
    monkeypatch.setenv("LOG_LEVEL", "error")
    settings = load_settings()
    assert settings.log_level == "ERROR"
    assert settings.command_cooldown_seconds == 7


@pytest.mark.parametrize("blank", ["", " ", "  \t "])
def test_a_blank_token_means_no_token(monkeypatch: pytest.MonkeyPatch, blank: str) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", blank)
    assert load_settings().discord_token is None


def test_a_blank_token_in_the_env_file_means_no_token(clean: Path) -> None:
    (clean / ".env").write_text("DISCORD_TOKEN=\nDISCORD_GUILD_ID=\n", encoding="utf-8")
    settings = load_settings()
    assert settings.discord_token is None
    assert settings.discord_guild_id is None


def test_the_token_is_not_shown_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "very-secret-token-value")
    settings = load_settings()
    assert "very-secret-token-value" not in repr(settings)
    assert "very-secret-token-value" not in str(settings)


# --- Invalid settings --------------------------------------------------------------------

INVALID = [
    pytest.param("LOG_LEVEL", "verbose", id="log-level-unknown"),
    pytest.param("LOG_LEVEL", "", id="log-level-empty"),
    pytest.param("DISCORD_GUILD_ID", "-5", id="guild-negative"),
    pytest.param("DISCORD_GUILD_ID", "0", id="guild-zero"),
    pytest.param("DISCORD_GUILD_ID", "my-server", id="guild-not-a-number"),
    pytest.param("FACTS_DIR", "{tmp}/no-such-folder", id="facts-dir-missing"),
    pytest.param("FACTS_DIR", "{tmp}/a-file", id="facts-dir-is-a-file"),
    pytest.param("COMMAND_COOLDOWN_SECONDS", "-1", id="cooldown-negative"),
    pytest.param("COMMAND_COOLDOWN_SECONDS", "soon", id="cooldown-not-a-number"),
]


@pytest.mark.parametrize(("name", "value"), INVALID)
def test_an_invalid_setting_gives_one_line_naming_it(
    clean: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    (clean / "a-file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(name, value.format(tmp=clean))
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message and "\n" not in message
    assert name in message
    others = setting_names() - {name}
    assert not any(re.search(rf"\b{other}\b", message) for other in others), message


def test_an_invalid_setting_in_the_env_file_is_named_too(clean: Path) -> None:
    (clean / ".env").write_text("COMMAND_COOLDOWN_SECONDS=-1\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="COMMAND_COOLDOWN_SECONDS"):
        load_settings()


def test_several_invalid_settings_still_give_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_LEVEL", "loud")
    monkeypatch.setenv("COMMAND_COOLDOWN_SECONDS", "-1")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message
    assert "LOG_LEVEL" in message or "COMMAND_COOLDOWN_SECONDS" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("LOG_LEVEL", "verbose"),
        ("DISCORD_GUILD_ID", "-5"),
        ("FACTS_DIR", "{tmp}/no-such-folder"),
        ("COMMAND_COOLDOWN_SECONDS", "-1"),
    ],
)
def test_the_cli_exits_2_with_one_line_and_no_traceback(clean: Path, name: str, value: str) -> None:
    done = cli(clean, {name: value.format(tmp=clean)}, "facts", "check", str(REPO / "facts"))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert name in lines[0]


# --- Documentation -----------------------------------------------------------------------


def test_every_setting_is_in_the_env_example() -> None:
    assert ENV_EXAMPLE.is_file(), f"{ENV_EXAMPLE} is missing"
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    # A setting counts as documented when it has a line `NAME=...`, commented out or not.
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))
    missing = sorted({name.upper() for name in Settings.model_fields} - documented)
    assert not missing, f".env.example does not mention {missing}"
    assert set(SETTING_NAMES) <= documented


# --- Mistakes that used to be silent or a traceback (red-team F-12, F-20) --------------------

ENV_FILE_MISTAKES = [
    pytest.param(
        b"COMAND_COOLDOWN_SECONDS=5\n",
        "invalid setting COMAND_COOLDOWN_SECONDS in .env: not a setting; "
        "did you mean COMMAND_COOLDOWN_SECONDS?",
        id="misspelt-key",
    ),
    pytest.param(
        b"ADMIN_USER_ID=123\n",
        "invalid setting ADMIN_USER_ID in .env: not a setting; did you mean ADMIN_USER_IDS?",
        id="singular-key",
    ),
    pytest.param(
        b"DISCORD_TOKN=abc\n",
        "invalid setting DISCORD_TOKN in .env: not a setting; did you mean DISCORD_TOKEN?",
        id="misspelt-token",
    ),
    pytest.param(
        b"SOMETHING_ELSE=1\n",
        "invalid setting SOMETHING_ELSE in .env: not a setting; see .env.example",
        id="unknown-key",
    ),
    pytest.param(
        b"LOG_LEVEL=INFO\n# caf\xe9\n",
        ".env is not UTF-8 text (byte 0xe9 on line 2); save it as UTF-8",
        id="latin-1",
    ),
    pytest.param(
        b"\xff\xfeL\x00O\x00G\x00",
        ".env is not UTF-8 text (byte 0xff on line 1); save it as UTF-8",
        id="utf-16",
    ),
]


@pytest.mark.parametrize(("content", "message"), ENV_FILE_MISTAKES)
def test_a_mistake_in_the_env_file_is_one_line(clean: Path, content: bytes, message: str) -> None:
    (clean / ".env").write_bytes(content)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == message


def test_a_non_utf8_env_file_stops_the_cli_with_one_line(clean: Path) -> None:
    (clean / ".env").write_bytes(b"LOG_LEVEL=INFO\n# caf\xe9\n")
    done = cli(clean, {}, "facts", "check", str(REPO / "facts"))
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", ".env is not UTF-8 text (byte 0xe9 on line 2); save it as UTF-8\n"
    )  # fmt: skip


def test_an_env_file_that_cannot_be_read_is_one_line(clean: Path) -> None:
    (clean / ".env").mkdir()
    done = cli(clean, {}, "facts", "check", str(REPO / "facts"))
    assert (done.returncode, done.stderr) == (2, "cannot read .env: Is a directory\n")


def test_a_byte_order_mark_is_fine(clean: Path) -> None:
    (clean / ".env").write_bytes(b"\xef\xbb\xbfLOG_LEVEL=DEBUG\n")
    assert load_settings().log_level == "DEBUG"


def test_a_misspelt_token_in_the_environment_is_an_error_not_a_console(clean: Path) -> None:
    done = run_bot(cwd=clean, env=clean_env(DISCORD_TOKN="abc"), timeout=10)
    assert (done.returncode, done.stderr) == (
        2,
        "invalid setting DISCORD_TOKN: not a setting; did you mean DISCORD_TOKEN? "
        "(without it the bot would run in the terminal, not on Discord)\n",
    )


def test_other_near_misses_in_the_environment_are_reported(clean: Path) -> None:
    done = cli(
        clean,
        {"ADMIN_USER_ID": "1", "DISCORD_WEBHOOK": "x", "UNRELATED_THING": "1"},
        "facts",
        "check",
        str(REPO / "facts"),
    )
    assert done.returncode == 0
    assert done.stderr.splitlines() == [
        "warning: ignoring ADMIN_USER_ID in the environment: not a setting; "
        "did you mean ADMIN_USER_IDS?",
        "warning: ignoring DISCORD_WEBHOOK in the environment: not a setting (see .env.example)",
    ]


@pytest.mark.parametrize("args", [("--discord",), ("run", "--discord")])
def test_discord_flag_without_a_token_is_an_error(clean: Path, args: tuple[str, ...]) -> None:
    done = run_bot(*args, cwd=clean, env=clean_env(), timeout=10)
    assert (done.returncode, done.stderr) == (
        2,
        "--discord needs DISCORD_TOKEN, which is not set (see .env.example)\n",
    )


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param(
            "DISCORD_GUILD_ID", "123456789012345678901234",
            "invalid setting DISCORD_GUILD_ID: Input should be less than or equal to "
            "18446744073709551615", id="guild-over-64-bits",
        ),
        pytest.param(
            "ADMIN_USER_IDS", "1, 123456789012345678901234",
            "invalid setting ADMIN_USER_IDS: must be Discord ids (digits) separated by commas",
            id="admin-over-64-bits",
        ),
        pytest.param(
            "FACTS_DIR", "",
            "invalid setting FACTS_DIR: is blank; name the facts folder, or leave the setting out",
            id="facts-dir-blank",
        ),
        pytest.param(
            "DATABASE_PATH", " ",
            "invalid setting DATABASE_PATH: is blank; name a file, such as data/attache.sqlite3",
            id="database-blank",
        ),
    ],
)  # fmt: skip
def test_more_invalid_settings(clean: Path, name: str, value: str, message: str) -> None:
    done = cli(clean, {name: value}, "facts", "check", str(REPO / "facts"))
    assert (done.returncode, done.stderr) == (2, message + "\n")


def test_every_setting_is_in_the_readme_table() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("## Settings") :].split("\n## ", 1)[0]
    listed = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    missing = sorted({name.upper() for name in Settings.model_fields} - listed)
    assert not missing, f"the README's settings table does not list {missing}"


def test_the_docker_image_runs_on_discord_and_checks_health() -> None:
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "bot", "--discord"]' in text
    assert 'CMD ["python", "-m", "bot", "health"]' in text
