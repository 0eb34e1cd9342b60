"""Layout of the extraction: page furniture, fragments (the smallest certainly continuous
runs of lines) and glued lines cut apart.

Why: every later step scores joins between fragments; a cut that was not needed is
re-joined by the solver, a cut that was missed makes the true join unreachable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import CURLY_OPENING_MARKS as _OPEN_Q
from ..text import NUMBERED_HEADING_LINE_RE
from ..text import TRAILING_CLOSERS as _CLOSERS
from .lexicon import _SUFFIXES, _first_word, _last_word, _zipf
from .textclass import _end_class, _ends_sentence

if TYPE_CHECKING:
    from .lexicon import Lexicon


#: A page number alone on its line, bare or between dashes ("12", "xiv", "– 12 –").
_PAGENO = re.compile(
    r"^\s*(?:(?:\d{1,4}|[ivxlc]{1,6})|[-–—]\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—])\s*$"
)
_FOOTER = re.compile(
    r"\.qxp\b|\bPage\s*\d+(?:\s*(?:of|/)\s*\d+)?\s*$|\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}\b",
    re.I,
)
_HEADING = NUMBERED_HEADING_LINE_RE
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
    """0-based indexes of page furniture lines, decided from layout evidence.

    Page numbers (a lone number on its own line), printer's footers
    ("….qxp:Layout 1  9/5/11  09:41  Page4": a .qxp name, a date and time, a
    trailing "PageN") and running titles (a short line repeated verbatim).
    The pattern of a footer is never enough: the line must also stand alone
    between blank lines, or recur on other pages in the same shape (digits
    aside).  Why: a sentence that mentions "9/5/11 10:30", a ".qxp" file or
    ends in "Page 4" is the author's text; dropping it lost text silently.
    A repeated line inside running text is text, however often it recurs.
    """
    out: set[int] = set()
    n = len(lines)

    def isolated(i: int) -> bool:
        return (i == 0 or _is_blank(lines[i - 1])) and (i == n - 1 or _is_blank(lines[i + 1]))

    norm = [" ".join(s.split()) for s in lines]
    counts = Counter(norm)
    shapes = Counter(_SHAPE_DIGITS.sub("#", s) for s in norm if _FOOTER.search(s))
    numbered = _numbered_furniture(lines, norm, isolated)
    for i, s in enumerate(lines):
        if _is_blank(s):
            continue
        if i in numbered:
            out.add(i)
        elif _FOOTER.search(s):
            if isolated(i) or shapes[_SHAPE_DIGITS.sub("#", norm[i])] >= 2:
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


#: Digits of a footer: "Page4" and "Page5" have the same shape (a footer on every page).
_SHAPE_DIGITS = re.compile(r"\d+")

#: A running head or footer that carries the page number set apart from its words: after (or
#: before) a run of spaces or a separator ("Anna Example · The Title   12", "12   The Title").
_SET_APART_NUMBER = re.compile(
    r"^(?:\S.*?(?:\s{2,}|\s[·|•–—]\s+)\d{1,4}|\d{1,4}(?:\s{2,}|\s+[·|•–—]\s)\S.*)$"
)


def _numbered_furniture(
    lines: Sequence[str], norm: Sequence[str], isolated: Callable[[int], bool]
) -> set[int]:
    """Stand-alone lines with a page number set apart, recurring page after page with other numbers.

    Why both conditions: "Anna Example · The Title   3" is a footer only because the same
    words come back on other pages with another number, alone on their line; a heading
    ("Chapter 3", "3. Results") puts its number next to its words, and a sentence that ends
    on a number is not alone between blank lines.
    """
    shapes: dict[str, set[str]] = {}
    cand = [
        i
        for i, s in enumerate(lines)
        if not _is_blank(s)
        and len(norm[i]) <= 90
        and any(c.isalpha() for c in norm[i])  # words and a number: "1914 – 1918" is a heading
        and isolated(i)
        and _SET_APART_NUMBER.match(s.strip())
    ]
    for i in cand:
        shapes.setdefault(_SHAPE_DIGITS.sub("#", norm[i]), set()).add(norm[i])
    out = {i for i in cand if len(shapes[_SHAPE_DIGITS.sub("#", norm[i])]) >= 2}
    # facing pages: the number leads the verso's head ("12   The Title") and ends the recto's
    # ("Anna Example   13"); each shape may come once in a short text, the pair is the
    # recurrence — of facing pages: numbers one apart, a page of text apart ("1   Introduction"
    # and "Paris    1871" in a clean text are a heading and a dateline)
    lead = {i: int(m.group(1)) for i in cand if (m := _LEADING_NUMBER.match(norm[i]))}
    trail = {i: int(m.group(1)) for i in cand if (m := _TRAILING_NUMBER.search(norm[i]))}
    for i, num in lead.items():
        mates = [
            j
            for j, other in trail.items()
            if abs(other - num) == 1 and j not in lead and abs(j - i) >= _FACING_APART
        ]
        if mates and i not in trail:
            out.add(i)
            out.update(mates)
    return out


#: Lines between the heads of two facing pages, at the least (a page of text; a table of
#: contents puts its numbered lines next to each other).
_FACING_APART = 10
_LEADING_NUMBER = re.compile(r"^(\d{1,4})\s")
_TRAILING_NUMBER = re.compile(r"\s(\d{1,4})$")


_FOOTER_PAGE = re.compile(r"\bPage\s*(\d{1,4})(?:\s*(?:of|/)\s*\d+)?\s*$", re.I)


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
        elif s.strip("-–— ").isdecimal():
            seen.add(int(s.strip("-–— ")))
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
    width = median_width(lines)

    def standalone_neighbour(i: int, step: int) -> int | None:
        """The stand-alone title-like line beside line ``i`` (a blank line between them), if any.

        It is unique, or another repeated running head (a title block holds the author and
        the title together, while running heads stand one to a page)."""
        j = i + step
        while 0 <= j < n and _is_blank(lines[j]):
            j += step
        if not (0 <= j < n) or abs(j - i) > 3 or abs(j - i) < 2 or norm[j] == norm[i]:
            return None
        if counts[norm[j]] != 1 and not (j in furn and counts[norm[j]] >= 2):
            return None
        if counts[norm[j]] == 1 and j in furn:
            return None
        t = norm[j]
        after = j == n - 1 or _is_blank(lines[j + 1])
        before = j == 0 or _is_blank(lines[j - 1])
        # alone, or ending its block and far shorter than a column line: a title block an
        # extractor glued under the last line of a column, not the end of a column's sentence
        ok = (
            (before and after or (after and len(t) < 0.6 * width))
            and 3 <= len(t) <= 60
            and t[:1].isupper()
            and not _ends_sentence(t)
            and not t.endswith((",", ";", ":", "-"))
            and not _PAGENO.match(t)
            and not _FOOTER.search(t)
            and not _HEADING.match(t)
            and not _SET_APART_NUMBER.match(t)
        )
        return j if ok else None

    for i in sorted(furn):
        key = norm[i]
        if key in done or counts[key] < 2 or _PAGENO.match(lines[i]) or _FOOTER.search(lines[i]):
            continue
        if _SET_APART_NUMBER.match(norm[i]):
            continue
        for step in (-1, 1):
            j = standalone_neighbour(i, step)
            if j is not None:
                keep.add(i)
                done.add(key)
                if j in furn:
                    keep.add(j)
                    done.add(norm[j])
                break
    return keep


def median_width(lines: Sequence[str]) -> float:
    ws = sorted(len(s.strip()) for s in lines if s.strip())
    if not ws:
        return 0.0
    # most lines of a justified column are full: the median is the column width
    return float(ws[len(ws) // 2])


@dataclass
class Piece:
    line: int  # 0-based
    c0: int
    c1: int
    text: str  # stripped
    cut: str  # how it is separated from the previous piece: "", blank, soft, glue, head


@dataclass
class Frag:
    pieces: list[Piece]
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


def _glue_splits(raw: str, width: float, columnar: bool = False) -> list[int]:
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
    if not out and columnar and len(body.strip()) > _TWO_LINES * width:
        cut = _width_split(body, lead, width)
        if cut is not None:
            out.append(cut)
    return sorted(set(o for o in out if lead < o < len(body)))


#: Non-blank lines a text needs before its median line length is taken for a column width.
_MIN_COLUMN_LINES = 20


def _columnar(lines: Sequence[str], width: float) -> bool:
    """Whether the lines are set in a column of ``width``: enough lines, few far longer.

    Why: a short text, or prose with one paragraph per line, has no column width; there a
    long line is a long paragraph, not two glued column lines.
    """
    ls = [len(s.strip()) for s in lines if s.strip()]
    if len(ls) < _MIN_COLUMN_LINES or not width:
        return False
    return sum(n > _TWO_LINES * width for n in ls) <= 0.05 * len(ls)


#: A line this many column widths long holds two column lines, whatever its spaces say.
_TWO_LINES = 1.5
#: How much longer than the typical width one column line may run (ragged or tight setting).
_LINE_SLACK = 1.12


def _width_split(body: str, lead: int, width: float) -> int | None:
    """Where a line twice a column wide, glued with single spaces, holds its two column lines.

    Why: an extractor that glues the next column's first line to a column's last line with
    one space leaves no double space or full stop to cut at; the widths still tell: each
    part fits a column, and the left part (a column's last line) is usually full.  Among the
    word boundaries where both parts fit, the text picks the one a sentence cannot cross (a
    word tail after a whole word, a lower-case start after a full stop, a capital after a
    sentence end); otherwise the one nearest a full column.  Never a character is dropped:
    only the boundary is chosen.
    """
    limit = _LINE_SLACK * width + 2
    end = len(body)
    best: tuple[float, int] | None = None
    for m in re.finditer(r" +", body):
        a, b = m.start(), m.end()
        if a <= lead or b >= end or a - lead > limit or end - b > limit:
            continue  # lengths first: a huge line is never sliced at every space
        left, right = body[lead:a], body[b:]
        score = -abs(len(left) - width) / max(1.0, width)
        first = _first_word(right).lower()
        # a word tail (unknown to English: the document's own vocabulary holds this very tail)
        if right[:1].islower() and first and (_zipf(first) < 1.5 or first in _SUFFIXES):
            score += 3.0 if not left.rstrip().endswith("-") else 0.0
        if _ends_sentence(left) and right[:1].isupper():
            score += 0.5
        if best is None or score > best[0]:
            best = (score, b)
    return best[1] if best else None


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


def _broken(prev: str, raw: str, lex: Lexicon | None) -> bool:
    """Whether a line that starts with a space certainly does not continue ``prev``.

    Why: extractors put a space before a column piece they glued to the
    previous one, but also before ordinary lines (justification, a quote
    mark), so a leading space alone proves nothing.  With it, a hyphen whose
    completion is no word ("Men-" / " only"), a lower-case line after a
    full stop, or a word tail after a complete word is a certain cut.
    Without it, the text proves nothing: measured on generated cases, such
    cuts fell inside running text (rare words and compounds: "com-" /
    "panionways", "krakens") thirty times for every glued column they found.
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


def cut_fragments(
    lines: Sequence[str],
    furn: set[int],
    forced_after: set[int],
    forced_before: set[int],
    lex: Lexicon | None = None,
    column_before: set[int] | frozenset[int] = frozenset(),
) -> list[Frag]:
    """Split the input into fragments (see the module docstring, step 1).

    ``lex`` enables the certain cuts of ``_broken`` (cut kind "broken",
    which earns no adjacency evidence).  ``column_before``: lines before which the column
    geometry puts a column top the text does not mark (``geometry.hidden_column_ends``); the
    cut kind "column" is a hypothesis, neither certain nor a sign of continuity."""
    width = median_width([s for i, s in enumerate(lines) if i not in furn])
    columnar = _columnar(lines, width)
    heads = _heading_lines(lines, furn, width)
    pieces: list[Piece] = []
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
        elif i in column_before:
            cut = "column"
        elif raw[:1].isspace():
            cut = "soft"
        else:
            cut = ""
        body = raw.rstrip()
        splits = _glue_splits(raw, width, columnar) if i not in heads else []
        bounds = [len(body) - len(body.lstrip())] + splits + [len(body)]
        for k in range(len(bounds) - 1):
            a, b = bounds[k], bounds[k + 1]
            txt = body[a:b].strip()
            if not txt:
                continue
            # keep columns tight around the text
            a2 = a + (len(body[a:b]) - len(body[a:b].lstrip()))
            pieces.append(Piece(i, a2, a2 + len(txt), txt, cut if k == 0 else "glue"))
            cut = "glue"
        prev_line = i
    frags: list[Frag] = []
    for p in pieces:
        if not frags or p.cut:
            frags.append(Frag([p], len(frags), p.cut or "start"))
        else:
            frags[-1].pieces.append(p)
    for f in frags:
        if f.first_line in heads and all(p.line in heads for p in f.pieces):
            f.heading = heads[f.first_line]
        f.title = _title_like(f, lines, width)
    return frags


def _title_like(f: Frag, lines: Sequence[str], width: float) -> bool:
    """Short, unpunctuated, stand-alone lines at most three deep: an author, a title."""
    if f.heading is not None or len(f.pieces) > 3 or f.cut_before not in ("start", "blank"):
        return False
    if any(len(p.text) >= 0.75 * width for p in f.pieces):
        return False
    last = f.text_last
    if _ends_sentence(last) or last.endswith((",", ";", ":", "-")):
        return False
    # a line of the block that ends on a comma runs on: a letter's close ("Very cordially
    # yours," / "J. B. Hobson" / "Secretary of the Navy") or an address, not a title
    if any(p.text.rstrip().endswith((",", ";")) for p in f.pieces[:-1]):
        return False
    nxt = f.last_line + 1
    if nxt < len(lines) and not _is_blank(lines[nxt]):
        return False
    first = f.text_first.lstrip(_OPEN_Q + "\"'")
    return bool(first) and first[0].isupper()
