"""Settings of webhook mode, the health endpoint and the log format; log lines are one event each, secrets hidden."""
from __future__ import annotations

import json
import logging
import sys

import pytest

from bot.config import ConfigError, RedactSecrets, load_config
from bot.logs import JsonFormatter, OneLineFormatter
from bot.webhook import listen_path, secret_token

TOKEN = "123456:AAHsecretsecretsecret"


def test_defaults_are_polling_and_a_loopback_health_port() -> None:
    c = load_config({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert c.webhook_url is None and c.health_listen == "127.0.0.1" and c.health_port == 9464
    assert c.log_format == "text" and c.webhook_listen == "127.0.0.1" and not c.webhook_delete_on_stop


def test_webhook_settings_and_the_path_taken_from_the_url() -> None:
    c = load_config({"WEBHOOK_URL": "https://bot.example.com/tg/hook", "WEBHOOK_PORT": "8081",
                     "WEBHOOK_LISTEN": "0.0.0.0", "WEBHOOK_DELETE_ON_STOP": "yes", "HEALTH_PORT": "off",
                     "LOG_FORMAT": "JSON"})
    assert (c.webhook_port, c.webhook_listen, c.webhook_delete_on_stop, c.health_port) == (8081, "0.0.0.0", True, None)
    assert listen_path(c) == "/tg/hook" and c.log_format == "json"
    assert listen_path(load_config({"WEBHOOK_URL": "https://bot.example.com", "WEBHOOK_PATH": "inner"})) == "/inner"
    assert listen_path(load_config({"WEBHOOK_URL": "https://bot.example.com"})) == "/"
    assert load_config({"HEALTH_PORT": "0"}).health_port == 0


def test_the_secret_is_the_setting_or_fresh_and_valid_each_start() -> None:
    assert secret_token(load_config({"WEBHOOK_SECRET": "abc_DEF-123"})) == "abc_DEF-123"
    a, b = secret_token(load_config({})), secret_token(load_config({}))
    assert a != b and all(len(s) >= 32 and s.replace("_", "").replace("-", "").isalnum() for s in (a, b))
    assert "abc_DEF-123" not in repr(load_config({"WEBHOOK_SECRET": "abc_DEF-123"}))


@pytest.mark.parametrize("env, name", [
    ({"WEBHOOK_URL": "http://bot.example.com/tg"}, "WEBHOOK_URL"),
    ({"WEBHOOK_URL": "bot.example.com/tg"}, "WEBHOOK_URL"),
    ({"WEBHOOK_URL": "https://bot.example.com/a b"}, "WEBHOOK_URL"),
    ({"WEBHOOK_SECRET": "x" * 257}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_SECRET": "sp ace"}, "WEBHOOK_SECRET"),
    ({"WEBHOOK_PORT": "0"}, "WEBHOOK_PORT"),
    ({"WEBHOOK_PATH": "/a?b"}, "WEBHOOK_PATH"),
    ({"WEBHOOK_LISTEN": "host name"}, "WEBHOOK_LISTEN"),
    ({"HEALTH_PORT": "-1"}, "HEALTH_PORT"),
    ({"WEBHOOK_DELETE_ON_STOP": "sometimes"}, "WEBHOOK_DELETE_ON_STOP"),
    ({"LOG_FORMAT": "yaml"}, "LOG_FORMAT"),
])
def test_a_bad_setting_is_refused_naming_it(env: dict, name: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_config(env)
    assert str(e.value).startswith(f"{name} is malformed") and "\n" not in str(e.value)


def test_a_self_hosted_bot_api_server_takes_an_http_webhook() -> None:
    c = load_config({"WEBHOOK_URL": "http://127.0.0.1:8443/tg", "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot"})
    assert c.webhook_url == "http://127.0.0.1:8443/tg"


def _record(msg: str, *args: object, exc: bool = False) -> logging.LogRecord:
    record = logging.LogRecord("bot.x", logging.ERROR, __file__, 1, msg, args, None)
    if exc:
        try:
            raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage\nsecond line")
        except RuntimeError:
            record.exc_info = sys.exc_info()
    return record


def test_json_lines_are_one_event_each_with_token_and_secret_redacted() -> None:
    redact = RedactSecrets(TOKEN)
    redact.add("the-webhook-secret")
    record = _record("setWebhook %s with %s", TOKEN, "the-webhook-secret", exc=True)
    redact.filter(record)
    line = JsonFormatter().format(record)
    assert "\n" not in line and TOKEN not in line and "the-webhook-secret" not in line
    event = json.loads(line)
    assert event["level"] == "error" and event["logger"] == "bot.x" and event["exc_type"] == "RuntimeError"
    assert event["message"] == "setWebhook <token> with <redacted>" and "Traceback" in event["exc"]
    assert event["ts"].endswith("+00:00")


def test_text_lines_fold_a_traceback_onto_the_event_line() -> None:
    record = _record("it broke", exc=True)
    RedactSecrets(TOKEN).filter(record)
    line = OneLineFormatter().format(record)
    assert "\n" not in line and "ERROR bot.x: it broke | Traceback" in line and "RuntimeError" in line
    assert TOKEN not in line and "second line" in line
