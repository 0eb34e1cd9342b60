"""Safe reading and atomic writing of every file the toolkit touches.

Why one module: the house rules (bounded sizes, clear errors naming the file,
no partial files, XML parsed without entities or network) must hold for every
stage, so every stage goes through these few functions.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

#: Largest text file we accept (bytes).  A book is a few MB; anything larger is
#: almost certainly the wrong file, and reading it all would hang the CLI.
MAX_TEXT_BYTES = 50 * 1024 * 1024


class InputError(Exception):
    """Bad input from the user: reported as one line, exit code 2.

    The message says which file (and line or segment id when known), what is
    wrong and what to do.
    """

    def __init__(self, path: str | os.PathLike[str] | None, message: str, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


def read_text(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_TEXT_BYTES, what: str = "file"
) -> str:
    """Read a UTF-8 text file, refusing binary data and oversized files.

    Why strict: a wrong encoding silently mangles « » and accents, which then
    poison ids, catalogues and checks; better to stop and say so.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(p, f"{what} not found; check the path (or the configuration naming it)")
    if p.is_dir():
        raise InputError(p, f"{what} is a directory, expected a text file")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                p,
                f"{what} is {size} bytes, more than the {max_bytes}-byte limit; split it or check it is the right file",
            )
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(p, f"cannot read {what}: {exc.strerror}; check permissions") from exc
    return decode_text(data, p, what=what)


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


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> bool:
    """Write ``data`` to ``path`` atomically; return False if the file was already identical.

    Why: an interrupted build must never leave a half-written TEI file or
    catalogue, and an unchanged file must not be touched (byte-identical
    rebuilds, quiet diffs, editors that watch files).
    """
    p = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if p.exists() and p.read_bytes() == raw:
            return False
    except OSError:
        pass
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return True


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
    if not p.exists():
        raise InputError(p, "XML file not found; run `edition build` to generate it")
    if p.stat().st_size > max_bytes:
        raise InputError(p, f"XML file larger than {max_bytes} bytes; refusing to parse it")
    data = p.read_bytes()
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
