"""The analysis bundle: computed at ingest, stored with its version, recomputed when the version changes."""
from __future__ import annotations

import pytest

from bot.ops import analysis as ops
from bot.ops.ingest import ingest_bytes
from storage import analyses as store
from summarizer import analysis as bundle
from summarizer.errors import InputError
from summarizer.model import Transcript, Turn, sentences_of


def _ingest_samples(db, samples_dir) -> dict[str, int]:
    ids = {}
    for p in sorted(samples_dir.iterdir()):
        ids[p.name] = ingest_bytes(db, p.read_bytes(), p.name).call_id
    return ids


def test_analyze_bundle_has_every_kind_and_the_version(samples_dir):
    from summarizer.parse import parse_bytes

    p = samples_dir / "nwrb-q2-2025-motley-fool.txt"
    tr = parse_bytes(p.read_bytes(), p.name)
    out = bundle.analyze(tr, sentences_of(tr))
    assert out["version"] == bundle.analysis_version()
    assert {"figures", "topics", "qa"} <= set(out)
    assert out["figures"] and out["topics"] and out["qa"]
    if bundle.summary_method_version():
        assert out["summary"]["sentences"] and out["version"].endswith(bundle.summary_method_version())


def test_analyze_empty_call():
    out = bundle.analyze(Transcript(), [])
    assert out["figures"] == [] and out["topics"] == [] and out["qa"] == []


def test_ingest_stores_the_bundle_and_reads_it_back(db, samples_dir):
    ids = _ingest_samples(db, samples_dir)
    cid = ids["nwrb-q2-2025-motley-fool.txt"]
    rows = db.execute("select kind, method, version from analyses where transcript_id = ?", [cid]).fetchall()
    assert {r[0] for r in rows} >= {"figures", "topics", "qa"}
    assert {r[2] for r in rows} == {bundle.analysis_version()}
    figs = ops.figures(db, cid)
    assert figs[0].value and any(f.value == "$196.7 million" for f in figs)
    assert ops.qa_digest(db, cid)[0].analyst
    assert any(t.key == "inventory" for t in ops.call_topics(db, cid))
    if bundle.summary_method_version():
        s = ops.summary(db, cid)
        assert s.sentences and s.method == "default"
        assert len(ops.summary(db, cid, n_sentences=2).sentences) == 2


def test_stale_version_is_recomputed_on_read_and_by_reanalyze(db, samples_dir, monkeypatch):
    ids = _ingest_samples(db, samples_dir)
    cid = ids["nwrb-q3-2025-transcript.md"]
    # a stored result made by another version, with data that no longer matches
    store.save(db, cid, "figures", "builtin", "old-version", [])
    assert store.stale_calls(db, bundle.analysis_version(), ops._kinds()) == [cid]
    assert ops.figures(db, cid)  # read notices the old version and recomputes
    assert store.load(db, cid, "figures").version == bundle.analysis_version()
    assert store.stale_calls(db, bundle.analysis_version(), ops._kinds()) == []

    monkeypatch.setattr(bundle, "A_VERSION", "999")  # the methods changed: every call is stale
    assert ops.reanalyze(db) == len(set(ids.values()))
    assert {r[0] for r in db.execute("select distinct version from analyses")} == {bundle.analysis_version()}
    assert ops.reanalyze(db) == 0
    assert ops.reanalyze(db, force=True) == len(set(ids.values()))


def test_missing_analysis_is_computed_on_read(db, samples_dir):
    ids = _ingest_samples(db, samples_dir)
    cid = ids["hlcn-q2-2025-call.txt"]
    store.delete_for(db, cid)
    assert ops.call_topics(db, cid)
    assert store.load(db, cid, "topics") is not None


def test_unknown_call_is_a_clear_error(db):
    with pytest.raises(InputError, match="No call with id 42"):
        ops.figures(db, 42)


