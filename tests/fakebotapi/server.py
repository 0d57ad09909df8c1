"""A fake Telegram Bot API server on loopback: validates every request, keeps chats, simulates users and faults.

The real bot reaches it through its own HTTP stack (PTB `base_url`/`base_file_url`). Every request is
checked against api.json (`spec.Spec`); a request Telegram would refuse gets Telegram's kind of 400 and is
recorded in `.violations`, which a test asserts to be empty."""
from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from tests.fakebotapi.spec import BadRequest, FileParam, Spec
from tests.fakebotapi.tghtml import parse_html
from tests.fakebotapi.webhook import Webhook

NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message")
BLOCKED = "Forbidden: bot was blocked by the user"
MIGRATED = "Bad Request: group chat was upgraded to a supergroup chat"


@dataclass
class Request:
    """One request the bot made, with what the server answered."""

    method: str
    params: dict[str, Any]
    status: int = 200
    description: str = ""
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def chat_id(self) -> int | None:
        c = self.params.get("chat_id")
        try:
            return int(c) if c is not None else None
        except (TypeError, ValueError):
            return None


@dataclass
class Fault:
    """An injected failure: the next `times` matching requests get `status` (429 with retry_after, 5xx, 403...)."""

    status: int
    description: str
    method: str | None = None
    chat_id: int | None = None
    retry_after: int | None = None
    times: int = 1
    html_only: bool = False
    migrate_to_chat_id: int | None = None


