"""`earnings-bot run` with a token Telegram rejects (a loopback server answering 401): one line saying what to
do, exit 1, and the token appears nowhere (PTB's own message carries it; it used to come with two tracebacks)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TOKEN = "123456789:" + "AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"  # a made-up token, split so no scan takes it for a leak


class _Unauthorized(BaseHTTPRequestHandler):
    def log_message(self, *a):  # quiet
        pass

    def do_POST(self):  # noqa: N802
        body = json.dumps({"ok": False, "error_code": 401, "description": "Unauthorized"}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST


def test_rejected_token_is_one_line_without_the_token(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Unauthorized)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=TOKEN, EARNINGS_BOT_DB=str(tmp_path / "e.db"),
                   TELEGRAM_BASE_URL=f"http://127.0.0.1:{server.server_port}/bot")
        eb = Path(sys.executable).with_name("earnings-bot")
        r = subprocess.run([str(eb), "run"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    finally:
        server.shutdown()
        server.server_close()
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "Traceback" not in out, out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out
    assert "Error: Telegram rejected TELEGRAM_BOT_TOKEN" in r.stderr and "@BotFather" in r.stderr


def test_unreachable_telegram_at_start_is_one_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, TELEGRAM_BOT_TOKEN=TOKEN, EARNINGS_BOT_DB=str(tmp_path / "e.db"),
               TELEGRAM_BASE_URL=f"http://127.0.0.1:{port}/bot")
    eb = Path(sys.executable).with_name("earnings-bot")
    r = subprocess.run([str(eb), "run"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode == 1 and "Traceback" not in out and TOKEN not in out, out
    assert f"Error: cannot reach Telegram at http://127.0.0.1:{port}" in r.stderr and "internet" in r.stderr
