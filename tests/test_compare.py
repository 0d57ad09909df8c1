"""The comparison of two calls, on figure dicts written by hand to the figure-model contract."""
from __future__ import annotations

import json

import pytest

from summarizer.compare import CallFacts, compact, compare_calls
from summarizer.compare.guidance import classify, guidance_moves, results_vs_guidance, verdict
from summarizer.compare.periods import parse_period
from summarizer.compare.results import reported_changes
from summarizer.compare.topics import topic_shifts

CFO = "Marcus Oyelaran"


def fig(metric_key: str, value: str, amount: float | None, high: float | None = None, *, kind: str = "guidance",
        period: str | None = "FY 2026", unit: str | None = "USD", scope: str | None = None, metric: str | None = None,
        direction: str | None = None, previous: str | None = None, sentence: str | None = None,
        speaker: str = CFO, position: int = 10, score: float = 5.0) -> dict:
    """A figure dict with the contract's fields (the rest None)."""
    return {"metric": metric or metric_key.replace("_", " "), "metric_key": metric_key, "accounting": None,
            "scope": scope, "period": period, "fiscal_period": period, "value": value, "amount": amount,
            "amount_high": high, "unit": unit, "currency": "USD" if unit == "USD" else None, "change": None,
            "change_pct": None, "change_amount": None, "change_basis": None, "compared_to": None, "kind": kind,
            "direction": direction, "previous": previous, "previous_amount": None, "previous_amount_high": None,
            "approx": None, "sentence_position": position, "turn": 3, "speaker": speaker,
            "sentence": sentence or f"We expect {metric or metric_key} of {value}.", "text_span": "", "score": score}


def call(cid: int, q: int, y: int, figures: list[dict], **kw) -> CallFacts:
    return CallFacts(cid, "Northwind Robotics", "NWRB", q, y, None, figures, kw.get("topics", []), kw.get("tone"))


M = 1e6


@pytest.mark.parametrize("before,now,move", [
    ((900 * M, 940 * M), (940 * M, 970 * M), "raised"),
    ((900 * M, 940 * M), (860 * M, 900 * M), "lowered"),
    ((800 * M, 820 * M), (812 * M, 822 * M), "raised"),     # narrower but shifted up: raised
    ((900 * M, 940 * M), (910 * M, 940 * M), "narrowed"),   # inside the old range
    ((900 * M, 940 * M), (900 * M, 930 * M), "narrowed"),
    ((0.40, 0.44), (0.38, 0.46), "widened"),
    ((12.3, 12.3), (12.0, 12.5), "widened"),
    ((12.3, 12.3), (12.3, 12.3), "reaffirmed"),
    ((0.42, 0.42), (0.40, 0.40), "lowered"),
    ((214 * M, 222 * M), (214 * M, 222 * M), "reaffirmed"),
])
def test_classify_moves(before, now, move) -> None:
    assert classify(before, now) == move


def test_verdicts_count_the_ends_as_within() -> None:
    assert verdict((440e6, 450e6), 452.2e6) == "above"
    assert verdict((440e6, 450e6), 450e6) == "within"
    assert verdict((440e6, 450e6), 439.9e6) == "below"


def test_periods_in_order() -> None:
    assert parse_period("Q4 2025").end < parse_period("FY 2026").end
    assert parse_period("Q1 2026").previous_quarter().label == "Q4 2025"
    assert parse_period("H1 2026").label == "H1 2026" and parse_period("9M 2025").label == "9M 2025"
    assert parse_period("fourth quarter") is None and parse_period(None) is None


def _two_calls() -> tuple[CallFacts, CallFacts]:
    q3 = call(6, 3, 2025, [
        fig("revenue", "$900 million to $940 million", 900 * M, 940 * M),
        fig("operating_margin_adjusted", "13% to 14%", 13, 14, unit="%", metric="adjusted operating margin"),
        fig("eps_adjusted", "$1.60 to $1.70", 1.60, 1.70, unit="USD/share", metric="adjusted EPS"),
        fig("gross_margin", "43%", 43, unit="%"),
        fig("free_cash_flow", "$120 million", 120 * M, metric="free cash flow"),
        fig("revenue", "$222 million to $230 million", 222 * M, 230 * M, period="Q4 2025"),
    ])
    q4 = call(7, 4, 2025, [
        fig("revenue", "$940 million to $970 million", 940 * M, 970 * M,
            sentence="We are raising our full-year 2026 revenue outlook to $940 million to $970 million."),
        fig("operating_margin_adjusted", "12% to 13%", 12, 13, unit="%", metric="adjusted operating margin"),
        fig("eps_adjusted", "$1.62 to $1.68", 1.62, 1.68, unit="USD/share", metric="adjusted EPS"),
        fig("gross_margin", "43%", 43, unit="%"),
        fig("revenue", "$214 million to $222 million", 214 * M, 222 * M, period="Q1 2026"),
        fig("revenue", "$226.4 million", 226.4 * M, kind="reported", period="Q4 2025"),
    ])
    return q3, q4


