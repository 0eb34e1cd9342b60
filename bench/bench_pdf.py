"""PDF reading benchmark: our layout-aware reader vs plain extraction by pdfminer.six,
pdfplumber and pypdfium2, on generated multi-column PDFs whose truth is known.

    python3 bench/bench_pdf.py            # dev (seeds 0–29), test (1000–1029), held-out (2000–2029)
    python3 bench/bench_pdf.py --speed    # a 50-page two-column PDF, timed
    python3 bench/bench_pdf.py --show 3   # one case: our paragraphs beside the truth

PDFs come from ``bench/pdfgen.py`` (reportlab; ``pip install -e '.[bench]'``) typeset from
other prose: the TransRead English sides in ../shared (read at run time, never copied) and
the essay paragraphs of ``bench/synth.py``.  Dev split: seeds 0–29 on four novels + even
essays — the only cases looked at while writing the reader.  Test split: seeds 1000–1029 on
the three other novels + odd essays, never looked at while tuning.

Scores (per case, then micro-averaged):
  order     word-order similarity: difflib ratio of the body's word sequence vs the truth's
  breaks    column/page breaks where the word after the break follows the word before it
  para F1   paragraph boundaries (first word of each paragraph, mapped through the alignment)
  furn      furniture lines (running heads, folios, footers, captions) leaked into the text
  split     words left split by a line-end hyphen ("bureau- cracy"), or a source's own
            hyphen dropped ("to-/day" read "today"); "src both": how many of those errors
            are words the source itself spells both ways (undecidable from the document;
            still counted in split)
  notes     footnotes recovered whole and apart from the text (peers: found as one run)
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from pdfgen import Truth, make_pdf  # noqa: E402
from synth import ESSAYS, transread_paragraphs  # noqa: E402
from typeset import available, make_typeset  # noqa: E402

TRANSREAD = REPO.parent / "shared" / "bench" / "transread"
DEV_NOVELS = [
    "AlicesAdventuresInWonderland",
    "DuCoteDeChezSwann",
    "JaneEyre",
    "LaFauteDeLAbbeMouret",
]
TEST_NOVELS = ["LesTravailleursDeLaMer", "VingtMilleLieuesSousLesMers", "VoyageAuCentreDeLaTerre"]
DEV_SEEDS = range(0, 30)
TEST_SEEDS = range(1000, 1030)
#: A second held-out split: after the first full run, misses on the test split were looked
#: at once (two fixes: a footnote's recurring text or last line taken for a running head),
#: so the test split is no longer untouched; this one never was.
HELD_OUT_SEEDS = range(2000, 2030)
#: Real typesetters (groff ms, pdfLaTeX; bench/typeset.py): a development split (dev novels)
#: looked at while fixing what real PDFs broke, and a held-out split (test novels) never looked at.
REAL_DEV_SEEDS = range(0, 12)
#: More development cases, added after the first held-out run (its figures only were seen)
#: to find what the dozen above missed; looked at as freely as the first dozen.
REAL_DEV2_SEEDS = range(12, 42)
REAL_HELD_OUT_SEEDS = range(3000, 3015)


def prose(novels: list[str], essays: list[str], seed: int) -> list[str]:
    """Paragraphs for one case: a run of one novel's paragraphs with essays mixed in."""
    rng = random.Random(seed)
    if TRANSREAD.is_dir():
        novel = transread_paragraphs(TRANSREAD / novels[seed % len(novels)], random.Random(0))
        start = rng.randint(0, max(0, len(novel) - 80))
        paras = [p for p in novel[start : start + 80] if len(p.split()) >= 8]
    else:
        paras = []
    out = []
    for p in paras:
        out.append(p)
        if rng.random() < 0.2:
            out.append(rng.choice(essays))
    return out or essays * 4


# ------------------------------------------------------------------ readers


def ours(path: Path) -> dict:
    from edition.readers.pdf import read_pdf

    r = read_pdf(path)
    return {
        "paragraphs": [p.text for p in r.paragraphs],
        "notes": [n.text for n in r.notes],
        "separate_notes": True,
    }


def _blocks(text: str) -> list[str]:
    return [" ".join(b.split()) for b in text.split("\n\n") if b.strip()]


def pdfminer(path: Path) -> dict:
    from pdfminer.high_level import extract_text

    return {"paragraphs": _blocks(extract_text(str(path))), "notes": [], "separate_notes": False}


