"""Quotation checks: balance, missing quotations, consistency of repeated passages, untranslated.

Why conventions and not counts: a published translation renders quotations
its own way — French dialogue opens with « and goes on with dashes (— …)
until a closing » several sentences later, or uses dashes alone; German uses
„ “ or » «; a quotation the English splits round "said he" is one « … » in
French; a quotation may open in one segment and close in the next.  Counting
marks per segment (pofilter's way) cries wolf on all of these (about 250
false errors per 1,000 entries on published French novels).  So:

* balance is judged over the *translation's own sequence* of segments (a
  quotation may run over any number of them), and only marks the source does
  not itself leave open count; at an untranslated neighbour, a quotation the
  source carries across the gap is not blamed on the translated side;
* a quotation is "missing" only when the translation shows no sign of
  quoting at all (no mark, no dialogue dash, not inside a running
  quotation), and it is a warning only when the translator's own style, learnt
  from the catalogue, is to mark quotations;
* a passage quoted more than once (also inside a longer quotation, and across
  the works of a project) is compared wherever it recurs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sacrebleu.metrics import CHRF
from wordfreq import zipf_frequency

from ..model import QuoteSpan
from ..quotes import EN_SAYING as _EN_SAYING
from ..quotes import FR_SAYING, INCISE, quote_spans, unbalanced
from ..text import language_abbreviations, passage_key
from .core import Catalogue, Entry, Finding, Settings, Severity, iter_sections, register
from .inside import Located, lost_inside, stretch_unmarked

#: How each target language writes a quotation (outer, nested), for the fix hints.
STYLE = {
    "fr": "« … » with no-break spaces inside (nested “ … ”)",
    "de": "„ … “ (nested ‚ … ‘) or » … «",
    "es": "« … » (nested “ … ” and ‘ … ’)",
    "it": "« … » (nested “ … ”)",
    "pt": "« … » or “ … ”",
    "en": "“ … ” (nested ‘ … ’)",
}
#: Marks that show a translation quotes something (any language's convention).
QUOTE_SIGNS = frozenset('«»“”„‚‹›"')
#: A dialogue turn: a dash opening the segment or a turn inside it (French, Spanish, Italian…).
DIALOGUE_DASH = re.compile(r"^\s*[—–―]|(?:[.!?…:]\s+|\s)[—–―-][\s\u00a0\u202f]")
#: The translator's style is "quotations are marked" when this share of the source's
#: quoted segments shows a sign of quoting in the translation (learnt per catalogue).
MARKED_STYLE = 0.85
MIN_STYLE_SAMPLE = 20
#: The style learnt is "not marked" only where the share is clearly below the bar: the upper
#: end of its 95 % (z = 1.96) Wilson interval is under ``MARKED_STYLE``.
STYLE_Z = 1.96
#: A source quotation is judged for quote-missing where it opens or closes, when it spans at
#: most this many segments: a quotation running on for pages (a narrator's long speech, or a
#: transcription's stray mark pairing with one far away) is rendered in many legitimate ways.
SHORT_CHAIN = 3
#: A translation's quotation still open after this many consecutive segments the source does
#: not quote at all (narration) is reported where it opens: it was never closed.
RUN_ON = 2
#: chrF at or above which a second rendering is a near-duplicate of the first: a slip (warning);
#: below it, a different wording, usually adapted to the context (info).  The same bar for a
#: rendering located inside a longer quotation (a window of at least two words).
NEAR_DUPLICATE = 50.0
NEAR_DUPLICATE_NESTED = 50.0


def base_lang(lang: str) -> str:
    return lang.split("_")[0].split("-")[0].lower()


def style_hint(lang: str) -> str:
    return STYLE.get(base_lang(lang), "the target language's quotation marks")


@dataclass
class View:
    """Per entry of a catalogue: the source's quotation spans and strays, the
    translation's spans and its unexcused strays (translated entries only)."""

    src: list[list[QuoteSpan]]
    src_strays: list[list[tuple[int, str]]]
    tgt: list[list[QuoteSpan]]
    tgt_strays: list[list[tuple[int, str]]]
    open_across: list[bool] = field(default_factory=list)
    src_quotes: list[int] = field(default_factory=list)  # words of its longest judged quotation
    src_terms: list[bool] = field(default_factory=list)  # its judged quotations are all terms
    #: per entry, the translation's quotation groups that run on through narration (never
    #: closed where they should be: quote-balance reports them)
    runon: list[set[int]] = field(default_factory=list)
    #: per entry, the entry whose source dialogue turn (opened by a dash) its unmarked source
    #: may still be going on in, or -1 (see ``turn_reach``)
    src_turn: list[int] = field(default_factory=list)


def view(cat: Catalogue) -> View:
    """Quotations of both sides, followed across segments within each section."""

    def make() -> View:
        n = len(cat.entries)
        v = View(
            [[] for _ in range(n)],
            [[] for _ in range(n)],
            [[] for _ in range(n)],
            [[] for _ in range(n)],
            [False] * n,
            [0] * n,
            [False] * n,
            [set() for _ in range(n)],
            [-1] * n,
        )
        for run in iter_sections(cat.entries):
            texts = [cat.entries[i].msgid for i in run]
            rows = quote_spans(texts, cat.source_lang)
            for i, turn in zip(run, turn_reach(texts, rows)):
                v.src_turn[i] = run[turn] if turn >= 0 else -1
            reach = Counter(sp.group for row in rows for sp in row)
            for k, (i, row) in enumerate(zip(run, rows)):
                v.src[i] = row
                v.open_across[i] = any(sp.part in ("I", "M") for sp in row)
                judged = [
                    sp
                    for sp in row
                    if sp.part == "N" or (sp.part != "M" and reach[sp.group] <= SHORT_CHAIN)
                ]
                v.src_quotes[i] = max((_weight(texts[k], sp) for sp in judged), default=0)
                v.src_terms[i] = bool(judged) and all(is_mention(texts[k], sp) for sp in judged)
            for si, pos, ch in unbalanced(texts, cat.source_lang):
                v.src_strays[run[si]].append((pos, ch))
            for piece in _translated_runs(cat, run):
                _target(cat, piece, v)
        return v

    return cat.cached("quote-view", make)


#: A dialogue turn opened by a dash at the start of a segment or after the end of a sentence
#: or a colon ("… de répondre : — J’ai à vous gronder"); a dash inside a sentence is a
#: parenthesis ("les parents, — comme pour les morts, —").
SOURCE_TURN = re.compile(r"(?:^|[.!?…:][\s\u00a0\u202f]+)[—–―][\s\u00a0\u202f]")


def turn_reach(texts: list[str], rows: list[list[QuoteSpan]]) -> list[int]:
    """Per segment, the index of the segment whose dash turn its text may still belong to, or -1.

    Why: a French turn opened by a dash runs to the end of its paragraph, over sentences with
    no mark of their own, and a catalogue shows no paragraphs.  A segment with no quotation
    and no dash after one that opens a turn may be the same speech (the English translation
    quotes it and closes where the turn ends), or narration after it: not known, so a
    translation's quotation opened in that turn is not judged to run on through narration
    there.  A quotation mark or a new turn ends the reach, and so does the end of a few
    segments (``TURN_REACH``, review r7 M1): a paragraph of narration with no mark or dash is
    no turn."""
    out, turn = [], -1
    for k, (text, row) in enumerate(zip(texts, rows)):
        if SOURCE_TURN.search(text):
            turn = k
        elif row or (turn >= 0 and k - turn > TURN_REACH):
            turn = -1
        out.append(turn)
    return out


#: Unmarked segments after its dash a French dialogue turn may still run over: the smallest
#: that keeps Mouret's turn (dev; its English closes in the fourth segment on), 2 brings that
#: alarm back.
TURN_REACH = 3


def _possessive(text: str, pos: int) -> bool:
    """Is the apostrophe at ``pos`` a plural possessive ("the Martins’ house"), not a closer?
    Why: an English quotation that has already run on across segments must not be taken as
    closed by it (review r7 M1)."""
    return (
        text[pos] == "’"
        and pos > 0
        and text[pos - 1] in "sS"
        and text[pos + 1 : pos + 2] in (" ", "\u00a0")
        and text[pos + 2 : pos + 3].isalpha()
    )


#: A quoted term or title (a mention, not an utterance) has at most this many words.
MENTION_WORDS = 6
_MARKS_AND_SPACE = " \u00a0\u202f" + "".join(QUOTE_SIGNS) + "‘’"


def _mentioned(text: str, sp: QuoteSpan, after: str = "") -> list[str] | None:
    """The words of a quotation that is part of its sentence's syntax (a word just before it,
    or one of ``after``, not a colon or dash introducing speech), a few words with no sentence
    inside; else None."""
    if sp.part != "N":
        return None
    before = text[: sp.start].rstrip(" \u00a0\u202f")
    if not before or not (before[-1].isalnum() or before[-1] in after):
        return None
    inner = text[sp.start : sp.end].strip(_MARKS_AND_SPACE).rstrip(".,;:" + _MARKS_AND_SPACE)
    words = inner.split()
    if not 0 < len(words) <= MENTION_WORDS or re.search(r"[.!?…]", inner):
        return None
    return words


def is_title(text: str, sp: QuoteSpan) -> bool:
    """A title quoted inside a sentence ("a folio entitled, “A Treatise upon Transcendental
    Chemistry,”"): French and German set titles in italics, so the marks may go."""
    words = _mentioned(text, sp, after=",") or []
    longs = [w for w in words if len(w) > 4]  # "upon", "of", "the" may stay lower case
    return len(words) > 1 and (
        all(w[:1].isupper() for w in words) or (bool(longs) and all(w[:1].isupper() for w in longs))
    )


def is_mention(text: str, sp: QuoteSpan) -> bool:
    """A term or a title quoted inside a sentence ("what she called a ‘significant glance’")
    rather than an utterance ("lui dire « Embrasse-moi »", "to say “I’m going to sleep.”"):
    lower case, or a title."""
    words = _mentioned(text, sp)
    return bool(words) and (
        text[sp.start : sp.end].strip(_MARKS_AND_SPACE)[:1].islower() or is_title(text, sp)
    )


def is_word_quoted(text: str, sp: QuoteSpan) -> bool:
    """A few words quoted as words, a term or an item of a list of them ("the Latin words
    “craterem,” “terrestre,” and others"), not a sentence: at most ``MENTION_WORDS`` words,
    lower case, no sentence inside (is_mention also asks for a word just before it, which
    the second item of a list does not have)."""
    if sp.part != "N":
        return False
    inner = text[sp.start : sp.end].strip(_MARKS_AND_SPACE).rstrip(".,;:" + _MARKS_AND_SPACE)
    return (
        0 < len(inner.split()) <= MENTION_WORDS
        and inner[:1].islower()
        and not re.search(r"[.!?…]", inner)
    )


def _weight(text: str, sp: QuoteSpan) -> int:
    """Words of a quotation, counting an utterance ("Gräuben!", or one opening the segment) as a
    passage: only a scare-quoted word inside a sentence ('common') or a title (set in italics
    by the translation's typography) may lose its marks (they count as one word)."""
    inner = text[sp.start : sp.end]
    n = _words(text, sp)
    if n == 1 and (re.search(r"[.!?…]", inner) or not text[: sp.start].strip(" \u00a0\u202f—–-")):
        return 2
    if is_title(text, sp):
        return 1
    return n


