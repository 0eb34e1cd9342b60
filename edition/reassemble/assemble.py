"""Assembly: the whole pipeline (``reassemble``, ``prepare``, ``pair_features``), join
kinds and calibrated confidences, and the restored paragraphs.
"""

from __future__ import annotations

import bisect
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .extractor import (
    break_consistency,
    learn_jump_prior,
    learn_page_prior,
    line_positions,
    page_order_pairs,
    pages_complete,
    run_pages,
)
from .features import (
    _CONTRADICTION,
    _start_end,
    contradictions,
    gather_evidence,
    join_features,
    proven_gap,
    text_confident_joins,
)
from .geometry import (
    Geometry,
    RowColumns,
    _certain_breaks,
    _path_geometry,
    hidden_column_ends,
    row_columns,
    rows_geometry,
)
from .langmodel import ClassBigrams
from .layout import _is_blank, cut_fragments, find_furniture, median_width, missing_pages
from .lexicon import Lexicon, _join_text
from .params import DEFAULT, FEATURES, Params
from .solver import _join_conf, solve_path
from .types import Join, Paragraph, Reassembly

if TYPE_CHECKING:
    from .features import Evidence
    from .layout import Frag


#: Beyond this many fragments the solver works in windows of the input order
#: (of ``_BIG_WINDOW`` fragments), which bounds time and memory on huge inputs.
_WINDOW = 700
_BIG_WINDOW = 300
#: The document priors (``_text_layout``) read the text-only scores of every fragment pair, so
#: they are learnt up to this many fragments, windows or not (n² time and memory beyond).
_DOC_LIMIT = 2000


def join_scores(X: np.ndarray, params: Params = DEFAULT) -> np.ndarray:
    """Log-odds of each pair of ``X`` (features on the last axis) under ``params``."""
    return X @ params.w


@dataclass
class Prepared:
    """An extraction cut into fragments, with the evidence the join features are built from.

    Why public: the benchmark fits weights on the features of generated cases
    (``pair_features``) and maps fragments back to the generator's truth (``spans``),
    without reaching into the pipeline's private steps.
    """

    lines: list[str]
    furn: set[int]
    furniture: list[tuple[int, int]]
    lex: Lexicon
    frags: list[Frag]
    bg: ClassBigrams | None = None
    ev: Evidence | None = None

    @property
    def spans(self) -> list[tuple[tuple[int, int, int], tuple[int, int, int]]]:
        """Per fragment: (0-based line, first, end character) of its first and of its last piece."""
        return [
            (
                (f.pieces[0].line, f.pieces[0].c0, f.pieces[0].c1),
                (f.pieces[-1].line, f.pieces[-1].c0, f.pieces[-1].c1),
            )
            for f in self.frags
        ]