def pdfplumber(path: Path) -> dict:
    import pdfplumber as pp

    with pp.open(str(path)) as pdf:
        text = "\n\n".join(page.extract_text() or "" for page in pdf.pages)
    return {"paragraphs": _blocks(text), "notes": [], "separate_notes": False}


def pypdfium2(path: Path) -> dict:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    texts = []
    for i in range(len(pdf)):
        tp = pdf[i].get_textpage()
        texts.append(tp.get_text_range().replace("\r\n", "\n"))
    pdf.close()
    return {"paragraphs": _blocks("\n\n".join(texts)), "notes": [], "separate_notes": False}


def pymupdf(path: Path) -> dict:
    import fitz  # type: ignore[import-not-found]

    doc = fitz.open(str(path))
    text = "\n\n".join(page.get_text(sort=True) for page in doc)
    return {"paragraphs": _blocks(text), "notes": [], "separate_notes": False}


READERS = {"ours": ours, "pdfminer.six": pdfminer, "pdfplumber": pdfplumber, "pypdfium2": pypdfium2}


def peers_and_ours(ours_only: bool = False) -> dict:
    """The readers a table prints: ours, and the peers (PyMuPDF where it imports: a scratch
    venv, as a peer only — AGPL)."""
    if ours_only:
        return {"ours": ours}
    readers = dict(READERS)
    try:
        import fitz  # type: ignore[import-not-found]  # noqa: F401

        readers["pymupdf(sort)"] = pymupdf
    except ImportError:
        pass
    return readers


# ------------------------------------------------------------------ scores


def score(truth: Truth, got: dict) -> dict:
    """Scores of one reading against the truth (see the module docstring)."""
    T = truth.tokens()
    paras = got["paragraphs"]
    O = [t for p in paras for t in p.split()]
    sm = difflib.SequenceMatcher(None, T, O, autojunk=False)
    order = sm.ratio()
    t2o: dict[int, int] = {}
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            t2o[a + k] = b + k
    # breaks: the word after the break directly follows the word before it in the output
    ok_breaks = 0
    for i in truth.breaks:
        if 0 < i < len(T) and t2o.get(i - 1) is not None and t2o.get(i) == t2o[i - 1] + 1:
            ok_breaks += 1
    # paragraph boundaries
    tb, k = set(), 0
    for _kind, p in truth.paragraphs:
        tb.add(k)
        k += len(p.split())
    o2t = {v: kk for kk, v in t2o.items()}
    ob, k = set(), 0
    for p in paras:
        if k in o2t:
            ob.add(o2t[k])
        elif k < len(O):
            ob.add(-1 - k)  # a boundary where the truth has no matching word: a false one
        k += len(p.split())
    tp = len(tb & ob)
    prec = tp / len(ob) if ob else 0.0
    rec = tp / len(tb) if tb else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    # furniture leaked: furniture lines found in the output more often than in the truth
    leaked = 0
    otext = " " + " ".join(O) + " "
    ttext = " " + " ".join(T) + " "
    for f, n in Counter(truth.furniture).items():
        key = " " + " ".join(f.split()) + " "
        leaked += max(0, min(n, otext.count(key)) - ttext.count(key))
    # split words: hyphenated words whose whole form is missing from the output; of them,
    # those the source itself spells both ways (closed and hyphenated, e.g. "to-day" and
    # "today"): still errors, but no reading of this document alone can get both right
    tc, oc = Counter(T), Counter(O)
    split = split_both = 0
    spellings = Counter(_core(t) for t in T)
    missed: list[str] = []
    for w, n in Counter(truth.hyphenated).items():
        miss = max(0, min(n, tc[w]) - oc[w])
        split += miss
        if miss and _spelt_both(_core(w), spellings):
            split_both += miss
        if miss:
            missed.append(w)
    # notes
    if got["separate_notes"]:
        gotn = {" ".join(t.split()) for t in got["notes"]}
        found = sum(1 for _n, t in truth.notes if " ".join(t.split()) in gotn)
    else:  # kept apart: some block of the output is the note (its number aside), nothing else
        blocks = {re.sub(r"^\d{1,3}\s+", "", " ".join(p.split())) for p in paras}
        found = sum(1 for _n, t in truth.notes if " ".join(t.split()) in blocks)
    return {
        "order": order,
        "breaks": (ok_breaks, len(truth.breaks)),
        "f1": f1,
        "leaked": leaked,
        "split": split,
        "split_both": split_both,
        "hyphenated": sum(min(n, tc[w]) for w, n in Counter(truth.hyphenated).items()),
        "notes": (found, len(truth.notes)),
        "split_words": [
            split_kind(T, O, t2o, i, spellings)
            for i, t in enumerate(T)
            if t in missed and i not in t2o
        ],
    }


