"""Safe reading and atomic writing of every file the toolkit touches.

Why one module: the house rules (bounded sizes, clear errors naming the file,
no partial files, XML parsed without entities or network) must hold for every
stage, so every stage goes through these few functions.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import stat
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from lxml import etree

#: Largest text file we accept (bytes).  A book is a few MB; anything larger is
#: almost certainly the wrong file, and reading it all would hang the CLI.
MAX_TEXT_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """Bad input from the user: reported as one line, exit code 2.

    The message says which file (and line or segment id when known), what is
    wrong and what to do.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        message: str,
        line: int | None = None,
        column: int | None = None,
    ):
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.message = message
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
            if column is not None:
                where = f"{where}:{column}"
        super().__init__(f"{where}: {message}")


def os_error(path: str | os.PathLike[str] | None, exc: OSError, doing: str) -> InputError:
    """One located line for an operating-system error (read-only folder, full disk, …).

    Why: a traceback tells an editor nothing; "locales/de/x.po: cannot write
    (No space left on device)" tells them what to fix.
    """
    cause = exc.strerror or exc.__class__.__name__
    hint = {
        "EACCES": "check the permissions",
        "EPERM": "check the permissions",
        "EROFS": "the file system is read-only",
        "ENOSPC": "free some disk space",
        "EDQUOT": "free some disk space",
        "ENOENT": "check the path",
        "ENOTDIR": "check the path",
        "EISDIR": "give a file, not a folder",
    }.get(_errno_name(exc.errno), "check the path and the disk")
    where = exc.filename if path is None else path
    return InputError(where, f"cannot {doing} ({cause}); {hint}")


def toml_error(path: str | os.PathLike[str], exc: Exception, hint: str = "") -> InputError:
    """``invalid TOML at line L: …`` with the line (and column) located, from tomllib's message.

    Why: tomllib says "(at line 3, column 5)" at the end of its message; the
    editor needs the line first, and the error located like every other.
    """
    msg = str(exc)
    m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", msg)
    line = int(m.group(1)) if m else None
    column = int(m.group(2)) if m else None
    what = msg[: m.start()] if m else msg
    where = f" at line {line}" if line else ""
    return InputError(path, f"invalid TOML{where}: {what}{hint}", line=line, column=column)


def _errno_name(code: int | None) -> str:
    import errno

    return errno.errorcode.get(code or 0, "")


def read_text(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_TEXT_BYTES,
    what: str = "file",
    plain: bool = False,
) -> str:
    """Read a UTF-8 text file, refusing binary data and oversized files.

    Why strict: a wrong encoding silently mangles « » and accents, which then
    poison ids, catalogues and checks; better to stop and say so.  ``plain``
    (texts that become TEI: seeds, ``segment`` input) also refuses control
    characters (see ``check_controls``).
    """
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(
                p, f"{what} not found; check the path (or the configuration naming it)"
            )
        if p.is_dir():
            raise InputError(p, f"{what} is a directory, expected a text file")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                p,
                f"{what} is {size} bytes, more than the {max_bytes}-byte limit; split it or check it is the right file",
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a file that grew (or /dev/zero) stays bounded
    except OSError as exc:
        raise os_error(p, exc, f"read {what}") from None
    if len(data) > max_bytes:
        raise InputError(
            p, f"{what} is more than the {max_bytes}-byte limit; check it is the right file"
        )
    text = decode_text(data, p, what=what)
    return drop_form_feeds(check_controls(text, p, what=what))[0] if plain else text


def read_stream(
    stream: BinaryIO, *, max_bytes: int = MAX_TEXT_BYTES, what: str = "standard input"
) -> str:
    """Standard input with the same checks as a file (UTF-8, not binary, bounded, no controls)."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise os_error("<stdin>", exc, f"read {what}") from None
    if len(data) > max_bytes:
        raise InputError("<stdin>", f"{what} is more than the {max_bytes}-byte limit")
    text = check_controls(decode_text(data, "<stdin>", what=what), "<stdin>", what=what)
    return drop_form_feeds(text)[0]


#: Characters XML 1.0 cannot hold (C0 controls but tab and newline), DEL and the
#: C1 controls (in a text "as received" they are mis-decoded bytes, never prose).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def check_controls(text: str, path: str | os.PathLike[str] | None, *, what: str = "file") -> str:
    """Refuse control characters with file:line:column (a form feed is allowed: a page break).

    Why refuse: lxml cannot write them into the TEI (the build crashed with a
    ValueError) and silently deleting a character from an author's text is
    not ours to decide.  Form feeds (``pdftotext`` ends every page with one)
    are page breaks, i.e. layout: ``drop_form_feeds`` removes them, which
    keeps every line number (``[[order]]`` decisions cite them).
    """
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise InputError(
            path,
            f"{what} contains the control character U+{ord(m.group()):04X}; "
            "delete it (or replace it with the character it stands for) and build again",
            line=line,
            column=column,
        )
    return text


def drop_form_feeds(text: str) -> tuple[str, int]:
    """Remove form feeds (page breaks: layout, not text); return the text and how many."""
    n = text.count("\f")
    return (text.replace("\f", ""), n) if n else (text, 0)


def decode_text(
    data: bytes, path: str | os.PathLike[str] | None = None, *, what: str = "file"
) -> str:
    """Decode UTF-8 bytes (BOM allowed), with a located error for anything else."""
    if b"\x00" in data[:8192]:
        raise InputError(path, f"{what} looks binary (NUL bytes); expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x}); re-save it as UTF-8",
            line=line,
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Temporary files of this process not yet renamed into place (removed on any exit path).
_PENDING: set[Path] = set()


def _new_file_mode() -> int:
    """``0666 & ~umask``: what ``open()`` would give a new file (mkstemp gives 0600)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _target_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the umask's."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return _new_file_mode()


