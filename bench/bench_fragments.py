"""Benchmark of the reassembler's text and fragment side, apart from the solver.

    python3 bench/bench_fragments.py                 # dev and test, 60 cases each
    python3 bench/bench_fragments.py --split dev --cases 20
    python3 bench/bench_fragments.py --split wide    # furniture formats no other split has
    python3 bench/bench_fragments.py --split fresh5t # test prose at seeds nobody ran (7300+)

Three figures per split, on the same generated cases as ``bench_reassemble.py`` (same
splits and seeds; dev for choosing, test never tuned on), each with its baseline:

* **furniture**: recall of the generator's page furniture (running heads, page numbers,
  slugs, footers) and the **text lines wrongly removed** as furniture (must be 0: a removed
  line is listed in the report, but an editor should never have to restore prose).  Doing
  nothing removes nothing: recall 0, wrongly removed 0.
* **unreachable hard joins**: true successions whose file order is wrong (a column or page
  break) and where A's last line does not end a fragment or B's first line does not start
  one, so no reading order of the fragments can make the join.  Baseline: not cutting glued
  lines at all.
* **text-only ranking** (issue 11, 3(c)): at each reachable hyphen and mid-sentence hard
  join, the rank of the true successor among the candidates the solver weighs (every other
  fragment; a join the text contradicts scored as the solver scores it), as top-1 and mean
  reciprocal rank, ties broken at random (an all-zero row ranks nothing first).  Methods side
  by side: a plain unigram (B's first word by its English frequency; at a hyphen the completed
  word's), a plain bigram (log P(B's first word | A's last word), symspellpy's counts, stupid
  back-off), the model's text features (layout weights zeroed) and all its features.  File
  order ranks the true successor first nowhere (0.000) by definition of a hard join.

``--split fresh5t`` is the test prose at seeds 7300+, first run for the fifth session's final
text-ranking figures (never tuned on); like ``wide`` it prints the end-to-end hard-join table too.

The **wide** split (``--split wide``) is the test prose at seeds 9500+, laid out as
``bench_reassemble`` lays out a case, except that its furniture is drawn over the formats no
other split has as well (``synth.EXTRA_FURNITURE_FORMATS``: "– 7 –", "Page 7 of 12", the page
number beside the title or author in the head), at least one of them per case.  It is printed
with the end-to-end hard-join table too: layouts and formats nobody tuned on.  ``wide-dev``
is the same widening on the dev prose (seeds 1300+), where rules for the new formats are
checked.
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bench_reassemble as BR  # noqa: E402
import numpy as np  # noqa: E402
from synth import (  # noqa: E402
    EXTRA_FURNITURE_FORMATS,
    FURNITURE_FORMATS,
    SynthCase,
    make_case,
    mixed_prose,
)

from edition import reassemble as R  # noqa: E402
from edition.reassemble.features import contradictions  # noqa: E402
from edition.reassemble.langmodel import english_bigrams  # noqa: E402

#: Test prose at seeds nobody ran, with the furniture formats of ``EXTRA_FURNITURE_FORMATS``.
WIDE = BR.Split("wide", BR.SPLITS["test"].novels, BR.SPLITS["test"].essays, 9500)
#: The same widening on the dev prose (seeds 1300+): where the furniture rules were checked.
WIDE_DEV = BR.Split("wide-dev", BR.SPLITS["dev"].novels, BR.SPLITS["dev"].essays, 1300)
#: The test prose at seeds nobody had run before the fifth session's final text-ranking figures
#: (``--split fresh5t``, seeds 7300+), laid out as ``bench_reassemble`` lays out a case.
FRESH5T = BR.Split("fresh5t", BR.SPLITS["test"].novels, BR.SPLITS["test"].essays, 7300)

#: Kinds of hard join the text-only ranking is reported for: the ones the words should decide.
RANK_KINDS = ("hyphen", "mid-sentence")
#: Ranking methods, in print order: two plain baselines, the shipped text features (layout
#: weights zeroed), all features (text and layout) for reference, and the text features among
#: an oracle's candidates: only the fragments that truly start after a column or page break
#: (what the words could decide if the layout told exactly which fragments open a column).
RANK_METHODS = ("unigram", "bigram", "text features", "all features", "text, tops only")
#: Score of a contradicted join, as the solver scores it (``features._CONTRADICTION``).
_CONTRA = 12.0
#: Stupid back-off factor of the plain bigram baseline.
_BACKOFF = 0.4
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def wide_spec(seed: int) -> dict:
    """``bench_reassemble.case_spec`` with furniture drawn over every format, one new at least."""
    spec = BR.case_spec(seed)
    rng = random.Random(seed * 104729)
    every = FURNITURE_FORMATS + EXTRA_FURNITURE_FORMATS
    formats = [f for f in every if rng.random() < 0.4]
    if not any(f in EXTRA_FURNITURE_FORMATS for f in formats):
        formats.append(rng.choice(EXTRA_FURNITURE_FORMATS))
    spec["furniture_formats"] = tuple(formats)
    return spec


def cases(split: BR.Split, n: int) -> Iterator[tuple[int, dict, SynthCase]]:
    """The ``n`` cases of ``split`` (the wide split's own, or ``bench_reassemble``'s)."""
    if split.name not in (WIDE.name, WIDE_DEV.name):
        yield from BR.split_cases(split, n)
        return
    prose = BR.load(split.novels)
    for s in range(split.first_seed, split.first_seed + n):
        spec = wide_spec(s)
        kw = {k: v for k, v in spec.items() if k != "model"}
        text = mixed_prose(prose[s % len(prose)], list(split.essays), s)
        yield s, spec, make_case(text, s, offset=0, **kw)


def _zipf_logp(w: str) -> float:
    """log P(w) of a lower-case word by wordfreq (a floor for words it does not know)."""
    from wordfreq import word_frequency

    return math.log(max(word_frequency(w, "en"), 1e-9))


def _bigram_logp(w1: str, w2: str) -> float:
    """Plain English bigram log P(w2 | w1) from symspellpy's counts, stupid back-off to the unigram.

    The baseline a reader of the issue would try first: no PMI, no smoothing beyond back-off.
    """
    lm = english_bigrams()
    if lm is None or not w1:
        return _zipf_logp(w2)
    c = lm.bigrams.get(f"{w1} {w2}")
    u = lm.unigrams.get(w1)
    if c and u:
        return math.log(min(1.0, c / (u * lm.scale)))
    return math.log(_BACKOFF) + _zipf_logp(w2)


def _edge_words(text: str, first: bool) -> str:
    """A fragment's first (or last) word in lower case; "" when it starts (ends) on no word."""
    t = text.strip()
    if not t:
        return ""
    ws = _WORDS.findall(t)
    if not ws:
        return ""
    w = ws[0] if first else ws[-1]
    edge = t.lstrip("“\"'([‘") if first else t.rstrip()
    # the word must sit at the edge (after opening quotes), not after a number or a dash
    ok = edge.startswith(w) if first else edge.endswith((w, w + "-"))
    return w.lower() if ok else ""