def split_kind(
    T: list[str], O: list[str], t2o: dict[int, int], i: int, spellings: Counter
) -> tuple[str, str, str, str]:
    """One split word, classified (``--show-split``): its kind, the truth around it, and
    what our reading has between the matched words around it.

    Kinds: "both" the source spells the word both ways (undecidable from the document);
    "kept" our reading has the letters with a hyphen the truth has not (a word the rule
    should have joined); "dropped" the letters without the truth's hyphen (a compound the
    rule closed); "reading" anything else: the halves never met (a line end joined to the
    wrong next line, or a break lost) — or the truth token is itself odd."""
    p = max((k for k in range(max(0, i - 12), i) if k in t2o), default=None)
    q = min((k for k in range(i + 1, min(len(T), i + 12)) if k in t2o), default=None)
    lo = t2o[p] + 1 if p is not None else max(0, (t2o[q] if q is not None else 0) - 3)
    hi = t2o[q] if q is not None else lo + 3
    got = O[lo:hi]
    w = T[i]
    core = _core(w)
    letters = core.replace("-", "")
    kind = "reading"
    if _spelt_both(core, spellings):
        kind = "both"
    else:
        for g in got:
            gc = _core(g)
            if gc.replace("-", "") == letters and gc != core:
                kind = "kept" if "-" in gc and "-" not in core else "dropped"
    truth_ctx = " ".join(T[max(0, i - 3) : i + 4])
    return kind, w, truth_ctx, " ".join(got) or "(nothing)"


def _core(token: str) -> str:
    """A token's word, lower-cased, without the punctuation around it."""
    return re.sub(r"^\W+|\W+$", "", token).lower()


def _spelt_both(word: str, spellings: Counter) -> bool:
    """Whether the source writes ``word`` both closed and with a hyphen at the same place."""
    closed = word.replace("-", "")
    if "-" in word:
        return spellings[closed] > 0
    return any("-" in k and k.replace("-", "") == closed and spellings[k] for k in list(spellings))


#: Notes other than short footnotes (pdfLaTeX): endnotes under "Notes" at the end ("1. …" or
#: a raised number), and long footnotes with a hanging number continued in the next column
#: or page.  Dev seeds looked at; held-out seeds never.
NOTES_DEV_SEEDS = range(400, 412)
NOTES_HELD_OUT_SEEDS = range(3100, 3112)
NOTE_STYLES = (
    {"endnotes": "dot", "note_rate": 0.3},
    {"endnotes": "sup", "note_rate": 0.3},
    {"note_hang": True, "note_rate": 0.3, "long_notes": True},
)
#: pdfLaTeX variant 2 (``bench/typeset.py`` ``_variant2``: other classes, fonts and sizes,
#: multicol as well as twocolumn, microtype, ragged bottoms, floats with captions, headings
#: across the page mid-page, widows and orphans): added because variant 1's dev seeds showed
#: no miss while its held-out breaks stayed at 0.959.  Dev seeds looked at; held-out never.
V2_DEV_SEEDS = range(500, 540)
V2_HELD_OUT_SEEDS = range(3500, 3520)
#: Fifth session: seeds nobody ran before the single print at the session's end (`--fresh`),
#: one range per generator, on the test novels and odd essays.  (Seeds used since, not to be
#: taken as fresh again: notes-v2 6000-6079 dev prose, read as dev, and 6500-6519 test prose,
#: printed once — tenth session (15n); notes-v2 6100-6139, latex-v3 6200-6219 and groff-me
#: 6300-6314 dev prose, read as dev, and notes-v2 6600-6619 test prose, printed once —
#: tenth session (15o).)
FRESH_SEEDS = {
    "reportlab": range(5000, 5030),
    "en_GB": range(5000, 5030),
    "groff": range(5100, 5115),
    "latex": range(5100, 5115),
    "notes": range(5200, 5212),
    "notes-v2": range(5250, 5262),
    "v2": range(5300, 5320),
    "latex-v3": range(5400, 5420),
    "groff-me": range(5400, 5415),
}


