"""Benchmark (and calibration) of the reading-order reassembler on synthetic scrambles.

    python3 bench/bench_reassemble.py            # ≥ 30 held-out cases, figures + signature
    python3 bench/bench_reassemble.py --fit      # re-derive the join weights (Params.weights)

Prose comes from the English side of the TransRead novels under
../shared/bench/transread (read at run time, never copied into the repo).
Calibration uses four novels, the benchmark the other three, so the figures
are on texts the weights never saw.  Every case is fully determined by its
seed (synth.make_case), and the signature line prints the settings.

Successor accuracy = fraction of body lines (units) whose next unit in the
output is the true next unit (pairs broken by a deliberately lost page are
not counted).  Gap detection is reported on the cases with a lost page.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synth import (  # noqa: E402
    ESSAYS,
    make_case,
    mixed_prose,
    predicted_sequence,
    successor_accuracy,
    transread_paragraphs,
)

from edition import reassemble as R  # noqa: E402

TRANSREAD = REPO.parent / "shared" / "bench" / "transread"
FIT_NOVELS = [
    "AlicesAdventuresInWonderland",
    "DuCoteDeChezSwann",
    "JaneEyre",
    "LaFauteDeLAbbeMouret",
]
#: The model's numbers every run uses (the shipped ones; ``--ablate`` zeroes some weights).
PARAMS = R.DEFAULT
TEST_NOVELS = ["LesTravailleursDeLaMer", "VingtMilleLieuesSousLesMers", "VoyageAuCentreDeLaTerre"]


def load(novels: list[str]) -> list[list[str]]:
    if not TRANSREAD.is_dir():
        sys.exit(f"TransRead prose not found at {TRANSREAD}; this benchmark needs ../shared")
    return [transread_paragraphs(TRANSREAD / n, random.Random(0)) for n in novels]


def case_params(seed: int) -> dict:
    """Layout settings of case ``seed`` (columns, pages, shuffle, lost page)."""
    rng = random.Random(seed * 7919)
    pages = rng.randint(1, 6)
    return dict(
        columns=2 + seed % 2,
        pages=pages,
        shuffle=rng.choice(["fragment", "fragment", "random", "page"]),
        drop_page=(
            rng.randint(1, pages - 1)
            if pages >= 3 and seed % (3 if seed >= 1000 else 5) == 0
            else None
        ),
    )


def drift_cases(prose: list[list[str]], seeds: range, essays: list[str]):
    """The bundled text's extraction model on other prose: whole columns in any order, no page furniture,
    column heights drifting by a line."""
    for s in seeds:
        rng = random.Random(s)
        yield (
            s,
            make_case(
                mixed_prose(prose[s % len(prose)], essays, s),
                s,
                offset=0,
                columns=2 + s % 2,
                pages=rng.randint(2, 5),
                shuffle="random",
                furniture=False,
                drift=1,
            ),
        )


def cases(prose: list[list[str]], seeds: range, essays: list[str]):
    """Case ``s``: its novel's paragraphs (from a seed-dependent offset) with the essays woven in once."""
    for s in seeds:
        yield (
            s,
            make_case(mixed_prose(prose[s % len(prose)], essays, s), s, offset=0, **case_params(s)),
        )


# ------------------------------------------------------------------ fitting


