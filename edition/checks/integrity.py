"""Checks on the edition's own artefacts: TEI, alignment, catalogues in step, freshness.

Why here and not in the stages: the stages *produce* these files; CI must
also catch a hand edit, a merge that reused an id, a catalogue committed
before ``edition update``, or a committed TEI older than its seed.  Each
check reads only the committed artefacts.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from statistics import median
from typing import Any

from lxml import etree

from ..files import InputError, parse_xml
from ..tei import PIN_RESP, XML_ID, Link, T, read_alignment, read_segments
from ..tei import Segment as Seg
from ..text import collapse_space
from .core import Catalogue, Finding, WorkContext, register
from .quotation import Bead, bead_quoting

#: Cap on per-segment findings of one kind in one file; the rest is summarised.
MAX_LISTED = 25


class Artefacts:
    """The work's committed TEI files, parsed once; parse errors become findings."""

    def __init__(self, ctx: WorkContext):
        self.ctx = ctx
        self.trees: dict[str, etree._ElementTree | None] = {}
        self.errors: list[Finding] = []
        w = ctx.work
        for key, path, required in (
            ("en", w.tei_en, True),
            ("fr", w.tei_fr, False),
            ("align", w.tei_alignment, False),
        ):
            if not path.is_file():
                self.trees[key] = None
                if required:
                    self.errors.append(
                        ctx.finding(
                            "tei-valid",
                            "English TEI missing; run `edition build` and commit tei/",
                            file=path,
                        )
                    )
                continue
            try:
                self.trees[key] = parse_xml(path)
            except InputError as exc:
                self.trees[key] = None
                dup = re.search(r"ID (\S+) already defined", exc.message)
                if dup:  # the XML parser refuses a repeated xml:id: report it as what it is
                    self.errors.append(
                        ctx.finding(
                            "ids-unique",
                            f"id {dup.group(1)} used twice; ids are permanent keys: give the new segment a fresh id (run `edition build`)",
                            file=path,
                            line=exc.line or 0,
                            id=dup.group(1),
                        )
                    )
                else:
                    self.errors.append(
                        ctx.finding("tei-valid", exc.message, file=path, line=exc.line or 0)
                    )
        self._segs: dict[str, list[Seg]] = {}

    def segments(self, key: str) -> list[Seg]:
        if key not in self._segs:
            tree = self.trees.get(key)
            self._segs[key] = read_segments(tree) if tree is not None else []
        return self._segs[key]


def artefacts(ctx: WorkContext) -> Artefacts:
    return ctx.cached("artefacts", lambda: Artefacts(ctx))


_SCHEMAS: dict[Path, Any] = {}


def compiled_schema(path: Path) -> Any:
    """The RelaxNG schema, compiled once per process (tei_all takes seconds)."""
    if path not in _SCHEMAS:
        from ..tei import relaxng

        try:
            _SCHEMAS[path] = relaxng(str(path))
        except (etree.RelaxNGParseError, etree.XMLSyntaxError) as exc:
            raise InputError(
                path, f"not a usable RelaxNG schema: {exc}; fix tei-schema in [tool.edition.check]"
            ) from exc
    return _SCHEMAS[path]


@register(
    "tei-valid",
    "error",
    "work",
    "the committed TEI files are well-formed and, when tei-schema is configured, valid TEI P5",
)
def check_tei_valid(ctx: WorkContext) -> list[Finding]:
    if ctx.po_mode:
        return []
    art = artefacts(ctx)
    out = [f for f in art.errors if f.check == "tei-valid"]
    schema_path = ctx.settings.tei_schema
    if schema_path is None:
        return out
    if not schema_path.is_file():
        return out + [
            ctx.finding(
                "tei-valid",
                f"TEI schema {schema_path} not found: validation skipped (set tei-schema in [tool.edition.check] or provide the file)",
                severity="warning",
            )
        ]
    schema = compiled_schema(schema_path)
    w = ctx.work
    for key, path in (("en", w.tei_en), ("fr", w.tei_fr), ("align", w.tei_alignment)):
        tree = art.trees.get(key)
        if tree is None or schema.validate(tree):
            continue
        errs = list(schema.error_log)
        for err in errs[:10]:
            out.append(
                ctx.finding(
                    "tei-valid",
                    f"not valid TEI: {err.message}; regenerate with `edition build` or fix the hand edit",
                    file=path,
                    line=err.line or 0,
                )
            )
        if len(errs) > 10:
            out.append(
                ctx.finding("tei-valid", f"{len(errs) - 10} more validation error(s)", file=path)
            )
    return out


