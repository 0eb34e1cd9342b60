"""The translator's cycle: init, translate, the English changes, rebuild — nothing is lost.

Read top to bottom, this is the scenario of issue 4: a French translator
fills part of the catalogue (with a comment of their own and a fuzzy flag),
then the editor corrects a word, inserts a sentence, deletes one and moves a
paragraph, and rebuilds.  Each rule of the reconciliation is asserted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from edition.build import build
from edition.catalog import merge, read_catalog
from edition.cli import main
from edition.config import load_config

PYPROJECT = """\
[tool.edition]
languages = ["fr"]

[tool.edition.works.essay]
source = "en.txt"
id-prefix = "es"
"""

PARA_A = "The printers set their pages in columns. Readers followed them down the page. Nobody complained."
PARA_B = "Later the PDF came. Text extraction mixed the columns. Editors had to restore the order."
PARA_C = "This toolkit does it for them. It records every decision."


def write_seed(root: Path, *paragraphs: str) -> None:
    (root / "seeds" / "essay" / "en.txt").write_text(
        "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "seeds" / "essay").mkdir(parents=True)
    write_seed(tmp_path, PARA_A, PARA_B, PARA_C)
    build(load_config(tmp_path), progress=False)
    return tmp_path


def edition(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def po_path(root: Path) -> Path:
    return root / "locales" / "fr" / "essay.po"


def by_text(po) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po}


def translate(root: Path) -> dict[str, str]:
    """The translator's work: three translations, a comment, a flag of their own."""
    po = polib.pofile(str(po_path(root)))
    e = by_text(po)
    e[
        "Readers followed them down the page."
    ].msgstr = "Les lecteurs les suivaient jusqu’en bas de la page."
    e["Readers followed them down the page."].tcomment = "vérifier « suivre » avec l’éditeur"
    e["Nobody complained."].msgstr = "Personne ne s’en plaignit."
    e[
        "Text extraction mixed the columns."
    ].msgstr = "L’extraction du texte mélangeait les colonnes."
    e["Text extraction mixed the columns."].flags.append("fuzzy")
    e["It records every decision."].msgstr = "Il consigne chaque décision."
    po.save()
    return {x.msgid: x.msgctxt for x in po}


def test_the_whole_cycle_loses_nothing(project: Path) -> None:
    ids = translate(project)
    # The editor: a word changed (A2), a sentence inserted (A), a sentence
    # deleted (A3, translated), paragraph C moved before B.
    write_seed(
        project,
        "The printers set their pages in columns. A new sentence appears here. Readers followed the columns down the page.",
        PARA_C,
        PARA_B,
    )
    build(load_config(project), progress=False)
    po = read_catalog(po_path(project))
    active = {e.msgctxt: e for e in po if not e.obsolete}
    obsolete = {e.msgctxt: e for e in po if e.obsolete}

    # changed English: same id, translation kept, fuzzy, previous msgid recorded
    changed = active[ids["Readers followed them down the page."]]
    assert changed.msgid == "Readers followed the columns down the page."
    assert changed.msgstr == "Les lecteurs les suivaient jusqu’en bas de la page."
    assert (
        "fuzzy" in changed.flags
        and changed.previous_msgid == "Readers followed them down the page."
    )
    assert changed.tcomment == "vérifier « suivre » avec l’éditeur"
    # removed segment: obsolete, translation kept
    gone = obsolete[ids["Nobody complained."]]
    assert gone.msgstr == "Personne ne s’en plaignit."
    # unchanged and moved: untouched, the translator's fuzzy flag kept
    kept = active[ids["Text extraction mixed the columns."]]
    assert (
        kept.msgstr.startswith("L’extraction")
        and "fuzzy" in kept.flags
        and kept.previous_msgid is None
    )
    moved = active[ids["It records every decision."]]
    assert moved.msgstr == "Il consigne chaque décision." and "fuzzy" not in moved.flags
    # new segment: untranslated, in document order (second entry)
    new = [e for e in po if not e.obsolete][1]
    assert (
        new.msgid == "A new sentence appears here."
        and new.msgstr == ""
        and new.msgctxt not in ids.values()
    )
    # document order of active entries follows the English
    assert [e.msgid for e in po if not e.obsolete][3:5] == [
        "This toolkit does it for them.",
        "It records every decision.",
    ]

    # the deleted sentence comes back: ids are never reused, so it has a new
    # id, and its translation is resurrected from the obsolete entry
    write_seed(project, PARA_A, PARA_B, PARA_C)
    build(load_config(project), progress=False)
    po = read_catalog(po_path(project))
    back = by_text([e for e in po if not e.obsolete])["Nobody complained."]
    assert back.msgstr == "Personne ne s’en plaignit." and back.msgctxt != ids["Nobody complained."]
    assert not [e for e in po if e.obsolete and e.msgid == "Nobody complained."], (
        "moved, not duplicated"
    )
    # back to the text it was translated from: not fuzzy any more?  gettext keeps fuzzy until a human clears it
    restored = {e.msgctxt: e for e in read_catalog(po_path(project))}[
        ids["Readers followed them down the page."]
    ]
    assert restored.msgid == "Readers followed them down the page." and restored.msgstr


