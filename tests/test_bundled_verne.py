"""The second bundled work (Verne, chapters I–III, with its French original).

Why: it is the one work that runs the whole pipeline out of the box —
clean text kept in file order, chapter headings, the French TEI, the
stand-off alignment, catalogues showing the French, per-work languages —
and its alignment can be compared with the TransRead gold of those chapters.
"""

from __future__ import annotations

import sys

import polib
import pytest
from conftest import REPO

from edition.config import load_config
from edition.ingest import heading_number, roman_value

WORK = "verne-voyage-centre-terre"


def test_chapter_headings_and_roman_numerals() -> None:
    assert roman_value("XIV") == 14 and roman_value("IV") == 4 and roman_value("III") == 3
    assert heading_number("CHAPTER II. A MYSTERY TO BE SOLVED AT ANY PRICE", False) == "2"
    assert heading_number("IV", False) == "4"
    assert heading_number("Chapter 12", False) == "12"
    assert heading_number("I was left alone.", False) is None
    assert heading_number("CHAPTERS of a life", False) is None


def test_work_languages_exclude_the_original_language() -> None:
    cfg = load_config(REPO)
    w = cfg.works[WORK]
    assert w.layout == "flowing"
    assert "fr" not in w.languages and w.languages
    for lang in w.languages:
        assert w.po_path(lang).is_file()
    assert not w.po_path("fr").exists()


def test_catalogues_show_the_french_to_the_translator() -> None:
    cfg = load_config(REPO)
    w = cfg.works[WORK]
    po = polib.pofile(str(w.po_path(w.languages[0])))
    with_french = [e for e in po if "French original:" in (e.comment or "")]
    assert len(with_french) > 0.9 * len(po)
    assert w.tei_fr.is_file() and w.tei_alignment.is_file()


def test_seed_text_in_file_order_through_ingest() -> None:
    """Every paragraph of the clean seed comes out in the file's order (nothing scrambled)."""
    from edition.tei import read_document

    cfg = load_config(REPO)
    w = cfg.works[WORK]
    for tei, seed in ((w.tei_en, w.source_path), (w.tei_fr, w.original_path)):
        doc = read_document(tei, WORK)
        text = seed.read_text(encoding="utf-8")
        pos = 0
        for s in doc.sentences():
            at = text.find(s.text.split(" ")[0], pos)
            assert at >= pos, (tei.name, s.id, s.text)
            pos = at


def test_alignment_against_transread_gold(transread) -> None:
    """Strict F1 of the committed beads vs the gold of chapters I–III, and vs Gale–Church."""
    sys.path.insert(0, str(REPO / "bench"))
    import bench_bundled_alignment as bba

    r = bba.evaluate(REPO, transread.parent)
    ours, gc = r["edition"]["strict"]["F1"], r["gale-church"]["strict"]["F1"]
    print(f"strict F1 edition {ours:.3f} vs Gale–Church {gc:.3f} ({r['gold_beads']} gold beads)")
    assert r["gold_beads"] > 200
    assert ours > gc
    assert ours >= 0.9


def test_chapter_headings_are_linked_only_with_headings() -> None:
    """Every chapter heading of the English is linked with the French heading, alone."""
    from edition.files import parse_xml
    from edition.tei import NS

    cfg = load_config(REPO)
    w = cfg.works[WORK]
    heads = set()
    for tei in (w.tei_en, w.tei_fr):
        for s in parse_xml(tei).iterfind(".//t:head//t:s", NS):
            heads.add(s.get("{http://www.w3.org/XML/1998/namespace}id"))
    linked_heads = 0
    for link in parse_xml(w.tei_alignment).iterfind(".//t:link", NS):
        ids = [t.split("#", 1)[1] for t in (link.get("target") or "").split()]
        kinds = {i in heads for i in ids}
        assert len(kinds) == 1, ids
        linked_heads += kinds == {True}
    assert linked_heads == 3  # CHAPTER I., II., III. ↔ I, II, III


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_french_typography_of_the_seed(lang: str) -> None:
    text = (REPO / "seeds" / WORK / f"{lang}.txt").read_text(encoding="utf-8")
    # prose paragraphs (the cipher the story prints is letters and dots, not prose)
    prose = [p for p in text.split("\n\n") if " the " in p or " de " in p]
    assert len(prose) > 50
    assert not [p for p in prose if " ," in p or " ." in p]
    if lang == "fr":
        assert "« " not in text and " »" not in text and " ;" not in text
        assert "\u202f;" in text and "«\u00a0" in text and "\u00a0»" in text


def test_no_break_spaces_survive_into_the_french_tei() -> None:
    """French typography of the seed (U+00A0, U+202F) is text, not layout: kept in the TEI."""
    from edition.tei import read_ids

    w = load_config(REPO).works[WORK]
    texts = " ".join(t for _i, t in read_ids(w.tei_fr)[0])
    assert "«\u00a0" in texts and "\u00a0»" in texts and "\u202f!" in texts
    assert "« " not in texts and " »" not in texts
