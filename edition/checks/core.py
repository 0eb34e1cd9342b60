"""Findings, the check registry, settings and the data the checks read.

Why one registry: every check is a small function with an id, a default
severity and a one-line rationale (like Babel's ``checkers``); the runner,
the output formats, the configuration (``disable``, ``severity``) and the
tests all enumerate the same table, so a new check is one decorated function.

Two scopes: ``catalogue`` checks read one PO file (entries in file order, which
is document order) and run for ``--po`` files too; ``work`` checks read the
edition's own artefacts (TEI, alignment, template, build).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import polib

from ..catalog import read_notes
from ..config import CHECK_TABLE, Config, Work
from ..files import InputError
from ..schema import check_keys

Severity = Literal["info", "warning", "error"]
Scope = Literal["catalogue", "work", "project"]
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")
RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True, order=True)
class Finding:
    """One located problem: what, where (file, line, segment id) and how to fix it."""

    file: str
    line: int
    check: str
    id: str
    severity: Severity
    work: str
    lang: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape promised in the README (line/id null when unknown)."""
        return {
            "check": self.check,
            "severity": self.severity,
            "work": self.work,
            "lang": self.lang,
            "id": self.id or None,
            "file": self.file or None,
            "line": self.line or None,
            "message": self.message,
        }


@dataclass(frozen=True)
class Check:
    """A registered check: its function and the facts printed about it."""

    id: str
    severity: Severity
    scope: Scope
    rationale: str
    func: Callable[..., Iterable[Finding]]


#: The one registry, in registration order (the order of the text report).
REGISTRY: dict[str, Check] = {}


