"""Column geometry: column height and each fragment's offset in its column, from page
furniture, the input order or a first solution.

Why: a fragment ending at a column bottom continues at a column top; line counts tell
where a break can lie, which text alone cannot.  ``row_columns`` also splits the file, in
file order, into whole columns (rows or text lines, drifting by one), so that a column end
no blank line or leading space marks can still be cut; it answers None when no layout
explains the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import inf, lgamma, log, log1p
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .features import Evidence
    from .layout import Frag


#: Column heights (lines) the layout estimate considers.
_H_MIN, _H_MAX = 12, 150


@dataclass
class Geometry:
    """Where fragments sit in the page layout, as far as line counts tell.

    ``height``: the estimated lines per column (None: no consistent
    height); ``tol``: how many lines a column may differ from it (0 for a
    regular layout, 1 when headings or a title block make columns drift);
    ``run``: per fragment, the furniture-delimited input run of its last
    (``run_last``) and first (``run``) line; ``start_off``/``end_off``: the
    line offset within its column at which the fragment starts / after
    which it ends (0 = column top / bottom), -1 unknown.
    """

    height: int | None
    run: np.ndarray
    run_last: np.ndarray
    start_off: np.ndarray
    end_off: np.ndarray
    tol: int = 0
    #: rows are counted with a blank line before a fragment as a row of its own (a layout whose
    #: paragraphs are separated by an empty row; see ``_lens``)
    blank_rows: bool = False

    @property
    def top(self) -> np.ndarray:
        """1 at a column top, 0 certainly not, -1 unknown (offsets of breaks are exactly 0)."""
        return np.where(self.start_off < 0, -1, (self.start_off == 0).astype(int))

    @property
    def bottom(self) -> np.ndarray:
        """1 at a column bottom, 0 certainly not, -1 unknown."""
        return np.where(self.end_off < 0, -1, (self.end_off == 0).astype(int))


def _runs(frags: Sequence[Frag], furn: set[int]) -> list[list[tuple[int, int]]]:
    """Pieces grouped into runs between furniture lines, as (fragment, piece index) pairs.

    Why: page numbers and footers mark page ends, and a running header a
    page start, so an extractor that emits whole columns starts every run
    at the top of a column.
    """
    fl = sorted(furn)
    runs: list[list[tuple[int, int]]] = []
    prev = -1
    k = 0
    for fi, f in enumerate(frags):
        for pi, p in enumerate(f.pieces):
            # any furniture line between the previous piece's line and this one starts a new run
            k0 = k
            while k < len(fl) and fl[k] < p.line:
                k += 1
            if not runs or (k > k0 and fl[k - 1] > prev):
                runs.append([])
            runs[-1].append((fi, pi))
            prev = p.line
    return runs


def _column_height(runs: Sequence[Sequence[tuple[int, int]]], frags: Sequence[Frag]) -> int | None:
    """The lines per column H, when the runs are made of whole columns; else None.

    A candidate H must divide the length of every run of at least H lines
    but one in four (the page where the article stops short, a glued line
    the cutter missed), nearly every multiple
    of H inside a run must fall on a fragment boundary (columns are
    separated by a blank line or a cut; an extractor sometimes glues them
    without one), and at least two such inner column ends must be confirmed.  The smallest such
    H wins (a multiple of the true height passes the same test).  Why so
    strict: a wrong H would assert column tops that are not there, while no
    H only withholds the evidence.
    """
    lens = [len(r) for r in runs]
    total = sum(lens)
    if total < 2 * _H_MIN:
        return None
    starts = [{i for i, (_fi, pi) in enumerate(r) if pi == 0} for r in runs]
    for h in range(_H_MIN, min(_H_MAX, total) + 1):
        covered = inner = hits = odd = big = 0
        for L, st in zip(lens, starts):
            if L < h:
                continue
            big += 1
            if L % h:
                odd += 1
                continue
            covered += L
            inner += L // h - 1
            hits += sum(m in st for m in range(h, L, h))
        if odd <= 1 + big // 4 and hits >= 2 and hits >= 0.8 * inner and covered >= total / 2:
            return h
    return None


def layout_geometry(frags: Sequence[Frag], furn: set[int]) -> Geometry:
    """Column positions of fragment starts and ends (see ``Geometry``)."""
    n = len(frags)
    runs = _runs(frags, furn)
    run = np.zeros(n, int)
    run_last = np.zeros(n, int)
    start_off = np.full(n, -1)
    end_off = np.full(n, -1)
    h = _column_height(runs, frags)
    for ri, r in enumerate(runs):
        whole = h is not None and len(r) % h == 0
        hh = h or 1  # only used when whole (h known)
        for i, (fi, pi) in enumerate(r):
            if pi == 0:
                run[fi] = ri
                if whole:
                    start_off[fi] = i % hh
            if pi == len(frags[fi].pieces) - 1:
                run_last[fi] = ri
                if whole:
                    end_off[fi] = (i + 1) % hh
    return Geometry(h, run, run_last, start_off, end_off)


#: A first-pass join at least this confident carries line offsets across it (see ``_path_geometry``).
_OFFSET_CONF = 0.9


def _certain_breaks(frags: Sequence[Frag], ev: Evidence) -> tuple[np.ndarray, np.ndarray]:
    """Per fragment: it certainly starts a column / certainly ends one, from its own text.

    Why: the cutter only separates lines at a blank line, a glued column or
    a heading, so a sentence that goes on across such a cut (a lower-case or
    word-fragment start, a mid-sentence or hyphenated end) goes on in
    another column.  A cut at a line that merely starts with a space proves
    nothing (extractors indent lines inside columns too).
    """
    n = len(frags)
    hard_before = np.array(
        [f.cut_before in ("blank", "glue", "broken", "start") for f in frags], bool
    )
    by_pos = {f.pos: i for i, f in enumerate(frags)}
    hard_after = np.array(
        [by_pos.get(f.pos + 1) is None or hard_before[by_pos[f.pos + 1]] for f in frags], bool
    )
    body = ~ev.heading & ~ev.title
    top = (
        hard_before
        & body
        & np.array([ev.start[i] == "lower" or bool(ev.partial[i]) for i in range(n)], bool)
    )
    bottom = hard_after & body & np.array([ev.end[i] in ("open", "hyph") for i in range(n)], bool)
    return top, bottom


#: Marks at most this many lines apart are one place in the column rhythm (``fit_height``).
_NEAR = 5

#: Share of distances between consecutive certain breaks that must fit the column height (``fit_height``).
_RHYTHM = 0.7


def fit_height(marks: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """(H, tol): the column height that best explains the certain column breaks ``marks`` = (line position, chain).

    Every pair of breaks of one chain votes for H when their distance is a
    whole number k ≤ 3 of columns, to within ``tol * k`` lines; the score is the votes minus those chance
    alone would give ((2·tol·k + 1) / H per pair), so a divisor of H, which
    fits every pair H fits, gains nothing from its finer grid, and text
    artefacts that pose as breaks (a paragraph opening in lower case, a
    dash read as a hyphen) add noise, not a height.  tol is 0 (an exact
    layout) or 1 (columns drifting by a line).  None unless the best H
    explains at least three pairs beyond chance and passes the rhythm test:
    ``_RHYTHM`` of the breaks have a partner one to three columns away, and
    that share of the distances between consecutive such breaks fit H.
    """
    ms = sorted(set(marks))
    pairs = [
        abs(q - p)
        for i, (p, c) in enumerate(ms)
        for q, c2 in ms[i + 1 :]
        if c2 == c and 0 < abs(q - p) <= 3 * _H_MAX
    ]
    if len(ms) < 3 or len(pairs) < 3:
        return None
    d = np.array(pairs, float)
    best: tuple[float, int, int, int] | None = None
    for tol in (0, 1):
        for h in range(_H_MIN, _H_MAX + 1):
            k = np.maximum(1, np.round(d / h))
            near = (
                k <= 3
            )  # farther pairs say little: a tolerance of tol·k lines would let anything fit
            hit = near & (np.abs(d - k * h) <= tol * k)
            score = float(hit.sum() - (near * np.minimum(1.0, (2 * tol * k + 1) / h)).sum())
            if best is None or score > best[0] + 1e-9:
                best = (score, h, tol, int(hit.sum()))
    if best is None or best[0] < 3:
        return None
    # and most breaks must come at that rhythm: a break is kept when another one of its chain lies one to
    # three columns away, and the distances between consecutive kept breaks must fit too
    h, tol = best[1], best[2]

    def fits(dd: int) -> bool:
        k = max(1, round(dd / h))
        return k <= 3 and abs(dd - k * h) <= tol * k

    kept = [(p, c) for p, c in ms if any(c2 == c and q != p and fits(abs(q - p)) for q, c2 in ms)]
    # two marks a few lines apart (a stray lower-case paragraph start next to a true break) are
    # one place in the rhythm: their distance says nothing either way
    # (the rhythm must then show one more fitting distance)
    cons = [q - p for (p, c), (q, c2) in zip(kept, kept[1:]) if c2 == c and q - p > _NEAR]
    n_near = sum(1 for (p, c), (q, c2) in zip(kept, kept[1:]) if c2 == c and 0 < q - p <= _NEAR)
    good = sum(fits(dd) for dd in cons)
    if len(kept) < _RHYTHM * len(ms) or good < 3 + (n_near > 0) or good < _RHYTHM * len(cons):
        return None
    return h, tol


#: Whole columns (``height_from_runs``): an exact height needs this many one-column runs of
#: exactly its rows (a divisor of the height sees only the two-column runs as one-column ones).
_RUNS_EXACT = 2
#: The chance that runs that are no whole columns agree as much as the runs do with the best
#: height, times the heights tried, must be below this (``height_from_runs``).
_RUNS_ALPHA = 0.02


def _binom_logtail(n: int, x: int, p: float, lg: np.ndarray) -> float:
    """log P(at least ``x`` of ``n`` independent events of probability ``p``); ``lg[k]`` is
    log k! for k up to at least ``n``.

    In log space (log-gamma binomial coefficients, then log-sum-exp): a long document gives
    thousands of runs, where ``comb(n, j)`` as a float overflows, big-integer products cost
    time quadratic in ``n``, and the tails of two strong heights both underflow to 0 (their
    logs still say which agreement is the more unlikely).
    """
    if x <= 0 or p >= 1.0:
        return 0.0
    if x > n or p <= 0.0:
        return -inf
    j = np.arange(x, n + 1)
    terms = lg[n] - lg[j] - lg[n - j] + j * log(p) + (n - j) * log1p(-p)
    top = float(terms.max())
    return min(0.0, top + log(float(np.exp(terms - top).sum())))


def _runs_chance(d: np.ndarray, hs: np.ndarray, tol: int) -> tuple[np.ndarray, np.ndarray]:
    """Per height of ``hs``: the log of the chance that scattered runs fit it as often as the
    runs ``d`` do (0.0, a chance of 1, where fewer than ``_RUNS_EXACT`` runs are one column of
    exactly its rows, within ``tol``), and the runs that could fit it.

    Why this null: a run that is no whole column (a piece cut at a paragraph, a wrong link)
    lies anywhere from half a column to two and a half, so it is one or two columns of h
    rows, within ``tol`` a column, with probability ((2·tol + 1) + (4·tol + 1)) / 2h; the
    runs outside that span cannot fit h and say nothing either way.  Runs that cluster in a
    narrower range fit a height by chance more often than this (review r4a: 40 runs drawn
    from 30-60 rows claim a height 4.5 % of the time, from 20-100 rows 1.5 %), so
    ``_RUNS_ALPHA`` bounds the false heights only for runs spread as the null says.
    """
    h = hs[:, None].astype(float)
    k, _near, hit = _run_hits(d[None, :], h, tol)  # every height at once
    exact = (hit & (k == 1)).sum(axis=1)
    span = (d[None, :] >= h / 2) & (d[None, :] < 2.5 * h)
    n = span.sum(axis=1)
    x = (hit & span).sum(axis=1)
    p = np.minimum(1.0, (1 + 3 * tol) / hs)
    lg = np.array([lgamma(i + 1.0) for i in range(len(d) + 1)])  # log i!, shared by the heights
    logtail = np.array(
        [
            _binom_logtail(int(nn), int(xx), float(pp), lg) if e >= _RUNS_EXACT else 0.0
            for nn, xx, pp, e in zip(n, x, p, exact)
        ]
    )
    return logtail, n


def height_from_runs(dists: Sequence[int]) -> tuple[int, int] | None:
    """(H, tol): the column height that the rows of whole columns (``column_runs``) show.

    Why: an extractor that cuts its columns at paragraph breaks and shuffles the pieces leaves
    too few certain breaks along any one chain for ``fit_height``, but wherever a piece that
    certainly starts a column (a sentence going on across a cut) goes on in the file, or in a
    first solution, to the first piece that certainly ends one, the rows between them are a
    whole column (or two, when the extractor kept the next column with it); the pieces that
    stop at a paragraph break give distances that scatter.  The evidence is absolute, not a
    share of the runs: how unlikely that many runs fit H if they scattered (a binomial tail
    against the chance fit rate, ``_runs_chance``), times the heights tried (any of them
    could have been fitted by chance), must be below ``_RUNS_ALPHA`` — so two runs that agree
    in a short file are not enough (two of five runs of 20-100 rows agree about one time in
    eight), and three exact runs are, however many others scatter.  An exact height is
    preferred; a drifting one (tol 1, a chance fit rate four times higher) is tried only when
    none passes.  The most unlikely agreement wins among the heights that pass (the smallest
    such height on a tie).
    """
    d = np.array([x for x in dists if _H_MIN <= x <= 2 * _H_MAX + 2], float)
    if len(d) < _RUNS_EXACT:
        return None
    hs = np.arange(_H_MIN, _H_MAX + 1)
    for tol in (0, 1):
        logtail, n = _runs_chance(d, hs, tol)
        tried = int((n >= _RUNS_EXACT).sum())
        j = int(np.argmin(logtail))
        if logtail[j] < 0.0 and logtail[j] + log(max(1, tried)) <= log(_RUNS_ALPHA):
            return int(hs[j]), tol
    return None


def column_runs(
    order: Sequence[int],
    lens: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
) -> dict[tuple[int, int], int]:
    """Rows from each fragment that certainly starts a column to the first one after it along
    ``order`` that certainly ends one, crossing only links ``ok[k]``, keyed by the two fragments.

    ``lens``: the rows of each fragment of ``order``.  A run that reaches another certain
    column top first says nothing (it was cut at a paragraph, or the column ends at a sentence
    end).  Why keyed: the same run read in the file and in a solution is one observation.
    """
    p_end = np.cumsum(lens)
    p_start = p_end - lens
    m = len(order)
    reach = 2 * _H_MAX + 2
    out: dict[tuple[int, int], int] = {}
    for j, i in enumerate(order):
        if not top[i]:
            continue
        k = j
        while k < m and p_end[k] - p_start[j] <= reach:
            if k > j and top[order[k]]:
                break
            if bottom[order[k]]:
                out[(int(i), int(order[k]))] = int(p_end[k] - p_start[j])
                break
            if k == m - 1 or not ok[k]:
                break
            k += 1
    return out


def walk_offsets(
    order: Sequence[int],
    lens: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
    h: int,
    tol: int,
    first_top: bool,
    start_off: np.ndarray,
    end_off: np.ndarray,
) -> None:
    """Fill unknown column offsets of the fragments ``order`` (a reading of them, one after another).

    A fragment's end offset is counted from the nearest certain column break
    at or before its end, its start offset from the nearest one at or after
    its start, walking only across links ``ok[k]`` (``order[k]`` →
    ``order[k+1]``) and no further than a column and a half (two when the
    layout is exact), so a wrong link or a drifting layout does little harm.
    ``first_top``: ``order[0]`` starts a column (the title).
    """
    lens = np.asarray(lens)
    p_end = np.cumsum(lens)
    p_start = p_end - lens
    reach = 2 * h if tol == 0 else (3 * h) // 2

    def after(d: int) -> int:
        """Offset of a point ``d`` lines after a column break: 0 exactly when it is a break itself."""
        k = round(d / h)
        return 0 if d == 0 or (k >= 1 and abs(d - k * h) <= tol * k) else d % h

    def before(d: int) -> int:
        """Offset of a point ``d`` lines before a column break."""
        return 0 if after(d) == 0 else (-d) % h

    m = len(order)
    # exact columns first: between two certain breaks one column apart, every offset is a plain count
    marks: list[tuple[int, int]] = []  # (position, chain)
    chain = 0
    for j, i in enumerate(order):
        if j and not ok[j - 1]:
            chain += 1
        if top[i] or (j == 0 and first_top):
            marks.append((int(p_start[j]), chain))
        if bottom[i]:
            marks.append((int(p_end[j]), chain))
    spans = [
        (a, b)
        for (a, ca), (b, cb) in zip(marks, marks[1:])
        if ca == cb and b > a and abs(b - a - h) <= tol
    ]
    chain = 0
    si = 0
    for j, i in enumerate(order):
        while si < len(spans) and spans[si][1] < p_end[j]:
            si += 1
        if si < len(spans) and spans[si][0] <= p_start[j] and p_end[j] <= spans[si][1]:
            a, b = spans[si]
            if start_off[i] < 0:
                start_off[i] = p_start[j] - a
            if end_off[i] < 0:
                end_off[i] = 0 if p_end[j] == b else p_end[j] - a
    for j, i in enumerate(order):
        if end_off[i] < 0:  # from what precedes (and the fragment itself)
            k = j
            while k >= 0 and p_end[j] - p_start[k] <= reach:
                if bottom[order[k]]:
                    end_off[i] = after(int(p_end[j] - p_end[k]))
                    break
                if top[order[k]] or (k == 0 and first_top):
                    end_off[i] = after(int(p_end[j] - p_start[k]))
                    break
                if k == 0 or not ok[k - 1]:
                    break
                k -= 1
        if start_off[i] < 0:  # from what follows (and the fragment itself)
            k = j
            while k < m and p_end[k] - p_start[j] <= reach:
                if top[order[k]] or (k == 0 and first_top):
                    start_off[i] = before(int(p_start[k] - p_start[j]))
                    break
                if bottom[order[k]]:
                    start_off[i] = before(int(p_end[k] - p_start[j]))
                    break
                if k == m - 1 or not ok[k]:
                    break
                k += 1
    # a fragment whose two offsets disagree with its length was reached across an irregular column
    # (the article's last, a title block): neither offset can be trusted
    for j, i in enumerate(order):
        if start_off[i] >= 0 and end_off[i] >= 0:
            d = (start_off[i] + lens[j] - end_off[i]) % h
            if min(d, h - d) > tol:
                start_off[i] = end_off[i] = -1


def _break_marks(
    order: Sequence[int],
    lens: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
    first_top: bool,
) -> list[tuple[int, int]]:
    """(line position, chain) of the certain column breaks along ``order``; chains are cut at links not ``ok``."""
    p_end = np.cumsum(lens)
    p_start = p_end - lens
    out: list[tuple[int, int]] = [(0, 0)] if first_top else []
    chain = 0
    for j, i in enumerate(order):
        if j and not ok[j - 1]:
            chain += 1
        if top[i]:
            out.append((int(p_start[j]), chain))
        if bottom[i]:
            out.append((int(p_end[j]), chain))
    return out


def _file_geometry(frags: Sequence[Frag], ev: Evidence) -> Geometry | None:
    """Column offsets when the extraction emits whole columns one after another (in any order).

    Why: many extractors write each column as one block; then the certain
    column breaks sit a whole number of columns apart in the input itself,
    and line counts in input order place every fragment in its column
    without any page furniture.  None when the input shows no such height.
    """
    n = len(frags)
    if n < 3 or ev.geo is None:
        return None
    top, bottom = _certain_breaks(frags, ev)
    order = list(range(n))
    ok = [True] * (n - 1)
    for blank_rows in (False, True):
        lens = _lens(frags, order, blank_rows)
        fit = fit_height(_break_marks(order, lens, top, bottom, ok, False))
        if fit is not None:
            break
    if fit is None:
        return None
    h, tol = fit
    start_off = np.full(n, -1)
    end_off = np.full(n, -1)
    walk_offsets(order, lens, top, bottom, ok, h, tol, False, start_off, end_off)
    return Geometry(h, ev.geo.run, ev.geo.run_last, start_off, end_off, tol, blank_rows)


def _lens(
    frags: Sequence[Frag],
    order: Sequence[int],
    blank_rows: bool,
    start_off: np.ndarray | None = None,
) -> np.ndarray:
    """Rows each fragment of ``order`` takes: its lines, plus the blank line before it when
    ``blank_rows`` (a layout whose paragraphs are separated by an empty row).

    Why both: one typesetter sets paragraphs tight, so a column holds a fixed number of text
    lines; another puts an empty row between them, so the number of text lines varies and
    only rows are fixed.  The blank line an extractor writes between two columns then counts
    as a row too, so a column is its height plus one row (a glued column: one fewer, within
    the tolerance) — except before a fragment ``start_off`` already puts at a column top
    (offset 0): a column's first row is text, so that blank line is the column break, not a
    row, and counting it would put every offset read across that top one row out.
    """
    return np.array(
        [
            len(frags[i].pieces)
            + (
                blank_rows
                and frags[i].cut_before == "blank"
                and (start_off is None or start_off[i] != 0)
            )
            for i in order
        ]
    )


def _path_geometry(
    frags: Sequence[Frag], ev: Evidence, path: Sequence[int], conf: Sequence[float]
) -> Geometry | None:
    """Column offsets of fragments read off a first solution; None when no column height shows.

    Why: the certain column breaks (``_certain_breaks``) sit a whole number
    of columns apart along the true reading order, which gives the column
    height even when no page furniture delimits the columns; lines then
    count the offset of every fragment that a chain of confident joins ties
    to such a break.  Walking from one break, a fragment's end offset is
    read only from what precedes it and its start offset only from what
    follows it, so the second pass weighs the join between them on
    independent evidence; between two breaks one column apart the offsets
    are plain counts from the first (the same values either way).
    """
    if len(path) < 3:
        return None
    top, bottom = _certain_breaks(frags, ev)
    ok = [c >= _OFFSET_CONF for c in conf]  # ok[k]: join path[k] → path[k+1]
    first_top = bool(ev.title[path[0]])
    geo = ev.geo
    if geo is not None and geo.height is not None:
        h, tol, blank_rows = geo.height, geo.tol, geo.blank_rows
        lens = _lens(frags, path, blank_rows, geo.start_off)
    else:
        for blank_rows in (False, True):
            lens = _lens(frags, path, blank_rows)
            fit = fit_height(_break_marks(path, lens, top, bottom, ok, first_top))
            if fit is not None:
                break
        if fit is None:
            # too few certain breaks along any chain: the whole columns the runs show
            runs = _runs_height(frags, path, top, bottom, ok)
            if runs is None:
                return None
            fit, blank_rows = runs
            lens = _lens(frags, path, blank_rows, np.where(top, 0, -1))
        h, tol = fit
    n = len(frags)
    start_off = np.full(n, -1) if geo is None else geo.start_off.copy()
    end_off = np.full(n, -1) if geo is None else geo.end_off.copy()
    walk_offsets(path, lens, top, bottom, ok, h, tol, first_top, start_off, end_off)
    run = geo.run if geo is not None else np.zeros(n, int)
    run_last = geo.run_last if geo is not None else np.zeros(n, int)
    return Geometry(h, run, run_last, start_off, end_off, tol, blank_rows)


def _runs_height(
    frags: Sequence[Frag],
    path: Sequence[int],
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
) -> tuple[tuple[int, int], bool] | None:
    """((H, tol), blank_rows) from the whole columns (``column_runs``) in the file order and
    along ``path`` (across its ``ok`` links), rows counted either way (``_lens``); None when
    neither counting shows a height (``height_from_runs``).

    Why both orders: the file keeps an extractor's pieces whole, a first solution may join
    pieces the file separates; a run seen in both is counted once.  A column top's own
    blank line is the column break, not a row (``_lens``).
    """
    n = len(frags)
    file_order = list(range(n))
    at_top = np.where(top, 0, -1)
    best: tuple[float, tuple[int, int], bool] | None = None
    for blank_rows in (False, True):
        runs = column_runs(
            file_order, _lens(frags, file_order, blank_rows, at_top), top, bottom, [True] * n
        )
        runs.update(column_runs(path, _lens(frags, path, blank_rows, at_top), top, bottom, ok))
        fit = height_from_runs(list(runs.values()))
        if fit is None:
            continue
        # an exact height before a drifting one (see ``height_from_runs``), then the score
        score = _runs_score(list(runs.values()), *fit) - 1000.0 * fit[1]
        # text lines unless rows explain half a run more (equal counts of paragraphs in the
        # runs make both countings fit; their chance terms differ by a hair)
        if best is None or score > best[0] + 0.5:
            best = (score, fit, blank_rows)
    return None if best is None else (best[1], best[2])


def _run_hits(
    d: np.ndarray, h: int | np.ndarray, tol: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns k each run spans, runs of one or two columns, runs that are k columns of ``h``
    rows within ``tol`` a column); ``d`` and ``h`` broadcast (``_runs_chance`` asks for every
    height at once)."""
    k = np.maximum(1, np.round(d / h))
    near = k <= 2
    return k, near, near & (np.abs(d - k * h) <= tol * k)


