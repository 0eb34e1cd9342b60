"""Line-end hyphens an editor reviews: the calls made with low confidence are listed, and the
work's ``[[hyphens]]`` entries decide a word's spelling without code (``reassemble.lexicon``
``hyphen_editing``, ``build.hyphen_notes``, ``editorial._hyphens``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_build import EDITORIAL, SOURCE, make_project

from edition.build import build
from edition.config import load_config
from edition.editorial import load_editorial
from edition.files import InputError
from edition.reassemble.lexicon import Lexicon, _join_text, editor_keeps, hyphen_editing


def _read(lines: list[str], spellings: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """The joined text and the breaks listed for review."""
    with hyphen_editing(spellings) as ed:
        text = _join_text(lines, Lexicon(lines))
    return text, [c.source for c in ed.review.values()]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("arm", "chair"),  # "armchair" and "arm-chair" are both English spellings
        ("bread", "crumbs"),
        ("good", "will"),
        ("out", "door"),
    ],
)
def test_a_compound_english_also_writes_closed_is_listed(left: str, right: str) -> None:
    text, review = _read([f"She sat in the {left}-", f"{right} by the window."])
    assert review == [f"{left}-/{right}"]
    assert f"{left}{right}" in text  # the call itself is unchanged: the closed word


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("com", "fort"),  # the closed word is far likelier than "com" meeting "fort"
        ("im", "posed"),  # a bound beginning: no compound is made of it
        ("dis", "sent"),
        ("bureau", "cracy"),  # no second word at all
        ("five", "year"),  # kept: "fiveyear" is no word
    ],
)
def test_a_sure_call_is_not_listed(left: str, right: str) -> None:
    assert _read([f"They spoke of the {left}-", f"{right} again."])[1] == []


def test_the_documents_own_spelling_settles_it_unless_it_writes_both() -> None:
    once = ["An arm-chair stood there.", "She sat in the arm-", "chair by the window."]
    assert _read(once) == ("An arm-chair stood there. She sat in the arm-chair by the window.", [])
    both = ["An arm-chair, an armchair.", "She sat in the arm-", "chair by the window."]
    assert _read(both)[1] == ["arm-/chair"]


def test_the_editors_spelling_decides_and_is_not_listed() -> None:
    lines = ["She sat in the arm-", "chair by the window."]
    assert _read(lines, ("arm-chair",)) == ("She sat in the arm-chair by the window.", [])
    # and the other way: a hyphen the rule keeps goes where the editor spells the word closed
    kept = ["They played at leap-", "frog all day."]
    assert _read(kept) == ("They played at leap-frog all day.", ["leap-/frog"])
    assert _read(kept, ("Leapfrog",))[0] == "They played at leapfrog all day."


@pytest.mark.parametrize("right", ["chair’s", "chairs", "chair's"])
def test_the_editors_spelling_covers_the_words_plural_and_possessive(right: str) -> None:
    # review r1b: "arm-chair" did not decide "arm-/chairs" or "arm-/chair’s"
    lines = ["She sat in the arm-", f"{right} cushion."]
    assert _read(lines, ("arm-chair",)) == (f"She sat in the arm-{right} cushion.", [])


def test_a_possessive_is_listed_as_its_word_is() -> None:
    # review r1b: "arm-/chair’s" was read "armchair’s" and not listed, while "arm-/chair" was
    text, review = _read(["She sat in the arm-", "chair’s cushion."])
    assert review == ["arm-/chair"] and "armchair’s" in text


def test_a_clean_text_takes_the_editors_spelling_too() -> None:
    # review r1b: a text with no dictionary hyphenation keeps its own hyphens, and the
    # editor's [[hyphens]] entry was silently ignored there
    from edition.readers.plain import join_lines

    lines = ["a trail of bread-", "crumbs on the table"]
    with hyphen_editing(("breadcrumbs",)) as ed:
        assert join_lines(lines, None) == "a trail of breadcrumbs on the table"
    assert ed.applied["breadcrumbs"] == 1
    assert join_lines(lines, None) == "a trail of bread-crumbs on the table"


@pytest.mark.parametrize(
    ("spelling", "left", "keeps"),
    [
        ("arm-chair", "arm", True),
        ("armchair", "arm", False),
        ("mother-in-law", "mother", True),
        ("mother-in-law", "in", False),  # a break inside the letters "inlaw" is not a hyphen
        ("self-respect", "sel", False),  # a typesetter's break elsewhere in the word goes
    ],
)
def test_editor_keeps_a_hyphen_only_where_the_spelling_has_one(
    spelling: str, left: str, keeps: bool
) -> None:
    assert editor_keeps(spelling, left) is keeps


def test_outside_a_build_nothing_is_recorded() -> None:
    lex = Lexicon([])
    assert lex.editing is None and lex.drop_hyphen("arm", "chair")


SOURCE_ARMCHAIR = SOURCE.replace(
    "Readers wrote letters to the editors, and some of those letters",
    "Readers wrote letters from the arm-\nchair, and some of those letters",
)


def test_the_build_lists_the_call_and_applies_the_editors_entry(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    root = make_project(tmp_path / "a", SOURCE_ARMCHAIR)
    report = build(load_config(root), progress=False)
    lines = "\n".join(w for r in report.works for w in r.lines)
    assert "Review line-end hyphen: 'arm-/chair' read 'armchair' in \"" in lines
    assert "letters from the armchair, and some" in lines  # where it stands (review r1b)
    assert 'add [[hyphens]] word = "arm-chair" to editorial.toml' in lines
    tei = (root / "tei" / "essay.en.xml").read_text(encoding="utf-8")
    assert "from the armchair," in tei and "Review line-end hyphen" in tei

    decided = EDITORIAL + '\n[[hyphens]]\nword = "arm-chair"\n\n[[hyphens]]\nword = "news-paper"\n'
    root = make_project(tmp_path / "b", SOURCE_ARMCHAIR, decided)
    report = build(load_config(root), progress=False)
    lines = "\n".join(w for r in report.works for w in r.lines)
    assert "Review line-end hyphen: 'arm-/chair'" not in lines
    assert "1 line-end hyphen(s) decided by the editor" in lines
    assert "[[hyphens]] word = 'news-paper' met no line-end hyphen in the source" in lines
    assert "from the arm-chair," in (root / "tei" / "essay.en.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ('[[hyphens]]\nword = "arm chair"\n', "needs 'word', the spelling to print"),
        ('[[hyphens]]\nword = "-arm"\n', "needs 'word', the spelling to print"),
        ("[[hyphens]]\nreason = 'x'\n", "needs 'word', the spelling to print"),
        (
            '[[hyphens]]\nword = "arm-chair"\n[[hyphens]]\nword = "armchair"\n',
            "spell the same word two ways",
        ),
    ],
)
def test_a_bad_hyphens_entry_is_refused(tmp_path: Path, entries: str, message: str) -> None:
    path = tmp_path / "editorial.toml"
    path.write_text(EDITORIAL + "\n" + entries, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_editorial(path)


def test_a_good_hyphens_entry_loads(tmp_path: Path) -> None:
    path = tmp_path / "editorial.toml"
    path.write_text(
        EDITORIAL + '\n[[hyphens]]\nword = "Arm-chair"\nreason = "the author\'s spelling"\n',
        encoding="utf-8",
    )
    assert load_editorial(path).hyphens == ("arm-chair",)


def test_reassemble_json_lists_the_calls_and_takes_the_editors_file(tmp_path: Path, capsys) -> None:
    import json

    from edition.cli import main

    src = tmp_path / "in.txt"
    src.write_text(SOURCE_ARMCHAIR, encoding="utf-8")
    assert main(["reassemble", str(src), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"source": "arm-/chair", "read": "armchair", "reason": "a common closed word"} in data[
        "hyphens"
    ]
    ed = tmp_path / "editorial.toml"
    ed.write_text('[[hyphens]]\nword = "arm-chair"\n', encoding="utf-8")
    assert main(["reassemble", str(src), "--json", "--editorial", str(ed)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hyphens"] == [] or all(h["source"] != "arm-/chair" for h in data["hyphens"])
    assert any("from the arm-chair," in p for p in data["paragraphs"])
