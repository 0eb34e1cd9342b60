"""Citations, numbers and French typography in translations.

Why these three together: they are the things a scholarly translation must
carry over *unchanged in substance but not in form*.  A citation such as
"(Trotsky 1928/1962, pp. 152-155)" keeps its author, years and pages while its
locators may be localised ("S." in German, "p." for "pp." in French); a number
keeps its value while its format follows the target (1,500 → 1 500 in French,
1.500 in German or Spanish, 1.7 → 1,7).  So both are compared on a normalised
signature, never on characters, and the French typography check accepts both
U+00A0 and U+202F so that correct typography is never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..text import fold_case
from .core import Catalogue, Entry, Finding, Severity, register

# ---------------------------------------------------------------- citations

PAREN_RE = re.compile(r"\(([^()]{1,200})\)")
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})[a-z]?"
NAME = r"[A-ZÀ-ÖØ-Þ][\w’'\-]+"
NAME_YEAR_RE = re.compile(rf"({NAME})(?:\s+(?:and|&)\s+({NAME}))?(?:\s+et\s+al\.)?,?\s+{YEAR}")
LOCATOR_RE = re.compile(
    r"\b(?:pp?\.|ibid\b|ibidem\b|op\.\s?cit\b|vol\.|chap\.|ch\.)", re.IGNORECASE
)
IBID_RE = re.compile(
    r"\b(?:ibid|ibidem|ib[íi]d|id\.|ebd|ebenda|op\.\s?cit|a\.\s?a\.\s?O)", re.IGNORECASE
)
SOURCE_IBID_RE = re.compile(r"\b(?:ibid|ibidem|op\.\s?cit)", re.IGNORECASE)
DIGITS_RE = re.compile(r"\d+")
#: Capitalised words that start a parenthesis without being an author ("(In 1917 …)").
NOT_NAMES = frozenset(
    "In On At By For From See Cf Since Until Before After About Around And Also The A An Of To Only Even Then".split()
)


@dataclass(frozen=True)
class Citation:
    """A bibliographic reference in parentheses and what must survive of it."""

    start: int
    end: int
    text: str
    names: tuple[str, ...]
    numbers: tuple[str, ...]
    ibid: bool


def has_name(name: str, body: str) -> bool:
    """``name`` occurs in ``body`` as a whole word ("Carr" is not in "Carré")."""
    return re.search(rf"(?<!\w){re.escape(fold_case(name))}(?!\w)", fold_case(body)) is not None


def citations(text: str) -> list[Citation]:
    """Parenthesised references in an English segment: author-year or locators (p., pp., ibid.)."""
    out = []
    for m in PAREN_RE.finditer(text):
        body = m.group(1)
        names = tuple(
            n for mm in NAME_YEAR_RE.finditer(body) for n in mm.groups() if n and n not in NOT_NAMES
        )
        has_locator = bool(LOCATOR_RE.search(body))
        if not names and not has_locator:
            continue
        out.append(
            Citation(
                m.start(),
                m.end(),
                m.group(0),
                names,
                tuple(DIGITS_RE.findall(body)),
                bool(SOURCE_IBID_RE.search(body)),
            )
        )
    return out


def survives(c: Citation, body: str) -> bool:
    """Does a parenthesised group of the translation carry citation ``c``?"""
    if tuple(DIGITS_RE.findall(body)) != c.numbers:
        return False
    if not all(has_name(n, body) for n in c.names):
        return False
    return not c.ibid or bool(IBID_RE.search(body))


def matched_citations(e: Entry) -> tuple[list[Citation], list[Citation], list[tuple[int, int]]]:
    """(kept, lost, spans of the translation's groups that carry a kept citation)."""
    groups = [(m.start(), m.end(), m.group(1)) for m in PAREN_RE.finditer(e.msgstr)]
    used: set[int] = set()
    kept, lost = [], []
    for c in citations(e.msgid):
        k = next((k for k, g in enumerate(groups) if k not in used and survives(c, g[2])), None)
        if k is None:
            lost.append(c)
        else:
            used.add(k)
            kept.append(c)
    return kept, lost, [groups[k][:2] for k in sorted(used)]


@register(
    "citation-kept",
    "error",
    "catalogue",
    "a citation such as (Trotsky 1928/1962, pp. 152-155) or (ibid., p.25) survives with its author, years and pages (locators may be localised)",
)
def check_citation_kept(cat: Catalogue) -> list[Finding]:
    out = []
    for e in cat.entries:
        if not cat.translated(e):
            continue
        _kept, lost, _spans = matched_citations(e)
        for c in lost:
            near = [
                m.group(0)
                for m in PAREN_RE.finditer(e.msgstr)
                if c.names and all(has_name(n, m.group(1)) for n in c.names)
            ]
            if near:
                msg = f"the citation {c.text} appears changed as {near[0]}; author, years and pages must match the English"
            else:
                msg = f"the citation {c.text} is missing from the translation; copy it unchanged (only locators such as p./pp. may be localised, e.g. S. in German)"
            out.append(cat.finding("citation-kept", e, msg))
    return out


# ------------------------------------------------------------------ numbers

TGT_NUM_RE = re.compile(
    r"(?<!\d)(?<!\d[.,])(\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?)"
)
ROMAN_RE = re.compile(r"\b([IVXLC]{1,7})(?:e|ᵉ|er|ème|es|\.|º|°)?(?![\w’'])")
#: A well-formed numeral below 200: "CIVIL" or "VIL" in a capitalised heading is a word.
STRICT_ROMAN_RE = re.compile(r"C?(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _canon(s: str) -> str | None:
    try:
        d = Decimal(s)
    except InvalidOperation:
        return None
    return format(d.normalize(), "f")


def readings(token: str) -> set[str]:
    """Every value a number written in a translation may mean.

    "1 500", "1.500", "1,500" → 1500; "1,7" → 1.7; "1.500" is also read 1.5
    and "1,500" 1.5: lenient on purpose, since a *changed* number still
    differs under every reading.
    """
    seps = sorted({c for c in token if not c.isdigit()})
    out: set[str] = set()
    for group in [None, *seps]:
        for dec in [None, *[c for c in seps if c != group and c in ".,"]]:
            if any(c not in (group, dec) for c in seps):
                continue
            if dec is not None and token.count(dec) > 1:
                continue
            if group is not None and not re.fullmatch(
                rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+(?:{re.escape(dec) if dec else 'x'}\d+)?",
                token,
            ):
                continue
            s = token.replace(group, "") if group else token
            s = s.replace(dec, ".") if dec else s
            v = _canon(s)
            if v is not None:
                out.add(v)
    return out


def roman_value(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s):
        v = ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if 0 < total < 200 else None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


FOOTNOTE_RE = re.compile(r"\[\d{1,3}\]|(?<=[a-z.,;])\d{1,2}(?=\s)")


#: A time of day, as English (10.30, 10:30) and French (10 h 30) write it.
TIME_RE = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])(?:[.:]|\s?h\s?)([0-5]\d)(?![\d.,]\d)")