def _runs_score(dists: Sequence[float] | np.ndarray, h: int, tol: int) -> float:
    """Runs one or two columns of ``h`` (± ``tol`` per column) long, minus those chance gives."""
    k, near, hit = _run_hits(np.asarray(dists, float), h, tol)
    return float(hit.sum() - (near * np.minimum(1.0, (2 * tol * k + 1) / h)).sum())


def geo_features(geo: Geometry | None, idx: np.ndarray) -> list[np.ndarray]:
    """geo_break, geo_clash, same_run, next_run, geo_fit for fragments ``idx`` (a → b).

    Why: text evidence cannot tell which column top continues a column
    bottom, or which paragraph follows a sentence that ends mid-column; line
    counts can.  A fragment ending at a column bottom continues at a column
    top (geo_break); A ending at line offset k of its column continues with
    the fragment that starts at offset k (geo_fit); any other pair of known
    offsets breaks the layout (geo_clash).  Runs between page furniture are
    pages or groups of them: the successor usually sits in the same run or
    the next one.
    """
    n = len(idx)
    if geo is None:
        z = np.zeros((n, n))
        return [z, z, z, z, z]
    eo = geo.end_off[idx][:, None]
    so = geo.start_off[idx][None, :]
    known = (eo >= 0) & (so >= 0)
    h = geo.height or 1
    d = (eo - so) % h
    brk = known & (eo == 0) & (so == 0)
    fit = known & (eo > 0) & (so > 0) & (np.minimum(d, h - d) <= geo.tol)
    ra = geo.run_last[idx][:, None]
    rb = geo.run[idx][None, :]
    return [brk, known & ~brk & ~fit, ra == rb, rb == ra + 1, fit]


