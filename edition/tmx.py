"""TMX: the edition's translations as translation memories (``edition tmx``).

Why: translators work in CAT tools (OmegaT, Trados, memoQ…) that take a
translation memory in TMX, not a gettext catalogue.  Two kinds of pair are
written, each as a TMX 1.4b file:

* English ↔ each catalogue language, from the catalogues: translated,
  non-fuzzy entries only (a fuzzy entry is a translation of an *older*
  English sentence); ``tuid`` = the segment id.
* original ↔ English, from the stand-off alignment: beads at or above
  ``min-alignment-confidence`` with text on both sides, the confidence as a
  ``prop`` (``x-confidence``); ``tuid`` = the English segment id(s).

One file per language pair for the whole project (works told apart by a
``x-work`` prop), so a CAT tool imports one memory per pair.  No creation
date is written: the same edition gives byte-identical files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import __version__
from .config import Config, Work
from .files import InputError, parse_xml
from .tei import read_alignment, read_ids

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Unit:
    """One translation unit: an id, source and target text, and properties."""

    tuid: str
    source: str
    target: str
    props: tuple[tuple[str, str], ...] = ()


def catalogue_units(work: Work, lang: str) -> list[Unit]:
    """English → ``lang`` units from the work's catalogue (translated, not fuzzy, not obsolete)."""
    from .catalog import read_catalog

    path = work.po_path(lang)
    if not path.is_file():
        return []
    out = []
    for e in read_catalog(path):
        if e.obsolete or not e.msgctxt or not e.msgstr or "fuzzy" in e.flags:
            continue
        out.append(Unit(e.msgctxt, e.msgid, e.msgstr, (("x-work", work.name),)))
    return out


def alignment_units(work: Work, threshold: float) -> list[Unit]:
    """Original → English units from the stand-off alignment (beads at or above ``threshold``)."""
    if not (work.tei_alignment.is_file() and work.tei_fr.is_file() and work.tei_en.is_file()):
        return []
    en = dict(read_ids(work.tei_en)[0])
    orig = dict(read_ids(work.tei_fr)[0])
    links, _unaligned = read_alignment(
        parse_xml(work.tei_alignment), set(en), set(orig), work.tei_alignment
    )
    out = []
    for link in links:
        cert = link.cert or 0.0
        if cert < threshold:
            continue
        en_ids, or_ids = list(link.en), list(link.fr)
        if not en_ids or not or_ids:
            continue
        out.append(
            Unit(
                "+".join(en_ids),
                " ".join(orig[i] for i in or_ids if i in orig),
                " ".join(en[i] for i in en_ids if i in en),
                (
                    ("x-work", work.name),
                    ("x-confidence", f"{cert:.3f}"),
                    ("x-original-ids", " ".join(or_ids)),
                ),
            )
        )
    return out


def original_language(work: Work) -> str:
    """The original's language, from its TEI (``xml:lang`` of the root), default ``fr``."""
    if not work.tei_fr.is_file():
        return "fr"
    return parse_xml(work.tei_fr).getroot().get(XML_LANG, "fr")


def tmx_bytes(units: list[Unit], srclang: str, tgtlang: str) -> bytes:
    """A TMX 1.4b document (UTF-8, deterministic: no dates, units in the order given)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="edition",
        creationtoolversion=__version__,
        segtype="sentence",
        attrib={
            "o-tmf": "gettext PO / TEI stand-off alignment",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
        },
    )
    body = etree.SubElement(root, "body")
    for u in units:
        tu = etree.SubElement(body, "tu", tuid=u.tuid)
        for k, v in u.props:
            etree.SubElement(tu, "prop", type=k).text = v
        for lang, text in ((srclang, u.source), (tgtlang, u.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            try:
                etree.SubElement(tuv, "seg").text = text
            except ValueError as exc:  # control characters cannot be written in XML 1.0
                raise InputError(None, f"segment {u.tuid}: {exc}; remove it from the text") from exc
    etree.indent(root, space="  ")
    return (
        etree.tostring(
            root,
            xml_declaration=True,
            encoding="UTF-8",
            doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        )
        + b"\n"
    )


def memories(
    cfg: Config, work: str | None = None, lang: str | None = None
) -> dict[str, tuple[str, str, list[Unit]]]:
    """File stem (``en-es``, ``fr-en``) → (source language, target language, units).

    ``lang``: only the pairs involving that language (a catalogue language, or
    the original's).  Pairs with no unit at all are still returned (empty), so
    the caller can say so.
    """
    threshold = float(cfg.check.get("min-alignment-confidence", 0.5))
    out: dict[str, tuple[str, str, list[Unit]]] = {}
    for w in cfg.work(work):
        for ll in w.languages:
            if lang and ll != lang:
                continue
            out.setdefault(f"en-{ll}", ("en", ll, []))[2].extend(catalogue_units(w, ll))
        if w.tei_alignment.is_file():
            ol = original_language(w)
            if lang and ol != lang:
                continue
            out.setdefault(f"{ol}-en", (ol, "en", []))[2].extend(alignment_units(w, threshold))
    return dict(sorted(out.items()))


def write_memories(
    cfg: Config, out: Path, work: str | None = None, lang: str | None = None
) -> list[tuple[Path, int]]:
    """Write one TMX per pair under folder ``out`` (or to file ``out`` if it ends in .tmx)."""
    from .files import write_atomic

    mems = memories(cfg, work, lang)
    if not mems:
        raise InputError(
            cfg.pyproject,
            f"no language pair to export{f' for --lang {lang}' if lang else ''}: "
            "no catalogue language and no alignment configured",
        )
    if out.suffix.lower() == ".tmx":
        if len(mems) > 1:
            raise InputError(
                out,
                f"{len(mems)} language pairs ({', '.join(mems)}) do not fit one file; "
                "pass --lang LL or an --output folder",
            )
        targets = {next(iter(mems)): out}
    else:
        targets = {stem: out / f"{stem}.tmx" for stem in mems}
    written = []
    for stem, (src, tgt, units) in mems.items():
        write_atomic(targets[stem], tmx_bytes(units, src, tgt))
        written.append((targets[stem], len(units)))
    return written
