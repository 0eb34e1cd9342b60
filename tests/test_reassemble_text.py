"""Reading order, text and fragment side: furniture by recurrence, glued lines cut, text continuity."""

from __future__ import annotations

from edition.reassemble.layout import find_furniture

BODY = [
    "The harbour town had grown slowly for three centuries.",
    "Its merchants remembered every storm that closed the port.",
    "Nobody in the town could say when the first quay was built.",
    "The fishermen told a different story every winter evening.",
]


def _pages(footers: list[str]) -> list[str]:
    """One body line per page, each page closed by its footer between blank lines."""
    lines: list[str] = []
    for body, foot in zip(BODY, footers):
        lines += [body, "", foot, ""]
    return lines


def test_footer_with_page_number_set_apart_recurring_is_furniture() -> None:
    lines = _pages([f"Anna Example · A Harbour Story   {k}" for k in range(1, 5)])
    assert find_furniture(lines) == {2, 6, 10, 14}


def test_a_footer_shape_seen_once_is_text() -> None:
    # the same words with a number set apart, but on one page only: nothing recurs
    lines = _pages(["Anna Example · A Harbour Story   1", "x", "y", "z"])
    assert 2 not in find_furniture(lines)


def test_headings_with_their_number_are_not_footers() -> None:
    # "Chapter 3" recurs with other numbers and stands alone, but its number is not set apart
    lines = _pages([f"Chapter {k}" for k in range(1, 5)])
    assert find_furniture(lines) == set()
    # a heading of dates has its numbers set apart, but no words: not a running head
    lines = _pages(["1914 – 1918", "1918 – 1939", "1939 – 1945", "1945 – 1989"])
    assert find_furniture(lines) == set()


def test_title_block_pair_of_running_heads_is_kept_as_text() -> None:
    # running heads alternate between the author and the title; the title block holds both
    # together once: that pair is text, every lone copy is furniture
    lines = [
        "Anna Example",
        "",
        "A Harbour Story",
        "",
        BODY[0],
        "",
        "Anna Example",
        "",
        BODY[1],
        "",
        "A Harbour Story",
        "",
        BODY[2],
    ]
    assert find_furniture(lines) == {6, 10}


def test_line_twice_a_column_wide_is_cut_between_its_two_column_lines() -> None:
    # an extractor glued the next column's first line to this column's last one with a
    # single space: no double space, no full stop to cut at; the width and the word tail
    # ("fessor" after a whole word) tell where
    from edition.reassemble.layout import cut_fragments
    from edition.reassemble.lexicon import Lexicon

    col = [
        "The harbour town had grown slowly for",
        "three centuries, and its merchants had",
        "kept the accounts of every ship that came",
        "in, every storm that closed the port and",
    ] * 6 + [
        "way or another to the same party. When fessor Liedenbrock rushed into his study",
        "every quarrel with the town council.",
    ]
    lex = Lexicon(col)
    frags = cut_fragments(col, set(), set(), set(), lex)
    texts = [p.text for f in frags for p in f.pieces]
    assert "way or another to the same party. When" in texts
    assert "fessor Liedenbrock rushed into his study" in texts
    # nothing dropped or altered
    assert " ".join(texts).split() == " ".join(col).split()
    # a short text has no column width: the same line stays whole
    frags = cut_fragments(col[-2:], set(), set(), set(), lex)
    assert [p.text for f in frags for p in f.pieces] == col[-2:]


def test_a_function_word_before_a_hyphen_makes_no_compound() -> None:
    # "looking-" | "glass" is a compound English pairs; "to-" | "be" is a phrase, and a
    # hyphen after "to" is a word broken in two ("to-night"): no compound bonus there
    from edition import reassemble as R
    from edition.reassemble.params import FEATURES

    text = "\n\n".join(
        [
            "She walked through the looking-",
            "He had nothing more to-",
            "glass into the garden of the queen.",
            "be organised before the end of the week.",
        ]
    )
    prep = R.prepare(text + "\n")
    X = R.pair_features(prep, R.DEFAULT)
    k = FEATURES.index("en_bigram_pos")
    assert X[0, 2, k] > 0  # looking-glass
    assert X[1, 3, k] == 0  # to- be


def test_page_numbers_between_dashes_and_page_n_of_m_are_furniture() -> None:
    lines = _pages(["– 1 –", "– 2 –", "Page 3 of 12", "Page 4 of 12"])
    assert find_furniture(lines) == {2, 6, 10, 14}
    # a dash alone, or a sentence that ends "page 3 of the report.", is text
    lines = _pages(["–", "see page 3 of the report.", "Notes", "End"])
    assert find_furniture(lines) == set()


def _long_pages(heads: list[str]) -> list[str]:
    """Pages of a dozen body lines, each opened by its head between blank lines."""
    lines: list[str] = []
    for head in heads:
        lines += [head, "", *(BODY * 3), ""]
    return lines