@register(
    "ids-unique",
    "error",
    "work",
    "every segment has an xml:id with the work's prefix, and no id is used twice (ids are the translations' keys)",
)
def check_ids_unique(ctx: WorkContext) -> list[Finding]:
    if ctx.po_mode:
        return []
    art = artefacts(ctx)
    out: list[Finding] = [f for f in art.errors if f.check == "ids-unique"]
    seen: dict[str, tuple[Path, int]] = {}
    w = ctx.work
    for key, path in (("en", w.tei_en), ("fr", w.tei_fr)):
        tree = art.trees.get(key)
        if tree is None:
            continue
        for el in tree.iter():
            xid = el.get(XML_ID) if isinstance(el.tag, str) else None
            if xid is None:
                continue
            if xid in seen:
                p0, l0 = seen[xid]
                out.append(
                    ctx.finding(
                        "ids-unique",
                        f"id {xid} used twice (first at {p0.name}:{l0}); ids are permanent keys: give the new segment a fresh id (run `edition build`)",
                        file=path,
                        line=el.sourceline or 0,
                        id=xid,
                    )
                )
            else:
                seen[xid] = (path, el.sourceline or 0)
        for seg in art.segments(key):
            if not seg.id:
                out.append(
                    ctx.finding(
                        "ids-unique",
                        "segment without xml:id; run `edition build` to assign one",
                        file=path,
                        line=seg.line,
                    )
                )
            elif not seg.id.startswith(f"{w.id_prefix}-"):
                out.append(
                    ctx.finding(
                        "ids-unique",
                        f"id {seg.id} lacks the work's prefix {w.id_prefix!r}-; ids must come from `edition build`",
                        file=path,
                        line=seg.line,
                        id=seg.id,
                    )
                )
    return out


def in_step(ctx: WorkContext, cat: Catalogue, segs: list[Seg]) -> list[Finding]:
    """One catalogue against the TEI: unknown ids, missing entries, changed English."""
    tei = {s.id: s for s in segs if s.id}
    out: list[Finding] = []
    extra = 0
    fix = "run `edition update` (it keeps translations, marking changed ones fuzzy)"
    listed: list[Finding] = []

    def add(f: Finding) -> None:
        nonlocal extra
        if len(listed) < MAX_LISTED:
            listed.append(f)
        else:
            extra += 1

    for e in cat.duplicates:
        add(
            cat.finding(
                "catalog-in-step",
                e,
                f"segment id {e.id} appears twice in the catalogue; keep one entry (merge the translations)",
            )
        )
    present = set()
    for e in cat.entries:
        if not e.id:
            add(cat.finding("catalog-in-step", e, f"entry without msgctxt (segment id); {fix}"))
            continue
        present.add(e.id)
        seg = tei.get(e.id)
        if seg is None:
            add(
                cat.finding(
                    "catalog-in-step",
                    e,
                    f"unknown segment id {e.id} (not in {ctx.work.tei_en.name}); {fix}",
                )
            )
        elif collapse_space(seg.text) != collapse_space(e.msgid):
            add(
                cat.finding(
                    "catalog-in-step", e, f"the English of {e.id} changed in the TEI; {fix}"
                )
            )
    for s in segs:
        if s.id and s.id not in present:
            f = cat.finding(
                "catalog-in-step",
                None,
                f"no entry for segment {s.id} ({ctx.work.tei_en.name}:{s.line}); {fix}",
            )
            add(Finding(f.file, f.line, f.check, s.id, f.severity, f.work, f.lang, f.message))
    out.extend(listed)
    if extra:
        out.append(
            cat.finding(
                "catalog-in-step",
                None,
                f"{extra} more catalogue/TEI mismatch(es) not listed; {fix}",
            )
        )
    return out


