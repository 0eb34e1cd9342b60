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
    site         static web pages: reading view, review, alignment picture
    tmx          translation memories (TMX 1.4b) per language pair

Conventions: results on stdout, progress and messages on stderr; exit 0 ok,
1 findings/failure, 2 usage or input error; ``--format json`` where a machine
reads the output.  Stage modules are imported lazily so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .files import InputError

if TYPE_CHECKING:
    from tqdm import tqdm

    from .config import Config

EXIT_OK, EXIT_USAGE = 0, 2


def _err(msg: str) -> None:
    print(f"edition: {msg}", file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    from .config import load_config

    return load_config(Path(args.root) if getattr(args, "root", None) else None)


# --------------------------------------------------------------------- verbs


def _rel(cfg: Config, path: Path) -> str:
    return str(path.relative_to(cfg.root)) if path.is_relative_to(cfg.root) else str(path)


def _langs(cfg: Config, args: argparse.Namespace) -> list[str] | None:
    """``--lang``, else None: each work's own catalogue languages."""
    return [args.lang] if getattr(args, "lang", None) else None


def _bar(desc: str, *, enabled: bool = True, unit: str = "it") -> tqdm:
    """A progress bar on stderr, shown on interactive terminals only (``disable=None``)."""
    from tqdm import tqdm

    return tqdm(
        desc=desc, unit=unit, file=sys.stderr, leave=False, disable=None if enabled else True
    )


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate TEI, alignment and catalogues for every configured work."""
    from .build import build

    cfg = _config(args)
    with _bar("build", enabled=not args.quiet, unit="stage") as bar:

        def progress(done: int, total: int, label: str) -> None:
            bar.total = total
            bar.n = done
            bar.set_description(label)

        report = build(cfg, work=args.work, check_only=args.check, progress=progress)
    if args.format == "json":
        print(json.dumps(report.as_json(cfg.root), ensure_ascii=False, indent=2))
    else:
        print(report.render(cfg.root))
    return report.exit_code()


def cmd_reassemble(args: argparse.Namespace) -> int:
    """Restore reading order; print paragraphs or the JSON contract (missing pages on stderr)."""
    from .files import read_text
    from .readers import read_source, source_kind
    from .readers.plain import read_plain
    from .reassemble.lexicon import hyphen_editing

    overrides: list[tuple[int, int]] = []
    spellings: tuple[str, ...] = ()
    if args.editorial:
        from .editorial import load_editorial

        editorial = load_editorial(Path(args.editorial))
        overrides = [(o.after, o.next) for o in editorial.order]
        spellings = editorial.hyphens
    with hyphen_editing(spellings) as hyphens:
        if source_kind(args.file) == "text":
            r, how = read_plain(
                read_text(args.file, what="input"), layout=args.layout, overrides=overrides
            )
            _err(f"{args.file}: read as {how.describe()}")
        else:
            r = read_source(args.file, progress=True)
    if r.missing_pages:
        sys.stderr.write(
            f"{args.file}: page number(s) {', '.join(map(str, r.missing_pages))} missing from the "
            "page furniture; text may be lost where no join shows it\n"
        )
    if args.json:
        import json

        data = r.to_json()
        # the line-end hyphens decided with low confidence, for the editor's [[hyphens]]
        data["hyphens"] = [
            {"source": c.source, "read": c.reading, "reason": c.reason}
            for c in hyphens.review.values()
        ]
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        for para in r.paragraphs:
            sys.stdout.write(para.text + "\n")
    return EXIT_OK


def cmd_segment(args: argparse.Namespace) -> int:
    """One sentence per line from text on stdin or a file; a blank line between paragraphs (the input format of ``align``)."""
    from .files import read_stream, read_text
    from .segment import segment_text

    text = (
        read_text(args.file, what="input", plain=True)
        if args.file and args.file != "-"
        else read_stream(sys.stdin.buffer)
    )
    for k, para in enumerate(segment_text(text, args.lang)):
        if k:
            print()
        for sent in para:
            print(sent)
    return EXIT_OK


def _sentences(path: str, what: str) -> tuple[list[str], list[int]]:
    from .align import parse_sentences
    from .files import read_text

    sents, paras = parse_sentences(read_text(path, what=what))
    if not sents:
        raise InputError(path, "no sentences (file is empty); expected one sentence per line")
    return sents, paras


def cmd_align(args: argparse.Namespace) -> int:
    """Align SRC (French) and TGT (English) sentence files; beads to stdout or --output."""
    from .align import align, format_json, format_tsv, read_dictionary
    from .files import check_output_path, write_atomic

    if args.output:
        check_output_path(args.output)  # before minutes of aligning, not after
    src, src_paras = _sentences(args.src, "source file")
    tgt, tgt_paras = _sentences(args.tgt, "target file")
    translation = None
    if args.translation:
        translation, _ = _sentences(args.translation, "translation")
        if len(translation) != len(src):
            raise InputError(
                args.translation,
                f"{len(translation)} sentences but the source has {len(src)}; the translation must follow the source line by line",
            )
    dictionary = read_dictionary(args.dictionary) if args.dictionary else None
    big = len(src) + len(tgt) > 4000
    with _bar("align", enabled=big, unit="step") as bar:
        result = align(
            src,
            tgt,
            src_paras=src_paras,
            tgt_paras=tgt_paras,
            translation=translation,
            dictionary=dictionary,
            embeddings=True if args.embeddings else None,
            progress=bar.update,
        )
    out = format_json(result) if args.format == "json" else format_tsv(result)
    if args.output:
        write_atomic(args.output, out, make_parents=False)
    else:
        sys.stdout.write(out)
    summary = result.summary
    _err(
        f"align: {summary['beads']} beads, mean confidence {summary['mean_confidence']:.3f}, "
        f"{summary['low_confidence']} low; {summary['signature']}"
    )
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """Write each work's template from its English TEI."""
    from .catalog import write_templates

    cfg = _config(args)
    for path, changed in write_templates(cfg, cfg.work(args.work)):
        print(f"{'wrote' if changed else 'unchanged'} {_rel(cfg, path)}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """Start a catalogue for a new language (never overwrites one)."""
    from .catalog import init_catalogs

    cfg = _config(args)
    for path in init_catalogs(cfg, cfg.work(args.work), args.lang):
        print(f"wrote {_rel(cfg, path)}")
    if args.lang not in cfg.all_languages:
        _err(
            f"add {args.lang!r} to [tool.edition] languages in pyproject.toml so that build keeps it in step"
        )
    return EXIT_OK


def cmd_update(args: argparse.Namespace) -> int:
    """Reconcile catalogues with the template by segment id (all read before any is written)."""
    from .catalog import update_catalogs

    cfg = _config(args)
    results, missing = update_catalogs(cfg, cfg.work(args.work), _langs(cfg, args))
    for lang, path in missing:
        _err(f"no catalogue {_rel(cfg, path)}; create it with `edition init --lang {lang}`")
    for path, changed in results:
        print(f"{'updated' if changed else 'unchanged'} {_rel(cfg, path)}")
    return EXIT_OK


STATUS_COLUMNS = (
    "work",
    "lang",
    "section",
    "translated",
    "fuzzy",
    "untranslated",
    "obsolete",
    "words",
    "percent",
)


def format_status(rows: list[dict]) -> str:
    """A fixed-width table: names left-aligned, counts right-aligned."""
    cols = STATUS_COLUMNS
    table = [list(cols)] + [
        [str(r[c]) + ("%" if c == "percent" else "") for c in cols] for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(cols))]
    lines = []
    for k, row in enumerate(table):
        lines.append(
            "  ".join(
                cell.ljust(w) if i < 3 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths))
            )
        )
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def cmd_status(args: argparse.Namespace) -> int:
    """Translated / fuzzy / untranslated / obsolete per language and section."""
    from .catalog import status_rows

    cfg = _config(args)
    works = cfg.work(args.work)
    if args.lang:  # a language asked for by name must have its catalogue
        for w in works:
            if not w.po_path(args.lang).is_file():
                raise InputError(
                    w.po_path(args.lang),
                    f"no catalogue for {args.lang!r}; create it with `edition init --lang {args.lang}`",
                )
    rows = status_rows(works, _langs(cfg, args))
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(format_status(rows))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """Run the checks, print the report in the chosen format, exit 1 on failing findings."""
    from .checks import SEVERITIES, exit_code, render, run, settings_of

    cfg = _config(args)
    settings = settings_of(cfg)
    fail_on = args.fail_on or settings.fail_on
    if fail_on not in SEVERITIES:
        raise InputError(None, f"--fail-on must be one of {', '.join(SEVERITIES)}")
    if args.po is not None and not args.po:
        raise InputError(None, "--po needs at least one catalogue file")
    if args.lang and not args.po and args.lang not in cfg.all_languages:
        raise InputError(
            cfg.pyproject,
            f"language {args.lang!r} is not configured (languages = {list(cfg.all_languages)}); add it or pass --po FILE",
        )
    findings = run(
        cfg,
        work=args.work,
        lang=args.lang,
        po_files=[Path(p) for p in args.po] if args.po else None,
        settings=settings,
    )
    text = render(findings, args.format, settings, fail_on)
    if text:
        sys.stdout.write(text + "\n")
    return exit_code(findings, fail_on)


def cmd_site(args: argparse.Namespace) -> int:
    """Write the static site (and with ``--serve`` show it on 127.0.0.1)."""
    from .site import build_site, serve

    cfg = _config(args)
    out = Path(args.output) if args.output else cfg.root / "site"
    with _bar("site", enabled=not args.quiet, unit="page") as bar:
        report = build_site(cfg, out, work=args.work, progress=lambda _m: bar.update(1))
    for m in report.missing:
        _err(f"missing: {m}")
    print(f"wrote {len(report.pages)} files to {out} (largest {report.bytes_max / 1e6:.2f} MB)")
    print(f"open {out / 'index.html'}")
    if args.serve:
        serve(out, args.port)
    return EXIT_OK


def cmd_tmx(args: argparse.Namespace) -> int:
    """Write one TMX per language pair (English ↔ catalogue languages, original ↔ English)."""
    from .tmx import write_memories

    cfg = _config(args)
    out = Path(args.output) if args.output else cfg.root / "tmx"
    for path, n in write_memories(cfg, out, work=args.work, lang=args.lang):
        print(f"wrote {_rel(cfg, path)} ({n} units)")
        if not n:
            _err(f"{_rel(cfg, path)} is empty: nothing translated (or aligned) yet")
    return EXIT_OK


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

    p = sub.add_parser(
        "reassemble", help="restore the reading order of a PDF text extraction (or read clean text)"
    )
    p.add_argument("file", help="UTF-8 text: a PDF text extraction or clean text")
    p.add_argument(
        "--json",
        action="store_true",
        help="print the JSON contract (order, furniture, gaps, joins, paragraphs)",
    )
    p.add_argument("--editorial", help="editorial TOML file with [[order]] overrides (optional)")
    p.add_argument(
        "--layout",
        choices=["auto", "columns", "flowing"],
        default="auto",
        help="text input: a PDF column extraction (columns), clean text in reading order "
        "(flowing), or decide from the text (auto, the default)",
    )
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
    p.format_help = _with_check_ids(p.format_help)  # type: ignore[method-assign]

    p = sub.add_parser("site", help="static web pages in site/: reading view, review, alignment")
    _add_common(p)
    p.add_argument("--output", help="folder to write (default: site/ in the project root)")
    p.add_argument("--serve", action="store_true", help="then serve it on http://127.0.0.1:PORT/")
    p.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_site)

    p = sub.add_parser("tmx", help="translation memories (TMX 1.4b), one file per language pair")
    _add_common(p)
    p.add_argument(
        "--lang", help="only the pairs with this language (e.g. es, or fr for the original)"
    )
    p.add_argument(
        "--output", help="folder (default: tmx/), or a FILE.tmx when only one pair is exported"
    )
    p.set_defaults(func=cmd_tmx)
    return ap


def check_ids_help() -> str:
    """The check ids (what ``disable`` and ``severity`` take), from the registry itself."""
    import textwrap

    from .checks import REGISTRY

    lines = ["check ids (for [tool.edition.check] disable / severity):"]
    for c in REGISTRY.values():
        head = f"  {c.id} ({c.severity}, {c.scope}): "
        lines += textwrap.wrap(c.rationale, 79, initial_indent=head, subsequent_indent="      ")
    return "\n".join(lines) + "\n"


def _with_check_ids(format_help: Callable[[], str]) -> Callable[[], str]:
    """``check --help`` lists the check ids; the registry is imported only when asked."""
    return lambda: format_help() + "\n" + check_ids_help()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: parse, dispatch, turn InputError into a one-line message and exit 2."""

    ap = build_parser()
    args = ap.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
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


def _show_warning(
    message: Warning | str, category: type[Warning], *_args: object, **_kw: object
) -> None:
    """Warnings from the stages (a broken embeddings install, an unusable cache) as one stderr line."""
    _err(f"warning: {message}")


if __name__ == "__main__":
    sys.exit(main())