def _tmp_prefix(path: Path) -> str:
    return f".{path.name}.{os.getpid()}."


def _sweep_stale(folder: Path) -> None:
    """Remove temporaries a killed run (SIGKILL, power cut) left in ``folder``.

    Our temporaries are ``.<name>.<pid>.<random>.tmp``; one whose process is
    gone is garbage.  Why: they would show in ``git status`` forever.
    """
    try:
        names = list(folder.iterdir())
    except OSError:
        return
    for f in names:
        m = re.fullmatch(r"\..+\.(\d+)\.[^.]+\.tmp", f.name)
        if not m or int(m.group(1)) == os.getpid() or _alive(int(m.group(1))):
            continue
        with contextlib.suppress(OSError):
            f.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _stage(path: Path, raw: bytes, *, make_parents: bool) -> Path:
    """Write ``raw`` to a temporary beside ``path`` (fsynced, final mode); return its path."""
    folder = path.parent
    if not folder.is_dir():
        if not make_parents or folder.exists():
            raise InputError(
                path, f"folder {folder} does not exist; create it first or choose another path"
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(folder, exc, "create the folder") from None
    _sweep_stale(folder)
    try:
        fd, name = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise os_error(path, exc, "write") from None
    tmp = Path(name)
    _PENDING.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fchmod(fh.fileno(), _target_mode(path))
            os.fsync(fh.fileno())
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise os_error(path, exc, "write") from None
        raise
    return tmp


def _discard(tmp: Path) -> None:
    _PENDING.discard(tmp)
    with contextlib.suppress(OSError):
        tmp.unlink()


def _same(path: Path, raw: bytes) -> bool:
    try:
        return path.is_file() and path.stat().st_size == len(raw) and path.read_bytes() == raw
    except OSError:
        return False


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes, *, make_parents: bool = True
) -> bool:
    """Write ``data`` to ``path`` atomically; return False if the file was already identical.

    Why: an interrupted build must never leave a half-written TEI file or
    catalogue, and an unchanged file must not be touched (byte-identical
    rebuilds, quiet diffs, editors that watch files).  ``make_parents=False``
    (a user-given ``--output``) refuses a missing folder instead of creating it.
    """
    return bool(write_all({Path(path): data}, make_parents=make_parents))


def check_output_path(path: str | os.PathLike[str]) -> None:
    """Refuse a user-given output path whose folder is missing or that names a folder.

    Why: ``--output /nonexistent/dir/x.tsv`` used to create the folders
    silently (a typo then scatters files); the user says where, we do not guess.
    """
    p = Path(path)
    if p.is_dir():
        raise InputError(p, "is a folder; give a file name for the output")
    if not p.parent.is_dir():
        raise InputError(
            p, f"folder {p.parent} does not exist; create it first or choose another path"
        )


def write_all(outputs: Mapping[Path, str | bytes], *, make_parents: bool = True) -> list[Path]:
    """Write a set of files all-or-nothing, in the given order; return those that changed.

    Every changed file is first staged as a temporary beside its target (a
    read-only folder or a full disk fails here, before any target is
    touched), and every file it replaces is kept as a backup (a hard link:
    no copy).  Only then are the temporaries renamed into place, with SIGINT
    and SIGTERM held back so an interrupt cannot land between two renames.
    If a rename still fails, the files already replaced get their backups
    back and the new ones are removed (``_roll_back``), so the set is never
    half old, half new.  Callers order the mapping so that what others
    depend on comes first (the TEI, which is the id registry, before the
    catalogues that use its ids).
    """
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    try:
        for path, data in outputs.items():
            raw = data.encode("utf-8") if isinstance(data, str) else data
            if not _same(path, raw):
                staged.append((path, _stage(path, raw, make_parents=make_parents)))
                if path.exists():
                    backups[path] = _backup(path)
        with _signals_held():
            done: list[Path] = []
            for path, tmp in staged:
                try:
                    os.replace(tmp, path)
                except OSError as exc:
                    error = os_error(path, exc, "replace")
                    kept = _roll_back(done, backups)
                    if kept:
                        error = InputError(
                            error.path,
                            f"{error.message}; could not restore {', '.join(kept)}",
                            line=error.line,
                        )
                    raise error from None
                _PENDING.discard(tmp)
                done.append(path)
        return done
    finally:
        for _path, tmp in staged:
            if tmp in _PENDING:
                _discard(tmp)
        for backup in backups.values():
            if backup in _PENDING:
                _discard(backup)


