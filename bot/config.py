"""Settings, read once at start from the environment (and a `.env` file in the working folder, if any)."""
from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.paths import default_db_path
from summarizer.parse import DEFAULT_MAX_BYTES  # 20 MB, Telegram's own download limit for bots
_TOKEN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,100}$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class ConfigError(Exception):
    """A setting is missing or malformed; str() is one line naming the variable and the fix."""


@dataclass(frozen=True)
class Config:
    """Everything the bot needs to start. `token` is None when Telegram is not configured."""

    token: str | None = field(default=None, repr=False)
    db_path: Path = field(default_factory=default_db_path)
    admin_ids: frozenset[int] = frozenset()
    allowed_chat_ids: frozenset[int] = frozenset()  # empty: everyone may use the bot
    open_uploads: bool = False
    base_url: str | None = None  # None: python-telegram-bot's own default, Telegram's cloud Bot API
    base_file_url: str | None = None
    log_level: str = "INFO"
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private_urls: bool = False
    group_admins_only: bool = True  # a group's alerts, topics and digest are changed by its admins only
    log_format: str = "text"  # text | json: one line per event either way
    # Webhook mode (bot/webhook.py): on when webhook_url is set; else long polling.
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_path: str | None = None  # None: the path of webhook_url
    webhook_secret: str | None = field(default=None, repr=False)  # None: a fresh random secret at each start
    webhook_delete_on_stop: bool = False
    # /healthz and /metrics (bot/health.py); health_port None: off, 0: any free port (logged)
    health_listen: str = "127.0.0.1"
    health_port: int | None = 9464

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    def chat_allowed(self, chat_id: int | None) -> bool:
        return not self.allowed_chat_ids or (chat_id is not None and chat_id in self.allowed_chat_ids)

    def may_upload(self, user_id: int | None) -> bool:
        return self.open_uploads or self.is_admin(user_id)


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of a .env file (comments, blank lines, `export ` and quotes allowed)."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.removeprefix("export ").split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        out[key.strip()] = value
    return out


def dotenv_path() -> Path:
    """The settings file: $EARNINGS_BOT_ENV_FILE (a service's own file; the tests' way to never read a developer's
    .env) or `.env` in the working folder."""
    return Path(os.environ.get("EARNINGS_BOT_ENV_FILE") or ".env")


def apply_dotenv(path: Path | None = None, environ: dict | None = None) -> list[str]:
    """Put a .env file's non-empty settings into the environment where it has none (real variables win), so every
    part of the program (the CLI's database path, caps and limits too, not only the bot's Config) reads one set of
    settings. Returns the names it set. Called once at start by the CLI, never at import."""
    environ = os.environ if environ is None else environ
    path = dotenv_path() if path is None else path
    try:
        settings = read_dotenv(path)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read {path} ({type(e).__name__}): fix it as UTF-8 KEY=VALUE lines or remove it") from None
    added = []
    for key, value in settings.items():
        if value and key not in environ:
            environ[key] = value
            added.append(key)
    return added


