"""Readers: a work's source as received → restored paragraphs (a ``Reassembly``).

Why a package of its own: an editor brings a text in one of several shapes
and each needs its own evidence — a PDF *text extraction* (columns out of
order: ``edition.reassemble``), the **PDF itself** (page geometry:
``readers.pdf``), a **web page** (markup: ``readers.html``) or **clean text**
already in reading order (``readers.plain``).  Every reader ends in the same
``Reassembly`` (paragraphs, furniture, joins, notes), so ingest and every
stage after it work unchanged whatever the input was.

``read_source`` dispatches on the file's extension and the work's ``layout``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..reassemble import Reassembly

#: Values of a work's ``layout`` key: decide from evidence, or say so.
LAYOUTS = ("auto", "columns", "flowing")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)


def source_kind(path: str | Path) -> str:
    """ "pdf", "html" or "text", from the file name (what a user would expect)."""
    suffix = Path(path).suffix.lower()
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_source(
    path: str | Path,
    *,
    layout: str = "auto",
    overrides: list[tuple[int, int]] | None = None,
    progress: bool = False,
) -> Reassembly:
    """Read any supported source into restored paragraphs.

    ``layout`` applies to text inputs only ("auto" decides from evidence
    whether the text is a column extraction); ``overrides`` are the editor's
    reading-order decisions for a column extraction.
    """
    kind = source_kind(path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(path, progress=progress)
    if kind == "html":
        from .html import read_html

        return read_html(path)
    from ..files import read_text
    from .plain import read_plain

    return read_plain(read_text(path, what="source text"), layout=layout, overrides=overrides)[0]
