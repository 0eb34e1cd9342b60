"""Global order: a maximum-weight Hamiltonian path through the fragments (exact dynamic
programming, assignment relaxation with repairs, one Held–Karp over blocks).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np


def _hungarian(cost: np.ndarray) -> np.ndarray:
    """Minimum-cost assignment (row → column) of a square matrix, O(n³).

    Shortest augmenting paths with potentials (Kuhn–Munkres as in
    Jonker–Volgenant), the inner loop vectorised with numpy.
    """
    n = cost.shape[0]
    inf = float("inf")
    u = np.zeros(n + 1)
    v = np.zeros(n + 1)
    p = np.zeros(n + 1, dtype=int)
    way = np.zeros(n + 1, dtype=int)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = np.full(n + 1, inf)
        used = np.zeros(n + 1, dtype=bool)
        while True:
            used[j0] = True
            i0 = p[j0]
            cur = cost[i0 - 1] - u[i0] - v[1:]
            free = ~used[1:]
            upd = free & (cur < minv[1:])
            mv = minv[1:]
            mv[upd] = cur[upd]
            way[1:][upd] = j0
            cand = np.where(free, mv, inf)
            j1 = int(np.argmin(cand)) + 1
            delta = cand[j1 - 1]
            u[p[used]] += delta
            v[used] -= delta
            mv[free] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    ans = np.zeros(n, dtype=int)
    for j in range(1, n + 1):
        ans[p[j] - 1] = j - 1
    return ans


def ext_matrix(
    S: np.ndarray, st: np.ndarray, en: np.ndarray, G: int = 0, gamma: float = -1e6
) -> np.ndarray:
    """Join scores over the fragments, ``G`` gap nodes, a parking node and the start/end node.

    Layout: fragments ``0..n-1``, gap nodes ``n..n+G-1``, parking node
    ``q = n+G``, start/end node ``d = n+G+1`` (last); forbidden = -1e6.
    A lost page is a path a → gap → b with score ``gamma`` (a constant:
    material can go missing at any line).  Unused gap nodes park for free
    at the start (d → gap… → q → first fragment), so they cost nothing, and
    since the first fragment is reached from q, parking cannot dodge the
    start scores ``st``; for the same reason a fragment with a positive
    start score (the title block) pays it back when it follows a gap node.
    """
    n = S.shape[0]
    q, d = n + G, n + G + 1
    M = np.full((d + 1, d + 1), -1e6)
    M[:n, :n] = S
    M[q, :n] = st
    M[:n, d] = en
    M[d, q] = 0.0
    if G:
        M[:n, n:q] = gamma
        # a fragment with a start bonus (the title block) does not come back after a lost
        # page for free: that would let the path skip the start it is owed
        M[n:q, :n] = -np.maximum(st, 0.0)[None, :]
        M[n:q, n:q] = 0.0
        M[n:q, q] = 0.0
        M[d, n:q] = 0.0
    np.fill_diagonal(M, -1e6)
    return M


def _path_score(M: np.ndarray, path: Sequence[int]) -> float:
    d = M.shape[0] - 1
    q = np.array([d, *path, d])
    return float(M[q[:-1], q[1:]].sum())


def _exact(M: np.ndarray) -> list[int]:
    """Held–Karp dynamic programme: the best path for a handful of fragments."""
    n = M.shape[0] - 1
    S = M[:n, :n]
    full = 1 << n
    dp = np.full((full, n), -np.inf)
    par = np.full((full, n), -1, dtype=int)
    for j in range(n):
        dp[1 << j, j] = M[n, j]
    for mask in range(1, full):
        row = dp[mask]
        if not np.isfinite(row).any():
            continue
        cand = row[:, None] + S  # from j to k
        best_from = np.argmax(cand, axis=0)
        best = cand[best_from, np.arange(n)]
        for k in range(n):
            if mask & (1 << k):
                continue
            nm = mask | (1 << k)
            if best[k] > dp[nm, k]:
                dp[nm, k] = best[k]
                par[nm, k] = best_from[k]
    last = dp[full - 1] + M[:n, n]
    k = int(np.argmax(last))
    mask = full - 1
    path = []
    while k >= 0:
        path.append(k)
        pk = par[mask, k]
        mask &= ~(1 << k)
        k = int(pk)
    return path[::-1]


def _assignment_path(M: np.ndarray) -> list[int]:
    """Assignment relaxation, then Karp-style patching of its cycles into one path."""
    n1 = M.shape[0]
    succ = _hungarian(-M)
    # cycles
    seen = np.zeros(n1, bool)
    cycles: list[list[int]] = []
    for s in range(n1 - 1, -1, -1):  # start with the dummy node so cycles[0] holds it
        if seen[s]:
            continue
        cyc = []
        x = s
        while not seen[x]:
            seen[x] = True
            cyc.append(x)
            x = int(succ[x])
        cycles.append(cyc)
    main = cycles[0]
    rest = sorted(cycles[1:], key=lambda c: -len(c))
    while rest:
        best = None
        for ci, cyc in enumerate(rest):
            a = np.array(main)
            b = np.array([succ[x] for x in main])
            c = np.array(cyc)
            d = np.array([succ[x] for x in cyc])
            # replace a→b and c→d by a→d and c→b
            gain = (
                M[a[:, None], d[None, :]]
                + M[c[None, :], b[:, None]]
                - M[a, b][:, None]
                - M[c, d][None, :]
            )
            k = np.unravel_index(int(np.argmax(gain)), gain.shape)
            g = float(gain[k])
            if best is None or g > best[0]:
                best = (g, ci, int(a[k[0]]), int(c[k[1]]))
        assert best is not None  # rest is non-empty, so some cycle was scored
        _g, ci, x, y = best
        bx, dy = int(succ[x]), int(succ[y])
        succ[x], succ[y] = dy, bx
        main = main + rest.pop(ci)
    path = []
    x = int(succ[n1 - 1])
    while x != n1 - 1:
        path.append(x)
        x = int(succ[x])
    return path


def _or_opt(M: np.ndarray, path: list[int], max_rounds: int = 30) -> list[int]:
    """Move segments of 1–3 fragments to their best place while the score improves.

    The path is held as arrays (the node sequence with the start/end node at both ends, and
    the score of each of its joins), rebuilt only after a move: the same arithmetic as
    reading every candidate place off lists, without building them for each segment.
    """
    d = M.shape[0] - 1
    for _ in range(max_rounds):
        improved = False
        for L in (1, 2, 3):
            i = 0
            q = np.array([d, *path, d])
            e = M[q[:-1], q[1:]]  # e[k]: score of the join q[k] → q[k + 1]
            while i + L <= len(path):
                # segment q[i+1 .. i+L]
                a, s0, s1, b = q[i], q[i + 1], q[i + L], q[i + L + 1]
                remove_gain = M[a, b] - M[a, s0] - M[s1, b]
                rest = np.concatenate((q[: i + 1], q[i + L + 1 :]))
                x = rest[:-1]
                y = rest[1:]
                mxy = np.concatenate((e[:i], M[a, b : b + 1], e[i + L + 1 :]))
                delta = remove_gain + M[x, s0] + M[s1, y] - mxy
                j = int(np.argmax(delta))
                if delta[j] > 1e-9 and j != i:
                    seg = path[i : i + L]
                    rem = path[:i] + path[i + L :]
                    path = rem[:j] + seg + rem[j:]
                    improved = True
                    q = np.array([d, *path, d])
                    e = M[q[:-1], q[1:]]
                i += 1
        if not improved:
            break
    return path


def _block_opt(M: np.ndarray, path: list[int], rounds: int = 4) -> list[int]:
    """Re-solve the order of whole blocks: runs of mutually best joins.

    Why: or-opt moves at most three fragments, but a wrong join early in
    the patching can misplace a whole column; once the solid runs are
    fixed, the order of the blocks is a much smaller instance of the same
    problem, solved the same way (exactly when small).  A new order is kept
    only if the total score improves.
    """
    d = M.shape[0] - 1
    R0 = M[:d, :d].copy()
    best_succ = np.argmax(R0, axis=1)
    best_pred = np.argmax(R0, axis=0)
    for _ in range(rounds):
        blocks: list[list[int]] = [[path[0]]]
        for a, b in zip(path, path[1:]):
            if best_succ[a] == b and best_pred[b] == a:
                blocks[-1].append(b)
            else:
                blocks.append([b])
        k = len(blocks)
        if k < 3:
            return path
        firsts = np.array([bl[0] for bl in blocks])
        lasts = np.array([bl[-1] for bl in blocks])
        B = np.full((k + 1, k + 1), -1e6)
        B[:k, :k] = M[lasts[:, None], firsts[None, :]]
        np.fill_diagonal(B, -1e6)
        B[k, :k] = M[d, firsts]
        B[:k, k] = M[lasts, d]
        order = _exact(B) if k <= 10 else _or_opt(B, _assignment_path(B))
        cand = [x for i in order for x in blocks[i]]
        if _path_score(M, cand) <= _path_score(M, path) + 1e-9:
            return path
        path = cand
    return path


def _heading_penalty(nums: Sequence[int | None], path: Sequence[int]) -> float:
    """Pairs of numbered headings out of order (2 before 1), weighted."""
    seq = np.array([nums[x] for x in path if nums[x] is not None])
    bad = sum(int((seq[i + 1 :] < seq[i]).sum()) for i in range(len(seq) - 1))
    return 20.0 * bad


def _section_repair(
    M: np.ndarray,
    path: list[int],
    nums: Sequence[int | None],
    n: int,
    gamma: float | None,
    strong: float = 0.5,
    memo: dict[tuple[str, int], float] | None = None,
) -> list[int]:
    """Move whole blocks (runs of confident joins) until numbered headings are in order.

    Why blocks: a heading's section material hangs on it by confident
    joins; moving single fragments would tear sections apart.  Every
    heading starts a block of its own; gap and parking nodes break blocks.
    """
    if _heading_penalty(nums, path) == 0:
        return path
    conf = [
        _join_conf(M, a, b, n, gamma, memo=memo) if a < n and b < n else 0.0
        for a, b in zip(path, path[1:])
    ]
    blocks: list[list[int]] = [[path[0]]]
    for (_a, b), c in zip(zip(path, path[1:]), conf):
        if c >= strong and nums[b] is None:
            blocks[-1].append(b)
        else:
            blocks.append([b])
    if len(blocks) > 120:
        return path

    def score(bl: list[list[int]]) -> float:
        p = [x for blk in bl for x in blk]
        return _path_score(M, p) - _heading_penalty(nums, p)

    q = len(nums) - 1  # the parking node: the text starts after it

    def first_slot(bl: list[list[int]]) -> int:
        # nothing may move before the parking node: a block parked among the unused
        # gap nodes would dodge its start score (a heading ahead of the title block)
        return next((k + 1 for k, blk in enumerate(bl) if q in blk), 0)

    cur = score(blocks)
    for _ in range(20):
        best = None
        for i in range(len(blocks)):
            if nums[blocks[i][0]] is None and len(blocks) > 60:
                continue  # beyond 60 blocks only heading blocks move (bounded cost: headings × blocks)
            rem = blocks[:i] + blocks[i + 1 :]
            for j in range(first_slot(rem), len(rem) + 1):
                if j == i:
                    continue
                cand = rem[:j] + [blocks[i]] + rem[j:]
                sc = score(cand)
                if sc > cur + 1e-9 and (best is None or sc > best[0]):
                    best = (sc, cand)
        if best is None:
            break
        cur, blocks = best
    return [x for blk in blocks for x in blk]


#: Blocks the exact block reordering (``block_exact``) permutes at most, and its rounds.
_LNS_BLOCKS = 14
_LNS_ROUNDS = 3


@functools.lru_cache(maxsize=4)
def _subsets(B: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Per subset size s of B nodes: the subsets (bitmasks), their members in increasing order
    (L × s), the nodes outside them (L × (B − s)), and the flat index of W[member, outsider]
    laid out (L, outsider, member).  The same for every call with B nodes: made once."""
    allm = np.arange(1 << B, dtype=np.int64)
    member = ((allm[:, None] >> np.arange(B)[None, :]) & 1).astype(bool)
    pop = member.sum(axis=1)
    out = []
    for size in range(B):
        masks = allm[pop == size]
        mem = member[masks]
        js = np.nonzero(mem)[1].reshape(len(masks), size)
        ks = np.nonzero(~mem)[1].reshape(len(masks), B - size)
        out.append((masks, js, ks, js[:, None, :] * B + ks[:, :, None]))
    return out


