"""The extractor's habit, learnt from the whole document: how far in the file a column break jumps.

Why: an extractor is consistent.  The column/page permutation it applied on one page is the one
it applied on the next, so the file displacement from a column's last line to the first line of
the column that continues it takes a few values over the whole document (e.g. −2H and +4H
lines for a three-column page written right to left, H the column height; multiples of H
when whole columns come out in any order).  Text alone ranks the true successor of a broken
sentence first only about a quarter of the time, but summed over every certain column break
of the document the true displacements pile up where the wrong candidates scatter.

How: an EM over the displacement histogram.  Every certain column bottom (a sentence or word
broken before a hard cut) and every certain column top (a lower-case start after one) is a
*source*; its candidate partners are weighted by the text-only join score (a softmax), and
by the current histogram; the histogram is re-estimated from those posteriors (kernel
smoothed, with a pseudo-count per bin), a few rounds.  Displacements are counted in two
units — rows (file lines without furniture, blank lines included: layouts whose paragraphs
take an empty row) and text lines (blank lines excluded: layouts whose paragraph spacing is not
a row) — and the unit whose histogram predicts the sources better, leave-one-out, is kept.
The leave-one-out log-likelihood ratio against a flat histogram (``JumpPrior.gain``) says
whether the document shows a habit at all: an extractor that emits text blocks at random
gives none, and the prior is then flat (``None``).

The result is one layout feature, ``doc_jump``: for a join A → B that is not a file
neighbour, log(K·P(displacement)) (K bins: 0 for a flat histogram), clipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .features import Evidence
    from .geometry import Geometry
    from .layout import Frag

#: EM rounds, pseudo-count of the flat histogram (spread over all bins), half-width (lines) of
#: the triangular smoothing kernel.
_ROUNDS = 8
_ALPHA = 1.0
_KERNEL = 2
#: Fewer sources than this: no habit can show.
_MIN_SOURCES = 4
#: Leave-one-out gain (nats per source) below which the document shows no habit.
_MIN_GAIN = 0.25
#: Widest displacement histogram (bins = lines) the EM runs on; a longer document in fewer
#: fragments gets no habit (the leave-one-out pass costs sources × bins).
_MAX_BINS = 20000
#: The feature's clip (log-ratio units).
_CLIP_LO, _CLIP_HI = 0.0, 4.0


@dataclass
class JumpPrior:
    """The document's displacement habit in one unit.

    ``start``/``end``: per fragment, the position (in the chosen unit) of its first / last
    line; ``logp``: log(K·P(d)) for displacements ``d = start[b] - end[a]``, indexed by
    ``d + offset``; ``gain``: leave-one-out log-likelihood ratio per source against a flat
    histogram; ``unit``: "rows" or "text"; ``sources``: how many breaks it was learnt from.
    """

    start: np.ndarray
    end: np.ndarray
    logp: np.ndarray
    offset: int
    gain: float
    unit: str
    sources: int

    def feature(self, idx: np.ndarray) -> np.ndarray:
        """log(K·P(d(a, b))) for fragments ``idx`` (a → b), clipped; 0 where out of range."""
        d = self.start[idx][None, :] - self.end[idx][:, None] + self.offset
        inside = (d >= 0) & (d < len(self.logp))
        out = np.where(inside, self.logp[np.clip(d, 0, len(self.logp) - 1)], 0.0)
        return np.clip(out, _CLIP_LO, _CLIP_HI)


def line_positions(
    frags: Sequence[Frag], lines: Sequence[str], furn: set[int]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per unit ("rows", "text"): each fragment's first-line and last-line position.

    Rows count every input line but furniture (blank lines are rows); text lines count
    only lines with text (and no furniture).
    """
    n_lines = len(lines)
    is_furn = np.zeros(n_lines, bool)
    for i in furn:
        if 0 <= i < n_lines:
            is_furn[i] = True
    blank = np.array([not s.strip() for s in lines], bool)
    rows = np.cumsum(~is_furn) - 1
    text = np.cumsum(~is_furn & ~blank) - 1
    first = np.array([f.first_line for f in frags], int)
    last = np.array([f.last_line for f in frags], int)
    return {"rows": (rows[first], rows[last]), "text": (text[first], text[last])}


def _smooth(c: np.ndarray, kernel: int = _KERNEL) -> np.ndarray:
    """Triangular kernel of half-width ``kernel`` (a column drifts by a line or two)."""
    if kernel <= 0:
        return c
    k = np.array([(kernel + 1 - abs(j)) for j in range(-kernel, kernel + 1)], float)
    k /= k.sum()
    return np.convolve(c, k, mode="same")


