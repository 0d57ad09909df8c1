"""Drive the real bot Application in-process (`process_update`) against the fake server, synchronously."""
from __future__ import annotations

import asyncio
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from telegram import Update

from bot.config import Config
from tests.fakebotapi.server import FakeBotAPI


def samples_db(path: Path) -> Path:
    """A database file holding every bundled sample call."""
    from bot.ops.ingest import ingest_bytes
    from bot.paths import samples_dir
    from storage.db import open_db

    db = open_db(path)
    for p in sorted(samples_dir().iterdir()):
        if p.is_file():
            ingest_bytes(db, p.read_bytes(), p.name)
    db.close()
    return path


def copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


class BotHarness:
    """The application built by `build_application`, talking HTTP to the fake server; updates fed directly."""

    def __init__(self, api: FakeBotAPI, db_path: Path, **settings: Any) -> None:
        from bot.telegram.app import build_application

        self.api = api
        self.config = replace(Config(), token=api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                              db_path=db_path, **settings)
        self.loop = asyncio.new_event_loop()
        self.app = build_application(self.config)
        self.loop.run_until_complete(self.app.initialize())
        self.loop.run_until_complete(self.app.post_init(self.app))

    def close(self) -> None:
        self.loop.run_until_complete(self.app.shutdown())
        self.loop.run_until_complete(self.app.post_shutdown(self.app))
        self.loop.close()

    def feed(self, update: dict) -> None:
        self.loop.run_until_complete(self.app.process_update(Update.de_json(update, self.app.bot)))

    def _new(self, chat_id: int, before: int) -> list[dict]:
        return self.api.messages(chat_id)[before:]

    def command(self, command: str, args: str = "", *, chat_id: int = 5, **kw: Any) -> list[dict]:
        """Send /command args; returns the bot's new messages in that chat."""
        before = len(self.api.messages(chat_id))
        self.feed(self.api.push_command(command, args, chat_id=chat_id, **kw))
        return self._new(chat_id, before)

    def text(self, text: str, *, chat_id: int = 5, **kw: Any) -> list[dict]:
        before = len(self.api.messages(chat_id))
        self.feed(self.api.push_text(text, chat_id=chat_id, **kw))
        return self._new(chat_id, before)

    def document(self, data: bytes, name: str, *, chat_id: int = 5, **kw: Any) -> list[dict]:
        before = len(self.api.messages(chat_id))
        self.feed(self.api.push_document(data, name, chat_id=chat_id, **kw))
        return self._new(chat_id, before)

    def press(self, message: dict, data: str, *, user_id: int | None = None) -> tuple[str, list[dict]]:
        """Press a button on `message`; returns (callback query id, the bot's new messages in the chat)."""
        chat_id = message["chat"]["id"]
        before = len(self.api.messages(chat_id))
        qid = self.api.push_callback(message, data, user_id=user_id)
        self.feed(self.api.last_update)
        return qid, self._new(chat_id, before)


def buttons(message: dict) -> dict[str, str]:
    """label -> callback_data of a message's inline keyboard."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data", "") for row in rows for b in row}
