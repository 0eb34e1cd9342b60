"""Peer aligner for the benchmark: Gale & Church (1993), as in NLTK, tail bug fixed.

Adapted from ``nltk.translate.gale_church`` (NLTK 3.x, Apache License 2.0,
Copyright (C) 2001-2024 NLTK Project; authors Torsten Marek, Mike Wiegand,
Nathan Schneider).  Changes:

* ``norm_logsf``: NLTK computes ``log(1 - Φ(x))``, which underflows to −inf
  for x above ~8.3; a DP cell whose options are all infinite is then reset to
  cost 0, which wrecks long or loose texts.  Here the log survival function
  is computed from ``erfc`` with the asymptotic expansion in the tail.
* ``align_blocks`` returns beads (with null beads) instead of links, and
  backtracks from the final cell through stored choices only.
* ``gale_church_paragraphs``: paragraphs first (the paragraph lengths aligned
  with the same model), then sentences inside each paragraph bead — the
  "paragraphs first" setting of the benchmark README.

Parameters are NLTK's ``LanguageIndependent`` ones (mean 1, variance 6.8,
Gale & Church's priors).
"""

from __future__ import annotations

import math

PRIORS = {(1, 0): 0.0099, (0, 1): 0.0099, (1, 1): 0.89, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011}
AVERAGE_CHARACTERS = 1.0
VARIANCE_CHARACTERS = 6.8
LOG2 = math.log(2)


def norm_logsf(x: float) -> float:
    """log(1 − Φ(x)), finite for every finite x (the fix)."""
    if x < 5.0:
        return math.log(0.5 * math.erfc(x / math.sqrt(2)))
    # Mills-ratio asymptotic expansion: 1-Φ(x) ≈ φ(x)/x · (1 − 1/x² + 3/x⁴)
    return (
        -x * x / 2 - math.log(x) - 0.5 * math.log(2 * math.pi) + math.log(1 - 1 / x**2 + 3 / x**4)
    )


def align_log_prob(i: int, j: int, src: list[int], tgt: list[int], bead: tuple[int, int]) -> float:
    l_s = sum(src[i - k - 1] for k in range(bead[0]))
    l_t = sum(tgt[j - k - 1] for k in range(bead[1]))
    m = (l_s + l_t / AVERAGE_CHARACTERS) / 2
    if m == 0:
        return 0.0
    delta = (l_s * AVERAGE_CHARACTERS - l_t) / math.sqrt(m * VARIANCE_CHARACTERS)
    return -(LOG2 + norm_logsf(abs(delta)) + math.log(PRIORS[bead]))


def align_blocks(src: list[int], tgt: list[int]) -> list[tuple[int, int]]:
    """Gale–Church DP over character lengths; returns bead sizes (a, b) in order."""
    n, m = len(src), len(tgt)
    INF = float("inf")
    D = [[INF] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    D[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, arg = INF, None
            for a, b in PRIORS:
                if i - a < 0 or j - b < 0:
                    continue
                p = D[i - a][j - b]
                if p == INF:
                    continue
                p += align_log_prob(i, j, src, tgt, (a, b))
                if p < best:
                    best, arg = p, (a, b)
            D[i][j] = best
            if arg is not None:
                back[(i, j)] = arg
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = back[(i, j)]
        beads.append((a, b))
        i, j = i - a, j - b
    return beads[::-1]


def gale_church_paragraphs(
    src: list[str], src_paras: list[int], tgt: list[str], tgt_paras: list[int]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Paragraphs first, then sentences; returns beads of 0-based sentence indexes."""

    def blocks(n: int, starts: list[int]) -> list[tuple[int, int]]:
        s = sorted(set([0] + [x for x in starts if 0 < x < n]))
        return list(zip(s, s[1:] + [n]))

    sb, tb = blocks(len(src), src_paras), blocks(len(tgt), tgt_paras)
    slen = [len(s) for s in src]
    tlen = [len(t) for t in tgt]
    pbeads = align_blocks([sum(slen[a:b]) for a, b in sb], [sum(tlen[a:b]) for a, b in tb])
    out = []
    pi = pj = 0
    for a, b in pbeads:
        s0 = sb[pi][0] if a else None
        s1 = sb[pi + a - 1][1] if a else None
        t0 = tb[pj][0] if b else None
        t1 = tb[pj + b - 1][1] if b else None
        if a and b:
            i, j = s0, t0
            for x, y in align_blocks(slen[s0:s1], tlen[t0:t1]):
                out.append((tuple(range(i, i + x)), tuple(range(j, j + y))))
                i, j = i + x, j + y
        elif a:
            out.extend(((k,), ()) for k in range(s0, s1))
        else:
            out.extend(((), (k,)) for k in range(t0, t1))
        pi, pj = pi + a, pj + b
    return out