def hidden_column_ends(frags: Sequence[Frag], geo: Geometry | None) -> dict[int, list[int]]:
    """Per fragment, the piece indexes before which the column geometry puts a column top the
    text does not mark (columns glued with no blank line and no leading space).

    Why: the cutter sees no reason to cut there, so the true join across that column end is
    unreachable; line counts are the only evidence.  A fragment whose known start offset
    plus its rows runs past the column height holds a column end at height − offset (and
    every height after it); one whose known end offset is shorter than its rows holds a
    column top that many rows before its end.
    """
    out: dict[int, list[int]] = {}
    if geo is None or geo.height is None:
        return out
    h, tol = geo.height, geo.tol
    for i, f in enumerate(frags):
        n = len(f.pieces)
        lead = int(geo.blank_rows and f.cut_before == "blank")
        rows = n + lead
        cuts: set[int] = set()
        s = int(geo.start_off[i])
        if s >= 0 and s + rows > h + tol:
            k = h - s
            while k < rows - tol:
                cuts.add(k - lead)
                k += h
        e = int(geo.end_off[i])
        if e > 0 and rows > e + tol:
            k = rows - e
            while k > tol:
                cuts.add(k - lead)
                k -= h
        ok = sorted(c for c in cuts if 0 < c < n)
        if ok:
            out[i] = ok
    return out


