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

# Healthy when the fact files load and validate (what the bot needs to answer).
HEALTHCHECK --interval=60s --timeout=20s --start-period=20s --retries=3 \
    CMD ["python", "-m", "bot", "facts", "check"]

CMD ["python", "-m", "bot"]
