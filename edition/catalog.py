"""Catalogue: gettext templates and per-language catalogues, reconciled by segment id.

Why not ``msgmerge``: it keys on (msgctxt, msgid).  With permanent segment
ids as msgctxt, an English sentence rewritten under the same id would send
its translation to ``#~`` and leave the active entry untranslated.  We
reconcile by msgctxt alone (``merge``), with the rules a translator expects:

* unchanged English → the entry is untouched (translation, comments, flags);
* changed English → translation kept, ``#, fuzzy`` set and the old English
  kept as ``#| msgid`` so the PO editor shows the difference;
* removed segment → obsolete ``#~`` entry that keeps its translation, brought
  back if the segment returns;
* new segment → untranslated entry, in document order.

Layout: ``locales/<work>.pot`` (template) and ``locales/<lang>/<work>.po``.
Files are written atomically and only when their bytes change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from . import pofile
from .config import Config, Work
from .files import InputError, read_text, write_all, write_atomic
from .model import Document

WRAP = 78  # what msgmerge and polib both use
#: Plural rules for the languages we configure (gettext manual, "Plural forms").
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ja": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
}
DEFAULT_PLURAL = "nplurals=2; plural=(n != 1);"
# The ``#.`` comment format: written by ``extract`` and read by ``read_notes`` (the checks too).
SECTION_PREFIX = "Section "
ORIGINAL_PREFIX = "French original: "
_SECTION_RE = re.compile(r"^Section\s+(\S+?):?(?:\s|$)")


@dataclass(frozen=True)
class Notes:
    """What the ``#.`` comment of an entry tells: its section number and the aligned original."""

    section: str = ""
    original: str = ""


def read_notes(comment: str) -> Notes:
    """Parse the ``#.`` comment ``extract`` writes (the one reader of that format)."""
    section, original = "", ""
    for line in comment.splitlines():
        m = _SECTION_RE.match(line.strip())
        if m and not section:
            section = m.group(1)
        elif line.startswith(ORIGINAL_PREFIX.rstrip()):
            original = line[len(ORIGINAL_PREFIX.rstrip()) :].strip()
    return Notes(section, original)


# ------------------------------------------------------------------ extract


