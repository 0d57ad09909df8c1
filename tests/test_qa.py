"""Q&A digest: each exchange as it happened, every question paired with its own reply, never a courtesy line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.model import Transcript, Turn, sentences_of
from summarizer.parse import parse_bytes
from summarizer.qa import Exchange, FollowUp, qa_exchanges
from summarizer.qa_talk import is_courtesy, is_handoff, names_in

QA_DATA = Path(__file__).parent / "data" / "qa"


@pytest.fixture(scope="module")
def brwl():
    """A fictional call with greetings before questions, a two-part question, a hand-off, an executive answering a
    question put to another, follow-ups answered by a different executive and an analyst's 'Okay.' mid-reply."""
    p = QA_DATA / "brwl-q2-2026-call.txt"
    tr = parse_bytes(p.read_bytes(), p.name)
    ss = sentences_of(tr)
    return tr, ss, {e.analyst: e for e in qa_exchanges(tr, ss)}


def _in_turns(tr: Transcript, ss, positions: list[int]) -> set[str]:
    return {tr.turns[ss[p].turn].speaker for p in positions}


def test_greetings_and_audio_checks_are_never_the_question(brwl):
    tr, ss, ex = brwl
    assert list(ex) == ["Priya Natarajan", "Marcus Feld", "Dana Liu"]
    for e in ex.values():
        for part in [e, *e.follow_ups]:
            low = part.question.lower()
            for courtesy in ("hear me", "good morning", "congrats", "two questions", "thanks for taking", "good afternoon"):
                assert courtesy not in low, part.question
    assert ex["Dana Liu"].question.startswith("My question is on the backlog.")
    assert "how much of it converts this year?" in ex["Dana Liu"].question
    assert ex["Marcus Feld"].question == "Tom, how should we think about the tax rate for the second half?"


def test_a_two_part_question_keeps_both_parts_and_both_answerers(brwl):
    tr, ss, ex = brwl
    priya = ex["Priya Natarajan"]
    assert "how much of the 6% growth came from new customers?" in priya.question
    assert "$1.2 billion capex plan" in priya.question
    assert [a.speaker for a in priya.answerers] == ["Helen Achterberg", "Tom Okonkwo"]
    assert "two-thirds" in priya.gist and "$300 million" in priya.gist
    assert "fuel surcharges" not in priya.gist  # that answers the follow-up, not this question


def test_follow_up_has_its_own_reply_answered_by_another_executive(brwl):
    tr, ss, ex = brwl
    (fu,) = ex["Priya Natarajan"].follow_ups
    # "what drove that?" brings the sentence it points back to
    assert fu.question == "Contract rates were up 4% in the quarter. Helen, what drove that?"
    # the question was put to Helen; she handed it to Tom, who answered: Helen is no answerer of it
    assert [a.speaker for a in fu.answerers] == ["Tom Okonkwo"]
    assert "fuel surcharges" in fu.gist and "take that" not in fu.gist
    assert _in_turns(tr, ss, fu.gist_positions) == {"Tom Okonkwo"}
    (marcus_fu,) = ex["Marcus Feld"].follow_ups
    assert "warehouse segment" in marcus_fu.question and "11% margin" in marcus_fu.question
    assert [a.speaker for a in marcus_fu.answerers] == ["Helen Achterberg"]
    assert "9%" in marcus_fu.gist and "24%" not in marcus_fu.gist


def test_an_executive_answers_a_question_meant_for_another_and_a_reply_runs_past_okay(brwl):
    tr, ss, ex = brwl
    marcus = ex["Marcus Feld"]
    assert marcus.question.startswith("Tom,")
    assert [a.speaker for a in marcus.answerers] == ["Helen Achterberg", "Tom Okonkwo"]  # Helen, then Tom after "Okay."
    assert "24%" in marcus.gist and "Automation" not in marcus.gist


