"""Word knowledge: wordfreq and the document's own vocabulary decide hyphenated words
and rejoin them.

Why a module of its own: the lexicon is the one place that knows whether "exo-" + "dus"
is a word; fragment cutting, the join features and the paragraph text all ask it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from ..text import CURLY_OPENING_MARKS as _OPEN_Q

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@lru_cache(maxsize=1 << 18)
def _zipf(word: str) -> float:
    """wordfreq Zipf frequency (cached: the same words are asked many times)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


#: Word endings that hyphenation leaves at a line start and that wordfreq
#: knows only as broken-text noise.
_SUFFIXES = frozenset(
    """ity ities tion tions sion sions ment ments ness ing ings ous ive ives ism isms ist ists
ly ed er ers al als ence ences ance ances able ible ical ally ation ations ture tures ty ry cy
ise ize ised ized ising izing ic ics ial ian ians ful less est""".split()
)


#: Word endings and beginnings that are bound morphemes, not a compound's half, when they
#: meet at a line-end hyphen ("doubt-/fully", "parent-/less", "un-/sleeping"): with a known
#: joined word the hyphen is the typesetter's.  ("in" is not one: "mother-in-/law".)
_BOUND_TAILS = _SUFFIXES | frozenset(
    "ings ingly edly nesses fully lessly lessness less ers ling lings".split()
)
_BOUND_HEADS = frozenset("un im em en dis mis sub ir il con com".split())


#: Prefixes that make words, not compounds, with a lower-case word after them.
_PREFIXES = frozenset("be re un dis mis de".split())


#: Short words that stand between the hyphens of a longer compound ("brother-in-law",
#: "Jouy-le-Vicomte", "Stratford-upon-Avon").
#: (The English ones make compounds of lower-case words; the French ones only of names:
#: "gold-/en-haired" is "golden-haired".)
_EN_PARTICLES = frozenset("in of the a an and on upon by to at for".split())
_PARTICLES = frozenset(
    "in of the a an and on upon by to at for le la les de du des sur en sous".split()
)


#: Adverb particles of phrasal verbs ("turn down", "go under"): before another word they make
#: phrases ("down right away", "under current law"), so a pair's count is no compound's.
_ADVERB_PARTICLES = frozenset(
    "down out off over back away about around through under along across up".split()
)


#: Shortest stem that counts as shared evidence between a joined word and the document's words.
_STEM = 6


@dataclass(frozen=True)
class HyphenCall:
    """One line-end hyphen decision: the halves, the reading chosen, and why.

    ``sure`` is False where both readings are English and the document does not settle
    which one it uses ("arm-/chair": "armchair" and "arm-chair" are both spellings; the
    text never writes the word elsewhere): those calls are listed for the editor.
    """

    left: str
    right: str
    drop: bool
    sure: bool
    reason: str

    @property
    def source(self) -> str:
        """The break as the source prints it: "arm-/chair"."""
        return f"{self.left}-/{self.right}"

    @property
    def reading(self) -> str:
        """What the text now reads: "armchair" or "arm-chair"."""
        return self.left + ("" if self.drop else "-") + self.right

    @property
    def other(self) -> str:
        """The reading the editor can choose instead."""
        return self.left + ("-" if self.drop else "") + self.right


@dataclass
class HyphenEditing:
    """The editor's line-end hyphen decisions for one text, and the record of uncertain calls.

    ``decided``: the closed form, lower-cased ("armchair") → the spelling the editor chose
    ("arm-chair" or "armchair", from the work's ``[[hyphens]]``); ``review``: the calls made
    with low confidence (``HyphenCall.sure`` False), once per source break, in text order;
    ``applied``: the editor's decisions that met a line-end hyphen.
    """

    decided: dict[str, str] = field(default_factory=dict)
    review: dict[tuple[str, str], HyphenCall] = field(default_factory=dict)
    applied: Counter[str] = field(default_factory=Counter)


#: The hyphen editing of the text being read (``hyphen_editing``).  A context variable, not
#: a parameter: each reader (text, PDF, web page) builds its ``Lexicon`` deep inside its own
#: layout code, and the editor's decisions and the review record belong to the build, not to
#: the layout; outside a build (benches, ``edition reassemble``) there is none.
_EDITING: ContextVar[HyphenEditing | None] = ContextVar("hyphen_editing", default=None)


@contextmanager
def hyphen_editing(spellings: Iterable[str] = ()) -> Iterator[HyphenEditing]:
    """Read a text under the editor's ``[[hyphens]]`` decisions (spellings such as
    "arm-chair" or "armchair") and collect the calls made with low confidence."""
    ed = HyphenEditing(decided={closed_key(w): w.lower() for w in spellings})
    token = _EDITING.set(ed)
    try:
        yield ed
    finally:
        _EDITING.reset(token)