def _translated_runs(cat: Catalogue, run: list[int]) -> Iterable[list[int]]:
    """Maximal runs of consecutive translated entries."""
    cur: list[int] = []
    for i in run:
        if cat.translated(cat.entries[i]):
            cur.append(i)
        elif cur:
            yield cur
            cur = []
    if cur:
        yield cur


def _target(cat: Catalogue, piece: list[int], v: View) -> None:
    """Spans and strays of the translation over one run of translated entries.

    A mark left open at the end of the run, where the source's quotation goes on
    into an untranslated entry, or a closing mark at its start, where the source's
    quotation came from one, is the translated half of a quotation, not a fault.
    """
    texts = [cat.entries[i].msgstr for i in piece]
    rows = quote_spans(texts, cat.lang)
    for i, row in zip(piece, rows):
        v.tgt[i] = row
    # a quotation that runs on through narration the source does not quote was never closed
    # where it should have been (it only pairs with a mark far away)
    unquoted_run: dict[int, int] = {}
    longest: dict[int, int] = {}
    opened_at: dict[int, tuple[int, int]] = {}
    closed_at: dict[int, tuple[int, int]] = {}
    # quotations "closed" by a possessive apostrophe get no excuse from the source's turn
    possessive = {
        sp.group
        for si, row in enumerate(rows)
        for sp in row
        if sp.part == "F" and _possessive(texts[si], sp.end - 1)
    }
    for si, row in enumerate(rows):
        for sp in row:
            if sp.part == "I":
                opened_at[sp.group] = (si, sp.start)
            elif sp.part == "F":
                closed_at[sp.group] = (si, sp.end - 1)
            elif sp.part == "M":
                narration = not v.src[piece[si]] and (
                    sp.group in possessive or not _same_turn(v, piece, opened_at, sp, si)
                )
                run = unquoted_run.get(sp.group, 0) + 1 if narration else 0
                unquoted_run[sp.group] = run
                longest[sp.group] = max(longest.get(sp.group, 0), run)
    runon = {g for g, n in longest.items() if n >= RUN_ON}
    for i in piece:
        v.runon[i] = runon
    for group, n in sorted(longest.items()):
        if n < RUN_ON:
            continue
        # both ends are suspect: the opening mark lost its closer, or the closing mark its
        # opener (then it paired with an older unclosed one)
        ends = [opened_at.get(group)]
        close = closed_at.get(group)
        if close is not None and texts[close[0]][close[1]] not in QUOTE_SIGNS | {"‘", "’"}:
            close = None  # a stale quotation ended where another opened: no mark of its own
        # the closing end only where the source opens and closes a quotation of its own there
        if close is not None and any(sp.part == "N" for sp in v.src[piece[close[0]]]):
            ends.append(close)
        for end in ends:
            if end is not None:
                si, pos = end
                v.tgt_strays[piece[si]].append((pos, texts[si][pos]))
    first, last = piece[0], piece[-1]
    gap_before = first > 0 and not cat.translated(cat.entries[first - 1])
    gap_after = last + 1 < len(cat.entries) and not cat.translated(cat.entries[last + 1])
    src_in = first > 0 and v.open_across[first - 1]
    strays = unbalanced(texts, cat.lang)
    for si, pos, ch in strays:
        i = piece[si]
        # the English multi-paragraph convention, unless the source closes every quotation it
        # opens in this segment (then its paragraph does not run on: a closer was lost)
        closed_here = bool(v.src[i]) and all(sp.part in ("N", "F") for sp in v.src[i])
        if (
            base_lang(cat.lang) == "en"
            and not closed_here
            and _reopened(texts, si, pos, ch, strays)
        ):
            continue
        opener = ch in ("«", "„", "‚", "‹") or (ch in "“‘\"'" and _opens(texts[si], pos))
        # excused only when the source quotes every segment from the mark to the gap
        if opener and gap_after and v.open_across[last] and all(v.src[j] for j in piece[si:]):
            continue
        if not opener and gap_before and src_in and all(v.src[j] for j in piece[: si + 1]):
            continue
        if (pos, ch) in v.tgt_strays[i]:
            continue  # already reported as the opening of a run-on quotation
        v.tgt_strays[i].append((pos, ch))


def _same_turn(
    v: View, piece: list[int], opened_at: dict[int, tuple[int, int]], sp: QuoteSpan, si: int
) -> bool:
    """Is segment ``si`` of ``piece`` in the same source dash turn as the one where the
    translation opened quotation ``sp`` (its speech may still be going on there)?"""
    start = opened_at.get(sp.group)
    if start is None:
        return False
    turn = v.src_turn[piece[si]]
    return turn >= 0 and turn == v.src_turn[piece[start[0]]]


def _reopened(
    texts: list[str], si: int, pos: int, ch: str, strays: list[tuple[int, int, str]]
) -> bool:
    """A quotation running over paragraphs reopens each one without closing the last (the
    English convention; French reopens with » instead): an opening mark at the start of a
    segment, followed within a few segments by the same mark opening another one, whose
    quotation closes."""
    if texts[si][:pos].strip(" \u00a0\u202f—–-"):
        return False
    stray_at = {(s, p) for s, p, _c in strays}
    for sj in range(si + 1, min(len(texts), si + 5)):
        lead = len(texts[sj]) - len(texts[sj].lstrip(" \u00a0\u202f—–-"))
        if texts[sj][lead : lead + 1] == ch and (sj, lead) not in stray_at:
            return True
    return False


