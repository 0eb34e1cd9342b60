"""Text classes of fragment ends and starts (sentence end, open clause, hyphen; capital,
lower case, quotation state) and the word keys the language models share.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text import CURLY_OPENING_MARKS as _OPEN_Q
from ..text import TRAILING_CLOSERS as _CLOSERS
from .lexicon import _WORD

if TYPE_CHECKING:
    from .lexicon import Lexicon


def _ends_sentence(s: str) -> bool:
    t = s.rstrip().rstrip(_CLOSERS)
    return t.endswith((".", "!", "?", "…"))


def _end_class(s: str) -> str:
    """hyph | sent | colon | open (mid-sentence)."""
    t = s.rstrip()
    if re.search(r"[^\W\d_]\s?-$", t) and not t.endswith("--"):
        return "hyph"
    if _ends_sentence(t):
        return "sent"
    if t.rstrip(_CLOSERS).endswith((":", ";", "--", "—")):
        return "colon"  # may go on in lower case or start a sentence (a dash: interrupted speech)
    return "open"


def _start_class(s: str, lex: Lexicon) -> tuple[str, bool]:
    """(upper | lower | other, partial): partial = first token is not a standalone word."""
    t = s.lstrip()
    core = t.lstrip(_OPEN_Q + "\"'([")
    m = _WORD.match(core)
    first = m.group(0) if m else ""
    if core[:1].isdigit():
        return (
            "other",
            False,
        )  # "In" / "1844 the weavers": a number continues a sentence as well as it starts one
    if not core or not core[0].isalpha():
        return "other", False
    if core[0].isupper():
        return "upper", False
    return "lower", bool(first) and lex.fragment(first)


def quote_state(text: str) -> tuple[bool, bool]:
    """(closes a quotation it did not open, ends inside a quotation) for curly double quotes.

    Why a clamped scan rather than a count: a fragment that first closes the
    quotation its predecessor opened and later opens one of its own has a
    balance of zero, yet it both continues a quotation and leaves one open.
    """
    depth = unmatched = 0
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
            else:
                unmatched += 1
    return unmatched > 0, depth > 0


_TOP_WORDS = 120


def _tokens(s: str) -> list[str]:
    return s.split()


def _wclass(tok: str, top: dict[str, int]) -> int:
    """Word class for the self-trained bigram model: frequent words are their own class."""
    core = tok.strip(_CLOSERS + _OPEN_Q + "(").lower()
    if tok and tok[-1] in ",;:":
        return 1
    if _ends_sentence(tok):
        return 2
    if core in top:
        return 5 + top[core]
    if core[:1].isdigit():
        return 3
    if tok.lstrip(_OPEN_Q + "(\"'")[:1].isupper():
        return 4
    return 0


_WORD_OR_NUM = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*")


def _word_key(tok: str) -> str:
    """A word in lower case; every number is one token "<num>" ("than 50", "than 1,500")."""
    return "<num>" if tok[:1].isdigit() else tok.lower()


def first_word_key(s: str) -> str:
    """``_word_key`` of a line's first word or number (after opening quotes and brackets)."""
    m = _WORD_OR_NUM.match(s.lstrip().lstrip(_OPEN_Q + "\"'(["))
    return _word_key(m.group(0)) if m else ""
