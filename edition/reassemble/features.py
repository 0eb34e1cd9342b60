"""Per-fragment evidence and the pairwise join features (one row per ordered pair A → B)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from ..text import TRAILING_CLOSERS as _CLOSERS
from .geometry import _file_geometry, geo_features, layout_geometry
from .langmodel import _CHAR_N, _CHAR_SPAN, CharModel, english_bigrams
from .lexicon import _WORD, _first_word, _last_word, _zipf
from .params import FEATURES
from .textclass import (
    _WORD_OR_NUM,
    _end_class,
    _ends_sentence,
    _start_class,
    _tokens,
    _word_key,
    first_word_key,
    quote_state,
)

if TYPE_CHECKING:
    from .extractor import JumpPrior, PagePrior
    from .geometry import Geometry
    from .langmodel import ClassBigrams
    from .layout import Frag
    from .lexicon import Lexicon


#: Start/end scores (log-odds scale, hand-set): a text starts with its title
#: block or a capital and ends with a full sentence.
START_TITLE, START_UPPER, START_OTHER, START_LOWER = 12.0, 0.0, -2.0, -5.0
END_SENT, END_OTHER, END_HYPH = 0.0, -3.0, -6.0


@dataclass
class Evidence:
    """Per-fragment facts the pairwise features are built from."""

    end: list[str]
    start: list[str]
    partial: np.ndarray
    short_last: np.ndarray
    title: np.ndarray
    heading: np.ndarray
    qopen: np.ndarray
    qclose: np.ndarray
    pos: np.ndarray
    first_line: np.ndarray  # 0-based input line of the fragment's first / last piece
    last_line: np.ndarray
    tight: np.ndarray  # cut before is soft/glue/head/forced (no blank line)
    cut: list[str]
    blank: np.ndarray
    cls_last: np.ndarray
    cls_first: np.ndarray
    last_word: list[str]
    first_word: list[str]
    first_key: list[str]  # B's first word in lower case, or "<num>" (see ``_word_key``)
    char_left: list[
        str
    ]  # the fragment's last characters, as the character model's context (``_char_lm_pairs``)
    char_right: list[str]  # its first characters
    char_model: CharModel | None  # the document's character model
    tail_words: list[frozenset[str]]  # content words at the fragment's end (see ``_cohesion``)
    head_words: list[frozenset[str]]  # content words at its start
    tail_word: list[str]
    #: A's last word when A ends mid-sentence on a bare word (no comma, quote or bracket), lower case
    join_word: list[str]
    proper: np.ndarray  # first word is a capitalised word the document also uses mid-sentence
    func_end: np.ndarray  # A ends mid-sentence on a function word ("of", "the", "than")
    last_len: np.ndarray  # characters on A's last line
    first_tok: np.ndarray  # characters of B's first token
    width: float
    #: per hyphen-ending fragment: the best ``hyph_strength`` any candidate (in its window) reaches
    hyph_alt: dict[int, int] = field(default_factory=dict)
    #: column geometry (None: not estimated, the geometric features stay 0)
    geo: Geometry | None = None
    #: the extractor's jumps: (source fragment, line displacement) of the joins the words decide
    #: that leave the input order (see ``text_confident_joins``)
    jumps: list[tuple[int, int]] = field(default_factory=list)
    #: log-odds that this extractor keeps a sentence broken at a column end in input order, from
    #: the text-confident joins (``assemble._text_layout``); 0 = no evidence
    adj_prior: float = 0.0
    #: the document's column-break displacement habit (``extractor.learn_jump_prior``); None: none
    jump_prior: JumpPrior | None = None
    #: apply the extractor's habits (doc_jump, page_jump) only where the geometry allows a
    #: column break (set for inputs solved in windows; ``assemble._text_layout``)
    habit_gated: bool = False
    #: the document's printed-page habit at column breaks (``extractor.learn_page_prior``)
    page_prior: PagePrior | None = None
    #: joins from each printed page to the next, when whole pages come out in some page order
    #: (``extractor.page_order_pairs``)
    page_next: list[tuple[int, int]] = field(default_factory=list)
    #: pairwise text evidence already computed, by window (it does not change between solver passes)
    cache: dict = field(default_factory=dict)
    #: the text-only log-odds of every fragment pair (layout weights zeroed; diagonal -inf), kept
    #: from ``assemble._text_layout`` for the calibration of repairs (None: not computed)
    text_scores: np.ndarray | None = None
    #: the text-only weights (``Params.w_text``) that ``words_break`` reads; None: that feature is 0
    #: (set by ``assemble._words_at_breaks`` for the second pass, when the feature's weight is not
    #: 0 and the document's column ends show no habit)
    text_w: np.ndarray | None = None
    #: the leave-one-out share of the first pass's flagged column ends that follow the
    #: document's habit (``extractor.break_consistency``); None: not measured
    break_habit: float | None = None


def _cached(ev: Evidence, key: tuple, make):
    if key not in ev.cache:
        ev.cache[key] = make()
    return ev.cache[key]


def _pairwise(ev: Evidence, name: str, idx: np.ndarray, make) -> np.ndarray:
    """A pairwise text matrix of fragments ``idx``: ``make()``, or the slice of the whole
    document's when that was computed (the document priors score every pair first; the
    solver's windows then read their part instead of scoring it again).  Only for matrices
    whose (a, b) entry depends on fragments a and b alone."""
    whole = ev.cache.get((name, "all"))
    if whole is not None:
        return whole[np.ix_(idx, idx)]
    out = _cached(ev, (name, idx.tobytes()), make)
    if len(idx) == len(ev.pos) and np.array_equal(idx, np.arange(len(idx))):
        ev.cache[(name, "all")] = out
    return out


def _mid_capitals(frags: Sequence[Frag], memo: dict | None = None) -> Counter[str]:
    """How often each capitalised word occurs in mid-sentence (names, not sentence starts).

    ``memo``: per-fragment counts already made (keyed by the fragment's text, see
    ``_frag_key``), for a re-cut that leaves most fragments as they were.
    """
    out: Counter[str] = Counter()
    for f in frags:
        key = ("caps", _frag_key(f))
        mine = memo.get(key) if memo is not None else None
        if mine is None:
            mine = Counter()
            toks = [t for p in f.pieces for t in _tokens(p.text)]
            for prev, t in zip(toks, toks[1:]):
                w = _first_word(t)
                if (
                    w[:1].isupper()
                    and not _ends_sentence(prev)
                    and not prev.rstrip(_CLOSERS).endswith(":")
                ):
                    mine[w] += 1
            if memo is not None:
                memo[key] = mine
        out.update(mine)
    return out


def _frag_key(f: Frag) -> tuple:
    """What a fragment's own text facts depend on: its pieces' text, heading and title."""
    return (tuple(p.text for p in f.pieces), f.heading, f.title)


#: Words after which a sentence cannot pause for a capitalised common word.
_FUNCTION = frozenset(
    """a an the of to in on at by for with from into than that which who whom whose and or but nor as