def prepare(text: str, overrides: Iterable[tuple[int, int]] = (), columns: bool = True) -> Prepared:
    """Cut ``text`` into fragments and gather their evidence (steps 1 and 3 of the pipeline).

    ``overrides`` as in ``reassemble``; an override naming a blank or missing line is an
    ``InputError``.  ``columns``: also cut where the column geometry puts a column end the
    text does not mark (``geometry.hidden_column_ends``), and gather the evidence again.
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    ov = [(int(a), int(b)) for a, b in overrides]
    for a, b in ov:
        if (
            not (1 <= a <= len(lines) and 1 <= b <= len(lines))
            or _is_blank(lines[a - 1])
            or _is_blank(lines[b - 1])
        ):
            from ..files import InputError

            raise InputError(
                None,
                f"reading-order override {a} → {b} names a blank or missing line; use 1-based lines with text",
                line=a,
            )
    furn = find_furniture(lines)
    furniture = _ranges(sorted(furn))
    lex = Lexicon([s for i, s in enumerate(lines) if i not in furn])
    frags = cut_fragments(lines, furn, {a - 1 for a, _ in ov}, {b - 1 for _, b in ov}, lex)
    prep = Prepared(lines, furn, furniture, lex, frags)
    if frags:
        width = median_width([s for i, s in enumerate(lines) if i not in furn])
        prep.bg = ClassBigrams(frags)
        memo: dict = {}  # per-fragment text facts, shared with the re-cut's second gathering
        prep.ev = gather_evidence(frags, lex, width, prep.bg, furn, memo=memo)
        before, rc = _hidden_column_tops(frags, furn, prep.ev) if columns else (set(), None)
        if before:
            frags = cut_fragments(
                lines, furn, {a - 1 for a, _ in ov}, {b - 1 for _, b in ov}, lex, before
            )
            prep.frags = frags
            # the word-class and character models read the same text: kept, not trained again;
            # the fragments the re-cut leaves as they were keep their facts
            prep.ev = gather_evidence(
                frags, lex, width, prep.bg, furn, prep.ev.char_model, memo=memo
            )
        if rc is not None:
            prep.ev.geo = _agreed_geometry(rows_geometry(frags, furn, rc, prep.ev.geo), prep.ev.geo)
    return prep


def _agreed_geometry(rows: Geometry, first: Geometry | None) -> Geometry:
    """The row geometry's offsets, with the first geometry's where the rows give none, and
    none where the two disagree (when both found the same column height).

    Why: the rows place glued columns the first geometry cannot, and the first geometry
    counts from certain breaks the rows may have missed; where two counts of one layout
    disagree, neither is asserted (an offset wrongly known forbids the true join).
    """
    if first is None or first.height != rows.height:
        return rows
    for mine, theirs in ((rows.start_off, first.start_off), (rows.end_off, first.end_off)):
        both = (mine >= 0) & (theirs >= 0)
        only = (mine < 0) & (theirs >= 0)
        mine[both & (mine != theirs)] = -1
        mine[only] = theirs[only]
    return rows


#: A column start the row geometry gives at least this probability is offered as a cut.
_COLUMN_CUT_P = 0.5


def _hidden_column_tops(
    frags: Sequence[Frag], furn: set[int], ev: Evidence
) -> tuple[set[int], RowColumns | None]:
    """Lines inside fragments where a column starts that no blank line or leading space marks.

    Why: the true join across such a column end is otherwise unreachable.  The row geometry
    (``geometry.row_columns``) offers every line it gives ``_COLUMN_CUT_P`` or more (the rows
    either side of an uncertain count compete as cuts, and the solver re-joins the wrong
    ones); the offsets of a first geometry add theirs (``geometry.hidden_column_ends``).
    """
    out = {
        frags[i].pieces[p].line for i, ps in hidden_column_ends(frags, ev.geo).items() for p in ps
    }
    rc = row_columns(frags, furn, ev)
    if rc is not None:
        for j, (fi, pi) in enumerate(rc.pieces):
            if pi > 0 and rc.p_top[j] >= _COLUMN_CUT_P:
                out.add(frags[fi].pieces[pi].line)
    return out, rc


def _windows(n: int, run: np.ndarray | None = None) -> list[np.ndarray]:
    """Windows of the input order the solver works in (one for all but huge inputs).

    ``run``: per fragment, its furniture-delimited run; a window then ends where a run does
    (the one nearest ``_BIG_WINDOW`` fragments, between half and one and a half of it), so
    that no page's columns are split between two windows.
    """
    if n <= _WINDOW:
        return [np.arange(n)]
    cuts = [] if run is None else [i for i in range(1, n) if run[i] != run[i - 1]]
    out = []
    a = 0
    while a < n:
        lo = bisect.bisect_left(cuts, a + _BIG_WINDOW // 2)
        near = cuts[lo : bisect.bisect_right(cuts, a + 3 * _BIG_WINDOW // 2)]
        b = min(near, key=lambda c: abs(c - a - _BIG_WINDOW)) if near else a + _BIG_WINDOW
        if n - b < _BIG_WINDOW // 2:
            b = n
        out.append(np.arange(a, min(n, b)))
        a = b
    return out


def _text_layout(
    frags: Sequence[Frag],
    ev: Evidence,
    lex: Lexicon,
    bg: ClassBigrams,
    params: Params,
    lines: Sequence[str] = (),
    furn: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Learn how this extractor moved the text, from the words over the whole document (into ``ev``).

    Sets ``ev.jump_prior`` (the displacement habit of its column breaks, for ``doc_jump``; see
    ``extractor``), and, when their weights are not zero, ``ev.jumps`` (the file
    displacements of the joins the words alone decide, for ``jump_match``) and
    ``ev.adj_prior`` (log-odds that a sentence broken at a column end goes on in the next
    block of the file, for ``adj_doc``).  Sets ``ev.habit_gated`` where the solver will work
    in windows: doc_jump and page_jump then count only where the geometry allows a column
    break, which changes every later ``join_features`` score of this document.
    """
    w = params.w
    wt = params.w_text
    ev.text_w = None  # words_break: decided after the first pass (``_words_at_breaks``)
    use_doc = (
        bool(w[[FEATURES.index(f) for f in ("doc_jump", "page_jump", "page_next")]].any())
        and len(frags) <= _DOC_LIMIT
        and len(lines) > 0
    )
    if use_doc:
        # in windows the solver no longer weighs every column bottom against every other for one
        # column top, and a sharp habit (a long document: many breaks) then pulls fragments out
        # of their columns: there the habit counts only where the geometry allows a break
        # (dev prose, 845-1094 fragments: easy joins kept 0.984 -> 0.992; in one window, dev
        # 60 cases, the gate cost hard joins 0.598 -> 0.579, so it is not applied there)
        ev.habit_gated = len(frags) > _WINDOW
        idx = np.arange(len(frags))
        S = join_features(ev, lex, bg, idx, wt)
        np.fill_diagonal(S, -np.inf)
        ev.text_scores = S
        top, bottom = _certain_breaks(frags, ev)
        if w[FEATURES.index("doc_jump")]:
            ev.jump_prior = learn_jump_prior(
                frags, ev, S, line_positions(frags, lines, set(furn)), top, bottom
            )
        if (
            w[FEATURES.index("page_jump")] or w[FEATURES.index("page_next")]
        ) and ev.geo is not None:
            pages = run_pages(frags, lines, set(furn), ev.geo)
            if w[FEATURES.index("page_jump")]:
                ev.page_prior = learn_page_prior(frags, S, pages, ev.geo, top, bottom)
            if w[FEATURES.index("page_next")]:
                ev.page_next = page_order_pairs(frags, ev, pages, ev.geo, bottom, S, top)
    if not (w[FEATURES.index("jump_match")] or w[FEATURES.index("adj_doc")]):
        return  # the shipped weights do not use them (see ``params.DEFAULT``): save the pass
    jumps: list[tuple[int, int]] = []
    kept = left = 0
    for idx in _windows(len(frags)):
        S = join_features(ev, lex, bg, idx, wt)
        np.fill_diagonal(S, -np.inf)
        j, k, l_ = text_confident_joins(frags, ev, S, idx)
        jumps += j
        kept += k
        left += l_
    ev.jumps = jumps
    ev.adj_prior = 0.0 if kept + left == 0 else math.log((kept + 0.5) / (left + 0.5))


