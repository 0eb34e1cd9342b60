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
    #: ``k`` of the first / last line of every typeset column that was emitted (the truth the
    #: bench scores the column geometry against)
    col_tops: set[int] = field(default_factory=set)
    col_bottoms: set[int] = field(default_factory=set)

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
        if out and (
            re.fullmatch(r"[,.;:!?%)\]»’]+", t) or re.fullmatch(r"n't|'s|'re|'ve|'ll|'d|'m|'t", t)
        ):
            out[-1] += t
            continue
        if out and re.fullmatch(r"[(\[«]", out[-1]):
            out[-1] += t
            continue
        out.append(t)
    if (
        attach_next and len(out) > 1
    ):  # a quote mark last in the sentence closes a quotation opened earlier
        out.pop()
        out[-1] += "\u201d"
    s = " ".join(out)
    s = re.sub(r"(\w) '(t|s|re|ve|ll|d|m)\b", r"\1'\2", s)
    return s.strip()


def _drop_headings(sentence: str) -> str:
    """Remove chapter titles ("CHAPTER III", "BOOK I", capitals-only runs) from a novel's sentence.

    Why: the novels' chapter and book titles come glued to sentences in the
    TransRead text; typeset inside a paragraph they would teach the scorer
    that a line may end on "III" and go on with "ABBE MOURET'S …".
    """
    toks = sentence.split()
    keep = [
        t
        for t in toks
        if not (
            sum(c.isupper() for c in t) >= 2
            and sum(c.isupper() for c in t) >= 0.6 * sum(c.isalpha() for c in t)
        )
        and t not in {"I", "V", "X"}
        or t == "I"
        and len(toks) > 3
    ]
    return " ".join(keep) if len(keep) >= 0.5 * len(toks) else ""


def transread_paragraphs(folder: Path, rng: random.Random) -> list[str]:
    """English paragraphs from one TransRead novel folder (read at run time, never copied).

    Where ``en.para`` is absent, sentences are grouped into paragraphs of
    3–8 sentences by ``rng``.
    """
    sents = [
        _drop_headings(detokenise(s))
        for s in (folder / "en.txt").read_text(encoding="utf-8").splitlines()
        if s.strip()
    ]
    starts: list[int]
    para = folder / "en.para"
    if para.exists():
        starts = sorted(
            {int(x) for x in para.read_text(encoding="utf-8").split() if x.strip().isdigit()} | {0}
        )
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


