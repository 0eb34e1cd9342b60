"""Clean text is never scrambled: layout detection and the flowing reader.

The clean texts are generated here in several shapes (wrapped at several
widths with blank lines, wrapped with indented paragraphs, one paragraph per
line, verse, dialogue with interrupted speech, headings like "CHAPTER 2"
without a full stop) from prose written for these tests and, when
``../shared`` is present, from the TransRead English sides of seven novels.
Every shape must come through in order with exactly its words.
"""

from __future__ import annotations

import random
import re
import sys
import textwrap
from pathlib import Path

import pytest

from edition.readers.plain import detect_layout, read_plain

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

PROSE = [
    "The ferry left at six, whatever the weather, and the island children who went to school on the mainland were used to waking in the dark. Marta had made the crossing so often that she could sleep through the engine's first cough.",
    "Her grandfather had been the ferryman before the company bought the route. He still walked down to the slip every morning to watch the boat go, his hands in the pockets of a coat that had once been blue.",
    "“You'll miss it one day,” he told her, “the water and the waiting.” She did not believe him. At fourteen the mainland was everything: shops, a cinema, people who had not known her since she was born.",
    "The storm of that winter was the worst anyone remembered. For nine days the ferry did not sail; the school sent work by radio, and the island learned again how small it was, how far from everything it needed.",
    "On the tenth day the sea fell quiet. The whole village came down to the harbour to watch the boat come in, and when it rounded the point, low in the water with bread and post and diesel, somebody began to clap.",
    "Afterwards she understood what her grandfather had meant. It was not the water he loved, or the waiting, but the moment when the thing you waited for arrived and you were there to see it.",
    "The well-known road along the cliff was closed for a month; the council promised a new one, self-evident as its need was, and nothing happened until the spring.",
    "A gull stood on the bollard, watching the men unload. It had learned, over many winters, that a crate dropped on the quay meant fish, and that fish meant a fight with the other gulls.",
]

VERSE = [
    [
        "The tide comes in along the shore,",
        "and goes the way it came before;",
        "the stones it turns are turned again,",
        "and no one counts them, now or then.",
    ],
    [
        "I watched it from my window sill",
        "when I was young and it was still",
        "a wonder that the sea could keep",
        "such patience in so great a deep.",
    ],
    [
        "Now I am old the tide is new,",
        "the sill is mine, the window too;",
        "and still I count, and still I fail,",
        "a gull, a stone, a distant sail.",
    ],
]

DIALOGUE = [
    "“Where are you going?” she asked.",
    "“Out,” he said.",
    "“Out where? You said you will-”",
    "“I said I would think about it.”",
    "She looked at the clock. “It's nearly midnight, and the ferry doesn't-”",
    "“I know what the ferry does.”",
    "He closed the door behind him.",
]


def words_of(paragraphs: list[str]) -> list[str]:
    return " ".join(paragraphs).split()


def shapes(paragraphs: list[str], rng: random.Random) -> dict[str, tuple[str, list[str], bool]]:
    """Clean renderings of ``paragraphs``: name → (text, paragraph texts, boundaries marked).

    Chapters start every few paragraphs with "CHAPTER n" (no full stop).
    ``boundaries marked``: whether the shape shows where paragraphs end
    (blank lines, indentation, one per line), so paragraph count can be checked.
    """
    units: list[str] = []
    for i, p in enumerate(" ".join(p.split()) for p in paragraphs):
        if i % 4 == 0:
            units.append(f"CHAPTER {i // 4 + 1}")
        units.append(p)
    out: dict[str, tuple[str, list[str], bool]] = {}
    for width in (40, 55, 72, 90):
        wrapped = ["\n".join(textwrap.wrap(u, width)) for u in units]
        out[f"wrapped{width}-blank"] = ("\n\n".join(wrapped) + "\n", units, True)
    w = rng.choice((60, 72))
    indented = []
    for u in units:
        if u.startswith("CHAPTER"):
            indented.append(u)
        else:
            indented.append(
                "\n".join(textwrap.wrap(u, w, initial_indent="    ", subsequent_indent=""))
            )
    out["wrapped-indented"] = ("\n".join(indented) + "\n", units, True)
    out["one-per-line"] = ("\n".join(units) + "\n", units, True)
    out["one-per-line-blank"] = ("\n\n".join(units) + "\n", units, True)
    return out


def check_clean(text: str, units: list[str], marked: bool, name: str) -> None:
    ev = detect_layout(text)
    assert ev.layout == "flowing", f"{name}: read as columns ({ev})"
    r, _ = read_plain(text)
    got = [p.text for p in r.paragraphs]
    assert words_of(got) == words_of(units), f"{name}: words changed or moved"
    if marked:
        assert got == [" ".join(u.split()) for u in units], f"{name}: paragraph boundaries differ"


def test_clean_prose_shapes_come_through_in_order() -> None:
    rng = random.Random(7)
    for name, (text, units, marked) in shapes(PROSE, rng).items():
        check_clean(text, units, marked, name)


def test_verse_and_dialogue_in_order() -> None:
    verse = "\n\n".join("\n".join(st) for st in VERSE) + "\n"
    r, ev = read_plain(verse)
    assert ev.layout == "flowing"
    assert words_of([p.text for p in r.paragraphs]) == words_of([" ".join(s) for s in VERSE])
    text = "\n".join(DIALOGUE) + "\n"
    r, ev = read_plain(text)
    assert ev.layout == "flowing"
    assert [p.text for p in r.paragraphs] == DIALOGUE
    r, ev = read_plain("\n\n".join(DIALOGUE) + "\n")
    assert [p.text for p in r.paragraphs] == DIALOGUE


