"""Corrections: propose fixes for extraction typos; apply only what the editor accepted.

Why two steps: a PDF extraction splits words ("alter native", "stil l",
"con front") and a tool that silently rewrites text would sometimes be wrong
("any one", "in to" are legitimate English).  So the build *proposes*
(with its evidence) and the editor *accepts* by listing the pair in the
work's editorial file; accepted corrections are encoded in the TEI as
``choice/sic/corr`` so the reading of the source stays visible.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from .model import Correction

#: A join must be at least this frequent (Zipf scale) to be proposed from the lexicon alone.
MIN_JOINED_ZIPF = 3.0
#: Parts this frequent on their own are both ordinary words; joining them needs
#: the document's own evidence ("in to" → "into" is not a typo by itself).
COMMON_WORD_ZIPF = 5.5
#: Single letters that are words on their own.
_WORD_LETTERS = {"en": {"a", "i", "A", "I"}, "fr": {"a", "à", "y", "A", "Y"}}


@dataclass(frozen=True)
class Proposal:
    """A suggested correction with the evidence for it (shown in the build report)."""

    sic: str
    corr: str
    reason: str
    confidence: float


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    return zipf_frequency(word, lang)


def _lonely_rare_part(
    left: str, right: str, zl: float, zr: float, vocabulary: Counter[str] | None
) -> bool:
    """A part that is uncommon in the language and appears only here in the document."""
    if vocabulary is None:
        return False
    return any(z < 4.5 and vocabulary.get(w.lower(), 0) <= 1 for w, z in ((left, zl), (right, zr)))


def judge_split(
    left: str, right: str, lang: str, vocabulary: Counter[str] | None = None
) -> Proposal | None:
    """Is "left right" a word broken in two by the extraction?  Return a proposal or None.

    Evidence, strongest first: the joined word occurs elsewhere in the
    document while the pair looks broken; a part is a stray letter or not a
    word at all; the joined word is common in the language's lexicon.
    """
    joined = left + right
    low = joined.lower()
    zj = _zipf(low, lang)
    zl, zr = _zipf(left.lower(), lang), _zipf(right.lower(), lang)
    in_doc = bool(vocabulary and vocabulary.get(low, 0) > 0)
    if zj < MIN_JOINED_ZIPF and not in_doc:
        return None
    letters = _WORD_LETTERS.get(lang, _WORD_LETTERS["en"])
    stray = (len(left) == 1 and left not in letters) or (len(right) == 1 and right not in letters)
    non_word = min(zl, zr) < 1.5
    if min(zl, zr) >= COMMON_WORD_ZIPF:
        return None
    if right[:1].isupper():
        return None  # "New York", "Le Monde": a capital starts a new word
    if stray or non_word:
        reason = "a part is not a word on its own"
        conf = 0.9 if zj >= MIN_JOINED_ZIPF else 0.7
    elif in_doc:
        reason = "the joined word occurs elsewhere in the text"
        conf = 0.75
    elif _lonely_rare_part(left, right, zl, zr, vocabulary):
        reason = "a rare part occurs nowhere else in the text"
        conf = 0.5
    else:
        return None
    return Proposal(sic=f"{left} {right}", corr=joined, reason=reason, confidence=conf)


def propose_corrections(
    text: str, lang: str = "en", vocabulary: Counter[str] | None = None
) -> list[Proposal]:
    """Every word pair in ``text`` that looks like one word split by the extraction."""
    out: dict[str, Proposal] = {}
    # Pairs overlap ("a b c" gives "a b" and "b c"): slide over the words.
    words = list(re.finditer(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", text))
    for a, b in zip(words, words[1:]):
        if text[a.end() : b.start()] != " " or not (a.group(0).isalpha() and b.group(0).isalpha()):
            continue
        p = judge_split(a.group(0), b.group(0), lang, vocabulary)
        if p and p.sic not in out:
            out[p.sic] = p
    return [out[k] for k in sorted(out)]


def apply_corrections(
    text: str, accepted: list[tuple[str, str]] | tuple[tuple[str, str], ...]
) -> tuple[str, list[Correction]]:
    """Apply the editor's accepted ``(sic, corr)`` pairs at word boundaries.

    Returns the corrected text and one ``Correction`` per replacement, with
    offsets into the *corrected* text (what the TEI ``corr`` will hold).
    Matches are taken left to right and never overlap; spaces inside ``sic``
    match any run of spaces (the extraction's justification).
    """
    hits: list[tuple[int, int, str, str]] = []
    for sic, corr in accepted:
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(part) for part in sic.split()) + r"(?!\w)"
        hits.extend((m.start(), m.end(), m.group(0), corr) for m in re.finditer(pattern, text))
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[str] = []
    corrections: list[Correction] = []
    pos = 0
    for start, end, sic, corr in hits:
        if start < pos:
            continue
        out.append(text[pos:start])
        new_start = sum(len(x) for x in out)
        out.append(corr)
        corrections.append(
            Correction(new_start, new_start + len(corr), sic, rule=f"{sic} → {corr}")
        )
        pos = end
    out.append(text[pos:])
    return "".join(out), corrections