#: Essayistic, political prose written for this generator (no source text
#: copied), so that synthetic cases are not all fiction: long sentences,
#: quotations with citations, dates, proper nouns in mid-sentence, compounds.
#: Even-numbered paragraphs calibrate, odd-numbered ones are held out.
ESSAYS = [
    "The history of the cooperative movement is usually told as a story of shopkeepers and thrift, yet its founders thought of themselves as reformers of society as a whole. In 1844 the weavers of a northern town opened a store with twenty-eight members and a capital that would hardly have bought a cart; within a generation their rules had been copied across Europe, and the question of who should own the means of distribution had become a political one.",
    "Historians have long disagreed about the meaning of the revolutions of 1848. For some, they were the last act of the liberal struggle against absolutism; for others, the first appearance of the working class as an independent force. Both readings are partial. What the year showed, above all, was that the alliance between the middle classes and the urban poor, which had carried the barricades in February, could not survive the question of property.",
    "“A constitution”, wrote one of the deputies of the Frankfurt assembly, “is worth exactly as much as the army that defends it.” The remark was bitter, and it was prophetic. When the Prussian king refused the crown offered by the parliament, the deputies had neither the troops nor the popular support to impose their decision, and the assembly dissolved itself amid mutual recriminations (Hamerow 1958, pp. 112-118).",
    "The debate on planning that divided economists in the 1920s and 1930s was not a purely technical quarrel. Behind the equations on prices and allocation lay a question about knowledge: can a central authority ever know enough about needs and resources to replace the signals of the market? Its defenders answered that democracy itself, the deliberation of producers and consumers, could supply what the market supplied only blindly and at great social cost.",
    "Municipal socialism, as its critics called it, began with water and gas. City councils in Birmingham, Glasgow and Vienna bought out private companies, built reservoirs and laid pipes, and discovered that public ownership could be both cheaper and healthier. The achievement was real, though modest, and its promoters rarely claimed that it amounted to a transformation of society; it was enough that children stopped dying of cholera.",
    "The labour press of the late nineteenth century deserves more attention than it has received. Its newspapers were small, badly printed and often short-lived, but they reached readers whom no other institution reached. They published the minutes of union meetings, the prices of bread and coal, long serialised arguments about strategy and, not least, the letters of readers who had never before seen their own words in print.",
    "It is tempting to read the split between reformists and revolutionaries as a conflict of temperaments, the cautious against the impatient. The documents suggest something else. The reformists of 1910 were often the more radical in their immediate demands, while the revolutionaries frequently counselled patience; what separated them was a judgement about the state, whether it could be conquered by elections or would have to be replaced by new institutions.",
    "The general strike was, for a whole generation of militants, less a tactic than a myth in the precise sense that Georges Sorel gave to the word: an image capable of moving masses, whose truth lay in the action it inspired rather than in any prediction. Its opponents objected that a myth could not be organised, and that a strike which stopped the railways would also stop the bread.",
    "No account of the interwar years can ignore the weight of unemployment. In 1932 nearly a third of the workers of Germany had no job, and the figure for the United States was hardly lower. The parties of the left were divided on the remedy: public works financed by deficits, which many of their own economists considered dangerous, or the patient defence of wages and benefits while waiting for the crisis to exhaust itself.",
    "Colonial questions entered the programmes of the European parties late and reluctantly. The congress of 1907 devoted a long session to them, and a majority of delegates was ready to accept a “socialist colonial policy” that would civilise rather than exploit. Only a narrow vote, and the insistence of the delegates from the smaller countries, prevented the International from endorsing the principle of empire.",
    "The bureaucratisation of mass organisations was described before it was explained. Robert Michels, studying the German party before the First World War, noticed that its officials formed a stable layer with interests of their own, that they controlled the press and the funds, and that congresses rarely overturned their decisions. He concluded that every organisation tends towards oligarchy, a conclusion that his critics found too general to be useful.",
    "What the memoirs of the period reveal is the extraordinary density of associational life. A worker in an industrial town might belong to a union, a cooperative, a choir, a sports club, a burial society and a reading circle, all affiliated in one way or another to the same party. When that world was destroyed, first by the slump and then by dictatorship, something more than an electoral machine disappeared with it.",
    "Land reform has been promised more often than it has been carried out. Between the two world wars, governments in eastern Europe announced the division of the great estates, but the peasants who received plots lacked credit, tools and roads, and many sold their land within a few years. The lesson drawn by later reformers was that property alone changes little unless it is accompanied by institutions that make it usable.",
    "Intellectuals have rarely been comfortable in the parties they joined. They brought prestige and argument, and they took away, in return, a sense of belonging to something larger than a seminar. Yet the relationship was fragile on both sides: the party suspected them of disloyalty whenever they wrote what they thought, and they suspected the party of preferring obedience to ideas, as the controversies of 1956 made painfully clear.",
]


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


def typeset(text: str, width: int, rng: random.Random | None = None, jitter: int = 0) -> list[str]:
    """Greedy line breaking at ``width`` with dictionary hyphenation.

    ``jitter``: each line's width in characters varies by up to that much
    (with ``rng``), as proportional fonts make character counts of
    justified lines vary.
    """
    words = text.split()
    lines: list[str] = []
    cur = ""
    i = 0
    lw = width + (rng.randint(-jitter, jitter) if rng and jitter else 0)
    while i < len(words):
        w = words[i]
        cand = w if not cur else cur + " " + w
        if len(cand) <= lw:
            cur = cand
            i += 1
            continue
        room = lw - len(cur) - (1 if cur else 0)
        split = _hyphen_split(w, room) if room >= 3 else None
        if split:
            cur = (cur + " " if cur else "") + split[0]
            words[i] = split[1]
        elif not cur:  # a word longer than the column
            cur = w
            i += 1
        lines.append(cur)
        cur = ""
        lw = width + (rng.randint(-jitter, jitter) if rng and jitter else 0)
    if cur:
        lines.append(cur)
    return lines


def _headline(rng: random.Random, paragraph: str) -> str:
    words = re.findall(r"[A-Za-z]+", paragraph)
    n = rng.randint(3, 9)
    start = rng.randint(0, max(0, len(words) - n))
    h = " ".join(words[start : start + n]) or "Section"
    return h[0].upper() + h[1:]


_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_ORDINAL = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"]


