"""Reliability: nothing lost, nothing half-written, no traceback (issue 16's bad-input audit).

Each test reproduces one defect of the audit and asserts the README's promise
it broke: exit 2 with one located line, nothing written on error, file modes
that respect the umask, no stray temporaries after SIGTERM, ids carried over
a long run-on sentence.  The machine runs tests as root, so "read-only" and
"disk full" are simulated at the system-call boundary, not with chmod.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_build import SOURCE, make_project, snapshot

from edition import files
from edition.cli import main
from edition.files import InputError, write_all, write_atomic

REPO = Path(__file__).resolve().parent.parent


def run(*argv: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess (exit code, stdout, stderr as a user sees them)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "edition", *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


def one_error_line(proc: subprocess.CompletedProcess) -> str:
    """stderr is exactly one ``edition: …`` line and no traceback."""
    err = proc.stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A small project built once (its outputs exist)."""
    root = make_project(tmp_path)
    assert main(["build", "--root", str(root), "--quiet"]) == 0
    return root


# ------------------------------------------------------------ seeds and config


def test_missing_configured_editorial_file_is_exit_2(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    pp = root / "pyproject.toml"
    pp.write_text(
        pp.read_text().replace('id-prefix = "es"', 'id-prefix = "es"\neditorial = "editorial.toml"')
    )
    (root / "seeds" / "essay" / "editorial.toml").unlink()
    proc = run("build", "--quiet", cwd=root)
    assert proc.returncode == 2
    assert "editorial.toml: editorial file not found" in one_error_line(proc)
    assert not (root / "tei").exists() and not (root / "locales").exists()


@pytest.mark.parametrize("char", ["\x01", "\x00", "\x1b", "\x85"])
def test_control_character_in_seed_is_located(tmp_path: Path, char: str) -> None:
    # past the first 8 KB, where the binary sniff does not look
    padding = "Filler prose that only pushes the next line further down.\n" * 200
    source = SOURCE + "\n" + padding + "\nA line with a hidden" + char + " character.\n"
    root = make_project(tmp_path, source)
    line = source.count("\n", 0, source.index(char)) + 1
    proc = run("build", "--quiet", cwd=root)
    assert proc.returncode == 2
    msg = one_error_line(proc)
    assert f"en.txt:{line}:21: source text contains the control character U+{ord(char):04X}" in msg
    assert not (root / "tei").exists()


def test_form_feeds_are_page_breaks_recorded_in_the_report(tmp_path: Path) -> None:
    source = SOURCE.replace("2. What the readers did", "\f2. What the readers did")
    root = make_project(tmp_path, source)
    from edition.build import build
    from edition.config import load_config

    report = build(load_config(root), progress=False)
    assert any("1 form feed(s)" in line for line in report.works[0].lines)
    assert "What the readers did" in (root / "tei" / "essay.en.xml").read_text()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Café au lait. Très bien.".encode("latin-1"), "not valid UTF-8"),
        (
            Path("/bin/ls").read_bytes()[:20000]
            if Path("/bin/ls").exists()
            else b"\x7fELF\x00\x00",
            "binary",
        ),
        (b"One sentence.\x02 Another.", "control character U+0002"),
    ],
)
def test_segment_stdin_gets_the_file_checks(tmp_path: Path, data: bytes, expected: str) -> None:
    proc = run("segment", cwd=tmp_path, stdin=data)
    assert proc.returncode == 2
    assert expected in one_error_line(proc)
    assert proc.stdout == b""


# ------------------------------------------------------------------- writing


