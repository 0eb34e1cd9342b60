"""Strict configuration: one validator for the keys of every TOML table we read.

Why: a typo in a configuration key is silent data loss — ``language = [...]``
builds no catalogues, ``id-prefx`` mints permanent ids with the wrong prefix,
``[[correction]]`` drops the editor's decision.  Every table of
``pyproject.toml`` ``[tool.edition]`` and of ``editorial.toml`` is declared
once as a ``Table`` (next to the code that reads it); ``check_keys`` rejects
any key it does not declare, naming the file, the line when it can be found,
the table, the key and the closest valid key.

Extending the configuration = adding the key to its ``Table`` declaration.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import InputError


@dataclass(frozen=True)
class Table:
    """The keys a TOML table may hold.

    ``keys`` maps each key to None (a plain value: its type is checked by the
    reader) or to the ``Table`` it holds (a sub-table, or every element of an
    array of tables).  ``named`` is the schema of sub-tables whose names the
    user chooses (``[tool.edition.works.<name>]``).  ``free`` tables hold data
    as keys (``min-coverage = {fr = 80}``) and are not checked here.
    """

    keys: Mapping[str, Table | None] = field(default_factory=dict)
    named: Table | None = None
    free: bool = False


#: A table whose keys are data (language codes, check ids).
FREE = Table(free=True)


def check_keys(data: Mapping[str, Any], schema: Table, path: Path | None, table: str = "") -> None:
    """Raise ``InputError`` for the first key ``schema`` does not declare (depth first, in file order).

    ``table`` is the dotted TOML name of ``data`` ("tool.edition", "" for the
    top level of a file); it is used in the message and to find the line.
    """
    if schema.free:
        return
    for key, value in data.items():
        if schema.named is not None:
            sub: Table | None = schema.named
        elif key in schema.keys:
            sub = schema.keys[key]
        else:
            raise _unknown(key, value, schema, path, table)
        if sub is None:
            continue
        name = f"{table}.{key}" if table else key
        if isinstance(value, Mapping):
            check_keys(value, sub, path, name)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    check_keys(item, sub, path, name)


def _unknown(key: str, value: Any, schema: Table, path: Path | None, table: str) -> InputError:
    known = sorted(schema.keys)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    is_table = isinstance(value, Mapping) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)
    )
    what = "table" if is_table else "key"
    if isinstance(value, list) and is_table:
        show = lambda k: f"[[{k}]]"  # noqa: E731
    elif is_table:
        show = lambda k: f"[{table}.{k}]" if table else f"[{k}]"  # noqa: E731
    else:
        show = lambda k: k  # noqa: E731
    where = f"in [{table}]" if table else "at the top level of the file"
    hint = f"did you mean `{show(close[0])}`? " if close else ""
    return InputError(
        path,
        f"unknown {what} `{show(key)}` {where}; {hint}(known: {', '.join(known) or 'none'}); "
        "fix the spelling (unknown keys are refused, never ignored)",
        line=_line_of(path, table, key),
    )


def _header(line: str) -> str | None:
    """The dotted name of a ``[table]`` / ``[[array]]`` header line, quotes removed."""
    m = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", line)
    if not m:
        return None
    return ".".join(p.strip().strip("\"'") for p in m.group(1).split("."))


def _line_of(path: Path | None, table: str, key: str) -> int | None:
    """Best-effort line of ``key`` in ``table`` (tomllib keeps no positions); None if not found."""
    if path is None or not Path(path).is_file():
        return None
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError):
        return None
    full = f"{table}.{key}" if table else key
    current = ""
    assign = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
    for n, line in enumerate(lines, 1):
        header = _header(line)
        if header is not None:
            if header == full or header.startswith(full + "."):
                return n
            current = header
        elif current == table and assign.match(line):
            return n
    return None
