"""The PDF itself: reading order, paragraphs, furniture and footnotes from the page geometry.

Why: a text extraction loses exactly what tells a reader how to read the
page; the PDF still has it.  pypdfium2 (PDFium, BSD/Apache) gives every
glyph with its box, baseline and font; from those, per page:

1. **Words and lines.**  Glyphs in content order become words (a gap wider
   than a fraction of the font size ends a word); words on one baseline
   become a line.  A small raised glyph run after a word is a footnote
   *marker*, not text.
2. **Columns.**  Gutters are vertical stripes that no body-size word covers;
   they cut the page into columns.  A line that crosses a gutter spans the
   columns: a title block at the top of the first page, or — in italics or
   a smaller size, mid-page — a caption or pull quote, which is taken out
   of the flow.
3. **Furniture.**  At the top and bottom edge of a page, lines set apart by
   a clear gap, at most body size and short (running heads, folios,
   footers), and lines repeated at the same height on several pages.
4. **Footnotes.**  At a column's foot, below a gap, lines smaller than the
   body that start with a number: one note per number, kept apart from the
   running text and anchored where the body's raised marker stands; a note
   going on in the next column or page joins the one it continues.
   Endnotes (after a chapter or the text) are the run that opens with the
   numbers of the markers met since the last run, in order.
5. **Reading order and paragraphs.**  Page by page: the spanning title
   block, then each column top to bottom, left to right.  A new paragraph
   where a line is indented, where the vertical gap grows, where the font
   changes (bold or larger → heading, indented and smaller → block
   quotation), or where the next line's first word would have fitted on
   the previous line (a line-breaker does not leave that room inside a
   paragraph).  Hyphenated line ends are rejoined with the text path's
   lexicon rule (``edition.reassemble.lexicon``).

No OCR: a PDF without a text layer is refused (exit 2), as are encrypted,
corrupt or over-large files, each with a one-line message.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..files import InputError
from ..reassemble import Join, Paragraph, Reassembly
from ..reassemble.lexicon import Lexicon, _join_text
from ..reassemble.textclass import _ends_sentence

#: Largest PDF we open (bytes) and most pages we read; beyond that the file is
#: almost certainly not one work, and reading it would hold the CLI for minutes.
MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
#: Code points PDFium uses for a hyphen it found at a line end, and soft hyphens.
#: Glyphs written for other characters: PDFium's line-end hyphen marks, the Unicode hyphen
#: (groff), and the ligatures (fi, fl, ff, ffi, ffl) where a font maps them to U+FB0x.
_HYPHENS = {
    "\x02": "-",
    "\u00ad": "-",
    "\ufffe": "-",
    "\u2010": "-",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
}
#: Spacing accents that TeX's 7-bit fonts (OT1: Computer Modern) set as a glyph of their own
#: over the letter that follows ("Bront¨e"): their combining forms.
_ACCENTS = {
    "\u00a8": "\u0308",
    "\u00b4": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "\u02dc": "\u0303",
    "~": "\u0303",
    "\u00b8": "\u0327",
    "\u02c7": "\u030c",
    "\u02d8": "\u0306",
    "\u00af": "\u0304",
    "\u02d9": "\u0307",
    "\u02da": "\u030a",
    "\u02dd": "\u030b",
}
_ACCENT_RE = re.compile("([" + re.escape("".join(_ACCENTS)) + r"])([^\W\d_])")


def _compose(text: str) -> str:
    """Put a separately set accent back on its letter ("Bront¨e" → "Brontë") where Unicode
    has the accented letter; anything else is left as printed."""

    def one(m: re.Match[str]) -> str:
        base = "i" if m.group(2) == "\u0131" else m.group(2)  # TeX accents a dotless i
        c = unicodedata.normalize("NFC", base + _ACCENTS[m.group(1)])
        return c if len(c) == 1 else m.group(0)

    return _ACCENT_RE.sub(one, text)


@dataclass
class SourceParagraph(Paragraph):
    """A paragraph read from markup or geometry: its kind is known, not guessed.

    ``kind``: "title" (title block), "head", "p" or "quote".  ``anchors``:
    (character offset in ``text``, note number) of each footnote marker.
    """

    kind: str = "p"
    anchors: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Note:
    """A footnote or endnote: its number, its text, and where its marker stands."""

    n: str
    text: str
    paragraph: int = -1  # index into the reading's paragraphs; -1 = marker not found
    offset: int = 0
    page: int = 0
    #: Where the typesetter printed it: "foot" (a page's foot) or "end" (gathered after a
    #: chapter or the text) — TEI's ``note/@place``, so the edition says which the reader saw.
    place: str = "foot"


@dataclass
class Reading(Reassembly):
    """A reader's result: a ``Reassembly`` plus notes, furniture texts and page count."""

    notes: list[Note] = field(default_factory=list)
    furniture_text: list[str] = field(default_factory=list)
    pages: int = 0
    kind: str = ""

    def to_json(self) -> dict:
        """``edition reassemble FILE.pdf --json``: paragraphs (and their kinds), furniture,
        notes, pages, order (fragments: runs of lines in one column, numbered in reading
        order) and joins (how each fragment continues into the next)."""
        return {
            "paragraphs": [p.text for p in self.paragraphs],
            "kinds": [getattr(p, "kind", "p") for p in self.paragraphs],
            "furniture": list(self.furniture_text),
            "notes": [
                {
                    "n": n.n,
                    "text": n.text,
                    "paragraph": n.paragraph,
                    "offset": n.offset,
                    "place": n.place,
                }
                for n in self.notes
            ],
            "pages": self.pages,
            "order": [[a, b] for a, b in self.order],
            "joins": [
                {"after": j.after, "confidence": round(j.confidence, 4), "kind": j.kind}
                for j in self.joins
            ],
        }


# ================================================================ glyphs → lines


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    bold: bool
    italic: bool
    sup: bool = False
    lead: bool = False  # a marker that opens its line (a footnote's own number)


@dataclass
class _Line:
    words: list[_Word]
    page: int
    col: int = 0  # column index, -1 = spans the columns
    role: str = "body"  # body | furniture | float | note | title
    #: A note line under an endnotes heading that fitted at a column's foot: an endnote
    #: (TEI ``place="end"``) though read with the page's footnotes.
    endnote: bool = False

    @cached_property
    def x0(self) -> float:
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        return self.words[-1].x1

    @cached_property
    def y(self) -> float:
        return statistics.median(w.y for w in self.words if not w.sup) if self.text_words else 0.0

    @cached_property
    def text_words(self) -> list[_Word]:
        return [w for w in self.words if not w.sup]

    @cached_property
    def size(self) -> float:
        ws = self.text_words or self.words
        return max(Counter(round(w.size, 1) for w in ws).items(), key=lambda kv: (kv[1], kv[0]))[0]

    @cached_property
    def bold(self) -> bool:
        ws = self.text_words
        return bool(ws) and sum(len(w.text) for w in ws if w.bold) >= 0.8 * sum(
            len(w.text) for w in ws
        )

    @cached_property
    def italic(self) -> bool:
        ws = self.text_words
        return bool(ws) and sum(len(w.text) for w in ws if w.italic) >= 0.8 * sum(
            len(w.text) for w in ws
        )

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.text_words)


def _open(path: Path):
    """Open a PDF with PDFium, turning every failure into a one-line InputError."""
    import pypdfium2 as pdfium

    if not path.exists():
        raise InputError(path, "PDF not found; check the path (or the work's source)")
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise InputError(
            path, f"PDF is {size} bytes, over the {MAX_PDF_BYTES}-byte limit; split it first"
        )
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise InputError(path, "not a PDF (no %PDF- header); give a .pdf file or rename it")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise InputError(
                path, "PDF is encrypted (password required); save a decrypted copy and use that"
            ) from exc
        raise InputError(
            path,
            f"PDF cannot be read ({msg.strip().rstrip('.')}); the file is corrupt or truncated — "
            "export it again",
        ) from exc
    if len(pdf) > MAX_PAGES:
        n = len(pdf)
        pdf.close()
        raise InputError(path, f"PDF has {n} pages, over the {MAX_PAGES}-page limit; split it")
    return pdf


def _page_words(page, index: int) -> list[_Word]:
    """The words of one page, from PDFium's glyphs in content order.

    Fast path: the page text in one call, cut at (PDFium's own, generated or
    real) spaces; each run is probed at its first and last glyph only.  A run
    whose ends disagree in baseline or size (a marker glued to its word,
    "has¹") is read glyph by glyph and split where baseline, size or a gap
    changes.
    """
    import pypdfium2.raw as raw

    tp = page.get_textpage()
    try:
        n = raw.FPDFText_CountChars(tp.raw)
        if n <= 0:
            return []
        text = tp.get_text_range(0, n)
        box = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        buf = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        fonts: dict[int | None, tuple[bool, bool]] = {}
        h = tp.raw

        def glyph(i: int) -> tuple[float, float, float, float]:
            # the loose box spans the glyph's advance (a tight box makes "1" narrow: "1 932")
            raw.FPDFText_GetLooseCharBox(h, i, box)
            raw.FPDFText_GetCharOrigin(h, i, ox, oy)
            return box.left, box.right, oy.value, float(raw.FPDFText_GetFontSize(h, i))

        def font(i: int) -> tuple[bool, bool]:
            obj = raw.FPDFText_GetTextObject(h, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
            if key not in fonts:
                raw.FPDFText_GetFontInfo(h, i, buf, 128, flags)
                name = buf.value.decode("latin-1", "replace").lower()
                fonts[key] = (
                    "bold" in name or "black" in name or "heavy" in name,
                    "italic" in name or "oblique" in name or bool(flags.value & 64),
                )
            return fonts[key]

        words: list[_Word] = []
        if len(text) != n:  # surrogate pairs: indexes differ, read every glyph
            runs = [(i, i + 1) for i in range(n)]
            text = "".join(chr(raw.FPDFText_GetUnicode(h, i) or 32) for i in range(n))
        else:
            # PDFium writes a line-end hyphen as U+FFFE and may omit the line break after it
            runs = [
                (m.start(), m.end())
                for m in re.finditer(r"[^\s\x00-\x01\ufffe\uffff]+\ufffe?|\ufffe", text)
            ]
        for a, b in runs:
            chunk = "".join(_HYPHENS.get(c, c) for c in text[a:b])
            if not chunk.strip():
                continue
            x0, _x1, y0, s0 = glyph(a)
            if b - a == 1:
                bold, ital = font(a)
                words.append(_Word(chunk, x0, _x1, y0, s0, bold, ital))
                continue
            _x0, x1, y1, s1 = glyph(b - 1)
            if abs(y1 - y0) <= 0.2 * max(s0, s1) and abs(s1 - s0) <= 0.25 * max(s0, s1) and x1 > x0:
                bold, ital = font(a)
                words.append(_Word(chunk, x0, x1, y0, s0, bold, ital))
                continue
            # mixed run: glyph by glyph
            cur: list[str] = []
            cx0 = cx1 = cy = cs = 0.0
            cb = ci = False
            for i in range(a, b):
                gx0, gx1, gy, gs = glyph(i)
                if cur and (
                    abs(gy - cy) > 0.2 * max(gs, cs)
                    or gx0 - cx1 > 0.18 * gs
                    or gx0 < cx0 - 0.5
                    or abs(gs - cs) > 0.25 * max(gs, cs)
                ):
                    words.append(_Word("".join(cur), cx0, cx1, cy, cs, cb, ci))
                    cur = []
                if not cur:
                    cx0, cy, cs = gx0, gy, gs
                    cb, ci = font(i)
                cur.append(_HYPHENS.get(text[i], text[i]))
                cx1 = gx1
            if cur:
                words.append(_Word("".join(cur), cx0, cx1, cy, cs, cb, ci))
        for w in words:
            if _ACCENT_RE.search(w.text):
                w.text = _compose(w.text)
        return words
    finally:
        tp.close()


def _mark_superscripts(words: list[_Word]) -> None:
    """Flag raised, smaller numbers: footnote markers after a word in the text, or opening
    the note itself (then the word after it, in content order, starts the note's line)."""
    for k, w in enumerate(words):
        if not (w.text.isdigit() and len(w.text) <= 3):
            continue
        prev = words[k - 1] if k else None
        nxt = words[k + 1] if k + 1 < len(words) else None
        if (
            prev is not None
            and w.size < 0.8 * prev.size
            and 0.2 * prev.size < w.y - prev.y < 0.7 * prev.size
            and -1 <= w.x0 - prev.x1 < 0.5 * prev.size
        ):
            w.sup = True
        elif (
            nxt is not None
            and w.size < 0.85 * nxt.size
            and 0 < w.y - nxt.y < 0.7 * nxt.size
            and -0.5 * nxt.size < nxt.x0 - w.x1 < 1.0 * nxt.size
        ):
            w.sup = w.lead = True


def _lines(words: list[_Word], page: int) -> list[_Line]:
    """Group words into lines by baseline; a raised small number joins the line it belongs to.

    A footnote marker sits above its line's baseline: after a word in the
    running text (caught by ``_mark_superscripts``) or at the start of the
    note itself, where it would otherwise make a line of its own.
    """
    rows: list[list[_Word]] = []
    pending: list[_Word] = []
    for w in words:
        if w.lead:
            pending.append(w)
            continue
        if w.sup and rows:
            rows[-1].append(w)
            continue
        rows.append([*pending, w] if pending else [w])
        pending = []
    rows.extend([p] for p in pending)
    # merge content-order runs that sit on the same baseline (a marker rides with its word)
    base = lambda r: next((x for x in r if not x.sup), r[0])  # noqa: E731
    rows.sort(key=lambda r: (-round(base(r).y, 0), base(r).x0))
    merged: list[list[_Word]] = []
    for r in rows:
        b0 = base(r)
        if merged and abs(base(merged[-1]).y - b0.y) <= 0.25 * max(b0.size, base(merged[-1]).size):
            merged[-1].extend(r)
        else:
            merged.append(list(r))
    out = []
    for r in merged:
        r.sort(key=lambda w: w.x0)
        out.append(_Line(r, page))
    return out


# ================================================================ page analysis


def _body_size(lines: Sequence[_Line]) -> float:
    """The most common font size, by characters: the running text's."""
    c: Counter[float] = Counter()
    for ln in lines:
        for w in ln.text_words:
            c[round(w.size, 1)] += len(w.text)
    return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] if c else 10.0