def _em(
    sources: list[tuple[np.ndarray, np.ndarray]], K: int, kernel: int = _KERNEL
) -> tuple[np.ndarray, float]:
    """EM over a displacement histogram of K bins.

    ``sources``: per source, (candidate bins, text posterior weights).  Returns
    (log(K·P) per bin, leave-one-out gain per source).
    """
    P = np.full(K, 1.0 / K)
    N = len(sources)
    q_all: list[np.ndarray] = []
    for _ in range(_ROUNDS):
        c = np.zeros(K)
        q_all = []
        for bins, w in sources:
            q = w * P[bins]
            s = q.sum()
            q = q / s if s > 0 else w
            q_all.append(q)
            np.add.at(c, bins, q)
        P = (_smooth(c, kernel) + _ALPHA / K) / (N + _ALPHA)
    # leave-one-out: each source predicted by the histogram of the others
    c = np.zeros(K)
    for (bins, _w), q in zip(sources, q_all):
        np.add.at(c, bins, q)
    gain = 0.0
    for (bins, w), q in zip(sources, q_all):
        own = np.zeros(K)
        np.add.at(own, bins, q)
        P_loo = (_smooth(c - own, kernel) + _ALPHA / K) / (N - 1 + _ALPHA)
        gain += float(np.log(max(1e-300, float((w * P_loo[bins]).sum()) * K)))
    return np.log(K * P), gain / max(1, N)