class FakeBotAPI:
    """The fake server. Start with `.start()` (or use as a context manager); see docs/bot.md for the API."""

    def __init__(self, spec: Spec, *, token: str = "123456:TEST-fake-token", username: str = "earnings_test_bot") -> None:
        self.spec = spec
        self.token = token
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "Earnings Bot",
                         "username": username, "can_join_groups": True, "can_read_all_group_messages": False,
                         "supports_inline_queries": False}
        self.username = username
        self.sent: list[Request] = []
        self.violations: list[str] = []
        self.callback_answers: dict[str, dict | None] = {}
        self.commands: dict[str, list[dict]] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, data)
        self._chats: dict[int, dict] = {}
        self._log: dict[int, list[dict]] = {}  # chat_id -> messages (user's and bot's), edits applied
        self._updates: list[dict] = []
        self.last_update: dict | None = None
        self._update_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._msg_ids: dict[int, itertools.count] = {}
        self._faults: list[Fault] = []
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._delays: dict[str | None, float] = {}
        self._members: dict[tuple[int, int], str] = {}  # (chat, user) -> getChatMember status; default "member"
        self._cond = threading.Condition()
        self._closing = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.webhook = Webhook(self)  # set by the bot's setWebhook: updates are then POSTed to it

    # ---- lifecycle ---------------------------------------------------------------------------------
    def start(self) -> "FakeBotAPI":
        handler = type("Handler", (_Handler,), {"api": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fake-bot-api", daemon=True)
        self._thread.start()
        self.webhook.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self.webhook.join()

    def __enter__(self) -> "FakeBotAPI":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ---- fault injection ---------------------------------------------------------------------------
    def fail_next(self, status: int = 429, *, method: str | None = None, chat_id: int | None = None,
                  retry_after: int | None = None, times: int = 1, description: str | None = None) -> None:
        """The next `times` requests (of `method`, to `chat_id`) answer `status` (429 gets retry_after, default 1)."""
        if status == 429 and retry_after is None:
            retry_after = 1
        desc = description or {429: f"Too Many Requests: retry after {retry_after}", 403: BLOCKED,
                               500: "Internal Server Error", 502: "Bad Gateway"}.get(status, f"Error {status}")
        with self._cond:
            self._faults.append(Fault(status, desc, method, chat_id, retry_after, times))

    def reject_html(self, times: int = 1, method: str | None = None) -> None:
        """The next `times` HTML-mode requests get 400 "can't parse entities" (to test plain-text fallback)."""
        with self._cond:
            self._faults.append(Fault(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0",
                                      method, None, None, times, html_only=True))

    def block(self, chat_id: int) -> None:
        """Every send to `chat_id` answers 403 "bot was blocked by the user" until `unblock`."""
        with self._cond:
            self._blocked.add(int(chat_id))

    def unblock(self, chat_id: int) -> None:
        with self._cond:
            self._blocked.discard(int(chat_id))

    def migrate(self, old_chat_id: int, new_chat_id: int) -> None:
        """The group `old_chat_id` became the supergroup `new_chat_id`: every send to the old id answers 400
        with `parameters.migrate_to_chat_id`, as Telegram does."""
        self.chat(old_chat_id, chat_type="group")
        self.chat(new_chat_id, chat_type="supergroup")
        with self._cond:
            self._migrated[int(old_chat_id)] = int(new_chat_id)

    def set_member(self, chat_id: int, user_id: int, status: str = "administrator") -> None:
        """What getChatMember answers for `user_id` in `chat_id`: creator, administrator, member (the default),
        restricted, left or kicked."""
        with self._cond:
            self._members[(chat_id, user_id)] = status

    def set_delay(self, seconds: float, method: str | None = None) -> None:
        """Answer `method` (or every method but getUpdates) only after `seconds`."""
        self._delays[method] = seconds

    # ---- simulated users ---------------------------------------------------------------------------
    def chat(self, chat_id: int, *, chat_type: str | None = None, title: str | None = None,
             is_forum: bool = False) -> dict:
        """The chat object for `chat_id` (created on first use: positive ids private, negative ids supergroups)."""
        with self._cond:
            if chat_id not in self._chats:
                kind = chat_type or ("private" if chat_id > 0 else "supergroup")
                c: dict[str, Any] = {"id": chat_id, "type": kind}
                if kind == "private":
                    c["first_name"] = f"User{chat_id}"
                else:
                    c["title"] = title or f"Group {chat_id}"
                    if is_forum:
                        c["is_forum"] = True
                self._chats[chat_id] = c
                self._log[chat_id] = []
                self._msg_ids[chat_id] = itertools.count(1)
            return self._chats[chat_id]

    def user(self, user_id: int) -> dict:
        return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}",
                "language_code": "en"}

    def push_update(self, update: dict) -> dict:
        """Queue a raw update (update_id assigned) for the bot's next getUpdates, or for the webhook once set."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **update}
            self._updates.append(update)
            self.last_update = update
            self._cond.notify_all()
        return update

    def _user_message(self, chat_id: int, user_id: int | None, chat_type: str | None, thread_id: int | None,
                      is_forum: bool, **content: Any) -> dict:
        chat = self.chat(chat_id, chat_type=chat_type, is_forum=is_forum or thread_id is not None)
        uid = user_id if user_id is not None else (chat_id if chat_id > 0 else 1000)
        with self._cond:
            msg = {"message_id": next(self._msg_ids[chat_id]), "date": int(time.time()), "chat": chat,
                   "from": self.user(uid), **content}
            if thread_id is not None:
                msg["message_thread_id"] = thread_id
                msg["is_topic_message"] = True
            self._log[chat_id].append({**msg, "by_bot": False})
        return msg

    def push_text(self, text: str, *, chat_id: int = 1, user_id: int | None = None, chat_type: str | None = None,
                  thread_id: int | None = None, is_forum: bool = False) -> dict:
        """A user sends `text`; a leading /command gets its bot_command entity like Telegram adds."""
        content: dict[str, Any] = {"text": text}
        entities = []
        if text.startswith("/"):
            cmd = text.split(maxsplit=1)[0] if text.strip() else text
            entities.append({"type": "bot_command", "offset": 0, "length": _u16(cmd)})
        for m in re.finditer(r"https?://[^\s<>\"]+", text):  # Telegram marks links as url entities
            entities.append({"type": "url", "offset": _u16(text[:m.start()]), "length": _u16(m.group(0))})
        if entities:
            content["entities"] = entities
        msg = self._user_message(chat_id, user_id, chat_type, thread_id, is_forum, **content)
        return self.push_update({"message": msg})

    def push_command(self, command: str, args: str = "", *, mention: bool = False, **kw: Any) -> dict:
        """A user sends `/command args` (`/command@botname` when `mention`)."""
        text = f"/{command.lstrip('/')}" + (f"@{self.username}" if mention else "") + (f" {args}" if args else "")
        return self.push_text(text, **kw)

    def add_file(self, data: bytes, file_name: str = "file.bin") -> str:
        """Store a file the bot can fetch with getFile; returns its file_id."""
        fid = f"FILE{next(self._ids)}"
        with self._cond:
            self.files[fid] = (f"documents/{fid}_{file_name}", data)
        return fid

    def push_document(self, data: bytes, file_name: str, *, chat_id: int = 1, user_id: int | None = None,
                      mime_type: str | None = None, caption: str | None = None, file_size: int | None = None,
                      chat_type: str | None = None, thread_id: int | None = None) -> dict:
        """A user uploads a document (served from the fake file endpoint); `file_size` may lie, to test caps."""
        fid = self.add_file(data, file_name)
        doc = {"file_id": fid, "file_unique_id": f"U{fid}", "file_name": file_name,
               "file_size": len(data) if file_size is None else file_size}
        if mime_type:
            doc["mime_type"] = mime_type
        content: dict[str, Any] = {"document": doc}
        if caption:
            content["caption"] = caption
        msg = self._user_message(chat_id, user_id, chat_type, thread_id, False, **content)
        return self.push_update({"message": msg})

    def push_callback(self, message: dict | int, data: str, *, chat_id: int | None = None,
                      user_id: int | None = None) -> str:
        """A user presses an inline button with `data` on `message` (a bot message dict or its id); returns the query id."""
        if isinstance(message, int):
            assert chat_id is not None, "chat_id needed with a message id"
            message = self.find_message(chat_id, message)
        cid = message["chat"]["id"]
        uid = user_id if user_id is not None else (cid if cid > 0 else 1000)
        qid = f"CQ{next(self._ids)}"
        msg = {k: v for k, v in message.items() if k not in ("by_bot", "html", "deleted")}
        with self._cond:
            self.callback_answers[qid] = None
        self.push_update({"callback_query": {"id": qid, "from": self.user(uid), "chat_instance": f"ci{cid}",
                                             "message": msg, "data": data}})
        return qid

    # ---- observing ---------------------------------------------------------------------------------
    def messages(self, chat_id: int, *, bot_only: bool = True) -> list[dict]:
        """The chat's messages (bot's only by default), edits applied; each has "text" (plain) and "html"."""
        with self._cond:
            return [dict(m) for m in self._log.get(chat_id, []) if m["by_bot"] or not bot_only]

    def find_message(self, chat_id: int, message_id: int) -> dict:
        with self._cond:
            for m in self._log.get(chat_id, []):
                if m["message_id"] == message_id:
                    return dict(m)
        raise KeyError(f"no message {message_id} in chat {chat_id}")

    def requests(self, method: str | None = None, *, ok: bool | None = None) -> list[Request]:
        with self._cond:
            return [r for r in self.sent if (method is None or r.method.lower() == method.lower())
                    and (ok is None or (r.status == 200) == ok)]

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Block until `predicate()` is truthy (re-checked after every request); AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting; violations={self.violations}")
                self._cond.wait(min(left, 0.2))

    def wait_messages(self, chat_id: int, n: int = 1, timeout: float = 10.0) -> list[dict]:
        """Wait until the bot has sent at least `n` messages to `chat_id`; returns them."""
        return self.wait_for(lambda: (m := self.messages(chat_id)) and len(m) >= n and m, timeout)

    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    # ---- request handling --------------------------------------------------------------------------
    def handle(self, method_raw: str, params: dict[str, Any], *, form: bool) -> tuple[int, dict]:
        method = self.spec.method_name(method_raw)
        if method is None:
            self._record(Request(method_raw, params, 404, "Not Found"), violation=f"{method_raw}: Not Found (unknown method)")
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        delay = self._delays.get(method, self._delays.get(None) if method != "getUpdates" else None)
        if delay:
            time.sleep(delay)
        try:
            decoded = self.spec.validate(method, params, form=form)
        except BadRequest as e:
            shown = {k: (v if not isinstance(v, FileParam) else f"<file {v.filename}>") for k, v in params.items()}
            self._record(Request(method, shown, e.code, str(e)), violation=f"{method}: {e} | params={_short(shown)}")
            return e.code, {"ok": False, "error_code": e.code, "description": str(e)}
        fault = self._take_fault(method, decoded)
        if fault:
            body: dict[str, Any] = {"ok": False, "error_code": fault.status, "description": fault.description}
            if fault.retry_after is not None:
                body["parameters"] = {"retry_after": fault.retry_after}
            if fault.migrate_to_chat_id is not None:
                body["parameters"] = {"migrate_to_chat_id": fault.migrate_to_chat_id}
            self._record(Request(method, _printable(decoded), fault.status, fault.description))
            return fault.status, body
        try:
            result = getattr(self, f"_m_{method}", self._m_default)(method, decoded)
        except BadRequest as e:
            violation = None if e.code == 403 or str(e).startswith("Bad Request: message is not modified") else f"{method}: {e}"
            self._record(Request(method, _printable(decoded), e.code, str(e)), violation=violation)
            return e.code, {"ok": False, "error_code": e.code, "description": str(e)}
        if method != "getUpdates" or result:
            self._record(Request(method, _printable(decoded), 200, "", result))
        return 200, {"ok": True, "result": result}

    def _record(self, req: Request, violation: str | None = None) -> None:
        with self._cond:
            self.sent.append(req)
            if violation:
                self.violations.append(violation)
            self._cond.notify_all()

    def _take_fault(self, method: str, d: dict) -> Fault | None:
        with self._cond:
            chat = d.get("chat_id")
            if chat is not None and method != "getUpdates":
                try:
                    if int(chat) in self._blocked:
                        return Fault(403, BLOCKED)
                    if int(chat) in self._migrated:
                        return Fault(400, MIGRATED, migrate_to_chat_id=self._migrated[int(chat)])
                except ValueError:
                    pass
            for f in self._faults:
                if f.method and f.method.lower() != method.lower():
                    continue
                if f.method is None and method == "getUpdates":
                    continue
                if f.chat_id is not None and str(f.chat_id) != str(chat):
                    continue
                if f.html_only and (d.get("parse_mode") or "").lower() != "html":
                    continue
                f.times -= 1
                if f.times <= 0:
                    self._faults.remove(f)
                return f
        return None

    # ---- methods -----------------------------------------------------------------------------------
    def _m_default(self, method: str, d: dict) -> Any:
        spec = self.spec.methods[method.lower()]
        if spec.get("returns") == ["Boolean"]:
            return True
        raise BadRequest(f"Bad Request: method {method} is not implemented by the fake server")

    def _m_getMe(self, method: str, d: dict) -> dict:
        return self.bot_user

    def _m_getUpdates(self, method: str, d: dict) -> list[dict]:
        if self.webhook.url:
            raise BadRequest("Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
                             "delete the webhook first", 409)
        offset, limit = d.get("offset"), min(d.get("limit") or 100, 100)
        deadline = time.monotonic() + min(float(d.get("timeout") or 0), 30.0)
        with self._cond:
            while True:
                if offset is not None:
                    if offset < 0:
                        self._updates = self._updates[offset:]
                    else:
                        self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or self._closing:
                    return list(self._updates[:limit])
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                self._cond.wait(min(left, 0.5))

    def _m_getWebhookInfo(self, method: str, d: dict) -> dict:
        return self.webhook.info()

    def _m_setWebhook(self, method: str, d: dict) -> bool:
        return self.webhook.set(d)

    def _m_deleteWebhook(self, method: str, d: dict) -> bool:
        return self.webhook.delete(d)

    def _m_setMyCommands(self, method: str, d: dict) -> bool:
        with self._cond:
            self.commands[_scope_key(d)] = d["commands"]
        return True

    def _m_getMyCommands(self, method: str, d: dict) -> list[dict]:
        with self._cond:
            return self.commands.get(_scope_key(d), [])

    def _m_deleteMyCommands(self, method: str, d: dict) -> bool:
        with self._cond:
            self.commands.pop(_scope_key(d), None)
        return True

    def _m_getChat(self, method: str, d: dict) -> dict:
        c = self.chat(int(d["chat_id"]))
        return {**c, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False, "premium_subscription": False}}

    def _bot_message(self, d: dict, **content: Any) -> dict:
        chat_id = int(d["chat_id"])
        chat = self.chat(chat_id)
        with self._cond:
            msg: dict[str, Any] = {"message_id": next(self._msg_ids[chat_id]), "date": int(time.time()),
                                   "chat": chat, "from": self.bot_user, **content}
            if d.get("message_thread_id") is not None:
                msg["message_thread_id"] = d["message_thread_id"]
                if chat.get("is_forum"):
                    msg["is_topic_message"] = True
            markup = d.get("reply_markup")
            if markup and "inline_keyboard" in markup:
                msg["reply_markup"] = markup
            self._log[chat_id].append({**msg, "by_bot": True, "html": d.get("text", d.get("caption")),
                                       "parse_mode": d.get("parse_mode")})
            return msg

    def _m_sendMessage(self, method: str, d: dict) -> dict:
        return self._bot_message(d, text=_plain(d, "text"))

    def _m_sendDocument(self, method: str, d: dict) -> dict:
        doc = d["document"]
        if isinstance(doc, FileParam):
            fid = self.add_file(doc.data, doc.filename or "document")
            document = {"file_id": fid, "file_unique_id": f"U{fid}", "file_name": doc.filename or "document",
                        "file_size": len(doc.data)}
        else:
            document = {"file_id": str(doc), "file_unique_id": f"U{doc}"}
        content: dict[str, Any] = {"document": document}
        if "caption" in d:
            content["caption"] = _plain(d, "caption")
        return self._bot_message(d, **content)

    def _m_sendPhoto(self, method: str, d: dict) -> dict:
        photo = d["photo"]
        if isinstance(photo, FileParam):
            fid = self.add_file(photo.data, photo.filename or "photo")
            width, height = _png_size(photo.data)
            sizes = [{"file_id": fid, "file_unique_id": f"U{fid}", "width": width, "height": height,
                      "file_size": len(photo.data)}]
        else:
            sizes = [{"file_id": str(photo), "file_unique_id": f"U{photo}", "width": 0, "height": 0}]
        content: dict[str, Any] = {"photo": sizes}
        if "caption" in d:
            content["caption"] = _plain(d, "caption")
        return self._bot_message(d, **content)

    def upload(self, message: dict) -> bytes:
        """The bytes of the photo or document a bot's message carries (as uploaded)."""
        media = message.get("photo", [None])[-1] if "photo" in message else message.get("document")
        if not media:
            raise KeyError("the message carries no photo or document")
        with self._cond:
            return self.files[media["file_id"]][1]

    def _find_for_edit(self, d: dict) -> dict:
        if "inline_message_id" in d:
            raise BadRequest("Bad Request: inline messages are not supported by the fake server")
        if "chat_id" not in d or "message_id" not in d:
            raise BadRequest("Bad Request: message identifier is not specified")
        for m in self._log.get(int(d["chat_id"]), []):
            if m["message_id"] == d["message_id"] and not m.get("deleted"):
                if not m["by_bot"]:
                    raise BadRequest("Bad Request: message can't be edited")
                return m
        raise BadRequest("Bad Request: message to edit not found")

    def _m_editMessageText(self, method: str, d: dict) -> dict:
        with self._cond:
            m = self._find_for_edit(d)
            if "text" not in m:
                raise BadRequest("Bad Request: there is no text in the message to edit")
            markup = d.get("reply_markup")
            if m["html"] == d["text"] and m.get("reply_markup") == markup:
                raise BadRequest(NOT_MODIFIED)
            m.update(text=_plain(d, "text"), html=d["text"], parse_mode=d.get("parse_mode"), edit_date=int(time.time()))
            return _edited(m, markup)

    def _m_editMessageReplyMarkup(self, method: str, d: dict) -> dict:
        with self._cond:
            m = self._find_for_edit(d)
            markup = d.get("reply_markup")
            if m.get("reply_markup") == markup:
                raise BadRequest(NOT_MODIFIED)
            return _edited(m, markup)

    def _m_deleteMessage(self, method: str, d: dict) -> bool:
        with self._cond:
            for m in self._log.get(int(d["chat_id"]), []):
                if m["message_id"] == d["message_id"] and not m.get("deleted"):
                    m["deleted"] = True
                    return True
        raise BadRequest("Bad Request: message to delete not found")

    def _m_answerCallbackQuery(self, method: str, d: dict) -> bool:
        with self._cond:
            qid = d["callback_query_id"]
            if qid not in self.callback_answers or self.callback_answers[qid] is not None:
                raise BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid")
            self.callback_answers[qid] = d
        return True

    _MEMBER_TYPES = {"creator": "ChatMemberOwner", "administrator": "ChatMemberAdministrator",
                     "member": "ChatMemberMember", "restricted": "ChatMemberRestricted", "left": "ChatMemberLeft",
                     "kicked": "ChatMemberBanned"}

    def _m_getChatMember(self, method: str, d: dict) -> dict:
        """A ChatMember of the type its status names, with every field api.json requires of that type."""
        chat_id, user_id = int(d["chat_id"]), int(d["user_id"])
        self.chat(chat_id)
        with self._cond:
            status = self._members.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": self.user(user_id)}
        for f in self.spec.types[self._MEMBER_TYPES[status]].get("fields", []):
            if f.get("required") and f["name"] not in member:
                kind = f["types"][0]
                member[f["name"]] = (f["name"] == "can_manage_chat") if kind == "Boolean" else 0 if kind == "Integer" else ""
        return member

    def _m_sendChatAction(self, method: str, d: dict) -> bool:
        self.chat(int(d["chat_id"]))
        return True

    def _m_getFile(self, method: str, d: dict) -> dict:
        with self._cond:
            f = self.files.get(d["file_id"])
        if f is None:
            raise BadRequest("Bad Request: invalid file_id")
        return {"file_id": d["file_id"], "file_unique_id": f"U{d['file_id']}", "file_size": len(f[1]), "file_path": f[0]}

    def file_bytes(self, file_path: str) -> bytes | None:
        with self._cond:
            for path, data in self.files.values():
                if path == file_path:
                    return data
        return None


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (0, 0 for anything else: Telegram would still take it)."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0


