"""Real-translation catalogues for bench_checks.py: TransRead pairs, typeset, with planted defects.

Why real text: checks tuned on templates written beside them score 1.00 and
then cry wolf on a published translation.  Here every catalogue is a
published human translation (the TransRead gold beads, ../shared, read in
place and never copied): one PO entry per gold bead with both sides present,
English msgid and aligned French msgstr (``en→fr``, all novels), and for the
French-source novels also French msgid and English msgstr (``fr→en``).

The texts come tokenised ("l ' État", "doesn 't", '" Qui ? "'); they are
typeset back as a French or English typesetter would (``typeset``): curly
quotes paired by context, elisions with ’, « » with a no-break space inside
(U+00A0 for some novels, U+202F for others: both are correct), U+202F before
; ! ? and U+00A0 before :, a dialogue dash "— " opening a French turn.

Defects are planted into those real entries (``plant``), one per entry and
never in neighbouring entries, each labelled with its kind, so recall is
counted per kind; the unplanted catalogue measures the false-alarm rate.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib

from edition.checks.quotation import is_mention
from edition.checks.textual import word_numbers
from edition.quotes import quote_spans
from edition.text import passage_key

NB, NN = "\u00a0", "\u202f"
#: Novels read while designing the checks (development) and kept back (test).
DEV = (
    "AlicesAdventuresInWonderland",
    "VoyageAuCentreDeLaTerre",
    "DuCoteDeChezSwann",
    "LaFauteDeLAbbeMouret",
)
TEST = ("JaneEyre", "VingtMilleLieuesSousLesMers", "LesTravailleursDeLaMer")
KINDS = (
    "quote-unbalanced",
    "quote-dropped",
    "number-changed",
    "citation-dropped",
    "quote-inconsistent",
    "quote-inconsistent-nested",
    "fr-typography",
    "left-in-source",
    "fuzzy-as-done",
)
SHORT = {
    "AlicesAdventuresInWonderland": "alice",
    "VoyageAuCentreDeLaTerre": "voyage",
    "DuCoteDeChezSwann": "swann",
    "LaFauteDeLAbbeMouret": "mouret",
    "JaneEyre": "jane",
    "VingtMilleLieuesSousLesMers": "vingt",
    "LesTravailleursDeLaMer": "travailleurs",
}

# ------------------------------------------------------------------ typesetting

_ATTACH = {",", ".", ")", "]", "…", "...", "%"}
_CONTRACTION = re.compile(r"^'(s|t|ll|re|ve|d|m|em|tis|twas|clock)$", re.IGNORECASE)


def typeset(
    lines: list[str], lang: str, guillemet_space: str = NB, paragraphs: set[int] | None = None
) -> list[str]:
    """Tokenised TransRead lines → text as printed.  Straight quotes are paired by
    context (a line-initial mark opens, a line-final one closes, otherwise they
    alternate; the state runs on from line to line since dialogue spans sentences).

    Where the corpus knows the paragraphs (``paragraphs``: first line of each), the
    state starts closed at every paragraph, as a typesetter's does, and runs on through
    the paragraph's lines (a speech interrupted by "pensa Alice" over several sentences);
    without them a line whose marks are even is taken to pair them itself."""
    state: dict[str, Any] = {
        '"': False,
        "'": False,
        "nest": False,
        "carry": "",
        "last": False,
        "paras": paragraphs is not None,
        "next_para": False,
        "line": 0,
        "opened_line": -1,
    }
    out = []
    for k, line in enumerate(lines):
        state["line"] = k
        if paragraphs is not None and k in paragraphs:
            state.update({'"': False, "'": False, "nest": False})
        state["next_para"] = paragraphs is not None and (k + 1 in paragraphs or k + 1 == len(lines))
        if state["carry"]:  # a quote the tokeniser left at the end of the previous sentence
            line, state["carry"] = state["carry"] + " " + line, ""
        state["ahead"] = [t for nxt in lines[k + 1 : k + 4] for t in nxt.split()]
        out.append(_typeset_line(line, lang, guillemet_space, state))
    return out


def _typeset_line(line: str, lang: str, gs: str, state: dict[str, Any]) -> str:
    toks = [
        p for t in line.replace("\\_", " ").split() if t != "_" for p in re.split(r"(--)", t) if p
    ]
    for mark in ('"', "'"):
        count = toks.count(mark)
        if count >= 2 and count % 2 == 0 and not state["paras"]:
            state[mark] = False  # an even number of marks in the line: they pair within it
    state["nest_closed"] = -9
    out: list[str] = []
    glue_next: str | None = None  # what goes before the next token instead of a space
    n = len(toks)
    for i, t in enumerate(toks):
        sep = " " if out else ""
        if glue_next is not None:
            sep, glue_next = glue_next, None
        prev = out[-1] if out else ""
        if t == "-" and (not out or prev in (",", ";", ":")):
            t = "--"
        if t == "--":
            lead, trail = _dash(lang, not out, gs)
            if lang == "en":
                out.append(lead)
                glue_next = ""
            else:
                out.append((sep if out else "") + lead)
                glue_next = trail
            continue
        if t in ('"', "'"):
            nxt = toks[i + 1] if i + 1 < n else ""
            if t == "'" and lang == "en" and prev and nxt.lower() in _ELIDED_START:
                out.append(sep + "’")  # "most of ' em": an apostrophe the tokeniser split off
                glue_next = ""
                continue
            if (
                t == '"'
                and lang == "en"
                and state["'"]
                and not state['"']
                and not state["nest"]
                and _next_mark(toks[i + 1 :] + state.get("ahead", [])) == "'"
            ):
                # a single quotation open and no double one: a " that the next mark (a single
                # one) does not close is a closing ’ and an opening ‘ side by side ("… here.’
                # / ‘But then,’ thought Alice"), which the tokeniser merged into one mark
                out.append("’")
                state["last"] = False
                if i == n - 1:
                    state["'"] = False
                    state["carry"] = "'"  # the next sentence's speech opens
                else:
                    out.append(" ‘")
                    glue_next = ""
                    state["last"] = True
                continue
            if t == "'" and prev and prev[-1].isdigit():
                out.append("′")
                continue
            if (
                t == "'"
                and lang == "en"
                and prev.endswith("s")
                and prev.strip().lower() not in _NOT_PLURAL
                and (not state[t] or state["opened_line"] < state["line"])
                and (i + 1 < n and toks[i + 1][:1].islower())
            ):
                # "the Brichets ' younger son": a plural possessive; also inside a speech opened
                # on an earlier line ("… to pull the brats ' ears in the vineyards"), where a
                # closer would follow punctuation: only a quoted term opened on this line closes
                # after a bare word ("a ' workers ' state")
                out.append("’")
                continue
            if t == "'" and lang == "fr":
                if prev and prev[-1].isalpha():  # "l ' Helvetia": an elision
                    out.append("’")
                    glue_next = ""
                continue
            two_open = lang == "fr" and _two_open(toks, i - 1) and state["last"]
            if state[t] and not state["nest"] and (two_open or _nested(toks, i, lang, state)):
                # « … : "Fromage." » or “… the word "luco", which …”: a quotation inside the speech
                out.append(sep + ("“" if lang == "fr" or t == "'" else "‘"))
                glue_next = ""
                state["nest"] = True
                state["last"] = True
                continue
            # (at a line's start too: the tokeniser moves a closing mark to the next sentence)
            if state["nest"] and (lang == "fr" or t == '"'):
                out.append("”" if lang == "fr" or t == "'" else "’")
                state["nest"] = False
                state["nest_closed"] = i
                state["last"] = False
                if (
                    lang == "fr"
                    and i == n - 1
                    and state["next_para"]
                    and _PUNCT.match(prev.strip(gs + " "))
                ):
                    # French prints one closing mark where quotations end together (« … : “ …
                    # à mort.” » set as "… à mort. »"): the paragraph's last mark closes both
                    out.append(gs + "»")
                    state[t] = False
                continue
            if i > 0 and toks[i - 1] == t and not state["last"] and (not nxt or _PUNCT.match(nxt)):
                opening = False  # '… fou . " "' at a sentence's end: two levels close
            else:
                opening = _opens(toks, i, state[t], lang)
                if lang == "en" and nxt.startswith("--") and prev.strip() in (")", ".", ""):
                    opening = True  # "(…) '--yes, that's about the right distance": speech resumes
            if opening and i == n - 1 and i > 0:
                if not state["next_para"]:
                    state["carry"] = t  # it opens the next sentence's speech
                    continue
                opening = False  # nothing of its paragraph follows: it closes
            state[t] = opening
            state["last"] = opening
            state["nest"] = False
            if opening:
                state["opened_line"] = state["line"]
            if lang == "fr":
                if opening:
                    out.append(sep + "«")
                    glue_next = gs
                else:
                    out.append(gs + "»")
            else:
                if opening:
                    out.append(sep + ("“" if t == '"' else "‘"))
                    glue_next = ""
                else:
                    out.append("”" if t == '"' else "’")
            continue
        if t == "«":
            out.append(sep + "«")
            glue_next = gs
            continue
        if t == "»":
            out.append(gs + "»")
            continue
        if lang == "en" and _CONTRACTION.match(t):
            out.append("’" + t[1:])
            continue
        if lang == "en" and t.startswith("n'") and prev:
            out.append("n’" + t[2:])
            continue
        if t in _ATTACH or t == "°" or (t.startswith("-") and len(t) > 1 and t[1].isalpha()):
            out.append(t)
            continue
        if re.fullmatch(r"[;!?:][!?.…]*", t):
            if lang == "fr":
                space = NB if t == ":" else NN
                if prev.endswith(("!", "?", ";")) and t[0] in "!?":
                    space = ""
                out.append(space + t)
            else:
                out.append(t)
            continue
        if t in ("(", "["):
            out.append(sep + t)
            glue_next = ""
            continue
        if lang == "fr" and len(t) > 1 and t.endswith(("'", "’")) and t[-2].isalpha():
            out.append(sep + t[:-1] + "’")
            glue_next = ""
            continue
        out.append(sep + t.replace("'", "’"))
    text = "".join(out)
    return re.sub(r"\.\.\.", "…", text).strip()


def _nested(toks: list[str], i: int, lang: str, state: dict[str, Any]) -> bool:
    """Does the straight quote at ``toks[i]``, inside an open quotation, open a quotation of its
    own?  After a colon (French: « … : "Fromage." »), or a short quoted word or title whose
    closing mark is followed by punctuation (“… the word "luco", which …”, "mer", "arc")."""
    t, prev = toks[i], toks[i - 1] if i else ""
    if lang == "fr" and t == '"' and prev.endswith(":"):
        return True
    after_word = bool(prev) and prev[-1].isalnum()
    chained = prev == "," and state.get("nest_closed") == i - 2  # "mer", "arc"
    if not (after_word or chained):
        return False
    for j in range(i + 2, min(len(toks), i + 6)):
        if toks[j] == t:
            nxt = toks[j + 1] if j + 1 < len(toks) else ""
            return not nxt or bool(_PUNCT.match(nxt)) or nxt == t
        if _PUNCT.match(toks[j]) and toks[j] != "," and toks[j + 1 : j + 2] != [t]:
            return False
    return False


#: Word starts an apostrophe elides, which a tokeniser may split off as a bare "'" ("' em").
_ELIDED_START = frozenset({"em", "tis", "twas", "twere"})


def _next_mark(toks: list[str]) -> str:
    """The next straight quote mark among ``toks`` ("" when none)."""
    return next((t for t in toks if t in ('"', "'")), "")


_NOT_PLURAL = frozenset("is his was as this its us yes has does thus whereas perhaps".split())
_PUNCT = re.compile(r"^[,.;:!?…]+$|^--$")


def _two_open(toks: list[str], i: int) -> bool:
    """Two straight marks side by side after a dash or a colon and before a word open two
    quotations in French ("— " " Mademoiselle Alice": the speech Alice imagines opens with a
    call; English closes the interrupted speech there: "advisable—” “Found what?”).  At a
    line's start the first is the previous sentence's closer, which the tokeniser moved."""
    return (
        0 < i < len(toks) - 2
        and toks[i + 1] == toks[i]
        and toks[i + 2][:1].isalnum()
        and (toks[i - 1] in ("—", "--") or toks[i - 1].endswith(":"))
    )


def _opens(toks: list[str], i: int, is_open: bool, lang: str = "en") -> bool:
    """Does the straight quote at ``toks[i]`` open?  A line-initial quote opens (a new
    paragraph of speech reopens), one before punctuation closes, one after "(" opens;
    otherwise quotes alternate (a line-final quote may open the next sentence's speech:
    the tokeniser's sentence split leaves it there)."""
    if i == 0:
        return True
    prev = toks[i - 1]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if (
        prev.endswith(":")
        and (nxt[:1].isalnum() or nxt in ("'", '"'))
        and not (is_open and nxt[:1].islower())
    ):
        # ': " Just tell me' or ': " \' I cannot say': a quotation opens; but where one is open
        # and narration resumes in lower case ('… is all most repulsive : " and so'), it closes
        return True
    if lang == "fr" and _two_open(toks, i):
        return True
    if _PUNCT.match(nxt) or nxt in ("'", '"', ")"):
        return False
    if prev == "(":
        return True
    return not is_open


def _dash(lang: str, at_start: bool, gs: str) -> tuple[str, str]:
    """(dash, what follows it): French "— " opening a turn or " — " inside; English "—"."""
    if lang == "en":
        return "—", ""
    return ("—", NB) if at_start else ("—", " ")


# ------------------------------------------------------------------ catalogues


@dataclass
class Pair:
    """One gold bead: id, source text, target text."""

    id: str
    src: str
    tgt: str


def read_novel(folder: Path) -> tuple[list[str], list[str], list[tuple[list[int], list[int]]]]:
    """(English lines, French lines, beads as (fr lines, en lines)), typeset."""
    gs = NN if sum(map(ord, folder.name)) % 2 else NB

    def paras(side: str) -> set[int] | None:
        p = folder / f"{side}.para"
        if not p.is_file():
            return None
        return {int(x) for x in p.read_text(encoding="utf-8").split()}

    en = typeset(
        (folder / "en.txt").read_text(encoding="utf-8").splitlines(), "en", NB, paras("en")
    )
    fr = typeset(
        (folder / "fr.txt").read_text(encoding="utf-8").splitlines(), "fr", gs, paras("fr")
    )
    beads = []
    for line in (folder / "gold.tsv").read_text(encoding="utf-8").splitlines():
        f, _, e = line.partition("\t")
        beads.append(
            (
                [int(x) for x in f.split(",") if x.strip()],
                [int(x) for x in e.split(",") if x.strip()],
            )
        )
    return en, fr, beads


def pairs(folder: Path, direction: str) -> list[Pair]:
    """Beads with both sides, as (source, target) for ``direction`` "en-fr" or "fr-en"; the
    translation's sentences in beads with no source side are kept in the previous entry."""
    en, fr, beads = read_novel(folder)
    out: list[Pair] = []
    orphan = ""  # translation sentences before the first bead with both sides
    for k, (f, e) in enumerate(beads):
        et, ft = " ".join(en[i] for i in e), " ".join(fr[i] for i in f)
        src, tgt = (et, ft) if direction == "en-fr" else (ft, et)
        if not src and tgt:
            # a sentence only the translation has (a null bead, 0-n): the catalogue holds the
            # whole translation, so it goes with the previous entry's ("… “Rat! / Rat!” and
            # bellowed out aloud"); dropping it dropped the closing marks it carries
            if out:
                out[-1] = Pair(out[-1].id, out[-1].src, f"{out[-1].tgt} {tgt}")
            else:
                orphan = f"{orphan} {tgt}".strip()
            continue
        if not src or not tgt:
            continue  # a sentence the translator left out: no entry (nothing to compare)
        if orphan:
            tgt, orphan = f"{orphan} {tgt}", ""
        out.append(Pair(f"{SHORT.get(folder.name, folder.name)}-{k:04d}", src, tgt))
    return out


def french_source(folder: Path) -> bool:
    import json

    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    return meta.get("original_language") == "fr"


def make_po(rows: list[Pair], direction: str, fuzzy: set[str] = frozenset()) -> polib.POFile:  # type: ignore[assignment]
    """A filled catalogue: msgctxt = bead id, msgid = source, msgstr = target."""
    src, tgt = direction.split("-")
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": "bench",
        "Language": tgt,
        "X-Source-Language": src,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for r in rows:
        e = polib.POEntry(msgctxt=r.id, msgid=r.src, msgstr=r.tgt, comment="Section 1: novel")
        if r.id in fuzzy:
            e.flags.append("fuzzy")
        po.append(e)
    return po


# ------------------------------------------------------------------ planting

QUOTE_PAIRS = {"«": "»", "“": "”", "‘": "’", "„": "“"}
CLOSERS = set(QUOTE_PAIRS.values())
NUM_RE = re.compile(r"(?<![\d.,])\d+(?![\d])")
#: Function-word swaps that turn a rendering into a plausible second rendering.
SWAPS = {
    "fr": [
        ("de", "du"),
        ("le", "un"),
        ("la", "une"),
        ("dans", "en"),
        ("à", "pour"),
        ("les", "des"),
        ("et", "ou"),
        ("est", "était"),
        ("pas", "point"),
    ],
    "en": [
        ("the", "a"),
        ("of", "from"),
        ("in", "into"),
        ("and", "or"),
        ("is", "was"),
        ("to", "toward"),
        ("a", "the"),
        ("not", "never"),
    ],
}


def one_quote(text: str) -> tuple[int, int] | None:
    """(open, close) offsets of the text's only quotation, when it has exactly one pair
    and no other quote mark (so dropping or unbalancing it is unambiguous)."""
    marks = [(i, c) for i, c in enumerate(text) if c in "«»“”„"]
    if len(marks) != 2:
        return None
    (a, ca), (b, cb) = marks
    if QUOTE_PAIRS.get(ca) != cb or b - a < 6:
        return None
    return a, b


def _strip_mark(text: str, i: int) -> str:
    """Remove the mark at ``i`` with the no-break space that goes with it."""
    lo, hi = i, i + 1
    if hi < len(text) and text[hi] in (NB, NN):
        hi += 1
    elif lo > 0 and text[lo - 1] in (NB, NN):
        lo -= 1
    return text[:lo] + text[hi:]


def variant(text: str, lang: str, rng: random.Random) -> str | None:
    """A second rendering of ``text``: one function word swapped (as translators do)."""
    words = text.split(" ")
    opts = []
    for k, w in enumerate(words):
        for a, b in SWAPS[lang]:
            for x, y in ((a, b), (b, a)):
                if w.lower() == x:
                    opts.append((k, y if w.islower() else y.capitalize()))
    if not opts:  # no function word: the longest word's number changes ("pays" → "pay")
        cores = [re.sub(r"\W+$", "", w) for w in words]
        k = max(range(len(words)), key=lambda j: len(cores[j]))
        w = cores[k]
        if len(w) < 4 or not w[-1].isalpha():
            return None
        new = w[:-1] if w.endswith("s") else w + "s"
        return " ".join(words[:k] + [words[k].replace(w, new)] + words[k + 1 :])
    k, y = rng.choice(opts)
    return " ".join(words[:k] + [y] + words[k + 1 :])


#: How a second rendering differs from the first, rotated: a function word swapped (where
#: the rendering has none, a word's number: "inflection"), two neighbouring words in the
#: other order, a comma added or removed inside.
VARIANT_HOW = ("function word", "word order", "punctuation")
_WORDLIKE = re.compile(r"[^\W\d_][\w’'-]*")


def other_variant(text: str, how: str, rng: random.Random) -> str | None:
    """A second rendering of ``text`` that differs in word order or in inner punctuation."""
    words = text.split(" ")
    if how == "word order":
        ks = [
            k
            for k in range(len(words) - 1)
            if _WORDLIKE.fullmatch(words[k])
            and _WORDLIKE.fullmatch(words[k + 1])
            and words[k].lower() != words[k + 1].lower()
        ]
        if not ks:
            return None
        k = rng.choice(ks)
        a, b = words[k], words[k + 1]
        if k == 0 and a[:1].isupper() and b[:1].islower():  # the sentence's capital stays first
            a, b = a[:1].lower() + a[1:], b[:1].upper() + b[1:]
        return " ".join(words[:k] + [b, a] + words[k + 2 :])
    if how == "punctuation":
        inner = [k for k, w in enumerate(words[:-1]) if w.endswith(",")]
        if inner:
            k = rng.choice(inner)
            words[k] = words[k][:-1]
            return " ".join(words)
        ks = [k for k, w in enumerate(words[:-1]) if w[-1:].isalpha()]
        if not ks:
            return None
        k = rng.choice(ks)
        words[k] += ","
        return " ".join(words)
    return None


def _variant_label(a: str, b: str, lang: str) -> str:
    """ "function word" when the renderings differ by one of ``SWAPS``, else "inflection"."""
    fw = {w for pair in SWAPS[lang] for w in pair}
    diff = [(x.lower(), y.lower()) for x, y in zip(a.split(" "), b.split(" ")) if x != y]
    return "function word" if diff and all(x in fw and y in fw for x, y in diff) else "inflection"


def quoted(text: str) -> list[tuple[int, int]]:
    """Spans (inside the marks) of whole quotations, one level, in ``text``."""
    out: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for i, c in enumerate(text):
        if c in "«“„" and not (c == "“" and stack and QUOTE_PAIRS[stack[-1][1]] == "“"):
            stack.append((i, c))
        elif c in CLOSERS and stack and QUOTE_PAIRS[stack[-1][1]] == c:
            a, _ = stack.pop()
            if not stack:
                out.append((a + 1, i))
    return out


@dataclass(frozen=True)
class Drop:
    """A quotation of the translation that can be dropped: the mark positions per entry
    offset (0: the entry itself, 1: the next one), and how it sits (for recall by shape)."""

    marks: tuple[tuple[int, int], ...]  # (entry offset, position), removed right to left
    shape: str  # "only", "one of several", "inner", "across segments"
    style: str  # the opening mark: « “ ‘ „
    where: str  # "opens the segment", "inside", "closes the segment"
    what: str  # "utterance", or "term" (quoted inside the sentence's syntax: is_mention)


def _where(text: str, a: int, b: int) -> str:
    head = text[:a].strip(" " + NB + NN + "—–-")
    tail = text[b + 1 :].strip(" " + NB + NN + ".,;:!?…—–-")
    if not head:
        return "opens the segment"
    return "closes the segment" if not tail else "inside"


#: The bench's own incise patterns, frozen copies of the checker's EN_INCISE and FR_INCISE as
#: they stood at 9cffcab.  Why a copy: the plantings are picked with them, so sharing the
#: checker's would let a change to the code under test silently re-draw the bench's cases
#: (review r3b); change these only on purpose, saying the cases were re-drawn.
_EN_SAYING_FROZEN = (
    r"(?:said|replied|resumed|answered|asked|cried|continued|added|returned|rejoined|retorted"
    r"|exclaimed|observed|remarked|interrupted|went\s+on|thought|whispered|murmured|muttered"
    r"|shouted|sighed|repeated)"
)
_FR_SAYING_FROZEN = (
    r"(?:dit|reprit|répondit|répliqua|riposta|s’écria|demanda|fit|ajouta|murmura|continua|cria"
    r"|répéta|poursuivit|insinua|déclara|pensa|s’exclama|interrompit|observa|remarqua)"
)
EN_INCISE_BENCH = re.compile(
    r"[,!?]\s+(?!(?:and|then|but|so|or|yet)\b)(?:\w+\s+){0,3}"
    + _EN_SAYING_FROZEN
    + r"(?:\s+\w+){0,3}[,;:.]?\s*$"
)
FR_INCISE_BENCH = re.compile(
    r"[,!?…][\s\u00a0\u202f]+(?:(?:\w+[’'])?\w+-(?:t-)?(?:il|elle|je|on|ils|elles|nous|vous)\b|"
    + _FR_SAYING_FROZEN
    + r"\s+(?:mon|ma|sa|son|le|la|l’|les|notre|votre|M\.|Mme|[A-ZÀ-ÖØ-Þ]\w*))"
    r"[^,.;:!?«»“”—]*[,;:.]?[\s\u00a0\u202f]*$"
)


def _incise_only(inner: str, lang: str) -> bool:
    """Is a quotation's content only an incise ("reprit le passeur,", "the ferryman went on,")?
    A straight mark re-paired the wrong way round by the typesetting sets marks round the
    incise of a speech that runs on; without them the text follows the convention (the incise
    inside the speech's marks), so removing them plants no defect."""
    pattern = FR_INCISE_BENCH if lang.startswith("fr") else EN_INCISE_BENCH
    return pattern.match(", " + inner.strip(" " + NB + NN)) is not None


def drops(tgts: list[str], lang: str) -> dict[int, list[Drop]]:
    """Entry index → quotations of its translation that can be dropped whole, of every shape
    the corpus has: the segment's only quotation, one of several, one nested inside a longer
    quotation, one running from this segment into the next; any mark style."""
    rows = quote_spans(tgts, lang)
    out: dict[int, list[Drop]] = {}
    ends: dict[int, tuple[int, int]] = {}  # group → (entry, closer position) of I/F quotations
    for k, row in enumerate(rows):
        for sp in row:
            if sp.part == "F":
                ends[sp.group] = (k, sp.end - 1)
    for k, row in enumerate(rows):
        text = tgts[k]
        whole = [sp for sp in row if sp.part == "N" and sp.end - sp.start >= 6]
        for sp in whole:
            a, b = sp.start, sp.end - 1
            if re.match(r"^\s*[—–]", text[:a]):
                continue  # "— « Mais … »": without the marks a dash-only turn, still quoted
            if _incise_only(text[a + 1 : b], lang):
                continue  # "pas, « reprit-il, » qu’on": marks round an incise, no quotation
            outer = [o for o in row if o is not sp and o.start < a and b < o.end - 1]
            if outer:
                shape = "inner"
            else:
                tops = [o for o in row if not any(x.start < o.start and o.end < x.end for x in row)]
                shape = "only" if len(tops) == 1 else "one of several"
            what = "term" if is_mention(text, sp) else "utterance"
            out.setdefault(k, []).append(
                Drop(((0, b), (0, a)), shape, text[a], _where(text, a, b), what)
            )
        for sp in row:
            if sp.part == "I" and sp.group in ends and ends[sp.group][0] == k + 1:
                a = sp.start
                out.setdefault(k, []).append(
                    Drop(
                        ((1, ends[sp.group][1]), (0, a)),
                        "across segments",
                        text[a],
                        "opens here, closes in the next segment",
                        "utterance",
                    )
                )
    return out


def top_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """(inner start, inner end) of the whole top-level quotations of one segment, any marks."""
    row = [sp for sp in quote_spans([text], lang)[0] if sp.part == "N"]
    tops = [o for o in row if not any(x.start < o.start and o.end < x.end for x in row)]
    return [(o.start + 1, o.end - 1) for o in tops]


#: How a second rendering of a repeated quotation is planted: in place of a host's quotation,
#: or inside a host's longer quotation (at its end, its start, after its first clause, or
#: with marks of its own — « … “passage” »), one host quotation per entry.
PLAIN_HOW = ("replace",)
NESTED_HOW = ("end", "start", "middle", "inner marks")


def plant(
    rows: list[Pair],
    direction: str,
    rng: random.Random,
    per_kind: int,
    used: frozenset[str] = frozenset(),
    kinds: tuple[str, ...] = KINDS,
    repeated_first: bool = False,
) -> tuple[list[Pair], dict[str, str], set[str], dict[str, tuple[str, tuple[str, ...]]]]:
    """Plant up to ``per_kind`` defects of each of ``kinds`` into a copy of ``rows``.

    Returns (rows, id → kind, fuzzy ids, id → (shape, other ids where a finding counts)).
    Entries touched are at least three apart so one defect never masks or causes another
    (a quotation dropped across two segments touches both); entries in ``used`` (defects of an
    earlier round on the same catalogue) are not planted again, so every round adds distinct
    cases (``repeated_first``: second renderings of passages quoted elsewhere too first).
    Shapes rotate within a kind (quotation dropped: the only one, one of several,
    nested, across segments, by whatever marks the translation uses; a second rendering:
    in place, or at the end, start or middle of a longer quotation, or with marks of its own).
    """
    src_lang, tgt_lang = direction.split("-")
    rows = [Pair(r.id, r.src, r.tgt) for r in rows]
    taken: set[int] = set()
    gold: dict[str, str] = {}
    fuzzy: set[str] = set()
    meta: dict[str, tuple[str, tuple[str, ...]]] = {}
    support: set[str] = set()  # the other renderings of a repeated quotation

    def free(k: int) -> bool:
        return (
            0 <= k < len(rows)
            and rows[k].id not in used
            and all(j not in taken for j in range(k - 2, k + 3))
        )

    def take(k: int, kind: str, shape: str = "", also: tuple[int, ...] = ()) -> None:
        taken.add(k)
        taken.update(also)
        gold[rows[k].id] = kind
        meta[rows[k].id] = (shape, tuple(rows[j].id for j in also))

    order = list(range(len(rows)))

    def candidates(pred) -> list[int]:  # type: ignore[no-untyped-def]
        ks = [k for k in order if free(k) and pred(rows[k])]
        rng.shuffle(ks)
        return ks

    def planted(kind: str) -> int:
        return sum(1 for v in gold.values() if v == kind)

    # a repeated quotation rendered two ways (plain and nested in a longer quotation)
    src_tops = [top_spans(r.src, src_lang) for r in rows]
    tgt_tops = [top_spans(r.tgt, tgt_lang) for r in rows]
    donors = []
    for k, r in enumerate(rows):
        qs, qt = src_tops[k], tgt_tops[k]
        if not 1 <= len(qs) == len(qt) <= 3:
            continue
        for (s0, s1), (t0, t1) in zip(qs, qt):  # several quotations: paired in order
            s_, t_ = r.src[s0:s1].strip(" " + NB + NN), r.tgt[t0:t1].strip(" " + NB + NN)
            if (
                2 <= len(s_.split()) <= 8
                and 2 <= len(t_.split()) <= 10
                and not re.search(r"[«»“”‘„\"]|’(?!\w)|(?<!\w)’", s_ + t_)
            ):
                donors.append((k, s_, t_))
                break
    rng.shuffle(donors)
    hosts = [
        k
        for k, r in enumerate(rows)
        if len(src_tops[k]) == 1
        and len(tgt_tops[k]) == 1
        and src_tops[k][0][1] - src_tops[k][0][0] >= 6
        and tgt_tops[k][0][1] - tgt_tops[k][0][0] >= 6
    ]
    turn = vturn = 0
    src_keys = Counter(passage_key(r.src[a:b]) for k, r in enumerate(rows) for a, b in src_tops[k])
    if repeated_first:  # passages the text quotes elsewhere too first (popped from the end)
        donors.sort(key=lambda dn: src_keys[passage_key(dn[1])] > 1)
    pair: tuple[str, ...] = tuple(
        k for k in ("quote-inconsistent", "quote-inconsistent-nested") if k in kinds
    )
    hows = {"quote-inconsistent": 0, "quote-inconsistent-nested": 0}
    while pair and donors and min(planted(k) for k in pair) < per_kind:
        kind = pair[turn % len(pair)]
        if planted(kind) >= per_kind:
            kind = pair[(turn + 1) % len(pair)]
        dk, s_, t_ = donors.pop()
        if not free(dk):
            continue
        var = variant(t_, tgt_lang, rng)
        if var is None or var == t_:
            continue
        # the other ways two renderings differ, by an rng of their own (the entries and shapes
        # of the other kinds stay as they were)
        vhow = VARIANT_HOW[vturn % len(VARIANT_HOW)]
        vturn += 1
        alt = other_variant(t_, vhow, random.Random(f"{direction}:{dk}:{vhow}"))
        if alt is not None and passage_key(alt) != passage_key(t_):
            var = alt
        else:
            vhow = _variant_label(t_, var, tgt_lang)
        n_words = len(t_.split())
        label = (
            f"{vhow}|{'2 words' if n_words == 2 else '3-4 words' if n_words <= 4 else '5+ words'}"
            f"|{'quoted elsewhere too' if src_keys[passage_key(s_)] > 1 else 'quoted once'}"
        )
        turn += 1
        hs = [h for h in hosts if free(h) and h != dk]
        rng.shuffle(hs)
        if len(hs) < 2:
            break
        rep, bad = hs[0], hs[1]
        taken.add(dk)
        # a faithful repetition elsewhere, so the odd one out is a clear minority
        rows[rep] = _requote(rows[rep], s_, t_, "replace", src_lang, tgt_lang)
        taken.add(rep)
        cycle = NESTED_HOW if kind.endswith("nested") else PLAIN_HOW
        how = cycle[hows[kind] % len(cycle)]
        hows[kind] += 1
        rows[bad] = _requote(rows[bad], s_, var, how, src_lang, tgt_lang)
        take(bad, kind, f"{how}|{label}")
        support.update({rows[dk].id, rows[rep].id})

    src_quoted = [bool(row) for row in quote_spans([r.src for r in rows], src_lang)]
    dmap = drops([r.tgt for r in rows], tgt_lang)
    drop_shapes = ("only", "one of several", "inner", "across segments")

    def drop_pred(shape: str):  # type: ignore[no-untyped-def]
        def pred(k: int) -> Drop | None:
            opts = [
                x
                for x in dmap.get(k, [])
                if x.shape == shape
                and (src_quoted[k] or (shape == "across segments" and src_quoted[k + 1]))
                and (shape != "across segments" or free(k + 1))
            ]
            return rng.choice(opts) if opts else None

        return pred

    plans: list[tuple[str, str, Any]] = [
        (
            "quote-unbalanced",
            "",
            lambda k: one_quote(rows[k].tgt) is not None and len(quoted(rows[k].src)) >= 1,
        ),
        *[("quote-dropped", shape, drop_pred(shape)) for shape in drop_shapes],
        (
            "number-changed",
            "",
            lambda k: any(_plain_number(rows[k], m) for m in NUM_RE.finditer(rows[k].tgt)),
        ),
        (
            "citation-dropped",
            "",
            lambda k: len(rows[k].src) > 40 and "(" not in rows[k].src + rows[k].tgt,
        ),
        (
            "fr-typography",
            "",
            lambda k: tgt_lang == "fr" and (NB in rows[k].tgt or NN in rows[k].tgt),
        ),
        ("left-in-source", "", lambda k: len(rows[k].src.split()) >= 4),
        ("fuzzy-as-done", "", lambda k: True),
    ]
    # round robin over the kinds (and a kind's shapes), so kinds that want the same entries
    # share them and every shape the corpus has is planted
    queues = []
    for kind, shape, pred in plans:
        if kind not in kinds:
            continue
        ks = [k for k in order if free(k) and pred(k)]
        rng.shuffle(ks)
        queues.append((kind, shape, pred, ks))
    while any(q for *_x, q in queues):
        for kind, _shape, pred, q in queues:
            while q and planted(kind) < per_kind:
                k = q.pop()
                if not free(k):
                    continue
                r = rows[k]
                if kind == "quote-dropped":
                    drop = pred(k)
                    if drop is None:
                        continue
                    texts = {0: r.tgt, 1: rows[k + 1].tgt if k + 1 < len(rows) else ""}
                    for off, pos in drop.marks:
                        texts[off] = _strip_mark(texts[off], pos)
                    rows[k] = Pair(r.id, r.src, texts[0])
                    also: tuple[int, ...] = ()
                    if any(off == 1 for off, _pos in drop.marks):
                        rows[k + 1] = Pair(rows[k + 1].id, rows[k + 1].src, texts[1])
                        also = (k + 1,)
                    take(k, kind, f"{drop.shape}|{drop.style}|{drop.where}|{drop.what}", also)
                    break
                new = _apply(kind, r, (src_lang, tgt_lang), rng)
                if new is None:
                    continue
                rows[k] = new
                take(k, kind, _number_shape(r, new) if kind == "number-changed" else "")
                if kind == "fuzzy-as-done":
                    fuzzy.add(r.id)
                break
            if planted(kind) >= per_kind:
                q.clear()
    if "number-changed" in kinds:
        # few entries carry a number in digits: the same number written in words on both sides
        # is set in digits on both (each language's format), then changed in the translation;
        # an rng of its own, so the entries and shapes of the other kinds stay as they were
        nrng = random.Random(f"{direction}:{len(rows)}:{sorted(used)[:1]}")
        ks = [k for k in order if free(k) and words_both(rows[k], src_lang, tgt_lang)]
        nrng.shuffle(ks)
        for k in ks:
            if planted("number-changed") >= per_kind:
                break
            if not free(k):
                continue
            r = rows[k]
            v, (sa, sb), (ta, tb) = nrng.choice(words_both(r, src_lang, tgt_lang))
            new_v = v + nrng.choice([1, 2, 3, 5, 10, -1])
            new_v = new_v if new_v > 1 else v + 2  # "1" reads as an article ("un", "one")
            rows[k] = Pair(
                r.id,
                r.src[:sa] + in_digits(v, src_lang) + r.src[sb:],
                r.tgt[:ta] + in_digits(new_v, tgt_lang) + r.tgt[tb:],
            )
            take(k, "number-changed", "from words|" + ("separators" if v >= 1000 else "number"))
    # the other renderings a second rendering is told apart from: kept in partial catalogues
    meta.update({sid: ("support", ()) for sid in support if sid not in gold})
    return rows, gold, fuzzy, meta


CITATIONS = [
    ("(Brontë 1847, p. {n})", "(Brontë 1847, p. {n})"),
    ("(ibid., p. {n})", "(ibid., p. {n})"),
    ("(Verne 1864, pp. {n}-{m})", "(Verne 1864, p. {n}-{m})"),
    ("(see chap. {c})", "(voir chap. {c})"),
]


#: The marks of a quotation inside a quotation, by the outer quotation's opening mark.
INNER = {"«": ("“", "”"), "“": ("‘", "’"), "‘": ("“", "”"), "„": ("‚", "‘")}


def _requote(r: Pair, s: str, t: str, how: str, src_lang: str, tgt_lang: str) -> Pair:
    """Put the quotation ``s``/``t`` into the host's one quotation: in its place ("replace"),
    or nested in it — after it ("end"), before it ("start"), after its first clause
    ("middle"), or after it with marks of its own ("inner marks")."""
    (s0, s1), (t0, t1) = top_spans(r.src, src_lang)[0], top_spans(r.tgt, tgt_lang)[0]
    edge = " " + NB + NN

    def put(text: str, a: int, b: int, passage: str) -> str:
        host = text[a:b].strip(edge)
        pad_a = text[a] if text[a] in (NB, NN) else ""
        pad_b = text[b - 1] if text[b - 1] in (NB, NN) else ""
        body = host.rstrip(".,;:!?…" + edge)
        bare = passage.rstrip(",;:" + edge)  # "In that case," then ", which": one comma
        comma = body.find(", ")
        # after the first clause, else at the space nearest the middle (never inside a word)
        cut = comma + 1 if comma > 0 else body.rfind(" ", 0, len(body) // 2 + 1)
        if how == "replace":
            new = passage
        elif how == "start":
            new = bare + ", " + host[:1].lower() + host[1:]
        elif how == "middle" and cut > 0:
            new = body[:cut] + (" " if body[cut - 1 : cut] != " " else "") + bare + ", "
            new += body[cut:].lstrip() + host[len(body) :]
        elif how == "inner marks":
            o, c = INNER.get(text[a - 1], ("“", "”"))
            sp = NB if o in "«»" else ""
            new = body + ", " + o + sp + passage + sp + c
        else:  # "end" (and "middle" in a one-word quotation)
            new = body + ", " + passage
        return text[:a] + pad_a + new + pad_b + text[b:]

    return Pair(r.id, put(r.src, s0, s1, s), put(r.tgt, t0, t1, t))


def _plain_number(r: Pair, m: re.Match[str]) -> bool:
    """A number of the running text (not in a citation or a footnote mark) that the source has."""
    before = r.tgt[: m.start()]
    in_parens = before.count("(") > before.count(")")
    return m.group(0) in r.src and not in_parens and not before.endswith("[")


def _number_shape(old: Pair, new: Pair) -> str:
    """Shape label of a planted digit change: a year (1000–2099) or another number."""
    i = next((j for j, (x, y) in enumerate(zip(old.tgt, new.tgt)) if x != y), 0)
    m = next((m for m in NUM_RE.finditer(old.tgt) if m.start() <= i <= m.end()), None)
    return "digits|" + ("year" if m and 1000 <= int(m.group(0)) <= 2099 else "number")


def in_digits(v: int, lang: str) -> str:
    """``v`` in digits as the language groups them: 12,000 (English), 12 000 (French, U+202F)."""
    return f"{v:,}".replace(",", NN) if lang == "fr" else f"{v:,}"


def _spelled(text: str, v: int, lang: str) -> tuple[int, int] | None:
    """Offsets of ``v`` written out in ``text`` as ``in_words`` spells it (whole words)."""
    m = re.search(rf"(?<![\w-]){re.escape(in_words(v, lang))}(?![\w-])", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def words_both(
    r: Pair, src_lang: str, tgt_lang: str
) -> list[tuple[int, tuple[int, int], tuple[int, int]]]:
    """(value, source span, translation span) of numbers of 2 or more written out in words on
    both sides with the same value ("three days" / "trois jours"), when neither has digits."""
    if re.search(r"\d", r.src + r.tgt):
        return []
    out = []
    for v in sorted(set(word_numbers(r.src, src_lang)) & set(word_numbers(r.tgt, tgt_lang))):
        once = word_numbers(r.src, src_lang).count(v) == word_numbers(r.tgt, tgt_lang).count(v) == 1
        if 2 <= v < 10000 and once:  # once on each side: the change is the value's only place
            a, b = _spelled(r.src, v, src_lang), _spelled(r.tgt, v, tgt_lang)
            if a and b:
                out.append((v, a, b))
    return out


def _apply(kind: str, r: Pair, langs: tuple[str, str], rng: random.Random) -> Pair | None:
    src_lang, tgt_lang = langs
    if kind == "quote-unbalanced":
        a, b = one_quote(r.tgt)  # type: ignore[misc]
        return Pair(r.id, r.src, _strip_mark(r.tgt, b if rng.random() < 0.7 else a))
    if kind == "quote-dropped":
        a, b = one_quote(r.tgt)  # type: ignore[misc]
        return Pair(r.id, r.src, _strip_mark(_strip_mark(r.tgt, b), a))
    if kind == "number-changed":
        ms = [m for m in NUM_RE.finditer(r.tgt) if _plain_number(r, m)]
        m = rng.choice(ms)
        v = int(m.group(0))
        new = v + rng.choice([1, 2, 3, 5, 10, -1]) if v > 1 else v + 2
        return Pair(r.id, r.src, r.tgt[: m.start()] + str(new) + r.tgt[m.end() :])
    if kind == "citation-dropped":
        en, fr = rng.choice(CITATIONS)
        n = rng.randint(3, 480)
        vals = {"n": n, "m": n + rng.randint(1, 9), "c": rng.randint(2, 40)}
        cite_src = (en if src_lang == "en" else fr).format(**vals)
        # the citation sits before the final punctuation of the source; the translation lost it
        end = re.search(r"[.!?…]*[”»’\s" + NB + NN + "]*$", r.src)
        cut = end.start() if end else len(r.src)
        return Pair(r.id, r.src[:cut] + " " + cite_src + r.src[cut:], r.tgt)
    if kind == "fr-typography":
        spots = [i for i, c in enumerate(r.tgt) if c in (NB, NN)]
        out = list(r.tgt)
        how = rng.choice(["space", "none", "quotes"])
        if how == "quotes" and "«" in r.tgt:
            t = r.tgt.replace("«" + NB, "“").replace("«" + NN, "“")
            t = t.replace(NB + "»", "”").replace(NN + "»", "”")
            if rng.random() < 0.5:
                t = t.replace("“", '"').replace("”", '"')
            return Pair(r.id, r.src, t)
        for i in rng.sample(spots, max(1, len(spots) // 2)):
            out[i] = " " if how == "space" else "\x00"
        return Pair(r.id, r.src, "".join(out).replace("\x00", ""))
    if kind == "left-in-source":
        return Pair(r.id, r.src, r.src)
    if kind == "fuzzy-as-done":
        return r
    raise ValueError(kind)


def clean_citations(rows: list[Pair], rng: random.Random, n: int) -> list[Pair]:
    """Add correctly carried citations to ``n`` entries: the look-alikes of citation-dropped."""
    rows = list(rows)
    ks = [k for k, r in enumerate(rows) if len(r.src) > 40 and "(" not in r.src + r.tgt]
    rng.shuffle(ks)
    for k in ks[:n]:
        r = rows[k]
        en, fr = rng.choice(CITATIONS)
        n_ = rng.randint(3, 480)
        vals = {"n": n_, "m": n_ + rng.randint(1, 9), "c": rng.randint(2, 40)}
        m1 = re.search(r"[.!?…]*[”»’\s" + NB + NN + "]*$", r.src)
        m2 = re.search(r"[.!?…]*[”»’\s" + NB + NN + "]*$", r.tgt)
        s_src = en.format(**vals) if r.src is not None else ""
        tgt_form = fr if any(c in r.tgt for c in "éèàç") else en
        c1, c2 = (m1.start() if m1 else len(r.src)), (m2.start() if m2 else len(r.tgt))
        rows[k] = Pair(
            r.id,
            r.src[:c1] + " " + s_src + r.src[c1:],
            r.tgt[:c2] + " " + tgt_form.format(**vals) + r.tgt[c2:],
        )
    return rows


_EN_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_FR_UNITS = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf"
).split()
_FR_TENS = "_ _ vingt trente quarante cinquante soixante soixante quatre-vingt quatre-vingt".split()


def in_words(n: int, lang: str) -> str:
    """A number from 1 to 9,999 in English or French words ("forty-two", "quatre-vingt-douze")."""
    if n >= 1000:
        head = in_words(n // 1000, lang) + (" thousand" if lang == "en" else " mille")
        if lang == "fr" and n // 1000 == 1:
            head = "mille"
        return head + (" " + in_words(n % 1000, lang) if n % 1000 else "")
    if n >= 100:
        h, r = divmod(n, 100)
        if lang == "en":
            head = _EN_UNITS[h] + " hundred"
            return head + (" and " + in_words(r, lang) if r else "")
        head = "cent" if h == 1 else _FR_UNITS[h] + " cent" + ("" if r else "s")
        return head + (" " + in_words(r, lang) if r else "")
    if lang == "en":
        if n < 20:
            return _EN_UNITS[n]
        t, u = divmod(n, 10)
        return _EN_TENS[t] + ("-" + _EN_UNITS[u] if u else "")
    if n < 20:
        return _FR_UNITS[n]
    t, u = divmod(n, 10)
    if t in (7, 9):
        u += 10
    tens = _FR_TENS[t]
    if u == 0:
        return tens + ("s" if t == 8 else "")
    if u in (1, 11) and t not in (8, 9):
        return f"{tens} et {_FR_UNITS[u]}"
    return f"{tens}-{_FR_UNITS[u]}"


def number_into_words(r: Pair, lang: str, rng: random.Random) -> Pair | None:
    """A digit number of the translation (one the source has) replaced by a different number
    written in the translation's words: "17 years" → "nineteen years"."""
    ms = [m for m in NUM_RE.finditer(r.tgt) if _plain_number(r, m) and 0 < int(m.group(0)) < 10000]
    if not ms:
        return None
    m = rng.choice(ms)
    v = int(m.group(0))
    new = v + rng.choice([1, 2, 3, 5, 10, -1]) if v > 1 else v + 2
    return Pair(r.id, r.src, r.tgt[: m.start()] + in_words(new, lang) + r.tgt[m.end() :])