def _heading_lines(rng: random.Random, style: str, sec: int, paragraph: str) -> list[str]:
    """The text of section ``sec``'s heading in ``style`` (before typesetting).

    "numbered": "3. Headline"; "plain": an unnumbered headline; "chapter":
    "Chapter III" (sometimes "CHAPTER III") with or without a headline under it.
    """
    if style == "numbered":
        return [f"{sec}. {_headline(rng, paragraph)}"]
    if style == "plain":
        return [_headline(rng, paragraph)]
    label = f"Chapter {_ROMAN[(sec - 1) % len(_ROMAN)]}"
    if rng.random() < 0.4:
        label = label.upper()
    return [label] + ([_headline(rng, paragraph)] if rng.random() < 0.6 else [])


def _verse(rng: random.Random, paragraph: str) -> list[str]:
    """A stanza made from a paragraph's words: short unjustified lines of 3-7 words."""
    words = paragraph.split()[: rng.randint(16, 36)]
    out: list[str] = []
    while words:
        n = rng.randint(3, 7)
        out.append(" ".join(words[:n]))
        words = words[n:]
    if out:
        out[-1] = out[-1].rstrip(",;:") + ("" if out[-1].endswith((".", "!", "?")) else ".")
    return out


def layout(
    paragraphs: list[str],
    rng: random.Random,
    *,
    width: int = 45,
    n_sections: int = 0,
    title: str = "",
    author: str = "",
    heading_style: str = "numbered",
    volume: str = "",
    p_quote: float = 0.0,
    p_verse: float = 0.0,
) -> list[Line]:
    """The typeset lines of a whole article, in reading order.

    ``heading_style``: "numbered", "plain" or "chapter" (see ``_heading_lines``);
    ``volume``: a volume/part title line before the first section heading;
    ``p_quote`` / ``p_verse``: the share of paragraphs set as an indented block
    quotation (narrower, four spaces in) or as an indented stanza of verse.
    """
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
            if volume and sec == 1:
                lines.append(Line(volume, "heading", True))
            for h in _heading_lines(rng, heading_style, sec, p):
                for j, hl in enumerate(typeset(h, int(width * 0.7))):
                    lines.append(Line(hl, "heading", j == 0))
        r = rng.random() if (p_quote or p_verse) and i > 0 else 1.0
        if r < p_verse:
            for j, vl in enumerate(_verse(rng, p)):
                lines.append(Line("    " + vl, "verse", j == 0))
        elif r < p_verse + p_quote:
            for j, ql in enumerate(typeset(p, width - 8, rng, 2)):
                lines.append(Line("    " + ql, "quote", j == 0))
        else:
            for j, pl in enumerate(typeset(p, width, rng, 3)):
                lines.append(Line(pl, "body", j == 0))
    for k, ln in enumerate(lines):
        ln.k = k
    return lines


# -------------------------------------------------------------------- extraction


def _fragment_runs(
    cols: list[tuple[int, int, list[Line]]],
    rng: random.Random,
    p_keep: float,
    p_keep_column: float = 0.85,
) -> list[tuple[int, int, list[Line]]]:
    """Cut columns at paragraph breaks and shuffle the pieces, some kept with their neighbours.

    Why: an extractor emits text blocks, not columns; blocks of different
    pages interleave, so input adjacency says little about reading order
    and the scorer must learn that from content.  A piece keeps its true
    successor (next piece of its column, or the top of the next column) with
    probability ``p_keep_column`` inside a column (extractors mostly keep a
    column's paragraphs in order) and ``p_keep`` across a column break.
    """
    pieces: list[tuple[int, int, list[Line]]] = []
    for pg, c, chunk in cols:
        cur: list[Line] = []
        for j, ln in enumerate(chunk):
            if j > 0 and ln.para_start and cur and rng.random() < 0.8:
                pieces.append((pg, c, cur))
                cur = []
            cur.append(ln)
        if cur:
            pieces.append((pg, c, cur))
    runs: list[tuple[int, int, list[Line]]] = []
    for i, pc in enumerate(pieces):
        contiguous = bool(runs) and runs[-1][2][-1].k + 1 == pc[2][0].k
        same_column = i > 0 and pieces[i - 1][:2] == pc[:2]
        if contiguous and rng.random() < (p_keep_column if same_column else p_keep):
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + pc[2])
        else:
            runs.append(pc)
    rng.shuffle(runs)
    return runs