#: What separates a piece from the piece before it in the file, at a column start and elsewhere
#: (``row_columns``; the prior of the document's own estimate): page furniture sits between
#: columns; a blank line usually does, but paragraphs have them too; a glued line split apart
#: (two columns on one line) is a column start; a leading space is an ordinary line about as
#: often as a glued column; a line that simply follows is a column start only where the
#: extractor glued a column with no mark.
_SEP_AT_TOP = {
    "furn": 0.25,
    "blank": 0.5,
    "inline": 0.06,
    "broken": 0.03,
    "soft": 0.08,
    "head": 0.02,
    "plain": 0.06,
}
_SEP_ELSEWHERE = {
    "furn": 0.0006,
    "blank": 0.11,
    "inline": 0.0027,
    "broken": 0.011,
    "soft": 0.13,
    "head": 0.02,
    "plain": 0.72,
}
#: Column starts (and ``× height`` other places) the prior above weighs, in the document's own
#: estimate of its separators (``_sep_logodds``), and the rounds of that estimate.
_SEP_PRIOR = 5.0
_SEP_ROUNDS = 1
#: Extra log-odds at a fragment that certainly starts a column or follows one that certainly ends one.
_CERTAIN_LOGODDS = 2.0
#: Cost of a stretch the column rhythm does not explain (the article's short last column, a
#: title page, text the model does not fit): the chain of whole columns restarts after it.
_RESTART = -4.0
#: Layouts per row counting and tolerance the fast model passes to the strict one (``row_columns``).
_SHORTLIST = 4
#: Pieces (from the file's start) the layout is chosen on (``row_columns``).
_SELECT_PIECES = 600
#: Log-odds of a column that does not hold the layout's rows (``_row_posterior``).
_IRREGULAR = -6.0
#: Cost per column of a layout whose columns drift by a row (tol 1), against an exact one.
_DRIFT_COST = -1.1
#: A layout is known only when its best segmentation scores at least this much (log-odds).
_MIN_ROWS_SCORE = 6.0


