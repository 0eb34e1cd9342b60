"""Clean text in reading order comes through in order, words and paragraphs kept (issue 15, point 3)."""

from __future__ import annotations

import textwrap

from edition.readers.plain import detect_layout, read_plain

_STORY = [
    "The village lay at the foot of a long green hill, and in the evenings the smoke of its "
    "chimneys hung over the river like a second, slower stream.",
    "Nobody in it had ever seen the sea, though the schoolmaster spoke of it often and kept a "
    "shell on his desk that he said had come from the coast of Brittany.",
    "When the letter came from the harbour town, it was read aloud in the square by the "
    "postmaster, who was the only man there with spectacles strong enough for the hand.",
    "It said that a ship would be waiting at the end of the month for anyone who wished to go, "
    "and that the passage would be paid by a society whose name none of them knew.",
    "The baker went home and told his wife, and his wife told the miller, and by nightfall "
    "there was not a house in the valley where the matter was not being argued.",
    "Some said it was a trick of the recruiting sergeants; others that it was a chance such as "
    "would not come twice in a lifetime, and that a wise man would take it.",
    "In the end eleven families put their names down, and on the first morning of the next "
    "month they set out along the river road with their carts and their animals.",
]


def _paras(text: str) -> list[str]:
    return [p.text for p in read_plain(text)[0].paragraphs]


def test_a_chapter_heading_in_capitals_is_no_sentence_cut_and_the_text_stays_in_order() -> None:
    # a heading in capitals as long as a text line, and a verse stanza whose last line has no
    # stop: neither is a column cut, so the text is flowing and read in file order
    head = "CHAPTER III. THE RIVER ROAD AND THE FAMILIES WHO TOOK IT"
    verse = ["Over the hill and over the dale", "Down to the harbour and out with the sail"]
    paras = [head] + _STORY[:4] + ["\n".join(verse)] + _STORY[4:]
    text = "\n\n".join(textwrap.fill(p, 60) if "\n" not in p and p != head else p for p in paras)
    ev = detect_layout(text + "\n")
    assert ev.layout == "flowing", ev.describe()
    got = _paras(text + "\n")
    assert got[0] == head
    assert got[1:5] == _STORY[:4]
    assert " ".join(got[5:-3]) == " ".join(verse)
    assert got[-3:] == _STORY[4:]


def test_a_line_opening_with_a_dash_and_a_no_break_space_does_not_end_a_paragraph() -> None:
    # French typography: "—\u00a0Oui," is one word to a wrapper (it does not break at U+00A0),
    # so "the next word would have fitted on the line above" must measure it whole
    body = (
        "Il répondit enfin, après un long silence, à la question que tout le monde attendait "
        "de lui depuis tout ce le matin : —\u00a0Oui, je partirai avec eux, et je ne reviendrai "
        "pas avant que le dernier de ces enfants ait trouvé une maison."
    )
    lines = textwrap.wrap(body, 60, break_on_hyphens=False)
    assert lines[2].startswith("—\u00a0Oui,")  # the wrapper broke before the dash
    # enough wrapped text around it for the wrapper to show itself greedy
    story = [textwrap.fill(p, 60, break_on_hyphens=False) for p in _STORY]
    text = "\n\n".join([*story, "\n".join(lines), *story]) + "\n"
    assert _paras(text) == [*_STORY, body, *_STORY]


def test_the_solver_keeps_a_bare_numbered_heading_and_a_salutation_apart_from_the_next_paragraph() -> (
    None
):
    # the reading-order path (a text judged a column extraction, or `layout = "columns"`): a line
    # standing alone between blank lines that no sentence runs out of is a paragraph of its own
    from edition.reassemble import reassemble

    paras = [
        "1 Introduction",
        *_STORY[:3],
        "2.3 Methods",
        *_STORY[3:5],
        "London, 3 May 1871",
        "Dear Madam,",
        _STORY[5],
        "Yours faithfully,",
        _STORY[6],
    ]
    text = "\n\n".join(textwrap.fill(p, 60) for p in paras) + "\n"
    got = [p.text for p in reassemble(text).paragraphs]
    for line in (
        "1 Introduction",
        "2.3 Methods",
        "London, 3 May 1871",
        "Dear Madam,",
        "Yours faithfully,",
    ):
        assert line in got, got


def test_a_closing_quote_wrapped_onto_its_own_line_is_no_sentence_cut() -> None:
    # "... nice besides. " with the quote alone on the last line: the sentence ended on the line above
    said = [f'"{p[:-1]}, and that is all." ' for p in _STORY]
    paras = []
    for k, p in enumerate(said):
        lines = textwrap.wrap(p, 60)
        paras.append("\n".join([*lines, '"'] if k % 3 == 0 else lines))
    text = "\n\n".join(paras) + "\n"
    assert detect_layout(text).layout == "flowing", detect_layout(text).describe()


def test_one_paragraph_per_line_with_verse_and_a_letter_is_not_read_as_wrapped() -> None:
    # short lines ending mid-sentence (verse, a salutation, a close, a heading) say nothing about
    # wrapping: the long lines all end a sentence, so every line is a paragraph
    verse = [
        "Over the hill and over the dale",
        "Down to the harbour and out with the sail",
        "Under the lamps of the sleeping town",
        "Till the grey morning comes up and the tide goes down",
    ]
    lines = [
        "5 The Departure",
        *_STORY[:2],
        *verse,
        "Sir,",
        _STORY[2],
        "I am, Sir,",
        "Your obedient servant,",
        "J. Smith",
        *verse,
        _STORY[3],
    ]
    got = [p.text for p in read_plain("\n".join(lines) + "\n")[0].paragraphs]
    assert got == lines
