"""Topics: taxonomy as data, inflections and word boundaries, lenient names, tags, digests that dedupe and cite."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.model import Sentence, Transcript, Turn, sentences_of
from summarizer.topics import (TOPICS_FILE, Matcher, Topic, TopicSentence, TopicTag, builtin_topics, dedupe,
                               digest_call, find_topic, merge_digest, resolve_topic, tag_call, user_topic)

ISSUE_TOPICS = ["guidance", "revenue", "margins", "inventory", "pricing", "capital returns", "cash", "overseas",
                "products", "ai", "stores", "macro", "regulation", "m&a", "headcount"]


def hits(topic: str, text: str) -> list[str]:
    t = find_topic(topic)
    assert t is not None
    return Matcher([t]).hits(text).get(0, [])


def test_taxonomy_is_data_with_every_issue_topic():
    data = json.loads(TOPICS_FILE.read_text(encoding="utf-8"))
    assert len(data["topics"]) == len(builtin_topics()) >= 15
    keys = {find_topic(n).key for n in ISSUE_TOPICS}  # type: ignore[union-attr]
    assert len(keys) == 15
    assert all(t.phrases for t in builtin_topics())


@pytest.mark.parametrize("topic,text", [
    ("inventory", "Inventories rose in the quarter."),
    ("stores", "We opened 40 stores and closed two."),
    ("pricing", "Prices were cut twice."),
    ("capital returns", "We repurchased 2 million shares."),
    ("mna", "The acquisitions closed in May."),
    ("headcount", "We are hiring engineers."),
    ("regulation", "New regulations apply from July."),
])
def test_inflections_match(topic, text):
    assert hits(topic, text)


@pytest.mark.parametrize("topic,text", [
    ("ai", "He said the paint was dry."),
    ("ai", "We maintain our said position."),
    ("ai", "Ai is a name here, not the acronym."),
    ("inventory", "The inventor of the device retired."),
    ("stores", "History is long."),
    ("pricing", "Priceless moments."),
])
def test_word_boundaries_and_acronym_case(topic, text):
    assert hits(topic, text) == []


def test_acronyms_match_in_capitals_and_phrases_match_across_hyphens():
    assert hits("ai", "Our AI roadmap is on track.")
    assert hits("ai", "Large-scale models and large scale model work.")
    assert hits("guidance", "Our full-year view is unchanged.") and hits("guidance", "Our full year view.")


@pytest.mark.parametrize("name,key", [
    ("ai", "ai"), ("AI", "ai"), ("AI and technology", "ai"), ("  Inventory ", "inventory"), ("inventories", "inventory"),
    ("supply chain", "inventory"), ("buybacks", "capital-returns"), ("M&A", "mna"), ("fx", "macro"),
    ("Margins", "margins"), ("margin", "margins"), ("store", "channels"), ("guidance and outlook", "guidance"),
])
def test_topic_names_are_matched_leniently(name, key):
    t = find_topic(name)
    assert t is not None and t.key == key


def test_unknown_topic_becomes_an_adhoc_phrase_and_empty_name_says_what_to_do():
    t, note = resolve_topic("Harbor arm")
    assert t is not None and t.source == "adhoc" and t.phrases == ("Harbor arm",) and "not a known topic" in note
    t, note = resolve_topic("  !! ")
    assert t is None and "topic name" in note
    assert find_topic("") is None


def test_user_topics_take_precedence_and_clean_their_phrases():
    mine = user_topic("Robots", ["Atlas", " ", "Harbor arm", "Atlas"])
    assert mine.phrases == ("Atlas", "Harbor arm") and mine.source == "user"
    assert find_topic("robots", [mine]) is mine
    assert user_topic("fleet", []).phrases == ("fleet",)
    assert Matcher([mine]).hits("Two Harbor arms and an atlas")  # inflection and case


def _call() -> Transcript:
    return Transcript(company="Northwind Robotics", fiscal_quarter=3, fiscal_year=2025, turns=[
        Turn("Operator", "operator", text="Our inventory of questions is long. Please go ahead."),
        Turn("Dana Whitfield", "executive", text=(
            "Inventory came down to $138 million from $142 million. "
            "Inventory came down to $138 million from $142 million in the quarter. "
            "We cleared older inventory through promotions. "
            "Our AI planning tools cut stock levels. The weather was fine.")),
        Turn("Kyle Brennan", "analyst", firm="Halvorsen", section="qa", text="How do you think about inventories into Q4?"),
        Turn("C. Marcus Oyelaran", "executive", section="qa", text="We expect inventory to end the year near $135 million."),
    ])


def test_tag_call_counts_and_best_sentences():
    tr = _call()
    ss = sentences_of(tr)
    tags = tag_call(tr, ss)
    inv = next(t for t in tags if t.key == "inventory")
    assert inv.count >= 5 and 0 < inv.share <= 1
    assert tags[0].key == "inventory"  # the most discussed topic first
    texts = [s.text for s in inv.sentences]
    assert not any("questions is long" in t for t in texts)  # the operator is not the call's content
    assert sum("came down to $138 million" in t for t in texts) == 1  # near-duplicate dropped
    assert "$" in texts[0]  # a sentence with figures ranks first
    assert TopicTag.from_json(json.loads(json.dumps(inv.to_json()))) == inv
    for s in inv.sentences:
        assert ss[s.position].text == s.text and tr.turns[s.turn].speaker == s.speaker


def test_digest_of_one_call_cites_company_quarter_speaker():
    tr = _call()
    d = digest_call(tr, sentences_of(tr), find_topic("inventory"), limit=3)  # type: ignore[arg-type]
    assert len(d.items) == 3 and d.message is None
    assert d.items[0].citation.startswith("Northwind Robotics Q3 2025, ")
    empty = digest_call(tr, sentences_of(tr), find_topic("regulation"))  # type: ignore[arg-type]
    assert empty.items == [] and "Nothing about Regulation" in empty.message


def test_merge_across_calls_dedupes_and_ranks():
    a = [TopicSentence("Inventory fell to $50 billion at year end.", 1, 0, "CFO", 3.0, 1, "A", "Q4 2022")]
    b = [TopicSentence("Inventory fell to $50 billion at the year end.", 4, 0, "CFO", 2.9, 2, "A", "Q1 2023"),
         TopicSentence("Channel inventory is healthy.", 5, 0, "CEO", 1.0, 2, "A", "Q1 2023")]
    d = merge_digest(find_topic("inventory"), [a, b], 2, limit=5)  # type: ignore[arg-type]
    assert [i.text for i in d.items] == [a[0].text, b[1].text] and d.calls_searched == 2
    assert dedupe([], 3) == []


def test_bad_input_gives_empty_tags():
    for text in ["", "one sentence only", "12 34 56", "😀😀😀", "数据 很 好", "x" * 1_000_000]:
        tr = Transcript(turns=[Turn("A", "executive", text=text)])
        ss = [Sentence(0, 0, text)] if text else []
        assert tag_call(tr, ss) == []


@pytest.mark.shared
def test_xiaomi_inventory_and_ai_digests(xiaomi_call):
    tr, ss = xiaomi_call
    inv = " ".join(i.text for i in digest_call(tr, ss, find_topic("inventory"), limit=6).items)  # type: ignore[arg-type]
    assert "50.4 billion" in inv and "17.1 billion" in inv and "clearance" in inv
    ai = digest_call(tr, ss, find_topic("AI"), limit=5)  # type: ignore[arg-type]
    assert any("large" in i.text and "model" in i.text for i in ai.items)
    assert all(i.speaker == "Lu Weibing" for i in ai.items[:3])
    keys = [t.key for t in tag_call(tr, ss)]
    assert {"inventory", "ai", "regions", "channels"} <= set(keys)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_matches_or_not_without_error(text):
    m = Matcher(builtin_topics())
    found, n = m.hits_and_words(text)
    assert n >= 0 and all(0 <= ti < len(builtin_topics()) for ti in found)