def number_tokens(text: str) -> list[tuple[str, set[str]]]:
    """Numbers written in digits, in any language's format, with every value they may mean
    ("10.30" may also be a time, which French writes "10 h 30")."""
    out = []
    for m in TGT_NUM_RE.finditer(text):
        vals = readings(m.group(1))
        if (t := TIME_RE.fullmatch(m.group(1))) is not None:
            vals.add(f"{int(t.group(1))}:{t.group(2)}")
        out.append((m.group(1), vals))
    return out


def _times(text: str) -> list[set[str]]:
    return [{f"{int(m.group(1))}:{m.group(2)}"} for m in TIME_RE.finditer(text)]


def _romans(text: str, lang: str) -> list[int]:
    """Roman numerals of a text ("CHAPITRE V.", "XIXe").

    Why the exclusions: a lone English "I" is the pronoun, and a lone "L" or "C" is nearly
    always a word ("Le", "Les", "Ce", "Ces") or an elision ("L’", "C’", excluded by the
    pattern), which would turn a dropped number into a "changed" one.
    """
    return [
        v
        for m in ROMAN_RE.finditer(text)
        if (num := m.group(1)) not in ("L", "C")
        and STRICT_ROMAN_RE.fullmatch(num)
        and (v := roman_value(num))
        and (num != "I" or base_of(lang) != "en")
    ]


