"""Typeset prose into real multi-column PDFs (reportlab) with a known reading order.

Why: the PDF reader (``edition.readers.pdf``) must be judged on PDFs whose
truth is known exactly — which words, in which order, which paragraph
boundaries, which lines are furniture, which text is a footnote — and on
layouts it was not tuned on.  Each case is drawn from one seed: 1–3 columns,
justified (word spacing, as TeX and InDesign set it) or ragged, dictionary
hyphenation (pyphen), a title block spanning the columns on page 1, numbered
bold headings, indented smaller block quotations, first-line indents or
spaced paragraphs, footnotes (superscript marker in the text, smaller note
at the foot of its column above a short rule), running heads, footers, page
numbers at the centre or the outer corner, and a figure with its caption
between the columns on some pages (the columns flow around it).

The text layer is real: reportlab writes the glyphs with Type 1 fonts (Times
or Helvetica families), so extractors see what they see in a typeset PDF.
"""

from __future__ import annotations

import io
import random
import re
from dataclasses import dataclass, field

import pyphen
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

_DIC = pyphen.Pyphen(lang="en_US")
#: Hyphenation patterns by name: en_US are (nearly) the TeX patterns the reader itself
#: consults (``lexicon._pattern_break``); en_GB (British, morphological: "know-ledge",
#: "in-form-a-tion") breaks words where the reader's patterns would not — the independent
#: check of the reader's hyphen rule (``bench_pdf.py --gb``).
_DICS = {"en_US": _DIC}

FAMILIES = {
    "times": ("Times-Roman", "Times-Bold", "Times-Italic"),
    "helvetica": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique"),
}


@dataclass
class Truth:
    """What a perfect reader returns for one generated PDF."""

    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (number, text)
    furniture: list[str] = field(default_factory=list)  # running heads, folios, footers, captions
    breaks: list[int] = field(default_factory=list)  # token index where a new column/page starts
    hyphenated: list[str] = field(default_factory=list)  # words split at a line end
    pages: int = 0
    params: dict = field(default_factory=dict)

    def tokens(self) -> list[str]:
        return [t for _k, p in self.paragraphs for t in p.split()]


@dataclass
class _Item:
    kind: str  # "head" | "p" | "quote"
    words: list[str]
    notes: dict[int, tuple[int, str]]  # word index → (note number, note text)


def _split_word(word: str, font: str, size: float, room: float) -> tuple[str, str] | None:
    """Where ``word`` breaks at a line end with its head + "-" in ``room`` points: a compound
    at its own hyphen ("well-" / "known"), else the longest dictionary hyphenation."""
    best = None
    if "-" in word[1:-1]:
        i = word.index("-", 1)
        if stringWidth(word[: i + 1], font, size) <= room and word[i + 1 :][:1].isalpha():
            best = (word[: i + 1], word[i + 1 :])
    m = re.match(r"^([^\w]*)([A-Za-z]+)([^\w]*)$", word)
    if not m or len(m.group(2)) < 5:
        return best
    pre, core, post = m.groups()
    for pos in _DIC.positions(core):
        if pos < 2 or len(core) - pos < 3:
            continue
        head = pre + core[:pos] + "-"
        if stringWidth(head, font, size) <= room:
            best = (head, core[pos:] + post)
    return best


@dataclass
class _Line:
    words: list[str]  # as printed (a hyphenated head ends with "-")
    marks: dict[int, int]  # word index in this line → note number (marker after that word)
    last: bool  # last line of its item
    indent: float
    whole: list[str]  # words this line completes (for truth), markers excluded


