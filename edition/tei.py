"""TEI: write the edition as TEI P5 and read it back.

Why the TEI is read back as well as written: the committed English TEI is
the registry of permanent segment ids (``read_ids``) and the input of
``edition extract`` (``read_document``), so later stages depend on the
artefact, never on the ingest stage's internals.

Encoding decisions (also stated in each file's ``encodingDesc``):

* one ``div type="section" n="…"`` per numbered section (n="0" for the
  untitled opening), ``head`` for headings, ``p`` for paragraphs,
  ``quote`` for block quotations — inside ``cit`` with a ``bibl`` when a
  citation follows;
* every sentence is an ``s`` with a permanent ``xml:id``;
* quoted phrases are ``q`` elements that keep their quotation marks; a
  quotation running over several sentences is split at the sentence
  boundaries and the parts are chained with ``@next``/``@prev`` (``q`` has
  no ``@part``), so sentences and quotations need not nest;
* accepted corrections are ``choice/sic/corr``; lost text is ``gap``;
* no timestamps: building twice gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .files import InputError, parse_xml
from .model import Block, BlockKind, Correction, Division, Document, Metadata, QuoteSpan, Sentence
from .text import collapse_space

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
NSMAP = {None: TEI_NS}
NS = {"t": TEI_NS}
#: The ``idno`` type that stores the largest segment number ever minted.
HIGH_WATER_IDNO = "segment-id-high-water"
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}


# ---------------------------------------------------------------- building


def _el(tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    e = etree.Element(T + tag, nsmap=NSMAP)
    for k, v in attrib.items():
        e.set(k, v)
    if text is not None:
        e.text = text
    return e


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    e = etree.SubElement(parent, T + tag)
    for k, v in attrib.items():
        e.set(k, v)
    if text is not None:
        e.text = text
    return e


#: Elements whose content is running text: never re-indented.
_INLINE = frozenset(
    {
        "s",
        "head",
        "q",
        "choice",
        "sic",
        "corr",
        "bibl",
        "title",
        "author",
        "name",
        "resp",
        "note",
        "language",
        "idno",
        "authority",
        "desc",
    }
)


def _layout(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content (body blocks, header structure), one element per line.

    Never touches running text: inline elements and any element with text
    of its own between children are left as they are, since added
    whitespace there would change the edition's text.
    """
    children = list(el)
    if not children or etree.QName(el).localname in _INLINE:
        return
    if (el.text or "").strip() or any((c.tail or "").strip() for c in children):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for c in children:
        c.tail = pad
        _layout(c, level + 1)
    children[-1].tail = "\n" + "  " * level


def _spans_of(sentence: Sentence) -> list[tuple[int, int, str, object]]:
    """Quotation and correction spans of a sentence, outermost first (for ``_fill``)."""
    spans: list[tuple[int, int, str, object]] = []
    for k, q in enumerate(sentence.quotes):
        spans.append((q.start, q.end, "q", (sentence.id, k)))
    for c in sentence.corrections:
        spans.append((c.start, c.end, "corr", c))
    for off, n in sentence.anchors:
        spans.append((off, off, "anchor", anchor_id(sentence.id, n)))
    for a, b in sentence.italics:
        spans.append((a, b, "hi", "italic"))
    spans.sort(key=lambda s: (s[0], -s[1], s[2]))
    return spans


