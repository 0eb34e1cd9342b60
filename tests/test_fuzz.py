"""Property-based tests (hypothesis): no crash, no silent loss, idempotent — on made-up input.

What is generated: PO catalogues with arbitrary text (line separators,
escapes, quotes, plural forms), TEI editions and byte-level mutations of them,
seeds as raw bytes and as prose with page furniture, and paragraphs for the
segmenter.  What must hold: the reader either returns or raises the located
``InputError`` (never another exception); every translation survives a
merge; every character of the author's text reaches the TEI; a second build
writes nothing.  Inputs that once failed live in ``tests/corpus/`` and are
replayed by ``test_corpus_*``.

Budget: each property has a small ``max_examples`` and no per-example
deadline (the machine is shared), so the whole file runs in well under a
minute; ``HYPOTHESIS_PROFILE=long`` runs many more examples locally.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from edition import pofile
from edition.catalog import merge, read_catalog
from edition.editorial import Editorial
from edition.files import InputError, check_controls, decode_text
from edition.model import Block, Division, Document, Metadata, Sentence
from edition.segment import segment_text, sentence_spans

CORPUS = Path(__file__).resolve().parent / "corpus"

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=25,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run: CI is reproducible
)
settings.register_profile(
    "long",
    deadline=None,
    max_examples=1000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# ---------------------------------------------------------------- strategies

#: Characters an author's text or a translation may hold (XML 1.0 allows them all).
TEXT_CHARS = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters="\x00\ufffe\uffff",
    min_codepoint=0x20,
)
SPECIAL = st.sampled_from(
    [
        "\u2028",
        "\u2029",
        "\u0085",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x1e",
        "\t",
        "\\",
        '"',
        "\n",
        "« ",
        " »",
        "%d",
        "%s",
    ]
)
po_text = st.lists(st.one_of(st.text(TEXT_CHARS, max_size=12), SPECIAL), max_size=12).map("".join)
WORDS = st.sampled_from(
    "the party of revolution state workers history Lenin 1917 “quoted” «cité» (ibid., p. 25) "
    "e.g. Mr. well-known maga- zine — – ; : ! ? … 9/5/11 10:30 Page 4 file.qxp 12% $5".split()
)
line_st = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


def _po_file(entries: list[tuple[str, str, str]], obsolete: list[bool]) -> polib.POFile:
    po = polib.POFile(check_for_duplicates=False)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    for k, ((msgid, msgstr, comment), obs) in enumerate(zip(entries, obsolete)):
        po.append(
            polib.POEntry(
                msgctxt=f"w-{k + 1:04d}",
                msgid=msgid or "x",
                msgstr=msgstr,
                tcomment=comment.replace("\n", " "),
                obsolete=obs,
            )
        )
    return po


po_entries = st.lists(st.tuples(po_text, po_text, po_text), min_size=1, max_size=8)


# ------------------------------------------------------------- PO reader


@given(po_entries, st.lists(st.booleans(), min_size=8, max_size=8))
def test_po_round_trip_is_lossless(tmp_path_factory, entries, obsolete) -> None:
    po = _po_file(entries, obsolete)
    p = tmp_path_factory.mktemp("po") / "fr.po"
    p.write_bytes(pofile.dumps(po).encode("utf-8"))
    again = read_catalog(p)
    assert pofile.content_key(again) == pofile.content_key(pofile.loads(pofile.dumps(po)))
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in again] == [
        (e.msgctxt, e.msgid, e.msgstr) for e in po if not e.obsolete
    ] + [(e.msgctxt, e.msgid, e.msgstr) for e in po if e.obsolete]


@given(po_entries, st.lists(st.booleans(), min_size=8, max_size=8), st.data())
def test_merge_keeps_every_translation_and_is_idempotent(entries, obsolete, data) -> None:
    current = _po_file(entries, obsolete)
    # the template: a random subset of the ids, some English edited, some new ids
    keep = data.draw(st.lists(st.booleans(), min_size=len(entries), max_size=len(entries)))
    edit = data.draw(st.lists(st.booleans(), min_size=len(entries), max_size=len(entries)))
    template = polib.POFile(check_for_duplicates=False)
    for e, k, ed in zip(current, keep, edit):
        if k:
            template.append(
                polib.POEntry(msgctxt=e.msgctxt, msgid=e.msgid + (" (edited)" if ed else ""))
            )
    template.append(polib.POEntry(msgctxt="w-9999", msgid="A new sentence."))
    merged = merge(template, current)
    kept = {e.msgstr for e in merged}
    for e in current:
        if e.msgstr:
            assert e.msgstr in kept, e.msgctxt
    assert pofile.content_key(merge(template, merged)) == pofile.content_key(merged)
    # and what is written reads back as it was
    assert pofile.content_key(pofile.loads(pofile.dumps(merged))) == pofile.content_key(
        pofile.loads(pofile.dumps(pofile.loads(pofile.dumps(merged))))
    )


@given(st.binary(max_size=400), st.integers(min_value=0, max_value=2000))
@example(b'msgstr "\\q"\n', 0)
@example(b'msgctxt "a"\nmsgid "x"\nmsgstr "\xe2\x80\xa8"\n', 0)
def test_po_reader_never_crashes_on_mutations(tmp_path_factory, junk, at) -> None:
    base = (CORPUS / "valid.po").read_bytes()
    at = at % (len(base) + 1)
    mutated = base[:at] + junk + base[at + len(junk) // 2 :]
    p = tmp_path_factory.mktemp("po") / "fr.po"
    p.write_bytes(mutated)
    try:
        read_catalog(p)
    except InputError as exc:
        assert exc.path == str(p)


# ------------------------------------------------------------- TEI reader


def _document(paragraphs: list[list[str]]) -> Document:
    blocks = [Block("p", [Sentence(t) for t in sents]) for sents in paragraphs]
    doc = Document("w", "en", Metadata("Title", "Author"), [Division("1", blocks)])
    for k, s in enumerate(doc.sentences(), 1):
        s.id = f"w-{k:04d}"
    return doc


#: Sentences as ingest makes them: spaces, tabs and newlines collapsed, trimmed (``normalise_space``).
tei_sentence = (
    st.text(
        st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
        min_size=1,
        max_size=40,
    )
    .map(lambda t: re.sub(r"[ \t\n]+", " ", t).strip())
    .filter(bool)
)


@given(st.lists(st.lists(tei_sentence, min_size=1, max_size=4), min_size=1, max_size=4))
def test_tei_round_trip_keeps_every_sentence(tmp_path_factory, paragraphs) -> None:
    from edition.tei import document_to_tei, read_document, read_ids

    doc = _document(paragraphs)
    p = tmp_path_factory.mktemp("tei") / "w.en.xml"
    p.write_bytes(document_to_tei(doc, id_high_water=99))
    ids, hw = read_ids(p)
    assert hw == 99
    assert ids == [(s.id, s.text) for s in doc.sentences()]
    assert [s.text for s in read_document(p).sentences()] == [s.text for s in doc.sentences()]


@given(st.binary(min_size=1, max_size=60), st.integers(min_value=0, max_value=5000))
@example(b"<!ENTITY x 'y'>", 0)
@example(b"\x00", 100)
def test_tei_reader_never_crashes_on_mutations(tmp_path_factory, junk, at) -> None:
    from edition.tei import read_document, read_ids

    base = (CORPUS / "valid.en.xml").read_bytes()
    at = at % (len(base) + 1)
    p = tmp_path_factory.mktemp("tei") / "w.en.xml"
    p.write_bytes(base[:at] + junk + base[at + len(junk) :])
    for reader in (read_ids, read_document):
        try:
            reader(p)
        except InputError as exc:
            assert exc.path == str(p)


# ------------------------------------------------------------- seed reader


@given(st.binary(max_size=300))
@example(b"ok\xff")
@example(b"text \x01 more")
@example("Caf\u00e9".encode("latin-1"))
def test_seed_reader_returns_text_or_a_located_error(raw) -> None:
    try:
        text = check_controls(decode_text(raw, "seed.txt"), "seed.txt")
    except InputError as exc:
        assert exc.path == "seed.txt" and exc.line is not None or "binary" in exc.message
        return
    assert "\x00" not in text and "\r" not in text


# --------------------------------------------------------------- segmenter


@given(st.lists(line_st, min_size=1, max_size=6).map(" ".join), st.sampled_from(["en", "fr"]))
@example("p. (ibid., ! 25) Lenin", "en")  # found by this test: "25)" was in two sentences
def test_segmenter_keeps_every_character_in_order(text, lang) -> None:
    spans = sentence_spans(text, lang)
    covered = "".join(text[a:b] for a, b in spans)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", text)
    assert all(a < b for a, b in spans) and all(
        b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:])
    )


@given(st.text(TEXT_CHARS, max_size=300), st.sampled_from(["en", "fr"]))
def test_segment_text_never_loses_a_character(text, lang) -> None:
    out = segment_text(text, lang)
    assert re.sub(r"\s", "", "".join(s for para in out for s in para)) == re.sub(r"\s", "", text)


# ---------------------------------------------------- seed → TEI, no loss


def _chars(text: str) -> Counter[str]:
    """What must survive: every character but spacing and hyphens (a line-end hyphen may go)."""
    return Counter(re.sub(r"[\s\-\u00ad]", "", text))


seed_st = st.lists(
    st.one_of(
        line_st,
        st.just(""),
        st.just(""),
        st.sampled_from(["4", "Page 4", "book.qxp:Layout 1  9/5/11  09:41  Page4"]),
    ),
    min_size=3,
    max_size=25,
).map("\n".join)


@settings(max_examples=int(os.environ.get("FUZZ_SEEDS", "60")))
@given(seed_st, st.sampled_from(["auto", "columns", "flowing"]))
@example(
    "The meeting began on\n9/5/11 10:30 in Paris and lasted.\nIt ended on Page 4\nof the report.",
    "columns",
)
def test_every_non_furniture_character_reaches_the_tei(seed, layout) -> None:
    from lxml import etree

    from edition.ids import assign_ids
    from edition.ingest import ingest
    from edition.tei import NS, document_to_tei, reading

    if not seed.strip():
        return
    res = ingest(seed, Editorial(), work="w", layout=layout)
    assign_ids(res.doc, [], 0, "w")
    tei = etree.fromstring(document_to_tei(res.doc, id_high_water=0))
    body = tei.find(".//t:body", NS)
    lines = seed.split("\n")
    furniture = {n for a, b in res.reassembly.furniture for n in range(a, b + 1)}
    kept = "\n".join(ln for k, ln in enumerate(lines, 1) if k not in furniture)
    assert _chars(reading(body)) == _chars(kept)


@settings(max_examples=6)
@given(st.lists(line_st, min_size=2, max_size=10).map("\n".join))
def test_builds_are_idempotent(tmp_path_factory, prose) -> None:
    from test_build import SOURCE, make_project, snapshot

    from edition.build import build
    from edition.config import load_config

    root = make_project(tmp_path_factory.mktemp("proj"), SOURCE + "\n" + prose + ".\n")
    cfg = load_config(root)
    build(cfg, progress=False)
    first = snapshot(root)
    again = build(cfg, progress=False)
    assert again.written == [] and snapshot(root) == first


# ------------------------------------------------------------ the corpus


@pytest.mark.parametrize("path", sorted(CORPUS.glob("seed-*.txt")), ids=lambda p: p.name)
def test_corpus_seeds(path: Path) -> None:
    """Seeds that once crashed or lost text: a located error, or every character kept."""
    from edition.build import read_source

    expect_error = path.name.startswith("seed-error-")
    try:
        text, _notes = read_source(path, "source text")
    except InputError as exc:
        assert expect_error, exc
        assert exc.line is not None
        return
    assert not expect_error
    test_every_non_furniture_character_reaches_the_tei.hypothesis.inner_test(text, "columns")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("po-*.po")), ids=lambda p: p.name)
def test_corpus_catalogues(path: Path) -> None:
    """Catalogues that once crashed or were mis-read: a located error, or a lossless read."""
    expect_error = path.name.startswith("po-error-")
    try:
        po = read_catalog(path)
    except InputError as exc:
        assert expect_error, exc
        assert exc.line is not None
        return
    assert not expect_error
    assert pofile.content_key(pofile.loads(pofile.dumps(po))) == pofile.content_key(po)
