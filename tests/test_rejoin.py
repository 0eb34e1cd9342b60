"""Line-end hyphens: the document's own spelling of a word decides before any lexicon."""

from __future__ import annotations

from edition.reassemble import reassemble
from edition.reassemble.lexicon import Lexicon


def test_lexicon_alone_would_close_middle_class() -> None:
    # the baseline the document's evidence must override: wordfreq knows "middleclass"
    assert Lexicon([]).drop_hyphen("middle", "class")


def test_a_form_written_hyphenated_elsewhere_keeps_its_hyphen() -> None:
    # the other occurrence opens a line: its inner hyphen is still the author's
    lines = ["a hotchpotch of", "middle-class survivals and more.", "the new middle-", "class of"]
    assert not Lexicon(lines).drop_hyphen("middle", "class")


def test_a_form_written_closed_elsewhere_stays_closed() -> None:
    assert not Lexicon([]).drop_hyphen("counter", "revolution")  # the lexicon keeps it
    lines = ["the counterrevolution won.", "a counter-", "revolution came"]
    assert Lexicon(lines).drop_hyphen("counter", "revolution")


def test_the_more_frequent_spelling_wins_and_a_tie_keeps_the_hyphen() -> None:
    both = ["an anti-war rally", "an anti-war song", "the antiwar vote"]
    assert not Lexicon(both).drop_hyphen("anti", "war")
    assert Lexicon([*both, "antiwar", "antiwar"]).drop_hyphen("anti", "war")
    assert not Lexicon(["an anti-war rally", "the antiwar vote"]).drop_hyphen("anti", "war")


def test_a_line_end_fragment_is_not_evidence_of_a_closed_word() -> None:
    # "counter-" ending a line is a head, not the word "counter" written closed
    lx = Lexicon(["he met the counter-", "revolution head on"])
    assert lx.closed["counter"] == 0 and lx.hyphenated["counter-revolution"] == 0


def test_reassembled_paragraph_reads_middle_class() -> None:
    text = (
        "Lenin deemed that the apparatus was a hotchpotch of\n"
        "middle-class survivals and of tsarist habits. That year\n"
        "he wrote again. In his eyes the new middle-\n"
        "class of the kulaks remained the principal danger.\n"
    )
    joined = " ".join(p.text for p in reassemble(text).paragraphs)
    assert "the new middle-class of the kulaks" in joined
    assert "middleclass" not in joined
