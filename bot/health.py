"""The bot's own HTTP endpoint (loopback by default): `/healthz` for probes, `/metrics` for Prometheus.

`/healthz` answers 200 with a JSON report when every check passes and 503 when one fails:
- database: a real write (one row rewritten in its own transaction) commits within 2 s;
- telegram: polling, a getUpdates answered within the last POLL_STALE_S; webhook, getWebhookInfo answers (asked
  at most every PROBE_TTL_S) and Telegram reports no recent delivery error while updates wait for us;
- updates: the age of the last poll (polling) or of the last update received (webhook: a quiet bot gets none,
  so it is reported, never failed);
- outbox: pending count, the oldest pending message's age, and how long the longest-due message has waited
  (failed past OUTBOX_STALE_S: the sender is stuck).
It serves on the bot's own event loop (tornado, which python-telegram-bot's webhook server uses too); the
database work runs in a thread. Nothing it returns holds the token or the webhook secret."""
from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
import time
from typing import Any

from telegram.ext import Application
from telegram.request import HTTPXRequest

from bot import metrics
from bot.config import Config
from storage.outbox import queue_stats

log = logging.getLogger(__name__)
POLL_STALE_S = 90.0  # getUpdates long-polls for 10 s: three missed rounds and more is not "reachable"
PROBE_TTL_S = 30.0
OUTBOX_STALE_S = 600.0
WEBHOOK_ERROR_RECENT_S = 600.0


class PollRequest(HTTPXRequest):
    """The getUpdates connection (one, as python-telegram-bot's default); notes each answer for the health check."""

    def __init__(self) -> None:
        super().__init__(connection_pool_size=1)

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if code == 200:
            metrics.record_heard("poll")
        return code, payload


class Health:
    """The checks behind /healthz, for one running application."""

    def __init__(self, app: Application, config: Config) -> None:
        self.app, self.config = app, config
        self.mode = "webhook" if config.webhook_url else "polling"
        self.started = time.monotonic()
        self._probe: tuple[float, dict[str, Any]] | None = None

    async def report(self) -> dict[str, Any]:
        """Every check, and `ok` when all pass."""
        checks = {"database": await asyncio.to_thread(self._database), "telegram": await self._telegram(),
                  "updates": self._updates(), "outbox": await asyncio.to_thread(self._outbox)}
        return {"ok": all(c["ok"] for c in checks.values()), "mode": self.mode,
                "uptime_s": round(time.monotonic() - self.started, 1), "checks": checks}

    def _database(self) -> dict[str, Any]:
        from storage.health import write_probe

        try:
            return {"ok": True, "write_ms": round(write_probe(self.config.db_path), 1)}
        except sqlite3.Error as e:
            return {"ok": False, "error": f"the database does not take a write: {e}"}

    def _starting(self) -> bool:
        return time.monotonic() - self.started < POLL_STALE_S

    async def _telegram(self) -> dict[str, Any]:
        if self.mode == "polling":
            age = metrics.heard_age("poll")
            ok = (age is not None and age < POLL_STALE_S) or (age is None and self._starting())
            out: dict[str, Any] = {"ok": ok, "via": "getUpdates", "last_answer_age_s": _round(age)}
            if not ok:
                out["error"] = "no answer from Telegram to getUpdates lately: check the network (or TELEGRAM_BASE_URL)"
            return out
        now = time.monotonic()
        if self._probe is None or now - self._probe[0] >= PROBE_TTL_S:
            self._probe = (now, await self._webhook_info())
        return {**self._probe[1], "checked_age_s": round(now - self._probe[0], 1)}

    async def _webhook_info(self) -> dict[str, Any]:
        try:
            info = await asyncio.wait_for(self.app.bot.get_webhook_info(), 10.0)
        except Exception as e:  # noqa: BLE001 - any failure to ask is "unreachable", said in one line
            return {"ok": False, "via": "getWebhookInfo", "error": f"Telegram unreachable ({type(e).__name__})"}
        out: dict[str, Any] = {"ok": True, "via": "getWebhookInfo", "pending_update_count": info.pending_update_count,
                               "url_registered": info.url == self.config.webhook_url}
        if info.url != self.config.webhook_url:
            out.update(ok=False, error="Telegram has another webhook URL for this bot (another instance running?)")
        err_at = info.last_error_date
        if err_at is not None and info.last_error_message:
            age = time.time() - err_at.timestamp()
            out["last_error"] = info.last_error_message[:200]
            out["last_error_age_s"] = round(age, 1)
            if age < WEBHOOK_ERROR_RECENT_S and info.pending_update_count:
                out.update(ok=False, error="Telegram cannot deliver updates to WEBHOOK_URL: check the reverse proxy")
        return out

    def _updates(self) -> dict[str, Any]:
        if self.mode == "polling":
            age = metrics.heard_age("poll")
            return {"ok": (age is not None and age < POLL_STALE_S) or (age is None and self._starting()),
                    "last_poll_age_s": _round(age)}
        return {"ok": True, "last_update_age_s": _round(metrics.heard_age("webhook"))}

    def _outbox(self) -> dict[str, Any]:
        try:
            stats = queue_stats(self.config.db_path)
        except sqlite3.Error as e:
            return {"ok": False, "error": f"cannot read the outbox: {e}"}
        waited = stats["longest_due_s"]
        out = {"ok": waited is None or waited < OUTBOX_STALE_S, "pending": stats["counts"].get("pending", 0),
               "failed": stats["counts"].get("failed", 0), "oldest_pending_age_s": _round(stats["oldest_pending_s"]),
               "longest_due_wait_s": _round(waited)}
        if not out["ok"]:
            out["error"] = "messages have waited over 10 minutes to be sent: see `earnings-bot outbox` and the log"
        return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


