"""Project configuration: ``[tool.edition]`` in the project's ``pyproject.toml``.

Why in pyproject.toml: one file a maintainer already reads; no extra format.
The project root is found by walking up from the working directory to the
first ``pyproject.toml`` that has a ``[tool.edition]`` table, so the CLI works
from any sub-folder, like git.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import InputError, read_text, toml_error
from .schema import FREE, Table, check_keys

#: ``[tool.edition.works.<name>]``: one text of the edition.
WORK_TABLE = Table(
    {
        "source": None,
        "editorial": None,
        "original": None,
        "id-prefix": None,
        "layout": None,
        "languages": None,
    }
)
#: ``[tool.edition.check]`` (values validated by ``edition.checks.core.Settings``).
CHECK_TABLE = Table(
    {
        "fail-on": None,
        "min-coverage": FREE,
        "fuzzy-counts-as-translated": None,
        "untranslated-quotes": None,
        "quote-consistency-min-words": None,
        "consistency-allow": None,
        "min-alignment-confidence": None,
        "max-length-ratio-z": None,
        "tei-schema": None,
        "outputs-fresh": None,
        "disable": None,
        "severity": FREE,
    }
)
#: ``[tool.edition]``: every key the toolkit reads; anything else is refused (``schema.check_keys``).
EDITION_TABLE = Table(
    {
        "seeds": None,
        "tei": None,
        "locales": None,
        "languages": None,
        "works": Table(named=WORK_TABLE),
        "check": CHECK_TABLE,
    }
)

#: A language code in gettext locale form (``fr``, ``pt_BR``, ``sr@latin``, ``es_419``) or
#: BCP 47 form (``pt-BR``, ``zh-Hant``, ``sr-Latn-RS``): letters, digits, ``_ - @`` only.
LANGUAGE_RE = re.compile(
    r"[a-z]{2,3}(?:[_-](?:[A-Z][a-z]{3}|[A-Z]{2}|\d{3}))*(?:@[a-z][a-z0-9]{0,15})?"
)


def check_language(lang: str, where: Path | None, what: str) -> None:
    """Refuse a language code that is not one (a typo, a path such as ``../x``)."""
    if not isinstance(lang, str) or not LANGUAGE_RE.fullmatch(lang):
        raise InputError(
            where,
            f"{what} {lang!r} is not a language code: use the gettext or BCP 47 form "
            "(fr, pt_BR, pt-BR, sr@latin, zh-Hant)",
        )


@dataclass(frozen=True)
class Work:
    """One text of the edition: its seed folder and derived output paths."""

    name: str
    source: str
    editorial: str
    original: str
    id_prefix: str
    seeds_dir: Path
    tei_dir: Path
    locales_dir: Path
    #: ``editorial`` named in the configuration: then a missing file is an error
    editorial_required: bool = False
    #: catalogue languages of this work (default: the project's ``languages``)
    languages: tuple[str, ...] = ()
    #: "auto" (decide from the text), "columns" (a PDF column extraction) or "flowing" (clean text)
    layout: str = "auto"

    @property
    def seed_dir(self) -> Path:
        return self.seeds_dir / self.name

    @property
    def source_path(self) -> Path:
        """The English text as received (e.g. a PDF extraction)."""
        return self.seed_dir / self.source

    @property
    def editorial_path(self) -> Path:
        """The editor's recorded decisions for this work."""
        return self.seed_dir / self.editorial

    @property
    def original_path(self) -> Path:
        """The French original, when supplied (may not exist)."""
        return self.seed_dir / self.original

    @property
    def tei_en(self) -> Path:
        return self.tei_dir / f"{self.name}.en.xml"

    @property
    def tei_fr(self) -> Path:
        return self.tei_dir / f"{self.name}.fr.xml"

    @property
    def tei_alignment(self) -> Path:
        """Stand-off alignment links between the English and French TEI."""
        return self.tei_dir / f"{self.name}.align.xml"

    @property
    def pot_path(self) -> Path:
        return self.locales_dir / f"{self.name}.pot"

    def po_path(self, lang: str) -> Path:
        """Layout: ``locales/<lang>/<work>.po`` (one catalogue per language and work).

        The code is validated here, the one place every path of a catalogue
        is made: ``..`` or a slash must never lead outside ``locales/``.
        """
        check_language(lang, None, "language")
        return self.locales_dir / lang / f"{self.name}.po"