def test_gists_and_answerers_come_from_the_reply_to_that_question_only(brwl):
    tr, ss, ex = brwl
    for e in ex.values():
        for part in [e, *e.follow_ups]:
            last_q = max(ss[p].turn for p in part.question_positions)
            gist_turns = [ss[p].turn for p in part.gist_positions]
            assert gist_turns and min(gist_turns) > last_q
            nxt = next((i for i in range(last_q + 1, len(tr.turns)) if tr.turns[i].role != "executive"
                        and not is_courtesy(tr.turns[i].text, names_in([t.speaker for t in tr.turns]))), len(tr.turns))
            assert max(gist_turns) < nxt, part.question
            assert all(tr.turns[t].role == "executive" for t in gist_turns)


def test_operator_introductions_give_the_firm(brwl):
    tr, ss, ex = brwl
    assert ex["Marcus Feld"].firm == "Kittredge Capital"  # his own label names no firm
    assert ex["Dana Liu"].firm == "Petrel Partners"
    assert ex["Priya Natarajan"].firm == "Ostrander & Vale"


def test_json_keeps_its_fields_and_adds_follow_ups(brwl):
    tr, ss, ex = brwl
    d = ex["Priya Natarajan"].to_json()
    assert {"analyst", "firm", "question", "question_positions", "answerers", "answered_by", "gist",
            "gist_positions", "gist_speakers", "turns"} <= set(d)
    (fu,) = d["follow_ups"]
    assert {"question", "answerers", "gist", "positions"} <= set(fu)
    assert fu["answered_by"] == ["Tom Okonkwo"] and fu["answerers"][0]["speaker"] == "Tom Okonkwo"
    assert sorted(fu["question_positions"] + fu["gist_positions"]) == fu["positions"]
    for e in ex.values():
        back = Exchange.from_json(json.loads(json.dumps(e.to_json())))
        assert back == e
    old = dict(d, follow_ups=1)  # a bundle stored before follow-ups had their own replies
    assert Exchange.from_json(old).follow_ups == []


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


def test_an_analyst_who_only_says_thanks_asks_nothing():
    tr = _call()
    ss = sentences_of(tr)
    ex = qa_exchanges(tr, ss)
    assert [e.analyst for e in ex] == ["Kyle Brennan", "Mei-Lin Zhao"]  # Rachel only congratulated
    kyle, mei = ex
    assert kyle.question.endswith("How much of the guidance raise comes from Harbor deployments?")
    assert "thanks" not in kyle.question.lower() and "congrats" not in kyle.question.lower()
    assert [a.speaker for a in kyle.answerers] == ["Dana Whitfield"] and "$6 million" in kyle.gist
    assert "Great question" not in kyle.gist and "35%" not in kyle.gist
    (fu,) = kyle.follow_ups
    assert "what about margins?" in fu.question and [a.speaker for a in fu.answerers] == ["C. Marcus Oyelaran"]
    assert "35%" in fu.gist
    assert "Could you talk about pricing on Atlas?" in mei.question and "buyback" in mei.question
    assert mei.follow_ups == [] and mei.turns[-1] == 10  # "thank you" joins the exchange but is no follow-up
    assert {a.speaker for a in mei.answerers} == {"C. Marcus Oyelaran", "Dana Whitfield"}
    assert "$115 million" in mei.gist and "3%" in mei.gist
    for e in ex:
        for part in [e, *e.follow_ups]:
            for p in part.question_positions:
                assert ss[p].text in part.question or part.question in ss[p].text or ss[p].text.endswith(part.question[:20])
            for p in part.gist_positions:
                assert ss[p].text in part.gist