class HealthServer:
    """/healthz and /metrics on (health_listen, health_port), on the running event loop."""

    def __init__(self, health: Health) -> None:
        self.health = health
        self.server: Any = None
        self.port: int | None = None

    def start(self) -> None:
        """Listen (port 0: any free port); a port in use is one warning line, and the bot runs on without it."""
        import tornado.httpserver
        import tornado.netutil
        import tornado.web

        health = self.health

        class Healthz(tornado.web.RequestHandler):
            async def get(self) -> None:
                report = await health.report()
                self.set_status(200 if report["ok"] else 503)
                self.set_header("Content-Type", "application/json")
                self.set_header("Cache-Control", "no-store")
                self.finish(json.dumps(report))

        class Metrics(tornado.web.RequestHandler):
            def get(self) -> None:
                from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, REGISTRY, generate_latest

                self.set_header("Content-Type", CONTENT_TYPE_PLAIN_0_0_4)
                self.finish(generate_latest(REGISTRY))

        config = health.config
        web = tornado.web.Application([(r"/healthz", Healthz), (r"/metrics", Metrics)],
                                      log_function=lambda handler: None)  # no access line per probe
        try:
            sockets = tornado.netutil.bind_sockets(config.health_port or 0, config.health_listen)
        except OSError as e:
            log.warning("health and metrics endpoint not started: cannot listen on %s:%s (%s); set HEALTH_PORT to a "
                        "free port, or off", config.health_listen, config.health_port, e.strerror or e)
            return
        self.server = tornado.httpserver.HTTPServer(web)
        self.server.add_sockets(sockets)
        self.port = sockets[0].getsockname()[1]
        host = f"[{config.health_listen}]" if ":" in config.health_listen else config.health_listen
        log.info("health and metrics on http://%s:%d/healthz and /metrics", host, self.port)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            await self.server.close_all_connections()
            self.server = None


def attach_health(app: Application, config: Config) -> None:
    """Instrument `app` for /metrics and, unless HEALTH_PORT=off, serve /healthz and /metrics while it runs."""
    from bot.telegram.app import add_lifecycle_hook

    metrics.instrument(app, via="webhook" if config.webhook_url else None)
    metrics.watch_outbox(config.db_path)
    if config.health_port is None:
        return
    server = HealthServer(Health(app, config))
    app.bot_data["health_server"] = server

    async def start(_app: Application) -> None:
        server.start()

    async def stop(_app: Application) -> None:
        await server.stop()

    add_lifecycle_hook(app, "post_init", start)
    add_lifecycle_hook(app, "post_shutdown", stop)
