"""Sentence segmentation: the cases scholarly prose throws at a splitter."""

from __future__ import annotations

import subprocess
import sys

import pytest

from edition.segment import sentence_spans, split_sentences


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "He cites it (ibid., p.25). Then he goes on.",
            ["He cites it (ibid., p.25).", "Then he goes on."],
        ),
        ("See pp. 152-155 of the book. Next.", ["See pp. 152-155 of the book.", "Next."]),
        (
            "And E. H. Carr agreed. So did Mr. Smith.",
            ["And E. H. Carr agreed.", "So did Mr. Smith."],
        ),
        ("Cf. Lenin, vol. 2, p. 3. It says so.", ["Cf. Lenin, vol. 2, p. 3.", "It says so."]),
        (
            "The party [... ] was silent. It left... and came back.",
            ["The party [... ] was silent.", "It left... and came back."],
        ),
        ("It said “No. Never.” Then it left.", ["It said “No.", "Never.”", "Then it left."]),
        (
            "He said “the end” (ibid., p.22). And more.",
            ["He said “the end” (ibid., p.22).", "And more."],
        ),
        (
            "He said “the end.” (ibid., p.22) And more.",
            ["He said “the end.” (ibid., p.22)", "And more."],
        ),
        ("It began in 1917. The year was hard.", ["It began in 1917.", "The year was hard."]),
        ("Is it? Yes! Fine.", ["Is it?", "Yes!", "Fine."]),
        (
            "Read No. 3 of the review. No. It was never printed.",
            ["Read No. 3 of the review.", "No.", "It was never printed."],
        ),
        ("End. (This is an aside.) Next.", ["End.", "(This is an aside.)", "Next."]),
    ],
)
def test_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Il l’a dit (ibid., p. 25). Puis il continue.",
            ["Il l’a dit (ibid., p. 25).", "Puis il continue."],
        ),
        (
            "Il dit\u00a0: «\u00a0C’est fini.\u00a0» Puis rien.",
            ["Il dit\u00a0: «\u00a0C’est fini.\u00a0»", "Puis rien."],
        ),
        ("«\u202fNon.\u202f» M. Dupont sortit.", ["«\u202fNon.\u202f»", "M. Dupont sortit."]),
        ("Voir t. II, p. 4. Fin.", ["Voir t. II, p. 4.", "Fin."]),
    ],
)
def test_french(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "fr") == expected


def test_spans_cover_every_character() -> None:
    text = "  One. Two?  “Three.” Four (ibid., p.2).  "
    spans = sentence_spans(text)
    rebuilt = "".join(text[a:b] for a, b in spans)
    assert rebuilt.replace(" ", "") == text.replace(" ", "")


def test_work_specific_no_break() -> None:
    assert split_sentences("Ask Comr. Ivanov.", "en", no_break_after=["Comr."]) == [
        "Ask Comr. Ivanov."
    ]
    assert split_sentences("Ask Comr. Ivanov.", "en") == ["Ask Comr.", "Ivanov."]


def test_cli_one_sentence_per_line_blank_between_paragraphs() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "edition", "segment", "--lang", "en"],
        input="One. Two.\n\nThree.\n",
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0
    assert r.stdout == "One.\nTwo.\n\nThree.\n"


def test_heading_number_is_not_a_sentence() -> None:
    assert split_sentences("1. What the printers said") == ["1. What the printers said"]
    assert split_sentences("IV. Conclusion. More.") == ["IV. Conclusion.", "More."]
    assert split_sentences("It is 1. Then 2. Done.") == ["It is 1.", "Then 2.", "Done."]


# --- Golden rules (issue 12): one kind per block, our own sentences. --------------------------