def _expected_rank(row: np.ndarray, b: int) -> tuple[float, float]:
    """(P(true successor ranked first), E[1 / rank]) with ties broken at random."""
    g = int((row > row[b]).sum())
    t = int((row == row[b]).sum()) - 1  # other candidates tied with the true one
    recip = sum(1.0 / (1 + g + u) for u in range(t + 1)) / (t + 1)
    return (1.0 / (t + 1) if g == 0 else 0.0), recip


def text_ranks(case: SynthCase, params: R.Params, out: dict[str, dict[str, list[float]]]) -> None:
    """Rank of the true successor at each reachable hyphen and mid-sentence hard join, per method.

    Candidates are the ones the solver weighs: every other fragment of the document (one
    window at these sizes), a join the text contradicts scored ``_CONTRA`` lower as the solver
    scores it.  Methods (``RANK_METHODS``): *unigram* — B's first word by its English
    frequency (at a hyphen: the completed word's); *bigram* — log P(B's first word | A's last
    word) from symspellpy's counts with stupid back-off (at a hyphen, as unigram); *text
    features* — the model's score with the layout weights zeroed; *all features* — text and
    layout, what the solver's rows see; *text, tops only* — the text features among the
    fragments that truly open a column or page (an oracle's candidates: the share the words
    would decide were the layout known).  Each appends (top-1 probability, reciprocal rank).
    """
    prep = R.prepare(case.text)
    if prep.ev is None:
        return
    X = R.pair_features(prep, params)
    n = X.shape[0]
    penalty = _CONTRA * contradictions(prep.ev, prep.lex, np.arange(n))
    scores = {"text features": X @ params.w_text - penalty, "all features": X @ params.w - penalty}
    frags = prep.frags
    firsts = [_edge_words(f.text_first, True) for f in frags]
    lasts = [_edge_words(f.text_last, False) for f in frags]
    spans = prep.spans
    fa = {case.k_at(l1 + 1, max(c1 - 1, c0)): i for i, (_f, (l1, c0, c1)) in enumerate(spans)}
    fb = {case.k_at(l0 + 1, c0): i for i, ((l0, c0, _c1), _l) in enumerate(spans)}
    fseq = BR.file_sequence(case)
    fnext = dict(zip(fseq, fseq[1:]))
    present = set(fseq)
    hard = [
        k
        for k in sorted(present)
        if k + 1 in present and fnext.get(k) != k + 1 and k in fa and k + 1 in fb
    ]
    tops = np.zeros(n, bool)
    tops[[fb[k + 1] for k in hard]] = True
    for k in hard:
        kind = BR.true_kind(case, k)
        if kind not in RANK_KINDS:
            continue
        a, b = fa[k], fb[k + 1]
        hyph = kind == "hyphen"
        left = lasts[a]
        rows = {m: S[a].copy() for m, S in scores.items()}
        rows["text, tops only"] = np.where(tops, scores["text features"][a], -np.inf)
        uni = (
            np.array([_zipf_logp(left + w if hyph else w) if w else -30.0 for w in firsts])
            - penalty[a]
        )
        rows["unigram"] = uni
        rows["bigram"] = (
            uni
            if hyph
            else np.array([_bigram_logp(left, w) if w else -30.0 for w in firsts]) - penalty[a]
        )
        per = out.setdefault(kind, {m: [] for m in RANK_METHODS})
        for m in RANK_METHODS:
            row = rows[m]
            row[a] = -np.inf
            per[m].extend(_expected_rank(row, b))