def _fill(
    parent: etree._Element,
    text: str,
    start: int,
    end: int,
    spans: list[tuple[int, int, str, object]],
    qids: dict,
    links: dict,
) -> None:
    """Write ``text[start:end]`` into ``parent``, wrapping nested spans in ``q`` / ``choice``.

    Spans that would cross an already open element are left unmarked (the
    characters are kept; only the markup is omitted) so the XML stays
    well-formed and nothing of the text is lost.
    """
    pos = start
    last: etree._Element | None = None

    def put(s: str) -> None:
        if not s:
            return
        if last is None:
            parent.text = (parent.text or "") + s
        else:
            last.tail = (last.tail or "") + s

    i = 0
    while i < len(spans):
        a, b, kind, data = spans[i]
        j, inner = i + 1, []
        while j < len(spans) and spans[j][0] < b:
            if spans[j][1] <= b:
                inner.append(spans[j])  # nested inside this span
            j += 1  # crossing spans: characters kept, markup omitted
        if kind == "anchor" and pos <= a <= end:  # a footnote marker: an empty point
            put(text[pos:a])
            last = etree.SubElement(parent, T + "anchor")
            last.set(XML_ID, str(data))
            pos = a
            i += 1
            continue
        if a < pos or b > end or a >= b:
            i += 1
            continue
        put(text[pos:a])
        if kind == "q":
            el = etree.SubElement(parent, T + "q")
            qid = qids.get(data)
            if qid:
                el.set(XML_ID, qid)
                prev, nxt = links[qid]
                if nxt:
                    el.set("next", "#" + nxt)
                if prev:
                    el.set("prev", "#" + prev)
            _fill(el, text, a, b, inner, qids, links)
        elif kind == "hi":
            el = etree.SubElement(parent, T + "hi")
            el.set("rend", str(data))
            _fill(el, text, a, b, inner, qids, links)
        else:
            corr: Correction = data  # type: ignore[assignment]
            el = etree.SubElement(parent, T + "choice")
            _sub(el, "sic", corr.sic)
            _sub(el, "corr", text[a:b])
        last = el
        pos = b
        i = j
    put(text[pos:end])


def _quote_ids(
    doc: Document,
) -> tuple[dict[tuple[str, int], str], dict[str, tuple[str | None, str | None]]]:
    """xml:ids for split quotation parts and their prev/next chain, derived from sentence ids."""
    groups: dict[int, list[tuple[str, int]]] = {}
    for s in doc.sentences():
        for k, q in enumerate(s.quotes):
            if q.part != "N":
                groups.setdefault(q.group, []).append((s.id, k))
    qids: dict[tuple[str, int], str] = {}
    links: dict[str, tuple[str | None, str | None]] = {}
    for g in sorted(groups):
        chain = [f"{sid}-q{k + 1}" for sid, k in groups[g]]
        for n, key in enumerate(groups[g]):
            qids[key] = chain[n]
            links[chain[n]] = (
                chain[n - 1] if n else None,
                chain[n + 1] if n + 1 < len(chain) else None,
            )
    return qids, links


def anchor_id(sentence_id: str, n: str) -> str:
    """The xml:id of footnote ``n``'s marker inside a sentence (``bbe-0012-fn3``)."""
    return f"{sentence_id}-fn{n}"


def _sentence(parent: etree._Element, s: Sentence, qids: dict, links: dict) -> None:
    el = etree.SubElement(parent, T + "s")
    el.set(XML_ID, s.id)
    _fill(el, s.text, 0, len(s.text), _spans_of(s), qids, links)


def _gap(parent: etree._Element, block: Block | None = None) -> None:
    """``gap``: certain when the editor recorded it, low certainty when reassembly inferred it.

    An editor's gap says what is missing and which witness shows it when the
    editorial file knows (``missing``, ``witness``): ``@evidence="external"``
    and a ``desc`` naming both, so the edition never claims more than the
    evidence (e.g. "the essay continues" when a witness shows it ends there).
    """
    if block is not None and block.gap_reason:
        attrs = {"reason": "lost", "cert": "high"}
        if block.gap_witness:
            attrs["evidence"] = "external"
        if block.gap_extent:
            attrs["extent"] = block.gap_extent
        g = _sub(parent, "gap", **attrs)
        if block.gap_missing:
            desc = f"Not in the source as received: {block.gap_missing}."
            if block.gap_witness:
                desc += f" Shown by {block.gap_witness}."
            desc += f" {block.gap_reason[0].upper()}{block.gap_reason[1:]}."
        else:
            desc = f"Text missing from the source as received: {block.gap_reason}."
        _sub(g, "desc", desc)
    else:
        g = _sub(parent, "gap", reason="lost", cert="low")
        _sub(
            g,
            "desc",
            "Text possibly missing: inferred by the reading-order reconstruction (no fragment continues here); to be reviewed against the printed source.",
        )


