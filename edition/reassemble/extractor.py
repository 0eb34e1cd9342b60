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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .features import Evidence
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


def _smooth(c: np.ndarray) -> np.ndarray:
    """Triangular kernel of half-width ``_KERNEL`` (a column drifts by a line or two)."""
    k = np.array([(_KERNEL + 1 - abs(j)) for j in range(-_KERNEL, _KERNEL + 1)], float)
    k /= k.sum()
    return np.convolve(c, k, mode="same")


def _em(sources: list[tuple[np.ndarray, np.ndarray]], K: int) -> tuple[np.ndarray, float]:
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
        P = (_smooth(c) + _ALPHA / K) / (N + _ALPHA)
    # leave-one-out: each source predicted by the histogram of the others
    c = np.zeros(K)
    for (bins, _w), q in zip(sources, q_all):
        np.add.at(c, bins, q)
    gain = 0.0
    for (bins, w), q in zip(sources, q_all):
        own = np.zeros(K)
        np.add.at(own, bins, q)
        P_loo = (_smooth(c - own) + _ALPHA / K) / (N - 1 + _ALPHA)
        gain += float(np.log(max(1e-300, float((w * P_loo[bins]).sum()) * K)))
    return np.log(K * P), gain / max(1, N)


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
    src_rows = [int(a) for a in np.flatnonzero(bottom)]
    src_cols = [int(b) for b in np.flatnonzero(top)]
    if len(src_rows) + len(src_cols) < _MIN_SOURCES:
        return None
    best: JumpPrior | None = None
    for unit, (start, end) in positions.items():
        D = np.subtract.outer(start, end).T  # D[a, b] = start[b] - end[a]
        lo, hi = int(D.min()), int(D.max())
        K = hi - lo + 1
        srcs: list[tuple[np.ndarray, np.ndarray]] = []
        for a in src_rows:
            row = S_text[a]
            ok = np.isfinite(row)
            if ok.sum() < 2:
                continue
            w = np.exp(row[ok] - row[ok].max())
            srcs.append((D[a, ok] - lo, w / w.sum()))
        for b in src_cols:
            col = S_text[:, b]
            ok = np.isfinite(col)
            if ok.sum() < 2:
                continue
            w = np.exp(col[ok] - col[ok].max())
            srcs.append((D[ok, b] - lo, w / w.sum()))
        if len(srcs) < _MIN_SOURCES:
            continue
        logp, gain = _em(srcs, K)
        if best is None or gain > best.gain:
            best = JumpPrior(start, end, logp, -lo, gain, unit, len(srcs))
    if best is None or best.gain < _MIN_GAIN:
        return None
    return best
