"""Clean text in reading order: decide that it *is* one, and read it without re-ordering.

Why: the reading-order solver (``edition.reassemble``) is built for PDF text
extractions whose columns arrive out of order; given a clean text (a novel
chapter wrapped at 72 columns, one paragraph per line, verse, dialogue) it
can only do harm — it moved whole chapters and glued headings to the next
paragraph.  So before solving anything we ask whether the text shows any sign
of a column extraction at all:

* a **sentence running across a blank line**: a block that ends with a
  line-end hyphen or mid-sentence (no closing punctuation, and not a short
  heading-like line) or a block that starts with a lower-case word — in a
  clean text paragraphs end and begin at sentences; a column extraction cuts
  them wherever a column ends;
* **glued columns**: lines holding two column lines side by side (a run of
  spaces in the middle of a column-width line).

A few such signs (at least two, and at least 8 % of the block boundaries)
make a column extraction; otherwise the text is *flowing* and is read in
file order.  The work's ``layout`` key ("columns" | "flowing") overrides the
decision when the editor knows better; "auto" is the default.

Flowing text: blank lines separate paragraphs; inside a block, lines are
either wrapped (most of them end mid-sentence: join them) or one paragraph
each (most end a sentence: dialogue, one paragraph per line); in a wrapped
block a line that the next one's first word would have fitted, or an
indented line, starts a new paragraph (a heading
like "CHAPTER 2" standing on its own line, a paragraph end without a blank
line).  A hyphen at a line end is rejoined with the text path's lexicon rule
only when the text shows dictionary hyphenation at all (some line-end
hyphen whose halves are not both words); a text wrapped by software breaks
only at real hyphens ("daisy-" / "chain"), which are then kept.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ..reassemble import Join, Paragraph, Reassembly, reassemble
from ..reassemble.lexicon import Lexicon, editor_decision
from ..text import collapse_space

#: Sentence-final punctuation, optionally followed by closing quotes/brackets.
_END = re.compile(r"[.!?:;…—–][\s'\"”’»)\]*]*$|-[\"”’»]$|--['\"”’»]*$")
#: A line-end hyphen that may split a word ("bureau-"), not a dash ("--", " -").
_HYPH_END = re.compile(r"[^\W\d_]-$")
#: Two column lines glued side by side: text, a run of ≥ 3 spaces, text.
_GLUE = re.compile(r"\S {3,}\S")
#: A lone page number (furniture) — digits or lower-case roman numerals.
_PAGENO = re.compile(r"^\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$")
#: Evidence needed for a column extraction (see the module docstring).
#: Measured on development material (never the bundled text): clean renderings of the
#: TransRead novels (224 texts, 7 shapes) show at most 1 sign at a rate of 0.083, or 3 at
#: 0.061; synthetic column extractions (bench/synth.py, 80 cases) at least 2 at 0.09.
#: The margin is thin: the work's ``layout`` key settles any text the evidence cannot.
MIN_SIGNS = 2
MIN_SIGN_RATE = 0.08


@dataclass(frozen=True)
class LayoutEvidence:
    """Why a text was read as columns or as flowing text (reported to the editor)."""

    layout: str
    boundaries: int
    broken: int
    glued: int
    forced: bool = False

    def describe(self) -> str:
        how = "set by the work's layout key" if self.forced else "decided from the text"
        return (
            f"layout {self.layout} ({how}: {self.broken} of {self.boundaries} blank-line "
            f"boundaries cut a sentence, {self.glued} glued column line(s))"
        )


def _blocks(lines: Sequence[str]) -> list[tuple[int, int]]:
    """0-based inclusive ranges of maximal runs of non-blank lines."""
    out: list[tuple[int, int]] = []
    start = None
    for i, ln in enumerate(lines):
        if ln.strip():
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i - 1))
            start = None
    if start is not None:
        out.append((start, len(lines) - 1))
    return out


def _ends_sentence(line: str) -> bool:
    return bool(_END.search(line.rstrip()))


def _capitals(line: str) -> bool:
    """A line in capitals ("CHAPTER III. THE RUNIC WRITING"): a heading, not a sentence cut."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _starts_lower(line: str) -> bool:
    s = line.lstrip(" \t\"'“‘«(")
    return bool(s) and s[0].islower()


