"""The terminal chat: the SAME Telegram application and handlers, driven in-process, replies printed.

No Telegram account needed: a request class answers the Bot API calls locally and renders what the bot
sends; buttons are shown as numbered choices the user types. Works without a TTY (reads stdin lines,
exits on EOF), so tests can drive it through a pipe."""
from __future__ import annotations

import asyncio
import itertools
import json
import re
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.config import Config
from bot.formatting import html_to_terminal

CHAT_ID = USER_ID = 1
TOKEN = "1:terminal-chat"
HELP = "Type a command (/help), a number to press a button, a file path to add a transcript, or 'quit'."
JOBS = ("While this chat is open it runs the bot's jobs for it: /sources are polled on their schedule, your /digest "
        "comes at its time, and alerts print here as they arrive.")


class TerminalRequest(BaseRequest):
    """Answers the Bot API locally and prints what the bot sends; remembers the last buttons shown."""

    def __init__(self, out: TextIO, *, ansi: bool = False, files_dir: Path | None = None) -> None:
        self.out = out
        self.ansi = ansi
        self.files_dir = files_dir or Path.cwd()  # where photos (charts) and documents (exports) are written
        self.buttons: list[tuple[int, str]] = []  # (message_id, callback_data) by choice number - 1
        self.files: dict[str, Path] = {}
        self._ids = itertools.count(1000)

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _print(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def _save(self, request_data: RequestData | None) -> list[Path]:
        """Write the files a sendPhoto/sendDocument uploads (a chart's PNG, an export) and return their paths."""
        saved = []
        for field_name, (filename, data, _mime) in (request_data.multipart_data if request_data else {}).items():
            name = Path(filename or field_name).name or field_name
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = self.files_dir / name
            path.write_bytes(data)
            saved.append(path)
        return saved

    def _show(self, params: dict[str, Any], saved: list[Path] | None = None, *, photo: bool = False) -> dict:
        text = params.get("text") or params.get("caption") or ""
        plain = html_to_terminal(text, ansi=self.ansi) if (params.get("parse_mode") or "").upper() == "HTML" else text
        self._print(plain)
        for path in saved or []:
            self._print(f"Saved: {path}")
        mid = int(params.get("message_id") or next(self._ids))
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if markup and markup.get("inline_keyboard"):
            self.buttons = []
            for row in markup["inline_keyboard"]:  # one keyboard row a line, as Telegram shows them
                labels = []
                for b in row:
                    if "callback_data" in b:
                        self.buttons.append((mid, b["callback_data"]))
                        labels.append(f"[{len(self.buttons)}] {b['text']}")
                if labels:
                    self._print("  ".join(labels))
        self._print("")
        msg = {"message_id": mid, "date": int(time.time()), "chat": {"id": CHAT_ID, "type": "private"},
               "from": {"id": int(TOKEN.split(":")[0]), "is_bot": True, "first_name": "Earnings Bot"}}
        if "text" in params:
            msg["text"] = plain
        for path in saved or []:
            fid = f"saved-{mid}"
            if photo:
                msg["photo"] = [{"file_id": fid, "file_unique_id": fid, "width": 1280, "height": 800}]
            else:
                msg["document"] = {"file_id": fid, "file_unique_id": fid, "file_name": path.name}
        if markup:
            msg["reply_markup"] = markup
        return msg

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        if "/file/" in url or method == "GET" and "/bot" not in url.rsplit("/", 2)[-2]:
            path = self.files.get(unquote(url.rsplit("/", 1)[-1]))
            return (200, path.read_bytes()) if path else (404, b"")
        api_method = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        result: Any = True
        if api_method == "getMe":
            result = {"id": 1, "is_bot": True, "first_name": "Earnings Bot", "username": "earnings_bot"}
        elif api_method == "sendMessage":
            result = self._show(params)
        elif api_method in ("sendPhoto", "sendDocument"):
            result = self._show(params, self._save(request_data), photo=api_method == "sendPhoto")
        elif api_method == "editMessageText":
            result = self._show(params)  # an edit is shown as the new text, like a fresh message
        elif api_method == "answerCallbackQuery":
            if params.get("text"):
                self._print(f"» {params['text']}\n")
        elif api_method == "getFile":
            fid = str(params["file_id"])
            result = {"file_id": fid, "file_unique_id": fid, "file_path": fid,
                      "file_size": self.files[fid].stat().st_size}
        elif api_method in ("getUpdates", "getMyCommands"):
            result = []
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _typed_path(line: str) -> str | None:
    """The typed line as a path when it reads as one: /a/b, ~/a, ./a, ../a (a command is one word: /summary x)."""
    word = line.removeprefix("upload ").strip().strip("'\"")
    first = word.split(" ", 1)[0]
    return word if word.startswith(("/", "~", "./", "../")) and "/" in first[1:] else None


def _typed_file(line: str) -> Path | None:
    """The file a typed line names ('upload ' optional, quotes stripped, absolute paths too), or None."""
    if len(line) >= 1024:
        return None
    try:
        path = Path(line.removeprefix("upload ").strip().strip("'\"")).expanduser()
        return path if (path.suffix or _typed_path(line)) and path.is_file() else None
    except (OSError, ValueError, RuntimeError):  # a name too long for the file system, a NUL byte, no home
        return None


def _path_reply(line: str) -> str | None:
    """What to say to a typed path that names no file (a folder, or nothing at all); None when it is no path."""
    word = _typed_path(line) if len(line) < 1024 else None
    if word is None:
        return None
    try:
        path = Path(word).expanduser()
        if path.is_dir():
            return (f"{word} is a folder: type the path of one transcript in it, or add them all with "
                    f"`earnings-bot ingest {word}`.")
        return None if path.exists() else f"There is no file {word}: check the path."
    except (OSError, ValueError, RuntimeError):
        return None


class TerminalChat:
    """Turns typed lines into Telegram updates for the application, one at a time."""

    def __init__(self, config: Config, out: TextIO = sys.stdout, *, ansi: bool = False) -> None:
        from bot.telegram.app import build_application

        self.request = TerminalRequest(out, ansi=ansi, files_dir=Path(config.db_path).expanduser().parent / "files")
        self.config = replace(config, token=TOKEN, admin_ids=config.admin_ids | {USER_ID},
                              allowed_chat_ids=frozenset())
        self.app = build_application(self.config, request=self.request)
        self._update_ids = itertools.count(1)
        self._msg_ids = itertools.count(1)
        self._sender = None
        self._delivering = asyncio.Lock()

    def _message(self, **content: Any) -> dict:
        return {"message_id": next(self._msg_ids), "date": int(time.time()),
                "chat": {"id": CHAT_ID, "type": "private", "first_name": "You"},
                "from": {"id": USER_ID, "is_bot": False, "first_name": "You"}, **content}

    def update_for(self, line: str) -> dict | None:
        """The Telegram update a typed line stands for (None: nothing to send)."""
        line = line.strip()
        if not line:
            return None
        uid = next(self._update_ids)
        if not line.isdecimal():
            self.request.buttons = []  # numbers refer to the buttons of the last reply only
        if line.isdecimal() and self.request.buttons:
            n = int(line)
            if not 1 <= n <= len(self.request.buttons):
                self.request._print(f"Choose 1 to {len(self.request.buttons)}.\n")
                return None
            mid, data = self.request.buttons[n - 1]
            msg = {"message_id": mid, "date": int(time.time()), "chat": {"id": CHAT_ID, "type": "private"},
                   "from": {"id": 1, "is_bot": True, "first_name": "Earnings Bot"}, "text": "…"}
            return {"update_id": uid, "callback_query": {"id": f"q{uid}", "chat_instance": "terminal", "data": data,
                                                         "from": {"id": USER_ID, "is_bot": False, "first_name": "You"},
                                                         "message": msg}}
        path = _typed_file(line)
        if path is not None:
            fid = f"f{uid}"
            self.request.files[fid] = path
            doc = {"file_id": fid, "file_unique_id": fid, "file_name": path.name, "file_size": path.stat().st_size}
            return {"update_id": uid, "message": self._message(document=doc)}
        note = _path_reply(line)
        if note is not None:
            self.request._print(note + "\n")
            return None
        content: dict[str, Any] = {"text": line}
        if line.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(line.split()[0].encode("utf-16-le")) // 2}]
        elif m := re.search(r"https?://\S+", line):
            content["entities"] = [{"type": "url", "offset": len(line[:m.start()].encode("utf-16-le")) // 2,
                                    "length": len(m.group(0).encode("utf-16-le")) // 2}]
        return {"update_id": uid, "message": self._message(**content)}

    async def deliver(self) -> int:
        """Print what the outbox holds for this chat now (alerts of /track and /follow): the terminal's Telegram."""
        from bot.outbox import Sender

        if self._sender is None:
            self._sender = Sender(self.app.bot_data["db"], self.app.bot, only_chat=CHAT_ID)
        async with self._delivering:  # the typed line's and the repeating job's, one at a time
            return (await self._sender.drain(max_seconds=30.0)).sent

    async def send(self, line: str) -> None:
        try:
            data = self.update_for(line)
        except Exception as e:  # a line the chat itself cannot turn into an update never ends the chat
            self.request._print(f"Sorry, I could not read that line ({type(e).__name__}). Send /help for the commands.\n")
            return
        if data is not None:
            await self.app.process_update(Update.de_json(data, self.app.bot))
            await self.deliver()

    async def run(self, stdin: TextIO = sys.stdin, *, prompt: bool | None = None) -> None:
        """Read lines until EOF or 'quit', answering each through the bot's handlers."""
        from bot.jobs import schedule_terminal

        prompt = stdin.isatty() if prompt is None else prompt
        async with self.app:
            await self.app.start()  # its JobQueue: the same jobs as the bot, for this chat
            try:
                schedule_terminal(self.app, self.deliver, CHAT_ID)
                self.request._print(HELP + "\n" + JOBS + "\n")
                await self.deliver()  # alerts queued for this chat while it was closed
                while True:
                    if prompt:
                        self.request.out.write("> ")
                        self.request.out.flush()
                    line = await asyncio.to_thread(stdin.readline)
                    if not line or line.strip().lower() in ("quit", "exit", "/quit"):
                        break
                    await self.send(line)
            finally:
                await self.app.stop()


def run_chat(config: Config, *, ansi: bool | None = None) -> None:
    """`earnings-bot chat`: the terminal chat on the configured database."""
    out = sys.stdout
    chat = TerminalChat(config, out, ansi=out.isatty() if ansi is None else ansi)
    asyncio.run(chat.run())