def _scramble_line(
    text: str, rng: random.Random, p_lead: float, p_double: float, p_spacehyph: float
) -> str:
    if text.endswith("-") and len(text) > 2 and text[-2].isalpha() and rng.random() < p_spacehyph:
        text = text[:-1] + " -"
    if rng.random() < p_double and " " in text:
        idx = [m.start() for m in re.finditer(" ", text)]
        i = rng.choice(idx)
        text = text[:i] + "  " + text[i + 1 :]
    if rng.random() < (0.3 if text[:1] in "\u201c\u2018" else p_lead):
        text = " " + text  # extractors often put a space before an opening quote
    return text


#: Page furniture formats ``make_case`` can emit: at a page's top ("running": the title as a
#: running head; "author-head": the author's name), or after its last column ("pageno": the
#: number alone; "slug": a printer's dated slug line; "footer": author · title and the number;
#: "pageword": "Page 7").
FURNITURE_FORMATS = ("running", "author-head", "pageno", "slug", "footer", "pageword")
#: Formats no bench split drew before: kept apart so that the dev, test and fresh cases stay
#: byte-identical (``case_spec`` draws over ``FURNITURE_FORMATS``); the "wide" split of
#: bench/bench_fragments.py draws over both.  "folio-head": the page number and the title (even
#: pages) or the author (odd pages) together at the page's top, set apart by spaces;
#: "dashed": "– 7 –"; "pageof": "Page 7 of 12".
EXTRA_FURNITURE_FORMATS = ("folio-head", "dashed", "pageof")
_TOP_FURNITURE = ("running", "author-head", "folio-head")

_SENT_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def _quotes(text: str, style: str) -> str:
    """Quotation marks in ``style``: "as-is", "straight" ('"), or "curly" (“” and ’ apostrophes)."""
    if style == "straight":
        return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))
    if style == "curly":
        return re.sub(r"(?<=\w)'(?=\w)", "’", text)
    return text


def _columns(
    lines: list[Line], pages: int, columns: int, heights: list[int], blank_rows: bool
) -> list[tuple[int, int, list[Line]]]:
    """Fill ``pages`` × ``columns`` columns with ``lines``: (page, column, lines) in reading order.

    ``blank_rows``: a blank line between paragraphs takes a row of the column (so a column
    holds fewer text lines the more paragraphs start in it), except at the column's top.
    """
    cols: list[tuple[int, int, list[Line]]] = []
    i = 0
    for pg in range(pages):
        for c in range(columns):
            h = heights[pg * columns + c]
            chunk: list[Line] = []
            rows = 0
            while i < len(lines):
                cost = 1 + (1 if blank_rows and chunk and lines[i].para_start else 0)
                if rows + cost > h:
                    break
                chunk.append(lines[i])
                rows += cost
                i += 1
            if chunk:
                cols.append((pg, c, chunk))
    return cols


def _end_at_sentence(cols: list[tuple[int, int, list[Line]]]) -> list[tuple[int, int, list[Line]]]:
    """Drop the lines after the last one that ends a sentence (the article ends there)."""
    placed = [ln for _pg, _c, chunk in cols for ln in chunk]
    ends = [ln.k for ln in placed if ln.kind != "title" and _SENT_END.search(ln.text.rstrip())]
    if not ends:
        return cols
    last = ends[-1]
    out = [(pg, c, [ln for ln in chunk if ln.k <= last]) for pg, c, chunk in cols]
    return [x for x in out if x[2]]


def _order_columns(
    cols: list[tuple[int, int, list[Line]]], shuffle: str, rng: random.Random, p_keep: float
) -> list[tuple[int, int, list[Line]]]:
    """The order the extractor emits the columns in (see ``make_case``'s ``shuffle``)."""
    if shuffle == "fragment":
        return _fragment_runs(cols, rng, p_keep)
    if shuffle == "random":
        cols = cols[:]
        rng.shuffle(cols)
        return cols
    by_page: dict[int, list] = {}
    for x in cols:
        by_page.setdefault(x[0], []).append(x)
    pages = sorted(by_page)
    if shuffle == "pages-shuffled":
        rng.shuffle(pages)
    elif shuffle == "pages-reversed":
        pages.reverse()
    out: list[tuple[int, int, list[Line]]] = []
    for pg in pages:
        grp = by_page[pg]
        if shuffle == "page":
            rng.shuffle(grp)
        elif shuffle == "reversed":
            grp = grp[::-1]
        out.extend(grp)
    return out