def _backup(path: Path) -> Path:
    """A second name for ``path``'s current content, beside it (a temporary of ours).

    A hard link keeps the old inode alive once the new file is renamed over
    it, at no cost; where links are not possible the content is copied.
    """
    for _ in range(100):
        name = path.parent / f"{_tmp_prefix(path)}{secrets.token_hex(4)}.tmp"
        try:
            os.link(path, name)
        except FileExistsError:
            continue
        except OSError:
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise os_error(path, exc, "read") from None
            return _stage(path, raw, make_parents=False)
        _PENDING.add(name)
        return name
    raise InputError(path, "cannot find a free name for a backup beside it")


def _roll_back(done: list[Path], backups: dict[Path, Path]) -> list[str]:
    """Undo the renames already made: old content back, new files removed.

    Returns what could not be restored, each with where its old content
    still is (that backup is then kept, never deleted: nothing is lost).
    """
    kept = []
    for path in reversed(done):
        backup = backups.get(path)
        try:
            if backup is None:
                path.unlink()
            else:
                os.replace(backup, path)
                _PENDING.discard(backup)
        except OSError:
            if backup is not None:
                _PENDING.discard(backup)
                kept.append(f"{path} (old content kept in {_keep(backup, path)})")
            else:
                kept.append(f"{path} (new file left in place)")
    return kept


def _keep(backup: Path, path: Path) -> Path:
    """Give a backup that could not be restored a visible name the temporaries sweep spares.

    ``<file>.before-write``, or ``.before-write.2``, ``.3``… when an earlier
    failed write left one: a kept old content is never overwritten (the name
    is taken with a hard link or an exclusive create, both of which fail on
    an existing file).  The names do not end in ``.tmp``, so ``_sweep_stale``
    never matches them.
    """
    for k in range(1, 1000):
        visible = path.with_name(f"{path.name}.before-write" + (f".{k}" if k > 1 else ""))
        if os.path.lexists(visible):
            continue
        try:
            os.link(backup, visible)
        except FileExistsError:
            continue
        except OSError:  # no hard links on this file system: an exclusive copy
            created = False
            try:
                with open(visible, "xb") as out:
                    created = True
                    out.write(backup.read_bytes())
            except FileExistsError:
                continue
            except OSError:  # no room for a copy: a rename to the free name (a .tmp is swept)
                if created:
                    with contextlib.suppress(OSError):
                        visible.unlink()  # our partial copy, never someone's file
                if os.path.lexists(visible):
                    continue
                try:
                    os.rename(backup, visible)
                except OSError:
                    return backup  # still there; named in the message
                return visible
        with contextlib.suppress(OSError):
            backup.unlink()
        return visible
    return backup


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT/SIGTERM/SIGHUP while a set of renames runs (delivered right after)."""
    sigs = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, ValueError, OSError):  # not the main thread, or no pthreads
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Terminated(SystemExit):
    """Raised by the SIGTERM/SIGHUP handler so that ``finally`` clauses run (no stray temporaries)."""


def install_signal_cleanup() -> None:
    """Turn SIGTERM and SIGHUP into an exception (exit 128 + signal).

    Why: the default action kills the process on the spot and leaves the
    hidden temporaries of a half-staged build in the work tree.
    """

    def handler(signum: int, _frame: object) -> None:
        raise Terminated(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(sig, handler)


def cleanup_pending() -> None:
    """Remove this process's unrenamed temporaries (a last resort for exit paths)."""
    for tmp in list(_PENDING):
        _discard(tmp)


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, reads no DTD and never touches the network.

    Why: TEI and catalogues come from collaborators; XXE and billion-laughs
    attacks must not work, and huge trees are refused.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_TEXT_BYTES
) -> etree._ElementTree:
    """Parse an XML file safely, with a file:line error message on failure."""
    p = Path(path)
    try:
        if not p.exists():
            raise InputError(p, "XML file not found; run `edition build` to generate it")
        if p.stat().st_size > max_bytes:
            raise InputError(p, f"XML file larger than {max_bytes} bytes; refusing to parse it")
        data = p.read_bytes()
    except OSError as exc:
        raise os_error(p, exc, "read the XML file") from None
    if b"<!ENTITY" in data:
        raise InputError(
            p,
            "XML declares entities (<!ENTITY>); TEI files here must not use a DTD",
            line=data[: data.index(b"<!ENTITY")].count(b"\n") + 1,
        )
    try:
        return etree.ElementTree(etree.fromstring(data, safe_xml_parser()))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(
            p,
            f"XML is not well-formed: {exc.msg}; fix the file or regenerate it with `edition build`",
            line=line,
        ) from exc
