"""Join confidence where the file order may hide a page or column break (issue 11).

Why a module of its own: the calibration reads the layout at each join (page furniture
between two file neighbours, a column end the geometry flags, the document's own habit
at such ends), and these tests pin that behaviour through the public API, apart from the
reading order itself, which the calibration must never change.
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from edition import reassemble as R
from edition.reassemble import assemble

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import ESSAYS, make_case  # noqa: E402
from test_reassemble import PROSE  # noqa: E402


def _furniture_lines(r: R.Reassembly) -> set[int]:
    return {ln for a, b in r.furniture for ln in range(a, b + 1)}


def test_covariates_mark_file_order_joins_across_page_furniture() -> None:
    case = make_case(
        PROSE + ESSAYS, seed=10, columns=2, pages=4, height=14, shuffle="random", offset=0
    )
    r = R.reassemble(case.text)
    furn = _furniture_lines(r)
    assert furn, "the generated pages carry page furniture"
    seen = 0
    for k, cv in enumerate(r.covariates):
        assert len(cv) == 8
        (_a0, a1), (b0, _b1) = r.order[k], r.order[k + 1]
        kept = not cv[1]
        across = any(a1 < ln < b0 for ln in furn)
        assert cv[4] == (kept and across)
        seen += cv[4]
    assert seen >= 1


def test_a_wrong_file_order_join_across_page_furniture_is_no_longer_reported_confident() -> None:
    # whole columns in any order, and columns cut at paragraphs and shuffled: where the file
    # keeps a page's last line before the next page's furniture and the next block, the
    # reading order often goes elsewhere; such joins were reported >= 0.9 (0.94-0.97)
    import bench_reassemble as B

    old = replace(R.DEFAULT, conf_cal=(0.598, 2.162, -1.238, -2.128, 0.040))
    wrong_across = 0
    for shuffle, seed in (("random", 10), ("fragment", 9), ("fragment", 10)):
        case = make_case(
            PROSE + ESSAYS, seed=seed, columns=2, pages=4, height=14, shuffle=shuffle, offset=0
        )
        r = R.reassemble(case.text)
        before = R.reassemble(case.text, params=old)
        assert r.order == before.order  # the calibration never changes the path
        for k, (ka, kb, _lost) in enumerate(B._join_units(case, r)):
            if r.covariates[k][4] and ka is not None and kb != ka + 1:
                wrong_across += 1
                assert r.joins[k].confidence < 0.9
                assert r.joins[k].confidence < before.joins[k].confidence
    assert wrong_across >= 3


def _solved(shuffle: str, seed: int) -> tuple[R.Reassembly, R.Prepared, list[int]]:
    """A generated three-column extraction reassembled, its fragments and evidence as the
    second pass reads them (``pair_features``), and the solved path as fragment indices.

    ``pair_features`` reads the column geometry off a first solution as ``reassemble`` does,
    but keeps the lost-page score where the printed numbers show every page; the cases the
    tests use give both the same geometry.
    """
    case = make_case(
        PROSE + ESSAYS, seed=seed, columns=3, pages=3, height=16, shuffle=shuffle, offset=0
    )
    r = R.reassemble(case.text)
    prep = R.prepare(case.text)
    R.pair_features(prep)
    first = {f.first_line + 1: i for i, f in enumerate(prep.frags)}
    return r, prep, [first[a] for a, _b in r.order]


@pytest.mark.parametrize(
    ("shuffle", "seed", "sign"),
    [("none", 3, 1), ("random", 10, -1), ("random", 3, -1)],
)
def test_the_documents_habit_is_read_off_its_path_and_moves_its_kept_joins_at_column_ends(
    shuffle: str, seed: int, sign: int
) -> None:
    # an extractor that emits every column in order keeps the file order at its column ends,
    # one that emits whole columns in any order seldom does; a kept join at one column end is
    # trusted as far as the document's other column ends are kept
    r, prep, path = _solved(shuffle, seed)
    assert prep.ev is not None and prep.ev.geo is not None
    bottom = prep.ev.geo.bottom
    ends = [(a, b) for a, b in zip(path, path[1:]) if bottom[a] == 1]
    kept = sum(prep.frags[b].pos == prep.frags[a].pos + 1 for a, b in ends)
    # the join's own vote left out, add-half smoothing
    share = (kept - 1 + 0.5) / (len(ends) - 1 + 1.0)
    expected = math.log(share / (1.0 - share))
    assert sign * expected > 0.5
    cal = R.DEFAULT.conf_cal
    flagged = 0
    for j, cv in zip(r.joins, r.covariates):
        if not cv[3]:
            assert cv[5] == 0.0  # only a kept join at a flagged column end reads the habit
            continue
        flagged += 1
        assert cv[5] == pytest.approx(expected)
        without = assemble.calibrated_confidence(cv[0], cal, *cv[1:5], 0.0, *cv[6:])
        assert sign * (j.confidence - without) > 0
    assert flagged >= 1 and flagged == kept


def test_join_covariates_with_its_default_counts_reads_no_habit() -> None:
    # called on its own (no path counted), a kept join at a flagged column end has no other
    # column end to learn from: the habit is even, not a crash
    _r, prep, _path = _solved("page", 3)
    assert prep.ev is not None and prep.ev.geo is not None
    n = len(prep.frags)
    ends = [a for a in range(n - 1) if prep.ev.geo.bottom[a] == 1]
    assert ends
    for a in ends:
        cv = assemble.join_covariates(prep.frags, prep.ev, a, a + 1, 0.9)
        assert cv[3] and cv[5] == 0.0
        # counts that leave no kept one beside this join: the other ends were all broken
        cv = assemble.join_covariates(prep.frags, prep.ev, a, a + 1, 0.9, habit_counts=(0, 3))
        assert math.isfinite(cv[5]) and cv[5] < 0


def test_the_calibration_adds_each_layout_term_with_its_coefficient() -> None:
    # an explicit calibration, not the fitted one: each flag moves the log-odds by its own
    # coefficient, the habit and the text margin by theirs times their value
    cal = (1.0, 0.0, -1.0, -0.5, 2.0, -3.0, 0.5, 0.25, -0.75)

    def logit(p: float) -> float:
        return math.log(p / (1.0 - p))

    base = logit(assemble.calibrated_confidence(0.6, cal))
    assert base == pytest.approx(logit(0.6), abs=1e-4)
    moved = {
        "jump": (assemble.calibrated_confidence(0.6, cal, jump=True), -1.0),
        "open_blank": (assemble.calibrated_confidence(0.6, cal, open_blank=True), -0.5),
        "at_break": (assemble.calibrated_confidence(0.6, cal, at_break=True), 2.0),
        "page_kept": (assemble.calibrated_confidence(0.6, cal, page_kept=True), -3.0),
        "habit": (assemble.calibrated_confidence(0.6, cal, habit=-2.0), -1.0),
        "jump_text": (assemble.calibrated_confidence(0.6, cal, jump_text=4.0), 1.0),
        "words": (assemble.calibrated_confidence(0.6, cal, words=True), -0.75),
    }
    for name, (p, shift) in moved.items():
        assert logit(p) - base == pytest.approx(shift, abs=1e-4), name
    # an older calibration without the layout terms ignores them
    assert assemble.calibrated_confidence(0.6, cal[:4], page_kept=True) == pytest.approx(0.6)


def test_habit_counts_the_paths_joins_at_flagged_column_ends() -> None:
    case = make_case(
        PROSE + ESSAYS, seed=3, columns=3, pages=2, height=16, shuffle="reversed", offset=0
    )
    prep = R.prepare(case.text)
    assert prep.ev is not None and prep.ev.geo is not None
    n = len(prep.frags)
    in_file = list(range(n))
    kept, total = assemble.break_habit(prep.frags, prep.ev, in_file)
    assert total == int((prep.ev.geo.bottom[: n - 1] == 1).sum()) and kept == total
    backwards = in_file[::-1]
    kept_b, _total_b = assemble.break_habit(prep.frags, prep.ev, backwards)
    assert kept_b == 0  # a path read backwards keeps no file successor anywhere


def test_a_repair_the_words_decide_is_reported_more_confident_than_one_they_doubt() -> None:
    # columns reversed on every page: the hyphenated words broken at column ends are completed
    # far away in the file; the words alone put that completion far above any other candidate
    case = make_case(
        PROSE + ESSAYS, seed=3, columns=2, pages=4, height=14, shuffle="reversed", offset=0
    )
    r = R.reassemble(case.text)
    cal = R.DEFAULT.conf_cal
    hyphen_repairs = 0
    for j, cv in zip(r.joins, r.covariates):
        if not cv[1]:
            assert cv[6] == 0.0  # a file-order join has no repair margin
            continue
        if j.kind == "hyphen":
            hyphen_repairs += 1
            assert cv[6] > 2.0
            without = assemble.calibrated_confidence(cv[0], cal, *cv[1:6], 0.0, *cv[7:])
            assert j.confidence > without
    assert hyphen_repairs >= 2
    doubt = assemble.calibrated_confidence(0.8, cal, jump=True, jump_text=-3.0)
    sure = assemble.calibrated_confidence(0.8, cal, jump=True, jump_text=3.0)
    assert sure > doubt


@pytest.mark.parametrize(("shuffle", "seed"), [("random", 10), ("random", 5)])
def test_a_repairs_margin_is_the_words_lead_over_the_best_other_successor(
    shuffle: str, seed: int
) -> None:
    # whole columns in any order: the solver repairs some joins the words back and some they
    # doubt; each repair reads how far the words alone put B above A's best other candidate,
    # and its reported confidence moves with that lead's sign
    r, prep, path = _solved(shuffle, seed)
    assert prep.ev is not None and prep.ev.text_scores is not None
    S = prep.ev.text_scores
    cal = R.DEFAULT.conf_cal
    signs = set()
    for (a, b), j, cv in zip(zip(path, path[1:]), r.joins, r.covariates):
        if not cv[1]:
            continue
        others = [float(S[a, x]) for x in range(S.shape[0]) if x not in (a, b)]
        lead = min(5.0, max(-5.0, float(S[a, b]) - max(others)))
        assert cv[6] == pytest.approx(lead)
        if abs(lead) > 0.1:
            signs.add(lead > 0)
            without = assemble.calibrated_confidence(cv[0], cal, *cv[1:6], 0.0, *cv[7:])
            assert (j.confidence > without) == (lead > 0)
    assert signs == {True, False}


def test_a_lone_candidates_margin_is_clipped() -> None:
    # where the words leave A a single candidate successor, the lead over "the best other"
    # is unbounded; the calibration reads it clipped, a finite figure
    _r, prep, path = _solved("random", 10)
    assert prep.ev is not None and prep.ev.text_scores is not None
    a, b = path[0], path[0] + 2
    prep.ev.text_scores[a, :] = -np.inf
    prep.ev.text_scores[a, b] = 0.0
    cv = assemble.join_covariates(prep.frags, prep.ev, a, b, 0.5)
    assert cv[1] and cv[6] == 5.0


def test_a_repair_where_the_words_counted_again_is_marked_for_the_calibration() -> None:
    # whole columns in any order with words_break weighed: the document's column ends keep no
    # habit, so the words count again at each join from a column's foot to a column's top;
    # exactly the repairs there are marked, and with the feature weighed 0 none is
    case = make_case(
        PROSE + ESSAYS, seed=19, columns=3, pages=3, height=16, shuffle="random", offset=0
    )
    w = R.DEFAULT.w
    w[R.FEATURES.index("words_break")] = 1.0
    on = R.DEFAULT.with_weights(w, "words_break 1")
    r = R.reassemble(case.text, params=on)
    prep = R.prepare(case.text)
    R.pair_features(prep, on)
    assert prep.ev is not None and prep.ev.geo is not None and prep.ev.text_w is not None
    geo = prep.ev.geo
    first = {f.first_line + 1: i for i, f in enumerate(prep.frags)}
    path = [first[a] for a, _b in r.order]
    marked = unmarked_jumps = 0
    for (a, b), cv in zip(zip(path, path[1:]), r.covariates):
        at_break = bool(geo.end_off[a] == 0 and geo.start_off[b] == 0)
        assert cv[7] == (cv[1] and at_break)
        marked += cv[7]
        unmarked_jumps += bool(cv[1] and not at_break)
    assert marked >= 2
    # jumps elsewhere than foot-to-top are there and stay unmarked (not every jump is the words')
    assert unmarked_jumps >= 1
    w[R.FEATURES.index("words_break")] = 0.0
    off = R.DEFAULT.with_weights(w, "words_break 0")
    assert not any(cv[7] for cv in R.reassemble(case.text, params=off).covariates)
