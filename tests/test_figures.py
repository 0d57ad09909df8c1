"""Key figures: verbatim values with metric, unit, period, change and kind, over many phrasings and real calls."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.figures import Figure, extract_figures, figures_in_sentence
from summarizer.model import Sentence, Transcript, Turn, sentences_of


def figs(text: str, speaker: str | None = "CFO") -> list[Figure]:
    out = figures_in_sentence(Sentence(0, 0, text), speaker)
    for f in out:
        assert f.value in text, (f.value, text)
        assert f.change is None or all(part in text for part in f.change.split("; "))
        assert f.period is None or f.period in text
    return out


def one(text: str, value: str) -> Figure:
    found = [f for f in figs(text) if f.value == value]
    assert found, f"{value!r} not found in {[f.value for f in figs(text)]}"
    return found[0]


def test_ffo_is_its_own_metric_not_the_net_income_after_it() -> None:
    text = ("Last night we reported third quarter FFO of $0.44 per share and net income attributable to common "
            "stockholders of $0.08 per share for the third quarter.")
    assert (one(text, "$0.44").metric_key, one(text, "$0.44").unit) == ("ffo_per_share", "USD/share")
    assert one(text, "$0.08").metric_key == "eps_gaap"  # net income per share: an EPS
    assert one("Core FFO was $1.25 per share, up 8%.", "$1.25").metric_key == "ffo_per_share_adjusted"
    assert one("Funds from operations were $120 million.", "$120 million").metric_key == "ffo"


@pytest.mark.parametrize("text,value,key,unit,change_pct,basis", [
    ("Revenue was $196.7 million, up 17% year-over-year.", "$196.7 million", "revenue", "USD", 17.0, "y/y"),
    ("Total revenue in the fourth quarter reached 66 billion yuan, a decrease of 22.8% from the same period in 2021.",
     "66 billion yuan", "revenue", "CNY", -22.8, "y/y"),
    ("Its adjusted net profit was 1.5 billion yuan, a 67.3% decrease from the same period in 2021.",
     "1.5 billion yuan", "net_income_adjusted", "CNY", -67.3, "y/y"),
    ("Net sales declined 4.5% sequentially to €2.1bn.", "€2.1bn", "revenue", "EUR", -4.5, "sequential"),
    ("Group turnover rose 8% to £845m.", "£845m", "revenue", "GBP", 8.0, None),
    ("Operating profit came in at ¥312 billion, down 3% year on year.", "¥312 billion", "operating_income", "JPY", -3.0, "y/y"),
    ("Revenue was HK$12.4 billion, an increase of 9% year-over-year.", "HK$12.4 billion", "revenue", "HKD", 9.0, "y/y"),
    ("Revenue for the quarter was RMB 8.2 billion, up 12% from a year ago.", "RMB 8.2 billion", "revenue", "CNY", 12.0, "y/y"),
])
def test_value_metric_unit_and_change(text, value, key, unit, change_pct, basis):
    f = one(text, value)
    assert (f.metric_key, f.unit, f.change_pct, f.change_basis) == (key, unit, change_pct, basis)
    assert f.kind == "reported"


def test_change_before_the_value_is_attached_to_it():
    f = one("Our software line grew 31% to $48.9 million and now represents 25% of revenue.", "$48.9 million")
    assert f.change_pct == 31.0 and "31%" in f.change


def test_eps_per_share_and_comparator_is_not_a_second_figure():
    out = figs("Adjusted EPS was $0.36, compared with $0.27 in the second quarter of 2024.")
    assert [f.value for f in out] == ["$0.36"]
    assert out[0].metric_key == "eps_adjusted" and out[0].unit == "USD/share" and out[0].compared_to == "$0.27"
    assert "compared with $0.27" in out[0].change


def test_per_share_after_net_income():
    out = figs("GAAP net income was $15.6 million, or $0.29 per diluted share.")
    eps = next(f for f in out if f.value == "$0.29")
    assert eps.unit == "USD/share" and eps.metric_key == "eps_gaap" and eps.accounting == "gaap"
    assert next(f for f in out if f.value == "$15.6 million").metric_key == "net_income_gaap"


def test_metric_named_after_the_value():
    f = one("We generated $31.2 million of free cash flow in the quarter.", "$31.2 million")
    assert f.metric_key == "free_cash_flow" and "free cash flow" in f.metric


@pytest.mark.parametrize("text,value,low", [
    ("For the full year, we expect revenue of $1.725 billion to $1.775 billion.", "$1.725 billion to $1.775 billion", 1.725e9),
    ("We see gross margin between 42% and 43% next quarter.", "42% and 43%", 42.0),
    ("The company guides third-quarter EPS of $0.37 to $0.41.", "$0.37 to $0.41", 0.37),
    ("Outlook: revenue of €4.1–4.3 billion for fiscal 2026.", "€4.1–4.3 billion", 4.1e9),
])
def test_ranges_are_one_guided_figure(text, value, low):
    f = one(text, value)
    assert f.kind == "guidance" and f.amount == pytest.approx(low)


@pytest.mark.parametrize("text", [
    "We anticipate capital expenditures of about $90 million in 2026.",
    "Looking ahead, we expect revenue to reach $800 million for the full year.",
    "Management sees operating margin of 11.5% next year.",
    "Our outlook calls for free cash flow of $120 million.",
])
def test_guidance_verbs(text):
    assert all(f.kind == "guidance" for f in figs(text)) and figs(text)


def test_range_from_to_in_guidance_is_a_range_but_grew_from_to_is_a_change():
    f = one("We anticipate third quarter total revenue could range from $260 million to $290 million.",
            "$260 million to $290 million")
    assert f.kind == "guidance" and f.metric_key == "revenue"
    g = one("Revenue grew from $5 million to $7 million.", "$7 million")
    assert g.compared_to == "$5 million" and [x.value for x in figs("Revenue grew from $5 million to $7 million.")] == ["$7 million"]


def test_multiples_and_ratios():
    out = figs("We ended the quarter with net debt to adjusted EBITDA of 3.9 times, down nicely from the 4.1 times.")
    assert [(f.value, f.unit, f.metric_key) for f in out] == [("3.9 times", "x", "leverage")] and "4.1" in out[0].change
    assert one("Total orders were $231 million, a book-to-bill ratio of 1.17.", "1.17").metric_key == "book_to_bill"


def test_beating_past_guidance_is_reported():
    f = one("Revenue came in at $196.7 million, above the top end of our guidance range.", "$196.7 million")
    assert f.kind == "reported"


def test_basis_points_and_margins():
    f = one("Gross margin was 41.1%, up 120 basis points year over year.", "41.1%")
    assert f.metric_key == "gross_margin" and f.unit == "%" and "120 basis points" in f.change


def test_headcount_and_users_with_approximations():
    team = one("Our AI team now has almost 1,200 people.", "1,200")
    assert team.unit == "people" and team.approx == "almost" and "team" in team.metric and team.metric_key == "headcount"
    users = one("Monthly active users have exceeded 115 million.", "115 million")
    assert users.metric_key == "users" and users.approx == "exceeded"
    over = one("We now serve over 115 million users worldwide.", "115 million")
    assert over.approx == "over"


@pytest.mark.parametrize("text", [
    "On March 25, 2023 we held our Q4 2022 call.",
    "The Mi 13 series launched in 2022 and the No. 1 spot is ours.",
    "We are a top-10 supplier with 5G phones and 2 plants.",
    "Thank you, operator.",
    "",
    "12345 67890",
])
def test_not_figures(text):
    assert figs(text) == []


def test_percent_of_revenue_is_a_ratio_not_revenue():
    f = one("Freight costs were down to 1.1% of revenue from 1.9%.", "1.1%")
    assert f.metric_key != "revenue" and "of revenue" in f.metric


def test_share_of_revenue_is_not_headline_revenue():
    f = one("Overseas revenue was 49.2% of the total.", "49.2%")
    assert f.metric_key == "revenue_share" and f.scope == "overseas"


def _call() -> Transcript:
    return Transcript(company="Northwind Robotics", fiscal_quarter=2, fiscal_year=2025, turns=[
        Turn("Operator", "operator", text="Our first caller has 3 questions about the 2 plants."),
        Turn("Dana Whitfield", "executive", "CEO", text=(
            "We opened 12 new stores this quarter. Our team grew to about 1,400 people. "
            "Revenue was $196.7 million, up 17% year over year. Adjusted EPS was $0.36.")),
        Turn("C. Marcus Oyelaran", "executive", "CFO", section="prepared", text=(
            "For the third quarter, we expect revenue of $205 million to $213 million. "
            "Revenue was $196.7 million, up 17% year over year.")),
        Turn("Kyle Brennan", "analyst", firm="Halvorsen Securities", section="qa",
             text="You said revenue was $196.7 million; is $250 million of revenue realistic next year?"),
    ])


def test_call_figures_ranked_deduplicated_and_sourced():
    tr = _call()
    ss = sentences_of(tr)
    out = extract_figures(tr, ss)
    values = [f.value for f in out]
    assert values.count("$196.7 million") == 1  # the same figure twice is kept once
    assert values.index("$196.7 million") < values.index("1,400") and values.index("$0.36") < values.index("12")
    assert out[0].metric_key in ("revenue", "eps_adjusted") and out[0].fiscal_period == "Q2 2025"
    assert values.index("$205 million to $213 million") < values.index("1,400")
    assert "$250 million" not in values  # an analyst's number is not the company's figure
    for f in out:
        s = ss[f.sentence_position]
        assert f.value in s.text and f.sentence == s.text and f.turn == s.turn
        assert f.speaker == tr.turns[s.turn].speaker
    assert not any(f.speaker == "Operator" for f in out)
    assert extract_figures(tr, ss, limit=2) == out[:2]


def test_json_round_trip():
    f = one("Revenue was $196.7 million, up 17% year-over-year.", "$196.7 million")
    assert Figure.from_json(f.to_json()) == f


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 .,%$€£¥-–to billion million yuan up down revenue of k bps"),
               max_size=80) | st.text(max_size=80))
def test_any_text_gives_verbatim_figures_or_none(text):
    for f in figures_in_sentence(Sentence(0, 0, text)):
        assert f.value and f.value in text and f.text_span in text


def test_bad_input_is_fast_and_empty():
    huge = Sentence(0, 0, "12 " * 400_000)
    assert extract_figures(Transcript(turns=[Turn("A", text=huge.text)]), [huge]) == []
    assert extract_figures(Transcript(), []) == []
    emoji = Sentence(0, 0, "📈🚀 " * 50)
    assert figures_in_sentence(emoji) == []
    zh = Sentence(0, 0, "小米第四季度营收660亿元，同比下降22.8%。")
    for f in figures_in_sentence(zh):
        assert f.value in zh.text


def test_every_sample_yields_verbatim_figures(parsed_samples):
    n = 0
    for name, tr, ss in parsed_samples:
        out = extract_figures(tr, ss)
        assert out, name
        assert any(f.metric_key in ("revenue", "eps_adjusted", "eps_gaap", "net_income_adjusted") for f in out[:3]), name
        for f in out:
            assert f.value in ss[f.sentence_position].text
        n += 1
    assert n >= 5


@pytest.mark.shared
def test_xiaomi_key_figures(xiaomi_call):
    tr, ss = xiaomi_call
    out = extract_figures(tr, ss)

    def find(value: str, key: str | None = None) -> Figure:
        hit = [f for f in out if f.value.startswith(value) and (key is None or f.metric_key == key)]
        assert hit, f"{value} ({key}) missing: {[(f.value, f.metric_key) for f in out]}"
        return hit[0]

    rev = find("66 billion yuan", "revenue")
    assert rev.change_pct == -22.8 and rev.unit == "CNY" and "fourth quarter" in rev.period
    assert find("1.5 billion yuan", "net_income_adjusted").change_pct == -67.3
    full = find("280 billion yuan", "revenue")
    assert full.change_pct == -14.7 and full.fiscal_period == "FY 2022" and full.kind == "reported"
    assert find("50.4 billion", "inventory")
    raw = find("17.1 billion", "inventory")
    assert "raw material" in raw.metric and raw.change_pct == -15.0 and raw.compared_to == "20 billion"
    gm = find("9%", "gross_margin")
    assert "mobile phone" in gm.metric or "mobile phone" in gm.sentence
    team = find("1,200", "headcount")
    assert team.unit == "people" and "AI" in team.metric
    mau = find("115 million", "users")
    assert "monthly active users" in mau.metric
    heads = [f.metric_key for f in out[:4]]
    assert heads.count("revenue") + heads.count("net_income_adjusted") == 4  # headline figures first
    for f in out:
        assert f.value in ss[f.sentence_position].text


@pytest.mark.shared
def test_ectsum_reference_numbers_are_found(shared_data):
    """Most numbers ECTSum's reference bullets quote are held by the call's figures (value, change or previous
    guidance), on the first 60 training calls, read the product's way (`bench.figures_recall`)."""
    from bench.figures_recall import Tally, score_call
    from summarizer.evaluate import as_call, load_ectsum

    t = Tally()
    for d in load_ectsum(shared_data / "ectsum" / "train", limit=60):
        tr, ss = as_call(d)
        out = extract_figures(tr, ss)
        score_call(d.name, d.reference, d.lines, out, t)
        for f in out:
            assert f.value in d.lines[f.sentence_position]
    assert t.total > 200 and t.found / t.total >= 0.9 and t.kind_ok / t.kind_n >= 0.9


def test_a_result_above_the_top_of_guidance_is_reported_not_guided():
    s = Sentence(0, 0, "Fourth-quarter revenue was $228.9 million, up 21% year over year and above the top of our "
                       "guidance range of $222 million to $230 million.")
    (rev, *_) = figures_in_sentence(s)
    assert rev.value == "$228.9 million" and rev.kind == "reported"


@pytest.mark.parametrize("text", [
    "Our guidance assumes a modest slowdown in Atlas 3 orders in the second quarter.",
    "We launched the Mi 13 series in December.",
])
def test_a_number_in_a_product_name_is_not_a_figure(text: str):
    assert figures_in_sentence(Sentence(0, 0, text)) == []


def test_counts_after_a_sentence_start_or_lowercase_word_stay_figures():
    assert [f.value for f in figures_in_sentence(Sentence(0, 0, "We opened 12 new stores this quarter."))] == ["12"]


def test_ahead_of_the_target_we_set_is_a_reported_result():
    s = Sentence(0, 0, "Harbor ended the year with $31 million of revenue, ahead of the target we set in the summer.")
    assert [f.kind for f in figures_in_sentence(s)] == ["reported"]
