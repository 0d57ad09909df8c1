"""Key figures of a call: reported and guided numbers with metric, scope, period, change and kind, each tied to its
sentence and speaker.

Nothing is invented: `Figure.value` (and `change`, `period`, `previous`) are verbatim slices of the source sentence,
so a reader can always find them again. Numbers that are years, dates, quarter names, phone or page numbers or
product names ("Mi 13", "Q4", "Atlas 3") are not figures, nor are analysts' numbers.

The parts: `numbers` (finding numbers and ranges), `metrics` (the metric vocabulary, accounting basis and scope),
`periods` (periods said and normalised), `classify` (clauses, up/down words) with `roles` (what each number is),
`kinds` (reported or guidance) and `direction` (how guidance moved), `extract` (a sentence's and a call's figures)
with `choose` (the metric a number belongs to), `scope` (segment and accounting cues around it), `assemble` (its
period and the figure with its change) and `context` (what earlier sentences of the call set up), `rank` (headline
first, one statement once), `render` (labels a reader sees).
"""
from __future__ import annotations

from summarizer.figures.extract import CallContext, call_figures, context_for, figures_in_sentence
from summarizer.figures.model import Figure
from summarizer.figures.rank import rank
from summarizer.model import Sentence, Transcript

__all__ = ["FIGURES_VERSION", "Figure", "CallContext", "context_for", "extract_figures", "figures_in_sentence"]

# 5: the figure model of issue 9 (metric_key vocabulary, accounting, scope, fiscal_period, signed changes, guidance
# direction and previous), clause-level kind, headline ranking; 6: the same as released (versions 5 computed while
# it was being built are recomputed); 7: guidance direction no longer lent from a statement about another range or a
# segment, 'still expected' / 'at the high end of the range' read, per-share items as EPS impacts, singular 'expense';
# 8: a paste with no speaker markup names nobody (speaker None, not "Unknown"); 10: an outlook heading's direction
# lent only to the metrics and period it names, and not past a heading for another period; 11: a range the guidance
# was updated to is the guidance, "in the range of X and Y" one range, outlook lines with the verb left out ("EPS to
# be $0.58") guidance, a result set against the street's estimate reported (the estimate no figure); 12: the next
# quarter carried to the line after its outlook, a list's period shared, "a 9% increase in our dividend" its growth,
# core income adjusted, billings; directions not lent to long-term targets, estimates or results; 13: how far one
# number passed another a change (or no figure), debt repaid, the call's own materials not its earnings, a change
# with what it is set against, one EPS statement once, hypotheticals and assumptions no figure, a figure's section;
# guidance directions of round 6 (a cue names a metric only with no amount between; no reaffirmation at the end of a
# previous range or in an assumption of no change; ', up from the previous range' raises; statements of metrics no
# base stands for, or of a goal of their own, lend nothing; a statement's period the one after its outlook noun)
FIGURES_VERSION = "14"


def extract_figures(transcript: Transcript, sentences: list[Sentence], *, limit: int | None = None) -> list[Figure]:
    """The call's key figures, headline ones first (revenue, EPS, then guidance, margins, cash...), deduplicated."""
    figs = call_figures(transcript, sentences)
    sections = {i: t.section for i, t in enumerate(transcript.turns)}
    ctx = context_for(transcript)
    out = rank(figs, ctx.call, sections)
    return out[:limit] if limit else out