def _block(parent: etree._Element, block: Block, qids: dict, links: dict) -> None:
    if block.gap_before:
        _gap(parent)
    if block.kind == "head":
        container = _sub(parent, "head")
    elif block.kind == "note":
        attrs = {"place": block.place, "n": block.n}
        if block.host is not None and block.host.id:
            attrs["target"] = "#" + anchor_id(block.host.id, block.n)
        container = _sub(parent, "note", **attrs)
    elif block.kind == "quote":
        if block.bibl:
            cit = _sub(parent, "cit")
            container = _sub(cit, "quote")
        else:
            cit = None
            container = _sub(parent, "quote")
    else:
        container = _sub(parent, "p")
    for s in block.sentences:
        _sentence(container, s, qids, links)
    if block.kind == "quote" and block.bibl:
        _sub(cit, "bibl", block.bibl)
    if block.gap_after:
        # the editor's gap follows the block (what is missing comes after it);
        # an inferred one stays where the text breaks off, inside the paragraph
        _gap(container if block.kind == "p" and not block.gap_reason else parent, block)


def _header(
    meta: Metadata,
    lang: str,
    id_high_water: int,
    notes: Sequence[str],
    *,
    original: bool,
    data_versions: Mapping[str, str],
) -> etree._Element:
    h = _el("teiHeader")
    fd = _sub(h, "fileDesc")
    ts = _sub(fd, "titleStmt")
    _sub(ts, "title", meta.title, type="main")
    if meta.subtitle:
        _sub(ts, "title", meta.subtitle, type="sub")
    if meta.author:
        _sub(ts, "author", meta.author)
    if not original:
        rs = _sub(ts, "respStmt")
        _sub(rs, "resp", "translation from the French")
        _sub(rs, "name", meta.translator or "unknown: the translator is not named in the source")
    ps = _sub(fd, "publicationStmt")
    _sub(
        ps,
        "authority",
        "Generated by the edition toolkit from the seed text and its editorial file; do not edit by hand.",
    )
    _sub(ps, "idno", str(id_high_water), type=HIGH_WATER_IDNO)
    if notes:
        ns = _sub(fd, "notesStmt")
        for n in notes:
            _sub(ns, "note", n, type="editorial")
    sd = _sub(fd, "sourceDesc")
    _sub(sd, "bibl", meta.source or "Text as received; see the seed folder of this work.")
    enc = _sub(h, "encodingDesc")
    ed = _sub(enc, "editorialDecl")
    _sub(
        _sub(ed, "correction"),
        "p",
        "Extraction errors are corrected only where the editorial file accepts the correction; each is encoded as choice/sic/corr.",
    )
    _sub(
        _sub(ed, "normalization"),
        "p",
        "Runs of spaces and line breaks from the PDF layout are collapsed to one space; page numbers and running footers are removed; no-break spaces are kept.",
    )
    _sub(
        _sub(ed, "quotation", marks="all"),
        "p",
        "Quotation marks are kept in the text; quoted phrases are marked with q, block quotations with quote (and cit/bibl when a citation follows).",
    )
    _sub(
        _sub(ed, "hyphenation", eol="none"),
        "p",
        "Words hyphenated at line ends are rejoined; real compounds keep their hyphen.",
    )
    _sub(
        _sub(ed, "segmentation"),
        "p",
        "Every sentence is an s element with a permanent xml:id, reconciled with the previous build so that ids survive edits and are never reused.",
    )
    if data_versions:
        app = _sub(enc, "appInfo")
        for name in sorted(data_versions):
            a = _sub(app, "application", ident=name, version=data_versions[name])
            _sub(a, "label", name)
            _sub(a, "desc", "data package whose contents shape this text (build signature)")
    lu = _sub(_sub(h, "profileDesc"), "langUsage")
    _sub(lu, "language", LANGUAGE_NAMES.get(lang, lang), ident=lang)
    return h