def _words_at_breaks(
    frags: Sequence[Frag],
    ev: Evidence,
    path: Sequence[int],
    params: Params,
    lines: Sequence[str],
    furn: set[int] | frozenset[int],
) -> None:
    """Let ``words_break`` count in the second pass (``ev.text_w``) where the first pass's path
    leaves its flagged column ends with no consistent habit (``extractor.break_consistency``,
    in rows or in text lines, whichever is the more consistent; ``ev.break_habit`` keeps it)
    below ``params.words_habit``.

    The threshold, 0.7, was chosen on dev (60 cases and 15 mid-length layouts of 130-570
    fragments, ``bench_reassemble.py --mid``): columns reversed on every page and pages as
    blocks lie at 0.72-0.97, where words_break lost joins; columns scrambled within or across
    pages mostly below 0.65, where it gained; few documents lie between (tendencies, not
    bands: see ``extractor.break_consistency`` for where the gate errs).

    Why: where the extractor writes whole columns in any order, nothing but the words can
    place a column top, yet the layout features weigh as much there as inside a column; where
    it applies one permutation on every page the layout already places them, and words counted
    again pull fragments out of it (dev, words_break everywhere: columns reversed on every page,
    570 fragments, 58 -> 54 of 58 hard joins).  Not where the solver works in windows: a
    window holds only some of the column tops (dev, six 845-1094-fragment layouts, hard joins
    0.600 with words_break off, 0.581 on).
    """
    ev.text_w = None
    ev.break_habit = None
    if ev.geo is None or not params.w[FEATURES.index("words_break")] or len(frags) > _WINDOW:
        return
    positions = line_positions(frags, lines, set(furn))
    ev.break_habit = max(
        break_consistency(frags, ev.geo.bottom, path, start, end)
        for start, end in positions.values()
    )
    if ev.break_habit < params.words_habit:
        ev.text_w = params.w_text


