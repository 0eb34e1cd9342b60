"""Rebuild readable running text from a TransRead novel's tokenised sentences.

Why: the second bundled work (Verne, *Voyage au centre de la Terre*) is an
excerpt of the TransRead development set, whose files hold one *tokenised*
sentence per line ("l' une", "Saint Michael 's", "« Bon , me dis-je").  The
seed of a work is text *as received*, so this script undoes the tokenisation
— quotes, elisions, punctuation — and sets French with the no-break spaces a
typesetter would use (U+00A0 after « and before », U+00A0 before :, U+202F
before ; ! ?; a dialogue dash is followed by U+00A0), then writes paragraphs
separated by blank lines.  It is run once by hand; its output is committed
under seeds/ with SOURCE.md (the rest of ../shared never enters the repo):

    python3 bench/transread_seed.py VoyageAuCentreDeLaTerre --chapters 4 \
        --out seeds/verne-voyage-centre-terre
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

NBSP, NNBSP = "\u00a0", "\u202f"
#: Tokens glued to the previous token (no space before them).
CLOSE_PUNCT = {",", ".", ";", ":", "!", "?", ")", "]", "%", "...", "…"}
#: Tokens glued to the next token.
OPEN_PUNCT = {"(", "["}
#: English clitics the tokeniser split off ("don 't", "o 'clock", "Michael 's").
EN_CLITIC = re.compile(r"^'(s|t|ll|re|ve|d|m|clock|em|tis)$", re.I)
#: Chapter heading lines in either language ("CHAPTER IV .", "IV").
CHAPTER_EN = re.compile(r"^CHAPTER [IVXLC]+\b")
CHAPTER_FR = re.compile(r"^[IVXLC]+$")


def paragraphs(lines: list[str], starts: list[int]) -> list[list[str]]:
    """Group sentence lines into paragraphs by their 0-based first lines."""
    bounds = sorted(set(starts) | {0}) + [len(lines)]
    return [lines[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


def detokenise(tokens: list[str], lang: str) -> str:
    """Join the tokens of one paragraph as a typesetter would print them.

    Straight double quotes alternate open/close within a paragraph (English
    convention: a quotation running on opens again at each paragraph); a lone
    single quote does the same.  French gets no-break spaces around « » and
    before ; : ! ? (the tokenised source has a plain space there).
    """
    out: list[str] = []
    glue_next = False
    dq_open = sq_open = us_open = False
    for tok in tokens:
        glue = glue_next
        glue_next = False
        sep = " "
        if tok == '"':
            if dq_open:
                glue = True
            else:
                glue_next = True
            dq_open = not dq_open
        elif tok == "'" and lang == "en":
            if sq_open:
                glue = True
            else:
                glue_next = True
            sq_open = not sq_open
        elif tok == "_":
            if us_open:
                glue = True
            else:
                glue_next = True
            us_open = not us_open
        elif tok == "'" and lang == "fr":
            glue = glue_next = True  # a detached elision: "l ' _Heims-Kringla_"
        elif lang == "en" and EN_CLITIC.match(tok):
            glue = True
        elif lang == "fr" and tok in (";", "!", "?"):
            glue, sep = False, NNBSP
        elif lang == "fr" and tok in (":", "»"):
            glue, sep = False, NBSP
        elif lang == "fr" and tok == "«":
            pass
        elif tok in CLOSE_PUNCT:
            glue = True
        elif tok in OPEN_PUNCT:
            glue_next = True
        if tok.startswith("--") and len(tok) > 2:
            # dialogue dash opening a turn (French Gutenberg convention "--Oui")
            tok = "—" + NBSP + tok[2:]
        tok = tok.replace("--", "—")
        if out:
            prev = out[-1]
            if lang == "fr" and prev.endswith("«"):
                out.append(NBSP)
            elif lang == "fr" and prev.endswith("'") and re.search(r"\w'$", prev):
                pass  # elision: l' une → l'une
            elif not glue:
                out.append(sep)
        out.append(tok)
    return "".join(out)


def chapter_lines(lines: list[str], pattern: re.Pattern[str], chapters: int) -> int:
    """Number of leading lines that hold the first ``chapters`` chapters."""
    heads = [i for i, s in enumerate(lines) if pattern.match(s)]
    return heads[chapters] if len(heads) > chapters else len(lines)


def running_text(lines: list[str], starts: list[int], lang: str) -> str:
    """Paragraphs of detokenised text separated by blank lines."""
    paras = [detokenise(" ".join(p).split(" "), lang) for p in paragraphs(lines, starts)]
    return "\n\n".join(paras) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("novel", help="folder name under ../shared/bench/transread")
    ap.add_argument("--chapters", type=int, default=4, help="leading chapters to keep")
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench/transread"))
    ap.add_argument("--out", type=Path, required=True, help="seed folder to write en.txt/fr.txt")
    args = ap.parse_args(argv)
    d = args.bench / args.novel
    counts = {}
    for lang, pat in (("en", CHAPTER_EN), ("fr", CHAPTER_FR)):
        lines = (d / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        starts = [int(x) for x in (d / f"{lang}.para").read_text().split()]
        n = chapter_lines(lines, pat, args.chapters)
        counts[lang] = n
        args.out.mkdir(parents=True, exist_ok=True)
        text = running_text(lines[:n], [s for s in starts if s < n], lang)
        (args.out / f"{lang}.txt").write_text(text, encoding="utf-8")
    print(f"kept en lines 0..{counts['en'] - 1}, fr lines 0..{counts['fr'] - 1}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