def document_to_tei(
    doc: Document,
    *,
    id_high_water: int,
    notes: Sequence[str] = (),
    original: bool | None = None,
    data_versions: Mapping[str, str] | None = None,
) -> bytes:
    """Serialise ``doc`` (ids assigned) as a TEI P5 file; deterministic bytes.

    ``data_versions`` (package → version) is the build signature, recorded as
    ``encodingDesc/appInfo/application``: the data packages that shaped the text.
    """
    is_original = doc.lang == "fr" if original is None else original
    root = _el("TEI")
    root.set(XML_LANG, doc.lang)
    root.append(
        _header(
            doc.meta,
            doc.lang,
            id_high_water,
            notes,
            original=is_original,
            data_versions=data_versions or {},
        )
    )
    body = _sub(_sub(root, "text"), "body")
    qids, links = _quote_ids(doc)
    for div in doc.divisions:
        d = _sub(body, "div", type="section", n=div.n)
        for block in div.blocks:
            _block(d, block, qids, links)
    _layout(root)
    return serialise(root)


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


#: xml:id of the stand-off header's ``respStmt`` for links the editor pinned.
PIN_RESP = "editorial-pins"


def alignment_to_tei(
    work: str,
    en_file: str,
    fr_file: str,
    beads: Iterable[tuple[list[str], list[str], float] | tuple[list[str], list[str], float, bool]],
    summary: str,
    editorial: str = "",
) -> bytes:
    """Stand-off alignment: one ``link`` per bead between the English and French TEI files.

    Why stand-off: the two editions stay independent documents; the links
    can be regenerated without touching either.  ``@cert`` holds the bead's
    confidence; beads with one side empty become ``ptr type="unaligned"``
    (a ``link`` needs two ends).  A bead the editor pinned (``[[align]]``
    in ``editorial``) carries ``@resp`` pointing at the header's ``respStmt``
    that names the editorial file: the link is a decision, not a finding.
    """
    rows = [(b[0], b[1], b[2], len(b) > 3 and bool(b[3])) for b in beads]
    root = _el("TEI")
    root.set(XML_LANG, "mul")
    h = _sub(root, "teiHeader")
    fd = _sub(h, "fileDesc")
    _sub(
        _sub(fd, "titleStmt"),
        "title",
        f"Sentence alignment of {work}: English ({en_file}) with the French original ({fr_file})",
    )
    _sub(
        _sub(fd, "publicationStmt"),
        "authority",
        "Generated by the edition toolkit (edition align); do not edit by hand.",
    )
    if any(r[3] for r in rows):
        title_stmt = fd.find(f"{T}titleStmt")
        assert title_stmt is not None
        rs = _sub(title_stmt, "respStmt")
        rs.set(XML_ID, PIN_RESP)
        _sub(rs, "resp", "alignment links pinned by the editor ([[align]])")
        _sub(rs, "name", editorial or "the editorial file")
    _sub(_sub(fd, "sourceDesc"), "p", f"Aligner settings: {summary}")
    so = _sub(root, "standOff")
    grp = _sub(so, "linkGrp", type="alignment")
    for en_ids, fr_ids, conf, pinned in rows:
        targets = [f"{en_file}#{i}" for i in en_ids] + [f"{fr_file}#{i}" for i in fr_ids]
        el = None
        if en_ids and fr_ids:
            el = _sub(
                grp,
                "link",
                type=f"{len(en_ids)}-{len(fr_ids)}",
                target=" ".join(targets),
                cert=f"{conf:.3f}",
            )
        elif targets:
            el = _sub(grp, "ptr", type="unaligned", target=" ".join(targets), cert=f"{conf:.3f}")
        if el is not None and pinned:
            el.set("resp", f"#{PIN_RESP}")
    _layout(root)
    return serialise(root)


# ----------------------------------------------------------------- reading


def reading(el: etree._Element) -> str:
    """The text of an element as the edition reads it: ``corr`` not ``sic``, no ``gap`` description."""
    parts: list[str] = []

    def walk(e: etree._Element) -> None:
        local = etree.QName(e).localname if isinstance(e.tag, str) else ""
        if local in ("sic", "gap", "note"):
            return
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                parts.append(c.tail)

    walk(el)
    return "".join(parts)


def _tree(path: Path) -> etree._ElementTree:
    tree = parse_xml(path)
    if tree.getroot().tag != T + "TEI":
        raise InputError(
            path,
            "not a TEI document (root element is not TEI in the TEI namespace)",
            line=tree.getroot().sourceline,
        )
    return tree