@dataclass
class RowColumns:
    """Where the columns start in the file, piece by piece (``row_columns``).

    ``pieces``: (fragment, piece index) of every text piece in file order; ``p_top``: per
    piece, the posterior probability that a column starts at it; ``height``, ``tol``,
    ``blank_rows``: the layout; ``score``: its best segmentation's log-odds.
    """

    height: int
    tol: int
    blank_rows: bool
    pieces: list[tuple[int, int]]
    p_top: np.ndarray
    score: float


def _piece_seps(frags: Sequence[Frag], furn: set[int]) -> tuple[list[tuple[int, int]], list[str]]:
    """Every piece in file order and what separates it from the piece before it (``_SEP_AT_TOP``)."""
    fl = np.array(sorted(furn), int)
    out: list[tuple[int, int]] = []
    seps: list[str] = []
    prev = None
    for fi, f in enumerate(frags):
        for pi, p in enumerate(f.pieces):
            if prev is None:
                sep = "start"
            elif p.line == prev:
                sep = "inline"
            elif np.searchsorted(fl, p.line) > np.searchsorted(fl, prev):
                sep = "furn"
            elif p.line > prev + 1:
                sep = "blank"
            elif pi > 0:
                sep = "plain"
            else:
                c = f.cut_before
                sep = c if c in ("broken", "soft", "head") else "plain"
            out.append((fi, pi))
            seps.append(sep)
            prev = p.line
    return out, seps