def run(
    seeds: range,
    novels: list[str],
    essays: list[str],
    readers: dict,
    engine: str = "pdfgen",
    hyphen_lang: str = "en_US",
    force=None,
    per_seed: bool = False,
    show_split: bool = False,
) -> dict:
    """Every reader on every seed, scores summed; ``per_seed`` names (on stderr) the seeds
    where ours misses a break, leaks furniture or falls under 0.98 F1 (dev only)."""
    tot: dict[str, dict] = {
        name: {
            "order": [],
            "breaks": [0, 0],
            "f1": [],
            "leaked": 0,
            "split": 0,
            "split_both": 0,
            "hyph": 0,
            "notes": [0, 0],
        }
        for name in readers
    }
    times: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as td:
        for seed in seeds:
            if engine == "pdfgen":
                data, truth = make_pdf(prose(novels, essays, seed), seed, hyphen_lang=hyphen_lang)
            else:
                f = force(seed) if force else None
                data, truth = make_typeset(engine, prose(novels, essays, seed), seed, f)
            path = Path(td) / f"case{seed}.pdf"
            path.write_bytes(data)
            for name, fn in readers.items():
                t0 = time.perf_counter()
                got = fn(path)
                times[name] += time.perf_counter() - t0
                s = score(truth, got)
                if (
                    per_seed
                    and name == "ours"
                    and (s["breaks"][0] < s["breaks"][1] or s["leaked"] or s["f1"] < 0.98)
                ):
                    print(
                        f"  seed {seed}: breaks {s['breaks'][0]}/{s['breaks'][1]} furn"
                        f" {s['leaked']} F1 {s['f1']:.3f} notes {s['notes'][0]}/{s['notes'][1]}",
                        file=sys.stderr,
                    )
                if show_split and name == "ours":
                    for kind, w, tctx, octx in s["split_words"]:
                        print(f"  split {seed} {kind:<8} {w!r:<20} truth: {tctx} | ours: {octx}")
                agg = tot[name]
                agg["order"].append(s["order"])
                agg["f1"].append(s["f1"])
                agg["breaks"][0] += s["breaks"][0]
                agg["breaks"][1] += s["breaks"][1]
                agg["leaked"] += s["leaked"]
                agg["split"] += s["split"]
                agg["split_both"] += s["split_both"]
                agg["hyph"] += s["hyphenated"]
                agg["notes"][0] += s["notes"][0]
                agg["notes"][1] += s["notes"][1]
    for name in readers:
        tot[name]["seconds"] = times[name]
    return tot


def table(title: str, tot: dict) -> None:
    print(f"\n{title}")
    print(
        f"{'reader':<14} {'order':>7} {'breaks':>7} {'para F1':>8} {'furn':>5} {'split':>10}"
        f" {'src both':>8} {'notes':>6} {'s':>6}"
    )
    for name, a in tot.items():
        br = a["breaks"][0] / a["breaks"][1] if a["breaks"][1] else 1.0
        nt = a["notes"][0] / a["notes"][1] if a["notes"][1] else 1.0
        print(
            f"{name:<14} {sum(a['order']) / len(a['order']):7.4f} {br:7.3f} "
            f"{sum(a['f1']) / len(a['f1']):8.3f} {a['leaked']:5d} "
            f"{str(a['split']) + '/' + str(a['hyph']):>10} {a['split_both']:8d} {nt:6.3f}"
            f" {a['seconds']:6.1f}"
        )


