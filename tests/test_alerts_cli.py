"""The alert CLI: subscriptions, track/untrack, outbox counts, one polling pass, sources; one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import _register, cli

CALL = Path(__file__).parent / "data" / "alerts" / "nwrb-q3-2025-call.txt"


def run(db_path: Path, *args: str):
    _register()
    return CliRunner().invoke(cli, ["--db", str(db_path), *args])


def test_track_poll_and_outbox_counts(db_path: Path, tmp_path: Path, settled) -> None:
    assert run(db_path, "track", "--chat", "1", '"supply chain"', "--for", "NWRB").exit_code == 0
    subs = json.loads(run(db_path, "subscriptions", "--json").output)
    assert [(s["chat_id"], s["query"], s["tickers"]) for s in subs] == [(1, '"supply chain"', ["NWRB"])]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert run(db_path, "sources", "add", "inbox", str(inbox)).exit_code == 0
    (inbox / "call.txt").write_bytes(CALL.read_bytes())
    settled(inbox / "call.txt")
    out = run(db_path, "poll")
    assert "1 added, 0 failed" in out.output
    counts = json.loads(run(db_path, "outbox", "--json").output)
    assert (counts["pending"], counts["sent"], counts["failed"]) == (1, 0, 0)
    assert "pending: 1" in run(db_path, "outbox").output
    assert json.loads(run(db_path, "sources", "list", "--json").output)[0]["kind"] == "inbox"


def test_bad_input_is_one_line_exit_1(db_path: Path) -> None:
    for args in (["track", "--chat", "1", "AND AND"], ["untrack", "--chat", "1", "7"], ["sources", "remove", "3"],
                 ["sources", "add", "rss", "ftp://x/feed"]):
        r = run(db_path, *args)
        assert r.exit_code == 1 and r.output.count("\n") == 1 and r.output.startswith("Error: "), r.output
