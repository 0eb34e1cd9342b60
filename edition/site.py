"""Site: the edition as static web pages (``edition site`` → ``site/``).

Why static pages: editors publish editions as web pages and translators want
the original, the English and their language side by side; a folder of
plain HTML + CSS (and a few lines of vanilla JS) needs no server, works
offline and can be put anywhere.  The pages are generated from the committed
artefacts only — the TEI (English, original, stand-off alignment), the
catalogues and the TEI header's editorial notes — never from the seeds'
internals, so the site shows exactly what was published.

Pages: ``index.html`` (works, coverage per language), per work
``<work>/index.html`` (reading view: one row per alignment bead, English |
original | a catalogue language, switchable), ``<work>/review.html`` (what
the editor should look at, with the editorial-file lines that would settle
it) and ``<work>/alignment.html`` (the alignment as an SVG dot plot, coverage
per section).  A huge work's reading view is split into one page per section
so no page grows beyond ~2 MB.  Templates: Jinja2 with autoescaping on, so
text from catalogues (``<script>`` in a msgstr) is always escaped.
"""

from __future__ import annotations

import http.server
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path

from lxml import etree
from markupsafe import Markup, escape

from .config import Config, Work
from .files import InputError, parse_xml, write_atomic
from .tei import NS, PIN_RESP, XML_ID, XML_LANG

#: A page above this many bytes is split into one page per section.
MAX_PAGE_BYTES = 2_000_000
#: Above this many beads, confident ones are drawn without link and tooltip (page size).
DOT_DETAIL_MAX = 3000
#: Above this many rows the reading view is split per section without trying one page first.
SPLIT_ROWS = 4000
#: Marker file: a folder holding it was written by ``edition site`` (safe to clean).
MARKER = ".edition-site"
STATUS_LABEL = {"translated": "translated", "fuzzy": "fuzzy", "untranslated": "untranslated"}
JOIN_NOTE = re.compile(
    r"join of source lines (\d+)–(\d+) to (?:line (\d+)|the end) \((\w+)\), confidence ([\d.]+)"
)


# ------------------------------------------------------------------ model


@dataclass
class Seg:
    """One sentence as the site shows it."""

    id: str
    text: str
    html: Markup
    div: str
    kind: str  # head | p | quote
    block: int
    first_in_block: bool


@dataclass
class Side:
    """One language side of a work read back from its TEI."""

    lang: str
    title: str
    segs: list[Seg] = field(default_factory=list)
    #: block index → what follows the block: ("gap", description) or ("bibl", citation)
    after: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    divisions: list[tuple[str, str]] = field(default_factory=list)  # (n, heading text)

    def index(self) -> dict[str, int]:
        return {s.id: k for k, s in enumerate(self.segs)}


@dataclass
class Bead:
    en: list[str]
    orig: list[str]
    cert: float | None
    #: fixed by the editor (``[[align]]``), marked ``@resp`` in the stand-off file
    pinned: bool = False


@dataclass
class Row:
    """One row of the reading view: a bead (or an unaligned sentence)."""

    en: list[Seg]
    orig: list[Seg]
    cert: float | None
    div: str
    kind: str
    para_start: bool
    after: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        return (self.en or self.orig)[0].id


@dataclass
class Entry:
    msgstr: str
    status: str  # translated | fuzzy | untranslated


@dataclass
class SiteReport:
    """What ``edition site`` did: pages written, what is missing, timings."""

    pages: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    bytes_max: int = 0


# ------------------------------------------------------------- reading TEI


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def inline_html(el: etree._Element) -> Markup:
    """The HTML of a TEI sentence's content: quotations, corrections (sic on hover), gaps.

    Everything is escaped; only the markup made here is HTML.
    """
    out: list[str] = [str(escape(el.text or ""))]
    for c in el:
        local = _local(c)
        if local == "q":
            out.append(f'<span class="q">{inline_html(c)}</span>')
        elif local == "hi" and c.get("rend") == "italic":
            out.append(f"<i>{inline_html(c)}</i>")
        elif local == "choice":
            sic = "".join(c.find("t:sic", NS).itertext()) if c.find("t:sic", NS) is not None else ""
            corr_el = c.find("t:corr", NS)
            corr = inline_html(corr_el) if corr_el is not None else Markup("")
            out.append(
                f'<span class="corr" tabindex="0" title="as received: {escape(sic)}" '
                f'data-sic="{escape(sic)}">{corr}</span>'
            )
        elif local == "gap":
            out.append('<span class="gap" title="text missing here">[…]</span>')
        elif local in ("note", "sic"):
            pass
        elif local:
            out.append(str(inline_html(c)))
        out.append(str(escape(c.tail or "")))
    return Markup("".join(out))


