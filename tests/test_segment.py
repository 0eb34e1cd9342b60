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
