"""Formatting for Telegram HTML: escaping, hit markers, splitting long replies, captions."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.formatting import MAX_TEXT, caption, esc, html_to_terminal, snippet_html, split_message
from tests.fakebotapi.tghtml import parse_html, tg_len


def test_escaping_and_snippets() -> None:
    assert esc('<b>&"') == '&lt;b&gt;&amp;"'
    assert snippet_html("P&L \x02<rev>\x03 up") == "P&amp;L <b>&lt;rev&gt;</b> up"
    assert parse_html(snippet_html("unclosed \x02hit")) == "unclosed hit"
    assert parse_html(snippet_html("\x03stray end")) == "stray end"


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1))
def test_any_text_escapes_to_valid_telegram_html(text: str) -> None:
    assert parse_html(f"<b>{esc(text)}</b>") == text


def test_long_reply_split_on_sentences_numbered_and_balanced() -> None:
    sentence = "Revenue grew <b>21%</b> to $228.9 million &amp; margins rose. "
    text = "<b>Header</b>\n" + "\n".join(f"• <b>Speaker {i}</b>: " + sentence * 20 for i in range(12))
    parts = split_message(text)
    assert len(parts) > 1
    for i, p in enumerate(parts, 1):
        plain = parse_html(p)  # raises on unbalanced or broken entities
        assert tg_len(plain) <= MAX_TEXT
        assert p.startswith(f"({i}/{len(parts)}) ")
    joined = " ".join(parse_html(p).split(") ", 1)[1] for p in parts)
    assert joined.count("Revenue grew") == 12 * 20
    for p in parts[:-1]:
        assert parse_html(p).rstrip().endswith((".", ":"))  # cut between sentences or lines


def test_one_huge_word_and_bold_across_parts() -> None:
    text = "<b>" + "x" * 9000 + "</b> &amp; end"
    parts = split_message(text)
    assert len(parts) == 3
    assert all(tg_len(parse_html(p)) <= MAX_TEXT for p in parts)
    assert "".join(parse_html(p).split(") ", 1)[1] for p in parts).replace(" ", "").startswith("x" * 9000)


def test_short_reply_untouched_and_caption_cut() -> None:
    assert split_message("<b>hi</b>") == ["<b>hi</b>"]
    c = caption("word & " * 400)
    assert tg_len(parse_html(c)) <= 1024 and c.endswith("…")
    assert html_to_terminal("<b>A</b> &amp; B") == "A & B"
