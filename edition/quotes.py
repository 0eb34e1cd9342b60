"""Quotes: find quotation marks and the quotations they delimit, language-aware.

Why a module of its own: the ingest stage marks quoted phrases (``<q>``) and
the checks compare quotations between source and translation; both need the
same, typography-aware reading of the marks:

* English “ ” and ‘ ’ (where ’ is far more often an apostrophe: "Trotsky’s");
* French « » with U+00A0 / U+202F inside, and “ ” for nested quotations;
* German „ “ and ‚ ‘ (so “ *closes* in German), also » « (reversed guillemets);
* Spanish « » “ ” ‘ ’;
* straight " and ' as a fallback, opening or closing by context.

A quotation may open in one sentence and close in a later one; ``quote_spans``
follows the state over a sequence of sentences and returns linked parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .model import QuoteSpan
from .text import ALL_QUOTE_MARKS, APOSTROPHES, quote_pairs

Role = Literal["open", "close", "either"]


@dataclass(frozen=True)
class Mark:
    """One quotation mark found in a text."""

    pos: int
    char: str
    role: Role


def _is_letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


#: Words whose first letters an apostrophe stands for ("’em", "’tis", "rock ’n’ roll"): after a
#: space the apostrophe is often typeset as an opening ‘ or a straight ', which would open a
#: quotation that nothing closes.
_ELIDED = frozenset({"em", "tis", "twas", "twere", "twill", "twould", "n"})


def _elision(text: str, i: int) -> bool:
    """The mark at ``i`` stands for letters left out at the start of a word, not for a quotation.

    ’ at the start of a word (after a space, a bracket or an opening mark, and before a letter:
    "’em", "’90s") never closes a quotation in any language we read; after punctuation it does
    ("‘Yes,’said he", a space lost in extraction).  ‘ and ' are read so only before a known elided
    word ("‘em", "'tis"), since before any other word they open a quotation ("‘How doth")."""
    before = text[i - 1] if i else " "
    if not (before.isspace() or before in "([{“‘«„‚\"'") or not _is_letter(text, i + 1):
        return False
    if text[i] == "’":
        return True
    m = re.match(r"[^\W\d_]+", text[i + 1 :])
    word = m.group(0).lower() if m else ""
    after = text[i + 1 + len(word) : i + 2 + len(word)]
    if word not in _ELIDED or (word == "n" and after not in ("’", "'")):
        return False
    return not _opens_speech(text, i)


def _opens_speech(text: str, i: int) -> bool:
    """‘ or ' before an elided word that opens a quotation closed after punctuation later on
    ("'Tis the season,' she sang.", "He said, ‘Twas brillig,’ and left"): one mark stands for
    both the quotation and the elided letters, and reading it as an apostrophe alone loses
    the quotation.  It must stand where speech opens (the segment's start, or after a comma,
    colon or dash), and its closer must come before the next quotation of its kind opens
    ("‘Twas cold. ‘Stop!’ he cried": that closer is the next one's)."""
    if text[:i].rstrip(" \u00a0\u202f")[-1:] not in ("", ",", ":", ";", "—", "–", "-"):
        return False
    mark = text[i]
    closer = "’" if mark == "‘" else "'"
    shut = re.compile(r"[,.;:!?…]" + closer + r"(?![^\W\d_])")
    for j in range(i + 1, len(text)):
        if (
            text[j] == mark
            and (text[j - 1].isspace() or text[j - 1] in "([{“«—")
            and _is_letter(text, j + 1)
        ):
            return False  # another quotation of this kind opens first
        if shut.match(text, j - 1) and text[j] == closer and j - 1 > i:
            return True
    return False


def find_marks(text: str, lang: str) -> list[Mark]:
    """Every quotation mark in ``text`` with its role in ``lang``.

    Apostrophes (’ or ' between letters, or after a plural "s" followed by a
    space, as in "workers’ councils"; one standing for elided letters, as in
    "’em") are not marks.  Straight quotes and marks that both open and close
    (German “) are resolved by context: after a space or an opening bracket
    they open, otherwise they close.
    """
    pairs = quote_pairs(lang)
    closers = {c: o for o, c in pairs.items()}
    out: list[Mark] = []
    elided = -1  # the closing apostrophe of "’n’"
    for i, ch in enumerate(text):
        if ch not in ALL_QUOTE_MARKS or i == elided:
            continue
        if ch in "’‘'" and _elision(text, i):
            if text[i + 1 : i + 2].lower() == "n":
                elided = i + 2
            continue
        if ch in APOSTROPHES and _is_letter(text, i - 1):
            if _is_letter(text, i + 1):
                continue  # "Trotsky’s", "l’État", "don't": an apostrophe
            if ch == "’":
                # "workers’ councils" or the end of ‘…’: decided in ``quote_spans``
                out.append(Mark(i, ch, "either"))
                continue
        is_open, is_close = ch in pairs, ch in closers
        if is_open and is_close:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            # after a dash it opens ("—“Yes"), unless nothing follows ("deceive me—" ends a speech)
            dash_open = before in "—–-" and not (after.isspace() or after in ".,;:!?)]")
            role: Role = "open" if (before.isspace() or before in "([{/" or dash_open) else "close"
        elif is_open:
            role = "open"
        elif is_close:
            role = "close"
        else:
            continue  # a mark of another language's convention, e.g. „ in English: not ours to judge here
        out.append(Mark(i, ch, role))
    return out


def _later_closer(marks: list[Mark], k: int) -> bool:
    """Another candidate for the same closing mark follows in this text.

    In "‘the workers’ state’" the first ’ is a plural possessive: when a later
    ’ could close the quotation, the earlier one is read as an apostrophe.
    """
    ch = marks[k].char
    for m in marks[k + 1 :]:
        if m.char == ch and m.role in ("either", "close"):
            return True
        if m.role == "open" and m.char != ch:
            return False
    return False


#: French verbs of saying that stand in an incise before their subject ("reprit mon oncle").
FR_SAYING = (
    r"(?:dit|reprit|répondit|répliqua|riposta|s’écria|demanda|fit|ajouta|murmura|continua"
    r"|cria|répéta|poursuivit|insinua|déclara|pensa|s’exclama|interrompit|observa|remarqua)"
)
#: An incise with the verb before its subject, which French, Spanish and Italian keep inside
#: the marks: ", me dit-elle enfin", "! s’écria-t-il".  Each word before the verb ends at an
#: apostrophe or a space, so a long run of letters cannot be split in many ways (the pattern
#: once took cubic time on one long word).
INCISE = re.compile(
    r"[,!?…;]\s*((?:\w+(?:[’']\s*|\s+)){0,2}\w+-(?:t-)?(?:il|elle|je|on|ils|elles|nous|vous)\b"
    r"[^,.;:!?»“”—]*"
    r"|" + FR_SAYING + r"\s+(?:mon|ma|sa|son|le|la|l’|les|notre|votre|M\.|Mme)\s*[^,.;:!?»“”—]*)"
)
#: English verbs of saying: an incise ("…, my uncle resumed, “", "“Stop! cried the guard").
EN_SAYING = (
    r"(?:said|replied|resumed|answered|asked|cried|continued|added"
    r"|returned|rejoined|retorted|exclaimed|observed|remarked|interrupted|went\s+on"
    r"|thought|whispered|murmured|muttered|shouted|sighed|repeated)"
)
#: The verbs of saying a German, Spanish or Italian tag opens with ("rief der Wächter",
#: "gritó el guardia", "gridò la guardia"), and the words its subject may start with.
_SAYING = {
    "de": r"(?:sagte|rief|fragte|antwortete|erwiderte|meinte|flüsterte|schrie|murmelte|entgegnete)",
    "es": r"(?:dijo|gritó|preguntó|respondió|contestó|exclamó|murmuró|añadió|repuso|replicó)",
    "it": r"(?:disse|gridò|chiese|rispose|esclamò|mormorò|aggiunse|domandò|replicò|urlò)",
}
_SUBJECT_START = {
    "de": r"(?:er|sie|es|der|die|das|ein|eine|sein|seine|ihr|ihre|[A-ZÄÖÜ]\w+)\b",
    "es": r"(?:él|ella|el|la|los|las|un|una|su|mi|[A-ZÁÉÍÓÚÑ]\w+)\b",
    "it": r"(?:lui|lei|il|lo|la|l[’']|i|gli|le|un|una|uno|suo|sua|[A-Z]\w+)",
}
#: Languages that set the narrator's words inside the marks: French its incise ("« Je viens,
#: dit-il, de loin. »"), Spanish its dashes («¡Alto! —gritó el guardia—. Nadie se mueva.»).
#: There a tag in an open speech is the convention; only one ending the paragraph says the
#: closer was lost (``_tag_ends_paragraph``).  English, German and Italian set it outside.
_INSIDE = frozenset({"fr", "es"})
#: Who an English tag names: a pronoun, a determiner's noun phrase or a capitalised name —
#: not "and", which begins the speaker's own clause ("…, and he said no").
_EN_SUBJECT = (
    r"(?:he|she|they|it|I|we|(?:the|a|an|my|his|her|our|their|your)\s+(?:\w+\s+){0,2}\w+"
    r"|[A-Z]\w+(?:\s+[A-Z]\w+)?)"
)
#: An English tag, three shapes: right after the utterance's own ! or ?, lower-case words and
#: the verb ("Stop! cried the guard", "going? asked the girl", "Stop! the guard cried") or a
#: name and the verb before punctuation ("Stop! Alice cried,"); after a comma the verb and its
#: subject inverted (", said the guard running…", ", said I"); after a comma the subject and
#: the verb ending at punctuation (", the guard said.", ", I said,") — but a comma alone proves
#: nothing ("…, and he said no"), nor "I thought", the speaker's own clause ("…, I thought, …").
_EN_TAG = re.compile(
    r"[!?]\s+(?:(?:[a-z]\w*\s+|the\s+\w+\s+){0,3}"
    + EN_SAYING
    + r"\b|[A-Z]\w+\s+"
    + EN_SAYING
    + r"\s*[,.;:!?])"
    + r"|,\s+"
    + EN_SAYING
    + r"\s+(?:I|he|she|they|we|the|a|an|my|his|her|our|their|your|[A-Z]\w+)\b"
    + r"|,\s+(?!(?:I|we)\s+thought\b)"
    + _EN_SUBJECT
    + r"\s+"
    + EN_SAYING
    + r"\s*[,.;:!?]"
)


def _tag_pattern(lang: str) -> re.Pattern[str]:
    """German, Spanish and Italian tags: the verb right after the utterance's ! or ? (a dash may
    stand between: "¡Alto! —gritó"), or after a comma the verb and its subject ("…, sagte er und
    ging hinaus")."""
    verb = _SAYING[lang]
    return re.compile(
        r"[!?]\s*[—–]?\s*" + verb + r"\b"
        r"|,\s*[—–]?\s*" + verb + r"\s+" + _SUBJECT_START[lang]
    )


_TAGS = {lang: _tag_pattern(lang) for lang in _SAYING}


def _tag_ends_paragraph(text: str, pattern: re.Pattern[str]) -> bool:
    """Where the narrator's words stand inside the marks (``_INSIDE``), a tag says the closer
    was lost only if it ends the paragraph ("« Halte ! cria le garde en courant."): the speech
    ended there and its mark went missing.  A tag the speech goes on after ("« Je viens,
    dit-il, de loin. Et je repars.", "«¡Alto! —gritó el guardia—. Nadie se mueva.") is the
    convention.  An inversion before ? is a question ("…, savez-vous ?"), not an incise.
    Cost: "« Halte ! cria le garde. Personne ne bougea." — narration after the incise — reads
    as the speech going on; nothing in the text tells the two apart."""
    last = None
    for m in pattern.finditer(text):
        if text[m.end() : m.end() + 3].lstrip(" \u00a0\u202f")[:1] != "?":
            last = m
    if last is None:
        return False
    return re.fullmatch(r"[^.!?…]*[.!?…]?[\s\u00a0\u202f]*", text[last.end() :]) is not None


def _speech_tagged(text: str, lang: str) -> bool:
    """A quotation's text holds a speech tag, so its closer was lost before narration began.

    Why: a quotation still open at a paragraph's end that the next paragraph re-opens is,
    by the multi-paragraph convention, a speech running on — unless narration ("cried the
    guard") already follows the utterance inside it: then the writer lost the closer before
    the tag, and quoting on to the paragraph's end would mark the narration as speech.
    French and Spanish keep their narrators' words inside the marks (``_INSIDE``)."""
    pattern = INCISE if lang == "fr" else _TAGS.get(lang, _EN_TAG)
    if lang in _INSIDE:
        return _tag_ends_paragraph(text, pattern)
    return bool(pattern.search(text))


#: Marks a quotation may open inside one of its own kind (French « « … » », nested guillemets).
_NESTS_IN_ITSELF = frozenset("«»‹›")


#: How many later segments a same-mark nesting may close in (“we call “ours” an apparatus. /
#: It is foreign to us.”): beyond it an unclosed mark is stale, not an outer quotation.
_NEST_REACH = 2


def _stale(open_char: str, marks: list[list[Mark]], si: int, k: int, closer: str) -> bool:
    """An opening mark of the kind already open ends the open one, which lost its closer.

    English, German and Spanish nest quotations with the other mark (“ ‘ ’ ”, „ ‚ ‘ “), so ‘
    opening inside ‘ is a new quotation; without this, the stale ‘ stays open and is closed by
    the next ’ however far ("’em" four hundred segments on).  Nested all the same where two
    closers follow before the kind opens again, in this segment or (sure closers only, after
    punctuation) the next ``_NEST_REACH`` (“we call “ours” an apparatus … foreign to us.”: a
    writer nesting with the same mark, across a sentence end too).  French may nest
    guillemets in guillemets (« « … » », across segments too), so these are left nested.
    ``marks`` holds every segment's marks."""
    char = marks[si][k].char
    if open_char != char or char in _NESTS_IN_ITSELF:
        return False
    closers = 0
    for sj in range(si, min(len(marks), si + _NEST_REACH + 1)):
        for m in marks[sj][k + 1 :] if sj == si else marks[sj]:
            if m.char == char and m.role == "open":
                return closers < 2
            # in later segments only a sure closer counts ("the boatmen’ oars" may be a plural)
            if m.char == closer and (m.role == "close" or (sj == si and m.role == "either")):
                closers += 1
                if closers >= 2:
                    return False
    return True


@dataclass
class _Open:
    char: str
    sent: int
    pos: int
    group: int


#: Closing guillemets French typography may set at the start of each later paragraph of a
#: quotation running over several (the guillemet de suite: "» Puis le chemin de fer vint…"),
#: the quotation closing only at the end of the last.
_CONTINUATION = frozenset("»›")


def _continues(text: str, mark: Mark) -> bool:
    """A closing guillemet opening its sentence before a capital: a guillemet de suite (the
    open quotation goes on), not a closer — a closer stays with the sentence it ends, and the
    incise after one goes on in lower case ("» dit-il")."""
    if mark.char not in _CONTINUATION or mark.role != "close" or not _starts(text, mark.pos):
        return False
    return text[mark.pos + 1 :].lstrip(" \u00a0\u202f")[:1].isupper()


def read_quotations(
    sentences: Iterable[str], lang: str = "en", runs_on: str = "", resumes: bool = False
) -> tuple[list[list[QuoteSpan]], bool]:
    """``quote_spans``, and whether a quotation of these sentences (one paragraph) runs on into
    the next paragraph, which opens with ``runs_on``: ingest asks, since only then may a
    guillemet de suite opening that paragraph continue it (its ``resumes``) — a » opening a
    paragraph after one that left nothing open is a stray closer, not a continuation."""
    texts = list(sentences)
    pairs = quote_pairs(lang)
    openers = {c: o for o, c in pairs.items()}
    result: list[list[QuoteSpan]] = [[] for _ in texts]
    stack: list[_Open] = []
    group = 0
    every = [find_marks(text, lang) for text in texts]
    for si, marks in enumerate(every):
        for k, mark in enumerate(marks):
            if mark.role == "either":
                if stack and pairs.get(stack[-1].char) == mark.char and not _later_closer(marks, k):
                    mark = Mark(mark.pos, mark.char, "close")
                else:
                    continue  # apostrophe
            if mark.role == "open":
                if stack and _stale(stack[-1].char, every, si, k, pairs[mark.char]):
                    stack.pop()  # it lost its closer: unmatched, no span (not up to the next ’)
                stack.append(_Open(mark.char, si, mark.pos, group))
                group += 1
                continue
            if _continues(texts[si], mark):
                if stack and pairs.get(stack[-1].char) == mark.char:
                    continue  # a guillemet de suite: the quotation goes on
                if resumes and si == 0 and k == 0 and not stack and mark.char in openers:
                    stack.append(_Open(openers[mark.char], si, mark.pos, group))
                    group += 1
                    continue
            depth = next(
                (k for k in range(len(stack) - 1, -1, -1) if pairs.get(stack[k].char) == mark.char),
                None,
            )
            if depth is None:
                continue
            opened = stack[depth]
            del stack[depth:]
            _emit(result, texts, opened, si, mark.pos + 1)
    running = [opened for opened in stack if _runs_on(texts, opened, runs_on, lang)]
    for opened in running:
        _emit_running(result, texts, opened, len(texts) - 1)  # the next paragraph re-opens it
    for row in result:
        row.sort(key=lambda s: (s.start, -s.end))
    return result, bool(running)


def quote_spans(
    sentences: Iterable[str],
    lang: str = "en",
    runs_on: str = "",
    resumes: bool = False,
) -> list[list[QuoteSpan]]:
    """Quotation spans per sentence, following open quotations across sentences.

    Returns one list per input sentence.  A quotation inside one sentence is
    one span with part "N"; one that opens in sentence i and closes in j > i
    gives "I" (from the mark to the end of i), "M" for whole sentences in
    between and "F" (from the start of j to the closing mark), sharing a
    ``group`` number.  Unmatched marks produce no span (``unbalanced``
    reports them).  An opening mark of the kind already open ends the stale
    quotation (``_stale``), which lost its closer and gets no span: the
    sentences given may be one paragraph (ingest) or a catalogue's segments,
    where a new paragraph re-opening a long speech cannot be told from a
    closer lost inside one; quoting the narration up to it would hide a real
    dropped quotation there (the checks read the re-open convention from the
    strays, ``checks.quotation._reopened``).

    English and French print a speech running over several paragraphs with
    the opening mark at the start of every paragraph and the closer only at
    the end of the last.  Where the caller knows the paragraphs (ingest),
    ``runs_on`` is the mark the next paragraph opens with: a quotation of that
    mark still open at the end of these sentences (one paragraph) runs to
    their end, a span rather than nothing — unless a speech tag already
    follows the utterance inside it ("“Stop! cried the guard", ``_speech_tagged``):
    that closer was lost before the tag.  Catalogue segments carry no
    paragraph breaks, so there the re-open stays unread: reading every
    segment-initial re-open as a new paragraph (quoting the stale quotation
    up to it, as the checks' source side) found nothing more on the
    development novels and lost dropped quotations on the held-out ones
    (test 0.769 → 0.615, sixth session), where such a re-open was more often
    a closer lost before the next turn.

    French may instead open each later paragraph with a guillemet de suite
    (``_continues``: "» Puis …"), which is skipped while its quotation is open
    from an earlier sentence; ``resumes``: the sentences are one paragraph
    that opens with one, continuing the previous paragraph's quotation (the
    caller knows it ran on: ``read_quotations``), so it opens this paragraph's part of it.
    """
    return read_quotations(sentences, lang, runs_on, resumes)[0]


def _runs_on(texts: list[str], opened: _Open, runs_on: str, lang: str) -> bool:
    """The quotation still open at the paragraph's end is re-opened (or continued with a
    guillemet de suite) by the next paragraph and holds no speech tag: a speech running on."""
    return (
        bool(runs_on)
        and runs_on in (opened.char, quote_pairs(lang).get(opened.char))
        and not _speech_tagged(_running(texts, opened, len(texts) - 1), lang)
    )


def paragraph_opener(text: str, lang: str = "en") -> str:
    """The quotation mark a paragraph opens with ("" if none): where it is the mark a previous
    paragraph left open, that paragraph's quotation runs on into this one (``quote_spans``'s
    ``runs_on``)."""
    marks = find_marks(text, lang)
    if marks and (
        (marks[0].role == "open" and _starts(text, marks[0].pos)) or _continues(text, marks[0])
    ):
        return marks[0].char
    return ""


def _starts(text: str, pos: int) -> bool:
    """The mark opens its sentence (only spaces and a dialogue dash before it)."""
    return not text[:pos].strip(" \u00a0\u202f—–-")


def _running(texts: list[str], opened: _Open, last: int) -> str:
    """The text of a quotation still open, from its mark to the end of sentence ``last``."""
    return " ".join([texts[opened.sent][opened.pos :], *texts[opened.sent + 1 : last + 1]])


def _emit_running(
    result: list[list[QuoteSpan]], texts: list[str], opened: _Open, last: int
) -> None:
    """Add the spans of a quotation still open at the end of sentence ``last`` (its paragraph's
    end): "I" where it opens, "M" for every sentence after it up to ``last``."""
    result[opened.sent].append(QuoteSpan(opened.pos, len(texts[opened.sent]), "I", opened.group))
    for k in range(opened.sent + 1, last + 1):
        result[k].append(QuoteSpan(0, len(texts[k]), "M", opened.group))


def _emit(
    result: list[list[QuoteSpan]], texts: list[str], opened: _Open, si: int, end: int
) -> None:
    """Add the spans of one matched quotation (possibly over several sentences)."""
    if opened.sent == si:
        result[si].append(QuoteSpan(opened.pos, end, "N", opened.group))
        return
    result[opened.sent].append(QuoteSpan(opened.pos, len(texts[opened.sent]), "I", opened.group))
    for k in range(opened.sent + 1, si):
        result[k].append(QuoteSpan(0, len(texts[k]), "M", opened.group))
    result[si].append(QuoteSpan(0, end, "F", opened.group))


def unbalanced(sentences: Iterable[str], lang: str = "en") -> list[tuple[int, int, str]]:
    """Marks left unmatched after following quotations across the sentences.

    Returns ``(sentence index, offset, mark)`` for every opening mark never
    closed and every closing mark with nothing open.  Apostrophe-like marks
    are never reported as unmatched closers.
    """
    texts = list(sentences)
    pairs = quote_pairs(lang)
    stack: list[tuple[int, int, str]] = []
    stray: list[tuple[int, int, str]] = []
    every = [find_marks(text, lang) for text in texts]
    for si, marks in enumerate(every):
        for k, mark in enumerate(marks):
            if mark.role == "either":
                if stack and pairs.get(stack[-1][2]) == mark.char and not _later_closer(marks, k):
                    stack.pop()
                continue
            if mark.role == "open":
                if stack and _stale(stack[-1][2], every, si, k, pairs[mark.char]):
                    stray.append(stack.pop())
                stack.append((si, mark.pos, mark.char))
                continue
            if _continues(texts[si], mark) and stack and pairs.get(stack[-1][2]) == mark.char:
                continue  # a guillemet de suite: the quotation goes on
            depth = next(
                (k for k in range(len(stack) - 1, -1, -1) if pairs.get(stack[k][2]) == mark.char),
                None,
            )
            if depth is None:
                if mark.char not in APOSTROPHES:
                    stray.append((si, mark.pos, mark.char))
                continue
            stray.extend(stack[depth + 1 :])
            del stack[depth:]
    return sorted(stray + stack)


def quoted_texts(text: str, lang: str = "en") -> list[str]:
    """The content of every complete quotation in one text, outermost first, marks and
    inner no-break/ordinary spaces trimmed (for comparing quotations)."""
    spans = quote_spans([text], lang)[0]
    out = []
    for sp in spans:
        if sp.part != "N":
            continue
        inner = text[sp.start + 1 : sp.end - 1].strip(" \u00a0\u202f")
        if inner:
            out.append(inner)
    return out
