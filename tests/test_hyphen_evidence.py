"""Line-end hyphens between two words: bound morphemes, the typesetter's patterns, and the
joined word's frequency decide (``reassemble.lexicon.drop_hyphen``: text, PDF and HTML)."""

from __future__ import annotations

import pytest

from edition.readers.plain import join_lines
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


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        # a prefix before a word makes a word, known to wordfreq or not
        ("be", "smeared", "besmeared"),
        ("in", "apt", "inapt"),  # a learned stem ("in-/expert" keeps it: see the in- compounds)
        # a bound ending that is no word of its own, even where the joined word is unknown
        ("shiver", "ingly", "shiveringly"),
        # "-ling" after a stem: a typesetter's break (British patterns break "spark-ling")
        ("spark", "ling", "sparkling"),
        # a name broken by hyphenation: a capitalised left half makes no compound with a
        # right half that is not a word of its own
        ("Bel", "homme", "Belhomme"),
        ("Mer", "vaux", "Mervaux"),
        # two words whose closed form is far likelier than the two meeting by chance:
        # where TeX's US patterns could not break (British ones can) ...
        ("des", "cent", "descent"),
        ("mon", "arch", "monarch"),
        # ... and a rare closed word the patterns allow
        ("fil", "lip", "fillip"),
        ("hal", "yard", "halyard"),
    ],
)
def test_more_typesetters_hyphens_go(left: str, right: str, joined: str) -> None:
    assert _join_text([f"the {left}-", f"{right} of it"], Lexicon([])) == f"the {joined} of it"


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a particle inside a longer compound: the compound's own hyphen
        (["near Brunoy-", "le-Petit and"], "near Brunoy-le-Petit and"),
        (["near Fleury-", "en-Bière and"], "near Fleury-en-Bière and"),
        # "in" after a hyphen of its own is a compound's particle, not a prefix
        (["his mother-in-", "law came"], "his mother-in-law came"),
        # a right half that is a prefixed word wordfreq does not list is still a word
        (["the ink-", "besmeared page"], "the ink-besmeared page"),
        (["the moss-", "begrown wall"], "the moss-begrown wall"),
        # a prefix before the vowel it ends with keeps the hyphen that parts them
        (["to re-", "echo it"], "to re-echo it"),
    ],
)
def test_compound_particles_and_vowel_clashes_stay(lines: list[str], joined: str) -> None:
    assert _join_text(lines, Lexicon([])) == joined


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a common word whose last letters spell a particle, broken inside a compound (the
        # patterns break "Stal-in", "cab-in"): the word, not a particle of the compound
        (["a Stal-", "in-era decree"], "a Stalin-era decree"),
        (["the Lat-", "in-American left"], "the Latin-American left"),
        (["the cab-", "in-boy ran"], "the cabin-boy ran"),
        # a prefix inside a compound of its own, or before a function word, makes no word
        (["the be-", "all and end-all"], "the be-all and end-all"),
        (["a tour-de-", "force of wit"], "a tour-de-force of wit"),
        # a name before an English participle or "-like" is a compound adjective …
        (["years of Trotsky-", "baiting in the press"], "years of Trotsky-baiting in the press"),
        (["a Hegel-", "haunted youth"], "a Hegel-haunted youth"),
        (["the Lenin-", "worshipping crowd"], "the Lenin-worshipping crowd"),
        (["a Christ-", "like patience"], "a Christ-like patience"),
        # … and a lower-case joined form nobody writes is no likelier than the compound
        (["the idol-", "worshipping crowd"], "the idol-worshipping crowd"),
        # while a name's ending still closes up
        (["the Kautsky-", "ite line"], "the Kautskyite line"),
        (["the Dickens-", "ian world"], "the Dickensian world"),
        (["on the Bal-", "bec beach"], "on the Balbec beach"),
    ],
)
def test_compounds_around_particles_prefixes_and_names(lines: list[str], joined: str) -> None:
    assert _join_text(lines, Lexicon([])) == joined


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # "in-" before an everyday word heads a compound; before a learned stem it negates
        (["the in-", "laws came"], "the in-laws came"),
        (["an in-", "joke"], "an in-joke"),
        (["the in-", "violate rule"], "the inviolate rule"),
        # a common first half with a particle after it: the compound, not "upto"
        (["the up-", "to-date files"], "the up-to-date files"),
        (["a plug-", "in-hybrid car"], "a plug-in-hybrid car"),
        # a particle after a hyphen of its own goes on with the compound
        (["the day-to-", "day work"], "the day-to-day work"),
        (["well-to-", "do people"], "well-to-do people"),
        # a hyphen before a capital is the word's own, joined without a space
        (["the anti-", "Semitic press"], "the anti-Semitic press"),
        (["the Anglo-", "Saxon kings"], "the Anglo-Saxon kings"),
        (["he said -", "The end"], "he said - The end"),
    ],
)
def test_in_compounds_particles_after_hyphens_and_capitals(lines: list[str], joined: str) -> None:
    assert _join_text(lines, Lexicon([])) == joined


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        # a prefix broken inside a compound of its own is no particle of the compound
        (["a self-de-", "termination of peoples"], "a self-determination of peoples"),
        (["self-in-", "terest"], "self-interest"),
        (["non-in-", "tervention"], "non-intervention"),
        (["non-de-", "nominational"], "non-denominational"),
        # a French particle makes compounds of names only: "-en" here ends an English word
        (["a gold-", "en-haired girl"], "a golden-haired girl"),
        (["wood-", "en-faced"], "wooden-faced"),
        # a compound that repeats its first word keeps its particle though "today" is a word
        (["face-to-", "face talks"], "face-to-face talks"),
    ],
)
def test_prefixes_and_endings_inside_compounds(lines: list[str], joined: str) -> None:
    assert _join_text(lines, Lexicon([])) == joined
    assert join_lines(lines, Lexicon([])) == joined