def number_problem(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    skip_src: list[tuple[int, int]],
    skip_tgt: list[tuple[int, int]],
) -> tuple[list[str], list[str]] | None:
    """(source numbers not found, translation numbers not explained) or None when all is kept.

    A source number is found when the translation writes the same value in digits (any
    format: 1,500 = 1 500 = 1.500), in words ("deux mille", "fifteen") or in Roman
    numerals ("CHAPTER 5" → "CHAPITRE V."; "19th" → "XIXe").  Footnote markers ("[1]")
    are not numbers to translate.
    """
    s_text = FOOTNOTE_RE.sub(" ", _blank(src, skip_src))
    t_text = FOOTNOTE_RE.sub(" ", _blank(tgt, skip_tgt))
    src_nums = number_tokens(s_text)
    if not src_nums:
        return None
    tgt_nums = number_tokens(t_text)
    t_words = word_numbers(t_text, tgt_lang)
    t_romans = _romans(t_text, tgt_lang)
    s_words = [{str(v)} for v in word_numbers(s_text, src_lang)]
    s_romans = [{str(v)} for v in _romans(s_text, src_lang)]
    # the source's own numbers in words and numerals claim the translation's first ("the 3
    # volumes, the third" → "cinq volumes, le troisième": "troisième" renders "third", so
    # the 3 is lost, not kept as an ordinal)
    t_word_sets = [{str(v)} for v in t_words]
    t_roman_sets = [{str(v)} for v in t_romans]
    taken_w, taken_r = _matching(s_words, t_word_sets), _matching(s_romans, t_roman_sets)
    have = [r for _w, r in tgt_nums] + _times(t_text)
    have += [s for j, s in enumerate(t_word_sets) if j not in taken_w]
    have += [s for j, s in enumerate(t_roman_sets) if j not in taken_r]
    # … then, in any script, what they did not find in their own ("the third" → "le 3e",
    # "der 3.", "le IIIe"); a matched need stays matched, so they are served before the digits
    rest = [s for i, s in enumerate(s_words) if i not in taken_w.values()]
    rest += [s for i, s in enumerate(s_romans) if i not in taken_r.values()]
    # ("one", "first" and "second" are also an article, an adverb and a unit of time: "a
    # second later, 2 shots" — they claim nothing across scripts)
    rest = [s for s in rest if not s <= {"1", "2"}]
    matched = set(_matching(rest + [r for _w, r in src_nums], have).values())
    missing = [i for i in range(len(src_nums)) if len(rest) + i not in matched]
    if not missing:
        return None
    # translation numbers the source does not account for, in digits, in words or in Roman
    # numerals ("CHAPTER 5" → "CHAPITRE VI": changed, not dropped); "un", "a", "one" are
    # articles as often as numbers, so a 1 in words explains nothing away
    # matched within a script first (digits, words, Roman numerals), then across scripts: "the
    # third atlas … plate 4" → "le troisième atlas … planche 3" pairs "third" with "troisième",
    # so the 3 in digits is the 4 changed, not "third" written in digits
    src_have = [[r for _w, r in src_nums], s_words, s_romans]
    t_all = [
        [(w, r) for w, r in tgt_nums],
        [(_spell(v), {str(v)}) for v in t_words if v != 1],
        [(_roman(v), {str(v)}) for v in t_romans],
    ]
    left_t: list[tuple[str, set[str]]] = []
    left_s: list[set[str]] = []
    for t_group, s_group in zip(t_all, src_have):
        owner = _matching([r for _w, r in t_group], s_group)
        left_t += [t_group[i] for i in range(len(t_group)) if i not in owner.values()]
        left_s += [s_group[j] for j in range(len(s_group)) if j not in owner]
    extra = [left_t[j][0] for j in _match_any([r for _w, r in left_t], left_s)]
    return [src_nums[i][0] for i in missing], extra


