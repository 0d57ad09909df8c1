"""The finance thesaurus: its data file keeps its own rules, forms stand for each other, ambiguous ones only where
they fit, and alert matching with it never finds less than without it."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import QueryError
from summarizer.matcher import Matcher
from summarizer.query import parse_query
from summarizer.thesaurus import (THESAURUS_FILE, Thesaurus, ThesaurusError, _build, default_thesaurus, forms_found,
                                  matched_note, stems_of)


def finds(typed: str, sentence: str) -> list[str]:
    """The forms of what a user typed that count in one sentence."""
    return [f.text for f in forms_found(default_thesaurus().expand(stems_of(typed), typed), sentence)]


def test_the_data_file_has_its_documented_shape_and_keeps_its_rules() -> None:
    data = json.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    assert {"version", "about", "groups"} <= set(data) and "ambiguous" in data["about"] and "unless" in data["about"]
    t = default_thesaurus()
    assert len(t) == len(data["groups"]) >= 150
    for g in data["groups"]:
        assert set(g) <= {"key", "name", "forms", "ambiguous", "narrower"}, g["key"]
        assert g["name"] and len(g["forms"]) + len(g.get("ambiguous", [])) >= 2, g["key"]
        for a in g.get("ambiguous", []):
            assert set(a) <= {"form", "with", "unless", "as written"}, a
            assert a["form"].isupper() or a.get("with") or a.get("unless") or a.get("as written"), a
    keys = {g["key"] for g in data["groups"]}
    assert all(n[1:] in keys for g in data["groups"] for n in g.get("narrower", []) if n.startswith("@"))


def test_a_form_in_two_groups_or_an_unknown_reference_is_refused() -> None:
    with pytest.raises(ThesaurusError, match="(?i)capex.*both"):
        _build({"groups": [{"key": "a", "name": "A", "forms": ["capex", "capital spend"]},
                           {"key": "b", "name": "B", "forms": ["Capex", "plant spend"]}]})
    with pytest.raises(ThesaurusError, match="unknown group"):
        _build({"groups": [{"key": "a", "name": "A", "forms": ["x y", "z"], "narrower": ["@nowhere"]}]})


@pytest.mark.parametrize("typed,sentence", [
    ("capex", "Capital expenditures were $41 million in the quarter."),
    ("capital expenditures", "We now see capex of about $160 million."),
    ("EPS", "Earnings per share came in at $0.39."),
    ("earnings per share", "Adjusted EPS was $0.42, up 8%."),
    ("gross margin", "Gross profit margin improved 120 basis points to 41.2%."),
    ("gross margin", "The gross profit rate was 38.5%, down 40 basis points."),
    ("gross margins", "Our gross profit margins held up."),  # inflections on both sides
    ("free cash flow", "FCF conversion was strong."),
    ("buybacks", "We repurchased 1.2 million shares under the share repurchase program."),
    ("same-store sales", "Comparable store sales rose 4.1%, with traffic up 2%."),
    ("backlog", "The order book stands at a record $2.1 billion."),
    ("guidance", "We are raising our outlook for the year."),
    ("FX", "Foreign exchange was a two-point headwind."),
    ("headcount", "We ended the year with 4,200 employees."),
    ("AI", "We put machine learning into the planning tools."),
    ("tariffs", "Import duties on Chinese components cost us 30 basis points."),
    ("organic growth", "Organic revenue grew 6%."),
])
def test_a_form_finds_the_other_ways_of_saying_it(typed: str, sentence: str) -> None:
    assert finds(typed, sentence)


@pytest.mark.parametrize("typed,sentence", [
    ("gross margin", "GM trucks were a strong customer this year."),  # General Motors, not gross margin
    ("gross margin", "gm expanded 120 basis points."),  # an ambiguous abbreviation counts only in capitals
    ("GM", "Gross margin expanded 120 basis points."),  # typed, an ambiguous abbreviation means itself
    ("M&A", "Customer acquisition costs fell 12%."),
    ("same-store sales", "We face tough comps in the fourth quarter."),
    ("orders", "In order to grow we hired 40 engineers."),
    ("bookings", "Book value per share rose to $31."),
    ("IPO", "We leased more space in Ohio."),
    ("tariffs", "Our fiduciary duties come first."),
    ("headcount", "Employee benefits costs rose."),
])
def test_an_ambiguous_form_counts_only_where_its_context_fits(typed: str, sentence: str) -> None:
    assert finds(typed, sentence) in ([], [typed]) and not any(f != typed for f in finds(typed, sentence))


def test_ambiguous_abbreviations_count_beside_their_context() -> None:
    assert finds("gross margin", "GM expanded 120 basis points on mix.") == ["GM"]
    assert finds("same-store sales", "Comps were up 6% with traffic up 2%.") == ["comps"]
    assert finds("M&A", "The acquisition of Harbor closed in May.") == ["acquisition"]
    assert finds("gross margin", "gross margin") == ["gross margin"]


@pytest.mark.parametrize("typed,sentence", [
    # neighbours are not synonyms: a narrower or sibling concept is found from the broader one only
    ("rate cuts", "Higher interest rates weighed on housing."),
    ("Mexico", "Brazil grew 14% in local currency."),
    ("solar", "Our offshore wind backlog doubled."),
    ("GAAP EPS", "Adjusted EPS was $1.12."),
    ("Medicare", "Medicaid redeterminations cost us members."),
    ("hurricane", "Unfavorable weather hurt March traffic."),
    ("DSO", "Receivables rose with the revenue."),
    ("net interest income", "Interest income on our cash balances was $4 million."),
    ("load factor", "CASM ex-fuel rose 3%."),
    ("FTC", "The DOJ closed its investigation."),
    ("accretive", "The deal is dilutive to earnings in year one."),
])
def test_a_neighbouring_concept_is_not_a_synonym(typed: str, sentence: str) -> None:
    assert not finds(typed, sentence)


def test_a_broad_concept_finds_its_narrower_ones() -> None:
    assert finds("interest rates", "The Fed cut rates twice.") == ["the Fed"]
    assert finds("weather", "A hurricane closed 40 stores.") == ["hurricane"]
    assert finds("EPS", "Adjusted EPS was $1.12.") in (["EPS"], ["adjusted EPS"], ["EPS", "adjusted EPS"])
    assert finds("renewables", "Solar installations doubled.") == ["solar"]


def test_a_term_typed_exactly_means_its_words_only() -> None:
    t = default_thesaurus()
    assert [f.text for f in t.expand(("=",) + stems_of("capex"), "capex")] == ["capex"]
    assert len(t.expand(stems_of("capex"), "capex")) > 3


def test_matched_note_names_the_form_that_matched() -> None:
    assert matched_note([("gross profit margin", "gross margin"), ("gross margins", "gross margin")]) == \
        'matched "gross profit margin" for "gross margin"'


CALL = ["The gross profit rate was 41.2%, up 120 basis points.", "Capital expenditures were $41 million.",
        "GM trucks remained our largest customer.", "Import duties rose on steel."]


def fired(query: str, *, expand: bool = True, call: list[str] = CALL) -> bool:
    m = Matcher(expand=expand)
    m.add(1, parse_query(query))
    return bool(m.match(call))


@pytest.mark.parametrize("query", ['"gross margin"', "gross margin", "capex", "capex AND tariffs", "(capex OR EBITDA) NOT china"])
def test_an_alert_fires_on_a_call_that_says_it_another_way(query: str) -> None:
    assert fired(query) and not fired(query, expand=False)


def test_exact_terms_and_excluded_words_are_not_expanded() -> None:
    assert not fired('="gross margin"') and not fired("=capex")
    assert fired('"gross margin" NOT tariffs')  # 'duties' is a way of saying tariffs, but an excluded word is as typed
    assert not fired('"gross margin" NOT duties')
    assert not fired('"gross margin" AND GM AND NOT trucks')


def test_the_matcher_says_which_form_matched_where() -> None:
    m = Matcher()
    m.add("a", parse_query("capex"))
    (hit,) = m.match(CALL)
    assert hit.terms == {("capex",): [1]}
    assert [f.text for f in m.synonyms(("capex",), CALL[1])] == ["capital expenditures"]
    assert m.synonyms(("capex",), CALL[0]) == []


VOCAB = ["capex", "capital", "expenditures", "gross", "margin", "GM", "EPS", "earnings", "per", "share", "tariffs",
         "duties", "guidance", "outlook", "raise", "our", "trucks", "china", "buyback", "repurchase", "orders",
         "bookings", "comps", "sales", "traffic", "employees", "headcount", "revenue"]
word = st.sampled_from(VOCAB)
term = st.one_of(word, st.lists(word, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
                 word.map(lambda w: "=" + w))


@st.composite
def queries(draw) -> str:  # noqa: ANN001
    parts = draw(st.lists(term, min_size=1, max_size=4))
    ops = draw(st.lists(st.sampled_from([" ", " AND ", " OR ", " NOT ", " AND NOT "]), min_size=len(parts) - 1,
                        max_size=len(parts) - 1))
    text = parts[0] + "".join(o + p for o, p in zip(ops, parts[1:]))
    return draw(st.sampled_from([text, f"({text})", f"{text} OR revenue"]))


sentence = st.lists(st.sampled_from(VOCAB + ["the", "was", "up", "10%", "basis", "points", "in", "to", "eps", "gm",
                                             "Capital", "expenditure"]),
                    min_size=0, max_size=12).map(lambda ws: " ".join(ws) + ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(queries(), min_size=1, max_size=5), st.lists(st.lists(sentence, min_size=1, max_size=5), min_size=1, max_size=4))
def test_with_the_thesaurus_a_query_never_matches_fewer_calls(qs: list[str], calls: list[list[str]]) -> None:
    on, off = Matcher(), Matcher(expand=False)
    parsed = []
    for i, q in enumerate(qs):
        try:
            parsed.append((i, parse_query(q)))
        except QueryError:
            continue
    for i, q in parsed:
        on.add(i, q)
        off.add(i, q)
    for call in calls:
        got_on = {k for h in on.match(call) for k in h.keys}
        got_off = {k for h in off.match(call) for k in h.keys}
        assert got_off <= got_on


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_query_text_parses_or_says_why_and_then_matches_without_error(text: str) -> None:
    try:
        q = parse_query(text)
    except QueryError as e:
        assert str(e).startswith("Cannot use that query")
        return
    m = Matcher()
    m.add(0, q)
    m.match(["Capital expenditures rose.", text])


def test_an_empty_thesaurus_changes_nothing() -> None:
    m = Matcher(thesaurus=Thesaurus(()))
    m.add(1, parse_query("capex"))
    assert not m.match(CALL)


@settings(max_examples=200, deadline=None)
@given(st.lists(queries(), min_size=2, max_size=6), st.lists(sentence, min_size=1, max_size=6), st.data())
def test_many_subscriptions_match_as_each_would_alone_also_after_removals(qs: list[str], call: list[str], data) -> None:  # noqa: ANN001
    # terms of one thesaurus group share their patterns inside the matcher: sharing must change no result
    parsed = {}
    for i, q in enumerate(qs):
        try:
            parsed[i] = parse_query(q)
        except QueryError:
            continue
    many = Matcher()
    for i, q in parsed.items():
        many.add(i, q)
    gone = set(data.draw(st.lists(st.sampled_from(sorted(parsed) or [0]), max_size=3)))
    for i in gone:
        many.remove(i)

    def alone(q):  # noqa: ANN001, ANN202
        m = Matcher()
        m.share_groups = False
        m.add(0, q)
        return {t: idx for h in m.match(call) for t, idx in h.terms.items()} if m.match(call) else None

    got = {k: h.terms for h in many.match(call) for k in h.keys}
    want = {i: alone(q) for i, q in parsed.items() if i not in gone}
    assert set(got) == {i for i, w in want.items() if w is not None}
    for i in got:
        assert got[i] == want[i]


def test_terms_of_one_group_share_patterns_yet_each_keeps_its_own_words() -> None:
    call = ["eps was up 8%.", "Capital expenditures rose.", "EPS rose.", "We spent more capex."]
    m = Matcher()
    for i, q in enumerate(["eps", '"earnings per share"', "capex", '"capital expenditures"']):
        m.add(i, parse_query(q))
    got = {k: h.terms for h in m.match(call) for k in h.keys}
    assert got[0] == {("eps",): [0, 2]}  # typed 'eps': its own words in any case, the group's EPS in capitals
    assert got[1] == {("earn", "per", "shar"): [2]}  # 'eps' in lower case is not a way of saying it
    assert got[2] == {("capex",): [1, 3]} and got[3] == {("capital", "expenditur"): [1, 3]}
    m.remove(2)
    m.remove(0)
    got = {k: h.terms for h in m.match(call) for k in h.keys}
    assert set(got) == {1, 3} and got[3] == {("capital", "expenditur"): [1, 3]}
    m.remove(1)
    m.remove(3)
    assert m.match(call) == [] and m.n_patterns == 0


@pytest.mark.parametrize("query,sentence", [
    ("earnings per share", "EPS rose 8% to $1.12."),  # 'earnings' must be typed so: the -ing form is spelled
    ("cost of goods sold", "COGS rose with freight."),  # 'of' is dropped from a query, not from the phrase
    ("return on invested capital", "ROIC improved 90 basis points."),
])
def test_words_typed_side_by_side_find_the_phrase_they_make(query: str, sentence: str) -> None:
    m = Matcher()
    m.add(0, parse_query(query))
    assert m.match([sentence])
    off = Matcher(expand=False)
    off.add(0, parse_query(query))
    assert not off.match([sentence])


def _inside_unless_reference(words: list[str], i: int, k: int, unless: list[tuple[str, ...]]) -> bool:
    """The documented rule, written plainly: the occurrence words[i:i+k] sits inside an `unless` phrase (each word as
    written in any case, or its plural)."""
    low = [w.lower().replace("\u2019", "'") for w in words]
    for u in unless:
        for j in range(len(words) - len(u) + 1):
            if j <= i and j + len(u) >= i + k and all(low[j + t] in (w, w + "s", w + "es") for t, w in enumerate(u)):
                return True
    return False


_VOCAB = ["sales", "Sales", "SALES", "team", "teams", "force", "head", "of", "vp", "grew", "the", "deal", "deals",
          "with", "salesforce", "cycle", "cyclees", "and", "marketing", "we", "sales\u2019"]
_UNLESS = ["sales team", "sales force", "salesforce", "head of sales", "vp of sales", "sales and marketing",
           "sales cycle", "sales"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB + _UNLESS + ["Head of Sales", "sales teams", "sale force"]), min_size=1, max_size=6),
       st.lists(st.sampled_from(_UNLESS), max_size=5), st.sampled_from(["sales", "sales team", "of sales"]))
def test_unless_phrases_exclude_exactly_the_occurrences_inside_them(chunks, unless, phrase) -> None:
    """The exclusion index (by first and second word, plurals folded in) gives the plain rule's answer everywhere."""
    from summarizer.thesaurus import WORD, rule_form, stem

    form = rule_form(phrase, unless=unless)
    ws = WORD.findall(" ".join(chunks))
    stems = [stem(w) for w in ws]
    ul = [tuple(w.lower() for w in WORD.findall(u)) for u in unless]
    for i in form.occurrences(stems):
        assert form.holds_at(ws, stems, i) == (not _inside_unless_reference(ws, i, len(form.stems), ul)), (ws, i, unless)
