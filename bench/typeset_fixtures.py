"""Regenerate the real-typesetter PDF fixtures in tests/corpus/typeset/ (groff and pdfLaTeX).

Why committed PDFs: CI need not install a typesetter to test the reader on real typesetter
output (ligatures, TeX's and groff's hyphenation, their running heads, folios and footnote
machinery).  The prose is the project's own essays (``bench/synth.py`` ESSAYS, written for
this project); nothing from ../shared is used.  Each PDF has a ``.json`` beside it with the
truth (paragraphs, notes, furniture, words hyphenated at line ends).

    python3 bench/typeset_fixtures.py      # needs groff and pdflatex (see bench/typeset.py)
    python3 bench/typeset_fixtures.py latex-51   # only the named fixtures
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import ESSAYS  # noqa: E402
from typeset import available, make_typeset  # noqa: E402

OUT = HERE.parent / "tests" / "corpus" / "typeset"
#: (engine, seed, forced parameters): two columns with footnotes for each typesetter, a
#: ragged groff page, LaTeX's multicol in three columns with page-wide footnotes.
CASES = [
    ("groff", 1, {"columns": 2, "note_rate": 0.3, "justify": True}),
    ("groff", 2, {"columns": 2, "note_rate": 0.3, "justify": False, "family": "H"}),
    ("latex", 1, {"columns": 2, "note_rate": 0.3, "justify": True, "family": "cm"}),
    ("latex", 2, {"columns": 3, "note_rate": 0.3, "justify": True, "family": "times"}),
    # narrow multicol columns, many quotations: quotations continued across columns, a
    # column set wholly as quotation on two pages, a short last page
    (
        "latex",
        8,
        {
            "columns": 3,
            "note_rate": 0.15,
            "justify": True,
            "quote_rate": 0.45,
            "family": "helvetica",
            "_repeat": 2,
        },
    ),
    # endnotes: raised numbers in the text, the notes under "Notes" at the end ("1. …")
    ("latex", 9, {"columns": 2, "note_rate": 0.3, "endnotes": "dot", "family": "cm"}),
    # long footnotes with a hanging number, continued in the next column or page
    (
        "latex",
        14,
        {"columns": 2, "note_rate": 0.3, "note_hang": True, "long_notes": True, "_repeat": 2},
    ),
    # the same, a hanging note going on at a column's foot with no numbered note under it
    (
        "latex",
        20,
        {"columns": 2, "note_rate": 0.3, "note_hang": True, "long_notes": True, "_repeat": 2},
    ),
    # variant 2 (bench/typeset.py _variant2): a narrow gutter (8 pt) with microtype's
    # protrusion hanging hyphens and stops into it
    (
        "latex",
        51,
        {
            "variant": 2,
            "columns": 2,
            "size": 11,
            "family": "times",
            "justify": True,
            "note_rate": 0.15,
            "quote_rate": 0.1,
            "long_notes": False,
            "v2": {
                "class": "article",
                "multicol": False,
                "preamble": [
                    "\\setlength{\\columnsep}{8pt}",
                    "\\usepackage[expansion=false]{microtype}",
                ],
                "fig_rate": 0.0,
                "span_rate": 0.0,
            },
        },
    ),
    # figures with captions in LaTeX's own type (upright, text size): in a column and
    # across the page
    (
        "latex",
        52,
        {
            "variant": 2,
            "columns": 2,
            "size": 10,
            "family": "palatino",
            "justify": True,
            "note_rate": 0.15,
            "quote_rate": 0.1,
            "long_notes": False,
            "_repeat": 2,
            "v2": {
                "class": "scrartcl",
                "multicol": False,
                "preamble": ["\\setlength{\\columnsep}{18pt}"],
                "fig_rate": 0.2,
                "span_rate": 0.0,
                "float_place": "tb",
            },
        },
    ),
    # footnotes over figures at a column's foot (LaTeX sets a column's notes above them)
    (
        "latex",
        54,
        {
            "variant": 2,
            "columns": 2,
            "size": 11,
            "family": "times",
            "justify": True,
            "note_rate": 0.3,
            "quote_rate": 0.1,
            "long_notes": False,
            "_repeat": 2,
            "v2": {
                "class": "article",
                "multicol": False,
                "preamble": ["\\setlength{\\columnsep}{12pt}"],
                "fig_rate": 0.15,
                "span_rate": 0.0,
                "float_place": "b",
            },
        },
    ),
    # headings across the page mid-page between runs of multicol columns (balanced above)
    (
        "latex",
        53,
        {
            "variant": 2,
            "columns": 2,
            "size": 10,
            "family": "newcent",
            "justify": True,
            "note_rate": 0.0,
            "quote_rate": 0.1,
            "long_notes": False,
            "_repeat": 2,
            "v2": {
                "class": "article",
                "multicol": True,
                "preamble": ["\\setlength{\\columnsep}{12pt}"],
                "fig_rate": 0.0,
                "span_rate": 1.0,
            },
        },
    ),
]


def main() -> None:
    have = available()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")  # pdfTeX dates: reproducible
    os.environ.setdefault("FORCE_SOURCE_DATE", "1")
    OUT.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])  # stems to set again ("latex-51"); all when none given
    for engine, seed, force in CASES:
        if only and f"{engine}-{seed}" not in only:
            continue
        if not have[engine]:
            print(f"skipped {engine}-{seed}: {engine} not installed", file=sys.stderr)
            continue
        force = dict(force)
        data, truth = make_typeset(engine, ESSAYS * force.pop("_repeat", 1), seed, force)
        stem = OUT / f"{engine}-{seed}"
        stem.with_suffix(".pdf").write_bytes(data)
        stem.with_suffix(".json").write_text(
            json.dumps(
                {
                    "engine": engine,
                    "params": truth.params,
                    "pages": truth.pages,
                    "paragraphs": truth.paragraphs,
                    "notes": truth.notes,
                    "furniture": sorted(set(truth.furniture)),
                    "hyphenated": truth.hyphenated,
                    "breaks": truth.breaks,
                },
                ensure_ascii=False,
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"{stem.name}: {truth.pages} pages, {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
