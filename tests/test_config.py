"""Strict configuration: a typo in pyproject.toml or editorial.toml stops the run (exit 2).

Each case is a typo a user really makes; the message must name the file, the
line, the table, the key and the closest valid key, and nothing is built.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.cli import main
from edition.config import CHECK_TABLE, load_config
from edition.editorial import load_editorial
from edition.files import InputError

PYPROJECT = """\
[tool.edition]
languages = ["fr"]

[tool.edition.works.essay]
source = "en.txt"
id-prefix = "es"

[tool.edition.check]
fail-on = "error"
min-coverage = { fr = 0 }
"""

EDITORIAL = """\
[metadata]
title = "An essay"
author = "Someone"

[[corrections]]
sic = "colums"
corr = "columns"

[[gaps]]
after = "the end."
reason = "the source stops here"
"""


def project(tmp_path: Path, pyproject: str = PYPROJECT, editorial: str = EDITORIAL) -> Path:
    (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    seed = tmp_path / "seeds" / "essay"
    seed.mkdir(parents=True)
    (seed / "en.txt").write_text("The printers set their colums. It was the end.\n", "utf-8")
    (seed / "editorial.toml").write_text(editorial, encoding="utf-8")
    return tmp_path


def test_the_valid_configuration_loads(tmp_path: Path) -> None:
    root = project(tmp_path)
    cfg = load_config(root)
    assert cfg.languages == ("fr",) and cfg.works["essay"].id_prefix == "es"
    assert load_editorial(cfg.works["essay"].editorial_path).corrections == (("colums", "columns"),)


@pytest.mark.parametrize(
    "typo, table, key, suggestion, line",
    [
        (("languages =", "language ="), "[tool.edition]", "`language`", "`languages`", 2),
        (("id-prefix", "id-prefx"), "[tool.edition.works.essay]", "`id-prefx`", "`id-prefix`", 6),
        (("fail-on", "fail_on"), "[tool.edition.check]", "`fail_on`", "`fail-on`", 9),
        (
            ("[tool.edition.check]", "[tool.edition.chek]"),
            "in [tool.edition]",
            "`[tool.edition.chek]`",
            "`[tool.edition.check]`",
            8,
        ),
    ],
)
def test_pyproject_typos_are_refused_with_the_closest_key(
    tmp_path: Path, typo: tuple[str, str], table: str, key: str, suggestion: str, line: int, capsys
) -> None:
    root = project(tmp_path, PYPROJECT.replace(*typo))
    assert main(["build", "--quiet", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"pyproject.toml:{line}:" in err and table in err and key in err
    assert f"did you mean {suggestion}?" in err
    assert not (root / "tei").exists()  # nothing built


@pytest.mark.parametrize(
    "typo, table, key, suggestion, line",
    [
        (("title =", "titel ="), "[metadata]", "`titel`", "`title`", 2),
        (
            ("[[corrections]]", "[[correction]]"),
            "at the top level",
            "`[[correction]]`",
            "`[[corrections]]`",
            5,
        ),
        (("reason =", "resaon ="), "[gaps]", "`resaon`", "`reason`", 11),
    ],
)
def test_editorial_typos_are_refused_with_the_closest_key(
    tmp_path: Path, typo: tuple[str, str], table: str, key: str, suggestion: str, line: int, capsys
) -> None:
    root = project(tmp_path, editorial=EDITORIAL.replace(*typo))
    assert main(["build", "--quiet", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert f"editorial.toml:{line}:" in err and table in err and key in err
    assert f"did you mean {suggestion}?" in err


def test_a_key_far_from_every_known_one_lists_the_known_keys(tmp_path: Path) -> None:
    root = project(
        tmp_path, PYPROJECT.replace('source = "en.txt"', 'source = "en.txt"\ncolour = 1')
    )
    with pytest.raises(InputError) as exc:
        load_config(root)
    assert "did you mean" not in str(exc.value)
    assert "known: editorial, id-prefix, " in str(exc.value)


def test_tables_whose_keys_are_data_are_not_checked(tmp_path: Path) -> None:
    root = project(
        tmp_path, PYPROJECT.replace("min-coverage = { fr = 0 }", "min-coverage = { xx = 5 }")
    )
    assert load_config(root).check["min-coverage"] == {"xx": 5}


def test_the_check_table_declares_exactly_the_settings_the_checks_read() -> None:
    """The schema and ``Settings`` defaults must not drift apart (one list of keys each)."""
    from edition.checks.core import DEFAULTS

    assert set(CHECK_TABLE.keys) == set(DEFAULTS), (
        "a [tool.edition.check] key was added or removed: declare it in edition.config.CHECK_TABLE"
    )


def test_check_settings_built_in_code_get_the_same_key_check() -> None:
    """``Settings.from_table`` (the API behind [tool.edition.check]) refuses a typo with the
    schema's message, and the schema and the defaults declare the same keys."""
    from edition.checks.core import DEFAULTS, Settings
    from edition.config import CHECK_TABLE

    assert set(CHECK_TABLE.keys) == set(DEFAULTS)
    with pytest.raises(InputError, match="did you mean `fail-on`"):
        Settings.from_table({"fail_on": "warning"}, Path("."))
    assert Settings.from_table({"fail-on": "warning"}, Path(".")).fail_on == "warning"