def show(
    seed: int,
    engine: str = "pdfgen",
    force=None,
    hyphen_lang: str = "en_US",
    test_prose: bool = False,
) -> None:
    """One case, our paragraphs and misses beside the truth; ``test_prose`` sets the test
    novels and odd essays (as a ``--seeds GEN:A-B:test`` or ``--fresh`` table does), so a
    case of such a table is the same document here."""
    paras = (
        prose(TEST_NOVELS, ESSAYS[1::2], seed)
        if test_prose
        else prose(DEV_NOVELS, ESSAYS[0::2], seed)
    )
    if engine == "pdfgen":
        data, truth = make_pdf(paras, seed, hyphen_lang=hyphen_lang)
    else:
        data, truth = make_typeset(engine, paras, seed, force(seed) if force else None)
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / "case.pdf"
        path.write_bytes(data)
        got = ours(path)
    print(truth.params, truth.pages, "pages")
    print(score(truth, got))
    # boundaries by their opening words: missed (truth only) and false (ours only)
    key = lambda t: " ".join(t.split()[:7])  # noqa: E731
    tk = {key(t) for _k, t in truth.paragraphs}
    gk = {key(g) for g in got["paragraphs"]}
    for k, t in truth.paragraphs:
        if key(t) not in gk:
            print("missed", k, "|", t[:110])
    for g in got["paragraphs"]:
        if key(g) not in tk:
            print("false   |", g[:110])
    # break misses: the truth around the break, and what our reading has after its left word
    T = truth.tokens()
    O = [t for p in got["paragraphs"] for t in p.split()]
    t2o = {}
    for a, b, size in difflib.SequenceMatcher(None, T, O, autojunk=False).get_matching_blocks():
        t2o.update({a + k: b + k for k in range(size)})
    for i in truth.breaks:
        j = t2o.get(i - 1)
        if 0 < i < len(T) and (j is None or t2o.get(i) != j + 1):
            got_after = " ".join(O[j + 1 : j + 8]) if j is not None else "?"
            print(
                f"break miss | {' '.join(T[i - 6 : i])} // {' '.join(T[i : i + 6])} | ours: {got_after}"
            )
    print("notes truth:", truth.notes)
    print("notes got:", got["notes"])


def speed(pages: int = 50) -> None:
    """Time and peak memory of reading one long two-column PDF (progress bar on stderr).

    The reading runs in a child process so that its peak RSS is the reader's own, not
    the generator's (reportlab holds the whole document while writing it)."""
    import resource
    import subprocess

    t0 = time.perf_counter()
    data, truth = make_pdf(ESSAYS * max(40, pages), 7, pages=pages, columns=2)
    gen = time.perf_counter() - t0
    child = (
        "import sys, time, json\n"
        "from edition.readers.pdf import read_pdf\n"
        "t0, c0 = time.perf_counter(), time.process_time()\n"
        "r = read_pdf(sys.argv[1], progress=True)\n"
        "print(json.dumps({'s': time.perf_counter() - t0, 'cpu': time.process_time() - c0,"
        " 'pages': r.pages,"
        " 'paragraphs': [p.text for p in r.paragraphs], 'notes': [n.text for n in r.notes]}))\n"
    )
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / "big.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            [sys.executable, "-c", child, str(path)],
            stdout=subprocess.PIPE,
            check=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        ).stdout
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    got = json.loads(out)
    dt = got["s"]
    line = (
        f"{got['pages']}-page two-column PDF ({len(data) / 1e6:.1f} MB, generated in {gen:.0f} s):"
        f" read in {dt:.2f} s wall, {got['cpu']:.2f} s CPU on one core"
        f" ({got['pages'] / got['cpu']:.1f} pages per CPU second), {len(got['paragraphs'])}"
        f" paragraphs, {len(got['notes'])} notes, reader's peak RSS {peak:.0f} MB"
    )
    if pages <= 60:  # difflib on a long repetitive text would take longer than the reading
        s = score(truth, {**got, "separate_notes": True})
        line += f"; order {s['order']:.4f}, furniture leaked {s['leaked']}"
    print(line)


def real(readers: dict, dev_only: bool = False) -> None:
    """The real-typesetter splits (groff ms, pdfLaTeX), each engine that is installed."""
    have = [e for e, ok in available().items() if ok]
    if not have:
        print("\nreal-typesetter split skipped: neither groff nor pdflatex is installed")
        return
    for split, seeds, novels, essays in (
        ("DEV", REAL_DEV_SEEDS, DEV_NOVELS, ESSAYS[0::2]),
        ("HELD-OUT, never looked at", REAL_HELD_OUT_SEEDS, TEST_NOVELS, ESSAYS[1::2]),
    )[: 1 if dev_only else 2]:
        for eng in have:
            table(
                f"REAL TYPESETTER {eng} — {split} (seeds {seeds.start}-{seeds.stop - 1})",
                run(seeds, novels, essays, readers, eng),
            )


