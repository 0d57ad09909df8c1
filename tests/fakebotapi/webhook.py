"""The fake server's webhook side: what Telegram does once a bot calls setWebhook.

Queued updates are POSTed to the registered URL one at a time, in order, as JSON with the
`X-Telegram-Bot-Api-Secret-Token` header; an update leaves the queue only when the bot answers 2xx (otherwise
it is retried and `getWebhookInfo` shows the last error, as Telegram does). Delivery goes to loopback
addresses only: a test never sends anything off this machine."""
from __future__ import annotations

import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx

from tests.fakebotapi.spec import BadRequest

if TYPE_CHECKING:
    from tests.fakebotapi.server import FakeBotAPI

SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$")


@dataclass
class Delivery:
    """One POST of an update to the webhook and the bot's answer."""

    update_id: int
    status: int  # 0: no answer (connection refused, time-out)
    error: str = ""
    at: float = field(default_factory=time.monotonic)


class Webhook:
    """The registered webhook (none until setWebhook) and the thread that delivers updates to it."""

    def __init__(self, api: "FakeBotAPI") -> None:
        self.api = api
        self.url: str | None = None
        self.secret: str | None = None
        self.max_connections = 40
        self.allowed_updates: list[str] | None = None
        self.deliveries: list[Delivery] = []
        self.last_error: tuple[int, str] | None = None  # (unix time, message)
        self._thread: threading.Thread | None = None

    # ---- Bot API methods -----------------------------------------------------------------------------
    def set(self, d: dict[str, Any]) -> bool:
        url = d["url"]
        if not url:
            return self.delete(d)
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise BadRequest("Bad Request: bad webhook: HTTPS url must be provided for webhook")
        if parts.scheme == "http" and not LOOPBACK.match(parts.hostname):  # a self-hosted server takes http
            raise BadRequest("Bad Request: bad webhook: HTTPS url must be provided for webhook")
        secret = d.get("secret_token")
        if secret is not None and not SECRET.match(secret):
            raise BadRequest("Bad Request: secret token contains unallowed characters")
        with self.api._cond:
            if d.get("drop_pending_updates"):
                self.api._updates.clear()
            self.url, self.secret = url, secret
            self.max_connections = int(d.get("max_connections") or 40)
            if d.get("allowed_updates") is not None:
                self.allowed_updates = list(d["allowed_updates"])
            self.last_error = None
            self.api._cond.notify_all()
        return True

    def delete(self, d: dict[str, Any]) -> bool:
        with self.api._cond:
            if d.get("drop_pending_updates"):
                self.api._updates.clear()
            self.url = self.secret = None
            self.api._cond.notify_all()
        return True

    def info(self) -> dict[str, Any]:
        with self.api._cond:
            out: dict[str, Any] = {"url": self.url or "", "has_custom_certificate": False,
                                   "pending_update_count": len(self.api._updates)}
            if self.url:
                out["max_connections"] = self.max_connections
                if self.allowed_updates is not None:
                    out["allowed_updates"] = self.allowed_updates
                if self.last_error:
                    out["last_error_date"], out["last_error_message"] = self.last_error
            return out

    # ---- delivery -------------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="fake-bot-api-webhook", daemon=True)
        self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _next(self) -> tuple[str, str | None, dict] | None:
        """Wait for an update to deliver (None once the server is closing)."""
        api = self.api
        with api._cond:
            while not api._closing:
                if self.url and api._updates:
                    hostname = urllib.parse.urlsplit(self.url).hostname or ""
                    if LOOPBACK.match(hostname):
                        return self.url, self.secret, api._updates[0]
                api._cond.wait(0.2)
        return None

    def _run(self) -> None:
        with httpx.Client(timeout=30.0, trust_env=False) as client:
            while (job := self._next()) is not None:
                url, secret, update = job
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
                try:
                    status, error = client.post(url, json=update, headers=headers).status_code, ""
                except httpx.HTTPError as e:
                    status, error = 0, f"Connection failed: {type(e).__name__}"
                with self.api._cond:
                    self.deliveries.append(Delivery(update["update_id"], status, error))
                    if 200 <= status < 300:
                        if self.api._updates and self.api._updates[0] is update:
                            self.api._updates.pop(0)
                    else:
                        self.last_error = (int(time.time()), error or f"Wrong response from the webhook: {status}")
                    self.api._cond.notify_all()
                if not 200 <= status < 300:
                    time.sleep(0.2)  # Telegram retries later; a test waits a little, not a minute