def _break_lines(
    item: _Item, font: str, size: float, width: float, indent_first: float, hyphenate: bool
) -> list[_Line]:
    """Greedy line breaking with dictionary hyphenation; markers add their width."""
    words = list(item.words)
    marks = dict(item.notes)
    out: list[_Line] = []
    i = 0
    carry: str | None = None  # tail of a hyphenated word
    sw = stringWidth(" ", font, size)
    while i < len(words):
        cur: list[str] = []
        cur_marks: dict[int, int] = {}
        whole: list[str] = []
        ind = indent_first if not out else 0.0
        used = ind
        while i < len(words):
            w = carry if carry is not None else words[i]
            mark_w = stringWidth(str(marks[i][0]), font, size * 0.6) if i in marks else 0.0
            need = stringWidth(w, font, size) + mark_w + (sw if cur else 0.0)
            if used + need <= width or not cur and used + need > width and len(w) < 4:
                cur.append(w)
                whole.append(words[i])
                if i in marks:
                    cur_marks[len(cur) - 1] = marks[i][0]
                used += need
                carry = None
                i += 1
                continue
            room = width - used - (sw if cur else 0.0)
            split = _split_word(w, font, size, room) if hyphenate and i not in marks else None
            if split:
                cur.append(split[0])
                carry = split[1]
                out_words = whole
                out.append(_Line(cur, cur_marks, False, ind, out_words))
                cur = []
                break
            if not cur:  # a word wider than the column: set it anyway
                cur.append(w)
                whole.append(words[i])
                carry = None
                i += 1
            out.append(_Line(cur, cur_marks, False, ind, whole))
            cur = []
            break
        if cur:
            out.append(_Line(cur, cur_marks, True, ind, whole))
    if out:
        out[-1].last = True
    return out


