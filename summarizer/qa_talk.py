"""How Q&A sentences read: courtesy ("Good morning, everybody.", "Can you hear me?", "Nice quarter, congrats."),
hand-offs between executives ("Dana, do you want to take that?"), asks, and asks that point back at the
sentence before ("What drove that?").

A sentence is courtesy when, once its courtesy phrases are set aside, almost no content words remain: content
words are 3+ letters, not stop words, not the call's people's names, not words courtesy is made of. So "Thanks,
and congrats on a great quarter." is courtesy, while "Thanks. What drove the margin?" and "On pricing?" are not.
"""
from __future__ import annotations

import re

from summarizer.gates import any_of_ignorecase
from summarizer.stemming import STOP_WORDS, WordMap

# Greetings, thanks and audibility checks: floor talk on either side of the table.
_GREETING = (
    r"(?:hi|hello|hey|good (?:morning|afternoon|evening|day)|morning|afternoon|evening)(?:,? (?:to )?(?:everyone|everybody|all"
    r"|you all|y'all|guys|folks|team|gentlemen|ladies and gentlemen|there|again))?"
    r"|(?:many )?thanks?(?: you)?(?: (?:so|very) much| a lot| again| all| guys| everyone| both)?"
    r"(?: for (?:taking|fitting|squeezing|letting|allowing)(?: me)?(?: in)?(?: (?:my|the|our|us|me|a))?(?: \w+)? (?:questions?|ones?|in)"
    r"| for (?:the|your) (?:question|questions|time|opportunity|color|colour|detail|details|answer|answers|update|help|clarity|insight)"
    r"| for having me)?"
    r"|(?:i )?(?:really )?appreciate (?:it|that|you(?: guys)?(?: taking (?:my|the) questions?)?|the (?:question|time|color|colour|detail))"
    r"|(?:can|could|do) you (?:all |guys |folks )?(?:hear|see) me(?: (?:ok|okay|alright|all right|now|well|clearly|fine|better))*"
    r"|am i (?:audible|coming through)|are you able to hear me|is my line (?:open|clear)|(?:i )?hope you can hear me"
    r"|(?:yes,? )?(?:we|i) can hear you(?: (?:fine|well|clearly|now|okay|ok))?|(?:please )?go ahead"
    r"|how (?:are|is) (?:you|everyone|everybody)(?: all| guys| doing)*(?: today| this morning| this afternoon)?"
    r"|is (?:that|this|it) (?:any )?better|(?:is )?(?:this|that) (?:any )?better(?: now)?"
    r"|(?:this is|it's|it is) \w+(?: \w+)? (?:(?:on|in|filling in|sitting in|dialing in|dialling in|here|speaking) for"
    r"|on behalf of) \w+(?: \w+)?|(?:this is|it's) \w+(?: \w+)? (?:here|speaking)"
)
# An analyst's courtesy beyond that: compliments, question counts, reactions to an answer, sign-offs and farewells.
_ANALYST_COURTESY = (
    r"congrat(?:ulation)?s?(?: (?:to|on)(?: \w+){0,5})?|congratulate \w+"
    r"|(?:nice|great|good|strong|solid|terrific|fantastic|excellent|impressive|tremendous) (?:quarter|year|results?|print|job|execution"
    r"|work|progress|performance|start)"
    r"|(?:(?:i|we) (?:have|had|got|'ve got)|i've got|just|maybe|let me ask|i'll ask|i'd like to ask|i wanted to ask|i want to ask)"
    r" (?:two|three|a couple(?: of)?|a few|one|just one|a quick|one quick|two quick|a couple quick|a follow-?up)"
    r"(?: quick| short| brief| small)? (?:questions?|ones?|follow-?ups?|things?|items?)"
    r"(?: (?:if i (?:may|could|can)|please|here|for me|from me|today|for you))?"
    r"|(?:that's|that is|it's|very|really|super|extremely|quite) (?:very |really |super )?(?:helpful|useful|great|clear|fair|good|perfect)"
    r"(?: (?:color|colour|detail|context|thanks))?"
    r"|got it|fair enough|makes sense|understood|perfect|excellent|wonderful|awesome|okay|ok|all right|alright|yes|yeah|yep|sure"
    r"|(?:that's|that is) (?:correct|right|fine|true)"
    r"|(?:i'll |i will |let me )?(?:jump|hop|get|step|go) back (?:in|into) (?:the )?(?:line|queue)|(?:i'll |i will )?(?:jump|hop|get|step) back"
    r"|(?:i'll )?pass it on|back in the queue|that's (?:it|all) (?:for|from) me|(?:i'll |i will )?turn it (?:back )?over"
    r"|(?:i'll |i will )?leave (?:it|you|things) (?:there|at that)|for the question|for taking the question"
    r"|(?:best of |good )luck(?: (?:with|on|in|for)(?: the)?(?: \w+){0,4})?|stay (?:safe|healthy|well)|take care|be well"
    r"|(?:happy|merry) (?:new year|holidays?|thanksgiving|easter|christmas|friday)|have a (?:good|great|nice|happy|wonderful) \w+"
    r"|(?:see|talk to|speak to|speak with) you (?:soon|then|next \w+|later|in \w+)|look(?:ing)? forward to \w+ (?:you|up)(?: \w+){0,3}"
    r"|(?:(?:that's|that is|very|really|great|good|nice|it's) )?(?:encouraging|great to hear|good to hear|great to see|good to see"
    r"|nice to hear|nice to see)"
    r"|welcome (?:aboard|back|to the (?:team|call))|(?:we'll|i'll|we will|i will) miss (?:you|him|her)|enjoy (?:your |the )?retirement"
    r"|(?:it's|it has|it's been|it has been) (?:a|an) (?:pleasure|honor|honour)(?: working with you)?"
    r"|(?:that|this|you) (?:answers|answered|covers|covered|addresses|addressed|took care of|was|were|is)(?: all)? (?:of )?my"
    r"(?: \w+)? questions?|my (?:other )?questions? (?:has|have) been (?:answered|addressed|asked|covered)|(?:that's|that is) my question"
    r"|(?:i'm |i am )?sorry|pardon(?: me)?|excuse me|is (?:that|this) (?:any )?better"
    r"|(?:could|can|would) you (?:please )?(?:repeat|say that again|restate)(?: (?:that|it|the (?:last )?(?:part|question|number|answer)))?"
    r"|(?:i )?(?:missed|didn't catch|did not catch) (?:that|it|the (?:last )?(?:part|number|answer))|come again|(?:i )?hope (?:you're|you are|you all are|everyone is"
    r"|everybody is|all is)(?: doing)? (?:well|good|ok|okay|safe)|(?:and )?i appreciate (?:the|your) (?:thoughts|color|colour|comments"
    r"|answers?|details?|insights?|perspective)|i think i'm good|(?:i'm|i am) all set"
)
# An executive passing the question on, or asking for it again: never the answer.
_HANDOFF = (
    r"(?:(?:do|would) you (?:want|like) to|(?:can|could|will) you|why don't you|you want to|want to) (?:take|answer|add|address|comment"
    r"|handle|cover|start|jump in|chime in|tackle|talk to|speak to|pick up)(?: (?:that|this|it|one|on that|on this|first))?"
    r"|(?:i'll|i will|let me|i'd|i would|i'm going to|i am going to) (?:let|ask|have|hand (?:it|that|this) (?:over )?to|pass (?:it|that|this)"
    r" (?:over )?to|turn (?:it|that|this) (?:over )?to|defer to|flip (?:it|that) to|kick (?:it|that) (?:over )?to)"
    r"|over to you|you're up|your turn|take it away|(?:great|good|fair|excellent) question|sure|okay|ok|absolutely|happy to"
    r"|(?:operator,? )?(?:we're|we are|i think we're|we can take|let's take|let's go to|we'll take)(?: ready for)? (?:the )?next question"
    r"|(?:sorry|pardon|apologies)\b.{0,30}\b(?:repeat|say that again|come again|missed|cut out|breaking up|didn't catch|hear you)"
    r"|(?:could|can) you (?:repeat|say that again|restate)(?: (?:that|it|the (?:last )?(?:part|question)))?|you(?:'re| are) breaking up"
)
# Matched against lower-cased text, only where a word starts: 4x faster than `\b` and IGNORECASE.
_AT_WORD = r"(?<![^\W\d_])(?=[a-z])(?:"
_COURTESY_PHRASE = re.compile(_AT_WORD + _GREETING + "|" + _ANALYST_COURTESY + r")\b")
_FLOOR_PHRASE = re.compile(_AT_WORD + _GREETING + "|" + _HANDOFF + r")\b")
# What a courtesy sentence is made of, beyond its phrases: counted as no content.
_COURTESY_WORDS = frozenset("""hi hello hey morning afternoon evening everyone everybody guys folks gentlemen ladies team
thanks thank appreciate appreciated congratulations congrats congratulation nice great good strong solid terrific
fantastic excellent impressive job quarter year results execution print question questions hear audible okay yes
yeah yep sure alright right perfect got understood helpful useful color colour detail details clarity two three
couple few quick one ones follow followup follow-up taking take squeezing fitting opportunity time much lot really
super thing things first last final ask asking wanted like love welcome line well guess maybe fair enough makes
sense clear awesome wonderful cool gotcha oh hope doing everything congratulate tremendous again both""".split())
# ... and what an executive's floor talk is made of ("Yes." and "Correct." answer a question: they are content).
_FLOOR_WORDS = frozenset("""hi hello hey morning afternoon evening everyone everybody guys folks team thanks thank
appreciate question questions great good sure okay ok absolutely happy""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d+")
_MAX_COURTESY_WORDS = 40  # a sentence longer than this always says something
_MAX_HANDOFF_WORDS = 25
# A sentence with this many content words keeps some whatever phrases are set aside (the longest phrases,
# "congratulations on ...five words", "this is Sam Lee on for Jane Roe", hold four or five).
_PHRASES_NEVER_EAT = 8
# Whoever hosts the Q&A calling the next questioner: the operator's job, sometimes the IR head's.
_FLOOR_CALL = re.compile(
    r"\b(?:(?:next|first|following|last|final) question (?:comes|is|will come|today comes) from|"
    r"(?:let's|we'll|we will|i'll|can we|could we) (?:take|go to|move to|have) (?:the |our )?next (?:question|caller|one)|"
    r"next question,? please|(?:operator|moderator),? (?:we(?:'re| are) ready for|can we have|could we have|please open|next)|"
    r"(?:go|move) (?:on )?to the next (?:question|caller)|open (?:it|the line|the call) (?:up )?(?:for|to) questions)\b",
    re.IGNORECASE)
# Every _FLOOR_CALL alternative holds one of these: most sentences skip the regex (3x the rest of the digest's cost).
_may_call_the_floor = any_of_ignorecase(("question", "next", "operator", "moderator"))
# An ask: a question mark, or the phrases analysts put a question in.
ASK = re.compile(
    r"\?|(?<![^\W\d_])(?=[a-z])(?:my (?:first |second |next |last |final |follow-?up |other )?question|i (?:would|'d) (?:like to|love to) (?:ask|understand|know|hear|get)|"
    r"(?:could|can|would) you (?:please |just |maybe )?(?:talk|give|provide|help|share|comment|elaborate|walk|speak|update|quantify|explain"
    r"|clarify|tell|remind|discuss|unpack|frame|size|touch|characterize|describe|expand|address|break|confirm|parse)|"
    r"i(?:'m| am) (?:curious|wondering|trying to (?:understand|get|figure))|i wonder|wondering (?:if|whether|about|how|what)|may i ask|"
    r"(?:wanted|want|like|hoping|hope|love) (?:to|you (?:could|can|would)) (?:ask|understand|know|get|hear|see|dig|dive|follow|touch|talk"
    r"|clarify|drill|go back|come back|circle back|check|confirm|start|focus|explore|probe|revisit|pick|push|press|turn|switch|shift|get)|"
    r"(?:thoughts|color|colour|commentary|perspective|update) on|talk (?:about|through|to)|walk us|give us|remind us|tell us|"
    r"how (?:do|does|did|should|will|would|are|is|was|were|much|many|long|big|far|quickly|fast)|"
    r"what (?:is|are|was|were|do|does|did|will|would|should|drove|drives|changed|gives|kind|sort|type|level|percentage|portion|share)|"
    r"whether|any (?:color|colour|update|thoughts|sense|commentary|detail|way|chance|change|plans)|"
    r"(?:the|my) (?:first|second|next|other) (?:one|question)|(?:first|second)(?:ly)?,|help us (?:understand|think))\b")
# Words that make an ask lean on the sentence before it ("What drove that?", "Is that conservatism?").
_BACK_REFERENCE = re.compile(r"\b(?:that|this|those|these|it|its|there|they|them|such|the same|either|what changed|you mentioned|you said)\b",
                             re.IGNORECASE)


def names_in(speakers: list[str]) -> frozenset[str]:
    """The lower-cased words of the call's speakers' names ('Thanks, Kyle.' is courtesy, not content); never a number
    ('12' of 'Participant 12' still counts as one)."""
    out: set[str] = set()
    for sp in speakers:
        for w in sp.replace("-", " ").replace(".", " ").split():
            w = w.lower().strip(",'’")
            if len(w) > 1 and not w[0].isdigit():
                out.add(w)
    return frozenset(out)


def _is_content(vocab: frozenset[str]) -> WordMap:
    """word -> whether it may be a content word: a number, or 3+ letters outside the stop words and `vocab`."""
    def test(w: str) -> bool:
        if w[0].isdigit():
            return True
        lw = w.lower().replace("’", "'").strip("'-")
        return len(lw) >= 3 and lw not in STOP_WORDS and lw not in vocab
    return WordMap(test)


_COURTESY_CONTENT = _is_content(_COURTESY_WORDS)
_FLOOR_CONTENT = _is_content(_FLOOR_WORDS)


def _count(rest: str, content: WordMap, names: frozenset[str]) -> int:
    """Content words of `rest` (each distinct word judged once), people's names left out."""
    found = list(filter(content.__getitem__, _WORD.findall(rest)))  # C-level look-ups
    if not names or not found:
        return len(found)
    return len(found) - sum(map(names.__contains__, map(str.lower, found)))


def content_count(text: str, names: frozenset[str]) -> int:
    """How many content words `text` has once its courtesy phrases are set aside (numbers count)."""
    return _count(_COURTESY_PHRASE.sub(" ", text.lower()), _COURTESY_CONTENT, names)


def is_courtesy(text: str, names: frozenset[str] = frozenset()) -> bool:
    """A greeting, thanks, congratulations, 'can you hear me', 'I have two questions', 'that's helpful', 'good luck':
    no ask in it. No content word left, or one beside a courtesy phrase in a sentence with no question mark."""
    if len(text.split(None, _MAX_COURTESY_WORDS)) > _MAX_COURTESY_WORDS:
        return False
    raw = _count(text, _COURTESY_CONTENT, names)
    if raw == 0:
        return True
    if raw >= _PHRASES_NEVER_EAT:
        return False  # the phrase regex (most of the cost) cannot bring it down to one word
    rest, stripped = _COURTESY_PHRASE.subn(" ", text.lower())
    n = _count(rest, _COURTESY_CONTENT, names)
    return n == 0 or (n == 1 and stripped > 0 and "?" not in text)


def is_handoff(text: str, names: frozenset[str] = frozenset()) -> bool:
    """An executive's floor talk: a greeting or thanks, passing the question on ('Dana, do you want to take that?',
    'Go ahead, Marcus.'), asking for it again. 'Yes.', 'Correct.' and 'The end of the year.' answer: they are not."""
    if len(text.split(None, _MAX_HANDOFF_WORDS)) > _MAX_HANDOFF_WORDS:
        return False
    raw = _count(text, _FLOOR_CONTENT, names)
    if raw == 0 or raw >= _PHRASES_NEVER_EAT:
        return raw == 0
    return _count(_FLOOR_PHRASE.sub(" ", text.lower()), _FLOOR_CONTENT, names) == 0


def calls_the_floor(text: str) -> bool:
    """'Our next question comes from Jane Roe with Acme.', 'Operator, we're ready for the next question.'"""
    return _may_call_the_floor(text) and _FLOOR_CALL.search(text) is not None


def is_ask(text: str) -> bool:
    """The sentence asks something: a question mark or an asking phrase ('could you talk about', 'I'm curious')."""
    return ASK.search(text.lower()) is not None


def refers_back(text: str) -> bool:
    """The ask leans on what was said before it ('How much of that is one-time?', 'What changed?'), or is very short."""
    return len(text.split()) < 7 or _BACK_REFERENCE.search(text) is not None
