"""GNU ``msgfmt --check`` as a check: what gettext itself refuses, located at the entry.

Why delegate: msgfmt is the program that will compile the catalogue, and its
rules (header fields, ``c-format`` directives matching the msgid's, escape
sequences, plural forms) are the contract; re-implementing them would drift.
Where gettext is not installed the check says so once (info) instead of
silently passing.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from .core import Catalogue, Finding, register

#: msgfmt's located diagnostics: "file:line: message" (warnings carry "warning:").
_DIAG = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<msg>.+)$")


@register(
    "msgfmt",
    "error",
    "catalogue",
    "the catalogue passes GNU `msgfmt --check` (header, c-format directives, escapes, plural forms); reported as info when gettext is not installed",
)
def check_msgfmt(cat: Catalogue) -> list[Finding]:
    exe = shutil.which("msgfmt")
    if exe is None:
        return [
            cat.finding(
                "msgfmt",
                None,
                "GNU gettext is not installed: msgfmt --check not run (install gettext to check)",
                severity="info",
            )
        ]
    try:
        proc = subprocess.run(
            [exe, "--check", "-o", "/dev/null", str(cat.path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [cat.finding("msgfmt", None, f"msgfmt could not run: {exc}", severity="warning")]
    if proc.returncode == 0:
        return []
    out = []
    starts = sorted((e.line, e) for e in cat.entries if e.line)
    for raw in proc.stderr.splitlines():
        m = _DIAG.match(raw.strip())
        if not m or m.group("msg").startswith("warning:"):
            continue
        line = int(m.group("line"))
        # the entry whose first line is at or just before the diagnostic's line
        near = [e for ln, e in starts if ln <= line + 3]
        e = near[-1] if near else None
        msg = f"msgfmt --check: {m.group('msg')} (line {line}); fix it in a PO editor"
        out.append(cat.finding("msgfmt", e, msg))
    if not out:
        first = next((s for s in proc.stderr.splitlines() if s.strip()), "failed")
        out.append(cat.finding("msgfmt", None, f"msgfmt --check: {first.strip()}"))
    return out