def closed_key(word: str) -> str:
    """The key of a spelling in the editor's decisions: lower-cased, hyphens removed."""
    return word.replace("-", "").lower()


#: A possessive ending ("chair’s", "chairs’"): no part of the word a hyphen splits.
_POSSESSIVE = re.compile(r"['’]s?$")
#: Inflectional endings an editor's spelling covers ("arm-chair" decides "arm-/chairs").
_INFLECTIONS = ("s", "es", "d", "ed", "ing")


def editor_decision(left: str, right: str) -> bool | None:
    """The editor's ``[[hyphens]]`` decision for "left-" + "right" (True: the hyphen goes),
    or None where the editor decided nothing for that word.

    Why the word's other forms: an editor spells a word once ("arm-chair") and means it
    wherever it is broken — its plural, its possessive ("arm-/chairs", "arm-/chair’s").
    Every reader consults it, with or without a lexicon (a clean text whose hyphens are the
    text's own still takes the editor's spelling)."""
    ed = _EDITING.get()
    if ed is None:
        return None
    key = closed_key(_POSSESSIVE.sub("", left + right))
    forms = [key] + [
        key[: -len(e)] for e in _INFLECTIONS if key.endswith(e) and len(key) > len(e) + 2
    ]
    spelling = next((ed.decided[f] for f in forms if f in ed.decided), None)
    if spelling is None:
        return None
    ed.applied[spelling] += 1
    return not editor_keeps(spelling, left)


def editor_keeps(spelling: str, left: str) -> bool:
    """Whether the editor's ``spelling`` ("arm-chair") has a hyphen right after ``left``'s
    letters: a line-end hyphen there is kept, anywhere else in the word it goes."""
    letters = 0
    for ch in spelling:
        if ch == "-":
            if letters == len(left):
                return True
        else:
            letters += 1
    return False


def _both_readings(lex: Lexicon, lw: str, rw: str) -> bool:
    """Both readings of "lw-/rw" are English ("arm-chair" of two words, "armchair" a word
    not much likelier than the two meeting): only the document's style could settle the
    call, so it is the editor's to confirm.

    Not a prefix or a bound beginning ("im-/posed", "dis-/sent": wordfreq lists "im" and
    "dis", but no compound is made of them), and not a closed word far likelier than its
    halves meeting by chance ("com-/fort", ``REVIEW_ASSOC``).
    """
    joined = lw + rw
    base = re.sub(r"['’]s$", "", joined)
    return (
        lw not in _PREFIXES
        and lw not in _BOUND_HEADS
        and lex.is_word(lw)
        and lex.is_word(rw)
        and (lex.known(joined) or lex.known(base))
        and _assoc(lw, rw, joined, base) < REVIEW_ASSOC
    )