class _Typesetter:
    """Places lines into columns and pages, with footnotes, floats and furniture."""

    def __init__(self, rng: random.Random, params: dict, truth: Truth):
        self.rng = rng
        self.p = params
        self.truth = truth
        self.buf = io.BytesIO()
        self.pw, self.ph = params["pagesize"]
        self.c = Canvas(self.buf, pagesize=params["pagesize"], invariant=1)
        self.c.setTitle("")
        self.page = 0
        self.col = 0
        self.ntok = 0
        self.notes_here: list[tuple[int, str]] = []
        self.note_height = 0.0
        self.floats: dict[int, tuple[float, float]] = {}
        self.fig = 0
        m = params["margin"]
        n = params["columns"]
        self.colw = (self.pw - 2 * m - (n - 1) * params["gutter"]) / n
        self.start_page(first=True)

    # ---------------------------------------------------------------- pages
    def col_x(self, c: int) -> float:
        return self.p["margin"] + c * (self.colw + self.p["gutter"])

    def start_page(self, first: bool = False) -> None:
        p = self.p
        self.page += 1
        self.col = 0
        self.top = self.ph - p["margin"]
        self.bottom = p["margin"] + 18
        body, bold, ital = p["fonts"]
        if not first:
            self.furniture_top()
        self.furniture_bottom()
        if first:
            self.title_block()
        # a figure with its caption between the columns (pages 2+, some cases)
        self.float_span = None
        if not first and p["figure_every"] and self.page % p["figure_every"] == 0:
            self.figure()
        self.y = self.top
        self.notes_here = []
        self.note_height = 0.0
        del body, bold, ital

    def furniture_top(self) -> None:
        p = self.p
        size = p["size"] - 1
        text = p["running"][self.page % 2]
        font = p["fonts"][2]
        self.c.setFont(font, size)
        y = self.ph - p["margin"] + 14
        if self.page % 2:
            self.c.drawRightString(self.pw - p["margin"], y, text)
        else:
            self.c.drawString(p["margin"], y, text)
        self.c.setLineWidth(0.4)
        self.c.line(p["margin"], y - 4, self.pw - p["margin"], y - 4)
        self.truth.furniture.append(text)

    def furniture_bottom(self) -> None:
        p = self.p
        size = p["size"] - 1
        self.c.setFont(p["fonts"][0], size)
        y = p["margin"] - 6
        folio = str(p["first_page"] + self.page - 1)
        if p["folio"] == "centre":
            self.c.drawCentredString(self.pw / 2, y, folio)
        elif self.page % 2:
            self.c.drawRightString(self.pw - p["margin"], y, folio)
        else:
            self.c.drawString(p["margin"], y, folio)
        self.truth.furniture.append(folio)
        if p["footer"]:
            self.c.setFont(p["fonts"][2], size - 1)
            x = p["margin"] if p["folio"] == "centre" or self.page % 2 else self.pw / 2
            self.c.drawString(x, y - 11, p["footer"])
            self.truth.furniture.append(p["footer"])

    def title_block(self) -> None:
        p = self.p
        body, bold, ital = p["fonts"]
        y = self.ph - p["margin"] - 20
        for text, font, size in (
            (p["title"], bold, 20),
            (p["author"], ital, 12),
        ):
            self.c.setFont(font, size)
            self.c.drawCentredString(self.pw / 2, y, text)
            self.add_para("title", text)
            y -= size * 1.8
        self.c.setLineWidth(0.6)
        self.c.line(p["margin"], y + 6, self.pw - p["margin"], y + 6)
        self.top = y - 10

    def figure(self) -> None:
        p = self.p
        self.fig += 1
        h = self.rng.uniform(60, 110)
        mid = self.rng.uniform(self.bottom + 120 + h, self.top - 120)
        x0, x1 = p["margin"] + 10, self.pw - p["margin"] - 10
        self.c.setLineWidth(0.8)
        self.c.rect(x0, mid - h, x1 - x0, h, stroke=1, fill=0)
        cap = f"Figure {self.fig}. {p['captions'][self.fig % len(p['captions'])]}"
        self.c.setFont(p["fonts"][2], p["size"] - 1)
        self.c.drawCentredString(self.pw / 2, mid - h - 11, cap)
        self.truth.furniture.append(cap)
        self.float_span = (mid - h - 18, mid + 8)

    def finish_column(self) -> None:
        """Set the column's footnotes at its foot, then move to the next column or page."""
        p = self.p
        if self.notes_here:
            x = self.col_x(self.col)
            size = p["size"] - 2
            y = self.bottom + self.note_height - size
            self.c.setLineWidth(0.4)
            self.c.line(x, y + size + 1, x + self.colw * 0.3, y + size + 1)
            for n, lines in self.notes_here:
                for k, ln in enumerate(lines):
                    t = self.c.beginText(x, y)
                    if k == 0:
                        t.setFont(p["fonts"][0], size * 0.7)
                        t.setRise(size * 0.35)
                        t.textOut(str(n))
                        t.setRise(0)
                        t.setFont(p["fonts"][0], size)
                        t.textOut(" " + ln)
                    else:
                        t.setFont(p["fonts"][0], size)
                        t.textOut(ln)
                    self.c.drawText(t)
                    y -= size * 1.2
        self.notes_here = []
        self.note_height = 0.0
        self.truth.breaks.append(self.ntok)
        self.col += 1
        self.y = self.top
        if self.col >= p["columns"]:
            self.c.showPage()
            if self.page >= p["pages"]:
                raise StopIteration
            self.start_page()

    # ---------------------------------------------------------------- text
    def add_para(self, kind: str, text: str) -> None:
        self.truth.paragraphs.append((kind, text))

    def place(self, item: _Item) -> None:
        p = self.p
        body, bold, ital = p["fonts"]
        size = p["size"]
        lead = size * 1.22
        font, fsize, ind_l, ind_r, first = body, size, 0.0, 0.0, p["indent"]
        if item.kind == "head":
            font, fsize, first = bold, size + 1, 0.0
        elif item.kind == "quote":
            font, fsize, ind_l, ind_r, first = body, size - 1, 15.0, 15.0, 0.0
        if item.kind != "p" or p["par_space"] or p.get("_after_head"):
            first = 0.0
        width = self.colw - ind_l - ind_r
        self.add_para(item.kind, " ".join(item.words))
        lines = _break_lines(item, font, fsize, width, first, p["hyphenate"])
        space_before = (
            lead * 0.8 if item.kind in ("head", "quote") else (lead * 0.5 if p["par_space"] else 0)
        )
        if self.y < self.top - 1:
            self.y -= space_before
        for k, ln in enumerate(lines):
            need_notes = [
                (n, self._note_lines(n)) for n in ln.marks.values()
            ]  # footnotes whose marker is on this line
            extra = sum(len(nl) for _n, nl in need_notes) * (size - 2) * 1.2 + (
                lead if need_notes and not self.notes_here else 0
            )
            while True:
                floor = self.bottom + self.note_height + extra
                y = self.y - lead
                if self.float_span and self.col_overlaps(y, fsize):
                    self.y = self.float_span[0]
                    continue
                if y < floor:
                    self.finish_column()
                    extra = sum(len(nl) for _n, nl in need_notes) * (size - 2) * 1.2 + (
                        lead if need_notes and not self.notes_here else 0
                    )
                    continue
                break
            self.y = y
            self.draw_line(ln, font, fsize, self.col_x(self.col) + ind_l, width, item.kind)
            self.notes_here.extend(need_notes)
            for n, _nl in need_notes:
                self.truth.notes.append((n, self.p["_notes"][n]))
            self.note_height += extra
            self.ntok += len(ln.whole)
            if k < len(lines) - 1 and lines[k].words[-1].endswith("-"):
                self.truth.hyphenated.append(self._whole_of(ln, lines[k + 1]))
        p["_after_head"] = item.kind == "head"

    def _whole_of(self, ln: _Line, nxt: _Line) -> str:
        """The word split across two lines, as the truth has it (a compound keeps its hyphen)."""
        return nxt.whole[0] if nxt.whole else ln.words[-1][:-1]

    def col_overlaps(self, y: float, size: float) -> bool:
        a, b = self.float_span  # type: ignore[misc]
        return a <= y + size <= b or a <= y <= b

    def _note_lines(self, n: int) -> list[str]:
        text = self.p["_notes"][n]
        words = text.split()
        size = self.p["size"] - 2
        font = self.p["fonts"][0]
        lines, cur = [], ""
        for w in words:
            cand = (cur + " " + w).strip()
            room = self.colw - (
                stringWidth(str(n), font, size * 0.7) + stringWidth(" ", font, size)
                if not lines
                else 0
            )
            if stringWidth(cand, font, size) <= room:
                cur = cand
            else:
                lines.append(cur)
                cur = w
        if cur:
            lines.append(cur)
        return lines

    def draw_line(
        self, ln: _Line, font: str, size: float, x: float, width: float, kind: str
    ) -> None:
        t = self.c.beginText(x + ln.indent, self.y)
        t.setFont(font, size)
        natural = stringWidth(" ".join(ln.words), font, size) + sum(
            stringWidth(str(n), font, size * 0.6) for n in ln.marks.values()
        )
        gaps = len(ln.words) - 1
        ws = 0.0
        if self.p["justify"] and not ln.last and gaps > 0:
            ws = max(0.0, (width - ln.indent - natural) / gaps)
        t.setWordSpace(ws)
        for k, w in enumerate(ln.words):
            t.textOut(w)
            if k in ln.marks:  # the marker sits right after its word, before the space
                t.setFont(font, size * 0.6)
                t.setRise(size * 0.38)
                t.setWordSpace(0)
                t.textOut(str(ln.marks[k]))
                t.setRise(0)
                t.setFont(font, size)
                t.setWordSpace(ws)
            if k < len(ln.words) - 1:
                t.textOut(" ")
        t.setWordSpace(0)  # Tw is graphics state: it would leak into the next text object
        self.c.drawText(t)


