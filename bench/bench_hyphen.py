#!/usr/bin/env python3
"""Line-end hyphen rejoin: the document's own spelling first, then the lexicon (issue 12).

Real English prose (the TransRead novels, read at run time from
``../shared/bench/transread``, and the generator's essays) is typeset into
narrow lines with dictionary hyphenation (``bench/synth.py``, pyphen); a
compound breaks at its own hyphen first, as typesetters do.  Every paragraph
is then rejoined by ``edition.reassemble.lexicon._join_text`` and compared
word for word with the original, so each line-end hyphen is scored:

* **compound** — the break fell on the word's own hyphen ("middle-/class"):
  the hyphen must stay;
* **word** — the break was inserted by hyphenation ("bureau-/cracy"): it
  must go.

Systems: ``document first`` (the toolkit: the document's hyphenated and
closed spellings, then wordfreq), ``lexicon only`` (the same rules with the
document's spelling evidence removed — the behaviour before issue 12),
``always drop`` and ``always keep``.  Nothing here is fitted, but the split
is kept as for the segmenter: development novels vs the held-out test novels.

``--pdf-prose`` scores the decision alone on ``bench_pdf``'s kind of documents (a run of
one novel with essays, 60 dev seeds) broken with en_US and with en_GB patterns (the reader
consults en_US ones only): always dropping errs at every compound, always keeping at every
other break.  The rule's thresholds were chosen there, on dev only.

Usage: python3 bench/bench_hyphen.py [--width 34] [--pdf-prose [--held-out]]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_segment import DEV, TEST, TRANSREAD  # noqa: E402  (the segmenter's split, kept as one)
from synth import ESSAYS, transread_paragraphs, typeset  # noqa: E402

from edition.reassemble.lexicon import Lexicon, _join_text  # noqa: E402


class _LexiconOnly(Lexicon):
    """The toolkit's lexicon without the document's spelling evidence."""

    def __init__(self, lines: list[str]):
        super().__init__(lines)
        self.hyphenated = Counter()
        self.closed = Counter()


class _Always(Lexicon):
    def __init__(self, lines: list[str], drop: bool):
        super().__init__(lines)
        self._drop = drop

    def drop_hyphen(
        self, left: str, right: str, then: str = "", inner: bool = False, before: str = ""
    ) -> bool:
        return self._drop


def score_text(paragraphs: list[str], width: int) -> dict[str, Counter]:
    """Per system: right/wrong counts at compound and word breaks."""
    typeset_paras = [typeset(p, width) for p in paragraphs]
    all_lines = [ln for lines in typeset_paras for ln in lines]
    systems = {
        "document first": Lexicon(all_lines),
        "lexicon only": _LexiconOnly(all_lines),
        "always drop": _Always(all_lines, True),
        "always keep": _Always(all_lines, False),
    }
    out: dict[str, Counter[str]] = {name: Counter() for name in systems}
    for para, lines in zip(paragraphs, typeset_paras):
        breaks = sum(1 for a, b in zip(lines, lines[1:]) if re.search(r"[^\W\d_]-$", a))
        if not breaks:
            continue
        orig = " ".join(para.split()).split()
        for name, lex in systems.items():
            got = _join_text(lines, lex).split()
            if len(got) != len(orig):
                out[name]["unscored paragraphs"] += 1
                continue
            for o, g in zip(orig, got):
                if o == g:
                    continue
                kind = "compound" if "-" in o and "-" not in g else "word"
                out[name][f"{kind} wrong"] += 1
    return out


def _split_at(word: str, room: int, dic) -> tuple[str, str, bool] | None:  # type: ignore[no-untyped-def]
    """Where ``word`` breaks with its head + "-" in ``room`` characters, and whether that is
    its own hyphen: a compound at its own hyphen first, else the longest pattern break
    (as ``bench/pdfgen.py`` breaks words)."""
    best = None
    if "-" in word[1:-1]:
        i = word.index("-", 1)
        if i + 1 <= room and word[i + 1 :][:1].isalpha():
            best = (word[: i + 1], word[i + 1 :], True)
    m = re.match(r"^([^\w]*)([A-Za-z]+)(.*)$", word)
    if m and len(m.group(2)) >= 5:
        pre, core, post = m.groups()
        for pos in dic.positions(core):
            if pos >= 2 and len(core) - pos >= 3 and len(pre) + pos + 1 <= room:
                cand = (pre + core[:pos] + "-", core[pos:] + post, False)
                if best is None or len(cand[0]) > len(best[0]):
                    best = cand
    return best


def pdf_prose_breaks(
    seeds: range, lang: str, novels: list[str], essays: list[str]
) -> list[tuple[list[str], list[tuple[str, str, str, bool, bool]]]]:
    """Per document (``bench_pdf``'s prose for each seed: a run of one novel with essays),
    its lines set greedily at a seed-drawn width (30–60 characters, ±3 a line) with
    ``lang``'s patterns, and each line-end hyphen before a lower-case line as
    (left, right, what follows the right half, whether the left half follows a hyphen of its
    own, whether the hyphen is the word's own)."""
    import pyphen
    from bench_pdf import prose

    from edition.reassemble.lexicon import _first_word

    dic = pyphen.Pyphen(lang=lang)
    docs = []
    for seed in seeds:
        rng = random.Random(seed * 7 + (lang == "en_GB"))
        width = rng.choice([30, 36, 42, 50, 60])
        lines: list[str] = []
        breaks = []
        for para in prose(novels, essays, seed):
            words, cur, i = para.split(), "", 0
            lw = width + rng.randint(-3, 3)
            while i < len(words):
                w = words[i]
                cand = w if not cur else cur + " " + w
                if len(cand) <= lw:
                    cur, i = cand, i + 1
                    continue
                room = lw - len(cur) - (1 if cur else 0)
                sp = _split_at(w, room, dic) if room >= 3 else None
                if sp:
                    cur = (cur + " " if cur else "") + sp[0]
                    words[i] = sp[1]
                    m = re.search(r"([^\W\d_]+(?:['’][^\W\d_]+)*)(\s?)-$", sp[0])
                    right = _first_word(sp[1])
                    if m and right and sp[1][:1].islower():
                        tok = sp[1].split()[0]
                        then = tok[tok.find(right) + len(right) :] if right in tok else ""
                        inner = m.start(1) > 0 and sp[0][m.start(1) - 1] == "-"
                        breaks.append((m.group(1), right, then, inner, sp[2]))
                elif not cur:
                    cur, i = w, i + 1
                lines.append(cur)
                cur = ""
                lw = width + rng.randint(-3, 3)
            if cur:
                lines.append(cur)
        docs.append((lines, breaks))
    return docs


#: Fifth session ("fresh8"): seeds nobody ran before its single print (``--pdf-prose
#: --fresh``; the same seeds typeset as PDFs, reportlab en_US and en_GB 8000-8029, groff and
#: pdfLaTeX 8100-8114, gave its fresh split-word figures).  Its first fresh split, 6000-6029
#: and 6100-6114, was read once (one regression: "down-/right") and is no longer fresh.
FRESH8 = range(8000, 8060)
#: Sixth session's fresh split, printed once at its end and no longer fresh: ``--pdf-prose``
#: seeds 8600-8659 (test novels, odd essays), and the same prose as PDFs, reportlab and en_GB
#: 8600-8629, groff and pdfLaTeX 8700-8714, notes 8700-8711 (``bench_pdf.py --seeds
#: GEN:A-B:test``).  Pick new seeds for the next fresh print.
SIXTH_FRESH = range(8600, 8660)


def pdf_prose(seeds: range, novels: list[str], essays: list[str], title: str) -> None:
    """The hyphen decision alone on ``bench_pdf``'s kind of documents, en_US and en_GB breaks:
    errors at compounds (own hyphen dropped) and at words (typesetter's hyphen kept)."""
    print(f"\n{title}")
    print(
        f"  {'breaks':<7} {'n':>6} {'compounds':>9} {'compound closed':>16} {'word left split':>16}"
    )
    for lang in ("en_US", "en_GB"):
        n = nc = bad_c = bad_w = 0
        for lines, breaks in pdf_prose_breaks(seeds, lang, novels, essays):
            lex = Lexicon(lines)
            for left, right, then, inner, own in breaks:
                n += 1
                nc += own
                if lex.drop_hyphen(left, right, then, inner) == own:
                    bad_c += own
                    bad_w += not own
        print(f"  {lang:<7} {n:>6} {nc:>9} {bad_c:>16} {bad_w:>16}")


#: What a split-word miss of ``bench_pdf`` is (``miss_kinds``).
KINDS = (
    "compound closed",  # the source's own hyphen dropped: "arm-/chair" read "armchair"
    "word left hyphenated",  # the typesetter's hyphen kept: "bio-/scope" read "bio-scope"
    "space left",  # the halves left apart: "bio- scope" or "bio scope"
    "source split",  # the truth itself has the halves apart ("looking- glass."), joined here
    "lost",  # the word is missing for another reason (reading order, a note): no hyphen at fault
)


def miss_kinds(truth, got: dict, work_words: Counter) -> list[tuple[str, str, str, bool]]:  # type: ignore[no-untyped-def]
    """Each word ``bench_pdf.score`` counts as left split, as (truth's word, kind, the output's
    form, whether the source work spells the word both ways).

    Why: "split" counts every hyphenated truth word missing from the output, whatever went
    wrong; only some of those are a wrong hyphen decision, and where the work itself writes
    the word both ways ("window-seat" and "windowseat" in one novel) an editor following
    the author could print either (``work_words``: the work's tokens, lower-cased cores).
    """
    T = truth.tokens()
    O = [t for p in got["paragraphs"] for t in p.split()]
    tc, oc = Counter(T), Counter(O)
    pairs = Counter(zip(O, O[1:]))
    out = []
    for w, n in Counter(truth.hyphenated).items():
        miss = max(0, min(n, tc[w]) - oc[w])
        if not miss:
            continue
        closed = w.replace("-", "")
        core = re.sub(r"^\W+|\W+$", "", closed).lower()
        hyph = {k for k in work_words if "-" in k and k.replace("-", "") == core}
        both = bool(hyph) and work_words[core] > 0
        if "-" in w and oc[closed] > tc[closed]:
            kind, form = KINDS[0], closed
        else:
            moved = [t for t in oc if "-" in t and t.replace("-", "") == closed and oc[t] > tc[t]]
            apart = [a + " " + b for a, b in pairs if (a + b).replace("-", "") == closed]
            ahead = {T[i - 1] + w for i in range(1, len(T)) if T[i] == w and T[i - 1][-1:] == "-"}
            if moved:
                kind, form = KINDS[1], moved[0]
            elif apart:
                kind, form = KINDS[2], apart[0]
            elif any(oc[t] for t in ahead):
                kind, form = KINDS[3], next(t for t in ahead if oc[t])
            else:
                kind, form = KINDS[4], ""
        out.extend([(w, kind, form, both)] * miss)
    return out


def pdf_kinds(seeds: range, lang: str) -> None:
    """``bench_pdf``'s split words on reportlab dev documents, by kind (``miss_kinds``)."""
    import tempfile

    from bench_pdf import DEV_NOVELS, TRANSREAD, ours, prose
    from pdfgen import make_pdf

    works: dict[str, Counter] = {}
    for novel in DEV_NOVELS:
        toks = [
            t for p in transread_paragraphs(TRANSREAD / novel, random.Random(0)) for t in p.split()
        ]
        toks += [t for p in ESSAYS for t in p.split()]
        works[novel] = Counter(re.sub(r"^\W+|\W+$", "", t).lower() for t in toks)
    kinds: Counter[tuple[str, bool]] = Counter()
    n = 0
    with tempfile.TemporaryDirectory() as td:
        for seed in seeds:
            data, truth = make_pdf(prose(DEV_NOVELS, ESSAYS[0::2], seed), seed, hyphen_lang=lang)
            path = Path(td) / "case.pdf"
            path.write_bytes(data)
            tc = Counter(truth.tokens())
            n += sum(min(k, tc[w]) for w, k in Counter(truth.hyphenated).items())
            for w, kind, form, both in miss_kinds(truth, ours(path), works[DEV_NOVELS[seed % 4]]):
                kinds[kind, both] += 1
                print(
                    f"  seed {seed}: {w!r} {kind} {form!r}{' (work spells both)' if both else ''}"
                )
    print(f"{lang} seeds {seeds.start}-{seeds.stop - 1}: {sum(kinds.values())} of {n} split")
    for k in KINDS:
        print(
            f"  {k:<22} {kinds[k, False] + kinds[k, True]:>4} (work spells both ways: {kinds[k, True]})"
        )


def other_prose(paths: list[str], verbose: bool = False) -> None:
    """The decision on words nobody designed the rules on: every hyphenated compound of two
    words in other prose (``paths``: any English text files) broken at its own hyphen (must
    stay), every closed word broken at each en_US pattern break (must go).  The lexicon
    learns the files' compound style but not their spellings (otherwise the document's own
    evidence would answer every case); forms the files spell both ways are left out.
    """
    import pyphen

    from edition.reassemble.lexicon import _zipf

    texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    hy: Counter[str] = Counter()
    cl: Counter[str] = Counter()
    for t in texts:
        for m in re.finditer(r"(?<![\w-])([A-Za-z]+(?:-[a-z]+)?)(?![\w-])", t):
            w = m.group(1)
            if "-" in w:
                hy[w.lower()] += 1
            elif w.islower():
                cl[w] += 1
    lex = Lexicon([ln for t in texts for ln in t.splitlines()])
    lex.hyphenated, lex.closed = Counter(), Counter()
    comp = sorted(
        w
        for w, n in hy.items()
        if n >= 2
        and w.replace("-", "") not in cl
        and all(len(p) >= 3 and _zipf(p) >= 2.5 for p in w.split("-"))
    )
    closed_wrong = [w for w in comp if lex.drop_hyphen(*w.split("-", 1))]
    dic = pyphen.Pyphen(lang="en_US")
    n_breaks = 0
    split: list[str] = []
    for w in sorted(cl):
        if cl[w] < 3 or len(w) < 6 or _zipf(w) < 1.0:
            continue
        if any(f"{w[:i]}-{w[i:]}" in hy for i in range(1, len(w))):
            continue
        for at in dic.positions(w):
            if at >= 2 and len(w) - at >= 3:
                n_breaks += 1
                if not lex.drop_hyphen(w[:at], w[at:]):
                    split.append(f"{w[:at]}-{w[at:]}")
    print(f"other prose ({len(paths)} files)")
    print(f"  compounds closed   {len(closed_wrong):>5} of {len(comp)}")
    print(f"  words left split   {len(split):>5} of {n_breaks} breaks")
    if verbose:
        print("  closed:", " ".join(closed_wrong))
        print("  split:", " ".join(split))


def report(title: str, counts: dict[str, Counter]) -> None:
    # always-drop is wrong exactly at the compounds, always-keep exactly inside words
    nc, nw = counts["always drop"]["compound wrong"], counts["always keep"]["word wrong"]
    skipped = counts["document first"]["unscored paragraphs"]
    print(
        f"\n{title}: {nc} breaks at a compound's own hyphen, {nw} inside a word"
        f" ({skipped} paragraphs unscored: a capitalised right half)"
    )
    print(f"  {'system':<16} {'compounds kept':>15} {'words closed':>13} {'all right':>10}")
    for name, c in counts.items():
        ck = 1 - c["compound wrong"] / nc if nc else float("nan")
        wc = 1 - c["word wrong"] / nw if nw else float("nan")
        allr = 1 - (c["compound wrong"] + c["word wrong"]) / (nc + nw) if nc + nw else float("nan")
        print(f"  {name:<16} {ck:>15.3f} {wc:>13.3f} {allr:>10.4f}")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--width", type=int, default=34, help="column width in characters")
    ap.add_argument(
        "--pdf-prose",
        action="store_true",
        help="the decision alone on bench_pdf's dev documents (seeds 0-59, dev novels and "
        "even essays) broken with en_US and en_GB patterns: where its thresholds were chosen",
    )
    ap.add_argument(
        "--held-out",
        action="store_true",
        help="with --pdf-prose: also bench_pdf's test novels and odd essays (seeds 2000-2059)",
    )
    ap.add_argument(
        "--fresh",
        action="store_true",
        help="with --pdf-prose: also seeds 8000-8059 (test novels, odd essays), printed once",
    )
    ap.add_argument(
        "--pdf-kinds",
        metavar="LANG",
        help="bench_pdf's reportlab DEV documents broken with LANG's patterns (en_US, en_GB): "
        "each word left split, by kind",
    )
    ap.add_argument(
        "--other-prose",
        nargs="+",
        metavar="FILE",
        help="English text files nobody tuned on: compounds and closed words broken there",
    )
    ap.add_argument("-v", "--verbose", action="store_true", help="with --other-prose: list errors")
    args = ap.parse_args()
    if args.other_prose:
        other_prose(args.other_prose, args.verbose)
        return 0
    if args.pdf_kinds:
        pdf_kinds(range(30), args.pdf_kinds)
        return 0
    if args.pdf_prose:
        from bench_pdf import DEV_NOVELS, TEST_NOVELS

        pdf_prose(range(60), DEV_NOVELS, ESSAYS[0::2], "bench_pdf DEV documents (seeds 0-59)")
        if args.held_out:
            pdf_prose(
                range(2000, 2060),
                TEST_NOVELS,
                ESSAYS[1::2],
                "bench_pdf HELD-OUT documents (seeds 2000-2059, test novels, odd essays)",
            )
        if args.fresh:
            pdf_prose(
                FRESH8,
                TEST_NOVELS,
                ESSAYS[1::2],
                f"FRESH8 documents (seeds {FRESH8.start}-{FRESH8.stop - 1}, test novels, odd "
                "essays; nobody ran them before the fifth session's single print)",
            )
        return 0
    if not TRANSREAD.is_dir():
        print(
            f"{TRANSREAD}: not found (the shared benchmark must sit beside the repo)",
            file=sys.stderr,
        )
        return 2
    for title, novels in (("development novels", DEV), ("test novels (held out)", TEST)):
        totals: dict[str, Counter] = {}
        for novel in novels:
            paras = transread_paragraphs(TRANSREAD / novel, random.Random(7))
            for name, c in score_text(paras, args.width).items():
                totals.setdefault(name, Counter()).update(c)
        report(title, totals)
    report("essays (bench/synth.py)", score_text(ESSAYS, args.width))
    print(
        f"\nsignature: width={args.width}|hyphenation=pyphen en_US|compounds break at their hyphen"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