def test_facing_page_heads_with_the_number_on_either_side_are_furniture() -> None:
    # a short text: the verso head ("2   A Harbour Story") and the recto head ("Anna Example   3")
    # come once each; the number leading one and ending the other, set apart, is the recurrence
    lines = _long_pages(["Notes", "2    A Harbour Story", "Anna Example    3", "Sources"])
    assert find_furniture(lines) == {15, 30}
    # one such line alone, or two with the same number (a heading repeated), stays text
    assert (
        find_furniture(_long_pages(["Notes", "2    A Harbour Story", "Sources", "Index"])) == set()
    )
    same = ["Notes", "2    A Harbour Story", "Anna Example    2", "Sources"]
    assert find_furniture(_long_pages(same)) == set()
    # facing pages are numbered one apart: a numbered heading and a dateline are text
    assert (
        find_furniture(_long_pages(["1   Introduction", "Paris    1871", "Harbours", "Quays"]))
        == set()
    )
    # and a page of text apart: numbered lines next to each other are a table of contents
    contents = ["2    Harbours", "", "Quays    3", "", *BODY]
    assert find_furniture(contents) == set()


def test_generator_extra_furniture_formats_are_marked_and_found() -> None:
    # the formats the wide bench split adds: every one is marked as furniture by the generator
    # (so the bench can score it) and the reassembler removes it
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import ESSAYS, EXTRA_FURNITURE_FORMATS, make_case

    case = make_case(
        ESSAYS,
        seed=11,
        columns=2,
        pages=4,
        height=20,
        shuffle="none",
        furniture_formats=EXTRA_FURNITURE_FORMATS,
    )
    lines = case.text.split("\n")
    marked = {lines[i - 1] for i in case.furniture}
    assert {"– 2 –", "Page 2 of 4"} <= marked
    found = {i + 1 for i in find_furniture(lines)}
    assert found & set(case.units) == set()
    assert len(found & case.furniture) >= 0.9 * len(case.furniture)


def test_a_letters_close_is_no_title_and_clean_text_keeps_its_order() -> None:
    # a clean text in order with a letter in it: the close ("Very cordially yours," / name /
    # office) is short and unpunctuated at its end, but a line of it ends on a comma; read as
    # the title block it was moved to the top of the text
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import ESSAYS

    from edition.reassemble import reassemble

    letter = [
        "Sir,",
        "",
        "I have the honour to inform you that the expedition leaves on Tuesday.",
        "",
        "Very cordially yours,",
        "J. B. Hobson",
        "Secretary of the Navy",
    ]
    lines: list[str] = []
    for i, p in enumerate(ESSAYS[:5]):
        lines += [p, ""]
        if i == 3:
            lines += [*letter, ""]
    r = reassemble("\n".join(lines) + "\n")
    starts = [a for a, _b in r.order]
    assert starts == sorted(starts)
    assert r.paragraphs[0].text.startswith(ESSAYS[0][:40])
    # a salutation with no comma is title-like too, but stands alone inside running text: no
    # title block (those open the file or stand over another title line or a heading)
    lines = [ln if ln != "Sir," else "Dear Sir" for ln in lines]
    lines = [ln if ln != "Very cordially yours," else "Yours truly" for ln in lines]
    r = reassemble("\n".join(lines) + "\n")
    starts = [a for a, _b in r.order]
    assert starts == sorted(starts)


def test_character_model_trains_on_a_bounded_sample_even_of_one_huge_fragment(
    monkeypatch,
) -> None:
    # a 10 MB text on one line is one fragment: the sample bound must hold inside it too
    from edition.reassemble import langmodel
    from edition.reassemble.assemble import prepare

    monkeypatch.setattr(langmodel, "_CHAR_TRAIN", 2000)
    prep = prepare(" ".join(BODY * 60) + "\n")
    assert len(prep.frags) == 1 and len(prep.frags[0].text_first) > 10_000
    cm = langmodel.CharModel(prep.frags)
    assert sum(cm.counts[1].values()) == 2000


def test_joining_a_long_paragraph_keeps_every_rejoin_across_its_flushes() -> None:
    # the joined text is set aside in blocks as it grows; a hyphen rejoin at a block's edge
    # must still reach back into the word it completes
    from edition.reassemble.lexicon import Lexicon, _join_text

    lex = Lexicon(["the international harbour of the town", "x"])
    parts = ["the harbour of the inter-", "national town"] * 2000
    out = _join_text(parts, lex)
    assert out == " ".join(["the harbour of the international town"] * 2000)


def test_bad_input_is_returned_whole_never_a_crash() -> None:
    # whitespace only, control characters, one huge line, one line repeated: every line with
    # text is placed or listed as furniture, and nothing raises
    from edition.reassemble import reassemble

    huge = " ".join(BODY * 800)  # ~180,000 characters on one line
    for text in ["  \n\t\n\n", "abc\x00def\nghi\x01\x7f\n", huge, "The same line.\n" * 3000]:
        r = reassemble(text)
        lines = text.split("\n")
        placed = {ln for a, b in r.order for ln in range(a, b + 1)}
        furniture = {ln for a, b in r.furniture for ln in range(a, b + 1)}
        assert placed | furniture == {i for i, s in enumerate(lines, 1) if s.strip()}
    r = reassemble(huge)
    assert [p.text for p in r.paragraphs] == [huge]