def _items(
    rng: random.Random, paragraphs: list[str], p: dict, notes_pool: list[str]
) -> list[_Item]:
    items: list[_Item] = []
    sec = 0
    note_n = 0
    for i, para in enumerate(paragraphs):
        if i > 0 and rng.random() < 0.14:
            sec += 1
            words = re.findall(r"[A-Za-z]+", para)
            k = rng.randint(2, 6)
            s = rng.randint(0, max(0, len(words) - k))
            head = " ".join(words[s : s + k]).capitalize() or "Section"
            items.append(_Item("head", f"{sec}. {head}".split(), {}))
        kind = "quote" if i > 0 and rng.random() < p.get("quote_rate", 0.1) else "p"
        words = para.split()
        notes: dict[int, tuple[int, str]] = {}
        if kind == "p" and len(words) > 12 and rng.random() < p["note_rate"]:
            note_n += 1
            at = rng.randint(4, len(words) - 3)
            notes[at] = (note_n, notes_pool[note_n % len(notes_pool)])
            p["_notes"][note_n] = notes_pool[note_n % len(notes_pool)]
        items.append(_Item(kind, words, notes))
    return items


def make_pdf(
    paragraphs: list[str],
    seed: int,
    *,
    pages: int | None = None,
    columns: int | None = None,
    notes_pool: list[str] | None = None,
    hyphen_lang: str = "en_US",
) -> tuple[bytes, Truth]:
    """One generated PDF (bytes) and its truth, all drawn from ``seed`` (``hyphen_lang``:
    whose hyphenation patterns break the lines, see ``_DICS``)."""
    global _DIC
    if hyphen_lang not in _DICS:
        _DICS[hyphen_lang] = pyphen.Pyphen(lang=hyphen_lang)
    saved, _DIC = _DIC, _DICS[hyphen_lang]
    try:
        return _make_pdf(paragraphs, seed, pages, columns, notes_pool)
    finally:
        _DIC = saved