def held_karp(
    W: np.ndarray, start: np.ndarray, end: np.ndarray, pred: Sequence[int]
) -> list[int] | None:
    """Best order of B nodes (join scores W, start/end scores) in which node k follows every node of bitmask pred[k].

    Held–Karp over subsets, vectorised over all subsets of one size at a
    time; a subset's path can only end on one of its members and go on to a
    node outside it, so only those pairs are scored (the first best member,
    as an argmax over all nodes would pick).  None when the precedences
    admit no order.
    """
    B = W.shape[0]
    full = 1 << B
    dp = np.full((full, B), -np.inf)
    par = np.full((full, B), -1, dtype=np.int64)
    pred_a = np.array(pred, dtype=np.int64)
    bits = (1 << np.arange(B)).astype(np.int64)
    for k in range(B):
        if pred_a[k] == 0:
            dp[bits[k], k] = start[k]
    Wf = np.ascontiguousarray(W).ravel()
    for size, (masks, js, ks, jk) in enumerate(_subsets(B)):
        if size == 0:
            continue
        rows = dp[masks]  # (L, B)
        live = np.isfinite(rows).any(axis=1)
        if not live.all():
            masks, rows, js, ks, jk = masks[live], rows[live], js[live], ks[live], jk[live]
        if not len(masks):
            continue
        li = np.arange(len(masks))[:, None]
        cand = rows[li, js][:, None, :] + Wf[jk]  # (L, to k, from j)
        pos = np.argmax(cand, axis=2)
        best = np.take_along_axis(cand, pos[:, :, None], axis=2)[:, :, 0]
        best_from = np.take_along_axis(js, pos, axis=1)
        ok = ((masks[:, None] & pred_a[ks]) == pred_a[ks]) & np.isfinite(best)
        lr, kc = np.nonzero(ok)
        to = ks[lr, kc]
        nm = masks[lr] | bits[to]
        dp[nm, to] = best[lr, kc]
        par[nm, to] = best_from[lr, kc]
    last = dp[full - 1] + end
    if not np.isfinite(last).any():
        return None
    k = int(np.argmax(last))
    mask = full - 1
    out = []
    while k >= 0:
        out.append(k)
        pk = int(par[mask, k])
        mask &= ~(1 << k)
        k = pk
    return out[::-1]


