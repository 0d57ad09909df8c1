"""A chat's own topics, as sub-commands of /topic: add, remove, mine. Thin over bot.ops.analysis.

A chat's topics belong to that chat alone (stored by chat id in `user_topics`): another chat never lists,
resolves or removes them. Each shows next to the built-in topics in /topic's keyboard and digests."""
from __future__ import annotations

from bot.formatting import clip, esc
from bot.ops import analysis as ops
from bot.telegram.views import View
from storage.analyses import user_topics
from summarizer.topics import user_topic

SUBCOMMANDS = ("add", "remove", "mine")
MAX_CHARS = 1000
ADD_USAGE = ("Usage: /topic add &lt;name&gt;: phrase, phrase, … — e.g. /topic add robots: Atlas, Harbor arm, fleet "
             "(inflections match: 'robot' finds 'robots')")
REMOVE_USAGE = "Usage: /topic remove &lt;name&gt; — /topic mine lists your topics."


def _button(name: str) -> list[tuple[str, str]]:
    data = f"v1|tpc|0|{name}"
    return [(clip(name, 30), data)] if len(data.encode()) <= 64 else []


def mine_view(db, chat_id: int) -> View:  # type: ignore[no-untyped-def]
    """This chat's own topics with their phrases, each a button to its digest."""
    topics = user_topics(db, chat_id)
    if not topics:
        return View("You have no topics of your own yet. " + ADD_USAGE)
    lines = [f"<b>Your topics</b> ({len(topics)} of {ops.MAX_USER_TOPICS}):"]
    lines += [f"• <b>{esc(name)}</b>: {esc(', '.join(phrases))}" for _, name, phrases in topics]
    lines.append("See one: /topic &lt;name&gt; [company] · forget one: /topic remove &lt;name&gt;")
    return View("\n".join(lines), [row for _, name, _ in topics[:20] if (row := _button(name))])


def add(db, chat_id: int, text: str) -> View:  # type: ignore[no-untyped-def]
    """'<name>: phrase, phrase'; the usage line without the colon; BadTopic says what to fix."""
    name, colon, rest = text.partition(":")
    if not name.strip() or not colon:  # '/topic add bad': a name alone is no topic; say how to write one
        return View(ADD_USAGE)
    phrases = [p.strip() for p in rest.split(",")]
    if not any(phrases):
        return View(ADD_USAGE)
    t = ops.add_user_topic(db, chat_id, name, phrases)
    return View(f"Topic <b>{esc(t.name)}</b> saved with {len(t.phrases)} phrase{'s' * (len(t.phrases) != 1)}: "
                f"{esc(', '.join(t.phrases))}. See it: /topic {esc(t.name)} · yours: /topic mine",
                [row for row in [_button(t.name)] if row])


def remove(db, chat_id: int, name: str) -> View:  # type: ignore[no-untyped-def]
    name = name.strip()
    if not name:
        return View(REMOVE_USAGE)
    stored = {key: shown for key, shown, _ in user_topics(db, chat_id)}
    if ops.remove_user_topic(db, chat_id, name):
        return View(f"Topic <b>{esc(stored.get(user_topic(name, [name]).key, name))}</b> removed.")
    return View(f"You have no topic named <b>{esc(clip(name, 60))}</b>: /topic mine lists yours.")


def run(db, chat_id: int, sub: str, rest: str) -> View:  # type: ignore[no-untyped-def]
    """/topic add|remove|mine …"""
    if len(rest) > MAX_CHARS:
        return View(f"That is {len(rest):,} characters long; keep a topic under {MAX_CHARS}.")
    if sub == "add":
        return add(db, chat_id, rest)
    if sub == "remove":
        return remove(db, chat_id, rest)
    if rest.strip():
        return View("Usage: /topic mine (nothing after it) lists your own topics.")
    return mine_view(db, chat_id)