GOLDEN_EN = [
    # titles before names
    (
        "We climbed Mt. Rainier last summer. It was cold.",
        ["We climbed Mt. Rainier last summer.", "It was cold."],
    ),
    ("Dr. Lee arrived late. She apologised.", ["Dr. Lee arrived late.", "She apologised."]),
    (
        "Our guide was St. John Rivers. He knew the way.",
        ["Our guide was St. John Rivers.", "He knew the way."],
    ),
    # dotted acronyms: before a name or noun, before a sentence
    (
        "The U.K. Parliament voted today. Nobody was surprised.",
        ["The U.K. Parliament voted today.", "Nobody was surprised."],
    ),
    (
        "She moved to the U.S. The weather there suited her.",
        ["She moved to the U.S.", "The weather there suited her."],
    ),
    # a.m. / p.m.
    (
        "The talk ended at 7 p.m. Dr. Lee left early.",
        ["The talk ended at 7 p.m.", "Dr. Lee left early."],
    ),
    ("At 7 p.m. Dr. Lee left the room.", ["At 7 p.m. Dr. Lee left the room."]),
    ("We met at 9 a.m. on Friday. It rained.", ["We met at 9 a.m. on Friday.", "It rained."]),
    # numeric abbreviations
    (
        "The ledger is kept in house N°. 12 on the quay. It is old.",
        ["The ledger is kept in house N°. 12 on the quay.", "It is old."],
    ),
    ("Was it printed? No. It was burnt.", ["Was it printed?", "No.", "It was burnt."]),
    (
        "See vol. 3, ch. 2 and fig. 4 for the map. Then compare.",
        ["See vol. 3, ch. 2 and fig. 4 for the map.", "Then compare."],
    ),
    # initials vs the pronoun
    (
        "John F. Kennedy spoke first. Then Johnson rose.",
        ["John F. Kennedy spoke first.", "Then Johnson rose."],
    ),
    (
        "He was taller than you and I. Then he left.",
        ["He was taller than you and I.", "Then he left."],
    ),
    (
        "The letter came from Charles I. Smith himself.",
        ["The letter came from Charles I. Smith himself."],
    ),
    # "etc.", "e.g."
    (
        "We bought apples, pears, etc. Then we went home.",
        ["We bought apples, pears, etc.", "Then we went home."],
    ),
    (
        "We bought apples, pears, etc. and went home.",
        ["We bought apples, pears, etc. and went home."],
    ),
    (
        "Port cities, e.g. Odessa, grew fast. Others shrank.",
        ["Port cities, e.g. Odessa, grew fast.", "Others shrank."],
    ),
    (
        "It was founded by Smith Bros. Consequently the name stuck.",
        ["It was founded by Smith Bros.", "Consequently the name stuck."],
    ),
    # list items run into one line
    ("1. Apples 2. Pears 3. Plums", ["1. Apples", "2. Pears", "3. Plums"]),
    ("1.) Flour and salt 2.) Water", ["1.) Flour and salt", "2.) Water"]),
    ("a. Salt b. Pepper c. Oil", ["a. Salt", "b. Pepper", "c. Oil"]),
    ("• 3. The third step • 4. The fourth step", ["• 3. The third step", "• 4. The fourth step"]),
    ("Buy these: 1. apples 2. pears", ["Buy these:", "1. apples", "2. pears"]),
    ("• Bread • Milk", ["• Bread", "• Milk"]),
    ("It is 1. Then 2. Done.", ["It is 1.", "Then 2.", "Done."]),
    # spaced ellipses inside and at the end of a sentence
    ("I waited . . . and nobody came. We left.", ["I waited . . . and nobody came.", "We left."]),
    ("I waited and waited . . . Nobody came.", ["I waited and waited . . .", "Nobody came."]),
    ("He said so . . . . Then he left.", ["He said so . . . .", "Then he left."]),
    # omission marks in quotations
    (
        "The programme was clear [... ] The party would fight.",
        ["The programme was clear [... ]", "The party would fight."],
    ),
    (
        "The programme was clear […] The party would fight.",
        ["The programme was clear […]", "The party would fight."],
    ),
    ("The Party [. . .] was silent. It waited.", ["The Party [. . .] was silent.", "It waited."]),
    ("It was silent. [...] The end came.", ["It was silent. [...]", "The end came."]),
    # note calls stay with their sentence
    ("It was spared.[1] Then it burned.", ["It was spared.[1]", "Then it burned."]),
    ("It was spared. [12] Then it burned.", ["It was spared. [12]", "Then it burned."]),
    ("It was spared.² Then it burned.", ["It was spared.²", "Then it burned."]),
    # an em dash run into the next word is not a dialogue dash
    ("I will prosecute you. —Come, no denial.", ["I will prosecute you. —Come, no denial."]),
]

