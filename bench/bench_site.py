"""How long ``edition site`` takes, and how big its pages get.

Two figures: the bundled works (target < 5 s for both), and a synthetic
20,000-segment work with an original, an alignment and two catalogues (one
half translated) built in a temporary project (target < 60 s, every page
≤ ~2 MB, i.e. the reading view split per section).  Baseline: the time to
merely read the same artefacts (TEI, alignment, catalogues), which any site
generator must pay.

    python3 bench/bench_site.py [--segments 20000]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

WORDS = (
    "the professor study mineral stone book letter uncle house street city old day night "
    "journey earth fire water cave light sea mountain road map key word cipher page"
).split()


def _sentence(rng: random.Random, k: int) -> str:
    n = rng.randint(6, 24)
    words = [rng.choice(WORDS) for _ in range(n)]
    return f"{words[0].capitalize()} {' '.join(words[1:])} {k}."


def synthetic_project(root: Path, n: int, seed: int = 7) -> None:
    """A project whose committed artefacts describe an ``n``-segment work (no seed build)."""
    import polib

    from edition import catalog, tei
    from edition.model import Block, Division, Document, Metadata, Sentence

    rng = random.Random(seed)
    (root / "pyproject.toml").write_text(
        '[tool.edition]\nlanguages = ["es", "de"]\n\n[tool.edition.works.big]\n'
        'source = "en.txt"\nid-prefix = "big"\nlayout = "flowing"\n',
        encoding="utf-8",
    )
    docs = {}
    for lang, prefix in (("en", "big"), ("fr", "big-fr")):
        divs, k = [], 0
        per_div = max(n // 40, 1)
        while k < n:
            div = Division(n=str(len(divs) + 1))
            div.blocks.append(
                Block("head", [Sentence(f"Chapter {len(divs) + 1}", id=f"{prefix}-{k + 1:05d}")])
            )
            k += 1
            while k < n and k % per_div:
                m = min(rng.randint(2, 8), n - k)
                sents = [
                    Sentence(_sentence(rng, k + i), id=f"{prefix}-{k + i + 1:05d}")
                    for i in range(m)
                ]
                div.blocks.append(Block("p", sents))
                k += m
            divs.append(div)
        docs[lang] = Document(
            work="big", lang=lang, meta=Metadata(title=f"Big {lang}", author="A"), divisions=divs
        )
    tei_dir = root / "tei"
    tei_dir.mkdir(parents=True)
    (tei_dir / "big.en.xml").write_bytes(tei.document_to_tei(docs["en"], id_high_water=n))
    (tei_dir / "big.fr.xml").write_bytes(tei.document_to_tei(docs["fr"], id_high_water=n))
    en_ids = [s.id for s in docs["en"].sentences()]
    fr_ids = [s.id for s in docs["fr"].sentences()]
    beads = [([e], [f], round(rng.random() ** 0.3, 3)) for e, f in zip(en_ids, fr_ids)]
    (tei_dir / "big.align.xml").write_bytes(
        tei.alignment_to_tei("big", "big.en.xml", "big.fr.xml", beads, "synthetic")
    )
    template = catalog.extract(docs["en"], tei_ref="tei/big.en.xml", project="big")
    for lang in ("es", "de"):
        po = catalog.new_catalog(template, lang)
        for i, e in enumerate(po):
            if lang == "es" and i % 2:
                e.msgstr = f"<em>{e.msgid}</em> (es)"
        path = root / "locales" / lang / "big.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(catalog.po_bytes(po))
    del polib


def timed_site(root: Path, out: Path) -> tuple[float, int, int]:
    from edition.config import load_config
    from edition.site import build_site

    t = time.perf_counter()
    report = build_site(load_config(root), out)
    return time.perf_counter() - t, len(report.pages), report.bytes_max


def read_only(root: Path) -> float:
    """Baseline: parse the same TEI, alignment and catalogues without rendering."""
    from edition.config import load_config
    from edition.site import load_work

    t = time.perf_counter()
    cfg = load_config(root)
    for w in cfg.work(None):
        load_work(cfg, w)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=20000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = read_only(REPO)
        secs, pages, biggest = timed_site(REPO, Path(tmp) / "site")
        print(
            f"bundled works: {secs:.2f} s, {pages} files, largest {biggest / 1e6:.2f} MB "
            f"(reading the artefacts alone: {base:.2f} s; target < 5 s)"
        )
        root = Path(tmp) / "big"
        root.mkdir()
        synthetic_project(root, args.segments)
        base = read_only(root)
        secs, pages, biggest = timed_site(root, root / "site")
        print(
            f"synthetic {args.segments} segments: {secs:.2f} s, {pages} files, largest "
            f"{biggest / 1e6:.2f} MB (reading the artefacts alone: {base:.2f} s; "
            "target < 60 s, pages ≤ ~2 MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
