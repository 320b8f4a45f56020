"""Write small vaults and lint them: the shared steps of the lint tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from vaultkit import Vault
from vaultkit.lint import Diagnostic, lint_config_from, lint_vault


def write_vault(
    root: Path, files: dict[str, str | bytes], obsidian: dict[str, Any] | None = None
) -> Path:
    """Create ``root`` with ``.obsidian/`` (settings files from ``obsidian``) and the files."""
    (root / ".obsidian").mkdir(parents=True, exist_ok=True)
    for name, settings in (obsidian or {}).items():
        (root / ".obsidian" / name).write_text(json.dumps(settings), encoding="utf-8")
    for path, content in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


def lint(
    root: Path,
    files: dict[str, str | bytes],
    rule: str | None = None,
    lint_section: dict[str, Any] | None = None,
    obsidian: dict[str, Any] | None = None,
    paths: list[str] | None = None,
) -> list[Diagnostic]:
    """Lint a fresh vault made of ``files``; only ``rule`` when given."""
    write_vault(root, files, obsidian)
    section = dict(lint_section or {})
    if rule:
        section["select"] = [rule]
    config = lint_config_from({"lint": section})
    return lint_vault(Vault.load(root), config, paths=paths)


def where(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int]]:
    """``(path, line, column)`` of each diagnostic: what most tests compare."""
    return [(d.path, d.line, d.column) for d in diagnostics]