if while whereas because although though its their his her our your my this these those such no not very more most
less so too be been being is are was were has have had do does did can could would should may might must will shall
between among against towards toward through without within upon under over about after before""".split()
)


def gather_evidence(
    frags: Sequence[Frag],
    lex: Lexicon,
    width: float,
    bg: ClassBigrams,
    furn: set[int] | None = None,
    char_model: CharModel | None = None,
    memo: dict | None = None,
) -> Evidence:
    """Per-fragment facts; ``furn`` (the furniture lines) enables the column geometry.

    ``char_model``: the document's character model when already trained (on the same text
    cut differently: the costliest part, not trained twice).  ``memo``: a dict shared by
    calls on the same text, ``lex``, ``width`` and ``bg`` (the column re-cut): a fragment's
    own text facts are computed once however often it comes back unchanged."""
    memo = {} if memo is None else memo
    facts = [_frag_facts(f, lex, width, bg, memo) for f in frags]
    end = [x[0] for x in facts]
    caps = _mid_capitals(frags, memo)
    ev = Evidence(
        end=end,
        start=[x[1] for x in facts],
        partial=np.array([x[2] for x in facts], bool),
        short_last=np.array([len(f.text_last) < 0.85 * width for f in frags], bool),
        title=np.array([f.title for f in frags], bool),
        heading=np.array([f.heading is not None for f in frags], bool),
        qopen=np.array([x[3] for x in facts], bool),
        qclose=np.array([x[4] for x in facts], bool),
        pos=np.array([f.pos for f in frags]),
        first_line=np.array([f.first_line for f in frags]),
        last_line=np.array([f.last_line for f in frags]),
        tight=np.array([f.cut_before in ("soft", "glue", "head", "forced") for f in frags], bool),
        blank=np.array([f.cut_before == "blank" for f in frags], bool),
        cut=[f.cut_before for f in frags],
        cls_last=np.array([x[5] for x in facts]),
        cls_first=np.array([x[6] for x in facts]),
        last_word=[x[7] for x in facts],
        first_word=[x[8] for x in facts],
        first_key=[x[9] for x in facts],
        char_left=[x[10] for x in facts],
        char_right=[x[11] for x in facts],
        char_model=char_model or CharModel(frags),
        tail_words=[x[12] for x in facts],
        head_words=[x[13] for x in facts],
        tail_word=[x[14] for x in facts],
        join_word=[x[15] for x in facts],
        last_len=np.array([x[16] for x in facts]),
        first_tok=np.array([x[17] for x in facts]),
        width=width,
        proper=np.array([_is_proper(x[8], caps, lex) for x in facts], bool),
        func_end=np.array([x[18] for x in facts], bool),
        geo=layout_geometry(frags, furn) if furn is not None else None,
    )
    if ev.geo is not None and ev.geo.height is None:
        ev.geo = _file_geometry(frags, ev) or ev.geo
    return ev


def _frag_facts(f: Frag, lex: Lexicon, width: float, bg: ClassBigrams, memo: dict) -> tuple:
    """The facts of one fragment that depend on its own text only (see ``gather_evidence``)."""
    key = ("facts", _frag_key(f))
    got = memo.get(key)
    if got is not None:
        return got
    e = frag_end(f, width)
    start, partial = _start_class(f.text_first, lex)
    qclose, qopen = quote_state(" ".join(p.text for p in f.pieces))
    words = " ".join(p.text for p in f.pieces).split()
    out = (
        e,
        start,
        partial,
        qopen,
        qclose,
        bg.cls_last(f.text_last),
        bg.cls_first(f.text_first),
        _last_word(f.text_last) if e == "hyph" else "",
        _first_word(f.text_first),
        first_word_key(f.text_first),
        (" " + " ".join(f.text_last.lower().split()) + " ")[-(_CHAR_N - 1) :],
        (" ".join(f.text_first.lower().split()) + " ")[:_CHAR_SPAN],
        content_words(" ".join(words[-_COHESION_WORDS:])),
        content_words(" ".join(words[:_COHESION_WORDS])),
        _word_key((_WORD_OR_NUM.findall(f.text_last) or [""])[-1])
        if _end_class(f.text_last) == "open"
        else "",
        _bare_last_word(f.text_last) if e == "open" and f.heading is None and not f.title else "",
        len(" ".join(f.text_last.split())),
        len((f.text_first.split() or [""])[0]),
        e == "open" and (_WORD.findall(f.text_last) or [""])[-1].lower() in _FUNCTION,
    )
    memo[key] = out
    return out


def frag_end(f: Frag, width: float) -> str:
    """``_end_class`` of a fragment's last line, reading a short last line closed by a bracket as a sentence end.

    Why: a paragraph may end on a citation whose full stop the author or
    the extraction left out ("… markets” (ibid., p.22)"); a line that stops
    well short of the column width ends its paragraph.
    """
    e = _end_class(f.text_last)
    t = " ".join(f.text_last.split())
    if (
        e == "open"
        and t.endswith((")", "]"))
        and len(t) < 0.7 * width
        and f.heading is None
        and not f.title
    ):
        return "sent"
    return e


def _bare_last_word(s: str) -> str:
    """The last word of a line that ends on a letter ("… thus attributing"), lower case; else ""."""
    t = s.rstrip()
    m = re.search(r"(?:^|\s)([^\W\d_]+)$", t)
    return m.group(1).lower() if m else ""


def _is_proper(w: str, caps: Counter[str], lex: Lexicon) -> bool:
    """A capitalised first word that the document itself writes capitalised mid-sentence."""
    return (
        bool(w)
        and w[:1].isupper()
        and caps.get(w, 0) >= 2
        and caps.get(w, 0) > lex.vocab.get(w.lower(), 0) - caps.get(w, 0)
    )


def join_features(
    ev: Evidence, lex: Lexicon, bg: ClassBigrams, idx: np.ndarray, w: np.ndarray | None = None
) -> np.ndarray:
    """Pairwise feature tensor X[a, b, k] for fragments ``idx`` (a → b); with weights ``w``,
    the scores ``X @ w`` instead, computed a block of rows at a time without holding all of X
    (n² × features doubles: 200 MB at 700 fragments; the document priors score up to
    ``assemble._DOC_LIMIT`` fragments, where ``_pairwise`` still caches four n² matrices)."""
    n = len(idx)
    e = [ev.end[i] for i in idx]
    s = [ev.start[i] for i in idx]
    hy = np.array([x == "hyph" for x in e])[:, None]
    se = np.array([x == "sent" for x in e])[:, None]
    co = np.array([x == "colon" for x in e])[:, None]
    # a heading or title line ends without a full stop but is no open sentence
    op = np.array([x == "open" and not ev.heading[i] and not ev.title[i] for x, i in zip(e, idx)])[
        :, None
    ]
    lo = np.array([x == "lower" for x in s])[None, :]
    up = np.array([x == "upper" for x in s])[None, :]
    part = ev.partial[idx][None, :]
    # text evidence: the same in both solver passes
    valid, comp = _cached(ev, ("hyph", idx.tobytes()), lambda: _hyphen_pairs(ev, lex, idx))
    pos = ev.pos[idx]
    # input adjacency across a known column break says little (an extractor that emits whole columns
    # puts any column after any other): there it is one feature of its own, adj_break
    bottom = (ev.geo.bottom[idx] == 1) if ev.geo is not None else np.zeros(n, bool)
    adj_any = pos[None, :] == pos[:, None] + 1
    adj = adj_any & ~bottom[:, None]
    back = pos[None, :] == pos[:, None] - 1
    tight = adj & ev.tight[idx][None, :]
    cut = [ev.cut[i] for i in idx]
    soft = adj & np.array([c == "soft" for c in cut])[None, :]
    glue = adj & np.array([c == "glue" for c in cut])[None, :]
    plain = adj & np.array([c in ("head", "forced") for c in cut])[None, :]
    blank = adj & ev.blank[idx][None, :]
    fwd = pos[None, :] > pos[:, None]
    pmi = bg.pmi[ev.cls_last[idx][:, None], ev.cls_first[idx][None, :]] * (~hy)
    ti = ev.title[idx]
    he = ev.heading[idx]
    short = ev.short_last[idx][:, None]
    qc = ev.qopen[idx][:, None] & ev.qclose[idx][None, :]
    prop = ev.proper[idx][None, :]
    contra = (op & up & ~prop) | ((se | co) & lo) | (hy & ~valid)
    fe = ev.func_end[idx][:, None]
    # line breaking: B's first word would have fitted on A's last line, so a
    # typesetter would not have broken there (unless A ends its sentence)
    over = ev.last_len[idx][:, None] + 1 + ev.first_tok[idx][None, :] - ev.width
    mid = op
    cols = [
        np.ones((n, n), bool),
        hy & valid,
        hy & part & ~valid,
        hy & comp & ~part,
        hy & ~lo,
        ~hy & part,
        op & lo,
        op & up & ~prop,
        se & up,
        se & lo,
        co & up,
        co & lo,
        plain,
        blank,
        fwd,
        pmi,
        qc,
        ti[:, None] & ti[None, :],
        ti[:, None] & ~ti[None, :] & ~he[None, :],
        he[None, :] & (se | co | ti[:, None]),
        he[None, :] & (op | hy),
        ti[None, :] & ~ti[:, None],
        he[:, None] & ~tight,
        se & short & up,
        blank & se & up,
        tight & op & lo,
        back,
        soft,
        glue,
        (soft | glue) & hy & ~valid & ~comp,
        _pairwise(ev, "seen", idx, lambda: _bigram_seen(ev, bg, idx)) * (~hy),
        blank & (op | hy),
        op & up & prop,
        blank & contra,
        fe & up & ~prop,
        mid & (over <= -3),
        mid & (over <= -8),
    ]
    eb = _pairwise(
        ev, "en_bigram", idx, lambda: _en_bigram(ev, idx)
    )  # text evidence: same in both passes
    cols += [np.maximum(eb, 0.0), np.minimum(eb, 0.0)]
    cols += geo_features(ev.geo, idx)
    cols.append(adj_any & bottom[:, None])
    cols.append(_pairwise(ev, "cohesion", idx, lambda: _cohesion(ev, idx)))
    cols.append(_pairwise(ev, "char_lm", idx, lambda: _char_lm_pairs(ev, idx)) * op)
    cols.append(_jump_match(ev, idx) & ~adj_any)
    cols.append((adj_any & (op | hy) & ev.blank[idx][None, :]) * ev.adj_prior)
    # the extractor's habits place column breaks: a pair the geometry puts inside a column (A's
    # end or B's start certainly not at a column's foot / top) is no column break; asserted
    # only where the solver works in windows (``habit_gated``: see ``assemble._text_layout``)
    brk = ~adj_any
    if ev.geo is not None and ev.habit_gated:
        brk = brk & (ev.geo.bottom[idx] != 0)[:, None] & (ev.geo.top[idx] != 0)[None, :]
    cols.append(ev.jump_prior.feature(idx) * brk if ev.jump_prior is not None else brk * 0.0)
    cols.append(ev.page_prior.feature(idx) * brk if ev.page_prior is not None else brk * 0.0)
    cols.append(_pairs_matrix(ev.page_next, idx))
    # words_break: the text-only score again where the geometry puts A at a column's foot and B
    # at a column's top (filled per block below, from the text columns of that block).  Why: an
    # extractor that writes whole columns in any order leaves no file-order evidence at a column
    # break, yet the layout features (the learnt jump, runs, file position) weigh as much there
    # as inside a column; among column tops the words alone rank the true one first more often
    # than the full score does (dev: 0.50 against 0.37 at mid-sentence breaks)
    k_wb = FEATURES.index("words_break")
    gb = cols[FEATURES.index("geo_break")]
    cols.append(np.zeros((n, n)))
    assert len(cols) == len(FEATURES)
    # written a block of rows at a time: the block stays in cache while all its feature columns
    # are filled (column by column over the whole of X touches every cache line of X once per
    # feature); the block's rows are a multiple of 16, so the scores of each row come out of the
    # same BLAS kernel path as over the whole of X
    full = [np.broadcast_to(c, (n, n)) for c in cols]
    X = np.zeros((n, n, len(FEATURES)) if w is None else (min(n, _FILL_ROWS), n, len(FEATURES)))
    S = np.empty((n, n)) if w is not None else X
    for a0 in range(0, n, _FILL_ROWS):
        rows = min(_FILL_ROWS, n - a0)
        blk = X[a0 : a0 + rows] if w is None else X[:rows]
        for k, c in enumerate(full):
            blk[:, :, k] = c[a0 : a0 + rows]
        if ev.text_w is not None:
            blk[:, :, k_wb] = (blk @ ev.text_w) * np.broadcast_to(gb, (n, n))[a0 : a0 + rows]
        if w is not None:
            S[a0 : a0 + rows] = blk @ w
    return S


#: Rows of the pair tensor filled at a time (``join_features``): a block of a few MB.
_FILL_ROWS = 16


def _hyphen_pairs(ev: Evidence, lex: Lexicon, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(A's hyphen is completed by B into a known word, A's and B's words are both words: a compound)."""
    n = len(idx)
    valid = np.zeros((n, n), bool)
    comp = np.zeros((n, n), bool)
    for a in range(n):
        if ev.end[idx[a]] != "hyph":
            continue
        left = ev.last_word[idx[a]]
        lw_ok = lex.is_word(left)
        for b in range(n):
            right = ev.first_word[idx[b]]
            if not right or not ev.start[idx[b]] == "lower":
                continue
            hs = lex.hyph_strength(left, right)
            # a rare wordfreq string made with a very common word ("men-" + "to") proves little
            if hs >= 2 or (hs == 1 and _zipf(right.lower()) < 4.5):
                valid[a, b] = True
            elif lw_ok and lex.is_word(right):
                comp[a, b] = True
    return valid, comp