def both_splits(seeds: tuple[range, ...], title: str, **run_args: Any) -> None:
    """One table for the dev seeds (dev novels, even essays), one for the held-out seeds (test
    novels, odd essays); ``title`` names ``{title}`` (the split) and ``{seeds}``."""
    for split, rng, novels, essays in (
        ("DEV", seeds[0], DEV_NOVELS, ESSAYS[0::2]),
        ("HELD-OUT", seeds[-1], TEST_NOVELS, ESSAYS[1::2]),
    )[: len(seeds)]:
        span = f"{rng.start}-{rng.stop - 1}"
        table(title.format(title=split, seeds=span), run(rng, novels, essays, **run_args))


def _notes_v2(sd: int) -> dict:
    """Notes styles in turn, set in variant 2's layouts (classes, fonts, multicol, floats)."""
    return {**NOTE_STYLES[sd % 3], "variant": 2}


#: Each generator as ``run`` arguments: engine, hyphenation patterns, forced parameters.
GENERATORS: dict[str, dict[str, Any]] = {
    "reportlab": {},
    "en_GB": {"hyphen_lang": "en_GB"},
    "groff": {"engine": "groff"},
    "latex": {"engine": "latex"},
    "notes": {"engine": "latex", "force": lambda sd: NOTE_STYLES[sd % 3]},
    "notes-v2": {"engine": "latex", "force": _notes_v2},
    "v2": {"engine": "latex", "force": lambda sd: {"variant": 2}},
    # fifth session, measured and not tuned on: twoside book / report / memoir with
    # alternating heads and marginal notes; groff's me macros
    "latex-v3": {"engine": "latex", "force": lambda sd: {"variant": 3}},
    "groff-me": {"engine": "groff", "force": lambda sd: {"variant": 3}},
}


