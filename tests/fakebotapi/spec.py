"""Request validation against the published Bot API description (api.json from telegram-bot-api-spec)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.fakebotapi.tghtml import HTMLParseError, parse_html, tg_len

# Shipped with the tests (MIT, telegram-bot-api-spec; see botapi/README.md), so they run on any clone.
SPEC_PATH = Path(__file__).resolve().parent / "botapi" / "api.json"
_INT = re.compile(r"^-?\d+$")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
# (text field, its parse-mode field, its entities field, max length) per method family
_TEXT_FIELDS = (("text", "parse_mode", "entities", 4096), ("caption", "parse_mode", "caption_entities", 1024))


class BadRequest(Exception):
    """A request Telegram would refuse; str() is Telegram's description."""

    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.code = code


class FileParam:
    """A file sent as a multipart part."""

    def __init__(self, name: str, filename: str | None, data: bytes) -> None:
        self.name, self.filename, self.data = name, filename, data


class Spec:
    """The Bot API's methods and types, and the checks Telegram applies to a request."""

    def __init__(self, data: dict) -> None:
        self.methods: dict[str, dict] = {k.lower(): v for k, v in data["methods"].items()}
        self.types: dict[str, dict] = data["types"]
        self.version: str = data.get("version", "?")

    @property
    def version_info(self) -> tuple[int, ...]:
        """The described Bot API version as numbers ("Bot API 10.1" -> (10, 1)); () when it is not stated."""
        m = re.search(r"(\d+(?:\.\d+)*)", self.version)
        return tuple(int(p) for p in m.group(1).split(".")) if m else ()

    @classmethod
    def load(cls, path: Path = SPEC_PATH) -> "Spec":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def method_name(self, name: str) -> str | None:
        m = self.methods.get(name.lower())
        return m["name"] if m else None

    def validate(self, method: str, params: dict[str, Any], *, form: bool) -> dict[str, Any]:
        """Check one request; returns the params decoded to JSON values. Raises BadRequest like Telegram."""
        spec = self.methods.get(method.lower())
        if spec is None:
            raise BadRequest("Not Found", 404)
        fields = {f["name"]: f for f in spec.get("fields", [])}
        for name in params:
            if name not in fields:
                raise BadRequest(f"Bad Request: unknown parameter \"{name}\" for method {spec['name']}")
        decoded: dict[str, Any] = {}
        for name, f in fields.items():
            if name not in params or params[name] is None:
                if f["required"]:
                    raise BadRequest(f"Bad Request: {name} is required but missing")  # Telegram-ish wording
                continue
            decoded[name] = self._check_any(params[name], f["types"], form=form, where=name)
        self._check_text(spec["name"], decoded)
        return decoded

    # ---- types -------------------------------------------------------------------------------------
    def _check_any(self, value: Any, types: list[str], *, form: bool, where: str) -> Any:
        errors = []
        for t in types:
            try:
                return self._check(value, t, form=form, where=where)
            except BadRequest as e:
                errors.append(str(e))
        if len(errors) == 1:
            raise BadRequest(errors[0])
        best = self._closest_type(value, types)
        if best is not None:
            raise BadRequest(errors[types.index(best)])
        raise BadRequest(f"Bad Request: field \"{where}\" has the wrong type (expected {' or '.join(types)})")

    def _closest_type(self, value: Any, types: list[str]) -> str | None:
        """For a JSON object offered to a union, the object type sharing most of its keys (for a precise error)."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if not isinstance(value, dict):
            return None
        scored = [(len(set(value) & {f["name"] for f in self.types[t].get("fields", [])}), t)
                  for t in types if t in self.types]
        scored = [s for s in scored if s[0] > 0]
        return max(scored)[1] if scored else None

    def _check(self, value: Any, t: str, *, form: bool, where: str) -> Any:
        if isinstance(value, FileParam):
            if t == "InputFile":
                return value
            raise BadRequest(f"Bad Request: field \"{where}\" can't be a file")
        if t.startswith("Array of "):
            if isinstance(value, str):
                value = _json(value, where)
            if not isinstance(value, list):
                raise BadRequest(f"Bad Request: field \"{where}\" must be an Array")
            inner = t[len("Array of "):]
            return [self._check(v, inner, form=False, where=f"{where}[{i}]") for i, v in enumerate(value)]
        if t == "Integer":
            if isinstance(value, bool):
                raise BadRequest(f"Bad Request: field \"{where}\" must be an Integer")
            if isinstance(value, int):
                return value
            if isinstance(value, str) and _INT.match(value.strip()):
                return int(value)
            raise BadRequest(f"Bad Request: field \"{where}\" must be an Integer")
        if t == "Float":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return float(value)
            try:
                return float(value)
            except (TypeError, ValueError):
                raise BadRequest(f"Bad Request: field \"{where}\" must be a Float") from None
        if t == "Boolean":
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
                return value.lower() in ("true", "1")
            raise BadRequest(f"Bad Request: field \"{where}\" must be a Boolean")
        if t == "String":
            if isinstance(value, str):
                return value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return str(value)
            raise BadRequest(f"Bad Request: field \"{where}\" must be a String")
        if t == "InputFile":
            raise BadRequest(f"Bad Request: field \"{where}\" must be a file upload")
        obj = self.types.get(t)
        if obj is None:
            raise BadRequest(f"Bad Request: unknown type {t}")
        if isinstance(value, str):
            value = _json(value, where)
        if not isinstance(value, dict):
            raise BadRequest(f"Bad Request: field \"{where}\" must be a JSON-serialized {t}")
        if obj.get("subtypes"):
            return self._check_any(value, obj["subtypes"], form=False, where=where)
        return self._check_object(value, t, obj, where)

    def _check_object(self, value: dict, t: str, obj: dict, where: str) -> dict:
        fields = {f["name"]: f for f in obj.get("fields", [])}
        for k in value:
            if k not in fields:
                raise BadRequest(f"Bad Request: unknown field \"{k}\" in {t} ({where})")
        out = {}
        for name, f in fields.items():
            if name not in value or value[name] is None:
                if f["required"]:
                    raise BadRequest(f"Bad Request: field \"{name}\" of {t} is required ({where})")
                continue
            out[name] = self._check_any(value[name], f["types"], form=False, where=f"{where}.{name}")
        if t == "InlineKeyboardButton":
            cd = out.get("callback_data")
            if cd is not None and not 1 <= len(cd.encode("utf-8")) <= 64:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
            if not out.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            actions = [k for k in out if k != "text"]
            if len(actions) != 1:
                raise BadRequest("Bad Request: inline keyboard button must have exactly one action")
        if t == "BotCommand":
            if not _COMMAND.match(out["command"]):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(out["description"]) <= 256:
                raise BadRequest("Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        return out

    # ---- text and HTML -----------------------------------------------------------------------------
    def _check_text(self, method: str, d: dict[str, Any]) -> None:
        for field, mode_field, ent_field, limit in _TEXT_FIELDS:
            if field not in d:
                continue
            text = d[field]
            mode = (d.get(mode_field) or "").lower()
            if mode == "html":
                try:
                    plain = parse_html(text)
                except HTMLParseError as e:
                    raise BadRequest(f"Bad Request: can't parse entities: {e}") from None
            elif mode in ("", ):
                plain = text
            elif mode in ("markdown", "markdownv2"):
                plain = text  # not used by this bot; length checked on the raw text
            else:
                raise BadRequest(f"Bad Request: unsupported parse_mode {d.get(mode_field)!r}")
            if field == "text" and not plain.strip():
                raise BadRequest("Bad Request: message text is empty")
            if tg_len(plain) > limit:
                raise BadRequest("Bad Request: message is too long" if field == "text"
                                 else "Bad Request: message caption is too long")
        if method == "setMyCommands" and len(d.get("commands", [])) > 100:
            raise BadRequest("Bad Request: too many commands")
        if method == "answerCallbackQuery" and len(d.get("text") or "") > 200:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")


def _json(value: str, where: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        raise BadRequest(f"Bad Request: can't parse JSON in field \"{where}\"") from None