def test_unchanged_catalogue_is_not_rewritten(project: Path) -> None:
    translate(project)
    before = po_path(project).read_bytes()
    mtime = po_path(project).stat().st_mtime_ns
    build(load_config(project), progress=False)
    assert po_path(project).read_bytes() == before
    assert po_path(project).stat().st_mtime_ns == mtime


def test_header_fields_we_do_not_know_are_kept(project: Path) -> None:
    po = polib.pofile(str(po_path(project)))
    po.metadata["X-Poedit-Basepath"] = ".."
    po.metadata["Last-Translator"] = "Marie <marie@example.org>"
    po.save()
    build(load_config(project), progress=False)
    md = read_catalog(po_path(project)).metadata
    assert md["X-Poedit-Basepath"] == ".." and md["Last-Translator"].startswith("Marie")


@pytest.mark.parametrize(
    "damage, message, line",
    [
        (lambda t: t.replace('msgstr ""\n\n#.', 'msgstr "\n\n#.', 1), "not a valid PO file", True),
        (
            lambda t: t + '\n#. Section 0\nmsgctxt "es-0001"\nmsgid "x"\nmsgstr "y"\n',
            "duplicate segment id",
            True,
        ),
        (lambda t: t.replace("charset=UTF-8", "charset=ISO-8859-1"), "UTF-8", True),
        (lambda t: t.replace('msgctxt "es-0002"', 'msgctxt "es-9999"'), "unknown segment id", True),
    ],
)
@pytest.mark.parametrize("verb", ["build", "update"])
def test_broken_catalogue_is_located_and_never_overwritten(
    project: Path, damage, message: str, line: bool, verb: str, capsys
) -> None:
    """``build`` and ``update`` share one catalogue update: both stop at file:line, write nothing.

    Regression (issue 10): ``update`` used to obsolete a translation whose msgctxt had a typo.
    """
    path = po_path(project)
    broken = damage(path.read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    code, _out, err = edition(capsys, verb, "--root", str(project))
    assert code == 2, err
    assert message in err and "essay.po:" in err
    assert path.read_text(encoding="utf-8") == broken


def test_update_keeps_translations_and_reports_what_it_did(project: Path, capsys) -> None:
    translate(project)
    before = {
        (e.msgctxt, e.msgstr, e.tcomment, tuple(e.flags)) for e in read_catalog(po_path(project))
    }
    code, out, err = edition(capsys, "update", "--root", str(project))
    assert code == 0, err
    assert out.strip() in ("unchanged locales/fr/essay.po", "updated locales/fr/essay.po")
    after = {
        (e.msgctxt, e.msgstr, e.tcomment, tuple(e.flags)) for e in read_catalog(po_path(project))
    }
    assert after == before
    code, out, err = edition(capsys, "update", "--root", str(project), "--lang", "de")
    assert code == 0 and "edition init --lang de" in err and out == ""


def test_extract_writes_the_template_build_wrote(project: Path, capsys) -> None:
    """``extract`` reads the TEI back; its template must be byte-identical to the build's."""
    pot = project / "locales" / "essay.pot"
    built = pot.read_bytes()
    pot.unlink()
    code, out, err = edition(capsys, "extract", "--root", str(project))
    assert code == 0, err
    assert out.strip() == "wrote locales/essay.pot"
    assert pot.read_bytes() == built


FRENCH = (
    "Les imprimeurs composaient leurs pages en colonnes. Les lecteurs les suivaient. Personne ne se plaignit.\n\n"
    "Puis vint le PDF. L’extraction mélangea les colonnes. Les éditeurs durent rétablir l’ordre.\n\n"
    "Cet outil le fait pour eux. Il consigne chaque décision.\n"
)


def test_extract_reads_the_originals_build_aligned(project: Path, capsys) -> None:
    """One stand-off reader: the French originals ``extract`` reads back are the ones ``build`` wrote."""
    (project / "seeds" / "essay" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    build(load_config(project))
    pot = project / "locales" / "essay.pot"
    built = pot.read_bytes()
    assert "#. French original: Les lecteurs les suivaient." in built.decode("utf-8")
    pot.unlink()
    assert edition(capsys, "extract", "--root", str(project))[0] == 0
    assert pot.read_bytes() == built


def test_a_malformed_confidence_in_the_alignment_is_an_input_error(project: Path, capsys) -> None:
    (project / "seeds" / "essay" / "fr.txt").write_text(FRENCH, encoding="utf-8")
    build(load_config(project))
    links = project / "tei" / "essay.align.xml"
    text = links.read_text(encoding="utf-8")
    assert 'cert="' in text
    links.write_text(re.sub(r'cert="[^"]*"', 'cert="high"', text, count=1), encoding="utf-8")
    code, _out, err = edition(capsys, "extract", "--root", str(project))
    assert code == 2 and "essay.align.xml:" in err and "'high'" in err


def test_status_counts_per_section_and_json(project: Path, capsys) -> None:
    translate(project)
    code, out, err = edition(capsys, "status", "--format", "json", "--root", str(project))
    assert code == 0, err
    rows = json.loads(out)
    total = next(x for x in rows if x["section"] == "all")
    assert (total["translated"], total["fuzzy"], total["untranslated"]) == (3, 1, 4)
    code, out, err = edition(capsys, "status", "--root", str(project))
    assert "translated" in out.splitlines()[0] and "37.5%" in out


def test_init_refuses_to_overwrite_and_creates_new_language(project: Path, capsys) -> None:
    code, _out, err = edition(capsys, "init", "--lang", "fr", "--root", str(project))
    assert code == 2 and "already exists" in err
    code, _out, err = edition(capsys, "init", "--lang", "pt_BR", "--root", str(project))
    assert code == 0, err
    assert "add 'pt_BR' to [tool.edition] languages" in err
    po = read_catalog(project / "locales" / "pt_BR" / "essay.po")
    assert po.metadata["Language"] == "pt_BR" and "n > 1" in po.metadata["Plural-Forms"]


def test_merge_is_pure_and_idempotent(project: Path) -> None:
    translate(project)
    template = read_catalog(project / "locales" / "essay.pot")
    po = read_catalog(po_path(project))
    once = merge(template, po)
    assert str(merge(template, once)) == str(once)


needs_gettext = pytest.mark.skipif(
    shutil.which("msgfmt") is None or shutil.which("msgmerge") is None,
    reason="GNU gettext (msgfmt, msgmerge) not installed; .ci/run installs it",
)


@needs_gettext
def test_gettext_accepts_our_files(project: Path) -> None:
    translate(project)
    build(load_config(project), progress=False)
    for f in [project / "locales" / "essay.pot", po_path(project)]:
        r = subprocess.run(
            ["msgfmt", "--check", "--check-format", "-o", "/dev/null", str(f)],
            capture_output=True,
            text=True,
        )
        assert r.returncode == 0, r.stderr


@needs_gettext
def test_msgmerge_changes_nothing_but_wrapping(project: Path, tmp_path: Path) -> None:
    translate(project)
    build(load_config(project), progress=False)
    out = tmp_path / "merged.po"
    r = subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--no-fuzzy-matching",
            "-o",
            str(out),
            str(po_path(project)),
            str(project / "locales" / "essay.pot"),
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr

    def key(po: polib.POFile) -> list[tuple]:
        return [
            (
                e.msgctxt,
                e.msgid,
                e.msgstr,
                e.obsolete,
                sorted(e.flags),
                e.tcomment,
                e.previous_msgid,
            )
            for e in po
        ]

    assert key(polib.pofile(str(out))) == key(polib.pofile(str(po_path(project))))