def _sources(
    S_text: np.ndarray,
    bins: np.ndarray,
    bottom: np.ndarray,
    top: np.ndarray,
    ends: np.ndarray,
    starts: np.ndarray,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The EM's sources: each certain column bottom (top) with its candidate partners' bins and
    text-only weights (a softmax of ``S_text``), as both learners read them.

    ``bins[a, b]``: the histogram bin of the join a → b; ``ends``/``starts``: fragments whose end /
    start has a known position (a page number for the page habit; all for the line habit).
    """
    srcs: list[tuple[np.ndarray, np.ndarray]] = []
    for a in np.flatnonzero(bottom & ends):
        ok = np.isfinite(S_text[a]) & starts
        if ok.sum() >= 2:
            w = np.exp(S_text[a, ok] - S_text[a, ok].max())
            srcs.append((bins[a, ok], w / w.sum()))
    for b in np.flatnonzero(top & starts):
        ok = np.isfinite(S_text[:, b]) & ends
        if ok.sum() >= 2:
            w = np.exp(S_text[ok, b] - S_text[ok, b].max())
            srcs.append((bins[ok, b], w / w.sum()))
    return srcs


def learn_jump_prior(
    frags: Sequence[Frag],
    ev: Evidence,
    S_text: np.ndarray,
    positions: dict[str, tuple[np.ndarray, np.ndarray]],
    top: np.ndarray,
    bottom: np.ndarray,
) -> JumpPrior | None:
    """The document's displacement habit (see the module docstring), or None when it shows none.

    ``S_text``: text-only join scores of all fragment pairs (−inf on the diagonal);
    ``top``/``bottom``: fragments that certainly start / end a column.
    """
    n = len(frags)
    if n < 4:
        return None
    if int(bottom.sum() + top.sum()) < _MIN_SOURCES:
        return None
    everywhere = np.ones(n, dtype=bool)
    best: JumpPrior | None = None
    for unit, (start, end) in positions.items():
        D = np.subtract.outer(start, end).T  # D[a, b] = start[b] - end[a]
        lo, hi = int(D.min()), int(D.max())
        K = hi - lo + 1
        if K > _MAX_BINS:
            continue
        srcs = _sources(S_text, D - lo, bottom, top, everywhere, everywhere)
        if len(srcs) < _MIN_SOURCES:
            continue
        logp, gain = _em(srcs, K)
        if best is None or gain > best.gain:
            best = JumpPrior(start, end, logp, -lo, gain, unit, len(srcs))
    if best is None or best.gain < _MIN_GAIN:
        return None
    return best


#: The printed page number on a furniture line: its last number ("17", "Page 17",
#: "Author · Title   17", a printer's slug ending "Page17").
_PAGE_NO = re.compile(r"(\d{1,4})\D*$")
#: Page-habit histogram: the feature's clip, and the leave-one-out gain (nats per break) over
#: flat text weights it needs (the candidates' own page spread gives some gain to anything).
_PAGE_CLIP = 3.0
_PAGE_MIN_GAIN = 0.0


def run_pages(
    frags: Sequence[Frag], lines: Sequence[str], furn: set[int], geo: Geometry
) -> np.ndarray:
    """Printed page number of each furniture-delimited run (-1: unknown).

    A run takes the number of the first furniture line with a number between its last line
    and the next line of text (a page number, a footer, a slug close the page above them); a
    running head without a number leaves it unknown.
    """
    n_runs = int(max(geo.run.max(initial=0), geo.run_last.max(initial=0))) + 1
    last_line = np.full(n_runs, -1)
    for i, f in enumerate(frags):
        r = int(geo.run_last[i])
        last_line[r] = max(last_line[r], f.last_line)
    out = np.full(n_runs, -1)
    for r in range(n_runs):
        j = int(last_line[r]) + 1
        while 0 < j < len(lines) and (j in furn or not lines[j].strip()):
            m = _PAGE_NO.search(lines[j]) if j in furn else None
            if m:
                out[r] = int(m.group(1))
                break
            j += 1
    return out


@dataclass
class PagePrior:
    """The document's page habit: log(K·P(Δ)) of the printed-page difference Δ from A's page to
    B's page at a column break (``logp`` indexed by Δ + ``offset``), per fragment its end and
    start page (-1 unknown), and the leave-one-out gain over the same EM fed flat text weights."""

    end_page: np.ndarray
    start_page: np.ndarray
    logp: np.ndarray
    offset: int
    gain: float

    def feature(self, idx: np.ndarray) -> np.ndarray:
        """log(K·P(Δ(a, b))), clipped; 0 where a page is unknown."""
        pa = self.end_page[idx][:, None]
        pb = self.start_page[idx][None, :]
        d = pb - pa + self.offset
        ok = (pa >= 0) & (pb >= 0) & (d >= 0) & (d < len(self.logp))
        out = np.where(ok, self.logp[np.clip(d, 0, len(self.logp) - 1)], 0.0)
        return np.clip(out, -_PAGE_CLIP, _PAGE_CLIP)


def learn_page_prior(
    frags: Sequence[Frag],
    S_text: np.ndarray,
    pages: np.ndarray,
    geo: Geometry,
    top: np.ndarray,
    bottom: np.ndarray,
) -> PagePrior | None:
    """How far in printed pages a column break goes (same page, the next one…), learnt like
    ``learn_jump_prior`` over the certain breaks; None when the pages are not numbered or the
    breaks show no habit beyond what the candidates' page spread alone gives.

    Why: an extractor that emits whole pages, in any order, still continues a broken sentence
    on the same printed page or the next one; one that scatters columns does not.
    """
    end_page = pages[geo.run_last]
    start_page = pages[geo.run]
    known = (end_page >= 0) & (start_page >= 0)
    if known.sum() < 4 or len(set(pages[pages >= 0].tolist())) < 2:
        return None
    lo = int(start_page[known].min() - end_page[known].max())
    hi = int(start_page[known].max() - end_page[known].min())
    K = hi - lo + 1
    D = np.subtract.outer(start_page, end_page).T  # D[a, b] = start_page[b] - end_page[a]
    srcs = _sources(S_text, D - lo, bottom, top, end_page >= 0, start_page >= 0)
    flat = [(bins, np.full(len(bins), 1.0 / len(bins))) for bins, _w in srcs]
    if len(srcs) < _MIN_SOURCES:
        return None
    logp, gain = _em(srcs, K, kernel=0)
    _l, gain0 = _em(flat, K, kernel=0)
    if gain - gain0 < _PAGE_MIN_GAIN:
        return None
    return PagePrior(end_page, start_page, logp, -lo, gain - gain0)


#: Share of a document's certain column breaks inside a page that may leave the file order for
#: its pages to count as whole pages read in file order (``page_order_pairs``).
_PAGE_INORDER = 0.2


def page_order_pairs(
    frags: Sequence[Frag],
    ev: Evidence,
    pages: np.ndarray,
    geo: Geometry,
    bottom: np.ndarray,
    S_text: np.ndarray | None = None,
    top: np.ndarray | None = None,
) -> list[tuple[int, int]]:
    """Joins from each printed page to the next when the extractor emits whole pages, each in
    reading order, in some page order: (last fragment of page p's run, first of page p+1's).

    Why: pages shuffled or reversed as blocks keep every join inside a page but break every
    join between pages, and no word says which page comes next; the printed numbers do.
    The hypothesis is checked on the whole document first: the runs between furniture must
    carry distinct page numbers, and the sentences broken inside a run must (nearly) all go
    on in the next fragment of the file (an extractor that shuffles columns inside a page or
    across pages fails this).  Empty when it does not hold.

    ``S_text``/``top`` (text-only join scores, certain column tops): the words may only veto.
    Where breaks lie inside runs, at least one of them must have its words rank the next
    fragment of the file first among the column tops.  Why: in an extraction of whole columns
    in any order nearly every column starts mid-sentence in lower case, so the lower-case test
    passes there too (dev, columns in any order: 8 of 40 documents passed it and 2 of their 23
    page joins were right); but the words rank a true next fragment first at only about a
    third of such breaks in true whole pages, so a share of them is no test (review r5: a
    share of 0.3 dropped true pages and admitted scattered columns with one chance hit).
    """
    n = len(frags)
    runs = int(pages.shape[0])
    known = [int(p) for p in pages if p >= 0]
    if len(known) < 2 or len(set(known)) != len(known):
        return []
    inside = kept = worded = 0
    for a in map(int, np.flatnonzero(bottom)):
        if a + 1 >= n or geo.run[a + 1] != geo.run_last[a]:
            continue
        inside += 1
        kept += ev.start[a + 1] == "lower" or bool(ev.partial[a + 1])
        if S_text is not None and top is not None:
            cand = np.flatnonzero(top | (np.arange(n) == a + 1))
            worded += int(cand[int(np.argmax(S_text[a, cand]))]) == a + 1
    if kept < (1 - _PAGE_INORDER) * inside:
        return []
    if S_text is not None and top is not None and inside and not worded:
        return []
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i in range(n):
        first.setdefault(int(geo.run[i]), i)
        last[int(geo.run_last[i])] = i
    by_page = {int(pages[r]): r for r in range(runs) if pages[r] >= 0}
    out = []
    for p, r in by_page.items():
        r2 = by_page.get(p + 1)
        if r2 is not None and r in last and r2 in first and first[r2] != last[r] + 1:
            out.append((last[r], first[r2]))
    return out


def pages_complete(pages: np.ndarray) -> bool:
    """Whether the printed page numbers of the runs show every page from the first to the last
    (at least three of them, each once): then no page between them is lost."""
    known = sorted(int(p) for p in pages if p >= 0)
    return len(known) >= 3 and known == list(range(known[0], known[-1] + 1))


#: Groups of displacements a consistent extractor's column ends fall in: one within a page (or
#: the file order kept) and one from a page to the next — columns reversed on every page, pages
#: reversed or shuffled as blocks with their columns in order, columns in order.
_HABIT_GROUPS = 2


def _habit_groups(classes: np.ndarray, kept: int, tol: int) -> list[tuple[int | None, int]]:
    """The ``_HABIT_GROUPS`` largest groups of column-end joins, each (centre, size): the joins
    that keep the file order (centre None), and displacements within ``tol`` lines of a centre
    (greedy: the centre with most such neighbours first, the smaller displacement on a tie).
    A group needs two members: one join shows no habit."""
    groups: list[tuple[int | None, int]] = [(None, kept)] if kept >= 2 else []
    rest = np.sort(classes)
    for _ in range(_HABIT_GROUPS):
        if rest.size < 2:
            break
        near = np.abs(rest[:, None] - rest[None, :]) <= tol
        counts = near.sum(axis=1)
        k = int(np.argmax(counts))
        if counts[k] < 2:
            break
        groups.append((int(rest[k]), int(counts[k])))
        rest = rest[~near[k]]
    groups.sort(key=lambda g: (-g[1], g[0] is not None))
    return groups[:_HABIT_GROUPS]


def break_consistency(
    frags: Sequence[Frag],
    bottom: np.ndarray,
    path: Sequence[int],
    start: np.ndarray,
    end: np.ndarray,
    tol: int = _KERNEL,
) -> float:
    """How consistently the path leaves the column ends the geometry flags (``bottom == 1``):
    the leave-one-out share of those joins that fall in a habit group of the others
    (``_habit_groups``: kept in the file order, or the displacement ``start[b] - end[a]`` within
    ``tol`` lines of a common one), add-half smoothed (no flagged end: 0.5).

    Why: an extractor that applies one column permutation on every page (columns reversed,
    pages as blocks, columns in order) leaves its column ends at two displacements at most, and
    there the layout features already place the breaks — words counted again only pull
    fragments out of that order; one that writes whole columns in any order leaves scattered
    displacements, and there only the words can decide.  Each join is judged by the others
    (leave-one-out), so a short document with a handful of scattered ends shows no habit.
    These are tendencies, not bands (columns shuffled within the page ran 0.26-0.91 on
    mid-length dev layouts), and a first pass that builds a consistent but wrong path reads as
    a habit too: the gate then stays shut where the words would have helped.
    """
    kept_flags: list[bool] = []
    disp: list[int] = []
    for a, b in zip(path, path[1:]):
        if bottom[a] == 1:
            kept = frags[b].pos == frags[a].pos + 1
            kept_flags.append(kept)
            disp.append(0 if kept else int(start[b] - end[a]))
    total = len(disp)
    n_kept = sum(kept_flags)
    hits = 0
    for i in range(total):
        others = np.array(
            [d for j, (d, k) in enumerate(zip(disp, kept_flags)) if j != i and not k], int
        )
        groups = _habit_groups(others, n_kept - kept_flags[i], tol)
        if kept_flags[i]:
            hits += any(c is None for c, _n in groups)
        else:
            hits += any(c is not None and abs(disp[i] - c) <= tol for c, _n in groups)
    return (hits + 0.5) / (total + 1.0)
