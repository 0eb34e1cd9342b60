"""Join confidence where the file order may hide a page or column break (issue 11).

Why a module of its own: the calibration reads the layout at each join (page furniture
between two file neighbours, a column end the geometry flags, the document's own habit
at such ends), and these tests pin that behaviour through the public API, apart from the
reading order itself, which the calibration must never change.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

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
        assert len(cv) == 7
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


def test_the_documents_habit_at_column_ends_moves_a_kept_join_there() -> None:
    cal = R.DEFAULT.conf_cal
    plain = assemble.calibrated_confidence(0.6, cal, at_break=True, habit=0.0)
    # an extractor that keeps its columns in order at most flagged column ends (log-odds +2)
    # is trusted more there than one that scrambles them (log-odds -2)
    assert assemble.calibrated_confidence(0.6, cal, at_break=True, habit=2.0) > plain
    assert assemble.calibrated_confidence(0.6, cal, at_break=True, habit=-2.0) < plain
    # a file-order join across page furniture is reported lower than the same join inside a page
    assert assemble.calibrated_confidence(0.95, cal, page_kept=True) < 0.9
    assert assemble.calibrated_confidence(0.95, cal) >= 0.9


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
            without = assemble.calibrated_confidence(cv[0], cal[:7], *cv[1:])
            assert j.confidence > without
    assert hyphen_repairs >= 2
    doubt = assemble.calibrated_confidence(0.8, cal, jump=True, jump_text=-3.0)
    sure = assemble.calibrated_confidence(0.8, cal, jump=True, jump_text=3.0)
    assert sure > doubt
