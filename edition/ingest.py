"""Ingest: text as received → the in-memory ``Document``.

Why a stage of its own: reading order (``reassemble``) and sentence boundaries
(``segment``) are generic; this stage applies the *editorial* layer on top —
title block to metadata, numbered headings to divisions, block quotations and
their citations, accepted corrections, missing text — and records what it
decided (notes, proposals) so the build report can show the editor exactly
what to review.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .corrections import Proposal, apply_corrections, propose_corrections
from .editorial import Editorial
from .files import InputError
from .model import Block, BlockKind, Correction, Division, Document, Metadata, QuoteSpan, Sentence
from .quotes import paragraph_opener, quote_spans, read_quotations
from .reassemble import Paragraph, Reassembly
from .segment import sentence_spans
from .text import NUMBERED_HEADING_RE, OPENING_QUOTE_MARKS, collapse_space, loose_key, quote_pairs

#: A chapter heading of a novel: "CHAPTER IV.", "Chapter 12: …", "CHAPITRE III", or a bare
#: roman numeral standing alone as a paragraph ("IV"), as French editions print them.
CHAPTER_RE = re.compile(
    r"^(?:(?:CHAPTER|Chapter|CHAPITRE|Chapitre)\s+([IVXLC]{1,7}|\d{1,3})\b|([IVXLC]{1,7})\.?$)"
)
#: A citation closing a block quotation: "(Trotsky 1928/1962, pp. 152-155)." or "(ibid., p.25)".
TRAILING_CITATION_RE = re.compile(r"\s*(\([^()]{2,120}\)[.;,]?)\s*$")
#: What makes a trailing parenthesis a reference (block-quotation evidence): a number (year,
#: page, chapter) or a locator ("ibid.", "op. cit."); "(bis.)" after a sung line is not one.
CITATION_LOCATOR_RE = re.compile(r"\d|\b(?:ibid|ibidem|id|op\. ?cit|loc\. ?cit)\b", re.IGNORECASE)
#: Confidence below which a reading-order join is reported for review.
REVIEW_CONFIDENCE = 0.5


@dataclass
class IngestResult:
    """The document plus everything the editor should see about how it was made."""

    doc: Document
    reassembly: Reassembly
    proposals: list[Proposal] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: how the source was read (layout decision, reader), for the build report
    reading: str = ""
    #: source lines removed as page furniture, (1-based line, text), for the build report
    furniture: list[tuple[int, str]] = field(default_factory=list)


def split_title_block(
    paragraphs: list[Paragraph], meta: dict[str, str]
) -> tuple[list[Paragraph], list[str]]:
    """Remove the title/author/subtitle lines, wherever reading order put them.

    Returns the remaining paragraphs and the removed texts (reported).  Why
    by matching the editorial metadata: a title block is bibliographic data
    for the TEI header, not a segment to translate; matching against what
    the editor recorded avoids guessing which short line is the author.
    """
    keys = {loose_key(v) for k, v in meta.items() if k in ("title", "author", "subtitle") and v}
    if not keys:
        return paragraphs, []
    kept, removed = [], []
    for p in paragraphs:
        if loose_key(p.text) in keys:
            removed.append(collapse_space(p.text))
        else:
            kept.append(p)
    return kept, removed


def heading_number(text: str, is_heading_shape: bool) -> str | None:
    """The section number if ``text`` is a numbered heading, else None.

    A heading is short and does not end like a sentence; "1917. The" at the
    start of a body paragraph must not become a heading.
    """
    c = CHAPTER_RE.match(text)
    if c and len(text) < 160:
        num = c.group(1) or c.group(2)
        return num if num.isdecimal() else str(roman_value(num))
    m = NUMBERED_HEADING_RE.match(text)
    if not m:
        return None
    if is_heading_shape or (len(text) < 160 and not text.rstrip().endswith((".", ":", ";"))):
        return m.group(1)
    return None


def roman_value(numeral: str) -> int:
    """The value of a roman numeral ("XIV" → 14); divisions are numbered in arabic in the TEI."""
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for ch, nxt in zip(numeral, [*numeral[1:], ""]):
        v = vals[ch]
        total += -v if nxt and vals[nxt] > v else v
    return total


#: Opening marks of a turn of dialogue: a quotation mark, or a dash followed by a space
#: (French, Spanish, Russian dialogue: "— Pas encore.").
DIALOGUE_DASHES = ("— ", "– ", "—\u00a0", "–\u00a0", "—\u202f", "–\u202f")


def opens_turn(text: str) -> bool:
    """True if a paragraph opens like a turn of dialogue (a quotation mark or a dialogue dash)."""
    text = text.lstrip()
    return bool(text) and (text[0] in OPENING_QUOTE_MARKS or text.startswith(DIALOGUE_DASHES))


def has_dialogue(paragraphs: list[str]) -> bool:
    """True if the text carries dialogue: two successive paragraphs both open as turns.

    Why this is the evidence: in a novel, speech is written one turn per
    paragraph, so quoted paragraphs follow one another ("Runic?" / "Yes. Do
    you want me to explain…"); an essay's block quotations stand between the
    lead-in that introduces them and the argument that resumes after them.
    In a text with dialogue a wholly quoted paragraph is a turn of speech
    (a ``p`` whose quotation is marked ``q``), not a block quotation, unless
    something else sets it off (a citation, the layout).
    """
    turns = [opens_turn(t) for t in paragraphs]
    return any(a and b for a, b in zip(turns, turns[1:]))


def block_quotation(
    text: str, previous: str | None, lang: str = "en", dialogue: bool = False
) -> tuple[str, str | None] | None:
    """If the paragraph is a block quotation, return (quoted text, citation or None).

    A block quotation is a quotation *set off* from the text: the paragraph
    opens with a quotation mark, that quotation closes only at the
    paragraph's end (before an optional citation: a parenthesis that names a
    number or a locator, ``CITATION_LOCATOR_RE``), and either a citation
    follows it or it is introduced by a lead-in ending with a colon in a text
    without dialogue (``has_dialogue``).  Why not "runs over more than one
    sentence": a turn of dialogue often does, and a novel's speech is not a
    block quotation; why conservative at all: a paragraph that merely
    *starts* with a short quotation (“Marxism”, writes Trotsky, …) is
    ordinary prose.  Layout evidence (an indented block in a PDF, a
    ``blockquote`` in a web page) is read by the readers, not here.
    """
    if not text or text[0] not in OPENING_QUOTE_MARKS:
        return None
    body, bibl = text, None
    m = TRAILING_CITATION_RE.search(text)
    if m and m.start() > 0 and CITATION_LOCATOR_RE.search(m.group(1)):
        body, bibl = text[: m.start()].rstrip(), m.group(1)
    spans = quote_spans([body], lang)[0]
    outer = [s for s in spans if s.start == 0]
    if not outer:
        return None
    end = max(s.end for s in outer)
    tail = body[end:].strip()
    if tail not in ("", ".", ",", ";") and not (outer[0].part == "I" and end == len(body)):
        return None
    if bibl is not None:
        return body, bibl
    introduced = previous is not None and previous.rstrip().endswith(":")
    if not introduced or dialogue:
        return None
    return body, None


def italic_spans(text: str, mark: str) -> tuple[str, list[tuple[int, int]]]:
    """Remove a transcription's italic marks ("_Heims-Kringla_"); return the text and the spans.

    A pair counts only as marks: the opening one starts a word (not inside
    one, as in "2000_00_00"), the closing one ends a word, both in the same
    paragraph.  Anything else stays text, as received.
    """
    if not mark:
        return text, []
    m = re.escape(mark)
    pattern = re.compile(rf"(?<![\w{m}]){m}(?=[^\s{m}])(.+?)(?<=[^\s{m}]){m}(?![\w{m}])")
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = length = 0
    for hit in pattern.finditer(text):
        out.append(text[pos : hit.start()])
        length += hit.start() - pos
        spans.append((length, length + len(hit.group(1))))
        out.append(hit.group(1))
        length += len(hit.group(1))
        pos = hit.end()
    out.append(text[pos:])
    return "".join(out), spans


def through_corrections(
    spans: list[tuple[int, int]], corrections: list[Correction]
) -> list[tuple[int, int]]:
    """Spans in the text before the accepted corrections → spans in the corrected text."""

    def move(x: int, end: bool) -> int:
        delta = 0
        for c in sorted(corrections, key=lambda c: c.start):
            raw_start = c.start - delta
            raw_end = raw_start + len(c.sic)
            if x <= raw_start:
                return x + delta
            if x < raw_end:  # inside a corrected stretch: take all of it
                return c.end if end else c.start
            delta += (c.end - c.start) - len(c.sic)
        return x + delta

    return [(move(a, False), move(b, True)) for a, b in spans]


def matching_decisions(text: str, editorial: Editorial, used: dict[int, int]) -> list[int]:
    """The ``[[blocks]]`` decisions whose ``starts`` opens this paragraph, each counted in ``used``.

    Every match is counted (not only the first), so two decisions naming
    the same paragraph are refused rather than one silently winning.
    """
    hits = [k for k, d in enumerate(editorial.blocks) if text.startswith(d.starts)]
    for k in hits:
        used[k] = used.get(k, 0) + 1
    if len(hits) > 1:
        first, second = editorial.blocks[hits[0]], editorial.blocks[hits[1]]
        raise InputError(
            editorial.path,
            f"[[blocks]] starts = {second.starts!r} and the decision at line {first.line} "
            f"(starts = {first.starts!r}) both match the paragraph starting "
            f"{text[:60]!r}; make each starts name one paragraph",
            line=second.line,
        )
    return hits


def block_decision(
    text: str, editorial: Editorial, used: dict[int, int]
) -> tuple[BlockKind, str, str | None] | None:
    """(kind, body, citation) when a ``[[blocks]]`` decision names this paragraph, else None.

    Why an editorial key: the evidence ``block_quotation`` reads (a citation,
    a colon lead-in, dialogue around) cannot see indentation lost in a text
    extraction, and a reader's layout can be wrong; the editor who can see
    the page settles it, so the decision comes before the reader's kind.
    ``used`` counts the paragraphs each decision matched (each must match
    exactly one).
    """
    hits = matching_decisions(text, editorial, used)
    if not hits:
        return None
    d = editorial.blocks[hits[0]]
    if d.kind == "p":
        return "p", text, None
    m = TRAILING_CITATION_RE.search(text)
    if m and m.start() > 0 and CITATION_LOCATOR_RE.search(m.group(1)):
        return "quote", text[: m.start()].rstrip(), m.group(1)
    return "quote", text, None


def make_sentences(
    text: str,
    corrections: list[Correction],
    lang: str,
    abbreviations: tuple[tuple[str, str], ...],
    italics: list[tuple[int, int]] | None = None,
) -> list[Sentence]:
    """Split a block's (corrected) text into sentences, moving corrections and italics into them.

    An italic span that runs over a sentence boundary is cut there (one
    ``hi`` per sentence, as the TEI's ``s`` elements cannot overlap it).
    """
    out: list[Sentence] = []
    for start, end in sentence_spans(text, lang, abbreviations=abbreviations):
        inside = [
            Correction(c.start - start, c.end - start, c.sic, c.rule)
            for c in corrections
            if c.start >= start and c.end <= end
        ]
        hi = [
            (max(a, start) - start, min(b, end) - start)
            for a, b in italics or []
            if max(a, start) < min(b, end)
        ]
        out.append(Sentence(text=text[start:end], corrections=inside, italics=hi))
    return out


def place_anchors(sentences: list[Sentence], anchors: list[tuple[int, str]], shift: int) -> None:
    """Put footnote markers (paragraph offsets) into the sentences that hold them.

    ``shift``: how much shorter the corrected text is than the text as
    received; a marker after a correction moves back by it (near enough:
    markers follow words, corrections mend words).
    """
    if not anchors or not sentences:
        return
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s.text) + 1  # sentences are separated by one space in the block text
    for off, n in anchors:
        off = max(0, off - max(0, shift))
        k = max(i for i, st in enumerate(starts) if st <= off or i == 0)
        sent = sentences[k]
        sent.anchors.append((min(len(sent.text), max(0, off - starts[k])), n))


def note_block(note, host: Block | None, lang: str, abbreviations) -> Block:
    """A footnote as a block of its own segments, after the block holding its marker."""
    sentence = None
    if host is not None:
        sentence = next(
            (s for s in host.sentences if any(n == note.n for _o, n in s.anchors)), None
        )
    return Block(
        kind="note",
        sentences=make_sentences(collapse_space(note.text), [], lang, abbreviations),
        n=str(note.n),
        host=sentence,
        place=note.place,
    )


def _division_number(heading: str, doc: Document) -> tuple[str, bool]:
    """A division number for a heading the layout shows but that has no "1." of its own.

    The heading's own number ("CHAPTER 2", "Part IV") when it has one and
    it is free, else the next free ordinal; the flag says which (only a
    printed number may pair the heading with the other text's).
    """
    used = {d.n for d in doc.divisions}
    m = re.search(r"\b(\d{1,3}|[IVXLC]{1,7})\b\W*$", heading)
    if m and m.group(1) not in used:
        return m.group(1), True
    k = len(doc.divisions)
    while str(k) in used:
        k += 1
    return str(k), False


def mark_quotations(
    sentences: list[Sentence],
    lang: str,
    first_group: int,
    drop_outer: bool,
    runs_on: str = "",
    resumes: bool = False,
) -> tuple[int, bool]:
    """Attach quotation spans to the sentences of one block; return the next free group number
    and whether a quotation runs on into the next paragraph (``read_quotations``).

    ``drop_outer``: in a block quotation the marks around the whole block are
    already expressed by ``<quote>``; marking them again as ``<q>`` would
    double-encode the same quotation.  ``runs_on``: the mark the next paragraph
    opens with; a quotation of that mark left open here is a speech running
    over paragraphs (each re-opened, only the last closed) and is quoted to
    this block's end rather than left unmarked (French may open the next one
    with » instead, the guillemet de suite).  ``resumes``: this block opens
    with a guillemet de suite, continuing a quotation of an earlier paragraph.
    """
    spans, ran_on = read_quotations([s.text for s in sentences], lang, runs_on, resumes)
    groups: dict[int, list[tuple[int, QuoteSpan]]] = {}
    for i, row in enumerate(spans):
        for sp in row:
            groups.setdefault(sp.group, []).append((i, sp))
    mapping: dict[int, int] = {}
    nxt = first_group
    for g in sorted(groups):
        members = groups[g]
        if (
            drop_outer
            and members[0][0] == 0
            and members[0][1].start == 0
            and members[-1][0] == len(sentences) - 1
        ):
            last_i, last = members[-1]
            if last.end >= len(sentences[last_i].text.rstrip(" .;,")):
                continue
        mapping[g] = nxt
        nxt += 1
    for i, row in enumerate(spans):
        sentences[i].quotes = [
            QuoteSpan(sp.start, sp.end, sp.part, mapping[sp.group])
            for sp in row
            if sp.group in mapping
        ]
    return nxt, ran_on


def document_vocabulary(paragraphs: list[Paragraph]) -> Counter[str]:
    """Word counts of the whole text: the document's own lexicon for typo proposals."""
    words: Counter[str] = Counter()
    for p in paragraphs:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", p.text))
    return words


def apply_gap_decisions(doc: Document, editorial: Editorial) -> list[str]:
    """Mark the editor's recorded gaps (``[[gaps]]``) and return notes for the report.

    Why located by text, not line number: the decision must survive a change
    of reading order; a phrase that no longer occurs is an error, not a
    silently dropped decision.
    """
    notes = []
    for g in editorial.gaps:
        hit = None
        for _div, block in doc.blocks():
            if g.after in " ".join(s.text for s in block.sentences):
                hit = block
        if hit is None:
            raise InputError(
                editorial.path or Path("editorial.toml"),
                f"[[gaps]] after = {g.after!r}: no paragraph contains this text; quote the words just before the missing material",
            )
        hit.gap_after = True
        hit.gap_reason = g.reason
        hit.gap_missing, hit.gap_witness, hit.gap_extent = g.missing, g.witness, g.extent
        what = f"not in the source: {g.missing}" + (f" (shown by {g.witness})" if g.witness else "")
        notes.append(
            f"Gap recorded by the editor after “{g.after}”: "
            + (f"{g.reason}; {what}" if g.missing else g.reason)
        )
    return notes


def ingest(
    text: str | None,
    editorial: Editorial,
    *,
    work: str,
    lang: str = "en",
    layout: str = "auto",
    source: Reassembly | None = None,
) -> IngestResult:
    """Turn a received text into a Document (ids not yet assigned).

    Steps: restore reading order and paragraphs; lift the title block into
    the metadata; propose typo corrections and apply the accepted ones;
    start a division at each numbered heading; recognise block quotations
    and their citations; split sentences; mark quotations; carry gaps.
    ``text`` is a text source (a column extraction or clean text, told
    apart by ``layout``, see ``readers.plain``); ``source`` the paragraphs a
    reader already restored (a PDF, a web page) instead.
    """
    reading = ""
    if source is not None:
        r = source
    else:
        from .readers.plain import read_plain

        r, how = read_plain(
            text or "", layout=layout, overrides=[(o.after, o.next) for o in editorial.order]
        )
        reading = how.describe()
    meta_in = editorial.metadata
    paragraphs, title_lines = split_title_block(list(r.paragraphs), meta_in)
    # a PDF's title block (larger, centred, above the columns) is known from the layout
    title_lines += [collapse_space(p.text) for p in paragraphs if getattr(p, "kind", "") == "title"]
    paragraphs = [p for p in paragraphs if getattr(p, "kind", "") != "title"]
    notes: list[str] = []
    if title_lines:
        notes.append("Title block moved to the header: " + " / ".join(title_lines))
    for o in editorial.order:
        notes.append(
            f"Reading order forced by the editor: line {o.after} → line {o.next} ({o.reason})"
        )
    if r.missing_pages:
        notes.append(
            "Page number(s) "
            + ", ".join(map(str, r.missing_pages))
            + " missing from the extraction's page "
            "furniture: text may be lost where no join shows it; check against the printed source"
        )
    for j in r.joins:
        if j.confidence < REVIEW_CONFIDENCE:
            a = r.order[j.after]
            nxt = f"line {r.order[j.after + 1][0]}" if j.after + 1 < len(r.order) else "the end"
            notes.append(
                f"Review reading order: join of source lines {a[0]}–{a[1]} to {nxt} ({j.kind}), confidence {j.confidence:.2f}"
            )
    vocab = document_vocabulary(paragraphs)
    accepted = list(editorial.corrections)
    accepted_sics = {s for s, _ in accepted}
    proposals: list[Proposal] = []

    meta = Metadata(
        title=meta_in.get("title", "") or (title_lines[0] if title_lines else work),
        author=meta_in.get("author", ""),
        subtitle=meta_in.get("subtitle", ""),
        language=lang,
        source=meta_in.get("source", ""),
        translator=meta_in.get("translator", ""),
    )
    doc = Document(work=work, lang=lang, meta=meta, divisions=[Division(n="0")])
    # footnotes (PDF, web page): each follows the block that holds its marker
    notes_after: dict[int, list] = {}
    src_paras = list(r.paragraphs)
    for note in getattr(r, "notes", []):
        host = src_paras[note.paragraph] if 0 <= note.paragraph < len(src_paras) else None
        notes_after.setdefault(id(host) if host is not None else 0, []).append(note)
    group = n_italics = 0
    used: dict[int, int] = {}  # [[blocks]] entry → paragraphs it matched
    dialogue = has_dialogue([p.text for p in paragraphs])
    previous_text: str | None = None
    previous_block: Block | None = None
    carried = False  # the previous paragraph's quotation runs on into this one
    for at, p in enumerate(paragraphs):
        raw, italics = italic_spans(collapse_space(p.text), editorial.italic_mark)
        if not raw:
            continue
        n_italics += len(italics)
        for prop in propose_corrections(raw, lang, vocabulary=vocab):
            if prop.sic not in accepted_sics:
                proposals.append(prop)
        fixed, corrections = apply_corrections(raw, accepted)
        italics = through_corrections(italics, corrections)
        known = getattr(p, "kind", None)  # a PDF or web page says what the block is
        n = heading_number(fixed, p.heading or known == "head")
        kind: BlockKind
        bibl: str | None
        if n is not None or known == "head":
            if hits := matching_decisions(fixed, editorial, used):
                d = editorial.blocks[hits[0]]
                raise InputError(
                    editorial.path,
                    f"[[blocks]] starts = {d.starts!r}: {fixed[:60]!r} is a heading, not a "
                    "paragraph; [[blocks]] sets running text or block quotations: quote the "
                    "opening words of a paragraph",
                    line=d.line,
                )
            if n is not None:
                doc.divisions.append(Division(n=n))
            else:
                number, printed = _division_number(fixed, doc)
                doc.divisions.append(Division(n=number, printed=printed))
            kind, body, bibl = "head", fixed, None
        elif (decided := block_decision(fixed, editorial, used)) is not None:
            kind, body, bibl = decided
        elif known == "quote":
            m = TRAILING_CITATION_RE.search(fixed)
            if m and m.start() > 0:
                kind, body, bibl = "quote", fixed[: m.start()].rstrip(), m.group(1)
            else:
                kind, body, bibl = "quote", fixed, None
        else:
            bq = block_quotation(fixed, previous_text, lang, dialogue) if known is None else None
            if bq is not None:
                kind, (body, bibl) = "quote", bq
            else:
                kind, body, bibl = "p", fixed, None
        block = Block(
            kind=kind,
            sentences=make_sentences(
                body,
                [c for c in corrections if c.end <= len(body)],
                lang,
                editorial.abbreviations_for(lang),
                italics,
            ),
            bibl=bibl,
            # one loss, one <gap>: reassembly marks both sides of a lost page
            gap_before=p.gap_before
            and not (previous_block is not None and previous_block.gap_after),
            gap_after=p.gap_after,
            lines=(p.ranges[0][0], p.ranges[-1][1]) if p.ranges else None,
        )
        place_anchors(block.sentences, getattr(p, "anchors", []), len(raw) - len(fixed))
        after = paragraphs[at + 1].text.lstrip() if at + 1 < len(paragraphs) else ""
        opener = paragraph_opener(body, lang)
        runs_on = paragraph_opener(after, lang) if kind == "p" else ""
        # a guillemet de suite continues only a quotation the paragraph before left open
        resumes = carried and kind == "p" and bool(opener) and opener not in quote_pairs(lang)
        group, ran_on = mark_quotations(
            block.sentences,
            lang,
            group,
            drop_outer=(kind == "quote"),
            runs_on=runs_on,
            resumes=resumes,
        )
        carried = kind == "p" and ran_on
        doc.divisions[-1].blocks.append(block)
        previous_text, previous_block = fixed, block
        for note in notes_after.pop(id(p), []):
            doc.divisions[-1].blocks.append(
                note_block(note, block, lang, editorial.abbreviations_for(lang))
            )
    for left in notes_after.values():  # markers not found in the text: notes at the end
        for note in left:
            doc.divisions[-1].blocks.append(
                note_block(note, None, lang, editorial.abbreviations_for(lang))
            )
    if not doc.divisions[0].blocks:
        doc.divisions.pop(0)
    for k, decision in enumerate(editorial.blocks):
        if used.get(k, 0) != 1:
            raise InputError(
                editorial.path,
                f"[[blocks]] starts = {decision.starts!r} matches {used.get(k, 0)} paragraphs; "
                "quote the opening words of exactly one paragraph",
                line=decision.line,
            )
        notes.append(
            f"Block set by the editor: the paragraph starting “{decision.starts}” is "
            f"{'a block quotation' if decision.kind == 'quote' else 'running text'} ({decision.reason})"
        )
    if n_italics:
        notes.append(
            f"Italics: {n_italics} passage(s) the transcription marks with "
            f'{editorial.italic_mark}…{editorial.italic_mark} are encoded as hi rend="italic", '
            f"the marks removed (editorial decision: {editorial.italic_reason})"
        )
    notes.extend(apply_gap_decisions(doc, editorial))
    return IngestResult(doc=doc, reassembly=r, proposals=proposals, notes=notes, reading=reading)
