"""A web page as a source: paragraphs, headings, block quotations and footnotes from markup.

Why: archives publish texts as HTML whose markup already says what a PDF
extraction has to guess — ``<p>``, ``<h2>``, ``<blockquote>``, footnote
anchors.  This reader keeps that structure and drops the rest:

* the page's main content (``<main>``, a single ``<article>``, else
  ``<body>``), without scripts, styles, navigation, headers, footers, forms,
  asides and hidden elements;
* ``<h1>`` first in the page → the title block; other headings → heads;
  ``<p>``, list items, ``<pre>`` and text-bearing ``<div>`` → paragraphs;
  ``<blockquote>`` → block quotations; emphasis and links → their text;
* footnotes and endnotes: an in-text link ``<a href="#id">`` whose text is
  a note number ("1", "[2]", "*") and whose target holds the note (an
  ``<li>``, ``<p>``, ``<div>``, ``<aside>``, or the block around a named
  anchor, as Project Gutenberg writes them) → a note anchored at that
  point; the note's own label and back-links are dropped, and note
  containers never enter the running text.

Parsed safely: bounded size, entity declarations refused, no network (the
HTML parser loads nothing); the charset is the one the page declares (BOM,
``<meta charset>``), else UTF-8, else a clear error.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ..files import InputError
from ..reassemble import Join
from .pdf import NOTES_HEAD_MAX, Note, Reading, SourceParagraph

#: Largest web page we parse (bytes): a long book chapter is a few MB.
MAX_HTML_BYTES = 20 * 1024 * 1024
_DROP = frozenset(
    "script style noscript nav header footer form button iframe svg template menu aside "
    "select textarea object embed canvas audio video figure figcaption head".split()
)
_BLOCKS = frozenset("p li pre dd dt address".split())
_HEADS = frozenset("h1 h2 h3 h4 h5 h6".split())
_CONTAINERS = frozenset(
    "div section article main body blockquote ol ul dl table tbody tr td th center".split()
)
_NOTE_LABEL = re.compile(r"^\s*[\[(]?\s*(\d{1,3}|[*†‡§]|[ivx]{1,4})\s*[\])]?\s*$")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decode(data: bytes, path: Path) -> str:
    """The page's text in the charset it declares (BOM, meta), else UTF-8, else an error."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc)
    m = _CHARSET.search(data[:8192])
    if m:
        name = m.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise InputError(
                path, f"web page declares an unknown charset {name!r}; re-save it as UTF-8"
            ) from None
        return _decoded(
            data,
            path,
            codec.name,
            f"web page is not valid {name} as it declares",
            "fix its <meta charset> or re-save it as UTF-8",
        )
    return _decoded(
        data,
        path,
        "utf-8",
        "web page is not UTF-8 and declares no charset",
        'add <meta charset="…"> or re-save it as UTF-8',
    )


