"""The whole job on a small project made in a temporary folder.

Why a made-up project: the build must work on texts we have never seen, and
the bundled seed's true order must not leak into tests.  The text below is
already in reading order (a "PDF" with one column), with a title block, a
numbered heading, a block quotation with its citation, a hyphenated line end,
an extraction typo and a quotation running over two sentences.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edition.build import build
from edition.cli import main
from edition.config import load_config

SOURCE = """\
Jane Example

A Short Essay on Columns

The first printed newspapers were set in narrow columns because
the presses of the time could not hold long lines of type. Readers
learned to follow a column down the page and then to jump to the
top of the next one. This habit survives in every modern maga-
zine, and it is the reason why text extracted from a PDF so often
comes out in the wrong order.

1. What the printers said
The printers themselves were clear about it. One of them wrote
in a trade journal of the period:

“A column is a promise to the reader. Break it, and he will
not follow you further. Keep it, and he will read to the end.”
(Smith 1888, p. 12).

Another printer called the column “the only honest
measure of a page. Everything else is decoration.” He saw no
alter native to it.

2. What the readers did
Readers wrote letters to the editors, and some of those letters
were printed in the very columns they complained about.
"""

PYPROJECT = """\
[tool.edition]
languages = ["fr", "de"]

[tool.edition.works.essay]
source = "en.txt"
id-prefix = "es"
"""

EDITORIAL = """\
[metadata]
title = "A Short Essay on Columns"
author = "Jane Example"
source = "A test text, already in reading order."

[[corrections]]
sic = "alter native"
corr = "alternative"
"""


def make_project(root: Path, source: str = SOURCE, editorial: str = EDITORIAL) -> Path:
    """A minimal project: pyproject with [tool.edition], one work, its seed and editorial file."""
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    seed = root / "seeds" / "essay"
    seed.mkdir(parents=True)
    (seed / "en.txt").write_text(source, encoding="utf-8")
    (seed / "editorial.toml").write_text(editorial, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every generated file, by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for d in ("tei", "locales")
        for p in sorted((root / d).rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)


def test_build_writes_tei_and_catalogues(project: Path) -> None:
    report = build(load_config(project), progress=False)
    files = snapshot(project)
    assert "tei/essay.en.xml" in files
    assert "locales/essay.pot" in files
    assert "locales/fr/essay.po" in files and "locales/de/essay.po" in files
    tei = files["tei/essay.en.xml"].decode()
    # The title block went to the header, not into the text.
    assert "<author>Jane Example</author>" in tei
    body = tei.split("<body>")[1]
    assert "Jane Example" not in body
    # Hyphenated line end rejoined, accepted correction encoded, block quotation with citation.
    assert "magazine" in body and "maga-" not in body
    assert "<sic>alter native</sic>" in body and "<corr>alternative</corr>" in body
    assert "<bibl>(Smith 1888, p. 12).</bibl>" in body
    assert "<quote" in body
    # Two numbered sections plus the untitled opening.
    assert report.works[0].sections == 3
    assert "no French original" in "\n".join(report.works[0].lines)


def test_build_twice_is_byte_identical_and_check_passes(project: Path) -> None:
    cfg = load_config(project)
    build(cfg, progress=False)
    first = snapshot(project)
    again = build(cfg, progress=False)
    assert snapshot(project) == first
    assert again.written == []
    assert build(cfg, check_only=True, progress=False).exit_code() == 0


def test_outputs_built_with_other_data_versions_say_so(project: Path, monkeypatch) -> None:
    """The build signature (data package versions) is in the TEI header; a mismatch is named."""
    from edition import build as build_module
    from edition.tei import read_data_versions

    cfg = load_config(project)
    build(cfg)
    here = build_module.data_versions()
    assert read_data_versions(project / "tei" / "essay.en.xml") == here
    other = {**here, "wordfreq": "9.9"}
    monkeypatch.setattr(build_module, "data_versions", lambda: other)
    report = build(cfg, check_only=True)
    assert report.exit_code() == 1
    assert "built with other data versions" in report.stale_cause
    assert "wordfreq:" in report.stale_cause and "wordfreq:9.9" in report.stale_cause
    assert "built with other data versions" in report.render(project)


def test_check_reports_stale_outputs(project: Path) -> None:
    cfg = load_config(project)
    build(cfg, progress=False)
    src = project / "seeds" / "essay" / "en.txt"
    src.write_text(SOURCE.replace("narrow columns", "very narrow columns"), encoding="utf-8")
    before = snapshot(project)
    report = build(cfg, check_only=True, progress=False)
    assert report.exit_code() == 1
    assert project / "tei" / "essay.en.xml" in report.stale
    assert snapshot(project) == before, "--check must not write anything"


def test_ids_survive_an_edit_of_the_seed(project: Path) -> None:
    cfg = load_config(project)
    build(cfg, progress=False)
    from edition.tei import read_ids

    before = dict((text, sid) for sid, text in read_ids(project / "tei" / "essay.en.xml")[0])
    src = project / "seeds" / "essay" / "en.txt"
    src.write_text(
        SOURCE.replace("Readers\nlearned to follow", "Readers\nsoon learned to follow"),
        encoding="utf-8",
    )
    build(cfg, progress=False)
    after_pairs = read_ids(project / "tei" / "essay.en.xml")[0]
    after = dict((text, sid) for sid, text in after_pairs)
    edited = next(t for t in after if "soon learned" in t)
    original = next(t for t in before if "Readers learned" in t)
    assert after[edited] == before[original], "an edited sentence keeps its id"
    unchanged = [t for t in before if t in after]
    assert unchanged and all(before[t] == after[t] for t in unchanged)


# ----------------------------------------------------------------- bad input


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "edition", *args], cwd=cwd, capture_output=True, text=True
    )


def test_missing_seed_is_a_one_line_error_exit_2(project: Path) -> None:
    (project / "seeds" / "essay" / "en.txt").unlink()
    r = run_cli(["build", "--quiet"], project)
    assert r.returncode == 2
    assert "en.txt" in r.stderr and "not found" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not (project / "tei").exists(), "no partial output"


def test_wrong_encoding_names_file_and_line(project: Path) -> None:
    (project / "seeds" / "essay" / "en.txt").write_bytes(
        "line one\ncaf\xe9 latin-1\n".encode("latin-1")
    )
    r = run_cli(["build", "--quiet"], project)
    assert r.returncode == 2
    assert "en.txt:2" in r.stderr and "UTF-8" in r.stderr


def test_empty_seed_is_an_error(project: Path) -> None:
    (project / "seeds" / "essay" / "en.txt").write_text("  \n\n", encoding="utf-8")
    r = run_cli(["build", "--quiet"], project)
    assert r.returncode == 2 and "empty" in r.stderr


def test_unknown_work_is_a_usage_error(project: Path) -> None:
    r = run_cli(["build", "--quiet", "--work", "nope"], project)
    assert r.returncode == 2 and "nope" in r.stderr and "essay" in r.stderr


def test_broken_editorial_file_is_located(project: Path) -> None:
    (project / "seeds" / "essay" / "editorial.toml").write_text(
        "[[corrections]]\nsic = 3\n", encoding="utf-8"
    )
    r = run_cli(["build", "--quiet"], project)
    assert r.returncode == 2 and "editorial.toml" in r.stderr and "corrections" in r.stderr


def test_no_project_config_is_a_usage_error(tmp_path: Path) -> None:
    r = run_cli(["build"], tmp_path)
    assert r.returncode == 2 and "[tool.edition]" in r.stderr


def test_every_verb_has_help() -> None:
    for verb in [
        "build",
        "reassemble",
        "segment",
        "align",
        "extract",
        "init",
        "update",
        "status",
        "check",
    ]:
        with pytest.raises(SystemExit) as exc:
            main([verb, "--help"])
        assert exc.value.code == 0


FRENCH = """\
Jane Example

