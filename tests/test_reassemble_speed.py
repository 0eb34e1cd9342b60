"""The reading-order pipeline's shortcuts compute the same thing as the long way round.

Speed itself is measured by ``bench/bench_reassemble.py`` (its 20-page case), not here; these
tests pin what each shortcut relies on: the character model reads only part of B's start, the
Held–Karp pass scores only members and outsiders of each subset, the column re-cut keeps the
facts of the fragments it leaves alone, and the second solver pass reuses a window whose scores
did not change.
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from edition import reassemble as R
from edition.reassemble import assemble, features, solver
from edition.reassemble.layout import median_width

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import ESSAYS, make_case  # noqa: E402


def _case_text(seed: int = 3) -> str:
    return make_case(list(ESSAYS) * 2, seed, columns=3, pages=3, height=40, shuffle="random").text


def test_char_model_score_reads_only_its_right_key() -> None:
    prep = R.prepare(_case_text())
    assert prep.ev is not None and prep.ev.char_model is not None
    cm = prep.ev.char_model
    rights = prep.ev.char_right
    by_key: dict[tuple[str, int], list[str]] = {}
    for r in rights:
        by_key.setdefault(cm.right_key(r), []).append(r)
    lefts = sorted(set(prep.ev.char_left))[:25]
    shared = [rs for rs in by_key.values() if len(set(rs)) > 1]
    assert shared, "no two fragment starts share a key: the case tests nothing"
    for left in lefts:
        for rs in shared:
            assert len({cm.score(left, r) for r in rs}) == 1
    # and the pair matrix built per key is the one built pair by pair
    ev = prep.ev
    idx = np.arange(len(prep.frags))
    got = features._char_lm_pairs(ev, idx)
    want = np.zeros_like(got)
    for a in idx:
        if ev.end[a] == "open":
            for b in idx:
                if a != b:
                    want[a, b] = cm.score(ev.char_left[a], ev.char_right[b])
    assert np.array_equal(got, want)


def test_char_model_rows_are_score_even_at_short_ends_and_starts() -> None:
    # fragment ends shorter than the model's context and starts shorter than its span
    # take other paths through the shared-prefix scoring
    prep = R.prepare(_case_text(5))
    assert prep.ev is not None and prep.ev.char_model is not None
    cm = prep.ev.char_model
    lefts = [" ", "a ", "of ", " of ", "ing ", "”, ", ""]
    rights = ["", "a", "it ", "the ", "the harbour ", "“no", "th", "the harbour was"]
    got = cm.score_rows(lefts, rights)
    want = np.array([[cm.score(a, b) for b in rights] for a in lefts])
    assert np.array_equal(got, want)
    assert cm.score_rows(lefts, []).shape == (len(lefts), 0)


def test_char_model_counts_every_order_as_counting_each_one_would() -> None:
    # the lower orders are summed from the highest order's prefixes plus each text's tail
    from collections import Counter

    from edition.reassemble.langmodel import _CHAR_N, CharModel

    prep = R.prepare("a\n\nof it\n\n" + _case_text(7))
    cm = CharModel(prep.frags)
    want = [Counter() for _ in range(_CHAR_N + 1)]
    for f in prep.frags:
        t = " " + " ".join(" ".join(p.text for p in f.pieces).lower().split()) + " "
        for k in range(1, _CHAR_N + 1):
            for i in range(len(t) - k + 1):
                want[k][t[i : i + k]] += 1
    assert any(len(" ".join(p.text for p in f.pieces)) < _CHAR_N for f in prep.frags)
    for k in range(1, _CHAR_N + 1):
        assert dict(cm.counts[k]) == dict(want[k])


def test_english_pmi_table_is_pmi_pair_by_pair() -> None:
    # common words, a word the list lacks on one side, an unknown word and the empty word
    from edition.reassemble.langmodel import english_bigrams

    lm = english_bigrams()
    assert lm is not None
    common = sorted(lm.unigrams, key=lambda w: (-lm.unigrams[w], w))[:120]
    w1 = [*common[::2], "soviet", "zzqx", ""]
    w2 = [*common[1::2], "than", "zzqx", ""]
    got = lm.pmi_table(w1, w2)
    want = np.array([[lm.pmi(a, b) for b in w2] for a in w1])
    assert np.array_equal(got, want) and (np.signbit(got) == np.signbit(want)).all()
    assert (got > 0).any() and (got < 0).any()  # listed pairs and pairs below the floor both met


def _brute(W: np.ndarray, start: np.ndarray, end: np.ndarray, pred: list[int]) -> float | None:
    best = None
    for p in itertools.permutations(range(len(W))):
        placed = 0
        ok = True
        for k in p:
            if pred[k] & ~placed:
                ok = False
                break
            placed |= 1 << k
        if not ok:
            continue
        s = start[p[0]] + end[p[-1]] + sum(W[a, b] for a, b in zip(p, p[1:]))
        best = s if best is None or s > best else best
    return best


def test_held_karp_scores_members_and_outsiders_only() -> None:
    rng = np.random.default_rng(7)
    for B in (1, 2, 4, 6, 7):
        # the subsets' tables: members and outsiders partition the nodes, members ascending
        for size, (masks, js, ks, _jk) in enumerate(solver._subsets(B)):
            assert js.shape == (len(masks), size) and ks.shape == (len(masks), B - size)
            for m, j, k in zip(masks, js, ks):
                assert list(j) == [x for x in range(B) if m >> x & 1]
                assert list(k) == [x for x in range(B) if not m >> x & 1]
        for trial in range(6):
            W = rng.normal(size=(B, B))
            np.fill_diagonal(W, -np.inf)
            start, end = rng.normal(size=B), rng.normal(size=B)
            pred = [0] * B
            if B > 3 and trial % 2:
                pred[2] = 1 << 0
            order = solver.held_karp(W, start, end, pred)
            want = _brute(W, start, end, pred)
            assert order is not None and want is not None
            got = start[order[0]] + end[order[-1]] + sum(W[a, b] for a, b in zip(order, order[1:]))
            assert sorted(order) == list(range(B))
            assert got == pytest.approx(want)
    # precedences no order satisfies
    W = rng.normal(size=(3, 3))
    assert solver.held_karp(W, np.zeros(3), np.zeros(3), [2, 1, 0]) is None


def test_recut_keeps_the_facts_of_unchanged_fragments() -> None:
    """Evidence gathered with the first gathering's memo equals evidence gathered afresh."""
    text = _case_text(5)
    prep = R.prepare(text, columns=False)
    assert prep.ev is not None and prep.bg is not None
    lines = prep.lines
    width = median_width([s for i, s in enumerate(lines) if i not in prep.furn])
    memo: dict = {}
    features.gather_evidence(prep.frags, prep.lex, width, prep.bg, prep.furn, memo=memo)
    n_facts = sum(k[0] == "facts" for k in memo)
    assert n_facts == len({features._frag_key(f) for f in prep.frags})
    # cut a few fragments in two, as the column re-cut does
    rnd = random.Random(1)
    long = [f for f in prep.frags if len(f.pieces) > 3]
    before = {f.pieces[len(f.pieces) // 2].line for f in rnd.sample(long, min(5, len(long)))}
    frags2 = assemble.cut_fragments(lines, prep.furn, set(), set(), prep.lex, before)
    assert len(frags2) > len(prep.frags)
    again = features.gather_evidence(
        frags2, prep.lex, width, prep.bg, prep.furn, prep.ev.char_model, memo=memo
    )
    # only the new fragments were added to the memo
    new_keys = {features._frag_key(f) for f in frags2} - {features._frag_key(f) for f in prep.frags}
    assert sum(k[0] == "facts" for k in memo) == n_facts + len(new_keys)
    fresh = features.gather_evidence(
        frags2, prep.lex, width, prep.bg, prep.furn, prep.ev.char_model
    )
    for name in fresh.__dataclass_fields__:
        a, b = getattr(again, name), getattr(fresh, name)
        if isinstance(a, np.ndarray):
            assert np.array_equal(a, b), name
        elif name not in ("geo", "char_model", "cache"):
            assert a == b, name


def test_second_pass_reuses_a_window_whose_scores_did_not_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    real = assemble.solve_path

    def counted(*a: object, **k: object):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(assemble, "solve_path", counted)
    prep = R.prepare(_case_text(2))
    assert prep.ev is not None
    idx = np.arange(len(prep.frags))
    rng = np.random.default_rng(0)
    S = rng.normal(size=(len(idx), len(idx)))
    st, en = np.zeros(len(idx)), np.zeros(len(idx))
    nums: list[int | None] = [None] * len(idx)
    first = assemble._solve_window(prep.ev, idx, S, st, en, nums, None)
    again = assemble._solve_window(prep.ev, idx, S.copy(), st, en, nums, None)
    assert len(calls) == 1 and again is first
    S2 = S.copy()
    S2[0, 1] += 1.0
    assemble._solve_window(prep.ev, idx, S2, st, en, nums, None)
    assert len(calls) == 2


def test_scores_by_blocks_are_the_tensor_times_the_weights() -> None:
    """``join_features(..., w)`` gives exactly ``join_features(...) @ w`` without holding the
    tensor, for windows of any size (blocks of rows, a last partial block, one fragment)."""
    prep = R.prepare(_case_text(4))
    assert prep.ev is not None and prep.bg is not None
    n = len(prep.frags)
    assert n > 40
    for idx in (np.arange(n), np.arange(n - 1), np.arange(17), np.arange(1), np.array([3, 0])):
        X = features.join_features(prep.ev, prep.lex, prep.bg, idx)
        for w in (R.DEFAULT.w, R.DEFAULT.w_text):
            got = features.join_features(prep.ev, prep.lex, prep.bg, idx, w)
            assert got.shape == (len(idx), len(idx))
            assert np.array_equal(got, X @ w)