def pair_features(prep: Prepared, params: Params = DEFAULT) -> np.ndarray:
    """Features of every ordered fragment pair (n × n × len(FEATURES)), as the second pass sees them.

    The column offsets are read off a first solution with ``params`` (as ``reassemble``
    does); fitting therefore sees the features the solver scores with.
    """
    if prep.ev is None or prep.bg is None:
        return np.zeros((0, 0, len(FEATURES)))
    _text_layout(prep.frags, prep.ev, prep.lex, prep.bg, params, prep.lines, prep.furn)
    path, _link, conf, _gaps = _solve_all(prep.frags, prep.ev, prep.lex, prep.bg, [], params)
    geo = _path_geometry(prep.frags, prep.ev, path, conf)
    if geo is not None:
        prep.ev.geo = geo
        _words_at_breaks(prep.frags, prep.ev, path, params, prep.lines, prep.furn)
    return join_features(prep.ev, prep.lex, prep.bg, np.arange(len(prep.frags)))


def reassemble(
    text: str, overrides: Iterable[tuple[int, int]] = (), params: Params = DEFAULT
) -> Reassembly:
    """Restore reading order and paragraphs of a PDF text extraction.

    ``overrides``: editor-forced successions ``(after_line, next_line)``
    (1-based): the fragment ending at ``after_line`` is followed by the one
    starting at ``next_line``; cuts are made there if needed.  ``params``: the
    model's fitted numbers (the shipped ones unless a benchmark fits its own).
    """
    ov = [(int(a), int(b)) for a, b in overrides]
    prep = prepare(text, ov)
    frags, ev, lex, bg = prep.frags, prep.ev, prep.lex, prep.bg
    if ev is None or bg is None:
        return Reassembly(furniture=[(a + 1, b + 1) for a, b in prep.furniture])
    _text_layout(frags, ev, lex, bg, params, prep.lines, prep.furn)
    if ev.geo is not None and pages_complete(run_pages(frags, prep.lines, prep.furn, ev.geo)):
        # the printed numbers show every page from the first to the last: no lost page to infer
        params = replace(params, gap=None)
    path, link, conf, inferred = _solve_all(frags, ev, lex, bg, ov, params)
    geo = _path_geometry(frags, ev, path, conf)
    if geo is not None:  # second pass: the column offsets the first solution reveals
        ev.geo = geo
        _words_at_breaks(frags, ev, path, params, prep.lines, prep.furn)
        path, link, conf, inferred = _solve_all(frags, ev, lex, bg, ov, params, "pass 2")
    out = _assemble(frags, path, link, conf, ev, lex, prep.furniture, params, inferred)
    out.missing_pages = missing_pages(prep.lines, prep.furn)
    return out


def _solve_all(
    frags: Sequence[Frag],
    ev: Evidence,
    lex: Lexicon,
    bg: ClassBigrams,
    ov: Sequence[tuple[int, int]],
    params: Params,
    label: str = "pass 1",
) -> tuple[list[int], list[float], list[float], set[int]]:
    """Solve the reading order over all fragments: (path, join scores, join confidences, inferred gaps)."""
    nums = [f.heading for f in frags]
    # windows of the input order (ending where page runs end) bound the cost for huge inputs
    win = _windows(len(frags), None if ev.geo is None else ev.geo.run)
    path: list[int] = []
    link: list[float] = []
    conf: list[float] = []
    inferred: set[int] = set()  # positions in path after which the solver put a lost page
    from tqdm import tqdm

    # a bar (stderr, terminals only: disable=None) when the input is big enough to take a while
    for idx in tqdm(
        win,
        desc=f"reading order ({label})",
        unit="window",
        file=sys.stderr,
        disable=None if len(win) > 1 else True,
        leave=False,
    ):
        S = join_features(ev, lex, bg, idx, params.w) - _CONTRADICTION * contradictions(
            ev, lex, idx
        )
        np.fill_diagonal(S, -1e6)
        local_ov = _override_pairs(frags, idx, ov)
        for a, b in local_ov:
            S[a, :] = -1e3
            S[:, b] = -1e3
            S[a, b] = 1e3
        st, en = _start_end(ev, idx)
        sub, sub_gaps, M = _solve_window(ev, idx, S, st, en, [nums[i] for i in idx], params.gap)
        if path:  # the join between two windows, scored on its own
            pair = np.array([path[-1], int(idx[sub[0]])])
            s2 = float(join_features(ev, lex, bg, pair, params.w)[0, 1]) - _CONTRADICTION * float(
                contradictions(ev, lex, pair)[0, 1]
            )
            link.append(s2)
            conf.append(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, s2)))))
        gamma = params.gap if M.shape[0] > len(idx) + 2 else None
        for k, (a, b) in enumerate(zip(sub, sub[1:])):
            g = k in sub_gaps
            link.append(float(gamma) if g and gamma is not None else float(S[a, b]))
            conf.append(_join_conf(M, a, b, len(idx), gamma, gap=g))
            if g:
                inferred.add(len(path) + k)
        path.extend(int(idx[k]) for k in sub)
    return path, link, conf, inferred