def _plain(el: etree._Element) -> str:
    from .tei import reading

    return reading(el)


def read_side(path: Path) -> Side:
    """A TEI edition as rows of sentences with their division and block."""
    root = parse_xml(path).getroot()
    side = Side(
        lang=root.get(XML_LANG, "en"),
        title=root.findtext(".//t:titleStmt/t:title", default="", namespaces=NS),
        notes=["".join(n.itertext()) for n in root.iterfind(".//t:notesStmt/t:note", NS)],
    )
    block = -1
    for d in root.iterfind(".//t:body/t:div", NS):
        n = d.get("n", str(len(side.divisions)))
        heading = ""
        for child in d:
            local = _local(child)
            if local == "gap":
                desc = " ".join(child.findtext("t:desc", default="", namespaces=NS).split())
                side.after.setdefault(block, []).append(("gap", desc or "text missing"))
                continue
            kind = {"head": "head", "p": "p", "quote": "quote", "cit": "quote"}.get(local)
            if kind is None:
                continue
            block += 1
            if kind == "head":
                heading = " ".join(_plain(s) for s in child.iterfind(".//t:s", NS))
            for k, s in enumerate(child.iterfind(".//t:s", NS)):
                side.segs.append(
                    Seg(
                        id=s.get(XML_ID, ""),
                        text=_plain(s),
                        html=inline_html(s),
                        div=n,
                        kind=kind,
                        block=block,
                        first_in_block=k == 0,
                    )
                )
            if local == "cit":
                bibl = child.findtext("t:bibl", default="", namespaces=NS)
                if bibl:
                    side.after.setdefault(block, []).append(("bibl", bibl))
            for g in child.iterfind(".//t:gap", NS):
                if g.getparent() is child:
                    desc = " ".join(g.findtext("t:desc", default="", namespaces=NS).split())
                    side.after.setdefault(block, []).append(("gap", desc or "text missing"))
        side.divisions.append((n, heading))
    return side


def read_beads(path: Path, en_name: str, orig_name: str) -> list[Bead]:
    """The stand-off alignment: links (beads) and unaligned pointers, in file order."""
    out = []
    for el in parse_xml(path).getroot().iter(f"{{{NS['t']}}}link", f"{{{NS['t']}}}ptr"):
        targets = (el.get("target") or "").split()
        en = [t.split("#", 1)[1] for t in targets if t.startswith(en_name + "#")]
        orig = [t.split("#", 1)[1] for t in targets if t.startswith(orig_name + "#")]
        cert = el.get("cert")
        pinned = el.get("resp") == f"#{PIN_RESP}"
        out.append(Bead(en, orig, float(cert) if cert else None, pinned))
    return out


def pin_toml(bead: Bead) -> str:
    """The ``[[align]]`` lines that would pin this link (the editor corrects the ids if wrong).

    The reason is left empty, which the loader refuses: a pin pasted as is
    must not pass for a decision the editor never wrote.
    """
    ids = lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"  # noqa: E731
    return (
        f"[[align]]\nen = {ids(bead.en)}\nfr = {ids(bead.orig)}\n"
        "# read both texts, then say what you saw (the build refuses an empty reason)\n"
        'reason = ""'
    )


@dataclass
class PinItem:
    """A link the editor pinned, with where the decision is written."""

    bead: Bead
    line: int | None
    reason: str


def review_pins(beads: list[Bead], editorial: Path) -> list[PinItem]:
    """Pinned links of the stand-off file, each with its ``[[align]]`` line and reason."""
    from .editorial import load_editorial

    pins = load_editorial(editorial).align if editorial.is_file() else ()
    where = {(tuple(p.en), tuple(p.fr)): p for p in pins}
    by_en = {i: p for p in pins for i in p.en}
    by_fr = {i: p for p in pins for i in p.fr}
    out = []
    for b in beads:
        if not b.pinned:
            continue
        pin = where.get((tuple(b.en), tuple(b.orig)))
        pin = pin or (by_en.get(b.en[0]) if b.en else by_fr.get(b.orig[0]) if b.orig else None)
        out.append(PinItem(b, pin.line if pin else None, pin.reason if pin else ""))
    return out


