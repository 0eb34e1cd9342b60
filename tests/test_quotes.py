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


def test_an_opening_mark_of_the_kind_already_open_ends_the_stale_quotation() -> None:
    # the ferryman's closer is lost: his ‘ must not stay open until the ’ of "’em" far below
    texts = [
        "‘Come aboard, said the ferryman. ‘Hold the rope,’ he added.",
        "Nobody on the bank answered him.",
        "The boys only shouted, ‘Tell ’em to wait!’ and ran off.",
        "He would row ’em across himself.",
    ]
    rows = quote_spans(texts, "en")
    spans = [[texts[i][q.start : q.end] for q in row] for i, row in enumerate(rows)]
    assert spans == [["‘Hold the rope,’"], [], ["‘Tell ’em to wait!’"], []]
    assert unbalanced(texts, "en") == [(0, 0, "‘")]


def test_a_new_paragraph_reopening_the_quotation_keeps_the_previous_one_quoted() -> None:
    # the English convention: each paragraph of a long speech opens with ‘ and only the last
    # one closes; the first paragraph stays quoted, up to its end
    texts = [
        "‘The river was high that spring, and the ferry ran late every day.",
        "We had no bread left by the Friday.",
        "‘So we waited three days on the bank,’ she said.",
    ]
    rows = quote_spans(texts, "en")
    assert [[q.part for q in row] for row in rows] == [["I"], ["M"], ["N"]]
    assert rows[0][0].start == 0 and rows[1][0].end == len(texts[1])
    assert rows[0][0].group == rows[1][0].group != rows[2][0].group


def test_elided_words_are_apostrophes_not_quotation_marks() -> None:
    assert quote_spans(["They played rock ’n’ roll and sang ’em all night."], "en") == [[]]
    assert unbalanced(["He said 'tis late and ‘twas ever so.", "Then ‘em two left."], "en") == []
    text = "‘I like rock ’n’ roll,’ she said, ‘and ’90s songs.’"
    (row,) = quote_spans([text], "en")
    assert [text[q.start : q.end] for q in row] == ["‘I like rock ’n’ roll,’", "‘and ’90s songs.’"]
    # a closer after punctuation with its following space lost still closes
    text = "‘Yes,’said the pilot."
    assert [text[q.start : q.end] for q in quote_spans([text], "en")[0]] == ["‘Yes,’"]


def test_the_same_mark_nested_and_closed_twice_stays_nested() -> None:
    text = "He wrote that “we call “ours” a staff quite foreign to us” and stopped."
    (row,) = quote_spans([text], "en")
    assert [text[q.start : q.end] for q in row] == [
        "“we call “ours” a staff quite foreign to us”",
        "“ours”",
    ]
    # French may nest guillemets in guillemets, over segments too
    texts = [
        "«\u00a0Il lui cria\u00a0: «\u00a0Viens donc,",
        "mon frère.\u00a0»",
        "Puis il partit.\u00a0»",
    ]
    rows = quote_spans(texts, "fr")
    assert [sorted(q.part for q in row) for row in rows] == [["I", "I"], ["F", "M"], ["F"]]
    assert unbalanced(texts, "fr") == []