def _u16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _edited(m: dict, markup: dict | None) -> dict:
    """Set (or drop) a logged message's keyboard; the message as the API returns it (no log-only keys)."""
    if markup:
        m["reply_markup"] = markup
    else:
        m.pop("reply_markup", None)
    return {k: v for k, v in m.items() if k not in ("by_bot", "html", "parse_mode")}


def _plain(d: dict, key: str) -> str:
    text = d[key]
    return parse_html(text) if (d.get("parse_mode") or "").lower() == "html" else text


def _scope_key(d: dict) -> str:
    return json.dumps([d.get("scope") or {"type": "default"}, d.get("language_code") or ""], sort_keys=True)


def _printable(d: dict) -> dict:
    return {k: (v if not isinstance(v, FileParam) else f"<file {v.filename} {len(v.data)} bytes>") for k, v in d.items()}


def _short(d: dict) -> str:
    s = json.dumps(d, ensure_ascii=False, default=str)
    return s if len(s) < 300 else s[:300] + "…"


class _Handler(BaseHTTPRequestHandler):
    api: FakeBotAPI
    protocol_version = "HTTP/1.1"
    wbufsize = 1 << 16  # headers and body leave in one write (no Nagle/delayed-ACK stalls on keep-alive)
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/json") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _json(self, status: int, obj: dict) -> None:
        self._send(status, json.dumps(obj).encode())

    def do_GET(self) -> None:
        self._dispatch(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:  # the client died mid-request (kill -9): Telegram never sees such a request
            self.close_connection = True
            return
        self._dispatch(body)

    def _dispatch(self, body: bytes) -> None:
        api = self.api
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        file_prefix = f"/file/bot{api.token}/"
        if path.startswith("/file/bot"):
            if not path.startswith(file_prefix):
                api._record(Request("file", {}, 401, "Unauthorized"), violation="file download with a wrong token")
                return self._json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            data = api.file_bytes(path[len(file_prefix):])
            if data is None:
                return self._json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return self._send(200, data, "application/octet-stream")
        prefix = f"/bot{api.token}/"
        if not path.startswith(prefix):
            api._record(Request(path.rsplit("/", 1)[-1], {}, 401, "Unauthorized"), violation="request with a wrong token")
            return self._json(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        method = path[len(prefix):]
        params: dict[str, Any] = {k: v[-1] for k, v in urllib.parse.parse_qs(parsed.query, keep_blank_values=True).items()}
        ctype = self.headers.get("Content-Type", "")
        form = True
        try:
            if body:
                if ctype.startswith("application/json"):
                    params.update(json.loads(body))
                    form = False
                elif ctype.startswith("multipart/form-data"):
                    params.update(_multipart(ctype, body))
                else:
                    params.update({k: v[-1] for k, v in urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True).items()})
        except (ValueError, UnicodeDecodeError) as e:
            api._record(Request(method, {}, 400, "unparseable body"), violation=f"{method}: unparseable body ({e})")
            return self._json(400, {"ok": False, "error_code": 400, "description": "Bad Request: can't parse request body"})
        status, obj = api.handle(method, params, form=form)
        self._json(status, obj)


def _multipart(ctype: str, body: bytes) -> dict[str, Any]:
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + ctype.encode("latin-1") + b"\r\n\r\n" + body)
    out: dict[str, Any] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        payload = part.get_payload(decode=True) or b""
        if filename is not None or (part.get_content_type() not in ("text/plain",) and part.get("Content-Type")):
            out[name] = FileParam(name, filename, payload)
        else:
            out[name] = payload.decode("utf-8")
    # attach://name references resolve to the uploaded part
    for k, v in list(out.items()):
        if isinstance(v, str) and v.startswith("attach://") and v[9:] in out:
            out[k] = out.pop(v[9:])
    return out