def _en_bigram(ev: Evidence, idx: np.ndarray) -> np.ndarray:
    """English bigram PMI of (A's last word, B's first word) for A ending mid-sentence on a bare word.

    Why: in a mid-sentence join the document's own bigrams are too sparse
    to tell "thus attributing | to it" from "thus attributing | democracy";
    general English knows that "therefore does" and "more than" are phrases
    and "the of" is not; after a hyphen, a listed pair makes a compound
    ("looking-glass").  Zero (no evidence) when A ends a sentence or on
    punctuation, or B starts with a number or a word the counts
    do not cover.  Computed per distinct word pair, so the cost is the
    number of distinct pairs, not of fragment pairs.
    """
    n = len(idx)
    out = np.zeros((n, n))
    lm = english_bigrams()
    if lm is None or n == 0:
        return out
    lw = [ev.join_word[i] for i in idx]
    fw = [ev.first_word[i].lower() if ev.start[i] in ("upper", "lower") else "" for i in idx]
    rows: dict[str, list[int]] = {}
    for a, w in enumerate(lw):
        if w:
            rows.setdefault(w, []).append(a)
    colw: dict[str, list[int]] = {}
    for b, w in enumerate(fw):
        if w:
            colw.setdefault(w, []).append(b)
    # each distinct word once: the fragments that share it take its row (column) of the table
    rw, cw = list(rows), list(colw)
    rid = np.full(n, -1)
    for k, w in enumerate(rw):
        rid[rows[w]] = k
    cid = np.full(n, -1)
    for k, w in enumerate(cw):
        cid[colw[w]] = k
    if rw and cw:
        table = lm.pmi_table(rw, cw)
        has = (rid >= 0)[:, None] & (cid >= 0)[None, :]
        out = np.where(has, table[rid][:, cid], 0.0)
    # a compound broken at its own hyphen ("looking-" | "glass"): English pairs the two words;
    # only a listed pair counts (a split word, "magi-" | "cal", is no pair and must not lose)
    # a function word on either side makes a phrase, not a compound ("to-" | "be", "it-" | "is":
    # "to-night", "it-self" are words the hyphen features judge)
    hrows: dict[str, list[int]] = {}
    for a, i in enumerate(idx):
        w = ev.last_word[i].lower()
        if ev.end[i] == "hyph" and w and w not in _FUNCTION:
            hrows.setdefault(w, []).append(a)
    for w1, ra in hrows.items():
        for w2, cb in colw.items():
            if w2 in _FUNCTION:
                continue
            v = lm.pmi(w1, w2)
            if v > 0:
                out[np.ix_(ra, cb)] = v
    return out