class Lexicon:
    """What counts as a word: wordfreq plus the document's own vocabulary.

    Why both: wordfreq knows English at large but not "Thermidor" or
    "Trotskyism"; the document knows its own rare words, but only from
    tokens that are certainly whole (not at a line start, not before a
    line-end hyphen).
    """

    def __init__(self, lines: Sequence[str]):
        vocab: Counter[str] = Counter()
        # How the document itself writes compounds, for the line-end hyphen decision:
        # every hyphen inside a token ("middle-class", even at a line start, where the
        # token's first half may be a tail but its inner hyphen is the author's), and
        # every closed word (line starts included: a tail is never the joined form asked
        # about).  Not ``vocab``: that one must not learn tails such as "shevism".
        self.hyphenated: Counter[str] = Counter()
        self.closed: Counter[str] = Counter()
        for ln in lines:
            toks = ln.split()
            for i, t in enumerate(toks):
                open_end = i == len(toks) - 1 and t.endswith("-")
                for w in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", t):
                    lw = w.lower()
                    if i and not open_end:
                        vocab[lw] += 1
                    parts = lw.split("-")
                    for a, b in zip(parts, parts[1:]):
                        self.hyphenated[f"{a}-{b}"] += 1
                    if len(parts) == 1 and not (open_end and t.endswith(w + "-")):
                        self.closed[lw] += 1
        self.vocab = vocab
        # prefixes (≥ _STEM chars) of the document's own words, for stem matches
        self.prefixes: set[str] = {
            w[:k] for w in vocab if "-" not in w for k in range(_STEM, len(w) + 1)
        }
        #: the editor's decisions and the review record, when a build reads the text
        self.editing = _EDITING.get()
        #: the document's certain typesetter's breaks, and how many fall where TeX's US
        #: patterns allow: all of them, and the patterns are the typesetter's (``us_patterns``)
        agreement = _pattern_agreement(lines, self)
        self.certain_breaks, self.on_patterns, self.us_only, self.gb_only = agreement

    @property
    def us_patterns(self) -> bool:
        """Whether this document's typesetter breaks words where TeX's US patterns do.

        Why it matters: a break the patterns cannot make ("to-/night": "tonight" has no
        point after "to") is then the author's hyphen even in a very common word; other
        typesetters (British patterns: "know-/ledge", "import-/ant") break where the US
        ones do not, so without this evidence the common closed word wins.
        """
        return (
            patterns_log_lr(self.certain_breaks, self.on_patterns) >= US_PATTERNS_LOG_LR
            and us_vs_gb_log_lr(self.us_only, self.gb_only) >= US_PATTERNS_LOG_LR
        )

    @property
    def other_patterns(self) -> bool:
        """Whether this document's typesetter clearly breaks where the US patterns do not
        (the same odds the other way): their silence at a break then says nothing."""
        return (
            patterns_log_lr(self.certain_breaks, self.on_patterns) <= -US_PATTERNS_LOG_LR
            or us_vs_gb_log_lr(self.us_only, self.gb_only) <= -US_PATTERNS_LOG_LR
        )

    def stem_match(self, left: str, right: str) -> bool:
        """Whether "left" + "right" shares a long stem with a word the document writes whole.

        Why: the document's rare words come inflected ("Mensheviks" written
        whole, "Men-shevism" hyphenated); wordfreq knows neither, but the
        joined "menshevism" shares "menshevi" with "mensheviks".  The stem
        must reach well into the right half (so a common left half alone, as
        in "Men-" + "only", proves nothing) and cover most of the joined word.
        """
        j = (left + right).lower()
        k = len(j)
        while k >= _STEM and j[:k] not in self.prefixes:
            k -= 1
        return k >= _STEM and k >= len(left) + 2 and k >= 0.7 * len(j)

    def hyph_ok(self, left: str, right: str) -> bool:
        """ "left-" + "right" across a line end makes a word (or the document's own compound)."""
        return self.hyph_strength(left, right) > 0

    def hyph_strength(self, left: str, right: str) -> int:
        """How well "left-" + "right" is attested: 3 by the document itself (the word, its
        hyphenated compound, or a shared long stem), 2 a common English word, 1 a rare one, 0 none.

        Why graded: wordfreq knows many rare strings ("mento"); when another
        candidate completes the same hyphen with the document's own word
        ("men-shevism" ~ "mensheviks"), the weaker completion loses.
        """
        lw, rw = left.lower(), right.lower()
        if not lw or not rw:
            return 0
        j = lw + rw
        if (
            self.vocab.get(j, 0) > 0
            or self.vocab.get(f"{lw}-{rw}", 0) > 0
            or self.stem_match(lw, rw)
        ):
            return 3
        z = _zipf(j)
        return 2 if z >= 2.5 else (1 if z >= 1.0 else 0)

    def is_word(self, w: str) -> bool:
        """A standalone word (so not the tail of a hyphenated word)."""
        lw = w.lower()
        return bool(lw) and (self.vocab.get(lw, 0) > 0 or _zipf(lw) >= 3.0)

    def fragment(self, w: str) -> bool:
        """A word's tail left by hyphenation ("shevism", "tion"), not a word of its own.

        Rare but real words ("reversion") must not count: only unknown
        strings, or common word endings that are not words by themselves.
        """
        lw = w.lower()
        if not lw or self.vocab.get(lw, 0) > 0:
            return False
        return _zipf(lw) < 1.5 or lw in _SUFFIXES

    def known(self, w: str) -> bool:
        """Plausible as a joined word (rarer words allowed)."""
        lw = w.lower()
        return bool(lw) and (self.vocab.get(lw, 0) > 0 or _zipf(lw) >= 1.0)

    def drop_hyphen(
        self, left: str, right: str, then: str = "", inner: bool = False, before: str = ""
    ) -> bool:
        """Whether "left-" + "right" is a hyphenated word (drop) or a compound (keep): the
        editor's ``[[hyphens]]`` decision for the word where there is one, else ``call``'s;
        a call made with low confidence is recorded for the editor (``HyphenEditing``)."""
        ed = self.editing
        decided = editor_decision(left, right)
        if decided is not None:
            return decided
        # a possessive is no part of the word the hyphen splits ("arm-/chair’s" is "arm-/chair")
        right = _POSSESSIVE.sub("", right) or right
        c = self.call(left, right, then, inner, before)
        if ed is not None and not c.sure:
            ed.review.setdefault((left, right), c)
        return c.drop

    def call(
        self, left: str, right: str, then: str = "", inner: bool = False, before: str = ""
    ) -> HyphenCall:
        """Whether "left-" + "right" is a hyphenated word (drop) or a compound (keep), how
        sure, and why.

        The document's own evidence comes first: a form it writes hyphenated
        elsewhere keeps its hyphen ("middle-class", even when that other
        occurrence opens a line); a form it writes closed stays closed (the
        more frequent spelling wins when it writes both).  Only then the
        lexicon: keep the hyphen when both halves are words and the joined
        form is not ("five-year"); drop it when the joined form is a word
        ("bureaucracy") or when the halves are not both words
        ("Men-shevism").  A rarer left half still counts as a word when the
        joined form is unknown everywhere: "bureaucratically-" +
        "degenerated" is a compound, never "bureaucraticallydegenerated".

        Between the two: a particle followed by its own hyphen (``then``, what
        follows the right half on its line: "Brunoy-/le-Petit") is inside a
        compound; a prefix before a word makes a word ("be-/smeared"; "in-" too
        before a learned stem, "in-/apt", not before an everyday word, "in-/laws"),
        unless ``inner``: the left half follows a hyphen of its own, as in
        "mother-in-/law" (a particle there goes on with the compound: "day-to-/day"), unless the hyphen parts two equal vowels ("re-/echo");
        a right half that is a prefixed word ("ink-/besmeared") counts as a word
        wordfreq may not list; no prefix inside a compound of its own ("tour-de-/force")
        or before a function word ("be-/all"); a particle whose joined form is a common
        word is that word ("Stal-/in-era"); a name before a participle is a compound
        adjective ("Trotsky-/baiting"); a pair English writes apart much more often than
        closed is a compound ("frying-/pan"; ``written_apart``) where the closed form is rare;
        a capitalised left half
        with no joined word is a name broken by hyphenation ("Bel-/homme"); and
        where both halves are words, the closed word wins when it is much
        likelier than the halves meeting by chance (``_assoc``).
        """
        lw, rw = left.lower(), right.lower()

        def made(drop: bool, reason: str, sure: bool = True) -> HyphenCall:
            return HyphenCall(left, right, drop, sure, reason)

        if not lw or not rw:
            return made(False, "no word on one side")
        joined = lw + rw
        seen_hyphenated, seen_closed = self.hyphenated[f"{lw}-{rw}"], self.closed[joined]
        if seen_hyphenated or seen_closed:
            # unsure only where the document writes the word both ways ("side-board" and
            # "sideboard"): the more frequent spelling wins, the editor confirms
            both = bool(seen_hyphenated and seen_closed)
            return made(
                seen_closed > seen_hyphenated,
                f"the document writes it {seen_hyphenated}× hyphenated, {seen_closed}× closed"
                if both
                else "the document's own spelling",
                sure=not both,
            )
        if (
            then[:1] == "-"
            and then[1:2].isalpha()
            and (rw in _EN_PARTICLES or (rw in _PARTICLES and left[:1].isupper()))
            and not (_zipf(joined) >= COMMON_WORD and _zipf(joined) > _zipf(lw))
        ):
            # the right half is a particle inside a longer compound ("Roussainville-/le-Pin",
            # "brother-/in-law", "up-/to-date"); but a common word ending in a particle's
            # letters, commoner than its first half, is a word broken inside a compound
            # ("Stal-/in-era", "cab-/in-boy": patterns break there)
            return made(False, "a particle inside a longer compound")
        if (
            inner
            and lw in _EN_PARTICLES
            and self.is_word(rw)
            and (_zipf(joined) < COMMON_WORD or rw == before.lower())
        ):
            # an English particle after a hyphen of its own, before a word, goes on with the
            # compound ("well-to-/do", "up-to-/date"; "day-to-/day" even though "today" is a
            # word: the compound repeats its first word); not a prefix broken inside one
            # ("self-in-/terest", "self-de-/termination")
            return made(False, "a particle inside a compound of its own")
        base = re.sub(r"['’]s$", "", joined)  # a possessive: "tor-" + "mentor’s"

        def both_words() -> bool:
            return _both_readings(self, lw, rw)

        if (
            (lw in _PREFIXES or (lw == "in" and _zipf(rw) < COMMON_NOUN))
            and not inner  # inside a compound of its own: "mother-in-/law", "tour-de-/force"
            and _zipf(rw) < FUNCTION_WORD  # no prefix makes a word of "all": "be-/all"
            and rw[:1] != lw[-1:]  # "re-/enter", "de-/emphasise": the hyphen parts two vowels
            and (self.known(joined) or self.known(base) or self.is_word(rw))
        ):
            # a prefix before a word ("be-/sought", "re-/proved", "un-/fertile"): the
            # prefixed word, known or not
            return made(True, "a prefix before a word")
        if written_apart(lw, rw) and max(_zipf(joined), _zipf(base)) < 2.0:
            # English writes the pair apart far more often than closed ("frying pan",
            # "pork chops") and the closed form is rare ("fryingpan"): the hyphen joins a
            # compound, it is the author's.  (Where the closed form is common, the document's
            # style would have to decide; a style count was tried and dropped: two modern
            # compounds, "well-being" and "non-profit", made "every-/day" read "every-day".)
            return made(False, "English writes the two words apart", sure=not both_words())
        if _zipf(joined) >= 2.0 or _zipf(base) >= 2.0:
            # two words the patterns could not have split there ("leap-/frog"): the
            # author's hyphen; anywhere the patterns allow, the common joined word wins —
            # and a very common one anywhere ("import-/ant": typesetters with other
            # patterns than TeX's US ones break there).  Where the document's breaks show
            # other patterns, the US ones' silence proves nothing and the two words are
            # judged as any two ("drain-/age": ``ASSOC_WORDS``)
            no_pattern = (
                self.is_word(lw)
                and self.is_word(rw)
                and rw not in _BOUND_TAILS
                and not _pattern_break(base, len(lw))
            )
            if no_pattern and self.us_patterns:
                # the document's typesetter breaks only where the US patterns do, and they
                # cannot break the closed word here: the hyphen is the author's ("to-/night")
                return made(False, "a break the document's typesetter could not make")
            keep = (
                no_pattern
                and max(_zipf(joined), _zipf(base)) < 4.0
                and _assoc(lw, rw, joined, base)
                < (ASSOC_WORDS if self.other_patterns else ASSOC_NOPATTERN)
            )
            return made(
                not keep,
                "two words the hyphenation patterns could not break there"
                if keep
                else "a common closed word",
                sure=rw in _BOUND_TAILS or not both_words(),
            )
        if (rw in _BOUND_TAILS or lw in _BOUND_HEADS) and (
            rw in _SUFFIXES
            or self.known(joined)
            or self.known(base)
            or (rw in _BOUND_TAILS and not self.is_word(rw))
        ):
            return made(True, "a bound ending or beginning")
        if (
            left[:1].isupper()
            and _zipf(joined) < 1.0
            and re.search(r"(?:ing|ed|like)$", rw)
            and len(rw) >= 5
            and self.known(rw)
        ):
            # a name before an English participle or "-like" is a compound adjective
            # ("Trotsky-/baiting", "Hegel-/haunted"); a broken name's tail is no such word
            return made(False, "a name before a participle")
        if self.is_word(lw) and self.is_word(rw) and len(lw) > 1:
            # a rarer joined word: "bed-/clothes" and "counter-/revolution" look alike to
            # the patterns and to the lexicon; the compound is kept
            # (a lower-case joined form wordfreq does not know at all cannot be the likelier
            # one: "idol-/worshipping"; a name's may: "Cena-/colo")
            known = self.known(joined) or self.known(base) or left[:1].isupper()
            as_stem = None if known else self._as_stem(left, right, inner, before)
            if as_stem is not None:
                return as_stem
            drop = known and _assoc(lw, rw, joined, base) >= ASSOC_WORDS
            return made(
                drop,
                "a closed word far likelier than the two words meeting"
                if drop
                else "two words; the closed word is rare",
                sure=not both_words(),
            )
        if (
            _zipf(joined) < 1.0
            and not left[:1].isupper()  # a name ("Bal-/bec"): no compound of two words
            and len(lw) > 2
            and len(rw) > 2
            and rw not in _SUFFIXES
            and self.known(lw)
            and (self.known(rw) or self._prefixed(rw))
        ):
            return self._as_stem(left, right, inner, before) or made(
                False, "two words with no closed word"
            )
        return made(True, "not two words: a word broken by the typesetter")

    def _as_stem(self, left: str, right: str, inner: bool, before: str) -> HyphenCall | None:
        """The call for a lower-case joined word wordfreq does not list, made as for the word
        it inflects or derives (``_known_stem``) when the hyphen falls inside that word; None
        where there is no such word.

        Why: "sal-/lowness" and "gab-/bled" looked like two words with no closed word (a
        compound), since wordfreq lists "sallow" and "gabble" but not "sallowness" and
        "gabbled"; the typesetter broke the word the ending was added to, so the decision is
        that word's ("sal-/low": "sallow").  Not where the compound reading is open: when
        the right half is a common word on its own and so is the stem's part after the
        hyphen ("class-/worker": "worker" and "work"; "full-/timers", "how-/tos",
        "de-/escalated"), the ending can belong to the right half, and wordfreq not listing
        the joined form is evidence against closing it.  The rule still holds where the
        right half is no common word ("sal-/lowness") or is one only through the ending
        ("gab-/bled": "ble" + "d").
        """
        lw = left.lower()
        stem = _known_stem((lw + right).lower(), len(lw), self.known)
        if stem is None or (self.is_word(right) and self.is_word(stem[len(lw) :])):
            return None
        as_stem = self.call(left, stem[len(lw) :], "", inner, before)
        return HyphenCall(left, right, as_stem.drop, as_stem.sure, f"as {stem!r}: {as_stem.reason}")

    def _prefixed(self, w: str) -> bool:
        """A prefix before a word ("bespattered"): a word wordfreq may not list."""
        return any(
            w.startswith(p) and len(w) - len(p) >= 4 and self.known(w[len(p) :]) for p in _PREFIXES
        )


