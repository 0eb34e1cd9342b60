"""PO files written the way GNU ``msgmerge``/``msgcat`` write them, and read back losslessly.

Why our own writer: catalogues belong to translators, whose tools (``msgmerge``,
``msgcat``, most PO editors) re-wrap strings the GNU way — a line ends *after*
the space at a Unicode line-break opportunity (UAX #14, via libunistring),
79 columns — while polib wraps with ``textwrap`` (before the space, 78
columns) and also re-wraps ``#.`` comments.  A catalogue that only changed
its wrapping then looked stale to CI.  Writing GNU's layout keeps the
round trip ``edition build`` → ``msgmerge`` → ``edition build`` byte-stable;
``content_key`` makes freshness independent of wrapping anyway.

Escapes: GNU writes ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"`` and reads octal and
hex escapes too; polib only knows five, so a ``\\v`` written by msgmerge
came back as a backslash and a "v".  ``unescape`` is GNU's, and is installed
into polib's parser (``polib.unescape``) when this module is imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import accumulate

import polib

#: msgmerge's default page width (``--width``): no output line is longer.
PAGE_WIDTH = 79

_ESCAPES = {
    "\a": "a",
    "\b": "b",
    "\f": "f",
    "\n": "n",
    "\r": "r",
    "\t": "t",
    "\v": "v",
    "\\": "\\",
    '"': '"',
}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}
_ESCAPE_RE = re.compile(r'\\(?:([abfnrtv\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.)|$)', re.S)


def escape(text: str) -> str:
    """A PO string body (without the quotes), GNU's escapes."""
    return "".join("\\" + _ESCAPES[c] if c in _ESCAPES else c for c in text)


def unescape(body: str) -> str:
    """Inverse of ``escape``; also octal (``\\101``) and hex (``\\x41``) escapes, as msgfmt reads."""

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return _UNESCAPES[m.group(1)]
        if m.group(2):
            return chr(int(m.group(2), 8))
        if m.group(3):
            return chr(int(m.group(3), 16))
        return m.group(0)  # invalid escapes are refused by the lint before polib reads

    return _ESCAPE_RE.sub(one, body) if "\\" in body else body


polib.unescape = unescape  # polib's parser resolves this module-level name at call time


# ------------------------------------------------------------- line breaking
# A subset of UAX #14 (Unicode line breaking, the rules libunistring applies
# for msgmerge) covering Latin-script prose: spaces, hyphens and dashes,
# quotation marks, brackets, punctuation, numbers, no-break spaces.


def _lb_class(c: str) -> str:
    if c == " ":
        return "SP"
    if c in "\u00a0\u202f\u2007\u2011\u034f\u180e\u0f0c\u0f12":
        return "GL"
    if c == "\u200b":
        return "ZW"
    if c == "-":
        return "HY"
    if c == "\u2014":
        return "B2"
    if (
        c
        in "\t\u00ad\u2010\u2012\u2013\u058a\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f|\u2027"
    ):
        return "BA"
    if c in "\u00b4\u02c8\u02cc\u02df":
        return "BB"
    if (
        c
        in "\"'\u00ab\u00bb\u2018\u2019\u201b\u201c\u201d\u201f\u2039\u203a\u275b\u275c\u275d\u275e\u2e00\u2e01"
    ):
        return "QU"
    if c in "([{\u00a1\u00bf\u201a\u201e\u2045\u207d\u208d\u2329\u3008\u300a":
        return "OP"
    if c in ")]":
        return "CP"
    if c in "}\u2046\u207e\u208e\u232a\u3001\u3002\u3009\u300b":
        return "CL"
    if c in "!?\u203c\u2047\u2048\u2049\u061f":
        return "EX"
    if c in ",.:;\u037e\u0589\u060c\u060d\u2044\ufe10\ufe13\ufe14":
        return "IS"
    if c == "/":
        return "SY"
    if c in "\u2024\u2025\u2026\ufe19":
        return "IN"
    if (
        c
        in "$+\\\u00a3\u00a5\u20ac\u00b1\u2116\u2212\u2213\u20a0\u20a1\u20a2\u20a3\u20a4\u20a5\u20a6\u20a7\u20a8\u20a9\u20aa\u20ab\u20ad\u20ae\u20af"
    ):
        return "PR"
    if c in "%\u00a2\u00b0\u2030\u2031\u2032\u2033\u2034\u2035\u2036\u2037\u20ac\u2103\u2109":
        return "PO"
    if (
        c
        in "\u203d\u2016\u3005\u309d\u309e\u30fd\u30fe\u30fc\u3041\u3043\u3045\u3047\u3049\u3063\u3083\u3085\u3087\u30a1\u30a3\u30a5\u30a7\u30a9\u30c3\u30e3\u30e5\u30e7"
    ):
        return "NS"
    cat = unicodedata.category(c)
    if cat == "Nd":
        return "NU"
    if unicodedata.east_asian_width(c) in ("W", "F") and cat.startswith("L"):
        return "ID"
    if cat in ("Mn", "Mc", "Me"):
        return "CM"
    if cat.startswith("C"):
        return "CM" if cat == "Cf" else "BA"
    return "AL"


