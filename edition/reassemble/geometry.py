"""Column geometry: column height and each fragment's offset in its column, from page
furniture, the input order or a first solution.

Why: a fragment ending at a column bottom continues at a column top; line counts tell
where a break can lie, which text alone cannot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


def _lens(frags: Sequence[Frag], order: Sequence[int], blank_rows: bool) -> np.ndarray:
    """Rows each fragment of ``order`` takes: its lines, plus the blank line before it when
    ``blank_rows`` (a layout whose paragraphs are separated by an empty row).

    Why both: one typesetter sets paragraphs tight, so a column holds a fixed number of text
    lines; another puts an empty row between them, so the number of text lines varies and
    only rows are fixed.  The blank line an extractor writes between two columns then counts
    as a row too, so a column is its height plus one row (a glued column: one fewer, within
    the tolerance).
    """
    return np.array(
        [len(frags[i].pieces) + (blank_rows and frags[i].cut_before == "blank") for i in order]
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
        lens = _lens(frags, path, blank_rows)
    else:
        for blank_rows in (False, True):
            lens = _lens(frags, path, blank_rows)
            fit = fit_height(_break_marks(path, lens, top, bottom, ok, first_top))
            if fit is not None:
                break
        if fit is None:
            return None
        h, tol = fit
    n = len(frags)
    start_off = np.full(n, -1) if geo is None else geo.start_off.copy()
    end_off = np.full(n, -1) if geo is None else geo.end_off.copy()
    walk_offsets(path, lens, top, bottom, ok, h, tol, first_top, start_off, end_off)
    run = geo.run if geo is not None else np.zeros(n, int)
    run_last = geo.run_last if geo is not None else np.zeros(n, int)
    return Geometry(h, run, run_last, start_off, end_off, tol, blank_rows)


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