#: Inflectional and common derivational endings, longest first, that make a word wordfreq may
#: not list from one it does ("sallowness", "gabbled"): ``_known_stem``.
_ENDINGS = ("ness", "ings", "ing", "ers", "est", "ed", "er", "es", "ly", "d", "s")


def _known_stem(joined: str, at: int, known: Callable[[str], bool]) -> str | None:
    """The known word that ``joined`` (unknown itself) inflects or derives with one of
    ``_ENDINGS`` ("gabbled" → "gabble"), where the line-end hyphen at ``at`` falls inside that
    word with at least two of its letters after it; else None.

    Why: wordfreq lists "sallow" but not "sallowness", so "sal-/lowness" looked like two
    words ("sal", "lowness") with no closed word, a compound.  The word the ending is added
    to is the one the typesetter broke; judged as that word, the call is the stem's.  Only a
    candidate: ``Lexicon._as_stem`` sets it aside where the ending can as well belong to a
    right half that is a common word ("class-/worker").
    No stem in "-ed": a compound adjective of that shape ("kind-hearted", "cold-blooded")
    keeps its hyphen in its "-ness" and "-ly" words by convention ("kind-heartedness",
    "cold-bloodedly"), whatever wordfreq's hyphen-blind count of "kindhearted" says.
    """
    for ending in _ENDINGS:
        if not joined.endswith(ending) or len(joined) - len(ending) < at + 2:
            continue
        bare = joined[: -len(ending)]
        for stem in (bare, bare + "e") if ending[0] in "aei" else (bare,):
            if known(stem) and not stem.endswith("ed"):
                return stem
    return None