def test_moves_between_two_calls_metric_by_metric_and_period_by_period() -> None:
    q3, q4 = _two_calls()
    moves = {(g.metric_key, g.period): g for g in guidance_moves(q4, q3)}
    assert moves[("revenue", "FY 2026")].move == "raised"
    assert moves[("revenue", "FY 2026")].before == "$900 million to $940 million"
    assert moves[("revenue", "FY 2026")].now == "$940 million to $970 million"
    assert moves[("operating_margin_adjusted", "FY 2026")].move == "lowered"
    assert moves[("eps_adjusted", "FY 2026")].move == "narrowed"
    assert moves[("gross_margin", "FY 2026")].move == "reaffirmed"
    assert moves[("revenue", "Q1 2026")].move == "initiated" and moves[("revenue", "Q1 2026")].before is None
    assert moves[("free_cash_flow", "FY 2026")].move == "dropped"
    assert moves[("free_cash_flow", "FY 2026")].now is None
    # Q4 2025 revenue was guided in Q3 and is now reported: not a dropped guide
    assert ("revenue", "Q4 2025") not in moves
    raised = moves[("revenue", "FY 2026")]
    assert [(s["quarter"], s["speaker"]) for s in raised.sources] == [("Q4 2025", CFO), ("Q3 2025", CFO)]
    assert raised.sources[0]["sentence"].startswith("We are raising our full-year 2026 revenue outlook")


def test_headline_says_the_move_with_both_ranges_as_said() -> None:
    q3, q4 = _two_calls()
    g = next(m for m in guidance_moves(q4, q3) if m.metric_key == "revenue" and m.period == "FY 2026")
    assert g.headline("NWRB") == "NWRB raises FY 2026 revenue guidance to $940–970 million from $900–940 million"
    # the most newsworthy move comes first: a cut
    assert guidance_moves(q4, q3)[0].move == "lowered"


def test_no_move_between_different_scopes_periods_or_units() -> None:
    before = call(1, 2, 2025, [
        fig("revenue", "$200 million", 200 * M, scope="Orchestrate"),
        fig("revenue", "$800 million", 800 * M, period="FY 2025"),
        fig("gross_margin", "43%", 43, unit="%"),
    ])
    now = call(2, 3, 2025, [
        fig("revenue", "$900 million", 900 * M),                      # whole company, FY 2026
        fig("revenue", "$260 million", 260 * M, period="FY 2026", scope="orchestrate "),  # same scope, other case
        fig("gross_margin", "4,300 bps", 4300, unit="bps"),
    ])
    moves = guidance_moves(now, before)
    by = {(g.metric_key, (g.scope or "").strip().lower(), g.period): g.move for g in moves}
    assert by[("revenue", "", "FY 2026")] == "initiated"
    assert by[("revenue", "orchestrate", "FY 2026")] == "raised"  # Orchestrate $200m -> $260m, same scope
    assert ("revenue", "", "FY 2025") not in by  # still ahead, but revenue is still talked about: no drop claimed
    assert not any(g.metric_key == "gross_margin" and g.move in ("raised", "lowered") for g in moves)


def test_unknown_period_is_never_compared_and_blocks_a_dropped_claim() -> None:
    before = call(1, 2, 2025, [fig("revenue", "$800 million", 800 * M, period="FY 2025")])
    now = call(2, 3, 2025, [fig("revenue", "$810 million", 810 * M, period=None)])
    assert guidance_moves(now, before) == []


