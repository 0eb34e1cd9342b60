"""Quotation checks on a catalogue: balance, counterparts, consistency, untranslated.

Why language-aware and sequence-aware: the marks differ by language (French
« » with U+00A0/U+202F inside, German „ “, Spanish « » “ ”), so counting
characters as pofilter does raises false alarms on correct typography; and a
block quotation opens in one segment and closes in a later one, so balance is
judged over the *chain* of segments the English quotation spans, never one
segment alone.  Only translated entries are judged (an untranslated entry is a
coverage matter, not a quotation finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sacrebleu.metrics import CHRF

from ..model import QuoteSpan
from ..quotes import quote_spans, unbalanced
from ..text import passage_key
from .core import Catalogue, Entry, Finding, iter_sections, register

SOURCE_LANG = "en"
#: How each target language writes a quotation (outer, nested), for the fix hints.
STYLE = {
    "fr": "« … » with no-break spaces inside (nested “ … ”)",
    "de": "„ … “ (nested ‚ … ‘) or » … «",
    "es": "« … » (nested “ … ” and ‘ … ’)",
    "it": "« … » (nested “ … ”)",
    "pt": "« … » or “ … ”",
    "en": "“ … ” (nested ‘ … ’)",
}


def style_hint(lang: str) -> str:
    return STYLE.get(
        lang.split("_")[0].split("-")[0].lower(), "the target language's quotation marks"
    )


@dataclass
class Shape:
    """The quotations of one segment, as seen within its chain."""

    spans: list[QuoteSpan] = field(default_factory=list)
    strays: list[tuple[int, str]] = field(default_factory=list)

    @property
    def pieces(self) -> int:
        return len(self.spans)

    @property
    def depth(self) -> int:
        """Deepest nesting of quotations in the segment (0 = none)."""
        best = 0
        for sp in self.spans:
            d = 1 + sum(
                1
                for o in self.spans
                if o is not sp
                and o.start <= sp.start
                and sp.end <= o.end
                and (o.start, -o.end) < (sp.start, -sp.end)
            )
            best = max(best, d)
        return best


def shapes(texts: list[str], lang: str) -> list[Shape]:
    """Per text: its quotation spans and unmatched marks, following quotations across the texts."""
    out = [Shape(spans=row) for row in quote_spans(texts, lang)]
    for si, pos, ch in unbalanced(texts, lang):
        out[si].strays.append((pos, ch))
    return out


def chains(entries: list[Entry]) -> list[list[int]]:
    """Runs of consecutive entries joined by an English quotation that spans them.

    Computed on the English (msgid) within each section; an entry not inside
    a multi-segment quotation is a chain of its own.
    """
    out: list[list[int]] = []
    for run in iter_sections(entries):
        rows = quote_spans([entries[i].msgid for i in run], SOURCE_LANG)
        reach = list(range(len(run)))  # reach[k] = last index chained to k
        first: dict[int, int] = {}
        for k, row in enumerate(rows):
            for sp in row:
                if sp.part != "N":
                    first.setdefault(sp.group, k)
                    start = first[sp.group]
                    reach[start] = max(reach[start], k)
        k = 0
        while k < len(run):
            end, j = reach[k], k
            while j <= end:
                end = max(end, reach[j])
                j += 1
            out.append([run[x] for x in range(k, end + 1)])
            k = end + 1
    return out


@dataclass
class Judged:
    """A chain whose every entry is translated, with both sides' shapes."""

    idx: list[int]
    src: list[Shape]
    tgt: list[Shape]


def judged_chains(cat: Catalogue) -> list[Judged]:
    """Chains in which every entry is translated (others are skipped: nothing to compare yet)."""

    def make() -> list[Judged]:
        out = []
        for ch in chains(cat.entries):
            es = [cat.entries[i] for i in ch]
            if not all(cat.translated(e) for e in es):
                continue
            out.append(
                Judged(
                    ch,
                    shapes([e.msgid for e in es], SOURCE_LANG),
                    shapes([e.msgstr for e in es], cat.lang),
                )
            )
        return out

    return cat.cached("judged-chains", make)


def _context(text: str, pos: int, width: int = 24) -> str:
    lo, hi = max(0, pos - width), min(len(text), pos + width)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


@register(
    "quote-balance",
    "error",
    "catalogue",
    "every quotation mark in a translation is closed, in the segment or in a following one where the English quotation continues",
)
def check_quote_balance(cat: Catalogue) -> list[Finding]:
    out = []
    for j in judged_chains(cat):
        if sum(len(s.strays) for s in j.tgt) <= sum(len(s.strays) for s in j.src):
            continue
        for k, i in enumerate(j.idx):
            extra = len(j.tgt[k].strays) - len(j.src[k].strays)
            if extra <= 0:
                continue
            e = cat.entries[i]
            marks = "; ".join(
                f"{ch} at column {pos + 1} (“{_context(e.msgstr, pos)}”)"
                for pos, ch in j.tgt[k].strays
            )
            span = (
                " (the English quotation runs over segments "
                + ", ".join(cat.entries[x].id for x in j.idx)
                + ")"
                if len(j.idx) > 1
                else ""
            )
            out.append(
                cat.finding(
                    "quote-balance",
                    e,
                    f"unmatched quotation mark: {marks}; the English is balanced here{span}; close or remove it, using {style_hint(cat.lang)}",
                )
            )
    return out


def _quoted(text: str, spans: list[QuoteSpan]) -> list[str]:
    return [text[sp.start : sp.end].strip() for sp in spans]


