"""Document priors on inputs the solver works on in windows, and where those windows end.

The cases are typeset by ``bench/synth.py``; the window size is made small here so that a
short case goes through the windowed path (a real one needs 700+ fragments, ~20 pages).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from edition import reassemble as R
from edition.reassemble import assemble as A
from edition.reassemble.features import join_features

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import ESSAYS, make_case  # noqa: E402


def _reversed_case():
    return make_case(ESSAYS * 3, 7, columns=3, pages=4, shuffle="reversed", height=40)


def _hard_right(case, r: R.Reassembly) -> tuple[int, int]:
    """(right, all) true successions whose file order is wrong (the bench's hard joins)."""
    from synth import predicted_sequence

    seq = predicted_sequence(case, r.order, r.cols)
    fseq = [k for ln in sorted(case.units) for _s, _e, k in sorted(case.units[ln])]
    nxt, fnext = dict(zip(seq, seq[1:])), dict(zip(fseq, fseq[1:]))
    hard = [k for k in fseq if k + 1 in fnext.values() and fnext.get(k) != k + 1]
    return sum(nxt.get(k) == k + 1 for k in hard), len(hard)


def test_document_priors_are_learnt_when_the_solver_works_in_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = _reversed_case()
    prep = R.prepare(case.text)
    assert prep.ev is not None and prep.bg is not None
    monkeypatch.setattr(A, "_WINDOW", 40)
    monkeypatch.setattr(A, "_BIG_WINDOW", 30)
    assert len(prep.frags) > A._WINDOW  # the solver will work in windows
    A._text_layout(prep.frags, prep.ev, prep.lex, prep.bg, R.DEFAULT, prep.lines, prep.furn)
    assert prep.ev.jump_prior is not None
    assert prep.ev.page_prior is not None


def test_windows_restore_the_column_breaks_the_habit_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(A, "_WINDOW", 60)
    monkeypatch.setattr(A, "_BIG_WINDOW", 40)
    with_priors = without = (0, 0)
    for seed, columns in ((8, 2), (9, 4)):
        case = make_case(ESSAYS * 3, seed, columns=columns, pages=4, shuffle="reversed", height=40)
        r1 = _hard_right(case, R.reassemble(case.text))
        r0 = _hard_right(
            case, R.reassemble(case.text, params=R.DEFAULT.ablated(["doc_jump", "page_jump"]))
        )
        with_priors = (with_priors[0] + r1[0], with_priors[1] + r1[1])
        without = (without[0] + r0[0], without[1] + r0[1])
    assert with_priors[1] == without[1] >= 15
    assert with_priors[0] >= without[0] + 4  # 18 of 20 against 12


def test_windows_end_where_page_runs_end() -> None:
    run = np.arange(1000) // 97  # a page run every 97 fragments
    wins = A._windows(1000, run)
    assert np.array_equal(np.concatenate(wins), np.arange(1000))
    for w in wins[:-1]:
        assert run[w[-1]] != run[w[-1] + 1]  # the window ends with its page
        assert A._BIG_WINDOW // 2 <= len(w) <= 3 * A._BIG_WINDOW // 2
    # without runs (no furniture), plain windows of the input order
    assert [len(w) for w in A._windows(1000)] == [300, 300, 400]


def test_the_extractor_habit_is_not_applied_inside_a_column_in_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(A, "_WINDOW", 40)
    case = _reversed_case()
    prep = R.prepare(case.text)
    ev = prep.ev
    assert ev is not None and prep.bg is not None and ev.geo is not None
    A._text_layout(prep.frags, ev, prep.lex, prep.bg, R.DEFAULT, prep.lines, prep.furn)
    assert ev.jump_prior is not None
    idx = np.arange(len(prep.frags))
    X = join_features(ev, prep.lex, prep.bg, idx)
    F = X[:, :, R.FEATURES.index("doc_jump")]
    habit = ev.jump_prior.feature(idx)
    mid = (ev.geo.bottom[idx] == 0)[:, None] | (ev.geo.top[idx] == 0)[None, :]
    assert (habit[mid] > 0).sum() >= 10  # the habit alone would favour such pairs
    assert not F[mid].any()  # but a pair inside a column is no column break
    assert F[~mid].max() > 1.0  # while the column breaks keep it


def test_windows_read_the_whole_documents_pair_scores_instead_of_scoring_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import edition.reassemble.features as F

    case = _reversed_case()
    prep = R.prepare(case.text)
    ev = prep.ev
    assert ev is not None and prep.bg is not None
    n = len(prep.frags)
    whole = join_features(ev, prep.lex, prep.bg, np.arange(n))
    calls = []
    real = F._char_lm_pairs
    monkeypatch.setattr(F, "_char_lm_pairs", lambda e, i: calls.append(len(i)) or real(e, i))
    win = np.arange(n // 3, n // 3 + 40)
    part = join_features(ev, prep.lex, prep.bg, win)
    assert calls == []  # the window's character-model scores are the document's, sliced
    for name in ("char_lm", "cohesion", "en_bigram_pos", "bigram_seen"):
        k = R.FEATURES.index(name)
        assert np.array_equal(part[:, :, k], whole[np.ix_(win, win)][:, :, k])