def pair_matrix(case, params: R.Params = R.DEFAULT) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of every ordered fragment pair of one case."""
    prep = R.prepare(case.text)
    X = R.pair_features(prep, params)
    spans = prep.spans
    first = [case.k_at(l0 + 1, c0) for (l0, c0, _c1), _last in spans]
    last = [case.k_at(l1 + 1, max(c1 - 1, c0)) for _first, (l1, c0, c1) in spans]
    y = np.array(
        [[la is not None and fb is not None and fb == la + 1 for fb in first] for la in last], float
    )
    return X, y


def irls(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 30) -> np.ndarray:
    """L2-regularised logistic regression by iteratively reweighted least squares."""
    w = np.zeros(X.shape[1])
    reg = l2 * np.eye(X.shape[1])
    reg[0, 0] = 0.0
    for _ in range(iters):
        z = np.clip(X @ w, -30, 30)
        p = 1 / (1 + np.exp(-z))
        g = X.T @ (p - y) + reg @ w
        H = (X * (p * (1 - p))[:, None]).T @ X + reg + 1e-6 * np.eye(X.shape[1])
        step = np.linalg.solve(H, g)
        w -= step
        if np.max(np.abs(step)) < 1e-6:
            break
    return w


def conditional_logit(
    data: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.3, iters: int = 600
) -> np.ndarray:
    """Fit join weights by a conditional logit (the bias is not identified and stays 0): the true successor of each fragment
    must win the softmax over all candidate successors, and the true
    predecessor over all candidate predecessors (Adam on the exact gradient).

    Why not a plain pairwise logistic regression: the solver compares
    candidates for the same slot, so the weights must rank alternatives;
    a pairwise model mostly learns the base rate of wrong pairs.
    """
    F = data[0][0].shape[-1]
    w = np.zeros(F)
    m = np.zeros(F)
    v = np.zeros(F)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, iters + 1):
        g = l2 * w
        g[0] = 0.0
        for X, y in data:
            Z = X @ w
            np.fill_diagonal(Z, -np.inf)
            for axis in (1, 0):
                has = y.any(axis=axis)
                P = np.exp(Z - Z.max(axis=axis, keepdims=True))
                P /= P.sum(axis=axis, keepdims=True)
                D = P - y
                if axis == 1:
                    D = D[has]
                    g += np.einsum("ab,abf->f", D, X[has])
                else:
                    D = D[:, has]
                    g += np.einsum("ab,abf->f", D, X[:, has])
        g[0] = (
            0.0  # rows with two true successors (a glued line) would otherwise drift the unidentified bias
        )
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w -= lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + 1e-8)
    return w


def fit(seeds: range) -> None:
    prose = load(FIT_NOVELS)
    data = []
    n_pairs = n_true = 0
    for _s, case in list(cases(prose, seeds, ESSAYS[0::2])) + list(
        drift_cases(prose, range(2000, 2012), ESSAYS[0::2])
    ):
        X, y = pair_matrix(case)
        data.append((X, y))
        n_pairs += y.size
        n_true += int(y.sum())
    w = conditional_logit(data)
    print(
        f"# fitted on {n_pairs} pairs ({n_true} true) from seeds {seeds.start}-{seeds.stop - 1} and drifting-column seeds 2000-2011, novels {','.join(FIT_NOVELS)}"
    )
    print("weights=(")
    for k in range(0, len(w), 6):
        print("    " + " ".join(f"{v:.3f}," for v in w[k : k + 6]))
    print(")  # paste into edition/reassemble/params.py DEFAULT, with the provenance above")
    for name, val in zip(R.FEATURES, w):
        print(f"#   {name:22s} {val:+.3f}")


def _join_units(case, r) -> list[tuple[int | None, int | None, bool]]:
    """Per join of a reassembly: the true index of A's last unit, of B's first unit, and whether a lost page follows A."""
    out = []
    for k in range(len(r.order) - 1):
        (_a0, a1), (_c0, c1) = r.order[k], r.cols[k]
        (b0, _b1), (d0, _d1) = r.order[k + 1], r.cols[k + 1]
        ka = case.k_at(a1, max(c1 - 1, 0))
        kb = case.k_at(b0, d0)
        out.append((ka, kb, any(ka is not None and lo == ka + 1 for lo, _hi in case.missing)))
    return out


def _links(case, r) -> list[tuple[float, bool, bool]]:
    """(log-odds, reported as gap, is a true gap) for each join of a reassembly, from the solver's own scores."""
    return [
        (r.scores[k], k in r.gaps_after, lost and kb is not None)
        for k, (_ka, kb, lost) in enumerate(_join_units(case, r))
    ]


def _join_truth(case, r) -> list[bool | None]:
    """Per reported join: whether the next fragment really follows (None: not judged, e.g. next to a lost page or furniture)."""
    return [
        None if ka is None or kb is None or lost else kb == ka + 1
        for ka, kb, lost in _join_units(case, r)
    ]


# ---------------------------------------------------------------- benchmark