def load_config(env: Mapping[str, str] | None = None, *, dotenv: Path | None = None) -> Config:
    """Read and check every setting; raise ConfigError naming the first bad one. `env=None`: os.environ over the
    settings file (`dotenv`, else `dotenv_path()`)."""
    if env is None:
        env = {**read_dotenv(dotenv or dotenv_path()), **os.environ}

    def get(name: str) -> str:
        return (env.get(name) or "").strip()

    token = get("TELEGRAM_BOT_TOKEN") or None
    if token is not None and not _TOKEN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN is malformed: paste the token BotFather gave you (digits:letters).")
    _check_limits(get)
    db = get("EARNINGS_BOT_DB")
    return Config(
        token=token,
        db_path=Path(db).expanduser() if db else default_db_path(),
        admin_ids=_ids(get("ADMIN_IDS"), "ADMIN_IDS"),
        allowed_chat_ids=_ids(get("ALLOWED_CHAT_IDS"), "ALLOWED_CHAT_IDS"),
        open_uploads=_bool(get("OPEN_UPLOADS"), "OPEN_UPLOADS"),
        base_url=_url(get("TELEGRAM_BASE_URL"), "TELEGRAM_BASE_URL", Config.base_url),
        base_file_url=_url(get("TELEGRAM_BASE_FILE_URL"), "TELEGRAM_BASE_FILE_URL", Config.base_file_url),
        log_level=_level(get("LOG_LEVEL")),
        max_bytes=_positive(get("EARNINGS_BOT_MAX_BYTES"), "EARNINGS_BOT_MAX_BYTES", DEFAULT_MAX_BYTES),
        allow_private_urls=_bool(get("EARNINGS_BOT_ALLOW_PRIVATE_URLS"), "EARNINGS_BOT_ALLOW_PRIVATE_URLS"),
        group_admins_only=_bool(get("EARNINGS_BOT_GROUP_ADMINS_ONLY"), "EARNINGS_BOT_GROUP_ADMINS_ONLY", default=True),
        log_format=_choice(get("LOG_FORMAT"), "LOG_FORMAT", ("text", "json")),
        webhook_url=_webhook_url(get("WEBHOOK_URL"), self_hosted=bool(get("TELEGRAM_BASE_URL"))),
        webhook_listen=_host(get("WEBHOOK_LISTEN"), "WEBHOOK_LISTEN", Config.webhook_listen),
        webhook_port=_port(get("WEBHOOK_PORT"), "WEBHOOK_PORT", Config.webhook_port) or Config.webhook_port,
        webhook_path=_path(get("WEBHOOK_PATH")),
        webhook_secret=_secret(get("WEBHOOK_SECRET")),
        webhook_delete_on_stop=_bool(get("WEBHOOK_DELETE_ON_STOP"), "WEBHOOK_DELETE_ON_STOP"),
        health_listen=_host(get("HEALTH_LISTEN"), "HEALTH_LISTEN", Config.health_listen),
        health_port=None if get("HEALTH_PORT").lower() == "off" else _port(get("HEALTH_PORT"), "HEALTH_PORT",
                                                                           Config.health_port, zero_ok=True),
    )


# Limits read where they are used (bot/limits.py); checked here so a malformed one stops the start.
LIMIT_SETTINGS = ("EARNINGS_BOT_PARSE_SECONDS", "EARNINGS_BOT_WORKER_MEMORY_MB", "EARNINGS_BOT_FETCH_SECONDS",
                  "EARNINGS_BOT_SOURCE_SECONDS", "EARNINGS_BOT_HANDLER_SECONDS", "EARNINGS_BOT_SEARCH_SECONDS",
                  "EARNINGS_BOT_CHAT_BURST", "EARNINGS_BOT_CHAT_PER_MINUTE", "EARNINGS_BOT_INBOX_SETTLE_SECONDS")


def _check_limits(get) -> None:  # type: ignore[no-untyped-def]
    for name in LIMIT_SETTINGS:
        raw = get(name)
        if not raw:
            continue
        try:
            ok = 0 < float(raw) < 10**9
        except ValueError:
            ok = False
        if not ok:
            raise ConfigError(f"{name} is malformed: {_peek(raw)} should be a positive number.")


def _peek(raw: str) -> str:
    """A value as quoted in an error: its first few characters only (a token pasted in the wrong variable must not
    be echoed), and its length."""
    raw = raw.strip()
    return f"'{raw}'" if len(raw) <= 6 else f"'{raw[:4]}…' ({len(raw)} characters)"


def _ids(raw: str, name: str) -> frozenset[int]:
    parts = [p for p in re.split(r"[,\s]+", raw) if p]
    bad = [p for p in parts if not re.fullmatch(r"-?\d{1,20}", p)]
    if bad:
        raise ConfigError(f"{name} is malformed: {_peek(bad[0])} is not a numeric Telegram id (write them like "
                          f"12345,-100678).")
    return frozenset(int(p) for p in parts)


def _bool(raw: str, name: str, default: bool = False) -> bool:
    if not raw:
        return default
    low = raw.lower()
    if low in ("1", "true", "yes", "on"):
        return True
    if low in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} is malformed: {_peek(raw)} should be true or false.")


def _url(raw: str, name: str, default: str | None) -> str | None:
    if not raw:
        return default
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError(f"{name} is malformed: {_peek(raw)} should be an http(s) URL like http://localhost:8081/bot.")
    return raw


def _choice(raw: str, name: str, choices: tuple[str, ...]) -> str:
    if not raw:
        return choices[0]
    if raw.lower() not in choices:
        raise ConfigError(f"{name} is malformed: {_peek(raw)} should be {' or '.join(choices)}.")
    return raw.lower()