@dataclass(frozen=True)
class Segment:
    """A sentence of a TEI file as the edition reads it: id, text, section number, source line."""

    id: str
    text: str
    section: str
    line: int


def read_segments(tree: etree._ElementTree) -> list[Segment]:
    """Every ``<s>`` in document order: its id, reading text (spaces collapsed), ``div/@n``, line.

    The one reader of sentences from a TEI file: the id registry (``read_ids``),
    the catalogues' French originals and the checks all use it.
    """
    out = []
    for s in tree.iter(f"{T}s"):
        div = next((a for a in s.iterancestors(f"{T}div") if a.get("n") is not None), None)
        out.append(
            Segment(
                s.get(XML_ID, ""),
                collapse_space(reading(s)),
                div.get("n", "") if div is not None else "",
                s.sourceline or 0,
            )
        )
    return out


@dataclass(frozen=True)
class Link:
    """One stand-off alignment link: English ids, French ids, confidence (``@cert``), line."""

    en: tuple[str, ...]
    fr: tuple[str, ...]
    cert: float | None
    line: int


def read_alignment(
    tree: etree._ElementTree, en_ids: set[str], fr_ids: set[str], path: Path | None = None
) -> tuple[list[Link], list[tuple[str, str, int]]]:
    """Links and unaligned pointers (side, id, line) of a stand-off alignment file.

    The side of a target is decided by which TEI holds the id, so the file
    may use ``file#id`` or bare ``#id`` pointers.  A ``@cert`` that is not a
    number in [0, 1] is an input error (file:line), never read as "no
    confidence": a confidence silently dropped would hide a doubtful link.
    """
    links, unaligned = [], []
    for el in tree.iter(f"{T}link", f"{T}ptr"):
        ids = [t.split("#", 1)[1] for t in (el.get("target") or "").split() if "#" in t]
        if el.tag == f"{T}ptr":
            if el.get("type") == "unaligned":
                for i in ids:
                    unaligned.append(("en" if i in en_ids else "fr", i, el.sourceline or 0))
            continue
        raw = el.get("cert")
        cert: float | None = None
        if raw not in (None, ""):
            try:
                cert = float(raw)
            except ValueError:
                cert = -1.0
            if not 0.0 <= cert <= 1.0:
                raise InputError(
                    path,
                    f"link/@cert={raw!r} is not a confidence between 0 and 1; regenerate the alignment with `edition build`",
                    line=el.sourceline,
                )
        links.append(
            Link(
                tuple(i for i in ids if i in en_ids),
                tuple(i for i in ids if i in fr_ids),
                cert,
                el.sourceline or 0,
            )
        )
    return links, unaligned


def read_originals(en_path: Path, fr_path: Path, align_path: Path) -> dict[str, str]:
    """The French text aligned with each English segment id, from the committed stand-off links."""
    en = read_segments(_tree(en_path))
    fr = {s.id: s.text for s in read_segments(_tree(fr_path))}
    links, _ = read_alignment(parse_xml(align_path), {s.id for s in en}, set(fr), align_path)
    out: dict[str, str] = {}
    for link in links:
        text = " ".join(fr[i] for i in link.fr if fr[i])
        if text:
            for i in link.en:
                out[i] = text
    return out


def read_ids(path: Path) -> tuple[list[tuple[str, str]], int]:
    """The (id, text) sequence of a committed edition and its id high-water mark."""
    tree = _tree(Path(path))
    out = []
    for seg in read_segments(tree):
        if not seg.id:
            raise InputError(
                path,
                "an <s> element has no xml:id; regenerate the file with `edition build`",
                line=seg.line,
            )
        out.append((seg.id, seg.text))
    hw_el = tree.find(f".//t:publicationStmt/t:idno[@type='{HIGH_WATER_IDNO}']", NS)
    try:
        hw = int(hw_el.text) if hw_el is not None and hw_el.text else 0
    except ValueError:
        raise InputError(
            path, f"idno type={HIGH_WATER_IDNO} is not a number", line=hw_el.sourceline
        ) from None
    return out, hw


