"""Ingest: the editorial layer on top of reading order and sentence boundaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.editorial import Editorial, load_editorial
from edition.files import InputError
from edition.ingest import (
    block_quotation,
    has_dialogue,
    heading_number,
    ingest,
    split_title_block,
)
from edition.reassemble import Paragraph
from edition.text import collapse_space


def para(text: str, heading: bool = False) -> Paragraph:
    return Paragraph(text=text, ranges=[(1, 1)], gap_before=False, gap_after=False, heading=heading)


def test_collapse_space_collapses_layout_spaces_but_keeps_typography() -> None:
    assert collapse_space(" the party  regime\n") == "the party regime"
    assert collapse_space("« oui\u00a0»") == "« oui\u00a0»"


def test_title_block_is_matched_against_metadata_wherever_it_is() -> None:
    ps = [
        para("Some body text."),
        para("Daniel  Bensaïd", True),
        para("The Baggage of Exodus", True),
    ]
    kept, removed = split_title_block(
        ps, {"title": "The Baggage of Exodus", "author": "Daniel Bensaïd"}
    )
    assert [p.text for p in kept] == ["Some body text."]
    assert removed == ["Daniel Bensaïd", "The Baggage of Exodus"]


@pytest.mark.parametrize(
    "text, shape, expected",
    [
        ("1. The opposition of the theory of permanent revolution", True, "1"),
        ("3. The fight against Stalinism and the bureaucracy", False, "3"),
        (
            "1917. The year began with strikes in Petrograd, and the workers of the capital were restless and hungry for bread and peace; nobody expected what was to follow.",
            False,
            None,
        ),
        ("The opposition of the theory", True, None),
    ],
)
def test_heading_number(text: str, shape: bool, expected: str | None) -> None:
    assert heading_number(text, shape) == expected


def test_block_quotation_with_citation() -> None:
    text = "“One thing is certain. Another follows.” (Trotsky 1928/1962, pp. 152-155)."
    assert block_quotation(text, "He wrote:") == (
        "“One thing is certain. Another follows.”",
        "(Trotsky 1928/1962, pp. 152-155).",
    )


def test_paragraph_opening_with_a_short_quotation_is_prose() -> None:
    text = (
        "“Marxism”, writes Trotsky, “takes its point of departure from world economy”. He goes on."
    )
    assert block_quotation(text, "Something.") is None


ESSAY = [
    "The lesson was drawn at the congress of 1922, and the resolution put it plainly:",
    "“The workers cannot take hold of the ready-made machinery of the state. They must build"
    " their own organs of power in the factories and the districts, and the party must help"
    " them do so without putting itself in their place.”",
    "This passage was quoted for decades by both sides of the dispute.",
]

NOVEL = [
    "My brother came in, threw his wet coat over a chair, and said to me:",
    "“Pack your bag. We leave for Hamburg tonight, and the coach will not wait for us.”",
    "“Tonight?”",
    "“Tonight. Do you want me to explain why, or will you trust me for once?”",
    "I did not answer, and went upstairs to pack.",
]


def kinds(paragraphs: list[str], lang: str = "en") -> list[str]:
    text = "\n\n".join(paragraphs) + "\n"
    res = ingest(text, Editorial(), work="w", lang=lang, layout="flowing")
    return [b.kind for _d, b in res.doc.blocks()]


def test_an_essays_introduced_quotation_is_a_block_quotation() -> None:
    assert kinds(ESSAY) == ["p", "quote", "p"]


def test_turns_of_dialogue_are_paragraphs_with_quoted_speech() -> None:
    """A run of turns (even one introduced by a colon, even of several sentences) is speech."""
    assert kinds(NOVEL) == ["p"] * 5
    res = ingest("\n\n".join(NOVEL) + "\n", Editorial(), work="w", layout="flowing")
    speech = [s for _d, b in res.doc.blocks() for s in b.sentences][1:3]
    assert all(s.quotes for s in speech)  # the quotation is kept, as <q>


def test_french_dialogue_dashes_are_turns() -> None:
    assert has_dialogue(["« Viens-tu ?", "— Pas encore, mon oncle.", "Il partit."])
    assert has_dialogue(["Il entra.", "« Viens ! »", "« Où donc ? »"])
    assert not has_dialogue(ESSAY)
    assert not has_dialogue(["Il entra.", "— Viens !", "Il partit."])  # one turn is not a run
    french = [
        "Le professeur prit le livre, et me dit :",
        "« Ces deux écritures ne sont pas de la même main. Le cryptogramme est postérieur.\u00a0»",
        "— Comment le savez-vous ?",
        "Il ne répondit pas.",
    ]
    assert kinds(french, "fr") == ["p"] * 4


def test_ingest_marks_quotation_across_sentences() -> None:
    text = "He called it “the only honest measure. Everything else is decoration.” Then he left.\n"
    res = ingest(text, Editorial(), work="w")
    sents = list(res.doc.sentences())
    parts = [q.part for s in sents for q in s.quotes]
    assert parts[:2] == ["I", "F"]
    groups = {q.group for s in sents for q in s.quotes}
    assert len(groups) == 1


def test_accepted_correction_only(tmp_path: Path) -> None:
    text = "He saw no alter native between them, and con front was avoided.\n"
    ed = Editorial(corrections=(("alter native", "alternative"),))
    res = ingest(text, ed, work="w")
    (s,) = list(res.doc.sentences())
    assert "alternative" in s.text and "con front" in s.text
    (c,) = s.corrections
    assert s.text[c.start : c.end] == "alternative" and c.sic == "alter native"


def test_editorial_override_needs_a_reason(tmp_path: Path) -> None:
    p = tmp_path / "editorial.toml"
    p.write_text("[[order]]\nafter = 3\nnext = 10\n", encoding="utf-8")
    with pytest.raises(InputError, match="reason"):
        load_editorial(p)


def test_missing_editorial_file_is_an_error(tmp_path: Path) -> None:
    """A named decisions file that is gone must stop the run, not mean "no decisions"."""
    with pytest.raises(InputError, match="editorial file not found"):
        load_editorial(tmp_path / "absent.toml")


def test_editor_gap_is_marked_and_reported(tmp_path: Path) -> None:
    p = tmp_path / "editorial.toml"
    p.write_text('[[gaps]]\nafter = "the second one."\nreason = "pages lost"\n', encoding="utf-8")
    res = ingest("The first paragraph.\n\nThen the second one.\n", load_editorial(p), work="w")
    blocks = [b for _d, b in res.doc.blocks()]
    assert [b.gap_after for b in blocks] == [False, True]
    assert any("pages lost" in n for n in res.notes)
    p.write_text('[[gaps]]\nafter = "not in the text"\nreason = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match="gaps"):
        ingest("The first paragraph.\n", load_editorial(p), work="w")


def test_one_gap_for_one_loss() -> None:
    """A lost page marked on both sides by reassembly is one <gap>, not two."""
    from edition.reassemble import Reassembly

    paras = [
        Paragraph("The text stops in the middle of", [(1, 1)], gap_after=True),
        Paragraph("A new paragraph after the loss.", [(3, 3)], gap_before=True),
    ]
    fake = Reassembly(
        order=[(1, 1), (3, 3)], furniture=[], gaps_after=[0], joins=[], paragraphs=paras
    )
    res = ingest(None, Editorial(), work="w", source=fake)
    blocks = [b for _d, b in res.doc.blocks()]
    assert [(b.gap_before, b.gap_after) for b in blocks] == [(False, True), (False, False)]


def test_missing_page_number_is_a_note_for_the_editor(tmp_path: Path) -> None:
    # sentences run across the page breaks: a PDF extraction, not clean text
    text = (
        "The first page ends its paragraph in the\n\n1\n\n"
        "middle of a sentence. The second page has its own\n\n2\n\n"
        "paragraph. The fourth page picks up a new thought.\n\n4\n"
    )
    res = ingest(text, Editorial(), work="w")
    assert any("Page number(s) 3 missing" in n for n in res.notes)


def test_editor_gap_with_missing_material_and_witness(tmp_path: Path) -> None:
    p = tmp_path / "editorial.toml"
    p.write_text(
        '[[gaps]]\nafter = "the second one."\nreason = "the witness ends here too"\n'
        'missing = "the bibliography"\nwitness = "the archive text"\nextent = "3 works"\n',
        encoding="utf-8",
    )
    res = ingest("The first paragraph.\n\nThen the second one.\n", load_editorial(p), work="w")
    last = [b for _d, b in res.doc.blocks()][-1]
    assert (last.gap_missing, last.gap_witness, last.gap_extent) == (
        "the bibliography",
        "the archive text",
        "3 works",
    )
    assert any("the bibliography" in n and "the archive text" in n for n in res.notes)
    p.write_text(
        '[[gaps]]\nafter = "the second one."\nreason = "r"\nmissing = ""\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="missing"):
        load_editorial(p)


def test_transcription_italic_marks_become_spans_only_around_words() -> None:
    from edition.ingest import italic_spans

    text, spans = italic_spans("c'est l'_Heims-Kringla_ de Snorre, _à priori_ : oui", "_")
    assert text == "c'est l'Heims-Kringla de Snorre, à priori : oui"
    assert [text[a:b] for a, b in spans] == ["Heims-Kringla", "à priori"]
    for kept in ("file 2000_00_00_db_E_203 here", "a _lone mark", "snake_case_name x"):
        assert italic_spans(kept, "_") == (kept, [])
    assert italic_spans("no _decision_ here", "") == ("no _decision_ here", [])


def test_italics_are_a_recorded_decision_encoded_as_hi(tmp_path: Path) -> None:
    from edition.tei import document_to_tei

    text = "The alter native was _clear. It was_ written in the _Heims-Kringla_ itself.\n"
    ed = Editorial(
        corrections=(("alter native", "alternative"),),
        italic_mark="_",
        italic_reason="the transcription marks italic type so",
    )
    res = ingest(text, ed, work="w", layout="flowing")
    sents = list(res.doc.sentences())
    assert [s.text for s in sents] == [
        "The alternative was clear.",
        "It was written in the Heims-Kringla itself.",
    ]
    # a span over a sentence boundary is cut there; offsets follow the correction
    assert [s.text[a:b] for s in sents for a, b in s.italics] == [
        "clear.",
        "It was",
        "Heims-Kringla",
    ]
    assert any("Italics: 2 passage(s)" in n and "the transcription marks" in n for n in res.notes)
    for k, s in enumerate(sents, 1):
        s.id = f"w-{k:04d}"
    xml = document_to_tei(res.doc, id_high_water=2, notes=res.notes).decode()
    assert '<hi rend="italic">Heims-Kringla</hi>' in xml and "_" not in xml.split("<body>")[1]


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[transcription]\nitalic = "_"\n', "needs a 'reason'"),
        ('[transcription]\nitalic = "i"\nreason = "x"\n', "punctuation characters"),
        ('[transcription]\nitalics = "_"\nreason = "x"\n', "did you mean `italic`"),
        ('[transcription]\nreason = "x"\n', "needs 'italic'"),  # used to be ignored
        ("[transcription]\n", "needs 'italic'"),
        ('[align]\nen = ["a-0001"]\nfr = []\nreason = "x"\n', r"write \[\[align\]\]"),
        ('[blocks]\nstarts = "A"\nkind = "p"\nreason = "x"\n', r"write \[\[blocks\]\]"),
        ('[gaps]\nafter = "A"\nreason = "x"\n', r"write \[\[gaps\]\]"),
        ('[corrections]\nsic = "teh"\ncorr = "the"\n', r"write \[\[corrections\]\]"),
    ],
)
def test_a_bad_transcription_decision_is_refused(tmp_path: Path, toml: str, message: str) -> None:
    p = tmp_path / "editorial.toml"
    p.write_text("# decisions\n" + toml, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        load_editorial(p)
    assert exc.value.line in (2, 3)


def test_a_trailing_parenthesis_is_a_citation_only_if_it_names_where() -> None:
    """A reference names a year, a page or a locator; a sung line's "(bis.)" is not one, so
    a turn of dialogue ending with it stays a paragraph."""
    quoted = "“Row, row, row your boat. Gently down the stream.”"
    assert block_quotation(f"{quoted} (ibid., p. 25).", "Said.") == (quoted, "(ibid., p. 25).")
    assert block_quotation(f"{quoted} (Smith 1888).", "Said.") == (quoted, "(Smith 1888).")
    assert block_quotation(f"{quoted} (bis.)", "He sang:", "en", True) is None
    assert block_quotation(f"{quoted} (bis.)", "Something.") is None


def test_the_editor_settles_a_block_the_evidence_cannot(tmp_path: Path) -> None:
    """``[[blocks]]``: a quotation set off only by indentation lost in the extraction becomes a
    block quotation; an essay's introduced quotation can be declared running text."""
    ed_file = tmp_path / "editorial.toml"
    ed_file.write_text(
        "# decisions\n"
        '[[blocks]]\nstarts = "“The workers cannot"\nkind = "p"\nreason = "run in"\n\n'
        '[[blocks]]\nstarts = "This passage was"\nkind = "quote"\nreason = "indented in print"\n',
        encoding="utf-8",
    )
    ed = load_editorial(ed_file)
    res = ingest("\n\n".join(ESSAY) + "\n", ed, work="w", layout="flowing")
    assert [b.kind for _d, b in res.doc.blocks()] == ["p", "p", "quote"]
    assert sum("Block set by the editor" in n for n in res.notes) == 2
    ed_file.write_text(
        '# decisions\n[[blocks]]\nstarts = "Nowhere in the text"\nkind = "quote"\nreason = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="matches 0 paragraphs") as exc:
        ingest("\n\n".join(ESSAY) + "\n", load_editorial(ed_file), work="w", layout="flowing")
    assert exc.value.line == 2
    ed_file.write_text(
        '[[blocks]]\nstarts = "“Tonight"\nkind = "quote"\nreason = "x"\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="matches 2 paragraphs"):
        ingest("\n\n".join(NOVEL) + "\n", load_editorial(ed_file), work="w", layout="flowing")
    ed_file.write_text('[[blocks]]\nstarts = "x"\nkind = "blockquote"\nreason = "x"\n')
    with pytest.raises(InputError, match="'kind' must be one of quote, p"):
        load_editorial(ed_file)


def _read_as(kinds_texts: list[tuple[str, str]]):
    """A reader's result (PDF, web page) whose paragraphs come with their kinds."""
    from edition.readers.pdf import Reading, SourceParagraph

    paras = [
        SourceParagraph(t, [(i + 1, i + 1)], heading=k == "head", kind=k)
        for i, (k, t) in enumerate(kinds_texts)
    ]
    order = [(i + 1, i + 1) for i in range(len(paras))]
    return Reading(order=order, furniture=[], gaps_after=[], joins=[], paragraphs=paras)


def test_the_editor_overrides_a_readers_block_quotation(tmp_path: Path) -> None:
    """A PDF or web page's block quotation is the reader's reading of the layout; the editor's
    ``[[blocks]]`` decision comes first (it used to stop the build with "matches 0")."""
    ed_file = tmp_path / "editorial.toml"
    ed_file.write_text(
        '[[blocks]]\nstarts = "The letter was set"\nkind = "p"\nreason = "a wide margin only"\n',
        encoding="utf-8",
    )
    source = _read_as(
        [
            ("p", "The first paragraph says something."),
            ("quote", "The letter was set in from the margin by mistake."),
        ]
    )
    res = ingest(None, load_editorial(ed_file), work="w", source=source)
    assert [b.kind for _d, b in res.doc.blocks()] == ["p", "p"]
    assert any("Block set by the editor" in n for n in res.notes)


def test_a_blocks_decision_naming_a_heading_says_so(tmp_path: Path) -> None:
    ed_file = tmp_path / "editorial.toml"
    ed_file.write_text(
        '[[blocks]]\nstarts = "The Voyage"\nkind = "quote"\nreason = "x"\n', encoding="utf-8"
    )
    source = _read_as([("head", "The Voyage Out"), ("p", "A paragraph of running text.")])
    with pytest.raises(InputError, match="is a heading") as exc:
        ingest(None, load_editorial(ed_file), work="w", source=source)
    assert exc.value.line == 1


def test_two_blocks_decisions_matching_one_paragraph_are_refused(tmp_path: Path) -> None:
    """Overlapping ``starts``: the second decision used to be silently ignored for the paragraph
    the first one took."""
    ed_file = tmp_path / "editorial.toml"
    ed_file.write_text(
        '[[blocks]]\nstarts = "This passage"\nkind = "p"\nreason = "x"\n\n'
        '[[blocks]]\nstarts = "This passage was"\nkind = "quote"\nreason = "y"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="both match the paragraph") as exc:
        ingest("\n\n".join(ESSAY) + "\n", load_editorial(ed_file), work="w", layout="flowing")
    assert exc.value.line == 6


def test_a_speech_over_two_paragraphs_is_quoted_in_the_first_too() -> None:
    # each paragraph of the speech opens with “ and only the last closes: the first paragraph's
    # quotation runs to its end (a <q>), where before it had no span at all
    text = (
        "“When I came to this valley there was nothing here but stones. We cleared the fields.\n\n"
        "“Then the railway came. That is why I will not sell.”\n\n"
        "The notary folded his papers.\n"
    )
    res = ingest(text, Editorial(), work="w")
    sents = list(res.doc.sentences())
    assert [[q.part for q in s.quotes] for s in sents] == [["I"], ["M"], ["I"], ["F"], []]
    # a paragraph whose unclosed quotation the next one does not re-open stays unmarked
    res = ingest(text.replace("\n\n“Then", "\n\nThen"), Editorial(), work="w")
    assert [[q.part for q in s.quotes] for s in res.doc.sentences()][:2] == [[], []]


def test_a_closer_lost_before_a_speech_tag_does_not_quote_the_narration() -> None:
    # "“Stop! cried the guard, …": the closer was lost before the tag, so the next paragraph's
    # “ does not make this one a speech running on (review r1a: the narration became a <q>)
    for text in (
        "“Stop! cried the guard, running after the cart. Nobody stopped.\n\n“Thief!” he shouted.\n",
        "“Where are we going? asked the girl. Her father did not answer.\n\n“Home,” he said.\n",
    ):
        res = ingest(text, Editorial(), work="w", layout="flowing")
        assert [[q.part for q in s.quotes] for s in res.doc.sentences()][:2] == [[], []]
    nb = "\u00a0"
    # French keeps incises inside the marks: only one that ends the paragraph says so
    text = (
        f"«{nb}Halte{nb}! cria le garde en courant après la charrette.\n\n"
        f"«{nb}Au voleur{nb}!{nb}» cria-t-il encore.\n"
    )
    res = ingest(text, Editorial(), work="w", lang="fr", layout="flowing")
    assert [[q.part for q in s.quotes] for s in res.doc.sentences()] == [[], ["N"]]


def test_a_french_speech_continued_with_a_guillemet_de_suite_is_quoted_in_both_paragraphs() -> None:
    nb = "\u00a0"
    text = (
        f"«{nb}Quand je suis venu ici, il n’y avait que des pierres. Nous avons tout défriché.\n\n"
        f"»{nb}Puis le chemin de fer est arrivé. Voilà pourquoi je ne vendrai pas.{nb}»\n\n"
        "Le notaire plia ses papiers.\n"
    )
    res = ingest(text, Editorial(), work="w", lang="fr")
    sents = list(res.doc.sentences())
    assert [[q.part for q in s.quotes] for s in sents] == [["I"], ["M"], ["I"], ["F"], []]


def test_a_paragraph_opening_with_a_stray_closer_is_no_continuation() -> None:
    # a » opening a paragraph continues a quotation only if the paragraph before left one
    # open (review r2a: it was quoted from its start whatever came before)
    nb = "\u00a0"
    text = (
        "Le notaire plia ses papiers. Il sortit.\n\n"
        f"»{nb}Puis le chemin de fer est arrivé. Voilà pourquoi je ne vendrai pas.{nb}»\n\n"
        "Personne ne répondit.\n"
    )
    res = ingest(text, Editorial(), work="w", lang="fr", layout="flowing")
    assert all(not s.quotes for s in res.doc.sentences())


def test_a_speech_continued_over_three_paragraphs_with_guillemets_de_suite() -> None:
    nb = "\u00a0"
    text = (
        f"«{nb}Quand je suis venu ici, il n’y avait que des pierres.\n\n"
        f"»{nb}Nous avons tout défriché nous-mêmes.\n\n"
        f"»{nb}Puis le chemin de fer est arrivé.{nb}»\n\n"
        "Le notaire plia ses papiers.\n"
    )
    res = ingest(text, Editorial(), work="w", lang="fr", layout="flowing")
    assert [[q.part for q in s.quotes] for s in res.doc.sentences()] == [
        ["I"],
        ["I"],
        ["N"],
        [],
    ]