def _decoded(data: bytes, path: Path, encoding: str, problem: str, fix: str) -> str:
    """``data`` decoded, or an input error at the line of the first byte that is not ``encoding``."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"{problem} (byte 0x{data[exc.start]:02x}); {fix}", line=line
        ) from exc


def _parse(path: Path) -> etree._Element:
    if not path.exists():
        raise InputError(path, "web page not found; check the path (or the work's source)")
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        raise InputError(
            path,
            f"web page is {size} bytes, over the {MAX_HTML_BYTES}-byte limit; is it the right file?",
        )
    data = path.read_bytes()
    if re.search(rb"<!ENTITY", data, re.I):
        line = data[: re.search(rb"<!ENTITY", data, re.I).start()].count(b"\n") + 1  # type: ignore[union-attr]
        raise InputError(
            path,
            "web page declares entities (<!ENTITY>); refusing it (they can read files)",
            line=line,
        )
    text = _decode(data, path)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # a declared encoding means nothing in a str
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"web page cannot be parsed ({exc}); check it is HTML") from exc
    return root


def _local(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _hidden(el: etree._Element) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return (
        el.get("hidden") is not None
        or el.get("aria-hidden") == "true"
        or "display:none" in style
        or el.get("role") in ("navigation", "banner", "contentinfo", "search")
    )


def _content_root(root: etree._Element) -> etree._Element:
    mains = root.xpath("//main")
    if len(mains) == 1:
        return mains[0]
    arts = root.xpath("//article")
    if len(arts) == 1:
        return arts[0]
    body = root.find("body")
    return body if body is not None else root


def _note_refs(root: etree._Element) -> dict[str, etree._Element]:
    """In-text note links: target id → the link element.

    A note link points forward, to a note further down; the note's own
    back-link points backward to the marker and is not a note reference.
    """
    order = {el: k for k, el in enumerate(root.iter())}
    ids = {
        el.get("id") or el.get("name"): el for el in root.iter() if el.get("id") or el.get("name")
    }
    refs: dict[str, etree._Element] = {}
    for a in root.iter("a"):
        href = a.get("href") or ""
        if not href.startswith("#") or len(href) < 2:
            continue
        if not _NOTE_LABEL.match(a.text_content()):
            continue
        target = ids.get(href[1:])
        if target is None or target in a.iterancestors() or a in target.iterancestors():
            continue
        if order[target] < order[a]:  # a back-link
            continue
        refs.setdefault(href[1:], a)
    return refs


def _note_block(target: etree._Element) -> etree._Element:
    """The element holding a note: the target itself, or the block around a bare anchor."""
    if _local(target) in _BLOCKS | {"div", "aside", "section"} and target.text_content().strip():
        if len(target.text_content().strip()) > 3:
            return target
    el = target
    while el is not None and _local(el) not in _BLOCKS | {"div", "aside"}:
        el = el.getparent()
    return el if el is not None else target


class _Text:
    """Builds one block's text with collapsed whitespace and note-anchor offsets."""

    def __init__(self) -> None:
        self.out = ""
        self.anchors: list[tuple[int, str]] = []

    def add(self, s: str | None) -> None:
        if not s:
            return
        s = re.sub(r"\s+", " ", s)
        if not self.out or self.out.endswith(" "):
            s = s.lstrip()
        self.out += s

    def text(self) -> str:
        return self.out.strip()


def read_html(path: str | Path) -> Reading:
    """Read a web page into paragraphs and notes; see the module docstring."""
    path = Path(path)
    root = _parse(path)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        if _local(el) in _DROP or _hidden(el):
            el.drop_tree()  # the element goes, the text after it stays
    refs = _note_refs(root)
    note_of: dict[int, tuple[str, etree._Element]] = {}  # id(link) → (label, note block)
    note_blocks: set[int] = set()
    for target_id, a in refs.items():
        target = root.xpath("//*[@id=$i or @name=$i]", i=target_id)
        if not target:
            continue
        note_block = _note_block(target[0])
        label = _NOTE_LABEL.match(a.text_content()).group(1)  # type: ignore[union-attr]
        note_of[id(a)] = (label, note_block)
        note_blocks.add(id(note_block))
    # a container of notes only (class "footnotes", an <ol> of notes) leaves the flow whole
    paragraphs: list[SourceParagraph] = []
    notes: list[Note] = []
    seen_notes: set[int] = set()

    def inline(el: etree._Element, buf: _Text) -> None:
        if id(el) in note_of:
            label, block = note_of[id(el)]
            buf.anchors.append((len(buf.out.rstrip()), label))
            if id(block) not in seen_notes:
                seen_notes.add(id(block))
                notes.append(Note(n=label, text=_note_text(block, refs), paragraph=-1))
                notes[-1].offset = len(buf.out.rstrip())
                pending.append((notes[-1], buf))
            buf.add(el.tail)
            return
        if _local(el) == "br":
            buf.add(" ")
        else:
            buf.add(el.text)
            for c in el:
                if isinstance(c.tag, str):
                    inline(c, buf)
                elif c.tail:
                    buf.add(c.tail)
        buf.add(el.tail)

    pending: list[tuple[Note, _Text]] = []
    furniture: list[str] = []

    def emit(kind: str, buf: _Text) -> None:
        text = buf.text()
        if not text:
            return
        # leading whitespace was never added, so offsets hold; clamp at the end
        anchors = [(min(off, len(text)), n) for off, n in buf.anchors]
        paragraphs.append(
            SourceParagraph(
                text=text,
                ranges=[(len(paragraphs) + 1, len(paragraphs) + 1)],
                heading=kind == "head",
                kind=kind,
                anchors=anchors,
            )
        )
        for note, b in pending:
            if b is buf:
                note.paragraph = len(paragraphs) - 1
                note.offset = min(note.offset, len(text))

    first_heading = [True]

    def block(el: etree._Element, quote: bool) -> None:
        tag = _local(el)
        if id(el) in note_blocks or _is_note_container(el, note_blocks):
            return
        if tag in _HEADS:
            buf = _Text()
            inline_children(el, buf)
            kind = "title" if tag == "h1" and first_heading[0] and not paragraphs else "head"
            first_heading[0] = False
            emit(kind, buf)
            return
        if tag in _BLOCKS:
            buf = _Text()
            inline_children(el, buf)
            emit("quote" if quote else "p", buf)
            return
        if tag == "blockquote":
            quote = True
        # a container: loose text becomes a paragraph, block children are read in turn
        buf = _Text()
        buf.add(el.text)
        for c in el:
            if not isinstance(c.tag, str):
                buf.add(c.tail)
                continue
            ct = _local(c)
            if ct in _HEADS and _heads_notes(c, note_blocks):
                # "Notes" over the endnotes leaves the flow with them, listed as furniture
                # (a long heading is a section of its own and stays text)
                label = " ".join("".join(c.itertext()).split())
                if len(label) <= NOTES_HEAD_MAX:
                    furniture.append(label)
                    buf.add(c.tail)
                    continue
            if ct in _BLOCKS or ct in _HEADS or ct in _CONTAINERS or id(c) in note_blocks:
                emit("quote" if quote else "p", buf)
                buf = _Text()
                block(c, quote)
                buf.add(c.tail)
            else:
                inline(c, buf)
        emit("quote" if quote else "p", buf)

    def inline_children(el: etree._Element, buf: _Text) -> None:
        buf.add(el.text)
        for c in el:
            if isinstance(c.tag, str):
                inline(c, buf)
            elif c.tail:
                buf.add(c.tail)

    block(_content_root(root), False)
    if not paragraphs:
        raise InputError(
            path, "web page has no text in its main content; check it is the right page"
        )
    joins = [Join(k, 1.0, "paragraph") for k in range(len(paragraphs) - 1)]
    return Reading(
        order=[(k + 1, k + 1) for k in range(len(paragraphs))],
        joins=joins,
        paragraphs=list(paragraphs),
        notes=notes,
        pages=1,
        kind="html",
        furniture_text=furniture,
    )