def read_entries(path: Path) -> dict[str, Entry]:
    """Segment id → (msgstr, status) of one catalogue (read with file:line errors)."""
    from .catalog import read_catalog

    out = {}
    for e in read_catalog(path):
        if e.obsolete or not e.msgctxt:
            continue
        if e.msgstr and "fuzzy" in e.flags:
            status = "fuzzy"
        elif e.msgstr:
            status = "translated"
        else:
            status = "untranslated"
        out[e.msgctxt] = Entry(e.msgstr, status)
    return out


# --------------------------------------------------------------- assembly


def rows_of(en: Side, orig: Side | None, beads: list[Bead]) -> list[Row]:
    """Reading-view rows: one per bead, in English order, original-only beads in between.

    Without an original every English sentence is a row of its own.
    """
    orig_by_id = {s.id: s for s in orig.segs} if orig else {}
    en_by_id = {s.id: s for s in en.segs}
    orig_order = orig.index() if orig else {}
    bead_of = {i: k for k, b in enumerate(beads) for i in b.en}
    en_pos = en.index()
    emitted: set[int] = set()
    rows: list[Row] = []
    next_orig = 0  # original sentences before this index are placed

    def make(en_segs: list[Seg], orig_segs: list[Seg], cert: float | None) -> Row:
        first = (en_segs or orig_segs)[0]
        after: list[tuple[str, str]] = []
        if en_segs:
            last = en_segs[-1]
            nxt = en_pos[last.id] + 1
            if nxt == len(en.segs) or en.segs[nxt].block != last.block:
                after = en.after.get(last.block, [])
        kinds = {s.kind for s in en_segs or orig_segs}
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        return Row(en_segs, orig_segs, cert, first.div, kind, first.first_in_block, after)

    def flush_orig(until: int) -> None:
        nonlocal next_orig
        assert orig is not None
        while next_orig < until:
            s = orig.segs[next_orig]
            rows.append(make([], [s], None))
            next_orig += 1

    for seg in en.segs:
        k = bead_of.get(seg.id)
        if k is None or orig is None:
            rows.append(make([seg], [], None))
            continue
        if k in emitted:
            continue
        emitted.add(k)
        b = beads[k]
        osegs = [orig_by_id[i] for i in b.orig if i in orig_by_id]
        if osegs:
            start = min(orig_order[s.id] for s in osegs)
            flush_orig(start)
            next_orig = max(next_orig, max(orig_order[s.id] for s in osegs) + 1)
        rows.append(make([en_by_id[i] for i in b.en if i in en_by_id], osegs, b.cert))
    if orig is not None:
        flush_orig(len(orig.segs))
    return rows


def coverage(en: Side, entries: dict[str, Entry]) -> dict[str, Counter[str]]:
    """Status counts per section ("all" = the whole work)."""
    out: dict[str, Counter[str]] = {"all": Counter()}
    for s in en.segs:
        st = entries[s.id].status if s.id in entries else "untranslated"
        out.setdefault(s.div, Counter())[st] += 1
        out["all"][st] += 1
    return out


