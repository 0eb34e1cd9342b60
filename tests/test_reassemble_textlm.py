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
    """The shipped parameters with ``words_break`` weighed ``value`` (shipped: 1 behind the
    column-habit gate, see params)."""
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


def _habit_share(moves: list[int | None]) -> float:
    """``extractor.break_consistency`` of a path through flagged column ends, one per entry:
    None keeps the file order there, a number is the join's file displacement in lines."""
    from types import SimpleNamespace

    from edition.reassemble.extractor import break_consistency

    n = 2 * len(moves)
    frags = []
    start, end = np.zeros(n, int), np.zeros(n, int)
    for k, move in enumerate(moves):
        # fragment 2k ends a column (flagged); fragment 2k + 1 follows it on the path
        frags += [
            SimpleNamespace(pos=10 * k),
            SimpleNamespace(pos=10 * k + (1 if move is None else 5)),
        ]
        start[2 * k + 1] = 0 if move is None else move
    bottom = np.array([1 - i % 2 for i in range(n)])
    return break_consistency(frags, bottom, list(range(n)), start, end)


def test_column_ends_with_one_permutation_on_every_page_show_a_habit() -> None:
    # columns reversed on every page (three columns of 60 lines: -119 within a page, drifting
    # by a line, +241 to the next page), columns in order, pages as blocks with their columns
    # in order: nearly every flagged column end follows the others' habit
    reversed_cols = [-119, -120, 241, -119, -118, 242, -120, -119, 240, -119, -119, 241]
    assert _habit_share(reversed_cols) >= 0.8
    assert _habit_share([None] * 8) >= 0.8
    blocks = [None, None, -500, None, None, -500, None, None, -500]
    assert _habit_share(blocks) >= 0.8


def test_scattered_column_ends_show_no_habit() -> None:
    # whole columns in any order: multiples of the column height, none repeated often; and a
    # short document whose few ends cannot show a habit, each judged by the others
    scattered = [-120, 360, -600, 180, 60, -240, 540, -420, 300, -60, 720, -180]
    assert _habit_share(scattered) < 0.3
    assert _habit_share([-119, 241]) < 0.3
    assert _habit_share([]) == 0.5  # no flagged end: no evidence either way
    # one displacement repeated, the rest scattered: the repeated ones alone follow a habit
    half = [-119, -119, -119, 360, -600, 180, 540, -420]
    assert 0.3 < _habit_share(half) < 0.6


def test_words_count_again_only_where_the_documents_column_ends_keep_no_habit() -> None:
    # six pages of three columns of the harbour prose: reversed on every page, the first pass's
    # column ends follow one habit and the words do not count again (the layout places those
    # breaks; counting the words there lost joins on dev); written in any order, they scatter
    # and the words count again at every flagged column break
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import make_case

    wb = R.FEATURES.index("words_break")
    closed = opened = 0
    for shuffle in ("reversed", "random"):
        for seed in range(1, 7):
            case = make_case(
                _HARBOUR * 6,
                seed,
                columns=3,
                pages=6,
                width=38,
                shuffle=shuffle,
                height=30,
                furniture_formats=("pageno",),
            )
            prep = R.prepare(case.text)
            X = R.pair_features(prep, _words_break(1.0))
            assert prep.ev is not None and prep.ev.break_habit is not None
            counted = bool(X[:, :, wb].any())
            assert counted == (prep.ev.break_habit < R.DEFAULT.words_habit)
            closed += shuffle == "reversed" and not counted
            opened += shuffle == "random" and counted
    assert closed >= 5 and opened >= 5  # measured: 5 of 6 reversed layouts closed, 6 of 6 open
