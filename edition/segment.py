"""Segment: sentence boundaries for English and French scholarly prose.

Why rules of our own instead of pysbd or NLTK's Punkt: measured on this kind
of text, pysbd ran at about 7 kB/s (a book would take minutes), split
"Cf. Lenin, vol. 2" into three and never splits inside a quotation, while a
multi-sentence quotation must give several segments (translators and the
aligner work sentence by sentence; the quotation is linked across them in the
TEI).  Punkt needs a downloaded model.  The rules below are few, explicit and
linear in the length of the text:

* a boundary candidate is sentence-final punctuation (. ! ? … and runs such as
  "?!" or "..."), optionally followed by closing marks (” ’ » " ' ) ]) and
  then whitespace;
* the next sentence must start with an upper-case letter or a digit,
  possibly after opening marks (“ ‘ « „ " ( [);
* no boundary after a known abbreviation ("pp.", "ibid.", "cf.", "M." …,
  plus the work's own ``no_break_after`` list from the editorial file), after
  a single capital initial ("E. H. Carr"), or before a digit when the word
  before the stop is an abbreviation ("p. 25");
* a parenthesised citation right after a sentence — “…end.” (ibid., p.22) —
  belongs to that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import ABBREVIATIONS, NUMERIC_ABBREVIATIONS

_FINAL = r"(?:[.!?…]+)"
_CLOSE = "”’»\"')]\u00a0\u202f"
_OPEN = "“‘«„\"'(["
#: Candidate boundary: final punctuation, closing marks, then whitespace.
_CANDIDATE = re.compile(
    _FINAL + r"(?:[\u00a0\u202f ]?[»›]|[" + re.escape(_CLOSE) + "])*" + r"(?=\s)"
)
#: A section or list number at the very start of a paragraph: "1.", "12.", "IV.".
_ENUMERATOR = re.compile(r"\s*(?:\d{1,2}|[IVXLC]{1,6})\.\s*$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.+$")
#: A parenthesised citation: has a number (page, year) or "ibid"/"op. cit".
_CITATION_AHEAD = re.compile(r"\((?=[^()]*(?:\d|[Ii]bid|op\. ?cit))[^()]{1,120}\)[.;,]?(?=\s|$)")


def _next_start(text: str, i: int) -> int | None:
    """Index of the first character of the next sentence after whitespace at ``i``, if it can start one."""
    n = len(text)
    while i < n and text[i].isspace():
        i += 1
    j = i
    while j < n and (text[j] in _OPEN or (j > i and text[j] in " \u00a0\u202f")):
        j += 1
    if j < n and (text[j].isupper() or text[j].isdigit()):
        return i
    return None


def _is_abbreviation(before: str, lang: str, extra: frozenset[str], after: str) -> bool:
    """True when the text before a full stop ends with an abbreviation or an initial.

    ``before`` is a short window ending with the stop (never the whole text:
    scanning the whole prefix at every candidate would be quadratic).
    """
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "E. H. Carr", "M. Dupont"
    low = word.lower()
    if low in NUMERIC_ABBREVIATIONS:
        return bool(re.match(r"\d|[IVXLCM]+\b", after))  # "p. 25", "t. II" — not "No. It"
    return low in ABBREVIATIONS.get(lang, ABBREVIATIONS["en"]) or low in extra or word in extra


def _boundaries(text: str, lang: str, extra: frozenset[str]) -> Iterable[int]:
    """Offsets where a new sentence starts (after the whitespace)."""
    for m in _CANDIDATE.finditer(text):
        punct = m.group(0)
        ahead = m.end()
        while ahead < len(text) and text[ahead].isspace():
            ahead += 1
        cite = _CITATION_AHEAD.match(text, ahead)
        if cite:
            # “…end.” (ibid., p.22) belongs to the sentence it documents;
            # if a new sentence follows the citation directly, it starts there.
            if text[cite.end() - 1] == ")":
                after = _next_start(text, cite.end())
                if after is not None:
                    yield after
            continue
        start = _next_start(text, m.end())
        if start is None:
            continue
        if _ENUMERATOR.match(text, 0, m.end()):
            continue  # "1. The opposition …", "IV. Conclusion": a heading number, not a sentence
        if (
            punct.startswith(".")
            and not punct.startswith("..")
            and _is_abbreviation(
                text[max(0, m.start() - 40) : m.start() + 1], lang, extra, text[start : start + 12]
            )
        ):
            continue
        yield start


def sentence_spans(
    text: str, lang: str = "en", *, no_break_after: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one paragraph, whitespace trimmed, in order.

    Every non-space character of ``text`` lies in exactly one span, so the
    sentences can be concatenated back into the paragraph (nothing is lost).
    """
    extra = frozenset(a.rstrip(".") for a in no_break_after) | frozenset(
        a.rstrip(".").lower() for a in no_break_after
    )
    starts = [0, *_boundaries(text, lang, extra), len(text)]
    spans = []
    for a, b in zip(starts, starts[1:]):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return spans


def split_sentences(
    text: str, lang: str = "en", *, no_break_after: Iterable[str] = ()
) -> list[str]:
    """The sentences of one paragraph as strings."""
    return [text[a:b] for a, b in sentence_spans(text, lang, no_break_after=no_break_after)]


def segment_text(text: str, lang: str = "en") -> list[list[str]]:
    """Paragraphs (separated by blank lines) → lists of sentences.

    Lines inside a paragraph are joined with a space: the input of this
    verb is running text, not a PDF extraction (use ``reassemble`` first).
    """
    out = []
    for para in re.split(r"\n\s*\n", text):
        joined = re.sub(r"\s+", " ", para).strip()
        if joined:
            out.append(split_sentences(joined, lang))
    return out