def detect_layout(text: str) -> LayoutEvidence:
    """Decide whether ``text`` is a column extraction ("columns") or clean text ("flowing").

    Only blank-line boundaries are counted: a sentence cut at one is the mark
    of a column (or page) break; inside a block, a wrapped line ending
    mid-sentence is ordinary.  Page numbers standing alone are skipped so a
    page break does not hide the sentence that runs across it.
    """
    lines = [ln for ln in text.split("\n") if not _PAGENO.match(ln)]
    blocks = _blocks(lines)
    nonblank = [ln.strip() for ln in lines if ln.strip()]
    width = statistics.median(len(s) for s in nonblank) if nonblank else 0
    # a glued line holds two column lines: well over a column's width, and a run of spaces
    glued = sum(
        1 for ln in nonblank if 1.5 * width <= len(ln) < 3 * max(width, 1) and _GLUE.search(ln)
    )
    broken = 0
    for (a0, a1), (b0, _b1) in zip(blocks, blocks[1:]):
        last, first = lines[a1].strip(), lines[b0].strip()
        if a1 > a0 and not any(c.isalnum() for c in last):  # a closing quote wrapped alone
            last = lines[a1 - 1].strip() + " " + last
        multi = a1 > a0 or len(last) >= 0.8 * width
        if _HYPH_END.search(last) or _starts_lower(first):
            broken += 1
        elif multi and not _ends_sentence(last) and not last.endswith(",") and not _capitals(last):
            broken += 1
    bounds = max(0, len(blocks) - 1)
    signs = broken + glued
    columns = signs >= MIN_SIGNS and signs >= MIN_SIGN_RATE * max(bounds, 1)
    return LayoutEvidence("columns" if columns else "flowing", bounds, broken, glued)


def _hyphenated(lines: Sequence[str], lex: Lexicon) -> bool:
    """Whether the text shows dictionary hyphenation at line ends.

    Evidence: a line ending "left-" followed by a lower-case "right" where
    "leftright" is a word and the halves are not both words ("bureau-" /
    "cracy", "maga-" / "zine").  A text whose
    every line-end hyphen joins two words ("daisy-" / "chain") was wrapped
    at its own hyphens: keep them.
    """
    for a, b in zip(lines, lines[1:]):
        a, b = a.rstrip(), b.strip()
        if not a or not b or not _HYPH_END.search(a) or not b[0].islower():
            continue
        left = re.findall(r"[^\W\d_]+", a[:-1])
        right = re.findall(r"[^\W\d_]+", b)
        if not (left and right):
            continue
        lw, rw = left[-1], right[0]
        if lex.known(lw + rw) and not (lex.is_word(lw) and lex.is_word(rw)):
            return True
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


#: A full stop, question or exclamation mark, ellipsis or an interrupted speech ("will-”) at the end.
_FULL_END = re.compile(r"[.!?…][\s'\"”’»)\]*]*$|[-—–]+[\"”’»]$")


def _wrapped(lines: Sequence[str], blocks: Sequence[tuple[int, int]]) -> bool:
    """Whether the text's lines are wrapped (most line ends inside a block fall mid-sentence).

    Decided over the whole text, not per block: a two-line block says too
    little, and a text is wrapped or not as a whole.  A text without any
    multi-line block says nothing either way: one paragraph per line.
    """
    inner = [lines[i].rstrip() for a, b in blocks for i in range(a, b)]
    if not inner:
        return False
    # a wrapper fills its lines: a short line ending mid-sentence (a verse line, a heading, "Sir,")
    # is no evidence either way
    long = 0.6 * max(len(s) for s in inner)
    mid = sum(1 for s in inner if not _FULL_END.search(s) and len(s) >= long)
    full = sum(1 for s in inner if _FULL_END.search(s))
    return mid > 0 and mid >= 0.5 * (mid + full)