_IN_WORDS = " (in words)"
#: Severity of a number changed into another one written in words (bench_checks prints its
#: recall and the alarm cost of the alternative, an error).
NUMBER_IN_WORDS: Severity = "info"


def _spell(v: int) -> str:
    return f"{v}{_IN_WORDS}"


def _roman(v: int) -> str:
    return f"{v} (in Roman numerals)"


def _match_any(need: list[set[str]], have: list[set[str]]) -> list[int]:
    """Indexes of ``need`` left unmatched by a maximum bipartite matching (shared reading)."""
    owner = _matching(need, have)
    return [i for i in range(len(need)) if i not in owner.values()]


def _matching(need: list[set[str]], have: list[set[str]]) -> dict[int, int]:
    """A maximum bipartite matching of ``need`` to ``have`` (a shared reading): have → need."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, cands in enumerate(have):
            if need[i] & cands and j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(need)):
        augment(i, set())
    return owner


@register(
    "number-kept",
    "error",
    "catalogue",
    "numbers, dates and years keep their value (digits in any format, words or Roman numerals); "
    "an error when the translation has another number instead, info when it is only not found",
)
def check_number_kept(cat: Catalogue) -> list[Finding]:
    out = []
    for e in cat.entries:
        if not cat.translated(e) or not re.search(r"\d", e.msgid):
            continue
        _kept, _lost, tgt_spans = matched_citations(e)
        skip = [(c.start, c.end) for c in citations(e.msgid)]
        prob = number_problem(e.msgid, e.msgstr, cat.source_lang, cat.lang, skip, tgt_spans)
        if prob is None:
            continue
        lost, extra = prob
        written = [x for x in extra if x.endswith(_IN_WORDS)]
        if written and len(written) == len(extra):
            # a number in words instead: translators round and convert units in words (on the
            # development novels every such case was "1300 degrees" for "2372", leagues for
            # miles), so it is shown, not failed
            out.append(
                cat.finding(
                    "number-kept",
                    e,
                    f"number(s) {', '.join(lost)} of the source not found in the translation, "
                    f"which has {', '.join(written)} instead; check the value (a rounding or a "
                    "unit conversion may be intended)",
                    severity=NUMBER_IN_WORDS,
                )
            )
        elif extra:
            out.append(
                cat.finding(
                    "number-kept",
                    e,
                    f"number(s) {', '.join(lost)} of the source became {', '.join(extra)} in the "
                    "translation; keep the value (reformatting is fine: 1,500 → 1 500 / 1.500; "
                    "2,000 → deux mille; 5 → V)",
                )
            )
        else:
            out.append(
                cat.finding(
                    "number-kept",
                    e,
                    f"number(s) {', '.join(lost)} of the source not found in the translation (in "
                    "digits, words or Roman numerals); check it was not dropped",
                    severity="info",
                )
            )
    return out


# --------------------------------------------------------- left in source


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{2,}", fold_case(text))


def in_language(words: list[str], lang: str, other: str) -> bool:
    """Most of ``words`` are commoner in ``lang`` than in ``other`` (wordfreq's offline counts).

    Why: a passage in a third language (Latin liturgy, a title) is copied
    unchanged by every translator; only text left in the *source* language is
    a segment someone forgot to translate.
    """
    from wordfreq import zipf_frequency

    a, b = base_of(lang), base_of(other)
    votes = [zipf_frequency(w, a) - zipf_frequency(w, b) for w in words]
    return sum(1 for d in votes if d > 0.5) >= 0.6 * len(votes)


def known_words(words: list[str], lang: str) -> int:
    """How many of the distinct ``words`` are ordinary words of ``lang``."""
    from wordfreq import zipf_frequency

    return sum(1 for w in set(words) if zipf_frequency(w, base_of(lang)) >= 3.0)


def known_share(words: list[str], lang: str) -> float:
    """Share of the distinct ``words`` that are ordinary words of ``lang`` (Latin is not French:
    "Benedicat vos omnipotens Deus, Pater et Filius, et Spiritus Sanctus" shares "vos" and "et"
    with French, but "et" counted twice would make it look French)."""
    return known_words(words, lang) / max(len(set(words)), 1)


def copied_source(common: list[str], lang: str) -> bool:
    """A translation identical to its source is the source left as it was when it is written in
    ordinary words of the source language: at least four distinct ones, half of its distinct
    words (a sentence of rare church or mineral names still has its articles and verbs; a Latin
    prayer shares only "et" and "vos" with French)."""
    return known_words(common, lang) >= 4 and known_share(common, lang) >= 0.5


@register(
    "untranslated-text",
    "warning",
    "catalogue",
    "a translated entry is not the source text left as it was (copied, or mostly the source's words)",
)
def check_untranslated_text(cat: Catalogue) -> list[Finding]:
    out = []
    for e in cat.entries:
        if not cat.translated(e):
            continue
        src, tgt = _words(e.msgid), _words(e.msgstr)
        if len(src) < 3 or len(tgt) < 3:
            continue
        vocab = set(src)
        shared = sum(1 for w in tgt if w in vocab) / len(tgt)
        # judged on the common words (names and titles in capitals are copied by everyone)
        common = [w.casefold() for w in re.findall(r"[^\W\d_]{2,}", e.msgstr) if w[0].islower()]
        copied = tgt == src and copied_source(common, cat.source_lang)
        if copied or (
            shared >= 0.8
            and len(tgt) >= 0.6 * len(src)
            and len(common) >= 3
            and known_share(common, cat.source_lang) >= 0.7
            and in_language(common, cat.source_lang, cat.lang)
        ):
            out.append(
                cat.finding(
                    "untranslated-text",
                    e,
                    f"the translation is the source text left as it was ({shared:.0%} of its words "
                    "are the source's); translate it, or clear it so it counts as untranslated",
                )
            )
    return out


# ------------------------------------------------------- French typography

NBSPS = "\u00a0\u202f"
#: The characters French typography rules are about (only these positions are examined).
TYPO_MARK_RE = re.compile(r'[«»;:!?"]')
URL_RE = re.compile(r"\w+://\S*")


def typography_problems(text: str, lang: str) -> list[str]:
    """French spacing around « » and before ; : ! ?, and straight double quotes.

    Why both U+00A0 and U+202F are accepted: French typesetters use either
    (the narrow one is the Imprimerie nationale's choice); flagging one of
    them is pofilter's well-known false alarm.  Canadian French (fr_CA) puts
    no space before ; ! ?, so only the colon rule applies there.
    """
    canadian = lang.replace("-", "_").lower().startswith("fr_ca")
    shielded = [
        (m.start(), m.end()) for m in PAREN_RE.finditer(text) if re.search(r"\d", m.group(1))
    ]
    shielded += [(m.start(), m.end()) for m in URL_RE.finditer(text)]
    probs = []
    for m in TYPO_MARK_RE.finditer(text):
        i, ch = m.start(), m.group(0)
        if any(a <= i < b for a, b in shielded):
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch == "«":
            if after == " ":
                probs.append(f"ordinary space after « at column {i + 1} (use U+00A0 or U+202F)")
            elif after not in NBSPS:
                probs.append(f"no space after « at column {i + 1} (add U+00A0 or U+202F)")
        elif ch == "»":
            if before == " ":
                probs.append(f"ordinary space before » at column {i + 1} (use U+00A0 or U+202F)")
            elif before not in NBSPS:
                probs.append(f"no space before » at column {i + 1} (add U+00A0 or U+202F)")
        elif ch in ";:!?" and i > 0:
            if canadian and ch != ":":
                continue
            if ch == ":" and (before.isdigit() and after.isdigit() or after == "/"):
                continue
            if before in ";:!?…" or before in NBSPS:
                continue
            if before == " ":
                probs.append(
                    f"ordinary space before {ch} at column {i + 1} (use U+202F, or U+00A0 before :)"
                )
            elif before.isalnum() or before in '»)]’"”':
                probs.append(
                    f"no space before {ch} at column {i + 1} (add U+202F, or U+00A0 before :)"
                )
        elif ch == '"':
            probs.append(f"straight quotation mark at column {i + 1} (French uses « … »)")
    return probs


@register(
    "fr-typography",
    "warning",
    "catalogue",
    "French translations use « » with U+00A0/U+202F inside and a no-break space before ; : ! ? (either no-break space is correct)",
)
def check_fr_typography(cat: Catalogue) -> list[Finding]:
    if cat.lang.split("_")[0].split("-")[0].lower() != "fr":
        return []
    from .quotation import view

    guillemets = guillemet_style(cat)
    spans = view(cat).tgt if guillemets else []
    out = []
    for k, e in enumerate(cat.entries):
        if not cat.translated(e):
            continue
        probs = typography_problems(e.msgstr, cat.lang)
        if guillemets:
            # “ inside a quotation (also one opened in an earlier segment) is a nested one
            probs += [
                f"“ at column {i + 1} opens a quotation where this catalogue uses « » "
                f"({guillemets:.0%} of its quotations); keep “ ” for quotations inside « »"
                for i in outer_english_quotes(e.msgstr)
                if not any(sp.start < i < sp.end - 1 for sp in spans[k])
            ]
        m = re.match(r"[—–―](?=\w)", e.msgstr)
        if m:
            probs.append("no space after the dialogue dash at column 1 (add U+00A0 or a space)")
        if probs:
            more = f" (+{len(probs) - 3} more)" if len(probs) > 3 else ""
            out.append(cat.finding("fr-typography", e, "; ".join(probs[:3]) + more))
    return out


def outer_english_quotes(text: str) -> list[int]:
    """Offsets of “ that open a quotation outside any « » (English marks used as the outer ones)."""
    depth, out = 0, []
    for i, ch in enumerate(text):
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth = max(0, depth - 1)
        elif ch == "“" and depth == 0:
            out.append(i)
    return out


def guillemet_style(cat: Catalogue) -> float:
    """Share of outer quotations opened with « in the catalogue, when it is the translator's
    clear convention (at least 80 % of 20 or more); else 0 (no style to depart from)."""

    def make() -> float:
        g = sum(e.msgstr.count("«") for e in cat.entries if cat.translated(e))
        en = sum(len(outer_english_quotes(e.msgstr)) for e in cat.entries if cat.translated(e))
        total = g + en
        return g / total if total >= 20 and g >= 0.8 * total else 0.0

    return cat.cached("guillemet-style", make)


# ------------------------------------------------------------ number words

#: Cardinal and ordinal words per language → value; multipliers apply to what precedes them.
_UNITS = {
    "en": "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen",
    "fr": "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize dix-sept dix-huit dix-neuf",
    "de": "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
    "fünfzehn sechzehn siebzehn achtzehn neunzehn",
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
    "quince dieciséis diecisiete dieciocho diecinueve",
}
_TENS = {
    "en": "twenty thirty forty fifty sixty seventy eighty ninety",
    "fr": "vingt trente quarante cinquante soixante soixante-dix quatre-vingt quatre-vingt-dix",
    "de": "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
}
_EXTRA = {
    "en": {
        "hundred": 100,
        "thousand": 1000,
        "million": 10**6,
        "first": 1,
        "second": 2,
        "third": 3,
        "fifth": 5,
        "twelfth": 12,
        "twentieth": 20,
        "a": None,
        "and": None,
        "dozen": 12,
    },
    "fr": {
        "cent": 100,
        "cents": 100,
        "mille": 1000,
        "mil": 1000,
        "million": 10**6,
        "millions": 10**6,
        "premier": 1,
        "première": 1,
        "et": None,
        "une": 1,
        "vingts": 20,
        "quatre-vingts": 80,
        "douzaine": 12,
    },
    "de": {
        "hundert": 100,
        "tausend": 1000,
        "million": 10**6,
        "millionen": 10**6,
        "ein": 1,
        "eine": 1,
        "erste": 1,
        "erster": 1,
        "ersten": 1,
        "und": None,
    },
    "es": {
        "cien": 100,
        "ciento": 100,
        "mil": 1000,
        "millón": 10**6,
        "millones": 10**6,
        "un": 1,
        "una": 1,
        "primero": 1,
        "primera": 1,
        "y": None,
        "doscientos": 200,
        "trescientos": 300,
        "quinientos": 500,
    },
}


def _lexicon(lang: str) -> dict[str, int | None]:
    lang = lang if lang in _UNITS else "en"
    lex: dict[str, int | None] = {w: k for k, w in enumerate(_UNITS[lang].split())}
    lex.update({w: 20 + 10 * k for k, w in enumerate(_TENS[lang].split())})
    lex.update(_EXTRA[lang])
    if lang == "en":  # ordinals: "fifteenth", "sixtieth", "hundredth"
        for w, v in list(lex.items()):
            if v is not None and v >= 4 and w not in ("second",):
                lex[
                    (w[:-1] + "ieth")
                    if w.endswith("y")
                    else (w[:-1] if w.endswith("e") else w) + "th"
                ] = v
    if lang == "fr":  # "quinzième", "vingtième"
        for w, v in list(lex.items()):
            if v is not None and v >= 2 and w not in _FR_PLURALS and not w.endswith("ième"):
                lex[
                    (
                        w[:-1]
                        if w.endswith("e")
                        else w.replace("cinq", "cinqu").replace("neuf", "neuv")
                    )
                    + "ième"
                ] = v
    return lex


#: Plural forms that take no ordinal ("trois" → "troisième" does).
_FR_PLURALS = frozenset({"cents", "vingts", "quatre-vingts", "millions"})
_LEX: dict[str, dict[str, int | None]] = {}


def word_numbers(text: str, lang: str) -> list[int]:
    """Numbers written in words ("two thousand", "deux mille", "cent cinquante", "fifteenth")."""
    lang = base_of(lang)
    lex = _LEX.setdefault(lang, _lexicon(lang))
    out: list[int] = []
    total = cur = 0
    seen = False
    for tok in re.findall(r"[\w-]+", text.lower()):
        parts = tok.split("-") if tok not in lex else [tok]
        if (
            not all(p in lex for p in parts)
            or (parts == ["a"] and not seen)
            or (lex.get(parts[0]) is None and not seen)
        ):
            if seen:
                out.append(total + cur)
            total = cur = 0
            seen = False
            continue
        for p in parts:
            v = lex[p]
            if v is None:
                continue
            seen = True
            if v == 100:
                cur = max(cur, 1) * 100
            elif v >= 1000:
                total += max(cur, 1) * v
                cur = 0
            elif p in ("vingts", "vingt") and cur in (4,):
                cur = 80
            else:
                cur += v
    if seen:
        out.append(total + cur)
    return out


def base_of(lang: str) -> str:
    return lang.split("_")[0].split("-")[0].lower()
