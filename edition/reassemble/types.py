"""Result types of the reading-order reconstruction (the JSON contract of ``edition reassemble``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Join:
    """How ``order[after]`` continues into ``order[after + 1]``.

    ``kind``: "hyphen" (a word split across the join), "word" (mid-sentence),
    "sentence" (new sentence, same paragraph), "paragraph" or "gap"
    (material missing).  ``confidence``: the probability that this succession
    is right, in [0, 1] — the solver's softmax share of the chosen successor
    (the smaller of the row and column views) calibrated on synthetic cases
    (``assemble.calibrated_confidence``, ``Params.conf_cal``); joins below 0.5
    are listed for the editor's review.
    """

    after: int
    confidence: float
    kind: str


@dataclass
class Paragraph:
    """Restored text of one paragraph (or heading / title line)."""

    text: str
    ranges: list[tuple[int, int]]
    gap_before: bool = False
    gap_after: bool = False
    heading: bool = False


@dataclass
class Reassembly:
    """The restored reading order of one extraction.

    ``order``: 1-based inclusive line ranges in reading order (a glued line
    split into two fragments occurs in two ranges); ``furniture``: ranges of
    page furniture removed; ``gaps_after``: indexes into ``order`` after which
    material is missing; ``joins``: one per consecutive pair of ``order``;
    ``cols``: per ``order`` item, the character column where it starts on its
    first line and ends (exclusive) on its last line — not part of the JSON
    contract, used to tell the halves of a glued line apart; ``scores``: the
    log-odds of each join (for calibration and review); ``missing_pages``:
    page numbers absent from the page furniture (not in the JSON contract).
    """

    order: list[tuple[int, int]] = field(default_factory=list)
    furniture: list[tuple[int, int]] = field(default_factory=list)
    gaps_after: list[int] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    cols: list[tuple[int, int]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    #: page numbers the page furniture skips (1, 2, 4: page 3 is lost); where its text belonged is not known
    missing_pages: list[int] = field(default_factory=list)
    #: per join, the covariates of its calibration (``assemble.join_covariates``): the solver's raw
    #: share, whether it leaves the input order, whether it keeps an open sentence across a blank
    #: line, whether it keeps the input order across a column end the geometry shows, whether it
    #: keeps it across page furniture, the document's habit at flagged column ends, a repair's
    #: text margin, and whether the words counted again at that repair (not in the JSON
    #: contract; the benchmark fits the calibration on them)
    covariates: list[tuple[float, bool, bool, bool, bool, float, float, bool]] = field(
        default_factory=list
    )

    def to_json(self) -> dict:
        """The JSON contract of ``edition reassemble --json``."""
        return {
            "order": [[a, b] for a, b in self.order],
            "furniture": [[a, b] for a, b in self.furniture],
            "gaps_after": list(self.gaps_after),
            "joins": [
                {"after": j.after, "confidence": round(j.confidence, 4), "kind": j.kind}
                for j in self.joins
            ],
            "paragraphs": [p.text for p in self.paragraphs],
        }