@register(
    "catalog-in-step",
    "error",
    "work",
    "catalogues and template hold exactly the TEI's segments, with the TEI's English, keyed by id",
)
def check_catalog_in_step(ctx: WorkContext) -> list[Finding]:
    art = artefacts(ctx)
    if art.trees.get("en") is None:
        return []
    segs = art.segments("en")
    out = []
    for cat in ([ctx.template] if ctx.template else []) + ctx.catalogues:
        out.extend(in_step(ctx, cat, segs))
    for lang, path in ctx.missing_catalogues:
        out.append(
            ctx.finding(
                "catalog-in-step",
                f"no catalogue for {lang}; run `edition init --lang {lang}` (or `edition build`)",
                file=path,
                lang=lang,
            )
        )
    return out


# ---------------------------------------------------------------- alignment


def alignment(ctx: WorkContext) -> tuple[list[Link], list[tuple[str, str, int]]] | None:
    art = artefacts(ctx)
    if ctx.po_mode or art.trees.get("align") is None or art.trees.get("fr") is None:
        return None
    en_ids = {s.id for s in art.segments("en")}
    fr_ids = {s.id for s in art.segments("fr")}
    return ctx.cached(
        "alignment",
        lambda: read_alignment(art.trees["align"], en_ids, fr_ids, ctx.work.tei_alignment),
    )


def pinned_ids(ctx: WorkContext) -> frozenset[str]:
    """Segment ids in links the editor pinned (``[[align]]``, ``resp="#editorial-pins"``).

    Why skip them in the alignment checks: the editor has decided them
    against both texts; reporting them again asks for a review already done.
    A segment is in one link only, so the ids name the pinned links exactly.
    """

    def make() -> frozenset[str]:
        tree = artefacts(ctx).trees.get("align")
        if tree is None:
            return frozenset()
        return frozenset(
            t.split("#", 1)[1]
            for el in tree.iter(f"{T}link", f"{T}ptr")
            if el.get("resp") == f"#{PIN_RESP}"
            for t in (el.get("target") or "").split()
            if "#" in t
        )

    return ctx.cached("pinned-ids", make)


@register(
    "align-unaligned",
    "warning",
    "work",
    "a segment with no counterpart in the other language is shown for review (a translator's omission or addition)",
)
def check_align_unaligned(ctx: WorkContext) -> list[Finding]:
    al = alignment(ctx)
    if al is None:
        return []
    out = []
    pinned = pinned_ids(ctx)
    for side, sid, line in sorted(al[1], key=lambda t: (t[2], t[1])):
        if sid in pinned:
            continue
        what = (
            "English segment with no aligned French original"
            if side == "en"
            else "French segment with no English counterpart"
        )
        out.append(
            ctx.finding(
                "align-unaligned",
                f"{what} ({sid}); check the translation for an omission or addition",
                file=ctx.work.tei_alignment,
                line=line,
                id=sid,
            )
        )
    return out


@register(
    "align-low-confidence",
    "warning",
    "work",
    "alignment links below min-alignment-confidence are shown for review",
)
def check_align_low_confidence(ctx: WorkContext) -> list[Finding]:
    al = alignment(ctx)
    if al is None:
        return []
    out = []
    lim = ctx.settings.min_confidence
    pinned = pinned_ids(ctx)
    for ln in al[0]:
        if ln.cert is not None and ln.cert < lim and not pinned.intersection(ln.en + ln.fr):
            out.append(
                ctx.finding(
                    "align-low-confidence",
                    f"link {' '.join(ln.en) or '-'} ↔ {' '.join(ln.fr) or '-'} has confidence {ln.cert:.2f} < {lim:g}; check it (min-alignment-confidence)",
                    file=ctx.work.tei_alignment,
                    line=ln.line,
                    id=(ln.en or ln.fr or ("",))[0],
                )
            )
    return out


