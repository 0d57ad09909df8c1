# earnings-bot: the bot process with its SQLite database on a volume (or a host folder).
#   docker build -t earnings-bot .
#   docker run -d --name earnings-bot --env-file .env -v earnings-data:/data earnings-bot
#   docker run --rm -v /srv/earnings:/data earnings-bot earnings-bot list     # any command, same database
# The entry point (scripts/docker-entrypoint.sh) runs every command as the unprivileged user `earnings`,
# after giving it the database folder when that is a root-owned host folder.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    EARNINGS_BOT_DB=/data/earnings.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY storage ./storage
# compiled at install: the unprivileged user cannot write __pycache__, and each start would recompile (~3 s)
RUN pip install . \
 && useradd --create-home --uid 10001 earnings \
 && mkdir -p /data \
 && chown earnings:earnings /data
COPY scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint

VOLUME ["/data"]
# /healthz of `earnings-bot run` (bot/health.py): 503 when the database takes no write, Telegram does not answer
# or the outbox is stuck. HEALTH_PORT=off skips the probe.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
    CMD [ "${HEALTH_PORT:-9464}" = off ] || python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('HEALTH_PORT', '9464') + '/healthz', timeout=8)"
ENTRYPOINT ["docker-entrypoint"]
CMD ["earnings-bot", "run"]
