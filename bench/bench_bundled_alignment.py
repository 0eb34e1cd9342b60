"""The bundled Verne excerpt's alignment, scored against the TransRead gold.

Why a projection: the edition segments the rebuilt running text with its own
segmenter, so its sentences are not the gold's lines.  Every gold line is
mapped to the edition sentence that holds most of its letters (texts compared
on letters and digits only, so detokenisation does not matter), and each
edition bead becomes the bead of the gold lines mapped into it.  A bead is
right (strict) when it covers exactly a gold bead's lines on both sides; a
segmentation that differs from the gold costs beads, for us and for the
baseline alike.  Baseline in the same run: Gale–Church (paragraphs first) on
the edition's own sentences and paragraphs.  Split: development (the excerpt
is taken from the TransRead development set the aligner was built on).

    python3 bench/bench_bundled_alignment.py
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

WORK = "verne-voyage-centre-terre"
NOVEL = "VoyageAuCentreDeLaTerre"
SHARED = REPO.parent / "shared" / "bench"

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def _key(text: str) -> str:
    return "".join(re.findall(r"[^\W_]", text.casefold()))


def line_owner(gold_lines: list[str], sentences: list[str]) -> list[int | None]:
    """For each gold line, the index of the edition sentence holding most of its letters.

    Lines whose letters do not occur in the edition (the title block, moved to
    the TEI header) map to None.
    """
    text = "".join(_key(s) for s in sentences)
    owner_of_char: list[int] = []
    for k, s in enumerate(sentences):
        owner_of_char.extend([k] * len(_key(s)))
    out: list[int | None] = []
    pos = 0
    for line in gold_lines:
        key = _key(line)
        at = text.find(key, pos) if key else -1
        if at < 0 or at - pos > 200:
            out.append(None)
            continue
        votes: dict[int, int] = {}
        for c in owner_of_char[at : at + len(key)]:
            votes[c] = votes.get(c, 0) + 1
        out.append(max(sorted(votes), key=lambda c: votes[c]))
        pos = at + len(key)
    return out


def project(
    beads: list[Bead], fr_owner: list[int | None], en_owner: list[int | None]
) -> list[Bead]:
    """Edition beads (sentence indexes) → beads of gold line numbers."""
    fr_bead = {i: k for k, b in enumerate(beads) for i in b[0]}
    en_bead = {j: k for k, b in enumerate(beads) for j in b[1]}
    fr_lines: dict[int, list[int]] = {}
    en_lines: dict[int, list[int]] = {}
    for line, s in enumerate(fr_owner):
        if s is not None and s in fr_bead:
            fr_lines.setdefault(fr_bead[s], []).append(line)
    for line, s in enumerate(en_owner):
        if s is not None and s in en_bead:
            en_lines.setdefault(en_bead[s], []).append(line)
    out = []
    for k in range(len(beads)):
        a, b = tuple(fr_lines.get(k, ())), tuple(en_lines.get(k, ()))
        if a or b:
            out.append((a, b))
    return out


def gold_beads(d: Path, n_fr: int, n_en: int, skip_fr: set[int], skip_en: set[int]) -> list[Bead]:
    """Gold beads inside the excerpt, without the lines the edition does not hold."""
    out = []
    for row in (d / "gold.tsv").read_text(encoding="utf-8").splitlines():
        a, b = (row.split("\t") + [""])[:2]
        fa = tuple(int(x) for x in a.split(",") if x)
        eb = tuple(int(x) for x in b.split(",") if x)
        if any(x >= n_fr for x in fa) or any(x >= n_en for x in eb):
            continue
        fa = tuple(x for x in fa if x not in skip_fr)
        eb = tuple(x for x in eb if x not in skip_en)
        if fa or eb:
            out.append((fa, eb))
    return out


def load_scorer(shared: Path = SHARED):
    spec = importlib.util.spec_from_file_location("score_alignment", shared / "score_alignment.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def evaluate(root: Path = REPO, shared: Path = SHARED) -> dict:
    """Strict/lax scores of the committed alignment and of Gale–Church on the same sentences."""
    import peers

    from edition.build import paragraph_starts
    from edition.files import parse_xml
    from edition.tei import NS, read_document

    tei = root / "tei"
    en_doc = read_document(tei / f"{WORK}.en.xml", WORK)
    fr_doc = read_document(tei / f"{WORK}.fr.xml", WORK)
    en_s, fr_s = list(en_doc.sentences()), list(fr_doc.sentences())
    en_ix = {s.id: k for k, s in enumerate(en_s)}
    fr_ix = {s.id: k for k, s in enumerate(fr_s)}
    ours: list[Bead] = []
    for link in parse_xml(tei / f"{WORK}.align.xml").iterfind(".//t:link", NS):
        ids = [t.split("#", 1)[1] for t in (link.get("target") or "").split()]
        ours.append(
            (
                tuple(fr_ix[i] for i in ids if i in fr_ix),
                tuple(en_ix[i] for i in ids if i in en_ix),
            )
        )
    gc = peers.gale_church_paragraphs(
        [s.text for s in fr_s],
        paragraph_starts(fr_doc),
        [s.text for s in en_s],
        paragraph_starts(en_doc),
    )
    d = shared / "transread" / NOVEL
    en_gold = (d / "en.txt").read_text(encoding="utf-8").splitlines()
    fr_gold = (d / "fr.txt").read_text(encoding="utf-8").splitlines()
    # the excerpt: the gold lines up to the last one the edition holds
    en_owner = line_owner(en_gold, [s.text for s in en_s])
    fr_owner = line_owner(fr_gold, [s.text for s in fr_s])
    n_en = max(i for i, o in enumerate(en_owner) if o is not None) + 1
    n_fr = max(i for i, o in enumerate(fr_owner) if o is not None) + 1
    skip_en = {i for i in range(n_en) if en_owner[i] is None}
    skip_fr = {i for i in range(n_fr) if fr_owner[i] is None}
    gold = gold_beads(d, n_fr, n_en, skip_fr, skip_en)
    sc = load_scorer(shared)
    out = {
        "gold_beads": len(gold),
        "en_lines": n_en,
        "fr_lines": n_fr,
        "unmapped": {"en": sorted(skip_en), "fr": sorted(skip_fr)},
    }
    for name, beads in (("edition", ours), ("gale-church", gc)):
        s = sc.score(gold, project(beads, fr_owner[:n_fr], en_owner[:n_en]))
        out[name] = {"strict": s["strict"], "lax": s["lax"]}
    return out


def main() -> int:
    if not (SHARED / "transread" / NOVEL).is_dir():
        print(f"gold not found under {SHARED} (../shared absent)", file=sys.stderr)
        return 2
    r = evaluate()
    print(
        f"{WORK}: {r['fr_lines']} fr × {r['en_lines']} en gold lines, {r['gold_beads']} gold beads "
        f"(split: development; unmapped gold lines {json.dumps(r['unmapped'])})"
    )
    for name in ("edition", "gale-church"):
        s, lx = r[name]["strict"], r[name]["lax"]
        print(
            f"  {name:12s} strict P {s['P']:.3f} R {s['R']:.3f} F1 {s['F1']:.3f}   "
            f"lax F1 {lx['F1']:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