def bench(seeds: range, big_pages: int = 20) -> None:
    prose = load(TEST_NOVELS)
    per_cols: dict[int, list[int]] = {2: [0, 0], 3: [0, 0]}
    gap_tp = gap_fp = gap_fn = 0
    furn_ok = furn_total = 0
    worst: list[tuple[float, int]] = []
    calib: list[tuple[float, bool]] = []  # (reported confidence, join right)
    per_kind: dict[tuple[str, int], list[int]] = {}  # (extraction model, columns) → [right, total]
    gap_at = {True: 0, False: 0}  # reported gaps (not at a lost page) at a right / a wrong join
    t0 = time.perf_counter()
    n_lines = 0
    for s, case in cases(prose, seeds, ESSAYS[1::2]):
        r = R.reassemble(case.text, params=PARAMS)
        seq = predicted_sequence(case, r.order, r.cols)
        c, t = successor_accuracy(case, seq)
        per_cols[case.columns][0] += c
        per_cols[case.columns][1] += t
        key = (case_params(s)["shuffle"], case.columns)
        per_kind.setdefault(key, [0, 0])
        per_kind[key][0] += c
        per_kind[key][1] += t
        worst.append((c / max(1, t), s))
        n_lines += case.text.count("\n")
        got_furn = {ln for a, b in r.furniture for ln in range(a, b + 1)}
        furn_ok += len(got_furn & case.furniture)
        furn_total += len(case.furniture)
        for _lg, pred, gap in _links(case, r):
            gap_tp += pred and gap
            gap_fp += pred and not gap
            gap_fn += gap and not pred
        for j, right in zip(r.joins, _join_truth(case, r)):
            if right is not None:
                calib.append((j.confidence, right))
                if j.kind == "gap":
                    gap_at[right] += 1
    elapsed = time.perf_counter() - t0
    tot_c = sum(v[0] for v in per_cols.values())
    tot_t = sum(v[1] for v in per_cols.values())
    print(
        f"signature: reassemble|synth:transread-en({','.join(n[:6] for n in TEST_NOVELS)})|seeds:{seeds.start}-{seeds.stop - 1}|cases:{len(seeds)}|width:45|pages:1-6|cols:2-3|lost-page:every-5th|shuffle:fragment,fragment,random,page|prose:novels+essays"
    )
    for cols, (c, t) in sorted(per_cols.items()):
        print(f"successor accuracy, {cols} columns: {c / max(1, t):.4f} ({c}/{t})")
    print(f"successor accuracy, overall:   {tot_c / max(1, tot_t):.4f} ({tot_c}/{tot_t})")
    names = {
        "random": "whole columns, any order",
        "page": "whole columns, pages in order",
        "fragment": "columns cut at paragraphs, shuffled",
    }
    for (kind, cols), (c, t) in sorted(per_kind.items()):
        print(f"  {names.get(kind, kind)}, {cols} columns: {c / max(1, t):.4f} ({c}/{t})")
    print(
        f"gaps (lost page): precision {gap_tp / max(1, gap_tp + gap_fp):.3f} recall {gap_tp / max(1, gap_tp + gap_fn):.3f} (tp {gap_tp}, fp {gap_fp}, fn {gap_fn})"
    )
    print(
        f"other reported gaps: {gap_at[False]} where the restored order itself is wrong (a true discontinuity"
        f" to review), {gap_at[True]} at a right join"
    )
    print(f"furniture recall: {furn_ok / max(1, furn_total):.3f} ({furn_ok}/{furn_total})")
    print("join confidence vs. accuracy (is the reported confidence honest?):")
    for lo, hi in ((0.0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 0.9), (0.9, 1.01)):
        sel = [ok for c, ok in calib if lo <= c < hi]
        mean = sum(c for c, _ok in calib if lo <= c < hi) / max(1, len(sel))
        print(
            f"  confidence {lo:.2f}-{min(hi, 1.0):.2f}: {len(sel):5d} joins, mean confidence {mean:.3f}, right {sum(sel) / max(1, len(sel)):.3f}"
        )
    print(
        "worst cases (accuracy, seed): " + ", ".join(f"{a:.3f}@{s}" for a, s in sorted(worst)[:5])
    )
    print(f"throughput: {n_lines / elapsed:.0f} lines/s over {len(seeds)} cases ({elapsed:.1f} s)")
    # the bundled text's extraction model, on other prose: whole columns in any order, no page furniture,
    # column heights drifting by a line (reported apart, so the figures above stay comparable across commits)
    drift_c = drift_t = 0
    for _s, case in drift_cases(prose, range(100, 112), ESSAYS[1::2]):
        r = R.reassemble(case.text, params=PARAMS)
        c, t = successor_accuracy(case, predicted_sequence(case, r.order, r.cols))
        drift_c += c
        drift_t += t
    print(
        f"whole columns, no page furniture, ±1 line drift (12 cases, seeds 100-111): {drift_c / max(1, drift_t):.4f} ({drift_c}/{drift_t})"
    )
    big = make_case(
        [p for novel in prose for p in novel],
        4242,
        columns=3,
        pages=big_pages,
        shuffle="random",
        height=60,
    )
    t0 = time.perf_counter()
    r = R.reassemble(big.text, params=PARAMS)
    dt = time.perf_counter() - t0
    c, t = successor_accuracy(big, predicted_sequence(big, r.order, r.cols))
    print(
        f"{big_pages}-page 3-column case: {big.text.count(chr(10))} lines in {dt:.2f} s ({big.text.count(chr(10)) / dt:.0f} lines/s), accuracy {c / max(1, t):.4f}"
    )