def _heads_notes(head: etree._Element, note_blocks: set[int]) -> bool:
    """A heading followed, up to the next heading or the end, only by notes ("Notes" over
    an endnotes list written as siblings, not wrapped in a section)."""
    after = []
    for c in head.itersiblings():
        if not isinstance(c.tag, str) or _local(c) in ("hr", "br"):
            continue
        if _local(c) in _HEADS:
            break
        after.append(c)
    return bool(after) and all(
        id(c) in note_blocks or _is_note_container(c, note_blocks) for c in after
    )


def _is_note_container(el: etree._Element, note_blocks: set[int]) -> bool:
    """A list or section made only of notes (an endnotes ``<ol>``, ``<section class=footnotes>``)."""
    kids = [c for c in el if isinstance(c.tag, str) and _local(c) not in ("hr", "br")]
    if not kids:
        return False
    heads = [c for c in kids if _local(c) in _HEADS]
    rest = [c for c in kids if _local(c) not in _HEADS]
    return (
        bool(rest)
        and all(id(c) in note_blocks or _is_note_container(c, note_blocks) for c in rest)
        and len(heads) <= 1
    )


def _note_text(block: etree._Element, refs: dict[str, etree._Element]) -> str:
    """A note's text without its own label and back-links ("↩", a link to the marker)."""
    buf = _Text()
    back_ids = {a.get("id") or a.get("name") for a in refs.values()}

    def walk(el: etree._Element, top: bool = False) -> None:
        tag = _local(el)
        href = (el.get("href") or "").lstrip("#")
        label_link = tag == "a" and (
            href in back_ids
            or _NOTE_LABEL.match(el.text_content() or "")
            or "↩" in el.text_content()
        )
        if not top and (
            label_link
            or (
                tag in ("sup", "span")
                and _NOTE_LABEL.match(el.text_content() or "")
                and not buf.text()
            )
        ):
            buf.add(el.tail)
            return
        buf.add(el.text)
        for c in el:
            if isinstance(c.tag, str):
                walk(c)
            elif c.tail:
                buf.add(c.tail)
        if not top:
            buf.add(el.tail)

    walk(block, top=True)
    text = buf.text()
    return re.sub(r"^[\[(]?\d{1,3}[\])]?[.:]?\s+", "", text).replace("↩", "").strip()