def make_case(
    paragraphs: list[str],
    seed: int,
    *,
    columns: int = 2,
    pages: int = 2,
    width: int = 45,
    height: int | None = None,
    n_sections: int | None = None,
    shuffle: str = "random",
    p_blank_para: float = 0.85,
    p_glue: float = 0.2,
    p_glue_inline: float = 0.06,
    p_lead: float = 0.06,
    p_double: float = 0.03,
    p_spacehyph: float = 0.05,
    p_glue_lead: float = 0.8,
    p_glue_tight: float = 0.0,
    p_keep: float = 0.35,
    drop_page: int | None = None,
    furniture: bool = True,
    furniture_formats: tuple[str, ...] = ("running", "pageno", "slug"),
    offset: int | None = None,
    drift: int = 0,
    blank_rows: bool = False,
    heading_style: str = "numbered",
    volume: str = "",
    p_quote: float = 0.0,
    p_verse: float = 0.0,
    quotes: str = "as-is",
    end_at_sentence: bool = False,
    title: str = "The Weight of Small Things",
    author: str = "Anna Example",
) -> SynthCase:
    """Typeset ``paragraphs`` into ``pages`` × ``columns`` and extract them scrambled.

    ``shuffle``: "random" (columns of all pages in random order), "page"
    (random within each page), "reversed" (pages in order, each page's
    columns right to left), "pages-shuffled" / "pages-reversed" (whole pages
    as blocks in random / reverse order, columns in order), "fragment" (every
    column cut at its paragraph breaks into pieces; a piece keeps its true
    successor with probability ``p_keep``, and the runs so formed come out in
    random order — what real magazine extractions do, page 2's left column
    before page 1's right one), or "none" (in order).  ``drop_page`` (0-based,
    not 0) loses that page entirely.  Paragraphs are consumed from ``offset``
    (default ``seed * 7``) until the pages are full; the article stops at the
    end of the last page (mid-sentence) or, with ``end_at_sentence``, at the
    last sentence end.  ``drift``: each column holds ``height`` ± up to that
    many rows.  ``blank_rows``: a blank line between paragraphs takes a row.
    Glued columns: the next column's first line follows on the next line
    (``p_glue``; with a leading space with probability ``p_glue_lead``) or on
    the same line (``p_glue_inline``; after a single space with probability
    ``p_glue_tight``, else a run of spaces).  ``furniture_formats``: see
    ``FURNITURE_FORMATS``.  ``heading_style``, ``volume``, ``p_quote``,
    ``p_verse``: see ``layout``; ``quotes``: see ``_quotes``.
    """
    rng = random.Random(seed)
    height = height or rng.randint(40, 56)
    if n_sections is None:
        n_sections = rng.randint(0, 4)
    # column heights: all equal, or drifting by up to ``drift`` rows (headings and spacing in a real layout)
    heights = [
        height + (rng.randint(-drift, drift) if drift else 0) for _ in range(pages * columns)
    ]
    need = sum(heights)
    paras: list[str] = []
    total = 0
    i = 0
    while total < need * 1.1 and paragraphs:
        p = paragraphs[((seed * 7 if offset is None else offset) + i) % len(paragraphs)]
        paras.append(_quotes(p, quotes))
        total += len(p) // (width - 5) + 2
        i += 1
        if i > 10 * len(paragraphs):
            break
    lines = layout(
        paras,
        rng,
        width=width,
        n_sections=n_sections,
        title=title,
        author=author,
        heading_style=heading_style,
        volume=volume,
        p_quote=p_quote,
        p_verse=p_verse,
    )[:need]
    if blank_rows:
        p_blank_para = 1.0  # the blank row is in the page: the extractor emits it
    cols = _columns(lines, pages, columns, heights, blank_rows)
    if end_at_sentence:
        cols = _end_at_sentence(cols)
    missing: list[tuple[int, int]] = []
    if drop_page is not None and 0 < drop_page < pages:
        gone = [x for x in cols if x[0] == drop_page]
        if gone:
            missing.append((gone[0][2][0].k, gone[-1][2][-1].k))
        cols = [x for x in cols if x[0] != drop_page]
    col_tops = {chunk[0].k for _pg, _c, chunk in cols}
    col_bottoms = {chunk[-1].k for _pg, _c, chunk in cols}
    cols = _order_columns(cols, shuffle, rng, p_keep)

    out: list[str] = []  # extracted lines
    units: dict[int, list[tuple[int, int, int]]] = {}
    furn: set[int] = set()
    page_last_col = {}
    for idx, (pg, _c, _l) in enumerate(cols):
        page_last_col[pg] = idx
    seen_pages: set[int] = set()
    top = [f for f in furniture_formats if f in _TOP_FURNITURE]
    bottom = [f for f in furniture_formats if f not in _TOP_FURNITURE]

    def emit(text: str, k: int | None) -> None:
        out.append(text)
        if k is None:
            furn.add(len(out))
        else:
            units[len(out)] = [(0, len(text), k)]

    for idx, (pg, _c, chunk) in enumerate(cols):
        fmt_top = top[pg % len(top)] if top else ""
        head = (author if fmt_top == "author-head" else title) if top else ""
        if fmt_top == "folio-head":
            head = f"{pg + 1}    {title}" if pg % 2 else f"{author}    {pg + 1}"
        if furniture and pg not in seen_pages and pg > 0 and head and rng.random() < 0.5:
            if out and out[-1] != "":
                out.append("")
            emit(head, None)  # running head
            out.append("")
        seen_pages.add(pg)
        glue = None
        if idx > 0 and out and out[-1] != "":
            r = rng.random()
            glue = (
                "inline" if r < p_glue_inline else ("line" if r < p_glue_inline + p_glue else None)
            )
        if idx > 0 and out and out[-1] != "" and glue is None:
            out.append("")
        for j, ln in enumerate(chunk):
            text = (
                _scramble_line(ln.text, rng, p_lead, p_double, p_spacehyph)
                if ln.kind == "body"
                else ln.text
            )
            if j > 0 and ln.para_start:
                prev = chunk[j - 1].kind
                p_blank = (
                    1.0
                    if ln.kind not in ("body", "quote", "verse") or prev == "title"
                    else (0.3 if prev == "heading" else p_blank_para)
                )
                if rng.random() < p_blank:
                    out.append("")
            if j == 0 and glue == "inline" and out and out[-1] != "" and ln.kind == "body":
                left = out[-1]
                t = text.lstrip()
                tight = p_glue_tight and rng.random() < p_glue_tight
                sep = (
                    " "
                    if tight or (left.rstrip().endswith((".", "!", "?")) and t[:1].islower())
                    else " " * rng.randint(2, 4)
                )
                start = len(left) + len(sep)
                out[-1] = left + sep + t
                units[len(out)].append((start, len(out[-1]), ln.k))
                continue
            if (
                j == 0
                and glue == "line"
                and not text.startswith(" ")
                and rng.random() < p_glue_lead
            ):
                text = " " + text  # extractors mark a glued column start with a space
            emit(text, ln.k)
        if furniture and page_last_col.get(pg) == idx:
            for fmt in bottom:
                out.append("")
                if fmt == "pageno":
                    emit(str(pg + 1), None)
                elif fmt == "pageword":
                    emit(f"Page {pg + 1}", None)
                elif fmt == "dashed":
                    emit(f"– {pg + 1} –", None)
                elif fmt == "pageof":
                    emit(f"Page {pg + 1} of {pages}", None)
                elif fmt == "footer":
                    emit(f"{author or 'Anonymous'} · {title or 'Article'}   {pg + 1}", None)
                else:
                    emit(
                        f"{title.split()[-1] if title else 'Article'} Final.qxp:Layout 1  9/5/11  09:{41 + pg:02d}  Page{pg + 1}",
                        None,
                    )
            out.append("")
    n_body = sum(len(v) for v in units.values())
    return SynthCase(
        "\n".join(out) + "\n",
        units,
        furn,
        n_body,
        columns,
        pages,
        missing,
        lines,
        col_tops,
        col_bottoms,
    )


def mixed_prose(novel: list[str], essays: list[str], seed: int) -> list[str]:
    """Novel paragraphs from a seed-dependent offset with each essay paragraph woven in once.

    Why once: a paragraph repeated inside one case would make two identical
    runs of lines, an ambiguity no real text has.  Use with
    ``make_case(..., offset=0)`` so the essays come first in the case.
    """
    rng = random.Random(seed)
    start = (seed * 7) % max(1, len(novel))
    base = novel[start:] + novel[:start]
    es = essays[:]
    rng.shuffle(es)
    out: list[str] = []
    for i, p in enumerate(base):
        if es and i % 3 == 1:
            out.append(es.pop())
        out.append(p)
    return out + es


# ------------------------------------------------------------------- evaluation


def predicted_sequence(
    case: SynthCase, order: list[tuple[int, int]], cols: list[tuple[int, int]]
) -> list[int]:
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