def test_wrapped_without_blank_lines_keeps_words() -> None:
    units = ["CHAPTER 1", *PROSE]
    text = "\n".join(line for u in units for line in textwrap.wrap(u, 66)) + "\n"
    r, ev = read_plain(text)
    assert ev.layout == "flowing"
    assert words_of([p.text for p in r.paragraphs]) == words_of(units)
    assert r.paragraphs[0].text == "CHAPTER 1"


def test_dictionary_hyphenation_is_rejoined_but_wrapper_hyphens_kept() -> None:
    text = "The bureau-\ncracy of the port was well-\nknown to everyone.\n"
    r, _ = read_plain(text)
    assert r.paragraphs[0].text == "The bureaucracy of the port was well-known to everyone."
    text = "The daisy-\nchain and the well-\nknown road.\n"
    r, _ = read_plain(text)
    assert r.paragraphs[0].text == "The daisy-chain and the well-known road."


def test_bundled_extraction_is_columns(repo: Path) -> None:
    seed = repo / "seeds" / "bensaid-baggage-of-exodus" / "en.pdf-extraction.txt"
    ev = detect_layout(seed.read_text(encoding="utf-8"))
    assert ev.layout == "columns" and ev.broken >= 2


def test_configured_layout_wins() -> None:
    text = "\n\n".join(PROSE)
    _, ev = read_plain(text, layout="columns")
    assert ev.layout == "columns" and ev.forced
    col = "the end of a col-\n\numn and more\n\nthings that run\n\non and on\n"
    _, ev = read_plain(col, layout="flowing")
    assert ev.layout == "flowing"
    assert detect_layout(col).layout == "columns"


def test_transread_novels_in_every_shape(transread: Path) -> None:
    """Every shape of seven novels' English sides (3 × 40 paragraphs each) stays in order."""
    from synth import transread_paragraphs

    rng = random.Random(15)
    checked = 0
    for folder in sorted(p for p in transread.iterdir() if (p / "en.txt").is_file()):
        # "good- natured", "word)” --but" (a dash spaced on one side only) are defects of the
        # corpus text: wrapped at the dash they cannot be told from "good-natured", "word)”--but"
        paras = [
            p
            for p in transread_paragraphs(folder, random.Random(0))
            if not re.search(r"\w- \w|\S(?:--|—) \S|\S (?:--|—)\S", p)
        ]
        for start in (0, len(paras) // 3, 2 * len(paras) // 3):
            chunk = paras[start : start + 40]
            for name, (text, units, marked) in shapes(chunk, rng).items():
                check_clean(text, units, marked, f"{folder.name}@{start}:{name}")
                checked += 1
    assert checked >= 7 * 3 * 7


def test_synthetic_column_extractions_are_columns() -> None:
    """Scrambled column extractions of other prose are still detected as columns."""
    from synth import ESSAYS, make_case

    for seed in range(12):
        case = make_case(ESSAYS, seed, columns=2 + seed % 2, pages=1 + seed % 3)
        assert detect_layout(case.text).layout == "columns", seed


@pytest.mark.parametrize("layout", ["auto", "flowing"])
def test_reassemble_cli_does_not_scramble_clean_text(tmp_path: Path, capsys, layout: str) -> None:
    from edition.cli import main

    units = ["CHAPTER 1", *PROSE[:4], "CHAPTER 2", *PROSE[4:]]
    f = tmp_path / "clean.txt"
    f.write_text("\n\n".join("\n".join(textwrap.wrap(u, 72)) for u in units) + "\n", "utf-8")
    argv = ["reassemble", str(f)] + (["--layout", layout] if layout != "auto" else [])
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines() == units


def test_clean_text_work_builds_valid_tei(tmp_path: Path, tei_schema) -> None:
    """A work whose source is clean text builds with every sentence in order, to valid TEI."""
    from lxml import etree

    from edition.build import build
    from edition.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.edition]\nlanguages = ["fr"]\n\n[tool.edition.works.ferry]\nsource = "en.txt"\n',
        encoding="utf-8",
    )
    seed = tmp_path / "seeds" / "ferry"
    seed.mkdir(parents=True)
    units = ["CHAPTER 1", *PROSE[:4], "CHAPTER 2", *PROSE[4:]]
    seed.joinpath("en.txt").write_text(
        "\n\n".join("\n".join(textwrap.wrap(u, 72)) for u in units) + "\n", encoding="utf-8"
    )
    seed.joinpath("editorial.toml").write_text(
        '[metadata]\ntitle = "The Ferry"\nauthor = "A. Writer"\n', encoding="utf-8"
    )
    report = build(load_config(tmp_path), progress=False)
    assert any("layout flowing" in line for w in report.works for line in w.lines)
    tree = etree.parse(str(tmp_path / "tei" / "ferry.en.xml"))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    text = " ".join(s.xpath("string(.)") for s in tree.iterfind(".//t:s", ns))
    assert text.split() == words_of(units)
    assert tei_schema.validate(tree), tei_schema.error_log
    with pytest.raises(Exception, match="layout"):
        (tmp_path / "pyproject.toml").write_text(
            '[tool.edition]\n[tool.edition.works.ferry]\nsource = "en.txt"\nlayout = "magic"\n',
            encoding="utf-8",
        )
        load_config(tmp_path)