def _opens(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else " "
    return before.isspace() or before in "([{—–-/"


def _context(text: str, pos: int, width: int = 24) -> str:
    lo, hi = max(0, pos - width), min(len(text), pos + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def unbalanced_entries(cat: Catalogue) -> list[tuple[int, list[tuple[int, str]]]]:
    """(entry index, unmatched marks) of translations left unbalanced where the source is
    balanced nearby.  Shared by ``quote-balance`` and ``quote-original``."""
    v = view(cat)
    n = len(cat.entries)
    return [
        (i, strays)
        for i, strays in enumerate(v.tgt_strays)
        # the source leaves a mark open here too (a transcription's or the author's own): not ours
        if strays and not any(v.src_strays[j] for j in range(max(0, i - 1), min(n, i + 2)))
    ]


@register(
    "quote-balance",
    "error",
    "catalogue",
    "every quotation mark in a translation is closed, in the segment or in a later one "
    "(a quotation may run over segments), unless the source itself leaves it open there",
)
def check_quote_balance(cat: Catalogue) -> list[Finding]:
    out = []
    for i, strays in unbalanced_entries(cat):
        e = cat.entries[i]
        marks = "; ".join(
            f"{ch} at column {pos + 1} (“{_context(e.msgstr, pos)}”)" for pos, ch in strays
        )
        out.append(
            cat.finding(
                "quote-balance",
                e,
                f"unmatched quotation mark: {marks}; it is never closed (or never opened) in the "
                f"following (or preceding) segments, while the source is balanced here; close or "
                f"remove it, using {style_hint(cat.lang)}",
            )
        )
    return out


def shows_quoting(e: Entry, spans: list[QuoteSpan], words: int = 0) -> bool:
    """Does the translation quote an utterance here: a mark, a dialogue dash, or a running
    quotation?  A short term it quotes (is_mention: "what she called a ‘significant glance’")
    does not render a quoted utterance of ``words`` words, so its marks count only when it is
    at least half as long ("lui dire « embrasse-moi une fois encore »")."""
    if DIALOGUE_DASH.search(e.msgstr) or any(
        not is_mention(e.msgstr, sp) or 2 * len(e.msgstr[sp.start : sp.end].split()) >= words
        for sp in spans
    ):
        return True
    inside = {k for sp in spans for k in range(sp.start, sp.end)}
    return any(c in QUOTE_SIGNS for k, c in enumerate(e.msgstr) if k not in inside)


def _any_quoting(e: Entry, spans: list[QuoteSpan]) -> bool:
    return bool(spans) or any(c in QUOTE_SIGNS for c in e.msgstr)


def marked_style(cat: Catalogue, terms: bool = False) -> tuple[float, int]:
    """Share of the source's quoted segments whose translation shows quoting, and their number:
    the translator's own convention, learnt from the catalogue.  Learnt only from segments
    whose neighbours are translated too: next to a gap a running quotation cannot be seen,
    so a half-translated catalogue would seem to mark fewer quotations than it does.

    Utterances and quoted terms (``terms``: segments whose quotations are all mentions, "what
    she called a ‘significant glance’") are learnt apart: a translator who marks every turn of
    dialogue may still set terms in italics, which a catalogue's plain text does not show."""

    def make() -> tuple[float, int]:
        v = view(cat)
        ok = [cat.translated(e) for e in cat.entries]
        shown = total = 0
        for i, e in enumerate(cat.entries):
            whole = all(ok[max(0, i - 1) : i + 2])
            if v.src_quotes[i] >= 2 and whole and v.src_terms[i] == terms:
                total += 1
                shown += shows_quoting(e, v.tgt[i])
        return (shown / total if total else 1.0), total

    return cat.cached("term-style" if terms else "marked-style", make)


def clearly_below(share: float, total: int, bar: float = MARKED_STYLE) -> bool:
    """Is a learnt share clearly below ``bar``: the upper end of its 95 % Wilson interval
    under it?  0.61 of 54 quoted segments is (upper end 0.73), 0.78 of 23 is not (0.90)."""
    if not total:
        return False
    z = STYLE_Z
    centre = share + z * z / (2 * total)
    spread = z * ((share * (1 - share) + z * z / (4 * total)) / total) ** 0.5
    return (centre + spread) / (1 + z * z / total) < bar


@dataclass(frozen=True)
class Missing:
    """A passage the source quotes where the translation shows no quoting at all."""

    index: int  # entry index in the catalogue
    severity: Severity
    quoted: str  # the source's quoted passages, for the message
    style: str  # what the catalogue's learnt style is, for the message
    #: the translation quotes elsewhere in the segment, and ``quoted`` says where this one went
    partly: bool = False


#: A dialogue turn opening the segment ("— Comme l’allemand, insinuai-je."): the source quotes.
TURN_DASH = re.compile(r"^\s*[—–―]\s*\S")


#: Words of resumed speech that must be found in the translation's narration (kept as they are,
#: or cognates) before it counts as lost: one could be a coincidence.
RESUMED_ANCHORS = 2
NBSP_MARKS = "\u00a0\u202f«»“”"
#: The narration an incise goes on with ("…, fit-il, en reposant le baromètre"), not speech.
_GERUND = re.compile(r"[\s,]*en\s+\w+ant\b")
#: An utterance the source quotes at an end of the segment (what it opens with or closes on)
#: has lost its marks when the translation has, as unquoted narration at that end, all the
#: source's narration plus this share of the utterance's words (at least ``EDGE_WORDS``):
#: translators move an incise ("dit-il") from one end to the other, not an utterance.
EDGE_SHARE = 0.8
EDGE_WORDS = 4
#: A word of an English incise: hyphenated or elided words are one ("great-aunt", "O’Brien").
_INCISE_WORD = r"\w+(?:[-’']\w+)*"
#: An English incise ending the words before a translation's first quotation mark ("…, I
#: replied, “", "…; said I; “", "…! cried the sailor. “"): a comma, a semicolon, a colon or a
#: full stop may end it.  Narration joined to its verb of saying by a conjunction ("stood up,
#: and cried: “") is no incise: there the speech comes after the verb, not before it.
#: Its words may be hyphenated or elided ("retorted my great-aunt", "said old O’Brien"): a
#: subject is a noun phrase.  A participle may follow the subject, as French "en haussant les
#: épaules" does ("…, replied my uncle, shrugging his shoulders; “"): the incise still ends
#: there, and what stood before it is still the speech.
EN_INCISE = re.compile(
    r"[,!?]\s+(?!(?:and|then|but|so|or|yet)\b)(?:"
    + _INCISE_WORD
    + r"\s+){0,3}"
    + _EN_SAYING
    + r"(?:\s+"
    + _INCISE_WORD
    + r"){0,3}(?:,\s+\w+ing\b[^,;:.!?“”‘’«»\"]*)?[,;:.]?\s*$"
)
#: The same for a French translation: an inverted pronoun ("dit-il", "s’écria-t-elle") or a verb
#: of saying before its subject, a name or a noun ("dit Marthe gravement", "reprit mon oncle").
FR_INCISE = re.compile(
    r"[,!?…][\s\u00a0\u202f]+(?:(?:\w+[’'])?\w+-(?:t-)?(?:il|elle|je|on|ils|elles|nous|vous)\b|"
    + FR_SAYING
    + r"\s+(?:mon|ma|sa|son|le|la|l’|les|notre|votre|M\.|Mme|[A-ZÀ-ÖØ-Þ]\w*))"
    r"[^,.;:!?«»“”—]*[,;:.]?[\s\u00a0\u202f]*$"
)
#: A verb of saying in the narration before an incise: the speech is reported there.
_REPORTED = re.compile(
    r"\b(?:said|says|answered|replied|asked|told|nodded|shook|agreed|refused"
    r"|dit|disait|répondit|demanda)\b",
    re.IGNORECASE,
)


def _speech_words(quoted: str) -> int:
    """Words of a source quotation that are speech: a French incise inside its marks (« Axel !
    me dit-elle enfin. ») is narration."""
    return len(_WORD.findall(quoted)) - sum(
        len(_WORD.findall(m.group(1))) for m in INCISE.finditer(quoted)
    )


def _lower_after_mark(text: str, at: int) -> bool:
    """The quotation opening at ``at`` goes on in lower case: a sentence resumed after an
    incise ("…, the guide went on, “we must…"), not speech introduced ("my uncle said: “We…")."""
    m = re.match(r"\W*(\w)", text[at:])
    return bool(m and m.group(1).islower())


#: An English incise with its verb first ("…, thought I", "…! cried the sailor").
_VERB_FIRST = re.compile(r"[,!?]\s+" + _EN_SAYING + r"\b")


def speech_before_own_incise(
    opening: str,
    lang: str,
    speech: int,
    quoted: int = 0,
    total: int = 0,
    resumed_lower: bool = False,
) -> bool:
    """Does the translation's unquoted ``opening`` (the words before its first quotation) end
    with its own incise, after words that may be the source's opening speech of ``speech``
    words ("Before all things, my uncle resumed, “…", "Si tu veux partir, dit Marthe, « …")?
    Why: with the incise standing between them and the marks, those words are speech whose
    marks were lost — about as long as the source's (2 to twice as many words) and with no
    verb of saying of their own ("He said yes, and added, “…”" reports the speech).  Subject
    first ("…, my uncle said: “"), the incise may be the translator's introduction moved to the
    front (review r3b: "At last, my uncle said: “We leave tomorrow, for time presses.”" for "—
    Nous partirons demain, dit mon oncle, car le temps presse."): there the words before it are
    speech only if they end on ! or ? ("No, no! I cried. “…"), if the quotation after it goes on
    in lower case (``resumed_lower``: "…, the guide went on, “we must…": a sentence resumed), or
    if the translation quotes (``quoted`` words) less than ``EDGE_SHARE`` of the ``total`` words
    the source quotes — marks lost leave fewer words quoted.  French incises put the verb first
    (FR_INCISE)."""
    base = base_lang(lang)
    pattern = EN_INCISE if base == "en" else FR_INCISE if base == "fr" else None
    said = pattern.search(opening) if pattern else None
    if said is None:
        return False
    # the verb before its subject ("thought I", "retorted my aunt") is an incise; the subject
    # first ("my uncle said:") also introduces speech, so there the quoted words must be short
    if (
        not _VERB_FIRST.match(opening, said.start())
        and not resumed_lower
        and opening[said.start()] not in "!?"  # the pattern starts at the speech's own mark
        and total
        and quoted >= EDGE_SHARE * total
    ):
        return False
    before = len(_WORD.findall(opening[: said.start()]))
    return about_as_long(before, speech) and not _REPORTED.search(opening[: said.start()])


def about_as_long(words: int, speech: int) -> bool:
    """Are ``words`` before a translation's incise about as long as the source's speech of
    ``speech`` words: one to twice as many?  Why from one, not two: a one-word speech ("— Oui,
    répondit mon oncle ; mais …", "« Axel, me dit Graüben, …") is rendered by one word ("Yes,
    replied my uncle; “but …", "Axel, she said, “…"), and narration does not stand alone before
    an incise's comma; the upper bound keeps out narration reporting the speech."""
    return 1 <= words <= 2 * max(speech, 1)


_OPENERS = frozenset('«„‚‹“‘"')


def _cover(text: str, spans: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Stretches of a translation that quote: its spans, what follows a dialogue dash, and what
    follows a mark left open (published texts leave « open; it still quotes)."""
    cover = [(sp.start, sp.end) for sp in spans]
    # a dash inside a quotation is a turn within it and ends where the quotation closes ("— Il
    # faut …, » pensa Alice, sans cela …"); elsewhere the turn runs to the segment's end
    cover += [
        (m.start(), len(text))
        for m in DIALOGUE_DASH.finditer(text)
        if not any(a <= m.start() < b for a, b in cover)
    ]
    for k, ch in enumerate(text):
        if ch in _OPENERS and not any(a <= k < b for a, b in cover):
            if ch in "«„‹" or _opens(text, k):
                cover.append((k, len(text)))
    return cover


def edge_lost(
    e: Entry, src: list[QuoteSpan], tgt: list[QuoteSpan], gap_after: bool = False, lang: str = ""
) -> str:
    """The message when a translation that quotes somewhere has lost the marks of an utterance
    its source quotes at the start or the end of the segment ("" if not): one of several
    quotations dropped ("‘I couldn’t help it,’ said Five; ‘Seven jogged my elbow.’" →
    "« Ce n’est pas de ma faute, » dit Cinq, c’est Sept qui m’a poussé le coude.")."""
    src = [sp for sp in src if sp.part != "M"]  # a quotation running on for pages: not here
    words = [(w.start(), w.end()) for w in _WORD.finditer(e.msgstr)]
    cover = _cover(e.msgstr, tgt)
    quoted = [any(a <= w0 < b for a, b in cover) for w0, _w1 in words]
    narration = sum(
        1 for w in _WORD.finditer(e.msgid) if not any(sp.start <= w.start() < sp.end for sp in src)
    ) + sum(len(_WORD.findall(m.group(1))) for m in INCISE.finditer(e.msgid))
    # a French incise inside the marks (« Axel ! me dit-elle enfin. ») is narration
    speech = [_speech_words(e.msgid[sp.start : sp.end]) for sp in src]
    for sp, inner in zip(src, speech):
        if is_mention(e.msgid, sp):
            continue
        # all the source's narration may have moved to that end ("« … », dit Alice d’un ton
        # sévère" for "‘…,’ Alice said with some severity; ‘…’"): the utterance must come on top
        need = max(EDGE_WORDS, EDGE_SHARE * inner) + narration
        at_start = not e.msgid[: sp.start].strip(_MARKS_AND_SPACE + "—–-")
        at_end = not _WORD.search(e.msgid[sp.end :])
        for edge, flags in (("opens", quoted), ("closes", quoted[::-1])):
            # a quotation running on into a next segment left untranslated ends the translated
            # side inside it, as one closing here does (where the next one is translated, the
            # translation may close it here and go on with narration the source has there)
            closing = ("N", "F", "I") if gap_after else ("N", "F")
            if not (at_start if edge == "opens" else at_end) or sp.part not in (
                ("N", "I") if edge == "opens" else closing
            ):
                continue
            run = next((k for k, q in enumerate(flags) if q), len(flags))
            if run >= need and not (
                edge == "closes"
                and cover
                and _narrates_on(e.msgstr, max(b for _a, b in cover), lang)
            ):
                return (
                    f"{e.msgid[sp.start : sp.end].strip()[:80]} (it {edge} the segment); the "
                    f"translation quotes elsewhere but {edge} with {run} words of narration"
                )
            # or shorter, but the translation's own incise stands between those words and its
            # first mark ("You would, of course, retorted my uncle, “…”"): they are the speech
            first = min((a for a, _b in cover), default=0)
            if (
                edge == "opens"
                and run
                and cover
                and speech_before_own_incise(
                    e.msgstr[:first],
                    lang,
                    inner,
                    sum(quoted),
                    sum(speech),
                    _lower_after_mark(e.msgstr, first),
                )
            ):
                return (
                    f"{e.msgid[sp.start : sp.end].strip()[:80]} (it opens the segment); the "
                    f"translation quotes after its own incise but opens with {run} words unmarked"
                )
    return ""


#: How English narration goes on after an incise's comma without speaking: a relative clause
#: about the speaker, right after the incise's subject, in the past ("said the ferryman, who
#: climbed back"), or a participle ("said he, climbing back").  Not "which" (it asks, or sums up
#: the speech: "which is why …") and not a word that only ends in -ing (review r7 H1).
_EN_GOES_ON = re.compile(
    r"(?:(?:who|whom|whose)\s+(?:\w+ly\s+)?(?:\w+ed|had|was|were|did|went|came|took|made|got"
    r"|gave|stood|sat|ran|began|left|kept|held|drew|threw|rose|shook|knew|saw|stepped)"
    r"|(?!(?:no|some|any|every)?thing\b|king\b|morning\b|evening\b|during\b|bring\b|sing\b"
    r"|ring\b|being\b|spring\b|string\b|wing\b|ceiling\b|building\b|nothing\b)\w+ing)\b",
    re.IGNORECASE,
)


def _narrates_on(tgt: str, end: int, lang: str) -> bool:
    """Does the translation's own incise right after its last quotation (ending at ``end``) go
    on narrating to the segment's end — a relative or a gerund in French ("» dit le passeur
    qui remonta dans sa barque."), a relative or a participle after the English incise's
    comma ("’ said the ferryman, who climbed back into his boat.")?

    Why: a translator who merges the speech an English source resumes after its incise into
    the first quotation often lengthens the incise into narration; its words at the segment's
    end are not the resumed speech.  A clause set off after that narration ("… en détachant
    la barque, la marée tourne …") may be the speech: then no excuse."""
    if base_lang(lang) == "fr":
        m = _FR_NARRATES.match(tgt, end)
        rest = tgt[m.end() :] if m else ""
        goes_on = m is not None and _FR_SPEECH_WORD.search(rest) is None
    elif base_lang(lang) == "en":
        m = _EN_INCISE_AFTER.match(tgt, end)
        rest = tgt[m.end() :] if m else ""
        # narration tells in the third person and the past, and neither asks nor exclaims
        goes_on = (
            m is not None
            and _EN_GOES_ON.match(rest) is not None
            and _SPEECH_WORD.search(rest) is None
            and not rest.rstrip().endswith(("?", "!"))
        )
    else:
        return False
    # nothing set off after the narration: it runs to the end of the segment
    return goes_on and not _CLAUSE_BREAK.search(rest.rstrip(_END_MARKS))


_CLAUSE_BREAK = re.compile(r"[,;:!?.…—–«»“”‘’\"]")
_END_MARKS = " \u00a0\u202f.!?…"


#: A colon introducing words that begin with a capital: speech (or a quotation) follows, unless
#: what follows is too short for speech or a list of names ("à bord : Pierre, Paul et Jacques").
_COLON_SPEECH = re.compile(r":[\s\u00a0\u202f]+(?=[A-ZÀ-ÖØ-Þ][’']?\w)")
_LIST_WORDS = frozenset({"et", "and", "ou", "or", "und", "y", "e"})


def _speech_after(text: str, k: int) -> bool:
    """Whether the words from ``k`` to the sentence's end may be speech: at least
    ``EDGE_WORDS`` of them, not only capitalised names joined by "et" / "and"."""
    end = re.search(r"[.!?…]", text[k:])
    words = _WORD.findall(text[k : k + end.start()] if end else text[k:])
    names = all(w[:1].isupper() or w.lower() in _LIST_WORDS for w in words)
    return len(words) >= EDGE_WORDS and not names


def _nested_in(sp: QuoteSpan, spans: list[QuoteSpan]) -> bool:
    return any(o is not sp and o.start < sp.start and sp.end <= o.end for o in spans)


def _nested_groups(spans: list[QuoteSpan]) -> set[int]:
    return {sp.group for sp in spans if _nested_in(sp, spans)}


def colon_lost(e: Entry, src: list[QuoteSpan], tgt: list[QuoteSpan]) -> str:
    """The message when one of several quotations lost its marks after a colon: the source
    quotes more utterances (nested ones too) than the translation has quotations, and the
    translation introduces, with a colon, capitalised words it does not quote ("murmura : Il
    faut vraiment que je rentre … ! Et un canari cria : « Venez …" for "remarking, ‘I really
    must be getting home …’ and a Canary called out, ‘Come away …’"); "" if not."""
    utter = {sp.group for sp in src if sp.part != "M" and not is_mention(e.msgid, sp)}
    if len(utter) < 2 or len({sp.group for sp in tgt}) >= len(utter):
        return ""
    cover = _cover(e.msgstr, tgt)
    # inside a quotation, a colon may introduce a nested one ("que : Je vois ce que je mange, est
    # la même chose que : “Je mange …”" for "that “I see what I eat” is … “I eat what I see”")
    inner = [(sp.start, sp.end) for sp in tgt if _nested_in(sp, tgt)]
    deeper = len(_nested_groups(src)) > len(_nested_groups(tgt))
    for m in _COLON_SPEECH.finditer(e.msgstr):
        k = m.start()
        if not _speech_after(e.msgstr, m.end()):
            continue
        if not any(a <= k < b for a, b in cover) or (
            deeper and not any(a <= k < b for a, b in inner)
        ):
            return (
                f"{len(utter)} quotations, of which the translation marks {len({sp.group for sp in tgt})}"
                f"; it introduces “{e.msgstr[m.end() : m.end() + 40]}…” with a colon but no mark"
            )
    return ""


def turn_opening_lost(e: Entry, tgt: list[QuoteSpan], lang: str = "en") -> str:
    """The message when the source's dialogue turn opens with speech ("— Avant tout, reprit mon
    oncle, je te recommande …") and the translation, which quotes later on, opens with that
    speech unquoted ("Before all things, my uncle resumed, “I enjoin you …"): the first part of
    the turn lost its marks ("" if not).  Only the opening is judged: after a French incise,
    narration ("…, fis-je en reprenant la feuille") and resumed speech look alike, but what
    comes before the first incise is speech.  The translation may move the incise to the front
    ("My uncle resumed: “Before all things …”"), so its unquoted opening must hold the incise's
    words and ``EDGE_SHARE`` of the speech before it (at least ``EDGE_WORDS``) on top."""
    src = e.msgid
    m = INCISE.search(src)
    speech = len(_WORD.findall(src[: m.start()] if m else src))
    incise = len(_WORD.findall(m.group(1))) if m else 0
    need = max(EDGE_WORDS, EDGE_SHARE * speech) + incise
    cover = _cover(e.msgstr, tgt)
    if not cover:
        return ""
    first = min(a for a, _b in cover)
    run = len(_WORD.findall(e.msgstr[:first]))
    # or the translation's own incise stands between that opening and its first mark, as the
    # source's does ("To be sure! said her sister Flora, “but I …"): what comes before it is speech
    # a speech of fewer than EDGE_WORDS words may be framed anywhere ("— Oh ! pensai-je." →
    # "My comment on this was a half-suppressed “Oh!”")
    long_enough = speech >= EDGE_WORDS and run >= need
    # before the translation's incise: the speech itself, about as long as the source's ("Before
    # all things" for "Avant tout"), not narration reporting it ("He said yes, and added, “…”"
    # for "— Oui, dit-il, …": longer, with its own verb of saying)
    quoted = sum(len(_WORD.findall(e.msgstr[a:b])) for a, b in cover)
    total = len(_WORD.findall(src)) - incise
    lower = _lower_after_mark(e.msgstr, first)
    spoken = speech_before_own_incise(e.msgstr[:first], lang, speech, quoted, total, lower)
    if not long_enough and not spoken:
        return ""
    return (
        f"the dialogue turn “{src.strip()[:60]}” (its speech opens the segment); the translation "
        f"quotes later but opens with {run} words of narration"
    )


def _incise_inside_opening(e: Entry, src: list[QuoteSpan]) -> bool:
    """The source opens with an utterance whose marks hold a French incise ("« Ces deux
    écritures ne sont pas de la même main, dit-il ; le cryptogramme …"): its opening is judged
    as a dialogue turn's, by the speech before the incise (``turn_opening_lost``), since the
    translation may close the marks before the incise and open them again after it."""
    for sp in src:
        if sp.part in ("N", "I") and not e.msgid[: sp.start].strip(_MARKS_AND_SPACE + "—–-"):
            m = INCISE.search(e.msgid, sp.start, sp.end)
            return m is not None and not is_mention(e.msgid, sp)
    return False


def resumed_lost(e: Entry, src: list[QuoteSpan], cover: list[tuple[int, int]], lang: str) -> str:
    """The message when the speech a source turn resumes after its incise ("— Ah ! fis-je un
    peu vexé ; mais permettez-moi d’épuiser la série des objections …") is found in the
    translation, by at least two of its words (objections, document), wholly outside the
    stretches the translation quotes, which quotes the speech before the incise ("“Ah!” said
    I, rather put out. But do let me exhaust all the possible objections …"); "" if not.
    Narration after an incise ("…, fis-je en reprenant la feuille") is told from resumed
    speech by its anchors: it is found in the translation's narration only when the speech
    was lost."""
    if not cover:
        return ""
    text = e.msgid
    stretches = [(sp.start, sp.end) for sp in src if sp.part in ("N", "I")]
    if TURN_DASH.match(text):
        stretches.append((0, len(text)))
    for a, b in stretches:
        m = INCISE.search(text, a, b)
        if (
            m is None
            or len(_WORD.findall(text[m.end() : b])) < EDGE_WORDS
            or _GERUND.match(text, m.end())
        ):
            continue
        found = stretch_unmarked(text, m.end(), b, e.msgstr, cover, lang, 1)
        if found and _told_in_new_sentence(e.msgstr, cover, found, lang):
            continue
        if len(found) >= RESUMED_ANCHORS or (found and _after_incise(e.msgstr, cover, found)):
            words = ", ".join(f"“{w}”" for w, _p in found[:3])
            return (
                f"“{text[m.end() : b].strip(' ,;:' + NBSP_MARKS)[:60]}…” (the speech resumed "
                f"after the incise “{m.group(1).strip()}”); the translation quotes the speech "
                f"before it but renders this unmarked (found at {words})"
            )
        if _speaks_after_incise(e.msgstr, cover, lang):
            return (
                f"“{text[m.end() : b].strip(' ,;:' + NBSP_MARKS)[:60]}…” (the speech resumed "
                f"after the incise “{m.group(1).strip()}”); the translation quotes the speech "
                "before it, then sets its own incise and goes on unmarked with words of speech"
            )
        if not _WORD.search(text[b:]) and _asked_unmarked(text[m.end() : b], e.msgstr, cover):
            return (
                f"“{text[m.end() : b].strip(' ,;:' + NBSP_MARKS)[:60]}…” (the speech resumed "
                f"after the incise “{m.group(1).strip()}”); the translation quotes the speech "
                f"before it, then sets its own incise and ends unmarked on the same “"
                f"{e.msgstr.rstrip()[-1:]}”"
            )
    return ""


#: English words of the first person: speech says them, and so does a narrator in the first
#: person ("thought I, and I set off").
_FIRST_PERSON_WORDS = ("I", "me", "my", "myself", "we", "us", "our")
#: English words only speech says in a novel's narration: the second person and verbs in the
#: present or the future ("if you can", "is beside the point", "we shall"); narration tells in
#: the past.  Not "do", which past narration says in its infinitives ("what to do", "could do
#: nothing"): it counts only with the first person, in ``_SPEECH_WORD``.
_SPEAKING_WORDS = (
    "you", "your", "yourself", "is", "are", "am", "will", "shall", "can", "cannot", "must",
    "may", "does", "let", "isn", "aren", "don", "doesn", "won", "shan",
)  # fmt: skip


def _any_word(words: tuple[str, ...]) -> str:
    """A pattern matching any one of ``words`` as a whole word."""
    return r"\b(?:" + "|".join(words) + r")\b"


#: A word of someone speaking (English): speech says I or you and speaks in the present or the
#: future ("do let me", "he is in a good way", "we shall sail"); narration after an incise tells in
#: the third person and the past ("the whole village came running").
_SPEECH_WORD = re.compile(_any_word(_FIRST_PERSON_WORDS + ("do",) + _SPEAKING_WORDS), re.IGNORECASE)


#: Where a sentence the translation tells ends.
_SENTENCE_MARK = re.compile(r"[.!?…]")


def _told_in_new_sentence(
    tgt: str, cover: list[tuple[int, int]], found: list[tuple[str, int]], lang: str
) -> bool:
    """The words found stand in a sentence of their own that the translation starts after its
    last quotation and its incise, and nothing there is said by anyone (no I, me, we, you, no
    verb in the present or the future): narration the translator tells after the incise's
    sentence ("“Fire!” shouted the coachman, beside himself. In an instant the whole village
    came running!" for "— Au feu ! cria le cocher, et tout le village accourut en un instant
    !"; review r4b), not the resumed speech left unmarked ("“Ah!” said I, rather put out. But do
    let me exhaust…", "“Oh, come!” thought I, he is in a good way. Now is the time…", still
    found).  English translations only; the incise's own words ("said I") are not read."""
    if base_lang(lang) != "en":
        return False
    first = min(p for _w, p in found)
    last = max((b for _a, b in cover if b <= first), default=0)
    ends = [m.end() for m in _INNER_END.finditer(tgt, last, first) if _ends_here(tgt, m)]
    if not ends:
        return False  # in the incise's own sentence: resumed speech goes on there
    said = _EN_INCISE_AFTER.match(tgt, last)
    stop = _SENTENCE_MARK.search(tgt, max(p for _w, p in found))
    told = tgt[said.end() if said else last : stop.end() if stop else len(tgt)]
    return _SPEECH_WORD.search(told) is None


#: A word only speech says (``_SPEAKING_WORDS``), for the rest of an incise's sentence: not "I"
#: or "we" (a narrator in the first person narrates with them), nor "do".  Case-sensitive
#: because that rest runs mid-sentence, where those words are lower case: capitalised there
#: they are names or titles narration gives ("Will", "May", "Don").
_SPEAKING = re.compile(_any_word(_SPEAKING_WORDS))


def _speaks_after_incise(tgt: str, cover: list[tuple[int, int]], lang: str) -> bool:
    """The translation closes a quotation, sets its own incise after it ("” thought I, ") and
    goes on unquoted to the end of the incise's sentence with at least ``EDGE_WORDS`` words,
    among them one only speech says (``_SPEAKING``: "“So be it,” thought I, if you can find the
    road again, you are cleverer than I am."): the speech the source resumes after its own
    incise, its marks lost, though none of its words is kept as it is.  Narration after an
    incise goes on with a relative, a participle or a conjunction (``_NARRATION_ON``), tells in
    the past, or starts a sentence of its own (not read here).  English translations only."""
    if base_lang(lang) != "en":
        return False
    for _a, b in cover:
        m = _EN_INCISE_AFTER.match(tgt, b)
        if m is None or _NARRATION_ON.match(tgt, m.end()):
            continue
        stop = _SENTENCE_MARK.search(tgt, m.end())
        end = stop.start() if stop else len(tgt)
        tail = tgt[m.end() : end]
        if any(m.end() <= x < end for x, _y in cover) or any(c in QUOTE_SIGNS for c in tail):
            continue  # quoted again in that sentence: the speech resumed has its marks
        if len(_WORD.findall(tail)) >= EDGE_WORDS and _SPEAKING.search(tail):
            return True
    return False


def _asked_unmarked(resumed: str, tgt: str, cover: list[tuple[int, int]]) -> bool:
    """The speech a source resumes after its incise and ends the segment with asks or exclaims
    ("…, fis-je, et le bateau part-il ce soir ?"), and the translation closes its last
    quotation, sets its own incise after it and goes on unquoted to the segment's end, which
    asks or exclaims too ("“Good!” said I, …; and does the boat leave tonight?").  Why enough
    without a word kept as it is: narration does not end on the speech's question or
    exclamation mark; a translation that reports the speech ends on a full stop.  But it may
    when the translation closes the incise's sentence and starts another (review r3b: "“Forward!”
    cried my uncle, eager as ever. Off we went!" for "— En avant ! s’écria mon oncle, et nous
    voilà partis !": 19th-century narration exclaims): so the tail may not end more sentences
    inside it than the source's resumed speech does — speech resumed goes on in the incise's
    sentence."""
    mark = resumed.rstrip(" " + NBSP_MARKS + '»”’"')[-1:]
    if mark not in ("?", "!"):
        return False
    last = max(b for _a, b in cover)
    m = _EN_INCISE_AFTER.match(tgt, last)
    if m is None or _NARRATION_ON.match(tgt, m.end()):
        return False
    tail = tgt[m.end() :]
    return (
        len(_WORD.findall(tail)) >= 2
        and not any(c in QUOTE_SIGNS for c in tail)
        and tail.rstrip(" " + NBSP_MARKS)[-1:] == mark
        and _inner_sentence_ends(tail) <= _inner_sentence_ends(resumed)
    )


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """Title abbreviations of the English and French lists (lower case, no stop): "Dr." ends no
    sentence.  Read on first use, not at import."""
    return language_abbreviations("en").title | language_abbreviations("fr").title


#: A sentence ended inside a stretch of text: its mark followed by more words.
_INNER_END = re.compile(r"[.!?…]+[\s\u00a0\u202f»”’\"]*\s+(?=\S)")


def _inner_sentence_ends(text: str) -> int:
    """How many sentences end inside ``text`` (before its last words): a new sentence after an
    English incise's own sentence is the translation's narration, unless the source's resumed
    speech has as many sentences (“…,” said he, we must go. Where is the boat?).  A stop after
    a title abbreviation ("Dr. Hansen", "Mrs. Bell") or a pause before a lower-case word ("the
    doctor... and now!") ends none (review r4b: such a speech, left unmarked, was missed)."""
    t = text.strip()
    return sum(1 for m in _INNER_END.finditer(t) if _ends_here(t, m))


def _ends_here(t: str, m: re.Match[str]) -> bool:
    """A mark ``_INNER_END`` found ends a sentence: the next word opens with a capital or a
    mark, and a full stop does not follow a title abbreviation."""
    after = t[m.end() : m.end() + 1]
    if not (after.isupper() or after in QUOTE_SIGNS):
        return False
    word = t[: m.start()].rsplit(None, 1)[-1:]
    return not (
        m.group().startswith(".") and word and word[0].lstrip("«“‘\"'(").lower() in _titles()
    )


#: A French incise right after a closing mark that narrates on (review r7 H2): a relative
#: right after the incise's subject ("» dit le passeur qui remonta"), or a gerund right after
#: it ("» dit-il, en remontant"), not the adverb "en attendant" ("meanwhile") that may open the
#: speech, nor a "que" somewhere inside the speech.
_FR_NARRATES = re.compile(
    r"[\s\u00a0\u202f,]*(?:(?:\w+[’'])?\w+-(?:t-)?(?:il|elle|je|on|ils|elles|nous|vous)\b|"
    + FR_SAYING
    + r"\s+(?:mon|ma|sa|son|le|la|l’|les|notre|votre|M\.|Mme|[A-ZÀ-ÖØ-Þ]\w*)\s*"
    r"(?:[\w’-]+\s*){0,2}?)"
    r"[\s\u00a0\u202f,]*(?:qui|dont|lequel|laquelle|lesquels|lesquelles|en\s+(?!attendant\b)\w+ant)\b"
)
#: A word of someone speaking (French): I, we, you, or a verb in the future — narration after
#: an incise tells in the third person and the past.
_FR_SPEECH_WORD = re.compile(
    r"\b(?:je|j’|me|m’|moi|nous|vous|tu|te|t’|toi|mon|ma|mes|ton|ta|tes|notre|nos|votre|vos"
    r"|\w+(?:erai|eras|era|erons|erez|eront))\b",
    re.IGNORECASE,
)
#: An English incise right after a closing mark, up to the comma that resumes the sentence
#: ("” my uncle resumed, ", "” said my great-aunt, "): what follows unquoted is where the speech
#: went on.  Its words may be hyphenated or elided (a subject is a noun phrase).
_EN_INCISE_AFTER = re.compile(
    r"[\s\u00a0\u202f]*(?:"
    + _INCISE_WORD
    + r"\s+){0,3}"
    + _EN_SAYING
    + r"(?:\s+"
    + _INCISE_WORD
    + r"){0,3}\s*,\s"
)


#: How English narration goes on after an incise's comma: a relative clause, a participle, a
#: conjunction ("said he, looking up", "answered the servant, who was kneeling").
_NARRATION_ON = re.compile(
    r"(?:who|whom|whose|which|while|whilst|as|with|and|then|\w+ing)\b", re.IGNORECASE
)


def _after_incise(tgt: str, cover: list[tuple[int, int]], found: list[tuple[str, int]]) -> bool:
    """The translation closes a quotation, sets its own incise after it, and goes on unquoted
    to the word found ("“Before all things,” my uncle resumed, I enjoin you to preserve the
    most inviolable secrecy"): the structure of resumed speech on both sides, so one word of
    it found there is enough (elsewhere ``RESUMED_ANCHORS`` are needed)."""
    for _a, b in cover:
        m = _EN_INCISE_AFTER.match(tgt, b)
        if m and _NARRATION_ON.match(tgt, m.end()):
            continue  # "answered the servant, who was kneeling …": the narration goes on
        if m and all(
            m.end() <= p and (p == m.end() or not any(x < p and m.end() < y for x, y in cover))
            for _w, p in found
        ):
            return True
    return False


def _inside_message(e: Entry, found: Located) -> str:
    """Which quotation went unmarked, and where the translation renders it."""
    words = ", ".join(f"“{e.msgstr[p : p + len(w) + 8].split()[0]}”" for w, p in found.anchors[:3])
    return (
        f"{e.msgid[found.span.start : found.span.end].strip()[:80]} (found in the translation "
        f"at {words}, unmarked, while the translation marks the source's other quotations)"
    )


def missing_quotations(cat: Catalogue, turns: bool = False) -> list[Missing]:
    """Entries whose source quotes a passage and whose translation shows no quoting (no mark,
    no dialogue dash, not inside a running quotation); a warning where the learnt style is to
    mark quotations and the passage is more than a scare-quoted word, else info.  Shared by
    ``quote-missing`` (catalogues) and ``quote-original`` (the edition's aligned beads).

    With ``turns``, a source segment that opens with a dialogue dash quotes too (French
    dialogue: "— Comme l’allemand, insinuai-je." is an utterance as surely as “Like German,”
    I ventured), also deep inside a quotation that runs on for pages (« … — … — … »), where
    the quotation itself is not judged.  Both quote-missing and quote-original read the source
    that way: a turn whose translation has no quoting at all, in a catalogue that marks its
    quotations, has lost its marks."""
    v = view(cat)
    # surplus quotations of a neighbour already taken as a moved one (each moves once)
    claimed: Counter[int] = Counter()
    share, total = marked_style(cat)
    learnt = total >= MIN_STYLE_SAMPLE
    # "this translator does not mark quotations" is learnt only from clear evidence: a few lost
    # marks (the very defects the check looks for) in a small catalogue must not turn it off
    marks: Severity = "info" if learnt and clearly_below(share, total) else "warning"
    style = (
        f"this catalogue marks {share:.0%} of its {total} quoted segments"
        if learnt
        else "too few quoted segments to learn the catalogue's style"
    )
    # a quoted term: a warning only where the catalogue is seen to keep its terms' marks (no
    # convention is near-universal for terms, unlike dialogue: italics are as common as marks)
    t_share, t_total = marked_style(cat, terms=True)
    t_learnt = t_total >= MIN_STYLE_SAMPLE
    term_marks: Severity = "warning" if t_learnt and not clearly_below(t_share, t_total) else "info"
    term_style = (
        f"this catalogue keeps the marks of {t_share:.0%} of its {t_total} quoted terms"
        if t_learnt
        else f"a quoted term (only {t_total} in this catalogue: too few to learn whether the "
        "translator marks terms or sets them in italics)"
    )
    out = []
    for i, e in enumerate(cat.entries):
        weight = v.src_quotes[i]
        # a turn: a dialogue dash, or a quotation opening the segment however long it runs
        turn = (
            turns
            and not weight
            and (
                TURN_DASH.match(e.msgid) is not None
                or any(
                    sp.part == "I" and not e.msgid[: sp.start].strip(_MARKS_AND_SPACE + "—–-")
                    for sp in v.src[i]
                )
            )
        )
        if turn:
            # a turn is an utterance however short ("— Oui !"), never a scare-quoted word
            weight = max(weight, len(_WORD.findall(e.msgid)), 2)
        if not weight or not cat.translated(e):
            continue
        # an utterance needs an utterance's quoting; a term quoted in the source only any mark
        # a segment wholly inside a quotation that was never closed (reported by quote-balance)
        # does not show quoting of its own: an unclosed mark must not hide later losses
        tgt = [sp for sp in v.tgt[i] if not (sp.part == "M" and sp.group in v.runon[i])]
        shown = shows_quoting(e, tgt, weight)
        gap_after = i + 1 < len(cat.entries) and not cat.translated(cat.entries[i + 1])
        if (
            shown
            and weight >= 2
            and not turn
            and (lost := edge_lost(e, v.src[i], tgt, gap_after, cat.lang))
        ):
            out.append(Missing(i, marks, lost, style, partly=True))
            continue
        if shown and weight >= 2 and not turn and (lost := colon_lost(e, v.src[i], tgt)):
            out.append(Missing(i, marks, lost, style, partly=True))
            continue
        if (
            shown
            and (turn or _incise_inside_opening(e, v.src[i]))
            and (lost := turn_opening_lost(e, tgt, cat.lang))
        ):
            out.append(Missing(i, marks, lost, style, partly=True))
            continue
        if shown and (lost := resumed_lost(e, v.src[i], _cover(e.msgstr, tgt), cat.lang)):
            out.append(Missing(i, marks, lost, style, partly=True))
            continue
        if shown and (
            inside := lost_inside(
                e.msgid, v.src[i], e.msgstr, tgt, cat.lang, _cover(e.msgstr, tgt), v.tgt[i]
            )
        ):
            lost_at, kept = inside
            sev_in, why_in = marks, style
            if is_mention(e.msgid, lost_at.span) or is_title(e.msgid, lost_at.span):
                # a term or a title (set in italics: "The paper, “Le Figaro”, …"): a warning where this very segment keeps the marks of another term the
                # source quotes (the translator marks terms here; italics cannot explain one
                # term marked and its neighbour not), else as any quoted term
                sev_in, why_in = (term_marks, term_style) if weight >= 2 else ("info", term_style)
                if any(is_word_quoted(e.msgid, x.span) for x in kept):
                    sev_in = "warning"
                    why_in = "the translation keeps the marks of the segment's other quoted terms"
            out.append(Missing(i, sev_in, _inside_message(e, lost_at), why_in, partly=True))
            continue
        if shown or (weight < 2 and _any_quoting(e, tgt)):
            continue
        if moved_to_neighbour(cat, v, i, claimed):
            continue
        # a scare-quoted word may lose its marks (a matter of style); a passage may not
        sev: Severity = marks if weight >= 2 else "info"
        why = style
        if v.src_terms[i] and weight >= 2 and not turn:
            sev, why = term_marks, term_style
        quoted = ", ".join(e.msgid[sp.start : sp.end].strip() for sp in v.src[i])[:120]
        if turn and not quoted:
            quoted = f"the dialogue turn “{e.msgid.strip()[:60]}”"
        out.append(Missing(i, sev, quoted, why))
    return out


_EDGE_NOISE = " \u00a0\u202f.,;:!?…—–-" + "".join(QUOTE_SIGNS) + "‘’"


def _at_edge(text: str, sp: QuoteSpan, start: bool) -> bool:
    """Does quotation ``sp`` reach the start (or the end) of its segment: nothing but marks,
    spaces and punctuation before (after) it, or it runs on from (into) the neighbour?"""
    if start:
        return sp.part in ("F", "M") or not text[: sp.start].strip(_EDGE_NOISE)
    return sp.part in ("I", "M") or not text[sp.end :].strip(_EDGE_NOISE)


def _own(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotations a segment holds a mark of (the middle of a longer one has none)."""
    return [sp for sp in spans if sp.part != "M"]


def _starts_lower(text: str) -> bool:
    """Does the segment's first letter stand in lower case (a sentence cut by the alignment)?"""
    first = next((c for c in text if c.isalpha()), "")
    return first.islower()


def _passages(spans: list[QuoteSpan]) -> int:
    """Quotations of a segment, those nested in another (a scare-quoted word inside a speech)
    aside."""
    return len({sp.group for sp in spans if not _nested_in(sp, spans)})


def _words(text: str, sp: QuoteSpan) -> int:
    """Words inside quotation ``sp`` of ``text``."""
    return len(_WORD.findall(text[sp.start : sp.end]))


#: A quotation moved into the neighbour keeps at least this share of its words there (a
#: translation is seldom less than half as long as its source, French or English).
MOVED_SHARE = 0.5


def moved_to_neighbour(
    cat: Catalogue, v: View, i: int, claimed: Counter[int] | None = None
) -> bool:
    """Did the translation move the quotation the source has at an edge of segment ``i`` into
    the neighbouring segment on that side?

    Why: translators join or split sentences round dialogue ("— « Oui, chez une princesse du
    demi-monde ! » / avait répondu ma tante …"), so a segment may keep only the narration of
    a source sentence that opens (or ends) with a quotation.  The neighbour's translation
    then quotes at the adjoining edge, closing there (opening there), and either quotes more
    passages than its own source, or renders whole the very quotation the source split
    between the two segments; and a sentence is cut at that boundary (the segment after it
    starts in lower case, in the source or the translation).  A lost quotation leaves no
    such surplus next to it, and a dialogue turn starts with a capital.  ``claimed`` counts
    the neighbours' surplus quotations already taken as moved ones: one surplus quotation
    excuses one lost quotation, not those on both its sides (review r7 H3)."""
    claimed = Counter() if claimed is None else claimed
    src = _own(v.src[i])
    if not src:
        return False
    text = cat.entries[i].msgid
    for j, start in ((i - 1, True), (i + 1, False)):
        if not 0 <= j < len(cat.entries) or not cat.translated(cat.entries[j]):
            continue
        # a quotation never runs over a section heading, nor is moved across one
        if cat.entries[j].section != cat.entries[i].section:
            continue
        edge = src[0] if start else src[-1]
        tgt = _own(v.tgt[j])
        if not tgt or not _at_edge(text, edge, start):
            continue
        # the alignment cut a sentence there: the segment after the boundary goes on in lower
        # case on one side ("avait répondu ma tante …")
        after = cat.entries[i if start else j]
        if not (_starts_lower(after.msgid) or _starts_lower(after.msgstr)):
            continue
        near = tgt[-1] if start else tgt[0]
        # the neighbour quotes a whole passage at the adjoining edge
        if near.part != "N" or not _at_edge(cat.entries[j].msgstr, near, not start):
            continue
        # a whole quotation of the source moved there: the neighbour quotes more passages
        # (review r7 H3) and it is long enough to hold it: the translator's own two-word scare
        # quote at the neighbour's edge is not a fourteen-word retort moved there
        extra = _passages(v.tgt[j]) - _passages(v.src[j])
        surplus = (
            edge.part == "N"
            and extra > claimed[j]
            and _words(cat.entries[j].msgstr, near) >= max(2.0, _words(text, edge) * MOVED_SHARE)
        )
        # the source's quotation opens in the previous segment (closes in the next) and the
        # translation gives it whole there: more words than the source's part there, and no
        # dialogue turn of its own (French opens an exchange once, « … — … », for two turns)
        other = [
            sp for sp in v.src[j] if sp.group == edge.group and sp.part == ("I" if start else "F")
        ]
        there = cat.entries[j].msgid
        split = (
            bool(other)
            and len(v.src[i]) == 1  # the segment's other quotations are not accounted for
            and edge.part == ("F" if start else "I")
            and not SOURCE_TURN.search(there)
            and _words(cat.entries[j].msgstr, near)
            >= _words(there, other[0]) + _words(text, edge) / 2
        )
        if surplus and not split:
            claimed[j] += 1
        if surplus or split:
            return True
    return False


@register(
    "quote-missing",
    "warning",
    "catalogue",
    "a segment the source quotes shows some quoting in the translation (marks, a dialogue dash or "
    "a running quotation); a warning where the translator's own style is to mark quotations",
)
def check_quote_missing(cat: Catalogue) -> list[Finding]:
    return [
        cat.finding(
            "quote-missing",
            cat.entries[m.index],
            f"the source quotes {m.quoted}"
            + (
                ""
                if m.partly
                else " but the translation shows no quotation (no mark, no dialogue dash, not "
                "inside a running quotation)"
            )
            + f"; {m.style}; add the marks, using {style_hint(cat.lang)}",
            severity=m.severity,
        )
        for m in missing_quotations(cat, turns=True)
    ]


@dataclass(frozen=True)
class Bead:
    """One alignment link with text on both sides, as the quotation logic reads it."""

    en: str
    fr: str
    section: str


@dataclass(frozen=True)
class BeadQuoting:
    """What the two sides of a bead disagree on: ``kind`` "missing" (``side`` shows no quoting
    where the other quotes ``detail``), "unbalanced" (``side`` leaves the marks in ``detail``
    unmatched where the other is balanced), or "count" (both quote, in different numbers)."""

    index: int
    severity: Severity
    kind: str
    side: str
    detail: str
    style: str
    counts: tuple[int, int]  # quotations touching the bead: source side, target side


def bead_quoting(beads: list[Bead], settings: Settings, src: str = "en") -> list[BeadQuoting]:
    """Quotations of an original and its translation compared bead by bead, with the catalogue
    checks' logic: the beads become a catalogue in each direction (a running quotation is
    followed across beads of a section, the style learnt from the beads), so a quotation is
    missing only when one side shows no quoting at all (a warning per the learnt style).  The
    rest is info: one side's marks unmatched while the other's are balanced nearby (published
    originals leave « open often enough — a 40/1,000 warning rate on the development novels —
    and ``quote-balance`` judges the translations), differing counts (« » round several
    utterances, dialogue dashes)."""
    tgt = "fr" if src == "en" else "en"
    texts = {"en": [b.en for b in beads], "fr": [b.fr for b in beads]}

    def cat(a: str, b: str) -> Catalogue:
        entries = [
            Entry(str(k), x, y, 0, section=bd.section)
            for k, (x, y, bd) in enumerate(zip(texts[a], texts[b], beads))
        ]
        return Catalogue(Path(""), "", b, "", entries, settings, source_lang=a)

    fwd, back = cat(src, tgt), cat(tgt, src)
    vf = view(fwd)
    counts = [
        (len({sp.group for sp in vf.src[i]}), len({sp.group for sp in vf.tgt[i]}))
        for i in range(len(beads))
    ]
    out: dict[int, BeadQuoting] = {}
    for c, side in ((fwd, tgt), (back, src)):
        for m in missing_quotations(c, turns=True):
            out.setdefault(
                m.index,
                BeadQuoting(
                    m.index, m.severity, "missing", side, m.quoted, m.style, counts[m.index]
                ),
            )
    for c, side in ((fwd, tgt), (back, src)):
        for i, strays in unbalanced_entries(c):
            if i not in out or out[i].severity == "info":
                marks = " ".join(ch for _pos, ch in strays)
                out[i] = BeadQuoting(i, "info", "unbalanced", side, marks, "", counts[i])
    for i, (ns, nt) in enumerate(counts):
        if ns != nt and i not in out:
            out[i] = BeadQuoting(i, "info", "count", "", "", "", counts[i])
    return [out[i] for i in sorted(out)]


# ----------------------------------------------------------- consistency

_PUNCT_EDGES = " \u00a0\u202f\t.,;:!?…—–-"


def norm_passage(text: str) -> str:
    """Comparison key of a quoted passage (``text.passage_key``), dialogue dashes at the edges
    ignored too."""
    return passage_key(text).strip(" —–-")


def _inner(text: str, sp: QuoteSpan, spans: list[QuoteSpan]) -> str:
    """A quotation's content with the quotations nested in it replaced by "…" (each level is a
    passage of its own, so a variant there is reported once)."""
    out, pos = [], sp.start + 1
    for o in spans:
        if o is not sp and sp.start < o.start and o.end <= sp.end and o.start >= pos:
            out.append(text[pos : o.start] + "…")
            pos = o.end
    out.append(text[pos : sp.end - 1])
    return "".join(out)


def paired_passages(cat: Catalogue) -> list[tuple[Entry, str, str]]:
    """(entry, source passage, its translation) for quotations matched one to one: whole
    quotations inside one translated segment, as many in the translation as in the source."""

    def make() -> list[tuple[Entry, str, str]]:
        v = view(cat)
        out = []
        for i, e in enumerate(cat.entries):
            if not cat.translated(e) or v.tgt_strays[i]:
                continue
            s = [sp for sp in v.src[i] if sp.part == "N"]
            t = [sp for sp in v.tgt[i] if sp.part == "N"]
            if not s or len(s) != len(t):
                continue
            for a, b in zip(s, t):
                out.append((e, _inner(e.msgid, a, s), _inner(e.msgstr, b, t)))
        return out

    return cat.cached("paired", make)


def left_in_english(src: str, tgt: str) -> bool:
    """The source passage (two words or more) appears as such inside its translation."""
    a, b = norm_passage(src), norm_passage(tgt)
    return len(a.split()) >= 2 and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None


_CHRF = CHRF()


def chrf(a: str, b: str) -> float:
    """chrF of ``a`` against ``b`` (0-100): how close two renderings are."""
    return _CHRF.sentence_score(a, [b]).score


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Occurrence:
    """One place a repeated passage is quoted, and how the translation renders it there."""

    cat: Catalogue
    entry: Entry
    rendering: str
    nested: bool  # inside a longer quotation (the rendering was located in it)
    spoken: bool = False  # the source quotes a sentence of its own here (``spoken``)


def _grams(text: str) -> Counter[str]:
    t = f" {text} "
    return Counter(t[k : k + 3] for k in range(len(t) - 2))


def _overlap(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of character trigrams: a cheap stand-in for chrF while searching."""
    return 2 * sum((a & b).values()) / max(1, sum(a.values()) + sum(b.values()))


def _window(target: str, ref: str) -> str:
    """The stretch of ``target`` closest to ``ref``: word windows of about its length scored by
    character-trigram overlap (chrF for every window is too slow on big catalogues), then
    trimmed at either end while that brings it closer."""
    words = target.split()
    n = len(ref.split())
    g_ref = _grams(ref)

    def score(a: int, b: int) -> float:
        return _overlap(_grams(norm_passage(" ".join(words[a:b]))), g_ref)

    best, best_s = (0, 0), -1.0
    for size in range(max(1, n - 1), n + 3):
        for k in range(0, max(1, len(words) - size + 1)):
            s = score(k, k + size)
            if s > best_s:
                best, best_s = (k, k + size), s
    a, b = best
    while b - a > 1:
        s, ab = max((score(x, y), (x, y)) for x, y in ((a + 1, b), (a, b - 1)))
        if s <= best_s:
            break
        best_s, (a, b) = s, ab
    return " ".join(words[a:b]).strip(_PUNCT_EDGES + '«»“”„"')


def _aligned(target: str, part: str, ref: str) -> str | None:
    """The words of ``target`` that stand where ``ref`` would, given that ``part`` (a stretch
    of ``ref``, normalised) was found there: as many words as ``ref``, ``part`` at its offset."""
    words = target.split()
    keys = [norm_passage(w) for w in words]
    pw, rw = part.split(), ref.split()
    o = next((k for k in range(len(rw) - len(pw) + 1) if rw[k : k + len(pw)] == pw), None)
    p = next((k for k in range(len(keys) - len(pw) + 1) if keys[k : k + len(pw)] == pw), None)
    if o is None or p is None or p - o < 0 or p - o + len(rw) > len(words):
        return None
    wide = words[p - o : p - o + len(rw)]
    # a word set off by punctuation where the rendering has none belongs to the context ("Non,
    # cher Axel" for "Mon cher Axel"; a clause before "trouva cela"), not to the rendering
    joints = [*range(o), *range(o + len(pw) - 1, len(rw) - 1)]
    for k in joints:
        raw = wide[k].rstrip(_MARKS_AND_SPACE)
        moved = _tail(raw) != _tail(rw[k])
        if moved and _WORD.findall(norm_passage(raw)) != _WORD.findall(rw[k]):
            return None
    return " ".join(wide).strip(_PUNCT_EDGES + '«»“”„"')


def _goes_on(text: str, stretch: str) -> bool:
    """In ``text``, ``stretch`` is followed by a word of the same sentence (no punctuation
    between them)."""
    words = stretch.split()
    if not words or not words[-1][-1].isalnum():
        return False  # it ends with punctuation or a closing mark of its own
    m = re.search(r"\s+".join(map(re.escape, words)), text)
    return m is not None and re.match(r"\s+\w", text[m.end() :]) is not None


def _tail(word: str) -> str:
    """The punctuation a word ends with ("bien," → ",")."""
    return word[len(word.rstrip(_PUNCT_EDGES)) :]


def _within(a: str, b: str) -> bool:
    """Passage ``a`` occurs in ``b`` as whole words."""
    return re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None


def occurrences(cats: list[Catalogue]) -> dict[str, list[Occurrence]]:
    """Normalised source passage → every occurrence of it in a quotation of a translated entry.

    A passage is a whole quotation somewhere (≥ ``quote-consistency-min-words``
    words); it recurs as a quotation of its own or inside a longer quotation,
    in any of the catalogues (the works of a project share their terms).
    """
    settings = cats[0].settings
    allow = {norm_passage(a) for a in settings.consistency_allow}
    direct: dict[str, list[Occurrence]] = {}
    for cat in cats:
        for e, src, tgt in paired_passages(cat):
            key = norm_passage(src)
            if len(_WORD.findall(key)) < settings.consistency_min_words or key in allow:
                continue
            if settings.untranslated_quotes and left_in_english(src, tgt):
                continue  # quote-untranslated reports it
            direct.setdefault(key, []).append(Occurrence(cat, e, tgt.strip(), False, spoken(src)))
    if not direct:
        return {}
    # every quoted stretch of source text, to find a passage nested in a longer quotation
    index: dict[str, set[tuple[int, int]]] = {}
    quoted: dict[tuple[int, int], str] = {}
    for ci, cat in enumerate(cats):
        v = view(cat)
        for i, e in enumerate(cat.entries):
            if not v.src[i] or not cat.translated(e):
                continue
            text = " ".join(norm_passage(e.msgid[sp.start : sp.end]) for sp in v.src[i])
            quoted[(ci, i)] = text
            for w in set(_WORD.findall(text)):
                index.setdefault(w, set()).add((ci, i))
    out: dict[str, list[Occurrence]] = {}
    for key, occ in direct.items():
        words = _WORD.findall(key)
        seen = {(id(o.cat), o.entry.id) for o in occ}
        cands = set.intersection(*(index.get(w, set()) for w in words)) if words else set()
        pat = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
        refs = Counter(norm_passage(o.rendering) for o in occ)
        ref = refs.most_common(1)[0][0]
        # the usual rendering is a sentence of its own ("What did they draw?")
        whole = any(
            norm_passage(o.rendering) == ref
            and o.rendering.rstrip(_MARKS_AND_SPACE).endswith(("?", "!", ".", "…"))
            for o in occ
        )
        extra = []
        for ci, i in sorted(cands):
            cat = cats[ci]
            e = cat.entries[i]
            if (id(cat), e.id) in seen or not pat.search(quoted[(ci, i)]):
                continue
            tgt = norm_passage(e.msgstr)
            found = next((r for r in refs if re.search(rf"(?<!\w){re.escape(r)}(?!\w)", tgt)), None)
            if found is None:
                win = _window(e.msgstr, ref)
                wkey = norm_passage(win)
                # "cher Axel" inside "Mon cher Axel ?": the same rendering, shorter or longer
                found = ref if wkey and (_within(wkey, ref) or _within(ref, wkey)) else None
                if found is not None and wkey != ref and _within(wkey, ref):
                    # the search trims a word that differs at the rendering's edge ("Pour quoi
                    # pensez-vous" → "quoi pensez-vous"): the stretch as long as the rendering,
                    # aligned on it, is a slip when one word apart from it
                    wide = _aligned(e.msgstr, wkey, ref)
                    if wide is not None and _one_word_apart(norm_passage(wide), ref, cat.lang):
                        found, win = None, wide
                if found is None and len(_WORD.findall(wkey)) < 2:
                    continue  # one word found in a longer quotation is too little to compare
                if (
                    found is None
                    and whole
                    and len(win.split()) >= len(ref.split())
                    and _goes_on(e.msgstr, win)
                ):
                    # a stretch as long as the usual rendering runs on into a longer sentence
                    # ("Where did they draw the treacle from?"): the translation says something
                    # else there, not the sentence the passage is rendered by elsewhere
                    continue
                extra.append(Occurrence(cat, e, win if found is None else found, True))
            else:
                extra.append(Occurrence(cat, e, found, True))
        if len(occ) + len(extra) >= 2:
            out[key] = occ + extra
    return out


@register(
    "quote-consistency",
    "warning",
    "project",
    "a passage quoted more than once (also inside a longer quotation, or in another work) is "
    "rendered the same way everywhere; intended variants go in consistency-allow",
)
def check_quote_consistency(cats: list[Catalogue]) -> list[Finding]:
    if not cats:
        return []
    out = []
    for key, occ in sorted(occurrences(cats).items()):
        variants: dict[str, list[Occurrence]] = {}
        for o in occ:
            variants.setdefault(norm_passage(o.rendering), []).append(o)
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        tie = len(ranked[1][1]) == len(ranked[0][1])
        # no rendering covers half the occurrences: a common phrase ("I don't know") that the
        # translator renders in context each time, not one quotation repeated
        scattered = len(ranked) > 2 and 2 * len(ranked[0][1]) < len(occ)
        summary = "; ".join(
            f"“{members[0].rendering}” in {_ids(members)}" for _k, members in ranked
        )
        major_key = ranked[0][0]
        # a line of dialogue said again (every place the source quotes it alone is a sentence
        # of its own: "What does it all mean?", "I shall sit here,") is rendered anew in each
        # scene ("signifie" / "veut dire", "Je resterai" / "Je vais rester"): only a slip one
        # word apart counts, not a rendering that is merely close
        said_again = all(o.spoken for o in occ if not o.nested)
        for vkey, members in ranked:
            if vkey == major_key and not tie:
                continue
            ref_key = major_key if vkey != major_key else ranked[1][0]
            score = chrf(vkey, ref_key)
            # one word swapped in a short passage ("Dans ce cas" / "En ce cas") scores low on
            # characters but is the same rendering with a slip (dev: no added warning); not in
            # a two-word one (ONE_WORD_MIN)
            lang = members[0].cat.lang
            # a clitic added or dropped, or a question's inversion, is context, not a slip
            context = contextual_variant(vkey, ref_key, lang)
            one_word = (
                _one_word_apart(vkey, ref_key, lang)
                or _one_word_apart(_untagged(vkey), _untagged(ref_key), lang)
            ) and not context
            slipped = False
            if (scattered or tie) and len(members) == 1:
                # a phrase rendered several ways in context may still have a slip: a single
                # rendering one word apart from one the translator uses repeatedly
                usual = [k for k, m in ranked if k != vkey and len(m) >= 2]
                slip = next(
                    (
                        k
                        for k in usual
                        if _one_word_apart(vkey, k, lang) and not contextual_variant(vkey, k, lang)
                    ),
                    None,
                )
                if slip is not None:
                    ref_key, one_word, score = slip, True, chrf(vkey, slip)
                    slipped, context = True, False
            for o in members:
                # a rendering located inside a longer quotation is a best-matching stretch, so
                # it must be closer still before it counts as a slip
                near = (not scattered or slipped) and (
                    one_word
                    or (
                        not said_again
                        and score >= (NEAR_DUPLICATE_NESTED if o.nested else NEAR_DUPLICATE)
                    )
                    or (said_again and _doubled(vkey, ref_key))
                )
                near = near and not context
                kind = "near-duplicate, probably a slip" if near else "a different rendering"
                where = " (inside a longer quotation)" if o.nested else ""
                msg = (
                    f"“{key}” is rendered {len(ranked)} ways{where}, majority first: {summary}; "
                    f"this one is {kind} (chrF {score:.0f}); use one rendering throughout, or "
                    f"list the passage in consistency-allow"
                )
                if tie:
                    msg += " (no majority: choose one)"
                if said_again and not near and not scattered and not context:
                    msg += "; info only: a sentence said again, rendered anew in its scene"
                elif scattered and not near:
                    msg += "; info only: no rendering covers half the occurrences, so this is "
                    msg += "a common phrase rendered in context rather than one quotation"
                elif not near:
                    msg += "; info only: a wholly different rendering is usually the translator "
                    msg += "adapting to context"
                sev: Severity | None = None if near else "info"
                out.append(o.cat.finding("quote-consistency", o.entry, msg, severity=sev))
    return out


#: A word replaced is a slip only in renderings of at least this many words (two words kept
#: of three: "Dans ce cas" / "En ce cas"); in a two-word one it is half the passage, a
#: deliberate alternative ("Quelle horreur !" / "Quelle misère !").  Dev has no two-word case.
ONE_WORD_MIN = 3


def _doubled(a: str, b: str) -> bool:
    """``a`` repeats a word where ``b`` does not ("Je ne le le sais pas", "Je l’l’ignore"): a
    typing slip, whatever else differs."""

    def pairs(text: str) -> set[str]:
        words = [w.casefold() for w in _WORD.findall(text)]
        return {w for w, nxt in zip(words, words[1:]) if w == nxt}

    return bool(pairs(a) - pairs(b))


def spoken(passage: str) -> bool:
    """A quoted passage that is a sentence of its own (speech or thought: it asks or exclaims,
    or opens with a capital and is no title), not a term or a phrase quoted inside a sentence
    ("socialism in one country", "a ‘significant glance’", "in a position to mix.")."""
    text = passage.strip(_MARKS_AND_SPACE + "—–-…")
    if re.search(r"[!?]", text):
        return True
    words = _WORD.findall(text)
    longs = [w for w in words if len(w) > 4]
    return bool(text[:1].isupper()) and not (longs and all(w[:1].isupper() for w in longs))


#: A word at least this frequent (wordfreq's Zipf scale) in the translation's language is a
#: grammatical word (de, du, le, un, dans, en, the, of, from …; "horreur", "misère" are ~4).
GRAMMATICAL_ZIPF = 6.0


def _grammatical(word: str, lang: str) -> bool:
    return bool(lang) and zipf_frequency(word, base_lang(lang), wordlist="best") >= GRAMMATICAL_ZIPF


def _one_word_apart(a: str, b: str, lang: str = "") -> bool:
    """Two renderings that differ by one word replaced (in renderings of ``ONE_WORD_MIN`` words
    or more; in a two-word one, a word misspelt or one grammatical word for another: "De
    champignon" / "Du champignon"), one word added or dropped with the whole shorter rendering
    kept ("What’s this?" / "What’ this?"), or only in word order or punctuation: a slip chrF
    scores low on so short a passage."""
    x, y = _WORD.findall(a), _WORD.findall(b)
    if min(len(x), len(y)) < 2 or abs(len(x) - len(y)) > 1:
        return False
    if sorted(x) == sorted(y):
        # the same words in another order ("Mon cher Axel" / "Cher mon Axel") or with other
        # punctuation ("Eh bien !" / "Eh, bien !")
        return a != b
    if len(x) == len(y):
        diff = [(p, q) for p, q in zip(x, y) if p != q]
        # a word replaced, or in a two-word passage a word misspelt or inflected ("Moi ! rien" /
        # "Moi ! riens"): the same word with a letter changed is no deliberate alternative
        return len(diff) == 1 and (
            len(x) >= ONE_WORD_MIN
            or _one_letter_apart(*diff[0])
            or all(_grammatical(w.lower(), lang) for w in diff[0])
        )
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


#: Clitic pronouns (and French's proclitic negation "ne"), by target language: a rendering
#: that adds or drops one ("Je ne le sais pas" / "Je ne sais pas", "Je n'en sais rien" / "Je
#: ne sais rien", "No lo sé" / "No sé") refers back to its sentence, so it is a contextual
#: variant, not a slip.  Spanish "no" is not droppable (it carries the negation), only a
#: left neighbour.
CLITICS = {
    "fr": frozenset("le la les en y me te se lui leur nous vous ne".split()),
    "es": frozenset("lo la le los las les me te se nos os".split()),
}
#: Words after which a clitic stands in the verb's clitic cluster (a subject pronoun, the
#: negation), so "le", "la", "les" there are pronouns, not articles.
_CLUSTER_LEFT = {
    "fr": frozenset("je j tu il elle on nous vous ils elles ce c ne n".split()),
    "es": frozenset("yo tú tu él ella usted nosotros vosotros ellos ellas ustedes no".split()),
}
#: Elided forms read as their full word ("n'en" is "ne en", "l'ignore" is "le ignore").
_ELIDED = {"fr": {"n": "ne", "l": "le", "m": "me", "t": "te", "s": "se", "j": "je", "c": "ce"}}
#: French subject pronouns a question inverts after a hyphen ("Partez-vous", "A-t-il").
_INVERTED = re.compile(r"(\w+)-(?:t-)?(je|tu|il|elle|on|nous|vous|ils|elles|ce)\b")


def contextual_variant(a: str, b: str, lang: str) -> bool:
    """Two renderings that differ only by a short tag set off by a comma (``_tagged``), by clitics added or dropped in a verb's clitic cluster
    (after a subject pronoun, the negation, another clitic, or a hyphen: "dis-le"), or only by
    a French subject-verb inversion ("Vous partez" / "Partez-vous"): the sentence around them
    decides, so they are the translator adapting to context, not a slip."""
    if _tagged(a, b) or _tagged(b, a) or _retagged(a, b):
        return True
    base = base_lang(lang)
    if base == "fr" and _WORD.findall(a) != _WORD.findall(b):
        if _WORD.findall(_inverted(a)) == _WORD.findall(_inverted(b)):
            return True
    clitics = CLITICS.get(base)
    if not clitics:
        return False
    full = _ELIDED.get(base, {})
    x = [full.get(w, w) for w in _WORD.findall(a)]
    y = [full.get(w, w) for w in _WORD.findall(b)]
    if abs(len(x) - len(y)) != 1:
        return False  # one clitic: "je ne vous y en donne" / "je donne" is another sentence
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    long_text = a if long_ is x else b
    hyphened = {full.get(m.group(1), m.group(1)) for m in re.finditer(r"-(\w+)", long_text)}
    left = _CLUSTER_LEFT[base] | clitics
    k = 0
    for j, w in enumerate(long_):
        if k < len(short) and short[k] == w:
            k += 1
            continue
        # an extra word: a clitic in the cluster (its left neighbour is one of ``left``)
        if w not in clitics or not (j > 0 and long_[j - 1] in left or w in hyphened):
            return False
        if j > 0 and long_[j - 1] == w:
            return False  # a word doubled ("Je ne le le sais pas"): a slip
    return k == len(short)


#: A tag the speaker adds to a repeated utterance, set off by a comma: a vocative or discourse
#: tag ("…, you know", "…, my dear", "Well, …"), at most this many words.
TAG_WORDS = 3


def _tagged(long_: str, short: str) -> bool:
    """``long_`` is ``short`` with a short tag set off by a comma before or after it ("It was
    the best butter, you know" / "It was the best butter"): the speaker's addition in that
    place, not another rendering of the passage."""
    if not short or len(long_) <= len(short):
        return False
    if long_.startswith(short + ","):
        tag = long_[len(short) + 1 :]
    elif long_.endswith(", " + short):
        tag = long_[: -len(short) - 2]
    else:
        return False
    # (a passage that is itself a list goes on with an item, not a tag: "Liberté, égalité")
    return (
        0 < len(_WORD.findall(tag)) <= TAG_WORDS
        and "," not in tag.strip(_PUNCT_EDGES)
        and "," not in short
    )


def _untagged(text: str) -> str:
    """``text`` without a closing tag set off by a comma ("La marée tournait, madame" → "La
    marée tournait"): what is left is the rendering a slip is looked for in."""
    head, _, tag = text.rstrip(_PUNCT_EDGES).rpartition(",")
    if head and len(_WORD.findall(head)) >= 2 and 0 < len(_WORD.findall(tag)) <= TAG_WORDS:
        return head
    return text


def _retagged(a: str, b: str) -> bool:
    """The same passage with a different closing tag, the tags sharing no word ("Digging for
    apples, indeed" / "Digging for apples, yer honour")."""
    ha, _, ta = a.rpartition(",")
    hb, _, tb = b.rpartition(",")
    if not ha or ha != hb or "," in ha:
        return False  # (after a list, the last item: "Liberté, égalité, fraternitè")
    wa, wb = _WORD.findall(ta), _WORD.findall(tb)
    return 0 < len(wa) <= TAG_WORDS and 0 < len(wb) <= TAG_WORDS and not set(wa) & set(wb)


def _inverted(text: str) -> str:
    """``text`` with French hyphenated subject inversions put back in statement order."""
    return _INVERTED.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)


def _one_letter_apart(a: str, b: str) -> bool:
    """Two words of three letters or more one letter added, dropped or replaced apart."""
    if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(p != q for p, q in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def _ids(members: list[Occurrence]) -> str:
    ids = [
        o.entry.id + (f" ({o.cat.work})" if len({m.cat.work for m in members}) > 1 else "")
        for o in members
    ]
    return ", ".join(ids[:6]) + (f" … (+{len(ids) - 6})" if len(ids) > 6 else "")


@register(
    "quote-untranslated",
    "warning",
    "catalogue",
    "a quoted passage of two words or more is translated, not left in English (only when "
    "untranslated-quotes = true)",
)
def check_quote_untranslated(cat: Catalogue) -> list[Finding]:
    if not cat.settings.untranslated_quotes:
        return []
    out = []
    for e, src, tgt in paired_passages(cat):
        if left_in_english(src, tgt):
            out.append(
                cat.finding(
                    "quote-untranslated",
                    e,
                    f"the quotation “{src.strip()}” is left in English; translate it (or disable "
                    f"with untranslated-quotes = false when quoting English titles is intended)",
                )
            )
    return out