@register(
    "align-length-ratio",
    "warning",
    "work",
    "linked segments whose length ratio is an outlier for this text (robust z-score) are shown: likely misaligned",
)
def check_align_length_ratio(ctx: WorkContext) -> list[Finding]:
    al = alignment(ctx)
    if al is None:
        return []
    art = artefacts(ctx)
    en = {s.id: len(s.text) for s in art.segments("en")}
    fr = {s.id: len(s.text) for s in art.segments("fr")}
    rows = []
    for ln in al[0]:
        if ln.en and ln.fr:
            a, b = sum(en[i] for i in ln.en), sum(fr[i] for i in ln.fr)
            rows.append((ln, a, b, math.log((a + 10) / (b + 10))))
    if len(rows) < 10:
        return []
    m = median(r[3] for r in rows)
    mad = median(abs(r[3] - m) for r in rows) or 1e-6
    out = []
    pinned = pinned_ids(ctx)
    for ln, a, b, r in rows:
        z = 0.6745 * (r - m) / mad
        if pinned.intersection(ln.en + ln.fr):
            continue  # the editor pinned it: the outlier is theirs
        if abs(z) > ctx.settings.max_length_z and abs(r - m) > math.log(1.8):
            out.append(
                ctx.finding(
                    "align-length-ratio",
                    f"link {' '.join(ln.en)} ↔ {' '.join(ln.fr)}: {a} vs {b} characters (z = {z:+.1f}, median ratio {math.exp(m):.2f}); likely misaligned, check it",
                    file=ctx.work.tei_alignment,
                    line=ln.line,
                    id=ln.en[0],
                )
            )
    return out


@register(
    "quote-original",
    "warning",
    "work",
    "a quotation in the English shows some quoting in the aligned French original, and vice "
    "versa (marks, a dialogue dash, or a quotation running through the neighbouring beads)",
)
def check_quote_original(ctx: WorkContext) -> list[Finding]:
    """Why not count marks: the French renders dialogue with one « » round several utterances or
    with dashes, the English with one pair per utterance; counts differ on every such bead.  The
    catalogue checks' logic (``quotation.bead_quoting``) warns only where one side shows no
    quoting at all, per the learnt style; differing counts are info."""
    al = alignment(ctx)
    if al is None:
        return []
    art = artefacts(ctx)
    en = {s.id: s for s in art.segments("en")}
    fr = {s.id: s.text for s in art.segments("fr")}
    links = [ln for ln in al[0] if ln.en and ln.fr]
    beads = [
        Bead(
            " ".join(en[i].text for i in ln.en),
            " ".join(fr[i] for i in ln.fr),
            en[ln.en[0]].section,
        )
        for ln in links
    ]
    out = []
    for q in bead_quoting(beads, ctx.settings):
        ln = links[q.index]
        where = f"{' '.join(ln.en)} ↔ {' '.join(ln.fr)}"
        sample = beads[q.index].en[:60]
        side = "French original" if q.side == "fr" else "English"
        other = "English" if q.side == "fr" else "French original"
        if q.kind == "count":
            msg = (
                f"{q.counts[0]} quotations in the English vs {q.counts[1]} in the French original "
                f"in {where} (“{sample}…”): both sides quote, each in its own convention "
                f"(« » round several utterances, dialogue dashes); for review"
            )
        elif q.kind == "unbalanced":
            msg = (
                f"the {side} leaves {q.detail} unmatched (never closed or never opened in the "
                f"following or preceding beads) in {where} (“{sample}…”), while the {other} is "
                f"balanced there; check the quotation marks against the original"
            )
        else:
            msg = (
                f"the {other} quotes {q.detail} but the {side} shows no quoting (no mark, no "
                f"dialogue dash, no running quotation) in {where} (“{sample}…”); "
                f"{q.style.replace('catalogue', 'alignment')}; check "
                f"the quotation against the original (or the alignment)"
            )
        out.append(
            ctx.finding(
                "quote-original",
                msg,
                file=ctx.work.tei_alignment,
                line=ln.line,
                id=ln.en[0],
                severity=q.severity,
            )
        )
    return out


@register(
    "outputs-fresh",
    "error",
    "work",
    "the committed TEI and catalogues are what `edition build` produces from the seeds now",
)
def check_outputs_fresh(ctx: WorkContext) -> list[Finding]:
    if ctx.po_mode or not ctx.settings.outputs_fresh:
        return []
    from ..build import build

    try:
        report = build(ctx.cfg, work=ctx.work.name, check_only=True)
    except InputError as exc:
        return [
            ctx.finding(
                "outputs-fresh",
                f"the build fails: {exc.message}",
                file=Path(exc.path) if exc.path else "",
                line=exc.line or 0,
            )
        ]
    return [
        ctx.finding(
            "outputs-fresh",
            f"stale: {report.stale_cause or 'differs from what `edition build` produces now'}; run `edition build` and commit the result",
            file=p,
        )
        for p in sorted(report.stale)
    ]