def test_without_an_earlier_call_the_call_s_own_words_give_the_moves() -> None:
    now = call(9, 3, 2025, [
        fig("revenue", "$940 million to $970 million", 940 * M, 970 * M, direction="raised",
            previous="$900 million to $940 million"),
        fig("eps_adjusted", "$1.60", 1.60, unit="USD/share", direction="reaffirmed"),
        fig("free_cash_flow", "$100 million", 100 * M),  # no direction said: no move claimed
        fig("capex", "", None, direction="withdrawn", metric="capital expenditures"),
    ])
    moves = {g.metric_key: g for g in guidance_moves(now, None)}
    assert moves["revenue"].move == "raised" and moves["revenue"].basis == "stated"
    assert moves["revenue"].before == "$900 million to $940 million"
    assert moves["eps_adjusted"].move == "reaffirmed"
    assert moves["capex"].move == "dropped"
    assert "free_cash_flow" not in moves


def test_results_against_the_latest_guidance_for_that_period() -> None:
    q1 = call(1, 1, 2025, [fig("revenue", "$800 million to $840 million", 800 * M, 840 * M, period="FY 2025")])
    q2 = call(2, 2, 2025, [fig("revenue", "$205 million to $213 million", 205 * M, 213 * M, period="Q3 2025"),
                           fig("eps_adjusted", "$0.42 to $0.46", 0.42, 0.46, unit="USD/share", period="Q3 2025")])
    q3 = call(3, 3, 2025, [
        fig("revenue", "$215.0 million", 215 * M, kind="reported", period="Q3 2025"),
        fig("eps_adjusted", "$0.41", 0.41, kind="reported", period="Q3 2025", unit="USD/share",
            metric="adjusted EPS"),
        fig("revenue", "$180.0 million", 180 * M, kind="reported", period="Q3 2024"),  # a year-ago figure
    ])
    vs = {v.metric_key: v for v in results_vs_guidance(q3, [q1, q2])}
    assert vs["revenue"].verdict == "above" and vs["revenue"].guided_in == "Q2 2025"
    assert vs["revenue"].headline() == ("Q3 2025 revenue $215.0 million: above the top of the $205–213 million "
                                        "guided in Q2 2025")
    assert vs["eps_adjusted"].verdict == "below"
    assert len(vs) == 2


def test_reported_figures_beside_previous_quarter_and_year_ago() -> None:
    y_ago = call(1, 3, 2024, [fig("revenue", "$180.0 million", 180 * M, kind="reported", period="Q3 2024")])
    q2 = call(2, 2, 2025, [fig("revenue", "$198.7 million", 198.7 * M, kind="reported", period="Q2 2025"),
                           fig("gross_margin", "42.1%", 42.1, kind="reported", period="Q2 2025", unit="%")])
    q3 = call(3, 3, 2025, [fig("revenue", "$211.3 million", 211.3 * M, kind="reported", period="Q3 2025"),
                           fig("gross_margin", "42.1%", 42.1, kind="reported", period="Q3 2025", unit="%"),
                           fig("capex", "$9 million", 9 * M, kind="reported", period="Q3 2025")])
    out = {c.metric_key: c for c in reported_changes(q3, [y_ago, q2])}
    rev = out["revenue"]
    assert (rev.previous_quarter.value, rev.previous_quarter.direction) == ("$198.7 million", "up")
    assert (rev.year_ago.period, rev.year_ago.value) == ("Q3 2024", "$180.0 million")
    assert out["gross_margin"].previous_quarter.direction == "flat" and out["gross_margin"].year_ago is None
    assert "capex" not in out  # nothing stored to set it beside


def _tag(key: str, name: str, count: int, share: float, text: str) -> dict:
    return {"key": key, "name": name, "count": count, "share": share,
            "sentences": [{"text": text, "position": 4, "turn": 2, "speaker": "Dana Whitfield", "score": 1.0}]}


