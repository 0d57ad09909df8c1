"""The fake Bot API's webhook side behaves like Telegram's: setWebhook checks its arguments, updates are POSTed
in order with the secret header and retried until the bot answers 2xx, getUpdates is refused meanwhile."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fakebotapi import FakeBotAPI


class Receiver:
    """A loopback POST endpoint standing in for the bot's webhook: answers `status`, records what came."""

    def __init__(self) -> None:
        self.status = 200
        self.got: list[tuple[dict, str | None]] = []
        rec = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):  # quiet
                pass

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                rec.got.append((json.loads(body), self.headers.get("X-Telegram-Bot-Api-Secret-Token")))
                self.send_response(rec.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def _call(api: FakeBotAPI, method: str, **params) -> dict:
    return httpx.post(f"{api.base_url}{api.token}/{method}", data=params, timeout=10).json()


def test_updates_are_posted_in_order_with_the_secret_and_retried_until_accepted(fake_bot_api: FakeBotAPI, receiver) -> None:
    api = fake_bot_api
    assert _call(api, "setWebhook", url=receiver.url, secret_token="s3cret_-OK")["ok"]
    receiver.status = 500
    api.push_command("help", chat_id=3)
    api.wait_for(lambda: api.webhook.info().get("last_error_message"), timeout=10)
    assert api.pending_updates() == 1  # refused, so still queued
    receiver.status = 200
    api.push_command("latest", chat_id=3)
    api.wait_for(lambda: api.pending_updates() == 0, timeout=10)
    accepted = [u["message"]["text"] for u, _ in receiver.got[-2:]]
    assert accepted == ["/help", "/latest"]
    assert {secret for _, secret in receiver.got} == {"s3cret_-OK"}
    info = _call(api, "getWebhookInfo")["result"]
    assert info["url"] == receiver.url and info["pending_update_count"] == 0
    refused = _call(api, "getUpdates")
    assert refused["error_code"] == 409 and "webhook is active" in refused["description"]
    api.violations.clear()  # that refusal is recorded as the bot's mistake; it was this test's
    assert _call(api, "deleteWebhook")["ok"] and _call(api, "getWebhookInfo")["result"]["url"] == ""
    api.push_command("help", chat_id=3)
    assert len(_call(api, "getUpdates")["result"]) == 1  # back to long polling


@pytest.mark.parametrize("params, error", [
    ({"url": "https://example.com/hook", "secret_token": "has space"}, "unallowed characters"),
    ({"url": "https://example.com/hook", "secret_token": "x" * 257}, "unallowed characters"),
    ({"url": "http://example.com/hook"}, "HTTPS url must be provided"),
    ({"url": "ftp://127.0.0.1/hook"}, "HTTPS url must be provided"),
])
def test_set_webhook_refuses_what_telegram_refuses(fake_bot_api: FakeBotAPI, params: dict, error: str) -> None:
    r = _call(fake_bot_api, "setWebhook", **params)
    assert not r["ok"] and error in r["description"]
    assert fake_bot_api.webhook.url is None


def test_a_webhook_off_this_machine_is_registered_but_never_called(fake_bot_api: FakeBotAPI) -> None:
    api = fake_bot_api
    assert _call(api, "setWebhook", url="https://bot.example.com/hook")["ok"]
    api.push_command("help", chat_id=3)
    with pytest.raises(AssertionError):
        api.wait_for(lambda: api.webhook.deliveries, timeout=0.6)
    assert api.pending_updates() == 1
