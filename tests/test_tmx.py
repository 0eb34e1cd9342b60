"""``edition tmx``: TMX 1.4b read back by translate-toolkit (an independent reader).

Why translate-toolkit: it is what po2tmx/CAT tool pipelines use; our file
must read back with the same units it was written from.  translate-toolkit
ships ``po2tmx`` but no ``tmx2po``: the round trip is our TMX → its TMX
reader → a PO store, compared with the catalogue, and po2tmx's own TMX of
the same catalogue must hold exactly our (source, target) pairs.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import REPO
from site_fixtures import HOSTILE, make_hostile_project

from edition.config import load_config
from edition.files import InputError
from edition.tmx import memories, write_memories

tmx_store = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit (test extra)")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_hostile_project(tmp_path_factory.mktemp("proj") / "proj")


def _read(path: Path, src: str, tgt: str):
    with path.open("rb") as fh:
        return tmx_store.tmxfile(fh, src, tgt)


def test_catalogue_pair_reads_back(project: Path, tmp_path: Path) -> None:
    cfg = load_config(project)
    written = dict(write_memories(cfg, tmp_path, work="tiny", lang="es"))
    path = tmp_path / "en-es.tmx"
    assert written == {path: 2}
    store = _read(path, "en", "es")
    po = polib.pofile(str(cfg.works["tiny"].po_path("es")))
    wanted = {e.msgctxt: (e.msgid, e.msgstr) for e in po if e.msgstr and "fuzzy" not in e.flags}
    got = {u.getid(): (u.source, u.target) for u in store.units}
    assert got == wanted
    assert HOSTILE in {t for _s, t in got.values()}  # text, escaped in the XML, intact


def test_round_trip_through_a_po_store_and_po2tmx(project: Path, tmp_path: Path) -> None:
    from translate.storage import po as tt_po

    cfg = load_config(project)
    write_memories(cfg, tmp_path, work="tiny", lang="es")
    store = _read(tmp_path / "en-es.tmx", "en", "es")
    back = tt_po.pofile()
    for u in store.units:
        unit = back.addsourceunit(u.source)
        unit.target = u.target
        unit.setcontext(u.getid())
    out = tmp_path / "back.po"
    back.savefile(str(out))
    ours = {(e.msgctxt, e.msgid, e.msgstr) for e in polib.pofile(str(out)) if e.msgid}
    cat = polib.pofile(str(cfg.works["tiny"].po_path("es")))
    assert ours == {
        (e.msgctxt, e.msgid, e.msgstr) for e in cat if e.msgstr and "fuzzy" not in e.flags
    }
    theirs = tmp_path / "po2tmx.tmx"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "translate.convert.po2tmx",
            "-l",
            "es",
            str(cfg.works["tiny"].po_path("es")),
            str(theirs),
        ],
        check=True,
        capture_output=True,
    )
    pairs = {(u.source, u.target) for u in _read(theirs, "en", "es").units}
    assert pairs == {(s, t) for _c, s, t in ours}


def test_alignment_pair_keeps_confident_beads_with_their_confidence() -> None:
    cfg = load_config(REPO)
    mems = memories(cfg, work="verne-voyage-centre-terre", lang="fr")
    assert list(mems) == ["fr-en"]
    src, tgt, units = mems["fr-en"]
    assert (src, tgt) == ("fr", "en") and len(units) > 200
    confs = [float(dict(u.props)["x-confidence"]) for u in units]
    assert min(confs) >= 0.5
    assert all(u.tuid.startswith("vct-") and "vct-fr" not in u.tuid for u in units)


def test_alignment_file_reads_back(tmp_path: Path) -> None:
    cfg = load_config(REPO)
    out = tmp_path / "fr-en.tmx"
    [(path, n)] = write_memories(cfg, out, work="verne-voyage-centre-terre", lang="fr")
    store = _read(path, "fr", "en")
    assert len(store.units) == n
    # the chapter heading is a unit of its own, then the first sentence
    assert store.units[0].source == "I" and store.units[0].target.startswith("CHAPTER I.")
    assert "Lidenbrock" in store.units[1].source and "Liedenbrock" in store.units[1].target
    again = tmp_path / "again.tmx"
    write_memories(cfg, again, work="verne-voyage-centre-terre", lang="fr")
    assert again.read_bytes() == path.read_bytes()  # deterministic


def test_one_file_for_several_pairs_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="do not fit one file"):
        write_memories(load_config(REPO), tmp_path / "all.tmx")
    assert not (tmp_path / "all.tmx").exists()


def test_cli(project: Path, tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "edition", "tmx", "--root", str(project), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert r.returncode == 0, r.stderr
    assert "en-es.tmx (2 units)" in r.stdout and "en-de.tmx (0 units)" in r.stdout
    assert "is empty" in r.stderr
