"""A web page as a source: structure from markup, footnotes, safe parsing, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.cli import main
from edition.files import InputError
from edition.readers.html import read_html

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>The Ferry</title>
<script>document.write("SCRIPT TEXT")</script><style>p {color: red}</style></head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<header><p>Site banner</p></header>
<main>
<h1>The Ferry</h1>
<h2>1. The crossing</h2>
<p>The ferry left at six, whatever the <i>weather</i>, and the children were used to
waking in the dark.<a href="#fn1" id="fnref1"><sup>1</sup></a> Marta had made the crossing often.</p>
<blockquote><p>“A boat is a promise to the island. It keeps it, or the island starves.”</p></blockquote>
<p>Her grandfather had been the ferryman<sup><a href="#fn2" id="fnref2">[2]</a></sup> before the
company bought the <b>route</b>.</p>
<p hidden>Hidden text.</p>
<section class="footnotes"><hr><ol>
<li id="fn1"><p>The crossing took forty minutes. <a href="#fnref1">↩</a></p></li>
<li id="fn2"><p>From 1950 to 1972.<a href="#fnref2">↩︎</a></p></li>
</ol></section>
</main>
<footer>Copyright 2024</footer>
</body></html>
"""

GUTENBERG = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
</head><body>
<h2>CHAPTER I</h2>
<p>It was a dark night on the quay, and the lamps were out.<a name="FNanchor_1_1" id="FNanchor_1_1"></a><a href="#Footnote_1_1" class="fnanchor">[1]</a> Nobody came.</p>
<p>The caf\xe9 was closed.</p>
<div class="footnotes"><h3>FOOTNOTES:</h3>
<div class="footnote"><p><a name="Footnote_1_1" id="Footnote_1_1"></a><a href="#FNanchor_1_1"><span class="label">[1]</span></a> The lamps were lit by gas until 1911.</p></div>
</div>
</body></html>
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_structure_notes_and_no_scripts_or_navigation(tmp_path: Path) -> None:
    r = read_html(_write(tmp_path, "page.html", PAGE))
    kinds = [(p.kind, p.text) for p in r.paragraphs]
    assert kinds[0] == ("title", "The Ferry")
    assert kinds[1] == ("head", "1. The crossing")
    assert kinds[2][0] == "p" and "weather, and the children" in kinds[2][1]
    assert kinds[3][0] == "quote"
    assert kinds[4] == (
        "p",
        "Her grandfather had been the ferryman before the company bought the route.",
    )
    body = " ".join(t for _k, t in kinds)
    for gone in ("SCRIPT", "Home", "banner", "Copyright", "Hidden", "forty minutes", "↩"):
        assert gone not in body
    assert [(n.n, n.text) for n in r.notes] == [
        ("1", "The crossing took forty minutes."),
        ("2", "From 1950 to 1972."),
    ]
    p = r.paragraphs[r.notes[0].paragraph]
    assert p.text[: r.notes[0].offset].endswith("in the dark.")
    assert r.paragraphs[r.notes[1].paragraph].text[: r.notes[1].offset].endswith("ferryman")


def test_gutenberg_footnotes_and_declared_latin1(tmp_path: Path) -> None:
    r = read_html(_write(tmp_path, "pg.htm", GUTENBERG, "latin-1"))
    assert [p.text for p in r.paragraphs] == [
        "CHAPTER I",
        "It was a dark night on the quay, and the lamps were out. Nobody came.",
        "The café was closed.",
    ]
    assert [(n.n, n.text) for n in r.notes] == [("1", "The lamps were lit by gas until 1911.")]