@register(
    "quote-count",
    "error",
    "catalogue",
    "each quotation in the English has a counterpart in the translation (count and nesting), whatever the target's quote style",
)
def check_quote_count(cat: Catalogue) -> list[Finding]:
    out = []
    for j in judged_chains(cat):
        if any(s.strays for s in j.tgt):
            continue  # quote-balance reports it; one finding per fault
        for k, i in enumerate(j.idx):
            s, t = j.src[k], j.tgt[k]
            if s.pieces == t.pieces and s.depth == t.depth:
                continue
            e = cat.entries[i]
            src_q = ", ".join(_quoted(e.msgid, s.spans)) or "none"
            tgt_q = ", ".join(_quoted(e.msgstr, t.spans)) or "none"
            if s.pieces != t.pieces:
                what = f"the English has {s.pieces} quotation(s) ({src_q}), the translation {t.pieces} ({tgt_q})"
                fix = (
                    "add the missing quotation marks"
                    if t.pieces < s.pieces
                    else "remove the added quotation marks, or check the segment matches the English"
                )
            else:
                what = f"nesting differs: the English quotes {s.depth} deep ({src_q}), the translation {t.depth} ({tgt_q})"
                fix = "nest the inner quotation inside the outer one"
            out.append(
                cat.finding("quote-count", e, f"{what}; {fix}, using {style_hint(cat.lang)}")
            )
    return out


def _inner(text: str, sp: QuoteSpan, spans: list[QuoteSpan]) -> str:
    """A quotation's content with the quotations nested in it replaced by "…".

    Why: each quoted passage is compared at its own level; an inner
    quotation is a passage of its own, so a variant there is reported once,
    not again for every quotation that contains it.
    """
    out, pos = [], sp.start + 1
    for o in spans:
        if o is not sp and sp.start < o.start and o.end <= sp.end and o.start >= pos:
            out.append(text[pos : o.start] + "…")
            pos = o.end
    out.append(text[pos : sp.end - 1])
    return "".join(out)


def paired_passages(cat: Catalogue) -> list[tuple[Entry, str, str]]:
    """(entry, English passage, its translation) for quotations matched one to one.

    Only whole quotations inside one segment, in entries whose translation has
    exactly as many as the English (so the i-th corresponds to the i-th);
    nested quotations are masked (see ``_inner``).
    """
    out = []
    for j in judged_chains(cat):
        for k, i in enumerate(j.idx):
            e = cat.entries[i]
            s = [sp for sp in j.src[k].spans if sp.part == "N"]
            t = [sp for sp in j.tgt[k].spans if sp.part == "N"]
            if j.tgt[k].strays or len(s) != len(t) or not s:
                continue
            for a, b in zip(s, t):
                out.append((e, _inner(e.msgid, a, s), _inner(e.msgstr, b, t)))
    return out


def left_in_english(src: str, tgt: str) -> bool:
    """The English passage (two words or more) appears as such inside its translation."""
    a, b = passage_key(src), passage_key(tgt)
    return len(a.split()) >= 2 and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None


_CHRF = CHRF()


def chrf(a: str, b: str) -> float:
    """chrF of ``a`` against ``b`` (0-100): how close two renderings are."""
    return _CHRF.sentence_score(a, [b]).score


@register(
    "quote-consistency",
    "warning",
    "catalogue",
    "a passage quoted in several segments is translated the same way everywhere in the catalogue",
)
def check_quote_consistency(cat: Catalogue) -> list[Finding]:
    groups: dict[str, list[tuple[Entry, str, str]]] = {}
    for e, src, tgt in paired_passages(cat):
        key = passage_key(src)
        if len(key.split()) < cat.settings.consistency_min_words:
            continue
        groups.setdefault(key, []).append((e, src, tgt))
    out = []
    for key in sorted(groups):
        items = groups[key]
        variants: dict[str, list[tuple[Entry, str]]] = {}
        for e, _src, tgt in items:
            if cat.settings.untranslated_quotes and left_in_english(_src, tgt):
                continue  # left in English: quote-untranslated reports it (one finding per fault)
            variants.setdefault(passage_key(tgt), []).append((e, tgt))
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        top_n = len(ranked[0][1])
        tie = sum(1 for _k, v in ranked if len(v) == top_n) > 1
        major_key, major = ranked[0]
        src_text = items[0][1].strip()
        for vkey, members in ranked:
            if vkey == major_key and not tie:
                continue
            others = [(k2, m2) for k2, m2 in ranked if k2 != vkey]
            ref_key, ref = (major_key, major) if vkey != major_key else others[0]
            score = chrf(vkey, ref_key)
            kind = "near-duplicate, probably a slip" if score >= 50 else "a different rendering"
            ids = ", ".join(m.id for m, _t in ref[:6]) + (" …" if len(ref) > 6 else "")
            for e, tgt in members:
                msg = (
                    f"“{src_text}” is translated “{tgt.strip()}” here but “{ref[0][1].strip()}” in {len(ref)} other segment(s) ({ids}); "
                    f"{kind} (chrF {score:.0f}); use one rendering throughout"
                )
                if tie:
                    msg += " (no majority: choose one)"
                out.append(cat.finding("quote-consistency", e, msg))
    return out


@register(
    "quote-untranslated",
    "warning",
    "catalogue",
    "a quoted passage of two words or more is translated, not left in English (only when untranslated-quotes = true)",
)
def check_quote_untranslated(cat: Catalogue) -> list[Finding]:
    if not cat.settings.untranslated_quotes:
        return []
    out = []
    for e, src, tgt in paired_passages(cat):
        if left_in_english(src, tgt):
            out.append(
                cat.finding(
                    "quote-untranslated",
                    e,
                    f"the quotation “{src.strip()}” is left in English; translate it (or disable with untranslated-quotes = false when quoting English titles is intended)",
                )
            )
    return out
