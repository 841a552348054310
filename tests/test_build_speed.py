"""The build's speed-ups change nothing but time: each one against the plain way."""

from __future__ import annotations

import gc

import pytest

from qabot.index import workers


def test_sparse_gc_restores_the_collector() -> None:
    """Thresholds raised inside, back on exit (also after an error); a worker's frozen
    objects are collectable again afterwards."""
    before = gc.get_threshold()
    with workers.sparse_gc():
        assert gc.get_threshold()[0] == workers.GC_YOUNG
        assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), workers.sparse_gc(freeze=True):
        assert gc.get_freeze_count() > 0
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
