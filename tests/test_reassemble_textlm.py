"""Text evidence of the reading-order model (langmodel, features): what the words say across a join (issue 11, 3(c))."""

from __future__ import annotations

from edition import reassemble as R


def test_document_bigrams_do_not_count_the_inputs_own_joins() -> None:
    # the pair across two fragments ("beta" | "gamma") is a join still to be decided: counting it
    # would make ``bigram_seen`` vote for the file order at every column break
    text = "Alpha beta went home early that\n\ngamma delta stayed at the inn.\n"
    prep = R.prepare(text)
    assert prep.bg is not None and len(prep.frags) == 2
    assert prep.bg.word_bigrams[("alpha", "beta")] == 1
    assert ("that", "gamma") not in prep.bg.word_bigrams
