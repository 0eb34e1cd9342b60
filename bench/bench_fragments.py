"""Benchmark of the reassembler's text and fragment side, apart from the solver.

    python3 bench/bench_fragments.py                 # dev and test, 60 cases each
    python3 bench/bench_fragments.py --split dev --cases 20
    python3 bench/bench_fragments.py --split wide    # furniture formats no other split has

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
* **text-only ranking**: at each reachable hard join, the rank of the true successor among
  all fragments by the text features alone (layout weights zeroed), share ranked first, per
  kind.  File order ranks it first nowhere (0.000) by definition of a hard join.

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
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bench_reassemble as BR  # noqa: E402
from synth import (  # noqa: E402
    EXTRA_FURNITURE_FORMATS,
    FURNITURE_FORMATS,
    SynthCase,
    make_case,
    mixed_prose,
)

from edition import reassemble as R  # noqa: E402

#: Test prose at seeds nobody ran, with the furniture formats of ``EXTRA_FURNITURE_FORMATS``.
WIDE = BR.Split("wide", BR.SPLITS["test"].novels, BR.SPLITS["test"].essays, 9500)
#: The same widening on the dev prose (seeds 1300+): where the furniture rules were checked.
WIDE_DEV = BR.Split("wide-dev", BR.SPLITS["dev"].novels, BR.SPLITS["dev"].essays, 1300)


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


def run(split: BR.Split, n: int, params: R.Params) -> dict:
    """All three figures of ``n`` cases of ``split``."""
    furn_got = furn_tot = wrong = hard = unreach = n_lines = 0
    ranks: dict[str, list[int]] = {}
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
        BR.text_rank(case, params, ranks)
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
    print("text-only ranking at reachable hard joins: true successor first   [file order 0.000]")
    for k in BR.KINDS:
        rk = r["ranks"].get(k, [])
        top1 = sum(x == 0 for x in rk) / max(1, len(rk))
        top3 = sum(x < 3 for x in rk) / max(1, len(rk))
        print(f"  {k:14s} {len(rk):5d} joins   first {top1:.3f}   in top 3 {top3:.3f}")
    print(f"({r['seconds']:.1f} s)")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--split", choices=["dev", "test", "fresh", "wide-dev", "wide", "both"], default="both"
    )
    ap.add_argument("--cases", type=int, default=60, help="cases per split (default 60)")
    a = ap.parse_args()
    print(f"signature: fragments|params: {BR.PARAMS.provenance}")
    splits = {**BR.SPLITS, WIDE.name: WIDE, WIDE_DEV.name: WIDE_DEV}
    for name in ["dev", "test"] if a.split == "both" else [a.split]:
        report(splits[name], a.cases, run(splits[name], a.cases, BR.PARAMS))
    if a.split in ("wide", "wide-dev"):
        st = BR.new_stats()
        for _s, spec, case in cases(splits[a.split], a.cases):
            t0 = time.perf_counter()
            r = R.reassemble(case.text, params=BR.PARAMS)
            st.seconds += time.perf_counter() - t0
            BR.score_case(st, spec, case, r)
        BR.report(splits[a.split], a.cases, st)


if __name__ == "__main__":
    main()
