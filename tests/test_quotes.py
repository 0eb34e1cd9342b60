"""Quotation marks by language, and quotations that run over several sentences."""

from __future__ import annotations

from edition.quotes import quote_spans, quoted_texts, unbalanced


def test_quotation_across_three_sentences_gives_linked_parts() -> None:
    rows = quote_spans(
        ["He called it “the only honest measure.", "Everything else.", "Decoration.” Then"], "en"
    )
    assert [[(q.part, q.group) for q in r] for r in rows] == [[("I", 0)], [("M", 0)], [("F", 0)]]
    assert rows[0][0].start == 13 and rows[2][0].end == 12


def test_apostrophes_are_not_quotation_marks() -> None:
    (row,) = quote_spans(["Trotsky’s “socialism in one country” and the workers’ ‘soviets’."], "en")
    texts = [
        "Trotsky’s “socialism in one country” and the workers’ ‘soviets’."[q.start : q.end]
        for q in row
    ]
    assert texts == ["“socialism in one country”", "‘soviets’"]


def test_french_guillemets_with_no_break_spaces_and_nested_quotes() -> None:
    text = "Il dit\u00a0: «\u00a0C’est “fini”.\u00a0» Non."
    (row,) = quote_spans([text], "fr")
    assert [text[q.start : q.end] for q in row] == ["«\u00a0C’est “fini”.\u00a0»", "“fini”"]
    assert quoted_texts(text, "fr")[0] == "C’est “fini”."


def test_german_low_high_quotes() -> None:
    text = "Er sagte „Nein“ und ‚ja‘."
    (row,) = quote_spans([text], "de")
    assert [text[q.start : q.end] for q in row] == ["„Nein“", "‚ja‘"]


def test_unbalanced_reports_stray_and_unclosed_marks() -> None:
    assert unbalanced(["He said “no.", "Then ” left"], "en") == []
    assert unbalanced(["He said “no.", "Then left “x"], "en") == [(0, 8, "“"), (1, 10, "“")]
    assert unbalanced(["A stray ” here."], "en") == [(0, 8, "”")]


def test_straight_quotes_open_after_space_close_before() -> None:
    text = 'He said "yes" and left.'
    (row,) = quote_spans([text], "en")
    assert [text[q.start : q.end] for q in row] == ['"yes"']


def test_plural_possessive_inside_single_quotes() -> None:
    text = "He spoke of a ‘workers’ state’ and left."
    (row,) = quote_spans([text], "en")
    assert [text[q.start : q.end] for q in row] == ["‘workers’ state’"]
    assert unbalanced([text], "en") == []