def break_opportunities(cls: list[str]) -> list[bool]:
    """``ok[i]``: a line may break before character ``i`` (UAX #14 rules 7–31, pairwise)."""
    n = len(cls)
    ok = [False] * n
    # the class of the character before a run of spaces ("X SP* ×" rules)
    before_sp = ["sot"] * n
    prev = "sot"
    for i in range(n):
        before_sp[i] = prev
        if cls[i] != "SP":
            prev = cls[i]
    for i in range(1, n):
        a, b = cls[i - 1], cls[i]
        if b == "SP" or (a == "AL" and b == "AL"):
            continue  # LB7 × SP; LB28 AL × AL (the common cases first)
        x = before_sp[i]  # last non-space class before i
        if b == "CM":
            continue  # LB9 combining marks stay with their base
        if a == "ZW" or (a == "SP" and x == "ZW"):
            ok[i] = True  # LB8
            continue
        if a == "GL" or b == "GL" and a not in ("SP", "BA", "HY"):
            continue  # LB12, LB12a
        if b in ("CL", "CP", "EX", "IS", "SY"):
            continue  # LB13
        if x == "OP":
            continue  # LB14 OP SP* ×
        if x == "QU" and b == "OP":
            continue  # LB15
        if x in ("CL", "CP") and b == "NS":
            continue  # LB16
        if x == "B2" and b == "B2":
            continue  # LB17
        if a == "SP":
            ok[i] = True  # LB18
            continue
        if b == "QU" or a == "QU":
            continue  # LB19
        if b in ("BA", "HY", "NS") or a == "BB":
            continue  # LB21
        if b == "IN":
            continue  # LB22
        if (a == "AL" and b == "NU") or (a == "NU" and b == "AL"):
            continue  # LB23
        if (a in ("PR", "PO") and b == "AL") or (a == "AL" and b in ("PR", "PO")):
            continue  # LB24
        if _lb25(cls, i):
            continue  # LB25 numbers
        if a == "AL" and b == "AL":
            continue  # LB28
        # LB29 (IS × AL) is not applied: libunistring breaks "e.|g." like msgmerge
        if (a in ("AL", "NU") and b == "OP") or (a == "CP" and b in ("AL", "NU")):
            continue  # LB30
        ok[i] = True  # LB31
    return ok


_LB25 = {
    ("CL", "PO"), ("CP", "PO"), ("CL", "PR"), ("CP", "PR"), ("NU", "PO"), ("NU", "PR"),
    ("PO", "OP"), ("PO", "NU"), ("PR", "OP"), ("PR", "NU"), ("HY", "NU"), ("IS", "NU"),
    ("NU", "NU"), ("SY", "NU"),
}  # fmt: skip


