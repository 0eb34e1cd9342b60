#!/usr/bin/env python3
"""Sentence-boundary benchmark on the TransRead gold sentences (issue 12).

``../shared/bench/transread/<Novel>/{en,fr}.txt`` hold one *tokenised* gold
sentence per line.  For each paragraph the running text a reader sees is
rebuilt by detokenising (punctuation attached, English clitics "do n't" →
"don't", French elisions "l' homme" → "l'homme", French spacing: a no-break
space before ; : ! ? and inside « », "--" → "—", Gutenberg italics "_"
dropped).  Straight quotes " and ' carry no direction in the tokens; a
typesetter's rule decides: a mark that is the first token of a gold sentence,
before a word, is an opening mark (a sentence never starts with a closing one)
and resets the quote parity; inside a line, local evidence (after a colon or a
bracket it opens; before punctuation or after ", … " before a lower-case word it
closes), then parity.  The converse rule (a line's last mark closes) does not
hold: some gold lines end with the next sentence's opening mark.  The segmenter then
splits that text and every sentence start inside a paragraph is scored against
the gold starts:

* **tolerant** — a boundary counts wherever it falls inside the run of spaces,
  quotation marks and dashes between the two sentences (the gold tokenisation
  sometimes leaves an opening quotation mark on the previous line);
* **strict** — the sentence must start exactly where a reader expects: after
  the space, with an opening mark or a dialogue dash going to the *next*
  sentence and a closing mark staying with the previous one.

Paragraphs: ``*.para`` gives paragraph starts where known (Alice,
VingtMille, Voyage).  For the other novels there is no paragraph information;
consecutive lines are grouped into pseudo-paragraphs of at most 8 lines, cut
after any line that does not end with sentence-final punctuation (+ closing
marks): such lines are headings or titles, and joining them to the next line
would count a boundary no reader's text shows.

Split (who looked at what): the DEVELOPMENT novels are Alice, Swann, Mouret,
VingtMille and Voyage — their errors were read while the rules were written.
JaneEyre and LesTravailleursDeLaMer are the held-out TEST split: only their
totals are printed (``--errors`` refuses them).

Baselines, same text, same scorer: a naive rule (split after . ! ? … + space +
capital), and library segmenters run in a scratch venv as a subprocess (not
project dependencies): pysbd and sentence-splitter (Moses-style).  Point
``--venv`` (or ``SEG_VENV``) at a venv that has them:

    python3 -m venv /work/venv-seg && /work/venv-seg/bin/pip install pysbd sentence-splitter

Usage: python3 bench/bench_segment.py [--venv DIR] [--no-baselines] [--per-novel]
                                      [--errors N --novel NAME --lang en|fr]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from edition.segment import sentence_spans  # noqa: E402

TRANSREAD = REPO.parent / "shared" / "bench" / "transread"
DEV = (
    "AlicesAdventuresInWonderland",
    "DuCoteDeChezSwann",
    "LaFauteDeLAbbeMouret",
    "VingtMilleLieuesSousLesMers",
    "VoyageAuCentreDeLaTerre",
)
TEST = ("JaneEyre", "LesTravailleursDeLaMer")
PSEUDO_PARAGRAPH_LINES = 8

NBSP = "\u00a0"
_ATTACH_LEFT = re.compile(r"^(?:[.,;:!?…)\]}%]+|\.\.\.[!?]*|[!?]+\.\.\.)$")
_FR_SPACED = re.compile(r"^(?:[;:!?]+(?:\.\.\.|…)?)$")
_EN_CLITIC = re.compile(r"^'(?:s|t|ll|ve|re|d|m|am|em|tis)$", re.I)
_OPENS_WORD = re.compile(r"^[(\[«—–-]*\w")  # a word (maybe after an opening bracket/dash)
_OPENING_CONTEXT = frozenset({":", "(", "[", "—", "--", "-"})
_FINAL_LINE = re.compile(r"(?:[.!?…]|\.\.\.)\s*(?:[\"'»)\]]\s*)*$")


# --------------------------------------------------------------------------- detokenising


def _clean(tok: str) -> str:
    return tok.replace("\\_", "").replace("_", "")


def detokenise(sentences: list[list[str]], lang: str) -> tuple[str, list[int]]:
    """Running text of one paragraph and the offset where each gold sentence starts."""
    out: list[str] = []
    starts: list[int] = []
    length = 0
    dq_open = False
    sq_open = False
    glue_next = False  # the previous token attaches to what follows
    flat = [(si, t) for si, sent in enumerate(sentences) for t in map(_clean, sent) if t]
    seen_sentence = -1
    for k, (si, tok) in enumerate(flat):
        nxt = flat[k + 1][1] if k + 1 < len(flat) else ""
        prev = flat[k - 1][1] if k else ""
        # a mark that is a gold sentence's first token, before a word, opens that sentence
        # (a closing mark is never the first thing of a sentence; the converse does not hold:
        # some gold lines end with the next sentence's opening mark)
        opens_line = (k == 0 or flat[k - 1][0] != si) and _OPENS_WORD.match(nxt) is not None
        sep = " "
        glue_after = False
        if lang == "fr" and tok in ("-", "--", "---", "----"):
            tok = "—"
        elif tok.startswith("--") and len(tok) > 2 and tok[2].isalpha():
            tok = "—" + (" " if lang == "fr" else "") + tok.lstrip("-")
        elif tok.endswith("--") and len(tok) > 2:
            tok = tok.rstrip("-") + "—"
            glue_after = lang == "en"
        if lang == "en" and tok in ("--", "---", "----", "—"):
            tok = "—"
            sep = ""
            glue_after = True
        elif tok == '"':
            # local evidence first, parity when the neighbours do not tell
            if opens_line:
                closing = False
            elif not prev or prev in _OPENING_CONTEXT:
                closing = False
            elif not nxt or nxt[0] in ",.;:!?)]" or nxt == '"':
                closing = True
            elif prev in (",", "!", "?", "!...", "?...") and nxt[0].islower():
                closing = True  # ", " cried my father
            else:
                closing = dq_open
            if closing:
                sep = ""
            else:
                glue_after = True
            dq_open = not closing
        elif tok == "'" and lang == "en":
            possessive = not opens_line and (
                prev[-1:] in ("s", "S") and (nxt[:1].islower() or not nxt[:1].isalnum())
            )
            if opens_line:
                sq_open = False
            elif not prev:
                sq_open = False
            elif prev in (",", "!", "?", ".") and nxt[:1].islower():
                sq_open = True  # a closing mark: ", ' he cheerfully replied"
            if sq_open:
                sep = ""
                sq_open = False
            elif possessive:
                sep = ""
            else:
                glue_after = True
                sq_open = True
        elif tok == "«":
            glue_after = True
        elif tok == "»":
            sep = NBSP
        elif lang == "fr" and _FR_SPACED.match(tok):
            sep = NBSP
        elif _ATTACH_LEFT.match(tok):
            sep = ""
        elif lang == "en" and (_EN_CLITIC.match(tok) or tok.lower() == "n't"):
            sep = ""
        elif lang == "fr" and re.match(r"^-[^\W\d_]", tok):
            sep = ""  # "est -ce", "dit -il"
        elif tok in ("(", "["):
            glue_after = True
        if lang == "fr" and len(tok) > 1 and tok[-1] in "'’" and tok[-2].isalpha():
            glue_after = True  # elision: "l' homme" → "l'homme"
        if glue_next:
            sep = NBSP if (lang == "fr" and flat[k - 1][1] == "«") else ""
        if not out:
            sep = ""
        out.append(sep)
        length += len(sep)
        if si != seen_sentence:
            starts.append(length)
            seen_sentence = si
        out.append(tok)
        length += len(tok)
        glue_next = glue_after
    return "".join(out), starts


# --------------------------------------------------------------------------- data


@dataclass
class Paragraph:
    text: str
    gold: list[int]  # sentence starts after the first


@dataclass
class Corpus:
    novel: str
    lang: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    lines: int = 0

    @property
    def bytes(self) -> int:
        return sum(len(p.text.encode("utf-8")) for p in self.paragraphs)


def _groups(lines: list[str], para_file: Path) -> list[list[int]]:
    if para_file.is_file():
        starts = sorted({int(x) for x in para_file.read_text(encoding="utf-8").split()} | {0})
        bounds = [*starts, len(lines)]
        return [list(range(a, b)) for a, b in zip(bounds, bounds[1:]) if b > a]
    groups: list[list[int]] = []
    cur: list[int] = []
    for i, line in enumerate(lines):
        cur.append(i)
        if len(cur) >= PSEUDO_PARAGRAPH_LINES or not _FINAL_LINE.search(line):
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def load(novel: str, lang: str) -> Corpus:
    d = TRANSREAD / novel
    lines = d.joinpath(f"{lang}.txt").read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    corpus = Corpus(novel, lang, lines=len(lines))
    for group in _groups(lines, d / f"{lang}.para"):
        sents = [lines[i].split() for i in group if lines[i].strip()]
        if not sents:
            continue
        text, starts = detokenise(sents, lang)
        corpus.paragraphs.append(Paragraph(text, starts[1:]))
    return corpus


# --------------------------------------------------------------------------- scoring

_SKIP = set(" \t\n" + NBSP + "\u202f" + "'\"«»“”‘’„—–-")


def tolerant_key(text: str, i: int) -> int:
    """Start of the run of spaces/quotation marks/dashes the boundary falls in."""
    while i > 0 and text[i - 1] in _SKIP:
        i -= 1
    return i


def strict_gold(text: str, i: int) -> int:
    """Where a reader's sentence starts: after the space, the opening mark with the next one."""
    if i == 0 or text[i - 1] == " ":
        return i
    j = i
    while j > 0 and text[j - 1] in _SKIP and text[j - 1] != " ":
        j -= 1
    return j if j > 0 and text[j - 1] == " " else i


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    stp: int = 0
    sfp: int = 0
    sfn: int = 0
    seconds: float = 0.0
    nbytes: int = 0

    def add(self, other: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def tolerant(self) -> tuple[float, float, float]:
        return self.prf(self.tp, self.fp, self.fn)

    @property
    def strict(self) -> tuple[float, float, float]:
        return self.prf(self.stp, self.sfp, self.sfn)

    @property
    def mbps(self) -> float:
        return self.nbytes / 1e6 / self.seconds if self.seconds else float("nan")


def score(
    corpus: Corpus, predicted: list[list[int]], seconds: float
) -> tuple[Score, list[tuple[str, str, int]]]:
    s = Score(seconds=seconds, nbytes=corpus.bytes)
    errors: list[tuple[str, str, int]] = []
    for para, pred in zip(corpus.paragraphs, predicted):
        t = para.text
        pred = [p for p in pred if 0 < p < len(t)]
        g_tol = {tolerant_key(t, g) for g in para.gold}
        p_tol = {tolerant_key(t, p) for p in pred}
        g_str = {strict_gold(t, g) for g in para.gold}
        p_str = set(pred)
        s.tp += len(g_tol & p_tol)
        s.fp += len(p_tol - g_tol)
        s.fn += len(g_tol - p_tol)
        s.stp += len(g_str & p_str)
        s.sfp += len(p_str - g_str)
        s.sfn += len(g_str - p_str)
        for kind, offs in (("FP", p_tol - g_tol), ("FN", g_tol - p_tol)):
            errors.extend((kind, t, o) for o in sorted(offs))
        if not (g_tol ^ p_tol):
            errors.extend(("strict", t, o) for o in sorted(p_str ^ g_str))
    return s, errors


def hard_slice(corpus: Corpus, preds: dict[str, list[list[int]]]) -> tuple[int, dict[str, int]]:
    """Places where the naive rule is wrong (the part a good splitter must get right).

    A figure that doing the obvious already scores 0.98 on is not a headline: this
    slice is the abbreviations, initials, dashes and quotations the naive rule
    misreads.  Returns the number of such places and how many each system gets right.
    """
    naive = preds.get("naive rule")
    right = dict.fromkeys(preds, 0)
    if naive is None:
        return 0, right
    total = 0
    for k, para in enumerate(corpus.paragraphs):
        t = para.text
        gold = {tolerant_key(t, g) for g in para.gold}
        keys = {
            name: {tolerant_key(t, p) for p in pred[k] if 0 < p < len(t)}
            for name, pred in preds.items()
        }
        hard = keys["naive rule"] ^ gold
        total += len(hard)
        for name, got in keys.items():
            right[name] += sum((h in got) == (h in gold) for h in hard)
    return total, right


# --------------------------------------------------------------------------- segmenters


def _best_of(runs: int, fn, corpus: Corpus) -> tuple[list[list[int]], float]:
    """Result and the fastest of ``runs`` timings (the CPU is shared: the minimum is the signal)."""
    best = float("inf")
    out: list[list[int]] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(corpus)
        best = min(best, time.perf_counter() - t0)
    return out, best


def run_ours(corpus: Corpus) -> tuple[list[list[int]], float]:
    return _best_of(
        3,
        lambda c: [[a for a, _ in sentence_spans(p.text, c.lang)] for p in c.paragraphs],
        corpus,
    )


_NAIVE = re.compile(r"[.!?…]+[\"'”’»)\]\u00a0]*\s+(?=[\"'“‘«(\[\u00a0—–-]*\s*[A-ZÀ-Ý0-9])")


def run_naive(corpus: Corpus) -> tuple[list[list[int]], float]:
    return _best_of(
        3, lambda c: [[m.end() for m in _NAIVE.finditer(p.text)] for p in c.paragraphs], corpus
    )


_CHILD = r"""
import json, sys, time
lib, lang = sys.argv[1], sys.argv[2]
paras = json.load(sys.stdin)
if lib == "pysbd":
    import pysbd
    seg = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    split = lambda t: [s.start for s in seg.segment(t)]
else:
    from sentence_splitter import SentenceSplitter
    seg = SentenceSplitter(language=lang)
    def split(t):
        out, pos = [], 0
        for s in seg.split(t):
            s = s.strip()
            if not s:
                continue
            k = t.find(s[:30], pos)
            if k < 0:
                k = pos
            out.append(k)
            pos = k + 1
        return out
t0 = time.perf_counter()
res = [split(t) for t in paras]
json.dump({"starts": res, "seconds": time.perf_counter() - t0}, sys.stdout)
"""


def run_library(lib: str, python: str, corpus: Corpus) -> tuple[list[list[int]], float] | None:
    r = subprocess.run(
        ["nice", python, "-c", _CHILD, lib, corpus.lang],
        input=json.dumps([p.text for p in corpus.paragraphs]),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if r.returncode:
        print(f"{lib}: failed ({r.stderr.strip().splitlines()[-1:]})", file=sys.stderr)
        return None
    data = json.loads(r.stdout)
    return data["starts"], data["seconds"]


#: Inputs that maximise the work per character: a candidate every few characters, one
#: endless sentence, list markers and bullets everywhere.
ADVERSARIAL = {
    "initials (A. B. A. B. …)": "A. B. ",
    "list markers (1. a 2. b …)": "1. a 2. b ",
    "bullets with numbers (• 1. a • 2. b)": "• 1. a • 2. b ",
    "one sentence of 'etc.' (… etc. and …)": "apples, pears, etc. and plums, ",
    "dense prose (Dr., p.m., short sentences)": "He said so. Then Dr. Lee left at 7 p.m. on Friday. ",
}


# --------------------------------------------------------------------------- report


def _fmt(name: str, s: Score) -> str:
    tp, tr, tf = s.tolerant
    sp, sr, sf = s.strict
    return (
        f"  {name:<22} {tp:.4f} {tr:.4f} {tf:.4f}   {sp:.4f} {sr:.4f} {sf:.4f}  "
        f"{s.tp + s.fn:>5}  {s.mbps:8.2f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--venv", default=os.environ.get("SEG_VENV", "/work/venv-seg"))
    ap.add_argument("--no-baselines", action="store_true", help="ours and the naive rule only")
    ap.add_argument(
        "--per-novel", action="store_true", help="also print each development novel's figures"
    )
    ap.add_argument("--errors", type=int, default=0, help="print N errors (development only)")
    ap.add_argument("--novel", help="restrict --errors to one development novel")
    ap.add_argument("--lang", choices=("en", "fr"), help="restrict to one language")
    args = ap.parse_args()
    if not TRANSREAD.is_dir():
        print(
            f"{TRANSREAD}: not found (the shared benchmark must sit beside the repo)",
            file=sys.stderr,
        )
        return 2
    if args.novel and args.novel not in DEV:
        print(f"--novel {args.novel}: only development novels ({', '.join(DEV)})", file=sys.stderr)
        return 2
    python = str(Path(args.venv) / "bin" / "python")
    libs = [] if args.no_baselines or not Path(python).exists() else ["pysbd", "sentence-splitter"]
    if not args.no_baselines and not libs:
        print(f"no venv at {args.venv}: library baselines skipped", file=sys.stderr)
    langs = [args.lang] if args.lang else ["en", "fr"]
    systems = ["ours", "naive rule", *libs]
    shown_errors = 0
    for lang in langs:
        for split_name, novels in (("development", DEV), ("test (held out)", TEST)):
            totals = {name: Score() for name in systems}
            hard_total, hard_right = 0, dict.fromkeys(systems, 0)
            per_novel_rows = []
            for novel in novels:
                corpus = load(novel, lang)
                preds: dict[str, list[list[int]]] = {}
                for name in systems:
                    res: tuple[list[list[int]], float] | None
                    if name == "ours":
                        res = run_ours(corpus)
                    elif name == "naive rule":
                        res = run_naive(corpus)
                    else:
                        res = run_library(name, python, corpus)
                    if res is None:
                        continue
                    preds[name] = res[0]
                    sc, errors = score(corpus, *res)
                    totals[name].add(sc)
                    if args.per_novel and novel in DEV:  # the test split: totals only
                        per_novel_rows.append(_fmt(f"{name} · {novel[:12]}", sc))
                    if (
                        name == "ours"
                        and novel in DEV
                        and args.errors > shown_errors
                        and (not args.novel or novel == args.novel)
                    ):
                        for kind, text, off in errors[: args.errors - shown_errors]:
                            ctx = text[max(0, off - 60) : off] + "⟨|⟩" + text[off : off + 40]
                            print(f"{kind:>6} {novel[:10]} {ctx!r}", file=sys.stderr)
                            shown_errors += 1
                n, right = hard_slice(corpus, preds)
                hard_total += n
                for name, k in right.items():
                    hard_right[name] += k
            print(f"\n{lang} — {split_name}: {', '.join(novels)}")
            print(
                f"  {'segmenter':<22} {'tolerant P/R/F1':<22}   {'strict P/R/F1':<22} "
                f"{'bound':>5}  {'MB/s':>8}"
            )
            for name in systems:
                print(_fmt(name, totals[name]))
            shares = " · ".join(
                f"{name} {hard_right[name] / hard_total:.3f}"
                for name in systems
                if name != "naive rule" and hard_total
            )
            print(f"  hard slice ({hard_total} places where the naive rule errs), right: {shares}")
            for row in per_novel_rows:
                print(row)
    print("\nworst cases (one 1 MB paragraph each; linear time, MB/s):")
    for name, unit in ADVERSARIAL.items():
        text = unit * (1_000_000 // len(unit))
        t0 = time.perf_counter()
        n = len(sentence_spans(text))
        dt = time.perf_counter() - t0
        print(f"  {name:<42} {len(text) / 1e6 / dt:6.2f}  ({n} sentences)")
    print(
        "\nsignature: gold=TransRead dev set (tokenised, detokenised here)|"
        f"pseudo-paragraphs={PSEUDO_PARAGRAPH_LINES} lines where no .para|boundaries=inside paragraphs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