def _header(project: str, lang: str | None) -> dict[str, str]:
    """Header fields; no dates (deterministic builds), gettext's required fields present."""
    h = {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "",
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": lang or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if lang:
        h["Plural-Forms"] = PLURAL_FORMS.get(
            lang, PLURAL_FORMS.get(lang.split("_")[0], DEFAULT_PLURAL)
        )
    return h


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def extract(
    doc: Document, *, tei_ref: str, originals: dict[str, str] | None = None, project: str = ""
) -> polib.POFile:
    """The template: one entry per segment, in document order.

    ``#.`` comments give the translator the context a sentence list lacks:
    the section heading, whether the segment is a heading or a block
    quotation (with its citation), quotations that continue into the next
    segment, and the aligned French original when there is one.
    """
    pot = polib.POFile(wrapwidth=WRAP, check_for_duplicates=False)
    pot.metadata = _header(project or doc.work, None)
    for div in doc.divisions:
        head = div.head
        heading = " ".join(s.text for s in head.sentences) if head else ""
        section = f"{SECTION_PREFIX}{div.n}" + (f": {_short(heading)}" if heading else "")
        for block in div.blocks:
            for s in block.sentences:
                notes = [section]
                if block.kind == "head":
                    notes.append("Heading.")
                elif block.kind == "note":
                    notes.append(f"{'Endnote' if block.place == 'end' else 'Footnote'} {block.n}.")
                elif block.kind == "quote":
                    notes.append(
                        "Block quotation"
                        + (f" {block.bibl.rstrip('.')}" if block.bibl else "")
                        + "."
                    )
                if any(q.part in ("I", "M") for q in s.quotes):
                    notes.append("A quotation opened here closes in a following segment.")
                if originals and s.id in originals:
                    notes.append(ORIGINAL_PREFIX + originals[s.id])
                pot.append(
                    polib.POEntry(
                        msgctxt=s.id,
                        msgid=s.text,
                        msgstr="",
                        comment="\n".join(notes),
                        occurrences=[(tei_ref, "")],
                    )
                )
    return pot


def po_bytes(po: polib.POFile) -> bytes:
    """Serialise deterministically, laid out as GNU msgmerge writes (see ``pofile``)."""
    return pofile.dumps(po).encode("utf-8")


# --------------------------------------------------------------------- read

_POLIB_LINE = re.compile(r"\(line (\d+)\)|line (\d+)")


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(
    r"^(?:#~\s*)?(?:"
    r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"
    + _PO_STRING
    + r"|"
    + _PO_STRING
    + r")\s*$"
    r"|^#.*$|^\s*$"
)


def lint_syntax(text: str) -> tuple[int, str] | None:
    """First line that is not PO syntax, with what is wrong.

    Why our own pass: polib silently accepts an unterminated string and
    swallows the rest of the entry; a translator's stray quote must be
    reported at its line, not turned into a lost translation.
    """
    for n, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 is text here
        if line.startswith("#") and not line.startswith(("#~", "#|")):
            continue
        if not _PO_LINE.match(line):
            what = "unterminated or badly quoted string" if '"' in line else "unknown keyword"
            return n, f"{what}: {line.strip()[:60]!r}"
        bad = _BAD_ESCAPE.search(line)
        if bad:
            return n, (
                f'invalid escape sequence {bad.group(1)} (PO strings know \\n \\t \\" \\\\ '
                "\\a \\b \\f \\r \\v, octal and \\x hex); write a backslash as \\\\"
            )
    return None


#: A backslash escape msgfmt refuses (checked inside the quoted strings of a line).
_BAD_ESCAPE = re.compile(r'(?:^|[^\\])(?:\\\\)*(\\[^abfnrtv\\"0-7x])')


def read_catalog(path: Path) -> polib.POFile:
    """Read a PO/POT file strictly; every problem is an InputError with file and line.

    Checked: UTF-8 (and a header saying so), PO syntax, one active entry per
    segment id (msgctxt), every entry has a msgctxt.  Why strict: an update
    that half-understood a broken catalogue could lose a translation; we
    refuse to touch it instead, and say where to look.
    """
    path = Path(path)
    text = read_text(path, what="catalogue")
    bad = lint_syntax(text)
    if bad:
        raise InputError(
            path,
            f"not a valid PO file: {bad[1]}; fix it in a PO editor (`msgfmt --check` shows more)",
            line=bad[0],
        )
    try:
        po = pofile.loads(text)
    except (OSError, ValueError, UnicodeError) as exc:
        m = _POLIB_LINE.search(str(exc))
        line = int(m.group(1) or m.group(2)) if m else None
        raise InputError(
            path,
            f"not a valid PO file: {exc}; fix it in a PO editor (or `msgfmt --check {path.name}` shows more)",
            line=line,
        ) from None
    ctype = po.metadata.get("Content-Type", "")
    m = re.search(r"charset=([\w-]+)", ctype)
    if m and m.group(1).upper().replace("_", "-") not in ("UTF-8", "CHARSET"):
        raise InputError(
            path,
            f"charset is {m.group(1)}, but catalogues here must be UTF-8; convert with `msgconv -t UTF-8`",
            line=_header_line(text),
        )
    seen: dict[str, int] = {}
    for e in po:
        if not e.msgctxt:
            raise InputError(
                path,
                f"entry without msgctxt (msgid {_short(e.msgid, 40)!r}); every entry must carry its segment id",
                line=e.linenum,
            )
        if e.msgctxt in seen:
            raise InputError(
                path,
                f"duplicate segment id {e.msgctxt!r} (first at line {seen[e.msgctxt]}); keep one entry per id",
                line=e.linenum,
            )
        seen[e.msgctxt] = e.linenum
    return po


def _header_line(text: str) -> int | None:
    for n, line in enumerate(text.split("\n"), 1):
        if "Content-Type" in line:
            return n
    return None


def check_known_ids(
    po: polib.POFile, path: Path, known: Iterable[str], is_minted: Callable[[str], bool]
) -> None:
    """Refuse a catalogue with segment ids the edition never issued (a typo in msgctxt).

    Obsolete entries of retired ids are fine (``is_minted``); an id that was
    never minted means a translator edited a msgctxt and their translation
    would otherwise silently go to ``#~``.
    """
    known = set(known)
    for e in po:
        if e.msgctxt not in known and not e.obsolete and not is_minted(e.msgctxt):
            raise InputError(
                path,
                f"unknown segment id {e.msgctxt!r}: no such segment in the edition; restore the msgctxt the entry had",
                line=e.linenum,
            )


# -------------------------------------------------------------------- merge


def _keep(e: polib.POEntry) -> bool:
    """Worth keeping as obsolete: carries a translator's work."""
    return bool(_translated(e) or e.tcomment or "fuzzy" in e.flags)


def _translated(e: polib.POEntry) -> bool:
    """Has a translation: msgstr, or any of the plural forms msgstr[n]."""
    return bool(e.msgstr or any((e.msgstr_plural or {}).values()))


def _plural(old: polib.POEntry) -> dict:
    """The plural part of an entry (msgid_plural, msgstr[n]) to carry over unchanged.

    Why: segments are singular, but a translator's tool may have written an
    entry with plural forms; dropping ``msgstr[n]`` lost their translation.
    """
    if not old.msgid_plural:
        return {}
    return {"msgid_plural": old.msgid_plural, "msgstr_plural": dict(old.msgstr_plural or {})}


def merge(template: polib.POFile, catalog: polib.POFile) -> polib.POFile:
    """Reconcile ``catalog`` with ``template`` by segment id; returns a new POFile.

    Pure function: the caller decides whether and where to write.
    """
    out = polib.POFile(wrapwidth=WRAP, check_for_duplicates=False)
    out.header = catalog.header
    out.metadata = dict(catalog.metadata)
    out.metadata_is_fuzzy = catalog.metadata_is_fuzzy
    by_id = {e.msgctxt: e for e in catalog}
    template_ids = {t.msgctxt for t in template}
    # Obsolete work whose English text comes back under a new id (a deleted
    # sentence restored: ids are never reused, so it gets a fresh one).
    by_text = {
        e.msgid: e for e in catalog if e.obsolete and e.msgctxt not in template_ids and _keep(e)
    }
    used: set[str] = set()
    for t in template:
        old = by_id.get(t.msgctxt)
        if old is None and t.msgid in by_text:
            old = by_text.pop(t.msgid)
            used.add(old.msgctxt or "")
        if old is None:
            out.append(
                polib.POEntry(
                    msgctxt=t.msgctxt,
                    msgid=t.msgid,
                    msgstr="",
                    comment=t.comment,
                    occurrences=list(t.occurrences),
                )
            )
            continue
        used.add(t.msgctxt)
        e = polib.POEntry(
            msgctxt=t.msgctxt,
            msgid=t.msgid,
            msgstr=old.msgstr,
            comment=t.comment,
            tcomment=old.tcomment,
            occurrences=list(t.occurrences),
            flags=list(old.flags),
            previous_msgctxt=old.previous_msgctxt,
            previous_msgid=old.previous_msgid,
            **_plural(old),
        )
        if old.msgid != t.msgid and _translated(old):
            if "fuzzy" not in e.flags:
                e.flags.append("fuzzy")
            # the translation still renders the text it was made from
            if not (old.previous_msgid and "fuzzy" in old.flags):
                e.previous_msgid = old.msgid
            if e.previous_msgid == t.msgid:  # edited back to what was translated
                e.previous_msgid = None
        elif old.msgid != t.msgid:
            e.previous_msgid = None
        out.append(e)
    obsolete = []
    for e in catalog:
        if e.msgctxt in used or not _keep(e):
            continue
        o = polib.POEntry(
            msgctxt=e.msgctxt,
            msgid=e.msgid,
            msgstr=e.msgstr,
            tcomment=e.tcomment,
            flags=list(e.flags),
            previous_msgid=e.previous_msgid,
            obsolete=True,
            **_plural(e),
        )
        obsolete.append(o)
    for o in sorted(obsolete, key=lambda x: x.msgctxt or ""):
        out.append(o)
    return out


def new_catalog(template: polib.POFile, lang: str) -> polib.POFile:
    """A fresh, untranslated catalogue for ``lang`` (what ``init`` writes)."""
    po = polib.POFile(wrapwidth=WRAP, check_for_duplicates=False)
    po.header = f"Translation of {template.metadata.get('Project-Id-Version', '')} into {lang}.\nSegment ids (msgctxt) are permanent: never edit them."
    po.metadata = _header(template.metadata.get("Project-Id-Version", ""), lang)
    return merge(template, po)


def init_catalog(template: polib.POFile, path: Path, lang: str) -> bool:
    """Create ``path`` for ``lang``; refuses to overwrite an existing catalogue."""
    if path.exists():
        raise InputError(
            path, f"catalogue for {lang!r} already exists; use `edition update` to bring it in step"
        )
    return write_atomic(path, po_bytes(new_catalog(template, lang)))


def minted_by(prefix: str, high_water: int) -> Callable[[str], bool]:
    """Whether an id was ever issued by the edition: ``prefix-N`` with N ≤ the high-water mark."""
    from .ids import id_number

    def is_minted(sid: str) -> bool:
        n = id_number(sid, prefix)
        return n is not None and n <= high_water

    return is_minted


def update(
    template: polib.POFile,
    current: polib.POFile,
    path: Path,
    lang: str,
    is_minted: Callable[[str], bool],
) -> polib.POFile:
    """The one catalogue update, used by ``build`` and ``update``: refuse ids the edition
    never issued (``check_known_ids``, file:line), then reconcile by segment id (``merge``).

    Why one function: two drifted copies once let ``update`` obsolete a translation
    whose msgctxt had a typo while ``build`` stopped on it.
    """
    check_known_ids(current, path, (e.msgctxt for e in template), is_minted)
    merged = merge(template, current)
    if not merged.metadata.get("Language"):
        merged.metadata["Language"] = lang
    # a catalogue emptied (or started by hand) gets the fields msgfmt --check requires
    for key, value in _header(template.metadata.get("Project-Id-Version", ""), lang).items():
        if key not in merged.metadata:
            merged.metadata[key] = value
    return merged


# ------------------------------------------------------------------- status


@dataclass
class Counts:
    """Progress of one catalogue or one section of it."""

    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    obsolete: int = 0
    words: int = 0
    words_translated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def percent(self) -> float:
        return round(100.0 * self.translated / self.total, 1) if self.total else 100.0

    def add(self, e: polib.POEntry) -> None:
        if e.obsolete:
            self.obsolete += 1
            return
        n = len(e.msgid.split())
        self.words += n
        if "fuzzy" in e.flags:
            self.fuzzy += 1
        elif _translated(e):
            self.translated += 1
            self.words_translated += n
        else:
            self.untranslated += 1


def section_of(e: polib.POEntry) -> str:
    """The section number recorded in the entry's extracted comment ("Section 2: …"), or "?"."""
    return read_notes(e.comment or "").section or "?"


def catalogue_counts(po: polib.POFile) -> tuple[Counts, dict[str, Counts]]:
    """Whole-catalogue and per-section counts."""
    total, sections = Counts(), dict[str, Counts]()
    for e in po:
        total.add(e)
        if not e.obsolete:
            sections.setdefault(section_of(e), Counts()).add(e)
    return total, sections


# ------------------------------------------------------------- per project


def template_for(cfg: Config, work: Work) -> polib.POFile:
    """The template of one work, from its committed English TEI (and alignment, if any)."""
    from .tei import read_document

    doc = read_document(work.tei_en, work.name)
    return extract(
        doc,
        tei_ref=str(work.tei_en.relative_to(cfg.root)),
        originals=_originals(cfg, work),
        project=work.name,
    )


def _originals(cfg: Config, work: Work) -> dict[str, str] | None:
    """French texts per English id, from the committed stand-off alignment (if any)."""
    if not (work.tei_alignment.is_file() and work.tei_fr.is_file()):
        return None
    from .tei import read_originals

    return read_originals(work.tei_en, work.tei_fr, work.tei_alignment)


def write_templates(cfg: Config, works: Iterable[Work]) -> list[tuple[Path, bool]]:
    """``extract``: write each work's template; (path, changed) per work."""
    outputs = {w.pot_path: po_bytes(template_for(cfg, w)) for w in works}  # all read first
    written = set(write_all(outputs))
    return [(path, path in written) for path in outputs]


def check_lang_code(lang: str, where: Path | None) -> None:
    """Refuse something that is not a language code (a path, a typo); see ``config.LANGUAGE_RE``."""
    from .config import check_language

    check_language(lang, where, "--lang")


def init_catalogs(cfg: Config, works: Iterable[Work], lang: str) -> list[Path]:
    """``init``: a new catalogue for ``lang`` per work (refuses to overwrite one)."""
    check_lang_code(lang, cfg.pyproject)
    written = []
    for work in works:
        path = work.po_path(lang)
        init_catalog(read_catalog(work.pot_path), path, lang)
        written.append(path)
    return written


def update_catalogs(
    cfg: Config, works: Iterable[Work], langs: Iterable[str] | None = None
) -> tuple[list[tuple[Path, bool]], list[tuple[str, Path]]]:
    """``update``: reconcile existing catalogues with their templates, by segment id.

    Every catalogue is read and reconciled before any is written, so one bad
    file stops the run with nothing changed.  Returns (path, changed) per
    catalogue and the (language, path) of catalogues that do not exist.
    ``langs`` None: each work's own catalogue languages.
    """
    from .tei import read_ids

    plans: list[tuple[Path, polib.POFile]] = []
    missing: list[tuple[str, Path]] = []
    langs = None if langs is None else list(langs)
    for work in works:
        template = read_catalog(work.pot_path)
        high_water = read_ids(work.tei_en)[1] if work.tei_en.is_file() else 0
        is_minted = minted_by(work.id_prefix, high_water)
        for lang in langs if langs is not None else work.languages:
            path = work.po_path(lang)
            if path.is_file():
                plans.append((path, update(template, read_catalog(path), path, lang, is_minted)))
            else:
                missing.append((lang, path))
    # all-or-nothing: a folder that cannot be written leaves every catalogue as it was
    written = set(write_all({path: po_bytes(po) for path, po in plans}))
    return [(path, path in written) for path, _po in plans], missing


def status_rows(works: Iterable[Work], langs: Iterable[str] | None = None) -> list[dict]:
    """Rows for ``status``: one per (work, language, section) plus a total per catalogue.

    ``langs`` None: each work's own catalogue languages.
    """
    rows = []
    langs = None if langs is None else list(langs)
    for work in works:
        for lang in langs if langs is not None else work.languages:
            path = work.po_path(lang)
            if not path.is_file():
                continue
            total, sections = catalogue_counts(read_catalog(path))
            for sec in sorted(sections, key=lambda s: (len(s), s)):
                c = sections[sec]
                rows.append(
                    {
                        "work": work.name,
                        "lang": lang,
                        "section": sec,
                        **asdict(c),
                        "percent": c.percent(),
                    }
                )
            rows.append(
                {
                    "work": work.name,
                    "lang": lang,
                    "section": "all",
                    **asdict(total),
                    "percent": total.percent(),
                }
            )
    return rows
