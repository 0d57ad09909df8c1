"""Settings: read once by a function, one line naming a bad variable, the token never logged."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import ConfigError, RedactSecrets, load_config, read_dotenv, setup_logging

TOKEN = "123456:AAHsecretTOKENvalue_-x"


def test_defaults_and_values(tmp_path: Path) -> None:
    c = load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "EARNINGS_BOT_DB": str(tmp_path / "x.db"), "ADMIN_IDS": "1, 2 3",
                     "ALLOWED_CHAT_IDS": "-100123,5", "OPEN_UPLOADS": "yes", "LOG_LEVEL": "debug",
                     "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot", "EARNINGS_BOT_MAX_BYTES": "1000"})
    assert c.token == TOKEN and c.db_path == tmp_path / "x.db"
    assert c.admin_ids == {1, 2, 3} and c.allowed_chat_ids == {-100123, 5} and c.open_uploads
    assert c.log_level == "DEBUG" and c.base_url == "http://127.0.0.1:8081/bot" and c.max_bytes == 1000
    assert c.chat_allowed(5) and not c.chat_allowed(6) and c.may_upload(9)
    empty = load_config({})
    assert empty.base_url is None and empty.base_file_url is None  # PTB's default: Telegram's own servers
    assert empty.token is None and empty.chat_allowed(42) and not empty.may_upload(1) and empty.max_bytes == 20 * 1024 * 1024
    assert TOKEN not in repr(c)


@pytest.mark.parametrize("name,value", [
    ("TELEGRAM_BOT_TOKEN", "not a token"), ("TELEGRAM_BOT_TOKEN", "123456"), ("ADMIN_IDS", "12,alice"),
    ("ALLOWED_CHAT_IDS", "@group"), ("OPEN_UPLOADS", "perhaps"), ("TELEGRAM_BASE_URL", "ftp://x"),
    ("TELEGRAM_BASE_FILE_URL", "localhost"), ("LOG_LEVEL", "LOUD"), ("EARNINGS_BOT_MAX_BYTES", "-5"),
    ("EARNINGS_BOT_MAX_BYTES", "10MB"),
])
def test_malformed_value_names_the_variable_in_one_line(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_config({name: value})
    msg = str(e.value)
    assert msg.startswith(name) and "\n" not in msg


def test_malformed_token_is_not_echoed() -> None:
    with pytest.raises(ConfigError) as e:
        load_config({"TELEGRAM_BOT_TOKEN": "123:has spaces secret"})
    assert "secret" not in str(e.value)


def test_dotenv_read_and_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / ".env"
    env.write_text('# comment\nexport ADMIN_IDS="7"\nLOG_LEVEL=warning # quiet\nOPEN_UPLOADS=true\n')
    assert read_dotenv(env) == {"ADMIN_IDS": "7", "LOG_LEVEL": "warning", "OPEN_UPLOADS": "true"}
    monkeypatch.setenv("OPEN_UPLOADS", "false")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    c = load_config(dotenv=env)
    assert c.admin_ids == {7} and c.log_level == "WARNING" and c.open_uploads is False


def test_token_redacted_from_logs_and_httpx_quiet(caplog: pytest.LogCaptureFixture) -> None:
    c = load_config({"TELEGRAM_BOT_TOKEN": TOKEN})
    root, httpx_log = logging.getLogger(), logging.getLogger("httpx")
    saved = root.level, httpx_log.level, {h: list(h.filters) for h in root.handlers}
    try:
        setup_logging(c)
        assert httpx_log.level == logging.WARNING
        assert all(any(isinstance(f, RedactSecrets) for f in h.filters) for h in root.handlers)
    finally:
        root.setLevel(saved[0])
        httpx_log.setLevel(saved[1])
        for h, filters in saved[2].items():
            h.filters = filters
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "POST https://api.telegram.org/bot%s/getMe", (TOKEN,), None)
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
    except RuntimeError:
        import sys

        record.exc_info = sys.exc_info()
    RedactSecrets(TOKEN).filter(record)
    text = logging.Formatter().format(record)
    assert TOKEN not in text and "<token>" in text
