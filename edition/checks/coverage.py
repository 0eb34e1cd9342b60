"""Coverage per language and section, and the missing-original notice.

Why per section: a translator (or a funder) asks "which chapters are done",
not only "what percentage"; the section comes from the catalogue's ``#.
Section N: …`` comment so a translator's own catalogue can be judged alone.
"""

from __future__ import annotations

from .core import Catalogue, Finding, WorkContext, register


def section_key(s: str) -> tuple[int, str]:
    return (int(s), "") if s.isdigit() else (10**9, s)


@register(
    "coverage",
    "error",
    "catalogue",
    "translated share per language and section, against min-coverage (fuzzy counts as untranslated unless configured)",
)
def check_coverage(cat: Catalogue) -> list[Finding]:
    if not cat.entries:
        return [
            cat.finding(
                "coverage",
                None,
                "catalogue has no entries; run `edition update` to fill it from the template",
            )
        ]
    per: dict[str, list[int]] = {}
    done = fuzzy = 0
    for e in cat.entries:
        row = per.setdefault(e.section or "?", [0, 0])
        row[1] += 1
        if cat.translated(e):
            done += 1
            row[0] += 1
        elif e.fuzzy and e.has_text:
            fuzzy += 1
    total = len(cat.entries)
    pct = 100.0 * done / total
    base = cat.lang.split("_")[0].split("-")[0]
    need = cat.settings.min_coverage.get(cat.lang, cat.settings.min_coverage.get(base))
    by_section = ", ".join(
        f"§{k} {v[0]}/{v[1]}" for k, v in sorted(per.items(), key=lambda kv: section_key(kv[0]))
    )
    fz = " (fuzzy counted as translated)" if cat.settings.fuzzy_translated else ""
    summary = f"{pct:.1f}% translated ({done}/{total}; {fuzzy} fuzzy{fz}, {total - done - fuzzy} untranslated); by section: {by_section}"
    if need is not None and pct + 1e-9 < need:
        return [
            cat.finding(
                "coverage",
                None,
                f"{summary}; below min-coverage {need:g}% for {cat.lang or 'this catalogue'}: translate {int(-(-need * total // 100)) - done} more segment(s), or lower the threshold in [tool.edition.check]",
            )
        ]
    limit = f" (min-coverage {need:g}%)" if need is not None else " (no min-coverage set)"
    return [cat.finding("coverage", None, summary + limit, severity="info")]


@register(
    "original-missing",
    "info",
    "work",
    "say plainly when the French original is absent, since alignment and quote-original checks then cannot run",
)
def check_original_missing(ctx: WorkContext) -> list[Finding]:
    if ctx.po_mode or ctx.work.original_path.is_file():
        return []
    rel = (
        ctx.work.original_path.relative_to(ctx.cfg.root)
        if ctx.work.original_path.is_relative_to(ctx.cfg.root)
        else ctx.work.original_path
    )
    return [
        ctx.finding(
            "original-missing",
            f"no French original at {rel}: alignment and quote-original checks skipped; drop the original there and run `edition build` to align it",
        )
    ]


@register(
    "fuzzy",
    "warning",
    "catalogue",
    "a fuzzy entry (a guess or an outdated translation) is reviewed before it counts as done; "
    "msgfmt does not ship it",
)
def check_fuzzy(cat: Catalogue) -> list[Finding]:
    counted = (
        " (counted as translated by fuzzy-counts-as-translated)"
        if (cat.settings.fuzzy_translated)
        else ""
    )
    return [
        cat.finding(
            "fuzzy",
            e,
            f"marked fuzzy{counted}: review the translation against the English, then remove "
            "the fuzzy flag",
        )
        for e in cat.entries
        if e.fuzzy and e.has_text
    ]