Petit essai sur les colonnes

Les premiers journaux imprimés étaient composés en colonnes étroites parce
que les presses de l’époque ne pouvaient pas tenir de longues lignes. Les
lecteurs apprirent à suivre une colonne jusqu’en bas de la page, puis à sauter
en haut de la suivante. Cette habitude survit dans tous les magazines
modernes, et c’est pourquoi le texte extrait d’un PDF sort si souvent dans le
désordre.

1. Ce que disaient les imprimeurs
Les imprimeurs eux-mêmes étaient clairs. L’un d’eux écrivit dans un journal
professionnel de l’époque :

«\u00a0Une colonne est une promesse faite au lecteur. Rompez-la, et il ne vous
suivra pas plus loin. Tenez-la, et il lira jusqu’au bout.\u00a0» (Smith 1888,
p. 12).

Un autre imprimeur appelait la colonne «\u00a0la seule mesure honnête d’une
page. Tout le reste est décoration.\u00a0» Il ne lui voyait aucune alternative.

2. Ce que faisaient les lecteurs
Les lecteurs écrivaient aux rédacteurs, et certaines de ces lettres furent
imprimées dans les colonnes mêmes dont ils se plaignaient.
"""


def test_french_original_is_aligned_when_dropped_in(project: Path) -> None:
    cfg = load_config(project)
    build(cfg, progress=False)
    (project / "seeds" / "essay" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    editorial = EDITORIAL.replace(
        "[metadata]\n", '[metadata]\noriginal-title = "Petit essai sur les colonnes"\n'
    )
    (project / "seeds" / "essay" / "editorial.toml").write_text(editorial, encoding="utf-8")
    report = build(cfg, progress=False)
    files = snapshot(project)
    assert "tei/essay.fr.xml" in files and "tei/essay.align.xml" in files
    assert any("aligned with the French original" in line for line in report.works[0].lines)
    from lxml import etree

    from edition.tei import NS

    links = etree.fromstring(files["tei/essay.align.xml"]).findall(".//t:link", NS)
    assert len(links) >= 8
    # The translator sees the French next to the English.
    pot = files["locales/essay.pot"].decode()
    assert "French original: Les imprimeurs eux-mêmes étaient clairs." in pot
    fr_tei = files["tei/essay.fr.xml"].decode()
    assert "Petit essai" not in fr_tei.split("<body>")[1], "French title block goes to the header"


def test_build_report_as_json(project: Path) -> None:
    import json

    r = run_cli(["build", "--quiet", "--format", "json"], project)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["works"][0]["work"] == "essay" and "tei/essay.en.xml" in data["written"]
    r = run_cli(["build", "--quiet", "--check", "--format", "json"], project)
    assert r.returncode == 0 and json.loads(r.stdout)["stale"] == []


# ------------------------------------------------------------ [[align]] pins


def _links(root: Path) -> list[tuple[list[str], list[str], str | None, str | None]]:
    from lxml import etree

    from edition.tei import NS

    tree = etree.parse(str(root / "tei" / "essay.align.xml"))
    out = []
    for el in tree.iterfind(".//t:link", NS):
        ids = [t.split("#", 1)[1] for t in el.get("target").split()]
        en = [i for i in ids if not i.startswith("es-fr-")]
        out.append((en, [i for i in ids if i.startswith("es-fr-")], el.get("cert"), el.get("resp")))
    return out


def _with_original(project: Path, pins: str = "") -> None:
    (project / "seeds" / "essay" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (project / "seeds" / "essay" / "editorial.toml").write_text(EDITORIAL + pins, encoding="utf-8")


def test_an_editorial_pin_is_a_fixed_bead_the_search_works_around(project: Path) -> None:
    """A pinned link is kept exactly, marked as the editor's, and the other beads move round it."""
    _with_original(project)
    cfg = load_config(project)
    build(cfg, progress=False)
    before = _links(project)
    ones = [(k, b) for k, b in enumerate(before) if len(b[0]) == 1 and len(b[1]) == 1]
    k, (en, fr, _cert, _resp) = ones[len(ones) // 2]
    nxt = before[k + 1][1]
    # pin the English sentence to the French one *after* its true counterpart: a wrong link
    # the aligner would never make, so only the constraint can produce it
    pins = f'\n[[align]]\nen = ["{en[0]}"]\nfr = ["{nxt[0]}"]\nreason = "test"\n'
    _with_original(project, pins)
    build(cfg, progress=False)
    after = _links(project)
    pinned = [b for b in after if b[3] == "#editorial-pins"]
    assert [(b[0], b[1], b[2]) for b in pinned] == [(en, [nxt[0]], "1.000")]
    assert (en, fr) not in [(b[0], b[1]) for b in after]
    align_xml = (project / "tei" / "essay.align.xml").read_text(encoding="utf-8")
    assert 'xml:id="editorial-pins"' in align_xml and "seeds/essay/editorial.toml" in align_xml
    # every sentence still in exactly one bead, in order (the search worked around the pin)
    seen = [i for b in after for i in b[1]]
    assert seen == sorted(seen) and len(seen) == len(set(seen))
    again = (project / "tei" / "essay.align.xml").read_bytes()
    build(cfg, progress=False)
    assert (project / "tei" / "essay.align.xml").read_bytes() == again  # deterministic


@pytest.mark.parametrize(
    "pins, message",
    [
        ('en = ["es-9999"]\nfr = ["es-fr-0003"]', "unknown segment id `es-9999` in 'en'"),
        ('en = ["es-fr-0003"]\nfr = ["es-fr-0004"]', "list it under 'fr'"),
        ('en = ["es-0003", "es-0005"]\nfr = ["es-fr-0003"]', "the 'en' ids are not consecutive"),
        ('en = ["es-0003"]\nfr = ["es-fr-0003", "es-fr-0005"]', "the 'fr' ids are not consecutive"),
        ('en = ["es-0003"]\nfr = ["es-fr-0003"]\nreason = ""', "needs a 'reason'"),
        ('enn = ["es-0003"]\nfr = ["es-fr-0003"]', "did you mean `en`"),
    ],
)
def test_a_bad_pin_is_an_input_error_with_file_and_line(
    project: Path, capsys, pins: str, message: str
) -> None:
    reason = "" if "reason" in pins else '\nreason = "test"'
    _with_original(project, f"\n[[align]]\n{pins}{reason}\n")
    line = EDITORIAL.count("\n") + 2  # the [[align]] header (or the key under it)
    assert main(["build", "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert f"editorial.toml:{line}" in err or f"editorial.toml:{line + 1}" in err, err
    assert not (project / "tei" / "essay.align.xml").exists()  # nothing written
