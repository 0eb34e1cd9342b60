"""Clean text must come through in order: a figure over many clean texts of several shapes.

Why (issue 15, point 3): a clean text in reading order — a novel chapter
wrapped at some width, one paragraph per line, headings without a full stop,
verse, dialogue, a letter — must come back from ``edition reassemble`` with
every word in place and every paragraph boundary kept.  The texts are built
from the TransRead novels' English sentences (``../shared/bench/transread``,
detokenised with ``bench/transread_seed.py``), grouped into paragraphs by the
corpus's own paragraph starts where it has them, with headings without
punctuation ("3 Methods", "2.1 The Voyage", "CHAPTER 4", "PART TWO"), a
verse passage, a letter (salutation and close on their own lines) and a
run of dialogue inserted at seeded places.

Shapes: wrapped (greedy) at 60, 72 and 80 columns with blank lines between
paragraphs; one paragraph per line with blank lines; one paragraph per line
without blank lines.  A text passes when its output words equal the input
words in order *and* its paragraph boundaries (as word offsets) are the
same.  ``--path auto`` is what a user gets (the layout decision, then the
flowing reader or the solver); ``--path columns`` forces the reading-order
solver (``edition.reassemble.reassemble``), as for a text judged a column
extraction.

    python3 bench/bench_clean_text.py [--path auto|columns] [--per-novel 4]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from transread_seed import detokenise  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "bench" / "transread"

HEADINGS = [
    "{n} Introduction",
    "{n} Methods",
    "{n}.{m} The Voyage Out",
    "CHAPTER {n}",
    "PART {w}",
    "{n} Results and Discussion",
    "Book {n}",
    "{n}.{m} Further Remarks",
]
WORDS = ["ONE", "TWO", "THREE", "FOUR", "FIVE"]
VERSE = [
    [
        "How doth the little busy bee",
        "Improve each shining hour,",
        "And gather honey all the day",
        "From every opening flower!",
    ],
    [
        "The sea was wet as wet could be,",
        "The sands were dry as dry.",
        "You could not see a cloud, because",
        "No cloud was in the sky:",
    ],
]
LETTERS = [
    (
        "Sir,",
        "I have the honour to acknowledge the receipt of your letter of the 3rd instant, "
        "and to inform you that the matter has been laid before the committee, who will consider "
        "it at their next meeting.",
        ["I am, Sir,", "Your obedient servant,"],
        "J. Smith",
    ),
    (
        "Dear Madam,",
        "We write to let you know that the parcel you ordered in March has at last "
        "arrived at the station, and that it may be collected on any weekday before noon.",
        ["Yours faithfully,"],
        "H. Brown and Sons",
    ),
]
DIALOGUE = [
    "'Where are you going?' asked the boy.",
    "'To the harbour,' said his father.",
    "'May I come too?'",
    "'If you keep up.'",
]


def sentences(novel: Path) -> tuple[list[str], list[int]]:
    lines = (novel / "en.txt").read_text(encoding="utf-8").splitlines()
    para = novel / "en.para"
    starts = [int(x) for x in para.read_text().split()] if para.is_file() else []
    return [detokenise(s.split(" "), "en") for s in lines], starts


def build(novel: Path, k: int, rng: random.Random) -> list[tuple[str, str | list[str]]]:
    """Paragraphs of one excerpt: ("p", text) | ("h", heading) | ("v", verse lines)."""
    sents, starts = sentences(novel)
    n = min(len(sents), 60)
    a = rng.randrange(0, max(1, len(sents) - n))
    sset = set(starts)
    paras: list[list[str]] = []
    for i in range(a, a + n):
        if not paras or (i in sset if sset else rng.random() < 0.35):
            paras.append([])
        paras[-1].append(sents[i])
    out: list[tuple[str, str | list[str]]] = [("p", " ".join(p)) for p in paras if p]
    # headings without punctuation, a verse passage, a letter, dialogue
    # three headings at sorted places, numbered in ascending order as a document numbers them
    at = sorted([0] + [rng.randrange(1, len(out) + 1) for _ in range(2)], reverse=True)
    first = rng.randint(1, 6)
    for j, pos in enumerate(at):
        num = first + len(at) - 1 - j
        h = rng.choice(HEADINGS).format(n=num, m=rng.randint(1, 5), w=WORDS[num % len(WORDS)])
        out.insert(pos, ("h", h))
    inserts = []
    if k % 4 == 1:
        inserts.append([("v", rng.choice(VERSE))])
    if k % 4 == 2:
        sal, body, close, sig = rng.choice(LETTERS)
        inserts.append([("p", sal), ("p", body), ("v", close), ("p", sig)])
    if k % 4 == 3:
        inserts.append([("p", s) for s in DIALOGUE])
    for ins in inserts:
        at = rng.randrange(1, len(out) + 1)
        out[at:at] = ins
    return out


def render(paras, shape: str) -> str:
    blocks = []
    for kind, body in paras:
        if kind == "v":
            blocks.append("\n".join(body))
        elif kind == "h" or shape.startswith("line"):
            blocks.append(body)
        else:
            blocks.append(textwrap.fill(body, width=int(shape[4:]), break_on_hyphens=False))
    sep = "\n" if shape == "line-noblank" else "\n\n"
    return sep.join(blocks) + "\n"


def expected(paras, shape: str) -> list[str]:
    out = []
    for kind, body in paras:
        if kind == "v":
            # verse: one paragraph per line or one per stanza are both faithful; compare words only
            out.append(" ".join(body))
        else:
            out.append(body)
    return out


def _words(p: str) -> list[str]:
    """Words of a paragraph, with the source's own spacing around dashes and a stray
    "good- natured" (TransRead tokenisation) not counted against a reader that closes them."""
    p = re.sub(r"\s*—\s*", "—", p)
    return re.sub(r"(\w)- (?=\w)", r"\1-", p).split()


def bounds(paragraphs: list[str]) -> tuple[list[str], set[int]]:
    words: list[str] = []
    cuts = set()
    for p in paragraphs:
        cuts.add(len(words))
        words.extend(_words(p))
    return words, cuts


def check(
    text: str, want: list[str], has_verse_lines: list[list[str]], path: str
) -> tuple[bool, bool]:
    if path == "auto":
        from edition.readers.plain import read_plain

        got = [p.text for p in read_plain(text)[0].paragraphs]
    else:
        from edition.reassemble import reassemble

        got = [p.text for p in reassemble(text).paragraphs]
    gw, gc = bounds(got)
    ww, wc = bounds(want)
    # a verse passage may come back one paragraph per line: its inner line starts are allowed cuts
    allowed = set(wc)
    for lines in has_verse_lines:
        flat = _words(" ".join(lines))
        for i in range(len(ww) - len(flat) + 1):
            if ww[i : i + len(flat)] == flat:
                pos = i
                for ln in lines[:-1]:
                    pos += len(_words(ln))
                    allowed.add(pos)
    order = gw == ww
    return order, order and wc <= gc <= allowed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--path", choices=["auto", "columns"], default="auto")
    ap.add_argument("--per-novel", type=int, default=4)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    novels = sorted(p for p in SHARED.iterdir() if (p / "en.txt").is_file())
    shapes = ["wrap60", "wrap72", "wrap80", "line-blank", "line-noblank"]
    n = ok_order = ok_all = 0
    per_shape: dict[str, list[int]] = {s: [0, 0] for s in shapes}
    for novel in novels:
        for k in range(args.per_novel):
            rng = random.Random(f"{args.seed}-{novel.name}-{k}")
            paras = build(novel, k, rng)
            verse = [body for kind, body in paras if kind == "v"]
            for shape in shapes:
                text = render(paras, shape)
                o, a = check(text, expected(paras, shape), verse, args.path)
                n += 1
                ok_order += o
                ok_all += a
                per_shape[shape][0] += a
                per_shape[shape][1] += 1
                if args.verbose and not a:
                    print(f"FAIL {novel.name} k={k} {shape} order={o}")
    print(
        f"clean texts ({args.path}): {ok_all}/{n} words in order and paragraph boundaries kept; "
        f"{ok_order}/{n} words in order"
    )
    print("  " + ", ".join(f"{s} {a}/{t}" for s, (a, t) in per_shape.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
