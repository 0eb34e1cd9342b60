"""The extractor's habit learnt over the whole document (``edition.reassemble.extractor``).

Synthetic evidence here: candidate displacements and text weights drawn from a fixed seed, so
the figures are deterministic; the end-to-end case is typeset by ``bench/synth.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from edition import reassemble as R
from edition.reassemble import extractor as E
from edition.reassemble.features import join_features
from edition.reassemble.geometry import _certain_breaks

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import ESSAYS, SynthCase, make_case  # noqa: E402


def _sources(consistent: bool, seed: int = 0, n: int = 30, c: int = 80, k: int = 400):
    """Column breaks whose true partner (candidate 0) the words favour only weakly (×2 in a
    log-normal crowd), at a displacement near 200 (``consistent``) or anywhere."""
    rng = np.random.default_rng(seed)
    out = []
    text_top = 0
    for _ in range(n):
        bins = rng.integers(0, k, c)
        bins[0] = 200 + rng.integers(-1, 2) if consistent else rng.integers(0, k)
        w = rng.lognormal(0.0, 1.0, c)
        w[0] *= 2.0
        text_top += int(np.argmax(w) == 0)
        out.append((bins, w / w.sum()))
    return out, text_top / n


def test_weak_text_evidence_summed_over_the_document_finds_the_habit() -> None:
    srcs, text_top = _sources(consistent=True)
    logp, gain = E._em(srcs, 400)
    with_prior = np.mean([np.argmax(w * np.exp(logp[b])) == 0 for b, w in srcs])
    assert text_top < 0.2  # the words alone almost never pick the true partner
    assert with_prior > 0.75  # the document's habit does
    assert gain > E._MIN_GAIN
    assert int(np.argmax(logp)) in (199, 200, 201)


def test_no_habit_when_the_extractor_jumps_at_random() -> None:
    srcs, _ = _sources(consistent=False)
    _logp, gain = E._em(srcs, 400)
    assert gain < E._MIN_GAIN  # learn_jump_prior then returns None: no prior


def test_feature_is_zero_outside_the_histogram_and_clipped() -> None:
    logp = np.array([-5.0, 0.5, 9.0])
    jp = E.JumpPrior(
        start=np.array([0, 10, 1]),
        end=np.array([0, 10, 1]),
        logp=logp,
        offset=1,
        gain=1.0,
        unit="rows",
        sources=5,
    )
    f = jp.feature(np.arange(3))
    # d = start[b] - end[a]: a=0→b=2 is +1 (bin 2, clipped to the top), a=2→b=0 is -1 (bin 0,
    # clipped at the bottom), a=0→b=1 is +10 (outside: 0)
    assert f[0, 2] == E._CLIP_HI
    assert f[2, 0] == E._CLIP_LO
    assert f[0, 1] == 0.0


def test_a_reversed_column_extractor_habit_favours_the_true_column_breaks() -> None:
    case = make_case(ESSAYS * 3, 7, columns=3, pages=4, shuffle="reversed", height=40)
    prep = R.prepare(case.text)
    assert prep.ev is not None and prep.bg is not None
    idx = np.arange(len(prep.frags))
    S = join_features(prep.ev, prep.lex, prep.bg, idx) @ R.DEFAULT.w_text
    np.fill_diagonal(S, -np.inf)
    top, bottom = _certain_breaks(prep.frags, prep.ev)
    jp = E.learn_jump_prior(
        prep.frags, prep.ev, S, E.line_positions(prep.frags, prep.lines, prep.furn), top, bottom
    )
    assert jp is not None
    F = jp.feature(idx)
    first = [case.k_at(l0 + 1, c0) for (l0, c0, _c1), _l in prep.spans]
    last = [case.k_at(l1 + 1, max(c1 - 1, c0)) for _f, (l1, c0, c1) in prep.spans]
    at = {k: i for i, k in enumerate(first) if k is not None}
    breaks = [
        (a, at[k + 1])
        for a, k in enumerate(last)
        if k is not None and k + 1 in at and at[k + 1] != a + 1
    ]
    assert len(breaks) >= 6
    true_vals = np.array([F[a, b] for a, b in breaks])
    assert np.mean(true_vals > 1.0) > 0.6  # most true column breaks sit at the habitual jump
    assert F.mean() < 0.5  # while most pairs do not


def _page_case(shuffle: str):
    case = make_case(
        ESSAYS * 3,
        11,
        columns=2,
        pages=6,
        shuffle=shuffle,
        height=40,
        furniture_formats=("pageno",),
    )
    prep = R.prepare(case.text)
    assert prep.ev is not None and prep.bg is not None and prep.ev.geo is not None
    idx = np.arange(len(prep.frags))
    S = join_features(prep.ev, prep.lex, prep.bg, idx) @ R.DEFAULT.w_text
    np.fill_diagonal(S, -np.inf)
    top, bottom = _certain_breaks(prep.frags, prep.ev)
    pages = E.run_pages(prep.frags, prep.lines, prep.furn, prep.ev.geo)
    return case, prep, E.learn_page_prior(prep.frags, S, pages, prep.ev.geo, top, bottom), pages


def test_printed_page_numbers_are_read_off_the_furniture() -> None:
    _case, _prep, _pp, pages = _page_case("pages-shuffled")
    known = sorted(int(p) for p in pages if p >= 0)
    assert known == sorted(set(known)) and len(known) >= 5 and known[0] >= 1 and known[-1] <= 6


def test_pages_shuffled_as_blocks_show_a_same_or_next_page_habit() -> None:
    _case, _prep, pp, _pages = _page_case("pages-shuffled")
    assert pp is not None
    # a column break continues on the same printed page or the next one, never three back
    assert pp.logp[pp.offset] > 1.0 and pp.logp[pp.offset + 1] > 1.0
    assert pp.offset < 3 or pp.logp[pp.offset - 3] < 0.0


def test_columns_scattered_across_pages_show_no_page_habit() -> None:
    _case, _prep, pp, _pages = _page_case("random")
    assert pp is None


def test_whole_pages_out_of_order_are_joined_by_their_printed_numbers() -> None:
    case, prep, _pp, pages = _page_case("pages-shuffled")
    assert prep.ev is not None and prep.ev.geo is not None
    _top, bottom = _certain_breaks(prep.frags, prep.ev)
    pairs = E.page_order_pairs(prep.frags, prep.ev, pages, prep.ev.geo, bottom)
    first = [case.k_at(l0 + 1, c0) for (l0, c0, _c1), _l in prep.spans]
    last = [case.k_at(l1 + 1, max(c1 - 1, c0)) for _f, (l1, c0, c1) in prep.spans]
    assert len(pairs) >= 3
    assert all(last[a] is not None and first[b] == last[a] + 1 for a, b in pairs)


def test_columns_shuffled_inside_pages_do_not_pass_for_whole_pages() -> None:
    _case, prep, _pp, pages = _page_case("page")
    assert prep.ev is not None and prep.ev.geo is not None
    _top, bottom = _certain_breaks(prep.frags, prep.ev)
    assert E.page_order_pairs(prep.frags, prep.ev, pages, prep.ev.geo, bottom) == []


def test_a_complete_page_numbering_rules_out_a_lost_page() -> None:
    assert E.pages_complete(np.array([3, 1, 2, -1]))
    assert not E.pages_complete(np.array([1, 2, 4]))  # page 3 is lost
    assert not E.pages_complete(np.array([1, 2]))  # two numbers are no sequence
    assert not E.pages_complete(np.array([1, 1, 2, 3]))  # a run counted twice: not pages


def _page_next_pairs(case: SynthCase) -> tuple[int, int]:
    """(page joins the lower-case test alone finds, page joins the pipeline asserts) in ``case``."""
    prep = R.prepare(case.text)
    assert prep.ev is not None and prep.ev.geo is not None
    _top, bottom = _certain_breaks(prep.frags, prep.ev)
    pages = E.run_pages(prep.frags, prep.lines, prep.furn, prep.ev.geo)
    lower_case_only = E.page_order_pairs(prep.frags, prep.ev, pages, prep.ev.geo, bottom)
    X = R.pair_features(prep)
    return len(lower_case_only), int(X[:, :, R.FEATURES.index("page_next")].sum())


def _numbered_pages(seed: int, columns: int, pages: int, shuffle: str) -> SynthCase:
    """Essays set in ``columns`` columns of 40 lines on ``pages`` numbered pages, extracted with
    ``shuffle``."""
    return make_case(
        ESSAYS * 3,
        seed,
        columns=columns,
        pages=pages,
        shuffle=shuffle,
        height=40,
        furniture_formats=("pageno",),
    )


def test_columns_in_any_order_are_not_taken_for_whole_pages_by_their_lower_case_starts() -> None:
    # whole columns of four numbered pages come out in any order: nearly every column starts
    # mid-sentence in lower case, so "the next fragment can go on" holds at every break inside a
    # furniture run; the words rarely rank that fragment first, and page joins are asserted in
    # at most one document
    lower_fired = asserted = 0
    for seed in range(1, 10):
        lower, pipeline = _page_next_pairs(_numbered_pages(seed, 3, 4, "random"))
        lower_fired += lower > 0
        asserted += pipeline > 0
    assert lower_fired >= 4  # the lower-case test alone takes them for whole pages
    assert asserted <= 1  # a chance word-ranked break may still let one through (seed 7)


def test_whole_pages_shuffled_still_get_their_page_joins_through_the_pipeline() -> None:
    _lower, pipeline = _page_next_pairs(_numbered_pages(11, 2, 6, "pages-shuffled"))
    assert pipeline >= 3


@pytest.mark.parametrize(
    "seed,shuffle,asserted",
    [
        # review r5: with a share of word-ranked breaks as the test, one chance hit among three
        # breaks passed scattered columns for whole pages (four page joins, all wrong) ...
        (3, "random", False),
        # ... and true whole pages whose words rank few next fragments first lost their joins
        # (seed 11's pages, whose words rank no next fragment first, lose them under the veto too)
        (5, "pages-reversed", True),
    ],
)
def test_the_words_only_veto_whole_pages_the_lower_case_test_admits(
    seed: int, shuffle: str, asserted: bool
) -> None:
    _lower, pipeline = _page_next_pairs(_numbered_pages(seed, 2, 5, shuffle))
    assert (pipeline > 0) == asserted
