"""Segment: sentence boundaries for English and French scholarly prose.

Why rules of our own instead of pysbd or NLTK's Punkt: measured on this kind
of text, pysbd runs at a few kB/s (a book would take minutes), splits
"Cf. Lenin, vol. 2" into three and never splits inside a quotation, while a
multi-sentence quotation must give several segments (translators and the
aligner work sentence by sentence; the quotation is linked across them in the
TEI).  Punkt needs a downloaded model.  ``bench/bench_segment.py`` measures
these rules against pysbd and a Moses-style splitter on the TransRead gold.
The rules are few, explicit and linear in the length of the text:

* a boundary candidate is sentence-final punctuation (. ! ? … and runs such as
  "?!" or "...", a spaced ellipsis ". . .", an omission mark "[...]"),
  optionally followed by closing marks (” ’ » " ' ) ]) and a note call ("[3]",
  "¹"), then whitespace;
* the next sentence must start with an upper-case letter or a digit, possibly
  after opening marks (“ ‘ « „ " ( [) or a dialogue dash ("… fini. — Et
  vous ?");
* abbreviations come in classes, kept as data (``edition/data/
  abbreviations-LANG.toml``) and extended or overridden per work in the
  editorial file: *title* ("Dr. Lee", "Mt. Rainier": never before a name),
  *numeric* ("p. 25", "N°. 12": only before a number, so "No. It was" ends a
  sentence), *inner* ("cf.", "e.g.": never ends a sentence) and *ends*
  ("etc.", "a.m.", "U.S.": ends a sentence only before a word that starts
  sentences — "… in the U.S. The …" but "the U.K. Parliament");
* a single capital letter is an initial ("John F. Kennedy", "M. Dupont"),
  except the English pronoun after a lower-case word ("you and I. Then");
* list items run into one line are split at their markers when the markers
  count up ("1. Apples 2. Pears", "1.) …", "a. … b. …", "• 3. … • 4. …") and
  the first one opens the paragraph, follows a colon or a bullet;
* a parenthesised citation right after a sentence — “…end.” (ibid., p.22) —
  belongs to that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .text import Abbreviations, language_abbreviations


@lru_cache(maxsize=64)
def _work_abbreviations(lang: str, overrides: tuple[tuple[str, str], ...]) -> Abbreviations:
    return language_abbreviations(lang).with_overrides(overrides)


_CLOSE = "”’»\"')]\u00a0\u202f"
_OPEN = frozenset("“‘«„\"'([")
#: A dialogue dash opens a sentence only when a space follows it ("— Et vous ?", not "—Come").
_DASHES = frozenset("—–―-")
_SPACES = frozenset(" \u00a0\u202f")
_LEADING = frozenset("“‘«„\"'([{—–-\u00a0\u202f")
_BULLET = re.compile("[•▪‣◦⁃∙]")
#: Candidate boundary: final punctuation (a run such as "?!" or "...", a spaced ellipsis
#: ". . ."), closing marks, an attached note call, then whitespace.  The pattern starts
#: with one character class so that the regex engine can skip quickly to candidates; a
#: candidate starting with "]" only counts when it closes an omission mark "[...]".
_CANDIDATE = re.compile(
    r"[.!?…\]][.!?…]*(?:[ \u00a0]\.)*(?:[\u00a0\u202f ]?[»›]|["
    + re.escape(_CLOSE)
    + r"])*(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)?(?=\s)"
)
#: An omission mark "[...]", "[... ]", "[…]", "[. . .]" ending at a "]".
_OMISSION = re.compile(r"\[ ?(?:…|\.(?: ?\.){2}) ?\]$")
#: A note call standing alone after a sentence: "… spared. [1] Sixty".
_NOTE_CALL = re.compile(r"\[\d{1,3}\](?=\s|$)")
#: A section or list number at the very start of a paragraph: "1.", "12.", "IV.".
_ENUMERATOR = re.compile(r"\s*(?:\d{1,2}|[IVXLC]{1,6})\.\s*$")
_WORD_AFTER = re.compile(r"[^\w]*?([^\W\d_]+)(\.?)")
_HYPHENATED_INITIALS = re.compile(r"(?:[^\W\d_a-zà-ÿ]\.-?)+-[^\W\d_a-zà-ÿ]$")
_WORDLIKE = re.compile(r"(?:[^\W\d_]|[°º.-])+$")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\W*$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]$")
_NUMBER_AHEAD = re.compile(r"[\d(]|[IVXLCDM]+\b")
#: A parenthesised citation: has a number (page, year) or "ibid"/"op. cit".
_CITATION_AHEAD = re.compile(r"\((?=[^()]*(?:\d|[Ii]bid|op\. ?cit))[^()]{1,120}\)[.;,]?(?=\s|$)")
#: A list-item marker: "3.", "3.)", "3)", "c.", optionally after a bullet; or a lone bullet.
_MARKER = re.compile(
    r"(?<!\S)(?:([•▪‣◦⁃∙])\s*)?(?:(\d{1,3})|([a-z]))(\.\)|\.|\))(?=\s)|(?<!\S)([•▪‣◦⁃∙])(?=\s)"
)
_BULLETS = "•▪‣◦⁃∙"
#: Sentences this short ending in an *ends* abbreviation are openings ("At 5 a.m. Mr. Smith …").
_MIN_WORDS_BEFORE_ENDS = 3


def _next_start(text: str, i: int) -> int | None:
    """Index of the first character of the next sentence after whitespace at ``i``, if it can start one."""
    n = len(text)
    if i + 1 < n and text[i] == " " and (text[i + 1].isupper() or text[i + 1].isdigit()):
        return i + 1  # the common case: one space, then a capital
    while i < n and text[i].isspace():
        i += 1
    j = i
    while j < n and (
        text[j] in _OPEN
        or (j > i and text[j] in _SPACES)
        or (text[j] in _DASHES and text[j + 1 : j + 2] in _SPACES)
    ):
        j += 1
    if j < n and (text[j].isupper() or text[j].isdigit()):
        return i
    return None


def _word_start(text: str, stop: int) -> int:
    """Start of the word ending at the full stop ``stop``, opening marks skipped ("(cf." → "cf")."""
    j = text.rfind(" ", max(0, stop - 40), stop) + 1
    while j < stop and text[j] in _LEADING:
        j += 1
    return j


def _keeps_going(
    text: str, stop: int, start: int, abbr: Abbreviations, lang: str, sentence_start: int
) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation or an initial, not the sentence.

    Only a short window before the stop is examined (scanning the whole
    prefix at every candidate would be quadratic).
    """
    begin = _word_start(text, stop)
    word = text[begin:stop].strip(".-")
    if not word or not (word[0].isalpha() or word[0] in "°º") or not _WORDLIKE.match(word):
        return False
    if _HYPHENATED_INITIALS.match(word):
        return True  # "J.-B. Hobson", "J.-P. Sartre"
    if len(word) == 1 and word.isupper():
        if lang == "en" and word == "I":
            prev = _PREVIOUS_WORD.search(text, max(0, begin - 30), begin)
            if prev and prev.group(1)[0].islower():
                return False  # the pronoun: "you and I. Then"
        return True  # an initial: "E. H. Carr", "John F. Kennedy", "M. Dupont"
    low = word.lower()
    if low in abbr.inner:
        return True
    if low in abbr.title and word[0].isupper():
        return True
    if low in abbr.numeric:
        return bool(_NUMBER_AHEAD.match(text, start))  # "p. 25", "t. II" — not "No. It"
    if low in abbr.ends or _DOTTED.match(word):
        nxt = _WORD_AFTER.match(text, start, start + 40)
        if not nxt:
            return True
        follower = nxt.group(1)
        new_subject = (
            follower in abbr.starters
            or follower.endswith(abbr.starter_suffixes)
            or (nxt.group(2) and follower.lower() in abbr.title)
        )
        # bounded window: a whole-sentence count at every candidate would be quadratic
        short = (
            begin - sentence_start < 64
            and text.count(" ", sentence_start, begin) < _MIN_WORDS_BEFORE_ENDS
        )
        return not new_subject or short
    return False


