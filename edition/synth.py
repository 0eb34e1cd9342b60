"""Synthetic multi-column PDF extractions with a known reading order.

Why: the reading-order solver (``edition.reassemble``) must be judged and
calibrated on texts it has never seen, with a ground truth we can trust.  The
bundled seed has no ground truth (and must not be tuned to), so this module
typesets arbitrary English prose into magazine pages (2–3 justified columns of
~45 characters, pyphen hyphenation, numbered headings, a title block, page
furniture) and then "extracts" it the way a PDF tool does: columns in a
scrambled order, paragraph breaks as blank lines (usually), some columns glued
to the next one (no blank line, or even on the same line), stray leading
spaces and double spaces, "bureau -" hyphens, optionally a page lost.

Everything is driven by one ``random.Random(seed)``: the same seed gives the
same case, so benchmark figures are reproducible.

Truth is recorded per *unit*: a (line, first column, last column) slice of
the extracted text mapped to its index in the true reading order.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyphen

_DIC: pyphen.Pyphen | None = None


def _dic() -> pyphen.Pyphen:
    global _DIC
    if _DIC is None:
        _DIC = pyphen.Pyphen(lang="en_US")
    return _DIC


@dataclass
class Line:
    """One typeset line in true reading order."""

    text: str
    kind: str  # "body" | "heading" | "title"
    para_start: bool  # first line of a paragraph / heading / title element
    k: int = -1  # index in reading order


@dataclass
class SynthCase:
    """A synthetic extraction and its truth.

    ``units[line]`` lists ``(start_col, end_col, k)`` slices of that 1-based
    line of ``text`` (columns are character offsets, end exclusive); ``k`` is
    the index of the typeset line in reading order.  ``missing`` holds the
    k-ranges of lost pages (``k`` values never emitted).
    """

    text: str
    units: dict[int, list[tuple[int, int, int]]]
    furniture: set[int]
    n_body: int
    columns: int
    pages: int
    missing: list[tuple[int, int]] = field(default_factory=list)
    typeset: list[Line] = field(default_factory=list)

    def k_at(self, line: int, col: int) -> int | None:
        """The reading-order index of the unit covering ``col`` on ``line``."""
        for s, e, k in self.units.get(line, []):
            if s <= col < max(e, s + 1):
                return k
        return None


# ---------------------------------------------------------------- prose input

def detokenise(sentence: str) -> str:
    """Undo the TransRead tokenisation ("word , word", "won 't") into ordinary prose.

    Stand-alone straight quotes alternate between opening and closing marks
    and become curly ones, as in typeset magazine text.
    """
    toks = sentence.split()
    out: list[str] = []
    attach_next = False
    open_q = False
    for t in toks:
        if t in {"'", '"', "``", "''"}:
            if not open_q:
                out.append("\u201c")
                attach_next = True
            else:
                if out:
                    out[-1] += "\u201d"
                else:
                    out.append("\u201d")
            open_q = not open_q
            continue
        if attach_next and out:
            out[-1] += t
            attach_next = False
            continue
        if out and (re.fullmatch(r"[,.;:!?%)\]»’]+", t) or re.fullmatch(r"n't|'s|'re|'ve|'ll|'d|'m|'t", t)):
            out[-1] += t
            continue
        if out and re.fullmatch(r"[(\[«]", out[-1]):
            out[-1] += t
            continue
        out.append(t)
    s = " ".join(out)
    s = re.sub(r"(\w) '(t|s|re|ve|ll|d|m)\b", r"\1'\2", s)
    return s.strip()


def transread_paragraphs(folder: Path, rng: random.Random) -> list[str]:
    """English paragraphs from one TransRead novel folder (read at run time, never copied).

    Where ``en.para`` is absent, sentences are grouped into paragraphs of
    3–8 sentences by ``rng``.
    """
    sents = [detokenise(s) for s in (folder / "en.txt").read_text(encoding="utf-8").splitlines() if s.strip()]
    starts: list[int]
    para = folder / "en.para"
    if para.exists():
        starts = sorted({int(x) for x in para.read_text(encoding="utf-8").split() if x.strip().isdigit()} | {0})
    else:
        starts, i = [0], 0
        while i < len(sents):
            i += rng.randint(3, 8)
            starts.append(i)
    out = []
    for a, b in zip(starts, starts[1:] + [len(sents)]):
        p = " ".join(sents[a:b]).strip()
        if len(p) > 40:  # drop chapter titles and stray one-liners
            out.append(p)
    return out


# ------------------------------------------------------------------ typesetting

def _hyphen_split(word: str, room: int) -> tuple[str, str] | None:
    """Split ``word`` so that the head plus "-" fits in ``room`` characters."""
    best = None
    if "-" in word[1:-1]:  # a compound breaks at its own hyphen first
        i = word.index("-", 1)
        if i + 1 <= room:
            best = (word[: i + 1], word[i + 1 :])
    m = re.match(r"^([^\w]*)(\w+)(.*)$", word)
    if m and len(m.group(2)) >= 5 and m.group(2).isalpha():
        pre, core, post = m.groups()
        for pos in _dic().positions(core):
            if pos >= 2 and len(core) - pos >= 3 and len(pre) + pos + 1 <= room:
                cand = (pre + core[:pos] + "-", core[pos:] + post)
                if best is None or len(cand[0]) > len(best[0]):
                    best = cand
    return best


def typeset(text: str, width: int) -> list[str]:
    """Greedy line breaking at ``width`` with dictionary hyphenation."""
    words = text.split()
    lines: list[str] = []
    cur = ""
    i = 0
    while i < len(words):
        w = words[i]
        cand = w if not cur else cur + " " + w
        if len(cand) <= width:
            cur = cand
            i += 1
            continue
        room = width - len(cur) - (1 if cur else 0)
        split = _hyphen_split(w, room) if room >= 3 else None
        if split:
            cur = (cur + " " if cur else "") + split[0]
            words[i] = split[1]
        elif not cur:  # a word longer than the column
            cur = w
            i += 1
        lines.append(cur)
        cur = ""
    if cur:
        lines.append(cur)
    return lines


def _headline(rng: random.Random, paragraph: str) -> str:
    words = re.findall(r"[A-Za-z]+", paragraph)
    n = rng.randint(3, 9)
    start = rng.randint(0, max(0, len(words) - n))
    h = " ".join(words[start : start + n]) or "Section"
    return h[0].upper() + h[1:]


def layout(paragraphs: list[str], rng: random.Random, *, width: int = 45, n_sections: int = 0,
           title: str = "", author: str = "") -> list[Line]:
    """The typeset lines of a whole article, in reading order."""
    lines: list[Line] = []
    if author:
        lines.append(Line(author, "title", True))
    if title:
        lines.append(Line(title, "title", True))
    per_section = max(1, len(paragraphs) // max(1, n_sections + 1))
    sec = 0
    for i, p in enumerate(paragraphs):
        if n_sections and i > 0 and i % per_section == 0 and sec < n_sections:
            sec += 1
            for j, hl in enumerate(typeset(f"{sec}. {_headline(rng, p)}", int(width * 0.7))):
                lines.append(Line(hl, "heading", j == 0))
        for j, pl in enumerate(typeset(p, width)):
            lines.append(Line(pl, "body", j == 0))
    for k, ln in enumerate(lines):
        ln.k = k
    return lines


# -------------------------------------------------------------------- extraction

def _scramble_line(text: str, rng: random.Random, p_lead: float, p_double: float, p_spacehyph: float) -> str:
    if text.endswith("-") and len(text) > 2 and text[-2].isalpha() and rng.random() < p_spacehyph:
        text = text[:-1] + " -"
    if rng.random() < p_double and " " in text:
        idx = [m.start() for m in re.finditer(" ", text)]
        i = rng.choice(idx)
        text = text[:i] + "  " + text[i + 1 :]
    if rng.random() < p_lead:
        text = " " + text
    return text


def make_case(paragraphs: list[str], seed: int, *, columns: int = 2, pages: int = 2, width: int = 45,
              height: int | None = None, n_sections: int | None = None, shuffle: str = "random",
              p_blank_para: float = 0.85, p_glue: float = 0.2, p_glue_inline: float = 0.06,
              p_lead: float = 0.05, p_double: float = 0.03, p_spacehyph: float = 0.05, p_glue_lead: float = 0.8,
              drop_page: int | None = None, furniture: bool = True,
              title: str = "The Weight of Small Things", author: str = "Anna Example") -> SynthCase:
    """Typeset ``paragraphs`` into ``pages`` × ``columns`` and extract them scrambled.

    ``shuffle``: "random" (columns of all pages in random order), "page"
    (random within each page), or "none" (in order).  ``drop_page`` (0-based,
    not 0) loses that page entirely.  Paragraphs are consumed until the pages
    are full; the article simply stops at the end of the last page.
    """
    rng = random.Random(seed)
    height = height or rng.randint(40, 56)
    if n_sections is None:
        n_sections = rng.randint(0, 4)
    need = pages * columns * height
    paras: list[str] = []
    total = 0
    i = 0
    while total < need * 1.1 and paragraphs:
        p = paragraphs[(seed * 7 + i) % len(paragraphs)]
        paras.append(p)
        total += len(p) // (width - 5) + 2
        i += 1
        if i > 10 * len(paragraphs):
            break
    lines = layout(paras, rng, width=width, n_sections=n_sections, title=title, author=author)[:need]
    # columns: list of (page, col, lines)
    cols: list[tuple[int, int, list[Line]]] = []
    for pg in range(pages):
        for c in range(columns):
            a = (pg * columns + c) * height
            chunk = lines[a : a + height]
            if chunk:
                cols.append((pg, c, chunk))
    missing: list[tuple[int, int]] = []
    if drop_page is not None and 0 < drop_page < pages:
        gone = [x for x in cols if x[0] == drop_page]
        if gone:
            missing.append((gone[0][2][0].k, gone[-1][2][-1].k))
        cols = [x for x in cols if x[0] != drop_page]
    if shuffle == "random":
        rng.shuffle(cols)
    elif shuffle == "page":
        by_page: dict[int, list] = {}
        for x in cols:
            by_page.setdefault(x[0], []).append(x)
        cols = []
        for pg in sorted(by_page):
            grp = by_page[pg]
            rng.shuffle(grp)
            cols.extend(grp)

    out: list[str] = []  # extracted lines
    units: dict[int, list[tuple[int, int, int]]] = {}
    furn: set[int] = set()
    page_last_col = {}
    for idx, (pg, _c, _l) in enumerate(cols):
        page_last_col[pg] = idx
    seen_pages: set[int] = set()

    def emit(text: str, k: int | None) -> None:
        out.append(text)
        if k is None:
            furn.add(len(out))
        else:
            units[len(out)] = [(0, len(text), k)]

    for idx, (pg, _c, chunk) in enumerate(cols):
        if furniture and pg not in seen_pages and pg > 0 and title and rng.random() < 0.5:
            if out and out[-1] != "":
                out.append("")
            emit(title, None)  # running header
            out.append("")
        seen_pages.add(pg)
        glue = None
        if idx > 0 and out and out[-1] != "":
            r = rng.random()
            glue = "inline" if r < p_glue_inline else ("line" if r < p_glue_inline + p_glue else None)
        if idx > 0 and out and out[-1] != "" and glue is None:
            out.append("")
        for j, ln in enumerate(chunk):
            text = _scramble_line(ln.text, rng, p_lead, p_double, p_spacehyph) if ln.kind == "body" else ln.text
            if j > 0 and ln.para_start:
                prev = chunk[j - 1].kind
                p_blank = 1.0 if ln.kind != "body" or prev == "title" else (0.3 if prev == "heading" else p_blank_para)
                if rng.random() < p_blank:
                    out.append("")
            if j == 0 and glue == "inline" and out and out[-1] != "" and ln.kind == "body":
                left = out[-1]
                t = text.lstrip()
                sep = " " if (left.rstrip().endswith((".", "!", "?")) and t[:1].islower()) else " " * rng.randint(2, 4)
                start = len(left) + len(sep)
                out[-1] = left + sep + t
                units[len(out)].append((start, len(out[-1]), ln.k))
                continue
            if j == 0 and glue == "line" and not text.startswith(" ") and rng.random() < p_glue_lead:
                text = " " + text  # extractors mark a glued column start with a space
            emit(text, ln.k)
        if furniture and page_last_col.get(pg) == idx:
            out.append("")
            emit(str(pg + 1), None)
            out.append("")
            emit(f"{title.split()[-1] if title else 'Article'} Final.qxp:Layout 1  9/5/11  09:{41 + pg:02d}  Page{pg + 1}", None)
            out.append("")
    n_body = sum(len(v) for v in units.values())
    return SynthCase("\n".join(out) + "\n", units, furn, n_body, columns, pages, missing, lines)


# ------------------------------------------------------------------- evaluation

def predicted_sequence(case: SynthCase, order: list[tuple[int, int]], cols: list[tuple[int, int]]) -> list[int]:
    """Reading-order indexes (k) in the order the reassembler produced.

    ``cols`` gives, per order item, the character column where it starts on
    its first line and ends on its last line (``Reassembly.cols``).
    """
    seq: list[int] = []
    for (a, b), (c0, c1) in zip(order, cols):
        for ln in range(a, b + 1):
            for s, e, k in case.units.get(ln, []):
                lo = c0 if ln == a else 0
                hi = c1 if ln == b else 10**9
                if s < hi and e > lo or (s == e and lo <= s <= hi):
                    seq.append(k)
    return seq


def successor_accuracy(case: SynthCase, seq: list[int]) -> tuple[int, int]:
    """(correct, total): body units whose predicted next unit is the true next one.

    Pairs broken by a lost page are not counted (there is no true successor
    to find); the last unit of the text is not counted either.
    """
    present = sorted(k for v in case.units.values() for _s, _e, k in v)
    pos = {k: i for i, k in enumerate(seq)}
    correct = total = 0
    for k in present:
        if k + 1 not in pos and k + 1 <= present[-1]:
            continue  # successor lost with a dropped page
        if k == present[-1]:
            continue
        total += 1
        i = pos.get(k)
        if i is not None and i + 1 < len(seq) and seq[i + 1] == k + 1:
            correct += 1
    return correct, total