@dataclass(frozen=True)
class Config:
    """The whole project configuration, with defaults for everything optional."""

    root: Path
    works: dict[str, Work]
    languages: tuple[str, ...]
    check: dict[str, Any] = field(default_factory=dict)
    pyproject: Path | None = None

    @property
    def all_languages(self) -> tuple[str, ...]:
        """Every catalogue language of the project or of one of its works."""
        return tuple(sorted(set(self.languages).union(*(w.languages for w in self.works.values()))))

    def work(self, name: str | None) -> list[Work]:
        """The named work, or all works when ``name`` is None."""
        if name is None:
            return [self.works[k] for k in sorted(self.works)]
        if name not in self.works:
            known = ", ".join(sorted(self.works)) or "none"
            raise InputError(
                self.pyproject, f"no work named {name!r} in [tool.edition.works] (known: {known})"
            )
        return [self.works[name]]


def find_root(start: Path | None = None) -> Path:
    """The nearest ancestor of ``start`` whose pyproject.toml has ``[tool.edition]``."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        pp = d / "pyproject.toml"
        if pp.is_file():
            text = read_text(pp, what="pyproject.toml")
            try:
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                if "tool.edition" in text:  # ours, broken: say so, not "no [tool.edition]"
                    raise toml_error(pp, exc) from None
                continue
            if "edition" in data.get("tool", {}):
                return d
    raise InputError(
        here,
        "no pyproject.toml with a [tool.edition] table here or above; run edition inside the project (or pass --root)",
    )


def load_config(root: Path | None = None) -> Config:
    """Read and validate ``[tool.edition]``; every error names the file and the key."""
    root = (
        find_root(root)
        if root is None or not (root / "pyproject.toml").is_file()
        else root.resolve()
    )
    pp = root / "pyproject.toml"
    try:
        data = tomllib.loads(read_text(pp, what="pyproject.toml"))
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(pp, exc) from None
    tool = data.get("tool", {}).get("edition")
    if not isinstance(tool, dict):
        raise InputError(pp, "missing [tool.edition] table; see README 'Configuration'")
    check_keys(tool, EDITION_TABLE, pp, "tool.edition")
    seeds = root / str(tool.get("seeds", "seeds"))
    tei = root / str(tool.get("tei", "tei"))
    locales = root / str(tool.get("locales", "locales"))
    langs = tool.get("languages", [])
    if not isinstance(langs, list) or not all(isinstance(x, str) and x for x in langs):
        raise InputError(
            pp, '[tool.edition] languages must be a list of language codes, e.g. ["fr", "es"]'
        )
    for lang in langs:
        check_language(lang, pp, "[tool.edition] languages")
    works: dict[str, Work] = {}
    for name, w in sorted(tool.get("works", {}).items()):
        if not isinstance(w, dict) or "source" not in w:
            raise InputError(pp, f"[tool.edition.works.{name}] needs a 'source' file name")
        wlangs = w.get("languages", langs)
        if not isinstance(wlangs, list) or not all(isinstance(x, str) and x for x in wlangs):
            raise InputError(
                pp, f'[tool.edition.works.{name}] languages must be a list of codes, e.g. ["es"]'
            )
        layout = w.get("layout", "auto")
        if layout not in ("auto", "columns", "flowing"):
            raise InputError(
                pp,
                f'[tool.edition.works.{name}] layout = {layout!r}: use "auto", "columns" or "flowing"',
            )
        works[name] = Work(
            name=name,
            source=str(w["source"]),
            editorial=str(w.get("editorial", "editorial.toml")),
            original=str(w.get("original", "fr.txt")),
            id_prefix=str(w.get("id-prefix", name.split("-")[0][:8] or "w")),
            seeds_dir=seeds,
            tei_dir=tei,
            locales_dir=locales,
            editorial_required="editorial" in w,
            layout=layout,
            languages=tuple(wlangs),
        )
    return Config(
        root=root,
        works=works,
        languages=tuple(langs),
        check=dict(tool.get("check", {})),
        pyproject=pp,
    )
