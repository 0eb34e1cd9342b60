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


def find_marks(text: str, lang: str) -> list[Mark]:
    """Every quotation mark in ``text`` with its role in ``lang``.

    Apostrophes (’ or ' between letters, or after a plural "s" followed by a
    space, as in "workers’ councils") are not marks.  Straight quotes and
    marks that both open and close (German “) are resolved by context:
    after a space or an opening bracket they open, otherwise they close.
    """
    pairs = quote_pairs(lang)
    closers = {c: o for o, c in pairs.items()}
    out: list[Mark] = []
    for i, ch in enumerate(text):
        if ch not in ALL_QUOTE_MARKS:
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
            role: Role = "open" if (before.isspace() or before in "([{—–-/") else "close"
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


@dataclass
class _Open:
    char: str
    sent: int
    pos: int
    group: int


def quote_spans(sentences: Iterable[str], lang: str = "en") -> list[list[QuoteSpan]]:
    """Quotation spans per sentence, following open quotations across sentences.

    Returns one list per input sentence.  A quotation inside one sentence is
    one span with part "N"; one that opens in sentence i and closes in j > i
    gives "I" (from the mark to the end of i), "M" for whole sentences in
    between and "F" (from the start of j to the closing mark), sharing a
    ``group`` number.  Unmatched marks produce no span (``unbalanced``
    reports them).
    """
    texts = list(sentences)
    pairs = quote_pairs(lang)
    result: list[list[QuoteSpan]] = [[] for _ in texts]
    stack: list[_Open] = []
    group = 0
    for si, text in enumerate(texts):
        marks = find_marks(text, lang)
        for k, mark in enumerate(marks):
            if mark.role == "either":
                if stack and pairs.get(stack[-1].char) == mark.char and not _later_closer(marks, k):
                    mark = Mark(mark.pos, mark.char, "close")
                else:
                    continue  # apostrophe
            if mark.role == "open":
                stack.append(_Open(mark.char, si, mark.pos, group))
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
    for row in result:
        row.sort(key=lambda s: (s.start, -s.end))
    return result


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
    for si, text in enumerate(texts):
        marks = find_marks(text, lang)
        for k, mark in enumerate(marks):
            if mark.role == "either":
                if stack and pairs.get(stack[-1][2]) == mark.char and not _later_closer(marks, k):
                    stack.pop()
                continue
            if mark.role == "open":
                stack.append((si, mark.pos, mark.char))
                continue
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