def _row_dp(lr: np.ndarray, rows_c: np.ndarray, extra: np.ndarray, hs: np.ndarray) -> np.ndarray:
    """The fast model, for every height in ``hs`` at once, exact (first half of the columns)
    and drifting by a row (second half): F[b, k], the best score of the pieces before b cut
    into columns, a column starting at b.

    A column [a, b) holds rows C[b] − C[a] − extra[a] (its top line's blank row is not in
    it), within the tolerance of h; a restart (``_RESTART``) skips any stretch, so a height
    that explains only part of the file still scores that part.
    """
    n = len(lr) - 1
    nh = len(hs)
    F = np.full((n + 1, 2 * nh), -np.inf)
    F[0] = 0.0
    acc = np.full(2 * nh, -np.inf)  # running max over a < b of F[a]
    hmax = int(hs.max()) + 2
    cols = np.arange(nh)
    for b in range(1, n + 1):
        acc = np.maximum(acc, F[b - 1])
        lo = max(0, b - hmax - 1)
        r = rows_c[b] - rows_c[lo:b] - extra[lo:b]  # rows of column [a, b), decreasing in a
        # the a with r[a] == h + d: r is strictly decreasing, so search its negation
        k = np.minimum(np.searchsorted(-r, -np.concatenate([hs - 1, hs, hs + 1])), len(r) - 1)
        hit = r[k] == np.concatenate([hs - 1, hs, hs + 1])
        f = np.where(hit, F[lo + k, np.concatenate([cols, cols, cols]) + nh], -np.inf)
        exact = np.where(hit[nh : 2 * nh], F[lo + k[nh : 2 * nh], cols], -np.inf)
        drift = np.maximum(np.maximum(f[:nh], f[nh : 2 * nh]), f[2 * nh :]) + _DRIFT_COST
        F[b] = np.maximum(acc + _RESTART, np.concatenate([exact, drift])) + lr[b]
    return F


