"""Where did a quotation go?  An alignment inside one segment, for ``quote-missing``.

Why: a translation that still quotes *something* in a segment hides a quotation
that lost its marks ("the words ‘ice’ and ‘sir’" → "le mot anglais ice, … le mot
« sir »").  Counting marks cannot say which one went; finding the source's
quoted passage in the translation can.  Across English and French, the words a
passage shares with its rendering are few but telling: names, numbers, foreign
or technical words kept as they are (craterem, pianissimo, Figaro), and
cognates (ignorance / ignorance, antiques / antiquités).  A passage is located
where those words are; it lost its marks when they all stand outside every
quotation of the translation (or, for a quotation nested in a longer one,
outside every nested quotation) while the translation marks fewer quotations
than the source.  A passage with no such anchor is not judged (nothing is
guessed from position alone).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from ..model import QuoteSpan

_WORD = re.compile(r"\w+")
#: A word kept as it is counts as an anchor when it is at least this long (or a number: "ice",
#: "sir", "1864") and not one of the target language's common words (Zipf ≥ ``COMMON``: "son",
#: "plus", "pour" are coincidences, or too frequent to place a passage).
ANCHOR_LEN = 3
COMMON = 5.0
#: Cognates: both words at least this long and sharing this many first letters (accents and
#: case ignored): ignorance / ignorance, antiques / antiquités, catalogue / catalog.
COGNATE_PREFIX = 5


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    nfd = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in nfd if not unicodedata.combining(c))


@dataclass(frozen=True)
class Located:
    """A source quotation found in the translation: the anchors (source word → the target
    word's offset) and whether every one stands outside the quotations that should hold it."""

    span: QuoteSpan
    anchors: tuple[tuple[str, int], ...]
    unmarked: bool


#: A name addressed at either end of an utterance, set off by a comma ("Come back tomorrow,
#: Marcel," / "Marcel, come back"): a translation may move it into the narration ("…, dit le
#: boulanger à Marcel") while keeping the speech quoted, so it does not place the speech.
_VOCATIVE = re.compile(
    r"^\W*(\w+)\s*,|,\s*(?:(?:my|dear|mon|ma|mes|cher|chère|mein|meine|lieber|liebe)\s+)?"
    r"(\w+)\W*$"
)


def _inner_text_words(text: str, sp: QuoteSpan, spans: list[QuoteSpan]) -> list[str]:
    """Words of a quotation, without those of the quotations nested in it, nor a name it
    addresses at either end (``_VOCATIVE``)."""
    nested = [o for o in spans if o is not sp and sp.start < o.start and o.end <= sp.end]
    called = {
        w
        for m in _VOCATIVE.finditer(text[sp.start : sp.end])
        for w in m.groups()
        if w and w[:1].isupper()
    }
    return [
        m.group()
        for m in _WORD.finditer(text, sp.start, sp.end)
        if not any(o.start <= m.start() < o.end for o in nested) and m.group() not in called
    ]


@lru_cache(maxsize=65536)
def _rare(word: str, lang: str) -> bool:
    """A number, or a word of ``ANCHOR_LEN`` letters or more that is not common in ``lang``."""
    return word.isdigit() or (
        len(word) >= ANCHOR_LEN and zipf_frequency(word, lang, wordlist="best") < COMMON
    )


class _Words:
    """A translation's words, folded, indexed by the whole word and by its first letters."""

    def __init__(self, text: str) -> None:
        self.whole: dict[str, list[int]] = {}
        self.prefix: dict[str, list[tuple[int, str]]] = {}
        for m in _WORD.finditer(text):
            f = _fold(m.group())
            self.whole.setdefault(f, []).append(m.start())
            if len(f) >= COGNATE_PREFIX:
                self.prefix.setdefault(f[:COGNATE_PREFIX], []).append((m.start(), f))

    def hits(self, word: str, lang: str) -> list[int]:
        """Offsets of the words that are ``word`` kept as it is (a rare word or a number) or a
        cognate of it (the same first ``COGNATE_PREFIX`` letters; the same word itself only when
        rare: a common word kept as it is, "moment", "question", places nothing)."""
        f = _fold(word)
        same = self.whole.get(f, []) if _rare(f, lang) else []
        near = [p for p, g in self.prefix.get(f[:COGNATE_PREFIX], []) if g != f]
        return sorted(set(same) | set(near))


def locate(
    src: str,
    spans: list[QuoteSpan],
    tgt: str,
    tgt_spans: list[QuoteSpan],
    lang: str,
    cover: list[tuple[int, int]] | None = None,
    outer: list[QuoteSpan] | None = None,
) -> list[Located]:
    """Each whole quotation of the source found in the translation by its anchors: words of the
    quotation that occur nowhere else in the source and once in the translation (kept as they
    are, or a cognate).  ``unmarked``: every anchor stands outside the translation's quotations
    that could hold it (for a nested source quotation, its nested quotations; for another, the
    stretches that quote, ``cover``: spans, and what follows a dialogue dash or a mark left
    open).  ``outer``: every quotation of the translation, also one left running on that the
    caller does not count as quoting here, as the quotations a nested one may sit in."""
    outer = tgt_spans if outer is None else outer
    src_index, tgt_words = _source_index(src), _Words(tgt)
    out = []
    for sp in spans:
        if sp.part != "N":
            continue
        nested = any(o is not sp and o.start < sp.start and sp.end <= o.end for o in spans)
        holders = (
            [
                (t.start, t.end)
                for t in outer
                if any(o is not t and o.start < t.start and t.end <= o.end for o in outer)
            ]
            if nested
            else cover
            if cover is not None
            else [(t.start, t.end) for t in tgt_spans]
        )
        words = _inner_text_words(src, sp, spans)
        anchors = _anchors(words, sp.start, sp.end, src_index, tgt_words, lang)
        if anchors:
            unmarked = all(not any(a <= p < b for a, b in holders) for _w, p in anchors)
            out.append(Located(sp, tuple(anchors), unmarked))
    return out


def anchors_of(src: str, start: int, end: int, tgt: str, lang: str) -> list[tuple[str, int]]:
    """(source word, target offset) for the words of ``src[start:end]`` that occur nowhere else
    in the source and once in the translation (kept as they are, or a cognate)."""
    words = [m.group() for m in _WORD.finditer(src, start, end)]
    return _anchors(words, start, end, _source_index(src), _Words(tgt), lang)


def _source_index(src: str) -> dict[str, list[int]]:
    """Offsets of each folded word of the source."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(src):
        index.setdefault(_fold(m.group()), []).append(m.start())
    return index


def _anchors(
    words: list[str],
    start: int,
    end: int,
    src_index: dict[str, list[int]],
    tgt_words: _Words,
    lang: str,
) -> list[tuple[str, int]]:
    """(word, target offset) for the ``words`` of ``src[start:end]`` found nowhere else in the
    source and once in the translation."""
    out = []
    for w in dict.fromkeys(words):
        if any(not start <= p < end for p in src_index.get(_fold(w), ())):
            continue
        hits = tgt_words.hits(w, lang)
        if len(hits) == 1:
            out.append((w, hits[0]))
    return out


def stretch_unmarked(
    src: str, start: int, end: int, tgt: str, cover: list[tuple[int, int]], lang: str, least: int
) -> list[tuple[str, int]]:
    """The anchors of a source stretch when at least ``least`` of them are found in the
    translation and every one stands outside the stretches it quotes (``cover``); else []."""
    found = anchors_of(src, start, end, tgt, lang)
    if len(found) < least or any(a <= p < b for _w, p in found for a, b in cover):
        return []
    return found


def lost_inside(
    src: str,
    spans: list[QuoteSpan],
    tgt: str,
    tgt_spans: list[QuoteSpan],
    lang: str,
    cover: list[tuple[int, int]] | None = None,
    outer: list[QuoteSpan] | None = None,
) -> tuple[Located, list[Located]] | None:
    """A whole quotation of the source found rendered without marks while the translation marks
    others, and the located ones that kept their marks: the source quotes at least two
    passages here, the translation fewer (but some: the caller asks that it shows quoting),
    and one located passage stands wholly outside the translation's quotations that could
    hold it.  (Asking also that another located passage be marked found one dev drop fewer
    and no fewer alarms.)"""
    whole = [sp for sp in spans if sp.part == "N"]
    if len({sp.group for sp in whole}) < 2 or len({t.group for t in tgt_spans}) >= len(
        {sp.group for sp in spans}
    ):
        return None
    found = locate(src, spans, tgt, tgt_spans, lang, cover, outer)
    marked = [x for x in found if not x.unmarked]
    lost = next((x for x in found if x.unmarked), None)
    return (lost, marked) if lost else None
