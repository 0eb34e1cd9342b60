"""Typo proposals (evidence from the lexicon and the document) and accepted corrections."""

from __future__ import annotations

from collections import Counter

from edition.corrections import apply_corrections, judge_split, propose_corrections


def test_stray_letter_is_proposed() -> None:
    (p,) = propose_corrections("The war was stil l going on.", "en")
    assert (p.sic, p.corr) == ("stil l", "still") and p.confidence >= 0.9


def test_document_vocabulary_is_evidence() -> None:
    vocab = Counter({"confront": 2, "con": 1, "front": 3})
    p = judge_split("con", "front", "en", vocab)
    assert p is not None and p.corr == "confront"


def test_legitimate_pairs_are_not_proposed() -> None:
    for text in [
        "He went in to the room.",
        "Any one of them at a snail’s pace.",
        "They met in New York.",
        "the re-establishment of order",
    ]:
        assert propose_corrections(text, "en", Counter(text.lower().split())) == [], text


def test_apply_only_accepted_and_record_offsets_in_corrected_text() -> None:
    text, cs = apply_corrections(
        "no alter native, no alter  native; alter natives", [("alter native", "alternative")]
    )
    assert text == "no alternative, no alternative; alter natives"
    assert [text[c.start : c.end] for c in cs] == ["alternative", "alternative"]
    assert cs[1].sic == "alter  native"