#: Association (``_assoc``) above which the closed word wins between two words: where TeX's
#: US patterns could not break it there (a typesetter with other patterns, en_GB's "des-/cent",
#: "ward-/robe"; "leap-/frog" 3.7 keeps its hyphen), and a rarer joined word the patterns
#: allow ("sweet-/meats" 2.4; the compounds on dev reach 2.06, "counter-/revolution" 1.7).
#: Chosen on dev prose only (``bench/bench_hyphen.py --pdf-prose``: the bench_pdf dev
#: novels and even essays typeset with en_US and en_GB patterns): the lowest values that
#: lose no compound kept there, inside the flat part of the error curve.
ASSOC_NOPATTERN = 3.8
ASSOC_WORDS = 2.25

#: Association (``_assoc``) below which a call between two words that also make a closed
#: word is listed for the editor (``_both_readings``): above it the closed word is far
#: likelier than a compound ("com-/fort" 5.8, "sur-/round" 4.0).  Chosen on dev prose
#: (``bench_hyphen.py --pdf-prose``): every dev error of that kind lies below it
#: ("bread-/crumbs" 3.9, "arm-/chair" 2.8), and it halves the list.
REVIEW_ASSOC = 4.0

#: Share of a document's certain typesetter's breaks (``_pattern_agreement``) that fall on
#: TeX's US pattern points (as pyphen ships them) when the typesetter used those patterns
#: (pyphen's and TeX's lists differ a little: 0.995), and when it used others (British
#: patterns: 0.86, 4,847 of 5,623 on the en_GB dev documents of ``bench_hyphen.py
#: --pdf-prose``, which range 0.81–0.95; the en_US ones 6,060 of 6,061, groff and pdfLaTeX
#: dev PDFs 1.00 and 0.99).
P_ON_US, P_ON_OTHER = 0.995, 0.86
#: log10 of the likelihood ratio "US patterns" : "other patterns" a document must reach for
#: ``Lexicon.us_patterns`` (100 : 1 with even prior odds): about 32 certain breaks all on
#: pattern points, 56 with one off them.
US_PATTERNS_LOG_LR = 2.0


