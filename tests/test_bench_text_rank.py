"""The text-only ranking figure of bench/bench_fragments.py: ties, edge words, the bigram baseline."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_fragments as BF  # noqa: E402


def test_ties_are_broken_at_random_not_in_the_true_successors_favour() -> None:
    # an all-zero row (no evidence) must not count as "ranked first"
    top1, mrr = BF._expected_rank(np.array([0.0, 0.0, 0.0, -1.0]), 0)
    assert top1 == pytest.approx(1 / 3)
    assert mrr == pytest.approx((1 + 1 / 2 + 1 / 3) / 3)
    top1, mrr = BF._expected_rank(np.array([2.0, 1.0, 3.0]), 1)
    assert (top1, mrr) == (0.0, pytest.approx(1 / 3))
    assert BF._expected_rank(np.array([-np.inf, 5.0, 1.0]), 1) == (1.0, 1.0)


def test_edge_words() -> None:
    assert BF._edge_words("“The cat sat", True) == "the"
    assert BF._edge_words("he was con-", False) == "con"
    assert BF._edge_words("the year 1848", False) == ""
    assert BF._edge_words("1848 was", True) == ""
    assert BF._edge_words("   ", True) == ""


def test_bigram_baseline_prefers_attested_pairs() -> None:
    if BF.english_bigrams() is None:
        pytest.skip("symspellpy's counts are missing")
    assert BF._bigram_logp("of", "the") > BF._bigram_logp("the", "of")
    # an unlisted pair backs off to the unigram, below the listed one
    assert BF._bigram_logp("according", "to") > BF._bigram_logp("according", "cat")
