"""The editor's decisions file for one work (``seeds/<work>/editorial.toml``).

Why a file and not code: every change to the text as received — a corrected
extraction typo, a forced reading-order join, a segmentation override — is an
editorial decision that a reviewer must be able to read, question and undo.
The toolkit proposes; this file disposes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .files import InputError, read_text, toml_error
from .schema import Table, check_keys
from .text import ABBREVIATION_KINDS

#: Every table of an editorial file and its keys; anything else is refused (``schema.check_keys``).
EDITORIAL_FILE = Table(
    {
        "metadata": Table(
            {
                "title": None,
                "subtitle": None,
                "author": None,
                "language": None,
                "translator": None,
                "source": None,
                "original-title": None,
                "original-language": None,
            }
        ),
        "corrections": Table({"sic": None, "corr": None}),
        "order": Table({"after": None, "next": None, "reason": None}),
        "segmentation": Table(
            {"no-break-after": None, "abbreviation": None, "kind": None, "lang": None}
        ),
        "gaps": Table(
            {"after": None, "reason": None, "missing": None, "witness": None, "extent": None}
        ),
        "align": Table({"en": None, "fr": None, "reason": None}),
        "transcription": Table({"italic": None, "reason": None}),
        "blocks": Table({"starts": None, "kind": None, "reason": None}),
        "hyphens": Table({"word": None, "reason": None}),
    }
)


@dataclass(frozen=True)
class OrderOverride:
    """ "The fragment ending at source line ``after`` is followed by the one starting at ``next``"."""

    after: int
    next: int
    reason: str


@dataclass(frozen=True)
class GapDecision:
    """ "Material is missing right after the block containing ``after``" (e.g. a truncated source)."""

    after: str
    reason: str
    #: Optional: what is missing, the witness that shows it, and how much ("5 works").
    missing: str = ""
    witness: str = ""
    extent: str = ""


@dataclass(frozen=True)
class AlignPin:
    """ "These English segments are the translation of these French ones": a fixed bead.

    One side may be empty (a segment the other text does not have).  ``line``
    is the 1-based line of the ``[[align]]`` header in the editorial file, for
    error messages and the review page.
    """

    en: tuple[str, ...]
    fr: tuple[str, ...]
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class BlockDecision:
    """ "The paragraph that starts with ``starts`` is a ``kind`` block" ("quote" or "p")."""

    starts: str
    kind: str
    reason: str
    line: int | None = None


#: The block kinds an editor may impose on a paragraph.
BLOCK_KINDS = ("quote", "p")


@dataclass(frozen=True)
class Editorial:
    """Everything the editor decided for one work, with safe defaults when the file is absent."""

    path: Path | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    corrections: tuple[tuple[str, str], ...] = ()
    order: tuple[OrderOverride, ...] = ()
    #: ``[[segmentation]]``: the work's abbreviations as ``(token, kind, lang)``, kind one of
    #: ``text.ABBREVIATION_KINDS`` or ``"none"`` (a full stop after the token ends
    #: sentences); lang "" = the language of the text the entry is applied to.
    abbreviations: tuple[tuple[str, str, str], ...] = ()

    def abbreviations_for(self, lang: str) -> tuple[tuple[str, str], ...]:
        """The ``(token, kind)`` overrides that apply to a text in ``lang``."""
        return tuple((t, k) for t, k, lg in self.abbreviations if lg in ("", lang))

    gaps: tuple[GapDecision, ...] = ()
    #: ``[[align]]``: alignment links fixed by the editor (the aligner keeps them as beads).
    align: tuple[AlignPin, ...] = ()
    #: ``[transcription] italic``: the mark the transcription puts on both sides of italic
    #: text ("_" in Project Gutenberg files), and why; "" = the marks are text.
    italic_mark: str = ""
    italic_reason: str = ""
    #: ``[[blocks]]``: paragraphs the editor declares a block quotation or running text.
    blocks: tuple[BlockDecision, ...] = ()
    #: ``[[hyphens]]``: how a word broken by a line-end hyphen is printed ("arm-chair" keeps
    #: the hyphen, "armchair" drops it), whatever the toolkit's rule would decide.
    hyphens: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        return self.metadata.get("language", "en")


def _str_table(path: Path, data: dict, key: str) -> dict[str, str]:
    table = data.get(key, {})
    if not isinstance(table, dict):
        raise InputError(path, f"[{key}] must be a table")
    out: dict[str, str] = {}
    for k, v in table.items():
        if not isinstance(v, str):
            raise InputError(path, f"[{key}] {k} must be a string, got {type(v).__name__}")
        out[k] = v.strip()
    return out


def _corrections(path: Path, data: dict) -> tuple[tuple[str, str], ...]:
    out = []
    for i, c in enumerate(_entries(path, data, "corrections", "correction"), 1):
        if (
            not isinstance(c, dict)
            or not isinstance(c.get("sic"), str)
            or not isinstance(c.get("corr"), str)
        ):
            raise InputError(path, f"[[corrections]] entry {i} needs string keys 'sic' and 'corr'")
        if not c["sic"].strip() or not c["corr"].strip():
            raise InputError(path, f"[[corrections]] entry {i}: 'sic' and 'corr' must not be empty")
        out.append((c["sic"], c["corr"]))
    return tuple(out)


#: A ``[[hyphens]]`` spelling: letters, with hyphens only between them ("arm-chair").
_SPELLING = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _hyphens(path: Path, data: dict) -> tuple[str, ...]:
    """``[[hyphens]]`` entries: ``word = "arm-chair"`` (or "armchair"), one spelling per word.

    Why the printed spelling and not "keep"/"drop": the editor writes what the edition
    prints; a line-end hyphen inside the word is kept where the spelling has one and
    dropped anywhere else.  Two spellings of one word would contradict each other.
    """
    lines = entry_lines(path, "hyphens")
    out: dict[str, str] = {}
    for i, h in enumerate(_entries(path, data, "hyphens", "word"), 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        word = h.get("word") if isinstance(h, dict) else None
        if not isinstance(word, str) or not _SPELLING.fullmatch(word.strip()):
            raise InputError(
                path,
                f"[[hyphens]] entry {i} needs 'word', the spelling to print: letters, with "
                'hyphens only between them ("arm-chair" or "armchair")',
                line=line,
            )
        word = word.strip()
        key = word.replace("-", "").lower()
        if key in out and out[key] != word.lower():
            raise InputError(
                path,
                f"[[hyphens]] entry {i}: {word!r} and {out[key]!r} spell the same word two "
                "ways; keep one",
                line=line,
            )
        out[key] = word.lower()
    return tuple(out.values())


def _order(path: Path, data: dict) -> tuple[OrderOverride, ...]:
    out = []
    for i, o in enumerate(_entries(path, data, "order", "override"), 1):
        if (
            not isinstance(o, dict)
            or not isinstance(o.get("after"), int)
            or not isinstance(o.get("next"), int)
        ):
            raise InputError(
                path,
                f"[[order]] entry {i} needs integer keys 'after' and 'next' (1-based source lines)",
            )
        if not str(o.get("reason", "")).strip():
            raise InputError(
                path,
                f"[[order]] entry {i} needs a 'reason': an override is an editorial decision and must say why",
            )
        out.append(OrderOverride(o["after"], o["next"], str(o["reason"]).strip()))
    return tuple(out)


def _segmentation(path: Path, data: dict) -> tuple[tuple[str, str, str], ...]:
    """``[[segmentation]]`` entries: ``no-break-after = "cf."`` or ``abbreviation`` + ``kind``.

    An optional ``lang`` ("fr") limits an entry to the text in that language
    (the French original has its own abbreviations).
    """
    kinds = (*ABBREVIATION_KINDS, "none")
    out = []
    for i, s in enumerate(_entries(path, data, "segmentation", "override"), 1):
        s = s if isinstance(s, dict) else {}
        lang = s.get("lang", "")
        if not isinstance(lang, str):
            raise InputError(path, f"[[segmentation]] entry {i}: 'lang' must be a language code")
        if isinstance(s.get("no-break-after"), str) and s["no-break-after"].strip():
            out.append((s["no-break-after"].strip(), "inner", lang))
        elif isinstance(s.get("abbreviation"), str) and s["abbreviation"].strip():
            if s.get("kind") not in kinds:
                raise InputError(
                    path,
                    f"[[segmentation]] entry {i}: 'kind' must be one of {', '.join(kinds)}",
                )
            out.append((s["abbreviation"].strip(), s["kind"], lang))
        else:
            raise InputError(
                path,
                f"[[segmentation]] entry {i} needs a string 'no-break-after' or 'abbreviation'"
                " (with its 'kind')",
            )
    return tuple(out)


def _gaps(path: Path, data: dict) -> tuple[GapDecision, ...]:
    out = []
    for i, g in enumerate(_entries(path, data, "gaps", "gap"), 1):
        if not isinstance(g, dict) or not isinstance(g.get("after"), str) or not g["after"].strip():
            raise InputError(
                path,
                f"[[gaps]] entry {i} needs a string 'after': the text that ends right before the missing material",
            )
        if not str(g.get("reason", "")).strip():
            raise InputError(
                path, f"[[gaps]] entry {i} needs a 'reason': say how you know text is missing"
            )
        extra = {}
        for key in ("missing", "witness", "extent"):
            if key in g:
                if not isinstance(g[key], str) or not g[key].strip():
                    raise InputError(
                        path, f"[[gaps]] entry {i}: '{key}' must be a non-empty string"
                    )
                extra[key] = " ".join(g[key].split())
        out.append(
            GapDecision(" ".join(g["after"].split()), " ".join(str(g["reason"]).split()), **extra)
        )
    return tuple(out)


def entry_lines(path: Path | None, table: str) -> list[int]:
    """1-based lines of every ``[[table]]`` header of a TOML file, in order (tomllib keeps none)."""
    if path is None or not path.is_file():
        return []
    out = []
    for n, line in enumerate(read_text(path, what="editorial file").split("\n"), 1):
        head = line.split("#", 1)[0].strip()
        if head.startswith("[[") and head.endswith("]]") and head[2:-2].strip() == table:
            out.append(n)
        elif head.startswith("[") and head.endswith("]") and head[1:-1].strip() == table:
            out.append(n)
    return out


def _entries(path: Path, data: dict, table: str, one: str) -> list:
    """The entries of an array of tables; ``[table]`` written once as a plain table is refused.

    Why: TOML reads ``[align]`` as one table, whose keys would otherwise be
    taken for entries and reported as "entry 1 needs …", hiding the real slip.
    """
    items = data.get(table, [])
    if isinstance(items, list):
        return items
    lines = entry_lines(path, table)
    raise InputError(
        path,
        f"[{table}] is a single table: write [[{table}]] (an array of tables), one per {one}",
        line=lines[0] if lines else None,
    )


def _align(path: Path, data: dict) -> tuple[AlignPin, ...]:
    """``[[align]]`` entries: ``en``/``fr`` lists of segment ids (one may be empty) + a reason.

    The ids are checked against the TEI when the work is aligned (``build``);
    here only the shape of each entry.
    """
    lines = entry_lines(path, "align")
    out = []
    for i, a in enumerate(_entries(path, data, "align", "pinned link"), 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        a = a if isinstance(a, dict) else {}
        sides = {}
        for side in ("en", "fr"):
            ids = a.get(side, [])
            if isinstance(ids, str):
                ids = [ids]
            if not isinstance(ids, list) or not all(isinstance(x, str) and x for x in ids):
                raise InputError(
                    path,
                    f"[[align]] entry {i}: '{side}' must be a list of segment ids, "
                    f'e.g. {side} = ["…-0012"]',
                    line=line,
                )
            sides[side] = tuple(ids)
        if not sides["en"] and not sides["fr"]:
            raise InputError(
                path, f"[[align]] entry {i} needs segment ids in 'en', 'fr' or both", line=line
            )
        if not str(a.get("reason", "")).strip():
            raise InputError(
                path,
                f"[[align]] entry {i} needs a 'reason': a pinned link is an editorial decision "
                "and must say why",
                line=line,
            )
        out.append(AlignPin(sides["en"], sides["fr"], " ".join(str(a["reason"]).split()), line))
    return tuple(out)


def _transcription(path: Path, data: dict) -> tuple[str, str]:
    """``[transcription] italic = "_"`` + ``reason``: how the transcription marks italics."""
    if "transcription" not in data:
        return "", ""
    t = data["transcription"]
    lines = entry_lines(path, "transcription")
    line = lines[0] if lines else None
    if not isinstance(t, dict) or "italic" not in t:  # a table that decides nothing is a slip
        raise InputError(
            path,
            "[transcription] needs 'italic' (e.g. italic = \"_\", the marks the transcription "
            "puts around italic text) and a 'reason'; remove the table if there is no decision",
            line=line,
        )
    mark = t["italic"]
    if (
        not isinstance(mark, str)
        or not 1 <= len(mark) <= 2
        or any(c.isalnum() or c.isspace() for c in mark)
    ):
        raise InputError(
            path,
            "[transcription] italic must be the one or two punctuation characters the "
            'transcription puts around italic text (e.g. "_")',
            line=line,
        )
    if not str(t.get("reason", "")).strip():
        raise InputError(
            path,
            "[transcription] needs a 'reason': reading marks as italics is an editorial "
            "decision and must say why",
            line=line,
        )
    return mark, " ".join(str(t["reason"]).split())


def _blocks(path: Path, data: dict) -> tuple[BlockDecision, ...]:
    """``[[blocks]]``: ``starts`` (the paragraph's opening words), ``kind``, ``reason``."""
    lines = entry_lines(path, "blocks")
    out = []
    for i, b in enumerate(_entries(path, data, "blocks", "paragraph"), 1):
        line = lines[i - 1] if i - 1 < len(lines) else None
        b = b if isinstance(b, dict) else {}
        if not isinstance(b.get("starts"), str) or not b["starts"].strip():
            raise InputError(
                path,
                f"[[blocks]] entry {i} needs 'starts': the opening words of the paragraph",
                line=line,
            )
        if b.get("kind") not in BLOCK_KINDS:
            raise InputError(
                path,
                f"[[blocks]] entry {i}: 'kind' must be one of {', '.join(BLOCK_KINDS)} "
                "(a block quotation, or running text such as a turn of dialogue)",
                line=line,
            )
        if not str(b.get("reason", "")).strip():
            raise InputError(
                path,
                f"[[blocks]] entry {i} needs a 'reason': say what sets the paragraph off (or not)",
                line=line,
            )
        out.append(
            BlockDecision(
                " ".join(b["starts"].split()), b["kind"], " ".join(str(b["reason"]).split()), line
            )
        )
    return tuple(out)


def load_editorial(path: Path) -> Editorial:
    """Read and validate an editorial file; a missing file is an error, never "no decisions".

    Why: without its metadata the title block becomes sentences, and the ids
    those sentences mint are permanent; a file lost in a checkout must stop
    the build, not silently change the edition.  An editor without decisions
    yet keeps an empty file.
    """
    if not path.is_file():
        raise InputError(
            path,
            "editorial file not found (the configuration names it); restore it, or create an "
            "empty one if there are no decisions yet",
        )
    try:
        data = tomllib.loads(read_text(path, what="editorial file"))
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, exc, "; fix the editorial file") from None
    check_keys(data, EDITORIAL_FILE, path)
    italic = _transcription(path, data)
    return Editorial(
        path=path,
        metadata=_str_table(path, data, "metadata"),
        corrections=_corrections(path, data),
        order=_order(path, data),
        abbreviations=_segmentation(path, data),
        gaps=_gaps(path, data),
        align=_align(path, data),
        italic_mark=italic[0],
        italic_reason=italic[1],
        blocks=_blocks(path, data),
        hyphens=_hyphens(path, data),
    )
