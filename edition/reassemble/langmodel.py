"""Language models that score text continuity across a join: the document's word-class
bigrams, general English word bigrams (symspellpy's offline counts) and the document's own
character n-gram model.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..text import CURLY_OPENING_MARKS as _OPEN_Q
from ..text import TRAILING_CLOSERS as _CLOSERS
from .textclass import _TOP_WORDS, _WORD_OR_NUM, _tokens, _wclass, _word_key

if TYPE_CHECKING:
    from .layout import Frag


class ClassBigrams:
    """PMI of word classes across a join, trained on the document's own certain joins.

    Why: every line break inside a fragment is a true succession, so the
    document teaches which word classes follow which ("the" → content
    word, never "the" → "the"); no external model, nothing downloaded.
    """

    def __init__(self, frags: Sequence[Frag]):
        # tokens repeat (Zipf): each distinct token is normalised and classed once
        per_frag = [[t for p in f.pieces for t in _tokens(p.text)] for f in frags]
        seen: Counter[str] = Counter(t for toks in per_frag for t in toks)
        cnt: Counter[str] = Counter()
        for t, c in seen.items():
            cnt[t.strip(_CLOSERS + _OPEN_Q + "(").lower()] += c
        self.top = {
            w: i
            for i, (w, _c) in enumerate(
                sorted(cnt.items(), key=lambda x: (-x[1], x[0]))[:_TOP_WORDS]
            )
        }
        k = 5 + _TOP_WORDS
        cls = {t: _wclass(t, self.top) for t in seen}
        pairs: Counter[tuple[int, int]] = Counter()
        for toks in per_frag:
            cl = [cls[t] for t in toks]
            pairs.update(zip(cl, cl[1:]))
        m = np.ones((k, k))
        for (a, b), c in pairs.items():
            m[a, b] += c
        # pairs inside a fragment only: a pair across two fragments is a join the solver has
        # still to decide, and counting the input's own neighbours would vote for file order
        self.word_bigrams: Counter[tuple[str, str]] = Counter()
        for f in frags:
            words = [_word_key(w) for p in f.pieces for w in _WORD_OR_NUM.findall(p.text)]
            self.word_bigrams.update(zip(words, words[1:]))
        row = m / m.sum(axis=1, keepdims=True)
        col = m.sum(axis=0) / m.sum()
        self.pmi = np.clip(np.log(row / col[None, :]), -3.0, 3.0)

    def cls_last(self, s: str) -> int:
        toks = _tokens(s)
        return _wclass(toks[-1], self.top) if toks else 0

    def cls_first(self, s: str) -> int:
        toks = _tokens(s)
        return _wclass(toks[0], self.top) if toks else 0


#: The English word-bigram and unigram counts (Google Books n-grams, as shipped
#: in the symspellpy wheel, MIT): read offline, never downloaded.
_EN_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
_EN_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
#: Bound of the English bigram PMI (in nats): beyond it the evidence is saturated.
_PMI_CLIP = 4.0


@dataclass(frozen=True)
class _EnglishBigrams:
    """Pointwise mutual information of English word pairs, from pruned n-gram counts.

    Why PMI and not P(w2 | w1): the solver matches every fragment to one
    successor, so what counts for "B follows A" is how much more likely B's
    first word is after A's last word than after any line end — a frequent
    word ("the") must not attract every open sentence.  The bigram list is
    pruned below a count ``floor``: a listed pair gives log(c / E), where E
    is the count expected if the two words were independent; an unlisted
    pair whose expected count is well above the floor is evidence *against*
    the pair ("the of"), so it gets log(floor/2 / E) < 0; an unlisted pair of
    rare words proves nothing (0).  Unigram and bigram counts come from
    different slices of the corpus, so E uses a ``scale`` measured on the
    frequent words (how much bigram mass a unigram count carries).
    """

    bigrams: dict[str, int]
    unigrams: dict[str, int]
    total: float
    floor: float
    scale: float
    #: words the bigram list has on the left (resp. right) at least once; the list
    #: leaves some words out altogether ("soviet"), and for those nothing is known
    lefts: frozenset[str] = frozenset()
    rights: frozenset[str] = frozenset()

    def log_expected(self, w1: str, w2: str) -> float | None:
        """log of the pair count expected under independence (None: a word unknown)."""
        u1, u2 = self.unigrams.get(w1), self.unigrams.get(w2)
        if not u1 or not u2 or w1 not in self.lefts or w2 not in self.rights:
            return None
        return math.log(self.scale) + math.log(u1) + math.log(u2) - math.log(self.total)

    def pmi_table(self, w1s: Sequence[str], w2s: Sequence[str]) -> np.ndarray:
        """``[[self.pmi(a, b) for b in w2s] for a in w1s]``: the same numbers, as an array.

        Why: a document's pair matrix asks for every (last word, first word) pair, tens of
        thousands; the logs are taken once per word and combined in ``log_expected``'s order
        (an elementwise sum rounds as the scalar one does), and only listed pairs are looked up.
        """
        out = np.zeros((len(w1s), len(w2s)))
        r = [i for i, w in enumerate(w1s) if self.unigrams.get(w) and w in self.lefts]
        c = [j for j, w in enumerate(w2s) if self.unigrams.get(w) and w in self.rights]
        if not r or not c:
            return out
        l1 = np.array([math.log(self.scale) + math.log(self.unigrams[w1s[i]]) for i in r])
        l2 = np.array([math.log(self.unigrams[w2s[j]]) for j in c])
        le = (l1[:, None] + l2[None, :]) - math.log(self.total)
        v = np.minimum(0.0, math.log(self.floor / 2) - le)
        for a, i in enumerate(r):
            for b, j in enumerate(c):
                n = self.bigrams.get(f"{w1s[i]} {w2s[j]}")
                if n:
                    v[a, b] = math.log(n) - le[a, b]
        out[np.ix_(r, c)] = np.maximum(-_PMI_CLIP, np.minimum(_PMI_CLIP, v))
        return out

    def pmi(self, w1: str, w2: str) -> float:
        """Clipped PMI of "w1 w2" (lower-case words); 0 when nothing is known."""
        le = self.log_expected(w1, w2)
        if le is None:
            return 0.0
        c = self.bigrams.get(f"{w1} {w2}")
        v = math.log(c) - le if c else min(0.0, math.log(self.floor / 2) - le)
        return max(-_PMI_CLIP, min(_PMI_CLIP, v))


def _read_counts(text: str) -> dict[str, int]:
    """Parse "words… count" lines (the symspellpy dictionary format); bad lines are skipped."""
    out: dict[str, int] = {}
    for line in text.splitlines():
        k, _, c = line.rpartition(" ")
        if k and c.isdigit():
            out[k] = int(c)
    return out


@lru_cache(maxsize=1)
def english_bigrams() -> _EnglishBigrams | None:
    """The English bigram model, read once (~0.4 s); None when symspellpy's data are missing.

    Why optional at run time: the reassembler still works (a little worse)
    without the data; the dependency is declared, so this is only a guard.
    """
    try:
        from importlib.resources import files

        root = files("symspellpy")
        bigrams = _read_counts((root / _EN_BIGRAMS).read_text(encoding="utf-8"))
        unigrams = _read_counts((root / _EN_UNIGRAMS).read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        import warnings

        warnings.warn(
            "symspellpy's English bigram counts are missing; reading order uses the document's own evidence only",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    if not bigrams or not unigrams:
        return None
    # bigram mass per unigram count, on the most frequent words (least affected by pruning):
    # the upper quartile, since pruning only ever removes mass
    top = sorted(unigrams, key=lambda w: (-unigrams[w], w))[:200]
    topset = set(top)
    left: Counter[str] = Counter()
    lefts: set[str] = set()
    rights: set[str] = set()
    for k, c in bigrams.items():
        w1, _, w2 = k.partition(" ")
        lefts.add(w1)
        rights.add(w2)
        if w1 in topset:
            left[w1] += c
    ratios = sorted(left[w] / unigrams[w] for w in top)
    scale = ratios[(3 * len(ratios)) // 4]
    return _EnglishBigrams(
        bigrams,
        unigrams,
        float(sum(unigrams.values())),
        float(min(bigrams.values())),
        scale,
        frozenset(lefts),
        frozenset(rights),
    )


#: Order of the document's character model and how many characters of B it reads across a join.
_CHAR_N = 5
_CHAR_SPAN = 10
_CHAR_TRAIN = 1_000_000


def _lower_orders(top: Counter[str], tails: Counter[str]) -> list[Counter[str]]:
    """Every order's counts from the highest order's and those of the k-grams near a text's end.

    Why: a k-gram that starts an n-gram is that n-gram's prefix, so summing the n-gram
    counts by prefix counts it, and only the k-grams of a text's last n - 1 characters
    remain; three times faster than counting every order over the text.
    """
    counts: list[Counter[str]] = [Counter() for _ in range(_CHAR_N + 1)]
    counts[_CHAR_N] = top
    for k in range(1, _CHAR_N):
        ck = counts[k]
        for g, v in top.items():
            ck[g[:k]] += v
    for g, v in tails.items():
        counts[len(g)][g] += v
    return counts


class CharModel:
    """A character n-gram model of the document's own running text (inside fragments), with simple back-off.

    Why: across a mid-sentence join the document itself knows which
    letters follow which words ("of th", "to b", "s of "), smoothed below
    the word level, where its word bigrams are too sparse.
    """

    def __init__(self, frags: Sequence[Frag]):
        size = sum(len(p.text) for f in frags for p in f.pieces)
        # a huge input trains on an even sample of its fragments: a million characters teach all it can
        # (and no fragment teaches more than that: a single 10 MB line is one fragment)
        top: Counter[str] = Counter()  # the highest order's counts
        tails: Counter[str] = Counter()  # the k-grams too near a text's end to begin an n-gram
        for f in frags[:: max(1, size // _CHAR_TRAIN)]:
            t = " " + " ".join(" ".join(p.text for p in f.pieces).lower().split()) + " "
            t = t[:_CHAR_TRAIN]
            # Counter.update counts an iterable in C: the same counts as a loop, 3-4 times faster
            top.update(t[i : i + _CHAR_N] for i in range(len(t) - _CHAR_N + 1))
            tails.update(
                t[i : i + k]
                for k in range(1, _CHAR_N)
                for i in range(max(0, len(t) - _CHAR_N + 1), len(t) - k + 1)
            )
        self.counts: list[Counter[str]] = _lower_orders(top, tails)
        self.total = max(1, sum(self.counts[1].values()))
        self.vocab = max(1, len(self.counts[1]))
        self._memo: dict[tuple[str, str], float] = {}

    def score_rows(self, lefts: Sequence[str], rights: Sequence[str]) -> np.ndarray:
        """``[[self.score(a, b) for b in rights] for a in lefts]``: the same numbers, as an array.

        Why: the pair matrix scores every open fragment end against every fragment start
        (``features._char_lm_pairs``), a few hundred thousand pairs.  The term of B's letter j
        depends only on A's last ``_CHAR_N - 1 - j`` characters and B's first j + 1, so it is
        computed once per distinct (A's suffix, B's prefix) and spread by index; the terms
        are then added in ``score``'s order, so each sum rounds exactly as there.
        """
        span = [r[:_CHAR_SPAN] for r in rights]
        out = np.zeros((len(lefts), len(span)))
        if not span:
            return out
        ctx_n = _CHAR_N - 1
        pids: list[np.ndarray] = []  # per letter j: each B's prefix of j + 1 letters, as an index
        prefixes: list[list[str]] = []
        bases: list[np.ndarray] = []  # per letter j: its term after a bare space (0 past B's end)
        for j in range(ctx_n):
            ids: dict[str, int] = {}
            pid = np.array(
                [ids.setdefault(r[: j + 1], len(ids)) if len(r) > j else -1 for r in span]
            )
            pre = list(ids)
            base = np.array([self._lp((" " + p[:j])[-ctx_n:], p[j]) for p in pre] + [0.0])
            pids.append(pid)
            prefixes.append(pre)
            bases.append(base[pid])  # pid -1 reads the trailing 0.0
        rows: dict[tuple[int, str], np.ndarray] = {}
        length = np.maximum(1, [len(r) for r in span])
        for i, left in enumerate(lefts):
            gain = np.zeros(len(span))
            for j in range(ctx_n):
                suffix = left[-(ctx_n - j) :]
                terms = rows.get((j, suffix))
                if terms is None:
                    vals = [self._lp((suffix + p[:j])[-ctx_n:], p[j]) for p in prefixes[j]]
                    terms = rows[(j, suffix)] = np.array(vals + [0.0])
                gain = gain + (terms[pids[j]] - bases[j])
            out[i] = gain / length
        return out

    def logp(self, ctx: str, ch: str) -> float:
        """log P(ch | ctx) by stupid back-off (factor 0.4) down to add-one unigrams."""
        pen = 0.0
        for k in range(min(len(ctx), _CHAR_N - 1), 0, -1):
            h = ctx[-k:]
            den = self.counts[k].get(h, 0)
            if den:
                num = self.counts[k + 1].get(h + ch, 0)
                if num:
                    return pen + math.log(num / den)
            pen += math.log(0.4)
        return pen + math.log((self.counts[1].get(ch, 0) + 1) / (self.total + self.vocab))

    def score(self, left: str, right: str) -> float:
        """Mean log-probability gain of ``right``'s first characters after ``left`` over after a bare space.

        Only the first ``_CHAR_N - 1`` characters see the left context; the
        later terms are the same after ``left`` and after a space and cancel.
        """
        r = right[:_CHAR_SPAN]
        gain = 0.0
        for j in range(min(len(r), _CHAR_N - 1)):
            gain += self._lp((left + r[:j])[-(_CHAR_N - 1) :], r[j]) - self._lp(
                (" " + r[:j])[-(_CHAR_N - 1) :], r[j]
            )
        return gain / max(1, len(r))

    @staticmethod
    def right_key(right: str) -> tuple[str, int]:
        """All ``score`` reads of ``right``: the characters that see the left context, and the length it averages over."""
        r = right[:_CHAR_SPAN]
        return r[: _CHAR_N - 1], len(r)

    def _lp(self, ctx: str, ch: str) -> float:
        key = (ctx, ch)
        v = self._memo.get(key)
        if v is None:
            v = self._memo[key] = self.logp(ctx, ch)
        return v