def test_topic_shifts_rise_fall_and_new_with_a_cited_sentence() -> None:
    before = call(1, 2, 2025, [], topics=[_tag("pricing", "Pricing", 10, 0.10, "Prices held."),
                                          _tag("macro", "Macro and FX", 4, 0.04, "FX was a headwind."),
                                          _tag("ma", "M&A", 3, 0.03, "We looked at deals.")])
    now = call(2, 3, 2025, [], topics=[_tag("pricing", "Pricing", 3, 0.03, "We kept prices."),
                                       _tag("macro", "Macro and FX", 12, 0.12, "Tariffs hit demand."),
                                       _tag("ma", "M&A", 3, 0.035, "Still looking."),
                                       _tag("ai", "AI and technology", 6, 0.06, "Our AI planner shipped.")])
    shifts = {t.key: t for t in topic_shifts(now, before)}
    assert shifts["ai"].change == "new" and shifts["ai"].sentence["sentence"] == "Our AI planner shipped."
    assert shifts["macro"].change == "rose" and shifts["macro"].sentence["speaker"] == "Dana Whitfield"
    assert shifts["pricing"].change == "fell"
    assert "ma" not in shifts  # half a point is no shift
    assert [t.change for t in topic_shifts(now, before)] == ["new", "rose", "fell"]


def _tone(net: float, words: int = 1000, qa: float | None = None) -> dict:
    stats = {"words": words, "positive": 30, "negative": 30 - int(net * words), "uncertainty": 10, "sentences": 50,
             "net": net, "positive_rate": 0.03, "negative_rate": 0.03 - net, "uncertainty_rate": 0.01}
    return {"overall": stats, "sections": {"prepared": stats, "qa": dict(stats, net=qa if qa is not None else net)},
            "executives": [dict(stats, speaker="Dana Whitfield", title="CEO")],
            "top": {"positive": [{"text": "Demand was strong.", "speaker": "Dana Whitfield", "position": 3,
                                  "positive": ["strong"], "negative": [], "uncertainty": []}],
                    "negative": [{"text": "Orders slipped and margins were weak.", "speaker": CFO, "position": 9,
                                  "positive": [], "negative": ["slipped", "weak"], "uncertainty": []}],
                    "uncertainty": []}}


def test_tone_change_range_and_the_sentences_that_moved_it() -> None:
    calls = [call(1, 1, 2025, [], tone=_tone(0.012)), call(2, 2, 2025, [], tone=_tone(0.020)),
             call(3, 3, 2025, [], tone=_tone(0.004, qa=-0.002))]
    ch = compare_calls(calls[2], calls)
    t = ch.tone
    assert t["change"] == pytest.approx(-0.016)
    assert t["range"]["min"] == 0.004 and t["range"]["max"] == 0.020 and t["range"]["rank"] == 3
    assert t["moved_by"] == "negative" and t["sentences"][0]["sentence"] == "Orders slipped and margins were weak."
    assert t["sentences"][0]["quarter"] == "Q3 2025" and t["sentences"][0]["speaker"] == CFO
    assert t["sections"]["qa"]["change"] == pytest.approx(-0.022)
    assert t["executives"][0]["speaker"] == "Dana Whitfield"


def test_json_shape_is_the_contract_and_serialises() -> None:
    q3, q4 = _two_calls()
    data = compare_calls(q4, [q3, q4]).to_json()
    assert list(data)[:7] == ["call", "previous", "guidance", "vs_guidance", "figures", "topics", "tone"]
    for g in data["guidance"]:
        assert {"metric", "scope", "period", "before", "now", "move", "sources"} <= set(g)
        assert g["move"] in ("raised", "lowered", "narrowed", "widened", "reaffirmed", "initiated", "dropped")
    assert data["vs_guidance"][0]["verdict"] in ("above", "within", "below")
    assert data["call"]["quarter"] == "Q4 2025" and data["previous"]["quarter"] == "Q3 2025"
    json.dumps(data)


def test_a_gap_in_the_stored_quarters_is_said() -> None:
    q1 = call(1, 1, 2025, [fig("revenue", "$800 million", 800 * M, period="FY 2025")])
    q3 = call(3, 3, 2025, [fig("revenue", "$820 million", 820 * M, period="FY 2025")])
    ch = compare_calls(q3, [q1, q3])
    assert ch.previous.id == 1
    assert any("Q2 2025 is not stored" in n for n in ch.notes)
    assert ch.guidance[0].move == "raised" and ch.guidance[0].before_call == "Q1 2025"


def test_one_call_says_no_earlier_call_and_its_own_moves() -> None:
    only = call(5, 2, 2025, [fig("revenue", "$900 million", 900 * M, direction="lowered", previous="$950 million")])
    ch = compare_calls(only, [only])
    assert ch.previous is None and "No earlier call stored" in ch.notes[0]
    assert ch.headline() == "NWRB lowers FY 2026 revenue guidance to $900 million from $950 million"


