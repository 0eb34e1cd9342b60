"""Reading-order reconstruction of multi-column PDF text extractions.

Why: a magazine PDF comes out of a text extractor with its columns in the
wrong order, some columns glued to the next one, words hyphenated at line
ends and page furniture (page numbers, printer's footers, running titles)
mixed into the text.  Later stages (ingest, sentence ids, translation
catalogues) need the text in reading order, in paragraphs, with every doubt
visible to the editor.

How, in five steps:

1. **Fragments.**  Lines are cut into the smallest runs that are certainly
   continuous: a cut at every blank line, at furniture, before and after a
   numbered heading, before a line with an unexpected leading space, and
   inside an over-long line where two columns were glued (a run of spaces,
   or a sentence end followed by a lower-case word).  Cuts are cheap: a cut
   that was not needed is simply re-joined by the solver.
2. **Join scores.**  Every ordered pair (A → B) gets a log-odds that B
   directly follows A, from a conditional-logit model over evidence: a
   hyphen at A's end completed by B's first word (checked with wordfreq and
   the document's own vocabulary), sentence-end/capital agreement, open
   quotations, the document's own word and word-class bigrams across the
   join, general English word-bigram PMI across a mid-sentence join
   ("according | to", not "according | of"; Google Books counts shipped in
   the symspellpy wheel, read offline), lexical cohesion, line breaking,
   title/heading shape and how A and B sat in the input.  The weights
   (``_W``) were fitted on synthetic scrambles (``bench/bench_reassemble.py
   --fit``), never on a real text's answer.
3. **Column geometry.**  A sentence that goes on across a hard cut marks a
   column break; breaks a whole number of columns apart give the column
   height H — from page furniture when the extractor emits whole columns
   between page numbers, from the input order when it writes whole columns
   in any order, else from a first solution — and line counts give each
   fragment its offset in its column (``_geometry``, ``_file_geometry``,
   ``_path_geometry``).  A fragment ending at a column bottom continues at
   a column top, one ending at line k continues with one starting at line
   k, and input adjacency across a known break counts for little.
4. **Global order.**  A maximum-weight Hamiltonian path through the
   fragments (an asymmetric TSP with a start/end node): exact dynamic
   programming for small inputs, otherwise the assignment relaxation
   (Hungarian algorithm) with cycle patching, then or-opt repair, then a
   re-solve over blocks of mutually best joins, then a block-level repair
   that keeps numbered headings in order, then an exact (Held–Karp)
   re-ordering of the blocks between the least confident joins.  Gap nodes
   let the path break where material is missing (a fitted score ``_GAP``).
   Huge inputs are solved in bounded windows of the input order.  The
   solve runs twice when the first solution reveals the column geometry.
5. **Paragraphs.**  Joins become hyphen / word / sentence / paragraph / gap,
   each with a confidence calibrated on synthetic cases (``_calibrated``);
   hyphenation is rejoined only when the joined word is a word; a gap is
   reported where the text proves material missing.

A glued line that holds the end of one fragment and the start of another
appears in two ``order`` ranges with the same line number (the first range
ends on it, the second starts on it); ``Reassembly.cols`` gives the character
columns that tell the two halves apart.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

# ====================================================================== API


@dataclass
class Join:
    """How ``order[after]`` continues into ``order[after + 1]``.

    ``kind``: "hyphen" (a word split across the join), "word" (mid-sentence),
    "sentence" (new sentence, same paragraph), "paragraph" or "gap"
    (material missing).  ``confidence`` is the solver's belief in this
    succession, in [0, 1] (the softmax probability of the chosen successor
    among all alternatives, the smaller of the row and column views).
    """

    after: int
    confidence: float
    kind: str


@dataclass
class Paragraph:
    """Restored text of one paragraph (or heading / title line)."""

    text: str
    ranges: list[tuple[int, int]]
    gap_before: bool = False
    gap_after: bool = False
    heading: bool = False


@dataclass
class Reassembly:
    """The restored reading order of one extraction.

    ``order``: 1-based inclusive line ranges in reading order (a glued line
    split into two fragments occurs in two ranges); ``furniture``: ranges of
    page furniture removed; ``gaps_after``: indexes into ``order`` after which
    material is missing; ``joins``: one per consecutive pair of ``order``;
    ``cols``: per ``order`` item, the character column where it starts on its
    first line and ends (exclusive) on its last line — not part of the JSON
    contract, used to tell the halves of a glued line apart; ``scores``: the
    log-odds of each join (for calibration and review); ``missing_pages``:
    page numbers absent from the page furniture (not in the JSON contract).
    """

    order: list[tuple[int, int]] = field(default_factory=list)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    gaps_after: list[int] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cols: list[tuple[int, int]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    #: page numbers the page furniture skips (1, 2, 4: page 3 is lost); where its text belonged is not known
    missing_pages: list[int] = field(default_factory=list)

    def to_json(self) -> dict:
        """The JSON contract of ``edition reassemble --json``."""
        return {
            "order": [[a, b] for a, b in self.order],
            "furniture": [[a, b] for a, b in self.furniture],
            "gaps_after": list(self.gaps_after),
            "joins": [
                {"after": j.after, "confidence": round(j.confidence, 4), "kind": j.kind}
                for j in self.joins
            ],
            "paragraphs": [p.text for p in self.paragraphs],
        }


# ================================================================ lexicon

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CLOSERS = "\"'”’»)]*"
_OPEN_Q = "“‘«"


@lru_cache(maxsize=1 << 18)
def _zipf(word: str) -> float:
    """wordfreq Zipf frequency (cached: the same words are asked many times)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


#: Word endings that hyphenation leaves at a line start and that wordfreq
#: knows only as broken-text noise.
_SUFFIXES = frozenset(
    """ity ities tion tions sion sions ment ments ness ing ings ous ive ives ism isms ist ists
ly ed er ers al als ence ences ance ances able ible ical ally ation ations ture tures ty ry cy
ise ize ised ized ising izing ic ics ial ian ians ful less est""".split()
)


#: Shortest stem that counts as shared evidence between a joined word and the document's words.
_STEM = 6


class _Lexicon:
    """What counts as a word: wordfreq plus the document's own vocabulary.

    Why both: wordfreq knows English at large but not "Thermidor" or
    "Trotskyism"; the document knows its own rare words, but only from
    tokens that are certainly whole (not at a line start, not before a
    line-end hyphen).
    """

    def __init__(self, lines: Sequence[str]):
        vocab: Counter[str] = Counter()
        for ln in lines:
            toks = ln.split()
            for i, t in enumerate(toks):
                if i == 0 or (i == len(toks) - 1 and t.endswith("-")):
                    continue
                for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", t):
                    vocab[w.lower()] += 1
        self.vocab = vocab
        # prefixes (≥ _STEM chars) of the document's own words, for stem matches
        self.prefixes: set[str] = {
            w[:k] for w in vocab if "-" not in w for k in range(_STEM, len(w) + 1)
        }

    def stem_match(self, left: str, right: str) -> bool:
        """Whether "left" + "right" shares a long stem with a word the document writes whole.

        Why: the document's rare words come inflected ("Mensheviks" written
        whole, "Men-shevism" hyphenated); wordfreq knows neither, but the
        joined "menshevism" shares "menshevi" with "mensheviks".  The stem
        must reach well into the right half (so a common left half alone, as
        in "Men-" + "only", proves nothing) and cover most of the joined word.
        """
        j = (left + right).lower()
        k = len(j)
        while k >= _STEM and j[:k] not in self.prefixes:
            k -= 1
        return k >= _STEM and k >= len(left) + 2 and k >= 0.7 * len(j)

    def hyph_ok(self, left: str, right: str) -> bool:
        """ "left-" + "right" across a line end makes a word (or the document's own compound)."""
        return self.hyph_strength(left, right) > 0

    def hyph_strength(self, left: str, right: str) -> int:
        """How well "left-" + "right" is attested: 3 by the document itself (the word, its
        hyphenated compound, or a shared long stem), 2 a common English word, 1 a rare one, 0 none.

        Why graded: wordfreq knows many rare strings ("mento"); when another
        candidate completes the same hyphen with the document's own word
        ("men-shevism" ~ "mensheviks"), the weaker completion loses.
        """
        lw, rw = left.lower(), right.lower()
        if not lw or not rw:
            return 0
        j = lw + rw
        if (
            self.vocab.get(j, 0) > 0
            or self.vocab.get(f"{lw}-{rw}", 0) > 0
            or self.stem_match(lw, rw)
        ):
            return 3
        z = _zipf(j)
        return 2 if z >= 2.5 else (1 if z >= 1.0 else 0)

    def is_word(self, w: str) -> bool:
        """A standalone word (so not the tail of a hyphenated word)."""
        lw = w.lower()
        return bool(lw) and (self.vocab.get(lw, 0) > 0 or _zipf(lw) >= 3.0)

    def fragment(self, w: str) -> bool:
        """A word's tail left by hyphenation ("shevism", "tion"), not a word of its own.

        Rare but real words ("reversion") must not count: only unknown
        strings, or common word endings that are not words by themselves.
        """
        lw = w.lower()
        if not lw or self.vocab.get(lw, 0) > 0:
            return False
        return _zipf(lw) < 1.5 or lw in _SUFFIXES

    def known(self, w: str) -> bool:
        """Plausible as a joined word (rarer words allowed)."""
        lw = w.lower()
        return bool(lw) and (self.vocab.get(lw, 0) > 0 or _zipf(lw) >= 1.0)

    def drop_hyphen(self, left: str, right: str) -> bool:
        """Whether "left-" + "right" is a hyphenated word (drop) or a compound (keep).

        Keep the hyphen when the document itself writes the compound with a
        hyphen ("counter-revolution", "middle-class"), or when both halves
        are words and the joined form is not ("five-year"); drop it when the
        joined form is a word ("bureaucracy") or when the halves are not both
        words ("Men-shevism").  A rarer left half still counts as a word when
        the joined form is unknown everywhere: "bureaucratically-" +
        "degenerated" is a compound, never "bureaucraticallydegenerated".
        """
        lw, rw = left.lower(), right.lower()
        if not lw or not rw:
            return False
        if self.vocab.get(f"{lw}-{rw}", 0) > 0:
            return False
        joined = lw + rw
        if self.vocab.get(joined, 0) > 0 or _zipf(joined) >= 2.0:
            return True
        if self.is_word(lw) and self.is_word(rw) and len(lw) > 1:
            return False
        if (
            _zipf(joined) < 1.0
            and len(lw) > 2
            and len(rw) > 2
            and rw not in _SUFFIXES
            and self.known(lw)
            and self.known(rw)
        ):
            return False
        return True


# ============================================================ lines, furniture

_PAGENO = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
_FOOTER = re.compile(r"\.qxp\b|\bPage\s*\d+\s*$|\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}\b", re.I)
_HEADING = re.compile(r"^\s*(\d{1,2})\.\s+[A-Z“‘\"']")
_ABBREV = {
    "p",
    "pp",
    "ibid",
    "cf",
    "etc",
    "vol",
    "ed",
    "eds",
    "no",
    "ch",
    "op",
    "cit",
    "e.g",
    "i.e",
    "vs",
    "al",
    "fig",
    "n",
}


def _is_blank(s: str) -> bool:
    return not s.strip()


def find_furniture(lines: Sequence[str]) -> set[int]:
    """0-based indexes of page furniture lines.

    Page numbers (a lone number on its own line), printer's footers
    ("….qxp:Layout 1  9/5/11  09:41  Page4": a .qxp name, a date and time, a
    trailing "PageN"), and running titles: a short line repeated verbatim
    that stands alone between blank lines (a repeated line inside running
    text is text, however often it recurs).
    """
    out: set[int] = set()
    n = len(lines)

    def isolated(i: int) -> bool:
        return (i == 0 or _is_blank(lines[i - 1])) and (i == n - 1 or _is_blank(lines[i + 1]))

    norm = [" ".join(s.split()) for s in lines]
    counts = Counter(norm)
    for i, s in enumerate(lines):
        if _is_blank(s):
            continue
        if _FOOTER.search(s):
            out.add(i)
        elif _PAGENO.match(s) and (
            isolated(i)
            or i == 0
            or i == n - 1
            or _is_blank(lines[i - 1])
            or _is_blank(lines[i + 1])
        ):
            out.add(i)
        elif (
            6 <= len(norm[i]) <= 60
            and counts[norm[i]] >= 2
            and not norm[i].endswith("-")
            and not _HEADING.match(s)
        ):
            if isolated(i):
                out.add(i)
    return out - _title_block_copy(lines, norm, counts, out)


_FOOTER_PAGE = re.compile(r"\bPage\s*(\d{1,4})\s*$", re.I)


