"""Reading-order reconstruction of multi-column PDF text extractions.

Why: a magazine PDF comes out of a text extractor with its columns in the
wrong order, some columns glued to the next one, words hyphenated at line
ends and page furniture (page numbers, printer's footers, running titles)
mixed into the text.  Later stages (ingest, sentence ids, translation
catalogues) need the text in reading order, in paragraphs, with every doubt
visible to the editor.

How, in five steps:

1. **Fragments.**  Lines are cut into the smallest runs that are certainly
   continuous: a cut at every blank line, at furniture, before and after a
   numbered heading, before a line with an unexpected leading space, and
   inside an over-long line where two columns were glued (a run of spaces,
   or a sentence end followed by a lower-case word).  Cuts are cheap: a cut
   that was not needed is simply re-joined by the solver.
2. **Join scores.**  Every ordered pair (A → B) gets a log-odds that B
   directly follows A, from a conditional-logit model over evidence: a
   hyphen at A's end completed by B's first word (checked with wordfreq and
   the document's own vocabulary), sentence-end/capital agreement, open
   quotations, the document's own word and word-class bigrams across the
   join, general English word-bigram PMI across a mid-sentence join
   ("according | to", not "according | of"; Google Books counts shipped in
   the symspellpy wheel, read offline), lexical cohesion, line breaking,
   title/heading shape and how A and B sat in the input.  The weights
   (``Params.weights``) were fitted on synthetic scrambles
   (``bench/bench_reassemble.py --fit``), never on a real text's answer.
3. **Column geometry.**  A sentence that goes on across a hard cut marks a
   column break; breaks a whole number of columns apart give the column
   height H — from page furniture when the extractor emits whole columns
   between page numbers, from the input order when it writes whole columns
   in any order, else from a first solution — and line counts give each
   fragment its offset in its column (``geometry``).  A fragment ending at a column bottom continues at
   a column top, one ending at line k continues with one starting at line
   k, and input adjacency across a known break counts for little.
4. **Global order.**  A maximum-weight Hamiltonian path through the
   fragments (an asymmetric TSP with a start/end node): exact dynamic
   programming for small inputs, otherwise the assignment relaxation
   (Hungarian algorithm) with cycle patching, then or-opt repair, then a
   re-solve over blocks of mutually best joins, then a block-level repair
   that keeps numbered headings in order, then an exact (Held–Karp)
   re-ordering of the blocks between the least confident joins.  Gap nodes
   let the path break where material is missing (a fitted score, ``Params.gap``).
   Huge inputs are solved in bounded windows of the input order.  The
   solve runs twice when the first solution reveals the column geometry.
5. **Paragraphs.**  Joins become hyphen / word / sentence / paragraph / gap,
   each with a confidence calibrated on synthetic cases (``Params.conf_cal``);
   hyphenation is rejoined only when the joined word is a word; a gap is
   reported where the text proves material missing.

A glued line that holds the end of one fragment and the start of another
appears in two ``order`` ranges with the same line number (the first range
ends on it, the second starts on it); ``Reassembly.cols`` gives the character
columns that tell the two halves apart.

Modules, one concern each: ``types`` (results), ``params`` (fitted numbers with
provenance), ``lexicon`` (words, hyphen rejoin), ``layout`` (furniture, fragments,
glue), ``textclass`` (end/start classes), ``langmodel`` (bigram and character models),
``geometry`` (columns), ``features`` (pairwise evidence), ``solver`` (the path) and
``assemble`` (the pipeline, join kinds, confidences, paragraphs).
"""

from __future__ import annotations

from .assemble import Prepared, pair_features, prepare, reassemble
from .layout import find_furniture, missing_pages
from .params import DEFAULT, FEATURES, Params
from .types import Join, Paragraph, Reassembly

__all__ = [
    "DEFAULT",
    "FEATURES",
    "Join",
    "Paragraph",
    "Params",
    "Prepared",
    "Reassembly",
    "find_furniture",
    "missing_pages",
    "pair_features",
    "prepare",
    "reassemble",
]
