"""Output formats: text for people, JSON for scripts, JUnit for dashboards, GitHub annotations.

Why four: a translator reads text, CI dashboards read JUnit, GitHub shows
``::error file=…,line=…::`` lines inline on the diff, and anything else can
read the JSON list.  All four are deterministic (sorted, no timestamps).
"""

from __future__ import annotations

import json
from collections import Counter

from lxml import etree

from .core import RANK, REGISTRY, SEVERITIES, Finding, Severity


def failing(findings: list[Finding], fail_on: Severity) -> list[Finding]:
    return [f for f in findings if RANK[f.severity] >= RANK[fail_on]]


def _where(f: Finding) -> str:
    loc = f.file + (f":{f.line}" if f.file and f.line else "")
    bits = [b for b in (loc or f.work, f.id and f"[{f.id}]", f.lang) if b]
    return " ".join(bits)


def render_text(findings: list[Finding], fail_on: Severity, signature: str) -> str:
    """Grouped by check (registry order), with counts and each check's rationale."""
    out = []
    by_check: dict[str, list[Finding]] = {}
    for f in findings:
        by_check.setdefault(f.check, []).append(f)
    for cid in [c for c in REGISTRY if c in by_check]:
        fs = by_check[cid]
        counts = Counter(f.severity for f in fs)
        tally = ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s])
        out.append(f"{cid} ({tally}): {REGISTRY[cid].rationale}")
        for f in fs:
            out.append(f"  {f.severity:<7} {_where(f)}: {f.message}")
    counts = Counter(f.severity for f in findings)
    bad = failing(findings, fail_on)
    verdict = (
        f"FAIL: {len(bad)} finding(s) at or above {fail_on}"
        if bad
        else f"ok: nothing at or above {fail_on}"
    )
    out.append(
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info; {verdict}"
    )
    out.append(f"signature: {signature}")
    return "\n".join(out)


def render_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def render_junit(findings: list[Finding], fail_on: Severity, checks_run: list[str]) -> str:
    """One testsuite per check that ran; one testcase per finding (failure when at or above fail-on),
    or one passing testcase for a check with no finding."""
    root = etree.Element("testsuites", name="edition check")
    total = fails = 0
    for cid in checks_run:
        fs = [f for f in findings if f.check == cid]
        suite = etree.SubElement(root, "testsuite", name=cid)
        n_fail = 0
        if not fs:
            etree.SubElement(
                suite, "testcase", name=f"{cid}: no findings", classname=f"edition.check.{cid}"
            )
        for f in fs:
            case = etree.SubElement(
                suite, "testcase", name=f"{_where(f) or f.work}", classname=f"edition.check.{cid}"
            )
            if RANK[f.severity] >= RANK[fail_on]:
                n_fail += 1
                fail = etree.SubElement(case, "failure", type=f.severity, message=f.message)
                fail.text = f"{_where(f)}: {f.message}"
            else:
                out = etree.SubElement(case, "system-out")
                out.text = f"{f.severity}: {f.message}"
        tests = max(1, len(fs))
        suite.set("tests", str(tests))
        suite.set("failures", str(n_fail))
        suite.set("errors", "0")
        total += tests
        fails += n_fail
    root.set("tests", str(total))
    root.set("failures", str(fails))
    root.set("errors", "0")
    return (
        etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        .decode("utf-8")
        .rstrip("\n")
    )


def _gh_escape(s: str, prop: bool = False) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return s.replace(":", "%3A").replace(",", "%2C") if prop else s


GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def render_github(findings: list[Finding]) -> str:
    """GitHub workflow commands: ``::error file=F,line=L::[check] id (lang): message``."""
    lines = []
    for f in findings:
        props = []
        if f.file:
            props.append(f"file={_gh_escape(f.file, True)}")
            if f.line:
                props.append(f"line={f.line}")
        head = f"::{GH_LEVEL[f.severity]}" + (" " + ",".join(props) if props else "")
        tag = " ".join(b for b in (f.id, f"({f.lang})" if f.lang else "") if b)
        lines.append(
            f"{head}::{_gh_escape(f'[{f.check}] ' + (tag + ': ' if tag else '') + f.message)}"
        )
    return "\n".join(lines)
