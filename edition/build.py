"""Build: run every stage for every work and write (or check) the committed outputs.

Why one orchestrator: the editor's main job is one command.  Every output is
computed in memory first and only then written, each
file atomically, so a failure half-way leaves the previous edition intact;
``--check`` computes the same bytes and compares them with what is
committed, which is how CI knows the committed edition is not stale.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, Work
from .editorial import AlignPin, Editorial, load_editorial
from .files import InputError, check_controls, drop_form_feeds, read_text, write_all
from .ingest import IngestResult, ingest, roman_value
from .model import Document
from .reassemble.lexicon import HyphenEditing

#: Build progress: called after each stage with (stages done, stages in all, what comes next).
#: The CLI turns it into a progress bar; a notebook may print or ignore it.
Progress = Callable[[int, int, str], None]
#: Stages per work (ingest, align + TEI, catalogues), for the progress total.
STAGES = 3


#: Data packages whose *contents* shape the committed outputs (word frequencies for
#: hyphenation and typo evidence, English bigram counts for reading order).  Their
#: versions (major.minor, the series pyproject.toml allows) are the build signature.
DATA_PACKAGES = ("symspellpy", "wordfreq")


def data_versions() -> dict[str, str]:
    """The installed data packages' versions, major.minor (cf. sacrebleu's signatures)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in DATA_PACKAGES:
        try:
            out[name] = ".".join(version(name).split(".")[:2])
        except PackageNotFoundError:
            out[name] = "0"
    return out


def signature(versions: dict[str, str]) -> str:
    """``symspellpy:6.10|wordfreq:3.1``: the build signature as one line."""
    return "|".join(f"{k}:{v}" for k, v in sorted(versions.items()))


@dataclass
class WorkReport:
    """What happened to one work, for the editor."""

    work: str
    segments: int = 0
    sections: int = 0
    lines: list[str] = field(default_factory=list)
    #: every source line removed as page furniture: (file, line number, text)
    furniture: list[tuple[str, int, str]] = field(default_factory=list)

    def furniture_lines(self) -> list[str]:
        """The report's account of removed furniture (nothing of the text is dropped unsaid)."""
        if not self.furniture:
            return []
        out = [f"{len(self.furniture)} line(s) removed as page furniture (check none is text):"]
        out += [f"  {f}:{n}: {t}" for f, n, t in self.furniture]
        return out


@dataclass
class BuildReport:
    """The whole build: per-work reports, files written, files found stale."""

    works: list[WorkReport] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    check_only: bool = False
    #: When stale outputs were built with other data versions: what differs (else "").
    stale_cause: str = ""

    def exit_code(self) -> int:
        """1 when ``--check`` found stale outputs, else 0."""
        return 1 if self.check_only and self.stale else 0

    def as_json(self, root: Path) -> dict:
        """The report for machines: per-work notes and the files by outcome (relative paths)."""
        rel = lambda p: str(p.relative_to(root)) if p.is_relative_to(root) else str(p)  # noqa: E731
        return {
            "works": [
                {
                    "work": w.work,
                    "segments": w.segments,
                    "sections": w.sections,
                    "notes": w.lines,
                    "furniture": [{"file": f, "line": n, "text": t} for f, n, t in w.furniture],
                }
                for w in self.works
            ],
            "written": [rel(p) for p in self.written],
            "unchanged": [rel(p) for p in self.unchanged],
            "stale": [rel(p) for p in self.stale],
            "check_only": self.check_only,
            "stale_cause": self.stale_cause,
        }

    def render(self, root: Path) -> str:
        out = []
        for w in self.works:
            out.append(f"{w.work}: {w.segments} segments in {w.sections} sections")
            out.extend(f"  {line}" for line in w.lines)
            out.extend(f"  {line}" for line in w.furniture_lines())
        rel = lambda p: str(p.relative_to(root)) if p.is_relative_to(root) else str(p)  # noqa: E731
        if self.check_only:
            if self.stale:
                if self.stale_cause:
                    out.append(self.stale_cause)
                out.append("stale (run `edition build` and commit the result):")
                out.extend(f"  {rel(p)}" for p in self.stale)
            else:
                out.append("committed outputs are up to date")
        else:
            out.extend(f"wrote {rel(p)}" for p in self.written)
            if self.unchanged:
                out.append(f"{len(self.unchanged)} file(s) unchanged")
        return "\n".join(out)