def row_columns(frags: Sequence[Frag], furn: set[int], ev: Evidence) -> RowColumns | None:
    """The columns of an extraction that emits whole columns (in any order), row by row.

    Why: the file is then a sequence of columns of one height, each separated from the next
    by page furniture, a blank line, or nothing at all where the extractor glued them; blank
    rows, headings and a drifting row make the text lines per column vary, but the rows do
    not.  A segmentation of the file into whole columns (with restarts where the rhythm
    breaks: the article's short last column) scores every place a column can start by what
    separates it from the line before; the best height, tolerance and row counting win, and
    a forward-backward pass gives each piece the probability that a column starts at it,
    including where no blank line or leading space marks it.  None when no height explains
    the file (an extractor that cuts columns into pieces), so nothing is asserted.
    """
    pieces, seps = _piece_seps(frags, furn)
    n = len(pieces)
    if n < 2 * _H_MIN or n > 20000:
        return None
    top, bottom = _certain_breaks(frags, ev)
    certain = np.zeros(n + 1)
    for j, (fi, pi) in enumerate(pieces):
        if j and pi == 0 and (top[fi] or bottom[pieces[j - 1][0]]):
            certain[j] = _CERTAIN_LOGODDS
    kinds = list(_SEP_AT_TOP)
    sep_k = np.array([kinds.index(x) if x in kinds else -1 for x in seps] + [-1])
    lr = _sep_logodds(sep_k, None, 0) + certain
    blank = np.array([s == "blank" for s in seps] + [False])
    hs = np.arange(_H_MIN, min(_H_MAX, n) + 1)
    best: tuple[float, int, int, bool] | None = None
    # the layout is chosen on the file's first pieces (a bounded cost), the columns placed in all
    m = min(n, _SELECT_PIECES)
    lr_m = np.concatenate([lr[:m], [0.0]])
    for blank_rows in (False, True):
        w = 1 + (blank & blank_rows).astype(int)
        extra = (w - 1)[: m + 1]
        rows_c = np.concatenate([[0], np.cumsum(w[:m])])
        # a shortlist by the fast model (free restarts, every height at once), then the strict one
        F = _row_dp(lr_m, rows_c, extra, hs)
        ch: list[int] = []
        ct: list[int] = []
        for tol in (0, 1):
            for k in np.argsort(-F[m, tol * len(hs) : (tol + 1) * len(hs)])[:_SHORTLIST]:
                ch.append(int(hs[k]))
                ct.append(tol)
        sc, reg, irr = _row_viterbi(lr_m, rows_c, extra, np.array(ch), np.array(ct))
        for k in range(len(ch)):
            # whole columns: the rhythm explains most of the file
            if reg[k] < 2 or irr[k] > max(2, reg[k] // 4):
                continue
            if best is None or sc[k] > best[0] + 1e-9:
                best = (float(sc[k]), ch[k], ct[k], blank_rows)
    if best is None or best[0] < _MIN_ROWS_SCORE:
        return None
    score, h, tol, blank_rows = best
    w = 1 + (blank & blank_rows).astype(int)
    extra = (w - 1)[: n + 1]
    rows_c = np.concatenate([[0], np.cumsum(w[:n])])
    p_top = _row_posterior(lr, rows_c, extra, h, tol)
    for _ in range(_SEP_ROUNDS):  # how this extractor separates its columns, learnt from itself
        lr = _sep_logodds(sep_k, p_top, h) + certain
        p_top = _row_posterior(lr, rows_c, extra, h, tol)
    return RowColumns(h, tol, blank_rows, pieces, p_top, score)


def _sep_logodds(sep_k: np.ndarray, p_top: np.ndarray | None, h: int) -> np.ndarray:
    """Per boundary 0..N, log-odds of a column start from its separator (index into
    ``_SEP_AT_TOP``; −1: none): the prior tables, or with ``p_top`` their re-estimate from the
    document's posterior column starts (the prior weighing ``_SEP_PRIOR`` column starts).

    Why: one extractor writes a blank line between columns, another glues every column to the
    next; the rate at which this document marks its column starts is what the rows tell.
    """
    kinds = list(_SEP_AT_TOP)
    top = np.array([_SEP_AT_TOP[x] for x in kinds])
    other = np.array([_SEP_ELSEWHERE[x] for x in kinds])
    if p_top is not None:
        n = len(p_top)
        k = sep_k[1:n]
        p = p_top[1:n]
        ok = k >= 0
        ct = np.bincount(k[ok], weights=p[ok], minlength=len(kinds))
        co = np.bincount(k[ok], weights=1.0 - p[ok], minlength=len(kinds))
        top = (ct + _SEP_PRIOR * top) / (ct.sum() + _SEP_PRIOR)
        other = (co + _SEP_PRIOR * h * other) / (co.sum() + _SEP_PRIOR * h)
    table = np.log(top / other)
    return np.where(sep_k >= 0, table[np.maximum(sep_k, 0)], 0.0)


def _col_table(h: int, tol: int, span: int) -> np.ndarray:
    """Log-odds of a column of r rows, r = 0 .. ``span``: 0 (a drifting layout:
    ``_DRIFT_COST``) when it holds h ± tol rows, ``_IRREGULAR`` for 1 to h + 2 rows, else
    impossible."""
    r = np.arange(span + 1)
    out = np.where((r >= 1) & (r <= h + 2), _IRREGULAR, -np.inf)
    return np.where(np.abs(r - h) <= tol, _DRIFT_COST if tol else 0.0, out)


def _row_viterbi(
    lr: np.ndarray, rows_c: np.ndarray, extra: np.ndarray, h: np.ndarray, tol: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Best segmentation score of each layout (h, tol), with its regular and irregular columns."""
    n = len(lr) - 1
    k = len(h)
    span = int(h.max()) + 3
    table = np.stack([_col_table(int(x), int(t), 2 * span) for x, t in zip(h, tol)], axis=1)
    regular = np.abs(np.arange(2 * span + 1)[:, None] - h[None, :]) <= tol[None, :]
    f = np.full((n + 1, k), -np.inf)
    f[0] = 0.0
    reg = np.zeros((n + 1, k), int)
    irr = np.zeros((n + 1, k), int)
    cols = np.arange(k)
    for b in range(1, n + 1):
        lo = max(0, b - span)
        r = np.minimum(rows_c[b] - rows_c[lo:b] - extra[lo:b], 2 * span)
        v = f[lo:b] + table[r]
        j = np.argmax(v, axis=0)
        f[b] = v[j, cols] + lr[b]
        is_reg = regular[r[j], cols]
        reg[b] = reg[lo + j, cols] + is_reg
        irr[b] = irr[lo + j, cols] + ~is_reg
    return f[n], reg[n], irr[n]


def _row_posterior(
    lr: np.ndarray, rows_c: np.ndarray, extra: np.ndarray, h: int, tol: int
) -> np.ndarray:
    """P(a column starts at piece j) for j < N, for one layout (h, tol).

    The strict segmentation model (``_col_table``): every column holds h ± tol rows, or is
    an irregular one (the article's short last column, a miscounted row), so a column start
    is only as likely as the rhythm of the columns around it makes it.
    """
    n = len(lr) - 1
    span = h + 3
    table = _col_table(h, tol, 2 * span)
    f = np.full(n + 1, -np.inf)
    f[0] = 0.0
    for b in range(1, n + 1):
        lo = max(0, b - span)
        r = np.minimum(rows_c[b] - rows_c[lo:b] - extra[lo:b], 2 * span)
        f[b] = np.logaddexp.reduce(f[lo:b] + table[r]) + lr[b]
    g = np.full(n + 1, -np.inf)
    g[n] = 0.0
    for a in range(n - 1, -1, -1):
        hi = min(n, a + span)
        r = np.minimum(rows_c[a + 1 : hi + 1] - rows_c[a] - extra[a], 2 * span)
        g[a] = np.logaddexp.reduce(table[r] + lr[a + 1 : hi + 1] + g[a + 1 : hi + 1])
    z = f[n]
    return np.exp(np.clip(f[:n] + g[:n] - z, -50.0, 0.0))


#: A column start the row geometry gives at least this probability anchors offsets
#: (``rows_geometry``); a piece after it with more than ``_ROW_DOUBT`` breaks the count.
_ROW_SURE = 0.8
_ROW_DOUBT = 0.2


def rows_geometry(
    frags: Sequence[Frag], furn: set[int], rc: RowColumns, base: Geometry | None
) -> Geometry:
    """Column offsets of every fragment the row geometry places with confidence (``row_columns``).

    Why: where the columns start is known piece by piece, so a fragment's start offset is the
    rows since its column's start, and its end offset is 0 exactly when a column starts right
    after it: file adjacency then counts only inside a column (``features``: ``adj_break``
    replaces the adjacency of a fragment at a column bottom).  A count that crosses a doubtful
    column start is not made (-1: unknown).  ``base`` gives the page runs.
    """
    pieces, seps = _piece_seps(frags, furn)
    n = len(pieces)
    h = rc.height
    p = np.concatenate([rc.p_top[:n], [1.0]])
    blank = np.array([s == "blank" for s in seps])
    w = 1 + (blank & rc.blank_rows).astype(int)
    start_off = np.full(len(frags), -1)
    end_off = np.full(len(frags), -1)
    top = -1  # the piece the current column starts at (-1: unknown)
    rows = 0  # rows of the current column up to and including the piece before j
    for j, (fi, pi) in enumerate(pieces):
        if p[j] >= _ROW_SURE or j == 0:
            top, rows = j, 0
        elif p[j] > _ROW_DOUBT:
            top = -1
        lead = int(w[j] - 1) if top != j else 0  # a blank row inside the column
        if pi == 0 and top >= 0:
            start_off[fi] = rows % h
        rows += 1 + lead
        if pi == len(frags[fi].pieces) - 1 and top >= 0:
            nxt = p[j + 1]
            if nxt >= _ROW_SURE and abs(rows - h) <= rc.tol:
                end_off[fi] = 0
            elif nxt <= _ROW_DOUBT and rows < h:
                end_off[fi] = rows
    n_f = len(frags)
    run = base.run if base is not None else np.zeros(n_f, int)
    run_last = base.run_last if base is not None else np.zeros(n_f, int)
    return Geometry(h, run, run_last, start_off, end_off, rc.tol, rc.blank_rows)