def _list_items(text: str) -> tuple[set[int], set[int]]:
    """Starts of run-in list items, and the ends of their markers (no boundary there).

    A series is at least two markers counting up by one ("1." "2.", "a)"
    "b)") with the same punctuation, whose first marker opens the text,
    follows a colon, or follows a bullet; lone bullets ("• x • y") also
    start items.  "It is 1. Then 2. Done." is not a list: its "1." follows a word.
    """
    starts: set[int] = set()
    marker_ends: set[int] = set()
    markers = list(_MARKER.finditer(text))
    if not markers:
        return starts, marker_ends
    first_char = len(text) - len(text.lstrip())
    bullets = [m for m in markers if m.group(5) or m.group(1)]
    if len(bullets) >= 2:
        for m in bullets:
            if m.start() > first_char:
                starts.add(m.start())
    for m in bullets:
        if m.group(1):
            marker_ends.add(m.end())
    series: list[re.Match[str]] = []

    def value(m: re.Match[str]) -> tuple[str, int, str] | None:
        if m.group(2):
            return ("n", int(m.group(2)), m.group(4))
        if m.group(3):
            return ("a", ord(m.group(3)), m.group(4))
        return None

    def flush() -> None:
        if len(series) < 2:
            return
        first = series[0]
        j = first.start()
        while j > 0 and text[j - 1].isspace():
            j -= 1
        before = text[j - 1] if j > 0 else ""  # the last character before the series
        if first.group(1) or not before or before in ":" + _BULLETS:
            for k, m in enumerate(series):
                if k or before:
                    starts.add(m.start())
                marker_ends.add(m.end())

    last: tuple[str, int, str] | None = None
    for m in markers:
        v = value(m)
        if v is None:
            continue
        if last and v[0] == last[0] and v[2] == last[2] and v[1] == last[1] + 1:
            series.append(m)
        else:
            flush()
            series = [m]
        last = v
    flush()
    return starts, marker_ends