def read_source(path: Path, what: str) -> tuple[str, list[str]]:
    """Read a seed text and the normalisations done on reading (for the report and TEI header).

    An empty file is an input error, not an empty edition; a control
    character is refused with file:line:column (``check_controls``); form
    feeds (page breaks) are removed and counted.
    """
    text, feeds = drop_form_feeds(check_controls(read_text(path, what=what), path, what=what))
    if not text.strip():
        raise InputError(path, f"{what} is empty; put the text as received there")
    notes = [f"{feeds} form feed(s) (page breaks of the extraction) removed"] if feeds else []
    return text, notes


def _ingest_seed(
    path: Path, what: str, editorial: Editorial, work: str, lang: str, layout: str = "auto"
) -> IngestResult:
    text, notes = read_source(path, what)
    res = ingest(text, editorial, work=work, lang=lang, layout=layout)
    res.notes[:0] = notes
    lines = text.split("\n")
    res.furniture = [
        (n, lines[n - 1].strip())
        for a, b in res.reassembly.furniture
        for n in range(a, b + 1)
        if 0 < n <= len(lines)
    ]
    return res


def ingest_english(work: Work, editorial: Editorial) -> IngestResult:
    """The English source: a text (column extraction or clean text), a PDF or a web page.

    Read under the editor's ``[[hyphens]]`` decisions; the line-end hyphens decided with
    low confidence are listed in the notes (report and TEI header) for the editor.
    """
    from .readers import read_source as read_any
    from .readers import source_kind
    from .reassemble.lexicon import hyphen_editing

    with hyphen_editing(editorial.hyphens) as hyphens:
        if source_kind(work.source_path) != "text":
            res = ingest(
                None,
                editorial,
                work=work.name,
                lang=editorial.language,
                source=read_any(work.source_path),
            )
        else:
            res = _ingest_seed(
                work.source_path,
                "source text",
                editorial,
                work.name,
                editorial.language,
                layout=work.layout,
            )
    texts = [s.text for s in res.doc.sentences()]
    res.notes.extend(hyphen_notes(hyphens, editorial, work.editorial_path.name, texts))
    return res


def hyphen_notes(
    hyphens: HyphenEditing, editorial: Editorial, file: str, texts: Sequence[str] = ()
) -> list[str]:
    """The editor's view of the line-end hyphens: decisions applied, decisions that met no
    hyphen (a misspelt entry, or a word the text never breaks), and each call made with low
    confidence with the entry that would flip it.

    Why listed and not guessed harder: where both readings are English ("arm-/chair":
    "armchair", "arm-chair") and the document does not show its spelling, no rule can know
    the author's; the editor can, and decides in the work's file, not in code.
    """
    out = []
    if editorial.hyphens:
        used = sum(hyphens.applied.values())
        out.append(f"{used} line-end hyphen(s) decided by the editor ([[hyphens]] in {file})")
        for w in editorial.hyphens:
            if not hyphens.applied[w]:
                out.append(f"[[hyphens]] word = {w!r} met no line-end hyphen in the source")
    for c in hyphens.review.values():
        where = _context(c.reading, texts)
        out.append(
            f"Review line-end hyphen: {c.source!r} read {c.reading!r}{where} ({c.reason}); to "
            f'print {c.other!r}, add [[hyphens]] word = "{c.other}" to {file}'
        )
    return out


