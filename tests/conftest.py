"""Shared fixtures: where ../shared is, and a once-per-session TEI RelaxNG schema.

Why session-scoped: lxml needs ~10 s to compile tei_all; every TEI test
shares one compiled schema.  Tests that need ../shared skip with a reason
when it is absent (a clone without the shared material).
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TEI_RNG = SHARED / "tei" / "tei_all_4.12.0.rng"
TRANSREAD = SHARED / "bench" / "transread"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def tei_schema():
    """The compiled TEI P5 4.12.0 RelaxNG schema (skips when ../shared is absent)."""
    if not TEI_RNG.is_file():
        pytest.skip(f"TEI schema not found at {TEI_RNG} (../shared absent); validation not run")
    from edition.tei import relaxng

    return relaxng(str(TEI_RNG))  # the cache `edition check` uses too: compiled once per session


@pytest.fixture(scope="session")
def transread() -> Path:
    """The TransRead alignment gold (skips when ../shared is absent)."""
    if not TRANSREAD.is_dir():
        pytest.skip(f"alignment gold not found at {TRANSREAD} (../shared absent)")
    return TRANSREAD