def patterns_log_lr(certain: int, on: int) -> float:
    """log10 P(breaks | US patterns) / P(breaks | other patterns), binomial in ``on`` of
    ``certain``: each break on a pattern point is weak evidence, each one off is strong."""
    return on * math.log10(P_ON_US / P_ON_OTHER) + (certain - on) * math.log10(
        (1 - P_ON_US) / (1 - P_ON_OTHER)
    )


def us_vs_gb_log_lr(us_only: int, gb_only: int) -> float:
    """log10 P(breaks | US patterns) / P(breaks | British patterns), from the breaks where
    the two disagree (a break both allow, or neither, says nothing between them).

    Why besides ``patterns_log_lr``: the share of a British-typeset document's breaks that
    fall on US points is 0.86 on average but reaches 1.0 in a short one whose words the two
    break alike, and then the share alone names it US (review: 2 of 60 en_GB dev documents,
    which read "wo-men", "law-yer").  Only the breaks the two tell apart name the patterns;
    each is strong evidence (a typesetter breaks off its own points about 1 time in 200)."""
    return (us_only - gb_only) * math.log10(P_ON_US / (1 - P_ON_US))


#: Zipf frequency of a common word (about the 10,000 most frequent English words): a
#: joined form this common ("Stalin", "cabin") is a word, not a compound's particle.
COMMON_WORD = 3.0
#: Zipf frequency of English function words ("all", "and", "the": about the top 100): no
#: prefix makes a word of one.
FUNCTION_WORD = 6.0
#: Zipf frequency above which a word after "in-" is taken as a compound's head ("in-/laws",
#: "in-/joke", "in-/crowd", "in-/car"), not the stem of a Latinate word ("in-/violate",
#: "in-/apt", "in-/elegant"): the negating "in-" joins learned stems, rarer than everyday nouns.
COMMON_NOUN = 4.0


