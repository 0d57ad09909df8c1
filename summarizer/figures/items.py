"""What a per-share amount measures when it is not the earnings themselves: an item in them ("a loss on
extinguishment of debt of $0.08 per share", "a $0.05 per share benefit", "the tax rate hurt us by $0.04"), read as
an impact on EPS so that it is never shown as the quarter's EPS."""
from __future__ import annotations

import re

from summarizer.figures.metrics import Mention
from summarizer.figures.numbers import Hit
from summarizer.gates import any_of_ignorecase, search_if

_MAY_VARIANCE = any_of_ignorecase(("budget", "plan", "guidance", "expectation", "forecast", "outlook", "consensus"))
_MAY_ITEM_VERB = any_of_ignorecase(("benefit", "hurt", "impact", "affect", "reduc", "lower", "add", "contribut", "cost",
                                    "help", "weigh", "drag", "dilut", "penaliz"))


# what a per-share amount is when it is not the earnings themselves: an item in them ("a loss on extinguishment of
# debt of $0.08 per share", "a $0.05 per share benefit from the lower tax rate", "a $0.13 increase in our EPS")
_ITEM = (r"(?:gains?|loss(?:es)?|charges?|benefits?|impacts?|headwinds?|tailwinds?|contributions?|dilution|accretion|"
         r"items?|expenses?|costs?|increases?|decreases?|declines?|reductions?|improvements?|proceeds|write-?downs?|"
         r"write-?offs?|impairments?|adjustments?|effects?|drag|hit|reserves?|provisions?|premiums?|discounts?|"
         r"amortization|restructuring|settlements?|reversals?|releases?|swing|variance)")
_ITEM_WORD = re.compile(rf"\b{_ITEM}\b", re.I)
# "..., of $0.08 per share", "... by roughly": the item's amount follows
_ITEM_LINK = re.compile(r"\s+(?:of|by|was|were|totaled|totaling|amounted to|at|came to|equal to)\s+(?:about\s+|approximately\s+|"
                        r"roughly\s+|nearly\s+|an?\s+|another\s+|just over\s+|over\s+)?$", re.I)
# "our improved operating results benefited us by $0.53", "the higher tax rate negatively impacted us by $0.44"
_ITEM_VERB = re.compile(r"\b(?:benefit(?:ed|ted|s)?|hurt|impacted|affected|reduced|lowered|added|contributed|cost|helped|"
                        r"weighed on|dragged(?: down)?|diluted|penalized)\s+(?:us|our\s+[\w-]+(?:\s+[\w-]+)?|earnings|eps|results)?"
                        r"\s*(?:by\s+)?(?:about\s+|approximately\s+|roughly\s+|nearly\s+|another\s+)?$", re.I)
_WHICH_REPRESENTED = re.compile(r"\b(?:which|that)\s+(?:represented|represents|accounted for|equaled|equates to|equated to|"
                                r"amounted to|was worth|were worth)\s+(?:about\s+|approximately\s+|roughly\s+|nearly\s+|"
                                r"another\s+)?$", re.I)
_MAY_REPRESENTED = any_of_ignorecase(("represent", "accounted", "equa", "amounted", "worth"))
_ITEM_AFTER = re.compile(rf"(?:\s+per (?:diluted |basic |fully diluted )?(?:common )?share)?\s+(?:of\s+|in\s+)?(?:an?\s+)?"
                         rf"(?P<item>(?:[\w-]+\s+){{0,2}}{_ITEM})\b", re.I)
_NOT_ITEM_WORDS = frozenset("""a an the our its their this that these those and or but with included includes including
was were is are of by to from in on at for as also which that had has have reported recorded there before after
excluding exclusive inclusive net""".split())
_EXCLUDING = re.compile(r"\b(?:excluding|excludes|exclusive of|before|other than|net of|adjusted for)\b", re.I)
# a loss said as the result itself: "a loss of", "a net loss of", "a comprehensive loss of" (not "an impairment loss of")
_THE_LOSS = re.compile(r"(?:^|\b(?:a|an|the|our|its|was|of|incurred|reported|posted|recorded))\s+(?:(?:net|gaap|adjusted|"
                       r"non-gaap|diluted|basic|comprehensive|operating|total|quarterly)\s+){0,2}loss(?:es)?$", re.I)
# items that were a loss: "these select items constituted a loss of $0.44 per diluted share" (an item in the EPS)
_ITEMS_WERE_A_LOSS = re.compile(r"\b(?P<i>(?:(?:[\w-]+\s+){0,2}?)(?:items?|charges?|adjustments?))\s+(?:\w+\s+)?(?:constituted|"
                                r"represented|amounted to|totaled|totalled|were|was|accounted for|resulted in|made up)\s+"
                                r"(?:an?\s+)?(?:net\s+|combined\s+|total\s+)?loss(?:es)?$", re.I)
# a result said against a plan: "the quarter was below our budget by roughly $0.03 per share" is no figure
_VARIANCE = re.compile(r"\b(?:below|above|ahead of|short of|better than|worse than|behind|beat|missed)\s+(?:the\s+|our\s+|its\s+)?"
                       r"(?:internal\s+|own\s+)?(?:budget|plan|guidance|expectations?|forecast|outlook|consensus)\s+by\s+"
                       r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+)?$", re.I)