def _read_sentence(el: etree._Element, groups: dict[str, int]) -> Sentence:
    """A sentence with its quotation spans (``q``; parts from the ``@prev``/``@next`` chain).

    Why the quotations: the template's "a quotation opened here closes in a
    following segment" comes from them, and ``extract`` (from the TEI) must
    write the very template ``build`` (from the seed) writes.
    """
    parts: list[str] = []
    quotes: list[QuoteSpan] = []

    def walk(e: etree._Element) -> None:
        local = etree.QName(e).localname if isinstance(e.tag, str) else ""
        if local in ("sic", "gap", "note"):
            return
        start = sum(map(len, parts))
        if e.text:
            parts.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                parts.append(c.tail)
        if local == "q" and e is not el:
            prev, nxt = e.get("prev"), e.get("next")
            part = "N" if not (prev or nxt) else "I" if not prev else "F" if not nxt else "M"
            qid = e.get(XML_ID, "")
            group = groups.get((prev or "").lstrip("#"), len(groups) + 1)
            if qid:
                groups[qid] = group
            quotes.append(QuoteSpan(start, sum(map(len, parts)), part, group))  # type: ignore[arg-type]

    walk(el)
    quotes.sort(key=lambda q: (q.start, -q.end))
    return Sentence(text="".join(parts), id=el.get(XML_ID, ""), quotes=quotes)


def read_data_versions(path: Path) -> dict[str, str]:
    """The build signature recorded in a TEI header (package → version); empty if none."""
    tree = _tree(Path(path))
    return {
        a.get("ident", ""): a.get("version", "")
        for a in tree.iterfind(".//t:encodingDesc/t:appInfo/t:application", NS)
    }


#: TEI element → block kind of the model.
_BLOCK_KINDS: dict[str, BlockKind] = {
    "head": "head",
    "p": "p",
    "quote": "quote",
    "cit": "quote",
    "note": "note",
}


def read_document(path: Path, work: str = "") -> Document:
    """Read a TEI edition back into the model (ids, texts, divisions, blocks)."""
    tree = _tree(Path(path))
    root = tree.getroot()
    lang = root.get(XML_LANG, "en")
    title = root.findtext(".//t:titleStmt/t:title", default="", namespaces=NS)
    author = root.findtext(".//t:titleStmt/t:author", default="", namespaces=NS)
    doc = Document(
        work=work or Path(path).name.split(".")[0],
        lang=lang,
        meta=Metadata(title=title, author=author, language=lang),
    )
    groups: dict[str, int] = {}
    for d in root.iterfind(".//t:body/t:div", NS):
        div = Division(n=d.get("n", str(len(doc.divisions))))
        for child in d:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            kind: BlockKind | None = _BLOCK_KINDS.get(local)
            if kind is None:
                continue
            bibl = child.findtext("t:bibl", namespaces=NS) if local == "cit" else None
            sents = [_read_sentence(s, groups) for s in child.iterfind(".//t:s", NS)]
            div.blocks.append(
                Block(
                    kind=kind,
                    sentences=sents,
                    bibl=bibl,
                    lines=(child.sourceline, child.sourceline),
                    n=child.get("n", "") if local == "note" else "",
                )
            )
        doc.divisions.append(div)
    return doc


# -------------------------------------------------------------- validation


@lru_cache(maxsize=4)
def relaxng(schema_path: str) -> etree.RelaxNG:
    """Compile a RelaxNG schema once per process (tei_all takes ~10 s)."""
    return etree.RelaxNG(
        etree.parse(schema_path, etree.XMLParser(resolve_entities=False, no_network=True))
    )


def integrity(tree: etree._ElementTree) -> list[str]:
    """Our own checks beyond the schema: unique xml:ids, every local pointer resolves."""
    errors = []
    ids: dict[str, int] = {}
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        i = el.get(XML_ID)
        if i is not None:
            if i in ids:
                errors.append(f"{el.sourceline}: duplicate xml:id {i!r} (first on line {ids[i]})")
            ids.setdefault(i, el.sourceline or 0)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("next", "prev", "target", "corresp"):
            for ref in (el.get(attr) or "").split():
                if ref.startswith("#") and ref[1:] not in ids:
                    errors.append(f"{el.sourceline}: @{attr} points to missing id {ref}")
    return errors
