# earnings-bot: the bot process with its SQLite database on a volume.
#   docker build -t earnings-bot .
#   docker run -d --name earnings-bot --env-file .env -v earnings-data:/data earnings-bot
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    EARNINGS_BOT_DB=/data/earnings.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY summarizer ./summarizer
COPY storage ./storage
RUN pip install --no-compile . \
 && useradd --create-home --uid 10001 earnings \
 && mkdir -p /data \
 && chown earnings:earnings /data

USER earnings
VOLUME ["/data"]
CMD ["earnings-bot", "run"]
