"""The sentence-boundary bench's rebuild of running text from tokenised gold (issue 12).

The bench scores a segmenter against gold sentence starts in text it rebuilds from
tokens; a straight quotation mark rebuilt on the wrong side moves the *strict* gold
boundary, so the rebuild's quote direction is tested here on sentences of our own.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_segment as B  # noqa: E402


def _rebuild(lines: list[str], lang: str = "en") -> tuple[str, list[int]]:
    return B.detokenise([line.split() for line in lines], lang)


def test_sentence_initial_quote_before_a_word_opens_after_nested_marks() -> None:
    # one glyph for outer and inner quotations: parity alone ends up inverted
    text, starts = _rebuild(
        [
            '" Perhaps it is French , " said Alice ; " I will try : " Where is my cat ? " "',
            "The Mouse jumped .",
            '" Oh , I beg your pardon ! " cried Alice .',
        ]
    )
    assert text.endswith('The Mouse jumped. "Oh, I beg your pardon!" cried Alice.')
    assert text[starts[2] :].startswith('"Oh')
    assert B.strict_gold(text, starts[2]) == starts[2]


def test_sentence_initial_single_quote_opens_and_resets_parity() -> None:
    # ", ' you" is read as a closing mark (", ' he replied" is the commoner case), so
    # parity is inverted by the end of the line; the next sentence's first mark resets it
    text, starts = _rebuild(
        [
            "' Enough , ' she said , ' you will leave him bare . '",
            "Mouret was still smiling .",
            "' He is always warm , ' he replied .",
        ]
    )
    assert text.endswith(" 'He is always warm,' he replied.")
    assert text[starts[2] :].startswith("'He")


def test_quote_inside_a_line_still_follows_local_evidence() -> None:
    text, _ = _rebuild(['He said , " Come in . " Then he left .'])
    assert text == 'He said, "Come in." Then he left.'


def test_french_sentence_initial_quote_opens() -> None:
    text, starts = _rebuild(
        [
            'Elle lut : " Où est mon chat ? " " Ce fut tout .',
            "La Souris sauta .",
            '" Oh ! pardon ! " dit Alice .',
        ],
        "fr",
    )
    assert text.endswith('La Souris sauta. "Oh\u00a0! pardon\u00a0!" dit Alice.')
    assert text[starts[2] :].startswith('"Oh')


def test_strict_gold_moves_an_opening_mark_left_on_the_previous_line() -> None:
    # gold tokenisation sometimes ends a line with the next sentence's opening mark
    text = "She fell! 'I wonder.'"
    assert B.strict_gold(text, text.index("I wonder")) == text.index("'I")
    assert B.tolerant_key(text, text.index("I wonder")) == text.index(" '")