def test_a_question_asked_again_before_any_answer_is_one_question():
    tr = Transcript(turns=[
        Turn("Ann Lee", "analyst", firm="Acme Research", section="qa", text="What is the capex plan for next year?"),
        Turn("Bob Chief", "executive", section="qa", text="Sorry, could you repeat the question?"),
        Turn("Ann Lee", "analyst", firm="Acme Research", section="qa", text="Sure. The capex plan for next year?"),
        Turn("Bob Chief", "executive", section="qa", text="We plan about $90 million of capex next year."),
    ])
    (e,) = qa_exchanges(tr, sentences_of(tr))
    assert e.follow_ups == [] and "$90 million" in e.gist and [a.speaker for a in e.answerers] == ["Bob Chief"]


def test_a_short_answer_is_still_the_gist():
    tr = Transcript(turns=[
        Turn("Ann Lee", "analyst", section="qa", text="What was the 2019 base you are using?"),
        Turn("Bob Chief", "executive", section="qa", text="Yeah. Roughly $20 million."),
        Turn("Ann Lee", "analyst", section="qa", text="And that is net income, correct?"),
        Turn("Bob Chief", "executive", section="qa", text="Right, correct."),
    ])
    (e,) = qa_exchanges(tr, sentences_of(tr))
    assert e.gist == "Roughly $20 million."
    (fu,) = e.follow_ups
    assert fu.question == "And that is net income, correct?" and fu.gist == "Right, correct."


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


@pytest.mark.parametrize("line", [
    "Good morning, everybody.", "Thanks for the question.", "Hi, everyone.", "Can you hear me?", "Nice quarter, congrats.",
    "Hi, thanks for taking my question, and congrats on a great quarter.", "I have two questions.", "Can you hear me okay?",
    "That's very helpful color.", "Got it, thanks.", "Good luck with the rest of the year.", "I'll jump back in the queue.",
    "Thanks, Kyle.", "Hey guys, this is Sam on for Jane Roe.", "Okay, great.", "That answers my question.", "Is that better?",
])
def test_courtesy_lines(line):
    assert is_courtesy(line, names_in(["Kyle Brennan", "Jane Roe"]))


@pytest.mark.parametrize("line", [
    "What about margins?", "On pricing?", "How much of that is one-time tooling?", "What drove that?",
    "Thanks. What drove the margin decline?", "Congrats on the quarter, but why did Harbor slow?",
    "I wanted to start with Harbor.", "15%?",
])
def test_asks_are_not_courtesy(line):
    assert not is_courtesy(line)


def test_handoffs_are_not_answers():
    names = names_in(["Dana Whitfield", "C. Marcus Oyelaran"])
    for line in ["Dana, do you want to take that?", "Marcus, why don't you take that?", "Go ahead, Marcus.", "Thanks, Dana.",
                 "Sure.", "Good morning.", "Sorry, could you repeat the question?", "Marcus?"]:
        assert is_handoff(line, names), line
    for line in ["Yes.", "Correct.", "The end of the year.", "No, we don't expect that.", "Roughly $20 million."]:
        assert not is_handoff(line, names), line


def test_bundled_northwind_q4_kyle_gets_dana_on_atlas_3_and_marcus_on_margins(parsed_samples):
    tr, ss = next((t, s) for n, t, s in parsed_samples if n == "nwrb-q4-2025-page.html")
    kyle = next(e for e in qa_exchanges(tr, ss) if e.analyst == "Kyle Brennan")
    assert "pause Atlas 3 orders" in kyle.question and "congratulations" not in kyle.question.lower()
    assert [a.speaker for a in kyle.answerers] == ["Dana Whitfield"]
    assert "hardware margins" not in kyle.gist and "Atlas 3" in kyle.gist
    (fu,) = kyle.follow_ups
    assert "hardware margins" in fu.question and [a.speaker for a in fu.answerers] == ["C. Marcus Oyelaran"]
    assert "300 basis points" in fu.gist