def register(
    check_id: str, severity: Severity, scope: Scope, rationale: str
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Decorator adding a check function to ``REGISTRY``."""

    def deco(func: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if check_id in REGISTRY:
            raise ValueError(f"check {check_id!r} registered twice")
        REGISTRY[check_id] = Check(check_id, severity, scope, rationale, func)
        return func

    return deco


# ------------------------------------------------------------------ settings

#: Keys of ``[tool.edition.check]`` with their defaults.
DEFAULTS: dict[str, Any] = {
    "fail-on": "error",
    "min-coverage": {},
    "fuzzy-counts-as-translated": False,
    "untranslated-quotes": False,
    "quote-consistency-min-words": 2,
    "consistency-allow": [],
    "min-alignment-confidence": 0.5,
    "max-length-ratio-z": 4.0,
    "tei-schema": "",
    "outputs-fresh": True,
    "disable": [],
    "severity": {},
}


@dataclass(frozen=True)
class Settings:
    """``[tool.edition.check]`` validated once, with defaults for every key."""

    fail_on: Severity = "error"
    min_coverage: dict[str, float] = field(default_factory=dict)
    fuzzy_translated: bool = False
    untranslated_quotes: bool = False
    consistency_min_words: int = 2
    consistency_allow: tuple[str, ...] = ()
    min_confidence: float = 0.5
    max_length_z: float = 4.0
    tei_schema: Path | None = None
    outputs_fresh: bool = True
    disable: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)

    @classmethod
    def from_table(cls, table: dict[str, Any], root: Path, where: Path | None = None) -> Settings:
        """Validate the table; a wrong key or value is an InputError naming it.

        Unknown keys: the same schema check as configuration loading
        (``config.CHECK_TABLE``, with file:line and did-you-mean), so a table
        built in code (a notebook, a test) is held to the same rule; a key
        declared there without a default here is a programming error.
        """
        check_keys(table, CHECK_TABLE, where, "tool.edition.check")
        t = {**DEFAULTS, **table}

        def bad(key: str, expect: str) -> InputError:
            return InputError(where, f"[tool.edition.check] {key} must be {expect}, not {t[key]!r}")

        if t["fail-on"] not in SEVERITIES:
            raise bad("fail-on", "one of info, warning, error")
        cov = t["min-coverage"]
        if not isinstance(cov, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 100
            for v in cov.values()
        ):
            raise bad("min-coverage", "a table of language = percent (0-100)")
        for key in ("fuzzy-counts-as-translated", "untranslated-quotes", "outputs-fresh"):
            if not isinstance(t[key], bool):
                raise bad(key, "true or false")
        if (
            not isinstance(t["quote-consistency-min-words"], int)
            or t["quote-consistency-min-words"] < 1
        ):
            raise bad("quote-consistency-min-words", "a positive integer")
        for key in ("min-alignment-confidence", "max-length-ratio-z"):
            if not isinstance(t[key], (int, float)) or isinstance(t[key], bool) or t[key] < 0:
                raise bad(key, "a non-negative number")
        if not isinstance(t["tei-schema"], str):
            raise bad("tei-schema", 'a path (relative to the project root) or ""')
        allow = t["consistency-allow"]
        if not isinstance(allow, list) or not all(isinstance(x, str) for x in allow):
            raise bad("consistency-allow", "a list of source passages whose renderings may vary")
        if not isinstance(t["disable"], list) or not all(isinstance(x, str) for x in t["disable"]):
            raise bad("disable", "a list of check ids")
        sev = t["severity"]
        if not isinstance(sev, dict) or not all(v in SEVERITIES for v in sev.values()):
            raise bad("severity", 'a table of check-id = "info" | "warning" | "error"')
        named = set(t["disable"]) | set(sev)
        unknown_checks = sorted(named - set(REGISTRY))
        if unknown_checks:
            raise InputError(
                where,
                f"[tool.edition.check] names unknown check(s) {', '.join(unknown_checks)}; run `edition check --help` or see README for the ids",
            )
        return cls(
            fail_on=t["fail-on"],
            min_coverage={str(k): float(v) for k, v in cov.items()},
            fuzzy_translated=t["fuzzy-counts-as-translated"],
            untranslated_quotes=t["untranslated-quotes"],
            consistency_min_words=t["quote-consistency-min-words"],
            consistency_allow=tuple(allow),
            min_confidence=float(t["min-alignment-confidence"]),
            max_length_z=float(t["max-length-ratio-z"]),
            tei_schema=(root / t["tei-schema"]) if t["tei-schema"] else None,
            outputs_fresh=t["outputs-fresh"],
            disable=frozenset(t["disable"]),
            severity=dict(sev),
        )


# --------------------------------------------------------------- catalogues


@dataclass(frozen=True)
class Entry:
    """One catalogue entry as the checks see it (plain data, easy to build in tests)."""

    id: str
    msgid: str
    msgstr: str
    line: int
    fuzzy: bool = False
    section: str = ""
    original: str = ""

    @property
    def has_text(self) -> bool:
        return bool(self.msgstr.strip())


@dataclass
class Catalogue:
    """One PO file: where it is, its language and work, its live entries in order."""

    path: Path
    display: str
    lang: str
    work: str
    entries: list[Entry]
    settings: Settings
    duplicates: list[Entry] = field(default_factory=list)
    source_lang: str = "en"
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """Compute shared intermediate data (e.g. quotation chains) once per catalogue."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def translated(self, e: Entry) -> bool:
        """Translated for the checks: text present, and not fuzzy unless configured."""
        return e.has_text and (not e.fuzzy or self.settings.fuzzy_translated)

    def finding(
        self, check: str, e: Entry | None, message: str, *, severity: Severity | None = None
    ) -> Finding:
        """A finding located at entry ``e`` (or at the file when None)."""
        sev = severity or REGISTRY[check].severity
        return Finding(
            self.display,
            e.line if e else 0,
            check,
            e.id if e else "",
            sev,
            self.work,
            self.lang,
            message,
        )


def display_path(path: Path, root: Path) -> str:
    """Paths relative to the project root in reports (what CI annotations need)."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def read_po(path: Path) -> polib.POFile:
    """Read a catalogue exactly as the catalogue stage does (located InputError on a broken file),
    so the checks and ``edition update`` agree on what a valid catalogue is."""
    from ..catalog import read_catalog

    return read_catalog(path)


def entry_of(e: polib.POEntry) -> Entry:
    """Our view of a polib entry: section and French original from the ``#.`` comments."""
    notes = read_notes(e.comment or "")
    section, original = notes.section, notes.original
    msgstr = (
        e.msgstr if not e.msgid_plural else (e.msgstr_plural.get(0, "") if e.msgstr_plural else "")
    )
    return Entry(
        id=e.msgctxt or "",
        msgid=e.msgid,
        msgstr=msgstr,
        line=e.linenum or 0,
        fuzzy="fuzzy" in e.flags,
        section=section,
        original=original,
    )


def language_of(po: polib.POFile, path: Path, hint: str | None) -> str:
    """The catalogue's language: the header, else the folder name (locales/<lang>/), else ``hint``."""
    lang = (po.metadata.get("Language") or "").strip()
    if lang:
        return lang
    if hint:
        return hint
    parent = path.parent.name
    if re.fullmatch(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?", parent):
        return parent
    raise InputError(
        path, 'cannot tell the catalogue\'s language: set the "Language" header (e.g. Language: fr)'
    )


def load_catalogue(
    path: Path, root: Path, settings: Settings, *, lang: str | None = None, work: str | None = None
) -> Catalogue:
    """Read one PO/POT file into a ``Catalogue`` (obsolete entries left out)."""
    po = read_po(path)
    entries, seen, dups = [], set(), []
    for pe in po:
        if pe.obsolete:
            continue
        e = entry_of(pe)
        if e.id and e.id in seen:
            dups.append(e)
        seen.add(e.id)
        entries.append(e)
    is_template = path.suffix == ".pot"
    language = "" if is_template else language_of(po, path, lang)
    name = work or path.name.split(".")[0]
    source = (po.metadata.get("X-Source-Language") or "en").strip() or "en"
    return Catalogue(
        path, display_path(path, root), language, name, entries, settings, dups, source
    )


# --------------------------------------------------------------------- works


@dataclass
class WorkContext:
    """What the work-scope checks read: configuration, the work, its catalogues."""

    cfg: Config
    work: Work
    settings: Settings
    catalogues: list[Catalogue]
    template: Catalogue | None
    missing_catalogues: list[tuple[str, Path]] = field(default_factory=list)
    po_mode: bool = False
    langs: tuple[str, ...] = ()
    _cache: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        check: str,
        message: str,
        *,
        file: Path | str | None = None,
        line: int = 0,
        id: str = "",
        lang: str = "",
        severity: Severity | None = None,
    ) -> Finding:
        """A finding about the work's artefacts (file relative to the project root)."""
        f = display_path(Path(file), self.cfg.root) if isinstance(file, Path) else (file or "")
        return Finding(
            f, line, check, id, severity or REGISTRY[check].severity, self.work.name, lang, message
        )

    def cached(self, key: str, make: Callable[[], Any]) -> Any:
        """Parse each artefact once per run, whichever check asks first."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


def iter_sections(entries: list[Entry]) -> Iterator[list[int]]:
    """Indexes of entries grouped into consecutive runs of the same section.

    Why: a quotation may run over several segments, but never over a section
    heading; cutting the sequence there keeps one stray mark from pairing with
    another many pages later.
    """
    run: list[int] = []
    for i, e in enumerate(entries):
        if run and e.section != entries[run[-1]].section:
            yield run
            run = []
        run.append(i)
    if run:
        yield run
