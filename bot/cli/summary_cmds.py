"""`earnings-bot summary` (a stored call or a file) and `earnings-bot eval ectsum` (ROUGE of the methods)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from bot.cli import Ctx, cli
from bot.cli.output import echo_json, fail
from summarizer.errors import InputError
from summarizer.model import Sentence, Transcript


def _file_call(source: str) -> tuple[str, Transcript, list[Sentence]]:
    """A transcript file (or - for stdin) parsed as ingest would, with a label for the heading."""
    from bot.ops.documents import max_bytes_from_env, read_source
    from summarizer.model import sentences_of
    from summarizer.parse import parse_bytes

    cap = max_bytes_from_env()
    data, name = read_source(source, max_bytes=cap)
    tr = parse_bytes(data, name, max_bytes=cap)
    parts = [tr.company or tr.title or Path(name).name]
    if tr.fiscal_quarter and tr.fiscal_year:
        parts.append(f"Q{tr.fiscal_quarter} {tr.fiscal_year}")
    elif tr.fiscal_year:
        parts.append(str(tr.fiscal_year))
    return " ".join(p for p in parts if p), tr, sentences_of(tr)


def _stored_call(ctx: Ctx, ref: str, quarter: str | None) -> tuple[str, Transcript, list[Sentence]]:
    """A stored call by id, ticker or company (latest quarter unless `quarter`)."""
    from bot.cli.store_cmds import open_db_or_fail
    from bot.ops.calls import load_transcript, resolve_call

    db = open_db_or_fail(ctx)
    call = resolve_call(db, ref, quarter)
    tr, sentences = load_transcript(db, call.id)
    return f"#{call.id} {call.label}", tr, sentences


def _looks_like_path(ref: str) -> bool:
    """'calls/x.txt' or 'x.pdf' is meant as a file even when it does not exist (so the error says so)."""
    return "/" in ref or "\\" in ref or Path(ref).suffix.lower() in (
        ".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".json", ".text", ".xhtml")


@cli.command("summary")
@click.argument("ref", metavar="ID|FILE")
@click.option("--method", "-m", default="default", show_default=True,
              help="default, lead, lexrank, textrank, lsa, luhn, kl, sumbasic or edmundson.")
@click.option("--sentences", "-n", "n_sentences", type=click.IntRange(min=1), default=None,
              help="Number of sentences (default 5).")
@click.option("--words", "-w", "n_words", type=click.IntRange(min=1), default=None,
              help="Word budget instead of a sentence count.")
@click.option("--section", type=click.Choice(["prepared", "qa"]), default=None,
              help="Summarize only the prepared remarks or the Q&A (default: the whole call).")
@click.option("--quarter", "-q", default=None, help="With a ticker or company: which quarter, e.g. 'Q4 2022'.")
@click.option("--json", "as_json", is_flag=True, help='Print {"method", "sentences": [{"text", "speaker", "turn", "position"}]}.')
@click.pass_obj
def summary_cmd(ctx: Ctx, ref: str, method: str, n_sentences: int | None, n_words: int | None,
                section: str | None, quarter: str | None, as_json: bool) -> None:
    """Summarize a stored call (ID, ticker or company) or a transcript FILE (- for stdin).

    Sentences come in call order, each with its speaker. Boilerplate (safe harbor, operator,
    greetings) is left out; the default method prefers reported and guided figures."""
    from summarizer.summarize import summarize

    if n_sentences is not None and n_words is not None:
        raise fail("Give either --sentences or --words, not both.")
    try:
        if ref == "-" or (not ref.isdecimal() and (Path(ref).expanduser().exists() or _looks_like_path(ref))):
            label, tr, sentences = _file_call(ref)
        else:
            label, tr, sentences = _stored_call(ctx, ref, quarter)
        kw = {"n_sentences": n_sentences} if n_words is None else {"n_sentences": None, "n_words": n_words}
        if n_sentences is None and n_words is None:
            kw = {}
        result = summarize(tr, sentences, method=method, section=section, **kw)
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json(result.to_json())
        return
    tty = sys.stdout.isatty()
    where = {"prepared": ", prepared remarks", "qa": ", Q&A"}.get(section or "", "")
    click.echo(click.style(label, bold=True) if tty else label)
    click.echo(f"Summary ({result.method}{where}):")
    if not result.sentences and n_words is not None and any(s.text.strip() for s in sentences):
        click.echo(f"  (no sentence fits in {n_words} words: give a larger --words)")
    elif not result.sentences:
        click.echo("  (nothing to summarize: no sentences with content"
                   + (" in this section" if section else "") + ")")
    for s in result.sentences:
        who = s.speaker or ("Article" if s.turn < 0 else None)  # a paste with no speakers names nobody
        label = (click.style(who, bold=True, fg="cyan") if tty else who + ":") if who else ""
        click.echo(f"  - {label + ' ' if label else ''}{s.text}")


@cli.group("eval")
def eval_group() -> None:
    """Measure summary methods against reference summaries."""


@eval_group.command("ectsum")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--methods", default="default,flash,lead,textrank,lexrank", show_default=True,
              help="Comma-separated methods to compare ('all' for every one).")
@click.option("--sentences", "-n", "n_sentences", type=click.IntRange(min=1), default=None,
              help="Sentences per summary (default 4; the flash picks its own number of lines unless this is given).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Only the first N calls (by file name).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_ectsum(folder: Path, methods: str, n_sentences: int | None, limit: int | None, as_json: bool) -> None:
    """ROUGE-1/2/Lsum F1 (stemmed, per call, averaged) and numeric precision of each method on an ECTSum split FOLDER.

    FOLDER holds ects/*.txt and gt_summaries/*.txt (e.g. ../shared/data/ectsum/val). Numeric precision: the share
    of the numbers in a method's summaries that the call states; "all stated": the share of summaries whose every
    number the call states (period labels such as "Q4" or "FY 2022" set aside; see docs/summaries.md)."""
    from summarizer.evaluate import evaluate, format_table, load_ectsum
    from summarizer.summarize import method_name
    from summarizer.summarize import methods as all_methods

    try:
        names = all_methods() if methods.strip().lower() == "all" else \
            list(dict.fromkeys(method_name(m) for m in methods.split(",") if m.strip()))
        if not names:
            raise InputError("No methods given: e.g. --methods default,lead,textrank.")
        docs = load_ectsum(folder, limit=limit)
        scores = []
        for name in names:
            if not as_json and sys.stderr.isatty():
                click.echo(f"scoring {name} on {len(docs)} calls...", err=True)
            own = name == "flash" and n_sentences is None  # the flash chooses its own number of lines
            scores.append(evaluate(docs, name, None if own else (n_sentences or 4)))
    except InputError as e:
        raise fail(str(e)) from None
    if as_json:
        echo_json({"folder": str(folder), "sentences": n_sentences or 4, "n_docs": len(docs),
                   "scores": [s.to_json() for s in scores]})
    else:
        own = " (flash: its own number of lines)" if n_sentences is None and "flash" in names else ""
        click.echo(f"ECTSum {folder} — {len(docs)} calls, {n_sentences or 4} sentences{own}, ROUGE F1 "
                   "(stemmed, mean per call), numeric precision")
        click.echo(format_table(scores))
