"""Real typesetters for the PDF bench: groff (ms macros, gropdf) and LaTeX (pdfTeX).

Why: ``bench/pdfgen.py`` is our own generator, so a reader tuned on it may only have
learnt its habits.  groff and pdfTeX set text the way published PDFs are set: their own
hyphenation patterns (Liang's, TeX's ``hyphen.tex`` / groff's ``hyphen.us``), ligatures
(fi, fl, ff), kerning that cuts words into several text runs, their own running heads,
folios and footnote machinery (``.FS``/``.FE``, ``\\footnote``), titles spanning the
columns, block quotations (``.QP``, ``quote``).  We write the source; the typesetter
decides every line, hyphen and page.

The truth is what we wrote (paragraphs, headings, notes, running heads and folios); where
the typesetter broke words and columns is read back from the PDF's own content stream
(both typesetters write a page's text column by column, in reading order), so the truth
does not depend on the reader under test.

    python3 bench/typeset.py groff 3 out.pdf     # one case, to look at
    python3 bench/typeset.py latex 3 out.pdf

Needs ``groff`` (apt: groff, ~4 MB) and/or ``pdflatex`` (apt: texlive-latex-base,
texlive-latex-recommended, texlive-fonts-recommended); :func:`available` says which.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdfgen import Truth, _items  # noqa: E402

TITLES = ("The Weight of Small Things", "On Harbours and Their Keepers", "A Winter Crossing")
AUTHORS = ("Anna Example", "J. R. Placeholder", "Maria Specimen")
NOTES = [
    "See the discussion in the previous chapter.",
    "The figures are taken from the annual reports of the society, which survive only in part.",
    "I am grateful to the archivist for drawing my attention to this letter.",
    "Cited from the second edition; the first has a different reading of this passage.",
]
#: Figure captions (variant 2): prose of their own, so that no caption matches the text.
CAPTIONS = [
    "The harbour at low tide, from a drawing made in the winter of the flood.",
    "Entries of the parish register for the years of the famine.",
    "Plan of the quay, with the warehouses as they stood before the fire.",
]
#: Marginal notes (variant 3): glosses of their own, so that no gloss matches the text.
MARGINS = [
    "Compare the letter of May.",
    "Here the manuscript is torn.",
    "A later hand adds a date.",
    "Omitted in the first edition.",
]
#: Characters both typesetters print as themselves (others are dropped from the prose).
_SAFE = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?()-’‘“”—–"
    "éèêàâçôîïüöäëÉÈÀÇ"
)


def available() -> dict[str, bool]:
    """Which typesetters are installed."""
    return {"groff": bool(shutil.which("groff")), "latex": bool(shutil.which("pdflatex"))}


def printable(text: str) -> str:
    """Prose as both typesetters print it: curly quotes (they turn ' into ’ anyway),
    an ellipsis as three full stops, characters outside the safe set dropped."""
    t = text.replace("…", "...").replace("''", "”").replace("``", "“")
    t = re.sub(r"(^|[\s(—])'", r"\1‘", t)
    t = t.replace("'", "’")
    t = re.sub(r'(^|[\s(—])"', r"\1“", t)
    t = t.replace('"', "”")
    t = t.replace("--", "—")
    t = "".join(c for c in t if c in _SAFE)
    return " ".join(t.split())


# ------------------------------------------------------------------ sources


def _groff_text(s: str) -> str:
    s = s.replace("\\", "\\e")
    return "\n".join("\\&" + ln if ln[:1] in ".'" else ln for ln in s.split("\n"))


def _groff_source(rng: random.Random, items, p: dict) -> str:
    out = [
        f".nr PS {p['size']}",
        f".nr VS {p['size'] + 2}",
        f".nr PI {rng.choice((1.5, 2, 3))}n",
        f".nr PD {rng.choice(('0', '0.3v'))}",
        f".nr LL {p['width']}i",
        f".nr FL {p['width']}i*4/10" if p["columns"] == 1 else ".nr FL \\n(LLu*4/10",
        f".ds FAM {p['family']}",
        f".pn {p['first_page']}",
        f".ds LH {_groff_text(p['running'][0])}",
        ".ds CH",
        f".ds RH {_groff_text(p['running'][1])}",
        ".ds LF" if p["folio"] == "outer" else f".ds LF {_groff_text(p['footer'])}",
        ".ds CF %" if p["folio"] == "centre" else ".ds CF",
        ".ds RF %" if p["folio"] == "outer" else ".ds RF",
        ".TL",
        _groff_text(p["title"]),
        ".AU",
        _groff_text(p["author"]),
        ".AB no",
        ".AE",
    ]
    if p["columns"] == 2:
        out.append(".2C")
    if not p["justify"]:
        out.append(".ad l")
    for it in items:
        body = _groff_body(it, "\\**\n.FS\n", "\n.FE\n")
        if it.kind == "head":
            out += [".SH", body]
        elif it.kind == "quote":
            out += [".QP", body]
        else:
            out += [".PP", body]
        if not p["justify"]:
            out.append(".ad l")
    return "\n".join(out) + "\n"


def _groff_body(it, note_open: str, note_close: str) -> str:
    """A paragraph's groff input, ms or me alike: footnotes spliced in after their word
    between the macro package's own note requests, and a line opening with ' escaped (``\\&``)
    so groff does not read it as a request."""
    words = [_groff_text(w) for w in it.words]
    for at, (_n, text) in sorted(it.notes.items()):
        words[at] = words[at] + note_open + _groff_text(text) + note_close
    return "\n".join(
        "\\&" + ln if ln[:1] == "'" else ln
        for ln in " ".join(words).replace("\n ", "\n").split("\n")
    )


def _me_source(rng: random.Random, items, p: dict) -> str:
    """groff's me macros (variant 3): ``.pp``, ``.uh``, ``.(q``, ``.(f`` notes, ``.2c``,
    three-part running heads (``.he``/``.fo``)."""
    size = p["size"]
    out = [
        f".nr pp {size}",
        f".nr sp {size}",
        f".nr fp {size - 2}",
        f".nr pi {rng.choice((2, 3, 4))}n",
        f".nr ps {rng.choice((0, 3))}p",
        f".ll {p['width']}i",
        f".pn {p['first_page']}",
        f".he '{_groff_text(p['running'][0])}''{_groff_text(p['running'][1])}'",
        ".fo ''%''" if p["folio"] == "centre" else f".fo '{_groff_text(p['footer'])}''%'",
        ".sz +4",
        ".ce",
        _groff_text(p["title"]),
        ".sz -4",
        ".sp 0.5",
        ".ce",
        _groff_text(p["author"]),
        ".sp 2",
    ]
    if p["columns"] == 2:
        out.append(".2c")
    if not p["justify"]:
        out.append(".ad l")
    for it in items:
        body = _groff_body(it, "\\**\n.(f\n\\**\n", "\n.)f\n")
        if it.kind == "head":
            out += [f'.uh "{body}"']
        elif it.kind == "quote":
            out += [".(q", body, ".)q"]
        else:
            out += [".pp", body]
    return "\n".join(out) + "\n"


def _tex(s: str) -> str:
    return re.sub(r"([&%$#_{}])", r"\\\1", s)


def _latex_source(rng: random.Random, items, p: dict) -> str:
    fonts = {
        "cm": "",
        "times": "\\usepackage[T1]{fontenc}\n\\usepackage{mathptmx}",
        "helvetica": "\\usepackage[T1]{fontenc}\n\\usepackage[scaled]{helvet}\n"
        "\\renewcommand{\\familydefault}{\\sfdefault}",
        "palatino": "\\usepackage[T1]{fontenc}\n\\usepackage{mathpazo}",
        "bookman": "\\usepackage[T1]{fontenc}\n\\usepackage{bookman}",
        "newcent": "\\usepackage[T1]{fontenc}\n\\usepackage{newcent}",
        "charter": "\\usepackage[T1]{fontenc}\n\\usepackage{charter}",
        "utopia": "\\usepackage[T1]{fontenc}\n\\usepackage{utopia}",
    }[p["family"]]
    v2 = p.get("v2") or {}
    multicol = p["columns"] == 3 or v2.get("multicol", False)
    cols = "twocolumn," if p["columns"] == 2 and not multicol else ""
    v3 = p.get("v3") or {}
    cls = v3.get("class") or v2.get("class", "article")
    size = f"fontsize={p['size']}pt," if cls == "scrartcl" else f"{p['size']}pt,"
    side = "twoside,openany,notitlepage," if v3 else ""
    heads = (
        [
            f"\\fancyhead[LE]{{{_tex(p['running'][1])}}}",
            f"\\fancyhead[RO]{{{_tex(p['running'][0])}}}",
            "\\fancyfoot[LE,RO]{\\thepage}",
        ]
        if v3
        else [
            f"\\fancyhead[L]{{{_tex(p['running'][0])}}}",
            f"\\fancyhead[R]{{{_tex(p['running'][1])}}}",
            "\\fancyfoot[C]{\\thepage}" if p["folio"] == "centre" else "\\fancyfoot[R]{\\thepage}",
        ]
    )
    geometry = f"margin={p['margin']}in"
    if v3.get("margins"):
        geometry = "inner=0.8in,outer=1.9in,marginparwidth=1.3in,marginparsep=0.15in,tmargin=0.9in"
    out = [
        f"\\documentclass[{side}{cols}{size}{p['paper']}]{{{cls}}}",
        fonts,
        "\\usepackage[utf8]{inputenc}",
        f"\\usepackage[{geometry}]{{geometry}}",
        "\\usepackage{fancyhdr}",
        "\\usepackage{multicol}" if multicol else "",
        "\\usepackage{ragged2e}" if not p["justify"] else "",
        *v2.get("preamble", ()),
        "\\pagestyle{fancy}\\fancyhf{}",
        *heads,
        f"\\fancyfoot[{'C' if v3 else 'L'}]{{{_tex(p['footer'])}}}" if p["footer"] else "",
        f"\\setlength{{\\parindent}}{{{rng.choice((1.0, 1.5, 2.0))}em}}",
        # ragged2e would drop the indent (RaggedRightParindent 0): keep the document's
        "\\setlength{\\RaggedRightParindent}{\\parindent}" if not p["justify"] else "",
        f"\\setlength{{\\parskip}}{{{rng.choice(('0pt', '4pt'))}}}",
        f"\\title{{{_tex(p['title'])}}}\\author{{{_tex(p['author'])}}}\\date{{}}",
        "\\begin{document}",
        f"\\setcounter{{page}}{{{p['first_page']}}}",
        "\\maketitle\\thispagestyle{fancy}",
    ]
    if p.get("note_hang"):  # notes with a hanging label: every line indented, continuations too
        out.append(
            "\\makeatletter\\renewcommand\\@makefntext[1]{\\setlength{\\leftskip}{1.5em}"
            "\\setlength{\\parindent}{0pt}\\noindent\\llap{\\@makefnmark\\,}#1}\\makeatother"
        )
    if multicol:
        out.append(f"\\begin{{multicols}}{{{p['columns']}}}")
    if not p["justify"]:
        out.append("\\RaggedRight")
    endnotes: list[tuple[int, str]] = []
    figs = 0
    for i, it in enumerate(items):
        words = [_tex(w) for w in it.words]
        for at, (n, text) in sorted(it.notes.items()):
            if p.get("endnotes"):  # a raised number here, the note in "Notes" at the end
                words[at] = words[at] + f"\\textsuperscript{{{n}}}"
                endnotes.append((n, text))
                continue
            words[at] = words[at] + f"\\footnote{{{_tex(text)}}}"
        if i in v3.get("margins", {}) and len(words) > 6:  # a gloss beside a word
            at = len(words) // 3
            words[at] += f"\\marginpar{{\\footnotesize {_tex(v3['margins'][i])}}}"
        body = " ".join(words)
        if it.kind == "head" and multicol and i in v2.get("span_heads", ()):
            # a heading across the page mid-page: the columns above are balanced, new
            # columns start below it
            out += ["\\end{multicols}", f"\\section*{{{body}}}"]
            out.append(f"\\begin{{multicols}}{{{p['columns']}}}")
        elif it.kind == "head":
            out.append(f"\\section*{{{body}}}")
        elif it.kind == "quote":
            out += ["\\begin{quote}", body, "\\end{quote}"]
        else:
            out += ["", body, ""]
        if i in v2.get("figures", ()):
            cap = CAPTIONS[figs % len(CAPTIONS)]
            figs += 1
            star = "*" if multicol or v2["figures"][i] else ""
            out += [
                f"\\begin{{figure{star}}}[{v2['float_place']}]\\centering",
                f"\\rule{{0.6\\linewidth}}{{{v2['fig_height']}pt}}",
                f"\\caption{{{cap}}}",
                f"\\end{{figure{star}}}",
            ]
    if endnotes:
        out.append("\\section*{Notes}")
        for n, text in endnotes:
            label = f"\\textsuperscript{{{n}}}" if p["endnotes"] == "sup" else f"{n}.\\ "
            out += ["", f"{{\\small\\noindent {label}{_tex(text)}\\par}}", ""]
    if multicol:
        out.append("\\end{multicols}")
    out.append("\\end{document}")
    return "\n".join(x for x in out if x is not None) + "\n"


def _run(cmd: list[str], src: str, name: str) -> bytes:
    with tempfile.TemporaryDirectory() as td:
        path = Path(td) / name
        path.write_text(src, encoding="utf-8")
        if cmd[0] == "groff":
            res = subprocess.run([*cmd, str(path)], capture_output=True, timeout=120, cwd=td)
            if res.returncode or not res.stdout.startswith(b"%PDF"):
                raise RuntimeError(res.stderr.decode("utf-8", "replace")[-2000:])
            return res.stdout
        for _ in range(2):  # twice: footnote numbers and page counts settle
            res = subprocess.run(
                [*cmd, "-interaction=nonstopmode", "-halt-on-error", name],
                capture_output=True,
                timeout=300,
                cwd=td,
            )
        pdf = Path(td) / (Path(name).stem + ".pdf")
        if res.returncode or not pdf.exists():
            raise RuntimeError(res.stdout.decode("utf-8", "replace")[-2000:])
        return pdf.read_bytes()


# ------------------------------------------------------------------ truth from the PDF


_LINE_HYPHENS = "-\u2010\u00ad\ufffe"


def _stream_lines(data: bytes) -> list[tuple[int, float, str]]:
    """(page, top, text) of every text line in content order (PDFium's plain text)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    out = []
    try:
        for pi in range(len(pdf)):
            tp = pdf[pi].get_textpage()
            n = tp.count_chars()
            text = tp.get_text_range(0, n) if n else ""
            for m in re.finditer(r"[^\r\n\ufffe]*(\ufffe|\r?\n|$)", text):
                seg = m.group(0)
                if not seg:
                    continue
                line = seg.rstrip("\r\n").replace("\ufffe", "-")
                start = m.start()
                j = start
                while j < m.end() and text[j].isspace():
                    j += 1
                if line.strip() and j < n:
                    top = tp.get_charbox(j, loose=True)[3]
                    out.append((pi, top, unicodedata.normalize("NFKC", line)))
            tp.close()
    finally:
        pdf.close()
    return out


def _read_back(data: bytes, truth: Truth) -> None:
    """Fill ``truth.hyphenated`` and ``truth.breaks`` from where the typesetter broke lines."""
    import difflib

    T = truth.tokens()
    vocab = set(T)
    lines = _stream_lines(data)
    toks: list[tuple[str, int]] = []  # (token, line index)
    hyph: list[str] = []
    for li, (_pg, _top, text) in enumerate(lines):
        words = text.split()
        if toks and toks[-1][0][-1:] in _LINE_HYPHENS and words and toks[-1][1] == li - 1:
            left = toks[-1][0][:-1]
            first = re.sub(r"(?<=\D)\d{1,2}$", "", words[0])
            for whole in (left + first, left + "-" + first):
                if whole in vocab:
                    toks[-1] = (whole, toks[-1][1])
                    hyph.append(whole)
                    words = words[1:]
                    break
        for w in words:
            if w not in vocab:
                w = re.sub(r"(?<=\D)\d{1,2}$", "", w)  # a footnote mark glued to its word
            toks.append((w, li))
    sm = difflib.SequenceMatcher(None, T, [t for t, _ in toks], autojunk=False)
    o2t: dict[int, int] = {}
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            o2t[b + k] = a + k
    breaks = set()
    prev: tuple[int, float] | None = None  # (page, top) of the last line holding body words
    first_tok_of_line: dict[int, int] = {}
    for k, (_t, li) in enumerate(toks):
        first_tok_of_line.setdefault(li, k)
    for li, (pg, top, _text) in enumerate(lines):
        k = first_tok_of_line.get(li)
        if k is None or k not in o2t:
            continue
        if prev is not None and (pg != prev[0] or top > prev[1] + 30):
            if o2t[k] > 0:
                breaks.add(o2t[k])
        prev = (pg, top)
    truth.breaks = sorted(breaks)
    truth.hyphenated = hyph


# ------------------------------------------------------------------ cases


def _variant2(vr: random.Random, p: dict) -> None:
    """Variant 2 of the pdfLaTeX cases (``{"variant": 2}``): what variant 1 never draws —
    other classes (KOMA's scrartcl, extarticle at 9 pt), other fonts (Palatino, Bookman,
    New Century Schoolbook, Charter, Utopia), 12 pt, two columns from multicol (balanced
    on the last page) as well as ``twocolumn``, narrow or wide gutters, microtype
    (protrusion: hyphens and stops hang into the gutter), ragged bottoms, widows and
    orphans allowed, floats with captions (in a column or across the page), headings
    across the page mid-page between multicol runs, long notes split across pages, many
    block quotations.  Drawn from its own stream: variant 1's seeds are unchanged."""
    cls = vr.choice(("article", "scrartcl", "extarticle"))
    ncols = vr.choice((2, 2, 2, 3))
    multicol = ncols == 3 or vr.random() < 0.5
    sizes = {"article": (10, 11, 12), "scrartcl": (9, 10, 11, 12), "extarticle": (9, 10, 12)}
    p["columns"] = ncols
    p["size"] = vr.choice([s for s in sizes[cls] if ncols == 2 or s <= 10])
    p["family"] = vr.choice(
        ("cm", "times", "helvetica", "palatino", "bookman", "newcent", "charter", "utopia")
    )
    p["margin"] = round(vr.uniform(0.6, 1.0), 2)
    p["quote_rate"] = vr.choice((0.1, 0.25, 0.4))
    p["long_notes"] = vr.random() < 0.3
    pre = [f"\\setlength{{\\columnsep}}{{{vr.choice((8, 12, 18, 24, 30))}pt}}"]
    if vr.random() < 0.5:
        pre.append("\\usepackage[expansion=false]{microtype}")
    if vr.random() < 0.5:
        pre.append("\\raggedbottom" if not multicol else "\\raggedcolumns")
    if vr.random() < 0.5:
        pre.append("\\widowpenalty=0 \\clubpenalty=0")
    p["v2"] = {
        "class": cls,
        "multicol": multicol,
        "preamble": pre,
        "fig_rate": vr.choice((0.0, 0.06, 0.12)),
        "span_rate": vr.choice((0.0, 0.5)) if multicol else 0.0,
        "float_place": vr.choice(("t", "tb", "htb", "b")),
        "fig_height": vr.choice((40, 80, 140)),
        "figures": {},
        "span_heads": [],
    }


def _variant3(vr: random.Random, p: dict, engine: str) -> None:
    """Variant 3 (``{"variant": 3}``): layouts neither variant draws — pdfLaTeX's twoside
    book / report / memoir classes with running heads and folios that alternate sides and
    marginal notes (``\\marginpar``) in a wide outer margin; groff's me macros (``.pp``,
    ``.(q``, ``.(f``, three-part heads).  Measured, not tuned on (fifth session)."""
    if engine == "latex":
        cls = vr.choice(("book", "report", "memoir"))
        # (memoir's two columns with marginal notes need mparhack, not in TeX Live's base)
        p["columns"] = 1 if cls == "memoir" else vr.choice((1, 2))
        p["v3"] = {
            "class": cls,
            "margins": {} if vr.random() < 0.4 else {"rate": vr.choice((0.15, 0.3))},
        }
    else:
        p["v3"] = {"macros": "me"}


def _variant3_items(vr: random.Random, items, p: dict) -> None:
    """Which paragraphs carry a marginal note (and which gloss)."""
    v3 = p["v3"]
    rate = v3.get("margins", {}).pop("rate", 0.0) if v3.get("margins") else 0.0
    n = 0
    for i, it in enumerate(items):
        if it.kind == "p" and vr.random() < rate:
            v3["margins"][i] = MARGINS[n % len(MARGINS)]
            n += 1


def _variant2_items(vr: random.Random, items, p: dict) -> None:
    """Which items a figure follows (spanning the page or not) and which headings run
    across the page (multicol only)."""
    v2 = p["v2"]
    for i, it in enumerate(items):
        if it.kind == "head" and vr.random() < v2["span_rate"]:
            v2["span_heads"].append(i)
        if 0 < i < len(items) - 1 and vr.random() < v2["fig_rate"]:
            v2["figures"][i] = vr.random() < 0.3


def make_typeset(
    engine: str, paragraphs: list[str], seed: int, force: dict | None = None
) -> tuple[bytes, Truth]:
    """One PDF set by ``engine`` ("groff" | "latex") and its truth, all drawn from ``seed``
    (``force`` overrides drawn parameters, e.g. ``{"columns": 3}`` for a test fixture)."""
    rng = random.Random(seed)
    # groff's ms has .2C; its .MC with three columns sets the title inside a column, which
    # no journal does, so three columns come from LaTeX's multicol only
    ncols = rng.choice((1, 2, 2, 2, 3) if engine == "latex" else (1, 2, 2, 2))
    p: dict = {
        "columns": ncols,
        "size": rng.choice((10, 11) if engine == "latex" else (9, 10, 11)),
        "justify": rng.random() < 0.75,
        "first_page": rng.randint(1, 300),
        "folio": rng.choice(("centre", "outer")),
        "footer": rng.choice(("", "Review of Social History 12 (2019)", "The Author 2019")),
        "note_rate": rng.choice((0.0, 0.15, 0.3)),
        "title": rng.choice(TITLES),
        "author": rng.choice(AUTHORS),
        "_notes": {},
    }
    p.update(force or {})
    p["running"] = (p["title"], p["author"])
    if engine == "groff":
        p["family"] = rng.choice(("T", "T", "H"))
        p["width"] = round(rng.uniform(6.0, 6.8), 2)
    else:
        p["family"] = rng.choice(("cm", "times", "helvetica"))
        p["paper"] = rng.choice(("a4paper", "letterpaper"))
        p["margin"] = round(rng.uniform(0.8, 1.1), 2)
        if ncols == 3:
            p["size"] = 10
    if p.get("variant") == 2 and engine == "latex":
        _variant2(random.Random(7919 * seed + 2), p)
        for k, v in (force or {}).items():  # forced over drawn ("v2": some of its keys)
            if k == "v2":
                p["v2"].update(v)
            else:
                p[k] = v
    if p.get("variant") == 3:
        _variant3(random.Random(7919 * seed + 5), p, engine)
        p.update({k: v for k, v in (force or {}).items() if k != "v3"})
        p["v3"].update((force or {}).get("v3", {}))
    paras = [printable(x) for x in paragraphs]
    paras = [x for x in paras if len(x.split()) >= 8][: rng.randint(14, 40)]
    # long notes (whole paragraphs of other prose) are split across pages by the typesetter
    pool = NOTES + [printable(x) for x in paragraphs[-3:]] if p.get("long_notes") else NOTES
    items = _items(rng, paras, p, pool)
    truth = Truth(params={k: v for k, v in p.items() if k[0] != "_"})
    truth.paragraphs = [("title", p["title"]), ("title", p["author"])]
    for it in items:
        truth.paragraphs.append((it.kind, " ".join(it.words)))
    truth.notes = sorted((n, t) for n, t in p["_notes"].items())
    if p.get("v2"):
        _variant2_items(random.Random(7919 * seed + 3), items, p)
    if p.get("v3"):
        _variant3_items(random.Random(7919 * seed + 6), items, p)
    if engine == "groff" and p.get("v3"):
        data = _run(["groff", "-k", "-me", "-Tpdf"], _me_source(rng, items, p), "case.me")
    elif engine == "groff":
        data = _run(["groff", "-k", "-ms", "-Tpdf"], _groff_source(rng, items, p), "case.ms")
    else:
        data = _run(["pdflatex"], _latex_source(rng, items, p), "case.tex")
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    truth.pages = len(doc)
    doc.close()
    folios = [str(p["first_page"] + i) for i in range(truth.pages)]
    truth.furniture = folios + [p["title"], p["author"]] * truth.pages
    if p["footer"]:
        truth.furniture += [p["footer"]] * truth.pages
    if p.get("v2"):  # a caption's first words (a caption of two lines leaks at least its first)
        truth.furniture += [
            " ".join(f"Figure {k + 1}: {CAPTIONS[k % len(CAPTIONS)]}".split()[:5])
            for k in range(len(p["v2"]["figures"]))
        ]
    if p.get("v3", {}).get("margins"):  # a marginal note's first words: not the text
        truth.furniture += [" ".join(m.split()[:4]) for m in p["v3"]["margins"].values()]
    if p.get("endnotes") and truth.notes:
        truth.furniture.append("Notes")  # the endnotes' heading: apparatus, not text
    _read_back(data, truth)
    return data, truth


if __name__ == "__main__":
    from synth import ESSAYS

    eng, sd, dest = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pdf, tr = make_typeset(eng, ESSAYS * 3, sd)
    Path(dest).write_bytes(pdf)
    print(tr.params, tr.pages, "pages", len(tr.hyphenated), "hyphenated", len(tr.breaks), "breaks")
