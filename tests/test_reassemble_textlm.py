"""Text evidence of the reading-order model (langmodel, features): what the words say across a join (issue 11, 3(c))."""

from __future__ import annotations

from typing import Any

import numpy as np

from edition import reassemble as R


def test_document_bigrams_do_not_count_the_inputs_own_joins() -> None:
    # the pair across two fragments ("beta" | "gamma") is a join still to be decided: counting it
    # would make ``bigram_seen`` vote for the file order at every column break
    text = "Alpha beta went home early that\n\ngamma delta stayed at the inn.\n"
    prep = R.prepare(text)
    assert prep.bg is not None and len(prep.frags) == 2
    assert prep.bg.word_bigrams[("alpha", "beta")] == 1
    assert ("that", "gamma") not in prep.bg.word_bigrams


#: Prose written for these tests (no bench or bundled text): a few paragraphs about a harbour
#: town, long enough to fill several pages of narrow columns when repeated.
_HARBOUR = [
    "The harbour master kept his ledgers in a small room above the customs shed, where the windows looked out over the mooring posts and the long grey wall of the breakwater. Every morning he counted the boats that had come in during the night and wrote their names beside the weight of the catch.",
    "In the autumn of that year the herring failed to arrive, and the fishermen spent their days mending nets that nobody needed. Some of them took work at the brickyard on the hill; others sailed south along the coast in search of better water, and a few never came back to the town at all.",
    "The council argued for months about whether to deepen the channel. A deeper channel would bring the steamers from the capital, with their coal and their passengers, but it would also cost more than the town had ever spent on anything, and the older members feared that the debt would outlive them.",
    "When the engineers finally came, they brought with them a machine that dredged the mud from the bottom of the bay and carried it out beyond the rocks. Children gathered on the quay to watch it work, and the schoolmaster gave up trying to keep them indoors during the afternoons.",
    "By the following spring the first steamer had tied up at the new pier. Its captain was a tall man with a grey beard who spoke very little, but he bought fresh bread from the baker every morning and paid in silver, which was enough to make him a favourite of the whole street within a week.",
    "Not everyone welcomed the change. The old net makers complained that the steamers frightened the fish, and the innkeeper said that the passengers drank less than the sailors had. Yet the rents rose, the brickyard doubled its kilns, and the town grew faster in those three years than it had in the previous thirty.",
]


def _words_break(value: float) -> R.Params:
    """The shipped parameters with ``words_break`` weighed ``value`` (shipped: 0, see params)."""
    w = R.DEFAULT.w
    w[R.FEATURES.index("words_break")] = value
    return R.DEFAULT.with_weights(w, f"words_break {value}")


def _harbour_case(seed: int) -> Any:
    """Whole columns of three-column pages of the harbour prose written in any order
    (``bench/synth.py``)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import make_case

    return make_case(
        _HARBOUR * 3,
        seed,
        columns=3,
        pages=3,
        width=38,
        shuffle="random",
        height=30,
        furniture_formats=("pageno",),
    )


def _whole_columns(seed: int) -> tuple[R.Prepared, np.ndarray]:
    """``_harbour_case`` as the second pass sees it: the fragments and every pair's features."""
    prep = R.prepare(_harbour_case(seed).text)
    return prep, R.pair_features(prep, _words_break(1.0))


def test_words_at_a_column_break_are_counted_again_where_the_geometry_finds_one() -> None:
    # whole columns in any order: file order says nothing at a column's foot, so where the
    # column geometry puts A at a foot and B at a top the words' own score enters once more
    wb = R.FEATURES.index("words_break")
    gb = R.FEATURES.index("geo_break")
    seen = 0
    for seed in (3, 4):
        _prep, X = _whole_columns(seed)
        text = X @ _words_break(1.0).w_text
        at = X[:, :, gb] == 1
        seen += int(at.sum())
        assert np.allclose(X[:, :, wb][at], text[at])
        assert not X[:, :, wb][~at].any()  # inside a column (or no geometry): no second count
    assert seen >= 10


def test_words_at_a_column_break_are_no_layout_evidence_of_their_own() -> None:
    # the feature reads the geometry, so the text-only score (which finds the joins the words
    # decide) must not count it: it would count the words twice there
    w = R.DEFAULT.with_weights(np.ones(len(R.FEATURES)), "all ones").w_text
    assert w[R.FEATURES.index("words_break")] == 0.0
    assert R.DEFAULT.w[R.FEATURES.index("words_break")] == 0.0  # measured, not shipped (review r6)


def _hard_joins_right(case, r: R.Reassembly) -> tuple[int, int]:
    """(right, all) true successions whose file order is wrong (the bench's hard joins)."""
    from synth import predicted_sequence

    seq = predicted_sequence(case, r.order, r.cols)
    fseq = [k for ln in sorted(case.units) for _s, _e, k in sorted(case.units[ln])]
    nxt, fnext = dict(zip(seq, seq[1:])), dict(zip(fseq, fseq[1:]))
    hard = [k for k in fseq if k + 1 in fnext.values() and fnext.get(k) != k + 1]
    return sum(nxt.get(k) == k + 1 for k in hard), len(hard)


def test_counting_the_words_again_at_column_breaks_restores_more_of_them() -> None:
    # whole columns of the harbour prose in any order, eight layouts: with words_break weighed
    # (1.0, the value measured on the bench's dev cases) more column breaks are restored than
    # without it, and none of the layouts loses one
    off, on = _words_break(0.0), _words_break(1.0)
    right_off = right_on = total = 0
    for seed in range(1, 9):
        case = _harbour_case(seed)
        r0, n0 = _hard_joins_right(case, R.reassemble(case.text, params=off))
        r1, n1 = _hard_joins_right(case, R.reassemble(case.text, params=on))
        assert n0 == n1 and r1 >= r0
        right_off, right_on, total = right_off + r0, right_on + r1, total + n0
    assert total >= 40
    assert right_on >= right_off + 2  # 36 of 46 against 34