def _lb25(cls: list[str], i: int) -> bool:
    """LB25: numbers such as "$1,500.00" or "(12)%" hold together (the pair form)."""
    return (cls[i - 1], cls[i]) in _LB25


def _width(c: str) -> int:
    if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.category(c) == "Cc":
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


class _PerChar(dict):
    """A per-character cache (``dict.__missing__``): classes and widths computed once per character."""

    def __init__(self, func: Callable[[str], object]) -> None:
        super().__init__()
        self.func = func

    def __missing__(self, c: str) -> object:
        v = self[c] = self.func(c)
        return v


_CLASS = _PerChar(_lb_class)
_WIDTH = _PerChar(_width)
_ESC_TABLE = str.maketrans({c: "\\" + e for c, e in _ESCAPES.items()})


def _portion_lines(portion: str, width: int, startcol: int) -> list[str]:
    """Break one ``\\n``-terminated portion into escaped lines of ≤ ``width`` columns.

    As gettext does, line breaking runs on the *escaped* text (a backslash is
    a prefix character, ``"`` a quotation mark) and never splits an escape.
    Linear in the length (a 1 MB msgid is written in about a second).
    """
    esc = portion.translate(_ESC_TABLE)
    widths = list(map(_WIDTH.__getitem__, esc))
    if startcol + sum(widths) <= width:
        return [esc]  # fits: no break is needed, whatever the opportunities
    # the second character of an escape: never a break before it
    glued = {m.start() + 1 for m in re.finditer(r"\\.", esc, re.S)}
    if portion.endswith("\n"):
        glued.add(len(esc) - 2)  # gettext: never break right before the closing "\n"
    ok = break_opportunities(list(map(_CLASS.__getitem__, esc)))
    prefix = list(accumulate(widths, initial=0))
    # libunistring's ulc_width_linebreaks: break at the last opportunity that keeps the line in
    breaks: list[int] = []
    last_col, start, last_p = startcol, 0, None
    for i in (i for i, o in enumerate(ok) if o and i > 0 and i not in glued):
        piece = prefix[i] - prefix[start]
        if last_p is not None and last_col + piece > width:
            breaks.append(last_p)
            last_col = 0
        last_p, start = i, i
        last_col += piece
    if last_p is not None and last_col + prefix[-1] - prefix[start] > width:
        breaks.append(last_p)
    lines, start = [], 0
    for i in breaks:
        lines.append(esc[start:i])
        start = i
    lines.append(esc[start:])
    return lines


def wrap_field(prefix: str, name: str, value: str, width: int = PAGE_WIDTH) -> list[str]:
    """The lines of ``name "value"`` (after ``prefix`` such as ``#~ ``) as GNU gettext writes them."""
    portions = re.findall(r"[^\n]*\n|[^\n]+", value) or [""]
    after_break = len(prefix) + 1  # the opening quote
    w = width - 1 - after_break  # room for the closing quote
    out: list[str] = []
    first = True
    for k, portion in enumerate(portions):
        if first:
            startcol = len(prefix) + len(name) + 2 - after_break
            lines = _portion_lines(portion, w, startcol)
            more = k + 1 < len(portions)
            if portion and (more or len(lines) > 1 or startcol > w):
                out.append(f'{prefix}{name} ""')
                first = False
            else:
                out.append(f'{prefix}{name} "{lines[0]}"')
                first = False
                continue
        out.extend(f'{prefix}"{line}"' for line in _portion_lines(portion, w, 0))
    return out


def _refs(occurrences: Iterable[tuple[str, str]], width: int = PAGE_WIDTH) -> list[str]:
    refs = [f"{f}:{n}" if n else f for f, n in occurrences]
    out, cur = [], "#:"
    for r in refs:
        if len(cur) > 2 and len(cur) + 1 + len(r) > width:
            out.append(cur)
            cur = "#:"
        cur += " " + r
    if len(cur) > 2:
        out.append(cur)
    return out