def _column_words(
    lines: Sequence[_Line],
    body: float,
    height: float,
    graphics: Sequence[tuple[float, float, float, float]] = (),
) -> list[_Word]:
    """The words that must keep out of a gutter: text, quotations and column notes; not
    titles (they may span), not smaller text under all the body text (multicol's page-wide
    footnotes), not the edge bands (folios and footers may sit mid-page), not a caption's
    words (within three lines under or over a figure, across it: a figure set across the
    columns has its caption across the gutters too).

    The text's foot is that of its body-size lines other than captions: a last page holding
    a figure across the page and, under its caption, only the endnotes in columns kept no
    word, and its columns were read as lines across the page."""
    foot = min(
        (
            ln.y
            for ln in lines
            if 0.9 * body <= ln.size <= 1.1 * body
            and min(ln.y, height - ln.y) >= 0.08 * height
            and any(not _by_figure(w, graphics, body) for w in ln.text_words)
        ),
        default=0.0,
    )
    folios = _lone_folios(lines, body)
    return [
        w
        for ln in lines
        if min(ln.y, height - ln.y) >= 0.08 * height and ln.role == "body" and id(ln) not in folios
        for w in ln.text_words
        if not (w.size > 1.1 * body or (w.size < 0.9 * body and ln.y < foot))
        and not _by_figure(w, graphics, body)
    ]


#: A folio's number: arabic, or a lower-case roman numeral up to 399 written by the rules
#: (subtractive pairs, no letter four times in a row), so that a word of those letters
#: alone that is no numeral ("civil", "ill") stays a word; "vi" cannot be told apart.
_FOLIO = r"\d{1,4}|(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"


def _lone_folios(lines: Sequence[_Line], body: float) -> set[int]:
    """The page's first and last lines (ids) that are a number alone set apart from every
    other line by two leadings or more: a folio, wherever the page's edge band ends.

    Why: groff's me sets its folio 1.2 in. from the foot, above the band kept for furniture
    and centred in a two-column page's gutter; on a short last page (two rows in the second
    column) that folio closed the gutter, which the rows beside could not prove alone, and
    the two rows were read across the page."""
    ls = sorted((ln for ln in lines if ln.text_words), key=lambda ln: -ln.y)
    out: set[int] = set()
    for edge, nxt in ((ls[:1], ls[1:2]), (ls[-1:], ls[-2:-1])):
        if edge and nxt and abs(edge[0].y - nxt[0].y) >= 2.4 * body:
            words = edge[0].text_words
            if len(words) == 1 and re.fullmatch(_FOLIO, words[0].text):
                out.add(id(edge[0]))
    return out


def _by_figure(
    w: _Word, graphics: Sequence[tuple[float, float, float, float]], body: float
) -> bool:
    """A word within three lines under or over a figure, across it: its caption's."""
    return any(
        w.x0 < gx1 and gx0 < w.x1 and (gy0 - 3 * body < w.y < gy0 or gy1 < w.y < gy1 + 3 * body)
        for gx0, gy0, gx1, gy1 in graphics
    )


def _usual_gutters(pages: Sequence[_Page], body: float) -> None:
    """A gutter the document has on most pages is kept on a page where its stripe is open
    with text on both sides, though the text beside it is too narrow to prove a column
    there (a short last page: one line left in the first column, a heading in the next)."""
    # clusters of gutters across pages, each stripe with its page's index
    seen: list[list[tuple[int, tuple[float, float]]]] = []
    for i, pg in enumerate(pages):
        for g in pg.gutters:
            for cl in seen:
                h = cl[0][1]
                if abs((h[0] + h[1]) / 2 - (g[0] + g[1]) / 2) < 0.5 * body:
                    cl.append((i, g))
                    break
            else:
                seen.append([(i, g)])
    usual: list[tuple[float, float]] = []
    for cl in seen:
        common = (max(g[0] for _, g in cl), min(g[1] for _, g in cl))
        n = len(cl) + _held(common, {i for i, _ in cl}, pages)
        # (in a document of two pages, the first page's gutters are the evidence there is)
        if n >= min(2, len(pages) - 1) and n >= 0.5 * len(pages):
            usual.append(common)
    for pg in pages:
        pg.gutters = _usual_within(pg, usual, body)
        add = []
        for g0, g1 in usual:
            if g1 - g0 < _NARROW_GUTTER * body or any(a < g1 and g0 < b for a, b in pg.gutters):
                continue
            ws = _column_words(pg.lines, body, pg.height, pg.graphics)
            if (
                ws
                and not any(w.x0 < g1 and g0 < w.x1 for w in ws)
                and any(w.x1 <= g0 for w in ws)
                and any(
                    w.x0 >= g1
                    for ln in pg.lines
                    if min(ln.y, pg.height - ln.y) >= 0.08 * pg.height
                    for w in ln.text_words
                )
            ):
                add.append((g0, g1))
        if add:
            pg.gutters = sorted(pg.gutters + add)


def _held(common: tuple[float, float], on: set[int], pages: Sequence[_Page]) -> int:
    """How many pages other than ``on`` have a stripe holding ``common`` (a cluster's part
    open on all its pages).  A page's column of quotation or short lines widens its stripe
    on one side and moves its middle off the gutter's (a three-page document's first page
    had its gutter widened so, and none was usual: its last page's endnotes in three columns
    were read across); one stripe holding two gutters (an empty middle column) is evidence
    for each of them, without taking either over as one cluster would."""
    if common[0] >= common[1]:
        return 0  # (no part open on all the cluster's pages: nothing for a stripe to hold)
    return sum(
        1
        for i, pg in enumerate(pages)
        if i not in on and any(a <= common[0] and common[1] <= b for a, b in pg.gutters)
    )


def _usual_within(
    pg: _Page, usual: Sequence[tuple[float, float]], body: float
) -> list[tuple[float, float]]:
    """A page's stripe well wider than one of the document's usual gutters it holds is that
    gutter; one that holds two or more, with text between each two (of any size: the words
    that prove a gutter leave out headings and smaller lines under the text), is those
    gutters and the columns between them.

    Why: a column set wholly as quotation on one page (or ragged) widens the stripe beside
    it by its indent, and its middle is then no longer the columns' boundary — the last
    line of that column, back at the text edge and running into the stripe, had a word past
    that middle and was read across the page; the next column's left edge is the gutter's,
    not the quotation's.  And a short last page in three columns whose middle column holds
    only the endnotes' heading and smaller notes below the first column's two lines showed
    one stripe from the first gutter to the second, and its rows were read across the page.
    A usual gutter that a word larger than the text crosses is not taken: a folio centred
    in the gutter narrows the usual gutter to its part beside the folio, and a centred title
    (too small to be kept whole as a heading is) was cut at that part."""
    words = [
        w
        for ln in pg.lines
        if min(ln.y, pg.height - ln.y) >= 0.08 * pg.height
        for w in ln.text_words
    ]
    out: list[tuple[float, float]] = []
    for g0, g1 in pg.gutters:
        inside = sorted(
            u
            for u in usual
            if g0 - 1 <= u[0]
            and u[1] <= g1 + 1
            and _NARROW_GUTTER * body <= u[1] - u[0] < 0.5 * (g1 - g0)
            and not any(w.x0 < u[1] and u[0] < w.x1 and w.size > 1.1 * body for w in words)
        )
        if len(inside) == 1 or (
            len(inside) >= 2
            and all(
                any(a[1] <= w.x0 and w.x1 <= b[0] for w in words)
                for a, b in zip(inside, inside[1:])
            )
        ):
            out.extend(inside)
        else:
            out.append((g0, g1))
    return out


def _text_rows(lines: Sequence[_Line], height: float) -> int:
    """How many baselines a page's text stands on, outside the bands at its top and foot."""
    return len(
        {round(ln.y) for ln in lines if ln.text_words and min(ln.y, height - ln.y) >= 0.08 * height}
    )


