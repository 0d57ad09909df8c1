"""A sumy-compatible tokenizer that needs no NLTK data: our sentence splitter and a regex word tokenizer.

sumy's own `Tokenizer("english")` loads NLTK's punkt model, which is not installed on a fresh machine
(`LookupError: Resource 'punkt_tab' not found`). sumy accepts any object with `language`,
`to_sentences(paragraph)` and `to_words(sentence)`; this is ours, with the same sentence split as
ingest. Words follow what sumy keeps after NLTK's tokenizer and its own filter: runs of letters
with inner hyphens ("year-over-year"), no numbers or tokens with digits ("Q4", "$1.5"), English
clitics split as the Penn Treebank does ("don't" -> "do", "n't"; "company's" -> "company").
"""
from __future__ import annotations

import re

from summarizer.sentences import split_sentences

# Possessive quantifiers and the look-behind keep this linear on a megabyte of letters.
# Tokens glued to digits or dots ("Q4", "x2", "U.S.", "investor.aarons.com") are not words, as in sumy.
_WORD = re.compile(r"(?<![\w'’-])(?<!\w\.)[^\W\d_]++(?:['’-][^\W\d_]++)*+-?+(?![\w'’-]|\.\w)")
_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ve|ll|d|m))$")


class OurTokenizer:
    """Sentences by `split_sentences`, words by one regex; offline, for any sumy summarizer."""

    def __init__(self, language: str = "english") -> None:
        self._language = language.lower()

    @property
    def language(self) -> str:
        """The language name, as sumy's stemmer and stop-word helpers expect it."""
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """The sentences of `paragraph`, stripped, in order."""
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The words of `sentence` (letters only, case kept), in order."""
        words = _WORD.findall(sentence)
        if "'" not in sentence and "’" not in sentence:
            return tuple(words)
        out: list[str] = []
        for w in words:
            m = _CLITIC.search(w)
            if m is None or m.start() == 0:
                out.append(w)
            elif m.group(0)[0] in "nN":
                out.extend((w[: m.start()], w[m.start():]))  # "don't" -> "do", "n't"
            else:
                out.append(w[: m.start()])  # "company's" -> "company" (sumy drops "'s")
        return tuple(out)

    def __repr__(self) -> str:
        return f"OurTokenizer({self._language!r})"