GOLDEN_FR = [
    # dialogue dashes after a full stop
    ("C’est fini. — Et vous\u00a0?", ["C’est fini.", "— Et vous\u00a0?"]),
    (
        "Il se tut. – Non, dit-elle. — Pourquoi\u00a0?",
        ["Il se tut.", "– Non, dit-elle.", "— Pourquoi\u00a0?"],
    ),
    ("Il hésita. — et se tut.", ["Il hésita. — et se tut."]),
    # initials, hyphenated initials, titles
    (
        "M. Dupont et J.-P. Martin sont venus. Ils sont partis.",
        ["M. Dupont et J.-P. Martin sont venus.", "Ils sont partis."],
    ),
    (
        "MM. Durand et Leroy signèrent. Le notaire sortit.",
        ["MM. Durand et Leroy signèrent.", "Le notaire sortit."],
    ),
    # etc. before a sentence, n° before a number
    (
        "Ils achetèrent des pommes, des poires, etc. Puis ils rentrèrent.",
        ["Ils achetèrent des pommes, des poires, etc.", "Puis ils rentrèrent."],
    ),
    ("Il habite au n°. 12 de la rue. Voir p. 4.", ["Il habite au n°. 12 de la rue.", "Voir p. 4."]),
    ("Cf. Marx, t. II, p. 3. Fin.", ["Cf. Marx, t. II, p. 3.", "Fin."]),
]


@pytest.mark.parametrize("text, expected", GOLDEN_EN)
def test_golden_english(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize("text, expected", GOLDEN_FR)
def test_golden_french(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "fr") == expected


def test_work_abbreviation_overrides() -> None:
    # a work's own title abbreviation, and a default taken away
    assert split_sentences("Ask Comr. Ivanov. He knows.", abbreviations=[("Comr.", "title")]) == [
        "Ask Comr. Ivanov.",
        "He knows.",
    ]
    assert split_sentences("It was No. 5 in the list.", abbreviations=[("No.", "none")]) == [
        "It was No.",
        "5 in the list.",
    ]
    with pytest.raises(ValueError):
        split_sentences("x", abbreviations=[("Comr.", "rank")])


def test_abbreviation_lists_are_data() -> None:
    from edition.segment import language_abbreviations

    en, fr = language_abbreviations("en"), language_abbreviations("fr")
    assert "mt" in en.title and "n°" in en.numeric and "etc" in en.ends and "cf" in en.inner
    assert "mm" in fr.title and "etc" in fr.ends and "Puis" in fr.starters
    # a language without its own lists falls back to the English ones
    assert language_abbreviations("de") == en


def test_editorial_segmentation_entries(tmp_path) -> None:
    from edition.editorial import load_editorial
    from edition.files import InputError
    from edition.ingest import make_sentences

    path = tmp_path / "editorial.toml"
    path.write_text(
        '[[segmentation]]\nno-break-after = "cf."\n\n'
        '[[segmentation]]\nabbreviation = "Comr."\nkind = "title"\n\n'
        '[[segmentation]]\nabbreviation = "No."\nkind = "none"\n\n'
        '[[segmentation]]\nabbreviation = "Cne"\nkind = "title"\nlang = "fr"\n',
        encoding="utf-8",
    )
    ed = load_editorial(path)
    assert ed.abbreviations_for("en") == (("cf.", "inner"), ("Comr.", "title"), ("No.", "none"))
    assert ("Cne", "title") in ed.abbreviations_for("fr")
    sents = make_sentences("Ask Comr. Ivanov. It was No. 5.", [], "en", ed.abbreviations_for("en"))
    assert [s.text for s in sents] == ["Ask Comr. Ivanov.", "It was No.", "5."]
    path.write_text('[[segmentation]]\nabbreviation = "Comr."\nkind = "rank"\n', encoding="utf-8")
    with pytest.raises(InputError, match="kind"):
        load_editorial(path)
    path.write_text('[[segmentation]]\nkind = "title"\n', encoding="utf-8")
    with pytest.raises(InputError, match="abbreviation"):
        load_editorial(path)