def _assoc(lw: str, rw: str, joined: str, base: str) -> float:
    """log10 of f(joined) / (f(left) f(right)): how much likelier the closed word is than the
    two halves meeting by chance.

    Why this and not the joined word's frequency alone: "sweetmeats" and "bedclothes" are
    equally rare, but "sweet" + "meats" and "bed" + "clothes" are not equally likely to meet
    as a compound; a pair of very common halves ("so-/so") explains a rare joined form.
    wordfreq knows no hyphenated compound, so the halves' frequencies stand in for it.
    """
    return max(_zipf(joined), _zipf(base)) - _zipf(lw) - _zipf(rw) + 9.0


#: How often, at least, English must write a pair apart (as two words, in symspellpy's Google
#: Books bigram counts) for each time it writes it closed (its unigram count, on the bigram
#: scale), for the hyphen between the two to be a compound's: "bread crumbs" 1.1, "race
#: course" 0.35, "fairy tales" 3.6, while "life time" 0.045, "court yard" 0.04, "some
#: where" 0.016 are closed words.  Chosen on dev prose (``bench_hyphen.py --pdf-prose``)
#: with the document-style gate since withdrawn: 0.2–1.0 fixed the same compounds and broke
#: no word there; 0.1 broke "before-/hand".  Now that only rare closed forms ("fryingpan",
#: Zipf < 2) are judged by it, it seldom binds.  (Unigram counts from the same list; a closed
#: form missing from it counts 0.)
OPEN_RATIO = 0.3


@lru_cache(maxsize=1 << 16)
def written_apart(lw: str, rw: str) -> bool:
    """Whether English writes "lw rw" as two words much more than as one ("frying pan").

    Why this evidence: wordfreq has no hyphenated or open compounds, so a compound whose
    closed form is also a word ("breadcrumbs", "racecourse") looked like a broken word.  A
    bigram count is evidence that the pair is a compound of two words, not one word the
    typesetter broke.  Only content words: a function word or a particle makes phrases
    ("care less", "in different", "for getting"), and so does an adverb particle before a
    word ("down right" of "turn down right away" says nothing of "downright"); a bound
    ending or prefix never stands apart; the list is pruned to frequent pairs, so an unlisted
    pair proves nothing.
    """
    from .langmodel import english_bigrams

    eb = english_bigrams()
    apart = eb.bigrams.get(f"{lw} {rw}", 0) if eb is not None else 0
    if (
        not apart  # first: most pairs are not listed, and the rest costs wordfreq look-ups
        or len(lw) < 3
        or len(rw) < 3
        or lw in _PREFIXES
        or lw in _PARTICLES
        or lw in _ADVERB_PARTICLES
        or rw in _PARTICLES
        or rw in _BOUND_TAILS
        or _zipf(lw) >= FUNCTION_WORD
        or _zipf(rw) >= FUNCTION_WORD
    ):
        return False
    assert eb is not None
    return apart >= OPEN_RATIO * eb.scale * eb.unigrams.get(lw + rw, 0)


