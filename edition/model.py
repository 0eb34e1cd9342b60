"""The in-memory document model shared by every stage.

Why a model of our own: the ingest stage produces it, the id stage fills in
permanent ids, the TEI stage serialises it, and later stages read the TEI back
into it.  Keeping it tiny (plain dataclasses, no behaviour beyond derived
views) means each stage can be tested on hand-made documents.

Shape: Document → divisions → blocks (head | p | quote) → sentences.
Offsets inside a sentence are Python string indexes into ``Sentence.text``
(the corrected reading), end-exclusive.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["head", "p", "quote", "note"]
#: How a quotation span relates to the quotation it belongs to:
#: "N" whole quotation inside this sentence, "I" initial part (opens here,
#: closes in a later sentence), "M" medial part, "F" final part.
QuotePart = Literal["N", "I", "M", "F"]


@dataclass
class QuoteSpan:
    """A quoted phrase inside one sentence (marks included in the span).

    A quotation that runs over several sentences is one ``QuoteSpan`` per
    sentence, sharing ``group`` and ordered by ``part`` (I, M…, F), so the TEI
    writer can link the pieces with ``@next``/``@prev`` instead of dropping or
    flattening them.  ``group`` is unique within a document.
    """

    start: int
    end: int
    part: QuotePart = "N"
    group: int = 0


@dataclass
class Correction:
    """An editorial correction of an extraction error.

    ``start``/``end`` locate the corrected reading in ``Sentence.text``;
    ``sic`` is what the source had (e.g. "alter native" for "alternative").
    ``rule`` names the editorial decision that accepted it (for the header).
    """

    start: int
    end: int
    sic: str
    rule: str = ""


@dataclass
class Sentence:
    """One segment: the unit of ids, translation and alignment."""

    text: str
    id: str = ""
    quotes: list[QuoteSpan] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    #: Footnote markers in this sentence: (offset in ``text``, note number); the TEI
    #: writer puts an ``anchor`` there that the ``note`` block points to.
    anchors: list[tuple[int, str]] = field(default_factory=list)
    #: Italic spans (offsets in ``text``), from the transcription's marks (``[transcription]``).
    italics: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Block:
    """A heading, a paragraph, a block quotation or a footnote.

    ``bibl`` is the citation that follows a block quotation, e.g.
    "(Trotsky 1928/1962, pp. 152-155)" — kept verbatim, outside the sentences.
    ``gap_before``/``gap_after`` mark material missing from the source
    (a lost page) at that side of the block.
    ``lines`` is the 1-based inclusive line span of the source it came from,
    for error messages and review; it is not serialised as identity.
    """

    kind: BlockKind
    sentences: list[Sentence] = field(default_factory=list)
    bibl: str | None = None
    gap_before: bool = False
    gap_after: bool = False
    #: Who says text is missing, and why: the editor's recorded reason, or
    #: empty when the reading-order reconstruction inferred it (less certain).
    gap_reason: str = ""
    #: What the editor knows is missing after the block ("the bibliography of five
    #: works"), the witness that shows it, and its extent ("5 works"); empty when unknown.
    gap_missing: str = ""
    gap_witness: str = ""
    gap_extent: str = ""
    lines: tuple[int, int] | None = None
    #: A footnote (``kind="note"``): its number and the sentence holding its marker
    #: (None when the marker was not found); it follows that sentence's block.
    n: str = ""
    host: Sentence | None = None
    #: Where the note was printed: "foot" or "end" (endnotes), TEI's ``note/@place``.
    place: str = "foot"


@dataclass
class Division:
    """A numbered section (``n`` = "1", "2", … or "0" for the untitled opening)."""

    n: str
    blocks: list[Block] = field(default_factory=list)
    #: Whether ``n`` is the number the heading prints; a running ordinal given to an
    #: unnumbered heading ("Preface") is not evidence that matches the other text's.
    printed: bool = True

    @property
    def head(self) -> Block | None:
        """The division's heading block, if it has one (always first)."""
        if self.blocks and self.blocks[0].kind == "head":
            return self.blocks[0]
        return None


@dataclass
class Metadata:
    """Bibliographic facts for the TEI header (from the editorial file and the text)."""

    title: str
    author: str
    subtitle: str = ""
    language: str = "en"
    source: str = ""
    translator: str = ""  # empty = unknown, and the header says so


@dataclass
class Document:
    """A whole edition text in one language."""

    work: str
    lang: str
    meta: Metadata
    divisions: list[Division] = field(default_factory=list)

    def blocks(self) -> Iterator[tuple[Division, Block]]:
        """Every block in document order with its division."""
        for div in self.divisions:
            for block in div.blocks:
                yield div, block

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence in document order."""
        for _div, block in self.blocks():
            yield from block.sentences

    def section_of(self) -> dict[str, str]:
        """Map sentence id → division ``n`` (for per-section reports)."""
        return {s.id: div.n for div, b in self.blocks() for s in b.sentences}