def fresh(ours_only: bool = False) -> None:
    """Every generator on seeds nobody ran before (``FRESH_SEEDS``; test novels, odd
    essays): to be printed once."""
    for gen, seeds in FRESH_SEEDS.items():
        readers = {"ours": ours} if gen == "en_GB" else peers_and_ours(ours_only)
        table(
            f"FRESH {gen} (seeds {seeds.start}-{seeds.stop - 1}, test novels + odd essays)",
            run(seeds, TEST_NOVELS, ESSAYS[1::2], readers, **GENERATORS[gen]),
        )


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--speed", action="store_true")
    ap.add_argument(
        "--pages", type=int, default=50, help="pages of the --speed PDF (500: bad-input size)"
    )
    ap.add_argument("--show", type=int)
    ap.add_argument("--dev-only", action="store_true")
    ap.add_argument("--ours-only", action="store_true")
    ap.add_argument("--real", action="store_true", help="only the real-typesetter splits")
    ap.add_argument(
        "--show-real",
        help="ENGINE:SEED[:test], one case (groff, latex, or a --seeds generator); :test sets"
        " the test prose, as --seeds GEN:A-B:test does",
    )
    ap.add_argument("--dev2", help="ENGINE: the second real-typesetter dev split, ours only")
    ap.add_argument(
        "--notes",
        action="store_true",
        help="pdfLaTeX endnotes and long hanging footnotes (dev, then held-out)",
    )
    ap.add_argument(
        "--v2",
        action="store_true",
        help="pdfLaTeX variant 2: classes, fonts, multicol, floats, spanning heads (dev, "
        "then held-out)",
    )
    ap.add_argument(
        "--gb",
        action="store_true",
        help="lines broken with British patterns (en_GB), not the reader's own (en_US): "
        "the hyphen rule judged on breaks it does not know; ours only",
    )
    ap.add_argument(
        "--seeds",
        help="GENERATOR:A-B[:test] one table of those seeds (dev novels and even essays, or "
        f"the test ones); generators: {', '.join(GENERATORS)}",
    )
    ap.add_argument(
        "--fresh", action="store_true", help="every generator on FRESH_SEEDS (print once)"
    )
    ap.add_argument(
        "--show-split",
        action="store_true",
        help="with --seeds: list each word ours leaves split, classified (both: the source "
        "spells it both ways; kept / dropped: the hyphen rule's call; reading: the halves "
        "never met)",
    )
    args = ap.parse_args()
    if not TRANSREAD.is_dir():  # review r3a: the figures would silently be another set's
        print(
            f"warning: {TRANSREAD} not found: every case is set from the essays alone, so these "
            "figures are not comparable with the README's (put ../shared beside the clone)",
            file=sys.stderr,
        )
    if args.fresh:
        fresh(args.ours_only)
        return
    if args.seeds:
        gen, span, *which = args.seeds.split(":")
        a, b = (int(x) for x in span.split("-"))
        novels, essays = (
            (TEST_NOVELS, ESSAYS[1::2])
            if which == ["test"]
            else (
                DEV_NOVELS,
                ESSAYS[0::2],
            )
        )
        readers = {"ours": ours} if gen == "en_GB" else peers_and_ours(args.ours_only)
        table(
            f"{gen} seeds {a}-{b} ({'test' if which == ['test'] else 'dev'} prose)",
            run(
                range(a, b + 1),
                novels,
                essays,
                readers,
                **GENERATORS[gen],
                per_seed=True,
                show_split=args.show_split,
            ),
        )
        return
    if args.speed:
        speed(args.pages)
        return
    if args.show is not None:
        show(args.show)
        return
    if args.dev2:
        table(
            f"REAL TYPESETTER {args.dev2} — DEV 2 (seeds {REAL_DEV2_SEEDS.start}-{REAL_DEV2_SEEDS.stop - 1})",
            run(REAL_DEV2_SEEDS, DEV_NOVELS, ESSAYS[0::2], {"ours": ours}, args.dev2),
        )
        return
    if args.notes:
        both_splits(
            (NOTES_DEV_SEEDS, NOTES_HELD_OUT_SEEDS)[: 1 if args.dev_only else 2],
            "pdfLaTeX ENDNOTES AND LONG HANGING NOTES — {title} (seeds {seeds}; styles in turn: "
            "endnotes '1.', endnotes raised, hanging)",
            readers=peers_and_ours(args.ours_only),
            engine="latex",
            force=lambda sd: NOTE_STYLES[sd % 3],
        )
        return
    if args.v2:
        both_splits(
            (V2_DEV_SEEDS, V2_HELD_OUT_SEEDS)[: 1 if args.dev_only else 2],
            "pdfLaTeX VARIANT 2 — {title} (seeds {seeds}; classes, fonts, multicol, floats, "
            "spanning heads)",
            readers=peers_and_ours(args.ours_only),
            engine="latex",
            force=lambda sd: {"variant": 2},
        )
        return
    if args.gb:
        both_splits(
            (DEV_SEEDS, HELD_OUT_SEEDS)[: 1 if args.dev_only else 2],
            "en_GB HYPHENATION — {title} (seeds {seeds}; the reader consults en_US patterns)",
            readers={"ours": ours},
            hyphen_lang="en_GB",
        )
        return
    if args.show_real:
        eng, sd, *which = args.show_real.split(":")
        test_prose = which == ["test"]
        if eng in GENERATORS and eng not in ("groff", "latex"):
            show(int(sd), **GENERATORS[eng], test_prose=test_prose)
        else:
            show(int(sd), eng, test_prose=test_prose)
        return
    readers = peers_and_ours(args.ours_only)
    if args.real or not args.dev_only:
        real(readers, args.dev_only)
    if args.real:
        return
    table(
        f"DEV split (seeds {DEV_SEEDS.start}-{DEV_SEEDS.stop - 1}, novels {','.join(n[:6] for n in DEV_NOVELS)} + even essays)",
        run(DEV_SEEDS, DEV_NOVELS, ESSAYS[0::2], readers),
    )
    if not args.dev_only:
        table(
            f"TEST split, not tuned on (its misses looked at once; seeds {TEST_SEEDS.start}-{TEST_SEEDS.stop - 1}, novels {','.join(n[:6] for n in TEST_NOVELS)} + odd essays)",
            run(TEST_SEEDS, TEST_NOVELS, ESSAYS[1::2], readers),
        )
        table(
            f"HELD-OUT split, never looked at (seeds {HELD_OUT_SEEDS.start}-{HELD_OUT_SEEDS.stop - 1}, same novels and essays as test)",
            run(HELD_OUT_SEEDS, TEST_NOVELS, ESSAYS[1::2], readers),
        )
    print(
        "\nsignature: bench_pdf|gen:pdfgen(reportlab)|cols:1-3|pages:2-6|justify:0.7|hyphen:0.85|notes|figures|"
        "prose:transread-en+essays"
    )


if __name__ == "__main__":
    main()