def test_topic_digest_across_calls_cites_and_filters(db, samples_dir):
    _ingest_samples(db, samples_dir)
    d = ops.topic_digest(db, "inventory", limit=6)
    assert d.items and d.calls_searched >= 5
    for it in d.items:
        assert it.company and it.call_id and it.speaker and it.citation.startswith(it.company)
    nw = ops.topic_digest(db, "inventory", company="NWRB", limit=20)
    assert nw.items and all(i.company.startswith("Northwind") for i in nw.items)
    recent = ops.topic_digest(db, "inventory", company="NWRB", since="2025-09-01", limit=20)
    assert recent.items and {i.quarter for i in recent.items} <= {"Q3 2025", "Q4 2025"}
    early = ops.topic_digest(db, "inventory", company="NWRB", until="2025-06", limit=20)
    assert early.items and {i.quarter for i in early.items} <= {"Q1 2025"}
    watch = ops.topic_digest(db, "inventory", companies=["NWRB", "Jadeport"], limit=30)
    assert {i.company.split()[0] for i in watch.items} == {"Northwind", "Jadeport"}
    none = ops.topic_digest(db, "inventory", since="2030")
    assert none.items == [] and "No stored calls" in none.message
    one = ops.topic_digest(db, "inventory", call_ids=[nw.items[0].call_id])
    assert {i.call_id for i in one.items} == {nw.items[0].call_id}
    texts = [i.text for i in ops.topic_digest(db, "inventory", limit=30).items]
    assert len(texts) == len(set(texts))
    with pytest.raises(InputError, match="not a date"):
        ops.topic_digest(db, "inventory", since="yesterday")
    with pytest.raises(InputError, match="swap"):
        ops.topic_digest(db, "inventory", since="2025-12-01", until="2025-01-01")


def test_user_topics_per_chat(db, samples_dir):
    _ingest_samples(db, samples_dir)
    t = ops.add_user_topic(db, 7, "Robots", ["Atlas", "Harbor arm"])
    assert t.key == "robots" and "Robots" in ops.list_topics(db, 7) and "Robots" not in ops.list_topics(db, 8)
    assert len(ops.list_topics(db)) == len(ops.builtin_topics())
    d = ops.topic_digest(db, "robots", chat_id=7)
    assert d.items and d.message is None and all("Atlas" in i.text or "Harbor" in i.text for i in d.items)
    other = ops.topic_digest(db, "robots", chat_id=8)  # another chat: only the literal word
    assert other.message and "not a known topic" in other.message
    ops.add_user_topic(db, 7, "robots", ["fleet"])  # same name replaces
    assert [p for k, _, p in store.user_topics(db, 7)] == [["fleet"]]
    with pytest.raises(InputError, match="only common words"):
        ops.add_user_topic(db, 7, "x", ["the", "and of", "Atlas"])
    for bad in [("", ["x"]), ("name", ["   ", "!!"]), ("n" * 61, ["x"]), ("many", [f"p{i}" for i in range(40)])]:
        with pytest.raises(InputError):
            ops.add_user_topic(db, 7, *bad)
    assert ops.remove_user_topic(db, 7, "Robots") and not ops.remove_user_topic(db, 7, "Robots")


def test_analyze_and_store_replaces_old_rows(db):
    tr = Transcript(company="Acme", fiscal_quarter=1, fiscal_year=2025,
                    turns=[Turn("CEO", "executive", text="Revenue was $5 million, up 10% year over year.")])
    from bot.ops.ingest import ingest_transcript

    cid = ingest_transcript(db, tr).call_id
    ops.analyze_and_store(db, cid, tr, sentences_of(tr))
    kinds = [r[0] for r in db.execute("select kind from analyses where transcript_id = ?", [cid])]
    assert len(kinds) == len(set(kinds))
    assert ops.figures(db, cid)[0].value == "$5 million"


@pytest.mark.shared
def test_xiaomi_stored_and_digested(db, shared_data):
    p = shared_data / "samples" / "xiaomi-q4-2022-call-sina-article.txt"
    cid = ingest_bytes(db, p.read_bytes(), p.name).call_id
    assert any(f.value == "66 billion yuan" for f in ops.figures(db, cid)[:5])
    inv = " ".join(i.text for i in ops.topic_digest(db, "inventory", company="xiaomi").items)
    assert "50.4 billion" in inv and "clearance" in inv
    ai = ops.topic_digest(db, "ai", company="Xiaomi").items
    assert ai[0].citation.startswith("Xiaomi Q4 2022, Lu Weibing")
