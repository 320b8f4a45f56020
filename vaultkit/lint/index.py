"""Look-up tables the rules share, built once per lint run (never per note).

Why: a rule that scanned every note for every note would make a 10,000-note
vault take minutes. Each table here is built in one pass over the vault the
first time a rule asks for it, and kept for the rest of the run.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import Any

# A target with a URL scheme (https:, mailto:, obsidian:, file:) is not a vault link.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
# How alike (difflib ratio) a name must be to be offered as "did you mean".
SUGGEST_CUTOFF = 0.8
_NOT_ALNUM = re.compile(r"[\W_]+")
# Near misses are looked up by their first PREFIX characters (one typo allowed there).
PREFIX = 7


def is_external(target: str) -> bool:
    """True for ``https://...``, ``mailto:...`` and other non-vault targets."""
    return bool(_URL.match(target)) and not re.match(r"^[A-Za-z]:[\\/]", target)


def is_note_path(path: str | None) -> bool:
    """Links into a Markdown note can have headings and blocks; attachments cannot."""
    return path is not None and path.lower().endswith(".md")


class LintIndex:
    """Tables about one vault, each computed on first use."""

    def __init__(self, vault: Any, extra_template_folders: tuple[str, ...] = ()) -> None:
        self.vault = vault
        self.extra_template_folders = extra_template_folders
        self.suggestions: dict[str, str | None] = {}
        """Broken target name -> nearest note (``similar_note``'s answers so far).
        They depend only on which notes exist, so incremental lint keeps them."""

    @cached_property
    def template_folders(self) -> tuple[str, ...]:
        """Folders holding templates: core Templates, Templater, and vaultkit config."""
        settings = getattr(self.vault, "settings", None)
        found = [getattr(settings, "templates_folder", None), _templater_folder(self.vault.root)]
        found += [_existing_folder(self.vault.root, f) for f in self.extra_template_folders]
        return tuple(sorted({f.strip("/") for f in found if f and f.strip("/")}))

    def in_templates(self, path: str) -> bool:
        folded = path.casefold()
        return any(folded.startswith(f.casefold() + "/") for f in self.template_folders)

    @cached_property
    def _daily(self) -> tuple[str, re.Pattern[str]]:
        settings = getattr(self.vault, "settings", None)
        folder = (getattr(settings, "daily_folder", None) or "").strip("/")
        fmt = getattr(settings, "daily_format", None) or "YYYY-MM-DD"
        return folder, moment_regex(fmt)

    def is_daily_note(self, path: str) -> bool:
        """In the daily-notes folder, or named by the daily-note date format."""
        folder, pattern = self._daily
        if folder and path.casefold().startswith(folder.casefold() + "/"):
            return True
        rel = path[len(folder) + 1 :] if folder and path.startswith(folder + "/") else path
        stem = rel[:-3] if rel.endswith(".md") else rel
        # A note named by the date format is a daily note wherever it sits (the
        # GTD log's Daily/ folder when Obsidian's daily-notes plugin is not set up).
        return bool(pattern.fullmatch(stem) or pattern.fullmatch(stem.rsplit("/", 1)[-1]))

    @cached_property
    def _near_names(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """``(prefix variant -> paths, squashed name -> paths)`` of every note.

        Two names within one typo of each other share a one-deletion variant
        of their first few characters (the symmetric-delete trick), so a
        broken link's near misses are found with a few dict look-ups instead
        of comparing it with every name in the vault.
        """
        variants: dict[str, list[str]] = defaultdict(list)
        squashed: dict[str, list[str]] = defaultdict(list)
        for path in self.vault.notes:
            name = path.rsplit("/", 1)[-1][:-3].casefold()
            for variant in _deletions(name[:PREFIX]):
                variants[variant].append(path)
            squashed[_squash(name)].append(path)
        return variants, squashed

    def similar_note(self, target: str) -> str | None:
        """The note whose name is closest to ``target`` (a near-miss), or None.

        Memoised per target: a missing note is usually linked from many places.
        """
        key = target.rsplit("/", 1)[-1].casefold()
        if key.endswith(".md"):
            key = key[:-3]
        if key not in self.suggestions:
            self.suggestions[key] = self._closest(key)
        return self.suggestions[key]

    def _closest(self, key: str) -> str | None:
        if not key:
            return None
        variants, squashed = self._near_names
        exact = squashed.get(_squash(key))
        if exact:  # only spacing, punctuation or case differ
            return min(exact)
        candidates = set()
        for variant in _deletions(key[:PREFIX]):
            candidates.update(variants.get(variant, ()))
        best, best_score = None, SUGGEST_CUTOFF
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for path in sorted(candidates):
            matcher.set_seq1(path.rsplit("/", 1)[-1][:-3].casefold())
            if matcher.real_quick_ratio() < best_score or matcher.quick_ratio() < best_score:
                continue
            score = matcher.ratio()
            if score > best_score or (score == best_score and best is None):
                best, best_score = path, score
        return best


def _deletions(name: str) -> set[str]:
    """The name and every string made by deleting one character of it."""
    return {name, *(name[:i] + name[i + 1 :] for i in range(len(name)))}


def _squash(name: str) -> str:
    """``Project-Alpha_v2`` and ``project alpha v2`` compare equal."""
    return _NOT_ALNUM.sub("", name)


_MOMENT = re.compile(
    r"\[([^\]]*)\]|YYYY|GGGG|gggg|YY|MMMM|MMM|MM|M|DDDD|DDD|Do|DD|D|dddd|ddd|dd|d|WW|W|ww|w|Q|X|x"
)
_MOMENT_PATTERNS = {
    "YYYY": r"\d{4}",
    "GGGG": r"\d{4}",
    "gggg": r"\d{4}",
    "YY": r"\d{2}",
    "MM": r"\d{2}",
    "DD": r"\d{2}",
    "Do": r"\d{1,2}\w{2}",
}


def moment_regex(fmt: str) -> re.Pattern[str]:
    """A regex for file names written with a moment.js date format (daily notes)."""
    out, pos = [], 0
    for match in _MOMENT.finditer(fmt):
        out.append(re.escape(fmt[pos : match.start()]))
        token = match.group()
        if match.group(1) is not None:
            out.append(re.escape(match.group(1)))
        elif token in _MOMENT_PATTERNS:
            out.append(_MOMENT_PATTERNS[token])
        elif token[0] in "dM" and len(token) >= 3:
            out.append(r"[^\W\d_]+")  # day and month names, any language
        else:
            out.append(r"\d{1,4}")
        pos = match.end()
    out.append(re.escape(fmt[pos:]))
    return re.compile("".join(out), re.IGNORECASE)


def _existing_folder(root: Path, folder: str) -> str | None:
    """``folder`` if the vault has it, matching case-insensitively as Obsidian does on macOS."""
    folder = folder.strip("/")
    if not folder or (root / folder).is_dir():
        return folder or None
    try:
        names = [p.name for p in (root / folder).parent.iterdir() if p.is_dir()]
    except OSError:
        return None
    match = [n for n in names if n.casefold() == Path(folder).name.casefold()]
    return str(Path(folder).parent / match[0]).removeprefix("./") if match else None


def _templater_folder(root: Path) -> str | None:
    """The Templater plugin's template folder, if the plugin is configured."""
    data = root / ".obsidian" / "plugins" / "templater-obsidian" / "data.json"
    try:
        folder = json.loads(data.read_text(encoding="utf-8")).get("templates_folder")
    except (OSError, ValueError, AttributeError):
        return None
    return folder if isinstance(folder, str) else None


# The current run's tables; lint_vault clears them when it is done, so a
# long-running process (the HTML report, a review) does not keep a vault alive.
_LAST: list[tuple[Any, LintIndex]] = []


def index_for(vault: Any, extra_template_folders: tuple[str, ...] | None = None) -> LintIndex:
    """The shared tables for ``vault``, built on first use in this run.

    The linter core calls it first with the config's template folders; rules
    then get the same tables back.
    """
    if _LAST and _LAST[0][0] is vault and extra_template_folders is None:
        return _LAST[0][1]
    index = LintIndex(vault, extra_template_folders or ())
    _LAST[:] = [(vault, index)]
    return index


def forget_index() -> None:
    """Drop the tables (and the vault they refer to)."""
    _LAST.clear()