def block_exact(
    M: np.ndarray,
    path: list[int],
    nums: Sequence[int | None],
    n: int,
    gamma: float | None,
    memo: dict[tuple[str, int], float] | None = None,
) -> list[int]:
    """Re-order, exactly, the blocks between the least confident joins (a large-neighbourhood search).

    Why: a column break wrongly decided forces others (each bottom needs one
    top), so errors come in cycles that moving one fragment or one block at
    a time cannot undo, and numbered headings out of order may need several
    blocks moved at once.  Cutting the path at its ``_LNS_BLOCKS - 1``
    weakest joins and solving the block order by Held–Karp, with headings
    forced into numerical order, finds the best combination of those joins;
    a few rounds move the window of weak joins.
    """
    d = M.shape[0] - 1
    nums_d = list(nums) + [None]
    heads = [x for x in nums if x is not None]
    strict = len(heads) == len(set(heads))  # distinct numbers: a heading order can be enforced
    best_path = path
    best_score = _path_score(M, path) - _heading_penalty(nums, path)
    for r in range(_LNS_ROUNDS):
        cur = best_path
        joins = list(zip(cur, cur[1:]))
        forced = {k for k, (a, b) in enumerate(joins) if (a >= n and b < n) or (a < n and b >= n)}
        weak = sorted(
            (k for k, (a, b) in enumerate(joins) if a < n and b < n),
            key=lambda k: _join_conf(M, joins[k][0], joins[k][1], n, gamma, memo=memo),
        )
        room = _LNS_BLOCKS - 1 - len(forced)
        if room <= 0:
            return best_path
        lo = r * (room // 2)
        chosen = set(weak[lo : lo + room]) | forced
        if len(chosen) <= len(forced):
            break
        blocks: list[list[int]] = [[cur[0]]]
        for k, (_a, b) in enumerate(joins):
            if k in chosen:
                blocks.append([b])
            else:
                blocks[-1].append(b)
        B = len(blocks)
        firsts = [blk[0] for blk in blocks]
        lasts = [blk[-1] for blk in blocks]
        W = M[np.ix_(lasts, firsts)].copy()
        np.fill_diagonal(W, -np.inf)
        start = M[d, firsts]
        end = M[lasts, d]
        pred = [0] * B
        if strict:
            rng = [[v for x in blk if (v := nums_d[x]) is not None] for blk in blocks]
            for i in range(B):
                for j in range(B):
                    if i != j and rng[i] and rng[j] and max(rng[j]) < min(rng[i]):
                        pred[i] |= 1 << j
        order = held_karp(W, start, end, pred)
        if order is None:
            continue
        cand = [x for i in order for x in blocks[i]]
        sc = _path_score(M, cand) - _heading_penalty(nums, cand)
        if sc > best_score + 1e-9:
            best_path, best_score = cand, sc
    return best_path


def n_gap_nodes(n: int, gap: float | None) -> int:
    """How many lost pages the solver may infer among ``n`` fragments (none when ``gap`` is None)."""
    return 0 if gap is None else min(4, 1 + n // 40)


def solve_path(
    S: np.ndarray,
    st: np.ndarray,
    en: np.ndarray,
    nums: Sequence[int | None],
    gap: float | None,
) -> tuple[list[int], set[int], np.ndarray]:
    """Best path through all fragments (indexes into S), with gaps scored ``gap`` (None: no gaps).

    Returns the path, the positions ``k`` in it after which a gap was
    inferred, and the extended score matrix (for confidences).
    """
    n = S.shape[0]
    G = n_gap_nodes(n, gap) if n > 1 else 0
    gamma = -1e6 if gap is None else gap
    M = ext_matrix(S, st, en, G, gamma)
    if n == 0:
        return [], set(), M
    if n == 1:
        return [0], set(), M
    N = M.shape[0] - 1
    full = _exact(M) if N <= 10 else _assignment_path(M)
    full = _or_opt(M, full)
    full = _or_opt(M, _block_opt(M, full))
    memo: dict[tuple[str, int], float] = {}  # the confidences' normalisers, shared by both repairs
    full = _section_repair(M, full, list(nums) + [None] * (G + 1), n, gap if G else None, memo=memo)
    full = block_exact(M, full, list(nums) + [None] * (G + 1), n, gap if G else None, memo)
    path: list[int] = []
    gaps: set[int] = set()
    pending = False
    for x in full:
        if x < n:
            if pending and path:
                gaps.add(len(path) - 1)
            path.append(x)
            pending = False
        else:
            pending = True
    return path, gaps, M


def _join_conf(
    M: np.ndarray,
    a: int,
    b: int,
    n: int,
    gamma: float | None,
    gap: bool = False,
    memo: dict[tuple[str, int], float] | None = None,
) -> float:
    """min(P(successor of A is B), P(predecessor of B is A)) under a softmax of the scores.

    The alternatives are the other fragments, the text's end (resp. start)
    and, when gaps are allowed, one lost page; ``gap`` asks for the
    probability of the lost page itself.  ``memo``: the normalisers already
    computed for this ``M``, ``n`` and ``gamma`` (the repairs ask for the same
    rows and columns round after round).
    """
    d, q = M.shape[0] - 1, M.shape[0] - 2
    lr = memo.get(("r", a)) if memo is not None else None
    if lr is None:
        row = np.concatenate([M[a, :n], [M[a, d]], [gamma] if gamma is not None else []])
        row[a] = -np.inf
        lr = _logsumexp(row)
        if memo is not None:
            memo[("r", a)] = lr
    lc = memo.get(("c", b)) if memo is not None else None
    if lc is None:
        col = np.concatenate([M[:n, b], [M[q, b]], [gamma] if gamma is not None else []])
        col[b] = -np.inf
        lc = _logsumexp(col)
        if memo is not None:
            memo[("c", b)] = lc
    v = float(gamma) if gap and gamma is not None else float(M[a, b])
    return min(math.exp(v - lr), math.exp(v - lc))


def _logsumexp(x: np.ndarray) -> float:
    m = float(np.max(x))
    return m + math.log(float(np.sum(np.exp(x - m))))