#: Words of each side a join's lexical cohesion compares.
_COHESION_WORDS = 40


def content_words(text: str) -> frozenset[str]:
    """Lower-case words of four letters or more that are not among the most common English words."""
    return frozenset(
        w for w in (t.lower() for t in _WORD.findall(text)) if len(w) >= 4 and _zipf(w) < 5.0
    )


def _cohesion(ev: Evidence, idx: np.ndarray) -> np.ndarray:
    """log(1 + shared content words) of A's last and B's first ``_COHESION_WORDS`` words.

    Why: consecutive paragraphs (and the two halves of a broken one) keep
    talking about the same things — names, places, the topic's own words —
    which no bigram at the join itself can see.
    """
    tails = [ev.tail_words[i] for i in idx]
    heads = [ev.head_words[i] for i in idx]
    n = len(idx)
    # shared words counted through an index word → fragments starting with it (content words
    # are rare, so the lists are short), not by n² set intersections
    starting: dict[str, list[int]] = {}
    for b, hb in enumerate(heads):
        for w in hb:
            starting.setdefault(w, []).append(b)
    shared = np.zeros((n, n), dtype=np.int64)
    for a, ta in enumerate(tails):
        for w in ta:
            bs = starting.get(w)
            if bs:
                shared[a, bs] += 1
    table = np.array([math.log1p(k) for k in range(int(shared.max(initial=0)) + 1)])
    return table[shared]