def dot_plot(
    beads: list[Bead],
    en_ix: dict[str, int],
    orig_ix: dict[str, int],
    threshold: float,
    href: Callable[[str], str],
    size: int = 640,
) -> Markup:
    """The alignment as an SVG: English index × original index, one mark per bead.

    Colour goes from red (confidence 0) to green (1); beads below the review
    threshold get a dark ring and are listed on the review page.
    """
    n_en, n_or = max(len(en_ix), 1), max(len(orig_ix), 1)
    sx, sy = (size - 40) / n_en, (size - 40) / n_or
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'class="dotplot" role="img" aria-labelledby="dp-title">'
        f'<title id="dp-title">Alignment: English sentence index (x) against original '
        f"sentence index (y), {len(beads)} beads</title>"
        f'<rect x="30" y="10" width="{size - 40}" height="{size - 40}" class="frame"/>'
        f'<text x="{size / 2}" y="{size - 4}" class="axis">English →</text>'
        f'<text x="12" y="{size / 2}" class="axis" transform="rotate(-90 12 {size / 2})">'
        f"original →</text>"
    ]
    for b in beads:
        xs = [en_ix[i] for i in b.en if i in en_ix]
        ys = [orig_ix[i] for i in b.orig if i in orig_ix]
        if not xs or not ys:
            continue
        c = b.cert if b.cert is not None else 0.0
        x = 30 + min(xs) * sx
        y = 10 + min(ys) * sy
        w = max(len(xs) * sx, 2.5)
        h = max(len(ys) * sy, 2.5)
        hue = round(120 * c)
        low = " low" if c < threshold else ""
        if not low and len(beads) > DOT_DETAIL_MAX:
            # huge works: confident beads as bare marks (no link, no tooltip) to keep the page small
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" class="bead" '
                f'fill="hsl({hue},70%,40%)"/>'
            )
            continue
        label = f"{'+'.join(b.en)} ↔ {'+'.join(b.orig)}: confidence {c:.2f}"
        parts.append(
            f'<a href="{escape(href(b.en[0]))}"><rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}" class="bead{low}" fill="hsl({hue},70%,40%)">'
            f"<title>{escape(label)}</title></rect></a>"
        )
        if low:
            parts.append(f'<circle cx="{x + w / 2:.1f}" cy="{y + h / 2:.1f}" r="7" class="ring"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


# ------------------------------------------------------------------ review


@dataclass
class JoinItem:
    after: int
    next: int | None
    kind: str
    confidence: float
    before_text: str
    after_text: str
    toml: str


def review_joins(notes: Iterable[str], seed: Path | None, seed_rel: str) -> list[JoinItem]:
    """Reading-order joins the build flagged (TEI header notes), with the seed text around them."""
    lines: list[str] = []
    if seed is not None and seed.is_file():
        lines = seed.read_text(encoding="utf-8", errors="replace").split("\n")
    out = []
    for note in notes:
        m = JOIN_NOTE.search(note)
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        nxt = int(m.group(3)) if m.group(3) else None
        before = " ".join(x.strip() for x in lines[a - 1 : b][-3:]) if lines else ""
        after = " ".join(x.strip() for x in lines[nxt - 1 : nxt + 2]) if lines and nxt else ""
        toml = (
            f"[[order]]  # {seed_rel}\nafter = {b}\nnext = {nxt}\n"
            f'reason = "checked against the printed source"'
            if nxt
            else ""
        )
        out.append(JoinItem(b, nxt, m.group(4), float(m.group(5)), before, after, toml))
    return out


@dataclass
class ProposalItem:
    sic: str
    corr: str
    reason: str
    confidence: float
    seg: str
    context: str
    toml: str


def review_proposals(en: Side) -> list[ProposalItem]:
    """Typo corrections the toolkit proposes that the editor has not accepted yet."""
    from .corrections import propose_corrections

    vocab: Counter[str] = Counter()
    blocks: dict[int, list[Seg]] = {}
    for s in en.segs:
        blocks.setdefault(s.block, []).append(s)
        vocab.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", s.text))
    out = []
    seen = set()
    for segs in blocks.values():
        for s in segs:
            for p in propose_corrections(s.text, en.lang, vocabulary=vocab):
                if p.sic in seen:
                    continue
                seen.add(p.sic)
                toml = f'[[corrections]]\nsic = "{_toml_str(p.sic)}"\ncorr = "{_toml_str(p.corr)}"'
                out.append(ProposalItem(p.sic, p.corr, p.reason, p.confidence, s.id, s.text, toml))
    return out


def _toml_str(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


# ------------------------------------------------------------------- build


def _env():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("edition", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def _static(name: str) -> bytes:
    return resources.files("edition").joinpath("templates", name).read_bytes()


@dataclass
class WorkSite:
    """Everything one work's pages need."""

    work: Work
    en: Side | None
    orig: Side | None
    beads: list[Bead]
    langs: list[str]
    entries: dict[str, dict[str, Entry]]
    missing: list[str]
    threshold: float

    @property
    def orig_lang(self) -> str:
        return self.orig.lang if self.orig else ""


def load_work(cfg: Config, work: Work) -> WorkSite:
    """Read a work's artefacts; whatever is absent is listed in ``missing``, never fatal."""
    missing: list[str] = []
    rel = lambda p: str(p.relative_to(cfg.root)) if p.is_relative_to(cfg.root) else str(p)  # noqa: E731
    en = read_side(work.tei_en) if work.tei_en.is_file() else None
    if en is None:
        missing.append(f"no English edition at {rel(work.tei_en)}: run `edition build`")
    elif not en.segs:
        missing.append(f"the edition {rel(work.tei_en)} has no sentences (an empty work)")
    orig = read_side(work.tei_fr) if work.tei_fr.is_file() else None
    beads: list[Bead] = []
    if orig is None:
        missing.append(
            f"no original: {rel(work.original_path)} was not supplied, so there is no "
            "original column and no alignment"
        )
    elif work.tei_alignment.is_file():
        beads = read_beads(work.tei_alignment, work.tei_en.name, work.tei_fr.name)
    else:
        missing.append(f"no alignment at {rel(work.tei_alignment)}: run `edition build`")
    entries: dict[str, dict[str, Entry]] = {}
    for lang in work.languages:
        path = work.po_path(lang)
        if path.is_file():
            entries[lang] = read_entries(path)
        else:
            missing.append(f"no {lang} catalogue at {rel(path)}: run `edition build`")
    if not work.languages:
        missing.append("no catalogue languages configured for this work")
    threshold = float(cfg.check.get("min-alignment-confidence", 0.5))
    return WorkSite(work, en, orig, beads, sorted(entries), entries, missing, threshold)


def _pages_of(
    rows: list[Row], split: bool, max_rows: int | None = None
) -> list[tuple[str, str, list[Row]]]:
    """(page file name, label, rows): one page, or one per section (in parts if too big)."""
    if not split:
        return [("index.html", "", rows)]
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(r.div, []).append(r)
    out = []
    for n, rs in groups.items():
        size = max_rows or len(rs)
        chunks = [rs[k : k + size] for k in range(0, len(rs), size)]
        for part, chunk in enumerate(chunks, 1):
            fname = f"section-{n}.html" if part == 1 else f"section-{n}-{part}.html"
            label = f"Section {n}" + (f", part {part}" if len(chunks) > 1 else "")
            out.append((fname, label, chunk))
    return out


def render_work(env, ws: WorkSite, progress: Callable[[str], None]) -> dict[str, bytes]:
    """The pages of one work: file name (relative to its folder) → bytes."""
    out: dict[str, bytes] = {}
    name = ws.work.name
    en = ws.en or Side(lang="en", title=name)
    rows = rows_of(en, ws.orig, ws.beads)
    cov = {lang: coverage(en, ws.entries[lang]) for lang in ws.langs}
    sections = [(n, h) for n, h in en.divisions]
    common = dict(
        ws=ws,
        work=name,
        title=en.title or name,
        orig_title=ws.orig.title if ws.orig else "",
        langs=ws.langs,
        sections=sections,
        coverage=cov,
        missing=ws.missing,
        threshold=ws.threshold,
        root="../",
    )
    reading = env.get_template("reading.html")
    page_of: dict[str, str] = {}

    def render_pages(split: bool, max_rows: int | None = None) -> dict[str, bytes]:
        pages = _pages_of(rows, split, max_rows)
        page_of.clear()
        for fname, _label, rs in pages:
            for r in rs:
                for s in r.en + r.orig:
                    page_of[s.id] = fname
        res = {}
        for fname, _label, rs in pages:
            progress(f"{name}: {fname}")
            html = reading.render(
                rows=rs,
                page=fname,
                pages=[(f, label) for f, label, _rs in pages] if split else [],
                **common,
            )
            res[fname] = html.encode("utf-8")
        return res

    pages = render_pages(False) if len(rows) <= SPLIT_ROWS else {}
    if not pages or len(pages["index.html"]) > MAX_PAGE_BYTES:
        pages = render_pages(True)
        n_rows = {f: len(rs) for f, _label, rs in _pages_of(rows, True)}
        per_row = max(len(data) / max(n_rows.get(f, 1), 1) for f, data in pages.items())
        if max(len(d) for d in pages.values()) > MAX_PAGE_BYTES:
            pages = render_pages(True, max(int(0.8 * MAX_PAGE_BYTES / per_row), 1))
        first = next(iter(pages))
        pages["index.html"] = env.get_template("toc.html").render(first=first, **common).encode()
    out.update(pages)
    href = lambda sid: f"{page_of.get(sid, 'index.html')}#{sid}"  # noqa: E731
    en_ix = en.index()
    orig_ix = ws.orig.index() if ws.orig else {}
    svg = dot_plot(ws.beads, en_ix, orig_ix, ws.threshold, href) if ws.beads else Markup("")
    en_text = {s.id: s for s in en.segs}
    orig_text = {s.id: s for s in ws.orig.segs} if ws.orig else {}
    low = [
        (
            b,
            [en_text[i] for i in b.en if i in en_text],
            [orig_text[i] for i in b.orig if i in orig_text],
            pin_toml(b),
        )
        for b in ws.beads
        if b.cert is not None and b.cert < ws.threshold and not b.pinned
    ]
    align_rel = f"tei/{ws.work.tei_alignment.name}"
    align_lines = _link_lines(ws.work.tei_alignment) if ws.beads else {}
    progress(f"{name}: review")
    seed = ws.work.source_path
    joins = review_joins(en.notes, seed, f"seeds/{name}/{seed.name}")
    proposals = review_proposals(en) if en.segs else []
    out["review.html"] = (
        env.get_template("review.html")
        .render(
            joins=joins,
            low=low,
            proposals=proposals,
            align_rel=align_rel,
            align_lines=align_lines,
            pins=review_pins(ws.beads, ws.work.editorial_path) if ws.beads else [],
            editorial_rel=f"seeds/{name}/{ws.work.editorial}",
            href=href,
            **common,
        )
        .encode()
    )
    out["alignment.html"] = (
        env.get_template("alignment.html")
        .render(svg=svg, n_beads=len(ws.beads), n_low=len(low), **common)
        .encode()
    )
    return out


def _link_lines(path: Path) -> dict[str, int]:
    """English id → line of its link in the stand-off file (for the review page)."""
    out: dict[str, int] = {}
    for el in parse_xml(path).getroot().iter(f"{{{NS['t']}}}link", f"{{{NS['t']}}}ptr"):
        for t in (el.get("target") or "").split():
            out.setdefault(t.split("#", 1)[-1], el.sourceline or 0)
    return out


def build_site(
    cfg: Config,
    out_dir: Path,
    work: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> SiteReport:
    """Render every work's pages and the index into ``out_dir``.

    A work with no TEI, no original or no catalogues still gets its pages,
    which say what is missing.  Stale pages from an earlier run are removed
    only from a folder this command wrote before (it holds ``.edition-site``).
    """
    step = progress or (lambda _msg: None)
    env = _env()
    report = SiteReport()
    works = [load_work(cfg, w) for w in cfg.work(work)]
    files: dict[Path, bytes] = {}
    for ws in works:
        report.missing.extend(f"{ws.work.name}: {m}" for m in ws.missing)
        for fname, data in render_work(env, ws, step).items():
            files[out_dir / ws.work.name / fname] = data
    summaries = []
    for ws in works:
        en = ws.en or Side(lang="en", title=ws.work.name)
        summaries.append(
            dict(
                name=ws.work.name,
                title=en.title or ws.work.name,
                orig_title=ws.orig.title if ws.orig else "",
                orig_lang=ws.orig_lang,
                segments=len(en.segs),
                beads=len(ws.beads),
                coverage={lang: coverage(en, ws.entries[lang])["all"] for lang in ws.langs},
                missing=ws.missing,
            )
        )
    files[out_dir / "index.html"] = (
        env.get_template("index.html").render(works=summaries, root="").encode()
    )
    files[out_dir / "site.css"] = _static("site.css")
    files[out_dir / "site.js"] = _static("site.js")
    files[out_dir / MARKER] = b"written by `edition site`; the whole folder is regenerated\n"
    if (out_dir / MARKER).is_file():
        for old in sorted(out_dir.rglob("*")):
            if old.is_file() and old not in files:
                old.unlink()
    elif out_dir.exists() and any(out_dir.iterdir()):
        raise InputError(
            out_dir,
            "this folder exists and was not written by `edition site`; choose an empty or new --output",
        )
    for path in sorted(files):
        write_atomic(path, files[path])
        report.pages.append(path)
        report.bytes_max = max(report.bytes_max, len(files[path]))
    return report


def serve(out_dir: Path, port: int = 8000) -> None:
    """Serve the site on 127.0.0.1 only (a local look, never exposed to the network)."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(out_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"serving {out_dir} at http://127.0.0.1:{port}/ (Ctrl-C to stop)", file=sys.stderr)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def clean(out_dir: Path) -> None:
    """Remove a site folder written by this command (and nothing else)."""
    if (out_dir / MARKER).is_file():
        shutil.rmtree(out_dir)