def run(split: BR.Split, n: int, params: R.Params) -> dict:
    """All three figures of ``n`` cases of ``split``."""
    furn_got = furn_tot = wrong = hard = unreach = n_lines = 0
    ranks: dict[str, dict[str, list[float]]] = {}
    t0 = time.perf_counter()
    for _s, _spec, case in cases(split, n):
        prep = R.prepare(case.text)
        got = {ln + 1 for a, b in prep.furniture for ln in range(a, b + 1)}
        furn_got += len(got & case.furniture)
        furn_tot += len(case.furniture)
        wrong += len(got & set(case.units))
        n_lines += case.text.count("\n")
        spans = prep.spans
        ends = {case.k_at(l1 + 1, max(c1 - 1, c0)) for _f, (l1, c0, c1) in spans}
        starts = {case.k_at(l0 + 1, c0) for (l0, c0, _c1), _l in spans}
        fseq = BR.file_sequence(case)
        fnext = dict(zip(fseq, fseq[1:]))
        present = set(fseq)
        for k in present:
            if k + 1 in present and fnext.get(k) != k + 1:
                hard += 1
                unreach += not (k in ends and k + 1 in starts)
        text_ranks(case, params, ranks)
    return dict(
        furn_got=furn_got,
        furn_tot=furn_tot,
        wrong=wrong,
        hard=hard,
        unreach=unreach,
        ranks=ranks,
        seconds=time.perf_counter() - t0,
        lines=n_lines,
    )


def report(split: BR.Split, n: int, r: dict) -> None:
    print(
        f"\n== split {split.name}, seeds {split.first_seed}-{split.first_seed + n - 1} ({n} cases)"
    )
    print(
        f"furniture recall {r['furn_got'] / max(1, r['furn_tot']):.3f} "
        f"({r['furn_got']}/{r['furn_tot']}); text lines wrongly removed {r['wrong']} "
        f"of {r['lines']} lines   [doing nothing: recall 0.000, wrongly removed 0]"
    )
    print(
        f"unreachable hard joins {r['unreach'] / max(1, r['hard']):.3f} "
        f"({r['unreach']}/{r['hard']})"
    )
    print(
        "text-only ranking of the true successor at reachable hard joins, among every fragment "
        "(contradicted joins scored as the solver scores them): top-1 / MRR   [file order 0.000]"
    )
    print(f"  {'':14s} {'joins':>6s}   " + "   ".join(f"{m:>15s}" for m in RANK_METHODS))
    for k in RANK_KINDS:
        per = r["ranks"].get(k, {})
        nj = len(per.get(RANK_METHODS[0], [])) // 2
        cells = []
        for m in RANK_METHODS:
            xs = per.get(m, [])
            top1, mrr = sum(xs[0::2]) / max(1, nj), sum(xs[1::2]) / max(1, nj)
            cells.append(f"{top1:.3f} / {mrr:.3f}")
        print(f"  {k:14s} {nj:6d}   " + "   ".join(f"{c:>15s}" for c in cells))
    print(f"({r['seconds']:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--split",
        choices=["dev", "test", "fresh", "fresh5t", "wide-dev", "wide", "both"],
        default="both",
    )
    ap.add_argument("--cases", type=int, default=60, help="cases per split (default 60)")
    a = ap.parse_args()
    print(f"signature: fragments|params: {BR.PARAMS.provenance}")
    splits = {**BR.SPLITS, WIDE.name: WIDE, WIDE_DEV.name: WIDE_DEV, FRESH5T.name: FRESH5T}
    for name in ["dev", "test"] if a.split == "both" else [a.split]:
        report(splits[name], a.cases, run(splits[name], a.cases, BR.PARAMS))
    if a.split in ("wide", "wide-dev", "fresh5t"):
        st = BR.new_stats()
        for _s, spec, case in cases(splits[a.split], a.cases):
            t0 = time.perf_counter()
            r = R.reassemble(case.text, params=BR.PARAMS)
            st.seconds += time.perf_counter() - t0
            BR.score_case(st, spec, case, r)
        BR.report(splits[a.split], a.cases, st)


if __name__ == "__main__":
    main()
