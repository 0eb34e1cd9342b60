"""Defect benchmark for `edition check` against translate-toolkit's pofilter.

Generates EN→FR/DE/ES catalogues with planted defects and clean look-alikes
(bench/checks_corpus.py), runs our catalogue checks and pofilter on the same
files, maps pofilter's tests to our defect kinds and prints precision and
recall per kind for both tools, then the false alarms each tool raises on
clean French entries written with correct typography (U+00A0 / U+202F).

    python3 bench/bench_checks.py [--n 800] [--seed 13] [--keep DIR] [--transread DIR]

A second table runs the same checks on *real* published translations: the
gold beads of the TransRead French–English novels (../shared/bench/transread,
read in place, never copied).  Nothing is planted there, so every finding is
either a false alarm or a real liberty of the literary translator: the
figure is an upper bound on our false-alarm rate on text we never tuned on.
The texts come tokenised; they are detokenised first (``detokenise``), and
fr-typography is left out of that table (the spacing is not the translator's).

pofilter is looked up in $POFILTER, then on PATH (install it outside the
project: python3 -m venv /tmp/ttk && /tmp/ttk/bin/pip install translate-toolkit).
Untranslated and fuzzy entries carry no gold label and are not scored.
"""

from __future__ import annotations

import argparse
import os
import re
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

from checks_corpus import KINDS, LANGS, NB, NN, generate  # noqa: E402

from edition.checks import REGISTRY, Settings  # noqa: E402
from edition.checks.core import load_catalogue  # noqa: E402

#: pofilter tests that are meant to catch each of our defect kinds (by their documented purpose).
POFILTER_MAP: dict[str, tuple[str, ...]] = {
    "quote-balance": ("doublequoting", "singlequoting"),
    "quote-count": ("doublequoting", "singlequoting"),
    "quote-consistency": (),  # pofilter judges one unit at a time
    "quote-untranslated": ("unchanged",),
    "citation-kept": ("brackets", "numbers"),
    "number-kept": ("numbers",),
    "fr-typography": ("puncspacing",),
}
SETTINGS = Settings(untranslated_quotes=True)


def ours(path: Path, root: Path) -> tuple[dict[str, set[str]], float]:
    """Segment id → our check ids, and seconds taken."""
    t0 = time.perf_counter()
    cat = load_catalogue(path, root, SETTINGS)
    found: dict[str, set[str]] = {}
    for c in REGISTRY.values():
        if c.scope == "catalogue" and c.id != "coverage":
            for f in c.func(cat):
                found.setdefault(f.id, set()).add(f.check)
    return found, time.perf_counter() - t0


def find_pofilter() -> str | None:
    exe = os.environ.get("POFILTER") or shutil.which("pofilter")
    return exe if exe and Path(exe).exists() else None


