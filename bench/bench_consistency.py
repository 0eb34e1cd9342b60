"""Repeated quotations and numbers over many planting seeds: recall per kind and per shape.

Why beside bench_checks.py: its headline plants each kind into one seed's entries (about
28 cases per kind on dev), too few to show a shape that fails one time in ten.  Here the
consistency and number kinds alone are planted into the same real catalogues
(bench/checks_corpus.py) with ``--seeds`` seeds, each catalogue checked alone as CI would,
and recall at warning or above is printed per kind and per shape (a second rendering: in
place, or nested at the end / start / middle of a longer quotation or with marks of its own;
how it differs: a function word, an inflection, word order, punctuation; its length; whether
the passage is quoted elsewhere in the text too; a number: digits as printed — a year or
another number — or a number written out on both sides set in digits, with separators from
1,000).  The alarm rate on the unplanted catalogues is bench_checks.py's.

    python3 bench/bench_consistency.py [--split dev|test|unseen|fresh] [--seeds 8] [--works 2]
        [--first-seed 0] [--misses]

``--works 2`` splits each catalogue into two works (contiguous halves) checked together, as a
project of several works is, and labels each second rendering "across works" when every
other place of its passage is in the other work.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_checks import DEFAULT_TR, FRESH, OURS_MAP, UNSEEN, catalogues, check_files  # noqa: E402
from checks_corpus import DEV, TEST, clean_citations, make_po, plant  # noqa: E402

from edition.checks.core import RANK  # noqa: E402

KINDS = ("quote-inconsistent", "quote-inconsistent-nested", "number-changed")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--transread", default=str(DEFAULT_TR), help="TransRead folder")
    ap.add_argument("--split", choices=("dev", "test", "unseen", "fresh"), default="dev")
    ap.add_argument("--seeds", type=int, default=8, help="planting seeds (FIRST … FIRST+N-1)")
    ap.add_argument(
        "--first-seed",
        type=int,
        default=0,
        help="first planting seed (fresh5: 500, never run before the fifth session's end)",
    )
    ap.add_argument("--per-kind", type=int, default=12, help="defects per kind per catalogue")
    ap.add_argument("--misses", action="store_true", help="print every miss (dev only!)")
    ap.add_argument(
        "--repeated-first",
        action="store_true",
        help="second renderings of passages the text quotes elsewhere too first",
    )
    ap.add_argument(
        "--works",
        type=int,
        default=1,
        help="split each catalogue into this many works (contiguous parts) checked together",
    )
    args = ap.parse_args()
    folder = Path(args.transread)
    if not folder.is_dir():
        print(f"TransRead folder {folder} not found (../shared absent)", file=sys.stderr)
        return 2
    novels = {"dev": DEV, "test": TEST, "unseen": UNSEEN, "fresh": FRESH}[args.split]
    cats = catalogues(folder, novels, unseen=args.split in ("unseen", "fresh"))
    n: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    shapes: dict[str, Counter[tuple[str, bool]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-consistency-") as tmp:
        root = Path(tmp)
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            for k, (name, d, rows) in enumerate(cats):
                rng = random.Random(seed * 1000 + k + 555)
                base = clean_citations(rows, rng, 10)
                planted, gold, fuzzy, meta = plant(
                    base, d, rng, args.per_kind, frozenset(), KINDS, args.repeated_first
                )
                size = -(-len(planted) // args.works)
                parts = [planted[j : j + size] for j in range(0, len(planted), size)]
                paths = []
                for j, part in enumerate(parts):
                    paths.append(root / d / f"{name}-w{j}.{seed}.po")  # the work is the stem
                    paths[-1].parent.mkdir(parents=True, exist_ok=True)
                    make_po(part, d, fuzzy).save(str(paths[-1]))
                work_of = {r.id: j for j, part in enumerate(parts) for r in part}
                got: dict[str, set[str]] = {}
                for f in check_files(paths, root):
                    if RANK[f.severity] >= RANK["warning"]:
                        got.setdefault(f.id, set()).add(f.check)
                texts = {r.id: (r.src, r.tgt) for r in planted}
                for sid, kind in gold.items():
                    shape, also = meta.get(sid, ("", ()))
                    if args.works > 1 and kind.startswith("quote-inconsistent"):
                        # is every other place of the passage in another work?
                        old = next(r.src for r in base if r.id == sid)
                        new = texts[sid][0]
                        ops = SequenceMatcher(None, old, new).get_opcodes()
                        put = max(
                            (new[c:d_] for op, _a, _b, c, d_ in ops if op != "equal"), key=len
                        )
                        put = put.strip(" ,.;:!?…‘’“”«»\u00a0\u202f")
                        where = {work_of[r.id] for r in planted if r.id != sid and put in r.src}
                        across = bool(where) and work_of[sid] not in where
                        shape += "|" + ("across works" if across else "same work")
                    ok = any(got.get(x, set()) & set(OURS_MAP[kind]) for x in (sid, *also))
                    n[kind] += 1
                    hit[kind] += ok
                    for part in shape.split("|") if shape else ():
                        shapes.setdefault(kind, Counter())[(part, ok)] += 1
                    if not ok and args.misses:
                        s, t = texts[sid]
                        print(f"  ! seed {seed} {d} {kind} {sid} [{shape}]")
                        print(f"      SRC {s[:300]!r}\n      TGT {t[:300]!r}")
    print(
        f"{args.split} split ({', '.join(novels)}), {args.seeds} planting seeds from "
        f"{args.first_seed}, "
        "recall at warning+ "
        + (
            f"(each catalogue split into {args.works} works checked together):"
            if args.works > 1
            else "(each catalogue checked alone):"
        )
    )
    for kind in KINDS:
        if not n[kind]:
            continue
        print(f"  {kind:<28} {n[kind]:>5} {hit[kind] / n[kind]:6.3f}")
        parts = sorted({p for p, _ok in shapes.get(kind, Counter())})
        for part in parts:
            c = shapes[kind]
            tot = c[(part, True)] + c[(part, False)]
            print(f"    {part:<26} {tot:>5} {c[(part, True)] / tot:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
