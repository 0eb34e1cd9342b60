"""The site in a real browser: headless Chromium (Debian's ``chromium`` + ``chromium-driver``).

Why a real browser: layout (columns side by side), the language switch, the
permalinks and the escaping of HTML in a msgstr are only proven where a
browser runs the page.  One browser session serves the whole module; each
page is loaded from disk (file://).  Screenshots of the reading view are
saved as artefacts in ``.artefacts/`` (or ``$EDITION_ARTEFACTS``).  Nothing
downloads a browser: without the system's chromium and chromedriver the
module is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from site_fixtures import make_hostile_project

from edition.config import load_config
from edition.site import build_site

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (test extra) not installed")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip(
        "headless Chromium not installed (apt-get install chromium chromium-driver); "
        "browser tests not run",
        allow_module_level=True,
    )

ARTEFACTS = Path(os.environ.get("EDITION_ARTEFACTS", REPO / ".artefacts"))
VERNE = "verne-voyage-centre-terre"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    repo_out = tmp_path_factory.mktemp("site") / "site"
    build_site(load_config(REPO), repo_out)
    root = make_hostile_project(tmp_path_factory.mktemp("proj") / "proj")
    build_site(load_config(root), root / "site")
    return {"repo": repo_out, "hostile": root / "site"}


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for a in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--allow-file-access-from-files",
    ):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


def _load(drv, path: Path, fragment: str = "") -> list[dict]:
    """Open a page; return the console messages it logged (errors and warnings)."""
    drv.get_log("browser")  # drain
    drv.get(path.as_uri() + fragment)
    drv.execute_script("return document.readyState")
    return [m for m in drv.get_log("browser") if m["level"] in ("SEVERE", "WARNING")]


def _shot(drv, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(ARTEFACTS / f"{name}.png"))


def test_every_page_loads_without_console_errors(browser, sites) -> None:
    pages = sorted(sites["repo"].rglob("*.html")) + sorted(sites["hostile"].rglob("*.html"))
    for p in pages:
        errors = _load(browser, p)
        assert not errors, (p, errors)


def test_columns_are_aligned_by_bead(browser, sites) -> None:
    _load(browser, sites["repo"] / VERNE / "index.html")
    tops = browser.execute_script(
        """return Array.from(document.querySelectorAll('.rows .row:not(.colhead)'))
             .filter(r => r.querySelector('.c.en .s') && r.querySelector('.c.orig .s'))
             .map(r => [r.querySelector('.c.en').getBoundingClientRect().top,
                        r.querySelector('.c.orig').getBoundingClientRect().top,
                        r.querySelector('.c.tr').getBoundingClientRect().top,
                        r.querySelector('.c.en').getBoundingClientRect().left,
                        r.querySelector('.c.orig').getBoundingClientRect().left]);"""
    )
    assert len(tops) > 200
    for en, fr, tr, en_left, fr_left in tops:
        assert abs(en - fr) < 1 and abs(en - tr) < 1
        assert fr_left > en_left  # side by side, not stacked
    _shot(browser, "reading-view-desktop")


def test_status_classes_and_language_switch(browser, sites) -> None:
    _load(browser, sites["hostile"] / "tiny" / "index.html")
    counts = browser.execute_script(
        """const c = s => document.querySelectorAll(s).length;
           return [c('.tr-cell[data-lang=es] .t.translated'), c('.tr-cell[data-lang=es] .t.fuzzy'),
                   c('.tr-cell[data-lang=es] .t.untranslated')];"""
    )
    assert counts[0] >= 2 and counts[1] == 1 and counts[2] >= 1
    shown = "return Array.from(document.querySelectorAll('.row:not(.colhead) .tr-cell')).filter(e => e.offsetParent !== null).map(e => e.dataset.lang);"
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element("id", "lang-switch")).select_by_value("es")
    assert set(browser.execute_script(shown)) == {"es"}
    Select(browser.find_element("id", "lang-switch")).select_by_value("de")
    assert set(browser.execute_script(shown)) == {"de"}
    _shot(browser, "reading-view-statuses")


def test_script_in_a_msgstr_is_not_executed(browser, sites) -> None:
    _load(browser, sites["hostile"] / "tiny" / "index.html", "?lang=es")
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    text = browser.execute_script(
        "return Array.from(document.querySelectorAll('.tr-cell[data-lang=es] .t')).map(e => e.textContent).join(' ')"
    )
    assert "<script>window.__pwned = 1;</script><b>bold</b>" in text
    assert not browser.execute_script("return document.querySelector('.tr-cell b')")


def test_permalink_resolves_and_copy_id(browser, sites) -> None:
    sid = "vct-0042"
    _load(browser, sites["repo"] / VERNE / "index.html", f"#{sid}")
    info = browser.execute_script(
        f"""const e = document.getElementById('{sid}'); const r = e.getBoundingClientRect();
            return [e.matches(':target'), r.top, window.innerHeight, e.closest('.c').lang];"""
    )
    header = browser.execute_script(
        "return document.querySelector('.row.colhead').getBoundingClientRect().bottom"
    )
    assert info[0] and header <= info[1] < info[2] and info[3] == "en"
    btn = browser.find_element("css selector", f'button.cp[data-id="{sid}"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", btn)
    btn.click()
    assert browser.execute_script("return document.activeElement.dataset.id") == sid


def test_keyboard_reaches_the_controls(browser, sites) -> None:
    from selenium.webdriver.common.keys import Keys

    _load(browser, sites["repo"] / VERNE / "index.html")
    body = browser.find_element("tag name", "body")
    body.send_keys(Keys.TAB)
    first = browser.execute_script("return document.activeElement.className")
    assert first == "skip"
    body = browser.switch_to.active_element
    for _ in range(8):
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.execute_script("return document.activeElement.tagName") in (
        "A",
        "SELECT",
        "BUTTON",
    )
    browser.find_element("tag name", "body").send_keys("j")
    assert browser.execute_script("return location.hash") == "#vct-0001"


def test_review_lists_low_confidence_joins(browser, sites) -> None:
    _load(browser, sites["repo"] / "bensaid-baggage-of-exodus" / "review.html")
    joins = browser.execute_script(
        "return Array.from(document.querySelectorAll('.item.join')).map(e => parseFloat(e.dataset.confidence));"
    )
    notes = (REPO / "tei" / "bensaid-baggage-of-exodus.en.xml").read_text(encoding="utf-8")
    assert len(joins) == notes.count("Review reading order: join") and all(
        c <= 0.5 for c in joins
    )  # shown to two decimals: 0.498 reads 0.50
    _load(browser, sites["repo"] / VERNE / "review.html")
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.item.link')).map(e => parseFloat(e.dataset.confidence));"
    )
    assert links and all(c < 0.5 for c in links)
    _shot(browser, "review")


def test_dot_plot_links_to_rows(browser, sites) -> None:
    _load(browser, sites["repo"] / VERNE / "alignment.html")
    n = browser.execute_script("return document.querySelectorAll('svg.dotplot rect.bead').length")
    low = browser.execute_script(
        "return document.querySelectorAll('svg.dotplot rect.bead.low').length"
    )
    assert n > 200 and 0 < low < n
    _shot(browser, "alignment")


def test_phone_width_has_no_horizontal_scroll(browser, sites) -> None:
    browser.set_window_size(390, 844)
    try:
        for page in (
            "index.html",
            f"{VERNE}/index.html",
            f"{VERNE}/review.html",
            f"{VERNE}/alignment.html",
        ):
            _load(browser, sites["repo"] / page)
            over = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert over <= 1, (page, over)
        _load(browser, sites["repo"] / VERNE / "index.html")
        _shot(browser, "reading-view-phone")
    finally:
        browser.set_window_size(1400, 1000)