def _solve_window(
    ev: Evidence,
    idx: np.ndarray,
    S: np.ndarray,
    st: np.ndarray,
    en: np.ndarray,
    nums: list[int | None],
    gap: float | None,
) -> tuple[list[int], set[int], np.ndarray]:
    """``solve_path`` for one window, or the last pass's solution when its scores are the same.

    Why: the second pass changes only the column offsets, which often leave a whole window's
    scores untouched; the solver is deterministic, so the same scores give the same path.
    """
    key = ("solved", idx.tobytes())
    last = ev.cache.get(key)
    if (
        last is not None
        and last[1] == nums
        and last[2] == gap
        and np.array_equal(last[0][0], S)
        and np.array_equal(last[0][1], st)
        and np.array_equal(last[0][2], en)
    ):
        return last[3]
    out = solve_path(S, st, en, nums, gap)
    ev.cache[key] = ((S, st, en), nums, gap, out)
    return out


def _override_pairs(
    frags: Sequence[Frag], idx: np.ndarray, ov: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    out = []
    last = {frags[i].last_line + 1: k for k, i in enumerate(idx)}
    first = {frags[i].first_line + 1: k for k, i in enumerate(idx)}
    for a, b in ov:
        if a in last and b in first:
            out.append((last[a], first[b]))
    return out


def _ranges(xs: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x in xs:
        if out and x == out[-1][1] + 1:
            out[-1] = (out[-1][0], x)
        else:
            out.append((x, x))
    return out


def join_covariates(
    frags: Sequence[Frag],
    ev: Evidence,
    a: int,
    b: int,
    c: float,
    furn_lines: Sequence[int] = (),
    habit_counts: tuple[int, int] = (0, 0),
) -> tuple[float, bool, bool, bool, bool, float, float, bool]:
    """What the calibration of join A → B reads: the solver's raw share ``c``; whether B is not
    A's successor in the input (a jump); whether it is, but across a blank line after an open
    sentence or a hyphen (where a column break usually lies); whether it is, but the column
    geometry puts a column end after A; whether it is, but page furniture stands between them
    in the file (``furn_lines``: the furniture's 0-based lines, sorted); and, when the
    geometry puts a column end after A, the document's habit there: the log-odds that its
    path keeps the input order at its other flagged column ends (``habit_counts``: kept,
    total over the whole path, as ``break_habit`` counts them, this join included; counts
    that leave no other end, as the defaults do, give 0); and, for a jump, how far the
    words alone prefer B over A's best other successor (text-only log-odds, clipped to ±5;
    0 when the document's text scores were not computed); and whether the words were counted
    again at this repair (``words_break``: a jump from a column's foot to a column's top in a
    document whose column ends keep no habit, ``_words_at_breaks``).

    Why: a file-order join is wrong exactly where the file hides a page or column break, and
    that is read from the layout, not the words.  Kept across a page's furniture, the file's
    next page is the reading order's only if the extractor emits pages in order (on
    the fit seeds 20 of 51 such joins are right); kept at a column end the
    geometry flags, it is right as often as this extractor keeps its columns in order, which
    the rest of the document shows (the join's own vote is left out).  A repair is right
    where the words, not the layout, chose it: its text margin.  Where the words counted twice
    the solver's share is sharper than the same evidence gives elsewhere, and the repair stands
    on the words alone (no file-order habit backs it).
    """
    jump = frags[b].pos != frags[a].pos + 1
    open_blank = (
        not jump
        and frags[b].cut_before == "blank"
        and ev.end[a] in ("open", "hyph")
        and not ev.heading[a]
        and not ev.title[a]
    )
    at_break = not jump and ev.geo is not None and bool(ev.geo.bottom[a] == 1)
    page_kept = not jump and _furniture_between(furn_lines, frags[a].last_line, frags[b].first_line)
    kept, total = habit_counts
    # the other flagged column ends' share kept in order, as log-odds (add-half smoothing);
    # this join is one of the kept ones, so it leaves one of each (never below none, never
    # more kept than all)
    rest = max(total - 1, 0)
    others = (min(max(kept - 1, 0), rest) + 0.5) / (rest + 1.0) if at_break else 0.5
    return (
        float(c),
        bool(jump),
        bool(open_blank),
        at_break,
        page_kept,
        math.log(others / (1.0 - others)),
        _text_margin(ev.text_scores, a, b) if jump else 0.0,
        bool(
            jump
            and ev.text_w is not None
            and ev.geo is not None
            and ev.geo.end_off[a] == 0
            and ev.geo.start_off[b] == 0
        ),
    )


#: The text margin of a repair is clipped to this many log-odds either way (a lone candidate's
#: margin is infinite).
_MARGIN_CLIP = 5.0


def _text_margin(S: np.ndarray | None, a: int, b: int) -> float:
    """How far B's text-only score as A's successor lies above A's best other candidate's."""
    if S is None or S.shape[0] <= max(a, b):
        return 0.0
    row = S[a].copy()
    row[b] = -np.inf
    best = float(row.max()) if row.size else -np.inf
    return float(np.clip(float(S[a, b]) - best, -_MARGIN_CLIP, _MARGIN_CLIP))


def _furniture_between(furn_lines: Sequence[int], last: int, first: int) -> bool:
    """Whether a furniture line lies strictly between input lines ``last`` and ``first``."""
    k = bisect.bisect_right(furn_lines, last)
    return k < len(furn_lines) and furn_lines[k] < first


def break_habit(frags: Sequence[Frag], ev: Evidence, path: Sequence[int]) -> tuple[int, int]:
    """(kept in input order, all) of the path's joins after a fragment the column geometry
    ends at a column bottom.

    Why: an extractor that emits a page's columns in order keeps nearly every such join, one
    that scrambles them keeps few; the share, read off the document's own path, says how
    far a kept join at one more column end can be trusted.
    """
    if ev.geo is None:
        return 0, 0
    kept = total = 0
    for a, b in zip(path, path[1:]):
        if ev.geo.bottom[a] == 1:
            total += 1
            kept += frags[b].pos == frags[a].pos + 1
    return kept, total


def calibrated_confidence(
    c: float,
    cal: tuple[float, ...],
    jump: bool = False,
    open_blank: bool = False,
    at_break: bool = False,
    page_kept: bool = False,
    habit: float = 0.0,
    jump_text: float = 0.0,
    words: bool = False,
) -> float:
    """The reported confidence of a join: the solver's softmax share, calibrated to the share of such joins that are right.

    Why: the softmax over candidates is honest in rank but not in level
    (on synthetic cases, joins it gives 0.07 are right a third of the
    time), and less so where the layout hides a column break (``join_covariates``);
    an editor reads the figure as a probability.  ``cal``: (a, b[, c_jump, c_open_blank
    [, c_at_break[, c_page_kept, c_habit, c_jump_text[, c_words]]]]) of P(right) =
    σ(a·logit(c) + b + c_jump·jump + c_open_blank·open_blank + c_at_break·at_break
    + c_page_kept·page_kept + c_habit·habit + c_jump_text·jump_text + c_words·words),
    ``habit`` being the log-odds that this document keeps the input order at a flagged column
    end (0 unless ``at_break``), ``jump_text`` a repair's text margin (0 unless ``jump``) and
    ``words`` a repair where the words counted again (``join_covariates``); coefficients
    ``cal`` does not give count 0 (older calibrations).
    """
    c = min(1.0 - 1e-9, max(1e-9, float(c)))
    a, b = cal[0], cal[1]
    z = a * math.log(c / (1.0 - c)) + b
    xs = (jump, open_blank, at_break, page_kept, habit, jump_text, words)
    for coef, x in zip(cal[2:], xs):
        z += coef * float(x)
    return round(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))), 6)


