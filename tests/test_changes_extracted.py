"""End to end on the real extractor: the fictional calls ingested as they are give the same guidance moves and
results against guidance as their hand-labelled figures. Needs the figure model of the key-figures issue
(`fiscal_period`, `direction`, `previous`, the snake_case metric vocabulary); skipped until it is in."""
from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.figures import Figure
from tests.changes_support import ALL, extracted_db, labelled_db

pytestmark = pytest.mark.skipif(
    "fiscal_period" not in getattr(Figure, "__dataclass_fields__", {}),
    reason="waits on the figure model of issue 9 (Figure.fiscal_period/direction/previous and metric keys such as "
           "eps_adjusted): the extractor in this tree resolves no fiscal period, so no two figures can be compared")


def _outcomes(path: Path, ids: dict[str, int]) -> dict[str, tuple[set, set]]:
    from bot.ops.changes import changes_for_call
    from storage.db import open_db

    db = open_db(path)
    try:
        out = {}
        for name, cid in ids.items():
            ch = changes_for_call(db, cid)
            out[name] = ({(g.metric_key, g.period, g.move) for g in ch.guidance},
                         {(v.metric_key, v.period, v.verdict) for v in ch.vs_guidance})
        return out
    finally:
        db.close()


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory):
    d = tmp_path_factory.mktemp("extracted")
    return _outcomes(d / "l.db", labelled_db(d / "l.db", ALL)), _outcomes(d / "e.db", extracted_db(d / "e.db", ALL))


@pytest.mark.parametrize("name", ALL)
def test_the_extractor_gives_the_labelled_guidance_moves(both, name: str) -> None:
    labelled, extracted = both
    assert extracted[name][0] == labelled[name][0]


@pytest.mark.parametrize("name", ALL)
def test_the_extractor_gives_the_labelled_results_against_guidance(both, name: str) -> None:
    labelled, extracted = both
    assert extracted[name][1] == labelled[name][1]
