"""The PDF reader on real typesetter output: groff (ms macros) and pdfLaTeX.

The fixtures in tests/corpus/typeset/ were set by the real programs from the project's own
essays (``bench/typeset_fixtures.py`` regenerates them; SOURCE.md says how), so these tests
need no typesetter: ligatures, TeX's and groff's own hyphenation, fancyhdr / ms running
heads and folios, ``\\footnote`` / ``.FS`` notes, multicol's page-wide notes.  Scored with the
benchmark's own measures (``bench/bench_pdf.py``) against the truth stored beside each PDF.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("reportlab")  # bench_pdf imports the reportlab generator
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from bench_pdf import ours, score  # noqa: E402
from pdfgen import Truth  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "corpus" / "typeset"
CASES = sorted(p.stem for p in FIXTURES.glob("*.pdf"))


def _truth(stem: str) -> Truth:
    d = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
    return Truth(
        paragraphs=[tuple(p) for p in d["paragraphs"]],
        notes=[tuple(n) for n in d["notes"]],
        furniture=d["furniture"] * d["pages"],
        breaks=d["breaks"],
        hyphenated=d["hyphenated"],
        pages=d["pages"],
        params=d["params"],
    )


def test_fixtures_present() -> None:
    assert {c.split("-")[0] for c in CASES} == {"groff", "latex"}


@pytest.mark.parametrize("stem", CASES)
def test_real_typesetter_pdf_read_whole(stem: str) -> None:
    truth = _truth(stem)
    s = score(truth, ours(FIXTURES / f"{stem}.pdf"))
    assert s["order"] >= 0.995, s
    assert s["breaks"][0] == s["breaks"][1], s  # every column and page break joined right
    assert s["f1"] >= 0.95, s
    assert s["leaked"] == 0, s  # running heads, folios, footers kept out of the text
    assert s["split"] == 0, s  # TeX's / groff's hyphens rejoined, compounds kept
    assert s["notes"][0] == s["notes"][1], s  # every footnote whole and apart


def test_ligatures_come_back_as_letters() -> None:
    """Every word TeX set with an fi/fl/ff ligature reads as its letters, as often as written."""
    text = " ".join(p for p in ours(FIXTURES / "latex-1.pdf")["paragraphs"])
    assert "\ufb00" not in text and "\ufb01" not in text and "\ufb02" not in text
    source = " ".join(str(p[-1]) for p in _truth("latex-1").paragraphs)
    words = re.compile(r"[A-Za-z]+")
    ligatured = Counter(w for w in words.findall(source) if re.search("f[fil]", w))
    assert len(ligatured) >= 5  # the fixture does exercise ligatures
    read = Counter(words.findall(text))
    assert {w: read[w] for w in ligatured} == dict(ligatured)


@pytest.mark.skipif(not shutil.which("groff"), reason="groff not installed (apt: groff)")
def test_live_groff_case(tmp_path: Path) -> None:
    """The typesetter itself, when installed: a fresh two-column case reads right."""
    from synth import ESSAYS
    from typeset import make_typeset

    data, truth = make_typeset("groff", ESSAYS, 7, {"columns": 2, "note_rate": 0.3})
    path = tmp_path / "case.pdf"
    path.write_bytes(data)
    s = score(truth, ours(path))
    assert s["order"] >= 0.995 and s["leaked"] == 0 and s["notes"][0] == s["notes"][1], s
