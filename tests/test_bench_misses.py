"""Why a wrong mid-sentence hard join went wrong (bench/bench_reassemble.py --misses)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_reassemble as BR  # noqa: E402


def _scores() -> tuple[np.ndarray, np.ndarray]:
    """Four fragments; the true join is 0 -> 1."""
    words = np.zeros((4, 4))
    full = np.zeros((4, 4))
    return words, full


def test_no_fragment_edge_or_no_successor() -> None:
    w, f = _scores()
    assert BR.mid_miss(None, 1, {}, {}, w, f) == "unreachable"
    assert BR.mid_miss(0, None, {}, {}, w, f) == "unreachable"
    assert BR.mid_miss(0, 1, {2: 1}, {1: 2}, w, f) == "text ended"


def test_the_words_prefer_the_wrong_successor_or_the_wrong_predecessor() -> None:
    w, f = _scores()
    w[0, 2] = 1.0  # A's restored successor 2 reads better than 1
    assert BR.mid_miss(0, 1, {0: 2}, {2: 0}, w, f) == "words"
    w, f = _scores()
    w[3, 1] = 1.0  # B's restored predecessor 3 reads better than A
    assert BR.mid_miss(0, 1, {0: 2, 3: 1}, {2: 0, 1: 3}, w, f) == "words"


def test_the_layout_overrides_words_that_prefer_the_true_join() -> None:
    w, f = _scores()
    w[0, 1] = 1.0
    f[0, 1], f[0, 2] = 1.0, 5.0  # the file-position features pull A to 2
    assert BR.mid_miss(0, 1, {0: 2}, {2: 0}, w, f) == "layout"


def test_both_views_prefer_the_true_join_the_path_chose_otherwise() -> None:
    w, f = _scores()
    w[0, 1], f[0, 1] = 1.0, 5.0
    assert BR.mid_miss(0, 1, {0: 2, 3: 1}, {2: 0, 1: 3}, w, f) == "global"
