"""``edition site``: pages from the TEI and catalogues, valid HTML, honest about what is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from markupsafe import Markup
from site_fixtures import HOSTILE, make_hostile_project

from edition.config import load_config
from edition.files import InputError
from edition.site import MARKER, Bead, Seg, Side, build_site, dot_plot, rows_of

html5lib = pytest.importorskip("html5lib", reason="html5lib (test extra) validates the pages")


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(load_config(REPO), out)
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    root = make_hostile_project(tmp_path_factory.mktemp("proj") / "proj")
    out = root / "site"
    report = build_site(load_config(root), out)
    assert any("never-built" in m for m in report.missing)
    return root, out


def _validate(path: Path) -> None:
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(path.read_bytes())
    except Exception as exc:  # html5lib raises ParseError with the position
        pytest.fail(f"{path}: {exc}")


def test_every_page_is_valid_html(repo_site: Path, hostile_site) -> None:
    pages = sorted(repo_site.rglob("*.html")) + sorted(hostile_site[1].rglob("*.html"))
    assert len(pages) >= 7
    for p in pages:
        _validate(p)


def test_every_text_has_a_lang_attribute(repo_site: Path) -> None:
    """Each sentence and translation carries its language (on itself or its cell)."""
    from lxml import html as lhtml

    page = (repo_site / "verne-voyage-centre-terre" / "index.html").read_bytes()
    doc = lhtml.fromstring(page)

    def lang_of(el) -> str:
        return next((a.get("lang") for a in el.iterancestors() if a.get("lang")), "")

    en = doc.xpath('//div[contains(@class,"c en")]//span[contains(@class,"s")]')
    fr = doc.xpath('//div[contains(@class,"c orig")]//span[contains(@class,"s")]')
    tr = doc.xpath('//div[@data-lang]//span[starts-with(@class,"t ")]')
    assert en and fr and tr
    assert {lang_of(e) for e in en} == {"en"}
    assert {lang_of(e) for e in fr} == {"fr"}
    assert {lang_of(e) for e in tr} == {"de", "es"}
    assert doc.get("lang") == "en"


def test_reading_view_rows_follow_the_alignment(repo_site: Path) -> None:
    from edition.files import parse_xml
    from edition.tei import NS

    work = "verne-voyage-centre-terre"
    page = (repo_site / work / "index.html").read_text(encoding="utf-8")
    links = list(parse_xml(REPO / "tei" / f"{work}.align.xml").iterfind(".//t:link", NS))
    rows = re.findall(r'<div class="row [^"]*" id="row-([^"]+)" data-cert', page)
    assert len(rows) == len(links) + sum(
        1 for _ in parse_xml(REPO / "tei" / f"{work}.align.xml").iterfind(".//t:ptr", NS)
    )
    # every English and French sentence appears exactly once, with its id
    for lang in ("en", "fr"):
        ids = re.findall(r'xml:id="([^"]+)"', (REPO / "tei" / f"{work}.{lang}.xml").read_text())
        sids = [i for i in ids if re.fullmatch(r"vct-(fr-)?\d{4}", i)]
        for i in sids:
            assert len(re.findall(rf'\sid="{i}"', page)) == 1, i


def test_html_in_a_msgstr_is_escaped(hostile_site) -> None:
    _root, out = hostile_site
    page = (out / "tiny" / "index.html").read_text(encoding="utf-8")
    assert HOSTILE not in page
    assert "&lt;script&gt;window.__pwned = 1;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    assert 'class="t fuzzy"' in page and 'class="t translated"' in page


def test_missing_things_are_said(hostile_site) -> None:
    _root, out = hostile_site
    index = (out / "index.html").read_text(encoding="utf-8")
    nocat = (out / "nocat" / "index.html").read_text(encoding="utf-8")
    never = (out / "never-built" / "index.html").read_text(encoding="utf-8")
    assert "no catalogue languages configured" in nocat and "no original" in nocat
    assert "no English edition" in never and "edition build" in never
    assert "no English edition" in index


def test_review_lists_low_confidence_links_and_joins(repo_site: Path) -> None:
    from edition.files import parse_xml
    from edition.tei import NS

    work = "verne-voyage-centre-terre"
    review = (repo_site / work / "review.html").read_text(encoding="utf-8")
    root = parse_xml(REPO / "tei" / f"{work}.align.xml").getroot()
    low = [
        el
        for el in root.iter(f"{{{NS['t']}}}link", f"{{{NS['t']}}}ptr")
        if float(el.get("cert", "1")) < 0.5
    ]
    assert low and review.count('class="item link"') == len(low)
    # each low link shows the editorial lines that would pin it
    assert review.count("[[align]]") == len(low)
    bbe = (repo_site / "bensaid-baggage-of-exodus" / "review.html").read_text(encoding="utf-8")
    notes = (REPO / "tei" / "bensaid-baggage-of-exodus.en.xml").read_text(encoding="utf-8")
    n_joins = notes.count("Review reading order: join")
    assert bbe.count('class="item join"') == n_joins
    # each join shows the lines that would pin it
    assert bbe.count("[[order]]") == n_joins


def test_dot_plot_marks_low_beads() -> None:
    beads = [Bead(["a1"], ["b1"], 0.9), Bead(["a2"], ["b2"], 0.1)]
    svg = dot_plot(beads, {"a1": 0, "a2": 1}, {"b1": 0, "b2": 1}, 0.5, lambda i: f"#{i}")
    assert svg.count('class="bead"') == 1 and svg.count('class="bead low"') == 1
    assert svg.count('class="ring"') == 1


def test_rows_keep_original_only_sentences_in_place() -> None:
    def seg(i: str, block: int = 0) -> Seg:
        return Seg(i, i, Markup(i), "1", "p", block, True)

    en = Side("en", "t", [seg("e1"), seg("e2")])
    fr = Side("fr", "t", [seg("f1"), seg("f2"), seg("f3")])
    rows = rows_of(
        en, fr, [Bead(["e1"], ["f1"], 0.9), Bead([], ["f2"], 0.2), Bead(["e2"], ["f3"], 0.8)]
    )
    assert [([s.id for s in r.en], [s.id for s in r.orig]) for r in rows] == [
        (["e1"], ["f1"]),
        ([], ["f2"]),
        (["e2"], ["f3"]),
    ]


def test_refuses_to_clean_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError):
        build_site(load_config(REPO), tmp_path, work="verne-voyage-centre-terre")
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert not (tmp_path / MARKER).exists()


def test_site_is_deterministic(repo_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(load_config(REPO), again)
    for p in repo_site.rglob("*"):
        if p.is_file():
            assert (again / p.relative_to(repo_site)).read_bytes() == p.read_bytes(), p


def test_big_reading_view_is_split_per_section(hostile_site, monkeypatch, tmp_path: Path) -> None:
    """Past the page budget the reading view becomes one page per section, each valid."""
    import edition.site as site

    root, whole = hostile_site
    monkeypatch.setattr(site, "MAX_PAGE_BYTES", (whole / "tiny" / "index.html").stat().st_size - 1)
    out = tmp_path / "split"
    build_site(load_config(root), out, work="tiny")
    pages = sorted(p.name for p in (out / "tiny").glob("section-*.html"))
    assert pages == ["section-1.html", "section-2.html"]
    toc = (out / "tiny" / "index.html").read_text(encoding="utf-8")
    assert 'href="section-2.html#sec-2"' in toc
    for p in (out / "tiny").glob("*.html"):
        _validate(p)
    from edition.tei import read_document

    doc = read_document(root / "tei" / "tiny.en.xml", "tiny")
    div2 = {s.id for _d, b in doc.blocks() if _d.n == "2" for s in b.sentences}
    two = (out / "tiny" / "section-2.html").read_text(encoding="utf-8")
    assert div2 and set(re.findall(r'class="s[^"]*" id="(tiny-\d+)"', two)) == div2


def test_a_section_too_big_for_a_page_comes_in_parts(hostile_site, monkeypatch, tmp_path) -> None:
    import edition.site as site

    root, _out = hostile_site
    monkeypatch.setattr(site, "MAX_PAGE_BYTES", 1000)  # less than any page: one row per part
    out = tmp_path / "parts"
    build_site(load_config(root), out, work="tiny")
    pages = sorted((out / "tiny").glob("section-*.html"))
    assert len(pages) > 2 and (out / "tiny" / "section-1-2.html").is_file()
    seen = [i for p in pages for i in re.findall(r'class="s[^"]*" id="(tiny-\d+)"', p.read_text())]
    assert len(seen) == len(set(seen)) and len(seen) >= 7
    for p in pages:
        _validate(p)


def test_review_shows_the_links_the_editor_pinned_with_their_line(tmp_path: Path) -> None:
    from edition.build import build

    root = make_hostile_project(tmp_path / "p")
    cfg = load_config(root)
    editorial = root / "seeds" / "tiny" / "editorial.toml"
    editorial.write_text(
        '# decisions\n\n[[align]]\nen = ["tiny-0004"]\nfr = ["tiny-fr-0004"]\n'
        'reason = "checked against both texts"\n',
        encoding="utf-8",
    )
    build(cfg, work="tiny", progress=False)
    out = tmp_path / "site"
    build_site(cfg, out, work="tiny")
    review = (out / "tiny" / "review.html").read_text(encoding="utf-8")
    assert review.count('class="item pin"') == 1
    assert "seeds/tiny/editorial.toml:3" in review and "checked against both texts" in review


def test_the_review_pin_snippet_loads_once_the_editor_writes_a_reason(tmp_path: Path) -> None:
    """``pin_toml`` writes the editorial file's own keys; pasted as is it is refused (its
    reason must be the editor's), with a reason written it loads as the same link."""
    from edition.editorial import load_editorial
    from edition.site import pin_toml

    snippet = pin_toml(Bead(["vct-0127"], ["vct-fr-0120", "vct-fr-0121"], 0.31))
    ed = tmp_path / "editorial.toml"
    ed.write_text(snippet + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="needs a 'reason'"):
        load_editorial(ed)
    filled = snippet.replace('reason = ""', 'reason = "the English renders both sentences"')
    ed.write_text(filled + "\n", encoding="utf-8")
    (pin,) = load_editorial(ed).align
    assert (list(pin.en), list(pin.fr)) == (["vct-0127"], ["vct-fr-0120", "vct-fr-0121"])
    assert pin.reason == "the English renders both sentences" and pin.line == 1
    empty_side = pin_toml(Bead(["vct-0003"], [], 0.0))
    ed.write_text(empty_side.replace('reason = ""', 'reason = "added"') + "\n", encoding="utf-8")
    assert [(list(p.en), list(p.fr)) for p in load_editorial(ed).align] == [(["vct-0003"], [])]