#: A document that hyphenates compounds English also writes closed ("sea-side", "bed-room",
#: "school-boy"), and one that closes compounds English also writes apart.
_HYPHENATING = ["she left the sea-side for the bed-room", "a school-boy came in"]
_CLOSING = ["save the filename first", "a website and a checkbox", "the everyday job"]


@pytest.mark.parametrize("style", [_CLOSING, []])
def test_a_pair_english_writes_apart_is_closed_where_the_text_closes_compounds(
    style: list[str],
) -> None:
    # a text that closes compounds ("filename", "website"), or shows no compound at all,
    # keeps the closed word: "file-/name" read "file-name" would be the error there
    lines = style + ["by the river-", "bank at dusk"]
    assert _join_text(lines[-2:], Lexicon(lines)) == "by the riverbank at dusk"


@pytest.mark.parametrize(
    ("left", "right"),
    [("life", "time"), ("any", "body"), ("care", "less"), ("down", "right"), ("off", "site")],
)
def test_a_closed_word_stays_closed_in_a_text_that_hyphenates_compounds(
    left: str, right: str
) -> None:
    # English writes these closed, or the pair's count is a phrase's ("care less", "turn
    # down right away", "work off site"): no compound
    lines = _HYPHENATING + [f"all the {left}-", f"{right} on it"]
    assert _join_text(lines[-2:], Lexicon(lines)) == f"all the {left}{right} on it"


@pytest.mark.parametrize(("left", "right"), [("pork", "chops"), ("spark", "plugs")])
def test_a_pair_english_writes_apart_with_a_rare_closed_form_keeps_its_hyphen(
    left: str, right: str
) -> None:
    # whatever the text's style: "porkchops" is rare where "pork chops" is common, so the
    # likelier reading of "pork-/chops" is the compound, never the closed string
    assert (
        _join_text([f"the {left}-", f"{right} of it"], Lexicon([])) == f"the {left}-{right} of it"
    )


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [("every", "day", "everyday"), ("web", "site", "website"), ("break", "down", "breakdown")],
)
@pytest.mark.parametrize(
    "lead",
    [
        "Their well-being was a long-term concern of the board,",
        "Their well-being and the non-profit were the concern of the board,",
        "Full-time staff and world-wide anti-war groups were the concern of the board,",
    ],
)
def test_modern_compounds_do_not_make_a_text_hyphenate(
    left: str, right: str, joined: str, lead: str
) -> None:
    # a modern text writes "well-being", "non-profit", "full-time": no sign of an older
    # style that hyphenates "every-day" or "web-site"
    lines = [
        lead,
        "which met again in the spring to look at the",
        f"{left}-",
        f"{right} of the plan.",
    ]
    assert _join_text(lines[-2:], Lexicon(lines)) == f"{joined} of the plan."


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        # wordfreq lists "sallow" and "gabble", not these forms of them: the hyphen falls
        # inside the word the ending was added to, so it is the typesetter's
        ("sal", "lowness", "sallowness"),
        ("gab", "bled", "gabbled"),
        # no inflection of a known word: still two words with no closed word
        ("hall", "porters", "hall-porters"),
        ("half", "comprehended", "half-comprehended"),
        ("idol", "worshipping", "idol-worshipping"),
        # a compound adjective in "-ed" keeps its hyphen in its "-ness" and "-ly" words
        ("kind", "heartedness", "kind-heartedness"),
        ("cold", "bloodedly", "cold-bloodedly"),
        # the right half is a common word and so is the stem's part after the hyphen: the
        # ending can be the right half's, the compound reading is open
        ("full", "timers", "full-timers"),
        ("class", "worker", "class-worker"),
        ("how", "tos", "how-tos"),
        ("de", "escalated", "de-escalated"),
    ],
)
def test_an_unlisted_form_of_a_known_word_is_judged_as_that_word(
    left: str, right: str, joined: str
) -> None:
    assert _join_text([f"the {left}-", f"{right} of it"], Lexicon([])) == f"the {joined} of it"


def test_a_name_is_no_form_of_a_word_its_letters_make() -> None:
    # "Lindeness" is a name broken by hyphenation, not an inflection of "linde".  A regression
    # test of the callers, not of the stem rule: only a lower-case left half reaches it (the
    # name guard of "two words with no closed word" keeps "Lin-/deness" from it)
    assert _join_text(["at Lin-", "deness she"], Lexicon([])) == "at Lindeness she"
