"""Permanent ids: real edits (word changed, sentence inserted/deleted, paragraph moved)."""

from __future__ import annotations

from edition.ids import assign_ids, reconcile
from edition.model import Block, Division, Document, Metadata, Sentence


def doc_of(*paragraphs: list[str]) -> Document:
    return Document(
        "w",
        "en",
        Metadata("t", "a"),
        [Division("1", [Block("p", [Sentence(t) for t in p]) for p in paragraphs])],
    )


def ids(doc: Document) -> dict[str, str]:
    return {s.text: s.id for s in doc.sentences()}


P1 = ["The first sentence is here.", "A second one follows it.", "The third closes the paragraph."]
P2 = ["Another paragraph begins.", "It has two sentences."]


def first_build() -> tuple[Document, int]:
    d = doc_of(P1, P2)
    hw = assign_ids(d, [], 0, "w")
    return d, hw


def previous(d: Document) -> list[tuple[str, str]]:
    return [(s.id, s.text) for s in d.sentences()]


def test_fresh_ids_are_sequential_ncnames() -> None:
    d, hw = first_build()
    assert [s.id for s in d.sentences()] == [
        "w-0001",
        "w-0002",
        "w-0003",
        "w-0004",
        "w-0005",
    ] and hw == 5


def test_word_changed_keeps_id() -> None:
    d, hw = first_build()
    d2 = doc_of([P1[0], "A second sentence follows it.", P1[2]], P2)
    assign_ids(d2, previous(d), hw, "w")
    assert ids(d2)["A second sentence follows it."] == "w-0002"


def test_insert_and_delete_never_reuse_ids() -> None:
    d, hw = first_build()
    d2 = doc_of([P1[0], "A brand new sentence about something else entirely.", P1[2]], P2[1:])
    hw2 = assign_ids(d2, previous(d), hw, "w")
    got = ids(d2)
    assert got[P1[0]] == "w-0001" and got[P1[2]] == "w-0003" and got[P2[1]] == "w-0005"
    assert got["A brand new sentence about something else entirely."] == "w-0006" and hw2 == 6
    # w-0002 and w-0004 are retired: a later insertion gets w-0007, not a reused number.
    d3 = doc_of(P1, P2)
    assign_ids(d3, previous(d2), hw2, "w")
    assert ids(d3)[P1[1]] == "w-0007" and ids(d3)[P2[0]] == "w-0008"


def test_moved_paragraph_keeps_ids() -> None:
    d, hw = first_build()
    d2 = doc_of(P2, P1)
    assign_ids(d2, previous(d), hw, "w")
    assert ids(d2) == ids(d)


def test_moved_and_lightly_edited() -> None:
    d, hw = first_build()
    d2 = doc_of(P2, [P1[0], P1[1], "The third one closes the paragraph."])
    assign_ids(d2, previous(d), hw, "w")
    assert ids(d2)["The third one closes the paragraph."] == "w-0003"


def test_duplicate_sentences_get_distinct_ids() -> None:
    d = doc_of(["Yes.", "Yes.", "No."])
    assign_ids(d, [], 0, "w")
    assert len({s.id for s in d.sentences()}) == 3


def test_reconcile_is_order_preserving_for_unchanged_runs() -> None:
    assert reconcile(["a b c", "d e f"], ["x y z", "a b c", "d e f"]) == [None, 0, 1]
