"""The checks bench's typesetting of tokenised TransRead lines (issue 13).

The bench fills catalogues with published translations rebuilt from tokens; a straight
mark set on the wrong side makes a quotation run on, which hides or invents quote-missing
and quote-balance alarms.  Tested on sentences of our own.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from checks_corpus import typeset  # noqa: E402

NB = "\u00a0"


def test_merged_closer_and_opener_and_split_elisions_in_english() -> None:
    lines = [
        "' There is no room left here . \"",
        "But then , ' thought the boatman , ' shall I never row again ? '",
        "' Row them over , and most of ' em will pay . '",
    ]
    assert typeset(lines, "en", paragraphs={0, 2}) == [
        "‘There is no room left here.’",
        "‘But then,’ thought the boatman, ‘shall I never row again?’",
        "‘Row them over, and most of ’em will pay.’",
    ]


def test_a_plural_possessive_inside_a_speech_opened_earlier_is_no_closer() -> None:
    # (the glyph is ’ either way: what matters is that the speech is still open after it)
    lines = [
        "The boatman broke out once more : ' The ferry is late again .",
        "He went to pull the boys ' ears on the bank .",
        "You had better wait . '",
        "The boatman said nothing .",
    ]
    out = typeset(lines, "en")
    assert out[1] == "He went to pull the boys’ ears on the bank."
    assert out[2] == "You had better wait.’"
    assert out[3] == "The boatman said nothing."
    # a quoted term opened on the same line still closes after a bare plural
    (term,) = typeset(["They called it a ' workers ' state , and left ."], "en", paragraphs={0})
    assert term == "They called it a ‘workers’ state, and left."


def test_french_nested_openers_and_one_closer_for_two_quotations() -> None:
    lines = [
        'Elle imagina la scène . — " " Mademoiselle , venez ici . "',
        '" Tout de suite ! "',
        'Elle se chanta : — " Le passeur dit au lièvre : " Je rame , Et toi tu chantes . "',
        "Le lièvre se tut .",
    ]
    out = typeset(lines, "fr", paragraphs={0, 2, 3})
    assert out[0] == f"Elle imagina la scène. — «{NB}“Mademoiselle, venez ici.”"
    # French prints one closing mark where the two quotations end together
    assert out[2].endswith(f"chantes.”{NB}»")


def test_marks_round_an_incise_are_no_quotation_to_drop() -> None:
    # issue 13: a straight mark re-paired the wrong way round sets the marks round the incise
    # of a speech that runs on ("pas, « reprit le passeur, » qu’on") — dropping those marks
    # leaves the French convention (the incise inside the speech), not a defect, so the bench
    # does not plant it; a quotation with words of its own is still planted
    from checks_corpus import drops

    nn = "\u202f"
    incise = f"Je ne crois pas, «{nn}reprit le passeur,{nn}» qu’on traversera ce soir."
    speech = f"«{nn}Je ne crois pas qu’on traversera ce soir,{nn}» reprit le passeur."
    en = "I don’t think, ‘the ferryman went on,’ that we shall cross tonight."
    assert drops([incise], "fr") == {}
    assert drops([en], "en") == {}
    assert [d.shape for d in drops([speech], "fr")[0]] == ["only"]


def test_the_benchs_plantings_do_not_move_with_the_checkers_incise_patterns() -> None:
    # review r3b: the bench picked its plantings with the checker's own EN_INCISE / FR_INCISE,
    # so widening them (as 9fb99c1 did) silently re-drew the bench's cases; the bench keeps
    # frozen copies, so the code under test cannot choose its own test cases
    import importlib

    import checks_corpus

    from edition.checks import quotation

    nn = "\u202f"
    incise = f"Je ne crois pas, «{nn}reprit le passeur,{nn}» qu’on traversera ce soir."
    en = "I don’t think, ‘the ferryman went on,’ that we shall cross tonight."
    nothing = __import__("re").compile(r"(?!x)x")
    saved = quotation.EN_INCISE, quotation.FR_INCISE
    try:
        quotation.EN_INCISE = quotation.FR_INCISE = nothing
        bench = importlib.reload(checks_corpus)
        assert bench.drops([incise], "fr") == {} and bench.drops([en], "en") == {}
    finally:
        quotation.EN_INCISE, quotation.FR_INCISE = saved
        importlib.reload(checks_corpus)