def missing_pages(lines: Sequence[str], furn: set[int]) -> list[int]:
    """Page numbers absent between the lowest and highest the page furniture prints.

    Why: a magazine prints a number on every page; when the extraction
    shows pages 1, 2 and 4, page 3 is lost.  Where its text belonged the
    number does not say (placing the gap from it was tried and did not hold
    up on calibration cases), so this is reported for the editor, not
    forced into the order.
    """
    seen: set[int] = set()
    for i in furn:
        s = lines[i].strip()
        m = _FOOTER_PAGE.search(s)
        if m:
            seen.add(int(m.group(1)))
        elif s.isdecimal():
            seen.add(int(s))
    if len(seen) < 3:
        return []  # two numbers are no sequence (two years, a page and a list number)
    gone = [k for k in range(min(seen), max(seen)) if k not in seen]
    # a page sequence is mostly complete: numbers on alternate pages (2, 4, 6, 8) lose nothing
    return gone if len(gone) <= max(1, len(seen) // 3) else []


def _title_block_copy(
    lines: Sequence[str], norm: Sequence[str], counts: Counter[str], furn: set[int]
) -> set[int]:
    """The one occurrence of a repeated running title that belongs to the article's title block.

    Why: a magazine repeats the article title as a running header on later
    pages (furniture), but the title block at the start holds the same line
    once as text, next to other stand-alone short lines (the author, a
    subtitle) that are not repeated.  Dropping every copy would lose the
    title and leave the author line without a successor.  Only the first
    such occurrence per repeated line is kept.
    """
    keep: set[int] = set()
    done: set[str] = set()
    n = len(lines)

    def standalone_neighbour(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < n and _is_blank(lines[j]):
            j += step
        if not (0 <= j < n) or j in furn or abs(j - i) > 3 or counts[norm[j]] != 1:
            return False
        isolated = (j == 0 or _is_blank(lines[j - 1])) and (j == n - 1 or _is_blank(lines[j + 1]))
        t = norm[j]
        return (
            isolated
            and 3 <= len(t) <= 60
            and t[:1].isupper()
            and not _ends_sentence(t)
            and not t.endswith((",", ";", ":", "-"))
            and not _PAGENO.match(t)
            and not _FOOTER.search(t)
            and not _HEADING.match(t)
        )

    for i in sorted(furn):
        key = norm[i]
        if key in done or counts[key] < 2 or _PAGENO.match(lines[i]) or _FOOTER.search(lines[i]):
            continue
        if standalone_neighbour(i, -1) or standalone_neighbour(i, 1):
            keep.add(i)
            done.add(key)
    return keep


def _median_width(lines: Sequence[str]) -> float:
    ws = sorted(len(s.strip()) for s in lines if s.strip())
    if not ws:
        return 0.0
    # most lines of a justified column are full: the median is the column width
    return float(ws[len(ws) // 2])


# ================================================================== fragments


@dataclass
class _Piece:
    line: int  # 0-based
    c0: int
    c1: int
    text: str  # stripped
    cut: str  # how it is separated from the previous piece: "", blank, soft, glue, head


@dataclass
class _Frag:
    pieces: list[_Piece]
    pos: int  # index in input order
    cut_before: str
    heading: int | None = None  # section number if a heading
    title: bool = False

    @property
    def first_line(self) -> int:
        return self.pieces[0].line

    @property
    def last_line(self) -> int:
        return self.pieces[-1].line

    @property
    def text_first(self) -> str:
        return self.pieces[0].text

    @property
    def text_last(self) -> str:
        return self.pieces[-1].text


def _glue_splits(raw: str, width: float) -> list[int]:
    """Character offsets where an over-long line holds two glued fragments.

    Only lines clearly longer than a column can hold two column lines, so
    a double space inside a normal line (justification) is not a cut.  In
    such a line, a full stop followed by a lower-case word ("1943. to it")
    is a cut too (not after an abbreviation such as "pp.").
    """
    out: list[int] = []
    body = raw.rstrip()
    lead = len(body) - len(body.lstrip())
    if not width or len(body.strip()) <= 1.15 * width:
        return out
    for m in re.finditer(r"(\.[”’\"')]*) ([a-z])", body):
        before = body[: m.start() + 1].split()
        tok = before[-1].rstrip(".").lower() if before else ""
        if tok in _ABBREV or len(tok) <= 1:
            continue
        out.append(m.end() - 1)
    if len(body.strip()) > 1.3 * width:
        runs = [m for m in re.finditer(r"\S(\s{2,})\S", body) if m.start(1) > lead]
        if runs:
            mid = lead + len(body.strip()) / 2
            best = min(runs, key=lambda m: abs(m.start(1) - mid))
            out.append(best.end(1))
    return sorted(set(o for o in out if lead < o < len(body)))


def _heading_lines(lines: Sequence[str], furn: set[int], width: float) -> dict[int, int]:
    """Map line index → section number for lines that belong to a numbered heading.

    A heading starts with "N. Capital", follows a blank line or a sentence
    end, and runs over the next lines while they are shorter than body
    lines (headings are set in a larger font) — at most four lines.
    """
    out: dict[int, int] = {}
    n = len(lines)
    i = 0
    while i < n:
        s = lines[i]
        m = _HEADING.match(s)
        prev = next((j for j in range(i - 1, -1, -1) if j not in furn), None)
        after_break = prev is None or _is_blank(lines[prev]) or _ends_sentence(lines[prev].strip())
        if (
            m
            and i not in furn
            and after_break
            and len(s.strip()) <= max(width, 20)
            and not _ends_sentence(s.strip())
        ):
            num = int(m.group(1))
            out[i] = num
            j = i + 1
            cur = s
            while j < n and j - i < 4 and not _is_blank(lines[j]) and j not in furn:
                t = lines[j]
                short = len(t.strip()) < 0.9 * width or cur.endswith(" ")
                if not short or cur.strip().endswith((".", ":", ";")):
                    break
                out[j] = num
                cur = t
                j += 1
            i = j
        else:
            i += 1
    return out


def _broken(prev: str, raw: str, lex: _Lexicon | None) -> bool:
    """Whether a line that starts with a space certainly does not continue ``prev``.

    Why: extractors put a space before a column piece they glued to the
    previous one, but also before ordinary lines (justification, a quote
    mark), so a leading space alone proves nothing.  With it, a hyphen whose
    completion is no word ("Men-" / " only"), a lower-case line after a
    full stop, or a word tail after a complete word is a certain cut.
    """
    if not raw[:1].isspace() or lex is None:
        return False
    e = _end_class(prev)
    t = raw.strip()
    first = _first_word(t)
    lower = t[:1].islower()
    if e == "hyph":
        return not lower or not first or not lex.hyph_ok(_last_word(prev), first)
    if e == "sent":
        toks = prev.split()
        tok = toks[-1].rstrip(_CLOSERS).rstrip(".").lower() if toks else ""
        return lower and tok not in _ABBREV and len(tok) > 1
    return e == "open" and lower and bool(first) and lex.fragment(first)


def _cut(
    lines: Sequence[str],
    furn: set[int],
    forced_after: set[int],
    forced_before: set[int],
    lex: _Lexicon | None = None,
) -> list[_Frag]:
    """Split the input into fragments (see the module docstring, step 1).

    ``lex`` enables the certain cuts of ``_broken`` (cut kind "broken",
    which earns no adjacency evidence)."""
    width = _median_width([s for i, s in enumerate(lines) if i not in furn])
    heads = _heading_lines(lines, furn, width)
    pieces: list[_Piece] = []
    prev_line = -2
    for i, raw in enumerate(lines):
        if i in furn or _is_blank(raw):
            continue
        if prev_line < 0:
            cut = "start"
        elif i > prev_line + 1:
            cut = "blank"
        elif (i in heads) != (prev_line in heads) or (
            i in heads and heads[i] != heads.get(prev_line)
        ):
            cut = "head"
        elif prev_line in forced_after or i in forced_before:
            cut = "forced"
        elif pieces and _broken(pieces[-1].text, raw, lex):
            cut = "broken"
        elif raw[:1].isspace():
            cut = "soft"
        else:
            cut = ""
        body = raw.rstrip()
        splits = _glue_splits(raw, width) if i not in heads else []
        bounds = [len(body) - len(body.lstrip())] + splits + [len(body)]
        for k in range(len(bounds) - 1):
            a, b = bounds[k], bounds[k + 1]
            txt = body[a:b].strip()
            if not txt:
                continue
            # keep columns tight around the text
            a2 = a + (len(body[a:b]) - len(body[a:b].lstrip()))
            pieces.append(_Piece(i, a2, a2 + len(txt), txt, cut if k == 0 else "glue"))
            cut = "glue"
        prev_line = i
    frags: list[_Frag] = []
    for p in pieces:
        if not frags or p.cut:
            frags.append(_Frag([p], len(frags), p.cut or "start"))
        else:
            frags[-1].pieces.append(p)
    for f in frags:
        if f.first_line in heads and all(p.line in heads for p in f.pieces):
            f.heading = heads[f.first_line]
        f.title = _title_like(f, lines, width)
    return frags


def _title_like(f: _Frag, lines: Sequence[str], width: float) -> bool:
    """Short, unpunctuated, stand-alone lines at most three deep: an author, a title."""
    if f.heading is not None or len(f.pieces) > 3 or f.cut_before not in ("start", "blank"):
        return False
    if any(len(p.text) >= 0.75 * width for p in f.pieces):
        return False
    last = f.text_last
    if _ends_sentence(last) or last.endswith((",", ";", ":", "-")):
        return False
    nxt = f.last_line + 1
    if nxt < len(lines) and not _is_blank(lines[nxt]):
        return False
    first = f.text_first.lstrip(_OPEN_Q + "\"'")
    return bool(first) and first[0].isupper()


# ===================================================================== evidence


def _ends_sentence(s: str) -> bool:
    t = s.rstrip().rstrip(_CLOSERS)
    return t.endswith((".", "!", "?", "…"))


def _end_class(s: str) -> str:
    """hyph | sent | colon | open (mid-sentence)."""
    t = s.rstrip()
    if re.search(r"[^\W\d_]\s?-$", t) and not t.endswith("--"):
        return "hyph"
    if _ends_sentence(t):
        return "sent"
    if t.rstrip(_CLOSERS).endswith((":", ";", "--", "—")):
        return "colon"  # may go on in lower case or start a sentence (a dash: interrupted speech)
    return "open"


def _start_class(s: str, lex: _Lexicon) -> tuple[str, bool]:
    """(upper | lower | other, partial): partial = first token is not a standalone word."""
    t = s.lstrip()
    core = t.lstrip(_OPEN_Q + "\"'([")
    m = _WORD.match(core)
    first = m.group(0) if m else ""
    if core[:1].isdigit():
        return (
            "other",
            False,
        )  # "In" / "1844 the weavers": a number continues a sentence as well as it starts one
    if not core or not core[0].isalpha():
        return "other", False
    if core[0].isupper():
        return "upper", False
    return "lower", bool(first) and lex.fragment(first)


def _last_word(s: str) -> str:
    m = re.search(r"([^\W\d_]+)\s?-$", s.rstrip())
    return m.group(1) if m else ""


def _first_word(s: str) -> str:
    m = _WORD.match(s.lstrip().lstrip(_OPEN_Q + "\"'(["))
    return m.group(0) if m else ""


def _quote_state(text: str) -> tuple[bool, bool]:
    """(closes a quotation it did not open, ends inside a quotation) for curly double quotes.

    Why a clamped scan rather than a count: a fragment that first closes the
    quotation its predecessor opened and later opens one of its own has a
    balance of zero, yet it both continues a quotation and leaves one open.
    """
    depth = unmatched = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return unmatched > 0, depth > 0


_TOP_WORDS = 120


def _tokens(s: str) -> list[str]:
    return s.split()


def _wclass(tok: str, top: dict[str, int]) -> int:
    """Word class for the self-trained bigram model: frequent words are their own class."""
    core = tok.strip(_CLOSERS + _OPEN_Q + "(").lower()
    if tok and tok[-1] in ",;:":
        return 1
    if _ends_sentence(tok):
        return 2
    if core in top:
        return 5 + top[core]
    if core[:1].isdigit():
        return 3
    if tok.lstrip(_OPEN_Q + "(\"'")[:1].isupper():
        return 4
    return 0


_WORD_OR_NUM = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*")


def _word_key(tok: str) -> str:
    """A word in lower case; every number is one token "<num>" ("than 50", "than 1,500")."""
    return "<num>" if tok[:1].isdigit() else tok.lower()


def _first_key(s: str) -> str:
    """``_word_key`` of a line's first word or number (after opening quotes and brackets)."""
    m = _WORD_OR_NUM.match(s.lstrip().lstrip(_OPEN_Q + "\"'(["))
    return _word_key(m.group(0)) if m else ""


class _ClassBigrams:
    """PMI of word classes across a join, trained on the document's own certain joins.

    Why: every line break inside a fragment is a true succession, so the
    document teaches which word classes follow which ("the" → content
    word, never "the" → "the"); no external model, nothing downloaded.
    """

    def __init__(self, frags: Sequence[_Frag]):
        cnt: Counter[str] = Counter()
        for f in frags:
            for p in f.pieces:
                for t in _tokens(p.text):
                    cnt[t.strip(_CLOSERS + _OPEN_Q + "(").lower()] += 1
        self.top = {
            w: i
            for i, (w, _c) in enumerate(
                sorted(cnt.items(), key=lambda x: (-x[1], x[0]))[:_TOP_WORDS]
            )
        }
        k = 5 + _TOP_WORDS
        m = np.ones((k, k))
        for f in frags:
            toks = [t for p in f.pieces for t in _tokens(p.text)]
            cl = [_wclass(t, self.top) for t in toks]
            for a, b in zip(cl, cl[1:]):
                m[a, b] += 1
        words = [
            _word_key(w) for f in frags for p in f.pieces for w in _WORD_OR_NUM.findall(p.text)
        ]
        self.word_bigrams = Counter(zip(words, words[1:]))
        row = m / m.sum(axis=1, keepdims=True)
        col = m.sum(axis=0) / m.sum()
        self.pmi = np.clip(np.log(row / col[None, :]), -3.0, 3.0)

    def cls_last(self, s: str) -> int:
        toks = _tokens(s)
        return _wclass(toks[-1], self.top) if toks else 0

    def cls_first(self, s: str) -> int:
        toks = _tokens(s)
        return _wclass(toks[0], self.top) if toks else 0


#: The English word-bigram and unigram counts (Google Books n-grams, as shipped
#: in the symspellpy wheel, MIT): read offline, never downloaded.
_EN_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
_EN_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
#: Bound of the English bigram PMI (in nats): beyond it the evidence is saturated.
_PMI_CLIP = 4.0


@dataclass(frozen=True)
class _EnglishBigrams:
    """Pointwise mutual information of English word pairs, from pruned n-gram counts.

    Why PMI and not P(w2 | w1): the solver matches every fragment to one
    successor, so what counts for "B follows A" is how much more likely B's
    first word is after A's last word than after any line end — a frequent
    word ("the") must not attract every open sentence.  The bigram list is
    pruned below a count ``floor``: a listed pair gives log(c / E), where E
    is the count expected if the two words were independent; an unlisted
    pair whose expected count is well above the floor is evidence *against*
    the pair ("the of"), so it gets log(floor/2 / E) < 0; an unlisted pair of
    rare words proves nothing (0).  Unigram and bigram counts come from
    different slices of the corpus, so E uses a ``scale`` measured on the
    frequent words (how much bigram mass a unigram count carries).
    """

    bigrams: dict[str, int]
    unigrams: dict[str, int]
    total: float
    floor: float
    scale: float
    #: words the bigram list has on the left (resp. right) at least once; the list
    #: leaves some words out altogether ("soviet"), and for those nothing is known
    lefts: frozenset[str] = frozenset()
    rights: frozenset[str] = frozenset()

    def log_expected(self, w1: str, w2: str) -> float | None:
        """log of the pair count expected under independence (None: a word unknown)."""
        u1, u2 = self.unigrams.get(w1), self.unigrams.get(w2)
        if not u1 or not u2 or w1 not in self.lefts or w2 not in self.rights:
            return None
        return math.log(self.scale) + math.log(u1) + math.log(u2) - math.log(self.total)

    def pmi(self, w1: str, w2: str) -> float:
        """Clipped PMI of "w1 w2" (lower-case words); 0 when nothing is known."""
        le = self.log_expected(w1, w2)
        if le is None:
            return 0.0
        c = self.bigrams.get(f"{w1} {w2}")
        v = math.log(c) - le if c else min(0.0, math.log(self.floor / 2) - le)
        return max(-_PMI_CLIP, min(_PMI_CLIP, v))


def _read_counts(text: str) -> dict[str, int]:
    """Parse "words… count" lines (the symspellpy dictionary format); bad lines are skipped."""
    out: dict[str, int] = {}
    for line in text.splitlines():
        k, _, c = line.rpartition(" ")
        if k and c.isdigit():
            out[k] = int(c)
    return out


@lru_cache(maxsize=1)
def _english_bigrams() -> _EnglishBigrams | None:
    """The English bigram model, read once (~0.4 s); None when symspellpy's data are missing.

    Why optional at run time: the reassembler still works (a little worse)
    without the data; the dependency is declared, so this is only a guard.
    """
    try:
        from importlib.resources import files

        root = files("symspellpy")
        bigrams = _read_counts((root / _EN_BIGRAMS).read_text(encoding="utf-8"))
        unigrams = _read_counts((root / _EN_UNIGRAMS).read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        import warnings

        warnings.warn(
            "symspellpy's English bigram counts are missing; reading order uses the document's own evidence only",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    if not bigrams or not unigrams:
        return None
    # bigram mass per unigram count, on the most frequent words (least affected by pruning):
    # the upper quartile, since pruning only ever removes mass
    top = sorted(unigrams, key=lambda w: (-unigrams[w], w))[:200]
    topset = set(top)
    left: Counter[str] = Counter()
    lefts: set[str] = set()
    rights: set[str] = set()
    for k, c in bigrams.items():
        w1, _, w2 = k.partition(" ")
        lefts.add(w1)
        rights.add(w2)
        if w1 in topset:
            left[w1] += c
    ratios = sorted(left[w] / unigrams[w] for w in top)
    scale = ratios[(3 * len(ratios)) // 4]
    return _EnglishBigrams(
        bigrams,
        unigrams,
        float(sum(unigrams.values())),
        float(min(bigrams.values())),
        scale,
        frozenset(lefts),
        frozenset(rights),
    )


# ==================================================================== geometry

#: Column heights (lines) the layout estimate considers.
_H_MIN, _H_MAX = 12, 150


@dataclass
class _Geometry:
    """Where fragments sit in the page layout, as far as line counts tell.

    ``height``: the estimated lines per column (None: no consistent
    height); ``tol``: how many lines a column may differ from it (0 for a
    regular layout, 1 when headings or a title block make columns drift);
    ``run``: per fragment, the furniture-delimited input run of its last
    (``run_last``) and first (``run``) line; ``start_off``/``end_off``: the
    line offset within its column at which the fragment starts / after
    which it ends (0 = column top / bottom), -1 unknown.
    """

    height: int | None
    run: np.ndarray
    run_last: np.ndarray
    start_off: np.ndarray
    end_off: np.ndarray
    tol: int = 0

    @property
    def top(self) -> np.ndarray:
        """1 at a column top, 0 certainly not, -1 unknown (offsets of breaks are exactly 0)."""
        return np.where(self.start_off < 0, -1, (self.start_off == 0).astype(int))

    @property
    def bottom(self) -> np.ndarray:
        """1 at a column bottom, 0 certainly not, -1 unknown."""
        return np.where(self.end_off < 0, -1, (self.end_off == 0).astype(int))


def _runs(frags: Sequence[_Frag], furn: set[int]) -> list[list[tuple[int, int]]]:
    """Pieces grouped into runs between furniture lines, as (fragment, piece index) pairs.

    Why: page numbers and footers mark page ends, and a running header a
    page start, so an extractor that emits whole columns starts every run
    at the top of a column.
    """
    fl = sorted(furn)
    runs: list[list[tuple[int, int]]] = []
    prev = -1
    k = 0
    for fi, f in enumerate(frags):
        for pi, p in enumerate(f.pieces):
            # any furniture line between the previous piece's line and this one starts a new run
            k0 = k
            while k < len(fl) and fl[k] < p.line:
                k += 1
            if not runs or (k > k0 and fl[k - 1] > prev):
                runs.append([])
            runs[-1].append((fi, pi))
            prev = p.line
    return runs


def _column_height(runs: Sequence[Sequence[tuple[int, int]]], frags: Sequence[_Frag]) -> int | None:
    """The lines per column H, when the runs are made of whole columns; else None.

    A candidate H must divide the length of every run of at least H lines
    but one in four (the page where the article stops short, a glued line
    the cutter missed), nearly every multiple
    of H inside a run must fall on a fragment boundary (columns are
    separated by a blank line or a cut; an extractor sometimes glues them
    without one), and at least two such inner column ends must be confirmed.  The smallest such
    H wins (a multiple of the true height passes the same test).  Why so
    strict: a wrong H would assert column tops that are not there, while no
    H only withholds the evidence.
    """
    lens = [len(r) for r in runs]
    total = sum(lens)
    if total < 2 * _H_MIN:
        return None
    starts = [{i for i, (_fi, pi) in enumerate(r) if pi == 0} for r in runs]
    for h in range(_H_MIN, min(_H_MAX, total) + 1):
        covered = inner = hits = odd = big = 0
        for L, st in zip(lens, starts):
            if L < h:
                continue
            big += 1
            if L % h:
                odd += 1
                continue
            covered += L
            inner += L // h - 1
            hits += sum(m in st for m in range(h, L, h))
        if odd <= 1 + big // 4 and hits >= 2 and hits >= 0.8 * inner and covered >= total / 2:
            return h
    return None


def _geometry(frags: Sequence[_Frag], furn: set[int]) -> _Geometry:
    """Column positions of fragment starts and ends (see ``_Geometry``)."""
    n = len(frags)
    runs = _runs(frags, furn)
    run = np.zeros(n, int)
    run_last = np.zeros(n, int)
    start_off = np.full(n, -1)
    end_off = np.full(n, -1)
    h = _column_height(runs, frags)
    for ri, r in enumerate(runs):
        whole = h is not None and len(r) % h == 0
        for i, (fi, pi) in enumerate(r):
            if pi == 0:
                run[fi] = ri
                if whole:
                    start_off[fi] = i % h
            if pi == len(frags[fi].pieces) - 1:
                run_last[fi] = ri
                if whole:
                    end_off[fi] = (i + 1) % h
    return _Geometry(h, run, run_last, start_off, end_off)


#: Names of the pairwise features, in the order of ``_W``.
FEATURES = [
    "bias",
    "hyph_valid",
    "hyph_partial",
    "hyph_compound",
    "hyph_notlower",
    "partial_nohyph",
    "open_lower",
    "open_upper",
    "sent_upper",
    "sent_lower",
    "colon_upper",
    "colon_lower",
    "adj_plain",
    "adj_blank",
    "forward",
    "pmi",
    "quote_close",
    "title_title",
    "title_body",
    "head_after_sent",
    "head_after_open",
    "title_after_body",
    "head_detached",
    "sent_short_upper",
    "adjblank_sent_upper",
    "adjtight_open_lower",
    "back_adjacent",
    "adj_soft",
    "adj_glue",
    "soft_hyph_bad",
    "bigram_seen",
    "adjblank_open",
    "open_upper_proper",
    "adj_contra",
    "open_func_upper",
    "word_fits",
    "word_fits_far",
    "en_bigram_pos",
    "en_bigram_neg",
    "geo_break",
    "geo_clash",
    "same_run",
    "next_run",
    "geo_fit",
    "adj_break",
    "cohesion",
    "char_lm",
]

#: Conditional-logit weights for FEATURES (the true successor must win the
#: softmax over all candidate successors, the true predecessor over all
#: candidate predecessors), fitted by ``python3 bench/bench_reassemble.py
#: --fit`` (L2 = 0.3, Adam) on synthetic scrambles of the English side of four
#: TransRead novels (seeds 1000–1059); do not hand-edit.  Scores are
#: therefore softmax logits: only differences between candidates matter.
_W = np.array(
    [
        0.000,
        4.355,
        0.033,
        -1.140,
        -1.763,
        -3.154,
        0.892,
        -1.161,
        0.050,
        -2.689,
        0.491,
        -0.034,
        5.454,
        4.525,
        0.681,
        0.122,
        1.437,
        2.560,
        0.089,
        0.891,
        -0.642,
        -2.665,
        0.128,
        0.057,
        1.875,
        2.083,
        -2.674,
        5.142,
        -0.319,
        0.000,
        0.234,
        -1.463,
        0.101,
        1.522,
        -0.221,
        -0.691,
        1.289,
        0.775,
        0.810,
        2.822,
        -1.607,
        0.802,
        -1.110,
        1.915,
        0.953,
        0.898,
        1.810,
    ]
)

#: Start/end scores (log-odds scale, hand-set): a text starts with its title
#: block or a capital and ends with a full sentence.
_START_TITLE, _START_UPPER, _START_OTHER, _START_LOWER = 12.0, 0.0, -2.0, -5.0
_END_SENT, _END_OTHER, _END_HYPH = 0.0, -3.0, -6.0
#: Beyond this many fragments the solver works in windows of the input order
#: (of ``_BIG_WINDOW`` fragments), which bounds time and memory on huge inputs.
_WINDOW = 700
_BIG_WINDOW = 300


@dataclass
class _Evidence:
    """Per-fragment facts the pairwise features are built from."""

    end: list[str]
    start: list[str]
    partial: np.ndarray
    short_last: np.ndarray
    title: np.ndarray
    heading: np.ndarray
    qopen: np.ndarray
    qclose: np.ndarray
    pos: np.ndarray
    tight: np.ndarray  # cut before is soft/glue/head/forced (no blank line)
    cut: list[str]
    blank: np.ndarray
    cls_last: np.ndarray
    cls_first: np.ndarray
    last_word: list[str]
    first_word: list[str]
    first_key: list[str]  # B's first word in lower case, or "<num>" (see ``_word_key``)
    char_left: list[
        str
    ]  # the fragment's last characters, as the character model's context (``_char_lm_pairs``)
    char_right: list[str]  # its first characters
    char_model: _CharModel | None  # the document's character model
    tail_words: list[frozenset[str]]  # content words at the fragment's end (see ``_cohesion``)
    head_words: list[frozenset[str]]  # content words at its start
    tail_word: list[str]
    #: A's last word when A ends mid-sentence on a bare word (no comma, quote or bracket), lower case
    join_word: list[str]
    proper: np.ndarray  # first word is a capitalised word the document also uses mid-sentence
    func_end: np.ndarray  # A ends mid-sentence on a function word ("of", "the", "than")
    last_len: np.ndarray  # characters on A's last line
    first_tok: np.ndarray  # characters of B's first token
    width: float
    #: per hyphen-ending fragment: the best ``hyph_strength`` any candidate (in its window) reaches
    hyph_alt: dict[int, int] = field(default_factory=dict)
    #: column geometry (None: not estimated, the geometric features stay 0)
    geo: _Geometry | None = None
    #: pairwise text evidence already computed, by window (it does not change between solver passes)
    cache: dict = field(default_factory=dict)


def _cached(ev: _Evidence, key: tuple, make):
    if key not in ev.cache:
        ev.cache[key] = make()
    return ev.cache[key]


def _mid_capitals(frags: Sequence[_Frag]) -> Counter[str]:
    """How often each capitalised word occurs in mid-sentence (names, not sentence starts)."""
    out: Counter[str] = Counter()
    for f in frags:
        toks = [t for p in f.pieces for t in _tokens(p.text)]
        for prev, t in zip(toks, toks[1:]):
            w = _first_word(t)
            if (
                w[:1].isupper()
                and not _ends_sentence(prev)
                and not prev.rstrip(_CLOSERS).endswith(":")
            ):
                out[w] += 1
    return out


#: Words after which a sentence cannot pause for a capitalised common word.
_FUNCTION = frozenset(
    """a an the of to in on at by for with from into than that which who whom whose and or but nor as
if while whereas because although though its their his her our your my this these those such no not very more most
less so too be been being is are was were has have had do does did can could would should may might must will shall
between among against towards toward through without within upon under over about after before""".split()
)


def _evidence(
    frags: Sequence[_Frag],
    lex: _Lexicon,
    width: float,
    bg: _ClassBigrams,
    furn: set[int] | None = None,
) -> _Evidence:
    """Per-fragment facts; ``furn`` (the furniture lines) enables the column geometry."""
    end = [_frag_end(f, width) for f in frags]
    sc = [_start_class(f.text_first, lex) for f in frags]
    caps = _mid_capitals(frags)
    ev = _Evidence(
        end=end,
        start=[s for s, _p in sc],
        partial=np.array([p for _s, p in sc], bool),
        short_last=np.array([len(f.text_last) < 0.85 * width for f in frags], bool),
        title=np.array([f.title for f in frags], bool),
        heading=np.array([f.heading is not None for f in frags], bool),
        qopen=np.array([_quote_state(" ".join(p.text for p in f.pieces))[1] for f in frags], bool),
        qclose=np.array([_quote_state(" ".join(p.text for p in f.pieces))[0] for f in frags], bool),
        pos=np.array([f.pos for f in frags]),
        tight=np.array([f.cut_before in ("soft", "glue", "head", "forced") for f in frags], bool),
        blank=np.array([f.cut_before == "blank" for f in frags], bool),
        cut=[f.cut_before for f in frags],
        cls_last=np.array([bg.cls_last(f.text_last) for f in frags]),
        cls_first=np.array([bg.cls_first(f.text_first) for f in frags]),
        last_word=[_last_word(f.text_last) if e == "hyph" else "" for f, e in zip(frags, end)],
        first_word=[_first_word(f.text_first) for f in frags],
        first_key=[_first_key(f.text_first) for f in frags],
        char_left=[
            (" " + " ".join(f.text_last.lower().split()) + " ")[-(_CHAR_N - 1) :] for f in frags
        ],
        char_right=[(" ".join(f.text_first.lower().split()) + " ")[:_CHAR_SPAN] for f in frags],
        char_model=_CharModel(frags),
        tail_words=[
            _content_words(" ".join(" ".join(p.text for p in f.pieces).split()[-_COHESION_WORDS:]))
            for f in frags
        ],
        head_words=[
            _content_words(" ".join(" ".join(p.text for p in f.pieces).split()[:_COHESION_WORDS]))
            for f in frags
        ],
        tail_word=[
            _word_key((_WORD_OR_NUM.findall(f.text_last) or [""])[-1])
            if _end_class(f.text_last) == "open"
            else ""
            for f in frags
        ],
        join_word=[
            _bare_last_word(f.text_last)
            if e == "open" and f.heading is None and not f.title
            else ""
            for f, e in zip(frags, end)
        ],
        last_len=np.array([len(" ".join(f.text_last.split())) for f in frags]),
        first_tok=np.array([len((f.text_first.split() or [""])[0]) for f in frags]),
        width=width,
        proper=np.array([_is_proper(_first_word(f.text_first), caps, lex) for f in frags], bool),
        func_end=np.array(
            [
                e == "open" and (_WORD.findall(f.text_last) or [""])[-1].lower() in _FUNCTION
                for f, e in zip(frags, end)
            ],
            bool,
        ),
        geo=_geometry(frags, furn) if furn is not None else None,
    )
    if ev.geo is not None and ev.geo.height is None:
        ev.geo = _file_geometry(frags, ev) or ev.geo
    return ev


def _frag_end(f: _Frag, width: float) -> str:
    """``_end_class`` of a fragment's last line, reading a short last line closed by a bracket as a sentence end.

    Why: a paragraph may end on a citation whose full stop the author or
    the extraction left out ("… markets” (ibid., p.22)"); a line that stops
    well short of the column width ends its paragraph.
    """
    e = _end_class(f.text_last)
    t = " ".join(f.text_last.split())
    if (
        e == "open"
        and t.endswith((")", "]"))
        and len(t) < 0.7 * width
        and f.heading is None
        and not f.title
    ):
        return "sent"
    return e


def _bare_last_word(s: str) -> str:
    """The last word of a line that ends on a letter ("… thus attributing"), lower case; else ""."""
    t = s.rstrip()
    m = re.search(r"(?:^|\s)([^\W\d_]+)$", t)
    return m.group(1).lower() if m else ""


def _is_proper(w: str, caps: Counter[str], lex: _Lexicon) -> bool:
    """A capitalised first word that the document itself writes capitalised mid-sentence."""
    return (
        bool(w)
        and w[:1].isupper()
        and caps.get(w, 0) >= 2
        and caps.get(w, 0) > lex.vocab.get(w.lower(), 0) - caps.get(w, 0)
    )


def _features(ev: _Evidence, lex: _Lexicon, bg: _ClassBigrams, idx: np.ndarray) -> np.ndarray:
    """Pairwise feature tensor X[a, b, k] for fragments ``idx`` (a → b)."""
    n = len(idx)
    e = [ev.end[i] for i in idx]
    s = [ev.start[i] for i in idx]
    hy = np.array([x == "hyph" for x in e])[:, None]
    se = np.array([x == "sent" for x in e])[:, None]
    co = np.array([x == "colon" for x in e])[:, None]
    # a heading or title line ends without a full stop but is no open sentence
    op = np.array([x == "open" and not ev.heading[i] and not ev.title[i] for x, i in zip(e, idx)])[
        :, None
    ]
    lo = np.array([x == "lower" for x in s])[None, :]
    up = np.array([x == "upper" for x in s])[None, :]
    part = ev.partial[idx][None, :]
    valid = np.zeros((n, n), bool)
    comp = np.zeros((n, n), bool)
    for a in np.flatnonzero(hy[:, 0]):
        left = ev.last_word[idx[a]]
        lw_ok = lex.is_word(left)
        for b in range(n):
            right = ev.first_word[idx[b]]
            if not right or not s[b] == "lower":
                continue
            hs = lex.hyph_strength(left, right)
            # a rare wordfreq string made with a very common word ("men-" + "to") proves little
            if hs >= 2 or (hs == 1 and _zipf(right.lower()) < 4.5):
                valid[a, b] = True
            elif lw_ok and lex.is_word(right):
                comp[a, b] = True
    pos = ev.pos[idx]
    # input adjacency across a known column break says little (an extractor that emits whole columns
    # puts any column after any other): there it is one feature of its own, adj_break
    bottom = (ev.geo.bottom[idx] == 1) if ev.geo is not None else np.zeros(n, bool)
    adj_any = pos[None, :] == pos[:, None] + 1
    adj = adj_any & ~bottom[:, None]
    back = pos[None, :] == pos[:, None] - 1
    tight = adj & ev.tight[idx][None, :]
    cut = [ev.cut[i] for i in idx]
    soft = adj & np.array([c == "soft" for c in cut])[None, :]
    glue = adj & np.array([c == "glue" for c in cut])[None, :]
    plain = adj & np.array([c in ("head", "forced") for c in cut])[None, :]
    blank = adj & ev.blank[idx][None, :]
    fwd = pos[None, :] > pos[:, None]
    pmi = bg.pmi[ev.cls_last[idx][:, None], ev.cls_first[idx][None, :]] * (~hy)
    ti = ev.title[idx]
    he = ev.heading[idx]
    short = ev.short_last[idx][:, None]
    qc = ev.qopen[idx][:, None] & ev.qclose[idx][None, :]
    prop = ev.proper[idx][None, :]
    contra = (op & up & ~prop) | ((se | co) & lo) | (hy & ~valid)
    fe = ev.func_end[idx][:, None]
    # line breaking: B's first word would have fitted on A's last line, so a
    # typesetter would not have broken there (unless A ends its sentence)
    over = ev.last_len[idx][:, None] + 1 + ev.first_tok[idx][None, :] - ev.width
    mid = op
    X = np.zeros((n, n, len(FEATURES)))
    cols = [
        np.ones((n, n), bool),
        hy & valid,
        hy & part & ~valid,
        hy & comp & ~part,
        hy & ~lo,
        ~hy & part,
        op & lo,
        op & up & ~prop,
        se & up,
        se & lo,
        co & up,
        co & lo,
        plain,
        blank,
        fwd,
        pmi,
        qc,
        ti[:, None] & ti[None, :],
        ti[:, None] & ~ti[None, :] & ~he[None, :],
        he[None, :] & (se | co | ti[:, None]),
        he[None, :] & (op | hy),
        ti[None, :] & ~ti[:, None],
        he[:, None] & ~tight,
        se & short & up,
        blank & se & up,
        tight & op & lo,
        back,
        soft,
        glue,
        (soft | glue) & hy & ~valid & ~comp,
        _cached(ev, ("seen", idx.tobytes()), lambda: _bigram_seen(ev, bg, idx)) * (~hy),
        blank & (op | hy),
        op & up & prop,
        blank & contra,
        fe & up & ~prop,
        mid & (over <= -3),
        mid & (over <= -8),
    ]
    eb = _cached(
        ev, ("en_bigram", idx.tobytes()), lambda: _en_bigram(ev, idx)
    )  # text evidence: same in both passes
    cols += [np.maximum(eb, 0.0), np.minimum(eb, 0.0)]
    cols += _geo_features(ev.geo, idx)
    cols.append(adj_any & bottom[:, None])
    cols.append(_cached(ev, ("cohesion", idx.tobytes()), lambda: _cohesion(ev, idx)))
    cols.append(_cached(ev, ("char_lm", idx.tobytes()), lambda: _char_lm_pairs(ev, idx)) * op)
    for k, c in enumerate(cols):
        X[:, :, k] = c
    return X


#: A first-pass join at least this confident carries line offsets across it (see ``_path_geometry``).
_OFFSET_CONF = 0.9


def _certain_breaks(frags: Sequence[_Frag], ev: _Evidence) -> tuple[np.ndarray, np.ndarray]:
    """Per fragment: it certainly starts a column / certainly ends one, from its own text.

    Why: the cutter only separates lines at a blank line, a glued column or
    a heading, so a sentence that goes on across such a cut (a lower-case or
    word-fragment start, a mid-sentence or hyphenated end) goes on in
    another column.  A cut at a line that merely starts with a space proves
    nothing (extractors indent lines inside columns too).
    """
    n = len(frags)
    hard_before = np.array(
        [f.cut_before in ("blank", "glue", "broken", "start") for f in frags], bool
    )
    by_pos = {f.pos: i for i, f in enumerate(frags)}
    hard_after = np.array(
        [by_pos.get(f.pos + 1) is None or hard_before[by_pos[f.pos + 1]] for f in frags], bool
    )
    body = ~ev.heading & ~ev.title
    top = (
        hard_before
        & body
        & np.array([ev.start[i] == "lower" or bool(ev.partial[i]) for i in range(n)], bool)
    )
    bottom = hard_after & body & np.array([ev.end[i] in ("open", "hyph") for i in range(n)], bool)
    return top, bottom


#: Share of distances between consecutive certain breaks that must fit the column height (``_fit_height``).
_RHYTHM = 0.7


def _fit_height(marks: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """(H, tol): the column height that best explains the certain column breaks ``marks`` = (line position, chain).

    Every pair of breaks of one chain votes for H when their distance is a
    whole number k ≤ 3 of columns, to within ``tol * k`` lines; the score is the votes minus those chance
    alone would give ((2·tol·k + 1) / H per pair), so a divisor of H, which
    fits every pair H fits, gains nothing from its finer grid, and text
    artefacts that pose as breaks (a paragraph opening in lower case, a
    dash read as a hyphen) add noise, not a height.  tol is 0 (an exact
    layout) or 1 (columns drifting by a line).  None unless the best H
    explains at least three pairs beyond chance and passes the rhythm test:
    ``_RHYTHM`` of the breaks have a partner one to three columns away, and
    that share of the distances between consecutive such breaks fit H.
    """
    ms = sorted(set(marks))
    pairs = [
        abs(q - p)
        for i, (p, c) in enumerate(ms)
        for q, c2 in ms[i + 1 :]
        if c2 == c and 0 < abs(q - p) <= 3 * _H_MAX
    ]
    if len(ms) < 3 or len(pairs) < 3:
        return None
    d = np.array(pairs, float)
    best: tuple[float, int, int, int] | None = None
    for tol in (0, 1):
        for h in range(_H_MIN, _H_MAX + 1):
            k = np.maximum(1, np.round(d / h))
            near = (
                k <= 3
            )  # farther pairs say little: a tolerance of tol·k lines would let anything fit
            hit = near & (np.abs(d - k * h) <= tol * k)
            score = float(hit.sum() - (near * np.minimum(1.0, (2 * tol * k + 1) / h)).sum())
            if best is None or score > best[0] + 1e-9:
                best = (score, h, tol, int(hit.sum()))
    if best is None or best[0] < 3:
        return None
    # and most breaks must come at that rhythm: a break is kept when another one of its chain lies one to
    # three columns away, and the distances between consecutive kept breaks must fit too
    h, tol = best[1], best[2]

    def fits(dd: int) -> bool:
        k = max(1, round(dd / h))
        return k <= 3 and abs(dd - k * h) <= tol * k

    kept = [(p, c) for p, c in ms if any(c2 == c and q != p and fits(abs(q - p)) for q, c2 in ms)]
    cons = [q - p for (p, c), (q, c2) in zip(kept, kept[1:]) if c2 == c]
    good = sum(fits(dd) for dd in cons)
    if len(kept) < _RHYTHM * len(ms) or good < 3 or good < _RHYTHM * len(cons):
        return None
    return h, tol


def _walk_offsets(
    order: Sequence[int],
    lens: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
    h: int,
    tol: int,
    first_top: bool,
    start_off: np.ndarray,
    end_off: np.ndarray,
) -> None:
    """Fill unknown column offsets of the fragments ``order`` (a reading of them, one after another).

    A fragment's end offset is counted from the nearest certain column break
    at or before its end, its start offset from the nearest one at or after
    its start, walking only across links ``ok[k]`` (``order[k]`` →
    ``order[k+1]``) and no further than a column and a half (two when the
    layout is exact), so a wrong link or a drifting layout does little harm.
    ``first_top``: ``order[0]`` starts a column (the title).
    """
    lens = np.asarray(lens)
    p_end = np.cumsum(lens)
    p_start = p_end - lens
    reach = 2 * h if tol == 0 else (3 * h) // 2

    def after(d: int) -> int:
        """Offset of a point ``d`` lines after a column break: 0 exactly when it is a break itself."""
        k = round(d / h)
        return 0 if d == 0 or (k >= 1 and abs(d - k * h) <= tol * k) else d % h

    def before(d: int) -> int:
        """Offset of a point ``d`` lines before a column break."""
        return 0 if after(d) == 0 else (-d) % h

    m = len(order)
    # exact columns first: between two certain breaks one column apart, every offset is a plain count
    marks: list[tuple[int, int]] = []  # (position, chain)
    chain = 0
    for j, i in enumerate(order):
        if j and not ok[j - 1]:
            chain += 1
        if top[i] or (j == 0 and first_top):
            marks.append((int(p_start[j]), chain))
        if bottom[i]:
            marks.append((int(p_end[j]), chain))
    spans = [
        (a, b)
        for (a, ca), (b, cb) in zip(marks, marks[1:])
        if ca == cb and b > a and abs(b - a - h) <= tol
    ]
    chain = 0
    si = 0
    for j, i in enumerate(order):
        while si < len(spans) and spans[si][1] < p_end[j]:
            si += 1
        if si < len(spans) and spans[si][0] <= p_start[j] and p_end[j] <= spans[si][1]:
            a, b = spans[si]
            if start_off[i] < 0:
                start_off[i] = p_start[j] - a
            if end_off[i] < 0:
                end_off[i] = 0 if p_end[j] == b else p_end[j] - a
    for j, i in enumerate(order):
        if end_off[i] < 0:  # from what precedes (and the fragment itself)
            k = j
            while k >= 0 and p_end[j] - p_start[k] <= reach:
                if bottom[order[k]]:
                    end_off[i] = after(int(p_end[j] - p_end[k]))
                    break
                if top[order[k]] or (k == 0 and first_top):
                    end_off[i] = after(int(p_end[j] - p_start[k]))
                    break
                if k == 0 or not ok[k - 1]:
                    break
                k -= 1
        if start_off[i] < 0:  # from what follows (and the fragment itself)
            k = j
            while k < m and p_end[k] - p_start[j] <= reach:
                if top[order[k]] or (k == 0 and first_top):
                    start_off[i] = before(int(p_start[k] - p_start[j]))
                    break
                if bottom[order[k]]:
                    start_off[i] = before(int(p_end[k] - p_start[j]))
                    break
                if k == m - 1 or not ok[k]:
                    break
                k += 1
    # a fragment whose two offsets disagree with its length was reached across an irregular column
    # (the article's last, a title block): neither offset can be trusted
    for j, i in enumerate(order):
        if start_off[i] >= 0 and end_off[i] >= 0:
            d = (start_off[i] + lens[j] - end_off[i]) % h
            if min(d, h - d) > tol:
                start_off[i] = end_off[i] = -1


def _break_marks(
    order: Sequence[int],
    lens: np.ndarray,
    top: np.ndarray,
    bottom: np.ndarray,
    ok: Sequence[bool],
    first_top: bool,
) -> list[tuple[int, int]]:
    """(line position, chain) of the certain column breaks along ``order``; chains are cut at links not ``ok``."""
    p_end = np.cumsum(lens)
    p_start = p_end - lens
    out: list[tuple[int, int]] = [(0, 0)] if first_top else []
    chain = 0
    for j, i in enumerate(order):
        if j and not ok[j - 1]:
            chain += 1
        if top[i]:
            out.append((int(p_start[j]), chain))
        if bottom[i]:
            out.append((int(p_end[j]), chain))
    return out


def _file_geometry(frags: Sequence[_Frag], ev: _Evidence) -> _Geometry | None:
    """Column offsets when the extraction emits whole columns one after another (in any order).

    Why: many extractors write each column as one block; then the certain
    column breaks sit a whole number of columns apart in the input itself,
    and line counts in input order place every fragment in its column
    without any page furniture.  None when the input shows no such height.
    """
    n = len(frags)
    if n < 3 or ev.geo is None:
        return None
    top, bottom = _certain_breaks(frags, ev)
    lens = np.array([len(f.pieces) for f in frags])
    order = list(range(n))
    ok = [True] * (n - 1)
    fit = _fit_height(_break_marks(order, lens, top, bottom, ok, False))
    if fit is None:
        return None
    h, tol = fit
    start_off = np.full(n, -1)
    end_off = np.full(n, -1)
    _walk_offsets(order, lens, top, bottom, ok, h, tol, False, start_off, end_off)
    return _Geometry(h, ev.geo.run, ev.geo.run_last, start_off, end_off, tol)


def _path_geometry(
    frags: Sequence[_Frag], ev: _Evidence, path: Sequence[int], conf: Sequence[float]
) -> _Geometry | None:
    """Column offsets of fragments read off a first solution; None when no column height shows.

    Why: the certain column breaks (``_certain_breaks``) sit a whole number
    of columns apart along the true reading order, which gives the column
    height even when no page furniture delimits the columns; lines then
    count the offset of every fragment that a chain of confident joins ties
    to such a break.  Walking from one break, a fragment's end offset is
    read only from what precedes it and its start offset only from what
    follows it, so the second pass weighs the join between them on
    independent evidence; between two breaks one column apart the offsets
    are plain counts from the first (the same values either way).
    """
    if len(path) < 3:
        return None
    lens = np.array([len(frags[i].pieces) for i in path])
    top, bottom = _certain_breaks(frags, ev)
    ok = [c >= _OFFSET_CONF for c in conf]  # ok[k]: join path[k] → path[k+1]
    first_top = bool(ev.title[path[0]])
    geo = ev.geo
    if geo is not None and geo.height is not None:
        h, tol = geo.height, geo.tol
    else:
        fit = _fit_height(_break_marks(path, lens, top, bottom, ok, first_top))
        if fit is None:
            return None
        h, tol = fit
    n = len(frags)
    start_off = np.full(n, -1) if geo is None else geo.start_off.copy()
    end_off = np.full(n, -1) if geo is None else geo.end_off.copy()
    _walk_offsets(path, lens, top, bottom, ok, h, tol, first_top, start_off, end_off)
    run = geo.run if geo is not None else np.zeros(n, int)
    run_last = geo.run_last if geo is not None else np.zeros(n, int)
    return _Geometry(h, run, run_last, start_off, end_off, tol)


def _geo_features(geo: _Geometry | None, idx: np.ndarray) -> list[np.ndarray]:
    """geo_break, geo_clash, same_run, next_run, geo_fit for fragments ``idx`` (a → b).

    Why: text evidence cannot tell which column top continues a column
    bottom, or which paragraph follows a sentence that ends mid-column; line
    counts can.  A fragment ending at a column bottom continues at a column
    top (geo_break); A ending at line offset k of its column continues with
    the fragment that starts at offset k (geo_fit); any other pair of known
    offsets breaks the layout (geo_clash).  Runs between page furniture are
    pages or groups of them: the successor usually sits in the same run or
    the next one.
    """
    n = len(idx)
    if geo is None:
        z = np.zeros((n, n))
        return [z, z, z, z, z]
    eo = geo.end_off[idx][:, None]
    so = geo.start_off[idx][None, :]
    known = (eo >= 0) & (so >= 0)
    h = geo.height or 1
    d = (eo - so) % h
    brk = known & (eo == 0) & (so == 0)
    fit = known & (eo > 0) & (so > 0) & (np.minimum(d, h - d) <= geo.tol)
    ra = geo.run_last[idx][:, None]
    rb = geo.run[idx][None, :]
    return [brk, known & ~brk & ~fit, ra == rb, rb == ra + 1, fit]


def _en_bigram(ev: _Evidence, idx: np.ndarray) -> np.ndarray:
    """English bigram PMI of (A's last word, B's first word) for A ending mid-sentence on a bare word.

    Why: in a mid-sentence join the document's own bigrams are too sparse
    to tell "thus attributing | to it" from "thus attributing | democracy";
    general English knows that "therefore does" and "more than" are phrases
    and "the of" is not.  Zero (no evidence) when A ends a sentence, on a
    hyphen or punctuation, or B starts with a number or a word the counts
    do not cover.  Computed per distinct word pair, so the cost is the
    number of distinct pairs, not of fragment pairs.
    """
    n = len(idx)
    out = np.zeros((n, n))
    lm = _english_bigrams()
    if lm is None or n == 0:
        return out
    lw = [ev.join_word[i] for i in idx]
    fw = [ev.first_word[i].lower() if ev.start[i] in ("upper", "lower") else "" for i in idx]
    rows: dict[str, list[int]] = {}
    for a, w in enumerate(lw):
        if w:
            rows.setdefault(w, []).append(a)
    colw: dict[str, list[int]] = {}
    for b, w in enumerate(fw):
        if w:
            colw.setdefault(w, []).append(b)
    for w1, ra in rows.items():
        for w2, cb in colw.items():
            v = lm.pmi(w1, w2)
            if v:
                out[np.ix_(ra, cb)] = v
    return out


#: Words of each side a join's lexical cohesion compares.
_COHESION_WORDS = 40


def _content_words(text: str) -> frozenset[str]:
    """Lower-case words of four letters or more that are not among the most common English words."""
    return frozenset(
        w for w in (t.lower() for t in _WORD.findall(text)) if len(w) >= 4 and _zipf(w) < 5.0
    )


def _cohesion(ev: _Evidence, idx: np.ndarray) -> np.ndarray:
    """log(1 + shared content words) of A's last and B's first ``_COHESION_WORDS`` words.

    Why: consecutive paragraphs (and the two halves of a broken one) keep
    talking about the same things — names, places, the topic's own words —
    which no bigram at the join itself can see.
    """
    tails = [ev.tail_words[i] for i in idx]
    heads = [ev.head_words[i] for i in idx]
    n = len(idx)
    out = np.zeros((n, n))
    for a in range(n):
        ta = tails[a]
        if ta:
            out[a] = [math.log1p(len(ta & hb)) for hb in heads]
    return out


#: Order of the document's character model and how many characters of B it reads across a join.
_CHAR_N = 5
_CHAR_SPAN = 10
_CHAR_TRAIN = 1_000_000


class _CharModel:
    """A character n-gram model of the document's own running text (inside fragments), with simple back-off.

    Why: across a mid-sentence join the document itself knows which
    letters follow which words ("of th", "to b", "s of "), smoothed below
    the word level, where its word bigrams are too sparse.
    """

    def __init__(self, frags: Sequence[_Frag]):
        self.counts: list[Counter[str]] = [Counter() for _ in range(_CHAR_N + 1)]
        size = sum(len(p.text) for f in frags for p in f.pieces)
        # a huge input trains on an even sample of its fragments: a million characters teach all it can
        for f in frags[:: max(1, size // _CHAR_TRAIN)]:
            t = " " + " ".join(" ".join(p.text for p in f.pieces).lower().split()) + " "
            for k in range(1, _CHAR_N + 1):
                c = self.counts[k]
                for i in range(len(t) - k + 1):
                    c[t[i : i + k]] += 1
        self.total = max(1, sum(self.counts[1].values()))
        self.vocab = max(1, len(self.counts[1]))
        self._memo: dict[tuple[str, str], float] = {}

    def logp(self, ctx: str, ch: str) -> float:
        """log P(ch | ctx) by stupid back-off (factor 0.4) down to add-one unigrams."""
        pen = 0.0
        for k in range(min(len(ctx), _CHAR_N - 1), 0, -1):
            h = ctx[-k:]
            den = self.counts[k].get(h, 0)
            if den:
                num = self.counts[k + 1].get(h + ch, 0)
                if num:
                    return pen + math.log(num / den)
            pen += math.log(0.4)
        return pen + math.log((self.counts[1].get(ch, 0) + 1) / (self.total + self.vocab))

    def score(self, left: str, right: str) -> float:
        """Mean log-probability gain of ``right``'s first characters after ``left`` over after a bare space.

        Only the first ``_CHAR_N - 1`` characters see the left context; the
        later terms are the same after ``left`` and after a space and cancel.
        """
        r = right[:_CHAR_SPAN]
        gain = 0.0
        for j in range(min(len(r), _CHAR_N - 1)):
            gain += self._lp((left + r[:j])[-(_CHAR_N - 1) :], r[j]) - self._lp(
                (" " + r[:j])[-(_CHAR_N - 1) :], r[j]
            )
        return gain / max(1, len(r))

    def _lp(self, ctx: str, ch: str) -> float:
        key = (ctx, ch)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.logp(ctx, ch)
        return v


def _char_lm_pairs(ev: _Evidence, idx: np.ndarray) -> np.ndarray:
    """Document character-model gain of B's start after A's end (see ``_CharModel``), for A ending mid-sentence."""
    n = len(idx)
    out = np.zeros((n, n))
    cm = ev.char_model
    if cm is None:
        return out
    lefts = [ev.char_left[i] for i in idx]
    rights = [ev.char_right[i] for i in idx]
    for a in range(n):
        if ev.end[idx[a]] != "open":
            continue
        for b in range(n):
            if a != b:
                out[a, b] = cm.score(lefts[a], rights[b])
    return out


def _bigram_seen(ev: _Evidence, bg: _ClassBigrams, idx: np.ndarray) -> np.ndarray:
    """log(1 + count) of the word bigram (A's last word, B's first word) elsewhere in the text.

    Why: an author repeats phrases ("the conquest of power"); a join that
    recreates one is likely right.  The count includes the pair itself when
    A and B are already joined in the input, which the adjacency features
    account for anyway.
    """
    n = len(idx)
    out = np.zeros((n, n))
    lw = [ev.tail_word[i] for i in idx]
    fw = [ev.first_key[i] for i in idx]
    big = bg.word_bigrams
    for a in range(n):
        if not lw[a]:
            continue
        for b in range(n):
            c = big.get((lw[a], fw[b]), 0)
            if c:
                out[a, b] = math.log1p(c)
    return out


def _start_end(ev: _Evidence, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    st = np.empty(len(idx))
    en = np.empty(len(idx))
    first_title = next((int(i) for i in idx if ev.title[i]), None)
    for k, i in enumerate(idx):
        if ev.title[i]:
            st[k] = _START_TITLE if i == first_title else _START_UPPER
        elif ev.start[i] == "upper" and not ev.heading[i]:
            st[k] = _START_UPPER
        elif ev.start[i] == "lower":
            st[k] = _START_LOWER
        else:
            st[k] = _START_OTHER
        en[k] = {"sent": _END_SENT, "hyph": _END_HYPH}.get(ev.end[i], _END_OTHER)
        if ev.title[i] or ev.heading[i]:
            en[k] = _END_OTHER
    return st, en


# ======================================================================= solver


def _hungarian(cost: np.ndarray) -> np.ndarray:
    """Minimum-cost assignment (row → column) of a square matrix, O(n³).

    Shortest augmenting paths with potentials (Kuhn–Munkres as in
    Jonker–Volgenant), the inner loop vectorised with numpy.
    """
    n = cost.shape[0]
    inf = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    p = np.zeros(n + 1, dtype=int)
    way = np.zeros(n + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(n + 1, inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            free = ~used[1:]
            upd = free & (cur < minv[1:])
            mv = minv[1:]
            mv[upd] = cur[upd]
            way[1:][upd] = j0
            cand = np.where(free, mv, inf)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            mv[free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    ans = np.zeros(n, dtype=int)
    for j in range(1, n + 1):
        ans[p[j] - 1] = j - 1
    return ans


def _ext_matrix(
    S: np.ndarray, st: np.ndarray, en: np.ndarray, G: int = 0, gamma: float = -1e6
) -> np.ndarray:
    """Join scores over the fragments, ``G`` gap nodes, a parking node and the start/end node.

    Layout: fragments ``0..n-1``, gap nodes ``n..n+G-1``, parking node
    ``q = n+G``, start/end node ``d = n+G+1`` (last); forbidden = -1e6.
    A lost page is a path a → gap → b with score ``gamma`` (a constant:
    material can go missing at any line).  Unused gap nodes park for free
    at the start (d → gap… → q → first fragment), so they cost nothing, and
    since the first fragment is reached from q, parking cannot dodge the
    start scores ``st``; for the same reason a fragment with a positive
    start score (the title block) pays it back when it follows a gap node.
    """
    n = S.shape[0]
    q, d = n + G, n + G + 1
    M = np.full((d + 1, d + 1), -1e6)
    M[:n, :n] = S
    M[q, :n] = st
    M[:n, d] = en
    M[d, q] = 0.0
    if G:
        M[:n, n:q] = gamma
        # a fragment with a start bonus (the title block) does not come back after a lost
        # page for free: that would let the path skip the start it is owed
        M[n:q, :n] = -np.maximum(st, 0.0)[None, :]
        M[n:q, n:q] = 0.0
        M[n:q, q] = 0.0
        M[d, n:q] = 0.0
    np.fill_diagonal(M, -1e6)
    return M


def _path_score(M: np.ndarray, path: Sequence[int]) -> float:
    d = M.shape[0] - 1
    q = np.array([d, *path, d])
    return float(M[q[:-1], q[1:]].sum())


def _exact(M: np.ndarray) -> list[int]:
    """Held–Karp dynamic programme: the best path for a handful of fragments."""
    n = M.shape[0] - 1
    S = M[:n, :n]
    full = 1 << n
    dp = np.full((full, n), -np.inf)
    par = np.full((full, n), -1, dtype=int)
    for j in range(n):
        dp[1 << j, j] = M[n, j]
    for mask in range(1, full):
        row = dp[mask]
        if not np.isfinite(row).any():
            continue
        cand = row[:, None] + S  # from j to k
        best_from = np.argmax(cand, axis=0)
        best = cand[best_from, np.arange(n)]
        for k in range(n):
            if mask & (1 << k):
                continue
            nm = mask | (1 << k)
            if best[k] > dp[nm, k]:
                dp[nm, k] = best[k]
                par[nm, k] = best_from[k]
    last = dp[full - 1] + M[:n, n]
    k = int(np.argmax(last))
    mask = full - 1
    path = []
    while k >= 0:
        path.append(k)
        pk = par[mask, k]
        mask &= ~(1 << k)
        k = int(pk)
    return path[::-1]


def _assignment_path(M: np.ndarray) -> list[int]:
    """Assignment relaxation, then Karp-style patching of its cycles into one path."""
    n1 = M.shape[0]
    succ = _hungarian(-M)
    # cycles
    seen = np.zeros(n1, bool)
    cycles: list[list[int]] = []
    for s in range(n1 - 1, -1, -1):  # start with the dummy node so cycles[0] holds it
        if seen[s]:
            continue
        cyc = []
        x = s
        while not seen[x]:
            seen[x] = True
            cyc.append(x)
            x = int(succ[x])
        cycles.append(cyc)
    main = cycles[0]
    rest = sorted(cycles[1:], key=lambda c: -len(c))
    while rest:
        best = None
        for ci, cyc in enumerate(rest):
            a = np.array(main)
            b = np.array([succ[x] for x in main])
            c = np.array(cyc)
            d = np.array([succ[x] for x in cyc])
            # replace a→b and c→d by a→d and c→b
            gain = (
                M[a[:, None], d[None, :]]
                + M[c[None, :], b[:, None]]
                - M[a, b][:, None]
                - M[c, d][None, :]
            )
            k = np.unravel_index(int(np.argmax(gain)), gain.shape)
            g = float(gain[k])
            if best is None or g > best[0]:
                best = (g, ci, int(a[k[0]]), int(c[k[1]]))
        _g, ci, x, y = best
        bx, dy = int(succ[x]), int(succ[y])
        succ[x], succ[y] = dy, bx
        main = main + rest.pop(ci)
    path = []
    x = int(succ[n1 - 1])
    while x != n1 - 1:
        path.append(x)
        x = int(succ[x])
    return path


def _or_opt(M: np.ndarray, path: list[int], max_rounds: int = 30) -> list[int]:
    """Move segments of 1–3 fragments to their best place while the score improves."""
    d = M.shape[0] - 1
    for _ in range(max_rounds):
        improved = False
        for L in (1, 2, 3):
            i = 0
            while i + L <= len(path):
                q = [d, *path, d]
                # segment q[i+1 .. i+L]
                a, s0, s1, b = q[i], q[i + 1], q[i + L], q[i + L + 1]
                remove_gain = M[a, b] - M[a, s0] - M[s1, b]
                rest = q[: i + 1] + q[i + L + 1 :]
                x = np.array(rest[:-1])
                y = np.array(rest[1:])
                delta = remove_gain + M[x, s0] + M[s1, y] - M[x, y]
                j = int(np.argmax(delta))
                if delta[j] > 1e-9 and j != i:
                    seg = path[i : i + L]
                    rem = path[:i] + path[i + L :]
                    path = rem[:j] + seg + rem[j:]
                    improved = True
                i += 1
        if not improved:
            break
    return path


def _block_opt(M: np.ndarray, path: list[int], rounds: int = 4) -> list[int]:
    """Re-solve the order of whole blocks: runs of mutually best joins.

    Why: or-opt moves at most three fragments, but a wrong join early in
    the patching can misplace a whole column; once the solid runs are
    fixed, the order of the blocks is a much smaller instance of the same
    problem, solved the same way (exactly when small).  A new order is kept
    only if the total score improves.
    """
    d = M.shape[0] - 1
    R0 = M[:d, :d].copy()
    best_succ = np.argmax(R0, axis=1)
    best_pred = np.argmax(R0, axis=0)
    for _ in range(rounds):
        blocks: list[list[int]] = [[path[0]]]
        for a, b in zip(path, path[1:]):
            if best_succ[a] == b and best_pred[b] == a:
                blocks[-1].append(b)
            else:
                blocks.append([b])
        k = len(blocks)
        if k < 3:
            return path
        firsts = np.array([bl[0] for bl in blocks])
        lasts = np.array([bl[-1] for bl in blocks])
        B = np.full((k + 1, k + 1), -1e6)
        B[:k, :k] = M[lasts[:, None], firsts[None, :]]
        np.fill_diagonal(B, -1e6)
        B[k, :k] = M[d, firsts]
        B[:k, k] = M[lasts, d]
        order = _exact(B) if k <= 10 else _or_opt(B, _assignment_path(B))
        cand = [x for i in order for x in blocks[i]]
        if _path_score(M, cand) <= _path_score(M, path) + 1e-9:
            return path
        path = cand
    return path


def _heading_penalty(nums: Sequence[int | None], path: Sequence[int]) -> float:
    """Pairs of numbered headings out of order (2 before 1), weighted."""
    seq = np.array([nums[x] for x in path if nums[x] is not None])
    bad = sum(int((seq[i + 1 :] < seq[i]).sum()) for i in range(len(seq) - 1))
    return 20.0 * bad


def _section_repair(
    M: np.ndarray,
    path: list[int],
    nums: Sequence[int | None],
    n: int,
    gamma: float | None,
    strong: float = 0.5,
) -> list[int]:
    """Move whole blocks (runs of confident joins) until numbered headings are in order.

    Why blocks: a heading's section material hangs on it by confident
    joins; moving single fragments would tear sections apart.  Every
    heading starts a block of its own; gap and parking nodes break blocks.
    """
    if _heading_penalty(nums, path) == 0:
        return path
    conf = [
        _join_conf(M, a, b, n, gamma) if a < n and b < n else 0.0 for a, b in zip(path, path[1:])
    ]
    blocks: list[list[int]] = [[path[0]]]
    for (_a, b), c in zip(zip(path, path[1:]), conf):
        if c >= strong and nums[b] is None:
            blocks[-1].append(b)
        else:
            blocks.append([b])
    if len(blocks) > 120:
        return path

    def score(bl: list[list[int]]) -> float:
        p = [x for blk in bl for x in blk]
        return _path_score(M, p) - _heading_penalty(nums, p)

    q = len(nums) - 1  # the parking node: the text starts after it

    def first_slot(bl: list[list[int]]) -> int:
        # nothing may move before the parking node: a block parked among the unused
        # gap nodes would dodge its start score (a heading ahead of the title block)
        return next((k + 1 for k, blk in enumerate(bl) if q in blk), 0)

    cur = score(blocks)
    for _ in range(20):
        best = None
        for i in range(len(blocks)):
            if nums[blocks[i][0]] is None and len(blocks) > 60:
                continue  # beyond 60 blocks only heading blocks move (bounded cost: headings × blocks)
            rem = blocks[:i] + blocks[i + 1 :]
            for j in range(first_slot(rem), len(rem) + 1):
                if j == i:
                    continue
                cand = rem[:j] + [blocks[i]] + rem[j:]
                sc = score(cand)
                if sc > cur + 1e-9 and (best is None or sc > best[0]):
                    best = (sc, cand)
        if best is None:
            break
        cur, blocks = best
    return [x for blk in blocks for x in blk]


#: Blocks the exact block reordering (``_block_exact``) permutes at most, and its rounds.
_LNS_BLOCKS = 14
_LNS_ROUNDS = 3


def _held_karp(
    W: np.ndarray, start: np.ndarray, end: np.ndarray, pred: Sequence[int]
) -> list[int] | None:
    """Best order of B nodes (join scores W, start/end scores) in which node k follows every node of bitmask pred[k].

    Held–Karp over subsets, vectorised over all subsets of one size at a
    time; None when the precedences admit no order.
    """
    B = W.shape[0]
    full = 1 << B
    dp = np.full((full, B), -np.inf)
    par = np.full((full, B), -1, dtype=np.int64)
    pred_a = np.array(pred, dtype=np.int64)
    bits = (1 << np.arange(B)).astype(np.int64)
    for k in range(B):
        if pred_a[k] == 0:
            dp[bits[k], k] = start[k]
    allm = np.arange(full, dtype=np.int64)
    pop = np.zeros(full, dtype=np.int64)
    for k in range(B):
        pop += (allm >> k) & 1
    for size in range(1, B):
        masks = allm[pop == size]
        rows = dp[masks]  # (L, B)
        live = np.isfinite(rows).any(axis=1)
        masks, rows = masks[live], rows[live]
        if not len(masks):
            continue
        cand = rows[:, :, None] + W[None, :, :]  # from j to k
        best_from = np.argmax(cand, axis=1)  # (L, B)
        best = np.take_along_axis(cand, best_from[:, None, :], axis=1)[:, 0, :]
        for k in range(B):
            ok = (
                ((masks & bits[k]) == 0)
                & ((masks & pred_a[k]) == pred_a[k])
                & np.isfinite(best[:, k])
            )
            if not ok.any():
                continue
            nm = masks[ok] | bits[k]
            v = best[ok, k]
            better = v > dp[nm, k]
            dp[nm[better], k] = v[better]
            par[nm[better], k] = best_from[ok, k][better]
    last = dp[full - 1] + end
    if not np.isfinite(last).any():
        return None
    k = int(np.argmax(last))
    mask = full - 1
    out = []
    while k >= 0:
        out.append(k)
        pk = int(par[mask, k])
        mask &= ~(1 << k)
        k = pk
    return out[::-1]


def _block_exact(
    M: np.ndarray, path: list[int], nums: Sequence[int | None], n: int, gamma: float | None
) -> list[int]:
    """Re-order, exactly, the blocks between the least confident joins (a large-neighbourhood search).

    Why: a column break wrongly decided forces others (each bottom needs one
    top), so errors come in cycles that moving one fragment or one block at
    a time cannot undo, and numbered headings out of order may need several
    blocks moved at once.  Cutting the path at its ``_LNS_BLOCKS - 1``
    weakest joins and solving the block order by Held–Karp, with headings
    forced into numerical order, finds the best combination of those joins;
    a few rounds move the window of weak joins.
    """
    d = M.shape[0] - 1
    nums_d = list(nums) + [None]
    heads = [x for x in nums if x is not None]
    strict = len(heads) == len(set(heads))  # distinct numbers: a heading order can be enforced
    best_path = path
    best_score = _path_score(M, path) - _heading_penalty(nums, path)
    for r in range(_LNS_ROUNDS):
        cur = best_path
        joins = list(zip(cur, cur[1:]))
        forced = {k for k, (a, b) in enumerate(joins) if (a >= n and b < n) or (a < n and b >= n)}
        weak = sorted(
            (k for k, (a, b) in enumerate(joins) if a < n and b < n),
            key=lambda k: _join_conf(M, joins[k][0], joins[k][1], n, gamma),
        )
        room = _LNS_BLOCKS - 1 - len(forced)
        if room <= 0:
            return best_path
        lo = r * (room // 2)
        chosen = set(weak[lo : lo + room]) | forced
        if len(chosen) <= len(forced):
            break
        blocks: list[list[int]] = [[cur[0]]]
        for k, (_a, b) in enumerate(joins):
            if k in chosen:
                blocks.append([b])
            else:
                blocks[-1].append(b)
        B = len(blocks)
        firsts = [blk[0] for blk in blocks]
        lasts = [blk[-1] for blk in blocks]
        W = M[np.ix_(lasts, firsts)].copy()
        np.fill_diagonal(W, -np.inf)
        start = M[d, firsts]
        end = M[lasts, d]
        pred = [0] * B
        if strict:
            rng = [[nums_d[x] for x in blk if nums_d[x] is not None] for blk in blocks]
            for i in range(B):
                for j in range(B):
                    if i != j and rng[i] and rng[j] and max(rng[j]) < min(rng[i]):
                        pred[i] |= 1 << j
        order = _held_karp(W, start, end, pred)
        if order is None:
            continue
        cand = [x for i in order for x in blocks[i]]
        sc = _path_score(M, cand) - _heading_penalty(nums, cand)
        if sc > best_score + 1e-9:
            best_path, best_score = cand, sc
    return best_path


#: Score of a join through a lost page (a gap), on the log-odds scale of the
#: join scores; fitted with ``bench/bench_reassemble.py --fit-gap`` on
#: synthetic cases with a lost page.  ``None`` disables gap nodes.
_GAP: float | None = -6.0


def _n_gap_nodes(n: int) -> int:
    """How many lost pages the solver may infer among ``n`` fragments."""
    return 0 if _GAP is None else min(4, 1 + n // 40)


def _solve(
    S: np.ndarray, st: np.ndarray, en: np.ndarray, nums: Sequence[int | None]
) -> tuple[list[int], set[int], np.ndarray]:
    """Best path through all fragments (indexes into S), with gaps.

    Returns the path, the positions ``k`` in it after which a gap was
    inferred, and the extended score matrix (for confidences).
    """
    n = S.shape[0]
    G = _n_gap_nodes(n) if n > 1 else 0
    gamma = -1e6 if _GAP is None else _GAP
    M = _ext_matrix(S, st, en, G, gamma)
    if n == 0:
        return [], set(), M
    if n == 1:
        return [0], set(), M
    N = M.shape[0] - 1
    full = _exact(M) if N <= 10 else _assignment_path(M)
    full = _or_opt(M, full)
    full = _or_opt(M, _block_opt(M, full))
    full = _section_repair(M, full, list(nums) + [None] * (G + 1), n, _GAP if G else None)
    full = _block_exact(M, full, list(nums) + [None] * (G + 1), n, _GAP if G else None)
    path: list[int] = []
    gaps: set[int] = set()
    pending = False
    for x in full:
        if x < n:
            if pending and path:
                gaps.add(len(path) - 1)
            path.append(x)
            pending = False
        else:
            pending = True
    return path, gaps, M


# =================================================================== assembly


def _lr(X: np.ndarray) -> np.ndarray:
    return X @ _W


def _join_conf(
    M: np.ndarray, a: int, b: int, n: int, gamma: float | None, gap: bool = False
) -> float:
    """min(P(successor of A is B), P(predecessor of B is A)) under a softmax of the scores.

    The alternatives are the other fragments, the text's end (resp. start)
    and, when gaps are allowed, one lost page; ``gap`` asks for the
    probability of the lost page itself.
    """
    d, q = M.shape[0] - 1, M.shape[0] - 2
    row = np.concatenate([M[a, :n], [M[a, d]], [gamma] if gamma is not None else []])
    col = np.concatenate([M[:n, b], [M[q, b]], [gamma] if gamma is not None else []])
    row[a] = -np.inf
    col[b] = -np.inf
    v = float(gamma) if gap and gamma is not None else float(M[a, b])
    return min(math.exp(v - _logsumexp(row)), math.exp(v - _logsumexp(col)))


def _logsumexp(x: np.ndarray) -> float:
    m = float(np.max(x))
    return m + math.log(float(np.sum(np.exp(x - m))))


#: Score penalty of a join that its own text contradicts (see ``_contradiction``):
#: such a join is as bad as admitting a gap, so the solver takes it last.
_CONTRADICTION = 12.0


def _contradictions(ev: _Evidence, lex: _Lexicon, idx: np.ndarray) -> np.ndarray:
    """Boolean matrix of contradicted joins among fragments ``idx`` (vectorised where cheap)."""
    n = len(idx)
    out = np.zeros((n, n))
    hy = [ev.end[i] == "hyph" for i in idx]
    part = ev.partial[idx]
    lowers = [int(i) for i in idx if ev.start[i] == "lower" and ev.first_word[i]]
    for a in idx[np.array(hy, bool)] if n else []:
        a = int(a)
        best = max(
            (lex.hyph_strength(ev.last_word[a], ev.first_word[b]) for b in lowers if b != a),
            default=0,
        )
        ev.hyph_alt[a] = max(ev.hyph_alt.get(a, 0), best)
    for a in range(n):
        if hy[a]:
            for b in range(n):
                out[a, b] = _contradiction(ev, lex, int(idx[a]), int(idx[b]))
        else:
            out[a, :] = part
            if ev.end[idx[a]] == "open" and not ev.heading[idx[a]] and not ev.title[idx[a]]:
                out[a, :] = np.maximum(out[a, :], ev.heading[idx])
    return out


def _contradiction(ev: _Evidence, lex: _Lexicon, a: int, b: int) -> bool:
    """Whether A → B cannot be a true succession on its own text: a gap.

    Why content only: a lost page usually leaves a mid-sentence end and a
    mid-sentence start that look like any other column break (measured on
    synthetic scrambles, their scores overlap); only a hyphen that nothing
    completes, a word fragment that no hyphen precedes, or a heading in the
    middle of a sentence proves the loss.
    """
    ea, sb = ev.end[a], ev.start[b]
    if ev.heading[b] and ea in ("hyph", "open") and not ev.heading[a] and not ev.title[a]:
        return True  # a heading never interrupts a sentence
    if ea == "hyph":
        right = ev.first_word[b]
        left = ev.last_word[a]
        if sb != "lower" or not right:
            return True
        strength = lex.hyph_strength(left, right)
        if strength >= 2 or strength >= ev.hyph_alt.get(a, 0):
            return strength == 0 and not (
                lex.fragment(right) or (lex.is_word(left) and lex.is_word(right))
            )
        # another fragment completes the word better: this one leaves it broken or makes a rare word
        return ev.hyph_alt.get(a, 0) >= 2
    return bool(ev.partial[b]) and ea != "hyph"


def _proven_gap(ev: _Evidence, lex: _Lexicon, a: int, b: int) -> bool:
    """Whether the text itself proves material missing between A and B (what the report calls a gap).

    Stricter than ``_contradiction``, which also penalises joins that a
    better candidate beats ("un-" + "earthly" when "un-" + "derstand" is
    on offer) or that start on a rare word: such a join may still be right,
    and an editor should not be told text is missing there.  Proof is a
    heading inside a sentence, a hyphen nothing completes, or a word
    fragment after a finished sentence.
    """
    if not _contradiction(ev, lex, a, b):
        return False
    ea = ev.end[a]
    if ev.heading[b] and ea in ("hyph", "open") and not ev.heading[a] and not ev.title[a]:
        return True
    if ea == "hyph":
        return ev.start[b] != "lower" or lex.hyph_strength(ev.last_word[a], ev.first_word[b]) == 0
    return ea in ("sent", "colon")


def _join_text(parts: list[str], lex: _Lexicon) -> str:
    """Join line texts, rejoining hyphenated words and keeping real compounds."""
    out = ""
    for t in parts:
        t = " ".join(t.split())
        if not out:
            out = t
            continue
        tail = out[-80:]  # only the end matters; searching all of out is quadratic
        m = re.search(r"([^\W\d_]+)(\s?)-$", tail)
        right = _first_word(t)
        if m and right and t[:1].islower() and not out.endswith("--"):
            left = m.group(1)
            cut = len(out) - len(tail) + (m.start(2) if m.group(2) else len(tail) - 1)
            stem = out[:cut]
            if lex.drop_hyphen(left, right):
                out = stem + t
            else:
                out = stem + "-" + t
        else:
            out = out + " " + t
    return out


def reassemble(text: str, overrides: Iterable[tuple[int, int]] = ()) -> Reassembly:
    """Restore reading order and paragraphs of a PDF text extraction.

    ``overrides``: editor-forced successions ``(after_line, next_line)``
    (1-based): the fragment ending at ``after_line`` is followed by the one
    starting at ``next_line``; cuts are made there if needed.
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    ov = [(int(a), int(b)) for a, b in overrides]
    for a, b in ov:
        if (
            not (1 <= a <= len(lines) and 1 <= b <= len(lines))
            or _is_blank(lines[a - 1])
            or _is_blank(lines[b - 1])
        ):
            from .files import InputError

            raise InputError(
                None,
                f"reading-order override {a} → {b} names a blank or missing line; use 1-based lines with text",
                line=a,
            )
    furn = find_furniture(lines)
    furniture = _ranges(sorted(furn))
    lex = _Lexicon([s for i, s in enumerate(lines) if i not in furn])
    frags = _cut(lines, furn, {a - 1 for a, _ in ov}, {b - 1 for _, b in ov}, lex)
    if not frags:
        return Reassembly(furniture=[(a + 1, b + 1) for a, b in furniture])
    width = _median_width([s for i, s in enumerate(lines) if i not in furn])
    bg = _ClassBigrams(frags)
    ev = _evidence(frags, lex, width, bg, furn)
    path, link, conf, inferred = _solve_all(frags, ev, lex, bg, ov)
    geo = _path_geometry(frags, ev, path, conf)
    if geo is not None:  # second pass: the column offsets the first solution reveals
        ev.geo = geo
        path, link, conf, inferred = _solve_all(frags, ev, lex, bg, ov, "pass 2")
    out = _assemble(frags, path, link, conf, ev, lex, furniture, inferred)
    out.missing_pages = missing_pages(lines, furn)
    return out


def _solve_all(
    frags: Sequence[_Frag],
    ev: _Evidence,
    lex: _Lexicon,
    bg: _ClassBigrams,
    ov: Sequence[tuple[int, int]],
    label: str = "pass 1",
) -> tuple[list[int], list[float], list[float], set[int]]:
    """Solve the reading order over all fragments: (path, join scores, join confidences, inferred gaps)."""
    nums = [f.heading for f in frags]
    # windows of the input order bound the cost for huge inputs
    n = len(frags)
    step = _BIG_WINDOW
    win = (
        [np.arange(n)]
        if n <= _WINDOW
        else [np.arange(a, min(n, a + step)) for a in range(0, n, step)]
    )
    path: list[int] = []
    link: list[float] = []
    conf: list[float] = []
    inferred: set[int] = set()  # positions in path after which the solver put a lost page
    from tqdm import tqdm

    # a bar (stderr, terminals only: disable=None) when the input is big enough to take a while
    for idx in tqdm(
        win,
        desc=f"reading order ({label})",
        unit="window",
        file=sys.stderr,
        disable=None if len(win) > 1 else True,
        leave=False,
    ):
        S = _lr(_features(ev, lex, bg, idx)) - _CONTRADICTION * _contradictions(ev, lex, idx)
        np.fill_diagonal(S, -1e6)
        local_ov = _override_pairs(frags, idx, ov)
        for a, b in local_ov:
            S[a, :] = -1e3
            S[:, b] = -1e3
            S[a, b] = 1e3
        st, en = _start_end(ev, idx)
        sub, sub_gaps, M = _solve(S, st, en, [nums[i] for i in idx])
        if path:  # the join between two windows, scored on its own
            pair = np.array([path[-1], int(idx[sub[0]])])
            s2 = float(_lr(_features(ev, lex, bg, pair))[0, 1]) - _CONTRADICTION * float(
                _contradictions(ev, lex, pair)[0, 1]
            )
            link.append(s2)
            conf.append(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, s2)))))
        gamma = _GAP if M.shape[0] > len(idx) + 2 else None
        for k, (a, b) in enumerate(zip(sub, sub[1:])):
            g = k in sub_gaps
            link.append(float(gamma) if g and gamma is not None else float(S[a, b]))
            conf.append(_join_conf(M, a, b, len(idx), gamma, gap=g))
            if g:
                inferred.add(len(path) + k)
        path.extend(int(idx[k]) for k in sub)
    return path, link, conf, inferred


def _override_pairs(
    frags: Sequence[_Frag], idx: np.ndarray, ov: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    out = []
    last = {frags[i].last_line + 1: k for k, i in enumerate(idx)}
    first = {frags[i].first_line + 1: k for k, i in enumerate(idx)}
    for a, b in ov:
        if a in last and b in first:
            out.append((last[a], first[b]))
    return out


def _ranges(xs: Sequence[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x in xs:
        if out and x == out[-1][1] + 1:
            out[-1] = (out[-1][0], x)
        else:
            out.append((x, x))
    return out


#: Platt scaling of the solver's join confidence, P(right) = σ(a·logit(c) + b), fitted by
#: ``python3 bench/bench_reassemble.py --fit-conf`` on synthetic calibration cases (seeds 1000–1059).
_CONF_CAL = (0.674, 0.961)


def _calibrated(c: float) -> float:
    """The reported confidence of a join: the solver's softmax share, calibrated to the share of such joins that are right.

    Why: the softmax over candidates is honest in rank but not in level
    (on synthetic cases, joins it gives 0.07 are right a third of the
    time); an editor reads the figure as a probability.
    """
    c = min(1.0 - 1e-9, max(1e-9, float(c)))
    a, b = _CONF_CAL
    z = a * math.log(c / (1.0 - c)) + b
    return round(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))), 6)


def _assemble(
    frags: list[_Frag],
    path: list[int],
    link: list[float],
    conf: list[float],
    ev: _Evidence,
    lex: _Lexicon,
    furniture: list[tuple[int, int]],
    inferred: set[int] = frozenset(),
) -> Reassembly:
    """Turn the solved path (with each join's score and confidence) into order, joins, gaps and paragraphs."""
    n = len(path)
    order = [(frags[i].first_line + 1, frags[i].last_line + 1) for i in path]
    cols = [(frags[i].pieces[0].c0, frags[i].pieces[-1].c1) for i in path]
    joins: list[Join] = []
    gaps: list[int] = []
    for k in range(n - 1):
        a, b = frags[path[k]], frags[path[k + 1]]
        ea = ev.end[path[k]]
        sb = ev.start[path[k + 1]]
        if k in inferred or _proven_gap(ev, lex, path[k], path[k + 1]):
            kind = "gap"
            gaps.append(k)
        elif a.heading is not None or b.heading is not None or a.title or b.title:
            kind = "paragraph"
        elif ea == "hyph" and sb == "lower":
            kind = "hyphen"
        elif ea in ("sent", "colon") and sb != "lower":
            adj_blank = b.pos == a.pos + 1 and b.cut_before == "blank"
            short = bool(ev.short_last[path[k]])
            kind = "paragraph" if (short or adj_blank) else "sentence"
        else:
            kind = "word"
        joins.append(Join(k, _calibrated(conf[k]), kind))
    last = frags[path[-1]]
    end_missing = ev.end[path[-1]] in ("open", "hyph") and last.heading is None and not last.title
    if end_missing:
        gaps.append(n - 1)
    first_missing = ev.start[path[0]] == "lower"

    paragraphs: list[Paragraph] = []
    cur_parts: list[str] = []
    cur_ranges: list[tuple[int, int]] = []
    cur_gap_before = first_missing
    for k, i in enumerate(path):
        f = frags[i]
        cur_parts.extend(p.text for p in f.pieces)
        cur_ranges.append(order[k])
        kind = joins[k].kind if k < n - 1 else "end"
        if kind in ("paragraph", "gap", "end") or f.heading is not None or f.title:
            paragraphs.append(
                Paragraph(
                    text=_join_text(cur_parts, lex)
                    if f.heading is None and not f.title
                    else " ".join(" ".join(cur_parts).split()),
                    ranges=cur_ranges,
                    gap_before=cur_gap_before,
                    gap_after=kind == "gap" or (kind == "end" and end_missing),
                    heading=f.heading is not None,
                )
            )
            cur_parts, cur_ranges = [], []
            cur_gap_before = kind == "gap"
    return Reassembly(
        order=order,
        furniture=[(a + 1, b + 1) for a, b in furniture],
        gaps_after=gaps,
        joins=joins,
        paragraphs=paragraphs,
        cols=cols,
        scores=link,
    )


# ========================================================================= CLI


def main(args) -> int:
    """``edition reassemble FILE [--json] [--editorial TOML]``."""
    from pathlib import Path

    from .files import read_text

    text = read_text(args.file, what="input")
    overrides: list[tuple[int, int]] = []
    if getattr(args, "editorial", None):
        from .editorial import load_editorial

        ed = load_editorial(Path(args.editorial))
        overrides = [(o.after, o.next) for o in ed.order]
    r = reassemble(text, overrides)
    if r.missing_pages:
        sys.stderr.write(
            f"{args.file}: page number(s) {', '.join(map(str, r.missing_pages))} missing from the page "
            "furniture; text may be lost where no join shows it\n"
        )
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
    else:
        for p in r.paragraphs:
            sys.stdout.write(p.text + "\n")
    return 0
