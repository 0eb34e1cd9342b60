"""`edition check` on real translations: alarm rate on published work, recall on planted defects.

Headline (the issue-13 benchmark): the TransRead gold beads (published human
translations of seven novels, ../shared/bench/transread, read in place) are
typeset and filled into catalogues (bench/checks_corpus.py): English msgid →
French msgstr for every novel, and French msgid → English msgstr for the
French-source ones.  Printed, per language pair and per split (development
novels, read while designing the checks; test novels, kept back):

1. alarms per 1,000 translated entries, per check, at info / warning / error,
   on the unplanted catalogues (nearly all false alarms: these are published
   translations); ``--samples N`` prints N alarms per check to read;
2. recall per planted defect kind, counting only findings at warning or above
   by the check meant for it, on full and on partially translated catalogues
   (30 % of the other entries emptied), beside pofilter's on the same files, and
   per shape for the quotation kinds (a quotation dropped: the segment's only
   one, one of several, one nested in a longer quotation, one running into the
   next segment; by mark, position, and utterance vs quoted term; a second
   rendering in place or nested at the end, start or middle of a longer
   quotation, or with marks of its own);
3. false alarms on correct French typography (U+00A0 / U+202F) and the time
   of all catalogue checks on a 20,000-entry catalogue.

    python3 bench/bench_checks.py [--per-kind 12] [--seed 13] [--samples 0] [--keep DIR]
        [--split dev|test|both|unseen|fresh] [--misses KIND…] [--no-pofilter]

``--split unseen`` builds Jane Eyre French → English (the English-source test
novel in the direction never built before): run it once, with a seed never run.  ``--split fresh``
builds Alice French → English the same way (the other English-source novel; built at the
end of the fourth session, once, when the unseen split had been read).

pofilter is looked up in $POFILTER, then /work/venv-tt/bin, then PATH
(scratch venv: python3 -m venv /work/venv-tt && /work/venv-tt/bin/pip install
translate-toolkit; not a project dependency).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checks_corpus import (  # noqa: E402
    DEV,
    KINDS,
    NB,
    NN,
    TEST,
    Pair,
    clean_citations,
    french_source,
    make_po,
    number_into_words,
    pairs,
    plant,
)

from edition.checks import (  # noqa: E402
    REGISTRY,
    Settings,
    run_catalogues,  # noqa: E402
    textual,  # noqa: E402
)
from edition.checks.core import RANK, Finding, load_catalogue  # noqa: E402
from edition.checks.quotation import is_mention, is_word_quoted  # noqa: E402
from edition.model import QuoteSpan  # noqa: E402
from edition.quotes import quote_spans  # noqa: E402

#: Our checks meant to catch each planted kind.
OURS_MAP: dict[str, tuple[str, ...]] = {
    "quote-unbalanced": ("quote-balance",),
    "quote-dropped": ("quote-missing",),
    "number-changed": ("number-kept",),
    "citation-dropped": ("citation-kept",),
    "quote-inconsistent": ("quote-consistency",),
    "quote-inconsistent-nested": ("quote-consistency",),
    "fr-typography": ("fr-typography",),
    "left-in-source": ("untranslated-text",),
    "fuzzy-as-done": ("fuzzy",),
}
#: pofilter tests meant to catch each kind (by their documented purpose).
POFILTER_MAP: dict[str, tuple[str, ...]] = {
    "quote-unbalanced": ("doublequoting", "singlequoting", "brackets"),
    "quote-dropped": ("doublequoting", "singlequoting"),
    "number-changed": ("numbers",),
    "citation-dropped": ("brackets", "numbers"),
    "quote-inconsistent": (),
    "quote-inconsistent-nested": (),
    "fr-typography": ("puncspacing", "doublequoting"),
    "left-in-source": ("unchanged",),
    "fuzzy-as-done": (),
}
SETTINGS = Settings()
#: Built once, at the end of the third session: a test novel in the direction never built.
UNSEEN = ("JaneEyre",)
#: Built once, at the end of the fourth session: the other English-source novel (dev, read
#: en→fr) in the direction never built, its French translation read as the source.
FRESH = ("AlicesAdventuresInWonderland",)
DEFAULT_TR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "transread"


def catalogues(
    folder: Path, split: tuple[str, ...], unseen: bool = False
) -> list[tuple[str, str, list[Pair]]]:
    """(novel, direction, pairs) for every novel of the split and both directions; with
    ``unseen``, only the direction never built before: French msgid → English msgstr for the
    English-source novels (their French translation read as the source)."""
    out = []
    for name in split:
        nov = folder / name
        if not (nov / "gold.tsv").is_file():
            continue
        if unseen:
            if not french_source(nov):
                out.append((name, "fr-en", pairs(nov, "fr-en")))
            continue
        out.append((name, "en-fr", pairs(nov, "en-fr")))
        if french_source(nov):
            out.append((name, "fr-en", pairs(nov, "fr-en")))
    return out


def check_files(paths: list[Path], root: Path) -> list[Finding]:
    """All catalogue-scope (and project-scope) findings for the catalogues, as CI runs them."""
    cats = [load_catalogue(p, root, SETTINGS) for p in paths]
    return [f for f in run_catalogues(cats, SETTINGS) if f.id]


def find_pofilter() -> str | None:
    for exe in (os.environ.get("POFILTER"), "/work/venv-tt/bin/pofilter", shutil.which("pofilter")):
        if exe and Path(exe).exists():
            return exe
    return None


def pofilter(exe: str, path: Path, lang: str, out: Path) -> dict[str, set[str]]:
    """Segment id → pofilter test names (default tests; fuzzy units included, as shipped)."""
    subprocess.run(
        [exe, "--progress=none", "--fuzzy", f"--language={lang}", "-i", str(path), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    found: dict[str, set[str]] = {}
    if out.exists():
        for e in polib.pofile(str(out)):
            for line in (e.tcomment or "").splitlines():
                if line.startswith("(pofilter) "):
                    found.setdefault(e.msgctxt or "", set()).add(
                        line[len("(pofilter) ") :].split(":")[0].strip()
                    )
    return found


def partial(rows: list[Pair], keep: set[str], rng: random.Random) -> list[Pair]:
    """30 % of the other entries emptied: a catalogue in the middle of the work (the planted
    entries and the renderings a second rendering differs from are kept: without them there
    is no defect to find)."""
    return [Pair(r.id, r.src, "") if r.id not in keep and rng.random() < 0.3 else r for r in rows]


def alarm_table(
    root: Path, cats: list[tuple[str, str, list[Pair]]], samples: int, exe: str | None
) -> None:
    """Alarms per 1,000 translated entries per check and severity, per pair."""
    for direction in ("en-fr", "fr-en"):
        group = [c for c in cats if c[1] == direction]
        if not group:
            continue
        paths, texts = [], {}
        for name, d, rows in group:
            p = root / "clean" / d / f"{name}.po"
            p.parent.mkdir(parents=True, exist_ok=True)
            make_po(rows, d).save(str(p))
            paths.append(p)
            texts.update({r.id: (r.src, r.tgt) for r in rows})
        n = sum(len(rows) for _n, _d, rows in group)
        t0 = time.perf_counter()
        fs = check_files(paths, root)
        secs = time.perf_counter() - t0
        per: Counter[tuple[str, str]] = Counter((f.check, f.severity) for f in fs)
        warn = sum(1 for f in fs if RANK[f.severity] >= RANK["warning"])
        print(
            f"  {direction}: {len(group)} novel(s), {n} translated entries; "
            f"warning+ {1000 * warn / n:.1f}/1000 ({warn}); {secs:.1f} s"
        )
        if exe:
            pf: dict[str, set[str]] = {}
            for path in paths:
                pf.update(pofilter(exe, path, direction[3:], path.with_suffix(".pofilter.po")))
            tests = Counter(t for v in pf.values() for t in v)
            print(
                f"    pofilter (every finding counts, it has no severities): "
                f"{1000 * len(pf) / n:.1f}/1000 entries flagged; by test per 1,000: "
                + ", ".join(f"{t} {1000 * c / n:.1f}" for t, c in tests.most_common(8))
            )
        for cid in REGISTRY:
            row = [per[(cid, s)] for s in ("info", "warning", "error")]
            if any(row):
                print(
                    f"    {cid:<20} info {1000 * row[0] / n:6.1f}  warning {1000 * row[1] / n:6.1f}"
                    f"  error {1000 * row[2] / n:6.1f}   ({row[0]}/{row[1]}/{row[2]})"
                )
        if samples:
            rng = random.Random(1)
            by: dict[str, list[Finding]] = {}
            for f in fs:
                if RANK[f.severity] >= RANK["warning"]:
                    by.setdefault(f.check, []).append(f)
            for cid, lst in sorted(by.items()):
                for f in rng.sample(lst, min(samples, len(lst))):
                    s, t = texts[f.id]
                    print(f"    ~ {cid} {f.severity} {f.id}: {f.message[:200]}")
                    print(f"        SRC {s[:300]!r}\n        TGT {t[:300]!r}")


#: A planted drop of marks the source does not have (the translator's own scare quotes or
#: nesting): reported apart, outside the overall — removing them brings the translation closer
#: to its source, which no check comparing the two can or should report.
OWN = "quote-dropped-own"


def own_marks(base: Pair, planted: Pair, src: list[QuoteSpan], tgt: list[QuoteSpan]) -> bool:
    """Is the quotation dropped from ``base`` into ``planted`` one the source has no counterpart
    for: the translation quotes more passages in the segment than the source, and the dropped
    one is a quoted word or term (the source quotes none) or is nested in another quotation
    (the source nests none)?  Where the source has a counterpart of its kind, the drop counts
    as a defect, even if the translation's extra marks may be the ones dropped.  Read from the unplanted pair, by where the texts part,
    with the quotation spans of both sides followed over the catalogue (``src``, ``tgt``)."""
    a = next((k for k, (x, y) in enumerate(zip(base.tgt, planted.tgt)) if x != y), None)
    if a is None:
        return False
    dropped = next((sp for sp in tgt if sp.start == a), None)
    if dropped is None or len({sp.group for sp in tgt}) <= len({sp.group for sp in src}):
        return False

    def words(text: str, row: list[QuoteSpan]) -> int:
        return sum(1 for sp in row if is_word_quoted(text, sp) or is_mention(text, sp))

    def nested(sp: QuoteSpan, row: list[QuoteSpan]) -> bool:
        return any(o.group != sp.group and o.start <= sp.start and sp.end <= o.end for o in row)

    term = is_word_quoted(base.tgt, dropped) or is_mention(base.tgt, dropped)
    if term and not words(base.src, src):
        return True
    return nested(dropped, tgt) and not any(nested(sp, src) for sp in src)


def recall_table(
    root: Path, cats: list[tuple[str, str, list[Pair]]], args: argparse.Namespace, exe: str | None
) -> None:
    """Recall per kind (ours at warning+ by the meant check; pofilter by its meant tests)."""
    for mode in ("full", "partial"):
        hit: Counter[str] = Counter()
        pf_hit: Counter[str] = Counter()
        n: Counter[str] = Counter()
        by_dir: dict[str, Counter[str]] = {}
        by_dir_n: dict[str, Counter[str]] = {}
        used: dict[int, set[str]] = {}
        by_shape: dict[str, dict[str, Counter[bool]]] = {}
        kinds: tuple[str, ...] = KINDS
        for rnd in range(args.max_rounds):
            before = sum(n.values())
            for k, (name, d, rows) in enumerate(cats):
                rng = random.Random(args.seed * 1000 + k + 7919 * rnd)
                base = clean_citations(rows, rng, 10)
                done = used.setdefault(k, set())
                planted, gold, fuzzy, meta = plant(
                    base, d, rng, args.per_kind, frozenset(done), kinds
                )
                done.update(gold)
                if mode == "partial":
                    planted = partial(planted, set(gold) | set(meta), rng)
                p = root / mode / d / f"{name}.r{rnd}.po"
                p.parent.mkdir(parents=True, exist_ok=True)
                make_po(planted, d, fuzzy).save(str(p))
                fs = check_files([p], root)
                got: dict[str, set[str]] = {}
                for f in fs:
                    if RANK[f.severity] >= RANK["warning"]:
                        got.setdefault(f.id, set()).add(f.check)
                pf = pofilter(exe, p, d.split("-")[1], p.with_suffix(".pofilter.po")) if exe else {}
                texts = {r.id: (r.src, r.tgt) for r in planted}
                at = {r.id: j for j, r in enumerate(base)}
                sides = d.split("-")
                spans = [
                    quote_spans([getattr(r, x) for r in base], lang)
                    for x, lang in (("src", sides[0]), ("tgt", sides[1]))
                ]
                for sid, kind in gold.items():
                    j = at[sid]
                    if kind == "quote-dropped" and own_marks(
                        base[j], planted[j], spans[0][j], spans[1][j]
                    ):
                        kind = OWN
                    n[kind] += 1
                    shape, also = meta.get(sid, ("", ()))
                    # a defect over two segments is found when either is reported
                    ok = any(
                        got.get(x, set()) & set(OURS_MAP.get(kind, ("quote-missing",)))
                        for x in (sid, *also)
                    )
                    for part in shape.split("|") if shape else ():
                        by_shape.setdefault(kind, {}).setdefault(part, Counter())[ok] += 1
                    if not ok and kind in args.misses:
                        s, t = texts[sid]
                        print(
                            f"    ! missed ({mode}) {kind} {sid} [{shape}]\n        SRC {s[:300]!r}\n        TGT {t[:300]!r}"
                        )
                    hit[kind] += ok
                    pf_hit[kind] += any(
                        pf.get(x, set())
                        & set(POFILTER_MAP.get(kind, POFILTER_MAP["quote-dropped"]))
                        for x in (sid, *also)
                    )
                    by_dir.setdefault(d, Counter())[kind] += ok
                    by_dir_n.setdefault(d, Counter())[kind] += 1
            # further rounds (other entries of the same catalogues) for the kinds still short
            kinds = tuple(
                kd
                for kd in KINDS
                if n[kd] + (n[OWN] if kd == "quote-dropped" else 0) < args.min_cases
            )
            if not kinds or sum(n.values()) == before:
                break
        tot, tot_hit, tot_pf = (sum(c[kd] for kd in KINDS) for c in (n, hit, pf_hit))
        print(
            f"  {mode} catalogues: {tot} planted defects; recall at warning+ "
            f"ours {tot_hit / max(tot, 1):.3f}, pofilter {tot_pf / max(tot, 1):.3f}"
            + ("" if exe else " (pofilter not available)")
            + f"; with the {n[OWN]} drops of the translator's own marks counted: ours "
            f"{(tot_hit + hit[OWN]) / max(tot + n[OWN], 1):.3f}"
        )
        print(
            f"    {'kind':<26} {'n':>4} {'ours':>6} {'en-fr':>6} {'fr-en':>6} {'pofilter':>8}  (our checks / pofilter tests)"
        )
        for kind in KINDS:
            if not n[kind]:
                continue
            cols = []
            for d in ("en-fr", "fr-en"):
                dn = by_dir_n.get(d, Counter())[kind]
                cols.append(f"{by_dir[d][kind] / dn:6.3f}" if dn else f"{'-':>6}")
            print(
                f"    {kind:<26} {n[kind]:>4} {hit[kind] / n[kind]:6.3f} {cols[0]} {cols[1]} "
                f"{pf_hit[kind] / n[kind] if exe else float('nan'):8.3f}  "
                f"({','.join(OURS_MAP[kind])} / {','.join(POFILTER_MAP[kind]) or 'no such test'})"
            )
            for part, c in sorted(by_shape.get(kind, {}).items()):
                print(
                    f"      {part:<40} {c[True] + c[False]:>4} {c[True] / (c[True] + c[False]):6.3f}"
                )
        if n[OWN]:
            print(
                f"    {'drops of marks the source lacks':<26} {n[OWN]:>4} {hit[OWN] / n[OWN]:6.3f}"
                "  (the translator's own scare quotes or nesting removed: not in the overall)"
            )


def words_table(root: Path, cats: list[tuple[str, str, list[Pair]]], seed: int) -> None:
    """A number changed into another written in words ("17" → "nineteen"), planted into every
    entry that carries a digit number the source has (apart from the headline kinds: the same
    few entries): its recall at warning+ and with info, as the check is (info) and as an
    error, beside the alarm rate on the unplanted catalogues each way."""
    for sev in ("info", "error"):
        textual.NUMBER_IN_WORDS = sev  # type: ignore[assignment]
        n = hit = seen = 0
        warn: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for k, (name, d, rows) in enumerate(cats):
            rng = random.Random(seed * 1000 + k)
            planted, gold = [], set()
            for r in rows:
                new = number_into_words(r, d[3:], rng)
                planted.append(new or r)
                if new:
                    gold.add(r.id)
            p = root / "words" / sev / d / f"{name}.po"
            p.parent.mkdir(parents=True, exist_ok=True)
            make_po(planted, d).save(str(p))
            fs = [f for f in check_files([p], root) if f.check == "number-kept"]
            n += len(gold)
            hit += len({f.id for f in fs if f.id in gold and RANK[f.severity] >= RANK["warning"]})
            seen += len({f.id for f in fs if f.id in gold})
            c = root / "words" / sev / "clean" / d / f"{name}.po"
            c.parent.mkdir(parents=True, exist_ok=True)
            make_po(rows, d).save(str(c))
            warn[d] += sum(1 for f in check_files([c], root) if RANK[f.severity] >= RANK["warning"])
            total[d] += len(rows)
        print(
            f"  number changed, written in words (a shape of number-changed, {n} cases), as {sev}:"
            f" recall at warning+ {hit / max(n, 1):.3f} (with info {seen / max(n, 1):.3f}); "
            "alarms warning+ per 1,000 on the unplanted pairs (each catalogue alone) "
            + ", ".join(f"{d} {1000 * warn[d] / total[d]:.1f}" for d in sorted(total))
        )
    textual.NUMBER_IN_WORDS = "info"


def typography_table(root: Path, cats: list[tuple[str, str, list[Pair]]], exe: str | None) -> None:
    """False alarms of fr-typography (and pofilter) on correct French typography."""
    rows = [r for _n, d, rs in cats if d == "en-fr" for r in rs if NB in r.tgt or NN in r.tgt]
    p = root / "typo" / "fr.po"
    p.parent.mkdir(parents=True, exist_ok=True)
    make_po(rows, "en-fr").save(str(p))
    fs = [f for f in check_files([p], root) if f.check == "fr-typography"]
    line = f"  correct French typography: {len(rows)} entries with U+00A0/U+202F; fr-typography alarms ours {len({f.id for f in fs})}"
    if exe:
        pf = pofilter(exe, p, "fr", p.with_suffix(".pofilter.po"))
        line += f", pofilter puncspacing {sum(1 for v in pf.values() if 'puncspacing' in v)}"
    print(line)


def speed(root: Path, cats: list[tuple[str, str, list[Pair]]], size: int) -> None:
    """All catalogue checks on one ``size``-entry catalogue (entries repeated with fresh ids)."""
    src = [r for _n, d, rs in cats if d == "en-fr" for r in rs]
    rows = [Pair(f"big-{k:06d}", src[k % len(src)].src, src[k % len(src)].tgt) for k in range(size)]
    p = root / "speed" / "fr.po"
    p.parent.mkdir(parents=True, exist_ok=True)
    make_po(rows, "en-fr").save(str(p))
    t0 = time.perf_counter()
    check_files([p], root)
    print(
        f"  speed: {size} entries, load + every catalogue check: {time.perf_counter() - t0:.1f} s"
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--transread", default=str(DEFAULT_TR), help="TransRead folder")
    ap.add_argument("--per-kind", type=int, default=12, help="defects per kind per catalogue")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--min-cases",
        type=int,
        default=24,
        help="plant further rounds (distinct entries) until every kind has this many per split",
    )
    ap.add_argument(
        "--misses", nargs="*", default=[], help="print the missed defects of these kinds"
    )
    ap.add_argument("--max-rounds", type=int, default=6, help="planting rounds at most")
    ap.add_argument("--samples", type=int, default=0, help="alarms to print per check")
    ap.add_argument(
        "--split",
        choices=("dev", "test", "both", "unseen", "fresh"),
        default="both",
        help="unseen: Jane Eyre French → English, a direction never built (use a fresh --seed)",
    )
    ap.add_argument("--speed", type=int, default=20000, help="entries in the speed run (0: skip)")
    ap.add_argument("--keep", help="write the catalogues here instead of a temporary folder")
    ap.add_argument("--no-pofilter", action="store_true", help="skip pofilter (faster)")
    args = ap.parse_args()
    folder = Path(args.transread)
    if not folder.is_dir():
        print(f"TransRead folder {folder} not found (../shared absent)", file=sys.stderr)
        return 2
    exe = None if args.no_pofilter else find_pofilter()
    print(
        f"settings: defaults of [tool.edition.check]; planted {args.per_kind} per kind per "
        f"catalogue, seed {args.seed}; pofilter: {exe or 'not available'} (default tests, --fuzzy)"
    )
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        splits = {"dev": DEV, "test": TEST, "unseen": UNSEEN, "fresh": FRESH}
        chosen = (
            {"dev": DEV, "test": TEST} if args.split == "both" else {args.split: splits[args.split]}
        )
        all_cats = []
        for split, novels in chosen.items():
            cats = catalogues(folder, novels, unseen=split in ("unseen", "fresh"))
            all_cats += cats
            print(f"\n== {split} split: {', '.join(novels)}")
            print(
                " alarms per 1,000 translated entries on the published translations (nothing planted):"
            )
            alarm_table(root / split, cats, args.samples, exe)
            print(" planted defects:")
            recall_table(root / split, cats, args, exe)
            words_table(root / split, cats, args.seed)
            typography_table(root / split, cats, exe)
        if args.speed and any(d == "en-fr" for _n, d, _r in all_cats):  # (fresh: fr→en only)
            print()
            speed(root, all_cats, args.speed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
