"""Banded dynamic programming over beads, coarse to fine.

Why anti-diagonals: the search space is the grid of (i, j) = (source
sentences consumed, target sentences consumed).  Every bead moves from
diagonal i+j to a later one, so cells on one anti-diagonal depend only on
earlier diagonals and a whole diagonal is computed with a few numpy
operations.  A band of fixed width ``W`` per anti-diagonal follows any path
shape, including long omissions (a run of 0-1 beads is a horizontal line,
which a band per row could not hold), with memory (n+m+1)·W: linear.

Why coarse to fine: the band's centre comes from aligning *blocks* of
sentences first (sums of their vectors and lengths), recursively, until the
problem is small enough for a full search.  Cost is O((n+m)·W) per level.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .align_features import Channel

#: Bead types (source sentences, target sentences); the order is the
#: tie-break order of the search, 1-1 first.
BEADS: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 2),
    (2, 1),
    (0, 1),
    (1, 0),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
)
#: (k, l) offsets of the sentence pairs inside a bead, relative to its last pair.
#: Every (k, l) with k < a and l < b for some bead (a, b).
OFFSETS = ((0, 0), (0, 1), (0, 2), (1, 0), (2, 0), (1, 1), (1, 2), (2, 1), (0, 3), (3, 0))
#: Most sentences on one side of a bead.
MAX_SPAN = max(max(a, b) for a, b in BEADS)
INF = np.inf
PAD = 6
#: Full search when (n+m+1)·(n+1) cells fit in this many; otherwise coarse-to-fine.
FULL_CELLS = 150_000
BLOCK = 8


@dataclass
class Params:
    """Scoring weights.  One fixed set for every text (not tuned per novel)."""

    prior: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (1, 2): 2.0,
            (2, 1): 2.0,
            (2, 2): 4.5,
            (1, 3): 4.5,
            (3, 1): 4.5,
            # Five-sentence beads (about 0.7 % of literary beads: a long sentence
            # rendered as four, a dialogue turn re-cut) cost one step more than 2-2.
            (2, 3): 6.0,
            (3, 2): 6.0,
            (1, 4): 6.0,
            (4, 1): 6.0,
        }
    )
    null: float = 4.0  # cost of a 0-1 / 1-0 bead
    w_len: float = 1.0  # weight of the length term δ²/2
    #: With sentence embeddings, length and similarity evidence overlap (a
    #: loose or partial rendering is both off in length and less similar), so
    #: counting the length term at full weight double-counts it and lets it
    #: veto pairings whose meaning clearly matches.  Measured on the
    #: development set: every novel gains or stays equal between 0.4 and 0.7.
    w_len_with_embeddings: float = 0.6
    len_cap: float = (
        15.0  # cap on the length cost (loose translation: a bad length is evidence, not a veto)
    )
    w_sim: float = 1.5  # weight of the combined similarity z-score
    z_lo: float = -2.0
    z_hi: float = 6.0
    w_para_start: float = 1.0  # bead starts a paragraph on one side only
    w_para_cross: float = 1.5  # bead swallows a paragraph boundary
    ratio: float = 1.0  # target chars per source char (learned)
    s2: float = 6.8  # Gale–Church variance per character (learned)


@dataclass
class Level:
    """Units to align at one resolution (sentences, or blocks of them)."""

    src_len: np.ndarray
    tgt_len: np.ndarray
    channels: list[Channel]
    src_para: np.ndarray | None = None  # bool per unit: starts a paragraph
    tgt_para: np.ndarray | None = None
    #: Headings as hard boundaries (``heading_sections``): per unit, its section (int) and
    #: whether it is a heading; None = no heading evidence (coarse levels, plain input).
    src_sec: np.ndarray | None = None
    tgt_sec: np.ndarray | None = None
    src_head: np.ndarray | None = None
    tgt_head: np.ndarray | None = None
    #: Beads fixed by the editor, (s0, s1, t0, t1) half-open ranges; an empty side is (-1, -1).
    pins: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def n(self) -> int:
        return len(self.src_len)

    @property
    def m(self) -> int:
        return len(self.tgt_len)


@dataclass
class Calib:
    """Random-pair cosine statistics per channel (what "no relation" looks like here)."""

    mu: list[float]
    sd: list[float]


def calibrate(level: Level, samples: int = 4000) -> Calib:
    """Mean and spread of the cosine of unrelated sentence pairs, per channel.

    Why: raw cosines of different channels live on different scales; a z-score
    against unrelated pairs of *this* text makes them comparable and adapts to
    it (short sentences, many names...).  Pairs far from the diagonal
    (relative positions more than 10 % apart) stand in for unrelated ones; a
    text too short to offer enough of them falls back on the channel's prior,
    blended by how many were found.
    """
    rng = np.random.default_rng(12345)
    n, m = level.n, level.m
    s = rng.integers(0, n, samples)
    t = rng.integers(0, m, samples)
    far = np.abs((s + 0.5) / n - (t + 0.5) / m) > 0.1
    s, t = s[far], t[far]
    distinct = len(set(zip(s.tolist(), t.tolist())))
    trust = min(1.0, distinct / 200.0)
    mu, sd = [], []
    for ch in level.channels:
        if distinct:
            a, b = ch.src[s], ch.tgt[t]
            na = np.linalg.norm(a, axis=1)
            nb = np.linalg.norm(b, axis=1)
            cos = np.einsum("ij,ij->i", a, b) / np.maximum(na * nb, 1e-9)
            m_, s_ = float(cos.mean()), float(cos.std())
        else:
            m_, s_ = ch.prior_mu, ch.prior_sd
        mu.append(trust * m_ + (1 - trust) * ch.prior_mu)
        sd.append(max(trust * s_ + (1 - trust) * ch.prior_sd, 0.02))
    return Calib(mu, sd)


def log_erfc(x: np.ndarray) -> np.ndarray:
    """log erfc(x) for x ≥ 0 without underflow (Numerical Recipes' erfcc, rel. error < 1.2e-7).

    Why not log(1 − Φ): that underflows to −inf in the tail (NLTK's Gale–Church
    bug); this form stays finite for any x.
    """
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -1.26551223 + t * (
        1.00002368
        + t
        * (
            0.37409196
            + t
            * (
                0.09678418
                + t
                * (
                    -0.18628806
                    + t
                    * (
                        0.27886807
                        + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))
                    )
                )
            )
        )
    )
    return np.log(t) - x * x + poly


def _span_norms(vecs: np.ndarray, max_span: int = MAX_SPAN) -> np.ndarray:
    """norms[a, i] = |sum of vecs[i-a:i]| for end positions i = 0..n (0 where i < a)."""
    n = len(vecs)
    out = np.zeros((max_span + 1, n + 1), dtype=np.float64)
    acc = np.zeros_like(vecs, dtype=np.float64)
    for a in range(1, max_span + 1):
        if a - 1 < n:
            acc[a - 1 :] += vecs[: n - a + 1] if a > 1 else vecs
            out[a, a:] = np.linalg.norm(acc[a - 1 :], axis=1)
    return out


class Scorer:
    """Bead costs for the cells of a band (vectorised over many cells)."""

    def __init__(self, level: Level, params: Params, off: np.ndarray, width: int):
        self.level = level
        self.p = params
        self.off = off
        self.W = width
        self.calib = calibrate(level)
        self.src_norm = [_span_norms(ch.src.astype(np.float64)) for ch in level.channels]
        self.tgt_norm = [_span_norms(ch.tgt.astype(np.float64)) for ch in level.channels]
        self.src_cum = np.concatenate([[0.0], np.cumsum(level.src_len, dtype=np.float64)])
        self.tgt_cum = np.concatenate([[0.0], np.cumsum(level.tgt_len, dtype=np.float64)])
        self.has_para = (
            level.src_para is not None
            and level.tgt_para is not None
            and level.src_para.any()
            and level.tgt_para.any()
        )
        if self.has_para:
            assert level.src_para is not None and level.tgt_para is not None
            self.sp = np.concatenate([level.src_para.astype(np.int32), [1]])
            self.tp = np.concatenate([level.tgt_para.astype(np.int32), [1]])
            self.sp_cum = np.concatenate([[0], np.cumsum(self.sp)])
            self.tp_cum = np.concatenate([[0], np.cumsum(self.tp)])
        self.has_heads = level.src_head is not None and level.tgt_head is not None
        if self.has_heads:
            assert level.src_head is not None and level.tgt_head is not None
            assert level.src_sec is not None and level.tgt_sec is not None
            self.sh_cum = np.concatenate([[0], np.cumsum(level.src_head.astype(np.int64))])
            self.th_cum = np.concatenate([[0], np.cumsum(level.tgt_head.astype(np.int64))])
            self.ssec = np.concatenate([level.src_sec.astype(np.int64), [-1]])
            self.tsec = np.concatenate([level.tgt_sec.astype(np.int64), [-1]])
        self.has_pins = bool(level.pins)
        if self.has_pins:
            self.src_pin = np.full(level.n + 1, -1, dtype=np.int64)
            self.tgt_pin = np.full(level.m + 1, -1, dtype=np.int64)
            for k, (s0, s1, t0, t1) in enumerate(level.pins):
                self.src_pin[max(s0, 0) : max(s1, 0)] = k
                self.tgt_pin[max(t0, 0) : max(t1, 0)] = k
            self.sp_pin_cum = np.concatenate([[0], np.cumsum(self.src_pin[:-1] >= 0)])
            self.tp_pin_cum = np.concatenate([[0], np.cumsum(self.tgt_pin[:-1] >= 0)])
            self.pin_box = np.array(level.pins, dtype=np.int64).reshape(-1, 4)
        self.G = [self._band_dots(ch) for ch in level.channels]

    def cells(self, d0: int, d1: int) -> tuple[np.ndarray, np.ndarray]:
        d = np.arange(d0, d1)[:, None]
        i = self.off[d0:d1, None] + np.arange(self.W)[None, :]
        return i, d - i

    def _band_dots(self, ch: Channel) -> np.ndarray:
        """G[d, PAD + x] = src[i-1]·tgt[j-1] for the cell (i, j) at diagonal d, column x.

        Why block products: the cells of a run of diagonals cover a small
        rectangle of (source, target) sentences, whose dense product BLAS
        computes far faster than gathering vectors cell by cell.  Padded with
        zeros on both sides so shifted reads need no bounds checks.
        """
        n, m = self.level.n, self.level.m
        G = np.zeros((n + m + 1, self.W + 2 * PAD), dtype=np.float32)
        full = ch.src @ ch.tgt.T if n * m <= 4_000_000 else None
        step = max(8, min(256, 4096 // max(self.W, 1)))
        for d0 in range(0, n + m + 1, step):
            d1 = min(n + m + 1, d0 + step)
            i, j = self.cells(d0, d1)
            ok = (i >= 1) & (i <= n) & (j >= 1) & (j <= m)
            if not ok.any():
                continue
            if full is not None:
                s0 = t0 = 0
                block = full
            else:
                s0, s1 = int(i[ok].min()) - 1, int(i[ok].max())
                t0, t1 = int(j[ok].min()) - 1, int(j[ok].max())
                block = ch.src[s0:s1] @ ch.tgt[t0:t1].T
            si = np.where(ok, i - 1 - s0, 0)
            tj = np.where(ok, j - 1 - t0, 0)
            G[d0:d1, PAD : PAD + self.W] = np.where(ok, block[si, tj], 0.0)
        return G

    def _shifted(self, c: int, d0: int, d1: int, k: int, l: int) -> np.ndarray:
        """Dot of the pair (i-1-k, j-1-l) for every cell (i, j) of diagonals d0..d1-1.

        That pair is the cell (i-k, j-l), on diagonal d-k-l, at a column shifted
        by a per-diagonal constant: one 2-D read of the padded band.
        """
        d = np.arange(d0, d1)
        dd = d - k - l
        okd = dd >= 0
        ddc = np.where(okd, dd, 0)
        shift = self.off[d] - self.off[ddc] - k
        cols = PAD + np.arange(self.W)[None, :] + shift[:, None]
        vals = self.G[c][ddc[:, None], np.clip(cols, 0, self.W + 2 * PAD - 1)]
        return np.where(okd[:, None], vals, 0.0)

    def _lookup(self, c: int, s: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Dot of source sentence s and target sentence t from the band (0 outside it)."""
        n, m = self.level.n, self.level.m
        ok = (s >= 0) & (s < n) & (t >= 0) & (t < m)
        dd = np.where(ok, s + t + 2, 0)
        xx = np.where(ok, s + 1 - self.off[dd], 0)
        ok &= (xx >= 0) & (xx < self.W)
        return np.where(ok, self.G[c][dd, PAD + np.clip(xx, 0, self.W - 1)], 0.0)

    def sim(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, pairs: list[dict] | None = None
    ) -> np.ndarray:
        """Combined similarity z-score of the bead (a, b) ending at cells (i, j).

        ``pairs[c][(k, l)]``: precomputed pair dots for a block of diagonals
        (see ``costs``); without it, dots are looked up cell by cell.
        """
        n, m = self.level.n, self.level.m
        ii = np.clip(i, 0, n)
        jj = np.clip(j, 0, m)
        total = np.zeros(i.shape)
        wsum = 0.0
        for c, ch in enumerate(self.level.channels):
            dot = np.zeros(i.shape)
            for k, l in OFFSETS:
                if k < a and l < b:
                    dot += (
                        pairs[c][(k, l)]
                        if pairs is not None
                        else self._lookup(c, i - 1 - k, j - 1 - l)
                    )
            norm = self.src_norm[c][a, ii] * self.tgt_norm[c][b, jj]
            cos = np.where(norm > 0, dot / np.maximum(norm, 1e-12), 0.0)
            z = np.clip((cos - self.calib.mu[c]) / self.calib.sd[c], self.p.z_lo, self.p.z_hi)
            # A sentence with no feature in this channel gives no evidence either way.
            z = np.where(norm > 0, z, 0.0)
            total += ch.weight * z
            wsum += ch.weight
        return total / wsum if wsum else total

    def length_cost(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Gale–Church: δ = (lt − c·ls)/√(s²·mean length), cost −log P(|Z| ≥ |δ|) (capped)."""
        n, m = self.level.n, self.level.m
        ii, jj = np.clip(i, a, n), np.clip(j, b, m)
        ls = self.src_cum[ii] - self.src_cum[ii - a]
        lt = self.tgt_cum[jj] - self.tgt_cum[jj - b]
        mean = np.maximum((ls * self.p.ratio + lt) / 2.0, 1.0)
        delta = (lt - self.p.ratio * ls) / np.sqrt(self.p.s2 * mean)
        return np.minimum(-log_erfc(np.abs(delta) / np.sqrt(2.0)), self.p.len_cap)

    def para_cost(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Soft paragraph evidence: beads should start and end with paragraphs on both sides."""
        if not self.has_para:
            return np.zeros(i.shape)
        n, m = self.level.n, self.level.m
        ii, jj = np.clip(i, a, n), np.clip(j, b, m)
        start_mismatch = self.sp[ii - a] != self.tp[jj - b]
        cross = (self.sp_cum[ii] - self.sp_cum[ii - a + 1] > 0) | (
            self.tp_cum[jj] - self.tp_cum[jj - b + 1] > 0
        )
        return self.p.w_para_start * start_mismatch + self.p.w_para_cross * cross

    def costs(self, d0: int, d1: int) -> np.ndarray:
        """Cost of every bead type ending at every cell of diagonals d0..d1-1: (beads, d, W)."""
        i, j = self.cells(d0, d1)
        out = np.full((len(BEADS), d1 - d0, self.W), INF)
        pairs = [
            {(k, l): self._shifted(c, d0, d1, k, l) for k, l in OFFSETS}
            for c in range(len(self.level.channels))
        ]
        for k, (a, b) in enumerate(BEADS):
            out[k] = self.cost_of(i, j, a, b, pairs)
        return out

    def heads_allow(self, i: np.ndarray, j: np.ndarray, a: int, b: int) -> np.ndarray:
        """Where the bead (a, b) ending at (i, j) respects the headings: True/False per cell.

        A bead holds only headings or only body text, on each side and across
        (a heading is never merged with the sentence after it), and never
        spans two sections (sentences of one section pair only with the same
        section of the other side).  Heading lines pair one to one or stay
        unaligned: "CHAPTER II." is "II", and a subtitle only one edition
        prints ("A MYSTERY TO BE SOLVED AT ANY PRICE") has no counterpart.
        """
        if not self.has_heads:
            return np.ones(i.shape, dtype=bool)
        n, m = self.level.n, self.level.m
        ii, jj = np.clip(i, a, n), np.clip(j, b, m)
        ok = np.ones(i.shape, dtype=bool)
        kind_s = kind_t = sec_s = sec_t = None
        if a:
            heads = self.sh_cum[ii] - self.sh_cum[ii - a]
            ok &= (heads == 0) | (heads == a)
            ok &= self.ssec[ii - a] == self.ssec[ii - 1]
            kind_s, sec_s = heads > 0, self.ssec[ii - 1]
        if b:
            heads = self.th_cum[jj] - self.th_cum[jj - b]
            ok &= (heads == 0) | (heads == b)
            ok &= self.tsec[jj - b] == self.tsec[jj - 1]
            kind_t, sec_t = heads > 0, self.tsec[jj - 1]
        if kind_s is not None and kind_t is not None:
            ok &= (kind_s == kind_t) & (sec_s == sec_t)
            if (a, b) != (1, 1):
                ok &= ~kind_s
        return ok

    def pins_allow(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(touches a pinned sentence, is exactly a pinned bead) for the bead (a, b) ending at (i, j).

        Why as a constraint of the search and not a patch of its result: every
        other bead is chosen knowing the editor's bead is there, so the
        neighbours of a pinned link move with it.
        """
        n, m = self.level.n, self.level.m
        ii, jj = np.clip(i, a, n), np.clip(j, b, m)
        touch = np.zeros(i.shape, dtype=bool)
        if a:
            touch |= self.sp_pin_cum[ii] - self.sp_pin_cum[ii - a] > 0
        if b:
            touch |= self.tp_pin_cum[jj] - self.tp_pin_cum[jj - b] > 0
        k = self.src_pin[ii - 1] if a else self.tgt_pin[jj - 1]
        box = self.pin_box[np.maximum(k, 0)]
        exact = k >= 0
        if a:
            exact &= (box[..., 0] == ii - a) & (box[..., 1] == ii)
        else:
            exact &= box[..., 0] == -1
        if b:
            exact &= (box[..., 2] == jj - b) & (box[..., 3] == jj)
        else:
            exact &= box[..., 2] == -1
        return touch, exact

    def all_heads(self, i: np.ndarray, a: int) -> np.ndarray:
        """Where the bead's ``a`` source units ending at ``i`` are all headings.

        Why the length term is dropped there: a heading's form differs freely
        between editions ("CHAPTER I. THE PROFESSOR AND HIS FAMILY" / "I"), so
        its length is no evidence; a bead that is a heading on one side is a
        heading on the other (``heads_allow``).
        """
        if not self.has_heads or a == 0:
            return np.zeros(i.shape, dtype=bool)
        ii = np.clip(i, a, self.level.n)
        return (self.sh_cum[ii] - self.sh_cum[ii - a]) == a

    def cost_of(
        self, i: np.ndarray, j: np.ndarray, a: int, b: int, pairs: list[dict] | None = None
    ) -> np.ndarray:
        """Cost of the bead (a, b) ending at each cell (i, j); INF where it cannot end there."""
        n, m = self.level.n, self.level.m
        ok = (i >= a) & (i <= n) & (j >= b) & (j <= m)
        if self.has_pins:
            touch, exact = self.pins_allow(i, j, a, b)
            ok &= np.where(touch, exact, self.heads_allow(i, j, a, b))
        else:
            ok &= self.heads_allow(i, j, a, b)
        if not ok.any():
            return np.full(i.shape, INF)
        if a == 0 or b == 0:
            c = np.full(i.shape, self.p.null)
        else:
            c = (
                self.p.prior[(a, b)]
                + self.p.w_len * self.length_cost(i, j, a, b) * ~self.all_heads(i, a)
                - self.p.w_sim * self.sim(i, j, a, b, pairs)
                + self.para_cost(i, j, a, b)
            )
        return np.where(ok, c, INF)


def band_from_path(path: list[tuple[int, int]], n: int, m: int, width: int) -> np.ndarray:
    """Offsets per anti-diagonal of a band of ``width`` centred on a monotone path.

    ``path`` is the list of corner points (i, j) from (0, 0) to (n, m).  The
    centre on diagonal d is where the piecewise-linear path crosses i+j = d.
    """
    pts = np.asarray(path, dtype=np.float64)
    s = pts[:, 0] + pts[:, 1]
    d = np.arange(n + m + 1, dtype=np.float64)
    centre = np.interp(d, s, pts[:, 0])
    return np.round(centre).astype(np.int64) - width // 2


def dp(
    level: Level, params: Params, off: np.ndarray, width: int
) -> tuple[list[tuple[int, int]], Scorer]:
    """Best bead sequence inside the band; returns bead sizes (a, b) in order."""
    n, m = level.n, level.m
    scorer = Scorer(level, params, off, width)
    D = np.full((n + m + 1, width + 2 * PAD), INF)
    bp = np.zeros((n + m + 1, width), dtype=np.int8)
    x0 = 0 - off[0]
    if not 0 <= x0 < width:
        raise ValueError("band does not contain the origin")
    D[0, PAD + x0] = 0.0
    cols = np.arange(width)
    step = max(1, 131072 // (width * len(BEADS)))
    cand = np.empty((len(BEADS), width))
    for c0 in range(1, n + m + 1, step):
        c1 = min(n + m + 1, c0 + step)
        cost = scorer.costs(c0, c1)
        for d in range(c0, c1):
            for k, (a, b) in enumerate(BEADS):
                pd = d - a - b
                if pd < 0:
                    cand[k] = INF
                    continue
                shift = int(off[d] - a - off[pd])
                if abs(shift) > PAD:
                    raise ValueError("band moves too fast")
                cand[k] = D[pd, PAD + shift : PAD + shift + width] + cost[k, d - c0]
            best = np.argmin(cand, axis=0)
            D[d, PAD : PAD + width] = cand[best, cols]
            bp[d] = best
    xe = n - off[n + m]
    if not 0 <= xe < width or not np.isfinite(D[n + m, PAD + xe]):
        raise ValueError("no path inside the band")
    beads: list[tuple[int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        d = i + j
        a, b = BEADS[bp[d, i - off[d]]]
        beads.append((a, b))
        i, j = i - a, j - b
    beads.reverse()
    return beads, scorer


def coarsen(level: Level, block: int) -> tuple[Level, np.ndarray, np.ndarray]:
    """Blocks of ``block`` source sentences and proportionally many target sentences."""
    n, m = level.n, level.m
    kt = max(1, int(round(block * m / max(n, 1))))
    bs = np.arange(0, n, block)
    bt = np.arange(0, m, kt)
    chans = [
        Channel(
            ch.name,
            np.add.reduceat(ch.src, bs, axis=0),
            np.add.reduceat(ch.tgt, bt, axis=0),
            ch.weight,
            ch.prior_mu,
            ch.prior_sd,
        )
        for ch in level.channels
    ]
    coarse = Level(np.add.reduceat(level.src_len, bs), np.add.reduceat(level.tgt_len, bt), chans)
    return coarse, np.append(bs, n), np.append(bt, m)


def with_pins(
    path: list[tuple[int, int]], pins: tuple[tuple[int, int, int, int], ...]
) -> list[tuple[int, int]]:
    """The band's centre path forced through the corners of the pinned beads.

    The coarse levels know nothing of the pins; a coarse point that would
    make the path go back (above-left of a corner it should pass after) is
    dropped, so the path stays monotone and the band holds every pinned bead.
    """
    corners = [pt for s0, s1, t0, t1 in pins if s0 >= 0 and t0 >= 0 for pt in ((s0, t0), (s1, t1))]
    if not corners:
        return path
    kept = [
        (i, j)
        for i, j in path
        if all((i <= ci and j <= cj) or (i >= ci and j >= cj) for ci, cj in corners)
    ]
    return sorted(set(kept + corners), key=lambda p: (p[0] + p[1], p[0]))


def solve(level: Level, params: Params, *, progress=None) -> tuple[list[tuple[int, int]], Scorer]:
    """Align a level: full search when small, else band around the coarser level's path."""
    n, m = level.n, level.m
    if (n + m + 1) * (n + 1) <= FULL_CELLS or n <= 2 * BLOCK or m <= 2:
        width = n + 1
        off = np.zeros(n + m + 1, dtype=np.int64)
        result = dp(level, params, off, width)
    else:
        coarse, bs, bt = coarsen(level, BLOCK)
        cbeads, _ = solve(coarse, params, progress=progress)
        path = [(0, 0)]
        I = J = 0
        for a, b in cbeads:
            I, J = I + a, J + b
            path.append((int(bs[I]), int(bt[J])))
        path = with_pins(path, level.pins)
        kt = max(1, int(round(BLOCK * m / max(n, 1))))
        width = max(64, 4 * (BLOCK + kt))
        result = dp(level, params, band_from_path(path, n, m, width), width)
    if progress is not None:
        progress(1)
    return result