def test_new_files_respect_the_umask_and_existing_modes_are_kept(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.xml", "one")
        assert stat.S_IMODE((tmp_path / "a.xml").stat().st_mode) == 0o644
        os.umask(0o027)
        write_atomic(tmp_path / "b.xml", "one")
        assert stat.S_IMODE((tmp_path / "b.xml").stat().st_mode) == 0o640
        (tmp_path / "a.xml").chmod(0o664)
        write_atomic(tmp_path / "a.xml", "two")
        assert stat.S_IMODE((tmp_path / "a.xml").stat().st_mode) == 0o664
    finally:
        os.umask(old)


def test_build_outputs_are_readable_by_the_group_and_others(built: Path) -> None:
    # the build ran under the test process's umask (022 unless set otherwise)
    mask = os.umask(0)
    os.umask(mask)
    for p in (built / "tei").iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask, p


def test_a_failure_while_staging_writes_nothing(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk on the last file: no file of the build is replaced (all-or-nothing)."""
    before = snapshot(built)
    src = built / "seeds" / "essay" / "en.txt"
    src.write_text(SOURCE.replace("narrow columns", "very narrow columns"), encoding="utf-8")
    real = files.tempfile.mkstemp

    def mkstemp(*a, **k):
        if "/de" in str(k.get("dir", "")):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*a, **k)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    assert main(["build", "--root", str(built), "--quiet"]) == 2
    assert snapshot(built) == before
    assert not [p for p in built.rglob("*.tmp")]


def test_unwritable_folder_is_one_line_exit_2(built: Path) -> None:
    """A catalogue folder that cannot be used (here a file in its way): one line, nothing written."""
    before = snapshot(built)
    de = built / "locales" / "de"
    for p in de.iterdir():
        p.unlink()
    de.rmdir()
    de.write_text("not a folder")
    src = built / "seeds" / "essay" / "en.txt"
    src.write_text(SOURCE.replace("narrow columns", "very narrow columns"), encoding="utf-8")
    proc = run("build", "--quiet", cwd=built)
    assert proc.returncode == 2
    assert "locales/de" in one_error_line(proc)
    after = snapshot(built)
    assert after["tei/essay.en.xml"] == before["tei/essay.en.xml"]
    assert after["locales/essay.pot"] == before["locales/essay.pot"]
    assert after["locales/fr/essay.po"] == before["locales/fr/essay.po"]


def test_registry_is_renamed_before_the_catalogues(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = built / "seeds" / "essay" / "en.txt"
    src.write_text(SOURCE.replace("narrow columns", "very narrow columns"), encoding="utf-8")
    order: list[str] = []
    real = os.replace
    monkeypatch.setattr(
        files.os, "replace", lambda a, b: (order.append(Path(b).parent.name), real(a, b))[1]
    )
    assert main(["build", "--root", str(built), "--quiet"]) == 0
    assert order[0] == "tei" and "tei" not in order[order.index("locales") :]


def test_sigterm_while_staging_leaves_no_temporaries(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from edition import files
        files.install_signal_cleanup()
        real = os.fsync
        calls = []
        def fsync(fd):
            calls.append(fd)
            if len(calls) == 2:
                os.kill(os.getpid(), signal.SIGTERM)
            real(fd)
        files.os.fsync = fsync
        root = Path({str(tmp_path)!r})
        files.write_all({{root / "a.txt": "A", root / "b.txt": "B", root / "c.txt": "C"}})
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert proc.returncode == 128 + 15, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_stale_temporaries_of_a_killed_run_are_swept(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    pid = int(dead.stdout)
    stale = tmp_path / f".x.po.{pid}.abcd.tmp"
    stale.write_text("half")
    other = tmp_path / ".notes.tmp"  # not ours: left alone
    other.write_text("keep")
    write_atomic(tmp_path / "x.po", "whole")
    assert not stale.exists() and other.exists()


def test_output_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(tmp_path / "nowhere" / "x.tsv", "a", make_parents=False)
    assert not (tmp_path / "nowhere").exists()


def test_write_all_reports_only_changed_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert write_all({a: "1", b: "2"}) == [a, b]
    assert write_all({a: "1", b: "3"}) == [b]


def test_unreadable_output_is_a_located_error(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "essay.pot":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match=r"essay.pot: cannot read \(Permission denied\)"):
        from edition.build import build
        from edition.config import load_config

        build(load_config(built), progress=False)


# ----------------------------------------------------------------------- ids


def test_long_run_on_sentence_keeps_its_id_when_edited() -> None:
    """A 22 KB "sentence" (the audit's case: 11.5 s with difflib) edited in one word."""
    from edition.ids import reconcile, similarity

    words = ("the party of the revolution is not a state but a class in history " * 400).split()
    long = " ".join(words)
    assert len(long) > 22_000
    edited = long.replace("party", "parti", 1)
    assert reconcile(["Short one.", long], ["Short one.", edited]) == [0, 1]
    assert similarity(long, edited) > 0.99
    assert similarity(long, " ".join(reversed(words)), 0.5) == 0.0


@pytest.mark.parametrize("target", ["nonexistent/dir/x.tsv", "/proc/version"])
def test_align_output_errors_are_one_line(tmp_path: Path, target: str) -> None:
    (tmp_path / "fr.txt").write_text("Une phrase.\nUne autre.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("A sentence.\nAnother one.\n", encoding="utf-8")
    proc = run("align", "fr.txt", "en.txt", "--output", target, cwd=tmp_path)
    assert proc.returncode == 2
    assert target in one_error_line(proc)
    assert not (tmp_path / "nonexistent").exists()


# ----------------------------------------------------------------- furniture

PROSE_WITH_PATTERNS = """\
The committee met in the old hall of the union. The meeting began on
9/5/11 10:30 in Paris, and the minutes were kept in a file named
minutes.qxp by the secretary, who later sent them to every branch. The
treasurer answered the question raised on Page 4
of the report, and nobody objected to the figures he gave.

The second session opened after lunch and lasted until the evening.
"""


def test_footer_patterns_inside_running_text_are_text() -> None:
    from edition.reassemble import find_furniture

    lines = PROSE_WITH_PATTERNS.split("\n")
    assert find_furniture(lines) == set()


def test_footers_standing_alone_or_repeated_are_furniture() -> None:
    from edition.reassemble import find_furniture

    alone = [
        "Some prose that ends here.",
        "",
        "book.qxp:Layout 1  9/5/11  09:41  Page4",
        "",
        "More.",
    ]
    assert find_furniture(alone) == {2}
    # glued to a column's last line, but the same footer recurs page after page
    pages = []
    for k in (4, 5, 6):
        pages += [
            f"Text of page {k} runs on and on",
            f"book.qxp:Layout 1  9/5/11  09:41  Page{k}",
            "",
        ]
    assert find_furniture(pages) == {1, 4, 7}


def test_every_word_of_patterned_prose_reaches_the_tei(tmp_path: Path) -> None:
    """The audit's silent loss, end to end, on a column extraction: nothing dropped, nothing unsaid."""
    import re

    from edition.build import build
    from edition.config import load_config

    root = make_project(tmp_path, SOURCE + "\n" + PROSE_WITH_PATTERNS)
    pp = root / "pyproject.toml"
    pp.write_text(
        pp.read_text().replace('id-prefix = "es"', 'id-prefix = "es"\nlayout = "columns"')
    )
    report = build(load_config(root), progress=False)
    tei = (root / "tei" / "essay.en.xml").read_text(encoding="utf-8")
    body = re.sub(r"<[^>]+>", " ", tei.split("<body>")[1])
    words = set(body.split())
    for w in ("9/5/11", "10:30", "minutes.qxp", "Page", "4", "figures"):
        assert w in words, w
    assert report.works[0].furniture == []


def test_removed_furniture_is_listed_in_the_report(tmp_path: Path) -> None:
    import json

    source = SOURCE.replace(
        "\n1. What the printers said",
        "\nessay.qxp:Layout 1  9/5/11  09:41  Page2\n\n1. What the printers said",
    )
    root = make_project(tmp_path, source)
    pp = root / "pyproject.toml"
    pp.write_text(
        pp.read_text().replace('id-prefix = "es"', 'id-prefix = "es"\nlayout = "columns"')
    )
    proc = run("build", "--quiet", "--format", "json", cwd=root)
    assert proc.returncode == 0, proc.stderr
    furniture = json.loads(proc.stdout)["works"][0]["furniture"]
    line = source.split("\n").index("essay.qxp:Layout 1  9/5/11  09:41  Page2") + 1
    assert {
        "file": "seeds/essay/en.txt",
        "line": line,
        "text": "essay.qxp:Layout 1  9/5/11  09:41  Page2",
    } in furniture
    text = run("build", "--quiet", cwd=root).stdout.decode()
    assert f"seeds/essay/en.txt:{line}: essay.qxp" in text


# ----------------------------------------------------------- wrong promises


def test_invalid_toml_names_its_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    pp = root / "pyproject.toml"
    pp.write_text(
        pp.read_text().replace('languages = ["fr", "de"]', 'languages = ["fr", "de"\nx =')
    )
    proc = run("build", "--quiet", cwd=root)
    assert proc.returncode == 2
    assert "pyproject.toml:3:1: invalid TOML at line 3:" in one_error_line(proc)


@pytest.mark.parametrize("bad", ["..", "../../etc", "fr/../..", "", "FR", "fr_fr"])
def test_language_codes_are_validated(tmp_path: Path, bad: str) -> None:
    root = make_project(tmp_path)
    pp = root / "pyproject.toml"
    pp.write_text(
        pp.read_text().replace('languages = ["fr", "de"]', f'languages = ["fr", "{bad}"]')
    )
    proc = run("build", "--quiet", cwd=root)
    assert proc.returncode == 2
    assert "language" in one_error_line(proc)
    assert not (root / "tei").exists() and not list(tmp_path.parent.glob("*.po"))


@pytest.mark.parametrize(
    "good", ["fr", "pt_BR", "pt-BR", "sr@latin", "zh-Hant", "es_419", "sr-Latn-RS"]
)
def test_real_language_codes_are_accepted(good: str) -> None:
    from edition.config import check_language

    check_language(good, None, "language")


def test_status_for_a_language_without_catalogue_is_an_error(built: Path) -> None:
    proc = run("status", "--lang", "zz", cwd=built)
    assert proc.returncode == 2
    assert (
        "no catalogue for 'zz'" in one_error_line(proc)
        and "edition init --lang zz" in proc.stderr.decode()
    )
    assert run("status", "--lang", "../x", cwd=built).returncode == 2


def test_every_check_id_is_documented(repo: Path) -> None:
    from edition.checks import REGISTRY
    from edition.cli import check_ids_help

    readme = (repo / "README.md").read_text(encoding="utf-8")
    listed = check_ids_help()
    for cid in REGISTRY:
        assert f"| `{cid}` |" in readme, cid
        assert f"  {cid} (" in listed, cid


def test_update_writes_all_catalogues_or_none(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from edition.catalog import read_catalog

    fr = built / "locales" / "fr" / "essay.po"
    po = read_catalog(fr)
    po[0].tcomment = "a translator's note"
    po.save(str(fr))
    # the template changes: both catalogues would be rewritten; the second (de) cannot be
    pot = built / "locales" / "essay.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8").replace("#. Section 0\n", "#. Section 0 (x)\n", 1)
    )
    before = snapshot(built)
    real = files.tempfile.mkstemp

    def mkstemp(*a, **k):
        if str(k.get("dir", "")).endswith("/de"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*a, **k)

    monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    assert main(["update", "--root", str(built)]) == 2
    assert snapshot(built) == before


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_a_rename_that_fails_mid_commit_rolls_the_whole_set_back(
    tmp_path: Path, monkeypatch, fail_at: int
) -> None:
    """All-or-nothing even after staging: files already renamed get their old content back,
    new files disappear, modes are kept and no temporary (staged file or backup) is left."""
    a, b, c = tmp_path / "a.xml", tmp_path / "b.po", tmp_path / "c.pot"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    os.chmod(b, 0o640)
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == fail_at:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", flaky)
    with pytest.raises(InputError, match="cannot replace"):
        files.write_all({a: b"new a", b: b"new b", c: b"new c"})
    monkeypatch.setattr(files.os, "replace", real)
    assert a.read_bytes() == b"old a" and b.read_bytes() == b"old b" and not c.exists()
    assert stat.S_IMODE(b.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.po"]
    assert not files._PENDING
    # and the same set written without a failure lands whole
    assert files.write_all({a: b"new a", b: b"new b", c: b"new c"}) == [a, b, c]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.po", "c.pot"]
    assert stat.S_IMODE(b.stat().st_mode) == 0o640


def _write_with_roll_back_failing(monkeypatch, a: Path, b: Path) -> None:
    """``write_all({a, b})`` whose rename of ``b``, then restore of ``a``, fail (EIO)."""
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) in (2, 3):  # the rename of b, then the restore of a
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", flaky)
    with pytest.raises(InputError, match=f"could not restore .*{a.name}.before-write"):
        files.write_all({a: b"new a", b: b"new b"})
    monkeypatch.setattr(files.os, "replace", real)


def test_a_backup_that_cannot_be_restored_is_kept_under_a_visible_name(
    tmp_path: Path, monkeypatch
) -> None:
    """If the roll-back itself fails, the old content survives (never swept as a temporary)."""
    a, b = tmp_path / "a.xml", tmp_path / "b.po"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    _write_with_roll_back_failing(monkeypatch, a, b)
    assert (tmp_path / "a.xml.before-write").read_bytes() == b"old a"
    assert b.read_bytes() == b"old b"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_kept_backup_never_overwrites_an_earlier_one_nor_is_swept(
    tmp_path: Path, monkeypatch
) -> None:
    """Two failed writes whose roll-backs fail both keep their old content: the second is
    numbered (``os.replace`` used to overwrite the first), and the sweep spares both."""
    a, b = tmp_path / "a.xml", tmp_path / "b.po"

    def fail_twice() -> None:
        _write_with_roll_back_failing(monkeypatch, a, b)

    a.write_bytes(b"first a")
    b.write_bytes(b"old b")
    fail_twice()
    a.write_bytes(b"second a")
    fail_twice()
    assert (tmp_path / "a.xml.before-write").read_bytes() == b"first a"
    assert (tmp_path / "a.xml.before-write.2").read_bytes() == b"second a"
    # where hard links fail (some file systems), an exclusive copy, still never overwriting

    def no_links(src, dst):
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    a.write_bytes(b"third a")
    fail_twice()
    assert (tmp_path / "a.xml.before-write.3").read_bytes() == b"third a"
    assert (tmp_path / "a.xml.before-write").read_bytes() == b"first a"
    # no room for a copy either: renamed to the free name, not left as a .tmp the sweep takes
    real_open = open

    def full(name, mode="r", *args, **kwargs):
        if "before-write" in str(name):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(name, mode, *args, **kwargs)

    monkeypatch.setattr(files, "open", full, raising=False)
    a.write_bytes(b"fourth a")
    fail_twice()
    monkeypatch.undo()
    assert (tmp_path / "a.xml.before-write.4").read_bytes() == b"fourth a"
    assert (tmp_path / "a.xml.before-write").read_bytes() == b"first a"
    files._sweep_stale(tmp_path)
    names = sorted(p.name for p in tmp_path.iterdir())
    kept = [f"a.xml.before-write{k}" for k in ("", ".2", ".3", ".4")]
    assert names == ["a.xml", *kept, "b.po"]