def fit_gap(seeds: range) -> None:
    """Grid over the lost-page score ``Params.gap`` on calibration cases (successor accuracy, gap P/R)."""
    prose = load(FIT_NOVELS)
    data = list(cases(prose, seeds, ESSAYS[0::2]))
    for g in (None, -2.0, -4.0, -6.0, -8.0, -10.0):
        params = replace(PARAMS, gap=g, provenance=f"{PARAMS.provenance}; gap {g}")
        c = t = tp = fp = fn = 0
        for _s, case in data:
            r = R.reassemble(case.text, params=params)
            cc, tt = successor_accuracy(case, predicted_sequence(case, r.order, r.cols))
            c += cc
            t += tt
            for _lg, pred, gap in _links(case, r):
                tp += pred and gap
                fp += pred and not gap
                fn += gap and not pred
        print(
            f"gap score {g}: accuracy {c / max(1, t):.4f}  gaps P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})"
        )


def fit_conf(seeds: range) -> None:
    """Platt scaling of the join confidence on calibration cases: logistic regression of "right" on logit(raw confidence)."""
    prose = load(FIT_NOVELS)
    raw = replace(PARAMS, conf_cal=(1.0, 0.0))  # read the raw confidences
    xs, ys = [], []
    for _s, case in cases(prose, seeds, ESSAYS[0::2]):
        r = R.reassemble(case.text, params=raw)
        for j, right in zip(r.joins, _join_truth(case, r)):
            if right is not None:
                c = min(1 - 1e-9, max(1e-9, j.confidence))
                xs.append(np.log(c / (1 - c)))
                ys.append(float(right))
    X = np.column_stack([np.ones(len(xs)), xs])
    w = irls(X, np.array(ys), l2=1e-3)
    print(f"# fitted on {len(xs)} joins from seeds {seeds.start}-{seeds.stop - 1}")
    print(f"_CONF_CAL = ({w[1]:.3f}, {w[0]:.3f})")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--fit", action="store_true", help="re-derive the join weights and the gap threshold"
    )
    ap.add_argument("--seed", type=int, default=0, help="first benchmark seed (default 0)")
    ap.add_argument("--cases", type=int, default=40, help="number of benchmark cases (default 40)")
    ap.add_argument(
        "--pages", type=int, default=20, help="pages of the throughput case (default 20)"
    )
    ap.add_argument(
        "--fit-gap", action="store_true", help="grid over the lost-page score on calibration cases"
    )
    ap.add_argument(
        "--fit-conf",
        action="store_true",
        help="re-derive the confidence calibration (Platt scaling)",
    )
    ap.add_argument(
        "--ablate",
        action="append",
        default=[],
        metavar="FEATURE",
        help="zero the weight of FEATURE (repeatable; e.g. en_bigram_pos) to measure what it adds",
    )
    a = ap.parse_args()
    global PARAMS
    for name in a.ablate:
        if name not in R.FEATURES:
            ap.error(f"unknown feature {name!r}; one of: {', '.join(R.FEATURES)}")
    if a.ablate:
        PARAMS = PARAMS.ablated(a.ablate)
    if a.fit_conf:
        fit_conf(range(1000, 1060))
    elif a.fit_gap:
        fit_gap(range(1000, 1030))
    elif a.fit:
        fit(range(1000, 1060))
    else:
        bench(range(a.seed, a.seed + a.cases), a.pages)


if __name__ == "__main__":
    main()