@pytest.mark.parametrize("value,shown", [
    ("$940 million to $970 million", "$940–970 million"),
    ("$0.40 to $0.44", "$0.40–0.44"),
    ("42.5% to 43%", "42.5–43%"),
    ("$900 million to $1 billion", "$900 million to $1 billion"),
    ("about 12.3%", "about 12.3%"),
])
def test_compact_ranges_keep_every_number(value, shown) -> None:
    assert compact(value) == shown


def test_values_too_far_apart_are_not_one_measure() -> None:
    """A segment's $7.9 million read as the company's revenue is not a 96% miss of its $205-213 million guide."""
    q2 = call(2, 2, 2025, [fig("revenue", "$205 million to $213 million", 205 * M, 213 * M, period="Q3 2025"),
                           fig("revenue", "$800 million to $840 million", 800 * M, 840 * M, period="FY 2025")])
    q3 = call(3, 3, 2025, [fig("revenue", "$7.9 million", 7.9 * M, kind="reported", period="Q3 2025"),
                           fig("revenue", "$80 million", 80 * M, period="FY 2025")])
    assert results_vs_guidance(q3, [q2]) == []
    assert not any(g.move in ("raised", "lowered") for g in guidance_moves(q3, q2))


def test_an_executive_is_matched_across_calls_without_initials() -> None:
    from summarizer.compare.tone_change import person_key

    assert person_key("C. Marcus Oyelaran") == person_key("Marcus Oyelaran") == "marcus oyelaran"


def test_values_are_shown_with_the_approximation_the_call_said() -> None:
    before = call(1, 1, 2025, [dict(fig("free_cash_flow", "$60 million", 60 * M), approx="about")])
    now = call(2, 2, 2025, [fig("revenue", "$900 million", 900 * M)])
    dropped = next(g for g in guidance_moves(now, before) if g.metric_key == "free_cash_flow")
    assert dropped.before == "about $60 million"


def test_a_guide_contradicted_in_its_own_call_states_no_move() -> None:
    """'Our $0.55 adjusted EPS guidance increase' beside the '$7.30 to $7.40' guide: no 'raised to $0.55'."""
    now = call(4, 2, 2021, [fig("eps_adjusted", "$0.55", 0.55, unit="USD", direction="raised"),
                            fig("eps_adjusted", "$7.30 to $7.40", 7.30, 7.40, unit="USD/share", period=None,
                                direction="raised")])
    assert guidance_moves(now, None) == []


def test_dropped_only_for_metrics_companies_guide_unless_the_call_withdraws_it() -> None:
    before = call(1, 4, 2020, [fig("net_income_gaap", "$24 million", 24 * M, period="FY 2021", metric="loss"),
                               fig("capex", "$40 million", 40 * M, period="FY 2021")])
    now = call(2, 1, 2021, [fig("revenue", "$900 million", 900 * M, period="FY 2021")])
    dropped = {g.metric_key for g in guidance_moves(now, before) if g.move == "dropped"}
    assert dropped == {"capex"}


def test_eps_in_plain_dollars_is_per_share() -> None:
    before = call(1, 1, 2025, [fig("eps_adjusted", "$1.10 to $1.20", 1.10, 1.20, unit="USD")])
    now = call(2, 2, 2025, [fig("eps_adjusted", "$1.20 to $1.30", 1.20, 1.30, unit="USD/share")])
    assert [g.move for g in guidance_moves(now, before)] == ["raised"]


def test_a_guide_for_a_period_already_over_is_not_guidance() -> None:
    now = call(3, 3, 2021, [fig("gross_margin", "3%", 3, unit="%", period="Q2 2021"),
                            fig("revenue", "$5 million", 5 * M, period="FY 2018")])
    assert guidance_moves(now, call(2, 2, 2021, [])) == []


def test_initiated_only_for_guided_metrics_and_never_against_the_call_s_own_word() -> None:
    before = call(1, 1, 2025, [])
    now = call(2, 2, 2025, [fig("headcount", "1,200 people", 1200, unit="people"),
                            fig("revenue", "$950 million", 950 * M, direction="raised"),
                            fig("capex", "$40 million", 40 * M)])
    moves = {g.metric_key: (g.move, g.basis) for g in guidance_moves(now, before)}
    assert moves == {"revenue": ("raised", "stated"), "capex": ("initiated", "calls")}