def _char_lm_pairs(ev: Evidence, idx: np.ndarray) -> np.ndarray:
    """Document character-model gain of B's start after A's end (see ``CharModel``), for A ending mid-sentence.

    Scored once per distinct (A's end, ``CharModel.right_key`` of B's start): many
    fragments end on the same characters ("the ", "of t") or start alike.
    """
    n = len(idx)
    out = np.zeros((n, n))
    cm = ev.char_model
    if cm is None or n == 0:
        return out
    lkeys: dict[str, int] = {}
    rkeys: dict[tuple[str, int], int] = {}
    rep: list[str] = []  # one B start per right key
    opened = np.array([ev.end[i] == "open" for i in idx], bool)
    lid = np.array([lkeys.setdefault(ev.char_left[i], len(lkeys)) for i in idx])
    rid = np.empty(n, dtype=np.int64)
    for b, i in enumerate(idx):
        k = cm.right_key(ev.char_right[i])
        if k not in rkeys:
            rkeys[k] = len(rkeys)
            rep.append(ev.char_right[i])
        rid[b] = rkeys[k]
    table = np.zeros((len(lkeys), len(rkeys)))
    lefts = list(lkeys)  # in index order
    scored = sorted(set(lid[opened].tolist()))  # only an open end is scored
    table[scored] = cm.score_rows([lefts[li] for li in scored], rep)
    out = table[lid[:, None], rid[None, :]]
    out[~opened] = 0.0
    np.fill_diagonal(out, 0.0)
    return out


