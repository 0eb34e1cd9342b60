"""Projects for the site tests: the repository's own, and a small hostile one.

Why a hostile project: the site must escape HTML that a translator (or an
attacker) typed into a msgstr, show fuzzy and translated status, and still
build — saying what is missing — for a work without an original, a work
without catalogues and a work that was never built.
"""

from __future__ import annotations

from pathlib import Path

import polib

PYPROJECT = """\
[tool.edition]
languages = ["es", "de"]

[tool.edition.works.tiny]
source = "en.txt"
original = "fr.txt"
id-prefix = "tiny"
layout = "flowing"

[tool.edition.works.nocat]
source = "en.txt"
id-prefix = "nocat"
layout = "flowing"
languages = []

[tool.edition.works.never-built]
source = "en.txt"
id-prefix = "nb"
layout = "flowing"
"""

EN = """1. The first chapter

The professor came home early. "Axel, follow me!" he cried.

Martha hid in the kitchen. She was afraid of him.

2. The second chapter

He opened an old book. It was written in runes.
"""

FR = """1. Le premier chapitre

Le professeur rentra tôt. «\u00a0Axel, suis-moi\u202f!\u00a0» cria-t-il.

Marthe se cacha dans la cuisine. Elle avait peur de lui.

2. Le second chapitre

Il ouvrit un vieux livre. Il était écrit en runes.
"""

HOSTILE = "<script>window.__pwned = 1;</script><b>bold</b>"


def make_hostile_project(root: Path) -> Path:
    """Build the small project and plant a translated, a fuzzy and a hostile msgstr."""
    from edition.build import build
    from edition.config import load_config

    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for w, texts in (("tiny", {"en.txt": EN, "fr.txt": FR}), ("nocat", {"en.txt": EN})):
        d = root / "seeds" / w
        d.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (d / name).write_text(text, encoding="utf-8")
    d = root / "seeds" / "never-built"
    d.mkdir(parents=True, exist_ok=True)
    (d / "en.txt").write_text(EN, encoding="utf-8")
    cfg = load_config(root)
    build(cfg, work="tiny", progress=False)
    build(cfg, work="nocat", progress=False)
    po_path = cfg.works["tiny"].po_path("es")
    po = polib.pofile(str(po_path))
    entries = [e for e in po if e.msgctxt]
    entries[1].msgstr = "El profesor volvió temprano."
    entries[2].msgstr = HOSTILE
    entries[3].msgstr = "Marta se escondió en la cocina."
    entries[3].flags.append("fuzzy")
    po.save(str(po_path))
    return root