def format_entry(e: polib.POEntry, width: int = PAGE_WIDTH) -> str:
    """One entry: comments, references, flags, previous strings, then the strings."""
    lines: list[str] = []
    for line in (e.tcomment or "").split("\n") if e.tcomment else []:
        lines.append(f"# {line}" if line else "#")
    if not e.obsolete:
        for line in (e.comment or "").split("\n") if e.comment else []:
            lines.append(f"#. {line}" if line else "#.")
        lines.extend(_refs(e.occurrences, width))
    if e.flags:
        lines.append("#, " + ", ".join(e.flags))
    prev = "#~| " if e.obsolete else "#| "
    for name, val in (
        ("msgctxt", e.previous_msgctxt),
        ("msgid", e.previous_msgid),
        ("msgid_plural", e.previous_msgid_plural),
    ):
        if val is not None:
            lines.extend(wrap_field(prev, name, val, width))
    p = "#~ " if e.obsolete else ""
    if e.msgctxt is not None:
        lines.extend(wrap_field(p, "msgctxt", e.msgctxt, width))
    lines.extend(wrap_field(p, "msgid", e.msgid, width))
    if e.msgid_plural:
        lines.extend(wrap_field(p, "msgid_plural", e.msgid_plural, width))
        forms = e.msgstr_plural or {0: "", 1: ""}
        for idx in sorted(forms, key=int):
            lines.extend(wrap_field(p, f"msgstr[{idx}]", forms[idx], width))
    else:
        lines.extend(wrap_field(p, "msgstr", e.msgstr, width))
    return "\n".join(lines) + "\n"


def dumps(po: polib.POFile, width: int = PAGE_WIDTH) -> str:
    """The whole file: header comment and entry, active entries, then obsolete ones."""
    head = po.metadata_as_entry()
    head.tcomment = po.header or ""
    parts = [format_entry(head, width)]
    parts += [format_entry(e, width) for e in po if not e.obsolete]
    parts += [format_entry(e, width) for e in po if e.obsolete]
    return "\n".join(parts)


def loads(text: str) -> polib.POFile:
    """Parse PO text with polib, lines split at ``\n`` only.

    Why: ``polib.pofile(text)`` splits with ``str.splitlines()``, which also
    breaks at U+2028/U+2029/U+0085, \\v, \\f and \\x1c–\\x1e — characters a
    msgstr may hold (``msgfmt`` accepts them) — and then reports an
    "unterminated string" or, worse, mis-numbers every later line.
    """
    parser = polib._POFileParser(text, check_for_duplicates=False)
    parser.fhandle = text.split("\n")
    po = parser.parse()
    po.wrapwidth = PAGE_WIDTH - 1
    return po


def content_key(po: polib.POFile) -> tuple:
    """What a catalogue says, whatever its line wrapping: header, entries, flags, comments.

    Why: freshness (``build --check``, ``outputs-fresh``) must not fail
    because a translator's tool re-wrapped lines; it must fail when an entry,
    a translation, a flag or a comment differs.
    """

    def entry(e: polib.POEntry) -> tuple:
        return (
            e.obsolete,
            e.msgctxt,
            e.msgid,
            e.msgid_plural,
            e.msgstr,
            tuple(sorted((int(k), v) for k, v in (e.msgstr_plural or {}).items())),
            e.tcomment or "",
            e.comment or "",
            tuple(e.occurrences),
            tuple(e.flags),
            e.previous_msgctxt,
            e.previous_msgid,
            e.previous_msgid_plural,
        )

    return (
        po.header or "",
        tuple(sorted(po.metadata.items())),
        bool(po.metadata_is_fuzzy),
        tuple(entry(e) for e in po),
    )
