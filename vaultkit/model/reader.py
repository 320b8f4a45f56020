"""Bytes on disk to note text: BOMs, encodings, binaries and line endings.

Why a module of its own: a vault holds whatever people and tools put in it.
Every decision here records a Problem on the note instead of raising, so one
bad file never stops the rest of the vault from loading.
"""

from __future__ import annotations

from vaultkit.model.types import Problem

# Magic numbers of binary formats people rename to .md by accident.
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"%PDF-": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x7fELF": "an executable",
}
_SNIFF = 8192


def decode(data: bytes) -> tuple[str, list[Problem]]:
    """Decode a note's bytes to text with ``\\n`` line endings.

    Returns the text and the problems met. A binary file yields ``""`` and a
    ``binary`` problem; invalid UTF-8 is read with replacement characters and
    an ``encoding`` problem naming the first bad line.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data)
    kind = _binary_kind(data)
    if kind:
        return "", [Problem("binary", f"not a text file: looks like {kind}")]
    return _utf8(data)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    head = data[:_SNIFF]
    # Text with a stray NUL is still text; a run of them is not.
    if head.count(b"\0") > max(1, len(head) // 100):
        return "binary data (NUL bytes)"
    return None


def _utf8(data: bytes) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # count in the decoded text, as positions are: characters, CR and CRLF as breaks
        before = _newlines(data[: exc.start].decode("utf-8"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        problems.append(
            Problem(
                "encoding",
                f"not valid UTF-8 (byte 0x{bad}); read with replacement characters, "
                "and Obsidian may show or save it differently",
                line=line,
                column=column,
            )
        )
        text = data.decode("utf-8", errors="replace")
    text = _newlines(text)
    if "\0" in text:
        offset = text.index("\0")
        problems.append(
            Problem("encoding", "contains a NUL byte", line=text.count("\n", 0, offset) + 1)
        )
    return text, problems


def _utf16(data: bytes) -> tuple[str, list[Problem]]:
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError:
        text = data.decode("utf-16", errors="replace")
    problem = Problem("encoding", "encoded as UTF-16; Obsidian expects UTF-8")
    return _newlines(text.lstrip("\ufeff")), [problem]


def _newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
