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
import unicodedata
from functools import lru_cache

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


def quote_pairs(lang: str) -> dict[str, str]:
    """The mark pairs of a language (English conventions for unknown codes; "pt_BR" → "pt")."""
    return QUOTE_PAIRS.get(lang.split("_")[0].split("-")[0].lower(), QUOTE_PAIRS["en"])


# ------------------------------------------------------------- abbreviations

#: Abbreviations after which a full stop does not end a sentence (lower-cased, without the stop).
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "en": frozenset(
        """mr mrs ms dr prof st gen col lt capt sgt rev hon jr sr messrs mme mlle
        cf e.g i.e viz vs ca c approx al op cit loc ibid
        pp ch chap vol vols ed eds trans tr fig figs ff nn sec ser
        jan feb mar apr jun jul aug sep sept oct nov dec""".split()
    ),
    "fr": frozenset(
        """m mm mme mmes mlle mlles dr pr me st ste
        cf pp chap ch vol vols éd ed trad coll suiv sq sqq ibid op cit loc
        janv févr avr juil sept oct nov déc env hab""".split()
    ),
}
#: Abbreviations that only hold before a number ("p. 25", "No. 3", "t. II"):
#: "No. Never." and "… in part. Then" are sentence ends.
NUMERIC_ABBREVIATIONS: frozenset[str] = frozenset(
    "p pp no nos n nn vol vols ch chap art fig t sec".split()
)

# ------------------------------------------------------------------ headings

#: A numbered section heading: "1. The opposition of the theory …" (group 1 = the number).
NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2})\.\s+\S")

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