# how far one number passed another: "exceeding our dividend by $0.06 per share", "beat the consensus by $0.07"
_PASSED_BY = re.compile(r"\b(?:exceed(?:s|ed|ing)?|beat(?:s|ing)?|top(?:s|ped|ping)|surpass(?:es|ed|ing)?|outpac(?:e|es|ed|ing))"
                        r"\s+(?:(?:our|the|its|their|this|that|last year's|consensus)\s+)?(?:[\w'’-]+\s+){0,6}?by\s+"
                        r"(?:about\s+|approximately\s+|roughly\s+|nearly\s+|over\s+|more than\s+|almost\s+)?$", re.I)


def _item_phrase(text: str, a: int, b: int) -> str:
    """The item's words from `a` to `b`, at most two plain words before the item word kept ('noncash after-tax gain',
    'loss on extinguishment of debt', not 'and a loss')."""
    words = text[a:b].split()
    k = next((i for i, w in enumerate(words) if _ITEM_WORD.fullmatch(w.strip(",")) is not None), 0)
    lead = words[:k]
    kept: list[str] = []
    for w in reversed(lead[-2:]):
        if w.lower() in _NOT_ITEM_WORDS or not _PLAIN_WORD.fullmatch(w):
            break
        kept.insert(0, w)
    return " ".join(kept + words[k:])


_PLAIN_WORD = re.compile(r"[A-Za-z][\w-]*")
_COMMA = re.compile(r"[,;]")


def item_mention(text: str, h: Hit, lo: int, start: int, m: Mention | None) -> Mention | None:
    """The item a per-share amount measures, said just before it ('a loss on extinguishment of debt of', 'benefited us
    by') or just after it ('$0.05 per share benefit'), as a mention whose figure is an impact on EPS; None when the
    amount is the EPS itself."""
    lo2 = max(lo, start, h.start - 90)
    link = _ITEM_LINK.search(text, lo2, h.start)
    if link is not None:
        words = list(_ITEM_WORD.finditer(text, lo2, link.start()))
        if words and not _COMMA.search(text[words[-1].end():link.start()]) and \
                len(text[words[-1].end():link.start()].split()) <= 7:
            w = words[-1]
            subject = _ITEMS_WERE_A_LOSS.search(text, max(lo, start, w.start() - 70), w.end())
            if subject is not None and text[w.end():link.start()].strip() == "":  # "these select items constituted
                said = _item_phrase(text, subject.start("i"), subject.end("i"))  # a loss of $0.44 per diluted share"
                return Mention(start=subject.start("i"), end=link.start(), head_start=subject.start("i"),
                               head_end=subject.end("i"), base="eps", said=f"{said} per share", per_share=True, impact=True)
            if _THE_LOSS.search(text, max(lo2, w.start() - 30), w.end()) and text[w.end():link.start()].strip() == "":
                return None  # "H&P incurred a loss of $1.13 per diluted share", "EPS was a loss of $0.42": the EPS
            if _EXCLUDING.search(text, max(lo, start), w.start()):
                return None  # "adjusted net income, excluding the idle mine expenses and other income, was $0.97"
            a = max(lo2, text.rfind(" ", lo2, max(lo2, w.start() - 1)) + 1)
            a = max(lo2, text.rfind(" ", lo2, max(lo2, a - 1)) + 1) if a > lo2 else a
            said = _item_phrase(text, a, link.start())
            return Mention(start=w.start(), end=link.start(), head_start=w.start(), head_end=w.end(), base="eps",
                           said=f"{said} per share", per_share=True, impact=True)
    if m is None and search_if(_WHICH_REPRESENTED, _MAY_REPRESENTED, text, lo2, h.start):
        return Mention(start=h.start, end=h.start, head_start=h.start, head_end=h.start, base="eps",
                       said="EPS impact", per_share=True, impact=True)  # "the absence of property sales ..., which
        # represented $0.14 per share": what that item was worth, not the EPS
    if search_if(_ITEM_VERB, _MAY_ITEM_VERB, text, lo2, h.start):
        said = m.said if m is not None else "EPS"
        return Mention(start=h.start, end=h.start, head_start=h.start, head_end=h.start, base="eps",
                       said=f"{said} impact", per_share=True, impact=True,
                       accounting=m.accounting if m is not None else None)
    after = _ITEM_AFTER.match(text, h.stop)
    if after is not None and not any(w.lower() in _NOT_ITEM_WORDS for w in after["item"].split()[:-1]):
        # "$0.05 per share benefit"; not "$7.43 and $7.58 before restructuring and other charges" (an exclusion)
        said = _item_phrase(text, after.start("item"), after.end("item"))
        return Mention(start=after.start("item"), end=after.end("item"), head_start=after.start("item"),
                       head_end=after.end("item"), base="eps", said=f"{said} per share", per_share=True, impact=True)
    return None


def is_variance(text: str, h: Hit, lo: int) -> bool:
    """A result said against a plan ('below our budget by roughly $0.03 per share') or how far one number passed
    another ('exceeding our dividend by $0.06 per share'): a gap, not a figure."""
    if " by " not in text[max(lo, h.start - 24):h.start]:
        return False
    return bool(search_if(_VARIANCE, _MAY_VARIANCE, text, max(lo, h.start - 60), h.start) or
                _PASSED_BY.search(text, max(lo, h.start - 90), h.start))
