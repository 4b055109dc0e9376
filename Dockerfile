# Attaché: a small, non-root image. No Docker engine runs in CI, so the install step is the
# README's own install command (pip install of this project), which CI does run.
FROM python:3.12-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies in their own layer: only pyproject.toml invalidates it.
COPY pyproject.toml README.md ./
RUN mkdir bot && touch bot/__init__.py \
    && pip install . \
    && pip uninstall -y attache && rm -rf bot

# The code and the curated facts (a volume on /app/facts overrides them).
COPY bot ./bot
COPY facts ./facts
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 attache \
    && mkdir -p /data && chown attache /data

USER attache
ENV FACTS_DIR=/app/facts \
    DATABASE_PATH=/data/attache.sqlite3
VOLUME ["/data"]

# Healthy while the running bot is connected to Discord with facts loaded and its event loop
# turning (it writes /data/attache.health.json; see README). Not `facts check`: a bad file that
# a reload rejected leaves the bot serving the old facts, and a stuck bot has valid files.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

# --discord: without DISCORD_TOKEN the container stops with an error (exit 2) instead of
# starting the terminal console, which would read an empty stdin and exit 0.
CMD ["python", "-m", "bot", "--discord"]
