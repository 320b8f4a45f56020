"""Plain dataclasses for what a note contains, each with its source position.

Lines and columns are 1-based, counted in characters of the decoded text
(after the BOM, with CRLF/CR read as one line break), as editors show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

LinkKind = Literal["wikilink", "embed", "markdown", "property"]
TagSource = Literal["frontmatter", "inline"]


@dataclass(slots=True)
class Link:
    """One link as written in a note, and what it resolves to."""

    kind: LinkKind
    """``wikilink`` ``[[X]]``, ``embed`` ``![[X]]``, ``markdown`` ``[t](X)`` or
    ``![t](X)``, ``property`` (a frontmatter value that is a wikilink)."""
    raw: str
    """The text exactly as written, e.g. ``[[Note#Part|shown]]``."""
    target: str
    """The file part of the link, decoded (``""`` for ``[[#Heading]]``)."""
    line: int
    column: int
    source: str = ""
    """Vault path of the note the link is written in."""
    heading: tuple[str, ...] = ()
    """Heading path after ``#`` (``("H1", "H2")`` for ``[[N#H1#H2]]``)."""
    block: str | None = None
    """Block id after ``#^``, without the caret."""
    display: str | None = None
    """Display text (``|shown`` or Markdown link text); size for image embeds."""
    embed: bool = False
    """True for ``![[...]]`` and ``![...](...)``."""
    subpath: str | None = None
    """Raw text after the first ``#`` (``page=3`` for PDFs), before splitting."""
    resolved: str | None = None
    """Vault path of the file Obsidian would open, or None when unresolved."""
    candidates: tuple[str, ...] = ()
    """Every file the target could mean when more than one matched."""
    property_name: str | None = None
    """For property links: the frontmatter key the link sits under."""

    @property
    def is_resolved(self) -> bool:
        return self.resolved is not None

    @property
    def is_ambiguous(self) -> bool:
        return len(self.candidates) > 1


@dataclass(slots=True)
class Tag:
    """A tag on a note: ``name`` without ``#``, as written."""

    name: str
    line: int
    column: int
    source: TagSource = "inline"

    @property
    def key(self) -> str:
        """Tags are case-insensitive: ``#Work`` and ``#work`` are one tag."""
        return self.name.casefold()


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(slots=True)
class BlockId:
    """A block id defined as `` ^id`` at the end of a line or on its own line."""

    id: str
    line: int
    column: int


@dataclass(slots=True)
class Problem:
    """Something wrong with a file that stopped part of it being read.

    ``kind`` is one of: ``yaml`` (frontmatter does not parse),
    ``frontmatter-not-mapping``, ``duplicate-key``, ``encoding`` (not UTF-8,
    read with replacement characters), ``binary`` (not text at all),
    ``too-large`` (over the size limit, skipped), ``unreadable`` (permission
    or I/O error), ``symlink`` (loop, dangling, or pointing outside the vault).
    """

    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    path: str = ""


@dataclass(slots=True)
class DeprecatedProperty:
    """A frontmatter key Obsidian 1.9+ no longer reads (``tag``, scalar ``tags``...)."""

    key: str
    value: Any
    line: int
    reason: str


@dataclass(slots=True)
class Note:
    """A Markdown note and everything parsed out of it."""

    path: str
    """Vault-relative POSIX path with extension, e.g. ``Projects/Gamma.md``."""
    properties: dict[str, Any] = field(default_factory=dict)
    """Frontmatter properties; empty when there is none or it did not parse."""
    frontmatter_end: int = 0
    """Last line of the frontmatter block (its closing ``---``), 0 if none."""
    tags: list[Tag] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    blocks: list[BlockId] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    deprecated: list[DeprecatedProperty] = field(default_factory=list)
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    """``(line, column, text)`` of each ``%% %%`` / ``<!-- -->`` comment,
    kept for inline suppression (``%% vaultkit-disable ... %%``)."""
    size: int = 0
    mtime_ns: int = 0
    line_count: int = 0

    @property
    def name(self) -> str:
        """The note's name as links write it: the file name without ``.md``."""
        base = self.path.rsplit("/", 1)[-1]
        return base[:-3] if base.lower().endswith(".md") else base

    @property
    def folder(self) -> str:
        """The vault-relative folder (``""`` at the root)."""
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""

    @property
    def tag_names(self) -> set[str]:
        """Every tag key (case-folded) on the note."""
        return {t.key for t in self.tags}

    @property
    def yaml_error(self) -> Problem | None:
        """The problem that stopped the frontmatter being read, if any."""
        for p in self.problems:
            if p.kind in ("yaml", "frontmatter-not-mapping", "duplicate-key"):
                return p
        return None
