"""Bad documents through the real `earnings-bot ingest` process: one clear line, non-zero exit, no traceback,
and the database file byte-for-byte unchanged.

The small corpus lives in tests/data/bad/; the big or odd cases (100 MB, 2 MB line, deep HTML, links,
folders, permissions) are made at test time in tmp_path (sparse file for 100 MB: never committed)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).parent / "data" / "bad"
EB = Path(sys.executable).with_name("earnings-bot")
FIX_WORDS = ("send", "save", "check", "fix", "remove", "raise", "split", "run ", "export", "put ")

# file in tests/data/bad -> a word the one-line reason must contain
CORPUS = {
    "empty.txt": "empty",
    "whitespace-only.txt": "empty",
    "image-renamed.txt": "PNG",
    "archive-renamed.txt": "ZIP",
    "invalid-utf8.txt": "UTF-8",
    "nul-bytes.txt": "binary",
    "only-punctuation.txt": "no transcript",
    "no-transcript.html": "no transcript",
    "encrypted.pdf": "password",
    "corrupt.pdf": "damaged",
    "no-text-layer.pdf": "no text layer",
    "wrong-shape.json": "shape",
    "list-of-numbers.json": "shape",
    "malformed.json": "not valid JSON",
    "transcript.docx": ".docx",
    "figures.xlsx": ".xlsx",
}


def run_cli(*args: str, db: Path, env: dict | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it."""
    e = {k: v for k, v in os.environ.items() if k not in ("EARNINGS_BOT_MAX_BYTES",)}
    e.update(env or {})
    return subprocess.run([str(EB), "--db", str(db), *args], input=stdin if stdin is not None else b"",
                          capture_output=True, timeout=120, env=e)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def good_db(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """A database holding one good call, stored by the CLI (so its file is checkpointed and closed)."""
    db = tmp_path_factory.mktemp("baddb") / "earnings.db"
    r = run_cli("ingest", str(samples_dir / "nwrb-q2-2025-motley-fool.txt"), db=db)
    assert r.returncode == 0, r.stderr
    return db


def assert_refused(r: subprocess.CompletedProcess, db: Path, before: str, name: str, word: str) -> None:
    out, err = r.stdout.decode(), r.stderr.decode()
    assert r.returncode == 1, (out, err)
    assert "Traceback" not in out + err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err  # ONE line for the document
    line = lines[0]
    assert line.startswith("failed: ") and name in line, line
    assert word.lower() in line.lower(), line
    assert any(w in line.lower() for w in FIX_WORDS), f"no fix named in: {line}"
    assert out.strip().endswith("0 added, 0 duplicates, 1 failed"), out
    assert digest(db) == before, "the database file changed"


@pytest.mark.parametrize("name,word", sorted(CORPUS.items()))
def test_corpus_file_is_refused_with_one_line_and_db_unchanged(good_db: Path, name: str, word: str) -> None:
    before = digest(good_db)
    r = run_cli("ingest", str(BAD / name), db=good_db)
    assert_refused(r, good_db, before, name, word)


def _hundred_mb(tmp: Path) -> Path:
    p = tmp / "huge.txt"
    with p.open("wb") as f:  # sparse: 100 MB by size, nothing written; the cap is checked from the size
        f.truncate(100 * 1024 * 1024)
    return p


def _nested_html(tmp: Path) -> Path:
    p = tmp / "nested.html"
    p.write_text("<html><body>" + "<div>" * 50_000 + "Operator: hello" + "</div>" * 50_000 + "</body></html>")
    return p


def _empty_folder(tmp: Path) -> Path:
    p = tmp / "inbox"
    (p / "sub" / "deeper").mkdir(parents=True)
    return p


def _symlink_loop(tmp: Path) -> Path:
    (tmp / "a.txt").symlink_to(tmp / "b.txt")
    (tmp / "b.txt").symlink_to(tmp / "a.txt")
    return tmp / "a.txt"


def _broken_link(tmp: Path) -> Path:
    (tmp / "gone.txt").symlink_to(tmp / "never-existed.txt")
    return tmp / "gone.txt"


MADE = {
    "100 MB file": (_hundred_mb, "huge.txt", "limit"),
    "deeply nested HTML": (_nested_html, "nested.html", "nested"),
    "folder with no files": (_empty_folder, "inbox", "no files"),
    "nonexistent path": (lambda t: t / "no-such-call.txt", "no-such-call.txt", "does not exist"),
    "symlink loop": (_symlink_loop, "a.txt", "loop"),
    "broken symlink": (_broken_link, "gone.txt", "does not exist"),
}


@pytest.mark.parametrize("case", sorted(MADE))
def test_generated_bad_input_is_refused(good_db: Path, tmp_path: Path, case: str) -> None:
    make, name, word = MADE[case]
    path = make(tmp_path)
    before = digest(good_db)
    assert_refused(run_cli("ingest", str(path), db=good_db), good_db, before, name, word)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_refused(good_db: Path, tmp_path: Path, samples_dir: Path) -> None:
    p = tmp_path / "secret.txt"
    shutil.copy(samples_dir / "hlcn-q2-2025-call.txt", p)
    p.chmod(0)
    before = digest(good_db)
    assert_refused(run_cli("ingest", str(p), db=good_db), good_db, before, "secret.txt", "permission")


def test_size_cap_from_option_and_from_environment(good_db: Path, samples_dir: Path) -> None:
    doc = samples_dir / "hlcn-q2-2025-call.txt"
    before = digest(good_db)
    assert_refused(run_cli("ingest", "--max-bytes", "1000", str(doc), db=good_db), good_db, before, doc.name, "limit")
    r = run_cli("ingest", str(doc), db=good_db, env={"EARNINGS_BOT_MAX_BYTES": "1000"})
    assert_refused(r, good_db, before, doc.name, "1 KB limit")


def test_empty_stdin_is_refused(good_db: Path) -> None:
    before = digest(good_db)
    r = run_cli("ingest", "-", db=good_db, stdin=b"")
    assert_refused(r, good_db, before, "standard input", "empty")


def test_all_bad_files_of_a_folder_each_get_their_line(good_db: Path) -> None:
    before = digest(good_db)
    r = run_cli("ingest", str(BAD), db=good_db)
    err = r.stderr.decode()
    assert r.returncode == 1 and "Traceback" not in err
    assert len([ln for ln in err.splitlines() if ln.startswith("failed: ")]) == len(CORPUS)
    assert r.stdout.decode().strip().endswith(f"0 added, 0 duplicates, {len(CORPUS)} failed")
    assert digest(good_db) == before


def test_bad_files_never_create_a_database(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    r = run_cli("ingest", str(BAD / "empty.txt"), str(BAD / "corrupt.pdf"), db=db)
    assert r.returncode == 1
    assert not db.exists()


def test_two_megabyte_line_without_punctuation_is_one_document(tmp_path: Path) -> None:
    """Documented choice: a text with no speaker markup and no sentence ends, but that reads as a call (earnings
    words and figures), is accepted as one document."""
    words = ("alpha revenue margin growth robot quarter cloud order up 12% " * 40_000)[: 2 * 1024 * 1024]
    p = tmp_path / "one-line.txt"
    p.write_text(words)
    db = tmp_path / "e.db"
    r = run_cli("ingest", "--json", str(p), db=db)
    assert r.returncode == 0, r.stderr.decode()
    import json

    out = json.loads(r.stdout)
    assert out["added"] == 1 and out["failed"] == 0
    assert out["results"][0]["call"]["n_words"] > 250_000


def test_utf16_without_bom_is_read(tmp_path: Path) -> None:
    p = tmp_path / "utf16.txt"
    p.write_bytes("Operator: Welcome to the Northwind call.\nDana Whitfield: Thank you, operator.\n".encode("utf-16-le"))
    db = tmp_path / "e.db"
    r = run_cli("ingest", str(p), db=db)
    assert r.returncode == 0, r.stderr.decode()
    r = run_cli("search", "--json", "Northwind", db=db)
    assert b"Welcome to the Northwind call" in r.stdout
