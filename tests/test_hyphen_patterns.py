"""The document's own breaks say which hyphenation patterns its typesetter used
(``reassemble.lexicon.Lexicon.us_patterns``): where all of them fall on TeX's US pattern
points, a break those patterns cannot make is the author's hyphen, even in a common word."""

from __future__ import annotations

import pyphen
import pytest

from edition.reassemble.lexicon import Lexicon, _join_text, patterns_log_lr

#: Common words a typesetter breaks, none of them a compound of two words.
WORDS = """important possible question attention different government particular
everything political condition beautiful remember interest together education
understanding consider continue necessary situation experience opposite character
president community difficult direction material position probably opinion
""".split()


def _prose(lang: str, n: int) -> list[str]:
    """Lines of a text whose typesetter broke ``n`` common words with ``lang``'s patterns:
    each word at its last point that the other language's patterns do not share when there
    is one (so British breaks are told from American ones), else at its last point."""
    us, gb = pyphen.Pyphen(lang="en_US"), pyphen.Pyphen(lang="en_GB")
    mine, other = (us, gb) if lang == "en_US" else (gb, us)
    breaks = []
    for w in WORDS:
        points = [p for p in mine.positions(w) if p >= 2 and len(w) - p >= 3]
        own = [p for p in points if p not in other.positions(w)]
        if own or points:
            breaks.append((w, (own or points)[-1]))
    lines = []
    for i in range(n):
        w, at = breaks[i % len(breaks)]
        lines += [f"and then we spoke of the {w[:at]}-", f"{w[at:]} matter once more"]
    return lines


def test_a_us_typeset_document_keeps_a_hyphen_its_patterns_could_not_have_made() -> None:
    lines = _prose("en_US", 60) + ["He promised to come back to-", "night, and he did."]
    lex = Lexicon(lines)
    assert lex.us_patterns
    assert _join_text(lines[-2:], lex) == "He promised to come back to-night, and he did."
    # the typesetter's own breaks still close: "impor-/tant"
    assert "important matter" in _join_text(lines[:2], lex)


def test_a_document_with_other_patterns_or_too_few_breaks_keeps_the_common_word() -> None:
    tail = ["He promised to come back to-", "night, and he did."]
    for lines in (_prose("en_GB", 60) + tail, _prose("en_US", 10) + tail):
        lex = Lexicon(lines)
        assert not lex.us_patterns
        assert _join_text(tail, lex) == "He promised to come back tonight, and he did."


@pytest.mark.parametrize(
    ("certain", "on", "us"),
    [(31, 31, False), (32, 32, True), (56, 55, True), (40, 39, False), (41, 39, False)],
)
def test_how_much_agreement_names_the_patterns(certain: int, on: int, us: bool) -> None:
    assert (patterns_log_lr(certain, on) >= 2.0) is us


def test_modern_compounds_do_not_make_a_us_typeset_text_keep_hyphens() -> None:
    """The reviewers' texts: two or four modern compounds written with hyphens, and words
    English closes broken where the US patterns allow ("every-/day" of "ev-ery-day"): the
    typesetter's hyphens, read closed, whatever the document's compounds."""
    doc = _prose("en_US", 60) + [
        "Their well-being and the non-profit they ran, full-time and world-wide,",
        "mattered to them in their every-",
        "day work; the new web-",
        "site recorded every break-",
        "down of the old routine.",
    ]
    lex = Lexicon(doc)
    assert lex.us_patterns
    assert _join_text(doc[-4:], lex) == (
        "mattered to them in their everyday work; the new website recorded every breakdown "
        "of the old routine."
    )


@pytest.mark.parametrize(("left", "right"), [("drain", "age"), ("brace", "let"), ("host", "age")])
def test_under_other_patterns_a_break_off_the_us_points_proves_nothing(
    left: str, right: str
) -> None:
    """British patterns break "drain-/age" where the US ones cannot: in a document whose
    breaks show other patterns, the closed word wins as between any two words
    (``ASSOC_WORDS``); with no such evidence the US patterns' silence keeps the hyphen."""
    tail = [f"They spoke of the {left}-", f"{right} again."]
    gb = Lexicon(_prose("en_GB", 60) + tail)
    assert gb.other_patterns and not gb.us_patterns
    assert _join_text(tail, gb) == f"They spoke of the {left}{right} again."
    few = Lexicon(_prose("en_GB", 5) + tail)
    assert not few.other_patterns
    assert _join_text(tail, few) == f"They spoke of the {left}-{right} again."


def _shared_prose(n: int) -> list[str]:
    """Lines of a British-typeset text whose every break falls where the US patterns break
    too: its share on US points is 1.0, as in a short document the two break alike."""
    us, gb = pyphen.Pyphen(lang="en_US"), pyphen.Pyphen(lang="en_GB")
    breaks = []
    for w in WORDS:
        shared = [p for p in gb.positions(w) if p in us.positions(w) and p >= 2 and len(w) - p >= 3]
        if shared:
            breaks.append((w, shared[-1]))
    lines = []
    for i in range(n):
        w, at = breaks[i % len(breaks)]
        lines += [f"and then we spoke of the {w[:at]}-", f"{w[at:]} matter once more"]
    return lines


@pytest.mark.parametrize(("left", "right"), [("wo", "men"), ("law", "yer"), ("les", "sons")])
def test_a_british_document_breaking_where_both_patterns_do_is_not_named_us(
    left: str, right: str
) -> None:
    """Review r1b: a British-typeset document whose certain breaks all fall on points both
    patterns share (share 1.0) was named US, and its British breaks off the US points
    ("wo-/men", "law-/yer") kept their hyphens.  Only breaks the two tell apart name them."""
    tail = [f"They spoke of the {left}-", f"{right} again."]
    lex = Lexicon(_shared_prose(40) + tail)
    assert lex.certain_breaks >= 32 and lex.on_patterns == lex.certain_breaks
    assert not lex.us_patterns
    assert _join_text(tail, lex) == f"They spoke of the {left}{right} again."