def _fits(lines: Sequence[str], i: int, width: float) -> bool:
    """Whether line ``i + 1``'s first word would have fitted at the end of line ``i``."""
    # split at ASCII blanks only: a wrapper does not break at U+00A0 ("—\u00a0—", "—\u00a0Oui")
    words = lines[i + 1].strip(" \t").split(" ")
    return bool(words[0]) and len(lines[i].rstrip()) + 1 + len(words[0]) <= width


def _greedy(lines: Sequence[str], blocks: Sequence[tuple[int, int]], width: float) -> bool:
    """Whether the text was wrapped by a greedy wrapper (software) rather than by hand.

    Evidence: the next word almost never fits at the end of a line that
    does not end a sentence.  Only then does "the next word would have
    fitted" prove a paragraph end; a ragged hand-wrapped text shows it
    everywhere.
    """
    inner = [i for a, b in blocks for i in range(a, b) if not _FULL_END.search(lines[i].rstrip())]
    if not inner:
        return False
    return sum(1 for i in inner if _fits(lines, i, width)) <= 0.05 * len(inner)


def _block_paragraphs(
    lines: Sequence[str],
    a: int,
    b: int,
    width: float,
    blank_separated: bool,
    greedy: bool | None,
) -> list[tuple[int, int]]:
    """Split block ``a..b`` (0-based inclusive) into paragraph line ranges.

    ``greedy`` None: the lines are not wrapped (dialogue, one paragraph per
    line), every line is a paragraph.  Wrapped lines: a new paragraph before
    an indented line; after a heading-like first line ("1. Beginnings"
    over its paragraph); after a line the next line's first word would have
    fitted when the wrapper is greedy (it did not break there: the paragraph
    ended), or, wrapped by hand, after a full sentence on a line shorter
    than 0.6 of the width; and — unless the text separates its paragraphs by
    blank lines — before a heading-like line standing alone.
    """
    if a == b:
        return [(a, a)]
    if greedy is None:
        return [(i, i) for i in range(a, b + 1)]
    base = min(_indent(lines[i]) for i in range(a, b + 1))
    out: list[tuple[int, int]] = []
    start = a
    for i in range(a, b):
        cur, nxt = lines[i].strip(), lines[i + 1]
        if _HYPH_END.search(cur) and nxt.strip()[:1].islower():
            ended = False
        elif greedy:
            ended = _fits(lines, i, width)
        else:
            ended = bool(_FULL_END.search(cur)) and len(lines[i].rstrip()) < 0.6 * width
        indented = _indent(nxt) > base
        heading_first = (
            i == a and _heading_like(cur) and len(cur) < 0.6 * width and nxt.strip()[:1].isupper()
        )
        # a heading line ("CHAPTER 2") right after a paragraph's last sentence
        # (or standing alone: the line after it starts a paragraph, or the block ends)
        alone = i + 1 == b or _indent(lines[i + 2]) > base
        head_next = (
            not blank_separated
            and (_ends_sentence(cur) or alone)
            and _heading_like(nxt.strip())
            and len(nxt.strip()) < 0.6 * width
        )
        if ended or indented or heading_first or head_next:
            out.append((start, i))
            start = i + 1
    out.append((start, b))
    return out


#: A dash attached to the word before it at a line end ("mouse--", "will—"): the wrapper broke there.
_DASH_END = re.compile(r"\S(?:--|—)$")
_DASH_START = re.compile(r"(?:--|—)\S")