def test_bundled_halcyon_q3_consumer_question_gets_gregs_answer(parsed_samples):
    tr, ss = next((t, s) for n, t, s in parsed_samples if n == "hlcn-q3-2025-motley-fool.json")
    sarah = next(e for e in qa_exchanges(tr, ss) if e.analyst == "Sarah Lindgren")
    assert "consumer getting weaker, or is it timing?" in sarah.question
    assert "volume was up 1 point" in sarah.question  # the figure "that" points back to
    assert [a.speaker for a in sarah.answerers] == ["Gregory Ashby"]
    assert "advertising" not in sarah.gist.lower() and "pipeline fill" in sarah.gist
    (fu,) = sarah.follow_ups
    assert "advertising" in fu.question and [a.speaker for a in fu.answerers] == ["Nadia Petrov"]


def test_every_sample_with_analysts_gets_exchanges(parsed_samples):
    seen = 0
    for name, tr, ss in parsed_samples:
        if not any(t.role == "analyst" for t in tr.turns):
            continue
        ex = qa_exchanges(tr, ss)
        assert ex, name
        names = names_in([t.speaker for t in tr.turns])
        for e in ex:
            for part in [e, *e.follow_ups]:
                assert part.question and not is_courtesy(part.question, names), (name, part.question)
        assert sum(bool(e.firm) for e in ex) >= len(ex) // 2, name
        assert sum(bool(e.gist) for e in ex) >= len(ex) - 1, name
        seen += 1
    assert seen >= 4


def test_follow_up_from_json_tolerates_missing_fields():
    fu = FollowUp.from_json({"question": "Why?", "answerers": [{"speaker": "Bob", "title": None, "turns": [3]}]})
    assert fu.question == "Why?" and fu.gist == "" and fu.gist_positions == [] and fu.answerers[0].speaker == "Bob"


@pytest.mark.shared
def test_xiaomi_exchanges(xiaomi_call):
    ex = qa_exchanges(*xiaomi_call)
    assert len(ex) >= 7
    ai = next(e for e in ex if e.analyst == "Leping Huang")
    assert ai.firm and "Huatai" in ai.firm and "AI" in ai.question
    assert "Lu Weibing" in [a.speaker for a in ai.answerers]
    assert "1,200" in ai.gist or "115 million" in ai.gist
    kyna = next(e for e in ex if e.analyst == "Kyna Wong")
    assert len(kyna.follow_ups) == 1  # her second question joins the same exchange, with its own reply


def test_an_executive_hosting_the_q_and_a_closes_each_exchange():
    tr = Transcript(turns=[
        Turn("Ann Lee", "analyst", section="qa", text="How is pricing holding up in Europe?"),
        Turn("Bob Chief", "executive", section="qa", text="Prices were up 3% in Europe in the quarter."),
        Turn("Cara Voss", "executive", section="qa", text="Thanks, Ann. Our next question comes from Dev Shah with Acme."),
        Turn("Dev Shah", "analyst", section="qa", text="Thanks. What is the capex plan?"),
        Turn("Bob Chief", "executive", section="qa", text="About $90 million."),
    ])
    ann, dev = qa_exchanges(tr, sentences_of(tr))
    assert [a.speaker for a in ann.answerers] == ["Bob Chief"] and ann.turns == [0, 1]
    assert "next question" not in ann.gist and dev.gist == "About $90 million."


def test_an_unnamed_voice_asking_to_repeat_is_the_analyst_not_an_answerer():
    tr = Transcript(turns=[
        Turn("Unidentified Analyst", "analyst", section="qa", text="Could you talk about the Valencia contract's margins?"),
        Turn("Elena Marchetti", "executive", section="qa", text="Valencia starts below the group average and should reach it in year three."),
        Turn("Unknown Speaker", "other", section="qa", text="Sorry, could you repeat the last part?"),
        Turn("Elena Marchetti", "executive", section="qa", text="Year three, so 2028."),
    ])
    (e,) = qa_exchanges(tr, sentences_of(tr))
    assert [a.speaker for a in e.answerers] == ["Elena Marchetti"] and e.follow_ups == []
    assert e.gist.endswith("Year three, so 2028.")