def _column_spans(
    words: Sequence[_Word], gutters: Sequence[tuple[float, float]]
) -> list[tuple[float, float]]:
    """The columns a page's gutters leave between its text's outer edges, left to right."""
    lo, hi = min(w.x0 for w in words), max(w.x1 for w in words)
    cuts = [lo, *(x for g in sorted(gutters) for x in g), hi]
    return [(cuts[2 * i], cuts[2 * i + 1]) for i in range(len(cuts) // 2)]


def _short_page_gutters(pages: Sequence[_Page], body: float) -> None:
    """A gutter of a page of few rows that a word crosses, and that cuts a column in two
    halves both narrower than 0.8 times the narrowest column of the document's full pages
    (ten rows or more), is dropped: it is word spaces.

    Why: a page of few rows tolerates a stray word across a gutter (an overfull line, a
    spanning one), and a justified column's wide word spaces may line up in two or three
    of its lines there — a short last page — and the row whose word crosses them was then
    read as a line across the page, the column's lines out of order.  A real gutter leaves
    columns as wide as the document's; a word crossing it is the stray the rule allowed.  Only
    full pages set in columns say how wide a column is: in a one-column document the
    "narrowest column" is the whole measure, and a last page set in two columns under a
    line across them lost its real gutter (review r3a)."""
    rows = [_text_rows(pg.lines, pg.height) for pg in pages]
    words = [_column_words(pg.lines, body, pg.height, pg.graphics) for pg in pages]
    widths: list[float] = []
    for pg, n, ws in zip(pages, rows, words):
        if n >= 10 and ws and pg.gutters:
            widths.extend(b - a for a, b in _column_spans(ws, pg.gutters))
    if not widths:
        return
    narrow = 0.8 * min(widths)
    for pg, n, ws in zip(pages, rows, words):
        if n >= 10 or not ws:
            continue
        k = 0
        while k < len(pg.gutters):
            g0, g1 = pg.gutters[k]
            cols = _column_spans(ws, pg.gutters)
            left, right = cols[k], cols[k + 1]
            crossed = any(w.x0 < g1 and g0 < w.x1 for w in ws)
            if crossed and left[1] - left[0] < narrow and right[1] - right[0] < narrow:
                pg.gutters = pg.gutters[:k] + pg.gutters[k + 1 :]
            else:
                k += 1


#: Rows of text a page needs to show a gutter of its own.
_MIN_GUTTER_ROWS = 4
#: Narrowest gutter, in ems of the body size: on a page of a few rows, and on a page of ten
#: rows or more (where a stripe open through every row cannot be word spaces).  Measured
#: to the words' edges (quarter points): 0.7 em there is about the 0.6 em that whole-point
#: bins, which lost a point or so of every stripe, had let through (0.6 em measured so
#: let a justified column's word spaces lined up over 14 rows of a hand-made page pass).
_MIN_GUTTER = 0.7
_NARROW_GUTTER = 0.3
#: Width of the bins (pt) in which ``_gutters`` counts the words covering each x.
_GUTTER_RES = 0.25


def _gutters(
    lines: Sequence[_Line],
    body: float,
    width: float,
    height: float,
    graphics: Sequence[tuple[float, float, float, float]] = (),
) -> list[tuple[float, float]]:
    """Vertical stripes no text word covers (titles aside), between text: the column gutters."""
    # a quarter point, not one: a narrow gutter under microtype (8 pt less the hyphens and
    # round letters hung into it: about 4 pt open) lost up to two points to whole-point
    # bins and fell under the narrowest width on most pages of a document
    res = _GUTTER_RES
    nb = int(width / res) + 2
    starts = [0] * (nb + 1)
    xs: list[float] = []
    words = _column_words(lines, body, height, graphics)
    for w in words:
        # bin k holds [k, k + 1) x res: a word covers the bins it overlaps, no more
        a, b = max(0, int(w.x0 / res)), min(nb, math.ceil(w.x1 / res))
        if a < b:
            starts[a] += 1
            starts[b] -= 1
        xs.extend((w.x0, w.x1))
    if not xs:
        return []
    cover = list(itertools.accumulate(starts[:nb]))
    # (text may run off the page: a marginal note, an overfull line)
    lo, hi = max(0, int(min(xs) / res)), min(nb - 1, int(max(xs) / res))
    # a stray word across the gutter (an over-long word, a spanning line) does not close it;
    # where that tolerance swallows a column of a few lines (a short last page), none is
    nlines = sum(1 for ln in lines if ln.text_words)
    # (rows: a page of three lines per column has no room for strays — two words of three
    # rows would make a justified line's wide spaces a gutter)
    rows = _text_rows(lines, height)
    if rows < _MIN_GUTTER_ROWS:
        # a few justified lines leave their wide word spaces aligned by chance: such a page
        # takes only the gutter the document has on most pages (``_usual_gutters``)
        return []
    tol = max(2, nlines // 20) if rows >= 10 else rows // 5
    # a narrow gutter (LaTeX's default is 10 pt; less where microtype hangs hyphens and
    # stops into it) is told from word spaces by its height: no word space runs open
    # through ten rows and more
    wide = (_NARROW_GUTTER if rows >= 10 else _MIN_GUTTER) * body
    found = _open_stripes(cover, lo, hi, res, body, tol, wide)
    if not found and nlines >= 6 and tol:  # (a few lines may leave a word space open by chance)
        found = _open_stripes(cover, lo, hi, res, body, 0, wide)
    # a gutter found with strays tolerated is where no word is, when that core is wide
    # enough: a column set mostly as quotation leaves a wide stripe whose edge its few
    # full lines cross (and two columns' lines would then read as one spanning line)
    out: list[tuple[tuple[float, float], bool]] = []  # (stripe, open: a part no word covers)
    for g0, g1 in found:
        a, b = int(g0 / res), int(g1 / res)
        best, k = (g0, g1), a
        bestlen = 0
        while k < b:
            if cover[k] == 0:
                j = k
                while j < b and cover[j] == 0:
                    j += 1
                if j - k > bestlen:
                    bestlen, best = j - k, (k * res, j * res)
                k = j
            else:
                k += 1
        out.append((best, True) if bestlen * res >= wide else ((g0, g1), False))
    # a stripe narrower than the usual least gutter must be more than aligned word spaces:
    # in most rows the gap there is well wider than the row's own word spaces — and it must
    # run beside text through ten rows itself (the page's rows may stand elsewhere).  A
    # stripe open only with strays tolerated (no x of it free of words) has at most one
    # row crossing it for every five rows beside it, as a page of few rows tolerates: strays are
    # exceptions (a line across the page), and a short last page's five justified lines
    # over notes in two columns left stripes of word spaces two of the five lines cross,
    # and the one the pruning kept cut the page in four
    return [
        g
        for g, free in out
        if (
            g[1] - g[0] >= _MIN_GUTTER * body
            and (
                free
                or len({round(w.y) for w in words if w.x0 < g[1] and g[0] < w.x1})
                <= _rows_beside(lines, g, body, height) // 5
            )
        )
        or (
            _rows_beside(lines, g, body, height) >= _NARROW_GUTTER_ROWS
            and (
                _gap_stands_out(lines, g, height)
                or _flush_edges(lines, g, body)
                or _flush_rows(lines, g, body, height)
            )
        )
    ]


#: Rows of text a stripe narrower than ``_MIN_GUTTER`` must run beside to be a gutter: no
#: word space stays open through so many rows of a justified column.
_NARROW_GUTTER_ROWS = 10


def _rows_beside(lines: Sequence[_Line], g: tuple[float, float], body: float, height: float) -> int:
    """How many rows (baselines) have a word ending within two ems left of stripe ``g`` or
    starting within two ems right of it: the text the stripe runs beside.

    Why: the page's rows say nothing of one stripe — a page of ten rows of notes in two
    columns and five lines of text in the first has a stripe of aligned word spaces open
    beside those five lines only (a short last page under multicol: its justified first
    column's wide spaces lined up, the page read in four columns and its first line across
    them all).  Either side counts: columns that share no baseline (ragged columns) have no
    row with words on both sides.  Two ems, not one: a folio centred in a gutter leaves the
    stripe only its part on one side of the folio, 1.4 em from the first column's edge, and
    a short last page's gutter was then counted beside its second column's seven rows only
    (groff ``-me``: the rows beside read across the page)."""
    rows = {
        round(ln.y)
        for ln in lines
        if min(ln.y, height - ln.y) >= 0.08 * height
        and any(
            g[0] - 2 * body <= w.x1 <= g[0] + 0.5 or g[1] - 0.5 <= w.x0 <= g[1] + 2 * body
            for w in ln.text_words
        )
    }
    return len(rows)


#: Lines that must end flush at one edge left of a narrow stripe, and start flush at one
#: edge right of it, for the stripe to be two columns' edges.
_FLUSH_LINES = 5


def _flush_edges(lines: Sequence[_Line], g: tuple[float, float], body: float) -> bool:
    """Whether lines end flush at one x within an em left of stripe ``g`` and start flush at
    one x within an em right of it, five or more each (within a point).

    Why: where two columns share no baseline (a float atop one, ragged bottoms) each line
    is one column's, and no line has words on both sides of a narrow gutter for
    ``_gap_stands_out`` to measure; but the columns' own edges show — justified lines end at
    one x and start at one x.  Word spaces lined up inside a column never end a line."""

    def flush(xs: list[int]) -> int:
        c = Counter(xs)
        return max((c[x] + c[x + 1] for x in c), default=0)

    ends = [round(ln.x1) for ln in lines if g[0] - body <= ln.x1 <= g[0] + 0.5]
    starts = [round(ln.x0) for ln in lines if g[1] - 0.5 <= ln.x0 <= g[1] + body]
    return flush(ends) >= _FLUSH_LINES and flush(starts) >= _FLUSH_LINES


#: Share of the rows across a narrow stripe whose words end (and start) at one x beside it
#: for the stripe to be two justified columns' edges.
_FLUSH_SHARE = 0.7


def _flush_rows(lines: Sequence[_Line], g: tuple[float, float], body: float, height: float) -> bool:
    """Whether, in the rows with words on both sides of stripe ``g`` (ten or more), the word
    before it ends at one x (within half a point) in most rows, and the word after it starts
    at one x in most: two justified columns' edges, however narrow the gutter.

    Why: three justified columns 5 pt apart share their baselines, so each row is one line
    across the gutters (no line ends at a column's edge for ``_flush_edges``), and their
    word spaces (3–5 pt in a narrow measure) are as wide as the gutter (``_gap_stands_out``
    saw nothing): the page was read row by row.  Word spaces lined up inside a column end
    and start their words anywhere within a space's width of the stripe, not at one x in
    most rows.  The rows' first words start at one x in most rows too: a justified column
    starts its lines flush, where a column of labels set right-aligned against a tab 3 pt
    wide (a chronology's dates, ending at one x, their entries starting at one x) starts
    them anywhere, and is one column with its entries, read row by row."""
    mid = (g[0] + g[1]) / 2
    ends: list[float] = []
    starts: list[float] = []
    firsts: list[float] = []
    for ln in lines:
        ws = ln.text_words
        if min(ln.y, height - ln.y) < 0.08 * height:
            continue
        k = next((i for i, w in enumerate(ws) if w.x0 > mid), None)
        if not k or ws[k - 1].x1 > mid or ws[k - 1].x1 < g[0] - body or ws[k].x0 > g[1] + body:
            continue
        ends.append(ws[k - 1].x1)
        starts.append(ws[k].x0)
        firsts.append(ws[0].x0)
    if len(ends) < _NARROW_GUTTER_ROWS:
        return False

    def share(xs: list[float]) -> float:
        return max(sum(1 for y in xs if abs(y - x) <= 0.5) for x in xs) / len(xs)

    return all(share(xs) >= _FLUSH_SHARE for xs in (ends, starts, firsts))


def _gap_stands_out(lines: Sequence[_Line], g: tuple[float, float], height: float) -> bool:
    """Whether, in the rows with words on both sides of stripe ``g``, the gap across it is
    typically (median) more than 1.3 times the row's other word spaces: justified lines
    space their words evenly, and a gutter is not one of those spaces."""
    mid = (g[0] + g[1]) / 2
    ratios: list[float] = []
    for ln in lines:
        ws = ln.text_words
        if min(ln.y, height - ln.y) < 0.08 * height or len(ws) < 3:
            continue
        k = next((i for i, w in enumerate(ws) if w.x0 > mid), None)
        if not k:
            continue
        gaps = [b.x0 - a.x1 for a, b in zip(ws, ws[1:])]
        across = gaps.pop(k - 1)
        if not gaps:
            continue
        ratios.append(across / max(0.1, statistics.median(gaps)))
    return len(ratios) >= 3 and statistics.median(ratios) > 1.3


def _open_stripes(
    cover: list[int], lo: int, hi: int, res: float, body: float, tol: int, wide: float
) -> list[tuple[float, float]]:
    """Stripes covered by at most ``tol`` words, at least ``wide`` wide, between text at
    least four ems wide on both sides."""
    gaps: list[tuple[float, float]] = []
    k = lo
    while k <= hi:
        if cover[k] <= tol:
            j = k
            while j <= hi and cover[j] <= tol:
                j += 1
            if (j - k) * res >= wide:
                gaps.append((k * res, j * res))
            k = j
        else:
            k += 1

    # a column must be wide enough to be one (4 ems at least): of the two stripes around a
    # narrower one, the one more words cross goes (a stripe no word crosses is a gutter; a
    # quotation's margin beside it is crossed by the full lines), else the narrower, and
    # the columns are measured again
    def crossed(g: tuple[float, float]) -> int:
        return max(cover[int(g[0] / res) : max(int(g[0] / res) + 1, int(g[1] / res))])

    while gaps:
        edges = [lo * res] + [x for g in gaps for x in g] + [hi * res]
        narrow = [i for i in range(len(gaps) + 1) if edges[2 * i + 1] - edges[2 * i] < 4 * body]
        if not narrow:
            break
        i = narrow[0]
        around = [k for k in (i - 1, i) if 0 <= k < len(gaps)]
        gaps.pop(max(around, key=lambda k: (crossed(gaps[k]), gaps[k][0] - gaps[k][1])))
    return gaps


#: What a typesetter hangs into the margin before a line (microtype's protrusion, optical
#: margin alignment): opening dashes, quotation marks and brackets.
_HANGING_OPENERS = "\u2014\u2013-\u201c\u2018\u201e\"'([\u00ab"


def _hung(w: _Word, g0: float) -> bool:
    """A word that starts inside a gutter with an opening mark: the next column's line,
    its mark hung into the gutter (protrusion moves marks, not letters, by points)."""
    return w.x0 >= g0 - 0.5 and w.text[:1] in _HANGING_OPENERS


def _apart(a: _Word, b: _Word, gutters: Sequence[tuple[float, float]]) -> bool:
    """Whether two large words on one baseline, ``a`` left of ``b``, lie on the two sides of
    a gutter set as far apart as the gutter is wide and wider than a word space of their
    size: two columns' headings, not one title's words at a narrow gutter."""
    return any(
        a.x1 <= g1
        and b.x0 >= g0
        and b.x0 - a.x1 >= max(0.6 * (g1 - g0), 0.45 * min(a.size, b.size))
        for g0, g1 in gutters
    )


def _title_across(
    words: Sequence[_Word], gutters: Sequence[tuple[float, float]], body: float
) -> bool:
    """Whether two neighbouring words larger than the text (over 1.1 times the body size)
    stand on the two sides of a gutter's middle no farther apart than a word space of their
    size: a title set across the gutter, which spans.

    Why: a title too small to be kept whole as a heading (under 1.3 times the body) is cut
    at gutters like text, and a gutter may be narrower on the title page than the title's
    word space there — a folio centred in the gutter leaves only its part beside the folio
    open, and with no smaller line across the page (an author line) to keep the stripe
    whole, a word space of the centred title fell in it: the title was cut in two, its
    second half read as a heading in the text.  A word larger than the text is left out of
    the words that prove a gutter, so the gutter found says nothing of where a title's
    words stand; their spacing does."""
    return any(
        a.size > 1.1 * body
        and b.size > 1.1 * body
        and (a.x0 + a.x1) / 2 < (g0 + g1) / 2 < (b.x0 + b.x1) / 2
        and not _apart(a, b, [(g0, g1)])
        for a, b in zip(words, words[1:])
        for g0, g1 in gutters
    )


def _assign_columns(
    lines: list[_Line], gutters: Sequence[tuple[float, float]], body: float
) -> list[_Line]:
    """Split lines at gutters into column segments; a line crossing a gutter spans (col -1)."""
    out: list[_Line] = []
    for ln in lines:
        if not gutters or ln.role != "body":
            ln.col = 0
            out.append(ln)
            continue
        # a title or a heading (large words): never cut at a gutter; it spans only if it
        # crosses one.  A column line on the same baseline beside it is a line of its own.
        big = sorted((w for w in ln.words if w.size > 1.3 * body), key=lambda w: w.x0)
        if big:
            # two columns' headings on one baseline are two headings: cut where a gutter
            # lies between two words set as far apart as the gutter is wide, and wider than
            # a word space of their size (a title's own spaces at a narrow gutter)
            groups: list[list[_Word]] = [[big[0]]]
            for a, b in zip(big, big[1:]):
                if _apart(a, b, gutters):
                    groups.append([b])
                else:
                    groups[-1].append(b)
            for grp in groups:
                head = _Line(grp, ln.page)
                crosses = any(head.x0 < g0 and head.x1 > g1 for g0, g1 in gutters)
                head.col = -1 if crosses else sum(1 for g0, _g1 in gutters if head.x0 >= g0)
                out.append(head)
            rest = [w for w in ln.words if w.size <= 1.3 * body]
            if not rest:
                continue
            ln = _Line(rest, ln.page)
        # a word across a gutter, or two words on its two sides closer than the gutter is wide
        # (a word starting inside the gutter and ending beyond it crosses it too — unless it
        # opens with a dash or quotation mark: the next column's, hung into the gutter)
        spans = (
            any(
                w.x0 < (g0 + g1) / 2 and w.x1 > g1 + 0.5 and not _hung(w, g0)
                for w in ln.words
                for g0, g1 in gutters
            )
            or any(
                # (a word may end a little inside the gutter: a smaller note line's does;
                # a mark hung into the gutter opens the next column's line, however close
                # it comes to the word before: a 6 pt gutter, an em dash hung 3 pt into it,
                # notes-v2 dev seed 430)
                (a.x0 + a.x1) / 2 < (g0 + g1) / 2 < (b.x0 + b.x1) / 2
                and b.x0 - a.x1 < 0.6 * (g1 - g0)
                and not _hung(b, g0)
                for a, b in zip(ln.words, ln.words[1:])
                for g0, g1 in gutters
            )
            or _title_across(ln.words, gutters, body)
        )
        if spans:
            ln.col = -1
            out.append(ln)
            continue
        parts: dict[int, list[_Word]] = {}
        for w in ln.words:
            # by where the word starts: a word running into the gutter (an overfull line's
            # last) stays in the column it starts in
            c = sum(1 for g0, g1 in gutters if w.x0 > (g0 + g1) / 2 or _hung(w, g0))
            parts.setdefault(c, []).append(w)
        for c in sorted(parts):
            out.append(_Line(parts[c], ln.page, c))
    return out


@dataclass
class _Page:
    lines: list[_Line]
    height: float
    width: float
    gutters: list[tuple[float, float]]
    #: boxes (x0, y0, x1, y1) of the page's drawings and images: figures, rules
    graphics: list[tuple[float, float, float, float]] = field(default_factory=list)


def _graphics(page) -> list[tuple[float, float, float, float]]:
    """Boxes of the page's images and drawn paths at least 12 pt each way (thinner ones are
    rules: a running head's, a footnote's, a column rule)."""
    import pypdfium2.raw as raw

    kinds = [raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING]
    out = []
    for obj in page.get_objects(filter=kinds, max_depth=1):
        x0, y0, x1, y1 = obj.get_bounds()
        if x1 - x0 >= 12 and y1 - y0 >= 12:
            out.append((x0, y0, x1, y1))
    return out


#: The bands at a page's top and bottom (a share of its height) where running heads, footers
#: and folios stand.
EDGE_BAND = 0.16
#: How far a line's size may be from the body size and still be running text (a share of it).
BODY_TOLERANCE = 0.03


def _text_lines(pages: Sequence[_Page], body: float) -> list[_Line]:
    """The pages' lines of running text: three words or more, at the body size."""
    return [
        ln
        for pg in pages
        for ln in pg.lines
        if len(ln.text_words) >= 3 and abs(ln.size - body) <= BODY_TOLERANCE * body
    ]


#: The least gap, in ems of the body size, between a marginal note and the line beside it
#: (a word space is about a quarter of an em; memoir sets its notes 0.55 em away).
MARGIN_SEP = 0.45


def _margins(pages: Sequence[_Page], body: float) -> None:
    """Marginal notes (LaTeX's ``\\marginpar``, glosses, line numbers): the smaller words
    at a line's end or start that stand in the page's margin, beyond the text block's edge
    (that of the pages of the same parity: a book shifts its block),
    become lines of their own out of the flow (role ``float``: listed with the furniture),
    before the gutters are looked for (a margin of notes is no column)."""
    edges: dict[int, tuple[float, float]] = {}
    for parity in (0, 1):
        ls = _text_lines(pages[parity::2], body)
        if len(ls) < 10:
            ls = _text_lines(pages, body)
        if len(ls) < 10:
            return
        # (a line's body-size words only: a gloss on its baseline is no part of it)
        bw = [
            [w for w in ln.text_words if abs(w.size - body) <= BODY_TOLERANCE * body] for ln in ls
        ]
        x0s = sorted(ws[0].x0 for ws in bw if ws)
        x1s = sorted(ws[-1].x1 for ws in bw if ws)
        edges[parity] = (x0s[len(x0s) // 20], x1s[-1 - len(x1s) // 20])
    # blocks of unequal width: one parity's pages lack body-size text in a column (a third
    # column set small on the only even page) — the wider block stands for both
    (a0, b0), (a1, b1) = edges[0], edges[1]
    if abs((b0 - a0) - (b1 - a1)) > body:
        edges[0] = edges[1] = edges[0] if b0 - a0 > b1 - a1 else edges[1]
    for k, pg in enumerate(pages):
        left, right = edges[k % 2]
        ys = [ln.y for ln in pg.lines if abs(ln.size - body) <= BODY_TOLERANCE * body]
        low, high = (min(ys) - body, max(ys) + body) if ys else (0.0, 0.0)
        out: list[_Line] = []
        for ln in pg.lines:
            ws = ln.words
            a, b = 0, len(ws)
            while a < b and ws[a].x1 < left - 1 and ws[a].size < 0.9 * body:
                a += 1
            while b > a and ws[b - 1].x0 > right + 1 and ws[b - 1].size < 0.9 * body:
                b -= 1
            # a note stands apart from the line it glosses (LaTeX's \marginparsep; memoir's
            # is about half an em); words that go on at a word space are one line running past
            # an edge measured on short lines (a footnote set to the full measure under verse)
            if 0 < a < len(ws) and ws[a].x0 - ws[a - 1].x1 < MARGIN_SEP * body:
                a = 0
            if 0 < b < len(ws) and ws[b].x0 - ws[b - 1].x1 < MARGIN_SEP * body:
                b = len(ws)
            if a == b and not low <= ln.y <= high:
                a, b = 0, len(ws)  # beside no line of text: a folio or a note under the block
            if (a, b) == (0, len(ws)):
                out.append(ln)
                continue
            for part, role in ((ws[:a], "float"), (ws[a:b], ln.role), (ws[b:], "float")):
                if part:
                    nl = _Line(part, ln.page)
                    nl.role = role
                    out.append(nl)
        pg.lines = out


def _folio_offset(pages: Sequence[_Page], body: float) -> int | None:
    """Folio minus page index, where the document's folios say so: the number a page-edge
    line ends with, or a body-size one opens with, on two pages or more and half of them
    (None where they do not agree).  Why: a footer that opens with its folio ("2 The Author
    2019", a left page's) reads like a footnote numbered 2 (footnotes are set smaller)."""
    seen: Counter[int] = Counter()
    for k, pg in enumerate(pages):
        offs = set()
        for ln in pg.lines:
            ws = ln.text_words
            if not ws or min(ln.y, pg.height - ln.y) >= 0.1 * pg.height:
                continue
            if ws[-1].text.isdigit():
                offs.add(int(ws[-1].text) - k)
            if ws[0].text.isdigit() and ln.size >= 0.95 * body:
                offs.add(int(ws[0].text) - k)
        seen.update(offs)
    if not seen:
        return None
    off, n = seen.most_common(1)[0]
    return off if n >= 2 and n >= 0.5 * len(pages) else None


def _edge_parts(ln: _Line) -> list[tuple[str, int]]:
    """A line's runs of words set apart by more than two ems (a head's left and right
    parts, which a page with columns cuts at the gutter and a page without does not), as
    (text, digits aside; height) keys."""
    parts: list[list[_Word]] = []
    for w in ln.text_words:
        if parts and w.x0 - parts[-1][-1].x1 <= 2 * w.size:
            parts[-1].append(w)
        else:
            parts.append([w])
    return [(_norm_furniture(" ".join(w.text for w in part)), round(ln.y / 4)) for part in parts]


def _edge_repeats(
    pages: Sequence[_Page], renumbered: frozenset[tuple[str, int]] = frozenset()
) -> set[tuple[str, int]]:
    """Runs of words (``_edge_parts``) at one height near a page's edge (the outer 16 %, as
    for running heads) on two pages or more; not those of a line ``renumbered`` (headings)."""
    seen: Counter[tuple[str, int]] = Counter()
    for pg in pages:
        seen.update(
            {
                key
                for ln in pg.lines
                if ln.text_words
                and min(ln.y, pg.height - ln.y) < EDGE_BAND * pg.height
                and _repeat_key(ln) not in renumbered
                for key in _edge_parts(ln)
            }
        )
    return {k for k, n in seen.items() if n >= 2}


def _repeat_key(ln: _Line) -> tuple[str, int]:
    """A line's text, digits aside, and its height: what a running head repeats."""
    return _norm_furniture(ln.text), round(ln.y / 4)


def _renumbered(pages: Sequence[_Page]) -> frozenset[tuple[str, int]]:
    """Lines that repeat at one height near the pages' edges, digits aside (``_repeat_key``),
    whose numbers change on every page they stand on and are never that page's folio (a
    number alone at its edge, which each of those pages has): numbered headings opening
    each page ("Chapter 1", "Chapter 2" …), not running heads.

    Why: a running head's number is the folio ("Page 45") or stays the same over the pages
    of a part ("Chapter 3" over each page of it, a volume, a year); a heading's number is
    new on each page and the folio stands elsewhere.  An 11 pt heading opening every page
    of a document over 10 pt text repeats at one height digits aside and was dropped as a
    running head (review of 15o).  Without a folio alone on those pages nothing tells the
    heading's number from the page's, and the line stays a running head."""
    folios: dict[int, set[str]] = {}
    found: dict[tuple[str, int], list[tuple[int, tuple[str, ...]]]] = {}
    for k, pg in enumerate(pages):
        for ln in pg.lines:
            if not ln.text_words or min(ln.y, pg.height - ln.y) >= EDGE_BAND * pg.height:
                continue
            if re.fullmatch(r"\d{1,4}", ln.text.strip()):
                folios.setdefault(k, set()).add(ln.text.strip())
                continue
            nums = tuple(re.findall(r"\d+", ln.text))
            if nums:
                found.setdefault(_repeat_key(ln), []).append((k, nums))
    out = set()
    for key, seen in found.items():
        pages_on = [k for k, _ in seen]
        if (
            len(seen) >= 2
            and len(set(pages_on)) == len(pages_on)
            and len({nums for _, nums in seen}) == len(seen)
            and all(k in folios and not folios[k] & set(nums) for k, nums in seen)
        ):
            out.add(key)
    return frozenset(out)


def _edge_bands(
    page: _Page,
    body: float,
    lead: float,
    folio: int | None = None,
    repeats: set[tuple[str, int]] | frozenset = frozenset(),
) -> None:
    """Mark running heads, folios and footers: edge lines set apart by a gap (role furniture);
    ``folio``: the document's folio minus page index (``_folio_offset``); ``repeats``: edge
    lines found on other pages too (``_edge_repeats``) — those may be set larger than the
    text (groff's me sets its heads and footers in a bold 10 pt over 9 pt text)."""
    ls = sorted((ln for ln in page.lines if ln.role in ("body", "title")), key=lambda ln: -ln.y)
    if len(ls) < 2:
        return
    for side in (ls, list(reversed(ls))):
        band: list[_Line] = []
        for k, ln in enumerate(side):
            band.append(ln)
            nxt = side[k + 1] if k + 1 < len(side) else None
            if nxt is None:
                band = []
                break
            if abs(ln.y - nxt.y) >= 1.25 * lead and abs(ln.y - nxt.y) > 0.2:
                break
            if len(band) >= 3:
                band = []
                break
        # a head or footer stands apart from the page's text: a short last page's few lines
        # at its top, with nothing beyond them but a shorter folio, are that text — when they
        # read as text (more than one line, or a sentence's end), not as a head over a page
        # otherwise empty
        rest = [o for o in ls if o not in band]
        inside = [o for o in rest if min(o.y, page.height - o.y) >= EDGE_BAND * page.height]
        prose = len(band) > 1 or (bool(band) and _ends_sentence(band[-1].text))
        if prose and not inside and sum(len(o.text) for o in band) > sum(len(o.text) for o in rest):
            band = []
        if not band:
            band = _outer_repeats(side, repeats)
        for ln in band:
            edge = min(ln.y, page.height - ln.y)
            if (
                ln.role == "body"
                and (
                    ln.size <= 1.05 * body
                    or (ln.size <= 1.25 * body and all(k in repeats for k in _edge_parts(ln)))
                    or (ln.size <= 1.25 * body and _says_again(ln, page.lines, body))
                    # (a folio alone, larger, at the page's foot: groff's me on a document
                    # of one page, where nothing repeats; not at the head, where a number
                    # alone in a larger size is as likely a heading — a year, a section)
                    or (
                        ln.size <= 1.25 * body
                        and ln.text.strip().isdigit()
                        and ln.y < page.height - ln.y
                    )
                )
                and len(ln.text) <= 90
                and edge < EDGE_BAND * page.height
                and (not _starts_note(ln) or _opens_with_folio(ln, folio, body))
            ):
                ln.role = "furniture"


def _outer_repeats(side: Sequence[_Line], repeats: set[tuple[str, int]] | frozenset) -> list[_Line]:
    """The outermost row of a page's lines (``side``: from the edge inwards) when every
    line in it is found, part by part, at that height on other pages' edges (``repeats``):
    a footer and folio with no gap above them — an overfull page whose footnote LaTeX set
    over the column's last line and the footer (their repeats make them furniture; the gap
    alone cannot)."""
    if not side:
        return []
    row = [ln for ln in side if abs(ln.y - side[0].y) <= 0.2]
    if all(ln.text_words and all(k in repeats for k in _edge_parts(ln)) for ln in row):
        return row
    return []


def _opens_with_folio(ln: _Line, folio: int | None, body: float) -> bool:
    """A body-size line opening with its page's folio: a left page's footer or running head,
    not a (smaller) footnote."""
    ws = ln.text_words
    return (
        folio is not None
        and bool(ws)
        and ws[0].text == str(ln.page + folio)
        and ln.size >= 0.95 * body
    )


def _norm_furniture(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _repeated(pages: Sequence[_Page], renumbered: frozenset[tuple[str, int]] = frozenset()) -> None:
    """Lines repeated (digits aside) at the same height on several pages are furniture (in
    a document of two pages, on both, near a page's edge); not headings ``renumbered``."""
    if len(pages) < 2:
        return
    seen: Counter[tuple[str, int]] = Counter()
    for pg in pages:
        keys = {_repeat_key(ln) for ln in pg.lines if ln.role == "body"}
        seen.update(keys)
    need = max(3, len(pages) // 2) if len(pages) > 2 else 2
    for pg in pages:
        for ln in pg.lines:
            k = _repeat_key(ln)
            # a footnote opening with its marker is not a running head, however often
            # the same note ("Ibid.") recurs at the foot of a page
            if (
                ln.role == "body"
                and k not in renumbered
                and seen[k] >= need
                and (len(pages) > 2 or min(ln.y, pg.height - ln.y) < EDGE_BAND * pg.height)
                and len(ln.text) <= 90
                and not (ln.words and ln.words[0].sup)
            ):
                ln.role = "furniture"


def _starts_note(ln: _Line) -> bool:
    ws = ln.words
    return len(ws) > 1 and (ws[0].sup or _note_label(ln) is not None)


def _notes_and_floats(
    page: _Page,
    body: float,
    lead: float,
    continued: bool = False,
    last: int | None = None,
    hang: tuple[float, float] | None = None,
) -> tuple[float, float] | None:
    """Footnotes at a column's foot (smaller, after a gap, numbered) and floats (captions).
    ``continued``: the page before ended in notes, the last numbered ``last``.  ``hang``:
    the indent of the lines after a note's first, from its column's edge, and the notes'
    size, where the notes seen so far hang their numbers (``_hanging_indent``); returned as
    this page leaves it."""
    # a caption first: LaTeX sets a column's footnotes above a figure at its foot
    _captions(page, body, lead)
    cols = sorted({ln.col for ln in page.lines})
    notes_before = continued  # the text before this column ended in notes
    last = last if continued else None  # the last note number seen
    for c in cols:
        hang = _hanging_indent(page, [o for o in cols if o < c], body) or hang
        col = sorted(
            (ln for ln in page.lines if ln.col == c and ln.role == "body"), key=lambda ln: -ln.y
        )
        if not col:
            continue  # (no text: a caption across the page does not end the notes before it)
        # footnotes: a run of lines at the foot in one smaller size (the notes' own),
        # from the topmost that opens with a number down; above it, a gap
        if (
            col
            and notes_before
            and c >= 0
            and last is not None
            and all(abs(ln.size - col[-1].size) <= 0.3 and ln.size < 0.93 * body for ln in col)
            and _notes_go_on(col, last, page, c, body)
        ):
            # a column of notes only, after notes, numbered on from them: endnotes (or
            # long notes) going on there
            for ln in col:
                ln.role = "note"
                lab = _note_label(ln)
                if lab is not None:
                    last = int(lab)
            continue
        k = len(col)
        if k < 2 or col[-1].size >= 0.93 * body:
            notes_before = False
            continue
        note_size = col[-1].size
        while k > 0 and abs(col[k - 1].size - note_size) <= 0.3:
            k -= 1
        after_notes, notes_before = notes_before, False
        starts = [i for i in range(k, len(col)) if _starts_note(col[i])]
        # a note continued from the previous column or page: note-size lines at the very
        # foot, flush left (a smaller block quotation is indented), after a gap
        # ... or indented as the notes below it are after their first line (notes set with
        # a hanging number: every line but the first at one indent)
        edge = min(ln.x0 for ln in col)
        upto = starts[0] if starts else len(col)
        inner = [ln.x0 for i, ln in enumerate(col[upto:], upto) if i not in starts and i > upto]
        if (
            0 < k < upto
            and col[k - 1].y - col[k].y > 0.6 * lead
            and (
                all(abs(ln.x0 - edge) < 0.5 * body for ln in col[k:upto])
                or (
                    bool(inner)
                    and all(abs(ln.x0 - min(inner)) < 0.3 * body for ln in col[k:upto])
                    and all(abs(x - min(inner)) < 0.3 * body for x in inner)
                )
                # (only where the text before ended in notes: else it is a smaller, indented,
                # justified block quotation at the column's foot)
                or (after_notes and _hanging_run(col[k:upto], edge, max(ln.x1 for ln in col), body))
                # ... or, ragged, indented as the notes before hang theirs, in their size
                or (after_notes and _hangs_as(col[k:upto], edge, hang, body))
            )
        ):
            for ln in col[k:upto]:
                ln.role = "note"
            notes_before = True
        if not starts or starts[0] == 0:
            continue
        first = starts[0]
        gap = col[first - 1].y - col[first].y
        if gap > 0.6 * lead:
            for ln in col[first:]:
                ln.role = "note"
                lab = _note_label(ln)
                if lab is not None:
                    last = int(lab)
            notes_before = True
    hang = _hanging_indent(page, cols, body) or hang
    # notes spanning the columns under them all (LaTeX's multicol sets them page-wide)
    cols_low = min(
        (ln.y for ln in page.lines if ln.col >= 0 and ln.role == "body" and ln.size >= 0.93 * body),
        default=None,
    )
    if cols_low is not None:
        # under the body text: page-wide note lines, and a note's short last line that
        # fits inside one column
        foot = sorted(
            (
                ln
                for ln in page.lines
                if ln.role in ("body", "note") and ln.y < cols_low - 0.6 * lead
            ),
            key=lambda ln: -ln.y,
        )
        if (
            foot
            and any(ln.col == -1 for ln in foot)  # page-wide notes (short ones fit a column)
            # (or a note continued from the page before, which ended in notes)
            and (_starts_note(foot[0]) or continued)
            and all(ln.size < 0.93 * body for ln in foot)
        ):
            for ln in foot:
                ln.role = "note"
                ln.col = -1  # one run of page-wide notes, read top to bottom
    # floats: italic lines set apart above and below by more than a line, or spanning mid-page
    body_lines = sorted((ln for ln in page.lines if ln.role == "body"), key=lambda ln: -ln.y)
    for ln in body_lines:
        same = [o for o in body_lines if o is not ln and _overlap_x(o, ln)]
        above = min((o.y - ln.y for o in same if o.y > ln.y), default=1e9)
        below = min((ln.y - o.y for o in same if o.y < ln.y), default=1e9)
        if ln.italic and ln.size <= 1.02 * body and min(above, below) > 1.4 * lead:
            ln.role = "float"
        elif ln.col == -1 and (ln.italic or ln.size < 0.95 * body) and min(above, below) < 1e9:
            ln.role = "float"
    return hang


#: Most lines a caption under a figure has.
_CAPTION_LINES = 5


def _captions(page: _Page, body: float, lead: float) -> None:
    """A figure's caption (role float): the block of lines just under an image or drawing
    with no text in it, set apart by a gap from the text after it.  Its type says nothing
    (LaTeX sets captions in the text's own font and size); where it sits does."""
    ls = sorted((ln for ln in page.lines if ln.role == "body"), key=lambda ln: -ln.y)
    for gx0, gy0, gx1, gy1 in page.graphics:
        if gx1 - gx0 < 2 * body or gy1 - gy0 < lead:
            continue
        if any(gx0 < (ln.x0 + ln.x1) / 2 < gx1 and gy0 < ln.y < gy1 for ln in page.lines):
            continue  # text inside: a frame or a background, not a figure
        under = [ln for ln in ls if ln.y < gy0 and ln.x0 < gx1 and ln.x1 > gx0]
        if not under or gy0 - under[0].y > 2.2 * lead:
            continue
        if _foot_note(under[0], body):
            continue  # footnotes set under a figure with no caption
        # the caption's lines: those under the figure or under its first line, one under
        # the other (a short last line flush left beside a narrow figure is the caption's
        # too; so is the rest of a caption line cut at a gutter, on the same baseline)
        first = under[0]
        below = [
            ln
            for ln in ls
            if ln is not first
            and ln.y <= first.y
            and ((ln.x0 < first.x1 and ln.x1 > first.x0) or (ln.x0 < gx1 and ln.x1 > gx0))
        ]
        block = [first]
        for ln in below:
            if block[-1].y - ln.y <= 1.3 * lead and not _foot_note(ln, body):
                block.append(ln)
            else:
                break
        rest = below[len(block) - 1 :]
        # at the page's foot nothing sets the block apart from text going on there: only a
        # caption's own look ("Figure 3", another size) makes it one
        looks = _CAPTION_WORD.match(block[0].text) or any(abs(ln.size - body) > 0.5 for ln in block)
        if len(block) <= _CAPTION_LINES and (
            (not rest and looks) or (rest and block[-1].y - rest[0].y > 1.5 * lead)
        ):
            for ln in block:
                ln.role = "float"


#: How a caption may open: "Figure 3", "Fig. 2", "Table 1", "Plate IV".
_CAPTION_WORD = re.compile(r"(?:Fig(?:ure)?|Table|Plate|Map|Chart|Illustration|Photo)\b\.?")


def _foot_note(ln: _Line, body: float) -> bool:
    """A footnote's first line: smaller than the text and opening with its number."""
    return ln.size < body - 0.5 and _starts_note(ln)


def _hanging_run(lines: Sequence[_Line], edge: float, right: float, body: float) -> bool:
    """Lines at one indent of up to three ems, each but the last running to the column's
    right edge: a note with a hanging number going on (a quotation stops short on the right
    as well)."""
    if len(lines) < 2:
        return False
    x = lines[0].x0
    return (
        0.5 * body < x - edge < 3 * body
        and all(abs(ln.x0 - x) < 0.3 * body for ln in lines)
        and all(ln.x1 >= right - 1.0 for ln in lines[:-1])
    )


def _hanging_indent(page: _Page, cols: Sequence[int], body: float) -> tuple[float, float] | None:
    """Where the notes of the last of ``cols`` that has notes hang their numbers: the indent
    of the lines after a note's first from the column's text edge (two lines or more, at
    one indent of half an em to three ems), and the notes' size; None if they do not hang.

    Why: a ragged note going on at the next column's foot has nothing of its own that says
    "note" (no number, no justified edge); the indent and size the notes before it hang
    theirs with do, and they are remembered across columns and pages (notes-v2 seed 6038).
    One line after a note's first is enough where that first line starts left of it (the
    number hung out): a hanging note of two lines on a page, whose rest went on one line
    alone at the next page's foot, was read into the text (notes-v2 dev seed 6131)."""
    for c in sorted(cols, reverse=True):
        ls = [ln for ln in page.lines if ln.col == c and ln.text_words]
        notes = [ln for ln in ls if ln.role == "note"]
        text = [ln.x0 for ln in ls if ln.role == "body"]
        if not notes or not text:
            continue
        inner = [ln.x0 - min(text) for ln in notes if not _starts_note(ln)]
        if not inner:
            return None
        hung = len(inner) >= 2 or any(
            _starts_note(ln) and ln.x0 - min(text) < inner[0] - 0.3 * body for ln in notes
        )
        if (
            hung
            and 0.5 * body < min(inner) < 3 * body
            and all(x - min(inner) < 0.3 * body for x in inner)
        ):
            return min(inner), notes[0].size
        return None
    return None


def _hangs_as(
    lines: Sequence[_Line], edge: float, hang: tuple[float, float] | None, body: float
) -> bool:
    """Lines indented from their column's ``edge`` as the notes before hang theirs, in those
    notes' size (``hang``): a hanging note going on, ragged (``_hanging_run`` needs justified
    lines; a smaller quotation keeps another indent)."""
    if hang is None or not lines:
        return False
    indent, size = hang
    return all(
        abs(ln.x0 - edge - indent) < 0.3 * body and abs(ln.size - size) <= 0.3 for ln in lines
    )


def _notes_go_on(col: Sequence[_Line], last: int, page: _Page, c: int, body: float) -> bool:
    """Whether a column of note-size lines goes on with the notes before it: its notes are
    numbered on from ``last``, and if it opens with no number (the rest of a note), its
    lines are flush with the column's edge (a smaller quotation would be indented)."""
    labels = [int(lab) for ln in col if (lab := _note_label(ln)) is not None]
    if labels != list(range(last + 1, last + 1 + len(labels))):
        return False
    if labels and _note_label(col[0]) is not None:
        return True
    # (the first column's edge is its own: endnotes going on at the top of a new page, the
    # rest of a note and then notes numbered on — smaller text alone may be a quotation)
    left = page.gutters[c - 1][1] if 0 < c <= len(page.gutters) else None
    if c == 0 and labels:
        left = min(ln.x0 for ln in col)
    if left is None:
        return False
    return all(abs(ln.x0 - left) < 0.5 * body for ln in col if _note_label(ln) is None)


def _overlap_x(a: _Line, b: _Line) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


# ================================================================ paragraphs


def _fits(prev: _Line, nxt: _Line, right: float) -> bool:
    """Whether ``nxt``'s first word would have fitted at the end of ``prev`` (a paragraph ended)."""
    first = nxt.text_words[0] if nxt.text_words else None
    if first is None or not prev.text_words:
        return False
    # the line's own word space (a font's natural space, or wider where justified); a word
    # that would have overrun the measure by a fraction of a point did not fit
    ws = prev.text_words
    gaps = sorted(b.x0 - a.x1 for a, b in zip(ws, ws[1:]) if b.x0 > a.x1)
    space = gaps[len(gaps) // 2] if gaps else 0.28 * prev.size
    return prev.x1 + space + (first.x1 - first.x0) <= right


def _line_kind(ln: _Line, body: float, left: float, right: float) -> str:
    if ln.role == "title":
        return "title"
    if (ln.bold and len(ln.text) < 200) or ln.size >= 1.12 * body:
        return "head"
    indented = ln.x0 > left + 0.9 * body and ln.x1 < right - 0.9 * body
    if ln.size < 0.97 * body and ln.x0 > left + 0.6 * body:
        return "quote"
    if indented and ln.size < 0.97 * body:
        return "quote"
    return "p"


def read_pdf(path: str | Path, *, progress: bool = False) -> Reading:
    """Read a PDF into paragraphs (reading order), furniture, footnotes; see the module docstring."""
    path = Path(path)
    pdf = _open(path)
    try:
        pages: list[_Page] = []
        from tqdm import tqdm

        n = len(pdf)
        for i in tqdm(
            range(n),
            desc=f"{path.name}: pages",
            unit="page",
            file=sys.stderr,
            disable=None if (progress and n > 5) else True,
            leave=False,
        ):
            page = pdf[i]
            try:
                w, h = page.get_size()
                words = _page_words(page, i)
                graphics = _graphics(page)
            except Exception as exc:  # PDFium reports damaged pages only when read
                raise InputError(
                    path,
                    f"page {i + 1} cannot be read ({exc}); the file is corrupt — export it again",
                ) from exc
            finally:
                page.close()
            _mark_superscripts(words)
            pages.append(_Page(_lines(words, i), h, w, [], graphics))
    finally:
        pdf.close()
    if not any(pg.lines for pg in pages):
        raise InputError(
            path,
            "PDF has no text layer (a scan?); OCR it first (e.g. ocrmypdf) or give a text extraction",
        )
    return _analyse(pages)


def _analyse(pages: list[_Page]) -> Reading:
    all_lines = [ln for pg in pages for ln in pg.lines]
    body = _body_size(all_lines)
    _margins(pages, body)
    for pg in pages:
        pg.gutters = _gutters(pg.lines, body, pg.width, pg.height, pg.graphics)
    _usual_gutters(pages, body)
    _short_page_gutters(pages, body)
    folio = _folio_offset(pages, body)
    for pg in pages:
        pg.lines = _assign_columns(pg.lines, pg.gutters, body)
    lead = _leading(pages, body)
    renumbered = _renumbered(pages)
    repeats = _edge_repeats(pages, renumbered)
    hang: tuple[float, float] | None = None  # how the notes seen so far hang their numbers
    for k, pg in enumerate(pages):
        if k == 0:
            _title_block(pg, body)
        _edge_bands(pg, body, lead, folio, repeats)
        # notes before repetition: a note's last line ("chapter.") recurs at one height too
        before = [ln for ln in pages[k - 1].lines if ln.role == "note"] if k else []
        labels = [
            int(lab)
            for ln in sorted(before, key=lambda ln: (ln.col, -ln.y))
            if (lab := _note_label(ln)) is not None
        ]
        hang = _notes_and_floats(pg, body, lead, bool(before), labels[-1] if labels else None, hang)
    _repeated(pages, renumbered)
    return _assemble(pages, body, lead)


def _leading(pages: Sequence[_Page], body: float) -> float:
    """The distance from one body-size baseline to the next within a column: the median of
    the gaps between neighbouring baselines of one column of one page (a spanning line's
    "column" too), between 0.9 and 2 body sizes.

    Why per column: the columns' baselines need not line up — a heading, a quotation or a
    display leaves space in one column that is no multiple of the leading (multicol,
    ragged columns) — and the gaps between the page's baselines, all columns together, are
    then fractions of the leading: with 10 pt Helvetica on 12 pt (set at 95 %) they fell at
    9 pt, and every line stood further from the one above than 1.3 leadings, so each was a
    paragraph of its own."""
    gaps: list[float] = []
    for pg in pages:
        by_col: dict[int, set[float]] = {}
        for ln in pg.lines:
            if abs(ln.size - body) < 0.06 * body:
                by_col.setdefault(ln.col, set()).add(round(ln.y, 1))
        for ys in by_col.values():
            s = sorted(ys)
            gaps.extend(b - a for a, b in zip(s, s[1:]) if 0.9 * body < b - a < 2.0 * body)
    return statistics.median(gaps) if gaps else 1.2 * body


def _title_block(page: _Page, body: float) -> None:
    """On the first page, the lines above the text that are larger, span the columns or
    are centred (title, subtitle, author) are the title block."""
    ls = sorted((ln for ln in page.lines if ln.role == "body"), key=lambda ln: -ln.y)
    mid = page.width / 2
    left = min((ln.x0 for ln in ls), default=0.0)
    found = False
    col_left: dict[int, float] = {}
    for o in ls:  # the columns' left edges, from their body-size lines
        if o.col >= 0 and abs(o.size - body) <= 0.1 * body:
            col_left[o.col] = min(col_left.get(o.col, 1e9), o.x0)
    for ln in ls:
        # flush with its column's left edge: a column line (a heading at the top of column 2,
        # a full line of the middle one of three columns, centred on the page as it is)
        flush = (
            bool(page.gutters)
            and ln.col != -1
            and abs(ln.x0 - col_left.get(ln.col, -1e9)) < 0.3 * body
        )
        on_axis = abs((ln.x0 + ln.x1) / 2 - mid) < 0.03 * page.width and ln.x0 > left + 3 * body
        large = ln.size >= 1.12 * body
        # centred on the page: a title line, unless a body-size column line that happens to be
        # (flush with its column's edge)
        # ... or one beside another column's line on the same baseline (a title is above
        # the columns)
        beside = any(o is not ln and o.col != ln.col and abs(o.y - ln.y) < 0.25 * body for o in ls)
        centred = on_axis and (large or not (flush or beside))
        # a centred title cut in two at the gutter is still the title
        in_column = flush and not centred
        if (large and not in_column) or (ln.col == -1 and page.gutters) or centred:
            ln.role = "title"
            found = True
        elif (
            not found
            and page.height - ln.y < 0.1 * page.height
            and (ln.size <= 1.05 * body or _says_again(ln, ls, body))
        ):
            continue  # a running head above the title (groff's ms, fancyhdr): not the title
        else:
            break


def _says_again(ln: _Line, lines: Sequence[_Line], body: float) -> bool:
    """Whether ``ln``'s words stand again, as a line of their own, lower on the page (two
    ems or more below): a running head repeating the title block's title or author.

    Why: groff's me sets its running head in bold 10 pt over 9 pt text, larger than a head
    of body size; on a document of one page nothing repeats it on another page, and the
    head ("The Weight of Small Things" … "J. R. Placeholder") was read as two headings
    before the title block it repeats (groff-me dev seed 6300)."""
    text = _same_words(ln.text)
    return any(o is not ln and o.y < ln.y - 2 * body and _same_words(o.text) == text for o in lines)


def _same_words(text: str) -> str:
    """``text`` with its spaces collapsed and lower-cased, its digits kept: the key
    ``_says_again`` compares, where "CHAPTER 2" at a page's top and "CHAPTER 3" lower on
    it are two headings, not a running head said again (a novel's short chapters)."""
    return " ".join(text.split()).lower()


def _across(lines: Sequence[_Line], body: float, lead: float) -> set[int]:
    """Lines of one column that stand across the page mid-page (ids): a heading (larger or
    bold, up to three lines) set between two runs of columns (multicol ended and begun
    again) that is too short to cross a gutter.  Beside it every other column is blank,
    with text above and below; above it the columns end together (within two lines:
    balanced) a heading's space above it (two leadings from the last line to its baseline),
    below it they start again on one baseline — or, at the page's foot, no column goes on
    under it.  A run of columns between two such headings may be short (one row of two
    lines in three columns): the columns it leaves blank are those on the right.

    Headings are judged top to bottom, each within the band under the last line found
    across above it (or spanning the page)."""
    cols = sorted({ln.col for ln in lines if ln.col >= 0})
    if len(cols) < 2:
        return set()
    by_col = {c: sorted((ln for ln in lines if ln.col == c), key=lambda ln: -ln.y) for c in cols}
    groups: list[tuple[int, list[_Line], float, float | None]] = []
    for c in cols:
        col = by_col[c]
        k = 0
        while k < len(col):
            # a run of heading lines, one under the other
            j = k
            while (
                j < len(col)
                and (col[j].bold or col[j].size >= 1.1 * body)
                and (j == k or col[j - 1].y - col[j].y < 1.6 * lead)
            ):
                j += 1
            if j == k:
                k += 1
                continue
            group, k = col[k:j], j
            if len(group) > 3 or j - len(group) == 0:
                continue
            # (at the page's foot, nothing under it: the heading of the multicol run that
            # begins on the next page — blank under it in every column too)
            down_c = None if j == len(col) else col[j].y
            groups.append((c, group, col[j - len(group) - 1].y, down_c))
    out: set[int] = set()
    cuts = [ln.y for ln in lines if ln.col == -1]  # lines spanning the page: band edges
    for c, group, up_c, down_c in sorted(groups, key=lambda g: -g[1][0].y):
        top, foot = group[0].y, group[-1].y
        ceiling = min((y for y in cuts if y > top), default=None)
        if _stands_across(by_col, c, top, foot, up_c, down_c, ceiling, lead, body):
            out.update(id(x) for x in group)
            cuts.append(foot)
    return out


#: Leadings from a heading's baseline up to the nearest line of every other column, for
#: it to stand across the page.  Why 1.75, not 2: a heading after one blank line stands
#: 2.0 leadings below the text, and the leading is a median rounded to 0.1 pt, so such a
#: heading can measure just under 2; a heading of one column beside the next column's text
#: stops about 1.3 leadings under it (dev: true headings across >= 2.4, false 1.28-1.32).
_ACROSS_SPACE = 1.75


def _stands_across(
    by_col: dict[int, list[_Line]],
    c: int,
    top: float,
    foot: float,
    up_c: float,
    down_c: float | None,
    ceiling: float | None,
    lead: float,
    body: float,
) -> bool:
    """Whether the heading of column ``c`` (baselines ``top`` to ``foot``; the lines of its
    column above and below it at ``up_c`` and ``down_c``) stands across the page: see
    ``_across``.  ``ceiling``: the last line across the page above it, if any."""
    others = [o for o in by_col if o != c]
    up = {
        o: [x.y for x in by_col[o] if foot < x.y and (ceiling is None or x.y < ceiling)]
        for o in others
    }
    down = {o: [x.y for x in by_col[o] if x.y < foot] for o in others}
    # the columns a short run fills are the first ones: blank columns only on the right
    # (and, above, only under a line across: else the band is the page's top)
    for side, filled in ((up, True), (down, down_c is not None)):
        has = [o for o in sorted(by_col) if (o == c and filled) or bool(side.get(o))]
        if has != sorted(by_col)[: len(has)]:
            return False
    if any(not up[o] for o in others) and ceiling is None:
        return False
    if down_c is None:
        if any(down[o] for o in others):
            return False
    elif not any(down[o] for o in others):
        return False  # (a column going on alone under a heading: no new run of columns)
    ends = [min(up[o]) for o in others if up[o]]
    run = _run_under(by_col, c, top, ceiling, body)
    for o in others:
        if not up[o]:
            continue
        u = min(up[o])
        # every column ends a heading's space above it, and with the heading's own; that
        # column (the one ``_across`` gave the heading: the first, where a line across the
        # page starts) may end higher when the others end together: ragged columns leave one
        # short where the next begins with a heading kept with its text (seed 6049: four
        # lines short) — and in a run of columns begun together under a line across the
        # page, a column may end higher than every column before it: multicol's ragged
        # columns shorten from left to right (seed 6400: the third of three five lines short)
        together = (
            abs(u - up_c) < 2.5 * lead
            or (up_c > u and u - min(ends) < 2.5 * lead)
            or (run and o > c and all(u >= min(up.get(b) or [up_c]) for b in by_col if c <= b < o))
        )
        if u - top < _ACROSS_SPACE * lead or not together:
            return False
    for o in others:
        if down_c is not None and down[o]:
            d = max(down[o])
            if foot - d < 1.2 * lead or abs(d - down_c) >= 0.3 * body:
                return False
    return True


def _run_under(
    by_col: dict[int, list[_Line]], c: int, top: float, ceiling: float | None, body: float
) -> bool:
    """Whether the columns above the heading of column ``c`` (baseline ``top``) are a run
    begun under a line across the page (``ceiling``): every column's first line under it
    on one baseline, as multicol sets a run of columns after a heading across the page."""
    if ceiling is None:
        return False
    firsts = [
        max((x.y for x in col if top < x.y < ceiling), default=None) for col in by_col.values()
    ]
    ys = [y for y in firsts if y is not None]
    return len(ys) == len(firsts) and max(ys) - min(ys) < 0.3 * body


def _order(page: _Page, body: float, lead: float) -> list[_Line]:
    """Reading order of one page's flowing lines: title block, then columns left to right
    (in bands, where a line spans the page or stands across it mid-page)."""
    flow = [ln for ln in page.lines if ln.role in ("body", "title")]
    title = sorted((ln for ln in flow if ln.role == "title"), key=lambda ln: -ln.y)
    rest = [ln for ln in flow if ln.role != "title"]
    across = _across(rest, body, lead)
    spans = sorted((ln for ln in rest if ln.col == -1 or id(ln) in across), key=lambda ln: -ln.y)
    cols = [ln for ln in rest if ln.col != -1 and id(ln) not in across]
    out = list(title)
    # spanning body lines cut the page into bands read one after the other
    cuts = [ln.y for ln in spans] + [-1e9]
    top = 1e9
    for cut, sp in zip(cuts, spans + [None]):
        band = [ln for ln in cols if cut < ln.y <= top]
        for c in sorted({ln.col for ln in band}):
            out.extend(sorted((ln for ln in band if ln.col == c), key=lambda ln: -ln.y))
        if sp is not None:
            out.append(sp)
        top = cut
    return out


def _assemble(pages: list[_Page], body: float, lead: float) -> Reading:
    flow: list[_Line] = []
    for pg in pages:
        flow.extend(_order(pg, body, lead))
    # per column box (page, col): left text edge (most common left), kinds, right edge per kind
    boxes: dict[tuple[int, int], list[_Line]] = {}
    for ln in flow:
        boxes.setdefault((ln.page, ln.col), []).append(ln)
    left_of: dict[tuple[int, int], float] = {}
    box_right: dict[tuple[int, int], float] = {}
    right_of: dict[tuple[int, int, str], float] = {}
    justified: dict[tuple[int, int], bool] = {}
    kinds: dict[int, str] = {}
    edges: dict[tuple[int, int], tuple[float, float]] = {}
    for key, ls in boxes.items():
        # the leftmost x that two body-size lines share (a column set mostly as quotation
        # still has its text edge there); else the most common left
        lefts = Counter(round(ln.x0) for ln in ls if abs(ln.size - body) <= BODY_TOLERANCE * body)
        lefts = lefts or Counter(round(ln.x0) for ln in ls)
        shared = [x for x in lefts if lefts[x] + lefts.get(x - 1, 0) >= 2]
        left = float(min(shared) if shared else min(lefts, key=lambda x: (-lefts[x], x)))
        edges[key] = (left, _box_right(ls, body))
    usual = _usual_edges(edges, body)
    ncols: dict[int, int] = {}
    for page, col in edges:
        ncols[page] = max(ncols.get(page, 0), col + 1)
    for key, ls in boxes.items():
        left, right = edges[key]
        # a column's text edges: its widest on the pages of the same parity set in as many
        # columns (a page may fill it mostly with quotation, one continued across a break)
        # ... or on the other pages, if it is inside their edges by about as much on both
        # sides (a quotation's indents; left and right pages shift a column, not narrow it)
        if key[1] >= 0:
            u = usual[(key[1], key[0] % 2, ncols[key[0]])]
            if ncols[key[0]] == 1:
                u = _column_of(u, usual, key[0] % 2, body)
            left, right = min(left, u[0]), max(right, u[1])
            o = usual.get((key[1], 1 - key[0] % 2, ncols[key[0]]))
            if o is not None:
                li, ri = left - o[0], o[1] - right
                if li > 0.6 * body and ri > 0.6 * body and abs(li - ri) < 1.5 * body:
                    left, right = o
        left_of[key] = left
        box_right[key] = right
        for ln in ls:
            kind = _line_kind(ln, body, left, right)
            if ln.col == -1 and ln.role == "body" and kind != "head":
                # a line across the page between column runs is text, unless it looks like a
                # heading (bold or larger): a section title set across the page at its foot
                kind = "p"
            kinds[id(ln)] = kind
        _indented_runs(ls, kinds, body, left, right)
        for ln in ls:
            rk = (key[0], key[1], kinds[id(ln)])
            right_of[rk] = max(right_of.get(rk, 0.0), ln.x1)
        justified[key] = _justified(ls, kinds, right, right_of, key, body)
    endnotes = _endnotes(flow, kinds, pages)
    gone = {id(ln) for run in endnotes for note in run for ln in note}
    flow = [ln for ln in flow if id(ln) not in gone and ln.role in ("body", "title")]
    lex = Lexicon([ln.text for ln in flow])
    fits_rule = not _indents_paragraphs(flow, kinds, left_of, body)
    paras: list[tuple[str, list[_Line]]] = []
    for k, ln in enumerate(flow):
        key = (ln.page, ln.col)
        kind = kinds[id(ln)]
        start = True
        if paras and k > 0:
            prev = flow[k - 1]
            pkey = (prev.page, prev.col)
            pkind = paras[-1][0]
            same_box = pkey == key
            if (
                not same_box
                and pkind == "p"
                and kind in ("quote", "p")
                and _quote_opens(paras[-1][1], ln, left_of, box_right, body)
                and (
                    kind == "quote"
                    or (
                        abs(prev.y - ln.y) < 0.2 * body
                        and _quote_goes_on(prev, ln, left_of, box_right, body)
                    )
                )
            ):
                # a quotation's first line alone at a column's foot (indented on both
                # sides like the quotation it opens, which goes on in the next column) —
                # or its two halves alone in a one-row run of columns, each one line at
                # the quotation's indent, short of the edge, the first mid-sentence.  The
                # halves stand on one baseline, side by side: a one-line paragraph at a
                # column's foot and another at the next column's head look the same line
                # by line (broken-off dialogue and its reply), but one is above the other
                paras[-1] = ("quote", paras[-1][1])
                pkind = kind = "quote"
            elif (
                not same_box
                and pkind == "quote"
                and kind == "p"
                and _quote_goes_on(prev, ln, left_of, box_right, body)
            ):
                # ... and a quotation's last line alone at the head of the next column
                kind = "quote"
            if kind == pkind and kind != "title":
                if kind == "head":
                    start = not (same_box and prev.y - ln.y < 1.6 * lead)
                else:
                    pright = right_of.get((prev.page, prev.col, pkind), prev.x1)
                    ended = fits_rule and not prev.text.endswith("-") and _fits(prev, ln, pright)
                    if justified.get(pkey):
                        ended = ended or _ends_short(prev, pright, body)
                    indent = kind == "p" and ln.x0 > left_of[key] + 0.6 * body
                    # paragraph spacing, not the hole a figure leaves
                    gap = same_box and 1.3 * lead < prev.y - ln.y < 2.5 * lead
                    start = ended or indent or gap
        if start:
            paras.append((kind, [ln]))
        else:
            paras[-1][1].append(ln)
    return _reading(paras, pages, lex, endnotes)


def _note_label(ln: _Line) -> str | None:
    """The number a note line opens with ("¹ See …", "1 See …", "1. See …"), or None."""
    ws = ln.words
    if len(ws) < 2:
        return None
    m = re.fullmatch(r"(\d{1,3})[.)]?", ws[0].text)
    if m and (ws[0].sup or m.group(0) == m.group(1) or ws[0].text.endswith((".", ")"))):
        return m.group(1)
    return None


#: The longest heading over endnotes that leaves the text with them ("Notes", "Notes to
#: Chapter Twelve"); a longer one is a section title of its own (both readers).
NOTES_HEAD_MAX = 40


def _label_style(ln: _Line) -> str:
    """How a numbered line writes its number: "1." → ".", "1)" → ")", a bare or raised "1" → ""."""
    first = ln.words[0].text
    return first[-1] if first[-1:] in (".", ")") else ""


def _endnotes(
    flow: list[_Line], kinds: dict[int, str], pages: Sequence[_Page]
) -> list[list[list[_Line]]]:
    """Notes gathered at the end of a chapter or of the document: a run of lines, up to
    the next heading or the end, whose notes open with the numbers of the raised markers
    met in the text since the last such run, in order ("1", "2", … — at least two of them,
    or every marker when there is one).  A heading right above the run ("Notes") goes with
    it.  Returns the runs, each a list of notes, each a list of lines (the heading's lines
    are given the role "furniture")."""
    runs: list[list[list[_Line]]] = []
    pending: list[str] = []  # marker numbers in the text since the last run
    i = 0
    page = -1
    while i < len(flow):
        ln = flow[i]
        if ln.page != page:  # notes set at the foot of the pages before: their markers are done
            for pg in pages[max(page, 0) : ln.page]:
                for o in sorted(pg.lines, key=lambda o: (o.col, -o.y)):
                    lab = _note_label(o) if o.role == "note" else None
                    if lab in pending:
                        pending.remove(lab)
            page = ln.page
        lab = _note_label(ln) if kinds[id(ln)] != "head" else None
        if lab is not None and pending and lab == pending[0]:
            notes: list[list[_Line]] = []
            want = iter(pending)
            nxt = next(want, None)
            j = i
            after_last = str(int(pending[-1]) + 1)
            listed = False  # the numbers go on past the markers: a numbered list, not notes
            while j < len(flow) and kinds[id(flow[j])] != "head" and flow[j].role == "body":
                label = _note_label(flow[j])
                if nxt is not None and label == nxt:
                    notes.append([flow[j]])
                    nxt = next(want, None)
                elif notes:
                    # ... numbered as the notes are ("3." after "1.", "2."): a wrapped note's
                    # line may start with a number of its own ("3 acres each")
                    listed = listed or (
                        nxt is None
                        and label == after_last
                        and _label_style(flow[j]) == _label_style(notes[0][0])
                    )
                    notes[-1].append(flow[j])
                j += 1
            # set apart from the text: under a heading ("Notes") or smaller than the line above
            apart = i == 0 or kinds[id(flow[i - 1])] == "head" or ln.size < flow[i - 1].size - 0.5
            if apart and not listed and (len(notes) >= 2 or len(notes) == len(pending)):
                k = i - 1
                while k >= 0 and kinds[id(flow[k])] == "head" and flow[k].role == "body":
                    if len(flow[k].text) > NOTES_HEAD_MAX:
                        break
                    flow[k].role = "furniture"  # "Notes": the endnotes' own heading
                    k -= 1
                runs.append(notes)
                pending = []
                i = j
                continue
        for w in ln.words:
            if w.sup and w.text.isdigit() and w is not ln.words[0]:
                pending.append(w.text)
        i += 1
    # a heading that ends the text (or a chapter), right above notes at its column's foot
    # (the endnotes fitted there and were read as the page's notes): "Notes", apparatus too
    for k, ln in enumerate(flow):
        if kinds[id(ln)] != "head" or ln.role != "body" or len(ln.text) > NOTES_HEAD_MAX:
            continue
        # (the text ends there, or the next chapter begins: a section heading at a column's
        # foot over the page's footnotes goes on in the next column)
        below = [o for o in pages[ln.page].lines if o.col in (ln.col, -1) and o.y < ln.y]
        top = max(below, key=lambda o: o.y, default=None)
        after = flow[k + 1] if k + 1 < len(flow) else None
        rest = flow[k + 1 :]
        # ... or all that follows is the last note's rest, at the top of the next page: lines
        # of the notes' size, unnumbered (the text ended at the heading; LaTeX carries a
        # footnote on at a page's foot, never its top)
        tail = (
            top is not None
            and top.role == "note"
            and all(
                o.page > ln.page
                and kinds[id(o)] != "head"
                and _note_label(o) is None
                and abs(o.size - top.size) <= 0.3
                for o in rest
            )
        )
        if after is not None and kinds[id(after)] != "head" and not tail:
            continue
        # (endnotes start again at 1; a page's footnotes under a heading that happens to end
        # the text go on from the notes before)
        if top is not None and top.role == "note" and _note_label(top) == "1":
            ln.role = "furniture"
            for o in below:
                o.endnote = o.role == "note"
            for o in rest if tail else ():
                o.role, o.endnote = "note", True
    return runs


def _quote_opens(
    para: Sequence[_Line], nxt: _Line, left_of: dict, box_right: dict, body: float
) -> bool:
    """Whether a one-line paragraph at a column's foot is the first line of the quotation
    that ``nxt`` (at the head of the next column) continues: indented on both sides, by
    about the quotation's own indent, its sentence not finished."""
    if len(para) != 1 or para[0].col == -1 or nxt.col == -1:
        return False
    prev = para[0]
    pkey, key = (prev.page, prev.col), (nxt.page, nxt.col)
    ind, qind = prev.x0 - left_of[pkey], nxt.x0 - left_of[key]
    return (
        ind > 0.6 * body
        and -0.5 * body < ind - qind < 2.5 * body
        and prev.x1 < box_right[pkey] - 0.6 * body
        and not re.search(r"[.!?:]['\"”’)]*$", prev.text.rstrip())
    )


def _quote_goes_on(prev: _Line, ln: _Line, left_of: dict, box_right: dict, body: float) -> bool:
    """Whether ``ln``, at the head of a column, goes on with the quotation whose last
    line ``prev`` ended the previous column mid-sentence: indented by the quotation's own
    indent, short of the right edge (one line is no run of quotation lines to see).  A
    line opening in lower case goes on whatever ``prev`` ends with: an exclamation inside
    a sentence ("“Dear! / dear!”", notes-v2 dev seed 6098) is no sentence's end."""
    if prev.col == -1 or ln.col == -1:
        return False
    pkey, key = (prev.page, prev.col), (ln.page, ln.col)
    ind, qind = ln.x0 - left_of[key], prev.x0 - left_of[pkey]
    first = ln.text.lstrip("\"'“‘([—–- ")[:1]
    return (
        qind > 0.6 * body
        and abs(ind - qind) < 0.5 * body
        and ln.x1 < box_right[key] - 0.6 * body
        and (first.islower() or not re.search(r"[.!?:]['\"”’)]*$", prev.text.rstrip()))
    )


def _box_right(ls: Sequence[_Line], body: float) -> float:
    """A column's right text edge: the farthest its body-size lines reach (any line's, if
    it has none).

    Why body size, as for the left edge: a larger heading kept in the column may run past
    its edge (a section title over three columns set in the first), and a column set wholly
    as quotation then looked as wide as the column on its left and narrower on its right —
    no quotation's indents on both sides — and was read as text at its own edges."""
    xs = [ln.x1 for ln in ls if abs(ln.size - body) <= BODY_TOLERANCE * body]
    return max(xs or [ln.x1 for ln in ls])


def _usual_edges(
    edges: dict[tuple[int, int], tuple[float, float]], body: float
) -> dict[tuple[int, int, int], tuple[float, float]]:
    """A column's widest text edges on the pages of one parity (left and right pages may
    differ) set in as many columns: (column, parity, columns) → (left, right).  Column
    lines start at the text edge or indented, never further out, so the widest box is the
    column's own even where most pages fill it with quotation."""
    ncols: dict[int, int] = {}
    for page, col in edges:
        ncols[page] = max(ncols.get(page, 0), col + 1)
    out: dict[tuple[int, int, int], tuple[float, float]] = {}
    for (page, col), (left, right) in edges.items():
        if col >= 0:
            k = (col, page % 2, ncols[page])
            a, b = out.get(k, (left, right))
            out[k] = (min(a, left), max(b, right))
    return out


def _column_of(
    box: tuple[float, float],
    usual: dict[tuple[int, int, int], tuple[float, float]],
    parity: int,
    body: float,
) -> tuple[float, float]:
    """The edges of the column, on the document's pages set in columns, that a page set in
    one holds its text within (those of its parity first), else ``box`` itself.

    Why: the last page of a two-column document may fill only its first column, and the
    page alone shows that column's edges no better than its lines do — a quotation going
    on there from the page before, every line indented, was read at the text edge and
    began a paragraph of its own."""
    fits = [
        (k[1] != parity, v)
        for k, v in usual.items()
        if k[2] >= 2 and v[0] - body <= box[0] and box[1] <= v[1] + body
    ]
    return min(fits)[1] if fits else box


def _justified(
    ls: Sequence[_Line],
    kinds: dict[int, str],
    right: float,
    right_of: dict[tuple[int, int, str], float],
    key: tuple[int, int],
    body: float,
) -> bool:
    """Whether a column's text is justified: most of its paragraph lines reach its right edge
    — or, in a column holding only quotation, most of the quotation's lines reach the
    quotation's own right edge; "reach" within 0.3 em, as microtype hangs a line's closing
    comma, full stop or hyphen past the others.

    Why: a justified line that stops short after a sentence ends its paragraph
    (``_ends_short``), the only sign there is between two paragraphs of a quotation (no
    indent, no wider space).  Judged on paragraph lines alone, a column of quotation was
    never justified; within 1 pt of the widest line, no microtype column was (seeds 513,
    541, 553, 554 of pdfLaTeX variant 2: their hung lines stand 1.9 pt past the rest)."""
    for kind, edge in (("p", right), ("quote", right_of.get((key[0], key[1], "quote"), right))):
        lines = [ln for ln in ls if kinds[id(ln)] == kind]
        if lines:
            return sum(1 for ln in lines if ln.x1 >= edge - 0.3 * body) >= 0.6 * len(lines)
    return False


def _indents_paragraphs(
    flow: Sequence[_Line], kinds: dict[int, str], left_of: dict, body: float
) -> bool:
    """Whether the document marks paragraphs by a first-line indent (three or more lines
    indented by up to four ems above a line at the text edge).

    Why: then the indent alone says where a paragraph starts, and "the next word would have
    fitted on the line before" must not: TeX breaks a paragraph's lines all at once
    (Knuth–Plass), ragged right included, so it often ends a line early inside a paragraph.
    """
    n = 0
    for a, b in zip(flow, flow[1:]):
        key = (a.page, a.col)
        if (
            (b.page, b.col) == key
            and kinds[id(a)] == kinds[id(b)] == "p"
            and left_of[key] + 0.6 * body < a.x0 < left_of[key] + 4 * body
            and abs(b.x0 - left_of[key]) < 0.6 * body
        ):
            n += 1
            if n >= 3:
                return True
    return False


def _indented_runs(
    ls: Sequence[_Line], kinds: dict[int, str], body: float, left: float, right: float
) -> None:
    """Block quotations set in the body size (groff's ``.QP``, LaTeX's ``quote``): a run of
    two or more lines starting at one indented x and stopping short of the right margin, one
    of its wrapped lines reaching near that inner margin.  A first-line indent is one line;
    one-line dialogue paragraphs are short (no line reaches the inner margin).  The run
    stops at a line set off from the one above by more than a line's space whose next line
    is back at the text edge: the first line of the paragraph after the quotation, indented
    as far as the quotation is (a 2 em \\parindent under LaTeX's 2 em ``quote``), short of
    the margin where the text is ragged."""
    i = 0
    while i < len(ls):
        x0 = ls[i].x0
        if i + 1 < len(ls) and _hung_by(ls[i], ls[i + 1].x0, body):
            x0 = ls[i + 1].x0  # (the run's first line opens with a hung dash)
        j = i
        while (
            j < len(ls)
            and kinds[id(ls[j])] == "p"
            and ls[j].col != -1
            # (within 0.3 em: microtype hangs an opening quotation mark into the margin;
            # a dash further)
            and (abs(ls[j].x0 - x0) <= 0.3 * body or _hung_by(ls[j], x0, body))
            and x0 > left + 0.6 * body
            and ls[j].x1 < right - 0.9 * body
            and (j == i or ls[j - 1].y - ls[j].y < 2.5 * ls[j].size)
            and not (j > i and _opens_paragraph_after(ls, j, body, left))
        ):
            j += 1
        if j - i >= 2 and any(ln.x1 >= right - 5 * body for ln in ls[i : j - 1]):
            for ln in ls[i:j]:
                kinds[id(ln)] = "quote"
        i = max(j, i + 1)


def _hung_by(ln: _Line, edge: float, body: float) -> bool:
    """Whether ``ln`` opens with a mark microtype hangs into the margin (a dash, a quotation
    mark) and starts left of ``edge`` by up to 0.6 em: a line of the run at ``edge``.

    Why: protrusion hangs an em dash further than a quotation mark — 2.77 pt of a 9 pt
    line (0.31 em), just past the 0.3 em allowed for quotation marks; microtype may hang
    one about 0.4 em — and a quoted line opening "— by taking each …" cut the quotation
    into three paragraphs (notes-v2 dev seed 6053)."""
    ws = ln.text_words
    return bool(ws) and ws[0].text[:1] in _HANGING_OPENERS and 0 < edge - ln.x0 <= 0.6 * body


def _opens_paragraph_after(ls: Sequence[_Line], j: int, body: float, left: float) -> bool:
    """Whether line ``j`` of a column stands further below the line above than a line's
    space (1.5 sizes) while the line under it follows at a line's space, back at the text
    edge: a paragraph's indented first line after a break in the text, not a line of the
    run above it."""
    ln = ls[j]
    if j + 1 >= len(ls):
        return False
    nxt = ls[j + 1]
    return (
        ls[j - 1].y - ln.y > 1.5 * ln.size
        and ln.y - nxt.y <= 1.5 * ln.size
        and abs(nxt.x0 - left) < 0.6 * body
    )


def _ends_short(prev: _Line, right: float, body: float) -> bool:
    """A justified line that stops well short of the margin after a sentence end."""
    t = prev.text.rstrip()
    return bool(re.search(r"[.!?:]['\"”’)]*$", t)) and prev.x1 < right - 3 * body


#: Join confidence across a column or page break (geometry, not a calibrated probability):
#: the text agrees with the succession (a hyphen or an open sentence goes on in lower
#: case, a finished one is followed by a capital or a new paragraph) — or it does not.
AGREE, DISAGREE = 0.99, 0.75


def _fragment_joins(
    paras: list[tuple[str, list[_Line]]],
) -> tuple[list[tuple[int, int]], list[Join]]:
    """Fragments (runs of lines in one column of one page, numbered in reading order) and
    how each continues into the next: "hyphen", "word", "sentence" or "paragraph"."""
    flat = [(k, ln) for k, (_kind, lines) in enumerate(paras) for ln in lines]
    order: list[tuple[int, int]] = []
    ends: list[tuple[int, _Line]] = []
    starts: list[tuple[int, _Line]] = []
    for i, (k, ln) in enumerate(flat):
        if i == 0 or (ln.page, ln.col) != (flat[i - 1][1].page, flat[i - 1][1].col):
            order.append((i + 1, i + 1))
            starts.append((k, ln))
            if i:
                ends.append(flat[i - 1])
        else:
            order[-1] = (order[-1][0], i + 1)
    joins: list[Join] = []
    for j, ((ka, a), (kb, b)) in enumerate(zip(ends, starts[1:])):
        t, nxt = a.text.rstrip(), b.text.lstrip(" “‘\"'(")
        lower = nxt[:1].islower()
        if ka != kb:
            kind, ok = "paragraph", not lower
        elif t.endswith("-") and lower:
            kind, ok = "hyphen", True
        elif re.search(r"[.!?:;]['\"”’)]*$", t):
            kind, ok = "sentence", not lower
        else:
            kind, ok = "word", True
        joins.append(Join(j, AGREE if ok else DISAGREE, kind))
    return order, joins


#: Words after which a hyphen ending a number is no compound's: a suspended hyphen ("3- and
#: 4-year-old", "Ein- und Ausgang"), a range written out ("1914- to 1918"), or a dash set as a
#: hyphen ("in 1848- a year of revolutions").
_AFTER_SUSPENDED = frozenset(
    "a an the and or nor but to of in on at by for with from as than und oder bis et ou".split()
)


def _number_compound(line: str, nxt: str) -> bool:
    """``line`` ends in a number's own hyphen that ``nxt`` completes: a range ("pp. 112-/118")
    or a compound opening with a number ("650-/horsepower", "19th-/century").

    Why: hyphenation never splits a token with a digit in it, so that hyphen is the text's
    own and the lines join without a space.  A capital after it ("1789-/Napoleon rose") or a
    function word ("3-/and 4-year-old", "1848-/a year of revolutions") is no compound's tail:
    those hyphens are suspended or stand for a dash, and the words stay apart (review r4a).
    """
    if not re.search(r"\d[^\W\d_]*-$", line):
        return False
    if nxt[:1].isdigit():
        return True
    m = re.match(r"[^\W\d_]+", nxt)
    return m is not None and nxt[:1].islower() and m.group(0) not in _AFTER_SUSPENDED


def _glue_capital_compounds(parts: list[str]) -> list[str]:
    """A line ending "Fish-" before "Footman": a compound's own hyphen (hyphenation never
    leaves a capital after it), so the two lines join with the hyphen and no space; so do a
    number range and a compound opening with a number ("650-/horsepower": the words-only
    hyphen rule needs letters before the hyphen and would leave "650- horsepower").  (Not a
    compound whose rest has a hyphen of its own, "writ-/ing-table": groff hyphenates inside
    such words, TeX does not.)

    Only what the lexicon rule (lower-case tails) does not decide; offsets of footnote
    markers are unchanged, since no character is added or dropped."""
    out: list[str] = []
    for p in parts:
        if out and (
            (re.search(r"[^\W\d_]-$", out[-1]) and p[:1].isupper()) or _number_compound(out[-1], p)
        ):
            out[-1] = out[-1] + p
        else:
            out.append(p)
    return out


def _joined(parts: list[str], lex: Lexicon) -> str:
    """A paragraph's lines joined: capital compounds glued, then the lexicon's hyphen rule."""
    return _join_text(_glue_capital_compounds(parts), lex)


def _reading(
    paras: list[tuple[str, list[_Line]]],
    pages: list[_Page],
    lex: Lexicon,
    endnotes: Sequence[Sequence[Sequence[_Line]]] = (),
) -> Reading:
    out_paras: list[Paragraph] = []
    order: list[tuple[int, int]] = []
    notes: list[Note] = []
    where: dict[int, tuple[int, int, int, float]] = {}  # id(note) → its place, for the order
    line_no = 0
    for kind, lines in paras:
        parts: list[str] = []
        anchors: list[tuple[int, str]] = []
        for ln in lines:
            text = ""
            for w in ln.words:
                if w.sup:
                    anchors.append(
                        (len(_joined([*parts, text], lex)) if text or parts else 0, w.text)
                    )
                    continue
                text = f"{text} {w.text}" if text else w.text
            parts.append(text)
        body_text = _joined(parts, lex) if kind != "title" else " ".join(parts)
        out_paras.append(
            SourceParagraph(
                text=body_text,
                ranges=[(line_no + 1, line_no + len(lines))],
                heading=kind == "head",
                kind=kind,
                anchors=[(min(off, len(body_text)), n) for off, n in anchors],
            )
        )
        order.append((line_no + 1, line_no + len(lines)))
        line_no += len(lines)
    # footnotes: per page, in order; one note per leading number
    for pg in pages:
        for c in sorted({ln.col for ln in pg.lines}):
            cur: Note | None = None
            for ln in sorted(
                (x for x in pg.lines if x.col == c and x.role == "note"),
                key=lambda x: (-round(x.y, 1), x.x0),  # parts of one line left to right
            ):
                ws = ln.words
                if _starts_note(ln):
                    cur = Note(
                        n=_note_label(ln) or ws[0].text,
                        text=" ".join(w.text for w in ws[1:]),
                        page=ln.page + 1,
                        place="end" if ln.endnote else "foot",
                    )
                    notes.append(cur)
                    where[id(cur)] = (ln.page, 1, c, -ln.y)
                elif cur is not None:
                    cur.text = _join_text([cur.text, ln.text], lex)
                elif notes:  # continued from the previous column or page
                    notes[-1].text = _join_text([notes[-1].text, ln.text], lex)
    # endnotes: after the footnotes (their markers come before them in the text)
    for run in endnotes:
        for note_lines in run:
            n = _note_label(note_lines[0]) or ""
            first = " ".join(w.text for w in note_lines[0].words[1:])
            text = _joined([first, *(ln.text for ln in note_lines[1:])], lex)
            notes.append(Note(n=n, text=text, page=note_lines[0].page + 1, place="end"))
            where[id(notes[-1])] = (note_lines[0].page, 0, note_lines[0].col, -note_lines[0].y)
    # in document order: a page's endnotes (gathered after its text's markers) before the
    # notes at that page's foot
    notes.sort(key=lambda note: where[id(note)])
    # each marker, in reading order, to the first note of its number not yet placed (numbers
    # may start again: per chapter of endnotes, per page of footnotes)
    for i, p in enumerate(out_paras):
        for off, n in getattr(p, "anchors", []):
            for note in notes:
                if note.n == n and note.paragraph < 0:
                    note.paragraph, note.offset = i, off
                    break
    furniture = [
        ln.text
        for pg in pages
        for ln in sorted(pg.lines, key=lambda x: -x.y)
        if ln.role in ("furniture", "float")
    ]
    order, joins = _fragment_joins(paras)
    return Reading(
        order=order,
        joins=joins,
        paragraphs=out_paras,
        notes=notes,
        furniture_text=furniture,
        pages=len(pages),
        kind="pdf",
    )
