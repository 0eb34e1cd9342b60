"""Text conventions shared by every stage: quotation marks, abbreviations, headings, comparison keys.

Why one module: the same typographic facts (which marks open a quotation in
German, which abbreviations do not end a sentence, what a numbered heading
looks like) were written down in several stages and had begun to disagree.
Here each fact exists once, and each normaliser has a name that says what it
ignores.  Normalisers are for *comparison* only: the stored text is never
normalised (a « with U+202F stays as the typesetter wrote it).
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# ----------------------------------------------------------- quotation marks

#: Per language: opening mark → closing mark.  Order matters for ambiguous marks.
QUOTE_PAIRS: dict[str, dict[str, str]] = {
    "en": {"“": "”", "‘": "’", "«": "»", '"': '"', "'": "'"},
    "fr": {"«": "»", "“": "”", "‘": "’", "‹": "›", '"': '"', "'": "'"},
    "es": {"«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"},
    "de": {"„": "“", "‚": "‘", "»": "«", "›": "‹", "“": "”", '"': '"', "'": "'"},
    "it": {"«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"},
    "pt": {"«": "»", "“": "”", "‘": "’", '"': '"', "'": "'"},
}
#: Every character that can be a quotation mark in some language.
ALL_QUOTE_MARKS = frozenset("“”‘’«»„‚‹›\"'")
#: Double quotation marks (never apostrophes): cheap evidence that a sentence quotes.
DOUBLE_QUOTE_MARKS = frozenset('«»“”„"')
#: Marks that open a quotation at the start of a paragraph, in any language we ingest.
OPENING_QUOTE_MARKS = frozenset('“«„‘"')
#: Marks that are apostrophes when between letters ("Trotsky’s", "l’État").
APOSTROPHES = frozenset("’'")
#: No-break spaces (French typography inside « » and before ; : ! ?).
NO_BREAK_SPACES = "\u00a0\u202f"

#: What may trail a line's last word (closing marks, brackets, a note star): stripped before
#: reading the punctuation or the word a line ends on.
TRAILING_CLOSERS = "\"'”’»)]*"

#: Typographic opening marks only; callers add the straight marks where a straight mark can open.
CURLY_OPENING_MARKS = "“‘«"


def quote_pairs(lang: str) -> dict[str, str]:
    """The mark pairs of a language (English conventions for unknown codes; "pt_BR" → "pt")."""
    return QUOTE_PAIRS.get(lang.split("_")[0].split("-")[0].lower(), QUOTE_PAIRS["en"])


# ------------------------------------------------------------- abbreviations

#: Sentence-segmenter abbreviation classes (data: ``edition/data/abbreviations-LANG.toml``).
ABBREVIATION_KINDS = ("title", "numeric", "inner", "ends")


@dataclass(frozen=True)
class Abbreviations:
    """One language's abbreviations by class (lower-cased, without the final stop).

    ``starters`` are the words (as printed) after which an *ends*
    abbreviation closes its sentence: a sentence does not go on "… etc. The"
    but does go on "… the U.K. Parliament".
    """

    title: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()
    inner: frozenset[str] = frozenset()
    ends: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    #: Word endings that mark a sentence adverb ("Consequently", "Heureusement").
    starter_suffixes: tuple[str, ...] = ()

    def with_overrides(self, entries: Iterable[tuple[str, str]]) -> Abbreviations:
        """A copy with ``(token, kind)`` entries applied; kind ``"none"`` removes a token."""
        classes = {k: set(getattr(self, k)) for k in ABBREVIATION_KINDS}
        for token, kind in entries:
            key = token.strip().rstrip(".").lower()
            if not key:
                continue
            for k in ABBREVIATION_KINDS:
                classes[k].discard(key)
            if kind != "none":
                if kind not in classes:
                    raise ValueError(f"unknown abbreviation kind {kind!r}")
                classes[kind].add(key)
        return Abbreviations(
            **{k: frozenset(v) for k, v in classes.items()},
            starters=self.starters,
            starter_suffixes=self.starter_suffixes,
        )


@lru_cache(maxsize=8)
def language_abbreviations(lang: str) -> Abbreviations:
    """The bundled abbreviation lists of ``lang`` (English ones for a language without its own)."""
    base = resources.files("edition") / "data"
    code = lang.split("_")[0].split("-")[0].lower()
    path = base / f"abbreviations-{code}.toml"
    if not code.isalpha() or not path.is_file():
        path = base / "abbreviations-en.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Abbreviations(
        **{k: frozenset(w.lower() for w in data.get(k, "").split()) for k in ABBREVIATION_KINDS},
        starters=frozenset(data.get("starters", "").split()),
        starter_suffixes=tuple(data.get("starter-suffixes", "").split()),
    )


# ------------------------------------------------------------------ headings

#: A numbered section heading: "1. The opposition of the theory …" (group 1 = the number).
NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2})\.\s+\S")
#: The same heading as a line of a column extraction shows it: the number must be followed by
#: a capital or an opening mark, because a wrapped line that happens to start "3. the …" is far
#: more often a list item or a sentence cut by a column break than a section heading.
NUMBERED_HEADING_LINE_RE = re.compile(r"^\s*(\d{1,2})\.\s+[A-Z“‘\"']")

# --------------------------------------------------------------- normalisers


def collapse_space(text: str) -> str:
    """Runs of spaces, tabs and newlines → one space, ends stripped; no-break spaces kept.

    Why: doubled spaces ("party  regime") are layout, not reading.
    """
    return re.sub(r"[ \t\n]+", " ", text).strip()


def fold_case(text: str) -> str:
    """Case-insensitive, Unicode-normalised form; accents count ("Broué" is not "Broue")."""
    return unicodedata.normalize("NFC", text).casefold()


@lru_cache(maxsize=200_000)
def strip_accents(word: str) -> str:
    """Lower-case and drop accents, so that "Général" and "general" compare equal (cognates)."""
    nfd = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def loose_key(text: str) -> str:
    """Letters and digits only, case folded: for matching a title line against the metadata."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def sentence_key(text: str) -> str:
    """Comparison key of a sentence: case, spacing, quotation-mark style and dash kind ignored.

    Why: re-typesetting a sentence ("…" → "...", “ ” → « ») must not make it a
    new sentence (its permanent id would change).
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    t = re.sub(r"[“”«»„\"]", '"', t)
    t = re.sub(r"[‘’‚']", "'", t)
    t = re.sub(r"[‐-‒–—-]", "-", t)
    return re.sub(r"\s+", " ", t).strip()


_PUNCT_EDGES = " \u00a0\u202f\t.,;:!?…"


def passage_key(text: str) -> str:
    """Comparison key of a quoted passage: marks, edge punctuation and spacing kinds ignored, case folded."""
    t = (
        unicodedata.normalize("NFC", text)
        .replace("\u00a0", " ")
        .replace("\u202f", " ")
        .replace("’", "'")
    )
    t = re.sub(r"[“”‘«»„‚‹›\"]|(?<!\w)'|'(?!\w)", "", t)
    t = t.strip(_PUNCT_EDGES)
    return re.sub(r"\s+", " ", t).casefold()
