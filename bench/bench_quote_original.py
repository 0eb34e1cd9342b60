"""`quote-original` (English quotations vs the aligned French original) on real translations.

The edition-level check compares the two sides of every alignment bead.  Measured
on the TransRead gold beads (../shared/bench/transread, read in place), typeset the
way bench/checks_corpus.py typesets them (English ↔ French of each bead, one
section per novel), per split (development novels, read while designing the
checks; test novels, kept back):

1. alarms per 1,000 beads at warning (fail-worthy) and info, on the published
   pairs (nearly every warning is a false alarm);
2. recall at warning on planted defects: a bead's only quotation dropped (both
   marks removed) or unbalanced (one mark removed), on the English or the French
   side, one defect per planted copy, beads at least three apart (and, in
   brackets, counting info findings too: visible in the report, not failing CI);

beside the baseline: the old check, which warned whenever the number of
quotations touching a bead differed between the two sides.

    python3 bench/bench_quote_original.py [--per-kind 20] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks_corpus import DEV, TEST, _strip_mark, one_quote, pairs  # noqa: E402

from edition.checks.core import Settings  # noqa: E402
from edition.checks.quotation import Bead, bead_quoting  # noqa: E402
from edition.quotes import quote_spans  # noqa: E402

DEFAULT_TR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "transread"


def beads_of(folder: Path) -> list[Bead]:
    """English ↔ French beads of one novel (both sides present), typeset."""
    return [Bead(p.src, p.tgt, "novel") for p in pairs(folder, "en-fr")]


def old_alarms(beads: list[Bead]) -> set[int]:
    """The old check: beads whose sides touch different numbers of quotations."""
    ge = quote_spans([b.en for b in beads], "en")
    gf = quote_spans([b.fr for b in beads], "fr")
    return {
        i
        for i, (a, b) in enumerate(zip(ge, gf))
        if len({sp.group for sp in a}) != len({sp.group for sp in b})
    }


def new_alarms(beads: list[Bead], settings: Settings) -> tuple[set[int], set[int]]:
    """(warning, info) bead indexes of the current check."""
    qs = bead_quoting(beads, settings)
    return {q.index for q in qs if q.severity == "warning"}, {
        q.index for q in qs if q.severity == "info"
    }


def plant(beads: list[Bead], kind: str, rng: random.Random, n: int) -> tuple[list[Bead], set[int]]:
    """A copy with up to ``n`` beads' only quotation dropped or unbalanced (side chosen at random)."""
    out = list(beads)
    cands = [
        (i, side)
        for i, b in enumerate(beads)
        for side in ("en", "fr")
        if one_quote(getattr(b, side)) is not None
    ]
    rng.shuffle(cands)
    taken: set[int] = set()
    for i, side in cands:
        if len(taken) >= n or any(abs(i - j) < 3 for j in taken):
            continue
        text = getattr(out[i], side)
        a, b = one_quote(text)  # type: ignore[misc]
        if kind == "dropped":
            text = _strip_mark(_strip_mark(text, b), a)
        else:
            text = _strip_mark(text, rng.choice((a, b)))
        out[i] = (
            Bead(text, out[i].fr, out[i].section)
            if side == "en"
            else Bead(out[i].en, text, out[i].section)
        )
        taken.add(i)
    return out, taken


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--transread", default=str(DEFAULT_TR), help="TransRead folder")
    ap.add_argument("--per-kind", type=int, default=20, help="defects per kind per novel")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    folder = Path(args.transread)
    if not folder.is_dir():
        print(f"TransRead folder {folder} not found (../shared absent)", file=sys.stderr)
        return 2
    settings = Settings()
    print(
        "split | beads | old warn/1k | new warn/1k | new info/1k | kind: n, recall at warning old, new (new incl. info)"
    )
    for split, names in (("dev", DEV), ("test", TEST)):
        rng = random.Random(args.seed)
        n = ow = nw = ni = 0
        rec: dict[str, list[int]] = {"dropped": [0, 0, 0, 0], "unbalanced": [0, 0, 0, 0]}
        for name in names:
            if not (folder / name / "gold.tsv").is_file():
                continue
            beads = beads_of(folder / name)
            w, i = new_alarms(beads, settings)
            n, ow, nw, ni = n + len(beads), ow + len(old_alarms(beads)), nw + len(w), ni + len(i)
            for kind in rec:
                planted, at = plant(beads, kind, rng, args.per_kind)
                old, (new, info) = old_alarms(planted), new_alarms(planted, settings)
                rec[kind][0] += len(at)
                rec[kind][1] += len(at & old)
                rec[kind][2] += len(at & new)
                rec[kind][3] += len(at & (new | info))
        kinds = "; ".join(
            f"{k}: {t}, {o / max(t, 1):.2f}, {w_ / max(t, 1):.2f} ({a / max(t, 1):.2f})"
            for k, (t, o, w_, a) in rec.items()
        )
        print(
            f"{split} | {n} | {1000 * ow / n:.1f} | {1000 * nw / n:.1f} | {1000 * ni / n:.1f} | "
            f"{kinds}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
