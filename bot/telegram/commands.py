"""The one command table: it registers the handlers, feeds setMyCommands, /help and docs/bot.md."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from bot.formatting import esc
from bot.telegram import changes_handlers as ch
from bot.telegram import corrections as fix
from bot.telegram import handlers as h


@dataclass(frozen=True)
class Command:
    """One command: its name, argument synopsis, one-line description, handler and whether admins only."""

    name: str
    args: str
    description: str
    callback: object = None
    admin: bool = False


COMMANDS: list[Command] = [
    Command("start", "", "Welcome and the list of commands", h.start),
    Command("help", "", "Every command, one line each", h.help_cmd),
    Command("latest", "[company]", "Recent calls, a button each for its summary, figures, Q&A, topics", h.latest),
    Command("summary", "<company|ticker|id> [quarter] [n]", "Summary of a call (latest, or the quarter), n sentences", h.summary),
    Command("figures", "<company|ticker|id> [quarter]", "Key figures of a call: revenue, margins, guidance…", h.figures),
    Command("qa", "<company|ticker|id> [quarter]", "The Q&A session, question by question (paged)", h.qa),
    Command("topics", "<company|ticker|id> [quarter]", "Topics a call talks about", h.topics),
    Command("changes", "<company|ticker|id> [quarter]",
            "What changed since the previous call: guidance moves, results vs guidance, topics, tone", ch.changes),
    Command("chart", "<company> [metric|tone|topics]", "A chart across the stored quarters (guided ranges as bands)",
            ch.chart),
    Command("export", "<company|all> [csv|json]", "Figures, guidance history and Q&A digests as a file", ch.export),
    Command("topic", "[topic] [company] [quarter] | add <name>: phrase, … | remove <name> | mine",
            "What calls said about one topic, or any phrase (gross margin); no topic: pick one; add, remove "
            "or list your own topics", h.topic),
    Command("search", "[company] [quarter] <words or \"a phrase\"> [for company]",
            "Search the calls, best match first; synonyms count (capex finds capital expenditures), "
            "=word or =\"a phrase\" for the words only", h.search),
    Command("companies", "", "What is stored, by company and quarter", h.companies),
    Command("delete", "<call id>", "Admins: delete a stored call, its analyses and pending alerts (asks first)",
            fix.delete, admin=True),
    Command("fix", "<call id> quarter=… company=… ticker=… date=…",
            "Admins: re-point a call to its right company, quarter or date", fix.fix, admin=True),
]
UPLOAD_HELP = "Send a .txt, .md, .html, .pdf or .json transcript, or a link to one, to add a call"


def extra_commands() -> list[Command]:
    """Commands registered by other modules (alerts: bot/telegram/alert_handlers.py `COMMANDS`), when present."""
    try:
        mod = importlib.import_module("bot.telegram.alert_handlers")
    except ModuleNotFoundError as e:
        if e.name != "bot.telegram.alert_handlers":
            raise
        return []
    out = []
    for c in getattr(mod, "COMMANDS", []):
        if isinstance(c, Command):
            out.append(c)
        elif isinstance(c, dict):
            out.append(Command(c["name"], c.get("args", ""), c["description"], admin=c.get("admin", False)))
        else:  # (name, args, description[, admin])
            out.append(Command(*c[:3], admin=bool(c[3]) if len(c) > 3 else False))
    return out


def all_commands() -> list[Command]:
    return COMMANDS + extra_commands()


def usage(name: str) -> str:
    """'Usage: /summary <company|ticker|id> [quarter] [n]: …' for a usage reply on wrong arguments."""
    for c in all_commands():
        if c.name == name:
            example = {"summary": "/summary NWRB Q4 2025", "figures": "/figures Northwind", "qa": "/qa NWRB",
                       "topics": "/topics NWRB", "search": "/search NWRB Q3 2025 pricing",
                       "changes": "/changes NWRB Q4 2025", "chart": "/chart NWRB revenue",
                       "export": "/export NWRB csv"}.get(name)
            return (f"Usage: /{c.name} {esc(c.args)}".rstrip() + f": {esc(c.description.rstrip('.…'))}."
                    + (f" Example: {esc(example)}" if example else ""))
    return "Send /help for the commands."


def help_text(is_admin: bool = False) -> str:
    """Every command, one line each (admin-only ones to admins)."""
    lines = ["<b>Commands</b>"]
    for c in all_commands():
        if c.admin and not is_admin:
            continue
        args = f" {esc(c.args)}" if c.args else ""
        lines.append(f"/{c.name}{args} — {esc(c.description)}")
    lines.append("")
    lines.append(esc(UPLOAD_HELP) + (" (admins only)." if not is_admin else "."))
    return "\n".join(lines)


def menu() -> list[tuple[str, str]]:
    """(command, description) pairs for setMyCommands (descriptions within Telegram's 256 characters)."""
    return [(c.name, c.description[:256]) for c in all_commands() if not c.admin]
