"""``edition check``: coverage, quotation consistency, alignment and integrity, as a CI gate.

Why a gate people trust: every finding is located (file, line, segment id),
explains the fix, and comes from one small check in one registry (id,
severity, rationale: ``REGISTRY``).  Quotations are judged the way a reader
sees them — language-aware marks, quotations followed across segments — so
correct French typography is never a false alarm.

Public API (usable from a notebook)::

    from edition.checks import run, Settings, REGISTRY
    findings = run(cfg)                       # configured works and languages
    findings = run(cfg, po_files=[Path("fr.po")])   # a translator's catalogue

``render`` formats the findings and ``exit_code`` says whether they fail
(0 nothing at or above ``fail-on``, 1 otherwise); input errors are raised as
``InputError`` (the CLI's exit 2).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from tqdm import tqdm

from ..config import Config
from . import coverage, integrity, msgfmt, quotation, textual  # noqa: F401  (registers the checks, in report order)
from .core import (
    REGISTRY,
    SEVERITIES,
    Catalogue,
    Check,
    Entry,
    Finding,
    Settings,
    Severity,
    WorkContext,
    load_catalogue,
    register,
)
from .report import failing, render_github, render_json, render_junit, render_text

__all__ = [
    "REGISTRY",
    "SEVERITIES",
    "Check",
    "Catalogue",
    "Entry",
    "Finding",
    "Settings",
    "WorkContext",
    "register",
    "run",
    "render",
    "exit_code",
    "run_catalogues",
    "settings_of",
    "signature",
]


def settings_of(cfg: Config) -> Settings:
    """The validated ``[tool.edition.check]`` table of a configuration."""
    return Settings.from_table(cfg.check, cfg.root, cfg.pyproject)


def _apply(check: Check, findings: Iterable[Finding], settings: Settings) -> list[Finding]:
    """Apply a configured severity override to the findings at the check's own severity."""
    override = settings.severity.get(check.id)
    out = []
    for f in findings:
        if override and f.severity == check.severity:
            f = Finding(f.file, f.line, f.check, f.id, override, f.work, f.lang, f.message)
        out.append(f)
    return out


def _run_catalogue_checks(cat: Catalogue, settings: Settings) -> list[Finding]:
    out: list[Finding] = []
    for check in REGISTRY.values():
        if check.scope == "catalogue" and check.id not in settings.disable:
            out.extend(_apply(check, check.func(cat), settings))
    return out


def run_catalogues(cats: list[Catalogue], settings: Settings) -> list[Finding]:
    """Catalogue-scope checks on each catalogue, then project-scope checks on the catalogues
    of each target language together (a term or quotation repeated across works)."""
    out: list[Finding] = []
    for cat in cats:
        out.extend(_run_catalogue_checks(cat, settings))
    by_lang: dict[str, list[Catalogue]] = {}
    for cat in cats:
        by_lang.setdefault(cat.lang, []).append(cat)
    for lang in sorted(by_lang):
        for check in REGISTRY.values():
            if check.scope == "project" and check.id not in settings.disable:
                out.extend(_apply(check, check.func(by_lang[lang]), settings))
    return out


def _run_work_checks(ctx: WorkContext, settings: Settings) -> list[Finding]:
    """Edition-level checks; a progress bar on stderr (interactive terminals only),
    since schema validation and the rebuild behind ``outputs-fresh`` take seconds."""
    out: list[Finding] = []
    todo = [c for c in REGISTRY.values() if c.scope == "work" and c.id not in settings.disable]
    with tqdm(
        todo, desc=f"{ctx.work.name}: checks", file=sys.stderr, disable=None, leave=False
    ) as bar:
        for check in bar:
            bar.set_postfix_str(check.id)
            out.extend(_apply(check, check.func(ctx), settings))
    return out


def run(
    cfg: Config,
    *,
    work: str | None = None,
    lang: str | None = None,
    po_files: list[Path] | None = None,
    settings: Settings | None = None,
) -> list[Finding]:
    """All findings, sorted by file, line and check.

    With ``po_files``, only those catalogues are checked (their language from
    the ``Language`` header, else ``lang``, else the folder name; their work
    from the file name), and of the edition checks only ``catalog-in-step``
    runs against the work's TEI when the work is known.
    """
    settings = settings or settings_of(cfg)
    findings: list[Finding] = []
    if po_files:
        by_work: dict[str, list[Catalogue]] = {}
        for p in po_files:
            path = Path(p)
            stem = path.name.split(".")[0]
            if work and stem != work and work in cfg.works:
                stem = work  # the user said which work this catalogue belongs to
            cat = load_catalogue(path, cfg.root, settings, lang=lang, work=stem)
            by_work.setdefault(cat.work, []).append(cat)
        findings.extend(run_catalogues([c for cs in by_work.values() for c in cs], settings))
        for name in sorted(by_work):
            if name in cfg.works:
                ctx = WorkContext(cfg, cfg.works[name], settings, by_work[name], None, po_mode=True)
                findings.extend(_run_work_checks(ctx, settings))
        return sorted(set(findings))
    every: list[Catalogue] = []
    for w in cfg.work(work):
        langs = (lang,) if lang else w.languages
        cats, missing = [], []
        for lg in langs:
            path = w.po_path(lg)
            if path.is_file():
                cats.append(load_catalogue(path, cfg.root, settings, lang=lg, work=w.name))
            else:
                missing.append((lg, path))
        template = (
            load_catalogue(w.pot_path, cfg.root, settings, work=w.name)
            if w.pot_path.is_file()
            else None
        )
        every.extend(cats)
        ctx = WorkContext(cfg, w, settings, cats, template, missing, langs=langs)
        findings.extend(_run_work_checks(ctx, settings))
    findings.extend(run_catalogues(every, settings))
    return sorted(set(findings))


def signature(settings: Settings, fail_on: Severity) -> str:
    """The settings that produced a report, so any run can be reproduced (cf. sacrebleu)."""
    cov = ",".join(f"{k}={v:g}" for k, v in sorted(settings.min_coverage.items())) or "none"
    return "|".join(
        [
            f"fail-on:{fail_on}",
            f"min-coverage:{cov}",
            f"fuzzy:{'translated' if settings.fuzzy_translated else 'untranslated'}",
            f"untranslated-quotes:{str(settings.untranslated_quotes).lower()}",
            f"consistency-min-words:{settings.consistency_min_words}",
            f"min-conf:{settings.min_confidence:g}",
            f"length-z:{settings.max_length_z:g}",
            f"schema:{settings.tei_schema.name if settings.tei_schema else 'none'}",
            f"disabled:{','.join(sorted(settings.disable)) or 'none'}",
            f"checks:{len(REGISTRY)}",
        ]
    )


def render(findings: list[Finding], fmt: str, settings: Settings, fail_on: Severity) -> str:
    """The report in one of the formats ``text``, ``json``, ``junit``, ``github``."""
    if fmt == "json":
        return render_json(findings)
    if fmt == "junit":
        ran = [c.id for c in REGISTRY.values() if c.id not in settings.disable]
        return render_junit(findings, fail_on, ran)
    if fmt == "github":
        return render_github(findings)
    return render_text(findings, fail_on, signature(settings, fail_on))


def exit_code(findings: list[Finding], fail_on: Severity) -> int:
    """1 when a finding is at or above ``fail_on``, else 0."""
    return 1 if failing(findings, fail_on) else 0