@lru_cache(maxsize=1)
def _hyphenator():  # type: ignore[no-untyped-def]
    """TeX's English patterns, loaded once (pyphen ships them with its wheel)."""
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=1)
def _gb_hyphenator():  # type: ignore[no-untyped-def]
    """TeX's British patterns (pyphen's en_GB), loaded once: the other patterns a
    typesetter of English text most often uses, to tell its breaks from the US ones."""
    import pyphen

    return pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=1 << 16)
def _pattern_break(word: str, at: int) -> bool:
    """Whether TeX's English hyphenation patterns (Liang's, as pyphen ships them) allow a
    break after the first ``at`` letters of ``word``: where a typesetter may hyphenate."""
    return at in _hyphenator().positions(word)


@lru_cache(maxsize=1 << 16)
def _gb_pattern_break(word: str, at: int) -> bool:
    """Whether the British patterns allow a break after the first ``at`` letters."""
    return at in _gb_hyphenator().positions(word)


def _pattern_agreement(lines: Sequence[str], lex: Lexicon) -> tuple[int, int, int, int]:
    """The document's certain typesetter's breaks; how many TeX's US patterns allow; and
    how many only the US patterns allow, and only the British ones (``us_vs_gb_log_lr``).

    A break is certain when the line after a line-end hyphen starts with the rest of a
    common word and the halves are not both words ("bureau-" / "cracy"): no compound and no
    author's hyphen.  Lines need not be in reading order (a column extraction): a wrong
    neighbour rarely completes a common word.
    """
    certain = on = us_only = gb_only = 0
    for a, b in zip(lines, lines[1:]):
        m = re.search(r"(?<![-\w])([a-z]+)-$", a.rstrip())
        r = re.match(r"([a-z]+)", b.lstrip())
        if not m or not r:
            continue
        left, right = m.group(1), r.group(1)
        joined = left + right
        if _zipf(joined) >= COMMON_WORD and not (lex.is_word(left) and lex.is_word(right)):
            certain += 1
            us, gb = _pattern_break(joined, len(left)), _gb_pattern_break(joined, len(left))
            on += us
            us_only += us and not gb
            gb_only += gb and not us
    return certain, on, us_only, gb_only


def _last_word(s: str) -> str:
    m = re.search(r"([^\W\d_]+)\s?-$", s.rstrip())
    return m.group(1) if m else ""


def _first_word(s: str) -> str:
    m = _WORD.match(s.lstrip().lstrip(_OPEN_Q + "\"'(["))
    return m.group(0) if m else ""


def _join_text(parts: list[str], lex: Lexicon) -> str:
    """Join line texts, rejoining hyphenated words and keeping real compounds.

    Why a flushed prefix: only the last few characters are ever rewritten (a hyphen rejoin
    reaches back one word), and growing one string by concatenation copies it every time: a
    paragraph of a million lines took minutes.
    """
    done: list[str] = []
    out = ""
    for t in parts:
        if len(out) > _JOIN_FLUSH:
            done.append(out[:-_JOIN_KEEP])
            out = out[-_JOIN_KEEP:]
        t = " ".join(t.split())
        if not out:
            out = t
            continue
        tail = out[-80:]  # only the end matters; searching all of out is quadratic
        m = re.search(r"([^\W\d_]+(?:['’][^\W\d_]+)*)(\s?)-$", tail)
        right = _first_word(t)
        if m and right and t[:1].isupper() and not m.group(2) and not out.endswith("--"):
            out = out + t  # a hyphen before a capital is the word's own: "anti-/Semitic"
        elif m and right and t[:1].islower() and not out.endswith("--"):
            then = t[t.find(right) + len(right) :].split(" ", 1)[0]
            left = m.group(1)
            cut = len(out) - len(tail) + (m.start(2) if m.group(2) else len(tail) - 1)
            stem = out[:cut]
            inner = m.start(1) > 0 and tail[m.start(1) - 1] == "-"  # "mother-in-/law"
            words_before = re.findall(r"[^\W\d_]+", tail[: m.start(1)]) if inner else []
            before = words_before[-1] if words_before else ""  # "day" of "day-to-/day"
            if lex.drop_hyphen(left, right, then, inner, before):
                out = stem + t
            else:
                out = stem + "-" + t
        else:
            out = out + " " + t
    return "".join(done) + out


#: ``_join_text`` sets aside all but its last ``_JOIN_KEEP`` characters once it holds more
#: than ``_JOIN_FLUSH`` (the hyphen rejoin reads the last 80).
_JOIN_FLUSH, _JOIN_KEEP = 8192, 256