def pofilter(exe: str, path: Path, lang: str, out: Path) -> tuple[dict[str, set[str]], float]:
    """Segment id → pofilter test names (default test set, fuzzy units excluded)."""
    t0 = time.perf_counter()
    subprocess.run(
        [
            exe,
            "--progress=none",
            "--nofuzzy",
            f"--language={lang}",
            "-i",
            str(path),
            "-o",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    secs = time.perf_counter() - t0
    found: dict[str, set[str]] = {}
    if out.exists():
        for e in polib.pofile(str(out)):
            for line in (e.tcomment or "").splitlines():
                if line.startswith("(pofilter) "):
                    found.setdefault(e.msgctxt or "", set()).add(
                        line[len("(pofilter) ") :].split(":")[0].strip()
                    )
    return found, secs


def detokenise(line: str, state: list[bool]) -> str:
    """Undo TransRead's tokenisation ("l ' État", "doesn 't", '" Qui ? "') so quotes and
    apostrophes read as typed; straight quotes alternate open/close through the
    whole text (``state`` carries it from line to line: dialogue spans sentences)."""
    t = re.sub(r" ([,.;:!?)\]]|--)", r"\1", line)
    t = re.sub(r"([(\[]) ", r"\1", t)
    t = re.sub(r"(\w) ?(['’]) (?=\w)", r"\1\2", t)  # l ' État → l'État
    t = re.sub(r" (['’](?:s|t|ll|re|ve|d|m)\b)", r"\1", t)  # doesn 't → doesn't
    out, opened = [], state[0]
    for tok in t.split(" "):
        if tok in ('"', "'"):
            if opened and out:
                out[-1] += tok
            else:
                out.append(tok + "\x00")
            opened = not opened
        else:
            out.append(tok)
    state[0] = opened
    return " ".join(out).replace("\x00 ", "").replace("\x00", "")


def transread_alarms(folder: Path, tmp: Path) -> None:
    """Findings per check on real translation pairs (one PO entry per gold bead, English → French)."""
    novels = sorted(p for p in folder.iterdir() if (p / "gold.tsv").is_file())
    if not novels:
        print(f"transread: no novels under {folder}")
        return
    per: Counter[str] = Counter()
    pairs = 0
    samples: dict[str, tuple[str, str, str]] = {}
    for nov in novels:
        se, sf = [False], [False]
        en = [detokenise(x, se) for x in (nov / "en.txt").read_text(encoding="utf-8").splitlines()]
        fr = [detokenise(x, sf) for x in (nov / "fr.txt").read_text(encoding="utf-8").splitlines()]
        po = polib.POFile(wrapwidth=78)
        po.metadata = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8"}
        for k, line in enumerate((nov / "gold.tsv").read_text(encoding="utf-8").splitlines()):
            f_side, _, e_side = line.partition("\t")
            if not f_side.strip() or not e_side.strip():
                continue
            e_txt = " ".join(en[int(i)] for i in e_side.split(","))
            f_txt = " ".join(fr[int(i)] for i in f_side.split(","))
            po.append(
                polib.POEntry(
                    msgctxt=f"{nov.name}-{k:05d}",
                    msgid=e_txt,
                    msgstr=f_txt,
                    comment="Section 1: novel",
                )
            )
        path = tmp / "transread" / f"{nov.name}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
        pairs += len(po)
        found, _ = ours(path, tmp)
        texts = {e.msgctxt: (e.msgid, e.msgstr) for e in po}
        for sid, checks in sorted(found.items()):
            for c in sorted(checks):
                per[c] += 1
                samples.setdefault(c, (sid, *texts[sid]))
    kinds = [k for k in KINDS if k != "fr-typography"]
    print(
        f"real translations (TransRead gold beads, {len(novels)} novels, {pairs} pairs, nothing planted): findings per check"
    )
    print(
        "  (upper bound on false alarms: the source is tokenised, straight quotes are re-paired heuristically, and literary"
    )
    print(
        "   dialogue legitimately differs — French « … — … » for several English “ ” turns; number findings are mostly real liberties)"
    )
    print(
        "  " + ", ".join(f"{k} {per[k]} ({1000 * per[k] / max(pairs, 1):.1f}/1000)" for k in kinds)
    )
    for k in kinds:
        if k in samples:
            sid, e, f = samples[k]
            print(f"  e.g. {k} {sid}: EN {e[:90]!r} / FR {f[:90]!r}")


def pr(pred: set[str], gold: set[str]) -> tuple[float, float, int, int]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else (1.0 if not gold else 0.0)
    r = tp / len(gold) if gold else 1.0
    return p, r, len(pred) - tp, len(gold) - tp


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=800, help="entries per language (default 800)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep", help="write the corpus here instead of a temporary folder")
    ap.add_argument(
        "--transread",
        default=str(Path(__file__).resolve().parents[2] / "shared" / "bench" / "transread"),
        help="TransRead folder (default ../shared/bench/transread)",
    )
    args = ap.parse_args()
    exe = find_pofilter()
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        gold: dict[tuple[str, str], str | None] = {}
        ours_found: dict[tuple[str, str], set[str]] = {}
        pf_found: dict[tuple[str, str], set[str]] = {}
        ours_secs = pf_secs = 0.0
        typo_clean: set[tuple[str, str]] = set()
        for lang in LANGS:
            po, g = generate(lang, args.n, args.seed)
            path = root / lang / "bench.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            texts = {e.msgctxt: e.msgstr for e in po}
            for sid, kind in g.items():
                gold[(lang, sid)] = kind
                if lang == "fr" and kind is None and (NB in texts[sid] or NN in texts[sid]):
                    typo_clean.add((lang, sid))
            f, s = ours(path, root)
            ours_secs += s
            ours_found.update({(lang, k): v for k, v in f.items()})
            if exe:
                f, s = pofilter(exe, path, lang, root / lang / "pofilter.po")
                pf_secs += s
                pf_found.update({(lang, k): v for k, v in f.items()})
        scored = set(gold)
        n_def = Counter(k for k in gold.values() if k)
        print(
            f"corpus: {len(LANGS)} catalogues (fr, de, es), {args.n} entries each, seed {args.seed}; scored (translated, not fuzzy) {len(scored)}, "
            f"planted {sum(n_def.values())}, clean {len(scored) - sum(n_def.values())} (of which {len(typo_clean)} French with U+00A0/U+202F)"
        )
        print(
            f"settings: untranslated-quotes=true, quote-consistency-min-words={SETTINGS.consistency_min_words}; pofilter: {exe or 'not available'} (default tests, --nofuzzy, --language=<lang>)"
        )
        print()
        head = f"{'kind':<20} {'planted':>7} | {'ours P':>6} {'ours R':>6} {'FP':>4} {'FN':>4} | {'pofilter tests':<26} {'pf P':>6} {'pf R':>6} {'FP':>4} {'FN':>4}"
        print(head)
        print("-" * len(head))
        for kind in KINDS:
            g = {k for k in scored if gold[k] == kind}
            po_ = {k for k in scored if kind in ours_found.get(k, set())}
            p, r, fp, fn = pr(po_, g)
            line = f"{kind:<20} {len(g):>7} | {p:>6.3f} {r:>6.3f} {fp:>4} {fn:>4} | "
            tests = POFILTER_MAP[kind]
            if not exe:
                line += "pofilter not available"
            elif not tests:
                line += f"{'(no such test)':<26} {'-':>6} {'-':>6} {'-':>4} {len(g):>4}"
            else:
                pp = {k for k in scored if pf_found.get(k, set()) & set(tests)}
                p2, r2, fp2, fn2 = pr(pp, g)
                line += f"{','.join(tests):<26} {p2:>6.3f} {r2:>6.3f} {fp2:>4} {fn2:>4}"
            print(line)
        print()
        clean = {k for k in scored if gold[k] is None}
        ours_fa = {k for k in clean if ours_found.get(k)}
        ours_typo = {k for k in typo_clean if ours_found.get(k)}
        print(
            f"false alarms on clean entries (any check): ours {len(ours_fa)}/{len(clean)}; on clean French with U+00A0/U+202F: ours {len(ours_typo)}/{len(typo_clean)}"
        )
        if exe:
            pf_fa = {k for k in clean if pf_found.get(k)}
            pf_typo = {k for k in typo_clean if pf_found.get(k)}
            print(
                f"                                         pofilter {len(pf_fa)}/{len(clean)}; on clean French with U+00A0/U+202F: pofilter {len(pf_typo)}/{len(typo_clean)}"
            )
            by_test = Counter(t for k in typo_clean for t in pf_found.get(k, set()))
            print(
                "pofilter tests firing on clean French typography: "
                + (", ".join(f"{t} {n}" for t, n in by_test.most_common()) or "none")
            )
            by_test_all = Counter(t for k in clean for t in pf_found.get(k, set()))
            print(
                "pofilter tests firing on all clean entries: "
                + (", ".join(f"{t} {n}" for t, n in by_test_all.most_common()) or "none")
            )
            print(
                f"pofilter exit status is 0 whatever it finds; time {pf_secs:.2f} s for {len(LANGS) * args.n} entries"
            )
        print(
            f"ours: {ours_secs:.2f} s for {len(LANGS) * args.n} entries ({len(LANGS) * args.n / max(ours_secs, 1e-9):.0f} entries/s)"
        )
        print()
        if Path(args.transread).is_dir():
            transread_alarms(Path(args.transread), root)
        else:
            print(
                f"transread: {args.transread} not found (../shared absent); real-text table skipped"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