def _bigram_seen(ev: Evidence, bg: ClassBigrams, idx: np.ndarray) -> np.ndarray:
    """log(1 + count) of the word bigram (A's last word, B's first word) elsewhere in the text.

    Why: an author repeats phrases ("the conquest of power"); a join that
    recreates one is likely right.  Only pairs inside fragments are counted
    (``ClassBigrams``): a pair across the input's own fragment boundaries is a
    join still to be decided, and counting it voted for the file order at
    every column break (dev hard joins 0.586 → 0.598 without it).
    """
    n = len(idx)
    out = np.zeros((n, n))
    lw = [ev.tail_word[i] for i in idx]
    fw = [ev.first_key[i] for i in idx]
    big = bg.word_bigrams
    for a in range(n):
        if not lw[a]:
            continue
        for b in range(n):
            c = big.get((lw[a], fw[b]), 0)
            if c:
                out[a, b] = math.log1p(c)
    return out


def _start_end(ev: Evidence, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    st = np.empty(len(idx))
    en = np.empty(len(idx))
    first_title = next((int(i) for i in idx if ev.title[i] and _title_block(ev, int(i))), None)
    for k, i in enumerate(idx):
        if ev.title[i]:
            st[k] = START_TITLE if i == first_title else START_UPPER
        elif ev.start[i] == "upper" and not ev.heading[i]:
            st[k] = START_UPPER
        elif ev.start[i] == "lower":
            st[k] = START_LOWER
        else:
            st[k] = START_OTHER
        en[k] = {"sent": END_SENT, "hyph": END_HYPH}.get(ev.end[i], END_OTHER)
        if ev.title[i] or ev.heading[i]:
            en[k] = END_OTHER
    return st, en


def _title_block(ev: Evidence, i: int) -> bool:
    """Whether title-like fragment ``i`` may be the text's title block: it opens the file, or
    another title-like line or a heading follows it there (a title over its author, a volume
    over its first chapter).

    Why: a lone title-like line inside running text ("Dear Sir" before a letter) is no
    title; given the title's start bonus it was moved to the top of a clean text.
    """
    if ev.pos[i] == 0:
        return True
    nxt = np.flatnonzero(ev.pos == ev.pos[i] + 1)
    return bool(nxt.size) and bool(ev.title[nxt[0]] or ev.heading[nxt[0]])


#: Score penalty of a join that its own text contradicts (see ``_contradiction``):
#: such a join is as bad as admitting a gap, so the solver takes it last.
_CONTRADICTION = 12.0


def contradictions(ev: Evidence, lex: Lexicon, idx: np.ndarray) -> np.ndarray:
    """Boolean matrix of contradicted joins among fragments ``idx`` (vectorised where cheap)."""
    n = len(idx)
    out = np.zeros((n, n))
    hy = [ev.end[i] == "hyph" for i in idx]
    part = ev.partial[idx]
    lowers = [int(i) for i in idx if ev.start[i] == "lower" and ev.first_word[i]]
    for a in idx[np.array(hy, bool)] if n else []:
        a = int(a)
        best = max(
            (lex.hyph_strength(ev.last_word[a], ev.first_word[b]) for b in lowers if b != a),
            default=0,
        )
        ev.hyph_alt[a] = max(ev.hyph_alt.get(a, 0), best)
    for a in range(n):
        if hy[a]:
            for b in range(n):
                out[a, b] = _contradiction(ev, lex, int(idx[a]), int(idx[b]))
        else:
            out[a, :] = part
            if ev.end[idx[a]] == "open" and not ev.heading[idx[a]] and not ev.title[idx[a]]:
                out[a, :] = np.maximum(out[a, :], ev.heading[idx])
    return out


def _contradiction(ev: Evidence, lex: Lexicon, a: int, b: int) -> bool:
    """Whether A → B cannot be a true succession on its own text: a gap.

    Why content only: a lost page usually leaves a mid-sentence end and a
    mid-sentence start that look like any other column break (measured on
    synthetic scrambles, their scores overlap); only a hyphen that nothing
    completes, a word fragment that no hyphen precedes, or a heading in the
    middle of a sentence proves the loss.
    """
    ea, sb = ev.end[a], ev.start[b]
    if ev.heading[b] and ea in ("hyph", "open") and not ev.heading[a] and not ev.title[a]:
        return True  # a heading never interrupts a sentence
    if ea == "hyph":
        right = ev.first_word[b]
        left = ev.last_word[a]
        if sb != "lower" or not right:
            return True
        strength = lex.hyph_strength(left, right)
        if strength >= 2 or strength >= ev.hyph_alt.get(a, 0):
            return strength == 0 and not (
                lex.fragment(right) or (lex.is_word(left) and lex.is_word(right))
            )
        # another fragment completes the word better: this one leaves it broken or makes a rare word
        return ev.hyph_alt.get(a, 0) >= 2
    return bool(ev.partial[b]) and ea != "hyph"


def proven_gap(ev: Evidence, lex: Lexicon, a: int, b: int) -> bool:
    """Whether the text itself proves material missing between A and B (what the report calls a gap).

    Stricter than ``_contradiction``, which also penalises joins that a
    better candidate beats ("un-" + "earthly" when "un-" + "derstand" is
    on offer) or that start on a rare word: such a join may still be right,
    and an editor should not be told text is missing there.  Proof is a
    heading inside a sentence, a hyphen nothing completes, or a word
    fragment after a finished sentence.
    """
    if not _contradiction(ev, lex, a, b):
        return False
    ea = ev.end[a]
    if ev.heading[b] and ea in ("hyph", "open") and not ev.heading[a] and not ev.title[a]:
        return True
    if ea == "hyph":
        return ev.start[b] != "lower" or lex.hyph_strength(ev.last_word[a], ev.first_word[b]) == 0
    return ea in ("sent", "colon")


#: A join whose text-only score beats every other candidate (as successor and as predecessor)
#: by this much (log-odds) is decided by its words; it shows how the extractor moved the text.
_TEXT_MARGIN = 2.0


def text_confident_joins(
    frags: Sequence[Frag], ev: Evidence, S: np.ndarray, idx: np.ndarray
) -> tuple[list[tuple[int, int]], int, int]:
    """Joins the words alone decide, among fragments ``idx`` with text-only scores ``S``.

    Returns the jumps ((source fragment, line displacement) of those that leave the input
    order) and how many keep / leave the input order.  Only fragments that end inside a
    sentence or on a hyphen are read: their successor is certain to exist and a column break
    certainly lies after them when it is not the next line.

    Why: extractors are consistent — a tool that wrote a page's columns right to left, or the
    pages back to front, makes the same jump in the file at every break, and one that keeps
    columns in order keeps them at every break.  A paragraph-boundary join, which text cannot
    decide, borrows what the confident ones show.
    """
    n = len(idx)
    jumps: list[tuple[int, int]] = []
    kept = left = 0
    if n < 3:
        return jumps, 0, 0
    for ia in range(n):
        a = int(idx[ia])
        if ev.end[a] not in ("open", "hyph") or ev.heading[a] or ev.title[a]:
            continue
        row = S[ia]
        ib = int(np.argmax(row))
        best = row[ib]
        if best - np.partition(row, -2)[-2] < _TEXT_MARGIN:
            continue
        col = S[:, ib]
        if best - np.partition(col, -2)[-2] < _TEXT_MARGIN or int(np.argmax(col)) != ia:
            continue
        b = int(idx[ib])
        if frags[b].pos != frags[a].pos + 1:
            jumps.append((a, frags[b].first_line - frags[a].last_line))
        if a + 1 < len(frags) and frags[a + 1].cut_before == "blank":  # a break lies after A
            kept += frags[b].pos == frags[a].pos + 1
            left += frags[b].pos != frags[a].pos + 1
    return jumps, kept, left


def _pairs_matrix(pairs: Sequence[tuple[int, int]], idx: np.ndarray) -> np.ndarray:
    """Boolean matrix over fragments ``idx`` (a → b) marking the fragment pairs ``pairs``."""
    out = np.zeros((len(idx), len(idx)), bool)
    if pairs:
        where = {int(f): k for k, f in enumerate(idx)}
        for a, b in pairs:
            if a in where and b in where:
                out[where[a], where[b]] = True
    return out


def _jump_match(ev: Evidence, idx: np.ndarray) -> np.ndarray:
    """Whether A → B makes (within a few lines) the same jump in the file as another confident join."""
    n = len(idx)
    out = np.zeros((n, n), bool)
    if not ev.jumps or not n:
        return out
    d = ev.first_line[idx][None, :] - ev.last_line[idx][:, None]
    rows = np.asarray(idx)
    for src, dj in ev.jumps:
        tol = max(2, round(0.04 * abs(dj)))
        out |= (np.abs(d - dj) <= tol) & (rows != src)[:, None]
    return out
