"""Line-end hyphens between two words: bound morphemes, the typesetter's patterns, and the
joined word's frequency decide (``reassemble.lexicon.drop_hyphen``: text, PDF and HTML)."""

from __future__ import annotations

import pytest

from edition.reassemble.lexicon import Lexicon, _join_text


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("doubt", "fully", "doubtfully"),  # a bound ending after a word
        ("parent", "less", "parentless"),
        ("un", "sleeping", "unsleeping"),  # a bound beginning
        ("tor", "mentor’s", "tormentor’s"),  # a possessive looked up without 's
        ("bureau", "cracy", "bureaucracy"),
        # a very common word broken where British (morphological) patterns break it and
        # TeX's US ones would not: still the typesetter's hyphen
        ("import", "ant", "important"),
        ("hand", "ling", "handling"),
    ],
)
def test_typesetters_hyphen_goes(left: str, right: str, joined: str) -> None:
    assert _join_text([f"the {left}-", f"{right} of it"], Lexicon([])) == f"the {joined} of it"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("leap", "frog"),  # TeX's patterns never break "leapfrog" after "leap"
        ("star", "fish"),
        ("five", "year"),  # no joined word at all
        ("lady’s", "maid"),  # a left half with an apostrophe is one word
        ("counter", "revolution"),  # rarer joined word: the compound is kept
    ],
)
def test_authors_hyphen_stays(left: str, right: str) -> None:
    out = _join_text([f"the {left}-", f"{right} of it"], Lexicon([]))
    assert out == f"the {left}-{right} of it"


def test_document_spelling_comes_first() -> None:
    # the document writes "leapfrog" closed elsewhere: its own spelling beats the patterns
    lex = Lexicon(["they played leapfrog all day", "and then more leapfrog"])
    assert _join_text(["a game of leap-", "frog again"], lex) == "a game of leapfrog again"