def _make_pdf(
    paragraphs: list[str],
    seed: int,
    pages: int | None,
    columns: int | None,
    notes_pool: list[str] | None,
) -> tuple[bytes, Truth]:
    rng = random.Random(seed)
    fam = rng.choice(sorted(FAMILIES))
    size = rng.choice((9.0, 9.5, 10.0, 10.5, 11.0))
    ncols = columns or rng.choice((1, 2, 2, 3))
    params = {
        "pagesize": rng.choice((letter, A4)),
        "margin": rng.uniform(50, 72),
        "gutter": rng.uniform(14, 24),
        "columns": ncols,
        "fonts": FAMILIES[fam],
        "size": size if ncols < 3 else min(size, 9.5),
        "justify": rng.random() < 0.7,
        "hyphenate": rng.random() < 0.85,
        "indent": rng.choice((10.0, 12.0, 15.0)),
        "par_space": rng.random() < 0.3,
        "pages": pages or rng.randint(2, 6),
        "first_page": rng.randint(1, 300),
        "folio": rng.choice(("centre", "outer")),
        "footer": rng.choice(("", "Review of Social History 12 (2019)", "© The Author")),
        "figure_every": rng.choice((0, 2, 3)),
        "note_rate": rng.choice((0.0, 0.15, 0.3)),
        "title": rng.choice(
            ("The Weight of Small Things", "On Harbours and Their Keepers", "A Winter Crossing")
        ),
        "author": rng.choice(("Anna Example", "J. R. Placeholder", "Maria Specimen")),
        "captions": [
            "The harbour at low tide, looking north",
            "Membership of the societies, 1890-1914",
            "A page of the ledger kept by the secretary",
        ],
        "_notes": {},
    }
    params["running"] = (params["title"], params["author"])
    pool = notes_pool or [
        "See the discussion in the previous chapter.",
        "The figures are taken from the annual reports of the society, which survive only in part.",
        "I am grateful to the archivist for drawing my attention to this letter.",
        "Cited from the second edition; the first has a different reading of this passage.",
    ]
    truth = Truth(pages=params["pages"], params={k: v for k, v in params.items() if k[0] != "_"})
    items = _items(rng, paragraphs, params, pool)
    ts = _Typesetter(rng, params, truth)
    try:
        for it in items:
            ts.place(it)
        ts.finish_column()
        while True:
            ts.finish_column()
    except StopIteration:
        pass
    # the article stops at the end of the last page: cut the truth where printing stopped
    _cut_truth(truth, ts.ntok)
    ts.c.save()
    return ts.buf.getvalue(), truth


def _cut_truth(truth: Truth, ntok: int) -> None:
    """Keep only the words actually printed (the flow stops when the pages are full)."""
    out: list[tuple[str, str]] = []
    seen = 0
    for kind, text in truth.paragraphs:
        if kind == "title":
            out.append((kind, text))
            continue
        words = text.split()
        if seen >= ntok:
            break
        keep = words[: ntok - seen]
        seen += len(keep)
        if keep:
            out.append((kind, " ".join(keep)))
    truth.paragraphs = out
    title_tokens = sum(len(t.split()) for k, t in out if k == "title")
    truth.breaks = sorted({b + title_tokens for b in truth.breaks if 0 < b < ntok})