#: A numbered heading without a full stop ("1 Introduction", "2.3 Methods"); no other digit.
_BARE_HEADING = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\s+[A-Z“‘\"'][^\d]*$")


def _line_set_apart(a: Frag, b: Frag, sb: str, short: bool) -> bool:
    """A short line alone between blank lines, before a capital, that a sentence does not run out of.

    It ends on a comma or a number, or is a numbered heading without a full
    stop: a letter's "Sir," / "Dear Madam,", its close ("Yours faithfully,"),
    a dateline ("London, 3 May 1871"), "1 Introduction". It is a paragraph of
    its own, never glued to the next one across the blank line. A column cut
    leaves a full line, not a short one set apart by a blank line on each
    side, before the next piece in the file.
    """
    t = a.pieces[0].text.strip()
    return (
        len(a.pieces) == 1
        and short
        and (t[-1:] in ",0123456789" or bool(_BARE_HEADING.match(t)))
        and a.cut_before in ("start", "blank")
        and b.cut_before == "blank"
        and b.pos == a.pos + 1
        and sb != "lower"
    )


def _assemble(
    frags: list[Frag],
    path: list[int],
    link: list[float],
    conf: list[float],
    ev: Evidence,
    lex: Lexicon,
    furniture: list[tuple[int, int]],
    params: Params,
    inferred: frozenset[int] | set[int] = frozenset(),
) -> Reassembly:
    """Turn the solved path (with each join's score and confidence) into order, joins, gaps and paragraphs."""
    n = len(path)
    order = [(frags[i].first_line + 1, frags[i].last_line + 1) for i in path]
    cols = [(frags[i].pieces[0].c0, frags[i].pieces[-1].c1) for i in path]
    joins: list[Join] = []
    gaps: list[int] = []
    covariates: list[tuple[float, bool, bool, bool, bool, float, float, bool]] = []
    furn_lines = sorted(ln for lo, hi in furniture for ln in range(lo, hi + 1))
    habit_counts = break_habit(frags, ev, path)
    for k in range(n - 1):
        a, b = frags[path[k]], frags[path[k + 1]]
        ea = ev.end[path[k]]
        sb = ev.start[path[k + 1]]
        if k in inferred or proven_gap(ev, lex, path[k], path[k + 1]):
            kind = "gap"
            gaps.append(k)
        elif a.heading is not None or b.heading is not None or a.title or b.title:
            kind = "paragraph"
        elif _line_set_apart(a, b, sb, bool(ev.short_last[path[k]])):
            kind = "paragraph"
        elif ea == "hyph" and sb == "lower":
            kind = "hyphen"
        elif ea in ("sent", "colon") and sb != "lower":
            adj_blank = b.pos == a.pos + 1 and b.cut_before == "blank"
            short = bool(ev.short_last[path[k]])
            kind = "paragraph" if (short or adj_blank) else "sentence"
        else:
            kind = "word"
        cv = join_covariates(frags, ev, path[k], path[k + 1], conf[k], furn_lines, habit_counts)
        covariates.append(cv)
        joins.append(Join(k, calibrated_confidence(cv[0], params.conf_cal, *cv[1:]), kind))
    last = frags[path[-1]]
    end_missing = ev.end[path[-1]] in ("open", "hyph") and last.heading is None and not last.title
    if end_missing:
        gaps.append(n - 1)
    first_missing = ev.start[path[0]] == "lower"

    paragraphs: list[Paragraph] = []
    cur_parts: list[str] = []
    cur_ranges: list[tuple[int, int]] = []
    cur_gap_before = first_missing
    for k, i in enumerate(path):
        f = frags[i]
        cur_parts.extend(p.text for p in f.pieces)
        cur_ranges.append(order[k])
        kind = joins[k].kind if k < n - 1 else "end"
        if kind in ("paragraph", "gap", "end") or f.heading is not None or f.title:
            paragraphs.append(
                Paragraph(
                    text=_join_text(cur_parts, lex)
                    if f.heading is None and not f.title
                    else " ".join(" ".join(cur_parts).split()),
                    ranges=cur_ranges,
                    gap_before=cur_gap_before,
                    gap_after=kind == "gap" or (kind == "end" and end_missing),
                    heading=f.heading is not None,
                )
            )
            cur_parts, cur_ranges = [], []
            cur_gap_before = kind == "gap"
    return Reassembly(
        order=order,
        furniture=[(a + 1, b + 1) for a, b in furniture],
        gaps_after=gaps,
        joins=joins,
        paragraphs=paragraphs,
        cols=cols,
        scores=link,
        covariates=covariates,
    )