def test_undeclared_non_utf8_is_a_clear_error(tmp_path: Path, capsys) -> None:
    page = _write(tmp_path, "bad.html", "<p>Le caf\xe9 \xe9tait ferm\xe9.</p>", "latin-1")
    assert main(["reassemble", str(page)]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "charset" in err and len(err.strip().splitlines()) == 1


def test_entities_are_refused_and_nothing_is_fetched(tmp_path: Path) -> None:
    evil = _write(
        tmp_path,
        "evil.html",
        '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>',
    )
    with pytest.raises(InputError, match="entities"):
        read_html(evil)
    # external resources are just markup: never loaded
    page = _write(
        tmp_path,
        "ext.html",
        '<html><body><img src="http://example.invalid/x.png"><iframe src="http://example.invalid/"></iframe>'
        '<script src="http://example.invalid/x.js"></script><p>Only this.</p></body></html>',
    )
    assert [p.text for p in read_html(page).paragraphs] == ["Only this."]


def test_unknown_charset_and_empty_page(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown charset"):
        read_html(_write(tmp_path, "x.html", '<meta charset="klingon-8"><p>x</p>'))
    with pytest.raises(InputError, match="no text"):
        read_html(_write(tmp_path, "e.html", "<html><body><script>x()</script></body></html>"))


def test_bytes_against_the_declared_charset_are_located(tmp_path: Path) -> None:
    page = tmp_path / "d.html"
    page.write_bytes(b'<meta charset="ascii">\n<p>Caf\xc3\xa9</p>')
    with pytest.raises(InputError, match=r"not valid ascii as it declares \(byte 0xc3\)") as e:
        read_html(page)
    assert e.value.line == 2


def test_html_work_builds_valid_tei(tmp_path: Path, tei_schema) -> None:
    from lxml import etree

    from edition.build import build
    from edition.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.edition]\nlanguages = ["fr"]\n\n[tool.edition.works.ferry]\nsource = "page.html"\n',
        encoding="utf-8",
    )
    seed = tmp_path / "seeds" / "ferry"
    seed.mkdir(parents=True)
    _write(seed, "page.html", PAGE)
    (seed / "editorial.toml").write_text('[metadata]\ntitle = "The Ferry"\n', encoding="utf-8")
    build(load_config(tmp_path), progress=False)
    tree = etree.parse(str(tmp_path / "tei" / "ferry.en.xml"))
    assert tei_schema.validate(tree), tei_schema.error_log
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    assert len(tree.findall(".//t:body//t:note[@place='foot']", ns)) == 2
    assert len(tree.findall(".//t:body//t:quote", ns)) == 1
    pot = (tmp_path / "locales" / "ferry.pot").read_text(encoding="utf-8")
    assert "#. Footnote 2." in pot


CHAPTER_ENDNOTES = """<html><head><meta charset="utf-8"></head><body>
<h1>Harbours</h1>
<h2>1. The quay</h2>
<p>The quay was rebuilt in stone.<a href="#c1n1" id="c1r1">1</a> Nobody liked it.</p>
<p>The old one had been wood.<a href="#c1n2" id="c1r2">2</a></p>
<h3>Notes</h3>
<ol><li id="c1n1">In 1874. <a href="#c1r1">↩</a></li><li id="c1n2">Oak, mostly. <a href="#c1r2">↩</a></li></ol>
<h2>2. The ferry</h2>
<p>The ferry came later.<a href="#c2n1" id="c2r1">1</a></p>
<h3>Notes</h3>
<p id="c2n1">1. After the war. <a href="#c2r1">↩</a></p>
</body></html>
"""


def test_endnotes_per_chapter_and_their_notes_heading_leave_the_text(tmp_path: Path) -> None:
    """Endnotes gathered after each chapter under a "Notes" heading written as a sibling
    (not wrapped in a section): the notes are notes, numbered again in each chapter, and
    the "Notes" headings are not left in the text as empty sections."""
    r = read_html(_write(tmp_path, "endnotes.html", CHAPTER_ENDNOTES))
    assert [(p.kind, p.text) for p in r.paragraphs] == [
        ("title", "Harbours"),
        ("head", "1. The quay"),
        ("p", "The quay was rebuilt in stone. Nobody liked it."),
        ("p", "The old one had been wood."),
        ("head", "2. The ferry"),
        ("p", "The ferry came later."),
    ]
    assert [(n.n, n.text, n.paragraph) for n in r.notes] == [
        ("1", "In 1874.", 2),
        ("2", "Oak, mostly.", 3),
        ("1", "After the war.", 5),
    ]
    # the headings that left the text are listed for the editor, not lost
    assert r.furniture_text == ["Notes", "Notes"]


def test_a_long_heading_over_endnotes_stays_text(tmp_path: Path) -> None:
    """Only a short heading ("Notes") leaves the text with the endnotes under it; a long one
    is a section title of its own (the PDF reader uses the same bound)."""
    long_head = "Notes on the quay, with a list of the sources and of the witnesses"
    page = CHAPTER_ENDNOTES.replace("<h3>Notes</h3>", f"<h3>{long_head}</h3>", 1)
    r = read_html(_write(tmp_path, "endnotes.html", page))
    assert ("head", long_head) in [(p.kind, p.text) for p in r.paragraphs]
    assert r.furniture_text == ["Notes"]
