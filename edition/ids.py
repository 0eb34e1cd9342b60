"""Ids: permanent segment ids, carried across rebuilds.

Why not positional, and why not a hash of the text: translations are keyed
by segment id (the catalogue's msgctxt).  Positional ids shift on every
insertion; a content hash changes on every correction.  Either would orphan
translators' work.  Instead the committed TEI is the id registry: at each
build the new sentence sequence is reconciled with the previous one

1. by a diff of normalised texts (unchanged runs keep their ids, in order);
2. inside each changed run, old and new sentences are paired by similarity
   (an edited sentence keeps its id) — monotone, best pairs first;
3. a sentence that moved elsewhere (a paragraph moved) is found by exact or
   near-exact text anywhere among the still-unmatched old sentences;
4. anything left is new and gets the next number above the high-water mark,
   which is stored in the TEI header so a deleted id is never reused.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from .model import Document
from .text import sentence_key

#: Two sentences at least this similar (0–1) are "the same sentence, edited".
EDIT_SIMILARITY = 0.5
#: A moved sentence must be nearly identical to be recognised far from its place.
MOVE_SIMILARITY = 0.8
#: Above this combined length (characters) two sentences are compared by their
#: word trigrams, in linear time, instead of character by character.
LONG_PAIR = 8000


def similarity(a: str, b: str, cutoff: float = 0.0) -> float:
    """Similarity of two normalised sentences in [0, 1]; 0.0 when below ``cutoff``.

    Short pairs: the character-level Indel ratio (2·LCS / total length, what
    ``difflib`` approximates), computed by rapidfuzz's bit-parallel
    algorithm.  Long pairs (a run-on "sentence" of a badly extracted PDF, a
    1 MB line): the Dice overlap of their word-trigram multisets, linear in
    the length.  Why: ``difflib.SequenceMatcher`` is quadratic, and a 22 KB
    sentence took 10 s per comparison; ids only need "the same sentence,
    edited" to be told from "another sentence".
    """
    if not a and not b:
        return 1.0
    if len(a) + len(b) <= LONG_PAIR:
        return Indel.normalized_similarity(a, b, score_cutoff=cutoff)
    ta, tb = _trigrams(a), _trigrams(b)
    total = sum(ta.values()) + sum(tb.values())
    score = 2 * sum((ta & tb).values()) / total if total else 1.0
    return score if score >= cutoff else 0.0


def _trigrams(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of consecutive word triples (single words for texts under three words)."""
    w = text.split()
    if len(w) < 3:
        return Counter((x,) for x in w)
    return Counter(zip(w, w[1:], w[2:]))


def _pair_changed_run(
    old: list[int], new: list[int], okeys: list[str], nkeys: list[str]
) -> list[tuple[int, int]]:
    """Monotone pairing of old/new sentences inside one changed run, by similarity.

    Greedy on the best pairs first while keeping order (a small run: a
    paragraph or two), so "a word changed" and "a sentence split off" keep
    the id on the closest counterpart.
    """
    cands = []
    for i in old:
        for j in new:
            s = similarity(okeys[i], nkeys[j], EDIT_SIMILARITY)
            if s >= EDIT_SIMILARITY:
                cands.append((-s, i, j))
    cands.sort()
    chosen: list[tuple[int, int]] = []
    for _s, i, j in cands:
        if any(i == a or j == b or (i < a) != (j < b) for a, b in chosen):
            continue
        chosen.append((i, j))
    return chosen


def reconcile(previous: list[str], current: list[str]) -> list[int | None]:
    """For each current sentence, the index of the previous sentence it continues (or None)."""
    okeys, nkeys = [sentence_key(t) for t in previous], [sentence_key(t) for t in current]
    result: list[int | None] = [None] * len(current)
    used: set[int] = set()
    sm = SequenceMatcher(None, okeys, nkeys, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                result[j1 + k] = i1 + k
                used.add(i1 + k)
        elif tag == "replace" and (i2 - i1) * (j2 - j1) <= 400:
            for i, j in _pair_changed_run(list(range(i1, i2)), list(range(j1, j2)), okeys, nkeys):
                result[j] = i
                used.add(i)
    # Moves: unmatched new sentences found among unmatched old ones anywhere.
    free_old: dict[str, list[int]] = {}
    for i, key in enumerate(okeys):
        if i not in used:
            free_old.setdefault(key, []).append(i)
    for j, key in enumerate(nkeys):
        if result[j] is None and free_old.get(key):
            i = free_old[key].pop(0)
            result[j] = i
            used.add(i)
    left_old = [i for i in range(len(okeys)) if i not in used]
    if left_old and len(left_old) * sum(1 for r in result if r is None) <= 250_000:
        for j, key in enumerate(nkeys):
            if result[j] is not None:
                continue
            best, best_i = MOVE_SIMILARITY, None
            for i in left_old:
                if i in used:
                    continue
                s = similarity(okeys[i], key, best)
                if s >= best:
                    best, best_i = s, i
            if best_i is not None:
                result[j] = best_i
                used.add(best_i)
    return result


def format_id(prefix: str, n: int) -> str:
    """``bbe-0042``: an NCName (valid xml:id), sortable, readable in a PO editor."""
    return f"{prefix}-{n:04d}"


def id_number(sid: str, prefix: str) -> int | None:
    """The number of an id minted with ``prefix``, or None for a foreign id."""
    m = re.fullmatch(re.escape(prefix) + r"-(\d+)", sid)
    return int(m.group(1)) if m else None


def assign_ids(doc: Document, previous: list[tuple[str, str]], high_water: int, prefix: str) -> int:
    """Set ``id`` on every sentence of ``doc``; return the new high-water mark.

    ``previous`` is the (id, text) sequence of the committed edition, in
    document order; ``high_water`` the largest number ever minted (kept in
    the TEI header, so deleted ids stay retired).
    """
    sentences = list(doc.sentences())
    prev_texts = [t for _i, t in previous]
    mapping = reconcile(prev_texts, [s.text for s in sentences])
    hw = max([high_water, *(id_number(i, prefix) or 0 for i, _t in previous)])
    seen: set[str] = set()
    for s, m in zip(sentences, mapping):
        sid = previous[m][0] if m is not None else None
        if sid is None or sid in seen:
            hw += 1
            sid = format_id(prefix, hw)
        s.id = sid
        seen.add(sid)
    return hw
