"""Q&A digest: analyst, firm, the question itself, who answered, the gist; follow-ups join their exchange."""
from __future__ import annotations

import json

import pytest

from summarizer.model import Transcript, Turn, sentences_of
from summarizer.qa import Exchange, qa_exchanges


def _call() -> Transcript:
    return Transcript(company="Northwind Robotics", turns=[
        Turn("Dana Whitfield", "executive", "CEO", section="prepared", text="Revenue was $196.7 million."),
        Turn("Operator", "operator", section="qa", text="Our first question comes from Kyle Brennan with Halvorsen Securities."),
        Turn("Kyle Brennan", "analyst", firm="Halvorsen Securities", section="qa", text=(
            "Hi, thanks for taking my question, and congrats on a great quarter. "
            "I wanted to start with Harbor. "
            "How much of the guidance raise comes from Harbor deployments?")),
        Turn("Dana Whitfield", "executive", "CEO", section="qa", text=(
            "Thanks, Kyle. Great question. "
            "Harbor contributes about $6 million of the raise, and four customers moved to paid deployments. "
            "We feel good about it.")),
        Turn("Kyle Brennan", "analyst", firm="Halvorsen Securities", section="qa", text="And a follow-up: what about margins?"),
        Turn("C. Marcus Oyelaran", "executive", "CFO", section="qa", text=(
            "Sure. Harbor gross margin is about 35% today and should pass 40% next year.")),
        Turn("Operator", "operator", section="qa", text="Next question, Mei-Lin Zhao, Granite Peak Capital."),
        Turn("Mei-Lin Zhao", "analyst", firm="Granite Peak Capital", section="qa", text=(
            "Good afternoon. I have two questions. Could you talk about pricing on Atlas? "
            "Second, is the buyback going to accelerate? Thank you.")),
        Turn("C. Marcus Oyelaran", "executive", "CFO", section="qa", text=(
            "On the buyback, we have $115 million remaining on the authorization. We will keep using it.")),
        Turn("Dana Whitfield", "executive", "CEO", section="qa", text="On pricing, Atlas prices rose 3% in July."),
        Turn("Mei-Lin Zhao", "analyst", firm="Granite Peak Capital", section="qa", text="Great, thank you."),
        Turn("Rachel Okafor", "analyst", firm=None, section="qa", text="Congratulations. That's all from me."),
    ])


def test_exchanges_with_analyst_firm_question_answerers_and_gist():
    tr = _call()
    ss = sentences_of(tr)
    ex = qa_exchanges(tr, ss)
    assert [e.analyst for e in ex] == ["Kyle Brennan", "Mei-Lin Zhao", "Rachel Okafor"]
    kyle, mei, rachel = ex
    assert kyle.firm == "Halvorsen Securities"
    assert "guidance raise" in kyle.question and "thanks for taking" not in kyle.question.lower()
    assert [a.speaker for a in kyle.answerers] == ["Dana Whitfield", "C. Marcus Oyelaran"]
    assert kyle.follow_ups == 1 and "$6 million" in kyle.gist and "Great question" not in kyle.gist
    assert "Could you talk about pricing on Atlas?" in mei.question and "buyback" in mei.question
    assert "Good afternoon" not in mei.question and "two questions" not in mei.question
    assert mei.follow_ups == 0 and mei.turns[-1] == 10  # "thank you" joins the exchange but is no follow-up
    assert {a.speaker for a in mei.answerers} == {"C. Marcus Oyelaran", "Dana Whitfield"}
    assert "$115 million" in mei.gist and "3%" in mei.gist
    assert rachel.firm is None and rachel.answerers == [] and rachel.gist == ""
    for e in ex:
        for p in e.question_positions + e.gist_positions:
            assert ss[p].text in e.question or ss[p].text in e.gist
        assert Exchange.from_json(json.loads(json.dumps(e.to_json()))) == e
    assert kyle.to_json()["answered_by"] == ["Dana Whitfield", "C. Marcus Oyelaran"]


def test_no_analysts_no_exchanges():
    tr = Transcript(turns=[Turn("CEO", "executive", text="Revenue grew 5%.")])
    assert qa_exchanges(tr, sentences_of(tr)) == []
    assert qa_exchanges(Transcript(), []) == []


def test_question_without_a_question_mark_uses_ask_phrases():
    tr = Transcript(turns=[
        Turn("Ann Lee", "analyst", firm="Acme Research", section="qa",
             text="Thank you. I'd like to understand the drivers of the margin decline in Europe."),
        Turn("Bob Chief", "executive", section="qa", text="Mostly freight, which cost us 80 basis points."),
    ])
    (e,) = qa_exchanges(tr, sentences_of(tr))
    assert e.question.startswith("I'd like to understand") and "80 basis points" in e.gist


def test_every_sample_with_analysts_gets_exchanges(parsed_samples):
    seen = 0
    for name, tr, ss in parsed_samples:
        if not any(t.role == "analyst" for t in tr.turns):
            continue
        ex = qa_exchanges(tr, ss)
        assert ex, name
        assert all(e.question for e in ex)
        assert sum(bool(e.firm) for e in ex) >= len(ex) // 2, name
        assert sum(bool(e.gist) for e in ex) >= len(ex) - 1, name
        seen += 1
    assert seen >= 4


@pytest.mark.shared
def test_xiaomi_exchanges(xiaomi_call):
    ex = qa_exchanges(*xiaomi_call)
    assert len(ex) >= 7
    ai = next(e for e in ex if e.analyst == "Leping Huang")
    assert ai.firm and "Huatai" in ai.firm and "AI" in ai.question
    assert "Lu Weibing" in [a.speaker for a in ai.answerers]
    assert "1,200" in ai.gist or "115 million" in ai.gist
    kyna = next(e for e in ex if e.analyst == "Kyna Wong")
    assert kyna.follow_ups == 1  # her second question joins the same exchange