def _webhook_url(raw: str, *, self_hosted: bool) -> str | None:
    """Telegram delivers webhooks over HTTPS only; a self-hosted Bot API server (TELEGRAM_BASE_URL) takes http too."""
    if not raw:
        return None
    if not re.match(r"^https://[^\s/]+" if not self_hosted else r"^https?://[^\s/]+", raw) or re.search(r"\s", raw):
        raise ConfigError(f"WEBHOOK_URL is malformed: {_peek(raw)} should be the public https:// address Telegram "
                          "posts updates to, e.g. https://bot.example.com/telegram (TLS ends at your reverse proxy).")
    return raw


def _host(raw: str, name: str, default: str) -> str:
    if not raw:
        return default
    if not re.fullmatch(r"[A-Za-z0-9.:\-\[\]]{1,255}", raw):
        raise ConfigError(f"{name} is malformed: {_peek(raw)} should be an address to listen on, like 127.0.0.1 or 0.0.0.0.")
    return raw.strip("[]")


def _port(raw: str, name: str, default: int | None, *, zero_ok: bool = False) -> int | None:
    if not raw:
        return default
    if not raw.isdecimal() or not (0 if zero_ok else 1) <= int(raw) <= 65535:
        extra = " (0: any free port; off: none)" if zero_ok else ""
        raise ConfigError(f"{name} is malformed: {_peek(raw)} should be a port number from 1 to 65535{extra}.")
    return int(raw)


def _path(raw: str) -> str | None:
    if not raw:
        return None
    if not re.fullmatch(r"/?[A-Za-z0-9._~/\-]{0,200}", raw):
        raise ConfigError(f"WEBHOOK_PATH is malformed: {_peek(raw)} should be a URL path like /telegram.")
    return "/" + raw.lstrip("/")


def _secret(raw: str) -> str | None:
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", raw):  # what Telegram accepts for secret_token
        raise ConfigError("WEBHOOK_SECRET is malformed: use 1-256 characters from A-Z, a-z, 0-9, _ and - "
                          "(or leave it empty for a fresh random secret at each start).")
    return raw


def _level(raw: str) -> str:
    if not raw:
        return "INFO"
    if raw.upper() not in _LEVELS:
        raise ConfigError(f"LOG_LEVEL is malformed: {_peek(raw)} should be one of {', '.join(_LEVELS)}.")
    return raw.upper()


def _positive(raw: str, name: str, default: int) -> int:
    if not raw:
        return default
    if not raw.isdecimal() or int(raw) <= 0:
        raise ConfigError(f"{name} is malformed: {_peek(raw)} should be a positive number of bytes.")
    return int(raw)


class RedactSecrets(logging.Filter):
    """Replaces the bot token wherever it appears in a log record (message, args, exception text)."""

    def __init__(self, token: str | None, *secrets: str | None) -> None:
        super().__init__()
        self.token = token
        self.secrets = [s for s in (token, *secrets) if s]

    def add(self, secret: str) -> None:
        """Redact one more secret from now on (the webhook secret made at start)."""
        if secret and secret not in self.secrets:
            self.secrets.append(secret)

    def _clean(self, text: str) -> str:
        for s in self.secrets:
            text = text.replace(s, "<token>" if s == self.token else "<redacted>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        msg = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self._clean(msg), None
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


def setup_logging(config: Config) -> None:
    """Log to stderr at LOG_LEVEL, one line per event (LOG_FORMAT text or json), with the token and webhook secret
    redacted; httpx's per-request lines (URLs carry the token) off."""
    from bot.logs import formatter

    root = logging.getLogger()
    if not root.handlers:  # handlers set up by someone else (a test runner, the terminal chat) keep their format
        handler = logging.StreamHandler()
        handler.setFormatter(formatter(config.log_format))
        root.addHandler(handler)
    root.setLevel(config.log_level)
    redact = RedactSecrets(config.token, config.webhook_secret)
    for h in root.handlers:
        if not any(isinstance(f, RedactSecrets) for f in h.filters):
            h.addFilter(redact)
    for noisy in ("httpx", "httpcore", "apscheduler"):  # apscheduler: two INFO lines per job run, every second
        logging.getLogger(noisy).setLevel(logging.WARNING)


def redact_also(secret: str) -> None:
    """Redact `secret` in every log handler's output from now on (a credential made after logging was set up)."""
    for h in logging.getLogger().handlers:
        for f in h.filters:
            if isinstance(f, RedactSecrets):
                f.add(secret)
