"""A fake Telegram Bot API server for tests and benches (see docs/bot.md, "Fake Bot API server")."""
from tests.fakebotapi.server import BLOCKED, FakeBotAPI, Fault, Request
from tests.fakebotapi.spec import SPEC_PATH, BadRequest, Spec

__all__ = ["BLOCKED", "FakeBotAPI", "Fault", "Request", "SPEC_PATH", "BadRequest", "Spec"]
