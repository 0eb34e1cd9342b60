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

Usage: python3 bench/bench_hyphen.py [--width 34]
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

    def drop_hyphen(self, left: str, right: str) -> bool:
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
    args = ap.parse_args()
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