def _context(word: str, texts: Sequence[str], reach: int = 30) -> str:
    """Where the word stands in the text (' in "…sat in the armchair by the…"'), so an
    editor finds the break in a long source; "" where the text does not hold it."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", re.IGNORECASE)
    for t in texts:
        m = pattern.search(t)
        if m:
            a, b = max(0, m.start() - reach), min(len(t), m.end() + reach)
            return f' in "{"…" if a else ""}{t[a:b].strip()}{"…" if b < len(t) else ""}"'
    return ""


def ingest_original(work: Work, editorial: Editorial) -> IngestResult | None:
    """The French original, when the editor has dropped it into the seed folder."""
    if not work.original_path.is_file():
        return None
    meta = {
        "title": editorial.metadata.get("original-title", ""),
        "author": editorial.metadata.get("author", ""),
    }
    fr_editorial = Editorial(
        path=None,
        metadata={k: v for k, v in meta.items() if v} | {"language": "fr"},
        abbreviations=tuple(a for a in editorial.abbreviations if a[2] == "fr"),
        italic_mark=editorial.italic_mark,  # one transcription practice for the work's texts
        italic_reason=editorial.italic_reason,
    )
    return _ingest_seed(
        work.original_path, "French original", fr_editorial, work.name, "fr", work.layout
    )


def assign(doc: Document, tei_path: Path, prefix: str) -> int:
    """Give every sentence its permanent id, using the committed TEI as the registry."""
    from .ids import assign_ids
    from .tei import read_ids

    previous, high_water = read_ids(tei_path) if tei_path.is_file() else ([], 0)
    return assign_ids(doc, previous, high_water, prefix)


def paragraph_starts(doc: Document) -> list[int]:
    """0-based indexes of the first sentence of each block (paragraph evidence for the aligner)."""
    starts, i = [], 0
    for _div, block in doc.blocks():
        if block.sentences:
            starts.append(i)
        i += len(block.sentences)
    return starts


def heading_indexes(doc: Document) -> tuple[list[int], list[str]]:
    """Indexes of the sentences inside headings and each one's key, its printed number.

    Hard boundaries for the aligner where both texts have a heading with
    the same number ("CHAPTER II." and "II" both start division 2).  An
    unnumbered heading's key is "" (its division's running ordinal is no
    evidence: an extra "Preface" on one side would shift every chapter).
    """
    out: list[int] = []
    keys: list[str] = []
    i = 0
    for div, block in doc.blocks():
        if block.kind == "head":
            out.extend(range(i, i + len(block.sentences)))
            keys.extend([_number_key(div.n) if div.printed else ""] * len(block.sentences))
        i += len(block.sentences)
    return out, keys


def _number_key(n: str) -> str:
    """A printed division number as the aligner compares it: roman numerals by their value.

    Why: a translation may print "Part IV" where the original prints "4"; the TEI keeps each
    side's number as printed (div/@n), but the two headings are the same boundary.
    """
    return str(roman_value(n)) if n and set(n) <= set("IVXLC") else n


def pin_indexes(
    pins: Sequence[AlignPin], en_s: list, fr_s: list, path: Path | None
) -> list[tuple[list[int], list[int]]]:
    """Editorial ``[[align]]`` pins as sentence indexes; an unknown id is an input error (file:line)."""
    en_ix = {s.id: k for k, s in enumerate(en_s)}
    fr_ix = {s.id: k for k, s in enumerate(fr_s)}
    out = []
    for k, pin in enumerate(pins, 1):
        sides: dict[str, list[int]] = {}
        for side, ids, index, other in (
            ("en", pin.en, en_ix, fr_ix),
            ("fr", pin.fr, fr_ix, en_ix),
        ):
            for i in ids:
                if i not in index:
                    hint = (
                        "it is a segment of the other text: list it under "
                        f"'{'fr' if side == 'en' else 'en'}'"
                        if i in other
                        else "segment ids are the xml:id of the TEI's s elements "
                        f"(e.g. {next(iter(index), '…')})"
                    )
                    raise InputError(
                        path,
                        f"[[align]] entry {k}: unknown segment id `{i}` in '{side}'; {hint}",
                        line=pin.line,
                    )
            sides[side] = [index[i] for i in ids]
        out.append((sides["fr"], sides["en"]))
    return out


def align_documents(
    en: Document, fr: Document, pins: Sequence[AlignPin] = (), editorial: Path | None = None
) -> tuple[list[tuple[list[str], list[str], float, bool]], dict[str, str], str]:
    """Align French (source side) with English; return id beads, en id → French text, summary.

    A bead is (English ids, French ids, confidence, pinned by the editor).  ``pins``
    (``[[align]]`` of ``editorial``) are kept as beads; a bad one is an input error.
    """
    from .align import PinError, align

    en_s, fr_s = list(en.sentences()), list(fr.sentences())
    fixed = pin_indexes(pins, en_s, fr_s, editorial)
    en_heads, en_keys = heading_indexes(en)
    fr_heads, fr_keys = heading_indexes(fr)
    try:
        result = align(
            [s.text for s in fr_s],
            [s.text for s in en_s],
            src_paras=paragraph_starts(fr),
            tgt_paras=paragraph_starts(en),
            src_heads=fr_heads,
            tgt_heads=en_heads,
            src_head_keys=fr_keys,
            tgt_head_keys=en_keys,
            pins=fixed,
        )
    except PinError as exc:
        # the aligner's sides are the French (source) and the English (target): say fr/en
        message = exc.message.replace("the source sentences", "the 'fr' ids")
        raise InputError(
            editorial,
            f"[[align]] entry {exc.index + 1}: "
            + message.replace("the target sentences", "the 'en' ids"),
            line=pins[exc.index].line,
        ) from None
    beads, originals = [], {}
    for b in result.beads:
        en_ids = [en_s[j].id for j in b.tgt]
        fr_ids = [fr_s[i].id for i in b.src]
        beads.append((en_ids, fr_ids, b.confidence, b.pinned))
        fr_text = " ".join(fr_s[i].text for i in b.src)
        for eid in en_ids:
            if fr_text:
                originals[eid] = fr_text
    summary = (
        result.summary.get("signature", "")
        if isinstance(result.summary, dict)
        else str(result.summary)
    )
    return beads, originals, summary


def build_work(
    cfg: Config, work: Work, outputs: dict[Path, bytes], step: Callable[[str], None]
) -> WorkReport:
    """Compute every output of one work into ``outputs`` (nothing is written here).

    ``step(label)`` is called as each stage ends, with what comes next.
    """
    from . import catalog, tei

    report = WorkReport(work.name)
    versions = data_versions()
    editorial = (
        load_editorial(work.editorial_path)
        if work.editorial_required or work.editorial_path.exists()
        else Editorial(path=None)  # none configured, none there: no decisions yet
    )
    res = ingest_english(work, editorial)
    doc = res.doc
    high_water = assign(doc, work.tei_en, work.id_prefix)
    report.segments = sum(1 for _ in doc.sentences())
    report.sections = len(doc.divisions)
    report.furniture += [
        (str(work.source_path.relative_to(cfg.root)), n, t) for n, t in res.furniture
    ]
    if res.reading:
        report.lines.append(f"source read as {res.reading}")
    report.lines.extend(res.notes)
    applied = sum(len(s.corrections) for s in doc.sentences())
    report.lines.append(
        f"{applied} correction(s) applied from {work.editorial_path.name}; {len(res.proposals)} proposal(s) awaiting a decision"
    )
    for p in res.proposals:
        report.lines.append(
            f"  proposed: {p.sic!r} → {p.corr!r} ({p.reason}, confidence {p.confidence:.2f})"
        )
    step(f"{work.name}: align")
    originals: dict[str, str] = {}
    fr = ingest_original(work, editorial)
    if fr is None and editorial.align:
        raise InputError(
            editorial.path,
            "[[align]] pins alignment links but the work has no French original "
            f"({work.original_path.relative_to(cfg.root)}); add the original or remove the entries",
            line=editorial.align[0].line,
        )
    if fr is None:
        report.lines.append(
            f"no French original at {work.original_path.relative_to(cfg.root)}: alignment skipped (drop the file there to align)"
        )
    else:
        report.furniture += [
            (str(work.original_path.relative_to(cfg.root)), n, t) for n, t in fr.furniture
        ]
        fr_hw = assign(fr.doc, work.tei_fr, f"{work.id_prefix}-fr")
        beads, originals, summary = align_documents(doc, fr.doc, editorial.align, editorial.path)
        outputs[work.tei_fr] = tei.document_to_tei(
            fr.doc, id_high_water=fr_hw, notes=fr.notes, data_versions=versions
        )
        outputs[work.tei_alignment] = tei.alignment_to_tei(
            work.name,
            work.tei_en.name,
            work.tei_fr.name,
            beads,
            summary,
            editorial=Path(os.path.relpath(work.editorial_path, cfg.root)).as_posix(),
        )
        report.lines.append(f"aligned with the French original: {len(beads)} beads ({summary})")
    outputs[work.tei_en] = tei.document_to_tei(
        doc, id_high_water=high_water, notes=res.notes, data_versions=versions
    )
    step(f"{work.name}: catalogues")
    template = catalog.extract(
        doc,
        tei_ref=str(work.tei_en.relative_to(cfg.root)),
        originals=originals or None,
        project=work.name,
    )
    outputs[work.pot_path] = catalog.po_bytes(template)
    is_minted = catalog.minted_by(work.id_prefix, high_water)
    for lang in work.languages:
        path = work.po_path(lang)
        if path.is_file():
            merged = catalog.update(template, catalog.read_catalog(path), path, lang, is_minted)
            outputs[path] = catalog.po_bytes(merged)
        else:
            outputs[path] = catalog.po_bytes(catalog.new_catalog(template, lang))
    step(f"{work.name}: done")
    return report


def build(
    cfg: Config,
    work: str | None = None,
    *,
    check_only: bool = False,
    progress: Progress | None = None,
) -> BuildReport:
    """Build (or, with ``check_only``, verify) every configured work.

    ``progress`` (optional) is told after each stage how far the build is
    (see ``Progress``); the stage code never draws anything itself.
    """
    works = cfg.work(work)
    if not works:
        raise InputError(cfg.pyproject, "no works configured under [tool.edition.works]")
    report = BuildReport(check_only=check_only)
    outputs: dict[Path, bytes] = {}
    total, done = STAGES * len(works), 0

    def step(label: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total, label)

    for w in works:
        if progress:
            progress(done, total, f"{w.name}: ingest")
        report.works.append(build_work(cfg, w, outputs, step))
    # The TEI (the id registry) before the catalogues that use its ids: should the
    # renames ever stop half-way, no catalogue carries an id the registry lacks.
    tei_dirs = {w.tei_dir for w in works}
    order = sorted(outputs, key=lambda p: (p.parent not in tei_dirs, str(p)))
    changed = []
    for path in order:
        if _same_content(path, _current(path), outputs[path]):
            report.unchanged.append(path)
        else:
            changed.append(path)
    if check_only:
        report.stale.extend(changed)
        report.stale_cause = _data_versions_cause(works, changed)
    else:
        report.written.extend(write_all({p: outputs[p] for p in changed}))
    return report


def _data_versions_cause(works: list[Work], stale: list[Path]) -> str:
    """ "built with other data versions (…)" when a stale TEI records another build signature.

    Why: a wordfreq or symspellpy release changes committed outputs without
    any edit; the editor must learn that this, not their text, is the cause.
    """
    from .tei import read_data_versions

    here = data_versions()
    for w in works:
        if w.tei_en in stale and w.tei_en.is_file():
            try:
                recorded = read_data_versions(w.tei_en)
            except InputError:
                continue
            if recorded and recorded != here:
                return (
                    f"built with other data versions: {w.tei_en.name} records {signature(recorded)}, "
                    f"this machine has {signature(here)}; install those versions (pyproject.toml bounds them) "
                    "or rebuild and commit"
                )
    return ""


def _same_content(path: Path, current: bytes | None, new: bytes) -> bool:
    """Whether the committed file already says what the build would write.

    Bytes for the TEI; for catalogues, what they say — entries, translations,
    flags, comments — not how their lines are wrapped: a translator's
    ``msgmerge`` or PO editor re-wraps, and that must neither fail CI nor be
    undone by the next build.
    """
    if current == new:
        return True
    if current is None or path.suffix not in (".po", ".pot"):
        return False
    import polib

    from .pofile import content_key

    try:
        a = polib.pofile(current.decode("utf-8"), check_for_duplicates=False)
        b = polib.pofile(new.decode("utf-8"), check_for_duplicates=False)
    except (OSError, ValueError, UnicodeError):
        return False
    return content_key(a) == content_key(b)


def _current(path: Path) -> bytes | None:
    """The committed bytes of an output, or None when absent (an unreadable file is an error)."""
    from .files import os_error

    try:
        return path.read_bytes() if path.is_file() else None
    except OSError as exc:
        raise os_error(path, exc, "read") from None