def join_lines(parts: Sequence[str], lex: Lexicon | None) -> str:
    """Join the wrapped lines of one paragraph.

    A dash attached to a word ("mouse--" / "of", "riddles." / "--I") is
    glued to the other side too: unspaced dashes are the convention of texts
    that write them attached, and a wrapper breaks beside them.
    "left-" + lower-case "right": with ``lex`` (the text shows dictionary
    hyphenation) the text path's lexicon rule decides whether the hyphen is
    dropped ("bureau-cracy") or kept ("counter-revolution"); without it the
    hyphen is the text's own and is kept ("well-known").
    """
    out = ""
    for p in parts:
        p = collapse_space(p)  # str.split() would also eat U+00A0/U+202F (French typography)
        if not out:
            out = p
        elif _DASH_END.search(out) or _DASH_START.match(p):
            out += p
        elif _HYPH_END.search(out) and p[:1].isalpha():
            decided = _editor_decided(out, p)
            if decided is not None:
                out = (out[:-1] if decided else out) + p
            elif lex is not None and p[:1].islower():
                left = re.findall(r"[^\W\d_]+", out[-60:-1])
                right = re.findall(r"[^\W\d_]+", p)
                tok = p.split(" ", 1)[0]  # what follows the right half ("le-Petit"): a compound
                then = (
                    tok[tok.find(right[0]) + len(right[0]) :] if right and right[0] in tok else ""
                )
                inner = bool(re.search(r"-[^\W\d_]+-$", out[-60:]))  # "mother-in-/law"
                before = left[-2] if inner and len(left) > 1 else ""  # "day" of "day-to-/day"
                drop = bool(left and right) and lex.drop_hyphen(
                    left[-1], right[0], then, inner, before
                )
                out = (out[:-1] if drop else out) + p
            else:
                out += p
        else:
            out += " " + p
    return out


def _editor_decided(out: str, p: str) -> bool | None:
    """The editor's ``[[hyphens]]`` decision for the word a line-end hyphen splits between
    ``out`` and ``p`` (True: drop the hyphen), or None: with or without dictionary
    hyphenation in the text, the editor's spelling is what is printed."""
    left = re.findall(r"[^\W\d_]+", out[-60:-1])
    right = re.findall(r"[^\W\d_]+(?:['’]s?)?", p)
    return editor_decision(left[-1], right[0]) if left and right else None


def _heading_like(text: str) -> bool:
    """A short line that does not end like a sentence ("CHAPTER 2", "1. Beginnings")."""
    return (
        len(text) <= 80
        and not _starts_lower(text)
        and not _ends_sentence(text)
        and not text.endswith((",", "-"))
    )


def read_flowing(text: str) -> Reassembly:
    """Paragraphs of a clean text, in file order; no word is moved, dropped or split."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines = lines[:-1]
    lex = Lexicon(lines)
    hyphenated = _hyphenated(lines, lex)
    nonblank = [len(ln.rstrip()) for ln in lines if ln.strip()]
    width = sorted(nonblank)[int(0.98 * (len(nonblank) - 1))] if nonblank else 0
    ranges: list[tuple[int, int]] = []
    blocks = _blocks(lines)
    greedy = _greedy(lines, blocks, width) if _wrapped(lines, blocks) else None
    for a, b in blocks:
        ranges.extend(_block_paragraphs(lines, a, b, width, len(blocks) >= 3, greedy))
    paragraphs = []
    for a, b in ranges:
        parts = [lines[i].strip() for i in range(a, b + 1)]
        body = join_lines(parts, lex if hyphenated else None)
        paragraphs.append(
            Paragraph(text=body, ranges=[(a + 1, b + 1)], heading=a == b and _heading_like(body))
        )
    order = [(a + 1, b + 1) for a, b in ranges]
    joins = [Join(k, 1.0, "paragraph") for k in range(len(order) - 1)]
    return Reassembly(order=order, joins=joins, paragraphs=paragraphs, cols=[(0, 0)] * len(order))


def read_plain(
    text: str, *, layout: str = "auto", overrides: Sequence[tuple[int, int]] | None = None
) -> tuple[Reassembly, LayoutEvidence]:
    """A text input: a column extraction is re-ordered, a clean text read as it stands.

    The editor's reading-order overrides only make sense for a column
    extraction, so they force that reading.
    """
    ev = plain_layout(text, layout, bool(overrides))
    if ev.layout == "columns":
        return reassemble(text, overrides=list(overrides or ())), ev
    return read_flowing(text), ev


def plain_layout(text: str, layout: str = "auto", has_overrides: bool = False) -> LayoutEvidence:
    """The layout to read ``text`` with: the configured one, or the evidence's."""
    ev = detect_layout(text)
    if layout in ("columns", "flowing"):
        return LayoutEvidence(layout, ev.boundaries, ev.broken, ev.glued, forced=True)
    if has_overrides and ev.layout != "columns":
        return LayoutEvidence("columns", ev.boundaries, ev.broken, ev.glued, forced=True)
    return ev