def _boundaries(text: str, lang: str, abbr: Abbreviations) -> Iterator[int]:
    """Offsets where a new sentence starts (after the whitespace), in order."""
    list_starts, marker_ends = _list_items(text) if _has_marker(text) else (set(), set())
    out: list[int] = []
    sentence_start = 0
    for m in _CANDIDATE.finditer(text):
        if m.end() in marker_ends:
            continue
        punct = m.group(0)
        if punct[0] == "]" and not _OMISSION.search(text, max(0, m.start() - 8), m.start() + 1):
            continue
        ahead = m.end()
        while ahead < len(text) and text[ahead].isspace():
            ahead += 1
        cite = None
        if text[ahead : ahead + 1] == "(":
            cite = _CITATION_AHEAD.match(text, ahead)
        elif text[ahead : ahead + 1] == "[":
            cite = _NOTE_CALL.match(text, ahead)
        if cite:
            # “…end.” (ibid., p.22) belongs to the sentence it documents;
            # if a new sentence follows the citation directly, it starts there.
            if text[cite.end() - 1] in ")]":
                after = _next_start(text, cite.end())
                if after is not None:
                    out.append(after)
                    sentence_start = after
            continue
        start = _next_start(text, m.end())
        if start is None:
            continue
        if m.start() < 8 and _ENUMERATOR.match(text, 0, m.end()):
            continue  # "1. The opposition …", "IV. Conclusion": a heading number, not a sentence
        if (
            punct[0] == "."
            and not punct.startswith("..")
            and not punct.startswith(". .")
            and _keeps_going(text, m.start(), start, abbr, lang, sentence_start)
        ):
            continue
        out.append(start)
        sentence_start = start
    if list_starts:
        out = sorted(set(out) | list_starts)
    return iter(out)


_MARKER_AT = re.compile(r"\s*(?:\d{1,3}|[a-z])(?:\.\)|\.|\))\s")


def _has_marker(text: str) -> bool:
    """Cheap test before the list-item scan: a series must open the text, follow a colon or a bullet."""
    if _MARKER_AT.match(text) or _BULLET.search(text):
        return True
    i = text.find(":")
    while i >= 0:
        if _MARKER_AT.match(text, i + 1):
            return True
        i = text.find(":", i + 1)
    return False


def sentence_spans(
    text: str,
    lang: str = "en",
    *,
    no_break_after: Iterable[str] = (),
    abbreviations: Iterable[tuple[str, str]] = (),
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one paragraph, whitespace trimmed, in order.

    ``abbreviations`` are the work's ``(token, kind)`` overrides of the
    language lists (kind one of ``ABBREVIATION_KINDS`` or ``"none"``);
    ``no_break_after`` tokens are *inner* abbreviations.  Every non-space
    character of ``text`` lies in exactly one span, so the sentences can be
    concatenated back into the paragraph (nothing is lost).
    """
    if abbreviations or no_break_after:
        overrides = tuple(abbreviations) + tuple((t, "inner") for t in no_break_after)
        abbr = _work_abbreviations(lang, overrides)
    else:
        abbr = language_abbreviations(lang)
    # sorted and unique: a boundary found out of order (a closing bracket after "!"
    # inside a citation) must never make two spans overlap — that duplicated text
    starts = [
        0,
        *sorted({b for b in _boundaries(text, lang, abbr) if 0 < b < len(text)}),
        len(text),
    ]
    spans = []
    for a, b in zip(starts, starts[1:]):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            spans.append((a + lead, a + trail))
    return spans


def split_sentences(
    text: str,
    lang: str = "en",
    *,
    no_break_after: Iterable[str] = (),
    abbreviations: Iterable[tuple[str, str]] = (),
) -> list[str]:
    """The sentences of one paragraph as strings."""
    return [
        text[a:b]
        for a, b in sentence_spans(
            text, lang, no_break_after=no_break_after, abbreviations=abbreviations
        )
    ]


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
